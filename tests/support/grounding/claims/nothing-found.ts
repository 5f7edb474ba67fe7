// A figure stated beside a search that found nothing (facts.ts `nothingFound`) is invented, unless it is zero or
// another check already fails invented figures on that question (checks/fabricated.ts): said once.
import { type FigureRule, contradict } from '../context.ts'

export const nothingFoundFigure: FigureRule = (ctx, { source }, figure) => {
  if (!ctx.facts.nothingFound) return false
  if (figure.value === 0 || ctx.inventedChecked) ctx.checked++
  else {
    contradict(ctx, source, 'check.grounding.nothing_found', { stated: figure.text, kind: figure.kind })
  }
  return true
}
