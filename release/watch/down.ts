// "Service down" being confirmed during a watch: the other route probed over MONITOR_DOWN_GRACE, the streaks that
// fired meanwhile held until it knows, the outages shorter than the grace kept for the flapping rule
// (release/triggers.ts EventJudge, docs/release.md "Triggers as data").
import { askOnce, checkHealth, type HealthProbe, type Unavailability } from '../probe.ts'
import { type Confirmation, goneChat, goneHealth, type RuleVerdict } from '../triggers.ts'
import { countHealth } from './accounting.ts'
import { fire } from './lifecycle.ts'
import { emit, eventsInForce, nextQuestion, type Watch } from './state.ts'

/** How often the other route is probed again while "service down" waits out MONITOR_DOWN_GRACE (confirmDown). */
export const DOWN_REPROBE_MS = 500
/** The shortest wait of a confirming chat request, however little of the grace is left (confirmingChat). */
export const DOWN_PROBE_MIN_MS = 1000

/**
 * "Service down" needs two routes AND time: no answer on one is confirmed by the OTHER one failing too (a chat
 * without an answer by a health check, a health check without one by a chat request), probed at once and again every
 * DOWN_REPROBE_MS until MONITOR_DOWN_GRACE has passed since the first failure. An answer at any of these probes ends
 * the confirmation: a restart shorter than the grace is failed requests, the rate rules' and the streaks' to judge (a
 * review, 2026-12-05: a 300 ms restart was rolled back, "confirmed" by a health check sent 1 ms after the refusal).
 * Still no answer once the grace has passed: rollback at once. Asking the same route again confirms nothing a
 * dropped connection did not already say; a health route that keeps failing is the health streak's to judge.
 */
export function confirmDown(w: Watch, first: string, by: 'health' | 'chat', unavailable: Unavailability | null = null): void {
  if (w.confirmingDown !== null || !w.judging) return
  const m = w.m
  const since = Date.now()
  w.downCheckSince = since
  // Said when it starts and ends (events, the status line): a grace waited in silence read as 97 % errors and nothing
  // else for seconds, and a watch overran its end by up to the grace unsaid (a review, 2026-12-05).
  emit(w, 'down_check', { state: 'started', first, by, graceMs: m.downGraceMs })
  let ended: Record<string, unknown> = { outcome: 'stopped' }
  // The latest end the service announced while it is being confirmed (a 503 with a Retry-After): said with "down".
  let declaredNow = unavailable
  w.confirmingDown = (async () => {
    for (let probes = 1; ; probes++) {
      const confirm = by === 'health' ? goneHealth(await confirmingHealth(w)) : await confirmingChat(w, since)
      if (!w.judging) return
      declaredNow = confirm.unavailable ?? declaredNow
      if (!confirm.gone) {
        ended = { outcome: 'answered', probes, waitedMs: Date.now() - since }
        settleHeldStreak(w, probes > 1)
        // Back after the other route failed too: an outage shorter than the grace, added up with the others (flapping).
        const flapping = probes > 1 ? recordOutage(w, since, Date.now()) : null
        if (flapping) fire(w, flapping, null)
        return
      }
      const waitedMs = Date.now() - since
      if (waitedMs >= m.downGraceMs) {
        ended = { outcome: 'down', probes, waitedMs }
        const verdict = eventsInForce(w).serviceDown(first, confirm, {
          probes,
          waitedMs,
          graceMs: m.downGraceMs,
          until: declaredNow?.until ?? null,
          retryAfter: declaredNow?.retryAfter ?? null,
        })
        if (verdict) fire(w, verdict, null)
        return
      }
      // Not down for the grace in one piece (yet), but with the outages before it, perhaps for the grace in all.
      const flapping = eventsInForce(w).flapping(Date.now(), since)
      if (flapping) {
        ended = { outcome: 'flapping', probes, waitedMs }
        fire(w, flapping, null)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(DOWN_REPROBE_MS, m.downGraceMs - waitedMs)))
      if (!w.judging) return
    }
  })().finally(() => {
    w.confirmingDown = null
    w.downCheckSince = null
    emit(w, 'down_check', { state: 'ended', ...ended })
  })
}

/**
 * A chat request that confirms (or refuses) "service down", its wait capped by what is left of the grace (at least
 * DOWN_PROBE_MIN_MS): a hung service (connections accepted, never an answer) held it for HARENA_TIMEOUT_MS, 60 s
 * for a grace of 5 s (a review, 2026-12-05). No answer by then is no answer; the request itself runs on to its deadline.
 */
async function confirmingChat(w: Watch, since: number): Promise<Confirmation> {
  const question = nextQuestion(w)
  const capMs = Math.max(DOWN_PROBE_MIN_MS, w.m.downGraceMs - (Date.now() - since))
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<Confirmation>((resolve) => {
    timer = setTimeout(() => resolve({ gone: true, problem: `chat ${question.id}: no answer in ${capMs} ms` }), capMs)
  })
  try {
    return await Promise.race([askOnce(w.target, question).then(goneChat), late])
  } finally {
    clearTimeout(timer)
  }
}

/** An outage the service came back from within the grace, kept by every event memory; the verdict of the one in force. */
function recordOutage(w: Watch, from: number, to: number): RuleVerdict | null {
  const verdicts = new Map([w.events, w.group?.events].flatMap((judge) => (judge ? [[judge, judge.onOutage(from, to)] as const] : [])))
  return verdicts.get(eventsInForce(w)) ?? null
}

/**
 * The other route answered again: after failing at least one probe the whole service was out for less than the grace
 * (a restart, `outage`) and the streak its refusals made is forgiven; answering at the first probe, the chat route
 * failed alone and the held streak fires.
 */
function settleHeldStreak(w: Watch, outage: boolean): void {
  const held = w.heldStreak
  w.heldStreak = null
  if (outage) {
    for (const judge of [w.events, w.group?.events]) {
      judge?.forgiveTransportStreak()
      judge?.forgiveHealthStreak()
    }
    emit(w, 'outage_recovered', { streakForgiven: held !== null })
  } else if (held !== null) fire(w, held, null)
}

/** A health check that confirms (or refuses) "service down": one of the watch's, counted in its health figures. */
async function confirmingHealth(w: Watch): Promise<HealthProbe> {
  const h = await checkHealth(w.target, w.healthPath)
  if (w.judging) countHealth(w, h, true)
  return h
}
