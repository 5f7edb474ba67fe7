// A doubled text (docs/suite-rules.md §4): its words or its sentences come in identical pairs nearly throughout —
// "Vos Vos dépenses dépenses … **360,00 **360,00" — what a stream whose chunks were each sent twice assembles. The
// stream's own signals come first (tests/support/adapters/replay.ts: a replayed SSE id or position number, the
// stated length, every chunk twice); this is the second line, for a replay those signals cannot show, and for a
// buffered text garbled the same way. Genuine French repeats a word or a line now and then — "très très", "vous
// vous êtes abonné", a merchant listed twice, two identical monthly charges — never most of a text: a text is
// doubled only when at least MIN_PAIRS identical pairs, side by side, cover at least DOUBLED_SHARE of its words (or
// of its sentences, when the chunks were sentences).
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt } from './text.ts'

/** Share of the units that must sit in identical side-by-side pairs: far above any prose's, below a replay's 100 %. */
export const DOUBLED_SHARE = 0.6
/** Identical pairs a text needs before it can be doubled: one or two are prose ("très très", a charge listed twice). */
export const MIN_PAIRS = 3

type Unit = 'word' | 'sentence'

/** Side-by-side identical pairs, each unit counted in one pair at most ("a a a" is one pair). */
function pairsOf(units: readonly string[]): number {
  let pairs = 0
  for (let i = 0; i + 1 < units.length; i++) {
    if (units[i] === units[i + 1]) {
      pairs += 1
      i += 1
    }
  }
  return pairs
}

const words = (text: string): string[] => text.split(/\s+/u).filter((w) => w !== '')
/** Sentences and lines: split after closing punctuation or at a line break. */
const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))

function doubledBy(unit: Unit, units: readonly string[]): { unit: Unit; pairs: number; share: number } | null {
  const pairs = pairsOf(units)
  if (pairs < MIN_PAIRS || units.length === 0) return null
  const share = (2 * pairs) / units.length
  return share >= DOUBLED_SHARE ? { unit, pairs, share } : null
}

/** The text's words or sentences come in identical pairs nearly throughout. */
export function checkDoubled(message: string): Reason[] {
  const found = doubledBy('word', words(message)) ?? doubledBy('sentence', sentences(message))
  if (found === null) return []
  return [
    reason('check.message.doubled', { unit: found.unit, pairs: found.pairs, share: Math.round(found.share * 100), text: excerpt(message, 120) }),
  ]
}
