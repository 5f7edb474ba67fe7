// The question the service says it answered. v2 and v3 echo the request's message in the body's top-level `message`
// ("sanitised echo", docs/wire-contracts.md): an echo of another question means the answer is another question's —
// a cache keyed wrongly, a gateway that swapped bodies, a rewritten request. A review got GO with the period of the
// question rewritten on the way ("ce mois-ci" for "le mois dernier"), the echo saying so (2026-12-04).
//
// Sanitising strips the message (spaces, control characters) and may remove markup: the echo, reduced to its letters
// and digits (case and accents folded, HTML entities read), must be the question reduced the same way, with or
// without its markup. Anything else is another question — a word dropped too ("Mes dépenses du mois" for "… du mois
// dernier", "10 €" for "100 €": a subsequence let those through, review 2026-12-04).
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

/** The text without its markup tags (what a sanitiser removes): "<b>Amazon</b>" → "Amazon". */
const withoutTags = (text: string): string => text.replace(/<\/?[a-z][^<>]*>/gi, ' ')

/**
 * The echo read as a pattern where each run of U+FFFD stands for as many characters or fewer (a byte the client
 * could not read as UTF-8 each; an "é" sent in latin-1 is one byte): `asked` fits it, or not.
 */
function fitsGarbled(echoed: string, asked: string): boolean {
  const flat = (t: string) => t.normalize('NFC').replace(/\s+/g, ' ').trim()
  const parts = flat(echoed).split(/(\uFFFD+)/)
  const pattern = parts.map((p, i) => (i % 2 === 1 ? `[^]{1,${p.length}}` : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')
  return new RegExp(`^${pattern}$`, 'u').test(flat(asked))
}

/**
 * A failure when the answer echoes another question than `asked`; none when it echoes nothing. An echo garbled by
 * the body's encoding (U+FFFD where the question had "é") that the question fits is the same question: the encoding
 * check names that failure, and "another question" would send a reader after a cache or a swapped body.
 */
export function checkEchoedQuestion(asked: string, turn: NormalizedTurn): Reason[] {
  const echoed = turn.echoedQuestion
  if (echoed === undefined) return []
  const said = skeleton(entitiesRead(echoed))
  if (said === '' || said === skeleton(asked) || said === skeleton(withoutTags(asked))) return []
  if (echoed.includes('\uFFFD') && fitsGarbled(entitiesRead(echoed), asked)) return []
  return [reason('check.asked.other_question', { asked, echoed })]
}
