// kpi_cards (docs/suite-rules.md §3): at least `min` KPI cards whose titles cover the aspects, matched case- and
// accent-insensitively at word starts: total (`total`), count (`nombre`, `count`), average (`moyen`, `average`).
// Each aspect needs its own card: one "Nombre total" card cannot stand for both total and count. A card only
// counts when it states a finite number: a "Total Dépenses" card showing null is a rendering/serialization bug,
// not a total (an adversarial review saw such cards pass, and silence the pie-sum check).
import type { Observes } from '../../../core/observes.ts'
import type { Question } from '../../../core/questions.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import type { ExpectationCheck } from './types.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt, fold, ofKind } from './text.ts'

export type KpiAspect = 'total' | 'count' | 'average'

const ASPECT_WORDS: Readonly<Record<KpiAspect, RegExp>> = {
  total: /(^|[^a-z0-9])total/,
  count: /(^|[^a-z0-9])(nombre|count)/,
  average: /(^|[^a-z0-9])(moyen|average)/,
}

export function kpiCovers(title: string, aspect: KpiAspect): boolean {
  return ASPECT_WORDS[aspect].test(fold(title))
}

/** The card states a figure: a finite number (null, or NaN/Infinity from a lenient parser, shows nothing). */
export function hasValue(viz: NormalizedViz): boolean {
  return typeof viz.value === 'number' && Number.isFinite(viz.value)
}

/**
 * The card showing the total (a "total" title that is not a count): the first one with a value, else the first
 * one without (so the pie check can fail it rather than skip); null when there is no total card at all.
 */
export function totalKpi(turn: NormalizedTurn): NormalizedViz | null {
  const totals = ofKind(turn, 'kpi').filter((k) => kpiCovers(k.title, 'total') && !kpiCovers(k.title, 'count'))
  return totals.find(hasValue) ?? totals[0] ?? null
}

/** The KPI titles a reason shows, and which of those cards state no figure. */
function shownTitles(kpis: readonly NormalizedViz[]): { titles: string[]; noValue: number[] } {
  return { titles: kpis.map((k) => excerpt(k.title, 40)), noValue: kpis.flatMap((k, i) => (hasValue(k) ? [] : [i])) }
}

/** Aspects left uncovered after giving each aspect a distinct card (small exhaustive matching: ≤ 3 aspects). */
export function uncoveredAspects(titles: readonly string[], aspects: readonly KpiAspect[]): KpiAspect[] {
  let best: KpiAspect[] = [...aspects]
  const used = new Set<number>()
  const visit = (i: number, missing: KpiAspect[]): void => {
    if (missing.length >= best.length) return
    if (i === aspects.length) {
      best = missing
      return
    }
    const aspect = aspects[i] as KpiAspect
    titles.forEach((title, t) => {
      if (used.has(t) || !kpiCovers(title, aspect)) return
      used.add(t)
      visit(i + 1, missing)
      used.delete(t)
    })
    visit(i + 1, [...missing, aspect])
  }
  visit(0, [])
  return best
}

export const checkKpiCards: ExpectationCheck<'kpi_cards'> = (expectation, turn) => {
  const kpis = ofKind(turn, 'kpi')
  const valued = kpis.filter(hasValue)
  const shown = shownTitles(kpis)
  const failures: Reason[] = []
  if (valued.length < expectation.min) {
    failures.push(reason('check.kpi.too_few', { min: expectation.min, valued: valued.length, total: kpis.length, ...shown }))
  }
  // Only cards with a figure can cover an aspect.
  const missing = uncoveredAspects(
    valued.map((k) => k.title),
    [...new Set(expectation.cover)],
  )
  if (missing.length > 0) {
    failures.push(reason('check.kpi.cover', { cover: [...expectation.cover], ...shown, missing }))
  }
  return failures
}

/**
 * The plan (T4.3) wants KPI cards "for every intent"; the spec's table asks none of some data questions (the
 * analytics ones). The spec wins — no failure — but the difference is said: a DATA_PRESENTATION answer without any
 * KPI card showing a figure, to a question that does not require them, on a wire that can carry them, is noted
 * (docs/suite-rules.md §3). Null: nothing to note.
 */
export function kpiCardsAbsentNote(question: Question, turn: NormalizedTurn, observes: Observes): Reason | null {
  if (observes.kpiCards === 'absent' || !turn.dataPresentation) return null
  if (question.expectations.some((e) => e.kind === 'kpi_cards')) return null
  if (ofKind(turn, 'kpi').some(hasValue)) return null
  return reason('check.kpi.absent_noted', { question: question.id })
}
