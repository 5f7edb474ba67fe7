// The days a line chart's x label names (docs/suite-rules.md §3, "Chart data"): the chart-data check compares them with
// the searched period. A label is read in every form a chart library or a French service writes a date, and a label
// that two forms read differently keeps both readings: it is outside the period only when every reading is.
import { fold } from './text.ts'

const DAY_MS = 86_400_000
/** Below it an epoch number counts seconds, above it milliseconds: 1e11 s is the year 5138, 1e11 ms March 1973. */
const EPOCH_MS_FROM = 1e11

/** A span of calendar days since the epoch; `loose` when written with a time (a local midnight in UTC is the day before). */
export interface DaySpan {
  first: number
  last: number
  loose: boolean
}

const MONTH_WORDS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['janvier', 'janv', 'jan', 'january']],
  [2, ['fevrier', 'fevr', 'fev', 'feb', 'february']],
  [3, ['mars', 'mar', 'march']],
  [4, ['avril', 'avr', 'apr', 'april']],
  [5, ['mai', 'may']],
  [6, ['juin', 'jun', 'june']],
  [7, ['juillet', 'juil', 'jul', 'july']],
  [8, ['aout', 'aou', 'aug', 'august']],
  [9, ['septembre', 'sept', 'sep', 'september']],
  [10, ['octobre', 'oct', 'october']],
  [11, ['novembre', 'nov', 'november']],
  [12, ['decembre', 'dec', 'december']],
]
/** "nov." → 11, "novembre" → 11, "November" → 11 (folded, its dot dropped); 0 when not a month. */
function monthOf(word: string): number {
  const w = word.replace(/\.$/, '')
  return MONTH_WORDS.find(([, words]) => words.includes(w))?.[0] ?? 0
}

/** Days since the epoch of a valid calendar date, else null (31/02 is no day). */
function dayOf(year: number, month: number, day: number): number | null {
  const t = Date.UTC(year, month - 1, day)
  const d = new Date(t)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? t / DAY_MS : null
}

const daySpan = (year: number, month: number, day: number, loose = false): DaySpan[] => {
  const d = dayOf(year, month, day)
  return d === null ? [] : [{ first: d, last: d, loose }]
}
const monthSpan = (year: number, month: number): DaySpan[] => {
  const first = dayOf(year, month, 1)
  return first === null ? [] : [{ first, last: Date.UTC(year, month, 0) / DAY_MS, loose: false }]
}

/** An ISO week (Monday to Sunday): week 1 holds the year's 4 January. */
function isoWeekSpan(year: number, week: number): DaySpan[] {
  if (week < 1 || week > 53) return []
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS
  const monday = jan4 - ((new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7) + (week - 1) * 7
  return [{ first: monday, last: monday + 6, loose: false }]
}

/** Epoch seconds or milliseconds (told apart by magnitude), read as their UTC day. */
function epochSpan(value: number): DaySpan[] {
  const ms = value >= EPOCH_MS_FROM ? value : value * 1000
  const day = Math.floor(ms / DAY_MS)
  return [{ first: day, last: day, loose: true }]
}

/** "02/11/2026": the French day/month first; also month/day when that reads as a date too (both kept). */
function numericDay(a: number, b: number, year: number): DaySpan[] {
  const readings = [...daySpan(year, b, a), ...daySpan(year, a, b)]
  return readings.filter((r, i) => readings.findIndex((x) => x.first === r.first) === i)
}

type Reader = (m: RegExpExecArray) => DaySpan[]
const n = (m: RegExpExecArray, i: number): number => Number(m[i])
const MONTH_NAME = String.raw`([a-z]{3,9}\.?)`

/** Every form read, on the folded label: ISO, numeric French, months in words (French or English), epoch numbers. */
const FORMS: ReadonlyArray<readonly [RegExp, Reader]> = [
  [/^(\d{4})[-/](\d{2})[-/](\d{2})$/, (m) => daySpan(n(m, 1), n(m, 2), n(m, 3))],
  [/^(\d{4})-(\d{2})-(\d{2})[t ]\d{1,2}:\d{2}.*$/, (m) => daySpan(n(m, 1), n(m, 2), n(m, 3), true)],
  [/^(\d{4})[-/](\d{1,2})$/, (m) => monthSpan(n(m, 1), n(m, 2))],
  [/^(\d{4})-?w(\d{1,2})$/, (m) => isoWeekSpan(n(m, 1), n(m, 2))],
  [/^(\d{4})$/, (m) => [{ first: Date.UTC(n(m, 1), 0, 1) / DAY_MS, last: Date.UTC(n(m, 1), 11, 31) / DAY_MS, loose: false }]],
  [/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, (m) => numericDay(n(m, 1), n(m, 2), n(m, 3))],
  [/^(\d{1,2})[/.-](\d{4})$/, (m) => monthSpan(n(m, 2), n(m, 1))],
  [new RegExp(String.raw`^(\d{1,2})(?:er)?[\s-]+${MONTH_NAME}[\s-]+(\d{4})$`), (m) => daySpan(n(m, 3), monthOf(m[2] ?? ''), n(m, 1))],
  [new RegExp(String.raw`^${MONTH_NAME}[\s-]+(\d{1,2}),?\s+(\d{4})$`), (m) => daySpan(n(m, 3), monthOf(m[1] ?? ''), n(m, 2))],
  [new RegExp(String.raw`^${MONTH_NAME}[\s-]+(\d{4})$`), (m) => monthSpan(n(m, 2), monthOf(m[1] ?? ''))],
  [/^(\d{9,13})(?:\.\d+)?$/, (m) => epochSpan(n(m, 1))],
]

/**
 * The readings of a line's x label as spans of days: none when it names no date ("Semaine 1", "Total"). A day in any
 * written form, a datetime (loose), epoch seconds or milliseconds, a month ("2026-11", "11/2026", "nov. 2026",
 * "novembre 2026", "November 2026"), an ISO week ("2026-W45"), a year.
 */
export function labelReadings(label: string): DaySpan[] {
  const text = fold(label).trim().replace(/\s+/g, ' ')
  for (const [re, read] of FORMS) {
    const m = re.exec(text)
    if (m !== null) return read(m)
  }
  return []
}

/** A span's first day as ISO text (for messages and tests). */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** Days since the epoch of an ISO day's written date ("2026-11-24T23:59:59+01:00" is the 24th). */
export const isoDayNumber = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS
