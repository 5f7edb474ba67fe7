// Two-sample permutation tests of a latency percentile, and their inversion into 95 % intervals — the method of the
// baseline comparison (reporters/compare.ts, docs/baseline.md). Why not the percentile bootstrap it replaced: a
// resampled P95 can never exceed its sample's maximum, so the bootstrap of a small run's P95 is biased low, and
// between runs of different sizes (15 attempts against 150) it called an unchanged service "regression" a quarter of
// the time instead of ≤ 2.5 % (review 2026-12; selftest/reporters/compare-false-alarm.test.ts). A permutation test
// is exact whatever the two sizes: if both runs draw from one distribution, every split of their pooled latencies is
// equally likely, so the observed split is extreme (one-sided p ≤ 2.5 %) in at most 2.5 % of such comparisons.
//
// - Statistic: the Harrell–Davis estimate of the percentile (a weighted mean of order statistics): unlike one order
//   statistic it does not saturate on ties — 20 timeouts out of 110 against none out of 90 is told from 5 of 90.
// - Censoring: a timeout enters at its timeout (core/measured.ts). Both runs are capped at one common point (the
//   lower of their censoring points, each after the hypothesis' transform), so the capped values stay exchangeable
//   under the hypothesis: the test never takes a timeout for its true latency.
// - Interval: the hypotheses not rejected at 2.5 % on either side — "after − δ is distributed as before" (shift, in
//   ms) and "after / (1 + ρ) is distributed as before" (scale, relative) — found by bisection, every test on the same
//   seeded splits (core/random.ts), so the same two runs always give the same figures. An end no hypothesis bounds
//   (too few samples, or everything beyond it censored) is null.
import { mulberry32 } from '../core/random.ts'

/** Splits drawn per test: p-values in steps of 1/1000, the smallest 0.001. */
export const PERMUTATIONS = 999
/** Each one-sided test's level: two of them make the 95 % interval. */
const ALPHA_SIDE = 0.025
/** Samples per side a test uses at most (a seeded subsample beyond): the cost stays bounded for a 10⁶-attempt run. */
export const MAX_PER_SIDE = 1000
/** Bisection steps per interval end: the bracket's width / 2¹⁸ — far below the millisecond figures shown. */
const BISECTION_STEPS = 18
/** Statistics closer than this (ms: the latencies' recorded resolution) are ties. */
const TIE_MS = 0.001
/**
 * Harrell–Davis weights in either tail of this mass are dropped (the rest renormalized): far order statistics weigh
 * nothing then, rather than a few millionths — which told two all-capped groups apart by dust (a 10⁻⁶ share of a
 * fast answer) and made a comparison of timeouts "significant".
 */
const WEIGHT_TAIL = 1e-4

// --- Harrell–Davis weights -------------------------------------------------------------------------------------

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
function lnGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012,
    9.984369578019572e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let sum = c[0] as number
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    for (const aa of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + aa * d
      d = 1 / (Math.abs(d) < tiny ? tiny : d)
      c = 1 + aa / c
      if (Math.abs(c) < tiny) c = tiny
      h *= d * c
    }
    if (Math.abs(d * c - 1) < 1e-15) break
  }
  return h
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b
}

/** Harrell–Davis weights of percentile p for m sorted values: the ranks lo … lo + w.length − 1 that carry weight. */
export interface Weights {
  lo: number
  w: Float64Array
}

export function harrellDavisWeights(m: number, p: number): Weights {
  const a = p * (m + 1)
  const b = (1 - p) * (m + 1)
  const cdf = Float64Array.from({ length: m + 1 }, (_, i) => incompleteBeta(i / m, a, b))
  let lo = 0
  while (lo < m - 1 && (cdf[lo + 1] as number) < WEIGHT_TAIL) lo++
  let hi = m - 1
  while (hi > lo && 1 - (cdf[hi] as number) < WEIGHT_TAIL) hi--
  const w = Float64Array.from({ length: hi - lo + 1 }, (_, k) => (cdf[lo + k + 1] as number) - (cdf[lo + k] as number))
  const total = w.reduce((a, b) => a + b, 0)
  return { lo, w: w.map((x) => x / total) }
}

// --- Splits of the pooled samples ------------------------------------------------------------------------------

/**
 * The two samples, sorted, and the splits every test reads. Pooled index i < nb is before[i], else after[i − nb]. A
 * split k holds n indices from k·n: group A (after's role: aBefore[k] indices of `before`, then of `after`), then
 * group B (before's role: the remaining indices of `before`, then of `after`), each part in ascending order. Split 0
 * is the observed one (A = after, B = before).
 */
interface Splits {
  before: Float64Array
  after: Float64Array
  idx: Int32Array
  aBefore: Int32Array
  count: number
}

function drawSplits(before: Float64Array, after: Float64Array, count: number, seed: number): Splits {
  const nb = before.length
  const na = after.length
  const n = nb + na
  const idx = new Int32Array((count + 1) * n)
  const aBefore = new Int32Array(count + 1)
  // Split 0: A = after (pooled nb … n − 1), B = before (0 … nb − 1).
  for (let i = 0; i < na; i++) idx[i] = nb + i
  for (let i = 0; i < nb; i++) idx[na + i] = i
  const rng = mulberry32(seed)
  const order = Int32Array.from({ length: n }, (_, i) => i)
  const inA = new Uint8Array(n)
  // The smaller group is drawn (partial Fisher–Yates), the larger is the rest: 15 draws per split at 15 against 150.
  const drawn = Math.min(na, nb)
  const drawnMark = na <= nb ? 1 : 0
  for (let k = 1; k <= count; k++) {
    inA.fill(1 - drawnMark)
    for (let i = 0; i < drawn; i++) {
      const j = i + Math.floor(rng() * (n - i))
      const t = order[j] as number
      order[j] = order[i] as number
      order[i] = t
      inA[t] = drawnMark
    }
    let fromBefore = 0
    for (let i = 0; i < nb; i++) fromBefore += inA[i] as number
    aBefore[k] = fromBefore
    // Ascending pooled order keeps each part sorted: A's before-part, A's after-part, B's before-part, B's after-part.
    const base = k * n
    let atA = base
    let atB = base + na
    for (let i = 0; i < n; i++) {
      if (inA[i] === 1) idx[atA++] = i
      else idx[atB++] = i
    }
  }
  return { before, after, idx, aBefore, count }
}

// --- The statistic under a hypothesis ----------------------------------------------------------------------------

/** How `after` is transformed under a hypothesis ((v − shift) / scale), and the common censoring cap of both sides. */
interface Hypothesis {
  shift: number
  scale: number
  cap: number
}

/** Both samples as a hypothesis sees them: `after` transformed, both capped at its common censoring point. */
interface Seen {
  before: Float64Array
  after: Float64Array
}

function seenUnder(s: Splits, h: Hypothesis): Seen {
  return {
    before: s.before.map((v) => Math.min(v, h.cap)),
    after: s.after.map((v) => Math.min((v - h.shift) / h.scale, h.cap)),
  }
}

/**
 * The Harrell–Davis estimate of a group made of two ascending runs of pooled indices — `xLen` of `before` from `xAt`,
 * `yLen` of `after` from `yAt` — reading only the order statistics in the weights' window, merged on the fly.
 */
function groupEstimate(s: Splits, v: Seen, xAt: number, xLen: number, yAt: number, yLen: number, W: Weights): number {
  const { idx } = s
  const nb = v.before.length
  const xs = v.before
  const ys = v.after
  // How many of the `lo` smallest come from x: the smallest i with x(i) ≥ y(lo − i − 1) (both runs ascending).
  const k = W.lo
  let lo = Math.max(0, k - yLen)
  let hi = Math.min(k, xLen)
  while (lo < hi) {
    const i = (lo + hi) >> 1
    if ((xs[idx[xAt + i] as number] as number) < (ys[(idx[yAt + k - i - 1] as number) - nb] as number)) lo = i + 1
    else hi = i
  }
  let i = lo
  let j = k - lo
  let sum = 0
  const w = W.w
  for (let r = 0; r < w.length; r++) {
    const x = i < xLen ? (xs[idx[xAt + i] as number] as number) : Infinity
    const y = j < yLen ? (ys[(idx[yAt + j] as number) - nb] as number) : Infinity
    if (x <= y) {
      sum += (w[r] as number) * x
      i++
    } else {
      sum += (w[r] as number) * y
      j++
    }
  }
  return sum
}

/** Estimate of group A minus that of group B in split k. */
function splitStatistic(s: Splits, v: Seen, k: number, wA: Weights, wB: Weights): number {
  const na = s.after.length
  const nb = s.before.length
  const base = k * (na + nb)
  const fromBefore = s.aBefore[k] as number
  const a = groupEstimate(s, v, base, fromBefore, base + fromBefore, na - fromBefore, wA)
  const b = groupEstimate(s, v, base + na, nb - fromBefore, base + na + nb - fromBefore, fromBefore, wB)
  return a - b
}

/** Whether the hypothesis is rejected at 2.5 %: `up` — after is worse than it says; `down` — better. */
interface Rejection {
  up: boolean
  down: boolean
}

/** The two one-sided permutation tests of a hypothesis (p = (1 + as extreme) / (1 + splits), ties counted as extreme). */
function test(s: Splits, h: Hypothesis, wA: Weights, wB: Weights): Rejection {
  const v = seenUnder(s, h)
  const observed = splitStatistic(s, v, 0, wA, wB)
  // Closer than the latencies' own resolution (1 µs, core/attempt-json.ts) is a tie: a tie counts as extreme.
  const tolerance = Math.max(TIE_MS, 1e-12 * Math.abs(observed))
  let above = 0
  let below = 0
  for (let k = 1; k <= s.count; k++) {
    const t = splitStatistic(s, v, k, wA, wB)
    if (t >= observed - tolerance) above++
    if (t <= observed + tolerance) below++
  }
  const limit = ALPHA_SIDE * (s.count + 1)
  return { up: 1 + above <= limit, down: 1 + below <= limit }
}

// --- Public: one percentile compared ---------------------------------------------------------------------------

/** Censoring points: the smallest censored value of each side (Infinity: none censored). */
export interface CensorPoints {
  before: number
  after: number
}

/** A percentile's difference and ratio intervals (null end: unbounded), and the tests at 0 and at the allowance. */
export interface PercentileTest {
  /** after − before: 95 % interval of the shift; null when an end is unbounded. */
  interval: { lower: number; upper: number } | null
  /** after / before − 1: 95 % interval of the scale; null when an end is unbounded or a latency is not positive. */
  relativeInterval: { lower: number; upper: number } | null
  /** "after is distributed as before" rejected: after is worse (`up`) or better (`down`). */
  atZero: Rejection
  /** "after / (1 + allowance) is distributed as before" rejected upwards: worse by more than the allowance. */
  beyondAllowance: boolean
}

/** A seeded subsample of at most MAX_PER_SIDE values, sorted. */
function bounded(xs: readonly number[], rng: () => number): Float64Array {
  const out = Float64Array.from(xs)
  if (out.length > MAX_PER_SIDE) {
    for (let i = 0; i < MAX_PER_SIDE; i++) {
      const j = i + Math.floor(rng() * (out.length - i))
      const t = out[i] as number
      out[i] = out[j] as number
      out[j] = t
    }
    return out.subarray(0, MAX_PER_SIDE).sort()
  }
  return out.sort()
}

/**
 * Compares percentiles `ps` of two latency samples (neither empty), every test on the same seeded splits. `censor`:
 * each side's censoring point; `allowance`: the relative worsening the `beyondAllowance` test grants (0.2 = 20 %).
 * `intervals: false` runs the tests only (atZero, beyondAllowance: the same as with intervals, which they anchor).
 */
export function comparePercentiles(
  before: readonly number[],
  after: readonly number[],
  ps: readonly number[],
  options: { seed: number; censor: CensorPoints; allowance: number; intervals?: boolean },
): PercentileTest[] {
  const rng = mulberry32(options.seed ^ 0x5bd1e995)
  const s = drawSplits(bounded(before, rng), bounded(after, rng), PERMUTATIONS, options.seed)
  return ps.map((p) => percentileTest(s, p, options))
}

/** One percentile: the tests at zero and at the allowance, then (unless `intervals: false`) their inversion. */
function percentileTest(s: Splits, p: number, options: { censor: CensorPoints; allowance: number; intervals?: boolean }): PercentileTest {
  const wA = harrellDavisWeights(s.after.length, p)
  const wB = harrellDavisWeights(s.before.length, p)
  const { censor } = options
  const shifted = (d: number): Hypothesis => ({ shift: d, scale: 1, cap: Math.min(censor.before, censor.after - d) })
  const scaled = (u: number): Hypothesis => ({ shift: 0, scale: Math.exp(u), cap: Math.min(censor.before, censor.after / Math.exp(u)) })
  const run = (h: Hypothesis) => test(s, h, wA, wB)
  const atZero = run(shifted(0))
  const positive = (s.before[0] as number) > 0 && (s.after[0] as number) > 0
  const allowanceAt = Math.log1p(options.allowance)
  // Beyond the allowance only when worse at all: the two tests never say "worse by 20 %" and "not worse" together.
  const beyondAllowance = positive && atZero.up && run(scaled(allowanceAt)).up
  if (options.intervals === false) return { interval: null, relativeInterval: null, atZero, beyondAllowance }
  // The data's range as the tests see it (no value counts above its side's censoring point): the search brackets.
  const [b0, b1] = [s.before[0] as number, Math.min(s.before[s.before.length - 1] as number, censor.before)]
  const [a0, a1] = [s.after[0] as number, Math.min(s.after[s.after.length - 1] as number, censor.after)]
  const span = Math.max(1, a1 - a0, b1 - b0)
  const zero: Known = { at: 0, up: atZero.up, down: atZero.down }
  const interval = invert(run, shifted, [zero], [a0 - b1 - span, a1 - b0 + span])
  const scaleKnown = atZero.up ? [zero, { at: allowanceAt, up: beyondAllowance }] : [zero]
  const ratio = positive ? invert(run, scaled, scaleKnown, [Math.log(a0 / b1) - 0.1, Math.log(a1 / b0) + 0.1]) : null
  return {
    interval,
    relativeInterval: ratio ? { lower: Math.expm1(ratio.lower), upper: Math.expm1(ratio.upper) } : null,
    atZero,
    beyondAllowance,
  }
}

/** A hypothesis already tested: its parameter and the sides tested (absent: not tested on that side). */
interface Known {
  at: number
  up?: boolean
  down?: boolean
}

/**
 * The interval of the parameter θ whose hypothesis neither test rejects, searched from the tests already run
 * (`known`: at 0, at the allowance) so that its ends agree with them: the lower end lies above every known θ rejected
 * upwards and at or below the next one kept. null when an end is unbounded within `bracket` (its extreme is kept).
 */
function invert(
  run: (h: Hypothesis) => Rejection,
  hypothesis: (theta: number) => Hypothesis,
  known: readonly Known[],
  bracket: [number, number],
): { lower: number; upper: number } | null {
  const lower = end(
    (t) => run(hypothesis(t)).up,
    known.filter((k) => k.up !== undefined).map((k) => ({ at: k.at, rejected: k.up === true })),
    bracket[0],
    bracket[1],
  )
  if (lower === null) return null
  const upper = end(
    (t) => run(hypothesis(t)).down,
    known.filter((k) => k.down !== undefined).map((k) => ({ at: k.at, rejected: k.down === true })),
    bracket[1],
    bracket[0],
  )
  return upper === null ? null : { lower, upper }
}

/**
 * One end of the interval: between the known θ rejected nearest the inside (else `extreme`, which must be rejected,
 * or the end is unbounded: null) and the nearest known θ kept beyond it (else `inside`), by bisection.
 */
function end(
  rejectedAt: (t: number) => boolean,
  known: ReadonlyArray<{ at: number; rejected: boolean }>,
  extreme: number,
  inside: number,
): number | null {
  const towards = Math.sign(inside - extreme)
  const rejected = known.filter((k) => k.rejected).map((k) => k.at)
  const from = rejected.length ? rejected.reduce((a, b) => (towards * (b - a) > 0 ? b : a)) : extreme
  if (!rejected.length && !rejectedAt(extreme)) return null
  const kept = known.filter((k) => !k.rejected && towards * (k.at - from) > 0).map((k) => k.at)
  const to = kept.length ? kept.reduce((a, b) => (towards * (b - a) < 0 ? b : a)) : inside
  return boundary(rejectedAt, from, to)
}

/** Bisection between a rejected θ and a kept one: the boundary, on the kept side's edge. */
function boundary(rejected: (t: number) => boolean, from: number, to: number): number {
  let r = from
  let k = to
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (r + k) / 2
    if (rejected(mid)) r = mid
    else k = mid
  }
  return (r + k) / 2
}
