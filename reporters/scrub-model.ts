// Secrets are scrubbed once per value, at the source — not once per document over megabytes of rendered text.
// The suite's recorder already redacts what it copies from the target (core/secrets.ts, before any cut); this
// walks the run model the reporter renders (question texts, harness errors, anything a model carries) once,
// before anything is rendered, so every document, however large, is written from clean values. A value equal to
// many others (intents, failure reasons) is redacted once (memo).
import type { QuestionRecord, RunModel } from '../core/model.ts'
import { createHash } from 'node:crypto'
import { redact, shortestRedacted } from '../core/secrets.ts'

const MEMO_LIMIT = 100_000
const MEMO_MAX_CHARS = 512

/** `value` with every string redacted; unchanged parts are shared, not copied. */
function clean(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      const c = clean(v, scrub)
      if (c !== v) {
        out ??= value.slice()
        out[i] = c
      }
    }
    return out ?? value
  }
  let out: Record<string, unknown> | null = null
  const record = value as Record<string, unknown>
  for (const key in record) {
    const v = record[key]
    const c = clean(v, scrub)
    const k = scrub(key)
    if (c !== v || k !== key) {
      out ??= { ...record }
      if (k !== key) delete out[key]
      out[k] = c
    }
  }
  return out ?? value
}

/**
 * The model with every string (keys included) redacted of `secrets`; the model itself is not modified. The attempts
 * and warm-ups of a question its worker scrubbed of the same secrets (scrubbedAtSource) are not walked again — at
 * 1,000,000 attempts that walk was half a second and more garbage to collect — but the rest of its record is: the
 * question's own texts may come from the plan, not from the worker (mergeQuestions).
 */
export function scrubModel(model: RunModel, secrets: readonly string[]): RunModel {
  if (secrets.length === 0) return model
  const scrub = scrubberOf(secrets)
  const key = secretsKey(secrets)
  const { questions, ...rest } = model
  const out = clean(rest, scrub) as Omit<RunModel, 'questions'>
  const question = (q: QuestionRecord): QuestionRecord => {
    if (q.scrubbedFor !== key) return clean(q, scrub) as QuestionRecord
    const { attempts, warmups, ...own } = q
    const cleaned = clean(own, scrub)
    return cleaned === own ? q : ({ ...(cleaned as object), attempts, warmups } as QuestionRecord)
  }
  return { ...out, questions: questions.map(question) }
}

/** The secrets, in order, as one key (scrubbing overlapping secrets depends on their order: a key must be exact). */
export function secretsKey(secrets: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(secrets)).digest('hex')
}

/**
 * One question's record scrubbed as scrubModel scrubs it inside a model, and marked so (QuestionRecord.scrubbedFor:
 * its attempts and warm-ups need no second walk): done by the worker that asked it, once, when the question ends
 * (reporters/fragments.ts).
 */
export function scrubbedAtSource(record: QuestionRecord, secrets: readonly string[]): QuestionRecord {
  const key = secretsKey(secrets)
  if (record.scrubbedFor === key) return record
  const { scrubbedFor: _, ...unmarked } = record
  const q = secrets.length === 0 ? unmarked : (clean(unmarked, scrubberOf(secrets)) as QuestionRecord)
  return { ...q, scrubbedFor: key }
}

function scrubberOf(secrets: readonly string[]): (text: string) => string {
  const memo = new Map<string, string>()
  // Most strings of a model (keys, enum values, times) are shorter than any secret form or fragment: kept as
  // they are without a lookup (at 1,000,000 attempts, tens of millions of them).
  const shortest = shortestRedacted(secrets)
  return (text: string): string => {
    if (text.length < shortest) return text
    if (text.length > MEMO_MAX_CHARS) return redact(text, secrets)
    let out = memo.get(text)
    if (out === undefined) {
      out = redact(text, secrets)
      if (memo.size >= MEMO_LIMIT) memo.clear()
      memo.set(text, out)
    }
    return out
  }
}
