// The scope of a stated figure: the answer's own, or another period named in its sentence (docs/grounding.md "Grounded
// figures": a figure of another scope is never compared with the answer's own total).
import type { PeriodMention } from './figures.ts'

/** Two mentions name the same period: same relative period, or the same calendar date at the same precision. */
export function samePeriod(a: PeriodMention, b: PeriodMention): boolean {
  if (a.kind === 'relative' && b.kind === 'relative') return a.rel === b.rel && a.unit === b.unit
  if (a.kind === 'relative' || b.kind === 'relative') return false
  const sameGrain = (a.day === null) === (b.day === null) && (a.month === null) === (b.month === null)
  const eq = (x: number | null, y: number | null): boolean => x === null || y === null || x === y
  return sameGrain && eq(a.day, b.day) && eq(a.month, b.month) && eq(a.year, b.year)
}

/** What a scope is read from: the periods named beside a figure (its own part of the clause, figures.ts withSides). */
type Scoped = { periods: readonly PeriodMention[]; sidePeriods?: readonly PeriodMention[] }

/**
 * The answer's own scope, or another one: a figure whose part of its sentence names no period, or the answer's own
 * period, is about the answer; "ce mois-ci"/"aujourd'hui" are the answer's own when the question names no other
 * period; any other period named (a month, a date, "le mois précédent") makes the figure about that period. A clause
 * that sets two amounts side by side names each one's period in its own part (figures.ts withSides).
 */
export function scopeOf(ctx: { ownPeriods: readonly PeriodMention[] }, figure: Scoped): 'own' | 'other' {
  return scopeIn(ctx.ownPeriods, figure)
}

/** scopeOf against the answer's own periods (ownPeriodsOf): the ground truth reads a figure's scope the same way. */
export function scopeIn(ownPeriods: readonly PeriodMention[], figure: Scoped): 'own' | 'other' {
  const named = figure.sidePeriods ?? figure.periods
  if (named.length === 0) return 'own'
  if (named.some((m) => ownPeriods.some((o) => samePeriod(o, m)))) return 'own'
  if (ownPeriods.length === 0 && named.every((m) => m.kind === 'relative' && m.rel === 'current')) return 'own'
  return 'other'
}

// A clause in an earlier tense naming only the period before ("Le mois dernier vous aviez dépensé 2 514,24 €") is, in
// answer to a comparison question, the baseline's: never the headline that names the answer's own period (review
// 2026-12-05: « Comparaison avec le mois dernier » answered "… ; ce mois-ci 3 348,06 €" read 2 514,24 € as the total).
export const EARLIER = /\b(?:aviez|avais|avait|avions|avaient|etait|etaient)\b/
// A question that compares periods ("Comparaison avec le mois dernier", "par rapport à", "vs"), read folded.
export const COMPARES = /(?:compar|par rapport|versus|\bvs\b)/
