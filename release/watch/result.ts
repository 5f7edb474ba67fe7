// The monitor's result model (release/monitor.ts runMonitor): what a watch measured and how it ended, a plain object
// the report (release/report.ts) renders and the JSON carries. Types only.
import type { Reason } from '../../core/reason.ts'
import type { RuleVerdict, TriggerRule } from '../triggers.ts'
import type { WindowSummary } from '../windows.ts'

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

/** When and why the monitor's credentials stopped working for good (MonitorResult.credentialsLost). */
export interface CredentialsLost {
  at: string
  watchedMs: number
  problem: string
}
