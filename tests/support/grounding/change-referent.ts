// What a change stated apart from the totals it compares refers to (docs/grounding.md, "a change against the answer's
// own totals"). « En octobre vous avez dépensé 2 514,24 €. En septembre, 3 348,06 €. C'est une hausse de 33,2 %. »
// states the change in a sentence of its own: its referent is the answer's comparison — the one sentence that holds a
// compared amount and its baseline, else the answer's two totals of two periods in sentences of their own — unless the
// change names another subject (a category or a merchant, a count the answer states, another measure) or another
// span than the two periods ("depuis janvier", "sur l'année"). Read by structure: the subject is the words of the
// change's own part of its clause (before it up to a comma, after it up to a comma or a parenthesis), as the carried
// change's subject is read (check.ts subjectAt); the previous period is the one a comparison word leads to or the
// earlier of the two periods named.
import { questionEntities } from '../checks/question-asked.ts'
import { fold } from '../checks/text.ts'
import type { PeriodMention, StatedFigure } from './figures.ts'

type Period = PeriodMention
type Relative = Extract<PeriodMention, { kind: 'relative' }>

/** The compared amount and its baseline. */
export interface Pair {
  current: StatedFigure
  previous: StatedFigure
}

// A comma that separates words, not the decimal one of "33,2 %".
const COMMA = /,(?!\d)/
// A measure other than the total: a number of items, an average, a frequency, a basket.
const MEASURE = /(?:^|[^a-z])(?:nombre|moyenne?s?|frequence|panier|volume)(?![a-z])/

/** The words of the change's own part of its clause: before it back to a comma, after it up to a comma or a parenthesis. */
function subjectSpan(clause: string, at: number): { from: number; to: number } {
  const before = clause.slice(0, at)
  const lastComma = [...before.matchAll(new RegExp(COMMA, 'g'))].pop()
  const from = lastComma === undefined ? 0 : (lastComma.index ?? 0) + 1
  const after = clause.slice(at).search(/,(?!\d)|\(/)
  return { from, to: after < 0 ? clause.length : at + after }
}

const word = (w: string): RegExp => new RegExp(`(?:^|[^a-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z])`)

/**
 * Does the change at `at` in `clause` (folded; `original` is the same clause as written) name a subject other than
 * the answer's spending: a category or a merchant the question does not name, the noun of a count the answer states
 * ("36 transactions" → "le nombre de transactions est en hausse"), another measure ("le panier moyen baisse")?
 */
export function otherSubject(clause: string, original: string, at: number, figures: readonly StatedFigure[], question: string): boolean {
  const { from, to } = subjectSpan(clause, at)
  const subject = clause.slice(from, to)
  if (MEASURE.test(subject)) return true
  const countNouns = figures.filter((f) => f.kind === 'count').map((f) => fold(f.text).split(/\s+/).pop() ?? '')
  if (countNouns.some((n) => n.length > 2 && word(n).test(subject))) return true
  const asked = questionEntities(question)
  const named = questionEntities(original.slice(0, to), { afterChez: true })
  const inSubject = (name: string): boolean => word(fold(name)).test(subject)
  if (named.merchants.some((m) => inSubject(m) && !asked.merchants.some((a) => fold(a) === fold(m)))) return true
  return questionEntities(subject).categories.some((c) => !asked.categories.includes(c))
}

const RANK: Record<Relative['rel'], number | null> = { prev: 0, last: 1, current: 2, other: null }

/** -1 when `a` is before `b`, 1 after, null when they cannot be ordered (the same period, another grain, unplaced). */
export function periodOrder(a: Period, b: Period): -1 | 1 | null {
  if (a.kind === 'relative' || b.kind === 'relative') {
    if (a.kind !== 'relative' || b.kind !== 'relative' || a.unit !== b.unit) return null
    const [ra, rb] = [RANK[a.rel], RANK[b.rel]]
    return ra === null || rb === null || ra === rb ? null : ra < rb ? -1 : 1
  }
  if ((a.month === null) !== (b.month === null) || (a.day === null) !== (b.day === null)) return null
  // Months without a year: the one just before the other is the earlier ("décembre" then "janvier").
  if (a.year === null && b.year === null && a.day === null && a.month !== null && b.month !== null) {
    if ((a.month % 12) + 1 === b.month) return -1
    if ((b.month % 12) + 1 === a.month) return 1
  }
  const key = (p: Extract<Period, { kind: 'date' }>, year: number | null): number => ((year ?? 0) * 13 + (p.month ?? 0)) * 32 + (p.day ?? 0)
  // A year stated on one side only is the other's too ("En octobre 2026 … En septembre, …").
  const [ka, kb] = [key(a, a.year ?? b.year), key(b, b.year ?? a.year)]
  return ka === kb ? null : ka < kb ? -1 : 1
}

/** The grain of a period: the unit a relative one names, else the finest part a date states. */
function grainOf(p: Period): string {
  if (p.kind === 'relative') return p.unit
  return p.day !== null ? 'jour' : p.month !== null ? 'mois' : 'an'
}

/**
 * The periods a change's sentence names are the pair's: each the same as one of theirs, or a relative period of
 * their grain ("par rapport au mois dernier" beside « En octobre … En septembre … »). Another one — "depuis janvier",
 * "sur l'année", a third month — makes the change about another span.
 */
export function withinPair(clause: string, named: readonly Period[], pair: Pair, same: (a: Period, b: Period) => boolean): boolean {
  // A time expression the period reader does not place ("depuis janvier", "sur l'année", "sur 13 mois") is a span of
  // its own: more of them than periods read, and the change's span is unknown.
  if ((clause.match(TIME_WORDS) ?? []).length > named.length) return false
  const periods = [...pair.current.periods, ...pair.previous.periods]
  const grains = new Set(periods.map(grainOf))
  return named.every((m) => periods.some((p) => same(p, m)) || (m.kind === 'relative' && m.rel !== 'other' && grains.has(m.unit)))
}
const MONTHS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre'
// A month (with its year), a year, a unit of time: one time expression each.
const TIME_WORDS = new RegExp(
  String.raw`(?:^|[^a-z0-9])(?:(?:${MONTHS})(?:\s+(?:19|20)\d{2})?|(?:19|20)\d{2}|jours?|semaines?|mois|trimestres?|annees?|ans)(?![a-z0-9])`,
  'g',
)

/**
 * The answer's two totals of two periods, each in a sentence of its own (`singles`: the one amount of such a
 * sentence that is a total or names a period): the baseline is the one a comparison word leads to (`isPrevious`),
 * else the earlier of the two periods they name. Null unless exactly two, and told apart.
 */
export function answerTotals(singles: readonly StatedFigure[], isPrevious: (f: StatedFigure) => boolean): Pair | null {
  if (singles.length !== 2) return null
  const [a, b] = singles as [StatedFigure, StatedFigure]
  const [pa, pb] = [isPrevious(a), isPrevious(b)]
  let order: -1 | 1 | null = pa !== pb ? (pa ? -1 : 1) : null
  if (order === null && a.periods.length === 1 && b.periods.length === 1) order = periodOrder(a.periods[0] as Period, b.periods[0] as Period)
  if (order === null) return null
  const pair = order < 0 ? { previous: a, current: b } : { previous: b, current: a }
  return pair.previous.value > 0 ? pair : null
}
