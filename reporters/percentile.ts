// Exact percentiles, type 7 (Hyndman & Fan): linear interpolation between order statistics at rank p·(n−1),
// the definition of numpy's default and k6. Named in every report as METHOD.
//
// Why not simple-statistics: its quantileSorted() uses a different rule (nearest rank, averaging on exact
// integer ranks), which is not type 7 — a 20-sample P95 differs. selftest/reporters/percentile.test.ts shows it.

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
  const h = p * (n - 1)
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  const a = sorted[lo] as number
  const b = sorted[hi] as number
  return a + (h - lo) * (b - a)
}

export interface PercentileSet {
  p50: number | null
  p95: number | null
  p99: number | null
}

export function percentiles(sorted: ArrayLike<number>): PercentileSet {
  return { p50: quantileSorted7(sorted, 0.5), p95: quantileSorted7(sorted, 0.95), p99: quantileSorted7(sorted, 0.99) }
}

/** Below these sizes a percentile is flagged as weakly supported (spec §5). */
export const WEAK_SUPPORT = { p95: 20, p99: 100 } as const
