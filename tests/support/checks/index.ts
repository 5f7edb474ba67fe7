// Spec §4 for one attempt: what the adapter made of the exchange + the question → ok / failures / critical /
// fallback. Order matters: critical outcomes first (5xx, invalid JSON, contract), then 4xx (acceptable only
// for an edge case with a readable message about that question, never auth/rate limiting), then the pipeline
// fallback (HTTP 200 + status "error", a fallback sentence or performance.overall_success false is a failure on
// EVERY question, edge cases included — the 96.4 %-vs-60.7 % trap), then encoding, text, everything shown,
// intent, data presentation, the question's entities, grounded figures and each expectation.
import type { CriticalKind } from '../../../core/model.ts'
import type { Observes } from '../../../core/observes.ts'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import type { Reason } from '../../../core/reason.ts'
import { checkGrounding, type GroundingStatus } from '../grounding/check.ts'
import type { Expectation, Question } from '../../../core/questions.ts'
import type { AdapterResult, NormalizedTurn } from '../turn.ts'
import { checkBar } from './bar.ts'
import { checkChangePercent } from './change-percent.ts'
import { checkChartAny } from './chart-any.ts'
import { checkClarificationOrFallback } from './clarification-or-fallback.ts'
import { checkClientError } from './client-error.ts'
import { checkDataPresentation } from './data-presentation.ts'
import { checkEncoding } from './encoding.ts'
import { fallbackSentenceIn } from './fallback.ts'
import { checkInsight } from './insight.ts'
import { checkIntent } from './intent.ts'
import { checkKpiCards } from './kpi-cards.ts'
import { checkLine } from './line.ts'
import { checkMessage } from './message.ts'
import { checkPie } from './pie.ts'
import { checkQuestionAsked, checkRefusalConcernsQuestion } from './question-asked.ts'
import { checkShownText } from './shown-text.ts'
import { quoted } from './text.ts'
import type { CheckContext, ExpectationCheck, ExpectationKind } from './types.ts'

export interface CheckOutcome {
  ok: boolean
  /** Readable English sentences: what was expected, what was observed. Empty when ok. */
  failures: string[]
  critical: CriticalKind | null
  /** A pipeline fallback answer (status "error", a known fallback sentence or overall_success false). */
  fallback: boolean
}

/** What is observed of an answer without failing it: how far its figures could be checked (issue 10). */
export interface AttemptObservation {
  grounding: GroundingStatus
  /** Said, never silently passed: "figures not checkable", unverified figures. */
  notes: string[]
}

const CHECKS: { [K in ExpectationKind]: ExpectationCheck<K> } = {
  kpi_cards: checkKpiCards,
  pie: checkPie,
  bar: checkBar,
  line: checkLine,
  chart_any: checkChartAny,
  insight: checkInsight,
  change_percent: checkChangePercent,
  clarification_or_fallback: checkClarificationOrFallback,
}

/** Failures of one expectation against a turn (empty: it holds). */
export function checkExpectation(expectation: Expectation, turn: NormalizedTurn, ctx: CheckContext): string[] {
  const check = CHECKS[expectation.kind] as ExpectationCheck<typeof expectation.kind>
  return check(expectation, turn, ctx)
}

const MAX_ISSUES_IN_FAILURE = 3

function outcome(failures: string[], critical: CriticalKind | null = null, fallback = false): CheckOutcome {
  return { ok: failures.length === 0 && critical === null, failures, critical, fallback }
}

/** Reasons as sentences, until the outcome carries reasons as data (docs/reasons.md). */
const sentences = (reasons: readonly Reason[]): string[] => reasons.map((r) => say(r, 'en'))

/** Why the turn is a pipeline fallback, or null. overall_success false is the service's own "I failed". */
function fallbackReason(turn: NormalizedTurn): string | null {
  if (turn.status === 'error') return `status "error", message ${quoted(turn.message)}`
  if (fallbackSentenceIn(turn.message) !== null) return `status "${turn.status}" with the fallback message ${quoted(turn.message)}`
  if (turn.overallSuccess === false) return `the service reports overall_success false, status "${turn.status}", message ${quoted(turn.message)}`
  return null
}

function checkTurn(question: Question, turn: NormalizedTurn, observes: Observes): CheckOutcome {
  const reason = fallbackReason(turn)
  // A fallback is a failed answer on every question: an edge case deserves a clear answer too, and a gate that
  // excused fallbacks on edge cases reported GO at 100 % on three pipeline failures (issue 10).
  if (reason !== null) return outcome([`expected a real answer, observed a pipeline fallback (${reason})`], null, true)
  const ctx: CheckContext = { fallback: false }
  const failures = [
    ...checkEncoding(turn),
    ...checkMessage(turn.message),
    ...sentences(checkShownText(turn)),
    ...checkIntent(question, turn, observes),
    ...checkDataPresentation(question, turn),
    ...sentences(checkQuestionAsked(question.message, turn)),
    ...sentences(checkGrounding(turn, question.message, { inventedChecked: question.expectsData === false }).contradictions),
    ...question.expectations.flatMap((e) => checkExpectation(e, turn, ctx)),
  ]
  return outcome(failures)
}

/** The grounding of a real (non-fallback) 2xx answer; null for anything else (nothing to read figures from). */
export function observeAttempt(question: Question, result: AdapterResult): AttemptObservation | null {
  if (result.kind !== 'turn' || fallbackReason(result.turn) !== null) return null
  const grounding = checkGrounding(result.turn, question.message)
  return { grounding: grounding.status, notes: sentences(grounding.notes) }
}

function checkRefusal(question: Question, result: Extract<AdapterResult, { kind: 'client_error' }>): CheckOutcome {
  const failures = checkClientError(question.edgeCase, result.httpStatus, result.message)
  if (failures.length > 0 || !question.edgeCase) return outcome(failures)
  return outcome(sentences(checkRefusalConcernsQuestion(question.message, result.message, result.inputs ?? [])))
}

/** `observes`: what the contract's wire can carry (its adapter's declaration), so a part it cannot carry is not failed. */
export function checkAttempt(question: Question, result: AdapterResult, observes: Observes): CheckOutcome {
  switch (result.kind) {
    case 'server_error':
      return outcome([`expected a 2xx answer, observed HTTP ${result.httpStatus} (server error): ${quoted(result.bodyHead)}`], 'http_5xx')
    case 'invalid_json':
      return outcome(
        [`expected a JSON body, observed HTTP ${result.httpStatus} with a body that is not JSON: ${quoted(result.bodyHead)}`],
        'invalid_json',
      )
    case 'contract_violation': {
      const shown = result.issues.slice(0, MAX_ISSUES_IN_FAILURE).map((i) => quoted(i, 120).slice(1, -1))
      const more = result.issues.length > MAX_ISSUES_IN_FAILURE ? `; … (${result.issues.length} in all)` : ''
      const n = result.issues.length
      return outcome(
        [`expected a body that satisfies the contract schema, observed ${n} violation${n === 1 ? '' : 's'}: ${shown.join('; ')}${more}`],
        'contract',
      )
    }
    case 'client_error':
      return checkRefusal(question, result)
    case 'turn':
      return checkTurn(question, result.turn, observes)
  }
}

export { subtypeNotObservable, parseExpectedIntent } from './intent.ts'
export { FALLBACK_SENTENCES, isFallbackMessage, fallbackSentenceIn } from './fallback.ts'
export { looksFrench, leakedPlaceholder, checkMessage } from './message.ts'
export { checkEncoding } from './encoding.ts'
export { statedFigures, checkNoFabricatedFigures } from './fabricated.ts'
export { ANSWERING_4XX, checkClientError } from './client-error.ts'
