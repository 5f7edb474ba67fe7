// expectsData (spec §3): true → the answer must be DATA_PRESENTATION; false → it must not be, and it must not
// show figures nothing was found for (invented data) — neither in charts nor stated in the text; null → either.
import type { Question } from '../../../core/questions.ts'
import { checkNoFabricatedFigures } from './fabricated.ts'
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'
import { num, quoted } from './text.ts'

const results = (turn: NormalizedTurn): string => (turn.totalResults === null ? 'total results not reported' : `total results: ${turn.totalResults}`)

/** A visualization showing a non-zero figure: "kpi "Total Dépenses" = 125.4", "pie "Répartition" (3 non-zero values)". */
function figureOf(viz: NormalizedViz): string | null {
  if (viz.value !== null && viz.value !== 0) return `${viz.kind} ${quoted(viz.title, 40)} = ${num(viz.value)}`
  const nonZero = viz.datasets.reduce((n, d) => n + d.data.filter((v) => v !== 0).length, 0)
  return nonZero > 0 ? `${viz.kind} ${quoted(viz.title, 40)} (${nonZero} non-zero value${nonZero > 1 ? 's' : ''})` : null
}

export function checkDataPresentation(question: Question, turn: NormalizedTurn): string[] {
  if (question.expectsData === true) {
    return turn.dataPresentation ? [] : [`expected a DATA_PRESENTATION answer (search results), observed no data presentation (${results(turn)})`]
  }
  if (question.expectsData === false) {
    const failures: string[] = []
    if (turn.dataPresentation) failures.push(`expected no data presentation (nothing to find), observed DATA_PRESENTATION (${results(turn)})`)
    const figures = turn.visualizations.map(figureOf).filter((f): f is string => f !== null)
    if (figures.length > 0) {
      const shown = figures.slice(0, 3).join(', ') + (figures.length > 3 ? `, … (${figures.length} in all)` : '')
      failures.push(`expected no figures (no invented data), observed visualizations with figures: ${shown}`)
    }
    failures.push(...checkNoFabricatedFigures(turn))
    return failures
  }
  return []
}
