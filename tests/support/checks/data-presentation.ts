// expectsData (docs/suite-rules.md §3): true → the answer must be DATA_PRESENTATION; false → it must not be, and it must not
// show figures nothing was found for (invented data) — neither in charts nor stated in the text; null → either.
import type { Question } from '../../../core/questions.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { checkNoFabricatedFigures } from './fabricated.ts'
import type { NormalizedTurn } from '../turn.ts'
import { excerpt, num } from './text.ts'

/** The visualizations that show a non-zero figure: a KPI value, or a chart's non-zero points. */
function figuresOf(turn: NormalizedTurn): { kinds: string[]; titles: string[]; amounts: string[]; counts: number[] } {
  const out = { kinds: [] as string[], titles: [] as string[], amounts: [] as string[], counts: [] as number[] }
  for (const viz of turn.visualizations) {
    const value = viz.value !== null && viz.value !== 0 ? String(num(viz.value)) : ''
    const nonZero = viz.datasets.reduce((n, d) => n + d.data.filter((v) => v !== 0).length, 0)
    if (value === '' && nonZero === 0) continue
    out.kinds.push(viz.kind)
    out.titles.push(excerpt(viz.title, 40))
    out.amounts.push(value)
    out.counts.push(value === '' ? nonZero : 0)
  }
  return out
}

export function checkDataPresentation(question: Question, turn: NormalizedTurn): Reason[] {
  const totalResults = turn.totalResults
  if (question.expectsData === true) return turn.dataPresentation ? [] : [reason('check.data.expected', { totalResults })]
  if (question.expectsData === false) {
    const failures: Reason[] = []
    if (turn.dataPresentation) failures.push(reason('check.data.unexpected', { totalResults }))
    const figures = figuresOf(turn)
    const total = figures.kinds.length
    if (total > 0) {
      const first = <T>(xs: T[]): T[] => xs.slice(0, 3)
      failures.push(
        reason('check.data.figures', {
          kinds: first(figures.kinds),
          titles: first(figures.titles),
          amounts: first(figures.amounts),
          counts: first(figures.counts),
          total,
        }),
      )
    }
    failures.push(...checkNoFabricatedFigures(turn))
    return failures
  }
  return []
}
