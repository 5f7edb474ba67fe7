// The watch loop: asks on planned times (MONITOR_RPS), steps on planned boundaries (MONITOR_STEP), a health check
// every MONITOR_HEALTH_EVERY, the live status line every MONITOR_STATUS_EVERY, the planned end, and a signal that
// interrupts it. Each tick hands its result to the answers (answers.ts) or the rules (rules.ts).
import { reason } from '../../core/reason.ts'
import { wilson } from '../../reporters/intervals.ts'
import { askOnce, checkHealth, targetLocale } from '../probe.ts'
import { judgeRefusal } from './refusals.ts'
import { rateLimits } from '../triggers.ts'
import type { Tally } from '../windows.ts'
import { onAttempt, onHealth } from './answers.ts'
import { beat, stop } from './lifecycle.ts'
import { evaluate } from './rules.ts'
import { emit, HEALTH_OK, nextQuestion, type Watch } from './state.ts'

/**
 * Starts the watch's timers and its first ask and health check. A signal before the planned end interrupts the
 * watch; during the wait for the answers in flight it ends the wait at once and the watch too is interrupted (its
 * last answers were not judged: a partial report, not a verdict). Returns the signal's listener, to remove at the end.
 */
export function startWatch(w: Watch): () => void {
  const m = w.m
  scheduleSend(w, 1)
  scheduleStep(w, 1)
  w.timers.push(setInterval(() => status(w), m.statusEveryMs))
  w.timers.push(setInterval(() => healthCheck(w), m.healthEveryMs))
  w.timers.push(setTimeout(() => stop(w, 'completed'), m.durationMs))
  const onAbort = (): void => {
    if (!w.stopped) {
      stop(w, 'interrupted')
      return
    }
    w.interrupted = true
    w.judging = false
    w.drained()
  }
  const signal = w.hooks.signal
  if (signal?.aborted) stop(w, 'interrupted')
  signal?.addEventListener('abort', onAbort, { once: true })
  send(w)
  healthCheck(w)
  return onAbort
}

/** One ask of the rotation, unless MONITOR_MAX_IN_FLIGHT requests are still waiting (then skipped, counted). */
function send(w: Watch): void {
  if (w.stopped) return
  beat(w, Date.now())
  if (w.pending.size >= w.m.maxInFlight) {
    w.skipped++
    return
  }
  const question = nextQuestion(w)
  const id = ++w.sent
  const sentAt = Date.now()
  w.pending.set(id, sentAt)
  const slot = w.ledger.requestSent()
  const answered = (): void => {
    // Once judging ended (trigger, signal, the drain's end), what is still pending stays pending: unfinished.
    if (!w.judging) return
    w.pending.delete(id)
    if (w.pending.size === 0) w.drained()
  }
  askOnce(w.target, question).then(
    (a) => {
      answered()
      onAttempt(w, judgeRefusal(a, w.m, targetLocale(w.target)), sentAt, slot)
    },
    (error: unknown) => {
      answered()
      emit(w, 'harness_error', { message: (error as Error).message })
    },
  )
}

/** A periodic health check, numbered for the attribution of answers (attribution.ts). */
function healthCheck(w: Watch): void {
  const check = w.ledger.checkSent()
  void checkHealth(w.target, w.healthPath).then((h) => onHealth(w, h, check))
}

/** The live status line (MONITOR_STATUS_EVERY): the window's figures, the health now, a down-check under way. */
function status(w: Watch): void {
  if (w.stopped) return
  const m = w.m
  const now = Date.now()
  beat(w, now)
  const live: Tally = (w.churned && w.group !== null ? w.group.sliding : w.sliding).liveTally()
  const errors = live.requests - live.ok
  const iv = wilson(errors, live.requests, w.z)
  const line = reason('monitor.status', {
    elapsedMs: now - w.t0,
    plannedMs: m.durationMs,
    windowMs: m.windowMs,
    requests: live.requests,
    errors,
    rate: live.requests === 0 ? null : errors / live.requests,
    lower: iv.lower,
    upper: iv.upper,
    limits: rateLimits(w.rules, 'error_rate'),
    p95: w.lastEvaluated?.p95Ms ?? null,
    nextMs: Math.max(0, w.nextEvaluationAt - now),
    inFlight: w.pending.size,
    rateLimited: live.rateLimited,
    health: w.healthNow ?? HEALTH_OK,
    version: w.health.lastVersion,
    ...(w.downCheckSince === null ? {} : { downCheckMs: now - w.downCheckSince, downGraceMs: m.downGraceMs }),
  })
  emit(w, 'status', { status: line.params })
  w.hooks.onStatus?.(line)
}

/**
 * Asks on planned times (t0 + k·1/MONITOR_RPS), each scheduled from the start: an interval drifts late under load,
 * and a watch sent 274 of 400 planned asks, said nowhere (a second review, 2026-12-05). A planned ask whose time
 * passed while the monitor was busy is not sent late in a burst (k6's arrival-rate executors drop it too): it is
 * counted (`behind`) and said, unless a stall already counted it (beat).
 */
function scheduleSend(w: Watch, k: number): void {
  if (w.stopped) return
  w.sendTimer = setTimeout(
    () => {
      const now = Date.now()
      const stalled = beat(w, now)
      send(w)
      const next = Math.max(k + 1, Math.floor((now - w.t0) / w.sendEveryMs) + 1)
      if (!stalled) w.behind += next - (k + 1)
      scheduleSend(w, next)
    },
    w.t0 + k * w.sendEveryMs - Date.now(),
  )
}

/**
 * Steps on planned boundaries (t0 + k·MONITOR_STEP), each scheduled from the start: an interval drifts late and the
 * planned end then came before the last step (its failures never judged in a window).
 */
function scheduleStep(w: Watch, k: number): void {
  const at = w.t0 + k * w.m.stepMs
  if (at >= w.t0 + w.m.durationMs) return
  w.evaluationTimer = setTimeout(() => {
    const now = Date.now()
    beat(w, now)
    evaluate(w, now)
    // The steps a stalled monitor slept through are not judged back to back when it resumes (windows of a few
    // milliseconds): the next step is the next planned boundary.
    scheduleStep(w, Math.max(k + 1, Math.floor((now - w.t0) / w.m.stepMs) + 1))
  }, at - Date.now())
}
