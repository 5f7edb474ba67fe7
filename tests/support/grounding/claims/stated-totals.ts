// The two totals a sentence sets side by side (pairs.ts) must hold together with what it says: the baseline with the
// previous period the answer carries, a change's direction and size with the gap between them (docs/grounding.md
// "Grounded figures").
import { questionEntities } from '../../checks/question-asked.ts'
import { clipped, type Context, type StatedText, type TextSource, contradict } from '../context.ts'
import { type Direction, directionIn, type StatedFigure } from '../figures.ts'
import { agrees, allowed, changeSizes, directionsClash, fitOf, sizeFit } from '../fit.ts'
import { sentencePair } from '../pairs.ts'

/**
 * A sentence that states two amounts — the compared one and its baseline ("3 348,06 €, contre 2 514,24 € sur la même
 * période du mois dernier", "par rapport au mois dernier (2 514,24 €)") — must hold together with what it says:
 * - the baseline of the answer's whole comparison (the compared amount is the comparison chart's current sum or the
 *   answer's total) must agree with the comparison's previous period ("contre 2 154,24 €" beside a chart giving
 *   2 514,24 € fails, check.grounding.period); a chart label's pair ("Shopping : 1 270,40 € contre 151,02 €") with that
 *   label's previous value;
 * - without a carried change (a v3 answer carries none; a carried one judges the change itself, checkChange), a
 *   change's direction and size must agree with the gap between the two amounts, within the rounding the writer
 *   used for each of the three figures: "3 348,06 €, soit une baisse de 33,2 % par rapport au mois dernier
 *   (2 514,24 €)" and "3 348,06 € contre 2 514,24 €, soit une hausse de 13,2 %" contradict themselves. A sentence
 *   that names a category or a merchant may compare a part: its size is not checked.
 * The baseline is the one amount led to by a comparison word or in a previous-period clause (previousAmount), the
 * compared amount the one other; a total stated in another sentence ("Sur 13 mois, vous avez dépensé 33 508,39 €")
 * is not one of the two (final review 2026-12-05), and a sentence without exactly that pair is not checked.
 */
export function checkStatedTotals(ctx: Context, { source, folded, figures }: StatedText): void {
  const starts = new Set(figures.map((f) => f.index - f.clauseAt))
  for (const start of starts) {
    const pair = sentencePair(ctx, folded, figures, start)
    if (pair !== null) checkBaseline(ctx, source, pair)
  }
  for (const claim of directionClaims(source, figures)) {
    const pair = sentencePair(ctx, folded, figures, claim.start)
    if (pair !== null) checkClaimedDirection(ctx, source, claim, pair)
  }
}

/** A direction a sentence gives (at `start`): a change figure's, or words beside its amounts (`figure` null). */
interface DirectionClaim {
  start: number
  direction: Direction
  stated: string
  figure: StatedFigure | null
}

function directionClaims(source: TextSource, figures: readonly StatedFigure[]): DirectionClaim[] {
  const claims: DirectionClaim[] = []
  for (const figure of figures) {
    if (figure.role === 'change' && figure.direction !== null)
      claims.push({ start: figure.index - figure.clauseAt, direction: figure.direction, stated: figure.text, figure })
  }
  // A direction said in words beside the two amounts ("Par rapport au mois dernier (2 514,24 €), vos dépenses sont en
  // baisse : 3 348,06 € ce mois-ci"): the sentence has no change figure to carry it (final review 2026-12-05).
  for (const figure of figures) {
    const start = figure.index - figure.clauseAt
    if (claims.some((c) => c.start === start) || /%|pour ?cent/.test(figure.clause) || !SPENDING_CLAUSE.test(figure.clause)) continue
    const said = directionIn(figure.clause)
    if (said !== null) claims.push({ start, direction: said.direction, stated: sentenceText(source.text, start, figure.clause.length), figure: null })
  }
  return claims
}

/**
 * A direction against the two amounts its sentence sets side by side, and a change figure's size against their gap.
 * With a carried change, the words are held to it (checkChange, checkDirections) and the two amounts to the
 * comparison (checkBaseline); the words must still agree with the two amounts their own sentence sets side by side
 * (« en hausse : 2 514,24 € ce mois-ci contre 3 348,06 € le mois dernier », review judge3): the direction only.
 */
function checkClaimedDirection(
  ctx: Context,
  source: TextSource,
  claim: DirectionClaim,
  pair: { current: StatedFigure; previous: StatedFigure },
): void {
  const carriedChange = ctx.facts.change !== null
  const { current, previous } = pair
  const computed = ((current.value - previous.value) / previous.value) * 100
  ctx.checked++
  if (directionsClash(claim.direction, computed)) {
    if (carriedChange && ctx.contradictions.some((r) => r.code === 'check.grounding.direction' && r.params['stated'] === claim.stated)) return
    contradict(ctx, source, 'check.grounding.direction', {
      stated: claim.stated,
      direction: claim.direction,
      source: 'stated_totals',
      sourceName: `${current.text} / ${previous.text}`,
      carried: computed,
    })
    return
  }
  if (claim.figure !== null && !carriedChange) checkStatedSize(ctx, source, claim.figure, pair, claim.start)
}

const SPENDING_CLAUSE = /(depens|achat|paiement|budget|sorties)/

/**
 * The size of a change stated beside the two amounts of its sentence: a percentage against their relative gap,
 * computed over every value the two amounts allow as written ("3 348 € contre 2 514 €" allows 33,1 % to 33,2 %), so a
 * writer who rounded is never failed; a percentage that no such value fits ("une hausse de 13,2 %" for 3 348,06 €
 * contre 2 514,24 €) contradicts (check.grounding.figure). A loose one ("plus de 5 %") says nothing false.
 */
function checkStatedSize(
  ctx: Context,
  source: TextSource,
  figure: StatedFigure,
  pair: { current: StatedFigure; previous: StatedFigure },
  start: number,
): void {
  if (figure.kind !== 'percent') return
  const sentence = source.text.slice(start, start + figure.clause.length)
  const named = questionEntities(sentence)
  if (named.categories.length > 0 || named.merchants.length > 0) return
  // The size is unsigned (the direction is checked above): the magnitudes those values allow.
  const sizes = changeSizes(allowed(pair.current), allowed(pair.previous))
  if (sizes === null || sizeFit(figure, sizes) !== 'contradicts') return
  contradict(ctx, source, 'check.grounding.figure', {
    stated: figure.said,
    role: 'change',
    source: 'stated_totals',
    sourceName: `${pair.current.text} / ${pair.previous.text}`,
    carried: ((pair.current.value - pair.previous.value) / pair.previous.value) * 100,
  })
}

/**
 * The baseline of a sentence's pair against what the answer carries for the previous period: the comparison's
 * previous sum when the compared amount is its current sum (or the answer's total), a chart label's previous value
 * when the compared amount is that label's current one. Another pair (a part the answer does not carry) is left to
 * the figures' own checks.
 */
function checkBaseline(ctx: Context, source: TextSource, pair: { current: StatedFigure; previous: StatedFigure }): void {
  const comparison = ctx.facts.comparison
  if (comparison === null) return
  const { current, previous } = pair
  let expected: number | null = null
  if (agrees(current, comparison.current) || (ctx.facts.total !== null && agrees(current, ctx.facts.total.value))) expected = comparison.previous
  else {
    const parts = [...comparison.byLabel.values()].filter((e) => agrees(current, e.current))
    if (parts.length === 1) expected = parts[0]?.previous ?? null
  }
  if (expected === null || fitOf(previous, expected) !== 'contradicts') return
  // Already failed as another period's total (checkOtherPeriod): said once.
  if (ctx.contradictions.some((r) => r.params['stated'] === previous.said)) return
  contradict(ctx, source, 'check.grounding.period', {
    stated: previous.said,
    chart: comparison.name,
    carried: [expected],
    ...(comparison.insight === true ? { source: 'insight' } : {}),
  })
}

/** The sentence as written, bounded for a reason. */
function sentenceText(text: string, start: number, length: number): string {
  const said = text
    .slice(start, start + length)
    .replace(/\s+/g, ' ')
    .trim()
  return clipped(said)
}
