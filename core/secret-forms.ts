// What each secret is looked for as, in the normalized view (core/secret-view.ts), derived once per process:
//  - every encoding the view does not decode: base64 (standard and url-safe, padded or not — the same view) at
//    the 3 byte alignments, so the secret inside a longer blob is found (Basic base64("user:password")), and hex;
//  - its distinctive parts: a JWT's payload and signature (its header is the same for every HS256 token, public),
//    or the whole value of an opaque token. A piece of 8 view characters of these is enough to mask: a token cut
//    in 10-character pieces leaks nothing. A password keeps 16 (its words may be ordinary words), but its whole
//    view is looked for too.
// Escapes (%XX, \uXXXX, &#…;), invisible characters and separators need no forms: the view removes them.
import { viewText } from './secret-view.ts'

/** Windows of `size` view characters cut from `text`; `blob`: a hit masks the whole base64/hex run around it. */
export interface WindowSource {
  text: string
  size: number
  blob: boolean
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

/** A token-like value: no whitespace, 20 characters or more (a bearer, an API key, a long passphrase). */
const tokenLike = (value: string): boolean => value.length >= 20 && !/\s/.test(value)

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
  for (const part of parts.length > 0 ? parts : [value]) {
    for (const core of base64Cores(part)) add(core, SHORT_WINDOW, true)
    for (const core of [...base32Cores(part), ...base64Cores(part, 'utf16le')]) add(core, SHORT_WINDOW, true)
  }
  // A password: its whole view, however short its pieces are spread (below 16, no 16-character window holds it).
  if (parts.length === 0) for (const s of spellings(value)) if (viewText(s).length < LONG_WINDOW) add(s, Number.POSITIVE_INFINITY, false)
  return out
}
