// A baseline's validation-report.json read strictly (core/baseline.ts reads it; docs/baseline.md): the fields a
// comparison reads, in every schemaVersion this code knows (1 to 3) with their enums; then its parts checked against
// each other — what its rows recompute must be what its summary and questions say — and that it is what a
// comparison can stand on: a complete release run. A review got GO against a file whose questions[].success were
// false over rows all ok (a regression hidden), against `plannedAttempts: 3` over 30 rows ("success rate 1,000 %"),
// against `schemaVersion: 99` and `decision: "MAYBE"`, and against a run that reached no target (0 attempts).
import { z } from 'zod'
import { ConfigurationError } from './configuration-error.ts'
import { RATE_LIMITED_FAILURE } from './measured.ts'
import { quantileSorted7, sortedFloat64 } from './percentile.ts'
import { type Reason, type ReasonParam, reason } from './reason.ts'

/** A baseline that cannot be read or compared (core/locale/config.ts `config.baseline.*`): a configuration error. */
export class BaselineError extends ConfigurationError {
  override name = 'BaselineError'
}

export const baselineError = (code: string, params: Record<string, ReasonParam>): BaselineError =>
  new BaselineError('VALIDATION_BASELINE', reason(code, { variable: 'VALIDATION_BASELINE', ...params }))

/** The report versions this code reads (reporters/report-schema.ts writes the last). */
export const KNOWN_VERSIONS = [1, 2, 3] as const

/** The schemaVersion of a JSON object that names one this code does not know, else null (absent: the schema says so). */
export function unknownVersion(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('schemaVersion' in json)) return null
  const v = (json as { schemaVersion: unknown }).schemaVersion
  return (KNOWN_VERSIONS as readonly unknown[]).includes(v) ? null : JSON.stringify(v)
}

const Count = z.number().int().nonnegative()

/** The fields read of an attempt's row, in every version (anything else in the file is ignored). */
const Attempt = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  httpStatus: z.number().int().nullable().optional(),
  /** schemaVersion 3: the row of an attempt a rate limiter refused. */
  rateLimited: z.boolean().optional(),
  /** Since late version 2: a refused attempt's failures hold RATE_LIMITED_FAILURE. */
  failureCodes: z.array(z.string()).optional(),
})
export type BaselineAttempt = z.infer<typeof Attempt>

const Question = z.object({
  id: z.string().min(1),
  message: z.string(),
  expectedIntent: z.string().nullable(),
  expectsData: z.boolean().nullable(),
  /** Since the comparison reads them (docs/baseline.md): what else the question expected. Absent in earlier reports. */
  edgeCase: z.boolean().optional(),
  visualizationExpected: z.boolean().optional(),
  expectations: z.array(z.object({ kind: z.string() }).catchall(z.unknown())).optional(),
  plannedAttempts: Count,
  passRate: z.number().min(0).max(1).nullable(),
  success: z.boolean(),
  attempts: z.array(Attempt),
})

const Latency = z.object({ n: Count, p50: z.number().nullable(), p95: z.number().nullable() })

export const BaselineReportSchema = z.object({
  schemaVersion: z.literal([...KNOWN_VERSIONS]),
  generatedAt: z.string().nullable().optional(),
  decision: z.enum(['GO', 'CONDITIONAL', 'NO-GO']).nullable(),
  target: z.object({ contract: z.string().min(1) }),
  run: z.object({
    iterations: z.number().int().positive(),
    warmup: Count,
    concurrency: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
    complete: z.boolean(),
    interrupted: z.boolean(),
    state: z.enum(['running', 'finished', 'interrupted']).optional(),
    scope: z.enum(['release', 'exploratory']).optional(),
    /** Since the comparison reads them (docs/baseline.md); absent in earlier reports. */
    stream: z.boolean().optional(),
    maxRps: z.number().nonnegative().optional(),
    userId: z.number().int().optional(),
  }),
  summary: z.object({
    questions: Count,
    plannedAttempts: Count,
    attempts: Count,
    successRate: z.number().min(0).max(1).nullable(),
    timeouts: Count,
    latencyMs: Latency,
  }),
  questions: z.array(Question),
})
export type BaselineReport = z.infer<typeof BaselineReportSchema>
type BaselineQuestion = z.infer<typeof Question>

/**
 * Whether a row of the report's questions[] is an attempt a rate limiter refused: its mark (schemaVersion 3), else
 * its failure code (version 2 since failure codes); null when the row cannot say — an older row, failed with HTTP
 * 429 or 503 (what a rate limiter answers) or an unknown status, with neither.
 */
export function rowRateLimited(a: BaselineAttempt, schemaVersion: number): boolean | null {
  if (a.rateLimited === true) return true
  if (a.failureCodes !== undefined) return a.failureCodes.includes(RATE_LIMITED_FAILURE)
  if (a.ok || schemaVersion >= 3) return false
  return a.httpStatus === undefined || a.httpStatus === null || a.httpStatus === 429 || a.httpStatus === 503 ? null : false
}

/** What a question expected, as the report writes it (reporters/render-json.ts) and a comparison reads it. */
export interface ExpectationFields {
  expectedIntent: string | null
  expectsData: boolean | null
  edgeCase?: boolean | undefined
  visualizationExpected?: boolean | undefined
  expectations?: ReadonlyArray<Record<string, unknown>> | undefined
}

/** JSON with every object's keys sorted: the same expectations give the same string, however a file ordered them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/** A question's expectations as one comparable string; null when its report does not record them (an earlier version). */
export function expectationsKey(q: ExpectationFields): string | null {
  if (q.expectations === undefined) return null
  return canonical({
    expectedIntent: q.expectedIntent,
    expectsData: q.expectsData,
    edgeCase: q.edgeCase ?? false,
    visualizationExpected: q.visualizationExpected ?? true,
    expectations: q.expectations,
  })
}

/** Rounding of the report's figures (core/attempt-json.ts round): ratios to 6 decimals, milliseconds to 3. */
const RATIO_SLACK = 1e-6
const MS_SLACK = 0.002

/** A field whose stated value is not what the file's own rows give: the field, what it says, what the rows give. */
type Disagreement = { field: string; stated: string; computed: string }

const disagree = (field: string, stated: unknown, computed: unknown): Disagreement => ({
  field,
  stated: JSON.stringify(stated),
  computed: JSON.stringify(computed),
})

/** The first field of a question that its rows contradict (success, pass rate), or null. */
function questionDisagreement(q: BaselineQuestion, i: number): Disagreement | null {
  const planned = Math.max(q.plannedAttempts, q.attempts.length)
  const passed = q.attempts.filter((a) => a.ok).length
  const success = planned > 0 && passed === planned
  if (q.success !== success) return disagree(`questions[${i}].success`, q.success, success)
  const rate = planned > 0 ? passed / planned : null
  if (rate === null ? q.passRate !== null : q.passRate === null || Math.abs(q.passRate - rate) > RATIO_SLACK)
    return disagree(`questions[${i}].passRate`, q.passRate, rate)
  return null
}

/** The summary's counts recomputed from the rows; `clean`: every row is surely measured or surely refused. */
function recount(r: BaselineReport, timeoutMs: number) {
  let planned = 0
  let passed = 0
  let rows = 0
  let refused = 0
  let unknown = 0
  let timeouts = 0
  const latencies: number[] = []
  for (const q of r.questions) {
    planned += Math.max(q.plannedAttempts, q.attempts.length)
    for (const a of q.attempts) {
      rows++
      if (a.ok) passed++
      const limited = rowRateLimited(a, r.schemaVersion)
      if (limited === true) refused++
      else {
        if (limited === null) unknown++
        if (a.timedOut) timeouts++
        latencies.push(a.timedOut ? Math.max(a.latencyMs, timeoutMs) : a.latencyMs)
      }
    }
  }
  return { planned, passed, rows, refused, unknown, timeouts, latencies: sortedFloat64(latencies) }
}

/** The first summary field its rows contradict, or null. */
function summaryDisagreement(r: BaselineReport): Disagreement | null {
  const s = r.summary
  if (s.questions !== r.questions.length) return disagree('summary.questions', s.questions, r.questions.length)
  const c = recount(r, r.run.timeoutMs)
  if (s.plannedAttempts !== c.planned) return disagree('summary.plannedAttempts', s.plannedAttempts, c.planned)
  const rate = c.planned > 0 ? c.passed / c.planned : null
  if (rate === null ? s.successRate !== null : s.successRate === null || Math.abs(s.successRate - rate) > RATIO_SLACK)
    return disagree('summary.successRate', s.successRate, rate)
  // Rows a version counted as executed may be refusals it could not mark, or marked but then counted (late version 2).
  if (s.attempts > c.rows || s.attempts < c.rows - c.refused - c.unknown) return disagree('summary.attempts', s.attempts, c.rows - c.refused)
  if (s.timeouts !== c.timeouts) return disagree('summary.timeouts', s.timeouts, c.timeouts)
  // The latency figures, when the rows say exactly which attempts were measured.
  if (c.unknown > 0 || c.refused > 0) return null
  if (s.latencyMs.n !== c.latencies.length) return disagree('summary.latencyMs.n', s.latencyMs.n, c.latencies.length)
  for (const p of ['p50', 'p95'] as const) {
    const computed = quantileSorted7(c.latencies, p === 'p50' ? 0.5 : 0.95)
    const stated = s.latencyMs[p]
    if (computed === null ? stated !== null : stated === null || Math.abs(stated - computed) > MS_SLACK)
      return disagree(`summary.latencyMs.${p}`, stated, computed === null ? null : Math.round(computed * 1000) / 1000)
  }
  return null
}

/** The run's own verdict against its rows: a complete run executed every planned attempt, none refused (version 3). */
function runDisagreement(r: BaselineReport): Disagreement | null {
  if (!r.run.complete) return r.decision === 'GO' ? disagree('decision', r.decision, 'NO-GO (an incomplete run is never GO)') : null
  const short = r.questions.findIndex((q) => q.attempts.length < q.plannedAttempts)
  if (short >= 0) return disagree('run.complete', true, `false (questions[${short}] has fewer attempts than planned)`)
  if (r.schemaVersion >= 3 && r.questions.some((q) => q.attempts.some((a) => a.rateLimited === true)))
    return disagree('run.complete', true, 'false (attempts refused by a rate limiter)')
  return null
}

/** The first field of the file that its own rows contradict (reasons as parameters of `config.baseline.inconsistent`). */
export function fileInconsistency(r: BaselineReport): Disagreement | null {
  for (const [i, q] of r.questions.entries()) {
    const d = questionDisagreement(q, i)
    if (d !== null) return d
  }
  return summaryDisagreement(r) ?? runDisagreement(r)
}

/**
 * Why the file is no complete release run (`baseline.unusable.*`), or null: an exploratory run (no release
 * decision), one still running, interrupted, incomplete (its target unusable, rate limited, cut short), or one with
 * a question it never measured. Such a baseline compared nothing: "no regression" passed against it.
 */
export function notACompleteReleaseRun(r: BaselineReport): Reason | null {
  if (r.decision === null || r.run.scope === 'exploratory') return reason('baseline.unusable.exploratory', {})
  if (r.run.state === 'running') return reason('baseline.unusable.running', {})
  if (r.run.interrupted || r.run.state === 'interrupted') return reason('baseline.unusable.interrupted', {})
  if (!r.run.complete)
    return reason('baseline.unusable.incomplete', { attempts: r.summary.attempts, planned: r.summary.plannedAttempts, decision: r.decision })
  const unmeasured = r.questions.filter((q) => !q.attempts.some((a) => rowRateLimited(a, r.schemaVersion) !== true)).map((q) => q.id)
  if (r.questions.length === 0 || unmeasured.length > 0) return reason('baseline.unusable.unmeasured', { ids: unmeasured })
  return null
}
