// kpi_cards (spec §3): at least `min` KPI cards whose titles cover the aspects, matched case- and
// accent-insensitively at word starts: total (`total`), count (`nombre`, `count`), average (`moyen`, `average`).
// Each aspect needs its own card: one "Nombre total" card cannot stand for both total and count.
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import type { ExpectationCheck } from './types.ts'
import { fold, ofKind, quoted } from './text.ts'

export type KpiAspect = 'total' | 'count' | 'average'

const ASPECT_WORDS: Readonly<Record<KpiAspect, RegExp>> = {
  total: /(^|[^a-z0-9])total/,
  count: /(^|[^a-z0-9])(nombre|count)/,
  average: /(^|[^a-z0-9])(moyen|average)/,
}

export function kpiCovers(title: string, aspect: KpiAspect): boolean {
  return ASPECT_WORDS[aspect].test(fold(title))
}

/** The card showing the total (a "total" title that is not a count), with a value; null when none. */
export function totalKpi(turn: NormalizedTurn): NormalizedViz | null {
  return ofKind(turn, 'kpi').find((k) => k.value !== null && kpiCovers(k.title, 'total') && !kpiCovers(k.title, 'count')) ?? null
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
  const titles = ofKind(turn, 'kpi').map((k) => k.title)
  const observed = titles.length === 0 ? 'none' : titles.map((t) => quoted(t, 40)).join(', ')
  const failures: string[] = []
  if (titles.length < expectation.min) {
    failures.push(`expected at least ${expectation.min} KPI cards, observed ${titles.length} (KPI titles: ${observed})`)
  }
  const missing = uncoveredAspects(titles, [...new Set(expectation.cover)])
  if (missing.length > 0) {
    failures.push(`expected KPI cards covering ${expectation.cover.join(', ')}, observed KPI titles: ${observed} (missing: ${missing.join(', ')})`)
  }
  return failures
}
