// A change the text states with a figure ("+33,2 %", "en hausse de 741 %"): held to the change the answer carries —
// of the whole, or of the category that is its subject (change-subject.ts) — in direction and size; without one, to
// the trend it carries (docs/grounding.md "Grounded figures").
import { MONTH_WORD } from '../../checks/calendar-words.ts'
import { labelChange } from '../change-subject.ts'
import { type Context, type FigureRule, type StatedText, type TextSource, contradict } from '../context.ts'
import type { Direction, StatedFigure } from '../figures.ts'
import { directionsClash, fitOf } from '../fit.ts'
import { checkStatedChange } from './stated-change.ts'

/** A figure of a change (its role): held to the carried change (checkChange). */
export const changeFigure: FigureRule = (ctx, text, figure) => {
  if (figure.role !== 'change') return false
  checkChange(ctx, text, figure)
  return true
}

function checkChange(ctx: Context, text: StatedText, figure: StatedFigure): void {
  const { source } = text
  const subject = labelChange(ctx.facts, figure.clause, figure.clauseAt)
  const carried = subject !== null ? subject.change : (ctx.facts.change?.value ?? null)
  if (carried === null) {
    // Nothing carried: the trend, else the amounts the answer gives for the change (stated-change.ts).
    if (subject === null && (checkTrend(ctx, source, figure) || checkStatedChange(ctx, text, figure))) return
    ctx.unverified.push(figure.text)
    return
  }
  const sourceName = subject !== null ? subject.label : (ctx.facts.change?.name ?? '')
  const sourceKind = subject !== null ? 'chart_change' : (ctx.facts.change?.source ?? 'computed')
  ctx.checked++
  const direction = figure.direction
  if (direction !== null && directionsClash(direction, carried)) {
    contradict(ctx, source, 'check.grounding.direction', { stated: figure.text, direction, source: sourceKind, sourceName, carried })
    return
  }
  const fit = fitOf(figure, carried)
  // A bound far from the change ("plus de 5 %" for +33,2 %) says nothing false, nor states the change.
  if (fit === 'loose') ctx.unverified.push(figure.text)
  if (fit === 'contradicts') {
    contradict(ctx, source, 'check.grounding.figure', { stated: figure.said, role: 'change', source: sourceKind, sourceName, carried })
  }
}

// A month named in the change's clause, as a whole word ("entre novembre et décembre"; never "cauchemars" or "amai").
const MONTH_NAMED = new RegExp(MONTH_WORD, 'u')

/** A size of change a "stable" trend cannot hold: its regression says the months barely move. */
const STABLE_REACH = 10

/**
 * A direction stated for the whole (and its size in percent, null when its words give none) that the carried trend
 * contradicts: a fall beside a rising trend, a rise beside a falling one, a move of 10 % or more beside a stable one.
 */
export function trendClash(trend: NonNullable<Context['trend']>, direction: Direction, size: number | null): boolean {
  if (trend.direction === 'stable') return direction !== 'stable' && size !== null && size >= STABLE_REACH
  return (trend.direction === 'up' && direction === 'down') || (trend.direction === 'down' && direction === 'up')
}

/**
 * Without a carried change, the trend the answer carries (a trend_analysis insight: its direction, and the change its
 * slope implies over its months) judges a change of the whole its text states for no named period: "en forte hausse,
 * de 45 % sur l'année" beside a trend "stable" (+4,34 € par mois on 2 513,36 €) is false. A change named for a
 * month or a period ("+26 % ce mois-ci", "entre novembre 2025 et novembre 2026") is not the trend's.
 */
function checkTrend(ctx: Context, source: TextSource, figure: StatedFigure): boolean {
  const trend = ctx.trend
  if (trend === null || figure.kind !== 'percent' || figure.direction === null || figure.periods.length > 0) return false
  if (MONTH_NAMED.test(figure.clause)) return false
  ctx.checked++
  if (!trendClash(trend, figure.direction, figure.value)) return true
  contradict(ctx, source, 'check.grounding.figure', {
    stated: figure.said,
    role: 'change',
    source: 'insight',
    sourceName: `trend_analysis (${trend.direction})`,
    carried: trend.change ?? 0,
  })
  return true
}
