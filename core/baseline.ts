// The baseline of a comparison (VALIDATION_BASELINE): an earlier run's validation-report.json, and the
// samples.ndjson beside it when present. Read once, strictly (core/baseline-file.ts: a known schemaVersion, its
// parts agreeing with each other, a complete release run), reduced to what a comparison needs (a RunSnapshot: the
// settings its figures depend on, question outcomes and expectations, measured latencies), and refused with one line
// when it cannot be compared with this run: another contract, question set, or measurement settings. Shared by the
// suite's global setup (which refuses before any request) and the reporter (which compares). See docs/baseline.md.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import {
  type BaselineAttempt,
  type BaselineReport,
  BaselineReportSchema,
  baselineError,
  expectationsKey,
  fileInconsistency,
  notACompleteReleaseRun,
  rowRateLimited,
  unknownVersion,
} from './baseline-file.ts'
import { measuredLatency, notMeasured } from './measured.ts'
import { type Reason, reason } from './reason.ts'
import { schemaProblem } from './schema-problem.ts'

export { BaselineError, expectationsKey } from './baseline-file.ts'

/**
 * The settings a latency or a success rate depends on, as a run recorded them; null: the baseline's report does not
 * record it (written before it was). Two runs that differ in one of them measured different things: the load applied
 * (concurrency, pacing), the route asked (stream), where a latency is censored and an attempt fails (timeout), whose
 * data is asked for (user), and whether the first measured attempts were cold (warm-ups). docs/baseline.md.
 */
export interface ComparedSettings {
  concurrency: number | null
  stream: boolean | null
  timeoutMs: number | null
  userId: number | null
  maxRps: number | null
  warmup: number | null
}

/** Each compared setting and the variable that sets it (the refusal and the comparison name it). */
export const COMPARED_SETTINGS: ReadonlyArray<readonly [keyof ComparedSettings, string]> = [
  ['concurrency', 'VALIDATION_CONCURRENCY'],
  ['stream', 'VALIDATION_STREAM'],
  ['timeoutMs', 'HARENA_TIMEOUT_MS'],
  ['userId', 'HARENA_USER_ID'],
  ['maxRps', 'VALIDATION_MAX_RPS'],
  ['warmup', 'VALIDATION_WARMUP'],
]

/** A run's compared settings, from its settings (core/settings.ts RunSettings). */
export function comparedSettingsOf(s: { [K in keyof ComparedSettings]: Exclude<ComparedSettings[K], null> }): ComparedSettings {
  return { concurrency: s.concurrency, stream: s.stream, timeoutMs: s.timeoutMs, userId: s.userId, maxRps: s.maxRps, warmup: s.warmup }
}

/** One question as a comparison sees it. */
export interface SnapshotQuestion {
  id: string
  message: string
  /** Every planned attempt executed and passed. */
  success: boolean
  /** Attempts that passed, and planned attempts (not executed = failed, as success_rate counts). */
  passed: number
  planned: number
  /** What the question expected, as one comparable string (expectationsKey); null: the report does not record it. */
  expectations: string | null
}

/** What a comparison needs of one run. */
export interface RunSnapshot {
  generatedAt: string | null
  decision: string | null
  contract: string
  settings: ComparedSettings
  questions: readonly SnapshotQuestion[]
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

/** The line refusing a baseline that cannot be compared with this run (`why`: incomparable()). */
export function baselineRefusal(path: string, why: Reason): Reason {
  return reason('config.baseline.refused', { variable: 'VALIDATION_BASELINE', ...why.params, path, why: why.code })
}

const Sample = z.object({
  questionId: z.string(),
  warmup: z.boolean(),
  latencyMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  rateLimited: z.boolean().optional(),
})

export const SAMPLES_FILE = 'samples.ndjson'

/** The measured population of the report's own rows (core/measured.ts), and how many rows could not be told apart. */
function rowsMeasured(r: BaselineReport, timeoutMs: number): { latencies: number[]; timeouts: number; unknown: number } {
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
function samplesAreTheReports(byQuestion: ReadonlyMap<string, number[]>, r: BaselineReport): boolean {
  // As many measured samples as the rows that were surely measured, at least: an empty file, one holding only
  // warm-ups or another question set's samples has none to compare and would stand for the baseline (review).
  let surelyMeasured = 0
  for (const q of r.questions) for (const a of q.attempts) if (rowRateLimited(a, r.schemaVersion) === false) surelyMeasured++
  let sampleCount = 0
  for (const list of byQuestion.values()) sampleCount += list.length
  if (sampleCount < surelyMeasured) return false
  const rows = new Map(r.questions.map((q) => [q.id, q.attempts.map((a: BaselineAttempt) => a.latencyMs).sort((a, b) => a - b)]))
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

/** The report's JSON, parsed against the schema of the versions this code reads; a BaselineError otherwise. */
function parsedReport(path: string): BaselineReport {
  if (!existsSync(path) || !statSync(path).isFile()) throw baselineError('config.baseline.missing', { path })
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw baselineError('config.baseline.not_json', { path })
  }
  const version = unknownVersion(json)
  if (version !== null) throw baselineError('config.baseline.unknown_version', { path, version })
  const parsed = BaselineReportSchema.safeParse(json)
  if (!parsed.success) throw baselineError('config.baseline.not_report', { path, ...schemaProblem(BaselineReportSchema, json) })
  return parsed.data
}

/** Reads a baseline report (and its samples when beside it). Throws BaselineError with one readable line. */
export function readBaseline(path: string): RunSnapshot {
  const r = parsedReport(path)
  // A file whose parts disagree (edited, assembled by hand) says two things: neither is compared.
  const inconsistent = fileInconsistency(r)
  if (inconsistent !== null) throw baselineError('config.baseline.inconsistent', { path, ...inconsistent })
  // Only a complete release run measured what it planned: anything else would compare this run with nothing.
  const unusable = notACompleteReleaseRun(r)
  if (unusable !== null) throw baselineError('config.baseline.not_release_run', { path, ...unusable.params, why: unusable.code })
  const timeoutMs = r.run.timeoutMs
  // Both sources give the population the report's summary measured; samples.ndjson always marks rate-limited lines.
  const samples = samplesBeside(path, new Set(r.questions.map((q) => q.id)), timeoutMs)
  if (samples !== null && !samplesAreTheReports(samples.byQuestion, r))
    throw baselineError('config.baseline.other_samples', { path, samples: samples.path })
  const measured = samples ?? rowsMeasured(r, timeoutMs)
  return {
    generatedAt: r.generatedAt ?? null,
    decision: r.decision ?? null,
    contract: r.target.contract,
    settings: {
      concurrency: r.run.concurrency,
      stream: r.run.stream ?? null,
      timeoutMs: r.run.timeoutMs,
      userId: r.run.userId ?? null,
      maxRps: r.run.maxRps ?? null,
      warmup: r.run.warmup,
    },
    questions: r.questions.map((q) => {
      const planned = Math.max(q.plannedAttempts, q.attempts.length)
      return {
        id: q.id,
        message: q.message,
        success: q.success,
        passed: q.attempts.filter((a) => a.ok).length,
        planned,
        expectations: expectationsKey(q),
      }
    }),
    latencies: measured.latencies,
    timeouts: measured.timeouts,
    rateLimitedUnknown: measured.unknown,
  }
}

/** This run as a refusal needs it: its contract, measurement settings and questions. */
export interface ComparableRun {
  contract: string
  settings: ComparedSettings
  questions: ReadonlyArray<{ id: string; message: string }>
}

const list = (ids: string[]) => (ids.length ? `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}` : null)
const shown = (v: number | boolean | null): string => (v === null ? '?' : String(v))

/**
 * Why two runs cannot be compared, as a reason (`baseline.mismatch.*`), or null: another contract, a measurement
 * setting both record with another value, another question set, or other questions under the same ids. A setting
 * only one of them records is no refusal: the comparison says so and judges nothing (compare.ts).
 */
export function incomparable(current: ComparableRun, baseline: ComparableRun): Reason | null {
  if (current.contract !== baseline.contract)
    return reason('baseline.mismatch.contract', { baselineContract: baseline.contract, contract: current.contract })
  for (const [key, variable] of COMPARED_SETTINGS) {
    const [was, now] = [baseline.settings[key], current.settings[key]]
    if (was !== null && now !== null && was !== now)
      return reason('baseline.mismatch.setting', { setting: variable, baselineValue: shown(was), value: shown(now) })
  }
  const base = new Map(baseline.questions.map((q) => [q.id, q.message]))
  const now = new Map(current.questions.map((q) => [q.id, q.message]))
  const missing = [...now.keys()].filter((id) => !base.has(id))
  const extra = [...base.keys()].filter((id) => !now.has(id))
  if (missing.length || extra.length) return reason('baseline.mismatch.questions', { missing: list(missing), extra: list(extra) })
  const changed = [...now].filter(([id, message]) => base.get(id) !== message).map(([id]) => id)
  if (changed.length) return reason('baseline.mismatch.messages', { changed: list(changed) })
  return null
}

/**
 * What the baseline does not record that a comparison depends on (a report of an earlier version): the variables of
 * its unrecorded settings, and `questions[].expectations` when a question's expectations are not in it.
 */
export function unrecordedOf(baseline: Pick<RunSnapshot, 'settings' | 'questions'>): string[] {
  const out = COMPARED_SETTINGS.filter(([key]) => baseline.settings[key] === null).map(([, variable]) => variable)
  if (baseline.questions.some((q) => q.expectations === null)) out.push('questions[].expectations')
  return out
}
