// The figures an answer CARRIES (as opposed to the ones its text states): KPI cards, insight data, the search
// summary, chart values and sums, and the comparison a two-period chart implies. Each fact names its source, so a
// contradiction can quote both sides. Pure: a normalized turn in, facts out. See docs/grounding.md.
import { fold } from '../checks/text.ts'
import { statedFigures } from './figures.ts'
import { hasValue, kpiCovers } from '../checks/kpi-cards.ts'
import { partsData } from '../checks/chart-data.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'

export type SourceKind =
  | 'kpi'
  | 'insight'
  | 'search_summary'
  | 'structured_data'
  | 'metadata'
  | 'chart_sum'
  | 'chart_change'
  | 'computed'
  /** A stream event's field, named in wire terms by the fact's name ("response_end.metadata.total_results"). */
  | 'stream_event'

export interface Fact {
  value: number
  source: SourceKind
  /** KPI or chart title, insight title or data field; '' when the kind says it all. */
  name: string
}

export interface ComparisonFacts {
  /** Chart title (the insight data's key when `insight`). */
  name: string
  /** Carried by an insight's data (current_total / previous_total, harena-v2-charts), not by a chart. */
  insight?: boolean
  current: number
  previous: number
  /** Percent change, null when the previous period is zero. */
  change: number | null
  /** Per label (folded): current and previous values. */
  byLabel: Map<string, { label: string; current: number; previous: number }>
}

export interface Facts {
  total: Fact | null
  income: Fact | null
  count: Fact | null
  average: Fact | null
  change: Fact | null
  /** Every amount carried (KPI values, chart points and sums, insight data): a lone stated amount may be any of them. */
  amounts: number[]
  /** Every count carried (KPI count, total results, insight counts, number of chart points). */
  counts: number[]
  /** Every percentage carried (KPI changes, insight data, chart shares and the computed change). */
  percents: number[]
  /** Chart label (folded) → its values, for "Shopping (1 270,40 €)". */
  labels: Map<string, { label: string; chart: string; values: number[] }>
  comparison: ComparisonFacts | null
  /** The search found nothing (total_results 0, nothing carried): every non-zero figure is invented. */
  nothingFound: boolean
  /**
   * Every carried figure that is the answer's OWN total or count (KPI card, financial summary, search summary,
   * v3 structured data): they must agree with each other, whichever one the text is compared with.
   */
  carried: { total: Fact[]; count: Fact[] }
  /** Chart points whose label is a date ("2025-05", "2025-05-05"): the carried figure of that period. */
  dated: Array<{ year: number; month: number; day: number | null; value: number; chart: string; label: string }>
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const INCOME_TITLE = /(revenu|credit|recette|entree)/
const CURRENT_LABEL = /(actuel|courant|en cours|ce mois|cette|current|this|present)/
const PREVIOUS_LABEL = /(precedent|dernier|derniere|passe|previous|last|avant|anterieur)/

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

function kpiFacts(turn: NormalizedTurn): Pick<Facts, 'total' | 'income' | 'count' | 'average' | 'change'> {
  const kpis = turn.visualizations.filter((v) => v.kind === 'kpi' && hasValue(v))
  const first = (test: (k: NormalizedViz) => boolean): Fact | null => {
    const k = kpis.find(test)
    return k === undefined || k.value === null ? null : { value: k.value, source: 'kpi', name: k.title }
  }
  const isIncome = (k: NormalizedViz): boolean => INCOME_TITLE.test(fold(k.title))
  const changed = turn.visualizations.find((v) => v.kind === 'kpi' && v.changePercent !== null && Number.isFinite(v.changePercent))
  return {
    total: first((k) => kpiCovers(k.title, 'total') && !kpiCovers(k.title, 'count') && !kpiCovers(k.title, 'average') && !isIncome(k)),
    income: first((k) => isIncome(k) && !kpiCovers(k.title, 'count') && !kpiCovers(k.title, 'average')),
    count: first((k) => kpiCovers(k.title, 'count')),
    average: first((k) => kpiCovers(k.title, 'average')),
    change: changed?.changePercent == null ? null : { value: changed.changePercent, source: 'kpi', name: changed.title },
  }
}

/** A chart with a current and a previous dataset ("Période Actuelle" / "Période Précédente"). */
function comparisonOf(turn: NormalizedTurn): ComparisonFacts | null {
  for (const v of turn.visualizations) {
    if (v.datasets.length < 2) continue
    const current = v.datasets.find((d) => d.label !== null && CURRENT_LABEL.test(fold(d.label)))
    const previous = v.datasets.find((d) => d.label !== null && d !== current && PREVIOUS_LABEL.test(fold(d.label)))
    if (current === undefined || previous === undefined) continue
    const byLabel = new Map<string, { label: string; current: number; previous: number }>()
    v.labels.forEach((label, i) => {
      byLabel.set(fold(label).trim(), { label, current: current.data[i] ?? 0, previous: previous.data[i] ?? 0 })
    })
    const cur = sum(current.data)
    const prev = sum(previous.data)
    return { name: v.title, current: cur, previous: prev, change: prev > 0 ? ((cur - prev) / prev) * 100 : null, byLabel }
  }
  // Without such a chart, an insight whose data carries both periods' totals (harena-v2-charts spending_pattern:
  // current_total, previous_total): the comparison it states, with no parts.
  for (const i of turn.insights) {
    const d = i.dataSupport ?? {}
    const cur = d['current_total']
    const prev = d['previous_total']
    if (!isNumber(cur) || !isNumber(prev)) continue
    return {
      name: 'previous_total',
      insight: true,
      current: cur,
      previous: prev,
      change: prev > 0 ? ((cur - prev) / prev) * 100 : null,
      byLabel: new Map(),
    }
  }
  return null
}

export function factsOf(turn: NormalizedTurn): Facts {
  const facts: Facts = {
    ...kpiFacts(turn),
    amounts: [],
    counts: [],
    percents: [],
    labels: new Map(),
    comparison: comparisonOf(turn),
    nothingFound: false,
    carried: { total: [], count: [] },
    dated: [],
  }
  for (const v of turn.visualizations) {
    if (v.kind === 'kpi' && hasValue(v) && v.value !== null) {
      ;(kpiCovers(v.title, 'count') ? facts.counts : facts.amounts).push(v.value)
      if (v.changePercent !== null) facts.percents.push(v.changePercent)
    }
    for (const d of v.datasets) {
      facts.amounts.push(...d.data, sum(d.data))
      facts.counts.push(d.data.length)
      const total = sum(d.data)
      if (v.kind === 'pie' && total > 0) facts.percents.push(...d.data.map((x) => (x / total) * 100))
    }
    if (v.labels.length > 0) facts.counts.push(v.labels.length)
    if (v.kind !== 'kpi') facts.dated.push(...datedPoints(v))
    v.labels.forEach((label, i) => {
      const key = fold(label).trim()
      if (key === '') return
      const entry = facts.labels.get(key) ?? { label, chart: v.title, values: [] }
      for (const d of v.datasets) if (d.data[i] !== undefined) entry.values.push(d.data[i] as number)
      facts.labels.set(key, entry)
    })
  }
  // The pie's slices are parts of one whole: their sum stands for the total when no KPI card states it.
  const pie = turn.visualizations.find((v) => v.kind === 'pie' && v.datasets.length > 0)
  if (facts.total === null && pie !== undefined) facts.total = { value: sum(partsData(pie)), source: 'chart_sum', name: pie.title }

  for (const insight of turn.insights) {
    const data = insight.dataSupport ?? {}
    for (const [key, value] of Object.entries(data)) {
      if (!isNumber(value)) continue
      if (/count|nombre|months|mois/.test(key)) facts.counts.push(value)
      else if (/percent|pourcent/.test(key)) facts.percents.push(value)
      else facts.amounts.push(value)
    }
    const named = (key: string): Fact | null => (isNumber(data[key]) ? { value: data[key] as number, source: 'insight', name: key } : null)
    facts.total ??= named('total_debit') ?? named('current_total')
    facts.income ??= named('total_credit')
    facts.count ??= named('transaction_count')
    facts.change ??= named('change_percent')
  }
  facts.counts.push(turn.insights.length, ...countsByType(turn))
  if (turn.totalResults !== null) {
    facts.counts.push(turn.totalResults)
    facts.count ??= { value: turn.totalResults, source: 'search_summary', name: 'total_results' }
  }
  structuredFacts(turn, facts)
  collectCarried(turn, facts)
  if (facts.comparison !== null) {
    facts.amounts.push(facts.comparison.current, facts.comparison.previous)
    if (facts.comparison.change !== null) {
      facts.percents.push(facts.comparison.change)
      facts.change ??= { value: facts.comparison.change, source: 'chart_change', name: facts.comparison.name }
    }
  }
  if (facts.average === null && facts.total !== null && facts.count !== null && facts.count.value > 0) {
    facts.average = { value: facts.total.value / facts.count.value, source: 'computed', name: '' }
  }
  const carriesFigures = turn.visualizations.some((v) => hasValue(v) || v.datasets.some((d) => d.data.some((x) => x !== 0)))
  facts.nothingFound =
    turn.totalResults === 0 &&
    !turn.dataPresentation &&
    !carriesFigures &&
    turn.insights.every((i) => !Object.values(i.dataSupport ?? {}).some(isNumber))
  if (facts.nothingFound) {
    facts.total ??= { value: 0, source: 'search_summary', name: 'total_results' }
    facts.amounts.push(0)
  }
  return facts
}

function countsByType(turn: NormalizedTurn): number[] {
  const byType = new Map<string, number>()
  for (const i of turn.insights) byType.set(i.type, (byType.get(i.type) ?? 0) + 1)
  return [...byType.values()]
}

/** v3 `response.structured_data`: its total_results and the total (and count) its aggregations sentence states. */
function structuredFacts(turn: NormalizedTurn, facts: Facts): void {
  const summary = turn.structuredSummary
  if (summary === undefined) return
  facts.counts.push(summary.totalResults)
  if (summary.aggregations === null) return
  for (const f of statedFigures(summary.aggregations)) {
    if (f.kind === 'amount') facts.amounts.push(f.value)
    if (f.kind === 'count') facts.counts.push(f.value)
    if (f.kind === 'amount' && f.role === 'total' && f.sign === null)
      facts.total ??= { value: f.value, source: 'structured_data', name: 'aggregations_summary' }
  }
}

/** The answer's own total and count, every carried copy of them (see Facts.carried). */
function collectCarried(turn: NormalizedTurn, facts: Facts): void {
  const { total, count } = facts.carried
  const kpi = kpiFacts(turn)
  if (kpi.total !== null) total.push(kpi.total)
  if (kpi.count !== null) count.push(kpi.count)
  for (const i of turn.insights) {
    if (i.type !== 'financial_summary') continue
    const data = i.dataSupport ?? {}
    if (isNumber(data.total_debit)) total.push({ value: data.total_debit, source: 'insight', name: 'total_debit' })
    if (isNumber(data.transaction_count)) count.push({ value: data.transaction_count, source: 'insight', name: 'transaction_count' })
  }
  // A stream carries its count twice (v3: the status event's "• N transaction(s) trouvée(s)" and response_end's
  // metadata.total_results): both are copies, named by their events.
  const streamed = turn.streamCounts
  if (streamed !== undefined) {
    count.push({ value: streamed.status, source: 'stream_event', name: 'status.message' })
    count.push({ value: streamed.end, source: 'stream_event', name: 'response_end.metadata.total_results' })
  } else if (turn.totalResults !== null) count.push({ value: turn.totalResults, source: 'search_summary', name: 'total_results' })
  if (turn.metadataTotal !== undefined) count.push({ value: turn.metadataTotal, source: 'metadata', name: 'total_results' })
  const summary = turn.structuredSummary
  if (summary === undefined) return
  count.push({ value: summary.totalResults, source: 'structured_data', name: 'total_results' })
  for (const f of summary.aggregations === null ? [] : statedFigures(summary.aggregations)) {
    if (f.kind === 'amount' && f.role === 'total' && f.sign === null)
      total.push({ value: f.value, source: 'structured_data', name: 'aggregations_summary' })
    if (f.kind === 'count' && f.role === 'count') count.push({ value: f.value, source: 'structured_data', name: 'aggregations_summary' })
  }
}

const ISO_LABEL = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/

/** The points of a chart with one spending series whose labels are dates or months. */
function datedPoints(v: NormalizedViz): Facts['dated'] {
  const spending = v.datasets.filter((d) => d.label === null || !INCOME_TITLE.test(fold(d.label)))
  if (spending.length !== 1) return []
  const data = spending[0]?.data ?? []
  const out: Facts['dated'] = []
  v.labels.forEach((label, i) => {
    const m = ISO_LABEL.exec(label.trim())
    const value = data[i]
    if (m === null || value === undefined) return
    out.push({ year: Number(m[1]), month: Number(m[2]), day: m[3] === undefined ? null : Number(m[3]), value, chart: v.title, label })
  })
  return out
}
