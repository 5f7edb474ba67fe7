// A change of the whole stated as a percentage, on a wire that carries no change (v3, a stream): held to the two
// amounts the answer gives for it away from a "A contre B" pair (stated-totals.ts judges those) — the ends of a move
// ("sont passées de 2 514,24 € à 3 348,06 € (+45 %)"), or the answer's total against the one amount it gives the
// previous period by that amount's own words ("Le mois dernier : 2 514,24 €. … Soit une hausse de 45 %.") — within the
// rounding of each written figure only (docs/grounding.md "Grounded figures").
import { questionEntities } from '../../checks/question-asked.ts'
import { type Context, type StatedText, contradict } from '../context.ts'
import { movedAmounts, type StatedFigure, statedMoves } from '../figures.ts'
import { allowed, changeSizes, directionsClash, sizeFit } from '../fit.ts'
import { comparableAmounts, previousAmount, sentencePair } from '../pairs.ts'
import { samePeriod, scopeOf } from '../scope.ts'
import { previousStated } from '../sides.ts'

/** The two ends a stated change is measured between, as the writer allows them, and how to name them in a reason. */
interface Ends {
  current: [number, number]
  previous: [number, number]
  currentValue: number
  previousValue: number
  name: string
  source: 'stated_totals' | 'total_and_baseline'
  /** A move whose words already say its direction (moves.ts judges that): only the size is left here. */
  sizeOnly: boolean
}

/** A change of the whole held to the amounts the answer gives for it; true when it was judged. */
export function checkStatedChange(ctx: Context, text: StatedText, figure: StatedFigure): boolean {
  if (figure.kind !== 'percent' || figure.direction === null || figure.bound === 'range') return false
  const start = figure.index - figure.clauseAt
  const sentence = text.source.text.slice(start, start + figure.clause.length)
  const named = questionEntities(sentence)
  if (named.categories.length > 0 || named.merchants.length > 0) return false
  if (sentencePair(ctx, text.folded, text.figures, start) !== null) return false
  const ends = moveEnds(text, figure) ?? baselineEnds(ctx, text, figure)
  if (ends === null) return false
  ctx.checked++
  const computed = ((ends.currentValue - ends.previousValue) / ends.previousValue) * 100
  const carried = { source: ends.source, sourceName: ends.name, carried: computed }
  if (directionsClash(figure.direction, computed)) {
    if (!ends.sizeOnly) contradict(ctx, text.source, 'check.grounding.direction', { stated: figure.text, direction: figure.direction, ...carried })
    return true
  }
  const sizes = changeSizes(ends.current, ends.previous)
  if (sizes !== null && sizeFit(figure, sizes) === 'contradicts')
    contradict(ctx, text.source, 'check.grounding.figure', { stated: figure.said, role: 'change', ...carried })
  return true
}

/** The move of the change's clause ("de 2 514,24 € à 3 348,06 €"): its two ends. */
function moveEnds(text: StatedText, figure: StatedFigure): Ends | null {
  const start = figure.index - figure.clauseAt
  const move = movedAmounts(text.source.text).find((m) => m.from.index - m.from.clauseAt === start)
  if (move === undefined) return null
  const worded = statedMoves(text.source.text).some((m) => m.from.index === move.from.index)
  return {
    current: allowed(move.to),
    previous: allowed(move.from),
    currentValue: move.to.value,
    previousValue: move.from.value,
    name: `${move.from.text} → ${move.to.text}`,
    source: 'stated_totals',
    sizeOnly: worded,
  }
}

/**
 * The answer's total (carried, else the one it states for its own period) against the one amount the message gives
 * the previous period by its own words (sides.ts previousStated), when the change names no other period than those.
 */
function baselineEnds(ctx: Context, text: StatedText, figure: StatedFigure): Ends | null {
  const previous = text.figures.filter((f) => previousStated(ctx, f))
  const lone = previous.length === 1 ? previous[0] : undefined
  const baseline = lone ?? sentenceBaseline(ctx, text, figure)
  if (baseline === undefined || baseline === null || baseline.value <= 0) return null
  // A baseline elsewhere must be of the periods the change names; one in the change's own sentence is its baseline.
  const other = figure.sidePeriods.filter((m) => !(m.kind === 'relative' && m.rel === 'current'))
  if (lone !== undefined && other.some((m) => !baseline.sidePeriods.some((b) => samePeriod(b, m)))) return null
  const current = currentTotal(ctx, text, baseline)
  if (current === null) return null
  return {
    current: current.allows,
    previous: allowed(baseline),
    currentValue: current.value,
    previousValue: baseline.value,
    name: `${current.said} / ${baseline.text}`,
    source: 'total_and_baseline',
    sizeOnly: false,
  }
}

/**
 * The baseline the change's own sentence leads to — its one comparable amount, led to by a comparison word ("C'est à
 * comparer à 2 514,24 € sur la même période du mois dernier, soit +33,2 %") — when the answer's total stands in
 * another sentence: on a stream the text is the only carrier of both (review 2026-12-06: "à comparer à 3 348,06 €"
 * beside a total of 2 514,24 €, announced "+33,2 %", passed).
 */
function sentenceBaseline(ctx: Context, text: StatedText, figure: StatedFigure): StatedFigure | null {
  const amounts = comparableAmounts(text.figures, figure.index - figure.clauseAt)
  const [only] = amounts
  return amounts.length === 1 && only !== undefined && previousAmount(ctx, only, text.folded) ? only : null
}

/** The answer's own total: the carried one, else the first one its text states for its own period. */
function currentTotal(ctx: Context, text: StatedText, baseline: StatedFigure): { value: number; allows: [number, number]; said: string } | null {
  const carried = ctx.facts.total
  if (carried !== null) return { value: carried.value, allows: [carried.value, carried.value], said: `${carried.value.toFixed(2)} €` }
  const own = text.figures.find((f) => f !== baseline && f.kind === 'amount' && f.role === 'total' && f.sign === null && scopeOf(ctx, f) === 'own')
  return own === undefined ? null : { value: own.value, allows: allowed(own), said: own.text }
}
