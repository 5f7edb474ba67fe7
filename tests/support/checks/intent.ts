// Intent (docs/suite-rules.md §3): the group must match; the subtype is compared when the answer carries one. When it does
// not, the contract decides (core/observes.ts): a wire that may omit it (real v2 sends the group alone) makes it
// "not observable", never a failure; a wire that always carries it makes its absence a failure.
import { observation, type Observes } from '../../../core/observes.ts'
import type { Question } from '../../../core/questions.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import type { AdapterResult, NormalizedTurn } from '../turn.ts'

export interface ExpectedIntent {
  group: string
  subtype: string | null
}

/** "transaction_search.by_merchant" → {group, subtype}; "CONVERSATIONAL" → {group, subtype: null}. */
export function parseExpectedIntent(expected: string): ExpectedIntent {
  const dot = expected.indexOf('.')
  return dot === -1 ? { group: expected, subtype: null } : { group: expected.slice(0, dot), subtype: expected.slice(dot + 1) }
}

/** "a|b" → each alternative; one of them must match. */
export function expectedAlternatives(expected: string): ExpectedIntent[] {
  return expected.split('|').map(parseExpectedIntent)
}

function matches(expected: ExpectedIntent, observed: NonNullable<NormalizedTurn['intent']>, observes: Observes): boolean {
  if (observed.group !== expected.group) return false
  if (expected.subtype === null) return true
  const subtype = observation(observes.subtype, observed.subtype !== null)
  return subtype === 'not_observable' || (subtype === 'observed' && observed.subtype === expected.subtype)
}

export function checkIntent(question: Question, turn: NormalizedTurn, observes: Observes): Reason[] {
  if (question.expectedIntent === null) return []
  const observed = turn.intent
  if (observed !== null && expectedAlternatives(question.expectedIntent).some((e) => matches(e, observed, observes))) return []
  return [
    reason('check.intent.mismatch', {
      expected: question.expectedIntent.split('|'),
      group: observed?.group ?? null,
      subtype: observed?.subtype ?? null,
    }),
  ]
}

/**
 * True when the question expects a subtype but this answer carries none, so only the group could be compared:
 * the caller reports "subtype not observable" (never a failure). False for non-turn results.
 */
export function subtypeNotObservable(question: Question, result: AdapterResult, observes: Observes): boolean {
  if (question.expectedIntent === null || result.kind !== 'turn') return false
  if (expectedAlternatives(question.expectedIntent).every((e) => e.subtype === null)) return false
  const intent = result.turn.intent
  return intent !== null && observation(observes.subtype, intent.subtype !== null) === 'not_observable'
}
