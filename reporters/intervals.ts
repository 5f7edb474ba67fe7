// Confidence intervals: Wilson score for rates, distribution-free order-statistic bounds for a percentile.
// Both are exact enough at the sizes we see (15 to 10⁶ attempts) and need no distributional assumption about
// latency, which is skewed and multi-modal for an LLM pipeline.
import { rankCensored, sortedFloat64 } from '../core/percentile.ts'

/** Two-sided 95 % normal quantile (simple-statistics probit(0.975) is a table lookup giving 1.9572, too coarse). */
export const Z95 = 1.959963984540054

export interface Interval {
  lower: number | null
  upper: number | null
}

/** Wilson score interval for successes/n (95 % by default); null bounds for n = 0. */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { lower: null, upper: null }
  const p = successes / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  // Clamp rounding noise at the ends (p = 0 or 1 give exactly 0 / 1 analytically).
  return { lower: Math.max(0, successes === 0 ? 0 : centre - half), upper: Math.min(1, successes === n ? 1 : centre + half) }
}

/**
 * Smallest n at which the Wilson interval of the same observed proportion would exclude `threshold`
 * (i.e. the verdict would no longer depend on sampling noise). null when the proportion equals the threshold
 * (never conclusive) or the need exceeds 10⁹. Returns n itself when already conclusive.
 */
export function wilsonSamplesNeeded(successes: number, n: number, threshold: number, z = Z95): number | null {
  if (n <= 0) return null
  const p = successes / n
  if (p === threshold) return null
  const conclusive = (m: number) => {
    const iv = wilson(p * m, m, z)
    return p > threshold ? (iv.lower as number) >= threshold : (iv.upper as number) < threshold
  }
  if (conclusive(n)) return n
  let hi = n
  while (!conclusive(hi)) {
    hi *= 2
    if (hi > 1e9) return null
  }
  let lo = Math.floor(hi / 2)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (conclusive(mid)) hi = mid
    else lo = mid
  }
  return hi
}

/**
 * CDF of B ~ Binomial(n, p) at k = 0..n, summed in log space from k = 0 so that large n neither overflows nor
 * loses the tail. O(n) time and memory: fine up to 10⁶.
 */
export function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1)
  const logRatio = Math.log(p) - Math.log1p(-p)
  let logPmf = n * Math.log1p(-p)
  let acc = 0
  for (let k = 0; k <= n; k++) {
    acc += Math.exp(logPmf)
    cdf[k] = Math.min(1, acc)
    logPmf += Math.log((n - k) / (k + 1)) + logRatio
  }
  return cdf
}

export interface OrderStatisticInterval {
  /** 1-based ranks into the sorted sample; null when the sample cannot bound that side. */
  lowerRank: number | null
  upperRank: number | null
  /** Achieved coverage P(lower ≤ q < upper); null when not a two-sided interval. */
  coverage: number | null
  /** Smallest sample size with a finite upper bound at this confidence. */
  minSamplesForUpper: number
}

/**
 * Distribution-free confidence interval for the p-quantile q: with B ~ Bin(n, p) the number of samples below q,
 * [X(l), X(u)] covers q iff l ≤ B ≤ u − 1. We take equal tails (α/2 each) when the sample allows it; when only
 * the top rank can bound q (n just large enough), we put the upper bound at X(n) and choose l so that the
 * coverage is still ≥ 1 − α. Below minSamplesForUpper (59 for P95 at 95 %) no upper bound exists: only a
 * one-sided lower bound (confidence 1 − α) is given.
 */
export function quantileInterval(n: number, p = 0.95, confidence = 0.95): OrderStatisticInterval {
  const alpha = 1 - confidence
  const minSamplesForUpper = Math.ceil(Math.log(alpha) / Math.log(p) - 1e-12)
  if (n <= 0) return { lowerRank: null, upperRank: null, coverage: null, minSamplesForUpper }
  const cdf = binomialCdf(n, p)
  const F = (k: number) => (k < 0 ? 0 : k >= n ? 1 : (cdf[k] as number))
  // Largest l with P(B ≤ l − 1) ≤ tail  (lower bound X(l) ≤ q with prob ≥ 1 − tail).
  const lowerFor = (tail: number): number | null => {
    let l: number | null = null
    for (let k = 1; k <= n; k++) {
      if (F(k - 1) <= tail) l = k
      else break
    }
    return l
  }
  // Equal tails.
  const lEq = lowerFor(alpha / 2)
  let uEq: number | null = null
  for (let k = Math.max(1, Math.floor(n * p)); k <= n; k++) {
    if (F(k - 1) >= 1 - alpha / 2) {
      uEq = k
      break
    }
  }
  if (lEq !== null && uEq !== null) return { lowerRank: lEq, upperRank: uEq, coverage: F(uEq - 1) - F(lEq - 1), minSamplesForUpper }
  if (n >= minSamplesForUpper) {
    // Upper at the maximum: P(B ≤ n − 1) = 1 − pⁿ ≥ 1 − α; spend what is left on the lower side.
    const top = F(n - 1)
    let l: number | null = null
    for (let k = 1; k < n; k++) {
      if (top - F(k - 1) >= confidence) l = k
      else break
    }
    if (l !== null) return { lowerRank: l, upperRank: n, coverage: top - F(l - 1), minSamplesForUpper }
  }
  return { lowerRank: lowerFor(alpha), upperRank: null, coverage: null, minSamplesForUpper }
}

/** A percentile's order-statistic interval read from a sorted sample: the values at its ranks. */
export interface QuantileBounds {
  lower: number | null
  /** null when no upper bound exists: too few samples, or its rank falls on a censored value (upperAtLeast). */
  upper: number | null
  /**
   * The upper rank fell on a censored value (a timeout, entered at the timeout): the bound is not known, only that it
   * is at least this figure ("≥ 3,000 ms" in every document). null otherwise.
   */
  upperAtLeast: number | null
  ranks: OrderStatisticInterval
}

/**
 * The interval of quantileInterval() in values of `sorted` (ascending). A timed-out request's latency is only known to
 * be ≥ the timeout: an upper bound read at its rank is no upper bound (docs/verdict-rules.md step 5), so it is null and
 * upperAtLeast says what is known. A lower bound read at a censored rank stays: the truth is only higher, so it still
 * bounds the percentile from below. `censored` holds the censored figures (each one also in `sorted`), in any order.
 */
export function quantileBounds(sorted: ArrayLike<number>, censored: ArrayLike<number>, p = 0.95, confidence = 0.95): QuantileBounds {
  const ranks = quantileInterval(sorted.length, p, confidence)
  const at = (rank: number | null) => (rank === null ? null : (sorted[rank - 1] as number))
  const upper = at(ranks.upperRank)
  const censoredUpper = ranks.upperRank !== null && rankCensored(sorted, ranks.upperRank - 1, sortedFloat64(censored))
  return { lower: at(ranks.lowerRank), upper: censoredUpper ? null : upper, upperAtLeast: censoredUpper ? upper : null, ranks }
}
