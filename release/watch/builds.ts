// Which version runs during a watch, as its health checks read it (docs/release.md "Version changes"): the first one
// read, a change (someone else deployed or rolled back) and the fresh start it gives the rollback rules, the runs
// those rules judge, and each version's figures for the report.
import type { VersionRead } from '../attribution.ts'
import type { HealthProbe } from '../probe.ts'
import { EventJudge } from '../triggers.ts'
import { addTally, SlidingWindow, summarize, type WindowSummary } from '../windows.ts'
import type { HealthRecord, VersionSegment } from './result.ts'
import { judgedOnItsOwn, keyOf, segment, tailOf, versionOf, type Watch } from './state.ts'

/**
 * What a periodic health check says of the version for the attribution of answers (attribution.ts), as noteVersion
 * reads it: a version; a healthy answer without one once one was read (the version disappeared); else nothing.
 */
export function versionRead(health: HealthRecord, h: HealthProbe): VersionRead {
  if (h.version !== null) return { version: h.version }
  return h.ok && health.firstVersion !== null ? { version: null } : null
}

/**
 * A health check's version: the first one read, and every change after it — a version that disappears (a healthy
 * answer without one, once one was read) included: what runs can no longer be told, as far as the watch can see
 * (a review, 2026-12-05: "3.2.7 → no version" read "health ok (3.2.7)", Stable), and one that comes back. A failed
 * check without a version says nothing about the version (its failure is the health rules').
 */
export function noteVersion(health: HealthRecord, h: HealthProbe, changed: (from: string | null, to: string | null) => void): void {
  if (h.version === null && !h.ok) return
  if (health.firstVersion === null) {
    health.firstVersion = h.version
    health.lastVersion = h.version
    return
  }
  if (h.version !== health.lastVersion) changed(health.lastVersion, h.version)
  health.lastVersion = h.version
}

/**
 * The first version read (`version`): the watch's start is its own (no change yet) — the entry of the version not
 * read yet becomes its entry, with the answers that named this build before it was read (attribution.ts).
 */
export function noteFirstVersion(w: Watch, version: string): void {
  const early = w.perVersion.get(keyOf(null))
  w.perVersion.delete(keyOf(null))
  w.current.version = version
  if (early !== undefined) {
    const named = w.perVersion.get(keyOf(version))
    // Answers that named this build before it was read (attribution.ts) are its own already: kept with it.
    if (named !== undefined) {
      addTally(named.tally, early.tally)
      named.histogram.add(early.histogram)
    }
    w.perVersion.set(keyOf(version), { ...(named ?? early), startedAt: early.startedAt, version })
  }
}

/**
 * Someone else deployed or rolled back (a health check read another version): a rollback rule judges only the
 * version now running, so the sliding window, the run the rules judge and the event rules' memory start again
 * here. The build that left keeps its figures (its segment, the watch's totals), never a trigger of this one —
 * when it could be judged on its own. One that leaves before (too few answers, less than a window) joins the group
 * of such builds (its window, run and event memory go on); once a build that came by a change leaves so, the
 * group is judged (churned) until a build stays.
 */
export function changeVersion(w: Watch, to: string | null): void {
  const now = Date.now()
  if (judgedOnItsOwn(w, now)) {
    w.group = null
    w.churned = false
  } else {
    w.group ??= { startedAt: w.current.startedAt, tally: w.current.tally, histogram: w.current.histogram, sliding: w.sliding, events: w.events }
    if (w.changes > 0) w.churned = true
  }
  versionOf(w, w.current.version).endedAt = now
  w.changes++
  w.current = segment(w, now, to)
  versionOf(w, to)
  w.sliding = new SlidingWindow(w.slicesPerWindow, now, w.watched)
  if (now > w.tail.from) w.tail = tailOf(w, now)
  w.events = new EventJudge(w.rules)
}

/** The whole watch so far. */
export function wholeRun(w: Watch, now: number): WindowSummary {
  return summarize(0, w.t0, now, false, w.overall.tally, w.overall.histogram, w.m.confidence)
}

/** The version now running, since its change was seen (the whole watch when it never changed): the rollback rules' run. */
function currentRun(w: Watch, now: number): WindowSummary {
  return summarize(0, w.current.startedAt, now, false, w.current.tally, w.current.histogram, w.m.confidence)
}

/** The run the rollback rules judge: the churned group's, else the version now running's (the whole watch without a change). */
export function judgedRun(w: Watch, now: number): WindowSummary {
  const group = w.group
  return w.churned && group !== null
    ? summarize(0, group.startedAt, now, false, group.tally, group.histogram, w.m.confidence)
    : w.changes > 0
      ? currentRun(w, now)
      : wholeRun(w, now)
}

/** Each version's figures, from when it was first seen running to when it was last (the end for the one running). */
export function versionSegments(w: Watch, end: number): VersionSegment[] {
  return [...w.perVersion.values()].map((g) => ({
    version: g.version,
    summary: summarize(0, g.startedAt, g.version === w.current.version ? end : (g.endedAt ?? end), false, g.tally, g.histogram, w.m.confidence),
  }))
}

/** The answers credited to no build (attribution.ts), from the first of their requests to the last of them; null: none. */
export function unattributedSummary(w: Watch): WindowSummary | null {
  const u = w.ledger.unattributed()
  return u === null ? null : summarize(0, u.firstSentAt, u.lastAt, false, u.tally, u.histogram, w.m.confidence)
}
