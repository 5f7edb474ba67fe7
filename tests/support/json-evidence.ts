// Evidence about a JSON body that a person can act on (issue 9 "causes named, evidence kept"):
//  - a body that does not parse keeps the parser's own message and an excerpt AROUND THE ERROR POSITION, with the
//    invisible characters written out (a BOM, a NUL, a no-break space look like nothing in a report): the `NaN`
//    2 KB into the body is shown, not the first 512 characters;
//  - a body that parses may still say two things at once: JSON.parse keeps the LAST of duplicate keys silently,
//    so the keys that appear twice in one object are listed (a warning, not a failure).
// Pure functions over the text; the recorder (record.ts) turns them into reasons.

/** Characters around the error position kept in the excerpt, on each side. */
export const EXCERPT_RADIUS = 40
/** Duplicate keys listed per body at most (the count says how many more). */
export const MAX_DUPLICATE_KEYS = 5

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffd]/gu

// Control and format characters (NUL, BOM, zero-width…) but not the layout a body may carry (tab, CR, LF) nor the
// no-break spaces French text is written with: what evidence anywhere must never hide.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/gu

/** Evidence text with its hidden characters written as \uXXXX (a BOM or a NUL shows; French spacing stays). */
export function escapeHidden(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
}

/** Every invisible or ambiguous character written as \uXXXX (tab, CR and LF as \t \r \n), the rest as is. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    if (c === '\n') return '\\n'
    if (c === '\r') return '\\r'
    if (c === '\t') return '\\t'
    return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
  })
}

export interface JsonProblem {
  /** The parser's message, invisible characters escaped. */
  message: string
  /** 0-based character offset of the error (the end of the text when the parser gives none). */
  position: number
  line: number
  column: number
  /** The text around the position, escaped, with ⟦ ⟧ around the character at the position. */
  excerpt: string
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1
  let lastBreak = -1
  for (let i = 0; i < position && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++
      lastBreak = i
    }
  return { line, column: position - lastBreak }
}

/** Where V8's message says the error is: "at position 2052", else the offending token's first occurrence, else the end. */
function positionOf(text: string, message: string): number {
  const at = /position (\d+)/.exec(message)
  if (at) return Math.min(Number(at[1]), text.length)
  // "Unexpected token 'N', "…"total": NaN…" is not valid JSON" (V8 without a position): find that excerpt.
  const quoted = /"(.{4,}?)(?:\.\.\.)?" is not valid JSON/s.exec(message)
  const token = /Unexpected token '(.)'/u.exec(message)
  if (quoted?.[1] && token?.[1]) {
    const from = text.indexOf(quoted[1].replace(/^\.\.\./, ''))
    const inside = from === -1 ? -1 : text.indexOf(token[1], from)
    if (inside !== -1) return inside
  }
  if (token?.[1]) {
    const first = text.indexOf(token[1])
    if (first !== -1) return first
  }
  return text.length
}

/** The last text parsed and its value (a successful parse only). */
let lastParsed: { text: string; value: unknown } | null = null

/**
 * JSON.parse, remembering the last text it parsed: the adapter reads a body, then the recorder reads the same body
 * for its request id (record.ts), one right after the other — parsed once. Callers only read the value.
 */
export function parseJson(text: string): unknown {
  if (lastParsed !== null && lastParsed.text === text) return lastParsed.value
  const value: unknown = JSON.parse(text)
  lastParsed = { text, value }
  return value
}

/** Why `text` is not JSON, where, and what is there; null when it parses. */
export function jsonProblem(text: string): JsonProblem | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error)
    const position = positionOf(text, raw)
    const before = text.slice(Math.max(0, position - EXCERPT_RADIUS), position)
    const at = text.slice(position, position + 1)
    const after = text.slice(position + 1, position + 1 + EXCERPT_RADIUS)
    const excerpt = `${position > EXCERPT_RADIUS ? '…' : ''}${escapeInvisible(before)}⟦${escapeInvisible(at)}⟧${escapeInvisible(after)}${
      position + 1 + EXCERPT_RADIUS < text.length ? '…' : ''
    }`
    // V8 quotes a piece of the body in its message: bounded here, the excerpt carries the context.
    const message = escapeInvisible(raw.length > 160 ? `${raw.slice(0, 160)}…` : raw)
    return { message, position, ...lineAndColumn(text, position), excerpt }
  }
}

/**
 * The paths of keys that appear twice in one object ("response.total", "data[2].id"), in order of appearance, at
 * most `max`; `count` is how many there were. The text must be valid JSON (call after JSON.parse succeeded).
 */
export function duplicateKeys(text: string, max = MAX_DUPLICATE_KEYS): { paths: string[]; count: number } {
  // Runs on every buffered answer: one pass over character codes, keys decoded only when they hold an escape, and
  // a container's path built only when one of its keys repeats (from its parent chain).
  type Frame = { object: boolean; keys: Set<string> | null; key: string | null; index: number; parent: Frame | null; slot: string | number | null }
  const pathOf = (frame: Frame): string => {
    if (frame.parent === null) return ''
    const above = pathOf(frame.parent)
    if (typeof frame.slot === 'number') return `${above}[${frame.slot}]`
    return above === '' ? (frame.slot ?? '') : `${above}.${frame.slot ?? ''}`
  }
  const paths: string[] = []
  let count = 0
  let expectKey = false
  let top: Frame | null = null
  const length = text.length
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      let j = i + 1
      for (;;) {
        const quote = text.indexOf('"', j)
        if (quote === -1) {
          j = length
          break
        }
        let slashes = 0
        while (quote - 1 - slashes > i && text.charCodeAt(quote - 1 - slashes) === 0x5c /* \ */) slashes++
        j = quote + 1
        if (slashes % 2 === 0) {
          j = quote
          break
        }
      }
      if (expectKey && top?.object === true) {
        const raw = text.slice(i + 1, j)
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw
        const keys: Set<string> = top.keys ?? new Set<string>()
        top.keys = keys
        if (keys.has(key)) {
          count++
          if (paths.length < max) {
            const path = pathOf(top)
            paths.push(path === '' ? key : `${path}.${key}`)
          }
        }
        keys.add(key)
        top.key = key
        expectKey = false
      }
      i = j
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const slot: string | number | null = top === null ? null : top.object ? top.key : top.index
      top = { object: c === 0x7b, keys: null, key: null, index: 0, parent: top, slot }
      if (c === 0x7b) expectKey = true
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      top = top === null ? null : top.parent
    } else if (c === 0x2c /* , */) {
      if (top?.object === true) expectKey = true
      else if (top !== null) top.index++
    }
  }
  return { paths, count }
}

/** Characters of each conflicting value kept in the evidence. */
export const MAX_CONFLICT_VALUE_CHARS = 80
/** Bodies longer than this are not compared value by value (the duplicate-key warning still says it). */
export const MAX_CONFLICT_SCAN_CHARS = 1 << 20

export interface DuplicateConflict {
  /** "status", "response.intent.type", "data[2].id" */
  path: string
  /** The first and the last value written for that key, as JSON, cut to MAX_CONFLICT_VALUE_CHARS. */
  first: string
  last: string
}

const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d])

/**
 * Duplicate keys whose values DIFFER, at most `max`: a body that says `"status":"error"` and later
 * `"status":"completed"` is ambiguous — JSON.parse keeps the last, other parsers (and people) read the first — so
 * the answer is a contract violation, not a warning. Equal values (compared as JSON values: `1` and `1.0`, or the
 * same object written with other spacing, are equal) stay a warning. Called only when `duplicateKeys` found some
 * (rare), so the one-pass scan every answer goes through stays as it is; the text must be valid JSON.
 */
export function conflictingDuplicates(text: string, max = MAX_DUPLICATE_KEYS): DuplicateConflict[] {
  const out: DuplicateConflict[] = []
  if (text.length > MAX_CONFLICT_SCAN_CHARS) return out
  let i = 0
  const space = (): void => {
    while (i < text.length && JSON_SPACE.has(text.charCodeAt(i))) i++
  }
  const stringEnd = (from: number): number => {
    let j = from + 1
    while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1
    return j + 1
  }
  const cut = (v: string): string => (v.length > MAX_CONFLICT_VALUE_CHARS ? `${v.slice(0, MAX_CONFLICT_VALUE_CHARS)}…` : v)
  // Each value's canonical JSON (an object as JSON.parse would keep it: last value wins, first position kept).
  const value = (path: string): string => {
    space()
    const c = text.charCodeAt(i)
    if (c === 0x7b /* { */) {
      i++
      const kept = new Map<string, string>()
      space()
      if (text.charCodeAt(i) === 0x7d) {
        i++
        return '{}'
      }
      for (;;) {
        space()
        const start = i
        i = stringEnd(i)
        const key = JSON.parse(text.slice(start, i)) as string
        space()
        i++ // ':'
        const at = path === '' ? key : `${path}.${key}`
        const v = value(at)
        const before = kept.get(key)
        if (before !== undefined && before !== v && out.length < max) out.push({ path: at, first: cut(before), last: cut(v) })
        kept.set(key, v)
        space()
        if (text.charCodeAt(i++) !== 0x2c /* , */) break
      }
      return `{${[...kept].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
    }
    if (c === 0x5b /* [ */) {
      i++
      const items: string[] = []
      space()
      if (text.charCodeAt(i) === 0x5d) {
        i++
        return '[]'
      }
      for (;;) {
        items.push(value(`${path}[${items.length}]`))
        space()
        if (text.charCodeAt(i++) !== 0x2c) break
      }
      return `[${items.join(',')}]`
    }
    if (c === 0x22) {
      const start = i
      i = stringEnd(i)
      return JSON.stringify(JSON.parse(text.slice(start, i)))
    }
    const start = i
    while (i < text.length && !JSON_SPACE.has(text.charCodeAt(i)) && !',]}'.includes(text.charAt(i))) i++
    const raw = text.slice(start, i)
    const n = Number(raw)
    return raw !== 'true' && raw !== 'false' && raw !== 'null' && Number.isFinite(n) ? String(n) : raw
  }
  try {
    value('')
  } catch {
    // Nesting deeper than the stack (JSON.parse accepted it): what was found so far is still true.
  }
  return out
}
