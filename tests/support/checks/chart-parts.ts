// The parts of main's pie and bar against what the answer says of the results (docs/suite-rules.md §3, "Chart data"):
// the bar ranked by amount; on a search for merchants (categories) every bar (slice) one of them; a merchant the
// insights name with a debit among the bars when that debit ranks it there, and its bar holding that debit at least.
// The wire carries no list of results and no aggregation by merchant (`query.aggregations` is the request, not its
// answer): the search's filters and the insights are what names the results' merchants.
import { type Reason, reason } from '../../../core/reason.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { BAR_TOP, ONE_PAGE, tolerance } from './chart-series.ts'
import { sameLabel, sameName, searchMayReturn } from './merchant-names.ts'
import { excerpt, num } from './text.ts'

/**
 * The catch-all labels main's pie and bar name (docs/wire-contracts.md §2.2): "Autres" is both the remainder slice and
 * a missing category, "Non categorise" an empty one, "Inconnu"/"Marchand inconnu" a missing or empty merchant.
 */
export const CATCH_ALL: ReadonlySet<string> = new Set(['Autres', 'Non categorise', 'Inconnu', 'Marchand inconnu'])
/** Names an insight gives a transaction without a merchant (main's "N/A", the analytics' "Unknown"): none to look for. */
const NO_MERCHANT: ReadonlySet<string> = new Set(['', 'n/a', 'na', 'none', 'null', 'unknown', 'inconnu', 'marchand inconnu'])

const title = (v: NormalizedViz): string => excerpt(v.title, 40)
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

interface NamedDebit {
  name: string
  amount: number
}

/**
 * A results' merchant an insight names with one debit: an unusual transaction's `merchant_name` (the analytics) or
 * `merchant` (main's), with its `amount` or main's `max_abs_amount`. Only what is known to be a debit: its
 * `transaction_type` says so; untyped, its amount is negative or the search was for debits only (every result is
 * one). A credit insight such as « Revenu exceptionnel » may carry no type and a positive amount.
 */
function namedDebits(turn: NormalizedTurn): NamedDebit[] {
  return turn.insights.flatMap((i) => {
    const d = i.dataSupport ?? {}
    const name = typeof d.merchant_name === 'string' ? d.merchant_name : typeof d.merchant === 'string' ? d.merchant : null
    const amount = isNumber(d.amount) ? d.amount : isNumber(d.max_abs_amount) ? d.max_abs_amount : null
    if (name === null || amount === null || NO_MERCHANT.has(name.trim().toLowerCase())) return []
    const type = typeof d.transaction_type === 'string' ? d.transaction_type.toLowerCase() : undefined
    const debit = type === 'debit' || (type === undefined && (amount < 0 || turn.searchedType === 'debit'))
    return debit ? [{ name, amount: Math.abs(amount) }] : []
  })
}

/** A named debit's merchant absent from bars it ranks in, or its own bar (the same exact label) holding less than it. */
function namedDebitFailures(v: NormalizedViz, series: readonly number[], turn: NormalizedTurn): Reason[] {
  // Above one page the named transaction may lie beyond the page the bar is drawn from.
  if (turn.totalResults === null || turn.totalResults > ONE_PAGE || series.length === 0) return []
  const smallest = Math.min(...series)
  const ranksIn = (amount: number): boolean => v.labels.length < BAR_TOP || amount > smallest + tolerance(amount)
  const out: Reason[] = []
  for (const m of namedDebits(turn)) {
    const own = v.labels.findIndex((l) => sameLabel(l, m.name))
    const held = own === -1 ? undefined : series[own]
    const params = { title: title(v), merchant: excerpt(m.name, 40), amount: num(m.amount) }
    if (held !== undefined && held < m.amount - tolerance(m.amount)) out.push(reason('check.chart.merchant_below', { ...params, bar: num(held) }))
    else if (own === -1 && ranksIn(m.amount) && !v.labels.some((l) => sameName(l, m.name))) out.push(reason('check.chart.merchant_absent', params))
  }
  return out.slice(0, 1)
}

/** A bar (slice) of neither a searched merchant (category) nor a catch-all, on a search for merchants (categories). */
function notSearchedFailures(v: NormalizedViz, turn: NormalizedTurn): Reason[] {
  const searched = (v.kind === 'bar' ? turn.searchedFilters?.merchants : turn.searchedFilters?.categories) ?? []
  if (searched.length === 0) return []
  // A merchant search returns every merchant sharing a word with a searched one (checks/merchant-names.ts
  // searchMayReturn); a category search, the category itself.
  const returned = v.kind === 'bar' ? searchMayReturn : sameName
  const foreign = v.labels.find((l) => !CATCH_ALL.has(l.trim()) && !searched.some((s) => returned(l, s)))
  if (foreign === undefined) return []
  return [
    reason('check.chart.not_searched', { kind: v.kind, title: title(v), label: excerpt(foreign, 40), searched: searched.map((s) => excerpt(s, 40)) }),
  ]
}

/** Bars ranked by decreasing amount (main sorts them). */
function unrankedFailures(v: NormalizedViz, series: readonly number[]): Reason[] {
  const unranked = series.findIndex((x, i) => i > 0 && x > (series[i - 1] as number) + 1e-9)
  if (unranked <= 0) return []
  return [reason('check.chart.unranked', { title: title(v), label: excerpt(v.labels[unranked] ?? '', 40), position: unranked + 1 })]
}

/** A pie's or a bar's parts (its debit series) against the search and the insights. */
export function partFailures(v: NormalizedViz, series: readonly number[] | null, turn: NormalizedTurn): Reason[] {
  const searched = notSearchedFailures(v, turn)
  if (v.kind !== 'bar' || series === null) return searched
  return [...unrankedFailures(v, series), ...searched, ...namedDebitFailures(v, series, turn)]
}
