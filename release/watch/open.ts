// Opening the target for a watch (release/monitor.ts): ready, interrupted, not monitored (the watch did not happen), or
// the service down — the opening's own "service down" confirmation, over MONITOR_DOWN_GRACE as during the watch.
import { reason, type Reason } from '../../core/reason.ts'
import type { Settings } from '../../core/settings.ts'
import { healthWithin, openTarget, type ProbeTarget } from '../probe.ts'
import type { MonitorSettings } from '../settings.ts'
import { isGone } from '../triggers.ts'
import { DOWN_REPROBE_MS } from './down.ts'

export type WatchStart =
  | { kind: 'ready'; target: ProbeTarget }
  | { kind: 'interrupted' }
  | { kind: 'not_monitored'; reason: Reason }
  | { kind: 'down'; reason: Reason }

/**
 * Opens the target for a watch. A target that cannot be opened is "service down" (a rollback) only as during the
 * watch: it had answered before (its preflight here, or the release's verify: `seenBefore`) AND a health check
 * sent now gets no answer or a gateway's 502/503/504 (triggers.ts isGone). A target never reached at all (a
 * mistyped port), refused credentials, or a healthy service behind a broken login: the watch did not happen
 * ("not monitored", exit 1), never a rollback of production. A signal ends the opening at once.
 */
export async function openWatch(
  suite: Settings,
  m: MonitorSettings,
  healthPath: string,
  signal: AbortSignal,
  seenBefore: boolean,
): Promise<WatchStart> {
  const opened = await openTarget(suite, m.maxInFlight, signal)
  if (opened.kind === 'ready') return opened
  if (opened.kind === 'interrupted') return { kind: 'interrupted' }
  const impossible: WatchStart = { kind: 'not_monitored', reason: reason('release.monitor.unusable', { problem: opened.reason }) }
  if (opened.kind === 'config' || !(opened.reached || seenBefore)) return impossible
  // As during the watch (confirmDown): the health route re-probed every DOWN_REPROBE_MS until MONITOR_DOWN_GRACE has
  // passed — a restart as the watch opens (a 300 ms blip) is not "service down" (a review, 2026-12-05: it rolled back).
  const health = await healthWithin(suite, healthPath, m.downGraceMs, DOWN_REPROBE_MS, isGone, signal)
  if (signal.aborted) return { kind: 'interrupted' }
  if (health === null) return impossible
  // The health route answers: the target is opened once more (the blip is over), else it is not monitored.
  if (health.back) return reopened(suite, m, signal, impossible)
  const { probes, waitedMs } = health
  const held = { probes, waitedMs, graceMs: m.downGraceMs }
  return { kind: 'down', reason: reason('monitor.service_down', { first: opened.reason, confirm: health.last.problem ?? '', ...held }) }
}

/** A second try at opening the target after its health route answered: ready, interrupted, or `impossible`. */
async function reopened(suite: Settings, m: MonitorSettings, signal: AbortSignal, impossible: WatchStart): Promise<WatchStart> {
  const again = await openTarget(suite, m.maxInFlight, signal)
  if (again.kind === 'ready') return again
  if (again.kind === 'interrupted') return { kind: 'interrupted' }
  return impossible
}
