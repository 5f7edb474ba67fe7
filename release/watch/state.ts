// The state one watch shares between its parts (release/monitor.ts runMonitor): a plain object, made once by
// newWatch, read and changed by the loop (loop.ts), the answers (answers.ts), the down-checks (down.ts), the rules
// (rules.ts) and the close (close.ts). What each field is for is said where it is declared.
import { BuildLedger } from '../attribution.ts'
import type { ProbeTarget } from '../probe.ts'
import type { MonitorSettings } from '../settings.ts'
import {
  confirmingConfidence,
  EventJudge,
  latencyThresholds,
  plannedEvaluations,
  type RuleVerdict,
  rulesFrom,
  type TriggerRule,
} from '../triggers.ts'
import { emptyTally, type Gap, newHistogram, SlidingWindow, type Tally, TumblingWindows, type WindowSummary, zFor } from '../windows.ts'
import type {
  AlertEpisode,
  CredentialsLost,
  DeclaredUnavailable,
  FailureExample,
  HealthRecord,
  MonitorHooks,
  MonitorResult,
  PausedRecord,
  QuestionTally,
} from './result.ts'

/**
 * The shortest stall counted (with at least one step): a loaded machine delays a timer by tens of milliseconds, a
 * monitor that was stopped or suspended by seconds.
 */
export const STALL_MIN_MS = 1000

/** The status line's `health` before any health check has ended, and when the last one passed (core/locale/monitor.ts words them). */
export const HEALTH_PENDING = 'pending'
export const HEALTH_OK = 'ok'

type Histogram = ReturnType<typeof newHistogram>

/** A run of answers from `startedAt` (a version's since its change was seen, or its figures: `version`). */
export interface Segment {
  startedAt: number
  version: string | null
  tally: Tally
  histogram: Histogram
}

/** One version's figures (MonitorResult.versions): from when it was first seen running to when it left (null: running). */
export type VersionEntry = Segment & { endedAt: number | null }

/**
 * Builds that left before they could be judged on their own: their run together since the last build that stayed,
 * with its own window and event memory (Watch.group).
 */
export interface Group {
  startedAt: number
  tally: Tally
  histogram: Histogram
  sliding: SlidingWindow
  events: EventJudge
}

/** The requests sent from `from` on, each with its answer however late (`late`: answers come after the sends ended). */
export interface Tail {
  from: number
  tally: Tally
  histogram: Histogram
  late: number
}

export interface Watch {
  target: ProbeTarget
  m: MonitorSettings
  healthPath: string
  hooks: MonitorHooks
  rules: TriggerRule[]
  /** The z of MONITOR_CONFIDENCE (the status line's interval). */
  z: number
  /** The confidence a window alert must hold at to be confirmed (triggers.ts confirmingConfidence). */
  confirming: number
  t0: number
  slicesPerWindow: number
  /** The latency thresholds every tally counts exceedances of (triggers.ts latencyThresholds). */
  watched: number[]
  sendEveryMs: number
  /**
   * How late a timer may fire before the stretch is a stall (lifecycle.ts beat); a window longer than MONITOR_WINDOW
   * by less is still judged (rules.ts evaluate): between the two every stretch is judged or named.
   */
  stallToleranceMs: number

  // What the rollback rules judge.
  /** The event rules' memory (streaks, repeats): started again at a version change, like the windows. */
  events: EventJudge
  /**
   * The sliding window and the version's run so far (`current`): what the rollback rules judge. A version change
   * starts both again from when it was seen; an answer to a request sent before that is the build that left's,
   * counted in its segment (`perVersion`) and the watch's figures, never judged against the new one.
   */
  sliding: SlidingWindow
  current: Segment
  changes: number
  /**
   * Builds that left before they could be judged on their own (fewer than MONITOR_MIN_SAMPLES answers and less than
   * one MONITOR_WINDOW): their run together since the last build that stayed (null when the build now running follows
   * one that stayed). A change is a fresh start only for a build that then stays: once a build that came by a change
   * leaves before it could be judged (`churned`), the group is what the rollback rules judge, until a build stays (a
   * review, 2026-12-05: a bad build whose version changed at every health check restarted every window and was never
   * rolled back).
   */
  group: Group | null
  churned: boolean
  /**
   * The requests sent in the last MONITOR_WINDOW of the sends, each with its answer however late it comes: the window
   * judged again when answers came in the wait after the planned end (a version change restarts it there).
   */
  tail: Tail

  // What the watch measured.
  overall: { tally: Tally; histogram: Histogram }
  perQuestion: Map<string, QuestionTally>
  /**
   * Each version's figures (MonitorResult.versions), one entry per version whatever how often it comes back (a
   * balancer alternating between two builds): memory bounded by the versions, not the changes.
   */
  perVersion: Map<string, VersionEntry>
  /**
   * Which build answered each request (release/attribution.ts): its answers are credited into `perVersion` by the
   * build they name, else by the health checks around their request, else to no build — never to the build before.
   */
  ledger: BuildLedger
  /** The answers in which the service declared itself unavailable (503 + Retry-After): named in the report. */
  declared: DeclaredUnavailable | null
  /** The report's consecutive windows on planned boundaries (t0 + k·MONITOR_WINDOW), answers placed by arrival. */
  table: TumblingWindows
  health: HealthRecord
  /**
   * The last health check's problem (null: healthy): the status line says the health NOW, not the last failure.
   * 'pending' until a first check has ended: "ok" then would be a health nobody saw (a review, 2026-12-05).
   */
  healthNow: string | null
  alerts: Map<string, AlertEpisode>
  inconclusive: Record<string, number>
  examples: FailureExample[]
  criticalExamples: FailureExample[]
  /** Requests sent and not answered yet, by send number: the ones left at the end are reported, never dropped. */
  pending: Map<number, number>
  sent: number
  skipped: number
  behind: number
  rotation: number
  lastEvaluated: WindowSummary | null
  evaluations: number
  nextEvaluationAt: number
  trigger: MonitorResult['trigger']
  credentialsLost: CredentialsLost | null

  // The monitor's own clock: the last time one of its timers ran (never an answer: answers held during a stall are
  // all delivered at once when it resumes), and the last stall seen (windows over it are partial).
  lastBeat: number
  lastStall: Gap | null
  paused: PausedRecord
  sendsEndedAt: number

  // "Service down" being confirmed (down.ts).
  confirmingDown: Promise<void> | null
  /** When the "service down" confirmation under way started (null: none): the status line says it is waiting. */
  downCheckSince: number | null
  /**
   * A transport (or health) streak that fired while confirmDown was finding out whether the whole service is gone:
   * held until it knows — an outage shorter than the grace (a restart) forgives it, a route failing alone fires it.
   */
  heldStreak: RuleVerdict | null

  // The watch's course.
  /** No more sends nor timers (the planned end, a trigger, a signal). */
  stopped: boolean
  /**
   * Answers are still judged: until a trigger or a signal, and during the drain after the planned end. An answer
   * that arrives in the drain reaches the same judgement (leak, streaks, service down, the final window) as any.
   */
  judging: boolean
  interrupted: boolean
  /** Ends the wait for the answers in flight (close.ts). */
  drained: () => void
  /** Ends the watch's sends: `done` resolves. */
  finish: () => void
  done: Promise<void>
  timers: NodeJS.Timeout[]
  evaluationTimer: NodeJS.Timeout | undefined
  sendTimer: NodeJS.Timeout | undefined
}

/** A watch about to start: its rules, its empty figures, its clock at now. */
export function newWatch(target: ProbeTarget, m: MonitorSettings, healthPath: string, hooks: MonitorHooks): Watch {
  const rules = rulesFrom(m)
  const t0 = Date.now()
  const watched = latencyThresholds(rules)
  const sendEveryMs = Math.max(1, Math.round(1000 / m.rps))
  const perVersion = new Map<string, VersionEntry>()
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  const w: Watch = {
    target,
    m,
    healthPath,
    hooks,
    rules,
    z: zFor(m.confidence),
    confirming: confirmingConfidence(m.confidence, plannedEvaluations(m)),
    t0,
    slicesPerWindow: Math.ceil(m.windowMs / m.stepMs),
    watched,
    sendEveryMs,
    stallToleranceMs: Math.max(m.stepMs, STALL_MIN_MS) + Math.min(m.stepMs, sendEveryMs),
    events: new EventJudge(rules),
    sliding: new SlidingWindow(Math.ceil(m.windowMs / m.stepMs), t0, watched),
    current: { startedAt: t0, version: null, tally: emptyTally(watched), histogram: newHistogram(3) },
    changes: 0,
    group: null,
    churned: false,
    tail: { from: t0 + m.durationMs - m.windowMs, tally: emptyTally(watched), histogram: newHistogram(), late: 0 },
    overall: { tally: emptyTally(watched), histogram: newHistogram(3) },
    perQuestion: new Map(),
    perVersion,
    ledger: new BuildLedger(watched, (v) => entryOf(perVersion, watched, v)),
    declared: null,
    table: new TumblingWindows(t0, m.windowMs, t0 + m.durationMs, watched, m.confidence),
    health: { checks: 0, failed: 0, firstVersion: null, lastVersion: null, lastProblem: null, lastFailedAt: null },
    healthNow: HEALTH_PENDING,
    alerts: new Map(),
    inconclusive: {},
    examples: [],
    criticalExamples: [],
    pending: new Map(),
    sent: 0,
    skipped: 0,
    behind: 0,
    rotation: 0,
    lastEvaluated: null,
    evaluations: 0,
    nextEvaluationAt: t0 + m.stepMs,
    trigger: null,
    credentialsLost: null,
    lastBeat: t0,
    lastStall: null,
    paused: { stalls: 0, missed: 0, totalMs: 0, longest: null },
    sendsEndedAt: t0 + m.durationMs,
    confirmingDown: null,
    downCheckSince: null,
    heldStreak: null,
    stopped: false,
    judging: true,
    interrupted: false,
    drained: () => undefined,
    finish,
    done,
    timers: [],
    evaluationTimer: undefined,
    sendTimer: undefined,
  }
  entryOf(perVersion, watched, null, t0)
  return w
}

/** One event of the watch (monitor-events.ndjson), stamped now. */
export function emit(w: Watch, type: string, data: Record<string, unknown> = {}): void {
  w.hooks.onEvent?.({ type, at: new Date().toISOString(), ...data })
}

/** An empty run of a version from `startedAt`. */
export function segment(w: Watch, startedAt: number, version: string | null): Segment {
  return { startedAt, version, tally: emptyTally(w.watched), histogram: newHistogram(3) }
}

/** The key of a version in Watch.perVersion (null: none reported). */
export const keyOf = (v: string | null): string => (v === null ? '\u0000' : `v${v}`)

/** A version's figures, made (first seen at `at`) when it has none yet. */
export function versionOf(w: Watch, v: string | null, at = Date.now()): VersionEntry {
  return entryOf(w.perVersion, w.watched, v, at)
}

function entryOf(perVersion: Map<string, VersionEntry>, watched: readonly number[], v: string | null, at = Date.now()): VersionEntry {
  let g = perVersion.get(keyOf(v))
  if (g === undefined) {
    g = { startedAt: at, version: v, tally: emptyTally(watched), histogram: newHistogram(), endedAt: null }
    perVersion.set(keyOf(v), g)
  }
  return g
}

/** The requests sent from `from` on (Watch.tail). */
export function tailOf(w: Watch, from: number): Tail {
  return { from, tally: emptyTally(w.watched), histogram: newHistogram(), late: 0 }
}

/** The build now running could be judged on its own: MONITOR_MIN_SAMPLES answers, or one MONITOR_WINDOW running. */
export function judgedOnItsOwn(w: Watch, now: number): boolean {
  return w.current.tally.requests >= w.m.minSamples || now - w.current.startedAt >= w.m.windowMs
}

/** The event memory the rules judge with now: the churned group's, else the version now running's. */
export function eventsInForce(w: Watch): EventJudge {
  return w.churned && w.group !== null ? w.group.events : w.events
}

/** The next question of the rotation. */
export function nextQuestion(w: Watch): ProbeTarget['questions'][number] {
  const question = w.target.questions[w.rotation % w.target.questions.length] as ProbeTarget['questions'][number]
  w.rotation++
  return question
}
