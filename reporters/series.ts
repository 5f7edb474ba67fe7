// A latency series and its statistics: the typed-array series every figure of the aggregate is built on
// (reporters/aggregate.ts), and the stage figures (reporters/stage-stats.ts). Built to take 10⁶ values: one numeric
// sort or one in-place selection per series.
import { percentiles, percentilesInPlace, quantileCensored, type PercentileSet } from '../core/percentile.ts'

export interface LatencyStats extends PercentileSet {
  mean: number | null
  max: number | null
  n: number
  /**
   * The percentile is a lower bound: a censored value (a timeout, entered at the timeout) weighs in it
   * (core/percentile.ts quantileCensored). Every series carries it — overall, per category, question and stage — so
   * every renderer marks the same figure "≥" (docs/report-contract.md).
   */
  p50Censored: boolean
  p95Censored: boolean
  p99Censored: boolean
  /**
   * The mean and the max are lower bounds whenever any censored value is in the series: a timeout's truth is ≥ the
   * timeout, so it may exceed every value measured and raise both (docs/report-contract.md).
   */
  meanCensored: boolean
  maxCensored: boolean
}

/**
 * Mean, max and type-7 percentiles of values[0..count). sorted=true sorts in place (the caller reads ranks);
 * otherwise the order statistics are placed in place (the values are reordered: a series is read once).
 */
export function stats(values: Float64Array, count: number, sorted = false, censored: readonly number[] = []): LatencyStats {
  const v = values.subarray(0, count)
  let sum = 0
  let max = -Infinity
  for (let i = 0; i < count; i++) {
    const x = v[i] as number
    sum += x
    if (x > max) max = x
  }
  let p: PercentileSet
  // Sorted (O(n log n)) when the caller reads ranks or a censored value may weigh in a percentile; otherwise the
  // order statistics are selected in place (O(n)): at 1,000,000 attempts the sort alone cost 0.4 s.
  if (sorted || censored.length > 0) {
    v.sort()
    p = percentiles(v)
  } else p = percentilesInPlace(v)
  const at = (q: number): boolean => censored.length > 0 && quantileCensored(v, q, censored)
  return {
    ...p,
    mean: count > 0 ? sum / count : null,
    max: count > 0 ? max : null,
    n: count,
    p50Censored: at(0.5),
    p95Censored: at(0.95),
    p99Censored: at(0.99),
    meanCensored: count > 0 && censored.length > 0,
    maxCensored: count > 0 && censored.length > 0,
  }
}

/** A growable Float64Array (avoids 10⁶ boxed numbers in JS arrays). */
export class Series {
  data: Float64Array
  length = 0
  /** The censored values among them (timeouts at the timeout), each one also in data. */
  censored: number[] = []
  constructor(capacity = 16) {
    this.data = new Float64Array(Math.max(16, capacity))
  }
  /** Emptied for the next question (its buffer kept: one per run, not one per question). */
  clear(): void {
    this.length = 0
    this.censored = []
  }
  push(x: number, censored = false): void {
    if (censored) this.censored.push(x)
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = x
  }
  stats(sorted = false): LatencyStats {
    return stats(this.data, this.length, sorted, this.censored)
  }
}
