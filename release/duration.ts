// Durations in settings (MONITOR_DURATION, MONITOR_WINDOW, …): `90s`, `5m`, `2h`, `250ms` or a whole number of
// milliseconds. One form per unit, no fractions: a value reads the same to a person and to the parser.
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const
const FORM = /^(\d{1,12})(ms|s|m|h)?$/

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = FORM.exec(text.trim().toLowerCase())
  if (match === null) return null
  const unit = (match[2] ?? 'ms') as keyof typeof UNIT_MS
  const ms = Number(match[1]) * UNIT_MS[unit]
  return Number.isSafeInteger(ms) ? ms : null
}

/** The shortest exact form: 300000 → "5m", 90000 → "90s", 1500 → "1500ms". */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`
  }
  return `${Math.round(ms)}ms`
}
