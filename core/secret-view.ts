// The normalized view secrets are matched on (core/secrets.ts): what a reader would get back from a text by
// decoding it and ignoring what carries no information. A secret echoed percent-encoded (every byte or some),
// JSON- or HTML-escaped, with invisible characters inserted (soft hyphen, zero-width, BOM, NBSP…), or cut into
// pieces separated by punctuation or whitespace (a JSON array of pieces, a wrapped log line) has the same view
// as the secret itself:
//  - escapes are decoded: %XX (a UTF-8 sequence of them as its character; %25XX, encoded twice or more, too), \uXXXX, \xXX,
//    \n \r \t \b \f, &#NN; &#xHH; and the common named entities;
//  - only letters and digits are kept, in their compatibility form (NFKC: fullwidth ｈＴ９, mathematical 𝐡𝐓𝟗, ①, and
//    the forms of several letters: ﬁ → fi, ㎏ → kg, ǆ → dž) and lower-cased: punctuation, spaces, separators, control,
//    format (\p{Cf}), default-ignorable and combining characters are dropped.
// Each kept character remembers where its spelling starts in the text, so a match maps back onto the text; a
// character read as several letters gives each of them the same start (a mask covers the whole character).

/**
 * Per UTF-16 code unit: 0 when dropped from the view, MULTI when it reads as several letters (in `expansions`), else
 * the (lower-cased) code kept. Built once per process.
 */
let table: Uint16Array | null = null

/** A table value no kept character has (U+0001 is a control character, dropped): the character reads as several codes. */
const MULTI = 1

/** The codes of each character (BMP or astral code point) that reads as several letters or digits: ﬁ → fi, ㎏ → kg. */
const expansions = new Map<number, Uint16Array>()

const KEPT = /^[\p{L}\p{N}]$/u
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{M}\u3164\u115f\u1160\uffa0]$/u
const SYMBOL = /^\p{S}$/u

function keptTable(): Uint16Array {
  if (table !== null) return table
  table = new Uint16Array(65536)
  for (let c = 0; c < 65536; c++) {
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) table[c] = c
      else if (c >= 65 && c <= 90) table[c] = c | 0x20
      continue
    }
    if (c >= 0xd800 && c <= 0xdfff) continue // surrogates: handled as pairs in decodeAt
    const s = String.fromCharCode(c)
    const letter = KEPT.test(s)
    // Of the rest, only symbols have letters in their form (㎏, ™, ℡, ⒜, ₨): punctuation, spaces, private-use and
    // unassigned characters are dropped without being normalized (the table is built once per process).
    if ((!letter && !SYMBOL.test(s)) || IGNORABLE.test(s)) continue
    table[c] = foldedCode(s, c, letter)
  }
  return table
}

/**
 * A character as the view keeps it: its compatibility form (NFKC: fullwidth ｈＴ９ → hT9, ① → 1, ſ → s, the Kelvin
 * sign → K) lower-cased, when that is one code unit; a form of several (ﬁ → fi, ㎏ → kg, ⅻ → xii; a symbol too when
 * its form holds letters or digits: ㎏ is a symbol) as the letters and digits of that form, MULTI with the codes in
 * `expansions`. A service that echoed the token in fullwidth letters showed it whole (review 2026-12-05), and a
 * password spelled with ligatures did too: a reader reads the same letters. A letter whose form holds none: itself
 * lower-cased when that is one code unit, else itself; anything else is dropped (0).
 */
function foldedCode(s: string, c: number, letter: boolean): number {
  const form = s.normalize('NFKC')
  if (!letter && form === s) return 0
  const folded = form.toLowerCase()
  if (letter && folded.length === 1) return folded.charCodeAt(0)
  const codes = keptCodes(folded)
  if (codes.length > 1) {
    expansions.set(c, Uint16Array.from(codes))
    return MULTI
  }
  if (codes.length === 1) return codes[0] as number
  if (!letter) return 0
  const lower = s.toLowerCase()
  return lower.length === 1 ? lower.charCodeAt(0) : c
}

/** The letters and digits of a folded form, as codes (astral ones left out: no form of a BMP character holds one). */
function keptCodes(folded: string): number[] {
  const codes: number[] = []
  for (const ch of folded) if (ch.length === 1 && KEPT.test(ch) && !IGNORABLE.test(ch)) codes.push(ch.charCodeAt(0))
  return codes
}

/** Astral characters folded so far (most texts hold a few emoji, each looked up once per process). */
const astral = new Map<number, number>()

/**
 * An astral character (a surrogate pair, a %F0 UTF-8 sequence, an &#x1D421; entity) as the view reads it: the
 * mathematical alphanumerics (𝐡𝐓𝟗, 𝘩𝘛𝟵…) fold to the ASCII letter or digit NFKC gives them, an enclosed or squared
 * form to its letters (🄐 → a, 🅪 → mc: MULTI); anything else (an emoji) is dropped (0).
 */
function astralCode(cp: number): number {
  let code = astral.get(cp)
  if (code === undefined) {
    const kept = keptTable()
    const codes: number[] = []
    for (const ch of String.fromCodePoint(cp).normalize('NFKC')) {
      const k = ch.length === 1 ? (kept[ch.charCodeAt(0)] as number) : 0
      if (k === MULTI) codes.push(...(expansions.get(ch.charCodeAt(0)) as Uint16Array))
      else if (k !== 0) codes.push(k)
    }
    code = codes.length === 0 ? 0 : codes.length === 1 ? (codes[0] as number) : MULTI
    if (code === MULTI) expansions.set(cp, Uint16Array.from(codes))
    astral.set(cp, code)
  }
  return code
}

/** How the view keeps the character `cp` a spelling decodes to (decodeAt): 0 dropped, MULTI, or the code kept. */
const foldOf = (kept: Uint16Array, cp: number): number => (cp > 0xffff ? astralCode(cp) : (kept[cp] as number))

const NAMED: Record<string, number> = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  nbsp: 0xa0,
  shy: 0xad,
  sol: 47,
  colon: 58,
  equals: 61,
  plus: 43,
  percnt: 37,
}

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1)

function hexAt(text: string, at: number, digits: number): number {
  let v = 0
  for (let k = 0; k < digits; k++) {
    const d = hexValue(text.charCodeAt(at + k))
    if (d < 0) return -1
    v = v * 16 + d
  }
  return v
}

/** Set by decodeAt: the code point of the character spelled at the position (decodeAt returns how many code units spell it). */
let decodedCode = 0

function decoded(code: number, length: number): number {
  decodedCode = code
  return length
}

/** The character spelled at `i` (an escape or a plain character) into decodedCode; returns its spelling's length. */
function decodeAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === 37 /* % */) {
    const byte = percentByte(text, i)
    if (byte < 0) return decoded(c, 1)
    if (byte >= 0xc0) return decodeUtf8(text, i, byte, percentLength)
    return decoded(byte, percentLength)
  }
  if (c === 92 /* \ */) return decodeBackslash(text, i)
  if (c === 38 /* & */) return decodeEntity(text, i)
  if (c >= 0xd800 && c <= 0xdbff) {
    // An astral character (a surrogate pair): never part of a secret form. A high surrogate alone is dropped by
    // itself: taking the next code unit with it hid one character of a secret per lone surrogate put before it.
    const next = text.charCodeAt(i + 1)
    if (next < 0xdc00 || next > 0xdfff) return decoded(0x20, 1)
    return decoded(((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000, 2)
  }
  return decoded(c, 1)
}

/** Set by percentByte: how many code units spell the byte it read. */
let percentLength = 0

/**
 * The byte percent-encoded at `i` ("%41"; encoded again any number of times, a URL put in another URL's query string:
 * "%2541", "%252541"), its spelling's length in percentLength; -1 when `i` holds no such escape.
 */
function percentByte(text: string, i: number): number {
  if (text.charCodeAt(i) !== 37) return -1
  let at = i + 1
  while (hexAt(text, at, 2) === 0x25 && hexAt(text, at + 2, 2) >= 0) at += 2
  const v = hexAt(text, at, 2)
  percentLength = at + 2 - i
  return v
}

/**
 * A percent-encoded UTF-8 sequence (%c3%9c, Ü; each byte possibly encoded again) as its character, so that its case
 * folds like the character's. `length`: the lead byte's spelling.
 */
function decodeUtf8(text: string, i: number, lead: number, length: number): number {
  const count = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2
  let cp = lead & (0xff >> (count + 1))
  let at = i + length
  for (let k = 1; k < count; k++) {
    const b = percentByte(text, at)
    if (b < 0x80 || b > 0xbf) return decoded(lead, length) // not UTF-8: the byte alone, as Latin-1
    cp = (cp << 6) | (b & 0x3f)
    at += percentLength
  }
  return decoded(cp, at - i)
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 }

function decodeBackslash(text: string, i: number): number {
  const next = text[i + 1] ?? ''
  if (next === 'u') {
    const v = hexAt(text, i + 2, 4)
    if (v >= 0) return decoded(v, 6)
  }
  if (next === 'x') {
    const v = hexAt(text, i + 2, 2)
    if (v >= 0) return decoded(v, 4)
  }
  const simple = SIMPLE_ESCAPES[next]
  return simple === undefined ? decoded(92, 1) : decoded(simple, 2)
}

function decodeEntity(text: string, i: number): number {
  const end = text.indexOf(';', i + 1)
  if (end === -1 || end - i > 10) return decoded(38, 1)
  const body = text.slice(i + 1, end)
  let v = -1
  if (/^#\d{1,7}$/.test(body)) v = Number(body.slice(1))
  else if (/^#x[\da-f]{1,6}$/i.test(body)) v = Number.parseInt(body.slice(2), 16)
  else v = NAMED[body.toLowerCase()] ?? -1
  return v >= 0 && v <= 0x10ffff ? decoded(v, end - i + 1) : decoded(38, 1)
}

/** The view of a text: kept codes, and for each the index in the text where its spelling starts. */
export interface View {
  codes: Uint16Array
  from: Int32Array
  length: number
  /** How many codes beyond one per code unit of the text (characters read as several letters, ﬁ → fi): 0 in most texts. */
  extra: number
  /** A view of several spans: the index where each span after the first starts (core/secrets.ts markHits). */
  breaks?: Int32Array
}

// The arrays of a scratch view: reused from one call to the next, grown when a text needs more (allocating two
// typed arrays per text was a third of redact()'s time on a 3 KB answer).
let scratchCodes = new Uint16Array(4096)
let scratchFrom = new Int32Array(4096)

/**
 * The view of the given spans of `text` (each [start, end)), in order, as one sequence. `scratch`: its arrays are
 * shared with the next scratch view; the caller reads it before asking for another.
 */
export function viewOf(text: string, spans: ReadonlyArray<readonly [number, number]> = [[0, text.length]], scratch = false): View {
  const kept = keptTable()
  let size = 0
  for (const [s, e] of spans) size += e - s
  if (scratch && scratchCodes.length < size) {
    scratchCodes = new Uint16Array(size * 2)
    scratchFrom = new Int32Array(size * 2)
  }
  let codes = scratch ? scratchCodes : new Uint16Array(size)
  let from = scratch ? scratchFrom : new Int32Array(size)
  let n = 0
  // Codes beyond one per code unit (characters read as several letters): the arrays hold size + extra at least.
  let extra = 0
  const breaks = spans.length > 1 ? new Int32Array(spans.length - 1) : undefined
  for (let s = 0; s < spans.length; s++) {
    const [start, end] = spans[s] as readonly [number, number]
    if (breaks !== undefined && s > 0) breaks[s - 1] = n
    for (let i = start; i < end; ) {
      let c = text.charCodeAt(i)
      let k: number
      let length = 1
      // Most characters spell themselves: looked up without decodeAt (a third of redact()'s time went here).
      if (c !== 37 && c !== 92 && c !== 38 && (c < 0xd800 || c > 0xdbff)) {
        k = kept[c] as number
        if (k > MULTI) {
          codes[n] = k
          from[n++] = i
          i++
          continue
        }
      } else {
        length = Math.min(decodeAt(text, i), end - i)
        c = decodedCode
        k = foldOf(kept, c)
      }
      if (k === MULTI) {
        const several = expansions.get(c) as Uint16Array
        extra += several.length - 1
        if (codes.length < size + extra) {
          ;[codes, from] = [grown(codes, 2 * (size + extra)), grown(from, 2 * (size + extra))]
          if (scratch) [scratchCodes, scratchFrom] = [codes, from]
        }
        for (let e = 0; e < several.length; e++) {
          codes[n] = several[e] as number
          from[n++] = i
        }
      } else if (k !== 0) {
        codes[n] = k
        from[n++] = i
      }
      i += length
    }
  }
  const view: View = { codes, from, length: n, extra }
  if (breaks !== undefined) view.breaks = breaks
  return view
}

/** A copy of `array` with room for `size` elements. */
function grown<T extends Uint16Array | Int32Array>(array: T, size: number): T {
  const out = (array instanceof Uint16Array ? new Uint16Array(size) : new Int32Array(size)) as T
  out.set(array)
  return out
}

// The arrays of a group's view (viewOfSpans), apart from the scratch view it is cut from.
let spanCodes = new Uint16Array(4096)
let spanFrom = new Int32Array(4096)

/** The first view index from `lo` on whose spelling starts at or after `position`. */
function firstAtOrAfter(from: Int32Array, length: number, position: number, lo = 0): number {
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((from[mid] as number) < position) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The view of the given spans of `text`, cut from `whole` (the scratch view of the whole text) instead of decoded
 * again: the same codes and positions as viewOf(text, spans) when each span is a JSON string's content, between two
 * raw quotes (groupedStrings), because no escape the view decodes reads across a raw quote — a span's characters
 * decode in the whole text exactly as on their own. Decoding each group again was a third of redact()'s time
 * (`npm run bench`, suite-cpu profile). Any other span is decoded (viewOf), unless `cut`: header values (headerGroups)
 * are read as the whole text decodes them, as a reader of the block would. Shares its arrays with the next call.
 */
export function viewOfSpans(text: string, whole: View, spans: ReadonlyArray<readonly [number, number]>, cut = false): View {
  if (!cut && !spans.every(([s, e]) => text.charCodeAt(s - 1) === 34 && text.charCodeAt(e) === 34)) return viewOf(text, spans)
  // Each span holds at most its code units plus the whole view's extra codes (characters read as several letters).
  let size = 0
  for (const [s, e] of spans) size += e - s + whole.extra
  if (spanCodes.length < size) {
    spanCodes = new Uint16Array(size * 2)
    spanFrom = new Int32Array(size * 2)
  }
  let n = 0
  const breaks = spans.length > 1 ? new Int32Array(spans.length - 1) : undefined
  const { codes, from, length } = whole
  // Spans come in text order: each is looked up from where the one before ended, and copied code by code (most are
  // a few characters: a subarray per span cost more than the copy).
  let at = 0
  for (let k = 0; k < spans.length; k++) {
    const [s, e] = spans[k] as readonly [number, number]
    if (breaks !== undefined && k > 0) breaks[k - 1] = n
    if (at > 0 && (from[at - 1] as number) >= s)
      at = firstAtOrAfter(from, length, s) // a span out of order: from the start
    else if (at < length && (from[at] as number) < s) at = firstAtOrAfter(from, length, s, at)
    for (; at < length && (from[at] as number) < e; at++) {
      spanCodes[n] = codes[at] as number
      spanFrom[n++] = from[at] as number
    }
  }
  const view: View = { codes: spanCodes, from: spanFrom, length: n, extra: whole.extra }
  if (breaks !== undefined) view.breaks = breaks
  return view
}

/**
 * At least the length of `text`'s view: its length, and more for what may read as several letters — a character whose
 * form has several (ﬁ → fi), an astral character or an escape (`&#xFDFA;`, `\\ufdfa`: ﷺ is 15 letters), counted as
 * many as the longest form has. A text whose bound is below a secret's shortest window holds none of it
 * (core/secrets.ts redact, core/scrub.ts); "oﬃce42", 6 characters, reads as the 8 letters of "office42".
 */
export function viewLengthBound(text: string): number {
  const kept = keptTable()
  let bound = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80 ? c === 37 || c === 92 || c === 38 : kept[c] === MULTI || (c >= 0xd800 && c <= 0xdbff)) bound += LONGEST_FORM
  }
  return bound
}

/** More letters than any character's compatibility form has (U+FDFA has the most of any code point: 15). */
const LONGEST_FORM = 18

/** Where the spelling of the character starting at `i` ends (exclusive). */
export function spellingEnd(text: string, i: number): number {
  return i + decodeAt(text, i)
}

/**
 * The length of the text structure a mask must leave readable that starts at `i` (core/secrets.ts markWindow, grow),
 * 0 for none: a line break, raw or as any escape the view decodes (`\n`, `\r\n`, `\u000a`, `%0A`, `&#10;`; behind any
 * run of backslashes, a JSON document inside a JSON string), or an escaped quote (`\"`: the glue of a JSON document
 * inside a string).
 */
export function structureAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === 10 || c === 13) return 1
  if (c === 92) {
    let k = i
    while (text.charCodeAt(k) === 92) k++
    const length = escapedBreak(text, k)
    return length > 0 ? k - i + length : 0
  }
  if (c !== 37 && c !== 38) return 0
  const length = decodeAt(text, i)
  return decodedCode === 10 || decodedCode === 13 ? length : 0
}

/**
 * A form's view with each letter in its original case (an ASCII capital kept as one; anything else as the view keeps
 * it): how a secret's pieces are told from ordinary words (core/secret-forms.ts readsAsText). Same length as viewText.
 */
export function viewCased(form: string): string {
  const v = viewOf(form)
  let out = ''
  for (let k = 0; k < v.length; k++) {
    const code = v.codes[k] as number
    const original = form.charCodeAt(v.from[k] as number)
    out += String.fromCharCode(original >= 65 && original <= 90 && (original | 0x20) === code ? original : code)
  }
  return out
}

/** A form as the view sees it (the string of its kept codes): what windows are cut from. */
export function viewText(form: string): string {
  const v = viewOf(form)
  let out = ''
  for (let i = 0; i < v.length; i++) out += String.fromCharCode(v.codes[i] as number)
  return out
}

/**
 * The strings of a JSON-like text (each pair of raw quotes from the first one, an escaped quote inside one), in order:
 * each content's span, whether it is a key (a colon follows), and the line breaks escaped inside them. One scan,
 * read by groupedStrings and headerGroups.
 */
export interface Strings {
  /** Each string's content, [start, end), flat: the k-th starts at spans[2k] and ends at spans[2k + 1]. */
  spans: number[]
  keys: boolean[]
  /** Each line break escaped inside a string (`\n`, `\r`, `\u000a`, an escaped quote; at any depth: `\\n`), flat. */
  breaks: number[]
  /** Per string, the index in `breaks` of its first break (its breaks run up to the next string's first). */
  firstBreak: number[]
  /** The values (string indices) that follow each key, in order (values of an array belong to the array's key). */
  byKey: number[][]
  /** The values of each family of numbered keys (k0, k1, k2…: the key with its digits left out), in order; only
   *  families of two keys or more. */
  byFamily: number[][]
}

export function scanStrings(text: string): Strings {
  const out: Strings = { spans: [], keys: [], breaks: [], firstBreak: [], byKey: [], byFamily: [] }
  const byKey = new Map<string, number[]>()
  const byFamily = new Map<string, { keys: Set<string>; values: number[] }>()
  let key = ''
  let family: string | null = null
  for (let i = text.indexOf('"'); i !== -1 && i < text.length; i = text.indexOf('"', i)) {
    const first = out.breaks.length
    const j = stringEnd(text, i + 1, out.breaks)
    if (j >= text.length) {
      out.breaks.length = first
      break
    }
    let k = j + 1
    while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13 || text.charCodeAt(k) === 9)) k++
    const isKey = text.charCodeAt(k) === 58 /* : */
    if (isKey) {
      key = text.slice(i + 1, j)
      family = familyOf(key)
    } else {
      const values = byKey.get(key) ?? []
      values.push(out.keys.length)
      byKey.set(key, values)
      if (family !== null) {
        const f = byFamily.get(family) ?? { keys: new Set<string>(), values: [] }
        f.keys.add(key)
        f.values.push(out.keys.length)
        byFamily.set(family, f)
      }
    }
    out.spans.push(i + 1, j)
    out.keys.push(isKey)
    out.firstBreak.push(first)
    i = j + 1
  }
  out.byKey = [...byKey.values()]
  for (const f of byFamily.values()) if (f.keys.size >= 2) out.byFamily.push(f.values)
  return out
}

/** A numbered key's family (`k12` → `k#`, `part_3a` → `part_#a`); null for a key without a digit (its own group). */
function familyOf(key: string): string | null {
  let digit = false
  for (let i = 0; i < key.length && !digit; i++) digit = key.charCodeAt(i) >= 48 && key.charCodeAt(i) <= 57
  return digit ? key.replace(/\d+/g, '#') : null
}

/**
 * Where the string whose content starts at `i` ends (its closing raw quote, or the text's length), the line breaks
 * escaped in it pushed to `breaks`. A run of backslashes escapes the character after it when odd (a quote after an
 * even run closes the string); a newline, a carriage return or a quote after any run is a line break at some depth of
 * escaping (a JSON document carried in a JSON string: `{\"debug\":\"X-Pw-1: …\\nX-Pw-2: …\"}`).
 */
function stringEnd(text: string, i: number, breaks: number[]): number {
  let j = i
  while (j < text.length) {
    const c = text.charCodeAt(j)
    if (c === 34) return j
    if (c !== 92) {
      j++
      continue
    }
    let k = j
    while (text.charCodeAt(k) === 92) k++
    const x = text.charCodeAt(k)
    if (x === 34 && (k - j) % 2 === 0) return k
    const length = escapedBreak(text, k)
    if (length > 0) breaks.push(j, k + length)
    j = k + Math.max(1, length)
  }
  return j
}

/** After a run of backslashes, at `k`: how many characters end an escaped line break or quote there (0: none). */
function escapedBreak(text: string, k: number): number {
  const x = text.charCodeAt(k)
  if (x === 110 /* n */ || x === 114 /* r */ || x === 34) return 1
  if (x === 117 /* u */ && text.charCodeAt(k + 1) === 48 && text.charCodeAt(k + 2) === 48) {
    const hex = text.slice(k + 3, k + 5).toLowerCase()
    if (hex === '0a' || hex === '0d' || hex === '22') return 5
  }
  return 0
}

/**
 * The string values of a JSON-like text grouped by the key they follow (values of an array belong to the array's
 * key), each group as the spans of its values' contents, in order: a secret cut into pieces that a stream or a
 * debug body spreads over many values of one key ({"content":"eyJhbG"} … {"content":"ciOiJI"}) is whole in its
 * group. Only groups of two values or more. The values of numbered keys of one family, in order, one group each:
 * pieces under k0, k1, k2… with other values between them ({"k0":"hT9xQ2m","z0":"x","k1":"Lr7VbZk"}) are whole
 * there. Then, when values follow more than one key, every value in order, one more group: pieces spread over
 * consecutive keys ({"p1":"eyJzdW","p2":"IiOiIx"}) are whole there. Linear in the text.
 */
export function groupedStrings(text: string, strings: Strings = scanStrings(text)): Array<Array<[number, number]>> {
  const { spans, keys, byKey, byFamily } = strings
  const span = (k: number): [number, number] => [spans[2 * k] as number, spans[2 * k + 1] as number]
  const out = byKey.filter((values) => values.length >= 2).map((values) => values.map(span))
  for (const values of byFamily) out.push(values.map(span))
  if (byKey.length > 1) {
    const all: Array<[number, number]> = []
    for (let k = 0; k < keys.length; k++) if (!keys[k]) all.push(span(k))
    if (all.length >= 2) out.push(all)
  }
  return out
}

/** RFC 9110 token characters (a header's name): ! # $ % & ' * + - . ^ _ ` | ~, letters, digits. */
const TOKEN = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN[c.charCodeAt(0)] = 1
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie'])

/** Set by headerValueAt: where the header's name starts and ends. */
let nameStart = 0
let nameEnd = 0

/**
 * Where the value of a header-like line starting at `i` starts, or -1: after its indentation (spaces, tabs, an
 * escaped tab), a name (token characters), then `:` or `=` with any spaces or tabs around. Hand-written: a sticky
 * regular expression per line cost more than the rest of the line's reading.
 */
function headerValueAt(text: string, i: number): number {
  let c = text.charCodeAt(i)
  while (c === 32 || c === 9 || c === 92) {
    if (c === 92) {
      while (text.charCodeAt(i) === 92) i++
      if (text.charCodeAt(i) !== 116 /* t */) return -1
    }
    c = text.charCodeAt(++i)
  }
  nameStart = i
  while (c < 128 && TOKEN[c] === 1) c = text.charCodeAt(++i)
  if (i === nameStart) return -1
  nameEnd = i
  while (c === 32 || c === 9) c = text.charCodeAt(++i)
  if (c !== 58 /* : */ && c !== 61 /* = */) return -1
  c = text.charCodeAt(++i)
  while (c === 32 || c === 9) c = text.charCodeAt(++i)
  return i
}

/**
 * The values of each block of header-like lines in a text (an HTTP dump a service echoes, the trailers kept as
 * evidence, a config or debug dump), each block one group of spans: a secret the service cut over two lines
 * (`X-Auth-1: abcd…`, `X-Auth-2: …wxyz`) is whole in its group, with the names between its pieces left out. The
 * lines are read three ways, wherever they stand:
 *  - as raw text: lines end at a raw line break or an escaped one outside any quote (a log line `…\nX-Pw-2: …`);
 *    a value keeps its quotes (`ETag: "…"`);
 *  - as strings (scanStrings): each string's content is read as lines, ending at the line breaks escaped in it
 *    (`\n`, `\r\n`, `\u000a`, at any depth of escaping); what lies between two strings is one more line. A dump
 *    inside a JSON string (`"debug":"X-Pw-1: haren\nX-Pw-2: a-demo"`), a log line's quoted message (`msg="…\n…"`),
 *    a JSON array of header lines, a JSON document inside a string are read as their reader would;
 *  - the values of one key one after the other, the rest between them left out (valueBlocks): a stream whose chunks
 *    each carry a line of the dump.
 * A line is a header's when, after any indentation, it reads `name: value`, `name = value` or `name=value`. A line
 * with no letter or digit (blank, or the glue between two strings: `","`) does not end a block; any other line does.
 * A cookie header counts as the values of its cookies (a Set-Cookie's first one: the rest are its attributes). Only
 * groups of two values or more. Linear in the text; `whole`, the text's view, tells blank lines.
 */
export function headerGroups(text: string, whole: View, strings?: Strings): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = []
  if (text.includes('\n') || text.includes('\r') || text.includes('\\')) out.push(...rawBlocks(text, whole))
  const read = strings ?? (text.includes('"') ? scanStrings(text) : undefined)
  if (read === undefined || read.keys.length === 0) return out
  out.push(...stringBlocks(text, whole, read))
  // The values of one key apart from the rest: only when some string holds an escaped line break (a chunk that
  // carries a line of a dump ends with one), as a JSON answer's keys with many values are read otherwise for nothing.
  for (const values of read.byKey) if (values.length >= 2 && read.breaks.length > 0) out.push(...valueBlocks(text, whole, read, values))
  return out
}

/** Reads lines one after the other (headerGroups): the values of each block of header lines, two or more. */
class Blocks {
  readonly out: Array<Array<[number, number]>> = []
  private group: Array<[number, number]> = []
  constructor(
    private readonly text: string,
    private readonly whole: View,
  ) {}

  line(start: number, end: number): void {
    const { text, whole } = this
    const from = headerValueAt(text, start)
    if (from !== -1 && from <= end) {
      let valueEnd = end
      while (valueEnd > from && isSpace(text.charCodeAt(valueEnd - 1))) valueEnd--
      const name = nameEnd - nameStart <= 10 ? text.slice(nameStart, nameEnd).toLowerCase() : ''
      if (COOKIE_HEADERS.has(name)) this.group.push(...cookieValues(text, from, valueEnd, name === 'set-cookie'))
      else if (valueEnd > from) this.group.push([from, valueEnd])
      return
    }
    if (this.group.length === 0) return // no block to end: most lines of a text (a JSON answer's strings)
    const kept = firstAtOrAfter(whole.from, whole.length, start)
    // A line with letters or digits that is no header's ends the block (a blank line or glue does not).
    if (kept < whole.length && (whole.from[kept] as number) < end) this.end()
  }

  end(): Array<Array<[number, number]>> {
    if (this.group.length >= 2) this.out.push(this.group)
    this.group = []
    return this.out
  }
}

/** The header blocks of a text read as raw text (headerGroups): lines end at raw and escaped line breaks. */
function rawBlocks(text: string, whole: View): Array<Array<[number, number]>> {
  const blocks = new Blocks(text, whole)
  let start = 0
  let lf = text.indexOf('\n')
  let cr = text.indexOf('\r')
  let bs = text.indexOf('\\')
  for (;;) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start)
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start)
    if (bs !== -1 && bs < start) bs = text.indexOf('\\', start)
    const raw = Math.min(lf === -1 ? text.length : lf, cr === -1 ? text.length : cr)
    if (bs !== -1 && bs < raw) {
      // A backslash before the next raw break: a line break when it escapes one (a quote here is no break).
      let k = bs
      while (text.charCodeAt(k) === 92) k++
      const length = text.charCodeAt(k) === 34 ? 0 : escapedBreak(text, k)
      if (length > 0) {
        blocks.line(start, bs)
        start = k + length
      }
      bs = text.indexOf('\\', k + 1)
      continue
    }
    blocks.line(start, raw)
    if (raw === text.length) return blocks.end()
    start = raw + 1
  }
}

/** The header blocks of a text's strings (headerGroups): each content split at its escaped breaks, and what lies between two strings. */
function stringBlocks(text: string, whole: View, strings: Strings): Array<Array<[number, number]>> {
  const blocks = new Blocks(text, whole)
  let outside = 0
  for (let k = 0; k < strings.keys.length; k++) {
    blocks.line(outside, (strings.spans[2 * k] as number) - 1)
    stringLines(blocks, strings, k)
    outside = (strings.spans[2 * k + 1] as number) + 1
  }
  blocks.line(outside, text.length)
  return blocks.end()
}

/**
 * The header blocks of the values of one key read one after the other, each value from a line's start, the text
 * between them left out: a stream whose chunks each carry one line of a dump (`{"content":"X-Pw-1: haren\n"}` …
 * `{"content":"X-Pw-2: a-demo\n"}`), the other keys of each chunk between them.
 */
function valueBlocks(text: string, whole: View, strings: Strings, values: readonly number[]): Array<Array<[number, number]>> {
  const blocks = new Blocks(text, whole)
  for (const k of values) stringLines(blocks, strings, k)
  return blocks.end()
}

/** The lines of the k-th string's content, split at the line breaks escaped in it, read by `blocks`. */
function stringLines(blocks: Blocks, strings: Strings, k: number): void {
  const { spans, breaks, firstBreak } = strings
  const last = k + 1 < firstBreak.length ? (firstBreak[k + 1] as number) : breaks.length
  let from = spans[2 * k] as number
  for (let b = firstBreak[k] as number; b < last; b += 2) {
    blocks.line(from, breaks[b] as number)
    from = breaks[b + 1] as number
  }
  blocks.line(from, spans[2 * k + 1] as number)
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13

/** The spans of the cookie values between `from` and `to` ("a=1; b=2"); only the first when `first`. */
function cookieValues(text: string, from: number, to: number, first: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (let at = from; at < to; ) {
    let end = text.indexOf(';', at)
    if (end === -1 || end > to) end = to
    const eq = text.indexOf('=', at)
    if (eq !== -1 && eq < end) spans.push([eq + 1, end])
    if (first) break
    at = end + 1
  }
  return spans
}
