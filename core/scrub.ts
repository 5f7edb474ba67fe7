// Scrubbing values of secrets, value by value (core/secrets.ts redact, memoized): the reporter walks the run model
// with it before rendering (reporters/scrub-model.ts), and each worker walks the attempts of a question it finished
// (scrubbedAtSource), so that the reporter need not walk them again.
import { createHash } from 'node:crypto'
import type { QuestionRecord } from './model.ts'
import { viewLengthBound } from './secret-view.ts'
import { redact, shortestRedacted } from './secrets.ts'

const MEMO_LIMIT = 100_000
const MEMO_MAX_CHARS = 512

/** `value` with every string redacted; unchanged parts are shared, not copied. */
export function clean(value: unknown, scrub: (text: string) => string): unknown {
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

/** The secrets, in order, as one key (scrubbing overlapping secrets depends on their order: a key must be exact). */
export function secretsKey(secrets: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(secrets)).digest('hex')
}

/**
 * One question's record with its attempts and warm-ups scrubbed of `secrets`, exactly as the reporter's walk would
 * scrub them (reporters/scrub-model.ts), and marked so (QuestionRecord.scrubbedFor): done by the worker that asked
 * it, once, when the question ends (core/fragments.ts). The question's own fields (id, message…) are left as the
 * plan has them: the reporter matches records to the plan by id, and scrubs those fields itself.
 */
export function scrubbedAtSource(record: QuestionRecord, secrets: readonly string[]): QuestionRecord {
  const key = secretsKey(secrets)
  if (record.scrubbedFor === key) return record
  const { scrubbedFor: _, ...unmarked } = record
  if (secrets.length === 0) return { ...unmarked, scrubbedFor: key }
  const scrub = scrubberOf(secrets)
  return {
    ...unmarked,
    attempts: clean(record.attempts, scrub) as QuestionRecord['attempts'],
    warmups: clean(record.warmups, scrub) as QuestionRecord['warmups'],
    scrubbedFor: key,
  }
}

/** A text scrubbed as every value is (memoized per scrubber). */
export function scrubberOf(secrets: readonly string[]): (text: string) => string {
  const memo = new Map<string, string>()
  // Most strings of a model (keys, enum values, times) are shorter than any secret form or fragment: kept as
  // they are without a lookup (at 1,000,000 attempts, tens of millions of them).
  const shortest = shortestRedacted(secrets)
  return (text: string): string => {
    if (text.length < shortest && viewLengthBound(text) < shortest) return text
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
