// Chart data (docs/suite-rules.md §3, "Chart data"): every chart an answer carries, expected or not, must agree with itself, with
// the search it says it drew and with the figures carried beside it. A chart the question did not ask for still
// shows figures to the user: wrong ones are a wrong answer.
//  - any chart: one value per label in each dataset; a pie's or a bar's labels distinct (one slice, one bar each),
//    compared exactly, the contract's catch-alls ("Autres"…) excepted;
//  - any visualization: no currency other than the service's (a KPI card's unit, a title, a dataset label);
//  - main's charts (docs/wire-contracts.md §2.2: line = debits/credits per day, pie = debits per category, bar = top
//    merchants by debits): no negative amount; a dated label of the line naming a day of the searched period
//    (chart-dates.ts); the sums against the carried totals, the searched type and each other (chart-sums.ts); no more
//    points with an amount than results; the pie's and the bar's parts against the search and the insights
//    (chart-parts.ts).
import { type Reason, reason } from '../../../core/reason.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { isoDayNumber, labelReadings, type DaySpan } from './chart-dates.ts'
import { CATCH_ALL, partFailures } from './chart-parts.ts'
import { debitSeries, isMainChart, seriesMeaning } from './chart-series.ts'
import { chartSumFailures, crossChartFailures, pointsFailures } from './chart-sums.ts'
import { excerpt, num } from './text.ts'

export { partsData } from './chart-series.ts'

const title = (v: NormalizedViz): string => excerpt(v.title, 40)

/** The service's currency as its insights state it, EUR otherwise (Harena is a euro service). */
function serviceCurrency(turn: NormalizedTurn): string {
  for (const i of turn.insights) {
    const c = i.dataSupport?.currency
    if (typeof c === 'string' && /^[A-Za-z]{3}$/.test(c)) return c.toUpperCase()
  }
  return 'EUR'
}

const CURRENCIES: ReadonlyArray<[string, RegExp]> = [
  ['EUR', /\bEUR\b|€|\beuros?\b/i],
  ['USD', /\bUSD\b|\$|\bdollars?\b/i],
  ['GBP', /\bGBP\b|£|\blivres? sterling\b|\bpounds?\b/i],
  ['CHF', /\bCHF\b|\bfrancs? suisses?\b/i],
  ['JPY', /\bJPY\b|¥|\byens?\b/i],
  ['CAD', /\bCAD\b/],
]

/** Texts a visualization shows with a currency: its title, its dataset labels, a KPI card's unit. */
function currencyTexts(v: NormalizedViz): string[] {
  return [v.title, ...v.datasets.map((d) => d.label ?? ''), v.unit ?? '']
}

function currencyFailures(turn: NormalizedTurn): Reason[] {
  const own = serviceCurrency(turn)
  for (const v of turn.visualizations) {
    for (const text of currencyTexts(v)) {
      const other = CURRENCIES.find(([code, re]) => code !== own && re.test(text))
      if (other !== undefined)
        return [reason('check.chart.currency', { kind: v.kind, title: title(v), text: excerpt(text, 60), currency: other[0], expected: own })]
    }
  }
  return []
}

/** One value per label, and distinct labels where each label is one part (pie slice, bar). */
function shapeFailures(v: NormalizedViz): Reason[] {
  const out: Reason[] = []
  const uneven = v.datasets.find((d) => v.labels.length > 0 && d.data.length !== v.labels.length)
  if (uneven !== undefined)
    out.push(reason('check.chart.length', { kind: v.kind, title: title(v), labels: v.labels.length, values: uneven.data.length }))
  if (v.kind === 'pie' || v.kind === 'bar') {
    const seen = new Set<string>()
    const twice = v.labels.find((l) => {
      // Exact text: the bank's own spellings ("SNCF", "sncf") are distinct groups; the catch-alls may repeat.
      if (CATCH_ALL.has(l.trim())) return false
      if (seen.has(l)) return true
      seen.add(l)
      return false
    })
    if (twice !== undefined) out.push(reason('check.chart.duplicate', { kind: v.kind, title: title(v), label: excerpt(twice, 40) }))
  }
  return out
}

/** The longest bucket a dated label may name (a month): a label this far outside the period names none of its days. */
const MONTH_DAYS = 31

/** The searched period as calendar days (its `gte`/`lte` may be datetimes, with a zone: their written days). */
function searchedDays(turn: NormalizedTurn): { from: string; to: string } | null {
  const d = turn.searchedDates
  return d === undefined ? null : { from: d.from.slice(0, 10), to: d.to.slice(0, 10) }
}

/**
 * How far outside the period a one-day label may fall and still name a bucket that overlaps it: a line grouped by week
 * or month is labelled by its bucket's first or last day (a week's Monday, pandas' week-ending Sunday, YYYY-MM-01).
 * The bucket is at most the gap to the next label (days: 0 days of slack), a month at most; one label, a month.
 */
function bucketSlack(days: number[]): number {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  const gaps = sorted.slice(1).map((d, i) => d - (sorted[i] as number))
  if (gaps.length === 0) return MONTH_DAYS
  const gap = Math.min(...gaps)
  return gap >= 28 ? MONTH_DAYS : gap - 1
}

/** A reading that names no day of [from, to]: a one-day label beyond its bucket's slack, a month or a week outside it. */
function readingOutside(r: DaySpan, from: number, to: number, slack: number): boolean {
  const margin = (r.first === r.last ? slack : 0) + (r.loose ? 1 : 0)
  return r.last < from - margin || r.first > to + margin
}

/** A line's label naming no day of the searched period in any of its readings (chart-dates.ts; undated labels not read). */
function outsidePeriod(v: NormalizedViz, turn: NormalizedTurn): string | null {
  const dates = searchedDays(turn)
  if (v.kind !== 'line' || dates === null) return null
  const from = isoDayNumber(dates.from)
  const to = isoDayNumber(dates.to)
  const readings = v.labels.map(labelReadings)
  const slack = bucketSlack(readings.flatMap((rs) => (rs[0] !== undefined && rs[0].first === rs[0].last ? [rs[0].first] : [])))
  const i = readings.findIndex((rs) => rs.length > 0 && rs.every((r) => readingOutside(r, from, to, slack)))
  return i === -1 ? null : (v.labels[i] ?? null)
}

/** A chart's own failures: negative amounts, dates outside the period, its sums, its points, its parts. */
function mainChartFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  const out: Reason[] = []
  const negative = v.datasets
    .filter((d) => seriesMeaning(d.label) !== 'net')
    .flatMap((d) => d.data)
    .find((x) => x < 0)
  if (negative !== undefined) out.push(reason('check.chart.negative', { kind: v.kind, title: title(v), value: num(negative) }))
  const day = outsidePeriod(v, turn)
  const dates = searchedDays(turn)
  if (day !== null && dates !== null)
    out.push(reason('check.chart.outside_period', { title: title(v), label: excerpt(day, 30), from: dates.from, to: dates.to }))
  out.push(...chartSumFailures(v, turn), ...pointsFailures(v, turn))
  if (v.kind !== 'line') out.push(...partFailures(v, debitSeries(v), turn))
  return out
}

/** Reasons the answer's charts contradict themselves, the search or the carried figures (empty: consistent). */
export function checkChartData(turn: NormalizedTurn): Reason[] {
  const failures: Reason[] = [...currencyFailures(turn)]
  const main: NormalizedViz[] = []
  const settled = new Set<NormalizedViz>()
  for (const v of turn.visualizations) {
    if (v.kind !== 'line' && v.kind !== 'pie' && v.kind !== 'bar') continue
    failures.push(...shapeFailures(v))
    if (!isMainChart(v)) continue
    main.push(v)
    const own = mainChartFailures(v, turn)
    if (own.length > 0) settled.add(v)
    failures.push(...own)
  }
  failures.push(...crossChartFailures(main, turn, settled))
  return failures
}
