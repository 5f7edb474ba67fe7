// What a watch measures of each answer and health check (measuring only, no judging): the figures of the scopes the
// answer belongs to, the watch's totals and windows table, each question's, the failures kept as evidence, the
// health checks and the service's own declarations of unavailability.
import type { HealthProbe, JudgedAttempt, Unavailability } from '../probe.ts'
import { addAttempt, notExecuted, recordLatency } from '../windows.ts'
import { countAsk } from './questions.ts'
import type { DeclaredUnavailable } from './result.ts'
import { emit, type Watch } from './state.ts'

const MAX_EXAMPLES = 10
const MAX_CRITICAL_EXAMPLES = 5

/** One more answer declaring the service unavailable, from `route`, come at `at`. */
export function noteDeclared(d: DeclaredUnavailable | null, u: Unavailability, route: 'chat' | 'health', at: string): DeclaredUnavailable {
  const next = d ?? { answers: 0, chat: 0, health: 0, first: at, last: at, until: u.until, retryAfter: u.retryAfter }
  next.answers++
  next[route]++
  next.last = at
  if (Date.parse(u.until) >= Date.parse(next.until)) {
    next.until = u.until
    next.retryAfter = u.retryAfter
  }
  return next
}

/**
 * An answer in the figures of every scope it belongs to: the group of builds that left unjudged (`inGroup`), its
 * build (attribution.ts), the version now running and the last window of the sends (unless asked `before` the
 * version now running was seen), the watch's totals and the windows table.
 */
export function measureAnswer(w: Watch, a: JudgedAttempt, sentAt: number, slot: number, before: boolean, inGroup: boolean): void {
  if (w.group !== null && inGroup) {
    w.group.sliding.record(a)
    addAttempt(w.group.tally, a)
    if (!notExecuted(a)) recordLatency(w.group.histogram, a.latencyMs)
  }
  w.ledger.answer(slot, a, sentAt, Date.now())
  if (!before) {
    w.sliding.record(a)
    addAttempt(w.current.tally, a)
    if (!notExecuted(a)) recordLatency(w.current.histogram, a.latencyMs)
    if (sentAt >= w.tail.from) {
      addAttempt(w.tail.tally, a)
      if (!notExecuted(a)) recordLatency(w.tail.histogram, a.latencyMs)
      if (w.stopped) w.tail.late++
    }
  }
  addAttempt(w.overall.tally, a)
  w.table.record(a, Date.now())
}

/**
 * An answer the service executed (not a limiter's refusal, nor the monitor's credentials refused): its latency, its
 * question's figures, a declared unavailability, and a failure kept as evidence and said as an event.
 */
export function countExecuted(w: Watch, a: JudgedAttempt): void {
  recordLatency(w.overall.histogram, a.latencyMs)
  countAsk(w.perQuestion, a, w.m.alertP95Ms)
  if (a.unavailable !== null) w.declared = noteDeclared(w.declared, a.unavailable, 'chat', new Date().toISOString())
  if (!a.ok) {
    const example = { at: a.startedAt, questionId: a.questionId, httpStatus: a.httpStatus, critical: a.critical, reasons: a.reasons.slice(0, 3) }
    if (w.examples.length < MAX_EXAMPLES) w.examples.push(example)
    if (a.critical !== null && w.criticalExamples.length < MAX_CRITICAL_EXAMPLES) w.criticalExamples.push(example)
    emit(w, 'failure', example)
  }
}

/** A failed health check (a limiter's refusal is not one): counted, its problem kept, an event. */
export function countFailedHealth(w: Watch, h: HealthProbe, confirming: boolean): void {
  if (h.ok || h.rateLimited) return
  const health = w.health
  health.failed++
  health.lastProblem = h.problem
  health.lastFailedAt = new Date().toISOString()
  if (h.unavailable !== null) w.declared = noteDeclared(w.declared, h.unavailable, 'health', health.lastFailedAt)
  emit(w, 'health_failed', { httpStatus: h.httpStatus, problem: h.problem, ...(confirming ? { confirming: true } : {}) })
}

/** A confirming check (down.ts) is counted like any; the streak and the version stay the periodic checks'. */
export function countHealth(w: Watch, h: HealthProbe, confirming: boolean): void {
  w.health.checks++
  w.healthNow = h.ok ? null : h.problem
  countFailedHealth(w, h, confirming)
}
