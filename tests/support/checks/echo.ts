// The question the service says it answered. v2 and v3 echo the request's message in the body's top-level `message`
// ("sanitised echo", docs/wire-contracts.md): an echo of another question means the answer is another question's —
// a cache keyed wrongly, a gateway that swapped bodies, a rewritten request. A review got GO with the period of the
// question rewritten on the way ("ce mois-ci" for "le mois dernier"), the echo saying so (2026-12-04).
//
// Sanitising may remove characters (markup, control characters, spaces) but adds none: the echo, reduced to its
// letters and digits (case and accents folded, HTML entities read), must be a subsequence of the question reduced
// the same way. Anything else is another question.
import { type Reason, reason } from '../../../core/reason.ts'
import type { NormalizedTurn } from '../turn.ts'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** HTML character references read (&lt; &#39; &#x27;), so an escaped echo adds no letters. */
function entitiesRead(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/** Letters and digits only, lower case, without accents. */
const skeleton = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

function isSubsequence(part: string, whole: string): boolean {
  let j = 0
  for (let i = 0; i < whole.length && j < part.length; i++) if (whole[i] === part[j]) j++
  return j === part.length
}

/** A failure when the answer echoes another question than `asked`; none when it echoes nothing. */
export function checkEchoedQuestion(asked: string, turn: NormalizedTurn): Reason[] {
  const echoed = turn.echoedQuestion
  if (echoed === undefined) return []
  const said = skeleton(entitiesRead(echoed))
  if (said === '' || isSubsequence(said, skeleton(asked))) return []
  return [reason('check.asked.other_question', { asked, echoed })]
}
