// Secrets (the bearer token, the password, the token a login returns) must never reach any output. Two rules:
//  - every form a secret can take is masked: as given, without "Bearer ", URL-encoded, form-encoded, JSON-escaped,
//    and for a JWT its payload and signature segments on their own (the header segment is the same for every
//    HS256 token);
//  - fragments are masked too: texts are cut to length in many places (failure reasons, body excerpts), and a cut
//    secret is no longer equal to the secret. Any 16+ character piece of a secret (or of one of its encoded
//    forms) found anywhere in the text is masked — found with a rolling hash, so a multi-MB body stays linear.
// Both ignore letter case: a service that echoes a token upper-cased (a hex token's case means nothing) or a password
// in capitals still shows the secret.
const MIN_SECRET = 4
const MIN_FRAGMENT = 16

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
    if (segments.length === 3) for (const segment of segments.slice(1)) if (segment.length >= MIN_FRAGMENT) forms.add(segment)
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

const BASE = 0x01000193 // odd multiplier; arithmetic is mod 2^32 via Math.imul
/** BASE^(MIN_FRAGMENT-1) mod 2^32: the weight of the character leaving the window. */
const OUT_WEIGHT = Array.from({ length: MIN_FRAGMENT - 1 }).reduce<number>((p) => Math.imul(p, BASE) >>> 0, 1)

/** A character code with ASCII letters lower-cased: windows are hashed and compared without their case. */
const folded = (c: number): number => (c >= 65 && c <= 90 ? c | 0x20 : c)
/** The text with its ASCII letters lower-cased: the same length, so positions stay those of the text. */
const foldCase = (text: string): string => text.replace(/[A-Z]+/g, (m) => m.toLowerCase())

function hashOf(text: string, start: number): number {
  let h = 0
  for (let i = start; i < start + MIN_FRAGMENT; i++) h = (Math.imul(h, BASE) + folded(text.charCodeAt(i))) >>> 0
  return h
}

/** Every 16-character window of every long secret form, by rolling hash. */
function windowsOf(forms: readonly string[]): Map<number, Set<string>> {
  const windows = new Map<number, Set<string>>()
  for (const f of forms) {
    for (let i = 0; i + MIN_FRAGMENT <= f.length; i++) {
      const h = hashOf(f, i)
      const bucket = windows.get(h) ?? new Set<string>()
      bucket.add(foldCase(f.slice(i, i + MIN_FRAGMENT)))
      windows.set(h, bucket)
    }
  }
  return windows
}

interface Compiled {
  /** Each form as a literal pattern that ignores case, longest first. */
  forms: RegExp[]
  windows: Map<number, Set<string>>
  /** One bit per low 16 bits of a window hash: most positions of a text are rejected without a Map lookup. */
  filter: Uint32Array
  /** A text shorter than this holds no form and no fragment: returned as is. */
  shortest: number
}

function filterOf(windows: Map<number, Set<string>>): Uint32Array {
  const filter = new Uint32Array(2048)
  for (const h of windows.keys()) filter[(h & 0xffff) >>> 5] = (filter[(h & 0xffff) >>> 5] as number) | (1 << (h & 31))
  return filter
}
// The forms and windows of a set of secrets are built once per process, not per call: redact() runs on every
// attempt's texts, and the secrets of a run never change.
const compiled = new Map<string, Compiled>()
const MAX_COMPILED = 64

function compile(secrets: readonly string[]): Compiled {
  const key = secrets.join('\u0000')
  let c = compiled.get(key)
  if (c === undefined) {
    const forms = secretForms(secrets)
    const windows = windowsOf(forms.filter((f) => f.length >= MIN_FRAGMENT))
    c = {
      forms: forms.map((f) => new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')),
      windows,
      filter: filterOf(windows),
      shortest: Math.min(MIN_FRAGMENT, ...forms.map((f) => f.length)),
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(key, c)
  }
  return c
}

/** The length below which redact(text, secrets) returns every text unchanged (it holds no form and no fragment). */
export function shortestRedacted(secrets: readonly string[]): number {
  return secrets.length === 0 ? Number.POSITIVE_INFINITY : compile(secrets).shortest
}

/** Masks every secret form and every 16+ character fragment of one with ***. Linear in the text. */
export function redact(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text
  const { forms, windows, filter, shortest } = compile(secrets)
  if (text.length < shortest) return text
  let out = text
  for (const form of forms) out = out.replace(form, '***')
  if (windows.size === 0 || out.length < MIN_FRAGMENT) return out
  // Mark the characters covered by a window that belongs to a secret, then collapse each marked span.
  let masked: Uint8Array | null = null
  let h = hashOf(out, 0)
  for (let i = 0; ; i++) {
    if (((filter[(h & 0xffff) >>> 5] as number) & (1 << (h & 31))) !== 0 && windows.get(h)?.has(foldCase(out.slice(i, i + MIN_FRAGMENT)))) {
      masked ??= new Uint8Array(out.length)
      masked.fill(1, i, i + MIN_FRAGMENT)
    }
    if (i + MIN_FRAGMENT >= out.length) break
    h = (Math.imul((h - Math.imul(folded(out.charCodeAt(i)), OUT_WEIGHT)) >>> 0, BASE) + folded(out.charCodeAt(i + MIN_FRAGMENT))) >>> 0
  }
  if (masked === null) return out
  const parts: string[] = []
  let from = 0
  for (let i = 0; i < out.length; i++) {
    if (masked[i] === 1 && (i === 0 || masked[i - 1] === 0)) parts.push(out.slice(from, i), '***')
    if (masked[i] === 1) from = i + 1
  }
  parts.push(out.slice(from))
  return parts.join('')
}

/** Every string in a plain value (JSON-like: objects, arrays, primitives), redacted; the rest as is. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T
  return value
}
