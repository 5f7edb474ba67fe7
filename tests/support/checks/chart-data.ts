// Chart data (docs/suite-rules.md §3, "Chart data"): every chart an answer carries, expected or not, must agree with itself, with
// the search it says it drew and with the figures carried beside it. A chart the question did not ask for still
// shows figures to the user: wrong ones are a wrong answer.
//  - any chart: one value per label in each dataset; a pie's or a bar's labels distinct (one slice, one bar each);
//  - any visualization: no currency other than the service's (a KPI card's unit, a title, a dataset label);
//  - main's charts (docs/wire-contracts.md §2.2: line = debits/credits per day, pie = debits per category, bar = top
//    merchants by debits): no negative amount; a day of the line inside the searched period; the debits drawn never
//    above the carried debit total, and equal to it when every result fits the one page the service charts (the
//    pie always, the line always, the bar when it holds fewer than its top; a pie or a bar never all zeros); the bar ranked by amount, its labels
//    among the searched merchants when the search was for merchants, and a results' merchant the insights name with
//    a debit above the bar's smallest among its labels.
import { type Reason, reason } from '../../../core/reason.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { excerpt, fold, num } from './text.ts'

/** The query's page size on the v2 wire (`page_size: 50`): above it the charts may draw only the first page. */
const ONE_PAGE = 50
/** main's bar: the top 10 merchants (docs/wire-contracts.md §2.2). */
const BAR_TOP = 10
/** Cent-level tolerance per comparison, a hair for binary floating point, and a relative part for float sums. */
const tolerance = (total: number): number => 0.02 + 1e-6 * Math.abs(total)

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)
const title = (v: NormalizedViz): string => excerpt(v.title, 40)

/** main's chart format (`{type:"chart", chart_type}`), whose meaning §2.2 fixes; Sprint 1.3 charts mean other things. */
const isMainChart = (v: NormalizedViz): boolean => v.wireType.startsWith('chart/') && (v.kind === 'line' || v.kind === 'pie' || v.kind === 'bar')

/** The debit series of a chart: a pie's or a bar's first dataset, the line's dataset labelled as debits. */
function debitSeries(v: NormalizedViz): number[] | null {
  if (v.kind !== 'line') return v.datasets[0]?.data ?? null
  const named = v.datasets.find((d) => d.label !== null && /depens|debit/.test(fold(d.label)))
  return named?.data ?? null
}

/** The debit total the service carries beside the charts (insights' `total_debit`), or null. */
function carriedDebitTotal(turn: NormalizedTurn): number | null {
  for (const i of turn.insights) if (isNumber(i.dataSupport?.total_debit)) return i.dataSupport.total_debit as number
  return null
}

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
      const key = fold(l).trim()
      if (seen.has(key)) return true
      seen.add(key)
      return false
    })
    if (twice !== undefined) out.push(reason('check.chart.duplicate', { kind: v.kind, title: title(v), label: excerpt(twice, 40) }))
  }
  return out
}

/** A line's days outside the searched period (ISO days and months; other labels are not read). */
function outsidePeriod(v: NormalizedViz, turn: NormalizedTurn): string | null {
  const dates = turn.searchedDates
  if (v.kind !== 'line' || dates === undefined) return null
  for (const label of v.labels) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(label) ? label : null
    const month = /^\d{4}-\d{2}$/.test(label) ? label : null
    if (day !== null && (day < dates.from || day > dates.to)) return label
    if (month !== null && (month < dates.from.slice(0, 7) || month > dates.to.slice(0, 7))) return label
  }
  return null
}

/** Whether the chart should hold every debit of the results (all of them on the one page it is drawn from). */
function holdsEveryDebit(v: NormalizedViz, turn: NormalizedTurn): boolean {
  if (turn.totalResults === null || turn.totalResults > ONE_PAGE) return false
  return v.kind !== 'bar' || v.labels.length < BAR_TOP
}

function sumFailures(v: NormalizedViz, series: number[], turn: NormalizedTurn): Reason[] {
  const total = carriedDebitTotal(turn)
  if (total === null) return []
  const drawn = sum(series)
  const params = { kind: v.kind, title: title(v), sum: num(drawn), total: num(total) }
  if (drawn > total + tolerance(total)) return [reason('check.chart.above_total', params)]
  if (holdsEveryDebit(v, turn) && drawn < total - tolerance(total)) return [reason('check.chart.below_total', params)]
  // A pie or a bar is drawn from debits only: one with nothing but zeros beside a debit total is no drawing of them,
  // whatever page it was drawn from (a line's page may hold only credits).
  if (v.kind !== 'line' && drawn === 0 && total > tolerance(total)) return [reason('check.chart.all_zero', params)]
  return []
}

/** The results' merchants the insights name with a debit (an unusual transaction's merchant and amount). */
function namedMerchants(turn: NormalizedTurn): Array<{ name: string; amount: number }> {
  const out: Array<{ name: string; amount: number }> = []
  for (const i of turn.insights) {
    const d = i.dataSupport ?? {}
    if (typeof d.merchant_name === 'string' && isNumber(d.amount) && (d.transaction_type === undefined || d.transaction_type === 'debit'))
      out.push({ name: d.merchant_name, amount: Math.abs(d.amount) })
  }
  return out
}

const sameName = (a: string, b: string): boolean => {
  const x = fold(a).trim()
  const y = fold(b).trim()
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x))
}

function barFailures(v: NormalizedViz, series: number[], turn: NormalizedTurn): Reason[] {
  const out: Reason[] = []
  const unranked = series.findIndex((x, i) => i > 0 && x > (series[i - 1] as number) + 1e-9)
  if (unranked > 0)
    out.push(reason('check.chart.unranked', { title: title(v), label: excerpt(v.labels[unranked] ?? '', 40), position: unranked + 1 }))
  const searched = turn.searchedFilters?.merchants ?? []
  const foreign = searched.length === 0 ? undefined : v.labels.find((l) => !searched.some((m) => sameName(l, m)))
  if (foreign !== undefined)
    out.push(reason('check.chart.not_searched', { title: title(v), label: excerpt(foreign, 40), searched: searched.map((m) => excerpt(m, 40)) }))
  if (turn.totalResults !== null && turn.totalResults <= ONE_PAGE && series.length > 0) {
    const smallest = Math.min(...series)
    const ranksIn = (amount: number): boolean => v.labels.length < BAR_TOP || amount > smallest + tolerance(amount)
    const absent = namedMerchants(turn).find((m) => ranksIn(m.amount) && !v.labels.some((l) => sameName(l, m.name)))
    if (absent !== undefined)
      out.push(reason('check.chart.merchant_absent', { title: title(v), merchant: excerpt(absent.name, 40), amount: num(absent.amount) }))
  }
  return out
}

function mainChartFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  const out: Reason[] = []
  const negative = v.datasets.flatMap((d) => d.data).find((x) => x < 0)
  if (negative !== undefined) out.push(reason('check.chart.negative', { kind: v.kind, title: title(v), value: num(negative) }))
  const day = outsidePeriod(v, turn)
  if (day !== null && turn.searchedDates !== undefined)
    out.push(
      reason('check.chart.outside_period', { title: title(v), label: excerpt(day, 20), from: turn.searchedDates.from, to: turn.searchedDates.to }),
    )
  const series = debitSeries(v)
  if (series === null) return out
  out.push(...sumFailures(v, series, turn))
  if (v.kind === 'bar') out.push(...barFailures(v, series, turn))
  return out
}

/** Reasons the answer's charts contradict themselves, the search or the carried figures (empty: consistent). */
export function checkChartData(turn: NormalizedTurn): Reason[] {
  const failures: Reason[] = [...currencyFailures(turn)]
  for (const v of turn.visualizations) {
    if (v.kind !== 'line' && v.kind !== 'pie' && v.kind !== 'bar') continue
    failures.push(...shapeFailures(v))
    if (isMainChart(v)) failures.push(...mainChartFailures(v, turn))
  }
  return failures
}
