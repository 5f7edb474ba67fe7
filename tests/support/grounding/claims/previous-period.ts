// An amount the text gives to the previous period by its own words ("Le mois dernier à la même date, vous n'aviez
// dépensé que 2 154,24 €", "Le mois précédent : 2 154,24 €"; sides.ts `previousStated`) is the comparison's
// baseline wherever it stands: held to the previous period the answer carries (docs/grounding.md "Grounded figures").
import { type Context, type FigureRule, matchPool, type TextSource, contradict } from '../context.ts'
import type { StatedFigure } from '../figures.ts'
import { agrees, fitOf } from '../fit.ts'
import { previousStated } from '../sides.ts'

export const previousPeriodFigure: FigureRule = (ctx, { source }, figure) => {
  if (!previousStated(ctx, figure)) return false
  checkPreviousSide(ctx, source, figure)
  return true
}

/**
 * A baseline stated by its own words (previousStated) against the previous period the answer carries: the
 * comparison chart's previous sum (v2), the comparison insight's previous_total (v2-charts); else any carried amount
 * confirms it, else it stays unverified (v3 carries none: the ground truth's previousTotal judges it). Never the
 * answer's total.
 */
function checkPreviousSide(ctx: Context, source: TextSource, figure: StatedFigure): void {
  const comparison = ctx.facts.comparison
  if (comparison !== null && agrees(figure, comparison.previous)) {
    ctx.checked++
    return
  }
  if (comparison === null || fitOf(figure, comparison.previous) !== 'contradicts') {
    matchPool(ctx, figure)
    return
  }
  contradict(ctx, source, 'check.grounding.period', {
    stated: figure.said,
    chart: comparison.name,
    carried: [comparison.previous],
    ...(comparison.insight === true ? { source: 'insight' } : {}),
  })
}
