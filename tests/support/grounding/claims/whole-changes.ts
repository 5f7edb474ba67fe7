// The rises and falls of the whole spending a comparison answer says in words, wherever they stand, held to the
// change it carries: direction, and the ratio their words state (docs/grounding.md "Grounded figures").
import { questionEntities } from '../../checks/question-asked.ts'
import { clipped, type Context, type StatedText, contradict } from '../context.ts'
import { type ChangeClaim, spendingChangeClaims, statedDirections } from '../figures.ts'
import { directionsClash } from '../fit.ts'

/**
 * The rises and falls of the whole spending a comparison answer's message says in words, wherever they stand
 * (figures.ts spendingChangeClaims): « Vos dépenses baissent ce mois-ci », « Vous dépensez donc moins qu'avant »,
 * « vous avez économisé 833,82 € », « multipliées par deux ». A clause naming a category or a merchant may speak of a
 * part: left out. The ground truth reads the same claims (ground-truth/check.ts).
 */
export function wholeChangeClaims(message: string): ChangeClaim[] {
  return spendingChangeClaims(message).filter((claim) => {
    if (/\bchez\b/.test(claim.clause)) return false
    const named = questionEntities(claim.text)
    return named.categories.length === 0 && named.merchants.length === 0
  })
}

/**
 * A ratio current ÷ previous its words state that the change (a percentage) does not allow: a factor in words
 * ("multipliées par deux", "un tiers de plus") more than 20 % off, a factor in digits ("par 1,5", "1,2 fois plus")
 * also outside its written rounding (1,45 to 1,55 for ×1,33 fails; the carried change's own tenth of a point aside).
 */
export function ratioClash(claim: Pick<ChangeClaim, 'ratio' | 'ratioSpan'>, percent: number): boolean {
  const { ratio, ratioSpan } = claim
  const actual = 1 + percent / 100
  if (ratio === null || actual <= 0 || ratio <= 0) return false
  if (Math.abs(Math.log(actual / ratio)) > Math.log(1.2)) return true
  const slack = 0.0005 + 1e-9
  return ratioSpan !== null && (actual < ratioSpan[0] - slack || actual > ratioSpan[1] + slack)
}

/**
 * A comparison answer's rise or fall of the whole (wholeChangeClaims), with or without the previous period named in
 * its sentence, held to the change it carries (the KPI card, the comparison chart, the comparison insight): its
 * direction, and its size when its words state a ratio ("multipliées par deux" for ×1,33). A clause checkDirections
 * already judged is not judged twice for its direction.
 */
export function checkSpendingChanges(ctx: Context, { source }: StatedText): void {
  const change = ctx.facts.change
  if (!ctx.compares || source.where !== 'message' || change === null) return
  const judged = new Set(statedDirections(source.text).map((c) => c.clause))
  for (const claim of wholeChangeClaims(source.text)) {
    // A line labelled as the trend ("Tendance : ↘") beside a carried trend is the trend's (trend-directions.ts).
    if (claim.labelled && ctx.trend !== null) continue
    ctx.checked++
    const stated = clipped(claim.text)
    if (directionsClash(claim.direction, change.value)) {
      if (judged.has(claim.clause)) continue
      contradict(ctx, source, 'check.grounding.direction', {
        stated,
        direction: claim.direction,
        source: change.source,
        sourceName: change.name,
        carried: change.value,
      })
      continue
    }
    if (ratioClash(claim, change.value))
      contradict(ctx, source, 'check.grounding.figure', {
        stated,
        role: 'change',
        source: change.source,
        sourceName: change.name,
        carried: change.value,
      })
  }
}
