// The highest and the lowest of one kind stated with their amounts must not say the opposite (docs/grounding.md
// "Grounded figures"), on any wire.
import { type Context, type StatedText, contradict } from '../context.ts'
import { statedExtremes } from '../figures.ts'
import { allowed } from '../fit.ts'

/**
 * The highest and the lowest of one kind the text states with their amounts (« le mois le plus dépensier … (2 098,72 €)
 * et le plus calme … (3 105,92 €) »): the highest's amount may not be below the lowest's, as written (their rounding
 * and bounds allowed), on any wire (figures.ts statedExtremes).
 */
export function checkExtremes(ctx: Context, { source }: StatedText): void {
  const extremes = statedExtremes(source.text)
  for (const noun of new Set(extremes.map((e) => e.noun))) {
    const high = extremes.find((e) => e.noun === noun && e.side === 'high')
    const low = extremes.find((e) => e.noun === noun && e.side === 'low')
    if (high === undefined || low === undefined || high.figure === low.figure) continue
    ctx.checked++
    if (allowed(high.figure)[1] >= allowed(low.figure)[0]) continue
    contradict(ctx, source, 'check.grounding.extremes', { noun, high: high.figure.said, low: low.figure.said })
  }
}
