// Text for a terminal line. Target text may contain anything — CR, ANSI/OSC escape sequences, bidi overrides — and
// printed raw it can rewrite what the line says (a failed verify shown as "OK"). Every command that prints target
// text to a terminal (reporters/render-terminal.ts, release/cli/) passes it through here.

/** The ASCII and Latin-1 control characters (a regular expression's character class body). */
export const CONTROL_CHARS = '\\u0000-\\u001f\\u007f-\\u009f'
/**
 * Invisible format characters that change how text reads without showing: zero-width characters and marks, bidi
 * embeddings, overrides and isolates, the byte order mark. Every place that shows target text removes them, with
 * the control characters (one list: the copies had drifted apart).
 */
export const INVISIBLE_CHARS = '\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff'
const UNSAFE_RUNS = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}]+`, 'g')

/** One line, no control or invisible format characters (target text may contain anything), cut at `max` characters. */
export const terminalText = (s: string, max = 160): string => {
  const t = s.replace(UNSAFE_RUNS, ' ')
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}
