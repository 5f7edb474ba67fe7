// docs/suite-rules.md §4 for one attempt: what the adapter made of the exchange + the question → ok / failures /
// critical / fallback. Order matters: critical outcomes first (5xx, invalid JSON, contract), then 4xx (acceptable
// only for an edge case with a readable message about that question, never auth/rate limiting), then the pipeline
// fallback (HTTP 200 + status "error", a fallback sentence or performance.overall_success false is a failure on
// EVERY question, edge cases included — the 96.4 %-vs-60.7 % trap), then encoding, text, everything shown,
// intent, data presentation, the question's entities, grounded figures and each expectation.
// Every failure is a reason (docs/reasons.md); classify() alone says which outcomes are critical.
import '../../../core/locale/checks.ts'
import '../../../core/locale/grounding.ts'
import type { Observes } from '../../../core/observes.ts'
import type { Expectation, Question } from '../../../core/questions.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { classify } from '../classify.ts'
import { checkGrounding, type GroundingStatus } from '../grounding/check.ts'
import type { AdapterResult, NormalizedTurn } from '../turn.ts'
import { checkAnalysisStated } from './analysis-stated.ts'
import { checkBar } from './bar.ts'
import { checkChangePercent } from './change-percent.ts'
import { checkChartAny } from './chart-any.ts'
import { checkChartData } from './chart-data.ts'
import { checkClarificationOrFallback } from './clarification-or-fallback.ts'
import { checkClientError } from './client-error.ts'
import { checkDataPresentation } from './data-presentation.ts'
import { checkDoubled } from './doubled.ts'
import { checkEchoedQuestion } from './echo.ts'
import { checkEncoding } from './encoding.ts'
import { errorStatementIn } from './error-answer.ts'
import { fallbackSentenceIn } from './fallback.ts'
import { generationErrorIn } from './generation-error.ts'
import { checkInsight } from './insight.ts'
import { type LeakedError, leakedErrorIn, leakedErrorShown } from './leaked-error.ts'
import { checkIntent } from './intent.ts'
import { checkKpiCards } from './kpi-cards.ts'
import { checkLine } from './line.ts'
import { checkMessage } from './message.ts'
import { checkPie } from './pie.ts'
import { checkQuestionAsked, checkRefusalConcernsQuestion } from './question-asked.ts'
import { checkShownText } from './shown-text.ts'
import { checkTruncated } from './truncated.ts'
import { excerpt } from './text.ts'
import type { CheckOutcome, ExpectationCheck, ExpectationKind } from './types.ts'

/** What is observed of an answer without failing it: how far its figures could be checked (issue 10). */
export interface AttemptObservation {
  grounding: GroundingStatus
  /** Said, never silently passed: "figures not checkable", unverified figures. */
  notes: Reason[]
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

/** Reasons one expectation fails against a turn (empty: it holds). */
export function checkExpectation(expectation: Expectation, turn: NormalizedTurn): Reason[] {
  const check = CHECKS[expectation.kind] as ExpectationCheck<typeof expectation.kind>
  return check(expectation, turn)
}

const MAX_ISSUES_IN_FAILURE = 3

const MAX_SIGNALS_IN_REASON = 3

/**
 * Why the turn is a pipeline fallback, or null. overall_success false is the service's own "I failed"; any other
 * place the answer says so (adapters/failure-signals.ts, docs/wire-contracts.md §7) is named by its path.
 */
function fallbackReason(turn: NormalizedTurn, question: string): Reason | null {
  const message = excerpt(turn.message)
  // A stream's error event or route error object: said as what it is (the message is the service's own text); one
  // that also carries failure signals is named by them, below.
  if ((turn.streamFailure === 'error_event' || turn.streamFailure === 'route_error_object') && turn.failureSignals === undefined)
    return reason('check.fallback.stream_error', { origin: turn.streamFailure, message })
  // Cut off: no closing event, no error — an incomplete answer, not the pipeline's fallback.
  if (turn.streamUnfinished !== undefined) return reason('check.fallback.stream_unfinished', { chunks: turn.streamUnfinished.chunks })
  if (turn.status === 'error' && turn.streamFailure === undefined) return reason('check.fallback.status_error', { message })
  if (fallbackSentenceIn(turn.message) !== null) return reason('check.fallback.sentence', { status: turn.status, message })
  // The service's "Erreur lors de la génération de la réponse: <exception>" anywhere in the text, whatever stands
  // before it (generation-error.ts): its own words are the reason, the message excerpt may end before them.
  const generation = generationErrorIn(turn.message)
  if (generation !== null)
    return reason('check.fallback.generation_error', { status: turn.status, statement: excerpt(generation.statement, 160), message })
  // What a program prints when it fails (an exception, a stack frame, an error code, an HTTP 5xx) anywhere in the text,
  // after a correct answer or as the whole text (leaked-error.ts): named first, before what the leak also makes of the
  // text (not French, a placeholder, off-topic, failure words), which would hide it.
  const leaked = leakedErrorIn(turn.message)
  if (leaked?.kind === 'program') return leakedReason(turn, leaked)
  if (turn.overallSuccess === false) return reason('check.fallback.overall_success_false', { status: turn.status, message })
  const signals = turn.failureSignals ?? []
  if (signals.length > 0) {
    const where = signals.slice(0, MAX_SIGNALS_IN_REASON).map((s) => excerpt(s, 120))
    return reason('check.fallback.failure_signal', { signals: where, total: signals.length, status: turn.status, message })
  }
  // The leak families in an insight, a chart or a card (leaked-error.ts leakedErrorShown), named with the field; after
  // the service's own verdicts, which say more (an insight classed "error" titled « Analyse indisponible »).
  const shown = leakedErrorShown(turn)
  if (shown !== null)
    return reason('check.fallback.leaked_error_shown', {
      status: turn.status,
      field: shown.field,
      statement: excerpt(shown.leak.statement, 160),
      message,
    })
  // An error statement no sentence list knows, whatever the status and the data beside it (error-answer.ts).
  const error = errorStatementIn(turn.message, question)
  if (error !== null) return reason('check.fallback.error_statement', { status: turn.status, words: error.words, message })
  // The service's error sentence after an answer's content (« … 412,30 €. Une erreur est survenue lors de la
  // recherche. »): a text that is only that sentence is named by its failure words just above.
  if (leaked !== null) return leakedReason(turn, leaked)
  return null
}

const leakedReason = (turn: NormalizedTurn, leaked: LeakedError): Reason =>
  reason('check.fallback.leaked_error', { status: turn.status, statement: excerpt(leaked.statement, 160), message: excerpt(turn.message) })

interface Judged {
  failures: Reason[]
  fallback: boolean
}

function turnFailures(question: Question & { planIntent?: string | null }, turn: NormalizedTurn, observes: Observes): Judged {
  const fallbackWhy = fallbackReason(turn, question.message)
  // A fallback is a failed answer on every question: an edge case deserves a clear answer too, and a gate that
  // excused fallbacks on edge cases reported GO at 100 % on three pipeline failures (issue 10).
  if (fallbackWhy !== null) return { failures: [fallbackWhy], fallback: true }
  const failures = [
    ...checkEncoding(turn),
    ...checkMessage(turn.message),
    ...checkDoubled(turn.message),
    ...checkTruncated(question, turn),
    ...checkShownText(turn),
    ...checkIntent(question, turn, observes),
    ...checkDataPresentation(question, turn),
    ...checkChartData(turn),
    ...checkQuestionAsked(question.message, turn),
    ...checkEchoedQuestion(question.message, turn),
    ...checkGrounding(turn, question.message, { inventedChecked: question.expectsData === false }).contradictions,
    ...question.expectations.flatMap((e) => checkExpectation(e, turn)),
  ]
  return { failures, fallback: false }
}

/** The grounding of a real (non-fallback) 2xx answer; null for anything else (nothing to read figures from). */
export function observeAttempt(question: Question, result: AdapterResult): AttemptObservation | null {
  if (result.kind !== 'turn' || fallbackReason(result.turn, question.message) !== null) return null
  const grounding = checkGrounding(result.turn, question.message)
  // The analysis a question asks (checks/analysis-stated.ts), stated or not, is observed, not failed: as a failure it
  // failed healthy answers in words its lists do not know (« Tendance : plate », « une dépense sort du lot », both
  // sides in two clauses — review 2026-12-06). A note in every document names the answer that says nothing of it.
  return { grounding: grounding.status, notes: [...grounding.notes, ...checkAnalysisStated(question, result.turn)] }
}

function refusalFailures(question: Question, result: Extract<AdapterResult, { kind: 'client_error' }>): Reason[] {
  const failures = checkClientError(question.edgeCase, result.httpStatus, result.message)
  if (failures.length > 0 || !question.edgeCase) return failures
  return checkRefusalConcernsQuestion(question.message, result.message, result.inputs ?? [])
}

/** Reasons the result fails as an answer (critical outcomes have theirs too; classify() says which are critical). */
function judge(question: Question, result: AdapterResult, observes: Observes): Judged {
  const plain = (failures: Reason[]): Judged => ({ failures, fallback: false })
  switch (result.kind) {
    case 'server_error':
      return plain([reason('check.http.server_error', { status: result.httpStatus, body: excerpt(result.bodyHead) })])
    case 'invalid_json':
      return plain([reason('check.body.not_json', { status: result.httpStatus, body: excerpt(result.bodyHead) })])
    case 'contract_violation': {
      if (result.replay !== undefined) return plain([reason('check.contract.chunks_replayed', { ...result.replay })])
      const issues = result.issues.slice(0, MAX_ISSUES_IN_FAILURE).map((i) => excerpt(i, 120))
      return plain([reason('check.contract.violation', { issues, total: result.issues.length })])
    }
    case 'client_error':
      return plain(refusalFailures(question, result))
    case 'turn':
      return turnFailures(question, result.turn, observes)
  }
}

/** `observes`: what the contract's wire can carry (its adapter's declaration), so a part it cannot carry is not failed. */
export function checkAttempt(question: Question, result: AdapterResult, observes: Observes): CheckOutcome {
  const { failures, fallback } = judge(question, result, observes)
  const critical = classify(result)
  return { ok: failures.length === 0 && critical === null, failures, critical, fallback }
}

export { subtypeNotObservable, parseExpectedIntent } from './intent.ts'
export { FALLBACK_SENTENCES, isFallbackMessage, fallbackSentenceIn } from './fallback.ts'
export { looksFrench, leakedPlaceholder, checkMessage } from './message.ts'
export { checkEncoding } from './encoding.ts'
export { statedFigures, checkNoFabricatedFigures } from './fabricated.ts'
export { ANSWERING_4XX, checkClientError } from './client-error.ts'
