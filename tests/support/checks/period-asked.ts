// The period asked (docs/suite-rules.md §4, question-asked.ts extended to periods): an answer about another period
// than the one the question names is not its answer — asked "le mois dernier", answered "Ce mois-ci (du 1er au 4
// décembre 2026)" with the search on 2026-12-01..04. Without a ground-truth file, the evidence is the answer's own:
// - the relative periods its own words name (own-text.ts: the question's echo and quotes removed), read by the
//   grounding's period parser (grounding/figures.ts periodMentions): "ce mois-ci" is not "le mois dernier";
// - the ranges it states ("du 1er au 4 décembre 2026") and the range it searched (v2 `query.filters.date`), judged
//   by their SHAPE: "le mois dernier" is a whole calendar month or a rolling month (27–32 days), "ce mois-ci" starts
//   on a 1st and stays in that month, "cette semaine" spans at most 8 days, "aujourd'hui" one day (two across
//   midnight); a named month or year must contain the range. Shapes need no clock: the target's "now" (the
//   reference's REFERENCE_NOW, a real service's today, another time zone) never makes a healthy answer fail.
// The answer fails when it states periods (relative ones or ranges) and none agrees with any period asked — and when
// it names relative periods and none of them agrees, whatever its ranges' shape (a week of two days is not today); dates it
// merely mentions ("le 9 juin") never make it fail (a detail inside the period), and a comparison's baseline in the
// question ("… avec le mois dernier") is no period asked.
import { MONTH_NAMES, WORD_END } from './calendar-words.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { isoDay } from '../../../core/utc-text.ts'
import { type DayRange, foldKeep, isPreviousRange, type OwnRange, type PeriodMention, periodMentions, statedDayRanges } from '../grounding/figures.ts'
import type { NormalizedTurn } from '../turn.ts'
import { ownWords } from './own-text.ts'
import { type Claim, coverageClaims, framingSpans } from './period-coverage.ts'

type Relative = Extract<PeriodMention, { kind: 'relative' }>
type DateMention = Extract<PeriodMention, { kind: 'date' }>
type Asked = Relative | DateMention
interface Range {
  from: Date
  to: Date
  text: string
}

const MONTHS = MONTH_NAMES
const DAY_MS = 86_400_000
// A month as a whole word ("du 1er au 3 maisons" states no range).
const M = `(${MONTHS.join('|')})${WORD_END}`
const RANGE = new RegExp(String.raw`\bdu\s+(1er|\d{1,2})(?:\s+${M})?(?:\s+(\d{4}))?\s+au\s+(1er|\d{1,2})\s+${M}(?:\s+(\d{4}))?`, 'gu')

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d))
const days = (r: Range): number => Math.round((r.to.getTime() - r.from.getTime()) / DAY_MS) + 1
const dayOf = (s: string): number => (s === '1er' ? 1 : Number(s))
const monthEnd = (d: Date): number => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()

/** The ranges a (folded) text states: "du 1er au 31 octobre 2026", "du 26 octobre au 24 novembre 2026". */
export function statedRanges(folded: string): Range[] {
  const out: Range[] = []
  for (const m of folded.matchAll(RANGE)) {
    const toMonth = MONTHS.indexOf(m[5] ?? '') + 1
    const toYear = m[6] !== undefined ? Number(m[6]) : m[3] !== undefined ? Number(m[3]) : null
    if (toYear === null) continue
    const fromMonth = m[2] !== undefined ? MONTHS.indexOf(m[2]) + 1 : toMonth
    const fromYear = m[3] !== undefined ? Number(m[3]) : fromMonth > toMonth ? toYear - 1 : toYear
    out.push({ from: utc(fromYear, fromMonth, dayOf(m[1] ?? '1')), to: utc(toYear, toMonth, dayOf(m[4] ?? '1')), text: m[0] })
  }
  return out
}

const isRel = (p: PeriodMention): p is Relative => p.kind === 'relative' && p.rel !== 'other' && p.unit !== 'periode'
const lastLike = (r: Relative['rel']): 'last' | 'current' | 'other' => (r === 'prev' ? 'last' : r)

/** Does a range have the shape of a relative period? (see the header) */
function rangeFits(asked: Relative, r: Range): boolean {
  const n = days(r)
  const sameMonth = r.from.getUTCMonth() === r.to.getUTCMonth() && r.from.getUTCFullYear() === r.to.getUTCFullYear()
  const sameYear = r.from.getUTCFullYear() === r.to.getUTCFullYear()
  const current = lastLike(asked.rel) === 'current'
  switch (asked.unit) {
    case 'jour':
      return n <= 2
    case 'semaine':
      return current ? n <= 8 : n >= 6 && n <= 8
    case 'mois':
      if (current) return r.from.getUTCDate() === 1 && sameMonth
      return (r.from.getUTCDate() === 1 && sameMonth && r.to.getUTCDate() === monthEnd(r.to)) || (n >= 27 && n <= 32)
    case 'trimestre':
      return current ? n <= 92 && r.from.getUTCDate() === 1 && r.from.getUTCMonth() % 3 === 0 : n >= 88 && n <= 93
    case 'an':
      if (current) return r.from.getUTCMonth() === 0 && r.from.getUTCDate() === 1 && sameYear
      return (sameYear && n >= 365) || (n >= 364 && n <= 367)
    default:
      return true
  }
}

/** A range inside a named month or year ("en octobre 2026", "en 2025"), a day's slack each side. */
function rangeInside(asked: DateMention, r: Range): boolean {
  if (asked.year === null && asked.month === null) return true
  const y = asked.year ?? r.from.getUTCFullYear()
  const from = asked.month === null ? utc(y, 1, 1) : utc(y, asked.month, asked.day ?? 1)
  const to = asked.month === null ? utc(y, 12, 31) : asked.day !== null ? from : utc(y, asked.month, monthEnd(from))
  return r.from.getTime() >= from.getTime() - DAY_MS && r.to.getTime() <= to.getTime() + DAY_MS
}

/** A named day, month or year as a range (null without a year: it cannot be placed). */
function pointRange(p: DateMention): Range | null {
  if (p.year === null) return null
  const from = utc(p.year, p.month ?? 1, p.day ?? 1)
  const to = p.month === null ? utc(p.year, 12, 31) : p.day !== null ? from : utc(p.year, p.month, monthEnd(from))
  return { from, to, text: '' }
}

const rangeAgrees = (asked: Asked, r: Range): boolean => (asked.kind === 'relative' ? rangeFits(asked, r) : rangeInside(asked, r))
/** A relative period said agrees with the same relative period asked; against a named date it cannot be told (agrees). */
const relativeAgrees = (asked: Asked, said: Relative): boolean =>
  asked.kind !== 'relative' || (asked.unit === said.unit && lastLike(asked.rel) === lastLike(said.rel))

/** The periods a question asks about (a comparison's baseline excepted), read once per question text. */
const askedCache = new Map<string, Asked[]>()
export function periodsAsked(question: string): Asked[] {
  let asked = askedCache.get(question)
  if (asked === undefined) {
    const own = foldKeep(question).replace(/(?:compar|par rapport|versus|\bvs\b).*$/, '')
    asked = periodMentions(own).filter((p): p is Asked => isRel(p) || (p.kind === 'date' && (p.month !== null || p.year !== null)))
    if (askedCache.size >= 1024) askedCache.clear()
    askedCache.set(question, asked)
  }
  return asked
}

const name = (p: Asked): string =>
  p.kind === 'relative' ? `${p.rel}:${p.unit}` : [p.day, p.month === null ? null : MONTHS[p.month - 1], p.year].filter((x) => x !== null).join(' ')

// What an answer says of other periods than its own, blanked before its periods are read (review 2026-12-04: each
// failed a healthy answer): a comparison's baseline ("moins que le mois dernier", "par rapport à la semaine
// dernière", "contre 250 € le mois précédent"), and "ce mois-là", which points back to a period already named.
const COMPARED =
  /\b(?:que|qu'|qu’|rapport (?:a|au|aux)|compar\w*(?: a| au| avec)?|contre|versus|vs|comme|identique a|inferieur\w* a|superieur\w* a|au lieu)\b[^.!?\n]{0,40}?\b(?:(?:le|la|l'|au|a|en|cette|ce|cet|du|de)\s+)*(?:jour|semaine|mois|trimestre|annee|an)\s+(?:dernier\w*|precedent\w*|passe\w*)/g
const ANAPHORIC = /\b(?:ce|cette|cet)\s+(?:jour|semaine|mois|trimestre|annee|an)\s*-\s*la\b/g
const blankOf = (m: string): string => ' '.repeat(m.length)

// "Aujourd'hui" outside the statements that frame the answer (period-coverage.ts framingSpans) names a day of it when
// the period asked is a current one that holds today ("cette semaine", "ce mois-ci", "cette année"): "La plus
// importante : un billet SNCF de 66,40 € aujourd'hui." is a detail of this week's answer (review 2026-12-08: it
// failed as an answer about today, NO-GO). In the headline's clause, an opening or a heading it still is the
// answer's period ("Aujourd'hui, vous avez dépensé 66,40 €." for "cette semaine" fails). "Hier", "avant-hier" and
// "la veille" are days of it too (review 2026-12-05: "… 6 transactions pour 184,43 €. Hier, une course Uber (13,43 €)"
// failed as an answer about yesterday); a weekday or "ce matin" names no period at all. A headline about yesterday
// ("Hier, vous avez dépensé 13,43 €.") still fails for the week, as it does for today.
const TODAY = /\b(?:aujourd'hui|avant-hier|hier|la veille)\b/g
const holdsToday = (asked: Asked[]): boolean => asked.some((a) => a.kind === 'relative' && a.rel === 'current' && a.unit !== 'jour')

/** `folded` with each day word ("aujourd'hui", "hier") outside the framing spans blanked, when the period asked holds today. */
function blankDetailDays(asked: Asked[], own: string, folded: string): string {
  if (!holdsToday(asked)) return folded
  const spans = framingSpans(own)
  const framing = (i: number): boolean => spans.some(([from, to]) => i >= from && i < to)
  return folded.replace(TODAY, (m, i: number) => (framing(i) ? m : blankOf(m)))
}

/** The answer's own text about its period against the period asked. */
function textDisagrees(asked: Asked[], turn: NormalizedTurn, question: string): Reason | null {
  const own = ownWords(turn.message.slice(0, 8_000), question)
  const folded = blankDetailDays(asked, own, foldKeep(own)).replace(COMPARED, blankOf).replace(ANAPHORIC, blankOf)
  const mentions = periodMentions(folded)
  const relatives = mentions.filter(isRel)
  const ranges = statedRanges(folded)
  if (relatives.length + ranges.length === 0) return null
  // A date the answer names ("le 1er janvier 1970") inside a named date asked is about it; it never disagrees.
  const points = mentions.flatMap((p) => (p.kind === 'date' ? [pointRange(p)] : [])).filter((r): r is Range => r !== null)
  // A whole month or year the answer names ("En décembre 2026") has the shape of a relative period asked ("ce mois"):
  // without the target's clock it cannot be told apart, so it agrees (review 2026-12-04: it failed a healthy answer).
  const named = mentions.flatMap((p) => (p.kind === 'date' && p.day === null ? [pointRange(p)] : [])).filter((r): r is Range => r !== null)
  // What the answer names in words outranks the shape of its ranges: "Cette semaine (du 23 au 24 novembre 2026)"
  // answers the week, even though two days also have the shape of "aujourd'hui" across midnight (a review got GO
  // with the week's answer to "Combien j'ai dépensé aujourd'hui ?", 2026-12-04). A range agrees only in an answer
  // that names no relative period; "Aujourd'hui (du 23 au 24 novembre)" still does, by its word.
  const wordsAgree = (a: Asked): boolean =>
    relatives.some((s) => relativeAgrees(a, s)) ||
    (a.kind === 'date' && points.some((r) => rangeInside(a, r))) ||
    (a.kind === 'relative' && named.some((r) => rangeFits(a, r)))
  const agrees = asked.some((a) => wordsAgree(a) || (relatives.length === 0 && ranges.some((r) => rangeAgrees(a, r))))
  if (agrees) return null
  const said = [...relatives.map((r) => `${r.rel}:${r.unit}`), ...ranges.map((r) => `${isoDay(r.from)}..${isoDay(r.to)}`)]
  return reason('check.asked.period', { asked: asked.map(name), said: [...new Set(said)].slice(0, 3) })
}

/** The range the service searched (v2 query.filters.date) against the period asked. */
function searchDisagrees(asked: Asked[], turn: NormalizedTurn): Reason | null {
  const searched = turn.searchedDates
  if (searched === undefined) return null
  const from = new Date(`${searched.from.slice(0, 10)}T00:00:00Z`)
  const to = new Date(`${searched.to.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null
  const range = { from, to, text: '' }
  if (asked.some((a) => rangeAgrees(a, range))) return null
  return reason('check.asked.period_searched', { asked: asked.map(name), from: isoDay(from), to: isoDay(to) })
}

const COMPARISON = /(?:compar|par rapport|versus|\bvs\b)/
// A comparison with the previous year: "par rapport à l'an dernier", "à l'année dernière / précédente", "il y a un
// an", "sur un an", or a year named on the comparison's side ("par rapport à 2025"). Its other side is the same
// period a year earlier (or in the year named), not another period (review judge2: "En octobre 2025, vous aviez
// dépensé 1 100,00 €, et en octobre 2026, 1 234,56 €." failed for "octobre 2026 par rapport à l'an dernier").
const YEAR_BEFORE =
  /\b(?:l'an (?:dernier|passe|precedent)|l'annee (?:derniere|passee|precedente)|(?:un|1) an (?:plus tot|avant|auparavant)|il y a (?:un|1) an|sur (?:un|1) an|d'une annee sur l'autre|annee precedente)\b/
const COMPARED_SIDE = /(?:compar|par rapport|versus|\bvs\b).*$/
const EVOLUTION = /\b(?:evolution|evolue|variation|progression|d'une annee sur l'autre)/

/** The year shift to the comparison's other side (-1: a year earlier; a year: that year), null when it is no year. */
const yearSideCache = new Map<string, { back: number } | { year: number } | null>()
function comparedYear(question: string): { back: number } | { year: number } | null {
  if (yearSideCache.has(question)) return yearSideCache.get(question) ?? null
  const folded = foldKeep(question)
  let side: { back: number } | { year: number } | null = null
  // Only on the comparison's side ("par rapport à l'an dernier") or in a question about an evolution ("évolution
  // sur un an"): « Combien ai-je dépensé en octobre 2025, il y a un an ? » asks one period and compares nothing,
  // so October 2024 stays another period there.
  const compared = COMPARED_SIDE.exec(folded)?.[0] ?? ''
  if (YEAR_BEFORE.test(compared) || (EVOLUTION.test(folded) && YEAR_BEFORE.test(folded))) side = { back: 1 }
  else {
    // "par rapport à 2025" names a year, not a month of it: "par rapport à septembre 2025" is another month.
    const year = /\b((?:19|20)\d{2})\b/.exec(compared)
    const months = periodMentions(compared).some((p) => p.kind === 'date' && p.month !== null)
    if (year !== null && !months) side = { year: Number(year[1]) }
  }
  if (yearSideCache.size >= 1024) yearSideCache.clear()
  yearSideCache.set(question, side)
  return side
}

/** A day range moved to the comparison's other year (the day clipped to its month's end: 29 February). */
function shiftedRange(r: DayRange, side: { back: number } | { year: number }): DayRange {
  const move = (day: string): string => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    const year = 'year' in side ? side.year + (y - Number(r.to.slice(0, 4))) : y - side.back
    return isoDay(utc(year, m, Math.min(d, new Date(Date.UTC(year, m, 0)).getUTCDate())))
  }
  return { from: move(r.from), to: move(r.to) }
}

/** The named dates asked, moved to the comparison's other year: the other side of "octobre 2026 par rapport à 2025". */
function otherSideAsked(asked: Asked[], question: string): Asked[] {
  const side = comparedYear(question)
  if (side === null) return []
  return asked.flatMap((a) => (a.kind === 'date' && a.year !== null ? [{ ...a, year: 'year' in side ? side.year : a.year - side.back }] : []))
}
const asRange = (r: DayRange): Range => ({ from: new Date(`${r.from}T00:00:00Z`), to: new Date(`${r.to}T00:00:00Z`), text: '' })

/**
 * The days the answer covers: the range the service searched (v2 query.filters.date, v3
 * metadata.elasticsearch_query.filters.date) — the data's own days, which a range the text states never replaces
 * (review 2026-12-05: "Du 1er au 30 septembre 2026, vous avez dépensé…" beside data on October passed on v3); else,
 * without it (a v3 search stating no days, a stream), the first range its text states that has the shape of the period asked — never merely the first range, which a made-up
 * leading one ("Mise à jour du 1er au 2 novembre") would make the answer's own (review 2026-12-05). The suite has no
 * clock of the target (REFERENCE_NOW is the service's; a real service has its own today), so the period asked is
 * placed by its shape, as the rest of this check does. A question naming no period: the first range stated.
 * `comparison`: the question compares, so the period immediately before may be named (figures.ts isPreviousRange).
 */
export function answerRange(question: string, turn: NormalizedTurn): OwnRange | null {
  const comparison = COMPARISON.test(foldKeep(question))
  const searched = turn.searchedDates
  if (searched !== undefined) return { from: searched.from.slice(0, 10), to: searched.to.slice(0, 10), comparison }
  const ranges = statedDayRanges(foldKeep(turn.message.slice(0, 8_000)))
  const asked = periodsAsked(question)
  const fitting = asked.length === 0 ? ranges[0] : ranges.find((r) => asked.some((a) => rangeAgrees(a, asRange(r))))
  return fitting === undefined ? null : { ...fitting, comparison }
}

/** The same days in the compared year, when the question compares with a previous year (comparedYear). */
function yearSide(own: DayRange, question: string): DayRange | null {
  const side = comparedYear(question)
  return side === null ? null : shiftedRange(own, side)
}

/** The own range and the comparison's other sides it may name: the month before, the same days in the compared year. */
function ownSides(own: OwnRange, question: string): DayRange[] {
  const year = yearSide(own, question)
  return [own, ...(own.comparison === true ? [previousMonth(own)] : []), ...(year === null ? [] : [year])]
}

const outsideOf = (r: DayRange, own: OwnRange, question: string): boolean => {
  const year = yearSide(own, question)
  const inYearSide = year !== null && r.from >= year.from && r.to <= year.to
  return (r.to < own.from || r.from > own.to) && !(own.comparison === true && isPreviousRange(r, own)) && !inYearSide
}

/** The months (1–12) a range spans; all twelve from a year on. */
function monthsOf(own: DayRange): Set<number> {
  const out = new Set<number>()
  const [y0, m0] = own.from.split('-').map(Number) as [number, number]
  const [y1, m1] = own.to.split('-').map(Number) as [number, number]
  for (let i = 0; i <= Math.min(11, (y1 - y0) * 12 + m1 - m0); i++) out.add(((m0 - 1 + i) % 12) + 1)
  return out
}

/** The whole calendar month before a range's first day. */
function previousMonth(own: DayRange): DayRange {
  const [y, m] = own.from.split('-').map(Number) as [number, number]
  return { from: isoDay(utc(y, m - 1, 1)), to: isoDay(utc(y, m, 0)) }
}

const UNIT_DAYS: Record<Relative['unit'], number> = { jour: 1, semaine: 7, mois: 28, trimestre: 89, an: 365, periode: 0 }

/**
 * A named month or year the answer says it covers against its own range (it must overlap it) — else, without one,
 * against the period asked: a named date must overlap it, a relative period have its shape or lie inside the name
 * ("septembre 2026" for "cette semaine" can hold the week; for "cette année" it is one month). A month without a
 * year cannot be placed without the own range.
 */
function namedAgrees(asked: Asked[], own: OwnRange | null, month: number | null, year: number | null, question: string): boolean {
  if (own !== null) {
    // A comparison may name the period before its own as it may state its range (outsideOf): "Octobre 2026 (même
    // période) : 2 514,24 €" beside November searched (review 2026-12-07); with the previous year, the same period a
    // year earlier ("octobre 2025" beside October 2026 searched, asked "par rapport à l'an dernier").
    const ranges = ownSides(own, question)
    if (year === null) return month === null || ranges.some((o) => monthsOf(o).has(month))
    const r = pointRange({ kind: 'date', day: null, month, year })
    return r === null || ranges.some((o) => !(isoDay(r.to) < o.from || isoDay(r.from) > o.to))
  }
  const r = pointRange({ kind: 'date', day: null, month, year })
  if (r === null) return true
  return asked.length === 0 || asked.some((a) => (a.kind === 'relative' ? rangeFits(a, r) || days(r) > UNIT_DAYS[a.unit] : overlaps(a, r)))
}

function overlaps(a: DateMention, r: Range): boolean {
  const p = pointRange(a)
  return p === null || !(r.to < p.from || r.from > p.to)
}

function claimAgrees(asked: Asked[], own: OwnRange | null, c: Claim, question: string): boolean {
  if (c.kind === 'relative') return asked.length === 0 || asked.some((a) => relativeAgrees(a, { kind: 'relative', rel: c.rel, unit: c.unit }))
  if (c.kind === 'named') return namedAgrees(asked, own, c.month, c.year, question)
  if (own !== null) return !outsideOf(c.days, own, question)
  return asked.length === 0 || asked.some((a) => rangeAgrees(a, asRange(c.days)))
}

/** A claim as the reason names it: "last:mois", a range or a named month/year as ISO days, a month without a year. */
function claimName(c: Claim): string {
  if (c.kind === 'relative') return `${c.rel}:${c.unit}`
  if (c.kind === 'range') return `${c.days.from}..${c.days.to}`
  const r = c.year === null ? null : pointRange({ kind: 'date', day: null, month: c.month, year: c.year })
  return r === null ? (MONTHS[(c.month ?? 1) - 1] ?? '') : `${isoDay(r.from)}..${isoDay(r.to)}`
}

/**
 * Every statement of what the answer covers (period-coverage.ts: the headline's own clause, its opening, a heading, an
 * explicit framing of its data) against the answer's own range — the range searched, else the
 * range stated with the shape asked (answerRange) — and, without one, against the period asked: "Du 1er au 30
 * septembre 2026. Vous avez dépensé 2 661,93 €." beside data on October presents another month as the answer's
 * (review 2026-12-06), as "Du 1er au 31 octobre 2025, vous avez dépensé 2 961,93 €" did in the headline's clause
 * (review 2026-12-05). A comparison's previous period, when the question compares, is no other period.
 */
function coverageDisagrees(asked: Asked[], turn: NormalizedTurn, question: string): Reason | null {
  const own = answerRange(question, turn)
  // A relative period not asked names another period, with its attached days; "précédent" always does.
  const relatives = asked.filter((a): a is Relative => a.kind === 'relative')
  const isAsked = (r: Relative): boolean => (relatives.length === 0 ? r.rel !== 'prev' : relatives.some((a) => a.rel === r.rel && a.unit === r.unit))
  const year = own === null ? null : Number(own.to.slice(0, 4))
  // Without an own range, a comparison with the previous year names the dates asked a year earlier (otherSideAsked).
  const sides = own === null ? [...asked, ...otherSideAsked(asked, question)] : asked
  const wrong = coverageClaims(ownWords(turn.message.slice(0, 8_000), question), isAsked, year).find((c) => !claimAgrees(sides, own, c, question))
  if (wrong === undefined) return null
  const ownName = own === null ? [] : [`${own.from}..${own.to}`]
  return reason('check.asked.period', { asked: asked.length > 0 ? asked.map(name) : ownName, said: [claimName(wrong)] })
}

/** Failures for an answer about another period than the one asked (text, and the searched range where the wire has it). */
export function checkPeriodAsked(question: string, turn: NormalizedTurn): Reason[] {
  const asked = periodsAsked(question)
  const coverage = coverageDisagrees(asked, turn, question)
  if (asked.length === 0) return coverage === null ? [] : [coverage]
  const text = textDisagrees(asked, turn, question) ?? coverage
  return [text, searchDisagrees(asked, turn)].filter((r): r is Reason => r !== null)
}
