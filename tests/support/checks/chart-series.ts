// What a chart's datasets draw, read by their labels (docs/suite-rules.md §3, "Chart data"), and the figures the answer
// carries beside its charts. Shared by the chart-data rules and by the grounding (a pie's parts).
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { fold } from './text.ts'

/** main's bar: the top 10 merchants (docs/wire-contracts.md §2.2). */
export const BAR_TOP = 10
/** The query's page size on the v2 wire (`page_size: 50`): above it the charts may draw only the first page. */
export const ONE_PAGE = 50

export type Side = 'debit' | 'credit'

/** What a dataset's label (or a chart's title) says it draws, English or French. */
export type SeriesMeaning = Side | 'net' | 'cumulative' | 'unknown'
export function seriesMeaning(label: string | null): SeriesMeaning {
  const l = fold(label ?? '')
  // A running total is no sum of days, whatever it accumulates; a net balance may be negative.
  if (/cumul|running|cumulat/.test(l)) return 'cumulative'
  if (/\bsolde|\bnet\b|balance|\becart|difference/.test(l)) return 'net'
  if (/depens|debit|expens|spend|sortie|outflow|\bachats?\b|\bpaiements?\b/.test(l)) return 'debit'
  if (/revenu|credit|income|entree|recette|inflow/.test(l)) return 'credit'
  return 'unknown'
}

/**
 * The series of one side of a chart, found by its label on every kind. A line is read only by its labels (its first
 * series may be credits). A pie or a bar without such a label is main's, whose parts are debits (its pie has no
 * label): its first dataset not labelled as something else is the debits — or the credits when its title says so
 * ("Répartition des revenus").
 */
export function sideSeries(v: NormalizedViz, side: Side): number[] | null {
  const named = v.datasets.find((d) => seriesMeaning(d.label) === side)
  if (named !== undefined || v.kind === 'line') return named?.data ?? null
  const drawn: Side = seriesMeaning(v.title) === 'credit' ? 'credit' : 'debit'
  if (drawn !== side) return null
  return v.datasets.find((d) => seriesMeaning(d.label) === 'unknown')?.data ?? null
}

/** The debit series of a chart (sideSeries), or null. */
export const debitSeries = (v: NormalizedViz): number[] | null => sideSeries(v, 'debit')

/** A pie's or a bar's parts (the grounding reads them too): its debit series, else its first dataset. */
export function partsData(v: NormalizedViz): number[] {
  return debitSeries(v) ?? v.datasets[0]?.data ?? []
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** The total of one side the service carries beside the charts (insights' `total_debit` / `total_credit`), or null. */
export function carriedTotal(turn: NormalizedTurn, side: Side): number | null {
  const key = side === 'debit' ? 'total_debit' : 'total_credit'
  for (const i of turn.insights) {
    const value = i.dataSupport?.[key]
    if (isNumber(value)) return value
  }
  return null
}

/** Whether the chart holds every result of its side: all of them fit the one page it is drawn from, and a bar its top. */
export function holdsEveryResult(v: NormalizedViz, turn: NormalizedTurn): boolean {
  if (turn.totalResults === null || turn.totalResults > ONE_PAGE) return false
  return v.kind !== 'bar' || v.labels.length < BAR_TOP
}

/** main's chart format (`{type:"chart", chart_type}`), whose meaning §2.2 fixes; Sprint 1.3 charts mean other things. */
export const isMainChart = (v: NormalizedViz): boolean =>
  v.wireType.startsWith('chart/') && (v.kind === 'line' || v.kind === 'pie' || v.kind === 'bar')

/** Cent-level tolerance per comparison, a hair for binary floating point, and a relative part for float sums. */
export const tolerance = (total: number): number => 0.02 + 1e-6 * Math.abs(total)
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)
