// Chart data (docs/suite-rules.md §3, "Chart data"): every chart an answer carries, expected or not, must agree with itself, with
// the search it says it drew and with the figures carried beside it. A chart the question did not ask for still
// shows figures to the user: wrong ones are a wrong answer.
//  - any chart: one value per label in each dataset; a pie's or a bar's labels distinct (one slice, one bar each),
//    compared exactly, the contract's catch-alls ("Autres"…) excepted;
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

/** What a dataset's label says it draws (English or French): docs/suite-rules.md §3 "Chart data". */
type SeriesMeaning = 'debit' | 'credit' | 'net' | 'cumulative' | 'unknown'
function seriesMeaning(label: string | null): SeriesMeaning {
  const l = fold(label ?? '')
  // A running total is no sum of days, whatever it accumulates; a net balance may be negative.
  if (/cumul|running|cumulat/.test(l)) return 'cumulative'
  if (/\bsolde|\bnet\b|balance|\becart|difference/.test(l)) return 'net'
  if (/depens|debit|expens|spend|sortie|outflow|\bachats?\b|\bpaiements?\b/.test(l)) return 'debit'
  if (/revenu|credit|income|entree|recette|inflow/.test(l)) return 'credit'
  return 'unknown'
}

/**
 * The debit series of a chart, found by its label on every kind (docs/suite-rules.md §3, "Chart data"); when no
 * label says debits, a pie's or a bar's first dataset not labelled as something else (main's pie has no label).
 * A line without a dataset labelled as debits is not read: its first series may be credits.
 */
function debitSeries(v: NormalizedViz): number[] | null {
  const named = v.datasets.find((d) => seriesMeaning(d.label) === 'debit')
  if (named !== undefined || v.kind === 'line') return named?.data ?? null
  return v.datasets.find((d) => seriesMeaning(d.label) === 'unknown')?.data ?? null
}

/** A pie's or a bar's parts (the grounding reads them too): its debit series, else its first dataset. */
export function partsData(v: NormalizedViz): number[] {
  return debitSeries(v) ?? v.datasets[0]?.data ?? []
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

/**
 * The catch-all labels main's pie and bar name (docs/wire-contracts.md §2.2): "Autres" is both the remainder slice and
 * a missing category, "Non categorise" an empty one, "Inconnu"/"Marchand inconnu" a missing or empty merchant.
 */
const CATCH_ALL: ReadonlySet<string> = new Set(['Autres', 'Non categorise', 'Inconnu', 'Marchand inconnu'])

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

const DAY_MS = 86_400_000
/** The longest bucket a dated label may name (a month): a label this far outside the period names none of its days. */
const MONTH_DAYS = 31

/**
 * The calendar day a line's label names, in days since the epoch: an ISO day as written (never shifted by a time
 * zone), an ISO datetime by its written day, epoch milliseconds by their UTC day; `loose` when the label carries a
 * time (a local midnight written in UTC falls on the day before). null: not a dated label.
 */
function labelDay(label: string): { day: number; loose: boolean } | null {
  const iso = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(label.trim())
  if (iso !== null) {
    const t = Date.parse(`${iso[1]}T00:00:00Z`)
    return Number.isNaN(t) ? null : { day: t / DAY_MS, loose: iso[2] !== undefined }
  }
  if (/^\d{12,13}$/.test(label.trim())) return { day: Math.floor(Number(label) / DAY_MS), loose: true }
  return null
}

/** The searched period as calendar days (its `gte`/`lte` may be datetimes, with a zone: their written days). */
function searchedDays(turn: NormalizedTurn): { from: string; to: string } | null {
  const d = turn.searchedDates
  return d === undefined ? null : { from: d.from.slice(0, 10), to: d.to.slice(0, 10) }
}

/**
 * How far outside the period a label may fall and still name a bucket that overlaps it: a line grouped by week or
 * month is labelled by its bucket's first or last day (a week's Monday, pandas' week-ending Sunday, YYYY-MM-01).
 * The bucket is at most the gap to the next label (days: 0 days of slack), a month at most; one label, a month.
 */
function bucketSlack(days: number[]): number {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  const gaps = sorted.slice(1).map((d, i) => d - (sorted[i] as number))
  if (gaps.length === 0) return MONTH_DAYS
  const gap = Math.min(...gaps)
  return gap >= 28 ? MONTH_DAYS : gap - 1
}

/** A line's label naming no day of the searched period (ISO days, datetimes, epoch ms and months; others not read). */
function outsidePeriod(v: NormalizedViz, turn: NormalizedTurn): string | null {
  const dates = searchedDays(turn)
  if (v.kind !== 'line' || dates === null) return null
  const from = Date.parse(`${dates.from}T00:00:00Z`) / DAY_MS
  const to = Date.parse(`${dates.to}T00:00:00Z`) / DAY_MS
  const days = v.labels.map(labelDay)
  const slack = bucketSlack(days.flatMap((d) => (d === null ? [] : [d.day])))
  for (const [i, label] of v.labels.entries()) {
    const d = days[i]
    const margin = d === undefined || d === null ? 0 : slack + (d.loose ? 1 : 0)
    if (d !== undefined && d !== null && (d.day < from - margin || d.day > to + margin)) return label
    const month = /^\d{4}-\d{2}$/.test(label) ? label : null
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
    // Only what is known to be a debit: its type says so, or, untyped, its amount is negative (a credit insight such as
    // « Revenu exceptionnel » may carry no type); an empty name is drawn "Marchand inconnu" (docs/wire-contracts.md §2.2).
    const debit = d.transaction_type === 'debit' || (d.transaction_type === undefined && isNumber(d.amount) && d.amount < 0)
    if (typeof d.merchant_name === 'string' && d.merchant_name.trim() !== '' && isNumber(d.amount) && debit)
      out.push({ name: d.merchant_name, amount: Math.abs(d.amount) })
  }
  return out
}

/** Words of a merchant's name that tell no merchant apart (store formats, places, legal forms). */
const GENERIC_WORDS = new Set(
  'market city drive express store shop online france paris sas sarl ltd inc the les des supermarche hypermarche contact proxi station services service magasin'.split(
    ' ',
  ),
)
/** A merchant's name as letters and digits, without a web domain suffix ("LEROY-MERLIN.FR" → "leroymerlin"). */
const compactName = (s: string): string =>
  fold(s)
    .replace(/\.(?:fr|com|net|org|eu|de|es|it|be|ch|co\.uk)\b/g, ' ')
    .replace(/[^a-z0-9]/g, '')
const distinctWords = (s: string): string[] =>
  fold(s)
    .replace(/\.(?:fr|com|net|org|eu|de|es|it|be|ch|co\.uk)\b/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w))

/**
 * Whether two spellings may name one merchant ("MCDONALDS"/"McDonald's", "E. LECLERC DRIVE"/"E.Leclerc",
 * "Carrefour City"/"Carrefour Market"): one compact name holds the other, or they share a distinctive word. When
 * unsure they are taken as the same: a false failure is as bad as a false pass.
 */
const sameName = (a: string, b: string): boolean => {
  const x = compactName(a)
  const y = compactName(b)
  if (x === '' || y === '') return true
  if (x.includes(y) || y.includes(x)) return true
  const words = new Set(distinctWords(a))
  return distinctWords(b).some((w) => words.has(w))
}

function barFailures(v: NormalizedViz, series: number[], turn: NormalizedTurn): Reason[] {
  const out: Reason[] = []
  const unranked = series.findIndex((x, i) => i > 0 && x > (series[i - 1] as number) + 1e-9)
  if (unranked > 0)
    out.push(reason('check.chart.unranked', { title: title(v), label: excerpt(v.labels[unranked] ?? '', 40), position: unranked + 1 }))
  const searched = turn.searchedFilters?.merchants ?? []
  const foreign = searched.length === 0 ? undefined : v.labels.find((l) => !CATCH_ALL.has(l.trim()) && !searched.some((m) => sameName(l, m)))
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
  const negative = v.datasets
    .filter((d) => seriesMeaning(d.label) !== 'net')
    .flatMap((d) => d.data)
    .find((x) => x < 0)
  if (negative !== undefined) out.push(reason('check.chart.negative', { kind: v.kind, title: title(v), value: num(negative) }))
  const day = outsidePeriod(v, turn)
  const dates = searchedDays(turn)
  if (day !== null && dates !== null)
    out.push(reason('check.chart.outside_period', { title: title(v), label: excerpt(day, 30), from: dates.from, to: dates.to }))
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
