// validation-report.json as a stream of chunks, never one giant string (V8 caps a string near 512 MiB: the report
// of 1,000,000 attempts threw RangeError: Invalid string length). The layout is JSON.stringify(value, null, 2)'s,
// except in a long list of records (more than LONG_LIST elements: the attempts of a question), where each record
// is written compact on its own line — one attempt per line reads as well, and the file is ~2.5× smaller and
// faster to write. Every string value lies inside one chunk (documents.ts scrubs blocks cut at chunk boundaries).
//
// A list may also come as JsonRows: its records are made one at a time while they are written, so a list of
// 1,000,000 attempts is never held as 1,000,000 report objects (building them first was a third of the reporter's
// time at that size, most of it garbage collection of objects kept alive until the file was written).

const pads: string[] = ['']
function pad(depth: number): string {
  while (pads.length <= depth) pads.push(`${pads[pads.length - 1]}  `)
  return pads[depth] as string
}

/** A value of at most this many nodes is stringified in one piece. */
const SMALL_NODES = 256
/** Small elements of an array stringified per native call. */
const BATCH = 256
/** A list longer than this writes one compact record per line. */
export const LONG_LIST = 16

function isSmall(value: unknown, budget: { left: number }): boolean {
  if (value === null || typeof value !== 'object') return true
  // As small as the array it stands for (one longer than the budget never is, and is not built to find out).
  if (value instanceof JsonRows) return value.count <= budget.left && isSmall(value.toJSON(), budget)
  if (--budget.left < 0) return false
  if (Array.isArray(value)) {
    if (value.length > budget.left) return false
    for (const v of value) if (!isSmall(v, budget)) return false
    return budget.left >= 0
  }
  for (const k in value) if (!isSmall((value as Record<string, unknown>)[k], budget)) return false
  return budget.left >= 0
}

/**
 * A list written from records made on the fly while it is written; `toJSON` makes it the plain array for
 * JSON.stringify. `rows()` must give the same records each time it is called. `firstKey`, when given, is the key
 * every record is made with first (recordsJoined).
 */
export class JsonRows<T = unknown> {
  /** A short list, once built (the writer asks for it more than once while deciding its layout). */
  private built: T[] | undefined
  constructor(
    readonly count: number,
    readonly rows: () => Iterable<T>,
    readonly firstKey?: string,
    /**
     * The records' compact JSON already made (core/fragments.ts), or null when they must be made here. Used
     * only where records are written compact, one per line (a long list).
     */
    readonly made?: () => MadeRows | null,
  ) {}
  toJSON(): T[] {
    if (this.built !== undefined) return this.built
    const built = [...this.rows()]
    if (this.count <= SMALL_NODES) this.built = built
    return built
  }
}

/** Records already serialized (JSON.stringify of each, in order): their text joined by `sep`, or null when it cannot be. */
export interface MadeRows {
  count: number
  joined(sep: string): string | Uint8Array | null
}

/** What separates two records of a long list written at `depth` (one compact record per line). */
export const rowSeparator = (depth: number): string => `,\n${pad(depth + 1)}`

const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol'

/** A plain record JSON.stringify writes opening with `key` (its first key, by the maker's word): `{"key":`. */
const opensWith = (row: unknown, key: string): boolean =>
  typeof row === 'object' &&
  row !== null &&
  !Array.isArray(row) &&
  typeof (row as { toJSON?: unknown }).toJSON !== 'function' &&
  !skipped((row as Record<string, unknown>)[key])

/**
 * rows.map((r) => JSON.stringify(r)).join(sep), in one JSON.stringify call when it can be: the array's text
 * "[r1,r2,…]" with each "},{" + `{"firstKey":` between two records replaced by sep. That is exact when every
 * record opens with firstKey (N - 1 such places between N records) and none holds the sequence itself (it cannot
 * inside a string, where a quote is escaped): the pieces are counted, and any other count falls back to one call
 * per record. One call per batch instead of per record: ~15 % less time per 1,000,000 rows (issue 14).
 */
export function recordsJoined(rows: readonly unknown[], firstKey: string | undefined, sep: string): string {
  if (firstKey !== undefined && rows.length > 1 && rows.every((r) => opensWith(r, firstKey))) {
    const opening = `{${JSON.stringify(firstKey)}:`
    const pieces = (JSON.stringify(rows) as string).slice(1, -1).split(`},${opening}`)
    if (pieces.length === rows.length) return pieces.join(`}${sep}${opening}`)
  }
  return rows.map((r) => JSON.stringify(skipped(r) ? null : r) ?? 'null').join(sep)
}

/** A long JsonRows list: BATCH compact records per chunk, one per line, as a long list of small records is written. */
function* rowLines(list: JsonRows, depth: number): Generator<string | Uint8Array> {
  const inner = pad(depth + 1)
  const sep = rowSeparator(depth)
  const made = list.made?.() ?? null
  const joined = made !== null && made.count === list.count && made.count > 0 ? made.joined(sep) : null
  if (joined !== null) {
    yield `[\n${inner}`
    yield joined
    yield `\n${pad(depth)}]`
    return
  }
  let batch: unknown[] = []
  let started = false
  for (const row of list.rows()) {
    batch.push(row)
    if (batch.length >= BATCH) {
      yield `${started ? ',' : '['}\n${inner}${recordsJoined(batch, list.firstKey, sep)}`
      started = true
      batch = []
    }
  }
  if (batch.length > 0) {
    yield `${started ? ',' : '['}\n${inner}${recordsJoined(batch, list.firstKey, sep)}`
    started = true
  }
  yield started ? `\n${pad(depth)}]` : '[]'
}

/** The chunks of `value` in the layout above (the top-level value of a short, small document: exactly JSON.stringify(value, null, 2)). */
export function* prettyJsonChunks(value: unknown, depth = 0): Generator<string | Uint8Array> {
  if (value instanceof JsonRows) {
    // Up to SMALL_NODES records: built, and written exactly as that array. More: one compact record per line,
    // as an array of that length is written when its records are small (an attempt's always are).
    if (value.count > SMALL_NODES) yield* rowLines(value, depth)
    else yield* prettyJsonChunks(value.toJSON(), depth)
    return
  }
  if (value === null || typeof value !== 'object' || isSmall(value, { left: SMALL_NODES })) {
    const text = JSON.stringify(value, null, 2) ?? 'null'
    yield depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, `\n${pad(depth)}`)
    return
  }
  const inner = pad(depth + 1)
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]'
      return
    }
    if (value.length > LONG_LIST && value.every((v) => isSmall(v, { left: SMALL_NODES }))) {
      for (let i = 0; i < value.length; i += BATCH) {
        const lines = value.slice(i, i + BATCH).map((v) => JSON.stringify(skipped(v) ? null : v))
        yield `${i === 0 ? '[' : ','}\n${inner}${lines.join(`,\n${inner}`)}`
      }
      yield `\n${pad(depth)}]`
      return
    }
    // Runs of small elements are stringified together (one native call per batch), large ones are walked.
    let batch: unknown[] = []
    let started = false
    const flush = function* (): Generator<string> {
      if (batch.length === 0) return
      const text = JSON.stringify(batch, null, 2)
      batch = []
      // "[\n  a,\n  b\n]" → the elements at this depth: drop the brackets, indent every line.
      const body = text.slice(2, -2)
      yield `${started ? ',' : '['}\n${pad(depth)}${depth === 0 ? body : body.replace(/\n/g, `\n${pad(depth)}`)}`
      started = true
    }
    for (let i = 0; i < value.length; i++) {
      const v: unknown = skipped(value[i]) ? null : value[i]
      if (isSmall(v, { left: SMALL_NODES })) {
        batch.push(v)
        if (batch.length >= BATCH) yield* flush()
        continue
      }
      yield* flush()
      yield `${started ? ',' : '['}\n${inner}`
      started = true
      yield* prettyJsonChunks(v, depth + 1)
    }
    yield* flush()
    yield `\n${pad(depth)}]`
    return
  }
  let first = true
  for (const [k, v] of Object.entries(value)) {
    if (skipped(v)) continue
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `
    first = false
    yield* prettyJsonChunks(v, depth + 1)
  }
  yield first ? '{}' : `\n${pad(depth)}}`
}
