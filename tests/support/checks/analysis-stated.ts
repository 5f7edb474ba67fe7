// The analysis asked (docs/suite-rules.md §4 "answers the question asked"): a question of a kind — unusual spending,
// a trend, a comparison, a total — is answered by that analysis, not by the search's summary. On harena-v3 the text is
// the only place the analysis can appear (no insight, no chart, no KPI card: fixtures/questions.json gives its
// questions `expectations: []`), and a review got GO there with the summary alone: « Quelles sont mes dépenses
// inhabituelles ? » answered « Sur les 13 derniers mois, vous avez dépensé 33 508,39 € en 405 transactions », the trend
// and the comparison likewise, « Mes dépenses chez Carrefour » with its average and no total.
// The kind is the question's, from its plan intent (the resolved question's `planIntent`, else its expected intent;
// core/questions.ts), never its id: analytics.anomalies, analytics.trend / trend_analysis, analytics.comparison /
// comparative_analysis, transaction_search.* (a total). What the text must state, in its own words (own-text.ts):
// - anomalies: whether there are any — an unusual transaction named (an amount, a day or a merchant in a sentence about
//   unusual spending), or none (« aucune anomalie », « rien d'inhabituel »);
// - trend: a direction or a change over the periods (« stables », « en hausse », « le mois le plus dépensier … », a
//   move « de A à B », a change in percent);
// - comparison: both sides or the change between them (a change in percent, a difference, a direction against the
//   other period, two amounts set against each other);
// - total: an amount that is not an average, a rate or a difference — or a zero, or nothing found.
// What the service carries may hold it instead (v2: an unusual_transaction insight, a trend insight or a line, a
// two-period chart or insight, a KPI total or a financial summary): the plan's expectations judge those, and a short
// text beside them is no failure. An answer with no result, a text with no figure at all (check.asked.no_figure) or
// without the amount a "how much" asks (check.asked.no_amount) is named by those rules, not twice.
import { type Reason, reason } from '../../../core/reason.ts'
import { carriedAnomalies, namedAnomalyMerchants } from '../grounding/anomalies.ts'
import { factsOf } from '../grounding/facts.ts'
import {
  ANOMALY_CONTEXT,
  directionIn,
  foldKeep,
  movedAmounts,
  periodMentions,
  type StatedFigure,
  spendingChangeClaims,
  statedDirections,
  statedExtremes,
  statedFigures,
} from '../grounding/figures.ts'
import { anomalyZeroClaims, zeroClaims } from '../grounding/zero-claims.ts'
import type { NormalizedTurn } from '../turn.ts'
import { kpiCovers } from './kpi-cards.ts'
import { ownWords } from './own-text.ts'
import { questionEntities, saysNothingFound } from './question-asked.ts'
import { excerpt } from './text.ts'

export type AnalysisKind = 'anomalies' | 'trend' | 'comparison' | 'total'

/** What the check needs of a question: its text, its kind's intents, whether it expects data. */
export interface AnalysisQuestion {
  message: string
  expectedIntent: string | null
  /** The plan's intent when the run's contract replaced it (core/questions.ts resolveQuestion). */
  planIntent?: string | null
  expectsData: boolean | null
  edgeCase: boolean
}

const KINDS: ReadonlyArray<[RegExp, AnalysisKind]> = [
  [/^(?:analytics\.anomalies|anomaly_detection)$/, 'anomalies'],
  [/^(?:analytics\.trend|trend_analysis)$/, 'trend'],
  [/^(?:analytics\.comparison|comparative_analysis)$/, 'comparison'],
]

/** The kind of analysis a question asks, from its intents (an analytics one first; a search of transactions: a total). */
export function analysisKind(q: AnalysisQuestion): AnalysisKind | null {
  const intents = (q.planIntent ?? q.expectedIntent ?? '').split('|').filter((i) => i !== '')
  for (const [re, kind] of KINDS) if (intents.some((i) => re.test(i))) return kind
  return intents.length > 0 && intents.every((i) => /^transaction_search(?:\.|$)/.test(i)) ? 'total' : null
}

// No unusual spending, said: « aucune anomalie », « pas d'anomalie », « aucune dépense ne sort de l'ordinaire ».
const NONE_UNUSUAL =
  /\b(?:aucune?|pas d[e']|sans)\s*(?:[\p{L}']+\s+){0,2}?(?:anomalie|irregularit|inhabituel|anorma|atypique|suspect)|\baucune?\s+(?:[\p{L}']+\s+){0,2}?ne\s+(?:sort|se distingue|se demarque)/u

function anomaliesStated(own: string): boolean {
  if (namedAnomalyMerchants(own).length > 0 || anomalyZeroClaims(own).length > 0 || NONE_UNUSUAL.test(foldKeep(own))) return true
  // Unusual spending spoken of, then a transaction given by its amount or its day — in the same sentence or in the
  // lines after it (« Dépenses inhabituelles :\n- 689,00 € chez Optic 2000 le 9 juin »).
  const at = foldKeep(own).search(ANOMALY_CONTEXT)
  if (at === -1) return false
  const rest = own.slice(at)
  return statedFigures(rest).some((f) => f.kind === 'amount') || periodMentions(foldKeep(rest)).some((p) => p.kind === 'date' && p.day !== null)
}

const isChange = (f: StatedFigure): boolean => f.role === 'change' || f.difference || (f.kind === 'amount' && f.sign !== null)
// Two amounts set against each other in one clause ("3 348,06 € contre 2 514,24 €", "2 514,24 € … par rapport à").
const VERSUS = /(?:\bcontre\b|compar|par rapport|\bvs\b|versus|alors que|tandis que|face a|au lieu de|apres|avant)/
const SAME = /\b(?:autant|identique|similaire|meme niveau|comparable|equivalent)/

function comparisonStated(own: string): boolean {
  const figures = statedFigures(own)
  if (figures.some(isChange) || statedDirections(own).length > 0 || spendingChangeClaims(own).length > 0 || movedAmounts(own).length > 0) return true
  const amounts = figures.filter((f) => f.kind === 'amount' && f.role !== 'average' && !f.perPeriod && !f.hypothetical)
  const clauses = new Map<string, number>()
  for (const f of amounts) clauses.set(f.clause, (clauses.get(f.clause) ?? 0) + 1)
  const bothSides = amounts.some((f) => (clauses.get(f.clause) ?? 0) >= 2 && VERSUS.test(f.clause))
  return bothSides || SAME.test(foldKeep(own))
}

function trendStated(own: string): boolean {
  if (directionIn(foldKeep(own)) !== null || statedExtremes(own).length > 0 || movedAmounts(own).length > 0) return true
  const figures = statedFigures(own)
  if (figures.some((f) => f.role === 'change')) return true
  // Amounts of different periods: the change over them ("en octobre 2 661,93 €, en novembre 3 348,06 €").
  const periods = new Set(
    figures.filter((f) => f.kind === 'amount' && f.sidePeriods.length > 0 && f.role !== 'average').map((f) => JSON.stringify(f.sidePeriods)),
  )
  return periods.size >= 2
}

const isTotal = (f: StatedFigure): boolean =>
  f.kind === 'amount' && f.role !== 'average' && !f.perPeriod && !f.difference && !f.hypothetical && f.sign === null

function totalStated(own: string): boolean {
  return statedFigures(own).some(isTotal) || zeroClaims(own).length > 0
}

const STATED: Readonly<Record<AnalysisKind, (own: string) => boolean>> = {
  anomalies: anomaliesStated,
  trend: trendStated,
  comparison: comparisonStated,
  total: totalStated,
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v)

/** The analysis in what the answer carries beside its text (v2 insights, charts, KPI cards; v3 carries none). */
function carried(kind: AnalysisKind, turn: NormalizedTurn): boolean {
  switch (kind) {
    case 'anomalies':
      return carriedAnomalies(turn).length > 0
    case 'trend':
      return turn.insights.some((i) => i.type === 'trend_analysis') || turn.visualizations.some((v) => v.kind === 'line' && v.labels.length >= 2)
    case 'comparison':
      return factsOf(turn).comparison !== null || turn.visualizations.some((v) => v.kind === 'kpi' && v.changePercent !== null)
    case 'total':
      return (
        turn.visualizations.some((v) => v.kind === 'kpi' && v.value !== null && kpiCovers(v.title, 'total')) ||
        turn.insights.some((i) => isNumber(i.dataSupport?.['total_debit']) || isNumber(i.dataSupport?.['total_credit']))
      )
  }
}

/** Failures for an answer whose text leaves out the analysis its question's kind asks (module header). */
export function checkAnalysisStated(q: AnalysisQuestion, turn: NormalizedTurn): Reason[] {
  const kind = analysisKind(q)
  if (kind === null || q.edgeCase || q.expectsData !== true) return []
  if ((turn.totalResults ?? 0) <= 0 || saysNothingFound(turn)) return []
  const own = ownWords(turn.message.slice(0, 8_000), q.message)
  if (STATED[kind](own) || carried(kind, turn)) return []
  // Named by check.asked.no_figure / no_amount (question-asked.ts): no figure at all, or no amount to a "how much".
  const figures = statedFigures(own)
  if (figures.length === 0 && statedDirections(own).length === 0 && zeroClaims(own).length === 0) return []
  if (kind === 'total' && questionEntities(q.message).amount && !figures.some((f) => f.kind === 'amount')) return []
  return [reason('check.asked.analysis_missing', { kind, message: excerpt(turn.message, 160) })]
}
