// Baseline comparison: "is this run better or worse than the last one, and is the difference real or noise?"
// Pure functions over two RunSnapshots (this run, the baseline). Every difference carries its 95 % interval:
// - P50 / P95: percentile bootstrap of the difference (and of the ratio), resampling each run independently
//   with a seeded PRNG (core/random.ts), so the same two runs always give the same figures;
// - success rate: Newcombe's hybrid score interval for a difference of proportions (built on Wilson).
// A difference is labelled "regression" or "improvement" only when its interval excludes zero; otherwise
// "no detectable change". See docs/baseline.md.
import { quantile } from 'simple-statistics'
import { mismatch, type RunSnapshot } from '../core/baseline.ts'
import { measuredLatency, notMeasured } from '../core/measured.ts'
import { mulberry32 } from '../core/random.ts'
import { quantileCensored, quantileSorted7, sortedFloat64 } from '../core/percentile.ts'
import type { RunModel } from '../core/model.ts'
import type { Aggregate } from './aggregate.ts'
import { wilson } from './intervals.ts'

export type { RunSnapshot }
export { mismatch }

export type ChangeLabel = 'regression' | 'improvement' | 'no_change' | 'inconclusive'

export interface Delta {
  before: number | null
  after: number | null
  /**
   * Latency only: the side's percentile lands on timeouts, which enter at the timeout — the true value is at least
   * the figure ("≥"). Absent: not censored (or a rate).
   */
  censored?: { before: boolean; after: boolean }
  /** after − before. */
  delta: number | null
  /** 95 % interval of the difference; null when a side has no data. */
  interval: { lower: number; upper: number } | null
  /** after / before − 1 (latency only) and its 95 % interval. */
  relative: number | null
  relativeInterval: { lower: number; upper: number } | null
  label: ChangeLabel
}

export interface QuestionChange {
  id: string
  message: string
}

export interface Comparison {
  baseline: {
    generatedAt: string | null
    decision: string | null
    attempts: number
    /** Of those attempts, how many a rate limiter may have refused: the baseline's files could not tell (core/baseline.ts). */
    rateLimitedUnknown: number
  }
  current: { attempts: number }
  successRate: Delta
  p50: Delta
  p95: Delta
  /** Passed in the baseline, failing now. */
  newlyFailing: QuestionChange[]
  /** Failed in the baseline, passing now. */
  newlyPassing: QuestionChange[]
  /** The allowance (VALIDATION_MAX_REGRESSION) the criterion grants the P95, as a fraction (0.2 = 20 %). */
  maxRegression: number
  /** The P95 is, with 95 % confidence, more than maxRegression worse than the baseline's. */
  p95RegressionBeyondAllowance: boolean
  method: { resamples: number; seed: number; latency: string; rate: string }
}

export const BOOTSTRAP_SEED = 20261124
const MAX_RESAMPLES = 2000
/** Bounds the bootstrap work (resamples × samples): a 10⁶-attempt run still compares in seconds. */
const WORK_BUDGET = 2e7

const labelOf = (interval: { lower: number; upper: number } | null, higherIsWorse: boolean): ChangeLabel => {
  if (interval === null) return 'no_change'
  if (interval.lower > 0) return higherIsWorse ? 'regression' : 'improvement'
  if (interval.upper < 0) return higherIsWorse ? 'improvement' : 'regression'
  return 'no_change'
}

/** Newcombe (1998) method 10: hybrid score interval of p2 − p1 from the two Wilson intervals. */
export function rateDifference(s1: number, n1: number, s2: number, n2: number): Delta {
  if (n1 <= 0 || n2 <= 0) {
    const before = n1 > 0 ? s1 / n1 : null
    const after = n2 > 0 ? s2 / n2 : null
    return { before, after, delta: null, interval: null, relative: null, relativeInterval: null, label: 'no_change' }
  }
  const p1 = s1 / n1
  const p2 = s2 / n2
  const w1 = wilson(s1, n1)
  const w2 = wilson(s2, n2)
  const [l1, u1, l2, u2] = [w1.lower ?? 0, w1.upper ?? 1, w2.lower ?? 0, w2.upper ?? 1]
  const d = p2 - p1
  const interval = { lower: d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), upper: d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2) }
  return { before: p1, after: p2, delta: d, interval, relative: null, relativeInterval: null, label: labelOf(interval, false) }
}

const typed = (xs: readonly number[]): number[] => xs as number[]

export interface BootstrapResult {
  p50: Delta
  p95: Delta
  resamples: number
  /**
   * Per percentile, whether the interval's ends rest on resamples whose percentile fell on a timeout (censored: the
   * truth is ≥ it). lower: too many resamples had a censored `before` — their difference is only an upper bound of
   * the truth, which may be far lower — for the 2.5 % quantile to bound it; upper: the same of `after`.
   */
  unbounded: { p50: { lower: boolean; upper: boolean }; p95: { lower: boolean; upper: boolean } }
}

/**
 * Which of `xs` are censored: its `count` largest (a snapshot counts its timeouts without marking them; entered at the
 * timeout, they are its largest latencies — percentileCensored's reading).
 */
function censoredFlags(xs: readonly number[], count: number): Uint8Array {
  const flags = new Uint8Array(xs.length)
  if (count <= 0) return flags
  const order = Array.from(xs.keys()).sort((i, j) => (xs[i] as number) - (xs[j] as number))
  for (const i of order.slice(Math.max(0, xs.length - count))) flags[i] = 1
  return flags
}

/** The highest rank (0-based) with positive weight in the type-7 percentile p of n values (core/percentile.ts). */
function topRank(n: number, p: number): number {
  const h = p * (n - 1)
  return h > Math.floor(h) ? Math.floor(h) + 1 : Math.floor(h)
}

/**
 * Whether the type-7 quantile q of b sorted values (core/percentile.ts quantileSorted7) is infinite when `count` of them are infinite
 * at the end q is near: the rank ⌊h⌋ from below (q < 0.5), or ⌈h⌉ from above, h = q·(b − 1), falls among them.
 */
function endUnbounded(b: number, count: number, q: number): boolean {
  const h = q * (b - 1)
  return q < 0.5 ? count > Math.floor(h) : count > b - 1 - Math.ceil(h)
}

/**
 * Percentile bootstrap of the P50 and P95 differences (after − before) and ratios (after / before). Each run is
 * resampled with replacement at its own size; B resamples give B differences whose 2.5 % and 97.5 % quantiles
 * are the interval. Deterministic for a given seed. `timeouts`: how many of each side are censored (its largest): a
 * resample whose percentile lands on one is no exact figure, and the ends it would decide are said unbounded.
 */
export function bootstrapLatency(
  before: readonly number[],
  after: readonly number[],
  seed = BOOTSTRAP_SEED,
  timeouts: { before: number; after: number } = { before: 0, after: 0 },
): BootstrapResult {
  const empty = (q: number): Delta => ({
    before: before.length ? (quantile(typed(before), q) as number) : null,
    after: after.length ? (quantile(typed(after), q) as number) : null,
    delta: null,
    interval: null,
    relative: null,
    relativeInterval: null,
    label: 'no_change',
  })
  const bounded = { lower: false, upper: false }
  if (before.length === 0 || after.length === 0) return { p50: empty(0.5), p95: empty(0.95), resamples: 0, unbounded: { p50: bounded, p95: bounded } }
  const censoredBefore = censoredFlags(before, timeouts.before)
  const censoredAfter = censoredFlags(after, timeouts.after)
  // Resamples whose percentile (P50, P95) lands on a censored draw, on each side (censored values are the largest).
  const landed = { before: [0, 0], after: [0, 0] }
  const tops = {
    before: [topRank(before.length, 0.5), topRank(before.length, 0.95)],
    after: [topRank(after.length, 0.5), topRank(after.length, 0.95)],
  }
  const rng = mulberry32(seed)
  const b = Math.max(200, Math.min(MAX_RESAMPLES, Math.floor(WORK_BUDGET / (before.length + after.length))))
  const ra = new Float64Array(before.length)
  const rb = new Float64Array(after.length)
  const d50 = new Float64Array(b)
  const d95 = new Float64Array(b)
  const r50 = new Float64Array(b)
  const r95 = new Float64Array(b)
  for (let i = 0; i < b; i++) {
    let ca = 0
    let cb = 0
    for (let k = 0; k < ra.length; k++) {
      const j = Math.floor(rng() * before.length)
      ra[k] = before[j] as number
      ca += censoredBefore[j] as number
    }
    for (let k = 0; k < rb.length; k++) {
      const j = Math.floor(rng() * after.length)
      rb[k] = after[j] as number
      cb += censoredAfter[j] as number
    }
    // Censored draws take the top ranks: the percentile is censored when its highest weighted rank is among them.
    for (const q of [0, 1]) {
      if ((tops.before[q] as number) >= ra.length - ca) (landed.before[q] as number)++
      if ((tops.after[q] as number) >= rb.length - cb) (landed.after[q] as number)++
    }
    const [a50, a95] = quantile(ra as unknown as number[], [0.5, 0.95]) as [number, number]
    const [b50, b95] = quantile(rb as unknown as number[], [0.5, 0.95]) as [number, number]
    d50[i] = b50 - a50
    d95[i] = b95 - a95
    r50[i] = a50 > 0 ? b50 / a50 - 1 : 0
    r95[i] = a95 > 0 ? b95 / a95 - 1 : 0
  }
  const iv = (xs: Float64Array) => {
    xs.sort()
    // Never empty (at least 200 resamples): the type-7 quantiles are numbers.
    return { lower: quantileSorted7(xs, 0.025) as number, upper: quantileSorted7(xs, 0.975) as number }
  }
  const delta = (q: number, diffs: Float64Array, ratios: Float64Array): Delta => {
    const x = quantile(typed(before), q) as number
    const y = quantile(typed(after), q) as number
    const interval = iv(diffs)
    return {
      before: x,
      after: y,
      delta: y - x,
      interval,
      relative: x > 0 ? y / x - 1 : null,
      relativeInterval: x > 0 ? iv(ratios) : null,
      label: labelOf(interval, true),
    }
  }
  // A censored `before` makes a resample's difference an upper bound of the truth (its true percentile is higher): it
  // could be −∞ for all it shows, so it decides the lower end; a censored `after` the upper end.
  const ends = (q: number) => ({
    lower: endUnbounded(b, landed.before[q] as number, 0.025),
    upper: endUnbounded(b, landed.after[q] as number, 0.975),
  })
  return { p50: delta(0.5, d50, r50), p95: delta(0.95, d95, r95), resamples: b, unbounded: { p50: ends(0), p95: ends(1) } }
}

export function compareRuns(current: RunSnapshot, baseline: RunSnapshot, maxRegression: number, seed = BOOTSTRAP_SEED): Comparison {
  const before = new Map(baseline.questions.map((q) => [q.id, q.success]))
  const newlyFailing: QuestionChange[] = []
  const newlyPassing: QuestionChange[] = []
  for (const q of current.questions) {
    const was = before.get(q.id)
    if (was === true && !q.success) newlyFailing.push({ id: q.id, message: q.message })
    if (was === false && q.success) newlyPassing.push({ id: q.id, message: q.message })
  }
  const boot = bootstrapLatency(baseline.latencies, current.latencies, seed, { before: baseline.timeouts, after: current.timeouts })
  const rel = boot.p95.relativeInterval
  const p50 = withCensoring(boot.p50, percentileCensored(baseline, 0.5), percentileCensored(current, 0.5), boot.unbounded.p50)
  const p95 = withCensoring(boot.p95, percentileCensored(baseline, 0.95), percentileCensored(current, 0.95), boot.unbounded.p95)
  return {
    baseline: {
      generatedAt: baseline.generatedAt,
      decision: baseline.decision,
      attempts: baseline.latencies.length,
      rateLimitedUnknown: baseline.rateLimitedUnknown ?? 0,
    },
    current: { attempts: current.latencies.length },
    successRate: rateDifference(baseline.successes, baseline.planned, current.successes, current.planned),
    p50,
    p95,
    newlyFailing,
    newlyPassing,
    maxRegression,
    // A censored baseline P95 is a lower bound: the true one may be as slow as now, so no regression is proven (a review
    // got "worse by more than 20 % with 95 % confidence" from the same hangs under a longer timeout, 2026-12-04). A
    // censored current P95 only makes a proven regression larger. Nor when the interval's lower end rests on resamples
    // whose baseline P95 landed on a timeout, taken as exact (bootstrapLatency `unbounded`).
    p95RegressionBeyondAllowance: rel !== null && rel.lower > maxRegression && p95.censored?.before !== true && !boot.unbounded.p95.lower,
    method: {
      resamples: boot.resamples,
      seed,
      latency: `percentile bootstrap (${boot.resamples} resamples, seed ${seed}) of the P50/P95 difference, 95 %`,
      rate: 'Newcombe hybrid score (Wilson) interval of the success-rate difference, 95 %',
    },
  }
}

/**
 * A latency difference with its sides' censoring. A censored side is a lower bound: a worse figure against a censored
 * baseline, or a better one from a censored current run, proves nothing — the label says inconclusive. So does an
 * interval end that rests on resamples whose percentile landed on a timeout (`unbounded`).
 */
function withCensoring(d: Delta, before: boolean, after: boolean, unbounded: { lower: boolean; upper: boolean }): Delta {
  const unproven = (d.label === 'regression' && (before || unbounded.lower)) || (d.label === 'improvement' && (after || unbounded.upper))
  return { ...d, censored: { before, after }, ...(unproven ? { label: 'inconclusive' as const } : {}) }
}

/**
 * Whether a run's type-7 percentile is censored (core/percentile.ts quantileCensored, the report's own rule). A
 * snapshot counts its timeouts without marking them; entered at the timeout, they are its largest latencies.
 */
function percentileCensored(run: RunSnapshot, p: number): boolean {
  if (run.timeouts === 0) return false
  const sorted = sortedFloat64(run.latencies)
  return quantileCensored(sorted, p, sorted.subarray(Math.max(0, sorted.length - run.timeouts)))
}

/** This run as a comparison sees it (the same figures success_rate and p95_ms read: planned attempts, censored latencies). */
export function snapshotOf(model: RunModel, agg: Pick<Aggregate, 'perQuestion' | 'success'>): RunSnapshot {
  const latencies: number[] = []
  let timeouts = 0
  for (const q of model.questions)
    for (const a of q.attempts) {
      // The population of the report's summary (core/measured.ts), as the baseline's is read back.
      if (notMeasured(a, q.probe === true) !== null) continue
      latencies.push(measuredLatency(a, model.settings.timeoutMs))
      if (a.timedOut) timeouts++
    }
  return {
    generatedAt: null,
    decision: null,
    contract: model.target.contract,
    questions: agg.perQuestion.map((q) => ({ id: q.id, message: q.message, success: q.success })),
    successes: agg.success.successes,
    planned: agg.success.n,
    latencies,
    timeouts,
  }
}
