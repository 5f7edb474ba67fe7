// What each secret is looked for as, in the normalized view (core/secret-view.ts), derived once per process:
//  - every encoding the view does not decode: base64 (standard and url-safe, padded or not — the same view) at
//    the 3 byte alignments, so the secret inside a longer blob is found (Basic base64("user:password")), and hex;
//  - its distinctive parts: a JWT's payload and signature (its header is the same for every HS256 token, public),
//    or the whole value of an opaque token (20 characters or more, no space, random: see randomText). A piece of 8
//    view characters of these is enough to mask: a token cut in 10-character pieces leaks nothing, wherever the
//    pieces stand (under unrelated keys of a JSON answer, in separate log lines).
//  - any other secret (a password, a short key): a piece of 8 view characters that does not read as ordinary text
//    (readsAsText: "Tr0ub4do", "k7QmZp2L" — not "transact", "Rena2024") is masked wherever it stands too; the
//    rest needs 16 view characters of any form, or the whole view (its words may be ordinary words: "harena-demo"
//    cut in two is two words). A piece shorter than 8, away from the other pieces (not the values of one key, of a
//    numbered family of keys, of consecutive keys, nor the values of one header block: core/secret-view.ts), cannot
//    be told from ordinary text and stays.
// Escapes (%XX, \uXXXX, &#…;), invisible characters and separators need no forms: the view removes them.
import { viewCased, viewText } from './secret-view.ts'

/** Windows of `size` view characters cut from `text`; `blob`: a hit masks the whole base64/hex run around it. */
export interface WindowSource {
  text: string
  size: number
  blob: boolean
  /** Only the windows that do not read as ordinary text (readsAsText, on this: `text` in its original case). */
  cased?: string
}

/** The short window for distinctive parts; the long one (any 16 characters of any form) for everything. */
export const SHORT_WINDOW = 8
export const LONG_WINDOW = 16
/** A whole base64 core or password view shorter than this is matched only literally. */
const MIN_WHOLE = 6

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32, without padding (Node has none). */
function base32(bytes: Buffer): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out
}

/**
 * The characters of base32 fully determined by `value`'s bytes at each of the 5 byte alignments (a review found the
 * base32 of a password, and of the same password as UTF-16 then base64, in a report, 2026-12-04).
 */
export function base32Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const cores: string[] = []
  for (let a = 0; a < 5; a++) {
    const encoded = base32(Buffer.concat([Buffer.alloc(a), bytes]))
    cores.push(encoded.slice(Math.ceil((8 * a) / 5), Math.floor((8 * (a + bytes.length)) / 5)))
  }
  return cores
}

/** The characters of base64 fully determined by `value`'s bytes when it sits at each of the 3 byte alignments. */
export function base64Cores(value: string, encoding: 'utf8' | 'utf16le' = 'utf8'): string[] {
  const bytes = Buffer.from(value, encoding)
  const cores: string[] = []
  for (let a = 0; a < 3; a++) {
    const encoded = Buffer.concat([Buffer.alloc(a), bytes]).toString('base64')
    cores.push(encoded.slice(Math.ceil((8 * a) / 6), Math.floor((8 * (a + bytes.length)) / 6)))
  }
  return cores
}

/**
 * Whether a window of view characters, in their original case (core/secret-view.ts viewCased), reads as ordinary text,
 * where a window of a secret may occur without the secret: a number, a word, a word and a number ("transact",
 * "efour202", "Rena2024", "xMontant") — at most one change between letters and digits, at most two changes of case
 * between letters (a capital, a camel hump), and no 5 consonants in a row (no word of English or French has more than
 * 4: "strength", "instruction"). Any other window ("Tr0ub4do", "dhjhbnnh", "wNIbuQol", "k7QmZp2L") is a piece of a
 * random string. A letter outside ASCII counts as a lower-case vowel (é, ü: more likely a word's than a token's).
 */
export function readsAsText(window: string): boolean {
  let digitChanges = 0
  let caseChanges = 0
  let consonants = 0
  let before = -1 // 0 digit, 1 lower-case letter, 2 capital
  for (let i = 0; i < window.length; i++) {
    const c = window.charCodeAt(i)
    const kind = c >= 48 && c <= 57 ? 0 : c >= 65 && c <= 90 ? 2 : 1
    if (before >= 0 && (kind === 0) !== (before === 0) && ++digitChanges > 1) return false
    if (before > 0 && kind > 0 && kind !== before && ++caseChanges > 2) return false
    before = kind
    const lower = kind === 2 ? c | 0x20 : c
    consonants = kind === 0 || lower > 127 || VOWELS.has(lower) ? 0 : consonants + 1
    if (consonants >= 5) return false
  }
  return true
}

const VOWELS = new Set([...'aeiouy'].map((c) => c.charCodeAt(0)))

/**
 * Whether a value reads as a random string rather than words: most of its 8-character windows do not read as ordinary
 * text (a hex, base64 or base32 token; not "transaction-compte21", whose every window is words).
 */
function randomText(value: string): boolean {
  const cased = viewCased(value)
  let random = 0
  const windows = cased.length - SHORT_WINDOW + 1
  for (let i = 0; i < windows; i++) if (!readsAsText(cased.slice(i, i + SHORT_WINDOW))) random++
  return windows > 0 && random * 2 >= windows
}

/**
 * A token-like value: no whitespace, 20 characters or more (a bearer, an API key), random (a passphrase of words
 * joined by hyphens is not: "transaction-compte21" as a token masked "transactions" in a recorded answer).
 */
const tokenLike = (value: string): boolean => value.length >= 20 && !/\s/.test(value) && randomText(value)

/** A JWT's payload and signature; an opaque token whole. */
function distinctiveParts(value: string): string[] {
  const segments = value.split('.')
  if (segments.length === 3 && segments[0]?.startsWith('eyJ')) return segments.slice(1).filter((s) => s.length >= SHORT_WINDOW)
  return [value]
}

/**
 * What is public in a secret, as views: a JWT's header, after "Bearer" or not (and its base64 at the 3 alignments). A window inside
 * them is no piece of the secret: it is the same in every HS256 token, and in the docs that describe one.
 */
export function publicViews(value: string): string[] {
  const segments = value.split('.')
  if (segments.length !== 3 || !segments[0]?.startsWith('eyJ')) return []
  const header = `${segments[0]}.`
  return [`Bearer ${header}`, ...base64Cores(header)].map(viewText)
}

/** The value, and its UTF-8 bytes read as Latin-1 (what %XX of a non-ASCII character decodes to in the view). */
const spellings = (value: string): string[] => [...new Set([value, Buffer.from(value, 'utf8').toString('latin1')])]

/** Every window source of one secret value (without any "Bearer " prefix), with `literalForms` its literal forms. */
export function windowSources(value: string, literalForms: readonly string[]): WindowSource[] {
  const out: WindowSource[] = []
  const add = (text: string, size: number, blob: boolean): void => {
    const view = viewText(text)
    if (view.length >= size) out.push({ text: view, size, blob })
    else if (view.length >= MIN_WHOLE && size !== LONG_WINDOW) out.push({ text: view, size: view.length, blob })
  }
  for (const form of [...literalForms, ...spellings(value)]) add(form, LONG_WINDOW, false)
  add(Buffer.from(value, 'utf8').toString('hex'), LONG_WINDOW, true)
  add(Buffer.from(value, 'utf8').toString('base64'), LONG_WINDOW, true)
  const parts = tokenLike(value) ? distinctiveParts(value) : []
  for (const part of parts) for (const s of spellings(part)) add(s, SHORT_WINDOW, false)
  // Any other secret: its 8-character pieces that read as no ordinary text, wherever they stand.
  if (parts.length === 0)
    for (const s of spellings(value))
      if (viewText(s).length >= SHORT_WINDOW) out.push({ text: viewText(s), size: SHORT_WINDOW, blob: false, cased: viewCased(s) })
  for (const part of parts.length > 0 ? parts : [value]) {
    for (const core of base64Cores(part)) add(core, SHORT_WINDOW, true)
    for (const core of [...base32Cores(part), ...base64Cores(part, 'utf16le')]) add(core, SHORT_WINDOW, true)
  }
  // A password: its whole view, however short its pieces are spread (below 16, no 16-character window holds it).
  if (parts.length === 0) for (const s of spellings(value)) if (viewText(s).length < LONG_WINDOW) add(s, Number.POSITIVE_INFINITY, false)
  return out
}
