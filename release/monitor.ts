// `npm run monitor` (plan T4.7, docs/release.md): the question set in rotation at MONITOR_RPS for MONITOR_DURATION, judged by the
// suite (probe.ts), accounted in constant memory (windows.ts), with alerts and rollback triggers as data
// (triggers.ts). Stops at the end, at the first rollback trigger, or on a signal (the result says interrupted).
// Measuring only: what to do about a trigger is rollback.ts's job, what to print is report.ts's.
import type { Reason } from '../core/reason.ts'
import { reason } from '../core/reason.ts'
import { askOnce, checkHealth, type HealthProbe, type JudgedAttempt, type ProbeTarget } from './probe.ts'
import type { MonitorSettings } from './settings.ts'
import { EventJudge, judgeWindowRules, NOT_OBSERVABLE, latencyThresholds, rulesFrom, type RuleVerdict, type TriggerRule } from './triggers.ts'
import { wilson } from '../reporters/intervals.ts'
import { addAttempt, emptyTally, newHistogram, recordLatency, SlidingWindow, summarize, type Tally, type WindowSummary, zFor } from './windows.ts'

export type MonitorEvent = { type: string; at: string } & Record<string, unknown>

export interface MonitorHooks {
  /** One NDJSON-able event (start, window, alert, trigger, failure, health, end). */
  onEvent?: (event: MonitorEvent) => void
  /** Called every MONITOR_STATUS_EVERY with the live figures. */
  onStatus?: (status: Reason) => void
  /** Aborting stops the monitor; the result is marked interrupted. */
  signal?: AbortSignal
}

export interface AlertEpisode {
  rule: TriggerRule
  /** Windows (evaluation numbers) where the alert held. */
  windows: number
  firstWindow: number
  lastWindow: number
  first: Reason
}

export interface FailureExample {
  at: string
  questionId: string
  httpStatus: number | null
  critical: string | null
  reasons: string[]
}

export interface MonitorResult {
  startedAt: string
  endedAt: string
  durationMs: number
  plannedMs: number
  interrupted: boolean
  rules: TriggerRule[]
  overall: WindowSummary
  /** Consecutive windows of MONITOR_WINDOW (the last one may be partial): the report's table and chart. */
  windows: WindowSummary[]
  /** The rollback trigger that stopped the monitor, with the evaluated window when it is a window rule. */
  trigger: (RuleVerdict & { at: string; evaluated: WindowSummary | null }) | null
  alerts: AlertEpisode[]
  /** Evaluations left inconclusive per rule id (an estimate above the threshold, a bound that is not). */
  inconclusive: Record<string, number>
  evaluations: number
  health: { checks: number; failed: number; firstVersion: string | null; lastVersion: string | null; lastProblem: string | null }
  /** Ticks not sent because MONITOR_MAX_IN_FLIGHT requests were still waiting (the service is slower than the pace). */
  skipped: number
  examples: FailureExample[]
  notObservable: Reason[]
}

const MAX_EXAMPLES = 10

export async function runMonitor(target: ProbeTarget, m: MonitorSettings, healthPath: string, hooks: MonitorHooks = {}): Promise<MonitorResult> {
  const rules = rulesFrom(m)
  const z = zFor(m.confidence)
  const events = new EventJudge(rules)
  const emit = (type: string, data: Record<string, unknown> = {}): void => hooks.onEvent?.({ type, at: new Date().toISOString(), ...data })
  const t0 = Date.now()
  const slicesPerWindow = Math.ceil(m.windowMs / m.stepMs)
  const watched = latencyThresholds(rules)
  const sliding = new SlidingWindow(slicesPerWindow, t0, watched)
  const overall = { tally: emptyTally(watched), histogram: newHistogram(3) }
  let tumbling = { startedAt: t0, tally: emptyTally(watched), histogram: newHistogram() }
  const windows: WindowSummary[] = []
  const alerts = new Map<string, AlertEpisode>()
  const inconclusive: Record<string, number> = {}
  const examples: FailureExample[] = []
  const health: MonitorResult['health'] = { checks: 0, failed: 0, firstVersion: null, lastVersion: null, lastProblem: null }
  let lastEvaluated: WindowSummary | null = null
  let evaluations = 0
  let nextEvaluationAt = t0 + m.stepMs
  let trigger = null as MonitorResult['trigger']
  let inFlight = 0
  let skipped = 0
  let rotation = 0
  let confirming = false
  let stopped = false
  let interrupted = false
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  const timers: NodeJS.Timeout[] = []

  emit('start', { plannedMs: m.durationMs, windowMs: m.windowMs, stepMs: m.stepMs, rps: m.rps, rules })

  const stop = (why: 'completed' | 'trigger' | 'interrupted'): void => {
    if (stopped) return
    stopped = true
    interrupted = why === 'interrupted'
    for (const t of timers) clearInterval(t)
    finish()
  }

  const fire = (verdict: RuleVerdict, evaluated: WindowSummary | null): void => {
    if (stopped) return
    trigger = { ...verdict, at: new Date().toISOString(), evaluated }
    emit('trigger', { rule: verdict.rule.id, reason: verdict.reason, window: evaluated })
    stop('trigger')
  }

  const confirmDown = async (first: string): Promise<void> => {
    if (confirming || stopped) return
    confirming = true
    try {
      const confirm = await checkHealth(target, healthPath)
      if (stopped) return
      const verdict = events.serviceDown(first, confirm)
      if (verdict) fire(verdict, null)
    } finally {
      confirming = false
    }
  }

  const onAttempt = (a: JudgedAttempt): void => {
    if (stopped) return
    sliding.record(a)
    addAttempt(overall.tally, a)
    recordLatency(overall.histogram, a.latencyMs)
    addAttempt(tumbling.tally, a)
    recordLatency(tumbling.histogram, a.latencyMs)
    if (!a.ok) {
      const example = { at: a.startedAt, questionId: a.questionId, httpStatus: a.httpStatus, critical: a.critical, reasons: a.reasons.slice(0, 3) }
      if (examples.length < MAX_EXAMPLES) examples.push(example)
      emit('failure', example)
    }
    const verdict = events.onAttempt(a)
    if (verdict) fire(verdict, null)
    else if (a.noAnswer) void confirmDown(`chat ${a.questionId}: ${a.evidence ?? (a.timedOut ? 'timeout' : 'no answer')}`)
  }

  const send = (): void => {
    if (stopped) return
    if (inFlight >= m.maxInFlight) {
      skipped++
      return
    }
    const question = target.questions[rotation % target.questions.length] as (typeof target.questions)[number]
    rotation++
    inFlight++
    askOnce(target, question).then(
      (a) => {
        inFlight--
        onAttempt(a)
      },
      (error: unknown) => {
        inFlight--
        emit('harness_error', { message: (error as Error).message })
      },
    )
  }

  const onHealth = (h: HealthProbe): void => {
    if (stopped) return
    health.checks++
    if (h.version !== null) {
      health.firstVersion ??= h.version
      if (health.lastVersion !== null && h.version !== health.lastVersion) emit('version_changed', { from: health.lastVersion, to: h.version })
      health.lastVersion = h.version
    }
    if (!h.ok) {
      health.failed++
      health.lastProblem = h.problem
      emit('health_failed', { httpStatus: h.httpStatus, problem: h.problem })
    }
    const verdict = events.onHealth(h)
    if (verdict) fire(verdict, null)
    else if (h.noAnswer) void confirmDown(`health: ${h.problem ?? 'no answer'}`)
  }

  const evaluate = (now: number): void => {
    if (stopped) return
    nextEvaluationAt = now + m.stepMs
    const merged = sliding.close(now)
    evaluations++
    const w = summarize(evaluations, merged.startedAt, now, !merged.full, merged.tally, merged.histogram, m.confidence)
    lastEvaluated = w
    const verdicts = judgeWindowRules(rules, w, m.confidence)
    emit('window', { window: w, verdicts: verdicts.map((v) => ({ rule: v.rule.id, state: v.state, reason: v.reason })) })
    for (const v of verdicts) {
      if (v.state === 'inconclusive') inconclusive[v.rule.id] = (inconclusive[v.rule.id] ?? 0) + 1
      if (v.state !== 'fired') continue
      if (v.rule.severity === 'rollback') {
        fire(v, w)
        return
      }
      const episode = alerts.get(v.rule.id)
      if (episode) {
        episode.windows++
        episode.lastWindow = w.index
      } else {
        alerts.set(v.rule.id, { rule: v.rule, windows: 1, firstWindow: w.index, lastWindow: w.index, first: v.reason })
        emit('alert', { rule: v.rule.id, action: v.rule.action, reason: v.reason, window: w })
      }
    }
  }

  const closeTumbling = (now: number, partial: boolean): void => {
    if (tumbling.tally.requests === 0 && partial) return
    windows.push(summarize(windows.length + 1, tumbling.startedAt, now, partial, tumbling.tally, tumbling.histogram, m.confidence))
    tumbling = { startedAt: now, tally: emptyTally(watched), histogram: newHistogram() }
  }

  const status = (): void => {
    if (stopped) return
    const now = Date.now()
    const live: Tally = sliding.liveTally()
    const errors = live.requests - live.ok
    const iv = wilson(errors, live.requests, z)
    const line = reason('monitor.status', {
      elapsedMs: now - t0,
      plannedMs: m.durationMs,
      windowMs: m.windowMs,
      requests: live.requests,
      errors,
      rate: live.requests === 0 ? null : errors / live.requests,
      lower: iv.lower,
      upper: iv.upper,
      p95: lastEvaluated?.p95Ms ?? null,
      nextMs: Math.max(0, nextEvaluationAt - now),
      inFlight,
      health: health.lastProblem === null || health.failed === 0 ? 'ok' : health.lastProblem,
      version: health.lastVersion,
    })
    emit('status', { status: line.params })
    hooks.onStatus?.(line)
  }

  timers.push(setInterval(send, Math.max(1, Math.round(1000 / m.rps))))
  timers.push(setInterval(() => evaluate(Date.now()), m.stepMs))
  timers.push(setInterval(() => closeTumbling(Date.now(), false), m.windowMs))
  timers.push(setInterval(status, m.statusEveryMs))
  timers.push(
    setInterval(() => {
      void checkHealth(target, healthPath).then(onHealth)
    }, m.healthEveryMs),
  )
  timers.push(setTimeout(() => stop('completed'), m.durationMs))
  const onAbort = (): void => stop('interrupted')
  if (hooks.signal?.aborted) stop('interrupted')
  hooks.signal?.addEventListener('abort', onAbort, { once: true })
  send()
  void checkHealth(target, healthPath).then(onHealth)

  await done
  hooks.signal?.removeEventListener('abort', onAbort)
  const end = Date.now()
  closeTumbling(end, true)
  const result: MonitorResult = {
    startedAt: new Date(t0).toISOString(),
    endedAt: new Date(end).toISOString(),
    durationMs: end - t0,
    plannedMs: m.durationMs,
    interrupted,
    rules,
    overall: summarize(0, t0, end, interrupted || trigger !== null, overall.tally, overall.histogram, m.confidence),
    windows,
    trigger,
    alerts: [...alerts.values()],
    inconclusive,
    evaluations,
    health,
    skipped,
    examples,
    notObservable: [...NOT_OBSERVABLE],
  }
  emit('end', { interrupted, trigger: result.trigger?.rule.id ?? null, requests: overall.tally.requests, durationMs: result.durationMs })
  return result
}
