// A difference said in words ("833,82 € de plus", "un écart de 833,82 €", "en baisse de 833,82 €"): never a total,
// held to the gap between the two totals its sentence states, else to the gap the answer carries (docs/grounding.md
// "Grounded figures").
import { fold } from '../../checks/text.ts'
import { labelChange } from '../change-subject.ts'
import { type Context, type FigureRule, matchPool, type StatedText, contradict } from '../context.ts'
import type { Facts } from '../facts.ts'
import type { StatedFigure } from '../figures.ts'
import { directionsClash, fitOf } from '../fit.ts'
import { sentencePair, versusPair } from '../pairs.ts'

/** A figure that is a difference (figures.ts `difference`): checkDifference. */
export const differenceFigure: FigureRule = (ctx, text, figure) => {
  if (!figure.difference) return false
  checkDifference(ctx, text, figure)
  return true
}

/**
 * A difference said in words ("833,82 € de plus que sur la même période du mois dernier (3 348,06 € contre
 * 2 514,24 €)", "un écart de 833,82 €") is no total: it is held against the gap between the two totals its sentence
 * states, else — when its sentence names the period before ("le mois dernier") — the gap the answer carries (the
 * comparison chart; a category that is the change's subject, its own gap). Its words' direction ("de plus", "de
 * moins") must be the gap's, its size the gap's within its written rounding. Any other difference ("50 € de plus que
 * votre budget") is confirmed by a carried amount or noted unverified.
 */
function checkDifference(ctx: Context, { source, folded, figures }: StatedText, figure: StatedFigure): void {
  const gap = statedGap(ctx, folded, figures, figure) ?? carriedGap(ctx.facts, figure)
  if (gap === null) {
    matchPool(ctx, figure)
    return
  }
  ctx.checked++
  const carried = gap.previous > 0 ? (gap.delta / gap.previous) * 100 : gap.delta
  if (figure.direction !== null && directionsClash(figure.direction, carried)) {
    contradict(ctx, source, 'check.grounding.direction', {
      stated: figure.said,
      direction: figure.direction,
      source: gap.source,
      sourceName: gap.sourceName,
      carried,
    })
    return
  }
  const fit = fitOf(figure, Math.abs(gap.delta))
  if (fit === 'loose') ctx.unverified.push(figure.text)
  if (fit === 'contradicts') {
    contradict(ctx, source, 'check.grounding.figure', {
      stated: figure.said,
      role: 'difference',
      source: gap.source,
      sourceName: gap.sourceName,
      carried: Math.abs(gap.delta),
    })
  }
}

/** A gap a difference is held to: between a current and a previous amount, and where they come from. */
interface Gap {
  delta: number
  previous: number
  source: string
  sourceName: string
}

/** The gap between the two totals the difference's sentence states (pairs.ts), if it states such a pair. */
function statedGap(ctx: Context, folded: string, figures: readonly StatedFigure[], figure: StatedFigure): Gap | null {
  const start = figure.index - figure.clauseAt
  const pair = sentencePair(ctx, folded, figures, start) ?? versusPair(ctx, folded, figures, start)
  if (pair === null) return null
  return {
    delta: pair.current.value - pair.previous.value,
    previous: pair.previous.value,
    source: 'stated_totals',
    sourceName: `${pair.current.text} / ${pair.previous.text}`,
  }
}

/** The gap the answer carries, when the difference's sentence names the period before: the whole's, or its subject category's. */
function carriedGap(facts: Facts, figure: StatedFigure): Gap | null {
  if (facts.comparison === null || !figure.periods.some((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'prev'))) return null
  const subject = labelChange(facts, figure.clause, figure.clauseAt)
  const entry = subject === null ? facts.comparison : facts.comparison.byLabel.get(fold(subject.label).trim())
  if (entry === undefined) return null
  return {
    delta: entry.current - entry.previous,
    previous: entry.previous,
    source: 'chart_change',
    sourceName: subject?.label ?? facts.comparison.name,
  }
}
