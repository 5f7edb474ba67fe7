// The side of a comparison a stated amount's own words attach it to — the period before the answer's, the answer's
// own, another period — read between the versus words around it (docs/grounding.md "Grounded figures": sides).
import { MONTH_NAMES, WORD_END, WORD_START, wholeWords } from '../checks/calendar-words.ts'
import { questionEntities } from '../checks/question-asked.ts'
import { type OwnRange, type PeriodMention, periodMentions, statedDayRanges, type StatedFigure } from './figures.ts'
import { EARLIER, samePeriod } from './scope.ts'

// Words that set two amounts of one clause against each other ("X contre Y", "X vs Y", "X → Y", "X alors que Y"): the
// period words and the tense of each side are that side's own.
export const SIDE_BREAK = /\b(?:contre|versus|vs\b\.?|au lieu de|face a|alors que|tandis que)|→|->/g
// A period named as what a side is compared with ("par rapport au mois dernier", "que le mois dernier", "comparé à
// octobre", "supérieures à celles du mois dernier"): the other side's name, never this side's (blanked).
const COMPARED_WITH =
  /(?:par rapport (?:a|au|aux)|compar[a-z]*(?: (?:a|au|aux|avec))?|(?:plus|moins|autant|davantage|superieure?s?|inferieure?s?) (?:que|qu'|a|au|aux)|\bque (?:le|la|l'|les|sur|pour|lors|durant|pendant|en)\b|\bqu'(?:a|au|aux|en)\b)[^,;:()€\d]*/g
// A whole month ("sur tout le mois d'octobre", "octobre entier") beside a partial own period is not the comparison's
// same days: another period.
// Whole words only: "surtout le mois dernier" names no whole month.
const WHOLE_MONTH = new RegExp(
  String.raw`${WORD_START}(?:tout le mois|mois (?:entier|complet)|l'ensemble du mois|(?:${MONTH_NAMES.join('|')}) (?:entier|complet))${WORD_END}`,
  'u',
)

// The same days of another period: "même période", "à date égale", "à la même date".
const SAME_DAYS = /(?:meme periode|date egale|meme date|memes jours|a date|au \d{1,2}\b)/

export interface SideContext {
  /** The answer's own periods: "le mois dernier" asked is the answer's own, never the period before it. */
  ownPeriods: readonly PeriodMention[]
  /** The days the answer covers: a month named is its own month, the month before it (a comparison), or another. */
  range: OwnRange | null
  /** The question compares periods: only then does an earlier tense alone ("vous aviez dépensé") name the period before. */
  compares: boolean
}

type Side = 'previous' | 'current' | 'other' | 'mixed' | null

type Day = { year: number; month: number; day: number }

const isoMonth = (iso: string): Day => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return { year, month, day }
}

/**
 * The side of a comparison a part of a clause names: the period before the answer's ("le mois dernier", "le mois
 * précédent", "l'an dernier", the month before a compared month, the same days of that month), the answer's own ("ce
 * mois-ci", "aujourd'hui", "cette année", its own month, its asked period), another period, both (mixed), or none.
 * Without a period word, an earlier tense ("vous aviez dépensé", "c'était") in answer to a comparison is the period before.
 * A month that cannot be placed (no days known for the answer) is another period when `strict` (a lone baseline),
 * else left to the tense (a side set against the answer's own: "En octobre, vos dépenses étaient de X contre Y ce mois-ci").
 */
function sideOf(ctx: SideContext, segment: string, strict = true): Side {
  const text = segment.replace(COMPARED_WITH, (m) => ' '.repeat(m.length))
  const range = ctx.range
  const own = range === null ? null : { from: isoMonth(range.from), to: isoMonth(range.to) }
  const partial = own !== null && (own.from.day !== 1 || own.to.day !== new Date(Date.UTC(own.to.year, own.to.month, 0)).getUTCDate())
  const named = new Set<NamedSide>()
  for (const m of periodMentions(text, range)) {
    const side = mentionSide(ctx, m, { own, partial, strict, text })
    if (side !== null) named.add(side)
  }
  if (partial && WHOLE_MONTH.test(text)) named.add('other')
  // A range inside the answer's own days ("Du 1er au 24 novembre 2026, le total était de …") names its own period.
  if (range !== null && statedDayRanges(text).some((r) => !(r.to < range.from || r.from > range.to))) named.add('current')
  if (named.has('other')) return 'other'
  if (named.has('previous') && named.has('current')) return 'mixed'
  if (named.has('previous')) return 'previous'
  if (named.has('current')) return 'current'
  return ctx.compares && EARLIER.test(text) ? 'previous' : null
}

type NamedSide = 'previous' | 'current' | 'other'
/** The side one period mention names, read against the answer's own days (`own`, `partial` when not whole months). */
function mentionSide(
  ctx: SideContext,
  m: PeriodMention,
  at: { own: { from: Day; to: Day } | null; partial: boolean; strict: boolean; text: string },
): NamedSide | null {
  const { own, partial, strict, text } = at
  if (ctx.ownPeriods.some((o) => samePeriod(o, m))) return 'current'
  if (m.kind === 'relative') return m.rel === 'current' ? 'current' : m.rel === 'last' || m.rel === 'prev' ? 'previous' : null
  if (m.month === null || m.day !== null) return null
  if (own === null) return strict ? 'other' : null
  const sameYear = (y: number): boolean => m.year === null || m.year === y
  const before = own.from.month === 1 ? { month: 12, year: own.from.year - 1 } : { month: own.from.month - 1, year: own.from.year }
  if (own.from.month === own.to.month && own.from.year === own.to.year && m.month === own.to.month && sameYear(own.to.year)) return 'current'
  // Beside a partial own period, the month before is the baseline only as its same days ("en octobre (même
  // période)", "à date égale"); "Octobre : 2 661,93 €" alone may be the whole month — another period for a lone amount.
  if (ctx.compares && m.month === before.month && sameYear(before.year) && (!partial || !strict || SAME_DAYS.test(text))) return 'previous'
  return 'other'
}

/**
 * The part of a clause a figure's side spans: between the versus words around it (SIDE_BREAK), else the whole clause.
 * Only versus words that follow an amount set sides apart: in "Novembre 2026 vs octobre 2026 : 3 348,06 € vs
 * 2 514,24 €" the first "vs" joins two labels, and the first amount's side names both months (mixed, undecided).
 */
function segmentOf(clause: string, at: number, end: number): string {
  let from = 0
  let to = clause.length
  for (const m of clause.matchAll(SIDE_BREAK)) {
    const i = m.index ?? 0
    if (!AMOUNT_SAID.test(clause.slice(from, i))) continue
    if (i + m[0].length <= at) from = i
    else if (i >= end && to === clause.length) to = i
  }
  return clause.slice(from, to)
}
const AMOUNT_SAID = /€|\beur(?:os?)?\b/

/** The side of a comparison a stated figure's own words attach it to (sideOf its segment). */
export function figureSide(ctx: SideContext, figure: StatedFigure, strict = true): Side {
  return sideOf(ctx, segmentOf(figure.clause, figure.clauseAt, figure.clauseAt + figure.text.length), strict)
}

// The previous period named as the label of the amount ("Le mois précédent : 2 514,24 €", "Octobre (1er–24) : 2 514,24 €",
// "Même période du mois dernier : 2 514,24 €").
// A period word as a whole word: "Bilan : 2 154,24 €" or "Montant : …" names no period ("an", "mont…").
const PERIOD_LABEL_BEFORE = new RegExp(
  String.raw`(?:${wholeWords(['mois', 'periode', 'semaine', 'trimestre', 'annee', 'an', 'date', 'egale', 'precedente?', 'derniere?', 'passee?', ...MONTH_NAMES])}|\d{4}|\))\s*[:=]\s*$`,
  'u',
)

/**
 * A stated amount the answer gives as the previous period's spending — the baseline — by its own words, wherever it
 * stands: its side of the comparison is the period before (figureSide), and it is a spending figure (a total's words,
 * "Le mois dernier à la même date, vous n'aviez dépensé que 2 154,24 €") or the value of that period's label ("Le mois
 * précédent : 2 154,24 €"). Not a part's ("le Shopping", "chez Fnac", a purchase), nor a difference, a rate or a projection.
 */
export function previousStated(ctx: SideContext, figure: StatedFigure): boolean {
  if (!ctx.compares || figure.kind !== 'amount' || figure.sign !== null || figure.difference || figure.perPeriod || figure.hypothetical) return false
  if (figure.role !== 'total' && figure.role !== null) return false
  const segment = segmentOf(figure.clause, figure.clauseAt, figure.clauseAt + figure.text.length)
  if (sideOf(ctx, segment) !== 'previous') return false
  const lead = figure.clause.slice(Math.max(0, figure.clauseAt - 40), figure.clauseAt)
  if (figure.role === null && !PERIOD_LABEL_BEFORE.test(lead)) return false
  const named = questionEntities(segment)
  if (named.categories.length > 0 || named.merchants.length > 0) return false
  return !/(?:achat|transaction|paiement|operation|facture|prelevement|abonnement|depense la plus|plus grosse)/.test(segment)
}
