// The metric table: every figure a criterion can judge, by name, each with its unit, its 95 % interval, its
// sample size and whether it is censored (the true value is at least the figure). aggregate() fills it; the
// criteria (criteria.ts) name the metric they read; renderers format a value by its unit. Evidence and notes are
// reasons as data (core/reason.ts), worded by the catalogues in core/locale/. See docs/verdict-rules.md.
import '../core/locale/generations.ts'
import type { Unit } from '../core/locale/format.ts'
import '../core/locale/baseline.ts'
import '../core/locale/sharding.ts'
import '../core/locale/auth.ts'
import { reason, type Reason } from '../core/reason.ts'
import type { Aggregate } from './aggregate.ts'
import { type Comparison, JUDGED_LABELS } from './compare.ts'
import { expiriesOf, type RunModel } from '../core/model.ts'

export type { Unit }

export interface MetricInterval {
  lower: number | null
  upper: number | null
  /**
   * The upper bound's rank fell on a timed-out request: no upper bound (upper null), only known to be ≥ this figure.
   * Absent otherwise.
   */
  upperAtLeast?: number
  /** How it was computed (named in the JSON report). */
  method: string
}

export interface Metric {
  /** null: nothing to measure (no sample). A 'bool' metric holds 1 (true) or 0 (false). */
  value: number | null
  interval: MetricInterval | null
  unit: Unit
  /** Samples behind the value. */
  n: number
  /** The value is a lower bound (a timeout entered at the timeout): the true value is ≥ the figure. */
  censored: boolean
  /** For a proportion: the successes among n (Wilson sample-size estimates, "14/15" in reasons). */
  successes?: number
  /**
   * For a proportion: samples of its population the run could not read (a body that broke the contract), left out
   * of n. Each could be a success or not: the criterion stands only where both extremes agree (evaluate.ts).
   */
  unread?: number
  /** For an order-statistic interval: below this many samples no upper bound exists. */
  minSamplesForUpper?: number
  /** Set when the wire contract cannot carry this metric's evidence: a criterion reading it is not applicable. */
  notApplicable?: Reason
  /**
   * Set when the question set says the criterion does not apply to this contract (docs/generations.md): the
   * criterion is not applicable and, unlike `notApplicable`, does not cap the decision.
   */
  excluded?: Reason
  /** What qualifies the value itself (censoring): said with every judgement of it. */
  caveats: Reason[]
  /** Sample-size notes (no upper bound yet, rule of three): shown beside the criterion. */
  notes: Reason[]
  /** What explains a value that does not pass (named questions, stages, causes): appended to the reason. */
  evidence: Reason[]
}

export type Metrics = Record<string, Metric>

/**
 * The names of every metric the table holds. A threshold expression naming anything else is refused when it is
 * parsed (criteria.ts), so a typo cannot turn into a criterion that silently judges nothing.
 */
export const METRIC_NAMES = [
  'success_rate',
  'p50_ms',
  'p95_ms',
  'p99_ms',
  'mean_ms',
  'max_ms',
  'ttfb_p95_ms',
  'ttfc_p50_ms',
  'ttfc_p95_ms',
  'ttfc_p99_ms',
  'first_status_p95_ms',
  'rate_limited',
  'viz_coverage',
  'critical_bugs',
  'timeouts',
  'complete',
  'client_loop_delay_p99_ms',
  'applied_concurrency_peak',
  'applied_concurrency_mean',
  'cap_held_share',
  'no_regression',
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

const WILSON = 'Wilson 95 %'
/** Questions the critical_bugs evidence names, in plan order; the rest are counted ("and K more"), all in criticalBugsByQuestion. */
export const MAX_CRITICAL_IDS = 8
const ORDER_STATISTICS = 'order statistics (binomial), 95 %'

function plain(value: number | null, unit: Unit, n: number, censored = false): Metric {
  return { value, interval: null, unit, n, censored, caveats: [], notes: [], evidence: [] }
}

function proportion(rate: Aggregate['success']): Metric {
  return {
    ...plain(rate.rate, 'ratio', rate.n),
    interval: { ...rate.interval, method: WILSON },
    successes: rate.successes,
  }
}

/** An order-statistic interval as a metric carries it: a bound on a timeout is no bound (upperAtLeast says what is known). */
function orderStatistics(iv: { lower: number | null; upper: number | null; upperAtLeast: number | null }): MetricInterval {
  return { lower: iv.lower, upper: iv.upper, ...(iv.upperAtLeast !== null ? { upperAtLeast: iv.upperAtLeast } : {}), method: ORDER_STATISTICS }
}

/** Why a percentile has no upper bound: too few samples, or its rank falls on a timed-out request. */
function upperBoundNotes(metric: MetricName, n: number, min: number, atLeast: number | null): Reason[] {
  if (n < min) return [reason('note.no_upper_bound', { metric, n, min })]
  return atLeast !== null ? [reason('note.upper_bound_censored', { metric, n, atLeast })] : []
}

/** Why the run is incomplete, one reason per cause (empty when complete). */
function incompleteness(model: RunModel, agg: Omit<Aggregate, 'metrics' | 'observations'>): Reason[] {
  const why: Reason[] = []
  if (model.preflightError?.code === 'shard.preflight') why.push(reason('evidence.shard_target_unusable', model.preflightError.params))
  else if (model.preflightError) why.push(reason('evidence.target_unusable', { ...model.preflightError.params, cause: model.preflightError.code }))
  if (model.interrupted) why.push(reason('evidence.interrupted'))
  for (const e of expiriesOf(model.auth))
    why.push(
      reason('evidence.credentials_expired', { afterAttempts: e.afterAttempts, ...(e.shard ? { shard: `${e.shard.index}/${e.shard.count}` } : {}) }),
    )
  if (model.missingShards && model.missingShards.missing.length > 0)
    why.push(reason('evidence.missing_shards', { shards: model.missingShards.missing.map((i) => `${i}/${model.missingShards?.count}`) }))
  // A rate limiter's refusal is an attempt not executed: said apart, with its cause (the advice leads the verdict).
  const limited = agg.rateLimitedAttempts
  if (limited.count > 0)
    why.push(reason('evidence.not_executed_rate_limited', { count: limited.count, planned: agg.planned, ids: limited.questions }))
  const otherwise = agg.planned - agg.executed - limited.count
  if (agg.executed === 0) why.push(reason('evidence.no_attempt'))
  else if (otherwise > 0) why.push(reason('evidence.not_executed', { count: otherwise, ids: agg.notExecuted }))
  for (const e of model.configurationErrors ?? []) why.push(reason('evidence.configuration_error', { ...e.params, cause: e.code }))
  for (const e of model.harnessErrors.slice(0, 3)) why.push(reason('evidence.harness_error', { ...e.params, cause: e.code }))
  if (model.harnessErrors.length > 3) why.push(reason('evidence.more_harness_errors', { count: model.harnessErrors.length - 3 }))
  return why
}

/**
 * Why the visualization coverage is set aside, if it is: the wire cannot carry charts (not applicable), or the
 * question set expects none (excluded). Never while an answer a chart was expected of broke the contract: a broken
 * body is no reason to set the criterion aside: a run whose every such body broke would read "excluded", weighing nothing.
 */
function vizSetAside(model: RunModel, agg: Omit<Aggregate, 'metrics' | 'observations'>): Pick<Metric, 'notApplicable' | 'excluded'> {
  const va = agg.vizApplicability
  if (agg.vizCoverage.n > 0 || va.unreadable.attempts > 0) return {}
  if (va.notObservable.length > 0)
    return {
      notApplicable: reason('not_applicable.visualizations', {
        contract: model.target.contract,
        ids: va.notObservable,
        // What carried none: the stream route, the contract itself, or this service's answers (core/locale/generations.ts).
        carriage: model.target.observes?.visualizations ?? null,
        stream: model.settings.stream === true,
      }),
    }
  if (va.notExpected.length > 0) return { excluded: reason('excluded.visualizations', { contract: model.target.contract, ids: va.notExpected }) }
  // A set of edge cases only asks for no data: coverage has nothing to measure, and that is no doubt about the
  // service (a question that expects data and gets none fails on its own checks, and keeps this inconclusive).
  if (model.questions.length > 0 && model.questions.every((q) => q.probe === true || q.expectsData !== true))
    return { excluded: reason('excluded.visualizations_no_data_question', {}) }
  return {}
}

/** The metric table of a run (aggregate() calls it once every figure is known). */
export function buildMetrics(model: RunModel, agg: Omit<Aggregate, 'metrics' | 'observations'>): Record<MetricName, Metric> {
  const lat = agg.latency
  const failing = agg.perQuestion.filter((q) => !q.success).map((q) => q.id)
  const success = proportion(agg.success)
  if (failing.length) success.evidence.push(reason('evidence.failing_questions', { ids: failing }))

  const p95: Metric = {
    ...plain(lat.p95, 'ms', lat.n, lat.p95Censored),
    interval: orderStatistics(lat.p95Interval),
    minSamplesForUpper: lat.p95Interval.ranks.minSamplesForUpper,
  }
  p95.notes.push(...upperBoundNotes('p95_ms', lat.n, lat.p95Interval.ranks.minSamplesForUpper, lat.p95Interval.upperAtLeast))
  if (agg.stagesOverBudget.length)
    p95.evidence.push(
      reason('evidence.stages_over_budget', {
        stages: agg.stagesOverBudget.map((o) => o.name),
        p95: agg.stagesOverBudget.map((o) => o.p95),
        budgets: agg.stagesOverBudget.map((o) => o.budgetMs),
        // The support behind each P95: n of the measured attempts; `weak` names those below WEAK_SUPPORT.p95.
        n: agg.stagesOverBudget.map((o) => o.n),
        of: agg.stagesOverBudget.map((o) => o.of),
        weak: agg.stagesOverBudget.filter((o) => o.weak).map((o) => o.name),
      }),
    )

  const viz = proportion(agg.vizCoverage)
  const missing = agg.perQuestion.filter((q) => q.dataWithoutViz).map((q) => q.id)
  if (agg.vizCoverage.n > agg.vizCoverage.successes)
    viz.evidence.push(
      reason('evidence.missing_visualizations', { missing: agg.vizCoverage.n - agg.vizCoverage.successes, n: agg.vizCoverage.n, ids: missing }),
    )

  // Answers whose body broke the contract: neither covered nor uncovered, said with the criterion (docs/verdict-rules.md).
  const unreadable = agg.vizApplicability.unreadable
  if (unreadable.attempts > 0) {
    viz.unread = unreadable.attempts
    viz.evidence.push(reason('evidence.unreadable_visualizations', { count: unreadable.attempts, ids: unreadable.questions }))
  }
  Object.assign(viz, vizSetAside(model, agg))

  const critical = plain(agg.critical.count, 'count', agg.executed)
  if (agg.critical.count === 0 && agg.executed > 0)
    critical.notes.push(reason('note.rule_of_three', { n: agg.executed, bound: Math.min(1, 3 / agg.executed) }))
  if (agg.critical.count > 0) {
    const kinds = Object.entries(agg.critical.byKind).filter(([, n]) => n > 0)
    critical.evidence.push(
      reason('evidence.critical_bugs', {
        count: agg.critical.count,
        kinds: kinds.map(([k]) => k),
        counts: kinds.map(([, n]) => n),
        // Counted over every critical attempt (agg.critical.byQuestion), not over the 50 items kept with evidence.
        questions: agg.critical.byQuestion.length,
        ids: agg.critical.byQuestion.slice(0, MAX_CRITICAL_IDS).map((q) => q.questionId),
      }),
    )
  }

  const why = incompleteness(model, agg)
  const complete = plain(why.length === 0 ? 1 : 0, 'bool', agg.executed)
  complete.evidence.push(...why)

  // Without a baseline nothing is compared (the no-regression row is only in the table when there is one).
  const noRegression = agg.comparison ? noRegressionMetric(agg.comparison) : plain(null, 'bool', 0)

  const table: Record<MetricName, Metric> = {
    success_rate: success,
    p50_ms: plain(lat.p50, 'ms', lat.n, lat.p50Censored),
    p95_ms: p95,
    p99_ms: plain(lat.p99, 'ms', lat.n, lat.p99Censored),
    mean_ms: plain(lat.mean, 'ms', lat.n, lat.meanCensored),
    max_ms: plain(lat.max, 'ms', lat.n, lat.maxCensored),
    ttfb_p95_ms: plain(agg.ttfb.p95, 'ms', agg.ttfb.n, agg.ttfb.p95Censored),
    ...streamMetrics(agg),
    rate_limited: rateLimitedMetric(agg, model),
    viz_coverage: viz,
    critical_bugs: critical,
    timeouts: plain(agg.timeouts, 'count', agg.executed),
    complete,
    client_loop_delay_p99_ms: plain(model.clientLoopDelayP99Ms ?? null, 'ms', model.clientLoopDelayP99Ms == null ? 0 : 1),
    ...appliedLoadMetrics(model),
    no_regression: noRegression,
  }
  // A censored figure says so wherever it is judged: the truth may be worse than what is shown.
  for (const [name, m] of Object.entries(table)) if (m.censored) m.caveats.push(reason('caveat.censored_by_timeouts', { metric: name }))
  return table
}

/**
 * The `no regression` metric (docs/baseline.md): 0 when a question that passed in the baseline fails now (same
 * expectations) or the P95 is worse beyond the allowance with 95 % confidence; null — not evaluated, never a pass —
 * when the comparison judged nothing it needs (the baseline does not record what the figures depend on, the P95 could
 * not be compared or was inconclusive, no question was compared); else 1.
 */
function noRegressionMetric(c: Comparison): Metric {
  const m = plain(null, 'bool', c.current.attempts)
  const newlyFailing = c.newlyFailing.map((q) => q.id)
  const unjudged = notEvaluated(c)
  const regressed = unjudged.length === 0 && (newlyFailing.length > 0 || c.p95RegressionBeyondAllowance)
  m.value = regressed ? 0 : unjudged.length > 0 ? null : 1
  if (newlyFailing.length) m.evidence.push(reason('evidence.newly_failing', { ids: newlyFailing }))
  if (c.p95RegressionBeyondAllowance)
    m.evidence.push(
      reason('evidence.p95_regression', {
        before: c.p95.before,
        after: c.p95.after,
        relative: c.p95.relative,
        lower: c.p95.relativeInterval?.lower ?? null,
        upper: c.p95.relativeInterval?.upper ?? null,
        allowance: c.maxRegression,
      }),
    )
  m.evidence.push(...unjudged)
  if (c.expectationsChanged.length) m.notes.push(reason('note.expectations_changed', { ids: c.expectationsChanged.map((q) => q.id) }))
  return m
}

/** Why the comparison could not judge a part of the criterion, one reason per part (empty: everything judged). */
function notEvaluated(c: Comparison): Reason[] {
  if (c.baseline.unrecorded.length) return [reason('evidence.baseline_unrecorded', { unrecorded: c.baseline.unrecorded })]
  const why: Reason[] = []
  if (!JUDGED_LABELS.includes(c.p95.label) || c.p95.label === 'inconclusive')
    why.push(reason('evidence.p95_not_compared', { label: c.p95.label, before: c.baseline.attempts, after: c.current.attempts }))
  if (c.comparedQuestions === 0) why.push(reason('evidence.no_question_compared', { changed: c.expectationsChanged.length }))
  return why
}

/**
 * The load the run applied (core/model.ts AppliedLoad): requests in flight at the peak and on time-weighted average,
 * and the share of the time the cap was held; null values, n 0: not measured (never 0). n: the requests behind them.
 */
function appliedLoadMetrics(
  model: RunModel,
): Pick<Record<MetricName, Metric>, 'applied_concurrency_peak' | 'applied_concurrency_mean' | 'cap_held_share'> {
  const load = model.appliedLoad ?? null
  const n = load?.requests ?? 0
  return {
    // A request abandoned at the deadline is counted only until it: the peak is then a lower bound (censored).
    applied_concurrency_peak: plain(load?.peak ?? null, 'count', n, (load?.abandoned ?? 0) > 0),
    applied_concurrency_mean: plain(load?.mean ?? null, 'count', n),
    cap_held_share: plain(load?.capHeldShare ?? null, 'ratio', n),
  }
}

/** TTFC and first-status figures (VALIDATION_STREAM=true); null values when nothing streamed. */
function streamMetrics(
  agg: Omit<Aggregate, 'metrics' | 'observations'>,
): Pick<Record<MetricName, Metric>, 'ttfc_p50_ms' | 'ttfc_p95_ms' | 'ttfc_p99_ms' | 'first_status_p95_ms'> {
  const st = agg.stream
  const t = st?.ttfc
  const p95: Metric = {
    ...plain(t?.p95 ?? null, 'ms', t?.n ?? 0, t?.p95Censored ?? false),
    interval: t ? orderStatistics(t.p95Interval) : null,
    ...(t ? { minSamplesForUpper: t.p95Interval.minSamplesForUpper } : {}),
  }
  if (t) p95.notes.push(...upperBoundNotes('ttfc_p95_ms', t.n, t.p95Interval.minSamplesForUpper, t.p95Interval.upperAtLeast))
  return {
    ttfc_p50_ms: plain(t?.p50 ?? null, 'ms', t?.n ?? 0, t?.p50Censored ?? false),
    ttfc_p95_ms: p95,
    ttfc_p99_ms: plain(t?.p99 ?? null, 'ms', t?.n ?? 0, t?.p99Censored ?? false),
    first_status_p95_ms: plain(st?.firstStatus.p95 ?? null, 'ms', st?.firstStatus.n ?? 0),
  }
}

/** Attempts a rate limiter refused: the run cannot judge the service on them (advice in the evidence). */
function rateLimitedMetric(agg: Omit<Aggregate, 'metrics' | 'observations'>, model: RunModel): Metric {
  const m = plain(agg.rateLimited, 'count', agg.executed + agg.rateLimited)
  if (agg.rateLimited > 0)
    m.evidence.push(
      reason('evidence.rate_limited', { count: agg.rateLimited, maxRps: model.settings.maxRps, unnamed: agg.rateLimitedAttempts.unnamed }),
    )
  return m
}
