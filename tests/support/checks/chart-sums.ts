// The amounts of main's charts against what the answer carries beside them and against each other (docs/suite-rules.md
// §3, "Chart data"). main draws its three charts in one pass over the same search results (docs/wire-contracts.md §2.2):
// the line sums each day's debits and credits (`amount` < 0 a debit, else a credit), the pie each category's debits
// (top 8 + "Autres": every debit), the bar each merchant's (top 10). The insights carry the totals of every result
// (`total_debit`, `total_credit`). Above one page (50 results) the charts may hold only the first page, so sums are
// then bounded rather than pinned — but never zero where the drawn results must hold an amount.
import { type Reason, reason } from '../../../core/reason.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { BAR_TOP, carriedTotal, holdsEveryResult, ONE_PAGE, type Side, sideSeries, sum, tolerance } from './chart-series.ts'
import { excerpt, num } from './text.ts'

const title = (v: NormalizedViz): string => excerpt(v.title, 40)
const otherSide = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit')
const showsAmount = (series: readonly number[] | null): boolean => series?.some((x) => x !== 0) ?? false

/**
 * Whether a line must show some amount of one side whatever page it was drawn from: the search was for that side
 * only (Harena types a transaction by the sign of its amount, so every result drawn is one of it); the line draws
 * both sides and shows neither; or the answer's pie or bar, drawn from the same results, shows that side.
 */
function lineMustShow(v: NormalizedViz, side: Side, turn: NormalizedTurn): boolean {
  if (turn.searchedType === side) return true
  const other = sideSeries(v, otherSide(side))
  if (other !== null && !showsAmount(other)) return true
  return turn.visualizations.some((o) => o !== v && o.wireType.startsWith('chart/') && o.kind !== 'line' && showsAmount(sideSeries(o, side)))
}

/** One side of a chart against the carried total of that side: never above it, equal when every result is drawn, never all zeros. */
function totalFailures(v: NormalizedViz, side: Side, turn: NormalizedTurn): Reason[] {
  const series = sideSeries(v, side)
  const total = carriedTotal(turn, side)
  if (series === null || total === null) return []
  const drawn = sum(series)
  const params = { kind: v.kind, title: title(v), side, sum: num(drawn), total: num(total) }
  if (drawn > total + tolerance(total)) return [reason('check.chart.above_total', params)]
  if (holdsEveryResult(v, turn) && drawn < total - tolerance(total)) return [reason('check.chart.below_total', params)]
  // A pie or a bar draws parts of one side only: nothing but zeros beside that side's total is no drawing of it.
  const mustShow = v.kind !== 'line' || lineMustShow(v, side, turn)
  if (drawn === 0 && total > tolerance(total) && mustShow) return [reason('check.chart.all_zero', params)]
  return []
}

/** A series of the side the search left out (`transaction_type` debit or credit): its results hold none to draw. */
function excludedSideFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  if (turn.searchedType === undefined) return []
  const excluded = otherSide(turn.searchedType)
  const series = sideSeries(v, excluded)
  if (series === null || sum(series) <= tolerance(0)) return []
  const label = v.datasets.find((d) => d.data === series)?.label ?? v.title
  return [reason('check.chart.excluded_side', { kind: v.kind, title: title(v), side: excluded, label: excerpt(label, 40), sum: num(sum(series)) })]
}

/** A chart's sums against the carried totals and the search's type; one "all zeros" per chart. */
export function chartSumFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  const excluded = excludedSideFailures(v, turn)
  const sides: Side[] = turn.searchedType === undefined ? ['debit', 'credit'] : [turn.searchedType]
  const out = [...excluded]
  for (const side of sides) {
    const failures = totalFailures(v, side, turn)
    if (failures.some((f) => f.code === 'check.chart.all_zero') && out.some((f) => f.code === 'check.chart.all_zero')) continue
    out.push(...failures)
  }
  return out
}

/**
 * The charts' debits against each other, where the carried total does not already pin them (more than one page of
 * results, or no `total_debit`): drawn from the same results, the line (which skips a result it cannot date) and the
 * bar's top 10 never hold more than the pie's every debit; a bar of fewer than 10 merchants holds every debit too,
 * so it equals the pie, and bounds the line when there is no pie. Charts already failing their own sums are left out.
 */
export function crossChartFailures(charts: readonly NormalizedViz[], turn: NormalizedTurn, settled: ReadonlySet<NormalizedViz>): Reason[] {
  const pinned = carriedTotal(turn, 'debit') !== null && turn.totalResults !== null && turn.totalResults <= ONE_PAGE
  if (pinned) return []
  const drawn = charts.flatMap((v) => {
    const series = settled.has(v) ? null : sideSeries(v, 'debit')
    return series === null ? [] : [{ v, total: sum(series) }]
  })
  const everyMerchant = (v: NormalizedViz): boolean => v.kind === 'bar' && v.labels.length < BAR_TOP
  const whole = drawn.find((c) => c.v.kind === 'pie') ?? drawn.find((c) => everyMerchant(c.v))
  if (whole === undefined) return []
  const out: Reason[] = []
  for (const c of drawn) {
    if (c === whole) continue
    const params = {
      kind: c.v.kind,
      title: title(c.v),
      sum: num(c.total),
      otherKind: whole.v.kind,
      other: title(whole.v),
      otherSum: num(whole.total),
    }
    if (c.total > whole.total + tolerance(whole.total)) out.push(reason('check.chart.above_chart', params))
    else if (everyMerchant(c.v) && c.total < whole.total - tolerance(whole.total)) out.push(reason('check.chart.below_chart', params))
  }
  return out
}

/**
 * More points with an amount (days, slices, bars with a debit or a credit) than the search found results: each such
 * point sums one result at least, whatever the page or the bucket.
 */
export function pointsFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  const results = turn.totalResults
  if (results === null || results === 0) return []
  const series = [sideSeries(v, 'debit'), sideSeries(v, 'credit')].flatMap((s) => (s === null ? [] : [s]))
  const width = Math.max(0, ...series.map((s) => s.length))
  let points = 0
  for (let i = 0; i < width; i++) if (series.some((s) => (s[i] ?? 0) !== 0)) points += 1
  return points > results ? [reason('check.chart.more_points', { kind: v.kind, title: title(v), points, results })] : []
}
