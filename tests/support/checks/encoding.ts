// Mojibake (docs/suite-rules.md §4 "French text"): the client decodes bodies as UTF-8, so a service that sends latin-1 (or
// cuts a multi-byte character) shows up as U+FFFD replacement characters — "d\uFFFDpenses". Such a text looks
// French enough to pass the word heuristic, yet a user would see garbage: it is a failure of its own.
import type { NormalizedTurn } from '../turn.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt } from './text.ts'

const REPLACEMENT = '\uFFFD'

/** `…vous avez d�pens� 12 €…`: the first replacement character with some context, on one line. */
function excerptAround(text: string, at: number): string {
  const from = Math.max(0, at - 25)
  const to = Math.min(text.length, at + 25)
  return excerpt(`${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`, 60)
}

/**
 * One failure per text field carrying U+FFFD (the message first, then insights and visualization texts). When the
 * answer's Content-Type declares a charset other than UTF-8, that is the cause: one failure names it, with the first
 * garbled field (the per-field lines would only repeat it, and a reader would look for a broken text, not a header).
 */
export function checkEncoding(turn: NormalizedTurn): Reason[] {
  type Field = ['message' | 'insight' | 'visualization', number, string]
  const fields: Field[] = [
    ['message', 0, turn.message],
    ...turn.insights.map((i, n): Field => ['insight', n + 1, `${i.title} ${i.description}`]),
    ...turn.visualizations.map((v, n): Field => ['visualization', n + 1, [v.title, ...v.labels, ...v.datasets.map((d) => d.label ?? '')].join(' ')]),
  ]
  const failures: Reason[] = []
  for (const [field, index, text] of fields) {
    const at = text.indexOf(REPLACEMENT)
    if (at === -1) continue
    const count = text.split(REPLACEMENT).length - 1
    failures.push(reason('check.encoding.replacement', { field, index, count, excerpt: excerptAround(text, at) }))
  }
  const first = failures[0]
  if (turn.declaredCharset === undefined || first === undefined) return failures
  return [reason('check.encoding.declared_charset', { ...first.params, charset: turn.declaredCharset })]
}
