// Secrets (the bearer token, the password, the token a login returns) must never reach any output, whatever shape
// a service, a gateway or a log echoes them in. Redaction is by structure, in two passes:
//  - literal: every form a secret is given or sent as (as given, without "Bearer ", URL-encoded, form-encoded,
//    JSON-escaped, a JWT's payload and signature) is masked where it stands;
//  - by view: the text is read as a reader would decode it (core/secret-view.ts: escapes decoded, invisible
//    characters and separators ignored), and so is each group of JSON string values of one key (pieces a stream
//    spreads over many chunks). Any window of a secret's forms found there — 16 view characters of any form, 8 of
//    a token's distinctive parts or of a base64 encoding, a password's whole view (core/secret-forms.ts) — is
//    masked on the original text, from the first character of its spelling to the last; a hit in a base64/hex
//    encoding masks the whole blob (base64("user:password") of a Basic header). Found with a rolling hash per
//    window size over precomputed tables, so a multi-MB body stays linear.
// Both ignore letter case: a service that echoes a token upper-cased (a hex token's case means nothing) or a password
// in capitals still shows the secret.
import { forgeriesOf } from './forged-tokens.ts'
import { LONG_WINDOW, publicViews, readsAsText, SHORT_WINDOW, type WindowSource, windowSources } from './secret-forms.ts'
import {
  groupedStrings,
  headerGroups,
  scanStrings,
  spellingEnd,
  structureAt,
  type View,
  viewLengthBound,
  viewOf,
  viewOfSpans,
  viewText,
} from './secret-view.ts'

const MIN_SECRET = 4

/** The secret values as they may appear, longest first (a longer form is masked before its parts). */
export function secretForms(values: ReadonlyArray<string | null | undefined>): string[] {
  const forms = new Set<string>()
  for (const raw of values) {
    if (typeof raw !== 'string') continue
    const value = raw.replace(/^Bearer\s+/i, '')
    for (const v of [raw, value]) {
      forms.add(v)
      forms.add(encodeURIComponent(v))
      forms.add(new URLSearchParams({ v }).toString().slice(2)) // application/x-www-form-urlencoded: "+" for spaces
      forms.add(JSON.stringify(v).slice(1, -1))
    }
    const segments = value.split('.')
    if (segments.length === 3) for (const segment of segments.slice(1)) if (segment.length >= LONG_WINDOW) forms.add(segment)
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

const BASE = 0x01000193 // odd multiplier; arithmetic is mod 2^32 via Math.imul

/** The windows of one size: by hash, each window's text and whether a hit masks the whole blob around it. */
interface Table {
  size: number
  /** BASE^(size-1) mod 2^32: the weight of the character leaving the window. */
  outWeight: number
  windows: Map<number, Map<string, boolean>>
  /** One bit per high 20 bits of a window hash (see filterHas): nearly every position of a text is rejected without
   *  building its window's string for a Map lookup (at 2^16 bits, ~2 % of positions were looked up). */
  filter: Uint32Array
}

// The filter's bits are taken from the hash's high bits: a multiplicative hash mixes into them, not into its low ones.
const FILTER_WORDS = 1 << 15
const filterHas = (filter: Uint32Array, h: number): boolean => ((filter[h >>> 17] as number) & (1 << ((h >>> 12) & 31))) !== 0

function hashCodes(codes: ArrayLike<number>, start: number, size: number): number {
  let h = 0
  for (let i = start; i < start + size; i++) h = (Math.imul(h, BASE) + (codes[i] as number)) >>> 0
  return h
}

const codesOf = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0))

/** The windows of every source, one table per window size. */
function tablesOf(sources: readonly WindowSource[], publicParts: readonly string[]): Table[] {
  const tables = new Map<number, Table>()
  for (const { text, size, blob, cased } of sources) {
    let t = tables.get(size)
    if (t === undefined) {
      t = { size, outWeight: weightOf(size), windows: new Map(), filter: new Uint32Array(FILTER_WORDS) }
      tables.set(size, t)
    }
    const codes = codesOf(text)
    for (let i = 0; i + size <= codes.length; i++) {
      const window = text.slice(i, i + size)
      if (size < LONG_WINDOW && /^\d+$/.test(window)) continue // a run of digits: an amount or a date, not a piece of a token
      if (publicParts.some((p) => p.includes(window))) continue // inside a JWT header: the same in every token
      if (cased !== undefined && readsAsText(cased.slice(i, i + size))) continue // a word or a number: in ordinary text too
      const h = hashCodes(codes, i, size)
      const bucket = t.windows.get(h) ?? new Map<string, boolean>()
      bucket.set(window, (bucket.get(window) ?? false) || blob)
      t.windows.set(h, bucket)
      t.filter[h >>> 17] = (t.filter[h >>> 17] as number) | (1 << ((h >>> 12) & 31))
    }
  }
  return [...tables.values()]
}

/**
 * The first `size` view characters of every window of every table (size: the shortest window), hashed into one
 * filter: one rolling hash over a view finds every position where some window may start, so a view is walked once,
 * not once per window size; each table is looked up only there.
 */
interface Probe {
  size: number
  outWeight: number
  filter: Uint32Array
}

function probeOf(tables: readonly Table[]): Probe {
  const size = Math.min(...tables.map((t) => t.size))
  const filter = new Uint32Array(FILTER_WORDS)
  for (const t of tables) {
    for (const bucket of t.windows.values()) {
      for (const window of bucket.keys()) {
        const h = hashCodes(codesOf(window), 0, size)
        filter[h >>> 17] = (filter[h >>> 17] as number) | (1 << ((h >>> 12) & 31))
      }
    }
  }
  return { size, outWeight: weightOf(size), filter }
}

/** BASE^(size-1) mod 2^32. */
const weightOf = (size: number): number => Array.from({ length: size - 1 }).reduce<number>((p) => Math.imul(p, BASE) >>> 0, 1)

interface Compiled {
  /** Each form as a literal pattern that ignores case, longest first. */
  forms: RegExp[]
  /** All of them in one pattern: most texts hold none, and one scan tells so instead of one per form. */
  anyForm: RegExp | null
  tables: Table[]
  probe: Probe | null
  /** The longest window of every table. */
  longest: number
  /** A text shorter than this holds no form and no fragment: returned as is. */
  shortest: number
}

// The forms and windows of a set of secrets are built once per process, not per call: redact() runs on every
// attempt's texts, and the secrets of a run never change.
const compiled = new Map<string, Compiled>()
const MAX_COMPILED = 64

// The same few secrets arrays (an attempt's, a report's) are passed on every call of a run: found by identity first
// (the joined key cost ~5 µs a call), their values compared one by one in case an array was changed since.
const byArray = new WeakMap<readonly string[], { values: string[]; compiled: Compiled }>()

function compile(secrets: readonly string[]): Compiled {
  const known = byArray.get(secrets)
  if (known !== undefined && known.values.length === secrets.length && known.values.every((v, i) => v === secrets[i])) return known.compiled
  const found = compiledByKey(secrets)
  byArray.set(secrets, { values: [...secrets], compiled: found })
  return found
}

function compiledByKey(given: readonly string[]): Compiled {
  const key = given.join('\u0000')
  let c = compiled.get(key)
  if (c === undefined) {
    const secrets = given
    // The forged tokens: masked literally, and by the 8-character pieces of their changed parts — not in every
    // encoding a configured secret is looked for in (those windows cost several times the token's own).
    const forged = withForgeries(given).slice(given.length)
    const forms = secretForms([...secrets, ...forged])
    const values = secrets.filter((s) => s.length >= MIN_SECRET).map((raw) => [raw, raw.replace(/^Bearer\s+/i, '')] as const)
    const sources = [...values.flatMap(([raw, value]) => windowSources(value, secretForms([raw]))), ...forged.flatMap(forgedSources)]
    const tables = tablesOf(
      sources,
      values.flatMap(([, value]) => publicViews(value)),
    )
    const literal = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    c = {
      forms: literal.map((f) => new RegExp(f, 'gi')),
      anyForm: literal.length > 0 ? new RegExp(literal.join('|'), 'i') : null,
      tables,
      probe: tables.length > 0 ? probeOf(tables) : null,
      longest: Math.max(0, ...tables.map((t) => t.size)),
      shortest: Math.min(...tables.map((t) => t.size), ...forms.map((f) => f.length)),
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(key, c)
  }
  return c
}

/** The 8-character windows of a forged token's payload and signature (its header is public or a constant). */
function forgedSources(token: string): WindowSource[] {
  return token
    .split('.')
    .slice(1)
    .map((part) => viewText(part))
    .filter((view) => view.length >= SHORT_WINDOW)
    .map((view) => ({ text: view, size: SHORT_WINDOW, blob: false }))
}

/**
 * The secrets and the tokens the security probes forge from each JWT among them (core/forged-tokens.ts: its signature
 * inverted, `alg: none`, `exp` in the past): a forgery is the run's token with one part changed, so echoed by a
 * service it shows the rest of it — masked as the token is, wherever the token is (docs/security-probes.md).
 */
export function withForgeries(secrets: readonly string[]): string[] {
  const out = [...secrets]
  for (const s of secrets) for (const f of forgeriesOf(s)) if (!out.includes(f)) out.push(f)
  return out
}

/**
 * Builds the forms and windows of `secrets` now (they are kept per process, core/secrets.ts compile): a worker does it
 * before its first request (tests/support/prime.ts), not while answers are in flight — the first redaction of a run's
 * secrets took 20–80 ms, and every answer that arrived meanwhile was timestamped late by as much.
 */
export function prepareRedaction(secrets: readonly string[]): void {
  if (secrets.length > 0) compile(secrets)
}

/** Whether the tables of `secrets` are already built in this process (tests). */
export function redactionPrepared(secrets: readonly string[]): boolean {
  return compiled.has(secrets.join('\u0000'))
}

/**
 * The length below which redact(text, secrets) returns a text unchanged (it holds no form and no fragment) when its
 * view is no longer than it either (core/secret-view.ts viewLengthBound: "ﬁ" is two letters).
 */
export function shortestRedacted(secrets: readonly string[]): number {
  return secrets.length === 0 ? Number.POSITIVE_INFINITY : compile(secrets).shortest
}

/**
 * Marks the spelling of each view character of the window at `i`, and what separates two of them unless it
 * crosses a quote, a line break (raw or escaped: core/secret-view.ts structureAt) or two spans of the view (pieces
 * in separate JSON strings, lines or header values stay separate masks: ["***","***"], "***\r\n***"; the glue between
 * them — keys, header names, framing, the lines of a text — stays readable). A JWT cut one character before its end
 * and followed by CRLF and a letter that happened to continue it had the CRLF masked with it: the next line was
 * glued to the line before.
 */
function markWindow(text: string, view: View, i: number, size: number, marks: readonly Uint8Array[]): void {
  const { from, breaks } = view
  for (let k = i; k < i + size; k++) {
    const start = from[k] as number
    let end = spellingEnd(text, start)
    // Nor across two spans of a view: what lies between them (a header's name, a cookie's attributes) is glue.
    if (k + 1 < i + size && (breaks === undefined || !isBreak(breaks, k + 1))) {
      const next = from[k + 1] as number
      let gap = end
      while (gap < next && text.charCodeAt(gap) !== 34 && structureAt(text, gap) === 0) gap++
      if (gap === next) end = next
    }
    for (const m of marks) m.fill(1, start, end)
  }
}

/**
 * Marks, in `masked`, the text under every window of every table found in `view`; blob hits in `blobs`.
 * In a view of several spans (view.breaks), only windows across two spans are looked at: a window inside one span
 * is, character for character and position for position, in the whole text's view (no escape the view decodes
 * spans a quote), which was looked at first.
 */
function markHits(text: string, view: View, c: Compiled, marks: Marks): void {
  const { length, breaks } = view
  const size = (c.probe as Probe).size
  if (length < size) return
  if (breaks === undefined) {
    scanWindows(text, view, c, marks, 0, length - size)
    return
  }
  // Only windows across two spans count here (markAt): a window starting at i crosses the break b when
  // b − longest < i < b. Rolled only over those positions — a group of long values is mostly skipped.
  let next = 0
  for (let k = 0; k < breaks.length; k++) {
    const b = breaks[k] as number
    const from = Math.max(next, b - c.longest + 1)
    const to = Math.min(b - 1, length - size)
    if (from > to) continue
    scanWindows(text, view, c, marks, from, to)
    next = to + 1
  }
}

/** Rolls the probe's hash over the view positions from..to (inclusive), looking up every table where it may match. */
function scanWindows(text: string, view: View, c: Compiled, marks: Marks, from: number, to: number): void {
  const { codes } = view
  const { size, outWeight, filter } = c.probe as Probe
  let h = hashCodes(codes, from, size)
  for (let i = from; ; i++) {
    if (filterHas(filter, h)) markAt(text, view, i, c.tables, marks)
    if (i >= to) break
    h = (Math.imul((h - Math.imul(codes[i] as number, outWeight)) >>> 0, BASE) + (codes[i + size] as number)) >>> 0
  }
}

/** Where a text's hits are marked (core/secrets.ts markWindow): allocated at the first hit, as most texts have none. */
interface Marks {
  masked: Uint8Array | null
  blobs: Uint8Array | null
}

/** The windows of each table starting at view index `i`, marked where found. */
function markAt(text: string, view: View, i: number, tables: readonly Table[], marks: Marks): void {
  const { codes, length, breaks } = view
  for (const { size, windows, filter } of tables) {
    if (i + size > length || (breaks !== undefined && !breakInside(breaks, i, size))) continue
    const h = hashCodes(codes, i, size)
    if (!filterHas(filter, h)) continue
    const blob = windows.get(h)?.get(String.fromCharCode(...codes.subarray(i, i + size)))
    if (blob === undefined) continue
    marks.masked ??= new Uint8Array(text.length)
    marks.blobs ??= new Uint8Array(text.length)
    markWindow(text, view, i, size, blob ? [marks.masked, marks.blobs] : [marks.masked])
  }
}

/** Whether a break falls strictly inside the window [i, i + size): the window spans two of the view's spans. */
function breakInside(breaks: Int32Array, i: number, size: number): boolean {
  for (let k = 0; k < breaks.length; k++) {
    const b = breaks[k] as number
    if (b > i && b < i + size) return true
  }
  return false
}

/** Whether a span of the view starts at view index `k` (breaks are in order). */
function isBreak(breaks: Int32Array, k: number): boolean {
  let lo = 0
  let hi = breaks.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((breaks[mid] as number) < k) lo = mid + 1
    else hi = mid
  }
  return lo < breaks.length && breaks[lo] === k
}

/** Base64/base64url/hex alphabet, and the escapes a blob may carry (\/, %2B): a blob holding a secret goes whole. */
const isBlobChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 45 || c === 95 || c === 92 || c === 37
/** Around any mask: the base64url punctuation that would otherwise be left at its edges (and padding after it). */
const isEdgeChar = (c: number, after: boolean): boolean => c === 45 || c === 95 || (after && c === 61)

/** How many characters of escaped structure start at `i` (a blob's run ends there: `\n` is made of blob characters). */
const structureIn = (text: string, i: number): number => {
  const c = text.charCodeAt(i)
  return c === 92 || c === 37 || c === 38 ? structureAt(text, i) : 0
}

/**
 * Grows every blob hit to its whole run of blob characters (a run ends at an escaped line break, which stays), and
 * every mask over adjacent edge characters.
 */
function grow(text: string, masked: Uint8Array, blobs: Uint8Array): void {
  for (let i = 0; i < text.length; ) {
    const structure = structureIn(text, i)
    if (structure > 0 || !isBlobChar(text.charCodeAt(i))) {
      i += Math.max(1, structure)
      continue
    }
    let j = i
    let blob = false
    for (; j < text.length && isBlobChar(text.charCodeAt(j)) && structureIn(text, j) === 0; j++) if (blobs[j] === 1) blob = true
    if (blob) masked.fill(1, i, j)
    i = j
  }
  for (let i = 1; i < text.length; i++) if (masked[i - 1] === 1 && masked[i] === 0 && isEdgeChar(text.charCodeAt(i), true)) masked[i] = 1
  for (let i = text.length - 2; i >= 0; i--) if (masked[i + 1] === 1 && masked[i] === 0 && isEdgeChar(text.charCodeAt(i), false)) masked[i] = 1
}

/** Each marked span of the text replaced by ***. */
function collapse(text: string, masked: Uint8Array): string {
  const parts: string[] = []
  let from = 0
  for (let i = 0; i < text.length; i++) {
    if (masked[i] === 1 && (i === 0 || masked[i - 1] === 0)) parts.push(text.slice(from, i), '***')
    if (masked[i] === 1) from = i + 1
  }
  parts.push(text.slice(from))
  return parts.join('')
}

/**
 * Masks every secret form, and every piece of a secret found in the text's normalized view (core/secret-view.ts)
 * — the whole text, and each group of JSON string values of one key — with ***. Linear in the text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text
  const c = compile(secrets)
  if (text.length < c.shortest && viewLengthBound(text) < c.shortest) return text
  const marks: Marks = { masked: null, blobs: null }
  if (c.anyForm?.test(text)) markForms(text, c.forms, marks)
  if (c.probe !== null) {
    const whole = viewOf(text, undefined, true)
    markHits(text, whole, c, marks)
    const strings = text.includes('"') ? scanStrings(text) : undefined
    if (strings !== undefined) for (const spans of groupedStrings(text, strings)) markHits(text, viewOfSpans(text, whole, spans), c, marks)
    for (const spans of headerGroups(text, whole, strings)) markHits(text, viewOfSpans(text, whole, spans, true), c, marks)
  }
  const { masked, blobs } = marks
  if (masked === null || blobs === null) return text
  grow(text, masked, blobs)
  return collapse(text, masked)
}

/**
 * Marks every literal form where it stands. Marked, not replaced before the view is read: a form replaced by *** first
 * left the view reading what followed it as the secret's continuation (a JWT's signature replaced, the "l" of the
 * prose after it read as the signature's first letter, masked with the payload).
 */
function markForms(text: string, forms: readonly RegExp[], marks: Marks): void {
  for (const form of forms) {
    form.lastIndex = 0
    for (let m = form.exec(text); m !== null; m = form.exec(text)) {
      marks.masked ??= new Uint8Array(text.length)
      marks.blobs ??= new Uint8Array(text.length)
      marks.masked.fill(1, m.index, m.index + m[0].length)
    }
  }
}

/**
 * Adjacent values (a response's header values in order, its trailers'), each redacted, then the pieces of a secret
 * spread over two or more of them masked in each: a service that echoes the token half in one header, half in the
 * next (`X-Auth-1: abcd…`, `X-Auth-2: …wxyz`) showed both halves, each too short to be a window of its own (a
 * password, a key under 20 characters). Read as they are rendered one after the other, without the names between.
 */
export function redactValues(values: readonly string[], secrets: readonly string[]): string[] {
  const each = values.map((v) => redact(v, secrets))
  if (secrets.length === 0 || each.length < 2) return each
  const c = compile(secrets)
  if (c.probe === null) return each
  const text = each.join('\n')
  const spans: Array<[number, number]> = []
  for (let at = 0, k = 0; k < each.length; at += (each[k] as string).length + 1, k++) spans.push([at, at + (each[k] as string).length])
  const marks: Marks = { masked: null, blobs: null }
  markHits(text, viewOfSpans(text, viewOf(text, undefined, true), spans, true), c, marks)
  const { masked, blobs } = marks
  if (masked === null || blobs === null) return each
  grow(text, masked, blobs)
  return spans.map(([s, e], k) => (masked.subarray(s, e).includes(1) ? collapse(text.slice(s, e), masked.subarray(s, e)) : (each[k] as string)))
}

/** Every string in a plain value (JSON-like: objects, arrays, primitives), redacted; the rest as is. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T
  return value
}
