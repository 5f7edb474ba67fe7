// `npm run monitor` (plan T4.7, docs/release.md): the question set in rotation at MONITOR_RPS for MONITOR_DURATION, judged by the
// suite (probe.ts), accounted in constant memory (windows.ts), with alerts and rollback triggers as data
// (triggers.ts). Stops at the end, at the first rollback trigger, or on a signal (the result says interrupted).
// Measuring only: what to do about a trigger is rollback.ts's job, what to print is report.ts's.
import type { Reason } from '../core/reason.ts'
import { reason } from '../core/reason.ts'
import type { Settings } from '../core/settings.ts'
import { BuildLedger, type VersionRead } from './attribution.ts'
import {
  askOnce,
  checkHealth,
  type HealthProbe,
  healthWithin,
  type JudgedAttempt,
  openTarget,
  type ProbeTarget,
  requestDeadlineMs,
  type Unavailability,
} from './probe.ts'
import type { MonitorSettings } from './settings.ts'
import {
  type Confirmation,
  EventJudge,
  goneChat,
  goneHealth,
  isGone,
  confirmingConfidence,
  confirmWindowAlert,
  judgeWindow,
  judgeWindowRules,
  NOT_OBSERVABLE,
  latencyThresholds,
  objectiveRules,
  plannedEvaluations,
  rateLimits,
  rulesFrom,
  type RuleVerdict,
  type TriggerRule,
} from './triggers.ts'
import { wilson } from '../reporters/intervals.ts'
import {
  addAttempt,
  addTally,
  emptyTally,
  newHistogram,
  notExecuted,
  recordLatency,
  type Gap,
  SlidingWindow,
  windowJudged,
  spansWindow,
  summarize,
  type Tally,
  TumblingWindows,
  type WindowSummary,
  zFor,
} from './windows.ts'

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
  /**
   * Evaluations where the alert also held at the confirming confidence (triggers.ts confirmingConfidence: corrected
   * for the watch's many evaluations), and the first such verdict: a confirmed alert is not chance, the watch is not
   * a plain "Stable" (conclude). 0 / null: held only at MONITOR_CONFIDENCE, within chance over the watch.
   */
  confirmed: number
  confirmation: Reason | null
}

/** A question that failed at every one of its asks (at least FAILING_QUESTION_MIN_ASKS): its last failure. */
export interface FailingQuestion {
  questionId: string
  asks: number
  httpStatus: number | null
  reason: string | null
}

/**
 * A question more than half of whose executed asks (at least FAILING_QUESTION_MIN_ASKS) took longer than
 * MONITOR_ALERT_P95_MS — its median above the threshold: a question (a category) the service mostly answers slowly,
 * hidden in the P95 of a rotation of 15 — one question in 15 slow is under 7 % of the asks, never the P95 of a window
 * (a review, 2026-12-05: q11 at 6 s every ask read "✅ Stable", named nowhere; a second one: "every ask" missed q11
 * slow at 9 of its 13 asks).
 */
export interface SlowQuestion {
  questionId: string
  category: string
  asks: number
  /** How many of its asks took longer than the threshold: more than half of `asks`. */
  slow: number
  /** Its fastest and slowest ask (ms). */
  minMs: number
  maxMs: number
  thresholdMs: number
}

/** One question's figures over the watch (MonitorResult.questions): its executed asks, failures and latencies. */
export interface QuestionFigures {
  questionId: string
  category: string
  asks: number
  failed: number
  meanMs: number
  minMs: number
  maxMs: number
  /** Asks slower than MONITOR_ALERT_P95_MS. */
  slow: number
}

/** One question's running count (constant memory: one per question of the set). */
export type QuestionTally = FailingQuestion & Omit<QuestionFigures, 'meanMs'> & { totalMs: number }

/**
 * The asks a question must have failed, all of them, to be a finding: one or two unlucky asks are not (with 2 %
 * random errors, 15 questions each failing all of 3 asks by chance: about 1 watch in 8,000).
 */
export const FAILING_QUESTION_MIN_ASKS = 3

export interface FailureExample {
  at: string
  questionId: string
  httpStatus: number | null
  critical: string | null
  reasons: string[]
}

/**
 * How a watch that ran ended, judged on the whole watch (conclude()):
 *  - stable: enough requests judged, no rule clearly breached over the whole watch;
 *  - investigate: the whole watch is clearly above an alert threshold (its bound clears it), or, with enough
 *    judged, its estimate is above a ROLLBACK threshold without its bound proving it: not "Stable", never an
 *    automatic rollback, a person investigates with the figures;
 *  - inconclusive: judged too little (fewer than MONITOR_MIN_SAMPLES executed requests, most requests refused by
 *    a rate limiter), the monitor's credentials lost during the watch (it stopped there: credentialsLost), or part of
 *    the watch unseen (requests unanswered at the end, sends skipped, a stall of a window) — as Argo Rollouts'
 *    inconclusive analysis, a person decides; never "Stable", never an automatic rollback;
 *  - stable_with_critical: stable by every rule, but critical answers were seen (5xx, invalid JSON, contract,
 *    transport) that reached no rollback rule: the plan's "critical bug detected" without the proof our rules ask
 *    for — never a plain "Stable", a person investigates (docs/release.md "Whose thresholds");
 *  - stable_with_health_failures: likewise with no critical answer, but health checks failed (never long enough in
 *    a row for the health streak): the plan's checklist asks "Health check OK (200 status)" — a person investigates;
 *  - stable_with_findings: likewise with neither, but an objective of the plan the whole watch proves missed, a
 *    question that failed at every ask (or was slow at most), or an alert confirmed in a window (otherFindings) — a person investigates;
 *  - trigger / interrupted: a rollback rule fired / a signal stopped the watch.
 */
export type MonitorOutcome =
  | 'stable'
  | 'stable_with_critical'
  | 'stable_with_health_failures'
  | 'stable_with_findings'
  | 'investigate'
  | 'inconclusive'
  | 'trigger'
  | 'interrupted'

/** The health checks of a watch: how many, how many failed (a limiter's refusal is not a failure), the versions read. */
export interface HealthRecord {
  checks: number
  failed: number
  firstVersion: string | null
  lastVersion: string | null
  lastProblem: string | null
  /** When the last failed check was sent back (null: none failed). */
  lastFailedAt: string | null
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
  /**
   * The rollback trigger that stopped the monitor, with the evaluated window when it is a window rule, and the version
   * running when it fired (the build the triggers judged: a rollback must take it away; null: none read).
   */
  trigger: (RuleVerdict & { at: string; evaluated: WindowSummary | null; version: string | null }) | null
  alerts: AlertEpisode[]
  /** Evaluations left inconclusive per rule id (an estimate above the threshold, a bound that is not). */
  inconclusive: Record<string, number>
  evaluations: number
  health: HealthRecord
  /** Ticks not sent because MONITOR_MAX_IN_FLIGHT requests were still waiting (the service is slower than the pace). */
  skipped: number
  /** Stretches when the monitor itself ran nothing (a stall, a suspended machine): the asks it missed then. */
  paused: PausedRecord
  /** Planned asks never sent because the monitor fell behind its pace without stalling (a busy or loaded machine). */
  behind: number
  examples: FailureExample[]
  /** The first critical answers (up to MAX_CRITICAL_EXAMPLES), whatever other failures came before them: the evidence. */
  criticalExamples: FailureExample[]
  notObservable: Reason[]
  /** Chat requests sent: answered (overall.tally.requests), refused by a limiter (tally.rateLimited), unfinished. */
  sent: number
  /** Requests still without an answer when the watch ended or triggered: neither success nor error, but listed. */
  unfinished: { count: number; oldestMs: number | null }
  /**
   * The monitor's credentials were refused and nothing could renew them (release/probe.ts Credentials): the watch
   * stopped then (`at`, after `watchedMs`), blind from there on. Null when they held.
   */
  credentialsLost: CredentialsLost | null
  /**
   * The watch per version the health checks read, in the order first seen (one entry when the version never changed;
   * a version that comes back adds to its own entry, from its first start to its last end): each build's own figures.
   * Rollback rules judge only the answers of the version now running, asked after its change was seen: the samples of
   * a build that left are reported here, never a trigger of the next one — unless the version changed again before
   * that build could be judged on its own (churn): the builds since the last one that stayed are then judged together
   * (docs/release.md "Version changes").
   */
  versions: VersionSegment[]
  /**
   * The answers credited to no build (release/attribution.ts): asked between a health check that read one version and
   * the next one, which read another, they named no build — in the watch's figures, in no entry of `versions`. Null:
   * none.
   */
  unattributed: WindowSummary | null
  /** The answers in which the service declared itself unavailable (503 + Retry-After); null: none. */
  declaredUnavailable: DeclaredUnavailable | null
  /** The window rules against the whole watch at its end (scope run). */
  whole: RuleVerdict[]
  /** The plan's objectives (triggers.ts OBJECTIVES) against the whole watch at its end: `fired` is proven missed. */
  objectives: RuleVerdict[]
  /** Questions that failed at every ask (at least FAILING_QUESTION_MIN_ASKS executed asks). */
  failingQuestions: FailingQuestion[]
  /** Questions slower than MONITOR_ALERT_P95_MS at most asks, their median above it (at least FAILING_QUESTION_MIN_ASKS executed asks). */
  slowQuestions: SlowQuestion[]
  /** Each question's figures (executed asks), by id: which question, which category, is slow or failing. */
  questions: QuestionFigures[]
  /** The confidence a window alert held at to be confirmed (triggers.ts confirmingConfidence). */
  confirmingConfidence: number
  outcome: MonitorOutcome
  /** Why the outcome is what it is, and what limited the watch (rate limiting, unfinished requests), for the report. */
  notes: Reason[]
}

/**
 * The answers in which the service declared itself unavailable (an HTTP 503 with a Retry-After: probe.ts
 * Unavailability), chat requests and health checks alike: failures all, never a success nor a limiter's refusal. The
 * watch never waits for the end they announce (docs/release.md "A service that declares itself unavailable").
 */
export interface DeclaredUnavailable {
  answers: number
  chat: number
  health: number
  /** When the first and the last of them came. */
  first: string
  last: string
  /** The latest end any of them announced, and the Retry-After that announced it. */
  until: string
  retryAfter: string
}

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

/** One version's part of a watch (MonitorResult.versions): from when it was first seen running to when it was last. */
export interface VersionSegment {
  /** The version read (null: none reported, or not read yet when the watch started). */
  version: string | null
  /** Its answers, asked from `summary.startedAt` (the watch's start, or when its change was seen) on. */
  summary: WindowSummary
}

/**
 * The monitor's own stalls (MonitorResult.paused): stretches longer than a step (at least STALL_MIN_MS) when none of
 * its timers ran — SIGSTOP, a suspended VM, a blocked event loop. Nothing was sent nor judged then: the asks due in
 * them (`missed`) are counted, the longest stretch named. Counts only: constant memory.
 */
export interface PausedRecord {
  stalls: number
  missed: number
  totalMs: number
  longest: { from: string; to: string; ms: number } | null
}

/**
 * The shortest stall counted (with at least one step): a loaded machine delays a timer by tens of milliseconds, a
 * monitor that was stopped or suspended by seconds.
 */
export const STALL_MIN_MS = 1000

/** When and why the monitor's credentials stopped working for good (MonitorResult.credentialsLost). */
export interface CredentialsLost {
  at: string
  watchedMs: number
  problem: string
}

const MAX_EXAMPLES = 10
const MAX_CRITICAL_EXAMPLES = 5
/**
 * After a watch that ran to its end, no request is sent and each one in flight is awaited until it settles by its
 * own deadline (HARENA_TIMEOUT_MS, a timeout then judged as one), as k6's gracefulStop: a fixed short drain left every
 * request of the last (latency − drain) unanswered, and a healthy service answering in 3 s read "Inconclusive"
 * (a review, 2026-12-05). This grace past that deadline only bounds the wait for a request that does not settle by
 * it (a connection still opening, a harness fault): such a request is listed as unfinished.
 */
export const SETTLE_GRACE_MS = 2000

/** How often the other route is probed again while "service down" waits out MONITOR_DOWN_GRACE (confirmDown). */
export const DOWN_REPROBE_MS = 500
/** The shortest wait of a confirming chat request, however little of the grace is left (confirmingChat). */
export const DOWN_PROBE_MIN_MS = 1000

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

/** The status line's `health` before any health check has ended, and when the last one passed (core/locale/monitor.ts words them). */
export const HEALTH_PENDING = 'pending'
export const HEALTH_OK = 'ok'

export async function runMonitor(target: ProbeTarget, m: MonitorSettings, healthPath: string, hooks: MonitorHooks = {}): Promise<MonitorResult> {
  const rules = rulesFrom(m)
  const z = zFor(m.confidence)
  // The event rules' memory (streaks, repeats): started again at a version change, like the windows.
  let events = new EventJudge(rules)
  const emit = (type: string, data: Record<string, unknown> = {}): void => hooks.onEvent?.({ type, at: new Date().toISOString(), ...data })
  const t0 = Date.now()
  const slicesPerWindow = Math.ceil(m.windowMs / m.stepMs)
  const watched = latencyThresholds(rules)
  const confirming = confirmingConfidence(m.confidence, plannedEvaluations(m))
  const perQuestion = new Map<string, QuestionTally>()
  // The sliding window and the version's run so far (`current`): what the rollback rules judge. A version change
  // starts both again from when it was seen; an answer to a request sent before that is the build that left's,
  // counted in its segment (`versions`) and the watch's figures, never judged against the new one.
  let sliding = new SlidingWindow(slicesPerWindow, t0, watched)
  const overall = { tally: emptyTally(watched), histogram: newHistogram(3) }
  const segment = (startedAt: number, version: string | null) => ({ startedAt, version, tally: emptyTally(watched), histogram: newHistogram(3) })
  type Segment = ReturnType<typeof segment>
  let current: Segment = segment(t0, null)
  let changes = 0
  // Builds that left before they could be judged on their own (fewer than MONITOR_MIN_SAMPLES answers and less than
  // one MONITOR_WINDOW): their run together since the last build that stayed (`group`, its own window and event memory,
  // null when the build now running follows one that stayed). A change is a fresh start only for a build that then
  // stays: once a build that came by a change leaves before it could be judged (`churned`), the group is what the
  // rollback rules judge, until a build stays (a review, 2026-12-05: a bad build whose version changed at every
  // health check restarted every window and was never rolled back).
  type Group = { startedAt: number; tally: Tally; histogram: ReturnType<typeof newHistogram>; sliding: SlidingWindow; events: EventJudge }
  let group: Group | null = null
  let churned = false
  const judgedOnItsOwn = (now: number): boolean => current.tally.requests >= m.minSamples || now - current.startedAt >= m.windowMs
  // Each version's figures (MonitorResult.versions), one entry per version whatever how often it comes back (a
  // balancer alternating between two builds): memory bounded by the versions, not the changes.
  const perVersion = new Map<string, Segment & { endedAt: number | null }>()
  const keyOf = (v: string | null): string => (v === null ? '\u0000' : `v${v}`)
  const versionOf = (v: string | null, at = Date.now()): Segment & { endedAt: number | null } => {
    let g = perVersion.get(keyOf(v))
    if (g === undefined) {
      g = { ...segment(at, v), histogram: newHistogram(), endedAt: null }
      perVersion.set(keyOf(v), g)
    }
    return g
  }
  versionOf(null, t0)
  // Which build answered each request (release/attribution.ts): its answers are credited into `perVersion` by the
  // build they name, else by the health checks around their request, else to no build — never to the build before.
  const ledger = new BuildLedger(watched, (v) => versionOf(v))
  // The answers in which the service declared itself unavailable (503 + Retry-After): named in the report.
  let declared: DeclaredUnavailable | null = null
  // The report's consecutive windows on planned boundaries (t0 + k·MONITOR_WINDOW), answers placed by arrival.
  const table = new TumblingWindows(t0, m.windowMs, t0 + m.durationMs, watched, m.confidence)
  // The requests sent in the last MONITOR_WINDOW of the sends, each with its answer however late it comes: the window
  // judged again when answers came in the wait after the planned end (a version change restarts it there).
  const tailOf = (from: number) => ({ from, tally: emptyTally(watched), histogram: newHistogram(), late: 0 })
  let tail = tailOf(t0 + m.durationMs - m.windowMs)
  // The monitor's own clock: the last time one of its timers ran (never an answer: answers held during a stall are
  // all delivered at once when it resumes), and the last stall seen (windows over it are partial).
  const sendEveryMs = Math.max(1, Math.round(1000 / m.rps))
  // How late a timer may fire before the stretch is a stall (beat); a window longer than MONITOR_WINDOW by less is
  // still judged (evaluate): between the two every stretch is judged or named.
  const stallToleranceMs = Math.max(m.stepMs, STALL_MIN_MS) + Math.min(m.stepMs, sendEveryMs)
  let lastBeat = t0
  let lastStall: Gap | null = null
  const paused: PausedRecord = { stalls: 0, missed: 0, totalMs: 0, longest: null }
  let sendsEndedAt = t0 + m.durationMs
  const alerts = new Map<string, AlertEpisode>()
  const inconclusive: Record<string, number> = {}
  const examples: FailureExample[] = []
  const criticalExamples: FailureExample[] = []
  const health: HealthRecord = { checks: 0, failed: 0, firstVersion: null, lastVersion: null, lastProblem: null, lastFailedAt: null }
  // The last health check's problem (null: healthy): the status line says the health NOW, not the last failure.
  // 'pending' until a first check has ended: "ok" then would be a health nobody saw (a review, 2026-12-05).
  let healthNow: string | null = HEALTH_PENDING
  // Requests sent and not answered yet, by send number: the ones left at the end are reported, never dropped.
  const pending = new Map<number, number>()
  let sent = 0
  let lastEvaluated: WindowSummary | null = null
  let evaluations = 0
  let nextEvaluationAt = t0 + m.stepMs
  let trigger = null as MonitorResult['trigger']
  let skipped = 0
  let rotation = 0
  let confirmingDown: Promise<void> | null = null
  // When the "service down" confirmation under way started (null: none): the status line says it is waiting.
  let downCheckSince: number | null = null
  // A transport (or health) streak that fired while confirmDown was finding out whether the whole service is gone:
  // held until it knows — an outage shorter than the grace (a restart) forgives it, a route failing alone fires it.
  let heldStreak: RuleVerdict | null = null
  // No more sends nor timers (the planned end, a trigger, a signal).
  let stopped = false
  // Answers are still judged: until a trigger or a signal, and during the drain after the planned end. An answer
  // that arrives in the drain reaches the same judgement (leak, streaks, service down, the final window) as any.
  let judging = true
  let drained: () => void = () => undefined
  let evaluationTimer: NodeJS.Timeout | undefined
  let sendTimer: NodeJS.Timeout | undefined
  let behind = 0
  let interrupted = false
  let credentialsLost: CredentialsLost | null = null
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  const timers: NodeJS.Timeout[] = []

  emit('start', { plannedMs: m.durationMs, windowMs: m.windowMs, stepMs: m.stepMs, rps: m.rps, rules })

  // 'credentials': the credentials are lost, the watch cannot see the service any more; it ends as at its planned
  // end (the answers on their way are still judged), early.
  const stop = (why: 'completed' | 'credentials' | 'trigger' | 'interrupted'): void => {
    if (stopped) return
    const now = Date.now()
    beat(now)
    stopped = true
    sendsEndedAt = now
    table.sendsEnded(now)
    interrupted = why === 'interrupted'
    if (why === 'trigger' || why === 'interrupted') judging = false
    for (const t of timers) clearInterval(t)
    clearTimeout(evaluationTimer)
    clearTimeout(sendTimer)
    finish()
  }

  const fire = (verdict: RuleVerdict, evaluated: WindowSummary | null): void => {
    if (!judging) return
    trigger = { ...verdict, at: new Date().toISOString(), evaluated, version: current.version }
    emit('trigger', { rule: verdict.rule.id, reason: verdict.reason, window: evaluated })
    judging = false
    stop('trigger')
    drained()
  }

  /**
   * "Service down" needs two routes AND time: no answer on one is confirmed by the OTHER one failing too (a chat
   * without an answer by a health check, a health check without one by a chat request), probed at once and again every
   * DOWN_REPROBE_MS until MONITOR_DOWN_GRACE has passed since the first failure. An answer at any of these probes ends
   * the confirmation: a restart shorter than the grace is failed requests, the rate rules' and the streaks' to judge (a
   * review, 2026-12-05: a 300 ms restart was rolled back, "confirmed" by a health check sent 1 ms after the refusal).
   * Still no answer once the grace has passed: rollback at once. Asking the same route again confirms nothing a
   * dropped connection did not already say; a health route that keeps failing is the health streak's to judge.
   */
  const confirmDown = (first: string, by: 'health' | 'chat', unavailable: Unavailability | null = null): void => {
    if (confirmingDown !== null || !judging) return
    const since = Date.now()
    downCheckSince = since
    // Said when it starts and ends (events, the status line): a grace waited in silence read as 97 % errors and nothing
    // else for seconds, and a watch overran its end by up to the grace unsaid (a review, 2026-12-05).
    emit('down_check', { state: 'started', first, by, graceMs: m.downGraceMs })
    let ended: Record<string, unknown> = { outcome: 'stopped' }
    // The latest end the service announced while it is being confirmed (a 503 with a Retry-After): said with "down".
    let declaredNow = unavailable
    confirmingDown = (async () => {
      for (let probes = 1; ; probes++) {
        const confirm = by === 'health' ? goneHealth(await confirmingHealth()) : await confirmingChat(since)
        if (!judging) return
        declaredNow = confirm.unavailable ?? declaredNow
        if (!confirm.gone) {
          ended = { outcome: 'answered', probes, waitedMs: Date.now() - since }
          settleHeldStreak(probes > 1)
          // Back after the other route failed too: an outage shorter than the grace, added up with the others (flapping).
          const flapping = probes > 1 ? recordOutage(since, Date.now()) : null
          if (flapping) fire(flapping, null)
          return
        }
        const waitedMs = Date.now() - since
        if (waitedMs >= m.downGraceMs) {
          ended = { outcome: 'down', probes, waitedMs }
          const verdict = eventsInForce().serviceDown(first, confirm, {
            probes,
            waitedMs,
            graceMs: m.downGraceMs,
            until: declaredNow?.until ?? null,
            retryAfter: declaredNow?.retryAfter ?? null,
          })
          if (verdict) fire(verdict, null)
          return
        }
        // Not down for the grace in one piece (yet), but with the outages before it, perhaps for the grace in all.
        const flapping = eventsInForce().flapping(Date.now(), since)
        if (flapping) {
          ended = { outcome: 'flapping', probes, waitedMs }
          fire(flapping, null)
          return
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(DOWN_REPROBE_MS, m.downGraceMs - waitedMs)))
        if (!judging) return
      }
    })().finally(() => {
      confirmingDown = null
      downCheckSince = null
      emit('down_check', { state: 'ended', ...ended })
    })
  }

  /**
   * A chat request that confirms (or refuses) "service down", its wait capped by what is left of the grace (at least
   * DOWN_PROBE_MIN_MS): a hung service (connections accepted, never an answer) held it for HARENA_TIMEOUT_MS, 60 s
   * for a grace of 5 s (a review, 2026-12-05). No answer by then is no answer; the request itself runs on to its deadline.
   */
  const confirmingChat = async (since: number): Promise<Confirmation> => {
    const question = nextQuestion()
    const capMs = Math.max(DOWN_PROBE_MIN_MS, m.downGraceMs - (Date.now() - since))
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<Confirmation>((resolve) => {
      timer = setTimeout(() => resolve({ gone: true, problem: `chat ${question.id}: no answer in ${capMs} ms` }), capMs)
    })
    try {
      return await Promise.race([askOnce(target, question).then(goneChat), late])
    } finally {
      clearTimeout(timer)
    }
  }

  /** The event memory the rules judge with now: the churned group's, else the version now running's. */
  const eventsInForce = (): EventJudge => (churned && group !== null ? group.events : events)

  /** An outage the service came back from within the grace, kept by every event memory; the verdict of the one in force. */
  const recordOutage = (from: number, to: number): RuleVerdict | null => {
    const verdicts = new Map([events, group?.events].flatMap((judge) => (judge ? [[judge, judge.onOutage(from, to)] as const] : [])))
    return verdicts.get(eventsInForce()) ?? null
  }

  /**
   * The other route answered again: after failing at least one probe the whole service was out for less than the grace
   * (a restart, `outage`) and the streak its refusals made is forgiven; answering at the first probe, the chat route
   * failed alone and the held streak fires.
   */
  const settleHeldStreak = (outage: boolean): void => {
    const held = heldStreak
    heldStreak = null
    if (outage) {
      for (const judge of [events, group?.events]) {
        judge?.forgiveTransportStreak()
        judge?.forgiveHealthStreak()
      }
      emit('outage_recovered', { streakForgiven: held !== null })
    } else if (held !== null) fire(held, null)
  }

  /** A health check that confirms (or refuses) "service down": one of the watch's, counted in its health figures. */
  const confirmingHealth = async (): Promise<HealthProbe> => {
    const h = await checkHealth(target, healthPath)
    if (judging) countHealth(h, true)
    return h
  }

  const nextQuestion = (): (typeof target.questions)[number] => {
    const question = target.questions[rotation % target.questions.length] as (typeof target.questions)[number]
    rotation++
    return question
  }

  /**
   * A timer of the monitor ran at `now`: none for longer than a step (at least STALL_MIN_MS) beyond its pace is a
   * stall — the asks due then were never sent, the windows over it saw nothing (a review, 2026-12-05: a monitor
   * stopped for 5.5 s read "Stable" over a service failing for 4.5 s of it).
   */
  const beat = (now: number): boolean => {
    const from = lastBeat
    lastBeat = Math.max(lastBeat, now)
    if (stopped || now - from <= stallToleranceMs) return false
    const missed = Math.max(0, Math.round((now - from) / sendEveryMs) - 1)
    paused.stalls++
    paused.missed += missed
    paused.totalMs += now - from
    if (paused.longest === null || now - from > paused.longest.ms)
      paused.longest = { from: new Date(from).toISOString(), to: new Date(now).toISOString(), ms: now - from }
    lastStall = [from, now]
    table.markGap(from, now)
    emit('paused', { from: new Date(from).toISOString(), ms: now - from, missed })
    return true
  }
  const overStall = (startedAt: number, endedAt: number): boolean => lastStall !== null && lastStall[1] > startedAt && lastStall[0] < endedAt

  const onAttempt = (a: JudgedAttempt, sentAt: number, slot: number): void => {
    if (!judging) return
    // Asked before the version now running was seen: the build that left answered it (or may have).
    const before = Date.parse(a.startedAt) < current.startedAt
    // Asked since the group of builds that left unjudged began: the group's (judged when the versions churned).
    const inGroup = group !== null && Date.parse(a.startedAt) >= group.startedAt
    if (group !== null && inGroup) {
      group.sliding.record(a)
      addAttempt(group.tally, a)
      if (!notExecuted(a)) recordLatency(group.histogram, a.latencyMs)
    }
    ledger.answer(slot, a, sentAt, Date.now())
    if (!before) {
      sliding.record(a)
      addAttempt(current.tally, a)
      if (!notExecuted(a)) recordLatency(current.histogram, a.latencyMs)
      if (sentAt >= tail.from) {
        addAttempt(tail.tally, a)
        if (!notExecuted(a)) recordLatency(tail.histogram, a.latencyMs)
        if (stopped) tail.late++
      }
    }
    addAttempt(overall.tally, a)
    table.record(a, Date.now())
    if (a.credentialsLost !== null) loseCredentials(a.credentialsLost)
    // A limiter's refusal, or the monitor's credentials refused, was not executed: counted apart (Tally.rateLimited,
    // Tally.credentialsRefused), never an error nor a latency nor a trigger.
    if (notExecuted(a)) return
    recordLatency(overall.histogram, a.latencyMs)
    countAsk(perQuestion, a, m.alertP95Ms)
    if (a.unavailable !== null) declared = noteDeclared(declared, a.unavailable, 'chat', new Date().toISOString())
    if (!a.ok) {
      const example = { at: a.startedAt, questionId: a.questionId, httpStatus: a.httpStatus, critical: a.critical, reasons: a.reasons.slice(0, 3) }
      if (examples.length < MAX_EXAMPLES) examples.push(example)
      if (a.critical !== null && criticalExamples.length < MAX_CRITICAL_EXAMPLES) criticalExamples.push(example)
      emit('failure', example)
    }
    const groupVerdict = group !== null && inGroup ? group.events.onAttempt(a) : null
    const ownVerdict = before ? null : events.onAttempt(a)
    if (churned ? !inGroup : before) return
    const verdict = churned ? groupVerdict : ownVerdict
    if (verdict?.rule.metric === 'transport_streak' && confirmingDown !== null) heldStreak ??= verdict
    else if (verdict) fire(verdict, null)
    // No answer, or the service declaring itself unavailable (a 503 with a Retry-After): is the whole service gone?
    else if (a.noAnswer || a.unavailable !== null) confirmDown(`chat ${a.questionId}: ${chatProblem(a)}`, 'health', a.unavailable)
  }

  /**
   * Refused credentials that nothing can renew end the watch at once: asking on with them only sends the refusing
   * service a 401 per tick to the planned end (a revoked token, a day of them), and watches nothing. Never a trigger.
   */
  const loseCredentials = (problem: string): void => {
    if (credentialsLost !== null || stopped) return
    const now = Date.now()
    credentialsLost = { at: new Date(now).toISOString(), watchedMs: now - t0, problem }
    emit('credentials_lost', { problem })
    stop('credentials')
  }

  const send = (): void => {
    if (stopped) return
    beat(Date.now())
    if (pending.size >= m.maxInFlight) {
      skipped++
      return
    }
    const question = nextQuestion()
    const id = ++sent
    const sentAt = Date.now()
    pending.set(id, sentAt)
    const slot = ledger.requestSent()
    const answered = (): void => {
      // Once judging ended (trigger, signal, the drain's end), what is still pending stays pending: unfinished.
      if (!judging) return
      pending.delete(id)
      if (pending.size === 0) drained()
    }
    askOnce(target, question).then(
      (a) => {
        answered()
        onAttempt(a, sentAt, slot)
      },
      (error: unknown) => {
        answered()
        emit('harness_error', { message: (error as Error).message })
      },
    )
  }

  /** A failed health check (a limiter's refusal is not one): counted, its problem kept, an event. */
  const countFailedHealth = (h: HealthProbe, confirming: boolean): void => {
    if (h.ok || h.rateLimited) return
    health.failed++
    health.lastProblem = h.problem
    health.lastFailedAt = new Date().toISOString()
    if (h.unavailable !== null) declared = noteDeclared(declared, h.unavailable, 'health', health.lastFailedAt)
    emit('health_failed', { httpStatus: h.httpStatus, problem: h.problem, ...(confirming ? { confirming: true } : {}) })
  }
  // A confirming check (confirmDown) is counted like any; the streak and the version stay the periodic checks'.
  const countHealth = (h: HealthProbe, confirming: boolean): void => {
    health.checks++
    healthNow = h.ok ? null : h.problem
    countFailedHealth(h, confirming)
  }

  const onHealth = (h: HealthProbe, check: number): void => {
    if (!judging) return
    health.checks++
    const read = versionRead(health, h)
    if (health.firstVersion === null && h.version !== null) {
      // The first version read: the watch's start is its own (no change yet).
      const early = perVersion.get(keyOf(null))
      perVersion.delete(keyOf(null))
      current.version = h.version
      if (early !== undefined) {
        const named = perVersion.get(keyOf(h.version))
        // Answers that named this build before it was read (attribution.ts) are its own already: kept with it.
        if (named !== undefined) {
          addTally(named.tally, early.tally)
          named.histogram.add(early.histogram)
        }
        perVersion.set(keyOf(h.version), { ...(named ?? early), startedAt: early.startedAt, version: h.version })
      }
    }
    noteVersion(health, h, (from, to) => {
      emit('version_changed', { from, to })
      changeVersion(to)
    })
    ledger.checkRead(check, read)
    healthNow = h.ok ? null : h.problem
    countFailedHealth(h, false)
    const groupVerdict = group?.events.onHealth(h) ?? null
    const ownVerdict = events.onHealth(h)
    const verdict = churned ? groupVerdict : ownVerdict
    // Unanswered checks during an outage "service down" is confirming: held like the transport streak (a 1 s restart
    // with a check every 500 ms made a health streak of 3 and rolled back).
    const gone = h.noAnswer || h.unavailable !== null
    if (verdict?.rule.metric === 'health_streak' && gone && confirmingDown !== null) heldStreak ??= verdict
    else if (verdict) fire(verdict, null)
    else if (gone) confirmDown(`health: ${h.problem ?? 'no answer'}`, 'chat', h.unavailable)
  }

  const wholeRun = (now: number): WindowSummary => summarize(0, t0, now, false, overall.tally, overall.histogram, m.confidence)
  // The version now running, since its change was seen (the whole watch when it never changed): the rollback rules' run.
  const currentRun = (now: number): WindowSummary => summarize(0, current.startedAt, now, false, current.tally, current.histogram, m.confidence)
  // The run the rollback rules judge: the churned group's, else the version now running's (the whole watch without a change).
  const judgedRun = (now: number): WindowSummary =>
    churned && group !== null
      ? summarize(0, group.startedAt, now, false, group.tally, group.histogram, m.confidence)
      : changes > 0
        ? currentRun(now)
        : wholeRun(now)
  // Each version's figures, from when it was first seen running to when it was last (the end for the one running).
  const versionSegments = (end: number): VersionSegment[] =>
    [...perVersion.values()].map((g) => ({
      version: g.version,
      summary: summarize(0, g.startedAt, g.version === current.version ? end : (g.endedAt ?? end), false, g.tally, g.histogram, m.confidence),
    }))

  /**
   * Someone else deployed or rolled back (a health check read another version): a rollback rule judges only the
   * version now running, so the sliding window, the run the rules judge and the event rules' memory start again
   * here. The build that left keeps its figures (its segment, the watch's totals), never a trigger of this one —
   * when it could be judged on its own. One that leaves before (too few answers, less than a window) joins the group
   * of such builds (its window, run and event memory go on); once a build that came by a change leaves so, the
   * group is judged (churned) until a build stays.
   */
  const changeVersion = (to: string | null): void => {
    const now = Date.now()
    if (judgedOnItsOwn(now)) {
      group = null
      churned = false
    } else {
      group ??= { startedAt: current.startedAt, tally: current.tally, histogram: current.histogram, sliding, events }
      if (changes > 0) churned = true
    }
    versionOf(current.version).endedAt = now
    changes++
    current = segment(now, to)
    versionOf(to)
    sliding = new SlidingWindow(slicesPerWindow, now, watched)
    if (now > tail.from) tail = tailOf(now)
    events = new EventJudge(rules)
  }

  const onWindowVerdict = (v: RuleVerdict, w: WindowSummary, strict: WindowSummary): void => {
    let episode = alerts.get(v.rule.id)
    if (episode) {
      episode.windows++
      episode.lastWindow = w.index
    } else {
      episode = { rule: v.rule, windows: 1, firstWindow: w.index, lastWindow: w.index, first: v.reason, confirmed: 0, confirmation: null }
      alerts.set(v.rule.id, episode)
      emit('alert', { rule: v.rule.id, action: v.rule.action, reason: v.reason, window: w })
    }
    const confirmation = confirmWindowAlert(v, strict, confirming, plannedEvaluations(m), rules)
    if (confirmation === null) return
    episode.confirmed++
    if (episode.confirmation === null) {
      episode.confirmation = confirmation
      emit('alert_confirmed', { rule: v.rule.id, reason: confirmation, window: w })
    }
  }

  const evaluate = (now: number): void => {
    if (!judging) return
    nextEvaluationAt = now + m.stepMs
    const own = sliding.close(now)
    const grouped = group?.sliding.close(now) ?? null
    const merged = churned && grouped !== null ? grouped : own
    // Shorter than MONITOR_WINDOW (the first ones, after a version change, the last one of a watch whose length is
    // not a whole number of steps) it is partial and still judged: its bound carries its fewer answers (a second
    // review, 2026-12-05: failures in the last 1.4 s of a 20.4 s watch read "Stable" when short windows were only
    // shown). Longer than a window by more than a late timer the stall rule lets pass, or over a stall of the
    // monitor, it is not judged on its own: a stall is then named (beat).
    const windowSpan = slicesPerWindow * m.stepMs
    const judged = windowJudged(merged.startedAt, now, windowSpan, stallToleranceMs) && !overStall(merged.startedAt, now)
    const partial = !merged.full || !spansWindow(merged.startedAt, now, windowSpan, m.stepMs) || !judged
    judgeEvaluation({ ...merged, endedAt: now, partial, judged }, now, 'arrived')
  }

  /**
   * After the wait for the answers in flight, when some came in it: the requests SENT in the last MONITOR_WINDOW of
   * the sends, each with its answer however late — never the last slices plus the whole wait, which held only the
   * slow answers (a review, 2026-12-05: 36 % errors read over 10 s of a service at 12 %, a false rollback).
   */
  const recheck = (now: number): void => {
    if (!judging || tail.late === 0) return
    // Its span is at most a window by construction (shorter after a version change): judged, unless over a stall or
    // when the builds churned (the whole watch's judgement then covers the group).
    const judged = !churned && !overStall(tail.from, sendsEndedAt)
    const partial = !spansWindow(tail.from, sendsEndedAt, m.windowMs, m.stepMs) || !judged
    judgeEvaluation({ startedAt: tail.from, endedAt: sendsEndedAt, partial, judged, tally: tail.tally, histogram: tail.histogram }, now, 'sent')
  }

  /**
   * One evaluation: the window's rules (a partial window is shown, never acted on: the whole watch, judged at the same
   * step, covers what it holds), and the whole watch's. `placed`: answers by when they arrived, or by when their
   * request was sent (the re-check after the end).
   */
  const judgeEvaluation = (
    merged: { startedAt: number; endedAt: number; partial: boolean; judged: boolean; tally: Tally; histogram: ReturnType<typeof newHistogram> },
    now: number,
    placed: 'arrived' | 'sent',
  ): void => {
    evaluations++
    const w = summarize(evaluations, merged.startedAt, merged.endedAt, merged.partial, merged.tally, merged.histogram, m.confidence)
    lastEvaluated = w
    const verdicts = merged.judged ? judgeWindowRules(rules, w, m.confidence) : []
    const shown = merged.judged ? verdicts : judgeWindowRules(rules, w, m.confidence)
    // The whole watch so far (of the version now running: since its change), with the same rules and bounds: a
    // rollback rule it proves fires like a window's.
    const whole = judgedRun(now)
    const onWhole = judgeWindowRules(rules, whole, m.confidence, 'run')
    emit('window', {
      window: w,
      placed,
      verdicts: shown.map((v) => ({ rule: v.rule.id, state: v.state, reason: v.reason })),
      whole: onWhole.map((v) => ({ rule: v.rule.id, state: v.state, reason: v.reason })),
    })
    // The same window at the confirming confidence (its bounds only differ), summarized once an alert holds.
    let strict: WindowSummary | null = null
    for (const v of verdicts) {
      if (v.state === 'inconclusive') inconclusive[v.rule.id] = (inconclusive[v.rule.id] ?? 0) + 1
      if (v.state !== 'fired') continue
      if (v.rule.severity === 'rollback') {
        fire(v, w)
        return
      }
      strict ??= summarize(evaluations, merged.startedAt, merged.endedAt, false, merged.tally, merged.histogram, confirming)
      onWindowVerdict(v, w, strict)
    }
    const wholeRollback = onWhole.find((v) => v.state === 'fired' && v.rule.severity === 'rollback')
    if (wholeRollback) fire(wholeRollback, whole)
    // The build now running has stayed long enough to be judged on its own: the builds that left before are no
    // longer judged with it (a hotfix after a brief bad build is judged alone).
    else if (group !== null && judgedOnItsOwn(now)) {
      group = null
      churned = false
    }
  }

  const status = (): void => {
    if (stopped) return
    const now = Date.now()
    beat(now)
    const live: Tally = (churned && group !== null ? group.sliding : sliding).liveTally()
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
      limits: rateLimits(rules, 'error_rate'),
      p95: lastEvaluated?.p95Ms ?? null,
      nextMs: Math.max(0, nextEvaluationAt - now),
      inFlight: pending.size,
      rateLimited: live.rateLimited,
      health: healthNow ?? HEALTH_OK,
      version: health.lastVersion,
      ...(downCheckSince === null ? {} : { downCheckMs: now - downCheckSince, downGraceMs: m.downGraceMs }),
    })
    emit('status', { status: line.params })
    hooks.onStatus?.(line)
  }

  // Asks on planned times (t0 + k·1/MONITOR_RPS), each scheduled from the start: an interval drifts late under load,
  // and a watch sent 274 of 400 planned asks, said nowhere (a second review, 2026-12-05). A planned ask whose time
  // passed while the monitor was busy is not sent late in a burst (k6's arrival-rate executors drop it too): it is
  // counted (`behind`) and said, unless a stall already counted it (beat).
  const scheduleSend = (k: number): void => {
    if (stopped) return
    sendTimer = setTimeout(
      () => {
        const now = Date.now()
        const stalled = beat(now)
        send()
        const next = Math.max(k + 1, Math.floor((now - t0) / sendEveryMs) + 1)
        if (!stalled) behind += next - (k + 1)
        scheduleSend(next)
      },
      t0 + k * sendEveryMs - Date.now(),
    )
  }
  scheduleSend(1)
  // Steps on planned boundaries (t0 + k·MONITOR_STEP), each scheduled from the start: an interval drifts late
  // and the planned end then came before the last step (its failures never judged in a window).
  const scheduleStep = (k: number): void => {
    const at = t0 + k * m.stepMs
    if (at >= t0 + m.durationMs) return
    evaluationTimer = setTimeout(() => {
      const now = Date.now()
      beat(now)
      evaluate(now)
      // The steps a stalled monitor slept through are not judged back to back when it resumes (windows of a few
      // milliseconds): the next step is the next planned boundary.
      scheduleStep(Math.max(k + 1, Math.floor((now - t0) / m.stepMs) + 1))
    }, at - Date.now())
  }
  scheduleStep(1)
  timers.push(setInterval(status, m.statusEveryMs))
  const healthCheck = (): void => {
    const check = ledger.checkSent()
    void checkHealth(target, healthPath).then((h) => onHealth(h, check))
  }
  timers.push(setInterval(healthCheck, m.healthEveryMs))
  timers.push(setTimeout(() => stop('completed'), m.durationMs))
  // A signal before the planned end interrupts the watch; during the wait for the answers in flight it ends the wait
  // at once and the watch too is interrupted (its last answers were not judged: a partial report, not a verdict).
  const onAbort = (): void => {
    if (!stopped) {
      stop('interrupted')
      return
    }
    interrupted = true
    judging = false
    drained()
  }
  if (hooks.signal?.aborted) stop('interrupted')
  hooks.signal?.addEventListener('abort', onAbort, { once: true })
  send()
  healthCheck()

  await done
  // The planned end: the last step's window is judged like every other (then the drain's answers, if any came).
  evaluate(Date.now())
  if (judging && pending.size > 0) {
    // Said once on the terminal: the watch may stay silent up to HARENA_TIMEOUT_MS after its planned end.
    const upToMs = requestDeadlineMs(target) + SETTLE_GRACE_MS
    const awaiting = reason('monitor.awaiting_answers', { inFlight: pending.size, upToMs })
    emit('awaiting_answers', { inFlight: pending.size, upToMs })
    hooks.onStatus?.(awaiting)
    await new Promise<void>((resolve) => {
      drained = resolve
      setTimeout(resolve, upToMs).unref()
    })
    await confirmingDown
    recheck(Date.now())
  }
  // A "service down" confirmation under way at the end is awaited (at most MONITOR_DOWN_GRACE): its verdict is the watch's.
  if (judging) await confirmingDown
  judging = false
  hooks.signal?.removeEventListener('abort', onAbort)
  const end = Date.now()
  const windows = table.finish(end)
  ledger.finish()
  const unattributed = ledger.unattributed()
  const wholeAtEnd = wholeRun(end)
  const whole = judgeWindowRules(rules, wholeAtEnd, m.confidence, 'run')
  const versions = versionSegments(end)
  // The version now running, judged on its own answers (the whole watch when the version never changed; the builds
  // since the last one that stayed when the versions churned).
  const currentAtEnd = changes > 0 ? judgedRun(end) : wholeAtEnd
  const currentWhole = changes > 0 ? judgeWindowRules(rules, currentAtEnd, m.confidence, 'run') : whole
  const objectives = objectiveRules(m.minSamples).map((r) => judgeWindow(r, wholeAtEnd, m.confidence, 'run'))
  const failingQuestions = failingAtEveryAsk(perQuestion)
  const slowQuestions = slowAtMostAsks(perQuestion, m.alertP95Ms)
  const questions = questionFigures(perQuestion)
  // The watch ran to its end: its whole run is judged once more (the last requests came after the last step).
  const lastWord = !interrupted && trigger === null ? currentWhole.find((v) => v.state === 'fired' && v.rule.severity === 'rollback') : undefined
  if (lastWord) {
    trigger = { ...lastWord, at: new Date(end).toISOString(), evaluated: currentAtEnd, version: current.version }
    emit('trigger', { rule: lastWord.rule.id, reason: lastWord.reason, window: currentAtEnd })
  }
  const oldest = Math.min(...pending.values())
  const unfinished = { count: pending.size, oldestMs: pending.size === 0 ? null : end - oldest }
  const { outcome, notes } = conclude({
    interrupted,
    triggered: trigger !== null,
    whole,
    overall: overall.tally,
    minSamples: m.minSamples,
    unfinished,
    sent,
    skipped,
    paused,
    behind,
    windowMs: m.windowMs,
    criticalExamples,
    rules,
    health,
    credentialsLost,
    plannedMs: m.durationMs,
    objectives,
    failingQuestions,
    slowQuestions,
    alerts: [...alerts.values()],
    declared,
  })
  const result: MonitorResult = {
    startedAt: new Date(t0).toISOString(),
    endedAt: new Date(end).toISOString(),
    durationMs: end - t0,
    plannedMs: m.durationMs,
    interrupted,
    rules,
    overall: { ...wholeAtEnd, partial: interrupted || trigger !== null || credentialsLost !== null },
    windows,
    trigger,
    alerts: [...alerts.values()],
    inconclusive,
    evaluations,
    health,
    skipped,
    paused,
    behind,
    examples,
    criticalExamples,
    notObservable: [...NOT_OBSERVABLE],
    sent,
    unfinished,
    credentialsLost,
    versions,
    unattributed:
      unattributed === null
        ? null
        : summarize(0, unattributed.firstSentAt, unattributed.lastAt, false, unattributed.tally, unattributed.histogram, m.confidence),
    declaredUnavailable: declared,
    whole,
    objectives,
    failingQuestions,
    slowQuestions,
    questions,
    confirmingConfidence: confirming,
    outcome,
    notes,
  }
  emit('end', {
    interrupted,
    trigger: result.trigger?.rule.id ?? null,
    outcome,
    requests: overall.tally.requests,
    rateLimited: overall.tally.rateLimited,
    credentialsRefused: overall.tally.credentialsRefused,
    credentialsLost: credentialsLost !== null,
    unfinished: unfinished.count,
    durationMs: result.durationMs,
  })
  return result
}

interface Facts {
  interrupted: boolean
  triggered: boolean
  whole: readonly RuleVerdict[]
  overall: Tally
  minSamples: number
  unfinished: MonitorResult['unfinished']
  sent: number
  /** Sends skipped because MONITOR_MAX_IN_FLIGHT requests were still waiting. */
  skipped: number
  /** The monitor's own stalls: asks never sent, a stretch never judged. */
  paused: PausedRecord
  /** Planned asks not sent because the monitor fell behind its pace (no stall). */
  behind: number
  /** MONITOR_WINDOW: a stall at least this long left the watch blind (inconclusive). */
  windowMs: number
  /** The first critical answers seen (evidence of critical answers no rule acted on). */
  criticalExamples: readonly FailureExample[]
  /** The rules judged (the critical-bug rules' thresholds are named in the note). */
  rules: readonly TriggerRule[]
  /** The watch's health checks (failed ones no rule acted on are named in a note). */
  health: Pick<HealthRecord, 'checks' | 'failed' | 'lastProblem' | 'lastFailedAt'>
  /** The credentials lost during the watch (it stopped then), or null. */
  credentialsLost: CredentialsLost | null
  plannedMs: number
  /** The plan's objectives against the whole watch (fired: proven missed). */
  objectives: readonly RuleVerdict[]
  /** Questions that failed at every ask. */
  failingQuestions: readonly FailingQuestion[]
  /** Questions slower than the P95 alert threshold at most asks. */
  slowQuestions: readonly SlowQuestion[]
  /** The watch's alert episodes (a confirmed one is a finding). */
  alerts: readonly AlertEpisode[]
  /** The answers in which the service declared itself unavailable (named whatever the outcome); null or absent: none. */
  declared?: DeclaredUnavailable | null
}

/**
 * The watch's outcome from its whole run (MonitorOutcome), and the notes the report adds: what limited the watch
 * is always said (a limiter's refusals, requests left unanswered, sends skipped), whatever the outcome.
 * Order (monotone: a worse service never reads better): a trigger; then an alert the whole watch PROVES
 * (investigate) — never dropped because a rollback estimate above it is unproven or because part of the watch was
 * not seen; then too little judged or credentials lost during the watch is inconclusive; then an unproven rollback
 * estimate over enough judged answers is investigate (more critical answers never read weaker than fewer: 7 % HTTP
 * 500 read "Inconclusive", exit 1, where 5 % read "Stable — critical answers seen", exit 6); then whatever left the
 * watch blind (requests still unanswered at the end, sends skipped for a full in-flight cap: the service was not
 * seen answering) is inconclusive — credentials lost first, whatever the share of refusals (refused for the last
 * third of a watch read "✅ Stable", exit 0: the service unseen since); stable only when none of that holds — and "stable with critical answers" when the watch saw critical
 * answers that no rule acted on (one HTTP 500 among 99 read "✅ Stable", exit 0: a review, 2026-12-05), "stable with
 * failed health checks" when it saw none but health checks failed short of the streak, "stable with findings" when it
 * saw neither but an objective proven missed, a question failing at every ask or slow at most or a confirmed window alert (withFindings).
 */
export function conclude(f: Facts): { outcome: MonitorOutcome; notes: Reason[] } {
  const causes: Reason[] = []
  const executed = f.overall.requests
  const refused = f.overall.rateLimited
  const unauthorized = f.overall.credentialsRefused
  const tooLittle = executed < f.minSamples || refused + unauthorized > executed
  const unsureRollback = f.whole.filter((v) => v.rule.severity === 'rollback' && v.state === 'inconclusive')
  const alerted = f.whole.filter((v) => v.rule.severity === 'alert' && v.state === 'fired')
  const limits = limitNotes(f)
  // A stall hides what a window would see only when it lasts one: a shorter one (the monitor's own start on a loaded
  // machine, 1.5 s of a 30 s watch, read "Inconclusive") is named, the windows around it judged.
  const blind = limits.paused !== null && (f.paused.longest?.ms ?? 0) >= f.windowMs
  const unseen = limits.unfinished !== null || limits.skipped !== null || blind
  let outcome: MonitorOutcome = 'stable'
  if (f.interrupted) outcome = 'interrupted'
  else if (f.triggered) outcome = 'trigger'
  else if (alerted.length > 0) {
    outcome = 'investigate'
    causes.push(...alerted.map((v) => v.reason), ...unsureRollback.map((v) => v.reason))
  } else if (tooLittle || limits.lost !== null) {
    outcome = 'inconclusive'
    if (limits.lost !== null) causes.push(limits.lost)
    // Too few judged says so; enough judged but more refused (a limiter, the credentials) is said by the refusal notes
    // ("30 judged, at least 20 needed" read as a contradiction), then the cause.
    if (executed < f.minSamples) causes.push(reason('monitor.judged_too_little', { executed, min: f.minSamples, rateLimited: refused, sent: f.sent }))
    else if (limits.lost !== null) causes.push(...unsureRollback.map((v) => v.reason))
    else causes.push(...[limits.rateLimited, limits.credentials].filter((n): n is Reason => n !== null))
  } else if (unsureRollback.length > 0) {
    // Enough judged, a rollback estimate its bound does not prove: the figures say something is wrong, a person
    // investigates — never "could not judge" (exit 1, a configuration error's code): 7 % HTTP 500 over 275 answers
    // read "Inconclusive" where 5 % read "Stable — critical answers seen", exit 6 (a review, 2026-12-05).
    outcome = 'investigate'
    causes.push(...unsureRollback.map((v) => v.reason))
    causes.push(...[limits.unfinished, limits.skipped, blind ? limits.paused : null].filter((n): n is Reason => n !== null))
  } else if (unseen) {
    outcome = 'inconclusive'
    causes.push(...[limits.unfinished, limits.skipped, blind ? limits.paused : null].filter((n): n is Reason => n !== null))
  }
  // The cause of the outcome first (every document's status line is followed by the first note: a review,
  // 2026-12-05, read "Inconclusive" then an objective's miss), then the findings, then what else limited the watch.
  const notes = [...causes]
  outcome = withFindings(f, outcome, notes)
  // What the service said of itself comes before what limited the watch: right after the trigger when one fired.
  if (f.declared) notes.push(declaredNote(f.declared))
  for (const n of [limits.rateLimited, limits.credentials, limits.unfinished, limits.skipped, limits.paused, limits.behind])
    if (n !== null && !notes.includes(n)) notes.push(n)
  return { outcome, notes }
}

/**
 * What limited a watch, said whatever the outcome: a limiter's refusals, the credentials (lost, or refused then
 * renewed), requests still unanswered at the end, sends skipped for a full in-flight cap, the monitor's own stalls
 * (null: none).
 */
function limitNotes(f: Facts): Record<'rateLimited' | 'lost' | 'credentials' | 'unfinished' | 'skipped' | 'paused' | 'behind', Reason | null> {
  const t = f.overall
  const answers = t.requests + t.rateLimited + t.credentialsRefused
  const lost = lostNote(f)
  return {
    rateLimited: t.rateLimited > 0 ? reason('monitor.rate_limited', { rateLimited: t.rateLimited, answers }) : null,
    lost,
    // Lost credentials are said once, with the refusals' count.
    credentials: lost ?? (t.credentialsRefused > 0 ? reason('monitor.credentials_refused', { refused: t.credentialsRefused, answers }) : null),
    unfinished:
      f.unfinished.count > 0 ? reason('monitor.unfinished', { count: f.unfinished.count, sent: f.sent, oldestMs: f.unfinished.oldestMs }) : null,
    skipped: f.skipped > 0 ? reason('monitor.skipped', { skipped: f.skipped, sent: f.sent }) : null,
    paused: pausedNote(f.paused, f.sent, f.windowMs),
    behind: fellBehind(f) ? reason('monitor.behind', { behind: f.behind, sent: f.sent }) : null,
  }
}

/**
 * What no rule acted on but a person must see — critical answers, failed health checks — named in the notes whatever
 * the outcome (an untriggered watch never hides them); a watch stable by every rule then reads "stable with …", the
 * findings first among the notes (every document's status line is followed by the first note).
 */
function withFindings(f: Facts, outcome: MonitorOutcome, notes: Reason[]): MonitorOutcome {
  if (f.interrupted || f.triggered) return outcome
  const critical = criticalNote(f)
  const health = healthNote(f)
  const findings = [critical, health, ...otherFindings(f)].filter((n): n is Reason => n !== null)
  if (findings.length === 0) return outcome
  if (outcome !== 'stable') {
    notes.push(...findings)
    return outcome
  }
  notes.unshift(...findings)
  return critical !== null ? 'stable_with_critical' : health !== null ? 'stable_with_health_failures' : 'stable_with_findings'
}

/**
 * The findings beyond critical answers and health checks (a review, 2026-12-05: each read "✅ Stable", exit 0): an
 * objective of the plan the whole watch PROVES missed (its bound past it: a success rate proven under 95 %), a
 * question that failed at every one of its asks, an alert confirmed in a window at the confirming confidence.
 */
function otherFindings(f: Facts): Reason[] {
  // An objective the whole watch proves missed is said once: an alert the whole watch proves says more already.
  const alerted = new Set(f.whole.filter((v) => v.state === 'fired').map((v) => v.rule.metric))
  const objectives = f.objectives.filter((v) => v.state === 'fired' && !alerted.has(v.rule.metric)).map(objectiveNote)
  const questions = f.failingQuestions.map((q) =>
    reason('monitor.question_failing', { question: q.questionId, asks: q.asks, status: q.httpStatus, last: q.reason }),
  )
  const slow = f.slowQuestions.map((q) =>
    reason('monitor.question_slow', {
      question: q.questionId,
      category: q.category,
      asks: q.asks,
      slow: q.slow,
      min: q.minMs,
      max: q.maxMs,
      threshold: q.thresholdMs,
    }),
  )
  const confirmed = f.alerts.flatMap((a) => (a.confirmation === null ? [] : [a.confirmation]))
  return [...objectives, ...questions, ...slow, ...confirmed]
}

/** An objective the whole watch proves missed, with the figures of its judgement. */
function objectiveNote(v: RuleVerdict): Reason {
  return reason('monitor.objective_missed', { ...v.reason.params, objective: v.rule.id })
}

/** One executed ask of a question: counted, its latency and last failure kept (the slow and failing findings). */
function countAsk(perQuestion: Map<string, QuestionTally>, a: JudgedAttempt, slowMs: number): void {
  const q = perQuestion.get(a.questionId) ?? {
    questionId: a.questionId,
    category: a.category,
    asks: 0,
    failed: 0,
    httpStatus: null,
    reason: null,
    slow: 0,
    totalMs: 0,
    minMs: Number.POSITIVE_INFINITY,
    maxMs: 0,
  }
  q.asks++
  q.totalMs += a.latencyMs
  q.minMs = Math.min(q.minMs, a.latencyMs)
  q.maxMs = Math.max(q.maxMs, a.latencyMs)
  if (a.latencyMs > slowMs) q.slow++
  if (!a.ok) {
    q.failed++
    q.httpStatus = a.httpStatus
    q.reason = a.reasons[0] ?? a.evidence ?? null
  }
  perQuestion.set(a.questionId, q)
}

/** The questions that failed at every one of at least FAILING_QUESTION_MIN_ASKS asks, by id. */
function failingAtEveryAsk(perQuestion: Map<string, QuestionTally>): FailingQuestion[] {
  return [...perQuestion.values()]
    .filter((q) => q.asks >= FAILING_QUESTION_MIN_ASKS && q.failed === q.asks)
    .map(({ questionId, asks, httpStatus, reason: last }) => ({ questionId, asks, httpStatus, reason: last }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}

/** The questions slower than `thresholdMs` at every one of at least FAILING_QUESTION_MIN_ASKS asks, by id. */
/** More than half of a question's asks slower than the threshold: its median is above it (docs/release.md). */
export function slowAtMostAsks(perQuestion: Map<string, QuestionTally>, thresholdMs: number): SlowQuestion[] {
  return [...perQuestion.values()]
    .filter((q) => q.asks >= FAILING_QUESTION_MIN_ASKS && q.slow * 2 > q.asks)
    .map(({ questionId, category, asks, slow, minMs, maxMs }) => ({ questionId, category, asks, slow, minMs, maxMs, thresholdMs }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}

/** Each question's figures, by id (its mean latency over its executed asks). */
function questionFigures(perQuestion: Map<string, QuestionTally>): QuestionFigures[] {
  return [...perQuestion.values()]
    .map(({ questionId, category, asks, failed, totalMs, minMs, maxMs, slow }) => ({
      questionId,
      category,
      asks,
      failed,
      meanMs: totalMs / asks,
      minMs,
      maxMs,
      slow,
    }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}

/**
 * What a periodic health check says of the version for the attribution of answers (attribution.ts), as noteVersion
 * reads it: a version; a healthy answer without one once one was read (the version disappeared); else nothing.
 */
function versionRead(health: HealthRecord, h: HealthProbe): VersionRead {
  if (h.version !== null) return { version: h.version }
  return h.ok && health.firstVersion !== null ? { version: null } : null
}

/** A chat request's failure in a few words, for "service down": the declared 503, the transport error, a timeout. */
function chatProblem(a: JudgedAttempt): string {
  if (a.unavailable !== null) return `HTTP ${a.httpStatus}`
  return a.evidence ?? (a.timedOut ? 'timeout' : 'no answer')
}

/**
 * A health check's version: the first one read, and every change after it — a version that disappears (a healthy
 * answer without one, once one was read) included: what runs can no longer be told, as far as the watch can see
 * (a review, 2026-12-05: "3.2.7 → no version" read "health ok (3.2.7)", Stable), and one that comes back. A failed
 * check without a version says nothing about the version (its failure is the health rules').
 */
function noteVersion(health: HealthRecord, h: HealthProbe, changed: (from: string | null, to: string | null) => void): void {
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
 * Whether the asks the monitor fell behind on are worth a note: at least BEHIND_NOTE_SHARE of the planned ones and
 * BEHIND_NOTE_MIN asks (a few timers late by a send interval on a busy machine are noise — a killed service's short
 * watch read "1 planned ask not sent" beside its rollback; a third of the asks missing is not). Counted in the JSON
 * whatever their number.
 */
const BEHIND_NOTE_SHARE = 0.05
const BEHIND_NOTE_MIN = 10
function fellBehind(f: Facts): boolean {
  const planned = f.sent + f.skipped + f.behind + f.paused.missed
  return f.behind >= BEHIND_NOTE_MIN && f.behind >= BEHIND_NOTE_SHARE * planned
}

/** The monitor's own stalls, the longest named with its time; null when it never stalled. */
function pausedNote(p: PausedRecord, sent: number, windowMs: number): Reason | null {
  if (p.stalls === 0 || p.longest === null) return null
  return reason('monitor.paused', {
    blind: p.longest.ms >= windowMs,
    stalls: p.stalls,
    missed: p.missed,
    sent,
    totalMs: p.totalMs,
    from: p.longest.from,
    to: p.longest.to,
    ms: p.longest.ms,
  })
}

/** The service declared itself unavailable: until when, on how many answers of which route, from when to when. */
function declaredNote(d: DeclaredUnavailable): Reason {
  return reason('monitor.declared_unavailable', { ...d })
}

/** The credentials lost during the watch, with the refusals' count; null when they held. */
function lostNote(f: Facts): Reason | null {
  const lost = f.credentialsLost
  if (lost === null) return null
  const t = f.overall
  return reason('monitor.credentials_lost', {
    problem: lost.problem,
    at: lost.at,
    watchedMs: lost.watchedMs,
    plannedMs: f.plannedMs,
    refused: t.credentialsRefused,
    answers: t.requests + t.rateLimited + t.credentialsRefused,
  })
}

/** The rollback threshold of a rule judged in this watch, by its metric (null: no such rule). */
function rollbackThreshold(f: Facts, metric: string): number | null {
  const rule = f.rules.find((r) => r.severity === 'rollback' && r.metric === metric)
  return rule === undefined ? null : rule.threshold
}

/** The failed health checks of a watch that no rule acted on (the streak did not fire); null when none failed. */
function healthNote(f: Facts): Reason | null {
  const h = f.health
  if (h.failed === 0) return null
  return reason('monitor.health_failed', {
    failed: h.failed,
    checks: h.checks,
    threshold: rollbackThreshold(f, 'health_streak'),
    last: h.lastProblem,
    at: h.lastFailedAt,
  })
}

/** The critical answers of a watch, with their evidence and the rules they did not reach; null when there were none. */
function criticalNote(f: Facts): Reason | null {
  const t = f.overall
  if (t.critical === 0) return null
  const kinds = Object.entries(t.criticalByKind).map(([kind, n]) => `${kind} × ${n}`)
  const evidence = f.criticalExamples.map((e) => `${e.questionId} ${e.critical ?? ''}${e.httpStatus === null ? '' : ` HTTP ${e.httpStatus}`} ${e.at}`)
  return reason('monitor.critical_observed', {
    count: t.critical,
    n: t.requests,
    kinds,
    evidence,
    threshold: rollbackThreshold(f, 'critical_rate'),
    repeat: rollbackThreshold(f, 'critical_repeat'),
  })
}
