// Grounding (issue 10): the figures an answer STATES (message, insight titles and descriptions) are compared with
// the figures the same answer CARRIES (KPI cards, insight data, search summary, charts), and the carried figures
// with each other (total ≈ count × average, count = total results). A contradiction is a failure quoting both
// figures; an answer with nothing to compare is "not checkable" — said, never passed silently.
// Rules, not cases: a stated figure has a ROLE (total, count, average, change…) and a SCOPE, both read from its
// sentence. A figure of the answer's own scope with a role must agree with the carried figure of that role — never
// with "any carried figure". A figure whose sentence names another period ("en mai 2025", "le mois précédent", a
// date) is about that period: compared with what the answer carries for it (a chart point, the comparison's
// previous period), else with any carried figure, else unverified (noted) — never with the main total. A figure of
// no role must match SOME carried figure or stays unverified (a lone amount in a list of recent purchases is not a
// claim about the whole). Restating the question's own figures is not a claim. See docs/grounding.md.
// This file is the list of the checks, in the order they run (an earlier contradiction keeps a later check from
// saying it twice); each kind of claim is judged in its own module of claims/, with the readings they share beside
// this file (fit.ts, scope.ts, sides.ts, pairs.ts, labels.ts, breakdown.ts…).
import { reason, type Reason } from '../../../core/reason.ts'
import type { NormalizedTurn } from '../turn.ts'
import { checkAnomalyDetails } from './claims/anomaly-details.ts'
import { checkAnomalyMerchants } from './claims/anomaly-merchants.ts'
import { checkRelations } from './claims/carried-relations.ts'
import { changeFigure } from './claims/change.ts'
import { checkSearchSkipped, checkZeroClaims } from './claims/claims-nothing.ts'
import { countOfPartFigure } from './claims/count-of-part.ts'
import { differenceFigure } from './claims/difference.ts'
import { checkDirections } from './claims/directions.ts'
import { checkExtremes } from './claims/extremes.ts'
import { checkHeadline } from './claims/headline.ts'
import { labelAmountFigure } from './claims/label-amount.ts'
import { listedPartFigure } from './claims/listed-part.ts'
import { checkMonthlyAverage } from './claims/monthly-average.ts'
import { checkMoves } from './claims/moves.ts'
import { projectionFigure, questionFigure } from './claims/no-claim.ts'
import { nothingFoundFigure } from './claims/nothing-found.ts'
import { otherPeriodFigure } from './claims/other-period.ts'
import { checkLoose, ownRoleFigure } from './claims/own-role.ts'
import { checkPartsSum } from './claims/parts-sum.ts'
import { previousPeriodFigure } from './claims/previous-period.ts'
import { checkFractionShares, partShareFigure, shareFigure } from './claims/shares.ts'
import { checkStatedTotals } from './claims/stated-totals.ts'
import { checkPartsWithinWhole, checkRestated, checkStatedProduct } from './claims/text-facts.ts'
import { checkTopLabel } from './claims/top-part.ts'
import { unknownPartFigure } from './claims/unknown-part.ts'
import { checkTrendDirections } from './claims/trend-directions.ts'
import { checkSpendingChanges } from './claims/whole-changes.ts'
import { type AnswerCheck, type Context, contextOf, type FigureRule, sourcesOf, type StatedText, type TextCheck } from './context.ts'
import { foldKeep, statedFigures } from './figures.ts'

// Callers and self tests read a stated figure's fit to a carried value with the grounding itself.
export { fitOf } from './fit.ts'

export type GroundingStatus = 'grounded' | 'contradicted' | 'not_checkable'

export interface GroundingResult {
  status: GroundingStatus
  /** Contradictions (failures), each quoting the stated and the carried figure. */
  contradictions: Reason[]
  /** Figures compared with a carried figure, plus relations between carried figures that were checked. */
  checked: number
  /** Why nothing could be compared (status not_checkable), or figures left unverified. */
  notes: Reason[]
}

/** Before any text is read: the carried figures among themselves, and a search said skipped beside results. */
const BEFORE_TEXTS: readonly AnswerCheck[] = [checkRelations, checkSearchSkipped]

/** What one stated figure is held to: the first rule that takes it judges it, no later rule sees it. */
const FIGURE_RULES: readonly FigureRule[] = [
  questionFigure, // the question's own figure, restated: no claim
  projectionFigure, // "À ce rythme, … 32 000 €": noted only
  nothingFoundFigure, // any figure beside a search that found nothing
  changeFigure, // a change: the carried change, its subject's, or the trend
  differenceFigure, // "833,82 € de plus": the gap between two totals
  partShareFigure, // "Logement : 53 %": that part's share
  shareFigure, // any other percentage of no role
  labelAmountFigure, // "Shopping (1 270,40 €)": that label's value
  listedPartFigure, // "Shopping 1 270,40 €, Logement …": that part's slice
  unknownPartFigure, // a part the breakdown does not carry
  previousPeriodFigure, // the previous period's amount by its own words
  otherPeriodFigure, // a figure of another period than the answer's
  countOfPartFigure, // a count of another merchant or category
  ownRoleFigure, // the answer's own total, count, average, income — else any carried figure
]

/** Each stated figure, by the first rule that takes it. */
function checkFigures(ctx: Context, text: StatedText): void {
  for (const figure of text.figures) {
    for (const rule of FIGURE_RULES) if (rule(ctx, text, figure)) break
  }
}

/** What each stated text is checked for, in order; `messageOnly`: not read in insights. */
const TEXT_CHECKS: ReadonlyArray<{ check: TextCheck; messageOnly?: true }> = [
  { check: checkFigures }, // each figure, by the rules above
  { check: checkStatedTotals }, // two totals side by side: the baseline, the change between them
  { check: checkPartsSum, messageOnly: true }, // parts make their total, shares no more than 100 %
  { check: checkStatedProduct, messageOnly: true }, // total ≈ count × average, the text's figures standing for what nothing carries
  { check: checkPartsWithinWhole, messageOnly: true }, // a category or merchant no larger than the whole
  { check: checkRestated }, // "133,98 € (soit 1,34 k€)": an aside restates the same amount
  { check: checkDirections }, // "en hausse" against the carried change
  { check: checkSpendingChanges }, // a comparison's rise or fall of the whole, and its ratio
  { check: checkTrendDirections }, // a rise or fall of the whole against the carried trend
  { check: checkMoves }, // "de 3 105,92 € à 2 098,72 €" goes the way its words say
  { check: checkExtremes }, // the highest amount not below the lowest
  { check: checkMonthlyAverage }, // "en moyenne … par mois"
  { check: checkZeroClaims }, // "aucune transaction" beside results
  { check: checkTopLabel, messageOnly: true }, // the part ranked first is the pie's largest
  { check: checkFractionShares, messageOnly: true }, // "plus de la moitié" of the pie
  { check: checkAnomalyDetails, messageOnly: true }, // an unusual transaction's amount, merchant, day
  { check: checkAnomalyMerchants, messageOnly: true }, // one at a merchant the answer does not list
]

/** Once every text is read: a loose figure with nothing closer stated, and the headline of a "how much" answer. */
const AFTER_TEXTS: readonly AnswerCheck[] = [checkLoose, checkHeadline]

/**
 * The grading of each answer, kept with its turn: an attempt's checks (checks/index.ts, judge) and its observation
 * (observeAttempt) grade the same parsed turn — a turn is never modified after parsing — with the same question, so
 * the second asks for what the first computed (the grading was the largest part of an attempt's CPU).
 */
const graded = new WeakMap<NormalizedTurn, { question: string; inventedChecked: boolean; result: GroundingResult }>()

/** Grounding of one answer: contradictions, how much was checked, and notes when nothing could be. */
export function checkGrounding(turn: NormalizedTurn, question: string, options: { inventedChecked?: boolean } = {}): GroundingResult {
  const inventedChecked = options.inventedChecked ?? false
  const known = graded.get(turn)
  if (known !== undefined && known.question === question && known.inventedChecked === inventedChecked) return known.result
  const result = grade(turn, question, inventedChecked)
  graded.set(turn, { question, inventedChecked, result })
  return result
}

function grade(turn: NormalizedTurn, question: string, inventedChecked: boolean): GroundingResult {
  const ctx = contextOf(turn, question, inventedChecked)
  for (const check of BEFORE_TEXTS) check(ctx)
  let stated = 0
  for (const source of sourcesOf(turn)) {
    // The days the answer covers (checks/period-asked.ts): a range stated outside them names another period.
    const text: StatedText = { source, folded: foldKeep(source.text), figures: statedFigures(source.text, ctx.range) }
    stated += text.figures.length
    for (const { check, messageOnly } of TEXT_CHECKS) if (messageOnly !== true || source.where === 'message') check(ctx, text)
  }
  for (const check of AFTER_TEXTS) check(ctx)
  return resultOf(ctx, stated)
}

/** The status and notes of a graded answer: nothing compared is said (not checkable), and so are unverified figures. */
function resultOf(ctx: Context, stated: number): GroundingResult {
  const notes: Reason[] = []
  if (ctx.checked === 0 && ctx.contradictions.length === 0) {
    notes.push(reason('check.grounding.not_checkable', { stated, unverified: ctx.unverified.slice(0, 5) }))
  } else if (ctx.unverified.length > 0) {
    notes.push(reason('check.grounding.unverified', { unverified: ctx.unverified.slice(0, 5), count: ctx.unverified.length }))
  }
  const status: GroundingStatus = ctx.contradictions.length > 0 ? 'contradicted' : ctx.checked > 0 ? 'grounded' : 'not_checkable'
  return { status, contradictions: ctx.contradictions, checked: ctx.checked, notes }
}
