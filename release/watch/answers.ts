// The answers of a watch as they come: each chat answer and periodic health check measured (accounting.ts), then
// judged by the event rules — a cross-user leak, the streaks, a repeated critical bug — and, with no answer (or the
// service declaring itself unavailable), the "service down" confirmation (down.ts). A health check also says which
// version runs (builds.ts).
import type { HealthProbe, JudgedAttempt } from '../probe.ts'
import { notExecuted } from '../windows.ts'
import { countExecuted, countFailedHealth, measureAnswer } from './accounting.ts'
import { changeVersion, noteFirstVersion, noteVersion, versionRead } from './builds.ts'
import { confirmDown } from './down.ts'
import { fire, loseCredentials } from './lifecycle.ts'
import { emit, type Watch } from './state.ts'

/** A chat answer to the request sent at `sentAt` (its attribution `slot`, attribution.ts). */
export function onAttempt(w: Watch, a: JudgedAttempt, sentAt: number, slot: number): void {
  if (!w.judging) return
  // Asked before the version now running was seen: the build that left answered it (or may have).
  const before = Date.parse(a.startedAt) < w.current.startedAt
  // Asked since the group of builds that left unjudged began: the group's (judged when the versions churned).
  const group = w.group
  const inGroup = group !== null && Date.parse(a.startedAt) >= group.startedAt
  measureAnswer(w, a, sentAt, slot, before, inGroup)
  if (a.credentialsLost !== null) loseCredentials(w, a.credentialsLost)
  // A limiter's refusal, or the monitor's credentials refused, was not executed: counted apart (Tally.rateLimited,
  // Tally.credentialsRefused), never an error nor a latency nor a trigger.
  if (notExecuted(a)) return
  countExecuted(w, a)
  const groupVerdict = group !== null && inGroup ? group.events.onAttempt(a) : null
  const ownVerdict = before ? null : w.events.onAttempt(a)
  if (w.churned ? !inGroup : before) return
  const verdict = w.churned ? groupVerdict : ownVerdict
  if (verdict?.rule.metric === 'transport_streak' && w.confirmingDown !== null) w.heldStreak ??= verdict
  else if (verdict) fire(w, verdict, null)
  // No answer, or the service declaring itself unavailable (a 503 with a Retry-After): is the whole service gone?
  else if (a.noAnswer || a.unavailable !== null) confirmDown(w, `chat ${a.questionId}: ${chatProblem(a)}`, 'health', a.unavailable)
}

/** A periodic health check, the `check`-th sent (attribution.ts): the version it read, its health, the event rules. */
export function onHealth(w: Watch, h: HealthProbe, check: number): void {
  if (!w.judging) return
  const health = w.health
  health.checks++
  const read = versionRead(health, h)
  if (health.firstVersion === null && h.version !== null) noteFirstVersion(w, h.version)
  noteVersion(health, h, (from, to) => {
    emit(w, 'version_changed', { from, to })
    changeVersion(w, to)
  })
  w.ledger.checkRead(check, read)
  w.healthNow = h.ok ? null : h.problem
  countFailedHealth(w, h, false)
  const groupVerdict = w.group?.events.onHealth(h) ?? null
  const ownVerdict = w.events.onHealth(h)
  const verdict = w.churned ? groupVerdict : ownVerdict
  // Unanswered checks during an outage "service down" is confirming: held like the transport streak (a 1 s restart
  // with a check every 500 ms made a health streak of 3 and rolled back).
  const gone = h.noAnswer || h.unavailable !== null
  if (verdict?.rule.metric === 'health_streak' && gone && w.confirmingDown !== null) w.heldStreak ??= verdict
  else if (verdict) fire(w, verdict, null)
  else if (gone) confirmDown(w, `health: ${h.problem ?? 'no answer'}`, 'chat', h.unavailable)
}

/** A chat request's failure in a few words, for "service down": the declared 503, the transport error, a timeout. */
function chatProblem(a: JudgedAttempt): string {
  if (a.unavailable !== null) return `HTTP ${a.httpStatus}`
  return a.evidence ?? (a.timedOut ? 'timeout' : 'no answer')
}
