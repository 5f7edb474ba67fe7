// `npm run monitor` (plan T4.7, docs/release.md): the question set in rotation at MONITOR_RPS for MONITOR_DURATION, judged by the
// suite (probe.ts), accounted in constant memory (windows.ts), with alerts and rollback triggers as data
// (triggers.ts). Stops at the end, at the first rollback trigger, or on a signal (the result says interrupted).
// Measuring only: what to do about a trigger is rollback.ts's job, what to print is report.ts's.
//
// The watch's parts live in release/watch/: opening the target (open.ts), the state they share (state.ts), the loop
// of asks, steps, health checks and status lines (loop.ts), the answers as they come (answers.ts) and what is
// measured of them (accounting.ts), "service down" being confirmed (down.ts), the versions read (builds.ts), the
// window rules at each step (rules.ts), the watch's course (lifecycle.ts), its close (close.ts) and how it ended
// (conclude.ts, questions.ts); the result model is result.ts.
import type { ProbeTarget } from './probe.ts'
import type { MonitorSettings } from './settings.ts'
import { closeWatch, settle } from './watch/close.ts'
import { startWatch } from './watch/loop.ts'
import type { MonitorHooks, MonitorResult } from './watch/result.ts'
import { emit, newWatch } from './watch/state.ts'

export { noteDeclared } from './watch/accounting.ts'
export { SETTLE_GRACE_MS } from './watch/close.ts'
export { conclude } from './watch/conclude.ts'
export { DOWN_PROBE_MIN_MS, DOWN_REPROBE_MS } from './watch/down.ts'
export { openWatch, type WatchStart } from './watch/open.ts'
export { FAILING_QUESTION_MIN_ASKS, slowAtMostAsks } from './watch/questions.ts'
export type {
  AlertEpisode,
  CredentialsLost,
  DeclaredUnavailable,
  FailingQuestion,
  FailureExample,
  HealthRecord,
  MonitorEvent,
  MonitorHooks,
  MonitorOutcome,
  MonitorResult,
  PausedRecord,
  QuestionFigures,
  QuestionTally,
  SlowQuestion,
  VersionSegment,
} from './watch/result.ts'
export { HEALTH_OK, HEALTH_PENDING, STALL_MIN_MS } from './watch/state.ts'

/** One watch of an opened target: started, run to its end (or a trigger, or a signal), settled and closed. */
export async function runMonitor(target: ProbeTarget, m: MonitorSettings, healthPath: string, hooks: MonitorHooks = {}): Promise<MonitorResult> {
  const w = newWatch(target, m, healthPath, hooks)
  emit(w, 'start', { plannedMs: m.durationMs, windowMs: m.windowMs, stepMs: m.stepMs, rps: m.rps, rules: w.rules })
  const onAbort = startWatch(w)
  await w.done
  await settle(w)
  hooks.signal?.removeEventListener('abort', onAbort)
  return closeWatch(w, Date.now())
}
