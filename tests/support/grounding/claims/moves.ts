// A move the text states between two of its own amounts must go the way its words say (docs/grounding.md "Grounded
// figures"), on any wire.
import { clipped, type Context, type StatedText, contradict } from '../context.ts'
import { statedMoves } from '../figures.ts'
import { directionsClash } from '../fit.ts'

/**
 * A move the text states between two of its own amounts with a direction (« en forte hausse : de 3 105,92 € en
 * août à 2 098,72 € en septembre »): the words must go the way the amounts go, on any wire (figures.ts statedMoves).
 */
export function checkMoves(ctx: Context, { source }: StatedText): void {
  for (const move of statedMoves(source.text)) {
    const computed = ((move.to.value - move.from.value) / move.from.value) * 100
    ctx.checked++
    if (!directionsClash(move.direction, computed)) continue
    contradict(ctx, source, 'check.grounding.direction', {
      stated: clipped(move.text),
      direction: move.direction,
      source: 'stated_totals',
      sourceName: `${move.from.text} → ${move.to.text}`,
      carried: computed,
    })
  }
}
