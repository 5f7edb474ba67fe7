// A figure stated beside a search that found nothing (facts.ts `nothingFound`) is invented, unless it is zero or
// another check already fails invented figures on that question (checks/fabricated.ts): said once.
import { reason } from '../../../../core/reason.ts'
import { type FigureRule, place } from '../context.ts'

export const nothingFoundFigure: FigureRule = (ctx, { source }, figure) => {
  if (!ctx.facts.nothingFound) return false
  if (figure.value === 0 || ctx.inventedChecked) ctx.checked++
  else {
    ctx.contradictions.push(reason('check.grounding.nothing_found', { ...place(source), stated: figure.text, kind: figure.kind }))
  }
  return true
}
