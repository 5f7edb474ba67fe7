// The comparison's baseline (docs/suite-rules.md §4 "Another period"): a question that compares with a relative
// period ("Comparaison avec le mois dernier", "… par rapport à la semaine dernière") asks for THAT baseline — the month
// before, beside the current month — not another granularity. A review got GO on « Comparaison avec le mois dernier »
// answered week over week ("Cette semaine … la même période de la semaine dernière") or year over year: period-asked.ts
// reads no period asked in a comparison's side, so nothing held the answer to its baseline. Without a ground-truth file
// the evidence is the answer's own, each source judged apart:
// - its text (own-text.ts: echo and quotes removed): the relative periods it names (a previous period of another unit,
//   "la semaine dernière", or another current period as its first period, "Cette semaine …"), and the distance between
//   the two sides it states — two ranges of about the same length ("du 1er au 24 novembre" / "du 1er au 24 octobre":
//   a month apart), two named months or years ("novembre 2026 … octobre 2026");
// - what the service carries (v2): an insight's `current_period` / `previous_period` (their distance), and the range it
//   searched (its shape: a month comparison never searches two days, nor eleven months).
// A source fails when it holds evidence of another baseline and none of the one asked; days named in passing ("hier",
// "aujourd'hui") are details of a longer period, never its side. Healthy: « novembre 2026 (jusqu'au 24) comparé à
// octobre 2026 », « par rapport au mois précédent », « le mois dernier à la même date ».
import { type Reason, reason } from '../../../core/reason.ts'
import { type DayRange, foldKeep, type PeriodMention, periodMentions, statedDayRanges, statedFigures } from '../grounding/figures.ts'
import type { NormalizedTurn } from '../turn.ts'
import { MONTH_NAMES } from './calendar-words.ts'
import { ownWords } from './own-text.ts'
import { periodsAsked } from './period-asked.ts'

type Unit = 'jour' | 'semaine' | 'mois' | 'trimestre' | 'an'
type Relative = Extract<PeriodMention, { kind: 'relative' }>

const DAY_MS = 86_400_000
const COMPARED_SIDE = /(?:compar|par rapport|versus|\bvs\b|evolution depuis)(.*)$/
const isUnit = (u: Relative['unit']): u is Unit => u !== 'periode'

/** The unit of the baseline a comparison question names ("avec le mois dernier" → mois); null when it names none. */
const baselineCache = new Map<string, Unit | null>()
export function baselineAsked(question: string): Unit | null {
  if (baselineCache.has(question)) return baselineCache.get(question) ?? null
  const side = COMPARED_SIDE.exec(foldKeep(question))?.[1] ?? ''
  const baseline = periodMentions(side).find((p): p is Relative => p.kind === 'relative' && (p.rel === 'last' || p.rel === 'prev') && isUnit(p.unit))
  const unit = baseline === undefined ? null : (baseline.unit as Unit)
  if (baselineCache.size >= 1024) baselineCache.clear()
  baselineCache.set(question, unit)
  return unit
}

/** The unit two sides `days` apart are of (a day, a week, a calendar or rolling month, a quarter, a year); null: none. */
function unitApart(days: number): Unit | null {
  const d = Math.abs(days)
  if (d >= 1 && d <= 2) return 'jour'
  if (d >= 6 && d <= 8) return 'semaine'
  if (d >= 27 && d <= 32) return 'mois'
  if (d >= 88 && d <= 93) return 'trimestre'
  if (d >= 363 && d <= 367) return 'an'
  return null
}
const MONTHS_APART: Readonly<Record<number, Unit>> = { 1: 'mois', 3: 'trimestre', 12: 'an' }

const ms = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
const length = (r: DayRange): number => Math.round((ms(r.to) - ms(r.from)) / DAY_MS) + 1

/** Two stated sides and the unit they are apart. */
interface Pair {
  unit: Unit
  said: string
}

/** Pairs of ranges of about the same length (a comparison's two sides), with the unit between their starts. */
function rangePairs(ranges: readonly DayRange[]): Pair[] {
  const out: Pair[] = []
  for (let i = 0; i < ranges.length; i++)
    for (let j = i + 1; j < ranges.length; j++) {
      const [a, b] = [ranges[i] as DayRange, ranges[j] as DayRange]
      if (Math.abs(length(a) - length(b)) > Math.max(3, length(a) / 10)) continue
      const unit = unitApart(Math.round((ms(a.from) - ms(b.from)) / DAY_MS))
      if (unit !== null) out.push({ unit, said: `${a.from}..${a.to} / ${b.from}..${b.to}` })
    }
  return out
}

/** Pairs of named months ("novembre 2026", "octobre 2026") or years ("2026", "2025"), with the unit between them. */
function namedPairs(mentions: readonly PeriodMention[]): Pair[] {
  const named = mentions.flatMap((p) => (p.kind === 'date' && p.day === null && p.year !== null ? [{ year: p.year, month: p.month }] : []))
  const out: Pair[] = []
  for (let i = 0; i < named.length; i++)
    for (let j = i + 1; j < named.length; j++) {
      const [a, b] = [named[i] as { year: number; month: number | null }, named[j] as { year: number; month: number | null }]
      if ((a.month === null) !== (b.month === null)) continue
      const apart = a.month === null || b.month === null ? Math.abs(a.year - b.year) * 12 : Math.abs(a.year * 12 + a.month - (b.year * 12 + b.month))
      const unit = MONTHS_APART[apart]
      const name = (x: { year: number; month: number | null }): string =>
        x.month === null ? `${x.year}` : `${x.year}-${String(x.month).padStart(2, '0')}`
      if (unit !== undefined) out.push({ unit, said: `${name(a)} / ${name(b)}` })
    }
  return out
}

/** What one source says of the sides it compares: the units it agrees with and the ones it names instead. */
interface Evidence {
  agrees: boolean
  other: string[]
}

// The month before, said without "mois dernier" (review 2026-12-06: healthy answers failed once a week or a year was
// named in passing): "par rapport au mois précédent / d'avant", "d'un mois sur l'autre", "à la même date en octobre",
// "par rapport à octobre", "contre … au 24 octobre", or two months a month apart, with or without their year.
const MONTH_WORDS = MONTH_NAMES.join('|')
const MONTH_WORDS_BEFORE = String.raw`\bmois (?:precedent|d'avant|anterieur)\b|\bd'un mois (?:a|sur) l'autre\b`
// "à la même date en octobre", "par rapport à octobre": the month named right after the words that compare.
const MONTH_SIDE_TIGHT = new RegExp(
  String.raw`\b(?:(?:meme|memes) (?:date|jours|periode|epoque)s? (?:en|d'|de|qu'en) ?|(?:par rapport|compare|comparee|contre|vs\.?|face) (?:a |au |avec )?(?:(?:la meme (?:date|periode)|le mois|au mois) (?:en |d'|de ))?)(${MONTH_WORDS})\b(?! \d{4})`,
  'g',
)
// "contre 2 514,24 € au 24 octobre": the month a little further, which counts beside the month after it.
const MONTH_SIDE_LOOSE = new RegExp(
  String.raw`\b(?:contre|vs\.?|par rapport|compare|comparee)\b[^.;!?\n(]{0,30}?\b(?:au |en |d'|de |le )(?:\d{1,2} )?(${MONTH_WORDS})\b(?! \d{4})`,
  'g',
)
const MONTH_NAMED = new RegExp(String.raw`\b(${MONTH_WORDS})\b`, 'g')
const monthIndex = (word: string | undefined): number => MONTH_NAMES.indexOf(word as (typeof MONTH_NAMES)[number])

/** The month before named as the comparison's side; a month of the answer's own period, or of another year, is none. */
function monthBaselineSaid(folded: string): boolean {
  if (new RegExp(MONTH_WORDS_BEFORE).test(folded)) return true
  const named = new Set([...folded.matchAll(MONTH_NAMED)].map((m) => monthIndex(m[1])))
  const followedByNext = (m: RegExpMatchArray): boolean => named.has((monthIndex(m[1]) + 1) % 12)
  const tight = [...folded.matchAll(MONTH_SIDE_TIGHT)]
  // Tight: the month before the answer's own, or no other month named at all ("Par rapport à octobre : …").
  if (tight.some((m) => followedByNext(m) || named.size === 1)) return true
  return [...folded.matchAll(MONTH_SIDE_LOOSE)].some(followedByNext)
}

/** The text's evidence (module header): relative periods named, and the distance between the sides it states. */
function textEvidence(unit: Unit, turn: NormalizedTurn, question: string): Evidence {
  const folded = foldKeep(ownWords(turn.message.slice(0, 8_000), question))
  const mentions = periodMentions(folded)
  // A current period counts where the answer states its own: before its first figure ("Cette semaine (…), vous avez
  // dépensé 184,43 €", "Aujourd'hui (…), vous avez dépensé 171,00 €"); later it is a detail ("Ce mois-ci … ; cette
  // semaine, 50 €").
  const head = folded.slice(0, statedFigures(folded)[0]?.index ?? folded.length)
  const headed = periodMentions(head).filter((p): p is Relative => p.kind === 'relative' && p.rel === 'current' && isUnit(p.unit))
  // "hier", "aujourd'hui" in a longer period's comparison are days of it (period-asked.ts blankDetailDays) — unless the
  // answer's own period is a day ("Aujourd'hui, … contre 13,43 € hier": day over day).
  const days = unit === 'jour' || headed.some((p) => p.unit === 'jour')
  const relatives = mentions.filter((p): p is Relative => p.kind === 'relative' && p.rel !== 'other' && isUnit(p.unit) && (days || p.unit !== 'jour'))
  const pairs = [...rangePairs(statedDayRanges(folded)), ...namedPairs(mentions)]
  const agrees = relatives.some((r) => r.unit === unit) || pairs.some((p) => p.unit === unit) || (unit === 'mois' && monthBaselineSaid(folded))
  // Another baseline named ("la semaine dernière"), or the answer's own period another one ("Cette semaine, …").
  // The question's own period ("Mes dépenses du mois dernier par rapport à l'an dernier") is no other baseline.
  const own = periodsAsked(question).filter((p): p is Relative => p.kind === 'relative')
  const asked = (r: Relative): boolean => own.some((a) => a.unit === r.unit && (a.rel === r.rel || (a.rel !== 'current' && r.rel !== 'current')))
  const other = [
    ...[...headed, ...relatives.filter((r) => r.rel !== 'current')].filter((r) => r.unit !== unit && !asked(r)).map((r) => `${r.rel}:${r.unit}`),
    ...pairs.filter((p) => p.unit !== unit).map((p) => p.said),
  ]
  return { agrees, other: [...new Set(other)] }
}

const isDay = (x: unknown): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}/.test(x)
const periodOf = (x: unknown): DayRange | null => {
  const p = x as { from?: unknown; to?: unknown } | null
  return p !== null && typeof p === 'object' && isDay(p.from) && isDay(p.to) ? { from: p.from.slice(0, 10), to: p.to.slice(0, 10) } : null
}

// The range a comparison of `unit` searches: its current period, its baseline or both (a month comparison: from a 1st
// or a rolling month, at most two months).
const MAX_DAYS: Readonly<Record<Unit, number>> = { jour: 2, semaine: 15, mois: 62, trimestre: 184, an: 732 }
function searchFits(unit: Unit, r: DayRange): boolean {
  const n = length(r)
  const from = new Date(ms(r.from))
  if (n > MAX_DAYS[unit]) return false
  if (unit === 'mois') return from.getUTCDate() === 1 || n >= 27
  if (unit === 'trimestre') return (from.getUTCDate() === 1 && from.getUTCMonth() % 3 === 0) || n >= 88
  if (unit === 'an') return (from.getUTCDate() === 1 && from.getUTCMonth() === 0) || n >= 363
  return true
}

/** What the service carries (v2): an insight's two periods, the range it searched (period-asked.ts judges it when the question names its own period). */
function dataEvidence(unit: Unit, turn: NormalizedTurn, question: string): Evidence {
  const other: string[] = []
  let agrees = false
  for (const i of turn.insights) {
    const current = periodOf(i.dataSupport?.['current_period'])
    const previous = periodOf(i.dataSupport?.['previous_period'])
    if (current === null || previous === null) continue
    const apart = unitApart(Math.round((ms(current.from) - ms(previous.from)) / DAY_MS))
    if (apart === unit) agrees = true
    else other.push(`${current.from}..${current.to} / ${previous.from}..${previous.to}`)
  }
  const searched = turn.searchedDates
  if (!agrees && periodsAsked(question).length === 0 && searched !== undefined && isDay(searched.from) && isDay(searched.to)) {
    const r = { from: searched.from.slice(0, 10), to: searched.to.slice(0, 10) }
    if (!searchFits(unit, r)) other.push(`${r.from}..${r.to}`)
  }
  return { agrees, other }
}

/** Failures for a comparison answered against another baseline than the one asked (module header). */
export function checkComparedPeriod(question: string, turn: NormalizedTurn): Reason[] {
  const unit = baselineAsked(question)
  if (unit === null) return []
  const out: Reason[] = []
  for (const [source, evidence] of [
    ['text', textEvidence(unit, turn, question)],
    ['data', dataEvidence(unit, turn, question)],
  ] as const)
    if (!evidence.agrees && evidence.other.length > 0)
      out.push(reason('check.asked.compared_period', { asked: [`last:${unit}`], said: evidence.other.slice(0, 4), source }))
  return out
}
