// The order of a stream's events (docs/wire-contracts.md §1.7, §6.4): both generations send their statuses, then ONE
// `response_start`, then the chunks (v3 puts `conversation_id` between), then ONE `response_end` — v2 may send its
// `conversation_id` after it. The text alone does not show an order broken around it: a `response_start` after the
// first chunk, a second `response_start`, one after the answer closed, or text after an event that says the answer is
// done (`{"type":"done"}`, the name the v3 README wrongly gives the end) assemble the same words and passed. Each is a
// contract violation naming both events (sse.ts already names text and a second closing event after `response_end`).
// What the contract does not guarantee is not held: a stream without `response_start` keeps the order of what it sends;
// a status or a `conversation_id` may come anywhere before the close.
// Chunks carry no position number in either generation. When a service adds one, its numbering must agree with the
// order: a field that names the chunk's own position (`seq`, `sequence`, `sequence_number`, `chunk_index`,
// `chunk_id`) must not step back nor repeat with another content (a repeat with the same content is a replay,
// replay.ts); `index` only when no two chunks share it — OpenAI's choice `index` is 0 on every chunk, and a paragraph
// index repeats over its chunks: neither says which chunk came first.
import type { TimedEvent } from '../exchange.ts'

/** The event types after which the service says the answer is complete, besides the contract's `response_end`. */
const DONE_TYPES = new Set(['done', 'end', 'complete', 'completed', 'finish', 'finished', 'stream_end', 'message_end', 'eos'])
/** Position fields that can only mean the chunk's place; `index` is read only when it tells chunks apart. */
const POSITION_FIELDS = new Set(['seq', 'sequence', 'sequence_number', 'chunk_index', 'chunk_id'])

const typeOf = (e: TimedEvent): string | null => {
  if (e.kind !== 'other' || typeof e.raw !== 'object' || e.raw === null) return null
  const type = (e.raw as Record<string, unknown>)['type']
  return typeof type === 'string' ? type : null
}
const closes = (e: TimedEvent): boolean => e.kind === 'end' || (e.kind === 'error' && e.closes !== false)

/** Where `response_start` stands against the chunks and the close, or null when it keeps the contract's order. */
function startIssue(events: readonly TimedEvent[]): string | null {
  let started: number | null = null
  let firstChunk: number | null = null
  let closed: number | null = null
  for (const [i, e] of events.entries()) {
    if (e.kind === 'content') firstChunk ??= i
    if (closes(e)) closed ??= i
    if (typeOf(e) !== 'response_start') continue
    if (closed !== null)
      return `events[${i}]: a response_start after the answer closed (events[${closed}]) — the contract sends nothing of the answer after it`
    if (firstChunk !== null)
      return `events[${i}]: a response_start after the answer's chunks began (events[${firstChunk}]) — the contract sends response_start, then the chunks`
    if (started !== null) return `events[${i}]: a second response_start (events[${started}]) — the contract sends one, before the chunks`
    started = i
  }
  return null
}

/** Text after an event that says the answer is done (`{"type":"done"}`), or null. */
function afterDoneIssue(events: readonly TimedEvent[]): string | null {
  let done: { at: number; type: string } | null = null
  for (const [i, e] of events.entries()) {
    const type = typeOf(e)
    if (type !== null && DONE_TYPES.has(type.toLowerCase())) done ??= { at: i, type }
    if (e.kind === 'content' && done !== null)
      return `events[${i}]: a response_chunk after "${done.type}" (events[${done.at}]) — text after the service said the answer was done`
  }
  return null
}

/** The chunks' own numbers, when every chunk carries one in the same field and it is a position (see the header). */
function positions(events: readonly TimedEvent[]): Array<{ at: number; n: number; text: string; field: string }> | null {
  const chunks = events.flatMap((e, at) => (e.kind === 'content' ? [{ at, e }] : []))
  const field = chunks[0]?.e.kind === 'content' ? chunks[0].e.sequence?.field : undefined
  if (field === undefined || chunks.length < 2) return null
  const out: Array<{ at: number; n: number; text: string; field: string }> = []
  for (const { at, e } of chunks) {
    if (e.kind !== 'content' || e.sequence?.field !== field || !/^\d{1,15}$/.test(e.sequence.value)) return null
    out.push({ at, n: Number(e.sequence.value), text: e.text, field })
  }
  if (POSITION_FIELDS.has(field)) return out
  // `index`: a position only when it tells every chunk apart.
  return new Set(out.map((p) => p.n)).size === out.length ? out : null
}

/** A chunk whose own number steps back or repeats with another content, or null. */
function numberingIssue(events: readonly TimedEvent[]): string | null {
  const numbered = positions(events)
  if (numbered === null) return null
  const seen = new Map<number, { at: number; text: string }>()
  let highest: { at: number; n: number } | null = null
  for (const p of numbered) {
    const before = seen.get(p.n)
    // The same number and content: a replay, which replay.ts names.
    if (before !== undefined && before.text !== p.text)
      return `events[${p.at}]: a response_chunk numbered ${p.field} ${p.n}, as events[${before.at}] with another text — the stream numbers its chunks, each once`
    if (before === undefined && highest !== null && p.n < highest.n)
      return `events[${p.at}]: a response_chunk numbered ${p.field} ${p.n} after ${p.field} ${highest.n} (events[${highest.at}]) — the chunks came out of their own order, the text is assembled in another`
    if (before === undefined) seen.set(p.n, { at: p.at, text: p.text })
    if (highest === null || p.n > highest.n) highest = { at: p.at, n: p.n }
  }
  return null
}

/** The first break of the contract's event order in a stream (see the header), or null. */
export function streamOrderIssue(events: readonly TimedEvent[]): string | null {
  return startIssue(events) ?? afterDoneIssue(events) ?? numberingIssue(events)
}
