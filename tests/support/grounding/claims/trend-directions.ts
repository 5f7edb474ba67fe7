// A rise or a fall of the whole said in words or arrows ("Sur 12 mois, vos dépenses mensuelles sont en baisse",
// "Tendance : ↘ baisse") beside the trend the answer carries (a trend_analysis insight) must go its way
// (docs/grounding.md "Grounded figures").
import { MONTH_WORD } from '../../checks/calendar-words.ts'
import { clipped, type Context, type StatedText, contradict } from '../context.ts'
import { periodMentions } from '../figures.ts'
import { trendClash } from './change.ts'
import { wholeChangeClaims } from './whole-changes.ts'

const MONTH_NAMED = new RegExp(MONTH_WORD, 'u')

/**
 * The whole's rises and falls of the message (whole-changes.ts wholeChangeClaims) against the carried trend: a fall
 * beside a rising trend fails, and the reverse (check.grounding.direction). Left to the comparison: a clause naming a
 * period or a month ("ce mois-ci, vos dépenses baissent", a month's move is not the trend's) and, when the answer
 * carries a change of its own, every sentence but a line labelled as the trend ("Tendance : ↘").
 */
export function checkTrendDirections(ctx: Context, { source }: StatedText): void {
  const trend = ctx.trend
  if (trend === null || source.where !== 'message') return
  for (const claim of wholeChangeClaims(source.text)) {
    if (ctx.facts.change !== null && !claim.labelled) continue
    if (periodMentions(claim.clause).length > 0 || MONTH_NAMED.test(claim.clause)) continue
    ctx.checked++
    if (!trendClash(trend, claim.direction, null)) continue
    contradict(ctx, source, 'check.grounding.direction', {
      stated: clipped(claim.text),
      direction: claim.direction,
      source: 'insight',
      sourceName: `trend_analysis (${trend.direction})`,
      carried: trend.change ?? 0,
    })
  }
}
