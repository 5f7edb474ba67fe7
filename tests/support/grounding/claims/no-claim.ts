// Figures an answer writes that are no claim of its own (docs/grounding.md): the question's own figures restated
// ("Mes dépenses de plus de 100 euros"), and a projection or hypothesis ("À ce rythme, cela représenterait environ
// 32 000 €", figures.ts `hypothetical`), which is only noted unverified.
import type { FigureRule } from '../context.ts'

/** The question's own figure, restated: no claim, nothing to judge. */
export const questionFigure: FigureRule = (ctx, _text, figure) => ctx.asked.some((v) => Math.abs(v - figure.value) < 1e-9)

/** A projection ("À ce rythme, cela représenterait environ 32 000 €") is no figure the answer states: noted only. */
export const projectionFigure: FigureRule = (ctx, _text, figure) => {
  if (!figure.hypothetical) return false
  ctx.unverified.push(figure.text)
  return true
}
