// The plain run model: what the validation specs record (task.meta) and what the reporter collects.
// Everything here is plain JSON (Vitest clones task.meta between processes; see docs/vitest-facts.md §2.1).
// aggregate → decide → render only ever read this model, so each step is testable without Vitest.

import type { RunSnapshot } from './baseline.ts'
import type {} from 'vitest' // makes the TaskMeta augmentation below resolve
import type { Observes } from './observes.ts'
import type { Question } from './questions.ts'
import type { Reason } from './reason.ts'
import type { RunSettingKey, Settings } from './settings.ts'

/** The most VALIDATION_ITERATIONS accepts (core/settings.ts): advice never points beyond it. */
export const MAX_ITERATIONS = 1000

export const STAGE_NAMES = ['intent_classification', 'search', 'user_profile', 'response_generation'] as const
export type StageName = (typeof STAGE_NAMES)[number]

/** Budgets from the plan (ms); `total` is the end-to-end objective. */
export const STAGE_BUDGETS_MS: Record<StageName | 'total', number> = {
  intent_classification: 100,
  search: 500,
  user_profile: 100,
  response_generation: 3000,
  total: 4000,
}

/**
 * Why a stage timing entry of an answer was not used (docs/suite-rules.md §5 "Stage figures"): a negative duration, a
 * duration written with a unit (`250ms`, `1.2s`: the Server-Timing `dur` is a bare number of milliseconds), one that
 * is no number, an entry naming a stage without a duration, or a part of a stage (`llm`, `insights`, `charts`) in an
 * answer that also timed the whole stage (the part is inside it, never added to it).
 */
export const STAGE_ENTRY_DROPS = ['negative', 'unit', 'not_a_number', 'no_duration', 'inside_stage'] as const
export type StageEntryDrop = (typeof STAGE_ENTRY_DROPS)[number]

/**
 * What an answer's stage timing source said besides the stage figures (tests/support/adapters/server-timing.ts):
 * the service's own total, and every entry that did not become a stage figure as it was written. Bounded (a hostile
 * header cannot grow a record); absent when there is nothing to say.
 */
export interface StageReading {
  /** The service's own total for the answer (Server-Timing `total`), ms: judged against the measured latency. */
  totalMs?: number
  /** Entries not used, with the plan stage their name stands for (null: `total`) and why. */
  dropped?: Array<{ name: string; stage: StageName | null; why: StageEntryDrop }>
  /** Stages (or `total`) named by several entries: a stage's entries are summed, the largest total kept. */
  repeated?: string[]
  /** Names that stand for no plan stage (`db`, `query_building`…): listed, never in a stage figure. */
  unmapped?: string[]
}

export const CATEGORY_IDS = ['transaction_search_simple', 'by_category', 'by_merchant', 'analytics_insights', 'edge_cases'] as const
export type CategoryId = (typeof CATEGORY_IDS)[number]

/** Why an attempt is a critical bug (docs/suite-rules.md §4). Timeouts are failures, not critical. */
export type CriticalKind = 'http_5xx' | 'transport' | 'invalid_json' | 'contract' | 'security'

export type VizKind = 'kpi' | 'pie' | 'bar' | 'line' | 'table' | 'other'

/** One request to the target: a measured attempt or a warm-up. */
export interface AttemptRecord {
  /**
   * 0-based index among the question's measured attempts (or among its warm-ups). Never shown: every output names
   * the attempt by its number, attemptNumber(index), 1-based.
   */
  index: number
  warmup: boolean
  /** ISO time the request started. */
  startedAt: string
  /**
   * When the request was written, in ms since the Unix epoch with sub-millisecond precision, on the machine's
   * monotonic clock anchored once by the main process (tests/support/run-clock.ts): the applied load's sweep
   * (core/applied-load.ts) puts the exchanges of every worker on one time line. Absent in records of older versions.
   */
  sentAtMs?: number
  /** End-to-end latency on a monotonic clock. For a timeout: the timeout (a censored value, the truth is ≥). */
  latencyMs: number
  /** Time to the first response byte (the status line and headers); null when no byte came. */
  ttfbMs: number | null
  /** Moments of a streamed answer (absent for a buffered one), ms after the request was sent. */
  stream?: StreamRecord
  timedOut: boolean
  /** null: no HTTP response at all (refused, reset, timeout). */
  httpStatus: number | null
  /** The attempt succeeded per docs/suite-rules.md §4 (latency is never part of it). */
  ok: boolean
  critical: CriticalKind | null
  /** Observed intent; null when the answer carried none (pipeline failure, error status, no body). */
  intent: { group: string; subtype: string | null } | null
  /** The answer was a pipeline fallback (`status:"error"` or a known fallback sentence). */
  fallback: boolean
  dataPresentation: boolean
  /** Normalized visualization kinds, one entry per visualization, in answer order. */
  visualizations: VizKind[]
  /**
   * Stage latencies reported by the service (ms), as it reported them; absent keys were not reported. Whether they
   * enter the stage figures is the reporter's rule (core/stage-figures.ts: never beyond the measured latency).
   */
  stages: Partial<Record<StageName, number>>
  /** What the stage timing source said besides the stages (its total, the entries not used); absent: nothing. */
  stageReading?: StageReading
  /** Why the attempt failed, as data (docs/reasons.md; core/locale/checks.ts words them); empty when ok. */
  failures: Reason[]
  /** How far the figures the answer states could be checked against the ones it carries (2xx answers only). */
  grounding?: 'grounded' | 'contradicted' | 'not_checkable'
  /** Said, not failed, as data (docs/reasons.md): "figures not checkable", unverified figures, not observable. */
  notes?: Reason[]
  /**
   * A dated ground truth's period against the days this answer searched (tests/support/ground-truth/period.ts):
   * the run says how many answers it could not be confronted with, and when it fits none, that it looks stale.
   * Absent: no dated truth for this question, or nothing observed (not a 2xx answer, a fallback).
   */
  truthPeriod?: TruthPeriodRecord
  /** The answer's wire had no visualizations field (real v2): its charts are not observable, not missing. */
  visualizationsNotOnWire?: true
  /**
   * The generation draws this chart for this answer from its data alone (tests/support/checks/chart-rule.ts: v3.2.9's
   * line above 2 transaction_search results): a chart is expected of it, so the visualization coverage counts it
   * whatever the question set says. Absent when no rule applies.
   */
  chartExpected?: { chart: VizKind; results: number }
  /**
   * A rate limiter in front of the service refused the request (429, or a proxy's 503 page): failed, not a
   * measurement, no critical bug (tests/support/rate-limit.ts).
   */
  rateLimited?: true
  /**
   * Which of the run's tokens the attempt's last request carried (tests/support/auth-broker.ts): 1 after the first
   * re-login, 2 after the second…; absent for the token the run started with. The broker reads it in the journal
   * to tell a token that worked and then expired (log in again) from a new token refused at once (stop).
   */
  tokenGeneration?: number
  /** The id the suite sent as x-request-id (absent in records made before it did). */
  clientRequestId?: string
  /** The target's id for the request (x-request-id answered, or the body's request_id), else the suite's. */
  requestId?: string
  /**
   * The first try went out on a reused connection the target had closed and failed before any byte of an answer
   * (tests/support/client.ts): it was resent once on a fresh connection, and this attempt is the resend. `error`:
   * what the first try met. Noted on the attempt and counted in the report, never silent.
   */
  resent?: { error: string }
  /** Keys that appeared twice in one object of the answer (JSON.parse keeps the last one silently): a warning. */
  duplicateKeys?: string[]
  /**
   * Raw evidence kept for critical bugs and contract problems; bounded in size, never contains secrets.
   * `trailers`: the HTTP trailers the answer carried after its body, one "name: value" line each (redacted, bounded),
   * kept whenever there were some, failed attempt or not (docs/wire-contracts.md §7).
   */
  evidence?: { bodyHead?: string; issues?: string[]; error?: string; trailers?: string[] }
}

/** How a dated ground truth's period met the days an answer searched. */
export interface TruthPeriodRecord {
  /** Always confronted. applies: its days; other_period: other days than the truth's (said); not_observable: days unseen. */
  fit: 'applies' | 'other_period' | 'not_observable'
  /**
   * What the days searched say of the day they were searched (null: not shown): `today` that day exactly (a default
   * window, a period to date), `span` a day within a span (a whole "mois dernier"), `fixed` none (a period named with
   * its year). Answers of the `today` kind tell whether the truth was made on the service's today.
   */
  anchor: 'today' | 'span' | 'fixed' | null
  /** The day the truth was made (its `account.asOf` as written), null when it names none. */
  asOf: string | null
}

/**
 * An attempt's (or warm-up's) number as every output shows and writes it: 1-based, as people count. The evidence
 * file `evidence/q03-2.txt`, its samples.ndjson line (`attempt`), its JSON row (`attempt`, beside the 0-based `index`),
 * the Markdown, the HTML, the test annotations and junit messages all say attempt 2 (docs/report-contract.md).
 */
export const attemptNumber = (index: number): number => index + 1

/** What a streamed answer showed, event by event (tests/support/exchange.ts measures it). */
export interface StreamRecord {
  /** First event the adapter recognised (a status event, a chunk…); null when none came. */
  firstEventMs: number | null
  /** First piece of answer text (time to first chunk, TTFC); null when none came. */
  firstContentMs: number | null
  /** The stream's end (its last byte, or the moment it was cut). */
  endMs: number
  events: number
  contentChunks: number
  /** The stream ended with its contract's end event (a cut or stalled stream did not). */
  completed: boolean
}

/** What one validation test (one question) records in task.meta.validation. */
export interface QuestionRecord {
  id: string
  category: string
  message: string
  /** "group.subtype" or "group"; null for questions with no intent expectation (edge cases). */
  expectedIntent: string | null
  /** true → must be DATA_PRESENTATION; false → must not be; null → no expectation. */
  expectsData: boolean | null
  /** Attempts the plan asked for (VALIDATION_ITERATIONS). */
  plannedAttempts: number
  attempts: AttemptRecord[]
  warmups: AttemptRecord[]
  /** false when the wire carries no intent subtype (real v2): only the group was compared (core/observes.ts). */
  subtypeObservable: boolean
  /** The event-loop delay P99 (ms) of the worker that asked it, over that worker's life up to the question's end. */
  clientLoopDelayP99Ms?: number | null
  /** Expectations the contract's wire cannot carry ("kpi_cards", "pie", "intent"…): reported, never checked. */
  notObservable?: string[]
  /**
   * Those of `notObservable` that are so only because an answer's wire had no visualizations field (real v2): when
   * another answer of the run carried the field, the reporter no longer calls them not observable (reporters/aggregate.ts).
   */
  notObservableWithoutVizField?: string[]
  /** false: the question set says a DATA_PRESENTATION answer carries no visualization on this contract (the viz_coverage criterion skips it). */
  visualizationExpected?: boolean
  /** An edge case of the question set (a readable 4xx is acceptable). Absent in records of earlier versions. */
  edgeCase?: boolean
  /**
   * What the question set expects of its answers on this contract (core/questions.ts Expectation, as plain JSON): the
   * report writes them, and a baseline comparison tells a question whose expectations changed from a regression
   * (docs/baseline.md). Absent in records of earlier versions.
   */
  expectations?: ExpectationJson[]
  /** false: this contract's wire cannot carry visualizations at all (the viz_coverage criterion is not applicable to its answers). */
  visualizationObservable?: boolean
  /**
   * A security probe (tests/security.spec.ts), not a question: never in the success rate, the latency or the
   * question tables; a failed probe is a critical bug (kind "security").
   */
  probe?: boolean
  /**
   * The worker scrubbed this record's attempts and warm-ups of the run's secrets already (reporters/scrub-model.ts
   * secretsKey of them, in order): the reporter, holding the same secrets, does not walk them again.
   */
  scrubbedFor?: string
}

export interface TargetInfo {
  /** Service root, credentials never included. */
  baseUrl: string
  contract: string
  embedded: boolean
  /** The version the target's health route reported (tests/support/health.ts); null: not reported, absent: not asked. */
  version?: string | null
  /**
   * What the contract's wire can carry, as its adapter declares it (core/observes.ts). Absent when the run
   * stopped before the suite named its adapter: then nothing is claimed about observability.
   */
  observes?: Observes
}

/** What the target's health route said before the first question (tests/support/health.ts). Plain JSON. */
export interface HealthRecord {
  /** The path asked, relative to the service root. */
  path: string
  /** null: no HTTP answer (timeout, transport error). */
  httpStatus: number | null
  /** The body's `status` field, bounded; null when absent. */
  status: string | null
  /** The body's `version` field, bounded; null when the route did not report one. */
  version: string | null
  /** A route that hangs, fails, answers non-200, is not JSON or says the service is not up (core/locale/health.ts). */
  findings: Reason[]
}

/** One refusal (HTTP 401) of credentials that had worked, mid-run (tests/support/auth-broker.ts). */
export interface AuthRefusal {
  /** ISO time the refusal reached the suite. */
  at: string
  /** Attempts recorded before it (warm-ups included): the credentials had worked for that many. */
  afterAttempts: number
  /** The question and attempt (0-based index; the outputs show attemptNumber(attempt)) the 401 answered. */
  questionId: string
  attempt: number
  warmup: boolean
  /**
   * The shard (`--shard=index/count`) whose run met it: set only in the merged report of a sharded run
   * (core/shard.ts mergedAuth), where `afterAttempts` counts that shard's attempts.
   */
  shard?: { index: number; count: number }
}

/** Why the run stopped asking when its credentials stopped working. */
export type AuthExpiryCause = 'no_credentials' | 'login_failed' | 'refused_after_relogin'

/** The refusal that stopped the run asking, with its cause. */
export type AuthExpiry = AuthRefusal & { cause: AuthExpiryCause; detail: string | null }

/**
 * What happened to the run's credentials: each re-login, in order, and the point where the run stopped asking.
 * In the merged report of a sharded run (core/shard.ts mergedAuth): every shard's re-login in shard order,
 * `expired` the earliest shard's expiry and `expiries` every shard's, in shard order.
 */
export interface RunAuth {
  relogins: AuthRefusal[]
  expired: AuthExpiry | null
  /** A merged sharded run only: every shard's expiry, in shard order (`expired` is the earliest of them). */
  expiries?: AuthExpiry[]
}

/** Every expiry of a run: a merged sharded run's `expiries`, else its one `expired`. */
export function expiriesOf(auth: RunAuth | null | undefined): AuthExpiry[] {
  if (!auth) return []
  return auth.expiries ?? (auth.expired ? [auth.expired] : [])
}

/**
 * The load the run actually applied: the measured requests in flight at the target, from their own send times and
 * latencies (core/applied-load.ts; warm-ups and security probes excluded), against VALIDATION_CONCURRENCY (the cap).
 */
export interface AppliedLoad {
  /** The most requests in flight at once. */
  peak: number
  /** Time-weighted mean in flight, over the time at least one request was. */
  mean: number
  /** Share (0..1) of that time with the cap fully held. */
  capHeldShare: number
  /** Measured requests counted. */
  requests: number
  /** The time at least one request was in flight (ms). */
  busyMs: number
  /**
   * Measured requests the client abandoned at its deadline (timed out). Each is counted in flight until that deadline
   * only: the client cannot know when the target stopped working on it, so with any, the peak is a lower bound
   * (reporters/applied-load.ts). Absent in records of older versions (read as 0).
   */
  abandoned?: number
}

/** The settings the run carries: a projection of the one Settings type (core/settings.ts). */
export type RunSettings = Pick<Settings, RunSettingKey>

/** A release run judges the whole plan; an exploratory run (-t, file filter, watch/UI re-run) decides nothing. */
export type RunScope = 'release' | 'exploratory'

/** The whole run, as the reporter hands it to aggregate(). */
export interface RunModel {
  /** Identifies the run in every document it writes (the in-progress report included). */
  runId?: string
  /** Default 'release'. */
  scope?: RunScope
  /**
   * How an exploratory run was filtered, as the terminal says it (`-t /q07/`, `files: …`, a watch/UI re-run):
   * every document names it beside "no release decision". Absent or '' for a release run.
   */
  filter?: string
  target: TargetInfo
  settings: RunSettings
  startedAt: string
  durationMs: number
  /** Stopped by a signal, --bail or a cancel: not every planned attempt ran. */
  interrupted: boolean
  /** The signal that stopped the run, if one did: the process then exits 130 (SIGINT) or 143 (SIGTERM). */
  signal?: 'SIGINT' | 'SIGTERM' | null
  /**
   * What Vitest itself decided before the verdict (reporters/validation-reporter.ts): the exit code it had set
   * (1 when a test failed or the run was interrupted; null: none) and whether anything outside the validation suite
   * failed (other projects' tests, unhandled errors). The verdict's `exitCode` — the code the process exits with,
   * which every document writes — is decided from it once (reporters/decide.ts exitCodeOf). Absent: a model built
   * outside a Vitest run (the project's own tests, the bench), judged as if Vitest had set nothing.
   */
  runner?: { exitCode: number | null; outsideFailure: boolean } | null
  /**
   * Errors outside any question (setup failure, unhandled errors, reporter/collector problems), as reasons
   * (core/locale/run.ts `harness.*`): every document says them in the report's language.
   */
  harnessErrors: Reason[]
  /**
   * The configuration was refused (core/configuration-error.ts: a reason of core/locale/config.ts): one line on the
   * terminal, exit 1, never a verdict on the service. Told apart by this field, never by the wording of a sentence.
   */
  configurationErrors?: Reason[]
  /**
   * The target could not be used at all (globalSetup's `harenaPreflightError`, a reason of core/locale/run.ts
   * `target.*`): a verdict about the target (NO-GO, exit 2), not a harness error. Optional: older models have none.
   */
  preflightError?: Reason | null
  /**
   * The run stopped asking (K consecutive timeouts with no answer, core/locale/run.ts `run.stop.silent`): the cause
   * of the attempts not executed.
   */
  stopReason?: Reason | null
  /** Credentials refused mid-run: the re-login, or the expiry that stopped the run (absent: nothing happened). */
  auth?: RunAuth | null
  /** The target's health route before the first question; null/absent: not asked (unreachable target, a merge). */
  health?: HealthRecord | null
  /**
   * Every planned question, in plan order. A question whose test never ran (interrupted, crashed before
   * recording) is present with no attempts: its planned attempts count as failed (docs/verdict-rules.md, success_rate).
   */
  questions: QuestionRecord[]
  /**
   * How busy the measuring client was: the highest event-loop delay P99 of the workers that asked the questions
   * (ms beyond the sampling interval; tests/support/validate.ts). Latencies are taken on that loop, so they may be
   * inflated by up to about this much. null/absent: not measured.
   */
  clientLoopDelayP99Ms?: number | null
  /**
   * The load the run applied (measured in the main process by the limiter). null/absent: not measured — no limiter
   * (the project's own tests), nothing sent, or a merge of shards (each shard had its own limiter and the
   * shards' overlap in time is unknown: no honest sum exists).
   */
  appliedLoad?: AppliedLoad | null
  /**
   * The run this one is compared with (VALIDATION_BASELINE, core/baseline.ts), reduced to what a comparison needs,
   * and the P95 allowance of the `no regression` criterion. Absent or null: no comparison.
   */
  baseline?: { run: RunSnapshot; maxRegression: number } | null
  /** A merged sharded run whose split had shards that left no blob (core/shard.ts): the run is incomplete. */
  missingShards?: { missing: number[]; count: number } | null
  /**
   * The questions of this run that VALIDATION_GROUND_TRUTH's file gives no figures for: their answers were not
   * confronted with the truth (every document says which). Absent or empty: every question was, or no file was set.
   */
  unconfronted?: string[]
  /**
   * A merge of shards: when each shard it judged ran (core/shard.ts shardSpans), in shard order; `startedAt` is the
   * first shard's start and `durationMs` runs to the last one's end. null/absent: not a merge.
   */
  shards?: ShardSpan[] | null
}

/** When one shard of a merged run ran: its start to the end of its last spec file. */
export interface ShardSpan {
  /** "2/3"; null for the blob of a run that was not sharded. */
  shard: string | null
  startedAt: string
  /** null: the blob says no end (no spec file finished). */
  endedAt: string | null
}

/**
 * The one builder of a question's record: its identity from the question file, no attempt yet. The suite starts
 * from it, and the reporter uses it for planned questions that never recorded (they count as not executed).
 * Nothing asked yet, so nothing is claimed about observability (core/observes.ts).
 */
export function emptyQuestionRecord(
  question: Pick<Question, 'id' | 'category' | 'message' | 'expectedIntent' | 'expectsData' | 'visualizationExpected'> & {
    edgeCase?: boolean | undefined
    expectations?: readonly ExpectationJson[] | undefined
  },
  plannedAttempts: number,
): QuestionRecord {
  return {
    id: question.id,
    category: question.category,
    message: question.message,
    expectedIntent: question.expectedIntent,
    expectsData: question.expectsData,
    visualizationExpected: question.visualizationExpected,
    ...(question.edgeCase !== undefined ? { edgeCase: question.edgeCase } : {}),
    ...(question.expectations !== undefined ? { expectations: question.expectations.map((e) => ({ ...e })) } : {}),
    plannedAttempts,
    attempts: [],
    warmups: [],
    subtypeObservable: true,
  }
}

/** One expectation of a question (core/questions.ts Expectation) as plain JSON. */
export type ExpectationJson = { kind: string; [key: string]: unknown }

/** What a question expects beyond its intent and data, as the report writes it (docs/report-contract.md). */
export interface QuestionExpectations {
  edgeCase: boolean
  visualizationExpected: boolean
  expectations: ExpectationJson[]
}

/** A record's expectations, or nothing when it does not carry them (a record of an earlier version, a shard's blob). */
export function questionExpectations(q: QuestionRecord): QuestionExpectations | Record<string, never> {
  if (q.expectations === undefined) return {}
  return { edgeCase: q.edgeCase ?? false, visualizationExpected: q.visualizationExpected ?? true, expectations: q.expectations }
}

declare module 'vitest' {
  interface TaskMeta {
    validation?: QuestionRecord
  }
  interface ProvidedContext {
    /** The target the validation suite talks to (set by the suite's globalSetup). */
    harenaTarget: TargetInfo & { observes: Observes; authorization: string | null; userId: number; health?: HealthRecord | null }
    /**
     * Set when the target could not be used at all (unreachable at preflight, login endpoint broken): a reason
     * (core/locale/run.ts `target.*`), no secret. Every question then fails fast with this reason and sends no
     * request, so the run is incomplete (docs/verdict-rules.md) → NO-GO. null when the target is ready.
     */
    harenaPreflightError: Reason | null
  }
}
