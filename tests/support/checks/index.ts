// Spec §4 for one attempt: what the adapter made of the exchange + the question → ok / failures / critical /
// fallback. Order matters: critical outcomes first (5xx, invalid JSON, contract), then 4xx (acceptable only
// for an edge case with a readable message), then the pipeline fallback (HTTP 200 + status "error" is a
// failure — the 96.4 %-vs-60.7 % trap), then text, intent, data presentation and each expectation.
import type { CriticalKind } from '../../../reporters/model.ts'
import type { Expectation, Question } from '../questions.ts'
import type { AdapterResult, NormalizedTurn } from '../turn.ts'
import { checkBar } from './bar.ts'
import { checkChangePercent } from './change-percent.ts'
import { checkChartAny } from './chart-any.ts'
import { checkClarificationOrFallback } from './clarification-or-fallback.ts'
import { checkDataPresentation } from './data-presentation.ts'
import { fallbackSentenceIn } from './fallback.ts'
import { checkInsight } from './insight.ts'
import { checkIntent } from './intent.ts'
import { checkKpiCards } from './kpi-cards.ts'
import { checkLine } from './line.ts'
import { checkMessage } from './message.ts'
import { checkPie } from './pie.ts'
import { quoted } from './text.ts'
import type { CheckContext, ExpectationCheck, ExpectationKind } from './types.ts'

export interface CheckOutcome {
  ok: boolean
  /** Readable English sentences: what was expected, what was observed. Empty when ok. */
  failures: string[]
  critical: CriticalKind | null
  /** A pipeline fallback answer (status "error" or a known fallback sentence). */
  fallback: boolean
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

function checkTurn(question: Question, turn: NormalizedTurn): CheckOutcome {
  const sentence = fallbackSentenceIn(turn.message)
  const fallback = turn.status === 'error' || sentence !== null
  if (fallback && !question.edgeCase) {
    const what = turn.status === 'error' ? `status "error", message ${quoted(turn.message)}` : `status "${turn.status}" with the fallback message ${quoted(turn.message)}`
    return outcome([`expected a real answer, observed a pipeline fallback (${what})`], null, true)
  }
  // Edge cases may fall back gracefully: the fallback itself is no failure, the rest still has to hold.
  const ctx: CheckContext = { fallback }
  const failures = [
    ...checkMessage(turn.message),
    ...checkIntent(question, turn),
    ...checkDataPresentation(question, turn),
    ...question.expectations.flatMap((e) => checkExpectation(e, turn, ctx)),
  ]
  return outcome(failures, null, fallback)
}

export function checkAttempt(question: Question, result: AdapterResult): CheckOutcome {
  switch (result.kind) {
    case 'server_error':
      return outcome([`expected a 2xx answer, observed HTTP ${result.httpStatus} (server error): ${quoted(result.bodyHead)}`], 'http_5xx')
    case 'invalid_json':
      return outcome([`expected a JSON body, observed HTTP ${result.httpStatus} with a body that is not JSON: ${quoted(result.bodyHead)}`], 'invalid_json')
    case 'contract_violation': {
      const shown = result.issues.slice(0, MAX_ISSUES_IN_FAILURE).map((i) => quoted(i, 120).slice(1, -1))
      const more = result.issues.length > MAX_ISSUES_IN_FAILURE ? `; … (${result.issues.length} in all)` : ''
      const n = result.issues.length
      return outcome([`expected a body that satisfies the contract schema, observed ${n} violation${n === 1 ? '' : 's'}: ${shown.join('; ')}${more}`], 'contract')
    }
    case 'client_error': {
      const said = result.message === null ? 'with no readable message' : quoted(result.message, 120)
      if (question.edgeCase) {
        if (result.message !== null) return outcome([])
        return outcome([`expected a readable error message with HTTP ${result.httpStatus} (acceptable for an edge case), observed a JSON body ${said}`])
      }
      return outcome([`expected a 2xx answer, observed HTTP ${result.httpStatus} ${said}`])
    }
    case 'turn':
      return checkTurn(question, result.turn)
  }
}

export { subtypeNotObservable, parseExpectedIntent } from './intent.ts'
export { FALLBACK_SENTENCES, isFallbackMessage, fallbackSentenceIn } from './fallback.ts'
export { looksFrench, leakedPlaceholder, checkMessage } from './message.ts'
