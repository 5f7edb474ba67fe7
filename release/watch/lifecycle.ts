// The course of a watch: its end (stop), a rollback trigger firing (fire), the monitor's own clock (beat: its stalls)
// and the credentials lost for good. Every part of the watch calls these on the shared state (state.ts).
import type { RuleVerdict } from '../triggers.ts'
import type { WindowSummary } from '../windows.ts'
import { emit, type Watch } from './state.ts'

/**
 * No more sends nor timers. 'credentials': the credentials are lost, the watch cannot see the service any more; it
 * ends as at its planned end (the answers on their way are still judged), early.
 */
export function stop(w: Watch, why: 'completed' | 'credentials' | 'trigger' | 'interrupted'): void {
  if (w.stopped) return
  const now = Date.now()
  beat(w, now)
  w.stopped = true
  w.sendsEndedAt = now
  w.table.sendsEnded(now)
  w.interrupted = why === 'interrupted'
  if (why === 'trigger' || why === 'interrupted') w.judging = false
  for (const t of w.timers) clearInterval(t)
  clearTimeout(w.evaluationTimer)
  clearTimeout(w.sendTimer)
  w.finish()
}

/** The first rollback rule that fires stops the watch (`evaluated`: the window it judged, when a window rule). */
export function fire(w: Watch, verdict: RuleVerdict, evaluated: WindowSummary | null): void {
  if (!w.judging) return
  w.trigger = { ...verdict, at: new Date().toISOString(), evaluated, version: w.current.version }
  emit(w, 'trigger', { rule: verdict.rule.id, reason: verdict.reason, window: evaluated })
  w.judging = false
  stop(w, 'trigger')
  w.drained()
}

/**
 * A timer of the monitor ran at `now`: none for longer than a step (at least STALL_MIN_MS) beyond its pace is a
 * stall — the asks due then were never sent, the windows over it saw nothing (a review, 2026-12-05: a monitor
 * stopped for 5.5 s read "Stable" over a service failing for 4.5 s of it).
 */
export function beat(w: Watch, now: number): boolean {
  const from = w.lastBeat
  w.lastBeat = Math.max(w.lastBeat, now)
  if (w.stopped || now - from <= w.stallToleranceMs) return false
  const missed = Math.max(0, Math.round((now - from) / w.sendEveryMs) - 1)
  const paused = w.paused
  paused.stalls++
  paused.missed += missed
  paused.totalMs += now - from
  if (paused.longest === null || now - from > paused.longest.ms)
    paused.longest = { from: new Date(from).toISOString(), to: new Date(now).toISOString(), ms: now - from }
  w.lastStall = [from, now]
  w.table.markGap(from, now)
  emit(w, 'paused', { from: new Date(from).toISOString(), ms: now - from, missed })
  return true
}

/** Whether [startedAt, endedAt] reaches over the last stall of the monitor. */
export function overStall(w: Watch, startedAt: number, endedAt: number): boolean {
  return w.lastStall !== null && w.lastStall[1] > startedAt && w.lastStall[0] < endedAt
}

/**
 * Refused credentials that nothing can renew end the watch at once: asking on with them only sends the refusing
 * service a 401 per tick to the planned end (a revoked token, a day of them), and watches nothing. Never a trigger.
 */
export function loseCredentials(w: Watch, problem: string): void {
  if (w.credentialsLost !== null || w.stopped) return
  const now = Date.now()
  w.credentialsLost = { at: new Date(now).toISOString(), watchedMs: now - w.t0, problem }
  emit(w, 'credentials_lost', { problem })
  stop(w, 'credentials')
}
