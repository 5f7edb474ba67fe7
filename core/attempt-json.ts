// One attempt as the machine-readable outputs write it (docs/report-contract.md): its row of
// validation-report.json (`questions[].attempts[]`) and its line of samples.ndjson. Shared by the reporter and by
// the workers, which write each finished question's rows and lines at the source (core/fragments.ts); its schema is
// reporters/report-schema.ts.
// Every catalogue, as in the reporter's process: a worker that writes rows at the source (core/fragments.ts)
// must word every reason exactly as the reporter would, whichever catalogue its code comes from.
import './locale/auth.ts'
import './locale/baseline.ts'
import './locale/checks.ts'
import './locale/gate.ts'
import './locale/generations.ts'
import './locale/grounding.ts'
import './locale/health.ts'
import './locale/html.ts'
import './locale/monitor.ts'
import './locale/performance.ts'
import './locale/report.ts'
import './locale/sharding.ts'
import './locale/transport.ts'
import './locale/verdict.ts'
import { type Locale, say } from './locale/index.ts'
import { type AttemptRecord, attemptNumber } from './model.ts'

/**
 * What separates two attempt rows in validation-report.json: its questions' attempts are a long list at depth 3
 * (top level → questions → a question → attempts), one compact row per line indented by 2 × 4 spaces
 * (reporters/json-chunks.ts rowSeparator(3), which a self test compares). A worker joins its fragment's rows with it
 * (core/fragments.ts); a fragment joined otherwise is not used.
 */
export const ATTEMPT_ROW_SEPARATOR = `,\n${' '.repeat(8)}`

export const round = (x: number | null, digits = 3): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits)

// Deliberate (docs/reasons.md, "Which language where"): the JSON is a machine format, so the failures of attempts and
// security probes are worded in one fixed language, English, whatever VALIDATION_LOCALE says: tools and dashboards
// that match on the wording keep working when the report's language changes, and `failureCodes` beside them carries
// the codes so no tool has to parse prose. Sentences people read (verdict reasons, criteria, and every failure in
// the Markdown, HTML and terminal) follow VALIDATION_LOCALE.
export const FAILURE_LOCALE: Locale = 'en'

// The report shares the model's arrays and stage records instead of copying them (1,000,000 attempts were
// 3,000,000 copies): the report is rendered, never mutated. An optional field is set only when present, so every
// record has the same few shapes (JSON.stringify's fast path, bench/reporter-scale.ts). Each record is still built
// and handed to JSON.stringify on purpose: writing these known-shape records by hand (string concatenation, or
// bytes straight into the write buffer) was measured slower than V8's serializer on Node 20 (issue 14: 1.1-2x
// slower per 1,000,000 records), and most of its time is formatting the numbers, which either way must be done.
/** One row of `questions[].attempts[]` (reporters/report-schema.ts holds its schema). */
export interface AttemptRow {
  /** 0-based position among the question's measured attempts (schemaVersion 2 had it). */
  index: number
  /** The attempt's number as every output shows it (core/model.ts attemptNumber): 1-based. */
  attempt: number
  ok: boolean
  httpStatus: number | null
  latencyMs: number
  ttfbMs: number | null
  timedOut: boolean
  critical: AttemptRecord['critical']
  intent: { group: string; subtype: string | null } | null
  fallback: boolean
  dataPresentation: boolean
  visualizations: AttemptRecord['visualizations']
  stages: Record<string, number>
  failures: string[]
  failureCodes: string[]
  evidenceFile?: string
  rateLimited?: true
  grounding?: NonNullable<AttemptRecord['grounding']>
  notes?: string[]
  noteCodes?: string[]
}
const NONE: never[] = []
export function attemptJson(a: AttemptRecord, locale: Locale, evidenceFile: string | undefined): AttemptRow {
  const out: AttemptRow = {
    index: a.index,
    attempt: attemptNumber(a.index),
    ok: a.ok,
    httpStatus: a.httpStatus,
    latencyMs: round(a.latencyMs) as number,
    ttfbMs: round(a.ttfbMs),
    timedOut: a.timedOut,
    critical: a.critical,
    intent: a.intent ? { group: a.intent.group, subtype: a.intent.subtype } : null,
    fallback: a.fallback,
    dataPresentation: a.dataPresentation,
    visualizations: a.visualizations,
    stages: a.stages as Record<string, number>,
    // Most attempts have no failure: one shared empty list, not two new ones per attempt.
    failures: a.failures.length === 0 ? NONE : a.failures.map((f) => say(f, locale)),
    failureCodes: a.failures.length === 0 ? NONE : a.failures.map((f) => f.code),
  }
  if (evidenceFile !== undefined) out.evidenceFile = evidenceFile
  // Refused by a rate limiter: outside the latency statistics (core/measured.ts), as a baseline read back from this
  // report without its samples.ndjson must know (core/baseline.ts).
  if (a.rateLimited) out.rateLimited = true
  if (a.grounding !== undefined) out.grounding = a.grounding
  if (a.notes !== undefined) {
    out.notes = a.notes.map((n) => say(n, locale))
    out.noteCodes = a.notes.map((n) => n.code)
  }
  return out
}

/**
 * What a line of samples.ndjson is: a measured `attempt` of a question (the summary's population), a `warmup`, or a
 * security `probe` (never in the success rate or the latency: docs/report-contract.md, samples.ndjson).
 */
export type SampleKind = 'attempt' | 'warmup' | 'probe'

/** One line of samples.ndjson; optional fields set only when present (questionId first). `probe`: its record is a security probe's. */
export function sampleJson(questionId: string, category: string, a: AttemptRecord, probe = false): Record<string, unknown> {
  const kind: SampleKind = probe ? 'probe' : a.warmup ? 'warmup' : 'attempt'
  const line: Record<string, unknown> = {
    questionId,
    category,
    // 1-based, as the evidence file of this attempt is named (evidence/<question>-<attempt>.txt).
    attempt: attemptNumber(a.index),
    kind,
    // Kept beside `kind` for the readers that filter on it: a probe's line is `warmup: false` and `kind: "probe"`.
    warmup: a.warmup,
    startedAt: a.startedAt,
    ok: a.ok,
    httpStatus: a.httpStatus,
    latencyMs: round(a.latencyMs),
    ttfbMs: round(a.ttfbMs),
    timedOut: a.timedOut,
    critical: a.critical,
    stages: a.stages,
  }
  // Stream attempts (VALIDATION_STREAM=true): first status, first chunk (TTFC), chunk count.
  if (a.stream) {
    line.firstEventMs = round(a.stream.firstEventMs)
    line.ttfcMs = round(a.stream.firstContentMs)
    line.chunks = a.stream.contentChunks
    line.completed = a.stream.completed
  }
  if (a.rateLimited) line.rateLimited = true
  // The target's id for the request (its x-request-id or body request_id), and the one the suite sent.
  if (a.requestId !== undefined) line.requestId = a.requestId
  if (a.clientRequestId !== undefined) line.clientRequestId = a.clientRequestId
  return line
}
