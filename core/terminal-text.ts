// Text for a terminal line. Target text may contain anything — CR, ANSI/OSC escape sequences, bidi overrides — and
// printed raw it can rewrite what the line says (a failed verify shown as "OK"). Every command that prints target
// text to a terminal (reporters/render-terminal.ts, release/cli/) passes it through here.

/** One line, no control characters (target text may contain anything), cut at `max` characters. */
export const terminalText = (s: string, max = 160): string => {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ')
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}
