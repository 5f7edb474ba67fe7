// Durations, read and written in one place. The settings' syntax (MONITOR_DURATION, MONITOR_WINDOW, …): `90s`,
// `5m`, `2h`, `250ms` or a whole number of milliseconds — one form per unit, no fractions, so a value reads the same
// to a person and to the parser. And the forms a person reads, each kept for a reason the caller names
// (DurationForm): a worst case is rounded up, a measured time to the nearest, a run's length to the second.
import type { Locale } from './locale/index.ts'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const
const SETTING = /^(\d{1,12})(ms|s|m|h)?$/

/** Milliseconds of a setting's duration ("90s", "5m", "1500"), or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = SETTING.exec(text.trim().toLowerCase())
  if (match === null) return null
  const unit = (match[2] ?? 'ms') as keyof typeof UNIT_MS
  const ms = Number(match[1]) * UNIT_MS[unit]
  return Number.isSafeInteger(ms) ? ms : null
}

export type DurationForm =
  /** The shortest exact form of the settings' syntax, which parseDuration reads back: "5m", "90s", "1500ms". */
  | { form: 'setting' }
  /**
   * One unit, kept up to 90 of it: "45 s", "16 min", "2 h 05 min" — a figure read at a glance. `up` for a worst case
   * (never understated), `nearest` for a measured time or an estimate (an elapsed 3 min 12 s reads "3 min").
   */
  | { form: 'words'; rounding: 'up' | 'nearest' }
  /** Two units, to the nearest second: "12 s", "3 min 12 s", "2 h 5 min" — a run's measured length. */
  | { form: 'exact' }
  /** Whole seconds, rounded up: "5 s" — a window or a wait, never written shorter than it is. */
  | { form: 'seconds' }
  /**
   * Milliseconds under a second, else seconds to one decimal, to the nearest: "21 ms", "1.5 s" ("1,5 s" in French) —
   * never written longer than a limit it is within (a 5,024 ms wait rounded up read "6 s" beside its 5 s limit).
   */
  | { form: 'tenths'; locale: Locale }
  /** A clock of the time elapsed: "03:12", "1:02:03". */
  | { form: 'clock' }

const two = (n: number): string => String(n).padStart(2, '0')

/** `ms` written in `style` (DurationForm). */
export function formatDuration(ms: number, style: DurationForm): string {
  switch (style.form) {
    case 'setting':
      return settingText(ms)
    case 'words':
      return wordsText(ms, style.rounding === 'up' ? Math.ceil : Math.round)
    case 'exact':
      return exactText(ms)
    case 'seconds':
      return `${Math.ceil(ms / 1000)} s`
    case 'tenths':
      return tenthsText(ms, style.locale)
    case 'clock':
      return clockText(ms)
  }
}

function settingText(ms: number): string {
  for (const [unit, size] of [
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`
  }
  return `${Math.round(ms)}ms`
}

function wordsText(ms: number, round: (x: number) => number): string {
  const s = round(ms / 1000)
  if (s < 90) return `${s} s`
  const min = round(s / 60)
  if (min < 90) return `${min} min`
  return `${Math.floor(min / 60)} h ${two(min % 60)} min`
}

function exactText(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

const TENTHS: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, useGrouping: false }),
}

function tenthsText(ms: number, locale: Locale): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`
  return `${TENTHS[locale].format(Math.round(ms / 100) / 10)} s`
}

function clockText(ms: number): string {
  const t = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(t / 3600)
  return h > 0 ? `${h}:${two(Math.floor((t % 3600) / 60))}:${two(t % 60)}` : `${two(Math.floor(t / 60))}:${two(t % 60)}`
}
