// Per failed attempt, its evidence in a file of its own that the Markdown report links to (issue 9: "per failed
// attempt, the redacted body (bounded) is kept and linked from the reports"). A reader of validation-report.md on
// GitHub follows a relative link to `evidence/<question>-<attempt>.txt` beside it: the failure reasons, the
// request ids, the bounded body excerpt (already redacted by the recorder, tests/support/record.ts) and the contract
// issues. The plan (which files, which names) is one pure function of the model, so the Markdown links and the
// writer (documents.ts) can never disagree. Bounded: at most MAX_EVIDENCE_FILES files per run, in plan order.
import '../core/locale/report.ts'
import { type Locale, say } from '../core/locale/index.ts'
import { type AttemptRecord, attemptNumber, type QuestionRecord, type RunModel } from '../core/model.ts'
import { EVIDENCE_FOLDER } from '../core/report-files.ts'
import { CONTROL_CHARS, INVISIBLE_CHARS } from '../core/terminal-text.ts'

const UNSAFE_RUNS = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}]+`, 'g')

export const EVIDENCE_DIR = EVIDENCE_FOLDER
export const MAX_EVIDENCE_FILES = 100

export interface EvidenceFile {
  /** Relative to the report directory, '/'-separated (a Markdown link target). */
  path: string
  question: QuestionRecord
  attempt: AttemptRecord
}

export interface EvidencePlan {
  files: EvidenceFile[]
  /** Failed attempts beyond the cap: their evidence stays in the JSON and HTML reports only. */
  leftOut: number
}

/** A file name from a question id: letters, digits, '.', '_' and '-' only (ids come from a question file). */
const safe = (id: string): string => id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'question'

/** The failed attempts (warm-ups included: a crash on one is still a bug) whose evidence gets a file, in plan order. */
export function evidencePlan(model: RunModel): EvidencePlan {
  const files: EvidenceFile[] = []
  const used = new Set<string>()
  let leftOut = 0
  for (const question of model.questions) {
    // Warm-ups, then attempts: walked in place, not copied into one list (at 1,000,000 attempts, four plans a run).
    for (const list of [question.warmups, question.attempts])
      for (const attempt of list) {
        if (attempt.ok) continue
        if (files.length >= MAX_EVIDENCE_FILES) {
          leftOut++
          continue
        }
        const base = `${safe(question.id)}-${attempt.warmup ? 'warmup-' : ''}${attemptNumber(attempt.index)}`
        let name = base
        for (let n = 2; used.has(name); n++) name = `${base}~${n}`
        used.add(name)
        files.push({ path: `${EVIDENCE_DIR}/${name}.txt`, question, attempt })
      }
  }
  return { files, leftOut }
}

/**
 * A target's text on one line of the file's structure (a request id, a reason, an issue, an error, a trailer): line
 * breaks and tabs written as \n \r \t, as every other document writes them on one line — a request id holding
 * "\n\nRaisons :\n- aucune" must not add a reasons block the gate never wrote. The recorder already wrote the other
 * hidden characters out (tests/support/json-evidence.ts escapeHidden).
 */
export function oneLine(text: string): string {
  return text.replace(/[\n\r\t\u0085\u2028\u2029]/g, (c) => VISIBLE[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
}
const VISIBLE: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Every line of the body excerpt behind BODY_MARGIN: the body keeps its lines, but none can pass for a line of the
 * file's own (a "Raisons :" heading, an "- aucune" reason), nor start with "::" (a CI that prints the file would run
 * it as a workflow command). A lone CR is written out: it would let a line overwrite its start on a terminal.
 */
export const BODY_MARGIN = '| '
function bodyBlock(body: string): string[] {
  return body.split(/\r?\n/).map((line) => `${BODY_MARGIN}${line.replace(/\r/g, '\\r')}`)
}

/** One evidence file's text, in the report's language; every value from the model is already scrubbed of secrets. */
export function renderEvidence(file: EvidenceFile, locale: Locale): string {
  const { question: q, attempt: a } = file
  // The question file is input too: its message is written on one line, without control characters.
  const message = q.message.replace(UNSAFE_RUNS, ' ')
  const t = (code: string, params: Record<string, string | number | boolean | null> = {}) => say({ code, params }, locale)
  const item = (text: string) => `- ${oneLine(text)}`
  const lines = [
    t('report.evidence.question', { id: oneLine(q.id), message }),
    t('report.evidence.attempt', {
      attempt: attemptNumber(a.index),
      planned: a.warmup ? null : q.plannedAttempts,
      warmup: a.warmup,
      status: a.httpStatus,
      latencyMs: Math.round(a.latencyMs),
      timedOut: a.timedOut,
      critical: a.critical,
      startedAt: a.startedAt,
    }),
  ]
  if (a.clientRequestId !== undefined)
    lines.push(t('report.evidence.request_ids', { sent: oneLine(a.clientRequestId), target: a.requestId == null ? null : oneLine(a.requestId) }))
  lines.push('', t('report.evidence.failures'), ...a.failures.map((f) => item(say(f, locale))))
  if (a.evidence?.issues?.length) lines.push('', t('report.evidence.issues'), ...a.evidence.issues.map(item))
  // On a line of its own behind "- ": an error text starting with "::" is no workflow command.
  if (a.evidence?.error) lines.push('', t('report.evidence.error'), item(a.evidence.error))
  if (a.evidence?.trailers?.length) lines.push('', t('report.evidence.trailers'), ...a.evidence.trailers.map(item))
  lines.push('', t('report.evidence.body'), ...(a.evidence?.bodyHead ? bodyBlock(a.evidence.bodyHead) : [t('report.evidence.no_body')]), '')
  return lines.join('\n')
}
