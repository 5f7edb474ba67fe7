// The monitor's alerts and rollback triggers AS DATA (like the verdict criteria). Whose number each is
// (docs/release.md "Whose thresholds"):
//   the plan's (T4.7) — alerts: error rate > 10 % → investigate, P95 > 5000 ms → performance issue; rollback: error
//              rate > 20 %;
//   ours, for the plan's triggers that give no number — "critical bug detected": a critical-bug rate proven above
//              MONITOR_ROLLBACK_CRITICAL_RATE, or the same question answered with the same critical bug
//              MONITOR_ROLLBACK_CRITICAL_REPEAT times in a row (a critical bug recurring, reproducible: not one noisy
//              answer; by default N is derived from the watch's planned asks, criticalRepeatFor); any answer carrying another user's data (at once); "service crash repeatedly": the service
//              down (no answer, confirmed at once by the other route: a chat by a health check, a health check by a
//              chat request), flapping (outages each shorter than the grace that add up to it over a window), N
//              consecutive transport failures or failed health checks.
// Noise never fires a rate trigger: it fires only when the window holds at least MONITOR_MIN_SAMPLES requests
// AND the lower bound of its interval (Wilson for rates, order statistics for P95) is above the threshold. An
// estimate above the threshold whose bound is not is "inconclusive": shown, never acted upon. "Service down",
// the streaks, the repeated critical bug and a cross-user leak are events, judged at once. A critical answer that
// reaches no rule is never silent: the watch ends "Stable — critical answers seen" (release/watch/conclude.ts conclude).
// "Data corruption" cannot be seen from outside.
import { utcTimeOfDay } from '../core/utc-text.ts'
import { reason, type Reason } from '../core/reason.ts'
import { wilsonSamplesNeeded } from '../reporters/intervals.ts'
import type { HealthProbe, JudgedAttempt, Unavailability } from './probe.ts'
import type { MonitorSettings } from './settings.ts'
import { rankAbove, zFor, type WindowSummary } from './windows.ts'

export type Severity = 'alert' | 'rollback'
export type Action = 'investigate' | 'performance_issue' | 'rollback'
export type WindowMetric = 'error_rate' | 'critical_rate' | 'p95'
export type EventMetric = 'leak' | 'critical_repeat' | 'transport_streak' | 'health_streak' | 'service_down' | 'service_flapping'

/** `spanMs` (service_flapping): how far back the outages are added up; its threshold is the no-answer they add up to (ms). */
export type TriggerRule =
  | { id: string; severity: Severity; action: Action; on: 'window'; metric: WindowMetric; threshold: number; minSamples: number }
  | { id: string; severity: Severity; action: Action; on: 'event'; metric: EventMetric; threshold: number; spanMs?: number }

/**
 * How far back a flapping service's outages are added up: MONITOR_WINDOW, and at least twice MONITOR_DOWN_GRACE — a
 * span shorter than the grace could never hold it, and within twice the grace a service down more than half of the
 * time reaches it whatever the window (docs/release.md "service down, flapping").
 */
export function flappingSpanMs(m: Pick<MonitorSettings, 'windowMs' | 'downGraceMs'>): number {
  return Math.max(m.windowMs, 2 * m.downGraceMs)
}

/** At most this chance that a service whose critical answers stay at the tolerated rate is rolled back by the repeat rule by chance, over a whole watch. */
export const CRITICAL_REPEAT_CHANCE = 0.01
/** Never fewer in a row by default: two critical answers in a row on one question is too common to call a bug. */
export const CRITICAL_REPEAT_MIN = 3
const CRITICAL_REPEAT_MAX = 1000

/**
 * The default N of the repeated-critical rule for a watch of `plannedAsks` asks. A service answering critically at
 * random with probability `rate` per ask completes a run of N on the question it asks with probability at most
 * rateᴺ at each ask, so over the watch (union bound) at most plannedAsks × rateᴺ: a fixed N = 3 makes that chance
 * grow with the watch (24 h at 1 ask/s and 2 %: about half the watches rolled back; docs/release.md). N is the
 * least with plannedAsks × rateᴺ ≤ CRITICAL_REPEAT_CHANCE for the rate MONITOR_ROLLBACK_CRITICAL_RATE tolerates,
 * and at least CRITICAL_REPEAT_MIN. A bug one question always reproduces still fires after N asks of it.
 */
export function criticalRepeatFor(plannedAsks: number, rate: number): number {
  if (rate <= 0) return CRITICAL_REPEAT_MIN
  if (rate >= 1) return CRITICAL_REPEAT_MAX
  const n = Math.ceil(Math.log(CRITICAL_REPEAT_CHANCE / Math.max(1, plannedAsks)) / Math.log(rate) - 1e-9)
  return Math.min(CRITICAL_REPEAT_MAX, Math.max(CRITICAL_REPEAT_MIN, n))
}

/** The asks a watch plans: its duration at MONITOR_RPS (health checks are not asks). */
export function plannedAsks(m: Pick<MonitorSettings, 'durationMs' | 'rps'>): number {
  return Math.max(1, Math.ceil((m.durationMs / 1000) * m.rps))
}

/** The union bound of a chance rollback by the repeat rule over a watch: plannedAsks × rateᴺ (capped at 1). */
export function chanceRepeatRollback(plannedAsks: number, rate: number, n: number): number {
  return Math.min(1, plannedAsks * rate ** n)
}

/** Which N the repeated-critical rule uses in this watch, and why (set, or derived from the planned asks). */
export function criticalRepeatLine(m: MonitorSettings): Reason {
  const derived = m.criticalRepeatDerived
  return reason('monitor.log.critical_repeat', {
    n: m.rollbackCriticalRepeat,
    plannedAsks: derived?.plannedAsks ?? null,
    chance: derived?.chance ?? null,
    rate: m.rollbackCriticalRate,
  })
}

/** The rules of a monitor, in the order the report lists them. */
export function rulesFrom(m: MonitorSettings): TriggerRule[] {
  const min = m.minSamples
  return [
    { id: 'rollback.service_down', severity: 'rollback', action: 'rollback', on: 'event', metric: 'service_down', threshold: 1 },
    {
      id: 'rollback.service_flapping',
      severity: 'rollback',
      action: 'rollback',
      on: 'event',
      metric: 'service_flapping',
      threshold: m.downGraceMs,
      spanMs: flappingSpanMs(m),
    },
    { id: 'rollback.leak', severity: 'rollback', action: 'rollback', on: 'event', metric: 'leak', threshold: 1 },
    {
      id: 'rollback.critical_repeat',
      severity: 'rollback',
      action: 'rollback',
      on: 'event',
      metric: 'critical_repeat',
      threshold: m.rollbackCriticalRepeat,
    },
    {
      id: 'rollback.transport_streak',
      severity: 'rollback',
      action: 'rollback',
      on: 'event',
      metric: 'transport_streak',
      threshold: m.rollbackConsecutiveFailures,
    },
    {
      id: 'rollback.health_streak',
      severity: 'rollback',
      action: 'rollback',
      on: 'event',
      metric: 'health_streak',
      threshold: m.rollbackConsecutiveFailures,
    },
    {
      id: 'rollback.error_rate',
      severity: 'rollback',
      action: 'rollback',
      on: 'window',
      metric: 'error_rate',
      threshold: m.rollbackErrorRate,
      minSamples: min,
    },
    {
      id: 'rollback.critical_rate',
      severity: 'rollback',
      action: 'rollback',
      on: 'window',
      metric: 'critical_rate',
      threshold: m.rollbackCriticalRate,
      minSamples: min,
    },
    {
      id: 'alert.error_rate',
      severity: 'alert',
      action: 'investigate',
      on: 'window',
      metric: 'error_rate',
      threshold: m.alertErrorRate,
      minSamples: min,
    },
    { id: 'alert.p95', severity: 'alert', action: 'performance_issue', on: 'window', metric: 'p95', threshold: m.alertP95Ms, minSamples: min },
  ]
}

export type WindowRule = Extract<TriggerRule, { on: 'window' }>

/**
 * The plan's objectives (T4.7 "Objectifs" : Error Rate < 5 %, Success Rate > 95 %, Latency P95 < 4000 ms), below its
 * alert thresholds. Not rules: never judged per window, never an alert nor a rollback — the whole watch is judged
 * against them once at its end, with the same minimum and bounds, and one it PROVES missed (the bound past the
 * objective) is a finding (release/watch/conclude.ts withFindings): never a plain "Stable". The success rate is the error
 * rate's complement: one objective for both.
 */
export const OBJECTIVES = { errorRate: 0.05, p95Ms: 4000 } as const

/** The objectives as window rules (judged on the whole watch only): ids objective.error_rate and objective.p95. */
export function objectiveRules(minSamples: number): WindowRule[] {
  return [
    {
      id: 'objective.error_rate',
      severity: 'alert',
      action: 'investigate',
      on: 'window',
      metric: 'error_rate',
      threshold: OBJECTIVES.errorRate,
      minSamples,
    },
    { id: 'objective.p95', severity: 'alert', action: 'performance_issue', on: 'window', metric: 'p95', threshold: OBJECTIVES.p95Ms, minSamples },
  ]
}

/**
 * The confidence a window alert must hold at to be CONFIRMED (to keep the watch from plain "Stable"): a watch judges
 * its sliding window at every step, so a service at an alert threshold sees some window's bound clear it by chance
 * in a long watch (multiple testing). Bonferroni over the watch's planned evaluations: each is judged at
 * 1 − (1 − confidence) / evaluations, so the chance that ANY window of a whole watch is confirmed by chance stays
 * within the one-sided (1 − confidence) / 2 of a single judgement (the whole watch's own), whatever its length.
 */
export function confirmingConfidence(confidence: number, evaluations: number): number {
  return 1 - (1 - confidence) / Math.max(1, evaluations)
}

/**
 * A window alert (fired at MONITOR_CONFIDENCE) judged at the confirming confidence: the reason it is confirmed, or
 * null. `strict` is the same window summarized at `confidence`. A P95 by its order-statistic bound (exact at every
 * n); a rate by the exact binomial tail at the threshold — Wilson's bound at such a confidence is far from exact for
 * the small windows a monitor judges (a service AT a 10 % threshold, windows of 20: about a third of 1000-evaluation
 * watches "confirmed" by chance), the exact tail is never below the chance it states.
 */
export function confirmWindowAlert(
  v: RuleVerdict,
  strict: WindowSummary,
  confidence: number,
  evaluations: number,
  rules: readonly TriggerRule[],
): Reason | null {
  const rule = v.rule
  if (rule.on !== 'window' || v.state !== 'fired') return null
  const confirmed = (params: Reason['params']) => reason('monitor.alert_confirmed', { ...params, confidence, evaluations })
  if (rule.metric === 'p95') {
    const check = judgeWindow(rule, strict, confidence, 'window')
    return check.state === 'fired' ? confirmed(check.reason.params) : null
  }
  const n = strict.tally.requests
  const count = rule.metric === 'error_rate' ? strict.errors : strict.tally.critical
  if (n < rule.minSamples || binomialUpperTail(n, count, rule.threshold) > (1 - confidence) / 2) return null
  return confirmed(judgeWindow(rule, strict, confidence, 'window', rateLimits(rules, rule.metric)).reason.params)
}

/** P(Bin(n, p) ≥ k), summed in log space from k up (no underflow at large n, no cancellation in a small tail). */
export function binomialUpperTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1
  if (k > n || p <= 0) return 0
  if (p >= 1) return 1
  let logPmf = k * Math.log(p) + (n - k) * Math.log1p(-p)
  for (let i = 0; i < k; i++) logPmf += Math.log((n - i) / (i + 1))
  const logRatio = Math.log(p) - Math.log1p(-p)
  let sum = 0
  for (let j = k; j <= n; j++) {
    const term = Math.exp(logPmf)
    sum += term
    if (j > n * p && term <= sum * 1e-17) break
    logPmf += Math.log((n - j) / (j + 1)) + logRatio
  }
  return Math.min(1, sum)
}

/** The evaluations a watch plans: one per MONITOR_STEP before its end, the end's, and the drain's re-evaluation. */
export function plannedEvaluations(m: Pick<MonitorSettings, 'durationMs' | 'stepMs'>): number {
  return Math.ceil(m.durationMs / m.stepMs) + 2
}

/**
 * The latency thresholds the windows must count exceedances of (windows.ts Tally.above): every P95 rule's, and the
 * plan's P95 objective (OBJECTIVES), which the whole watch is judged against at its end.
 */
export function latencyThresholds(rules: readonly TriggerRule[]): number[] {
  return [...new Set([...rules.flatMap((r) => (r.on === 'window' && r.metric === 'p95' ? [r.threshold] : [])), OBJECTIVES.p95Ms])]
}
export type RuleState = 'fired' | 'inconclusive' | 'clear'

export interface RuleVerdict {
  rule: TriggerRule
  state: RuleState
  reason: Reason
  /** The window judged (window rules). */
  window: number | null
}

/**
 * Every threshold of a rate metric's rules (alert and rollback): a rate and its bounds are written against all of
 * them (core/locale/format.ts fmtRate) in the sentences and in the tables alike, so the same figure reads the same.
 */
export function rateLimits(rules: readonly TriggerRule[], metric: 'error_rate' | 'critical_rate'): number[] {
  return rules.flatMap((r) => (r.on === 'window' && r.metric === metric ? [r.threshold] : []))
}

/**
 * What a window rule judges: a sliding window, or the whole watch so far (`run`: every request since the start,
 * with the same rule, minimum and bound). A regression spread evenly over the watch can sit just above a
 * threshold in every window without one window's bound proving it; the whole run's many more requests do.
 */
export type Scope = 'window' | 'run'

/** One window rule against one window (or, `scope` run, against the whole watch so far). */
export function judgeWindow(
  rule: WindowRule,
  w: WindowSummary,
  confidence: number,
  scope: Scope = 'window',
  /** The thresholds its rates are written against (rateLimits); its own threshold alone by default. */
  limits: readonly number[] = [rule.threshold],
): RuleVerdict {
  const n = w.tally.requests
  const base = { rule, window: w.index }
  // The sliding window judged, by its clock times (UTC): what a person looks for in the table and the events.
  const span = { from: utcTimeOfDay(w.startedAt), to: utcTimeOfDay(w.endedAt), scope }
  if (rule.metric === 'p95') {
    const params = { id: rule.id, window: w.index, ...span, n, min: rule.minSamples, p95: w.p95Ms, lower: w.p95LowerMs, threshold: rule.threshold }
    // Exact: from the count of latencies above the threshold (windows.ts), never from the histogram's figures.
    const above = (rank: number | null): boolean => {
      if (rank === null) return false
      const is = rankAbove(w.tally, rank, rule.threshold)
      if (is === null) throw new Error(`${rule.id}: window ${w.index} does not count the latencies above ${rule.threshold} ms`)
      return is
    }
    if (!above(w.p95Rank)) return { ...base, state: 'clear', reason: reason('monitor.p95.within', params) }
    const fired = n >= rule.minSamples && above(w.p95LowerRank)
    return { ...base, state: fired ? 'fired' : 'inconclusive', reason: reason(fired ? 'monitor.p95.above' : 'monitor.p95.unsure', params) }
  }
  const count = rule.metric === 'error_rate' ? w.errors : w.tally.critical
  const rate = rule.metric === 'error_rate' ? w.errorRate : w.criticalRate
  const interval = rule.metric === 'error_rate' ? w.errorInterval : w.criticalInterval
  const metric = rule.metric
  const params = {
    id: rule.id,
    metric,
    window: w.index,
    ...span,
    n,
    count,
    min: rule.minSamples,
    // Exact values: the sentence rounds them once, by the documents' rule (a value rounded here first was
    // rounded twice, and read 20.3 % where the table read 20.2 %).
    rate,
    lower: interval.lower,
    upper: interval.upper,
    threshold: rule.threshold,
    limits: [...limits],
  }
  if (rate === null || rate <= rule.threshold) return { ...base, state: 'clear', reason: reason('monitor.rate.within', params) }
  if (n >= rule.minSamples && interval.lower !== null && interval.lower > rule.threshold)
    return { ...base, state: 'fired', reason: reason('monitor.rate.above', params) }
  const needed = Math.max(rule.minSamples, wilsonSamplesNeeded(count, n, rule.threshold, zFor(confidence)) ?? rule.minSamples)
  return { ...base, state: 'inconclusive', reason: reason('monitor.rate.unsure', { ...params, needed }) }
}

/** Every window rule against a window, in rule order. */
export function judgeWindowRules(rules: readonly TriggerRule[], w: WindowSummary, confidence: number, scope: Scope = 'window'): RuleVerdict[] {
  return rules
    .filter((r): r is WindowRule => r.on === 'window')
    .map((r) => judgeWindow(r, w, confidence, scope, r.metric === 'p95' ? [r.threshold] : rateLimits(rules, r.metric)))
}

/**
 * The event rules' memory: consecutive transport failures of chat requests, consecutive failed health checks, and
 * per question the critical bug its last answers repeated. A chat that got an HTTP answer ends the transport
 * streak; a healthy check ends the health streak; an answer to a question without that critical bug (a success, a
 * non-critical failure, another kind) ends its repeat.
 */
export class EventJudge {
  private transportStreak = 0
  private healthStreak = 0
  private readonly repeats = new Map<string, { kind: string; count: number }>()
  /**
   * The outages the service came back from within the grace, [from, to] in ms, those that end within the flapping
   * span. Bounded: each lasts at least one re-probe (or the grace when shorter), and once they add up to the grace the
   * rule fires and the watch stops.
   */
  private readonly outages: Array<readonly [number, number]> = []

  constructor(private readonly rules: readonly TriggerRule[]) {}

  private rule(metric: EventMetric): TriggerRule | undefined {
    return this.rules.find((r) => r.on === 'event' && r.metric === metric)
  }

  /**
   * The transport streak so far was an outage the service came back from within MONITOR_DOWN_GRACE (a restart:
   * release/watch/down.ts confirmDown): it starts over, those failures left to the rate rules.
   */
  forgiveTransportStreak(): void {
    this.transportStreak = 0
  }

  /** The same for the health streak: the checks that went unanswered during that outage. */
  forgiveHealthStreak(): void {
    this.healthStreak = 0
  }

  /**
   * A judged chat attempt: a cross-user leak fires at once; transport failures count towards the streak; a critical
   * answer towards its question's repeat.
   */
  onAttempt(a: JudgedAttempt): RuleVerdict | null {
    // A limiter's refusal, or the monitor's credentials refused, is not an answer of the service: it neither extends
    // nor ends a streak.
    if (a.rateLimited || a.credentialsRefused) return null
    const leak = this.rule('leak')
    if (a.leak && leak)
      return { rule: leak, state: 'fired', window: null, reason: reason('monitor.leak', { question: a.questionId, status: a.httpStatus }) }
    // Both memories are kept up to date; when both fire on one answer, the transport streak (the crash) is named.
    const repeated = this.onCritical(a)
    this.transportStreak = a.transport ? this.transportStreak + 1 : 0
    const streak = this.rule('transport_streak')
    if (streak && this.transportStreak >= streak.threshold)
      return {
        rule: streak,
        state: 'fired',
        window: null,
        reason: reason('monitor.transport_streak', { count: this.transportStreak, threshold: streak.threshold, last: a.evidence ?? '' }),
      }
    if (repeated) return repeated
    return null
  }

  /**
   * "Critical bug detected" (plan T4.7) as a bug that recurs: the same question answered with the same critical bug
   * (5xx, invalid JSON, contract violation, transport) on its last N asks. A bug a question reproduces is not noise.
   * Random critical answers at a rate p complete such a run at any ask with probability about pᴺ — per ASK, so a
   * watch of A asks sees one by chance with probability up to A × pᴺ (N = 3, p = 2 %: 1/125,000 per ask, but about
   * half of 24 h watches at 1 ask/s). Hence the default N grows with the watch (criticalRepeatFor, settings.ts).
   */
  private onCritical(a: JudgedAttempt): RuleVerdict | null {
    const rule = this.rule('critical_repeat')
    if (a.critical === null) {
      this.repeats.delete(a.questionId)
      return null
    }
    const last = this.repeats.get(a.questionId)
    const count = last?.kind === a.critical ? last.count + 1 : 1
    this.repeats.set(a.questionId, { kind: a.critical, count })
    if (!rule || count < rule.threshold) return null
    const params = {
      question: a.questionId,
      kind: a.critical,
      count,
      threshold: rule.threshold,
      status: a.httpStatus,
      last: a.reasons[0] ?? a.evidence ?? '',
    }
    return { rule, state: 'fired', window: null, reason: reason('monitor.critical_repeat', params) }
  }

  onHealth(h: HealthProbe): RuleVerdict | null {
    if (h.rateLimited) return null
    this.healthStreak = h.ok ? 0 : this.healthStreak + 1
    const streak = this.rule('health_streak')
    if (streak && this.healthStreak >= streak.threshold)
      return {
        rule: streak,
        state: 'fired',
        window: null,
        reason: reason('monitor.health_streak', { count: this.healthStreak, threshold: streak.threshold, last: h.problem ?? '' }),
      }
    return null
  }

  /**
   * The whole service was out from `from` to `to` and came back within MONITOR_DOWN_GRACE (release/watch/down.ts
   * confirmDown: the other route failed a probe too, then answered): not "service down" on its own, but kept and judged
   * with the others of the span (flapping).
   */
  onOutage(from: number, to: number): RuleVerdict | null {
    this.outages.push([from, to])
    return this.flapping(to, null)
  }

  /**
   * "Service down, flapping": outages each shorter than MONITOR_DOWN_GRACE — the service back at a probe every time —
   * whose no-answer adds up to the grace within the span (flappingSpanMs), two outages or more. A service down 4 s of
   * every 5 never stayed down for the grace in one piece, and each answer ended the confirmation: its outage was never
   * named (a review, 2026-12-05). `ongoingSince`: an outage under way (a confirmation still failing) counts up to `now`.
   */
  flapping(now: number, ongoingSince: number | null): RuleVerdict | null {
    const rule = this.rule('service_flapping')
    if (rule?.on !== 'event' || rule.threshold <= 0) return null
    const spanMs = rule.spanMs ?? rule.threshold
    const from = now - spanMs
    while ((this.outages[0]?.[1] ?? Number.POSITIVE_INFINITY) <= from) this.outages.shift()
    const parts = ongoingSince === null ? this.outages : [...this.outages, [ongoingSince, now] as const]
    if (parts.length < 2) return null
    const downMs = parts.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, now) - Math.max(a, from)), 0)
    if (downMs < rule.threshold) return null
    const params = {
      outages: parts.length,
      downMs,
      spanMs,
      graceMs: rule.threshold,
      since: new Date(Math.max(parts[0]?.[0] ?? from, from)).toISOString(),
      ongoing: ongoingSince !== null,
    }
    return { rule, state: 'fired', window: null, reason: reason('monitor.service_flapping', params) }
  }

  /**
   * "Service down": a probe got no answer at all AND the OTHER route got none either (or a gateway's 502/503/504) —
   * a chat confirmed by health checks, a health check by chat requests — re-probed until MONITOR_DOWN_GRACE passed
   * (release/watch/down.ts confirmDown: `held`, how many probes over how long). One reset on its own is noise, one
   * route's dropped connection retried on the same route too, and so is a restart shorter than the grace. `until`: the
   * service itself declared it unavailable until then (a 503 with a Retry-After, probe.ts Unavailability), said with it.
   */
  serviceDown(
    first: string,
    confirm: Confirmation,
    held: { probes: number; waitedMs: number; graceMs: number; until?: string | null; retryAfter?: string | null },
  ): RuleVerdict | null {
    const down = this.rule('service_down')
    if (!down || !confirm.gone) return null
    return { rule: down, state: 'fired', window: null, reason: reason('monitor.service_down', { first, confirm: confirm.problem, ...held }) }
  }
}

/**
 * The confirming probe of "service down": whether it found the service gone, what it saw, and whether the service
 * declared itself unavailable in it (a 503 with a Retry-After: until when).
 */
export interface Confirmation {
  gone: boolean
  problem: string
  unavailable?: Unavailability | null
}

export function goneHealth(h: HealthProbe): Confirmation {
  return { gone: isGone(h), problem: h.problem ?? '', unavailable: h.unavailable }
}

/** A chat request confirms "down" like a health check: no answer, or a gateway's 502/503/504 (never a limiter's). */
export function goneChat(a: JudgedAttempt): Confirmation {
  const gateway = a.httpStatus === 502 || a.httpStatus === 503 || a.httpStatus === 504
  const gone = !a.rateLimited && !a.credentialsRefused && (a.noAnswer || gateway)
  const problem = a.evidence ?? (a.timedOut ? 'timeout' : a.httpStatus === null ? 'no answer' : `HTTP ${a.httpStatus}`)
  return { gone, problem: `chat ${a.questionId}: ${problem}`, unavailable: a.unavailable }
}

/** No answer at all, or a gateway's 502/503/504 with nothing behind it; a limiter's 503 is an answer (rate-limit.ts). */
export function isGone(confirm: HealthProbe): boolean {
  if (confirm.rateLimited) return false
  return confirm.noAnswer || confirm.httpStatus === 502 || confirm.httpStatus === 503 || confirm.httpStatus === 504
}

/** Said in every monitor report: what an outside observer cannot see. */
export const NOT_OBSERVABLE: readonly Reason[] = [reason('monitor.data_corruption.not_observable')]
