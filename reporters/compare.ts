// Baseline comparison: "is this run better or worse than the last one, and is the difference real or noise?"
// Pure functions over two RunSnapshots (this run, the baseline). Every difference carries its 95 % interval:
// - P50 / P95: two-sample permutation tests of the percentile, inverted into intervals of the difference and of the
//   ratio (reporters/permutation.ts): exact whatever the two runs' sizes, on seeded splits (core/random.ts), so the
//   same two runs always give the same figures;
// - success rate: Newcombe's hybrid score interval for a difference of proportions (built on Wilson), over the
//   questions whose expectations did not change.
// A difference is labelled "regression" or "improvement" only when it is significant (its interval excludes zero);
// "no detectable change" when it is not; "too few samples" when no interval exists at these sizes; "not compared"
// when a side has no data; "not judged" when the baseline does not record what its figures depend on. A question
// whose expectations changed since the baseline is named as such, never as a regression. See docs/baseline.md.
import { comparedSettingsOf, expectationsKey, incomparable, type RunSnapshot, unrecordedOf } from '../core/baseline.ts'
import { measuredLatency, notMeasured } from '../core/measured.ts'
import { quantileCensored, quantileSorted7, sortedFloat64 } from '../core/percentile.ts'
import { type QuestionRecord, questionExpectations, type RunModel } from '../core/model.ts'
import type { Aggregate } from './aggregate.ts'
import { wilson } from './intervals.ts'
import { comparePercentiles, PERMUTATIONS, type PercentileTest } from './permutation.ts'

export type { RunSnapshot }
export { incomparable }

/**
 * regression / improvement: significant; no_change: not; inconclusive: a censored percentile (timeouts) hides which;
 * not_compared: a side has no data; too_few: no interval exists at these sample sizes; not_judged: the baseline does
 * not record a setting or expectations the figures depend on (compared, shown, never judged).
 */
export type ChangeLabel = 'regression' | 'improvement' | 'no_change' | 'inconclusive' | 'not_compared' | 'too_few' | 'not_judged'

/** The labels that say a figure was judged at all (the `no regression` criterion needs one, docs/baseline.md). */
export const JUDGED_LABELS: readonly ChangeLabel[] = ['regression', 'improvement', 'no_change', 'inconclusive']

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
  /** 95 % interval of the difference; null when a side has no data or no interval exists at these sizes. */
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
    /** What the baseline does not record that the figures depend on (variables, `questions[].expectations`): nothing is judged. */
    unrecorded: string[]
  }
  current: { attempts: number }
  /** Over the questions compared (`comparedQuestions`): those whose expectations did not change. */
  successRate: Delta
  p50: Delta
  p95: Delta
  /** Passed in the baseline, failing now (same expectations). */
  newlyFailing: QuestionChange[]
  /** Failed in the baseline, passing now (same expectations). */
  newlyPassing: QuestionChange[]
  /** Questions that expect something else than in the baseline (same id and message): their outcomes are not compared. */
  expectationsChanged: QuestionChange[]
  /** How many questions the success rate and the question lists compare. */
  comparedQuestions: number
  /** The allowance (VALIDATION_MAX_REGRESSION) the criterion grants the P95, as a fraction (0.2 = 20 %). */
  maxRegression: number
  /** The P95 is, with 95 % confidence, more than maxRegression worse than the baseline's. */
  p95RegressionBeyondAllowance: boolean
  method: { resamples: number; seed: number; latency: string; rate: string }
}

export const COMPARISON_SEED = 20261124

const notCompared = (before: number | null, after: number | null): Delta => ({
  before,
  after,
  delta: null,
  interval: null,
  relative: null,
  relativeInterval: null,
  label: 'not_compared',
})

const labelOf = (interval: { lower: number; upper: number }, higherIsWorse: boolean): ChangeLabel => {
  if (interval.lower > 0) return higherIsWorse ? 'regression' : 'improvement'
  if (interval.upper < 0) return higherIsWorse ? 'improvement' : 'regression'
  return 'no_change'
}

/** Newcombe (1998) method 10: hybrid score interval of p2 − p1 from the two Wilson intervals. */
export function rateDifference(s1: number, n1: number, s2: number, n2: number): Delta {
  if (n1 <= 0 || n2 <= 0) return notCompared(n1 > 0 ? s1 / n1 : null, n2 > 0 ? s2 / n2 : null)
  const p1 = s1 / n1
  const p2 = s2 / n2
  const w1 = wilson(s1, n1)
  const w2 = wilson(s2, n2)
  const [l1, u1, l2, u2] = [w1.lower ?? 0, w1.upper ?? 1, w2.lower ?? 0, w2.upper ?? 1]
  const d = p2 - p1
  const interval = { lower: d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), upper: d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2) }
  return { before: p1, after: p2, delta: d, interval, relative: null, relativeInterval: null, label: labelOf(interval, false) }
}

/** The latency comparison: P50 and P95 differences, and whether the P95 is worse by more than the allowance. */
export interface LatencyComparison {
  p50: Delta
  p95: Delta
  p95BeyondAllowance: boolean
  permutations: number
}

/** Where a side's censoring starts: its smallest censored latency (its `count` largest are), Infinity when none. */
function censorPoint(sorted: Float64Array, count: number): number {
  return count > 0 && sorted.length > 0 ? (sorted[Math.max(0, sorted.length - count)] as number) : Infinity
}

/**
 * Compares the latencies of two runs (timeouts: how many of each side are censored, its largest). Each percentile's
 * label is its permutation tests' (reporters/permutation.ts); a censored percentile proves nothing on its side (a
 * worse figure against a censored baseline, a better one from a censored current run: inconclusive).
 * `intervals: false` leaves the intervals out (the labels are the same: the tests at zero decide them).
 */
export function compareLatency(
  before: readonly number[],
  after: readonly number[],
  options: { seed?: number; timeouts?: { before: number; after: number }; allowance: number; intervals?: boolean },
): LatencyComparison {
  const sb = sortedFloat64(before)
  const sa = sortedFloat64(after)
  const timeouts = options.timeouts ?? { before: 0, after: 0 }
  const point = (xs: Float64Array, p: number) => quantileSorted7(xs, p)
  if (sb.length === 0 || sa.length === 0)
    return {
      p50: notCompared(point(sb, 0.5), point(sa, 0.5)),
      p95: notCompared(point(sb, 0.95), point(sa, 0.95)),
      p95BeyondAllowance: false,
      permutations: 0,
    }
  const censor = { before: censorPoint(sb, timeouts.before), after: censorPoint(sa, timeouts.after) }
  const [t50, t95] = comparePercentiles(before, after, [0.5, 0.95], {
    seed: options.seed ?? COMPARISON_SEED,
    censor,
    allowance: options.allowance,
    ...(options.intervals === false ? { intervals: false } : {}),
  }) as [PercentileTest, PercentileTest]
  const delta = (p: number, t: PercentileTest): Delta => {
    const x = point(sb, p) as number
    const y = point(sa, p) as number
    const censored = { before: censoredAt(sb, timeouts.before, p), after: censoredAt(sa, timeouts.after, p) }
    return {
      before: x,
      after: y,
      censored,
      delta: y - x,
      interval: t.interval,
      relative: x > 0 ? y / x - 1 : null,
      relativeInterval: x > 0 ? t.relativeInterval : null,
      label: latencyLabel(t, censored, options.intervals !== false),
    }
  }
  const p95 = delta(0.95, t95)
  return { p50: delta(0.5, t50), p95, p95BeyondAllowance: t95.beyondAllowance && p95.label === 'regression', permutations: PERMUTATIONS }
}

/**
 * A percentile's label from its tests: regression or improvement when the test at zero rejects — unless the side
 * that would prove it is censored (its true value may be anything above the figure): inconclusive; otherwise no
 * detectable change, or, when no interval exists at all, too few samples (inconclusive if a side is censored).
 */
function latencyLabel(t: PercentileTest, censored: { before: boolean; after: boolean }, withInterval: boolean): ChangeLabel {
  if (t.atZero.up) return censored.before ? 'inconclusive' : 'regression'
  if (t.atZero.down) return censored.after ? 'inconclusive' : 'improvement'
  if (withInterval && t.interval === null) return censored.before || censored.after ? 'inconclusive' : 'too_few'
  return 'no_change'
}

/** Whether a side's type-7 percentile is censored (core/percentile.ts quantileCensored: the report's own rule). */
function censoredAt(sorted: Float64Array, timeouts: number, p: number): boolean {
  if (timeouts === 0) return false
  return quantileCensored(sorted, p, sorted.subarray(Math.max(0, sorted.length - timeouts)))
}

/** The questions compared (same expectations, or a side that cannot say), and those whose expectations changed. */
function questionChanges(current: RunSnapshot, baseline: RunSnapshot) {
  const before = new Map(baseline.questions.map((q) => [q.id, q]))
  const newlyFailing: QuestionChange[] = []
  const newlyPassing: QuestionChange[] = []
  const expectationsChanged: QuestionChange[] = []
  const rate = { before: { passed: 0, planned: 0 }, after: { passed: 0, planned: 0 }, questions: 0 }
  for (const q of current.questions) {
    const was = before.get(q.id)
    if (!was) continue
    if (was.expectations !== null && q.expectations !== null && was.expectations !== q.expectations) {
      expectationsChanged.push({ id: q.id, message: q.message })
      continue
    }
    rate.questions++
    rate.before.passed += was.passed
    rate.before.planned += was.planned
    rate.after.passed += q.passed
    rate.after.planned += q.planned
    if (was.success && !q.success) newlyFailing.push({ id: q.id, message: q.message })
    if (!was.success && q.success) newlyPassing.push({ id: q.id, message: q.message })
  }
  return { newlyFailing, newlyPassing, expectationsChanged, rate }
}

/** A figure the baseline cannot vouch for (unrecorded settings or expectations): shown, not judged. */
const notJudged = (d: Delta): Delta => ({ ...d, label: 'not_judged' })

export function compareRuns(current: RunSnapshot, baseline: RunSnapshot, maxRegression: number, seed = COMPARISON_SEED): Comparison {
  const unrecorded = unrecordedOf(baseline)
  const judge = unrecorded.length === 0 ? (d: Delta) => d : notJudged
  const q = questionChanges(current, baseline)
  const latency = compareLatency(baseline.latencies, current.latencies, {
    seed,
    timeouts: { before: baseline.timeouts, after: current.timeouts },
    allowance: maxRegression,
  })
  return {
    baseline: {
      generatedAt: baseline.generatedAt,
      decision: baseline.decision,
      attempts: baseline.latencies.length,
      rateLimitedUnknown: baseline.rateLimitedUnknown ?? 0,
      unrecorded,
    },
    current: { attempts: current.latencies.length },
    successRate: judge(rateDifference(q.rate.before.passed, q.rate.before.planned, q.rate.after.passed, q.rate.after.planned)),
    p50: judge(latency.p50),
    p95: judge(latency.p95),
    newlyFailing: q.newlyFailing,
    newlyPassing: q.newlyPassing,
    expectationsChanged: q.expectationsChanged,
    comparedQuestions: q.rate.questions,
    maxRegression,
    p95RegressionBeyondAllowance: unrecorded.length === 0 && latency.p95BeyondAllowance,
    method: {
      resamples: latency.permutations,
      seed,
      latency: `permutation tests (${latency.permutations} seeded splits, seed ${seed}) of the Harrell–Davis P50/P95, inverted into the 95 % interval of the difference (shift) and of the ratio (scale); timeouts capped at a common point`,
      rate: 'Newcombe hybrid score (Wilson) interval of the success-rate difference, 95 %',
    },
  }
}

/** This run as a comparison sees it (the same figures success_rate and p95_ms read: planned attempts, censored latencies). */
export function snapshotOf(model: RunModel, agg: Pick<Aggregate, 'perQuestion'>): RunSnapshot {
  const latencies: number[] = []
  let timeouts = 0
  for (const q of model.questions)
    for (const a of q.attempts) {
      // The population of the report's summary (core/measured.ts), as the baseline's is read back.
      if (notMeasured(a, q.probe === true) !== null) continue
      latencies.push(measuredLatency(a, model.settings.timeoutMs))
      if (a.timedOut) timeouts++
    }
  const records = new Map<string, QuestionRecord>(model.questions.map((q) => [q.id, q]))
  return {
    generatedAt: null,
    decision: null,
    contract: model.target.contract,
    settings: comparedSettingsOf(model.settings),
    questions: agg.perQuestion.map((q) => {
      const record = records.get(q.id)
      const expectations = record ? expectationsKey({ ...record, ...questionExpectations(record) }) : null
      return { id: q.id, message: q.message, success: q.success, passed: q.passed, planned: q.planned, expectations }
    }),
    latencies,
    timeouts,
  }
}
