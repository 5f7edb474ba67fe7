// The one evaluator of every criterion row (docs/verdict-rules.md): a threshold against a metric, on its point
// estimate or (VALIDATION_STRICT, rows with strictBound) on its confidence bound. It knows metrics only by their
// shape — value, interval, censoring, applicability — never a criterion by its id.
import { type Criterion, holds, type Threshold } from './criteria.ts'
import { wilsonSamplesNeeded } from './intervals.ts'
import type { Metric } from './metrics.ts'

export type Status = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'not-applicable'

/** Why the status is what it is; each outcome has one sentence in core/locale/verdict.ts. */
export type Outcome =
  | 'pass'
  /** No sample: nothing to judge. */
  | 'no_value'
  /** The estimate would pass, but it is a lower bound (censored) of a value that must stay under a limit. */
  | 'censored'
  /** The estimate lies between the pass and the warn threshold. */
  | 'warn_zone'
  /**
   * The estimate lies in the warn zone, but it is a lower bound (censored) and the warn threshold is a limit from
   * above: the true value may be beyond it, in the fail zone — inconclusive, as a censored pass is.
   */
  | 'censored_warn'
  /** The estimate fails every threshold. */
  | 'fail_point'
  /** Strict: the estimate is better than its confidence bound, which lies in the warn zone or does not exist yet. */
  | 'bound_warn'
  /** Strict: the confidence bound fails. */
  | 'bound_fail'
  /** The wire contract cannot carry the evidence: the criterion cannot be judged on this target. */
  | 'not_applicable'
  /** The question set says the criterion does not apply to this contract: not judged, no cap. */
  | 'excluded'
  /** The run could not measure the service (rate limited): inconclusive, not a failure of the service. */
  | 'unmeasurable'
  /**
   * Some samples could not be read (metrics.ts `unread`: a body that broke the contract), and the criterion would
   * pass were they all successes but not were they all failures: not established either way.
   */
  | 'unreadable'

export interface Evaluation {
  status: Status
  outcome: Outcome
  judgedOn: 'point' | 'bound'
  /** The bound judged in strict mode; null when none exists (too few samples, or on a timeout) or not judged. */
  bound: number | null
  /**
   * Strict, no bound because its rank fell on a timed-out request: what is known of it (≥ this figure). It fails the
   * bound when even this floor fails; otherwise the missing bound warns. null otherwise.
   */
  boundAtLeast: number | null
  /** Total samples that would make the criterion conclusive; null when not computable. */
  samplesNeeded: number | null
}

/** How bad a status is for the decision: not-applicable weighs like inconclusive (it caps at CONDITIONAL). */
export const STATUS_RANK: Record<Status, number> = { pass: 0, inconclusive: 1, 'not-applicable': 1, warn: 2, fail: 3 }

function judge(row: Criterion, value: number): 'pass' | 'warn' | 'fail' {
  if (holds(row.pass, value)) return 'pass'
  if (row.warn && holds(row.warn, value)) return 'warn'
  return 'fail'
}

/** A limit from above ("≤ 4000") is the only kind a lower-bound figure cannot be said to meet. */
const isUpperLimit = (t: Threshold): boolean => t.op === '<' || t.op === '<='

/** The side of the interval that must satisfy the threshold in strict mode. */
function boundFor(t: Threshold, m: Metric): number | null {
  if (!m.interval) return m.value
  return isUpperLimit(t) ? m.interval.upper : m.interval.lower
}

/** The floor of an upper bound that fell on a timed-out request (metrics.ts MetricInterval.upperAtLeast), if any. */
function boundFloor(t: Threshold, m: Metric): number | null {
  return isUpperLimit(t) && m.interval?.upper === null ? (m.interval.upperAtLeast ?? null) : null
}

/**
 * Samples that would make the verdict stop depending on sampling noise: for a proportion, the Wilson n at which the
 * interval excludes the pass threshold; for an order-statistic interval, the n that gives an upper bound at all,
 * then the n at which the interval (width ~ 1/√n) no longer straddles a threshold.
 */
export function samplesNeeded(row: Criterion, m: Metric): number | null {
  if (m.successes !== undefined) return wilsonSamplesNeeded(m.successes, m.n, row.pass.value)
  if (m.minSamplesForUpper === undefined) return null
  if (m.n < m.minSamplesForUpper) return m.minSamplesForUpper
  const { value } = m
  const lower = m.interval?.lower ?? null
  const upper = m.interval?.upper ?? null
  // No upper bound although n is large enough: its rank fell on a timed-out request. Not computable from a bound that
  // is not known, and never "reached".
  if (value === null || lower === null || upper === null) return null
  let worstRatio = 0
  for (const t of [row.pass.value, row.warn?.value ?? row.pass.value]) {
    if (lower <= t && t <= upper) {
      const half = t >= value ? upper - value : value - lower
      const d = Math.abs(t - value)
      worstRatio = Math.max(worstRatio, d > 0 ? half / d : Infinity)
    }
  }
  return worstRatio === 0 ? m.n : Number.isFinite(worstRatio) ? Math.ceil(m.n * worstRatio * worstRatio) : null
}

/**
 * Whether a proportion with unread samples (metrics.ts `unread`) is judged the same were every one of them a failure
 * and were every one a success: then the value read, which lies between the two, is judged as it stands (a failure
 * among what was read stays a failure). Otherwise nothing the run read settles it. No unread sample: settled.
 */
function unreadSettled(row: Criterion, m: Metric): boolean {
  const unread = m.unread ?? 0
  if (unread === 0) return true
  if (m.successes === undefined) return false
  const all = m.n + unread
  return judge(row, m.successes / all) === judge(row, (m.successes + unread) / all)
}

export function evaluate(row: Criterion, m: Metric, strict: boolean): Evaluation {
  const judgedOn = strict && row.strictBound ? 'bound' : 'point'
  const base = { judgedOn, bound: null, boundAtLeast: null, samplesNeeded: samplesNeeded(row, m) } as const
  if (m.notApplicable) return { ...base, status: 'not-applicable', outcome: 'not_applicable', samplesNeeded: null }
  if (m.excluded) return { ...base, status: 'not-applicable', outcome: 'excluded', samplesNeeded: null }
  if (!unreadSettled(row, m)) return { ...base, status: 'inconclusive', outcome: 'unreadable', samplesNeeded: null }
  if (m.value === null) return { ...base, status: 'inconclusive', outcome: 'no_value' }
  const point = judge(row, m.value)
  // The true value is ≥ a censored figure: a warn or fail stands (it can only be worse), a pass under a limit
  // from above cannot be claimed.
  if (point === 'pass' && m.censored && isUpperLimit(row.pass)) return { ...base, status: 'inconclusive', outcome: 'censored' }
  // Nor the zone below a warn limit from above: "≥ 5,000 ms" may be 7,000 ms (at the limit itself, it is at least the
  // limit). Never placed in the warn zone, never a fail it was not shown to be: inconclusive, as above.
  if (point === 'warn' && m.censored && row.warn && isUpperLimit(row.warn) && !row.failMeansInconclusive)
    return { ...base, status: 'inconclusive', outcome: 'censored_warn' }
  if (point !== 'pass' && row.failMeansInconclusive) return { ...base, status: 'inconclusive', outcome: 'unmeasurable' }
  const pointEval: Evaluation = { ...base, status: point, outcome: point === 'pass' ? 'pass' : point === 'warn' ? 'warn_zone' : 'fail_point' }
  if (judgedOn === 'point' || point === 'fail') return pointEval
  // Strict: the bound is judged against the same thresholds; a bound that does not exist warns — too few samples, or
  // its rank on a timed-out request, whose truth is only ≥ the timeout: it fails when even that floor fails (it can
  // only be worse), never passes. The point estimate can still only make things worse.
  const bound = boundFor(row.pass, m)
  const floor = boundFloor(row.pass, m)
  const byBound = bound !== null ? judge(row, bound) : floor !== null && judge(row, floor) === 'fail' ? 'fail' : 'warn'
  if (STATUS_RANK[byBound] <= STATUS_RANK[point]) return { ...pointEval, bound, boundAtLeast: floor }
  return { ...base, bound, boundAtLeast: floor, status: byBound, outcome: byBound === 'fail' ? 'bound_fail' : 'bound_warn' }
}
