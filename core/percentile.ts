// Exact percentiles, type 7 (Hyndman & Fan): linear interpolation between order statistics at rank p·(n−1),
// the definition of numpy's default and k6. Named in every report as PERCENTILE_METHOD.
//
// The interpolation itself is simple-statistics' quantileSorted(): since 7.x it implements exactly type 7 (the
// source says so and selftest/core/percentile.test.ts checks it against hand-computed values). It is only
// called on an already sorted typed array, so 10⁶ samples cost one numeric sort, not one per percentile.
import { quantile, quantileSorted, quickselect } from 'simple-statistics'

export const PERCENTILE_METHOD = 'type 7 (linear interpolation between order statistics at p·(n−1), as numpy default and k6)'

/** Values sorted ascending in a typed array (one sort, numeric, NaN-free input assumed). */
export function sortedFloat64(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values)
  out.sort() // typed-array sort is numeric
  return out
}

/** Type-7 quantile of an ascending array; null for an empty sample. p in [0, 1]. */
export function quantileSorted7(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length
  if (n === 0) return null
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} outside [0, 1]`)
  // quantileSorted only indexes its argument (x[i], x.length): a Float64Array behaves exactly like number[].
  return quantileSorted(sorted as unknown as number[], p)
}

export interface PercentileSet {
  p50: number | null
  p95: number | null
  p99: number | null
}

export function percentiles(sorted: ArrayLike<number>): PercentileSet {
  return { p50: quantileSorted7(sorted, 0.5), p95: quantileSorted7(sorted, 0.95), p99: quantileSorted7(sorted, 0.99) }
}

/**
 * The same three type-7 percentiles without a full sort: simple-statistics' quantile() places only the needed
 * order statistics (Floyd–Rivest selection on a copy), ~4× faster than sorting 10⁶ values. Used for the
 * secondary series (per stage, category, question, TTFB); the overall series is sorted once because its
 * confidence interval reads arbitrary ranks.
 */
export function percentilesUnsorted(values: Float64Array): PercentileSet {
  if (values.length === 0) return { p50: null, p95: null, p99: null }
  const [p50, p95, p99] = quantile(values as unknown as number[], [0.5, 0.95, 0.99]) as number[]
  return { p50: p50 as number, p95: p95 as number, p99: p99 as number }
}

/**
 * percentilesUnsorted() without its copy: the order statistics are placed in `values` itself (reordered, same
 * values), with the same Floyd–Rivest selection (simple-statistics' quickselect) at the same positions as
 * quantile() places them in its copy, then read by the same interpolation — the same three figures. For a series
 * read once and then dropped (aggregate's per stage, category, question, TTFB): at 1,000,000 attempts the copies
 * were ~50 MB of typed arrays, enough to start a full garbage collection of the whole run model (~0.7 s).
 */
export function percentilesInPlace(values: Float64Array): PercentileSet {
  if (values.length === 0) return { p50: null, p95: null, p99: null }
  const ps = [0.5, 0.95, 0.99]
  const positions = new Set<number>()
  for (const p of ps) {
    const h = (values.length - 1) * p
    positions.add(Math.floor(h))
    positions.add(Math.ceil(h))
  }
  const indices = [...positions].sort((a, b) => a - b)
  placeOrderStatistics(values as unknown as number[], indices, 0, indices.length - 1, 0, values.length - 1)
  const [p50, p95, p99] = ps.map((p) => quantileSorted(values as unknown as number[], p))
  return { p50: p50 as number, p95: p95 as number, p99: p99 as number }
}

/** simple-statistics' multiselect: each requested position placed by halving the list of positions. */
function placeOrderStatistics(arr: number[], indices: readonly number[], lo: number, hi: number, left: number, right: number): void {
  if (lo > hi) return
  const mid = (lo + hi) >> 1
  const k = indices[mid] as number
  quickselect(arr, k, left, right)
  placeOrderStatistics(arr, indices, lo, mid - 1, left, k - 1)
  placeOrderStatistics(arr, indices, mid + 1, hi, k + 1, right)
}

/** Below these sizes a percentile is flagged as weakly supported (docs/suite-rules.md §5). */
export const WEAK_SUPPORT = { p95: 20, p99: 100 } as const

/** How many values of an ascending array are ≤ v (binary search). */
function countAtMost(sorted: ArrayLike<number>, v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Whether the type-7 quantile p of `sorted` is only a lower bound because of censored observations (docs/verdict-rules.md
 * step 4): a timeout enters at the timeout, its true value is at least that. The figure is censored exactly when it
 * would change were the censored values larger, i.e. when a rank with positive weight in the interpolation — ⌊h⌋
 * with weight 1 − (h − ⌊h⌋), ⌊h⌋+1 only when h is not whole, h = p·(n−1) computed as quantileSorted7 does — could
 * be taken by a censored observation: rank r (0-based) is safe when at least r+1 uncensored values are ≤ its value.
 * `censored` holds the censored figures (each one also in `sorted`), in any order.
 */
export function quantileCensored(sorted: ArrayLike<number>, p: number, censored: ArrayLike<number>): boolean {
  const n = sorted.length
  if (n === 0 || censored.length === 0) return false
  const cens = sortedFloat64(censored)
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const ranks = h > lo ? [lo, lo + 1] : [lo]
  return ranks.some((r) => rankCensored(sorted, r, cens))
}

/**
 * Whether the order statistic at 0-based rank r of `sorted` may be a censored observation, i.e. whether it would
 * change were the censored values larger: it is safe when at least r+1 uncensored values are ≤ its value.
 * `censoredSorted` holds the censored figures ascending (each one also in `sorted`). The one rule of a censored rank,
 * for a percentile's interpolation (quantileCensored) and for a confidence bound read at a rank (reporters/intervals.ts).
 */
export function rankCensored(sorted: ArrayLike<number>, r: number, censoredSorted: ArrayLike<number>): boolean {
  if (censoredSorted.length === 0) return false
  const v = sorted[r] as number
  return countAtMost(sorted, v) - countAtMost(censoredSorted, v) <= r
}
