// What a question's test shows in Vitest UI (Report tab), junit (<property>) and the terminal on failure:
// the observed intent, the visualizations, the latency, the failure reasons. Built from the plain record only
// (never from headers or settings), so no secret can reach an annotation.
import { quantileCensored, quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'
import { type AttemptRecord, attemptNumber, type QuestionRecord } from '../../core/model.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/checks.ts'
import { reason } from '../../core/reason.ts'
import { CONTROL_CHARS, INVISIBLE_CHARS } from '../../core/terminal-text.ts'

const CONTROL_RUNS = new RegExp(`[${CONTROL_CHARS}]+`, 'g')
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g')

export interface AnnotationLine {
  type: 'intent' | 'visualizations' | 'latency' | 'grounding' | 'failure' | 'warm-up'
  message: string
}

const MAX_FAILURE_LINES = 10
const MAX_TEXT_CHARS = 500

/**
 * Text that is safe to print in a terminal, a test title or the UI: control characters (bell, escape
 * sequences, newlines) and bidi overrides/isolates become spaces or are removed, and the length is bounded.
 * Question messages and failure reasons may carry the target's (or a question file's) hostile text.
 */
export function printable(text: string, max = MAX_TEXT_CHARS): string {
  const clean = text.replace(CONTROL_RUNS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim()
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}

function intentText(a: AttemptRecord, locale: Locale): string {
  if (a.intent === null) return say(reason(a.httpStatus === null ? 'annotate.intent.no_answer' : 'annotate.intent.none'), locale)
  return a.intent.subtype === null
    ? say(reason('annotate.intent.subtype_hidden', { group: a.intent.group }), locale)
    : `${a.intent.group}.${a.intent.subtype}`
}

/** "kpi ×3, bar" — kinds in answer order, repeats folded; none: the run's word for it. */
export function vizText(kinds: readonly string[], locale: Locale): string {
  if (kinds.length === 0) return say(reason('annotate.viz.none'), locale)
  const parts: Array<[string, number]> = []
  for (const k of kinds) {
    const last = parts[parts.length - 1]
    if (last && last[0] === k) last[1] += 1
    else parts.push([k, 1])
  }
  return parts.map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')
}

/** Distinct values with their counts, most frequent first: "a (2/3), b (1/3)"; a single value alone. */
function tally(values: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  if (counts.size === 1) return values[0] ?? ''
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v} (${n}/${values.length})`)
    .join(', ')
}

/** One failure line per failed measured attempt: "attempt 2/3: reason; reason", in the run's language. */
export function failureLines(record: QuestionRecord, locale: Locale): string[] {
  const total = record.plannedAttempts
  return record.attempts
    .filter((a) => !a.ok)
    .map((a) =>
      printable(
        say(reason('annotate.attempt_failed', { attempt: attemptNumber(a.index), total, reasons: a.failures.map((f) => say(f, locale)) }), locale),
      ),
    )
}

export function annotationsFor(record: QuestionRecord, locale: Locale): AnnotationLine[] {
  const out: AnnotationLine[] = []
  const attempts = record.attempts
  if (attempts.length > 0) {
    const observed = tally(attempts.map((a) => intentText(a, locale)))
    out.push({ type: 'intent', message: say(reason('annotate.intent', { observed, expected: record.expectedIntent }), locale) })
    out.push({ type: 'visualizations', message: tally(attempts.map((a) => vizText(a.visualizations, locale))) })
    const latencies = sortedFloat64(attempts.map((a) => a.latencyMs))
    const ttfbs = sortedFloat64(attempts.flatMap((a) => (a.ttfbMs === null ? [] : [a.ttfbMs])))
    const p50 = quantileSorted7(latencies, 0.5)
    const ttfb = quantileSorted7(ttfbs, 0.5)
    const timedOut = attempts.filter((a) => a.timedOut).length
    // A timeout enters at the timeout: the P50 may then be only a lower bound, said "≥" (the report's own rule).
    const censored = quantileCensored(
      latencies,
      0.5,
      attempts.filter((a) => a.timedOut).map((a) => a.latencyMs),
    )
    const latency = { p50, censored, n: attempts.length, ttfb, timedOut }
    out.push({ type: 'latency', message: say(reason('annotate.latency', latency), locale) })
  }
  const grounding = attempts.flatMap((a) => (a.grounding === undefined ? [] : [say(reason(`annotate.grounding.${a.grounding}`), locale)]))
  if (grounding.length > 0) {
    const note = attempts.flatMap((a) => a.notes ?? [])[0]
    out.push({ type: 'grounding', message: `${tally(grounding)}${note === undefined ? '' : ` — ${say(note, locale)}`}` })
  }
  const lines = failureLines(record, locale)
  for (const line of lines.slice(0, MAX_FAILURE_LINES)) out.push({ type: 'failure', message: line })
  if (lines.length > MAX_FAILURE_LINES)
    out.push({ type: 'failure', message: say(reason('annotate.more_failed', { count: lines.length - MAX_FAILURE_LINES }), locale) })
  const badWarmups = record.warmups.filter((w) => !w.ok)
  if (badWarmups.length > 0) {
    const first = (badWarmups[0]?.failures ?? []).map((f) => say(f, locale)).join(locale === 'fr' ? ' ; ' : '; ')
    out.push({
      type: 'warm-up',
      message: say(reason('annotate.warmups_failed', { failed: badWarmups.length, total: record.warmups.length, first }), locale),
    })
  }
  return out.map((line) => ({ ...line, message: printable(line.message) }))
}
