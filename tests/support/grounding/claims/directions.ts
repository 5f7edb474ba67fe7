// A rise or a fall said in words ("vos dépenses sont en hausse", "stable") must have the direction of the change the
// answer carries — the whole's, or its subject category's (change-subject.ts; docs/grounding.md "Grounded figures").
import { labelChange } from '../change-subject.ts'
import { clipped, type Context, type StatedText, contradict } from '../context.ts'
import { statedDirections } from '../figures.ts'
import { directionsClash } from '../fit.ts'

export function checkDirections(ctx: Context, { source }: StatedText): void {
  for (const claim of statedDirections(source.text)) {
    // A line labelled as the trend ("Tendance : ↘") beside a carried trend is the trend's (trend-directions.ts).
    if (claim.labelled && ctx.trend !== null) continue
    const subject = labelChange(ctx.facts, claim.clause, claim.at)
    const carried = subject !== null ? subject.change : (ctx.facts.change?.value ?? null)
    if (carried === null) continue
    ctx.checked++
    if (!directionsClash(claim.direction, carried)) continue
    contradict(ctx, source, 'check.grounding.direction', {
      stated: clipped(claim.text),
      direction: claim.direction,
      source: subject !== null ? 'chart_change' : (ctx.facts.change?.source ?? 'computed'),
      sourceName: subject !== null ? subject.label : (ctx.facts.change?.name ?? ''),
      carried,
    })
  }
}
