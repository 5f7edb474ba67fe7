// The baseline of a comparison (VALIDATION_BASELINE): an earlier run's validation-report.json, and the
// samples.ndjson beside it when present. Read once, reduced to what a comparison needs (a RunSnapshot: question
// outcomes and measured latencies), and refused with one line when it is not a report or was made for another
// contract or question set. Shared by the suite's global setup (which refuses before any request) and the
// reporter (which compares). See docs/baseline.md.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { measuredLatency, notMeasured } from './measured.ts'

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
}

export class BaselineError extends Error {
  override name = 'BaselineError'
}

/** The fields read, in every schemaVersion so far (1 and 2); anything else in the file is ignored. */
const Attempt = z.object({ ok: z.boolean(), latencyMs: z.number().nonnegative(), timedOut: z.boolean() })
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
 * Measured latencies from samples.ndjson (one JSON object per line), or null when the file is absent: the population
 * of the report's own summary (core/measured.ts). The file has one line per request, warm-ups and security probes
 * included; a probe's line is one whose questionId is not among the report's questions (render-json lists probes
 * under security[] only; their lines say category `security`, questionId `security.*`).
 */
function samplesBeside(reportPath: string, questionIds: ReadonlySet<string>, timeoutMs: number): { latencies: number[]; timeouts: number } | null {
  const path = join(dirname(reportPath), SAMPLES_FILE)
  if (!existsSync(path)) return null
  const latencies: number[] = []
  let timeouts = 0
  const lines = readFileSync(path, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim()
    if (!line) continue
    let parsed: z.infer<typeof Sample>
    try {
      parsed = Sample.parse(JSON.parse(line))
    } catch {
      throw new BaselineError(`${path} line ${i + 1} is not a sample of a validation run`)
    }
    if (notMeasured(parsed, !questionIds.has(parsed.questionId)) !== null) continue
    latencies.push(measuredLatency(parsed, timeoutMs))
    if (parsed.timedOut) timeouts++
  }
  return { latencies, timeouts }
}

/** Reads a baseline report (and its samples when beside it). Throws BaselineError with one readable line. */
export function readBaseline(path: string): RunSnapshot {
  if (!existsSync(path) || !statSync(path).isFile()) throw new BaselineError(`${path} does not exist or is not a file`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new BaselineError(`${path} is not JSON`)
  }
  const parsed = Report.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new BaselineError(
      `${path} is not a validation-report.json (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'})`,
    )
  }
  const r = parsed.data
  let successes = 0
  const fromReport: number[] = []
  let timeouts = 0
  const timeoutMs = r.run?.timeoutMs ?? 0
  // questions[] holds no probe and no warm-up (render-json); a rate-limited attempt is not marked there.
  for (const q of r.questions)
    for (const a of q.attempts) {
      if (a.ok) successes++
      fromReport.push(measuredLatency(a, timeoutMs))
      if (a.timedOut) timeouts++
    }
  const samples = samplesBeside(path, new Set(r.questions.map((q) => q.id)), timeoutMs)
  return {
    generatedAt: r.generatedAt ?? null,
    decision: r.decision ?? null,
    contract: r.target.contract,
    questions: r.questions.map((q) => ({ id: q.id, message: q.message, success: q.success })),
    successes,
    planned: r.summary.plannedAttempts,
    latencies: samples?.latencies ?? fromReport,
    timeouts: samples?.timeouts ?? timeouts,
  }
}

/** Why two runs cannot be compared (another contract or question set), or null. */
type QuestionSet = { contract: string; questions: ReadonlyArray<{ id: string; message: string }> }
export function mismatch(current: QuestionSet, baseline: QuestionSet): string | null {
  if (current.contract !== baseline.contract) return `the baseline validated contract ${baseline.contract}, this run ${current.contract}`
  const base = new Map(baseline.questions.map((q) => [q.id, q.message]))
  const now = new Map(current.questions.map((q) => [q.id, q.message]))
  const missing = [...now.keys()].filter((id) => !base.has(id))
  const extra = [...base.keys()].filter((id) => !now.has(id))
  const list = (ids: string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`
  if (missing.length || extra.length) {
    const parts = [missing.length ? `not in the baseline: ${list(missing)}` : '', extra.length ? `only in the baseline: ${list(extra)}` : ''].filter(
      Boolean,
    )
    return `the baseline asked another question set (${parts.join('; ')})`
  }
  const changed = [...now].filter(([id, message]) => base.get(id) !== message).map(([id]) => id)
  if (changed.length) return `the baseline asked other questions under the same ids (${list(changed)})`
  return null
}
