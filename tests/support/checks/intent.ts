// Intent (spec §3): the group must match; the subtype is compared only when the wire carries one. Real v2
// sends the group alone (contract §0.4), so there the report says "subtype not observable" instead of failing.
import type { Question } from '../../../core/questions.ts'
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

function observedText(turn: NormalizedTurn): string {
  if (turn.intent === null) return 'no intent'
  return turn.intent.subtype === null ? `${turn.intent.group} (subtype not observable)` : `${turn.intent.group}.${turn.intent.subtype}`
}

export function checkIntent(question: Question, turn: NormalizedTurn): string[] {
  if (question.expectedIntent === null) return []
  const expected = parseExpectedIntent(question.expectedIntent)
  const observed = turn.intent
  const failure = `expected intent ${question.expectedIntent}, observed ${observedText(turn)}`
  if (observed === null || observed.group !== expected.group) return [failure]
  if (expected.subtype !== null && observed.subtype !== null && observed.subtype !== expected.subtype) return [failure]
  return []
}

/**
 * True when the question expects a subtype but this answer carries none, so only the group could be compared:
 * the caller reports "subtype not observable" (never a failure). False for non-turn results.
 */
export function subtypeNotObservable(question: Question, result: AdapterResult): boolean {
  if (question.expectedIntent === null || result.kind !== 'turn') return false
  if (parseExpectedIntent(question.expectedIntent).subtype === null) return false
  const intent = result.turn.intent
  return intent !== null && intent.subtype === null
}
