// Whether a ground truth applies to an answer: its figures hold for the days a service searched on the day the truth
// was made, so an answer that searched other days (another "le mois dernier", a 30-day window ending another day)
// cannot be confronted with them — its figures differing from the truth's would say nothing of the answer (review
// 2026-12: a truth made on 2026-10-15 failed 11 of 15 answers of a service whose today was 2026-11-24, NO-GO).
// The days searched come from the wire only (v2 `query.filters.date`, v3 `metadata.elasticsearch_query.filters.date`:
// NormalizedTurn.searchedDates), never from the answer's text, whose stated range is a claim the truth must judge.
// The truth's days for a question: its own `period` when the file states it (exact days), else its `account.asOf`
// placing the period the question asks (checks/period-asked.ts periodsAsked): a period named with its year holds
// the same days on any later day; one placed by the service's today (relative, or none asked: a default window)
// tells which days could have been "today" when it was searched, and the truth's day must be one of them.
import { type GroundTruth, type TruthQuestion, truthDay } from '../../../core/ground-truth.ts'
import type { TruthPeriodRecord } from '../../../core/model.ts'
import { periodsAsked } from '../checks/period-asked.ts'
import type { DayRange, PeriodMention } from '../grounding/figures.ts'
import type { NormalizedTurn } from '../turn.ts'

type Relative = Extract<PeriodMention, { kind: 'relative' }>
type Unit = Relative['unit']

export interface TruthPeriodVerdict extends TruthPeriodRecord {
  /** The days the answer searched (ISO), null when its wire does not show them. */
  searched: DayRange | null
  /** The truth's own days for the question (its `period`), null when `asOf` places them. */
  period: DayRange | null
  /** The day the truth was made (`account.asOf` as written), null when the file names none. */
  asOf: string | null
}

const DAY_MS = 86_400_000
const dayNumber = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS
const dateOf = (day: number): Date => new Date(day * DAY_MS)
const utcDay = (y: number, m0: number, d: number): number => Date.UTC(y, m0, d) / DAY_MS

/** The first and last day of the calendar unit holding `day` (a week: the 7 days from `day`, its start being unknown). */
function unitBounds(unit: Unit, day: number): [number, number] {
  const d = dateOf(day)
  const y = d.getUTCFullYear()
  const m0 = d.getUTCMonth()
  switch (unit) {
    case 'mois':
      return [utcDay(y, m0, 1), utcDay(y, m0 + 1, 0)]
    case 'trimestre': {
      const q0 = m0 - (m0 % 3)
      return [utcDay(y, q0, 1), utcDay(y, q0 + 3, 0)]
    }
    case 'an':
      return [utcDay(y, 0, 1), utcDay(y, 11, 31)]
    case 'semaine':
      return [day, day + 6]
    default:
      return [day, day]
  }
}

/** A whole calendar unit: a day, a week starting on a Monday or a Sunday, a calendar month, quarter or year. */
function wholeUnit(unit: Unit, from: number, to: number): boolean {
  if (unit === 'semaine') return to - from === 6 && [0, 1].includes(dateOf(from).getUTCDay())
  const [start, end] = unitBounds(unit, from)
  return from === start && to === end
}

/**
 * The days that could have been the service's today when it searched [from, to] for this relative period (none:
 * a default window, which ends today). "Ce mois-ci" searched whole (through the month's end) was searched on any
 * of its days, else up to today; "le mois dernier" searched whole was searched in the month after, a rolling one
 * (30 days ending yesterday or today) on its last day or the next.
 */
function possibleTodays(asked: Relative | null, from: number, to: number): [number, number] {
  if (asked === null) return [to, to]
  const whole = wholeUnit(asked.unit, from, to)
  if (asked.rel === 'current') return whole ? [from, to] : [to, to]
  return whole ? [to + 1, unitBounds(asked.unit, to + 1)[1]] : [to, to + 1]
}

type Asked = ReturnType<typeof periodsAsked>[number]
const withYear = (a: Asked): boolean => a.kind === 'date' && a.year !== null

/**
 * What the days searched for a question say of the day they were searched: `fixed` — named with its year ("le 1er
 * janvier 1970", "en mars 2026"), the same days on any day from their last on; `today` — that day exactly (a
 * default window, a period to date); `span` — a day within a span (a whole "mois dernier": any day of the month
 * after; a month named without its year: its latest occurrence, within the year after its first day).
 */
function todaysOf(question: string, from: number, to: number): { anchor: TruthPeriodRecord['anchor']; lo: number; hi: number } {
  const asked = periodsAsked(question)
  if (asked.length > 0 && asked.every(withYear)) return { anchor: 'fixed', lo: to, hi: Number.POSITIVE_INFINITY }
  const relatives = asked.filter((a): a is Relative => a.kind === 'relative')
  if (asked.length > 0 && relatives.length === 0) return { anchor: 'span', lo: to, hi: from + 365 }
  const [lo, hi] = possibleTodays(relatives[0] ?? null, from, to)
  return { anchor: lo === hi ? 'today' : 'span', lo, hi }
}

const days = (r: DayRange): DayRange => ({ from: r.from.slice(0, 10), to: r.to.slice(0, 10) })

/**
 * The truth's period against the days this answer searched; null when the truth is undated for this question (no
 * `period`, no `account.asOf`): it is confronted as it always was.
 */
export function truthPeriodOf(
  question: string,
  expected: TruthQuestion,
  truth: Pick<GroundTruth, 'account'>,
  turn: NormalizedTurn,
): TruthPeriodVerdict | null {
  const asOf = truthDay(truth)
  const period = expected.period ?? null
  if (period === null && asOf === null) return null
  const searched = turn.searchedDates === undefined ? null : days(turn.searchedDates)
  const from = searched === null ? Number.NaN : dayNumber(searched.from)
  const to = searched === null ? Number.NaN : dayNumber(searched.to)
  if (searched === null || Number.isNaN(from) || Number.isNaN(to)) return { fit: 'not_observable', anchor: null, searched: null, period, asOf }
  const todays = todaysOf(question, from, to)
  // The file's own days for the question, else: could a service whose today was `asOf` have searched these days?
  const applies =
    period !== null
      ? searched.from === period.from && searched.to === period.to
      : dayNumber(asOf as string) >= todays.lo && dayNumber(asOf as string) <= todays.hi
  return { fit: applies ? 'applies' : 'other_period', anchor: todays.anchor, searched, period, asOf }
}
