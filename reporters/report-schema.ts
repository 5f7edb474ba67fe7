// The validation-report.json contract (docs/report-contract.md), schemaVersion 3. Other tools parse this file:
// change it additively, bump schemaVersion when a reader of the previous version could misread it, and regenerate
// validation-report.schema.json (`npm run schemas`; a self test fails when the committed file is stale).
import { z } from 'zod'
import { STAGE_ENTRY_DROPS } from '../core/model.ts'
import { STAGE_STATUSES } from './stage-stats.ts'

const Ms = z.number().nullable()
/**
 * Type-7 percentiles, each with whether it is a lower bound (a timeout weighs in it: the true value is ≥ the figure;
 * core/percentile.ts quantileCensored). Every series carries the three flags: overall, TTFB, per stage and category.
 */
const Percentiles = z.object({ p50: Ms, p95: Ms, p99: Ms, p50Censored: z.boolean(), p95Censored: z.boolean(), p99Censored: z.boolean() })
/**
 * A latency series' percentiles, mean, max and count; `meanCensored`/`maxCensored`: a timeout is in the series, so the
 * mean and the max are lower bounds too (written "≥"). Overall, per stage and per category.
 */
/** Names an answer sent, counted by answer: the first few and how many distinct (reporters/stage-stats.ts NamesSeen). */
const NamesSeen = z.object({ answers: z.number().int(), names: z.array(z.string()), distinct: z.number().int() })
const Spread = Percentiles.extend({ mean: Ms, max: Ms, meanCensored: z.boolean(), maxCensored: z.boolean(), n: z.number().int() })
/**
 * A 95 % interval; a null bound does not exist. `upperAtLeast`: a percentile's upper bound whose rank fell on a
 * timed-out request — no bound (`upper` null), only known to be at least this (docs/verdict-rules.md step 5).
 */
const Interval = z.object({ lower: z.number().nullable(), upper: z.number().nullable(), upperAtLeast: z.number().optional() })

export const CriterionStatus = z.enum(['pass', 'warn', 'fail', 'inconclusive', 'not-applicable'])
export const CriterionOutcome = z.enum([
  'pass',
  'no_value',
  'censored',
  'warn_zone',
  'censored_warn',
  'fail_point',
  'bound_warn',
  'bound_fail',
  'not_applicable',
  'excluded',
  'unmeasurable',
  'unreadable',
])
export const UnitSchema = z.enum(['ratio', 'ms', 'count', 'bool'])

const ReasonParamSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number())])
/** A reason as data (core/reason.ts): its stable code, its parameters and its sentence in the report's language. */
export interface ReportReason {
  code: string
  params: Record<string, z.infer<typeof ReasonParamSchema>>
  text: string
  details?: ReportReason[]
}
export const ReportReasonSchema: z.ZodType<ReportReason> = z.object({
  code: z.string(),
  params: z.record(z.string(), ReasonParamSchema),
  text: z.string(),
  get details() {
    return z.array(ReportReasonSchema).optional()
  },
})
export const DecisionSchema = z.enum(['GO', 'CONDITIONAL', 'NO-GO'])

export const ReportAttemptSchema = z.object({
  /** 0-based position among the question's measured attempts (as in schemaVersion 2). */
  index: z.number().int().nonnegative(),
  /** schemaVersion 3: the attempt's number, 1-based (index + 1), as its evidence file and samples.ndjson line name it. */
  attempt: z.number().int().positive(),
  ok: z.boolean(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nonnegative(),
  ttfbMs: z.number().nonnegative().nullable(),
  timedOut: z.boolean(),
  critical: z.enum(['http_5xx', 'transport', 'invalid_json', 'contract', 'security']).nullable(),
  intent: z.object({ group: z.string(), subtype: z.string().nullable() }).nullable(),
  fallback: z.boolean(),
  dataPresentation: z.boolean(),
  visualizations: z.array(z.string()),
  stages: z.record(z.string(), z.number()),
  /** In English whatever the report's locale (the JSON is a machine format, docs/reasons.md). */
  failures: z.array(z.string()),
  /** Issue 10: whether the stated figures agree with the carried ones; absent when no 2xx answer was read. */
  grounding: z.enum(['grounded', 'contradicted', 'not_checkable']).optional(),
  /** Said, not failed (not checkable, not observable, measured): in English, like the failures. */
  notes: z.array(z.string()).optional(),
  /** The code of each note, beside its sentence (docs/reasons.md). */
  noteCodes: z.array(z.string()).optional(),
  /** The code of each failure, beside its sentence (docs/reasons.md). */
  failureCodes: z.array(z.string()),
  /** A failed attempt's evidence file, relative to the report directory (reporters/evidence.ts); absent: none written. */
  evidenceFile: z.string().optional(),
  /**
   * schemaVersion 3: a rate limiter in front of the service refused it (429, a proxy's 503): not executed, outside
   * the latency statistics (core/measured.ts); absent otherwise.
   */
  rateLimited: z.literal(true).optional(),
})

const Bounds = z.object({ lower: z.number(), upper: z.number() }).nullable()
/** A baseline difference: after − before with its 95 % interval, relative for latencies, and its label. */
const Delta = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  delta: z.number().nullable(),
  interval: Bounds,
  relative: z.number().nullable(),
  relativeInterval: Bounds,
  /**
   * regression / improvement: significant; no_change: not; inconclusive: a censored percentile hides which. Since the
   * comparison says what it could not compare (docs/baseline.md): not_compared — a side has no data; too_few — no
   * interval exists at these sample sizes; not_judged — the baseline does not record what the figure depends on.
   */
  label: z.enum(['regression', 'improvement', 'no_change', 'inconclusive', 'not_compared', 'too_few', 'not_judged']),
})
/** A latency percentile's difference: each side says whether it is censored (a lower bound, written "≥"). */
const LatencyDelta = Delta.extend({ censored: z.object({ before: z.boolean(), after: z.boolean() }).optional() })

const AuthRefusalSchema = z.object({
  at: z.string(),
  afterAttempts: z.number().int().nonnegative(),
  questionId: z.string(),
  /** schemaVersion 3: 1-based, as every output numbers attempts (was 0-based). */
  attempt: z.number().int().positive(),
  warmup: z.boolean(),
  /** The shard that met it (`--shard=index/count`): only in the merged report of a sharded run. */
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).optional(),
})
const AuthExpirySchema = AuthRefusalSchema.extend({
  cause: z.enum(['no_credentials', 'login_failed', 'refused_after_relogin']),
  detail: z.string().nullable(),
})

export const ValidationReportSchema = z.object({
  schemaVersion: z.literal(3),
  generatedAt: z.string(),
  locale: z.enum(['fr', 'en']),
  /** null: an exploratory run (-t, file filter, watch/UI re-run) or a run in progress — no release decision. */
  decision: DecisionSchema.nullable(),
  /** The decision in one line; a run against the embedded service says it asked the embedded reference service, not a release. */
  verdictLine: z.string().optional(),
  /**
   * The release thresholds this run set looser than the plan's (core/settings.ts PLAN_THRESHOLDS): the variable, its
   * value and the plan's. verdictLine names them too. Empty: the plan's thresholds or stricter (an exploratory run: none).
   */
  looserThresholds: z.array(z.object({ variable: z.string(), value: z.number(), plan: z.number() })).optional(),
  exitCode: z.number().int(),
  /** The verdict's reasons as sentences (as in schemaVersion 1). */
  reasons: z.array(z.string()),
  /** The same reasons, in the same order, as data. */
  reasonCodes: z.array(ReportReasonSchema),
  target: z.object({
    baseUrl: z.string(),
    contract: z.string(),
    embedded: z.boolean(),
    /** The version the target's health route reported; null: not reported (or not asked). */
    version: z.string().nullable().optional(),
  }),
  /** The target's health route before the first question: its answer and findings (hangs, non-200, not up). null: not asked. */
  health: z
    .object({
      path: z.string(),
      httpStatus: z.number().int().nullable(),
      status: z.string().nullable(),
      version: z.string().nullable(),
      findings: z.array(ReportReasonSchema),
    })
    .nullable()
    .optional(),
  run: z.object({
    iterations: z.number().int(),
    warmup: z.number().int(),
    concurrency: z.number().int(),
    timeoutMs: z.number().int(),
    strict: z.boolean(),
    /** What else a latency or a success rate depends on (docs/baseline.md); absent in reports written before. */
    stream: z.boolean().optional(),
    maxRps: z.number().nonnegative().optional(),
    /** HARENA_USER_ID: whose data the questions asked for. */
    userId: z.number().int().optional(),
    startedAt: z.string(),
    durationMs: z.number().nonnegative(),
    complete: z.boolean(),
    interrupted: z.boolean(),
    harnessErrors: z.array(z.string()),
    preflightError: z.string().nullable(),
    runId: z.string().nullable().optional(),
    /** 'running' only in the report written at start (replaced when the run ends): a killed run never leaves a GO. */
    state: z.enum(['running', 'finished', 'interrupted']).optional(),
    scope: z.enum(['release', 'exploratory']).optional(),
    /**
     * The run's credentials refused mid-run (HTTP 401 once they had worked): each re-login, or the refusal that
     * stopped the run ("credentials expired after attempt N"). null/absent: nothing happened. `attempt` is 1-based.
     * A merged sharded run (docs/sharding.md): every shard's re-login, each with its `shard`; `expired` the earliest
     * shard's expiry and `expiries` every shard's, in shard order (absent outside a merge).
     */
    auth: z
      .object({
        relogins: z.array(AuthRefusalSchema),
        expired: AuthExpirySchema.nullable(),
        expiries: z.array(AuthExpirySchema).optional(),
      })
      .nullable()
      .optional(),
    /**
     * A merge of shards (docs/sharding.md): each shard judged, in shard order, with its start and the end of its last
     * spec file (null: unknown); `startedAt` is the first shard's start and `durationMs` runs to the last one's end.
     * null/absent: not a merge.
     */
    shards: z
      .array(z.object({ shard: z.string().nullable(), startedAt: z.string(), endedAt: z.string().nullable() }))
      .nullable()
      .optional(),
  }),
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      metric: z.string(),
      unit: UnitSchema,
      threshold: z.object({ pass: z.string(), warn: z.string().nullable() }),
      observed: z.union([z.number(), z.boolean()]).nullable(),
      censored: z.boolean(),
      interval: Interval.extend({ method: z.string() }).nullable(),
      status: CriterionStatus,
      outcome: CriterionOutcome,
      judgedOn: z.enum(['point', 'bound']),
      samplesNeeded: z.number().int().nullable(),
      /** The notes' sentences joined (as in schemaVersion 1); null when none. */
      note: z.string().nullable(),
      notes: z.array(ReportReasonSchema),
      reason: ReportReasonSchema.nullable(),
    }),
  ),
  metrics: z.record(
    z.string(),
    z.object({
      value: z.number().nullable(),
      interval: Interval.extend({ method: z.string() }).nullable(),
      unit: UnitSchema,
      n: z.number().int(),
      censored: z.boolean(),
      applicable: z.boolean(),
    }),
  ),
  /** Observations no reason carries (a stage over budget while latency passes, a likely cache…). */
  notes: z.array(ReportReasonSchema),
  summary: z.object({
    questions: z.number().int(),
    plannedAttempts: z.number().int(),
    attempts: z.number().int(),
    warmups: z.number().int(),
    successRate: z.number().nullable(),
    successInterval: Interval,
    visualizationCoverage: z.number().nullable(),
    /** The visualization coverage's denominator (its historic name): the same figure as visualizationExpectedAttempts. */
    dataPresentationAttempts: z.number().int(),
    /**
     * The DATA_PRESENTATION attempts a visualization is expected of — the question set says so for the question, or
     * the generation draws one from the answer's own data (v3.2.9's line above 2 results) — over which
     * visualizationCoverage is taken. Optional: absent in reports written before it.
     */
    visualizationExpectedAttempts: z.number().int().optional(),
    /**
     * Answers a visualization was expected of whose body broke the contract: outside visualizationCoverage and its
     * denominator (whether they carried one cannot be read), counted among the critical bugs (contract, invalid_json).
     * Optional: absent in reports written before it.
     */
    visualizationUnreadableAttempts: z.number().int().optional(),
    criticalBugs: z.number().int(),
    criticalByKind: z.object({
      http_5xx: z.number().int(),
      transport: z.number().int(),
      invalid_json: z.number().int(),
      contract: z.number().int(),
      security: z.number().int(),
    }),
    timeouts: z.number().int(),
    flakyQuestions: z.array(z.string()),
    notExecutedQuestions: z.array(z.string()),
    latencyMs: Spread.extend({
      method: z.string(),
      censored: z.number().int(),
      p95Interval: Interval,
    }),
    ttfbMs: Percentiles.extend({ n: z.number().int() }),
  }),
  /**
   * Per stage. `of`, `timedOut`, `weak`, `status` (reporters/stage-stats.ts StageStatus) are optional: absent in
   * reports written before them. `n` counts the answers whose stage timings were used, of the `of` measured attempts.
   */
  stages: z.record(
    z.string(),
    Spread.extend({
      budgetMs: z.number(),
      reported: z.boolean(),
      of: z.number().int().optional(),
      timedOut: z.number().int().optional(),
      weak: z.boolean().optional(),
      status: z.enum(STAGE_STATUSES).optional(),
    }),
  ),
  /** Which measured attempts the stage figures come from and what they leave out (docs/suite-rules.md §5). Optional: absent before it. */
  stageFigures: z
    .object({
      of: z.number().int(),
      used: z.number().int(),
      timedOut: z.number().int(),
      withoutTiming: z.number().int(),
      exceedsLatency: z.number().int(),
      secondsSuspected: z.number().int(),
      dropped: z.array(
        z.object({
          why: z.enum(STAGE_ENTRY_DROPS),
          entries: z.number().int(),
          answers: z.number().int(),
          names: z.array(z.string()),
        }),
      ),
      repeated: NamesSeen.nullable(),
      unmapped: NamesSeen.nullable(),
      observable: z.boolean(),
    })
    .optional(),
  categories: z.array(
    z.object({
      id: z.string(),
      questions: z.number().int(),
      plannedAttempts: z.number().int(),
      successRate: z.number().nullable(),
      successInterval: Interval,
      latencyMs: Spread,
    }),
  ),
  /** Present when VALIDATION_BASELINE was given (docs/baseline.md). */
  comparison: z
    .object({
      baseline: z.object({
        generatedAt: z.string().nullable(),
        decision: z.string().nullable(),
        attempts: z.number().int(),
        /**
         * schemaVersion 3: of the baseline's attempts, how many a rate limiter may have refused though its files could
         * not say (an older report without samples.ndjson): counted as measured, and the comparison says so.
         */
        rateLimitedUnknown: z.number().int().nonnegative(),
        /**
         * What the baseline does not record that the figures depend on (variables, `questions[].expectations`): the
         * figures are shown, labelled not_judged, and the `no regression` criterion is not evaluated. Absent before.
         */
        unrecorded: z.array(z.string()).optional(),
      }),
      current: z.object({ attempts: z.number().int() }),
      successRate: Delta,
      p50: LatencyDelta,
      p95: LatencyDelta,
      newlyFailing: z.array(z.object({ id: z.string(), message: z.string() })),
      newlyPassing: z.array(z.object({ id: z.string(), message: z.string() })),
      /** Questions whose expectations changed since the baseline (same id and message): named, not compared. Absent before. */
      expectationsChanged: z.array(z.object({ id: z.string(), message: z.string() })).optional(),
      /** The questions the success rate and the two lists above compare. Absent before. */
      comparedQuestions: z.number().int().nonnegative().optional(),
      maxRegression: z.number(),
      p95RegressionBeyondAllowance: z.boolean(),
      method: z.object({ resamples: z.number().int(), seed: z.number().int(), latency: z.string(), rate: z.string() }),
    })
    .optional(),
  intentConfusion: z.object({
    expected: z.array(z.string()),
    observed: z.array(z.string()),
    counts: z.array(z.array(z.number().int())),
    subtypeNotObservable: z.boolean(),
    /** Labels beyond the table's columns (reporters/aggregate.ts MAX_CONFUSION_COLUMNS): how many, and per expected row their count. */
    other: z.object({ labels: z.number().int().positive(), counts: z.array(z.number().int()) }).nullable(),
  }),
  criticalBugs: z.array(
    z.object({
      questionId: z.string(),
      /** schemaVersion 3: the attempt's (or warm-up's) number, 1-based (was 0-based). */
      attempt: z.number().int().positive(),
      kind: z.string(),
      httpStatus: z.number().int().nullable(),
      evidence: z.string(),
      warmup: z.boolean().optional(),
    }),
  ),
  /**
   * Every question (or security probe) with at least one critical bug and how many, warm-ups included, in plan
   * order: counted over all attempts, whereas criticalBugs[] keeps only the first 50 with their evidence.
   */
  criticalBugsByQuestion: z.array(z.object({ questionId: z.string(), count: z.number().int() })),
  questions: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      message: z.string(),
      expectedIntent: z.string().nullable(),
      expectsData: z.boolean().nullable(),
      /** An edge case of the question set (a readable 4xx is acceptable). Absent in reports written before. */
      edgeCase: z.boolean().optional(),
      /** false: a DATA_PRESENTATION answer of it is not expected to carry a visualization on this contract. */
      visualizationExpected: z.boolean().optional(),
      /** What the question expected of its answers (docs/suite-rules.md §3), as the question set resolved it for the contract. */
      expectations: z.array(z.object({ kind: z.string() }).catchall(z.unknown())).optional(),
      subtypeObservable: z.boolean(),
      /** Expectations the contract's wire cannot carry: reported, never checked (docs/generations.md). */
      notObservable: z.array(z.string()),
      plannedAttempts: z.number().int(),
      passRate: z.number().nullable(),
      success: z.boolean(),
      flaky: z.boolean(),
      attempts: z.array(ReportAttemptSchema),
    }),
  ),
  /** Issue 10: the security probes of the run (absent or empty when VALIDATION_SECURITY=false). */
  security: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        /** true: refused as it must be; false: a critical bug; null: not applicable. */
        ok: z.boolean().nullable(),
        httpStatus: z.number().int().nullable(),
        request: z.string(),
        /** In English whatever the report's locale (the JSON is a machine format, docs/reasons.md). */
        failures: z.array(z.string()),
        /** The code of each failure, beside its sentence (docs/reasons.md). */
        failureCodes: z.array(z.string()),
        notes: z.array(z.string()),
        noteCodes: z.array(z.string()),
        evidence: z.string(),
      }),
    )
    .optional(),
})

export type ValidationReport = z.infer<typeof ValidationReportSchema>

/** The JSON Schema (draft 2020-12) of the report, as committed in validation-report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ValidationReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
  return { ...schema, $id: 'https://harena.test/schemas/validation-report-v3.json', title: 'Harena validation report (schemaVersion 3)' }
}
