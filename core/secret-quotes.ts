// Quotes cut from a text before it was scrubbed: a check's excerpt of an answer judged as the service said it
// (tests/support/judged-as-said.ts, a failure only the unscrubbed answer has). redact() finds a secret whole, or a
// piece long enough to be told from ordinary text (core/secret-forms.ts); a quote cut inside the secret ("…au 30
// Novem…" of "Novembre2026!", the first 120 characters of a header holding a password) leaves a piece too short for
// that, which the answer scrubbed first never showed. So a quote is also masked where it may have been cut: in each
// run of letters and digits (characters spelled one after the other, escapes read as the view reads them), the
// secret's beginning at the run's end, its end at the run's start — MIN_CUT_PIECE view characters or more — and a
// whole run that lies inside a secret. It over-masks words that happen to continue a secret at their edges: only
// such quotes, rare, are read this way; the suite's other texts keep redact().
import { spellingEnd, type View, viewOf, viewText } from './secret-view.ts'
import { redact } from './secrets.ts'

/** The shortest piece of a secret masked at a cut: two characters say next to nothing, and are in every word. */
const MIN_CUT_PIECE = 3

/** `text` (a quote cut from a text that was not scrubbed) scrubbed of `secrets`, and of their pieces where it may have been cut. */
export function redactQuote(text: string, secrets: readonly string[]): string {
  const scrubbed = redact(text, secrets)
  const views = secretViews(secrets)
  if (views.length === 0) return scrubbed
  const view = viewOf(scrubbed)
  const masked = new Uint8Array(scrubbed.length)
  let any = false
  for (const [a, b] of runsOf(scrubbed, view)) {
    const run = String.fromCharCode(...view.codes.subarray(a, b))
    for (const [s, e] of cutPieces(run, views)) {
      masked.fill(1, view.from[a + s] as number, spellingEnd(scrubbed, view.from[a + e - 1] as number))
      any = true
    }
  }
  return any ? collapsed(scrubbed, masked) : scrubbed
}

/**
 * The views a cut piece is looked for in: each secret without "Bearer ", a JWT's payload and signature on their own
 * (a quote may start at one), each also without its accents (a check folds "Décembre" to "decembre" before quoting).
 */
function secretViews(secrets: readonly string[]): string[] {
  const views = new Set<string>()
  for (const secret of secrets) {
    const value = secret.replace(/^Bearer\s+/i, '')
    const segments = value.split('.')
    for (const part of [value, ...(segments.length === 3 ? segments : [])])
      for (const spelling of [part, part.normalize('NFD').replace(/\p{M}/gu, '')]) views.add(viewText(spelling))
  }
  return [...views].filter((v) => v.length >= MIN_CUT_PIECE)
}

/** Each run of the view: view indices [a, b) whose characters are spelled one right after the other in `text`. */
function runsOf(text: string, view: View): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  let a = 0
  for (let k = 1; k <= view.length; k++) {
    const before = view.from[k - 1] as number
    const next = view.from[k] as number
    // A character read as several letters (ﬁ) gives each the same start: still one run.
    if (k < view.length && (next === before || next === spellingEnd(text, before))) continue
    if (k > a) runs.push([a, k])
    a = k
  }
  return runs
}

/** The pieces of a run (view offsets [s, e)) that may be a cut secret's: the whole run inside one, else its ends. */
function cutPieces(run: string, views: readonly string[]): Array<[number, number]> {
  if (run.length >= MIN_CUT_PIECE && views.some((v) => v.includes(run))) return [[0, run.length]]
  const pieces: Array<[number, number]> = []
  const start = longest(run.length, (n) => views.some((v) => v.endsWith(run.slice(0, n))))
  if (start > 0) pieces.push([0, start])
  const end = longest(run.length, (n) => views.some((v) => v.startsWith(run.slice(run.length - n))))
  if (end > 0) pieces.push([run.length - end, run.length])
  return pieces
}

/** The largest n from MIN_CUT_PIECE to `most` for which `holds(n)`, else 0. */
function longest(most: number, holds: (n: number) => boolean): number {
  for (let n = most; n >= MIN_CUT_PIECE; n--) if (holds(n)) return n
  return 0
}

/** Each marked span replaced by ***, one *** where a mask meets the one redact() put beside it. */
function collapsed(text: string, masked: Uint8Array): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (masked[i] !== 1) out += text[i]
    else if (i === 0 || masked[i - 1] !== 1) out += '***'
  }
  return out.replace(/\*{3}(?:\*{3})+/g, '***')
}
