// The baseline of a comparison (VALIDATION_BASELINE): an earlier run's validation-report.json, and the
// samples.ndjson beside it when present. Read once, reduced to what a comparison needs (a RunSnapshot: question
// outcomes and measured latencies), and refused with one line when it is not a report or was made for another
// contract or question set. Shared by the suite's global setup (which refuses before any request) and the
// reporter (which compares). See docs/baseline.md.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { ConfigurationError } from './configuration-error.ts'
import { measuredLatency, notMeasured, RATE_LIMITED_FAILURE } from './measured.ts'
import { type Reason, type ReasonParam, reason } from './reason.ts'
import { schemaProblem } from './schema-problem.ts'

/** What a comparison needs of one run. */
export interface RunSnapshot {
  generatedAt: string | null
  decision: string | null
  contract: string
  questions: ReadonlyArray<{ id: string; message: string; success: boolean }>
  /** Successful measured attempts, and planned attempts (not executed = failed, as success_rate counts). */
  successes: number
  planned: number
  /** Measured latencies of questions (core/measured.ts: no probe, warm-up or rate-limited attempt); a timeout at the timeout at least (censored). */
  latencies: readonly number[]
  timeouts: number
  /**
   * Attempts among `latencies` a rate limiter may have refused, which the baseline's files could not tell apart: a
   * report from before its rows were marked, with no samples.ndjson beside it (failed, HTTP 429 or 503). 0 or absent:
   * the population is exactly the measured one.
   */
  rateLimitedUnknown?: number
}

/** A baseline that cannot be read or compared (core/locale/config.ts `config.baseline.*`): a configuration error. */
export class BaselineError extends ConfigurationError {
  override name = 'BaselineError'
}

const baselineError = (code: string, params: Record<string, ReasonParam>): BaselineError =>
  new BaselineError('VALIDATION_BASELINE', reason(code, { variable: 'VALIDATION_BASELINE', ...params }))

/** The line refusing a baseline made for another contract or question set (`why`: mismatch()). */
export function baselineRefusal(path: string, why: Reason): Reason {
  return reason('config.baseline.refused', { variable: 'VALIDATION_BASELINE', ...why.params, path, why: why.code })
}

/** The fields read, in every schemaVersion so far (1 to 3); anything else in the file is ignored. */
const Attempt = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  httpStatus: z.number().nullable().optional(),
  /** schemaVersion 3: the row of an attempt a rate limiter refused. */
  rateLimited: z.boolean().optional(),
  /** Since late version 2: a refused attempt's failures hold RATE_LIMITED_FAILURE. */
  failureCodes: z.array(z.string()).optional(),
})
const Report = z.object({
  schemaVersion: z.number().int().min(1),
  generatedAt: z.string().nullable().optional(),
  decision: z.string().nullable().optional(),
  target: z.object({ contract: z.string() }),
  /** The timeout its timeouts were censored at (absent: taken as recorded). */
  run: z.object({ timeoutMs: z.number().nonnegative() }).optional(),
  summary: z.object({ plannedAttempts: z.number().int().nonnegative() }),
  questions: z.array(z.object({ id: z.string(), message: z.string(), success: z.boolean(), attempts: z.array(Attempt) })),
})
const Sample = z.object({
  questionId: z.string(),
  warmup: z.boolean(),
  latencyMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  rateLimited: z.boolean().optional(),
})

export const SAMPLES_FILE = 'samples.ndjson'

/**
 * Whether a row of the report's questions[] is an attempt a rate limiter refused: its mark (schemaVersion 3), else
 * its failure code (version 2 since failure codes); null when the row cannot say — an older row, failed with HTTP
 * 429 or 503 (what a rate limiter answers) or an unknown status, with neither.
 */
function rowRateLimited(a: z.infer<typeof Attempt>, schemaVersion: number): boolean | null {
  if (a.rateLimited === true) return true
  if (a.failureCodes !== undefined) return a.failureCodes.includes(RATE_LIMITED_FAILURE)
  if (a.ok || schemaVersion >= 3) return false
  return a.httpStatus === undefined || a.httpStatus === 429 || a.httpStatus === 503 ? null : false
}

/** The measured population of the report's own rows (core/measured.ts), and how many rows could not be told apart. */
function rowsMeasured(r: z.infer<typeof Report>, timeoutMs: number): { latencies: number[]; timeouts: number; unknown: number } {
  const latencies: number[] = []
  let timeouts = 0
  let unknown = 0
  // questions[] holds no probe and no warm-up (render-json): only the rate limiter's refusals are left to set aside.
  for (const q of r.questions)
    for (const a of q.attempts) {
      const limited = rowRateLimited(a, r.schemaVersion)
      if (notMeasured({ warmup: false, rateLimited: limited === true }, false) !== null) continue
      if (limited === null) unknown++
      latencies.push(measuredLatency(a, timeoutMs))
      if (a.timedOut) timeouts++
    }
  return { latencies, timeouts, unknown }
}

/**
 * Measured latencies from samples.ndjson (one JSON object per line), or null when the file is absent: the population
 * of the report's own summary (core/measured.ts). The file has one line per request, warm-ups and security probes
 * included; a probe's line is one whose questionId is not among the report's questions (render-json lists probes
 * under security[] only; their lines say category `security`, questionId `security.*`, and `kind: "probe"` since
 * that field exists — read by the id here, so that a file written before it is read the same way).
 */
function samplesBeside(
  reportPath: string,
  questionIds: ReadonlySet<string>,
  timeoutMs: number,
): { latencies: number[]; timeouts: number; unknown: 0; byQuestion: Map<string, number[]>; path: string } | null {
  const path = join(dirname(reportPath), SAMPLES_FILE)
  if (!existsSync(path)) return null
  const latencies: number[] = []
  const byQuestion = new Map<string, number[]>()
  let timeouts = 0
  const lines = readFileSync(path, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim()
    if (!line) continue
    let parsed: z.infer<typeof Sample>
    try {
      parsed = Sample.parse(JSON.parse(line))
    } catch {
      throw baselineError('config.baseline.bad_sample', { path, line: i + 1 })
    }
    if (notMeasured(parsed, !questionIds.has(parsed.questionId)) !== null) continue
    latencies.push(measuredLatency(parsed, timeoutMs))
    if (parsed.timedOut) timeouts++
    const own = byQuestion.get(parsed.questionId)
    if (own) own.push(parsed.latencyMs)
    else byQuestion.set(parsed.questionId, [parsed.latencyMs])
  }
  return { latencies, timeouts, unknown: 0, byQuestion, path }
}

/** The recorded latencies agree to this much (both files write them rounded to the µs). */
const SAME_LATENCY_MS = 0.0015

/**
 * Whether the samples are this report's: every measured sample's latency is one of its question's rows (the rows
 * may hold more: refusals of a rate limiter that an older report could not mark). A samples.ndjson left beside a
 * baseline from another run (the report copied alone over an earlier pair) replaced its latencies silently: a review
 * turned a P95 regression from 9 to 512 ms into an "improvement".
 */
function samplesAreTheReports(byQuestion: ReadonlyMap<string, number[]>, r: z.infer<typeof Report>): boolean {
  // As many measured samples as the rows that were surely measured, at least: an empty file, one holding only
  // warm-ups or another question set's samples has none to compare and would stand for the baseline (review).
  let surelyMeasured = 0
  for (const q of r.questions) for (const a of q.attempts) if (rowRateLimited(a, r.schemaVersion) === false) surelyMeasured++
  let sampleCount = 0
  for (const list of byQuestion.values()) sampleCount += list.length
  if (sampleCount < surelyMeasured) return false
  const rows = new Map(r.questions.map((q) => [q.id, q.attempts.map((a) => a.latencyMs).sort((a, b) => a - b)]))
  for (const [id, samples] of byQuestion) {
    const own = rows.get(id) ?? []
    let k = 0
    for (const x of [...samples].sort((a, b) => a - b)) {
      while (k < own.length && (own[k] as number) < x - SAME_LATENCY_MS) k++
      if (k >= own.length || Math.abs((own[k] as number) - x) > SAME_LATENCY_MS) return false
      k++
    }
  }
  return true
}

/** Reads a baseline report (and its samples when beside it). Throws BaselineError with one readable line. */
export function readBaseline(path: string): RunSnapshot {
  if (!existsSync(path) || !statSync(path).isFile()) throw baselineError('config.baseline.missing', { path })
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw baselineError('config.baseline.not_json', { path })
  }
  const parsed = Report.safeParse(json)
  if (!parsed.success) throw baselineError('config.baseline.not_report', { path, ...schemaProblem(Report, json) })
  const r = parsed.data
  const timeoutMs = r.run?.timeoutMs ?? 0
  let successes = 0
  for (const q of r.questions) for (const a of q.attempts) if (a.ok) successes++
  // Both sources give the population the report's summary measured; samples.ndjson always marks rate-limited lines.
  const samples = samplesBeside(path, new Set(r.questions.map((q) => q.id)), timeoutMs)
  if (samples !== null && !samplesAreTheReports(samples.byQuestion, r))
    throw baselineError('config.baseline.other_samples', { path, samples: samples.path })
  const measured = samples ?? rowsMeasured(r, timeoutMs)
  return {
    generatedAt: r.generatedAt ?? null,
    decision: r.decision ?? null,
    contract: r.target.contract,
    questions: r.questions.map((q) => ({ id: q.id, message: q.message, success: q.success })),
    successes,
    planned: r.summary.plannedAttempts,
    latencies: measured.latencies,
    timeouts: measured.timeouts,
    rateLimitedUnknown: measured.unknown,
  }
}

/** Why two runs cannot be compared (another contract or question set), as a reason (`baseline.mismatch.*`), or null. */
type QuestionSet = { contract: string; questions: ReadonlyArray<{ id: string; message: string }> }
export function mismatch(current: QuestionSet, baseline: QuestionSet): Reason | null {
  if (current.contract !== baseline.contract)
    return reason('baseline.mismatch.contract', { baselineContract: baseline.contract, contract: current.contract })
  const base = new Map(baseline.questions.map((q) => [q.id, q.message]))
  const now = new Map(current.questions.map((q) => [q.id, q.message]))
  const missing = [...now.keys()].filter((id) => !base.has(id))
  const extra = [...base.keys()].filter((id) => !now.has(id))
  const list = (ids: string[]) => (ids.length ? `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}` : null)
  if (missing.length || extra.length) return reason('baseline.mismatch.questions', { missing: list(missing), extra: list(extra) })
  const changed = [...now].filter(([id, message]) => base.get(id) !== message).map(([id]) => id)
  if (changed.length) return reason('baseline.mismatch.messages', { changed: list(changed) })
  return null
}
