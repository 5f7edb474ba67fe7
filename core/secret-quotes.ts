// Quotes cut from a text before it was scrubbed: a check's excerpt of an answer judged as the service said it
// (tests/support/judged-as-said.ts, a failure only the unscrubbed answer has). redact() finds a secret whole, or a
// piece long enough to be told from ordinary text (core/secret-forms.ts); a quote cut inside the secret ("…au 30
// Novem…" of "Novembre2026!", the first 120 characters of a header holding a password) leaves a piece too short for
// that, which the answer scrubbed first never showed. So a quote is also masked where it was cut: at its start and
// end, on each side of an ellipsis and of a mask redact() put (the rest of a secret it masked), the view characters
// that continue a secret — its end read forward from the cut, its beginning read back — MIN_CUT_PIECE of them or more,
// not digits only (a date or an amount, as for redact()'s windows). Not covered, as for redact(): a piece cut on both
// sides, shorter than redact()'s windows (a quote of a few characters from inside a secret).
import type { Reason, ReasonParam } from './reason.ts'
import { spellingEnd, type View, viewOf, viewText } from './secret-view.ts'
import { redact, withForgeries } from './secrets.ts'

/** The shortest piece of a secret masked at a cut: two characters say next to nothing, and are in every word. */
const MIN_CUT_PIECE = 3

/** `text` (a quote cut from a text that was not scrubbed) scrubbed of `secrets`, and of their pieces where it was cut. */
export function redactQuote(text: string, secrets: readonly string[]): string {
  const scrubbed = redact(text, secrets)
  const views = secretViews(secrets)
  if (views.length === 0 || scrubbed.length === 0) return scrubbed
  const most = Math.max(...views.map((v) => v.length))
  const view = viewOf(scrubbed)
  const read = String.fromCharCode(...view.codes.subarray(0, view.length))
  const masked = new Uint8Array(scrubbed.length)
  let any = false
  for (const [at, forward] of cutsOf(scrubbed)) {
    const piece = forward ? pieceAfter(read, firstFrom(view, at), views, most) : pieceBefore(read, firstFrom(view, at), views, most)
    if (piece === null) continue
    masked.fill(1, view.from[piece[0]] as number, spellingEnd(scrubbed, view.from[piece[1] - 1] as number))
    any = true
  }
  return any ? collapsed(scrubbed, masked) : scrubbed
}

/** A reason's parameter judged on a text as it came: its texts scrubbed as quotes cut from it, the rest as is. */
export function quotedParam(value: ReasonParam, secrets: readonly string[]): ReasonParam {
  if (typeof value === 'string') return redactQuote(value, secrets)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return (value as readonly string[]).map((v) => redactQuote(v, secrets))
  return value
}

/** A reason found in a text as it came (a security probe's answer), its texts scrubbed as quotes cut from it; its code is ours. */
export function quotedReason(r: Reason, secrets: readonly string[]): Reason {
  return { code: r.code, params: Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, quotedParam(v, secrets)])) }
}

/**
 * The views a cut piece is looked for in: each secret without "Bearer ", a JWT's payload and signature on their own
 * (a quote may start at one), each also without its accents (a check folds "Décembre" to "decembre" before quoting).
 */
function secretViews(secrets: readonly string[]): string[] {
  const views = new Set<string>()
  // With the tokens the probes forge from a JWT among them (core/secrets.ts withForgeries): cut as a token is.
  for (const secret of withForgeries(secrets)) {
    const value = secret.replace(/^Bearer\s+/i, '')
    const segments = value.split('.')
    for (const part of [value, ...(segments.length === 3 ? segments : [])])
      for (const spelling of [part, part.normalize('NFD').replace(/\p{M}/gu, '')]) views.add(viewText(spelling))
  }
  return [...views].filter((v) => v.length >= MIN_CUT_PIECE)
}

/**
 * Where the text may have been cut, as [position, forward]: forward, a piece may start there (the text's start, after
 * an ellipsis or a mask); else one may end just before it (the text's end, before an ellipsis or a mask).
 */
function cutsOf(text: string): Array<[number, boolean]> {
  const cuts: Array<[number, boolean]> = [
    [0, true],
    [text.length, false],
  ]
  for (const m of text.matchAll(/…|\.\.\.|\*{3}/g)) cuts.push([m.index, false], [m.index + m[0].length, true])
  return cuts
}

/** The first view index whose character is spelled at or after `position` (the view's length when none is). */
function firstFrom(view: View, position: number): number {
  let k = 0
  while (k < view.length && (view.from[k] as number) < position) k++
  return k
}

/** The longest piece [k, e) of the view from `k` on that ends a secret (`most` characters at most), or null. */
function pieceAfter(read: string, k: number, views: readonly string[], most: number): [number, number] | null {
  const n = longest(Math.min(most, read.length - k), (size) => views.some((v) => v.endsWith(read.slice(k, k + size))))
  return n === 0 || isDigits(read.slice(k, k + n)) ? null : [k, k + n]
}

/** The longest piece [s, k) of the view before `k` that begins a secret (`most` characters at most), or null. */
function pieceBefore(read: string, k: number, views: readonly string[], most: number): [number, number] | null {
  const n = longest(Math.min(most, k), (size) => views.some((v) => v.startsWith(read.slice(k - size, k))))
  return n === 0 || isDigits(read.slice(k - n, k)) ? null : [k - n, k]
}

const isDigits = (piece: string): boolean => /^\d+$/.test(piece)

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
