// Chunks sent twice (docs/wire-contracts.md §1.7, §6.4: the stream sends each piece of the answer once, in order).
// A replaying proxy, a retrying producer or a buggy fan-out sends the same chunk again; concatenated blindly, the
// assembled text reads "Vos Vos dépenses dépenses" and every content check is judged on a text nobody wrote. The
// structural signals are read first, strongest first:
//  1. the frame's SSE `id:` repeated on a chunk whose content is the first one's — only where ids identify frames:
//     each id names one content (distinct frames never share one) and there are at least two, or numeric ids rise
//     and step back only onto a frame already sent. An id every frame shares (a connection id, a constant) or one
//     a few frames share (epoch seconds: a whole burst of word-sized chunks under one id, "de " twice among them)
//     names no frame, so its repeats say nothing (read as replays, such healthy streams failed). On v3 a stated
//     length the assembled text meets exactly outweighs it: the repeated frame is in the text the service counted;
//  2. a chunk's own position number (`index`, `seq`, …; stream.ts reads it) repeated with the same content;
//  3. the whole sequence of chunks came twice (or more), in the same order — whatever length is stated: a v3 stream
//     whose `response_length` states ONE copy was judged ok (review 2026-12-05) because only the back-to-back check
//     ran where a length was stated. A copy needs MIN_REPEATS chunks with readable text, which no answer's prose
//     repeats whole; fewer do when the stated length is exactly one copy's (the text is then a multiple of it, made
//     of the same sequence: the service says itself it sent one);
//  4. the length the service states (v3 `response_end.metadata.response_length`): the assembled text is longer than
//     it, and the same text without its chunks repeated back to back agrees with it. Where a stated length exists it
//     decides for back-to-back repeats: a text that agrees with it was sent as it is, whatever its chunks look like;
//  5. with no stated length (v2 states none): every chunk came twice in a row (at least MIN_REPEATS readable).
// Genuine repetition ("très très", a merchant named twice in a list) repeats a chunk once or twice, never all of
// them, and never under the same id or number. A replay of a few chunks in a stream that carries none of these
// signals is not told apart from prose here, and cannot be: one or two chunks replayed back to back are, frame for
// frame, another legitimate answer's stream (docs/wire-contracts.md §1.7, "Known limit"); the assembled text then
// still meets checks/doubled.ts, the second line.
import type { TimedEvent } from '../exchange.ts'
import { agreesWithStated, codePoints, longerThanStated } from '../stated-length.ts'
import { isVisibleText } from './sse.ts'

/** Chunks with readable text that must repeat before an unsigned stream is called a replay. */
export const MIN_REPEATS = 3

/** What showed a replay (reason `check.contract.chunks_replayed`, core/locale/checks.ts words each signal). */
export type ChunkReplay =
  /** `index` (0-based among all events) repeats `first`: the same content under the same SSE id or position number. */
  | { signal: 'sse_id' | 'sequence'; index: number; first: number; field: string; value: string }
  /** The text exceeds the stated length; without its `repeats` chunk(s) sent twice in a row it agrees with it. */
  | { signal: 'stated_length'; stated: number; received: number; repeats: number }
  /** Every chunk twice in a row; `chunks`: how many arrived. */
  | { signal: 'every_chunk_twice'; chunks: number }
  /** The whole sequence `copies` times (2 or more), in order; `chunks`: how many arrived; `stated`: one copy's stated length. */
  | { signal: 'sequence_twice'; chunks: number; copies: number; stated?: number }

type Chunk = { index: number; text: string; key: string | undefined }

/** Whether ids name frames: each id carries one content, and at least two ids are in use. */
function idsIdentifyFrames(chunks: readonly Chunk[]): boolean {
  const contentOf = new Map<string, string>()
  for (const c of chunks) {
    if (c.key === undefined) continue
    const known = contentOf.get(c.key)
    if (known !== undefined && known !== c.text) return false
    contentOf.set(c.key, c.text)
  }
  return contentOf.size >= 2
}

/** a < b for ids written as non-negative integers of any size (compared as text: no precision lost). */
function numericallyBelow(a: string, b: string): boolean {
  const x = a.replace(/^0+(?=\d)/, '')
  const y = b.replace(/^0+(?=\d)/, '')
  return x.length !== y.length ? x.length < y.length : x < y
}

/**
 * The first chunk of a numeric id sequence that rises (or holds) and steps back only onto a frame already sent,
 * under its id: that step back is the replay. Null when ids are not all numbers, or a step back lands on a new frame
 * (the ids then follow no order, and a repeat under them says nothing).
 */
function stepBackRepeat(chunks: readonly Chunk[]): { index: number; first: number; key: string } | null {
  const withId = chunks.filter((c): c is Chunk & { key: string } => c.key !== undefined)
  if (withId.length === 0 || !withId.every((c) => /^\d{1,40}$/.test(c.key))) return null
  const seen = new Map<string, number>()
  let highest = withId[0]?.key ?? ''
  let replay: { index: number; first: number; key: string } | null = null
  for (const c of withId) {
    const k = `${c.key}\u0000${c.text}`
    if (numericallyBelow(c.key, highest)) {
      const first = seen.get(k)
      if (first === undefined) return null
      replay ??= { index: c.index, first, key: c.key }
    } else highest = c.key
    if (!seen.has(k)) seen.set(k, c.index)
  }
  return replay
}

/** A chunk repeated under the SSE id it first came with, where ids name frames (see the header, signal 1). */
function idRepeat(chunks: readonly Chunk[]): { index: number; first: number; key: string } | null {
  return (idsIdentifyFrames(chunks) ? keyedRepeat(chunks) : null) ?? stepBackRepeat(chunks)
}

/** The first chunk whose (key, content) came before, by one kind of key. */
function keyedRepeat(chunks: readonly Chunk[]): { index: number; first: number; key: string } | null {
  const seen = new Map<string, number>()
  for (const c of chunks) {
    if (c.key === undefined) continue
    const k = `${c.key}\u0000${c.text}`
    const first = seen.get(k)
    if (first !== undefined) return { index: c.index, first, key: c.key }
    seen.set(k, c.index)
  }
  return null
}

/** The chunks' texts with each one equal to the chunk just before it dropped, and how many were dropped. */
function withoutBackToBack(texts: readonly string[]): { text: string; repeats: number } {
  let repeats = 0
  const kept = texts.filter((t, i) => {
    const again = i > 0 && t === texts[i - 1]
    if (again) repeats += 1
    return !again
  })
  return { text: kept.join(''), repeats }
}

function unsignedReplay(texts: readonly string[]): ChunkReplay | null {
  const n = texts.length
  if (n < 2 * MIN_REPEATS || n % 2 !== 0) return null
  if (texts.filter(isVisibleText).length / 2 < MIN_REPEATS) return null
  if (texts.every((t, i) => i % 2 === 0 || t === texts[i - 1])) return { signal: 'every_chunk_twice', chunks: n }
  return null
}

/**
 * The whole sequence of chunks sent `copies` times over (the shortest copy that repeats through the end), or null.
 * A copy counts when it holds MIN_REPEATS readable chunks, or when the stated length is exactly one copy's.
 */
function sequenceReplay(texts: readonly string[], stated: number | undefined): ChunkReplay | null {
  const n = texts.length
  for (let size = 1; size <= n / 2; size++) {
    if (n % size !== 0 || !texts.every((t, i) => t === texts[i % size])) continue
    const copy = texts.slice(0, size)
    if (!copy.some(isVisibleText)) return null
    const statesOneCopy = stated !== undefined && agreesWithStated(copy.join(''), stated)
    if (copy.filter(isVisibleText).length < MIN_REPEATS && !statesOneCopy) return null
    return { signal: 'sequence_twice', chunks: n, copies: n / size, ...(statesOneCopy ? { stated } : {}) }
  }
  return null
}

/** The stated length says the text carries chunks twice, or null (it agrees, or it tells nothing). */
function statedReplay(texts: readonly string[], assembled: string, stated: number): ChunkReplay | null {
  if (!longerThanStated(assembled, stated)) return null
  const once = withoutBackToBack(texts)
  if (once.repeats === 0 || !agreesWithStated(once.text, stated)) return null
  return { signal: 'stated_length', stated, received: codePoints(assembled), repeats: once.repeats }
}

/**
 * Whether the stream's chunks came twice, and what showed it; null when nothing does. `statedLength`: the answer's
 * length as its end event states it, when it states one.
 */
export function chunkReplay(events: readonly TimedEvent[], statedLength: number | undefined): ChunkReplay | null {
  const chunks = events.flatMap((e, index) => (e.kind === 'content' ? [{ index, event: e }] : []))
  const texts = chunks.map((c) => c.event.text)
  // An exact stated length says the service counted every frame it sent, the repeated one too (v3).
  const statedExactly = statedLength !== undefined && agreesWithStated(texts.join(''), statedLength)
  const byId = statedExactly ? null : idRepeat(chunks.map(({ index, event }) => ({ index, text: event.text, key: event.sseId })))
  if (byId !== null) return { signal: 'sse_id', index: byId.index, first: byId.first, field: 'id', value: byId.key }
  const bySequence = keyedRepeat(
    chunks.map(({ index, event }) => ({ index, text: event.text, key: event.sequence === undefined ? undefined : JSON.stringify(event.sequence) })),
  )
  if (bySequence !== null) {
    const { field, value } = JSON.parse(bySequence.key) as { field: string; value: string }
    return { signal: 'sequence', index: bySequence.index, first: bySequence.first, field, value }
  }
  const sequence = sequenceReplay(texts, statedLength)
  if (sequence !== null) return sequence
  if (statedLength !== undefined) return statedReplay(texts, texts.join(''), statedLength)
  return unsignedReplay(texts)
}

/** The evidence line (wire terms, like the stream's other contract issues). */
export function replayIssue(r: ChunkReplay): string {
  switch (r.signal) {
    case 'sse_id':
    case 'sequence':
      return `events[${r.index}]: a response_chunk replays events[${r.first}] (same ${r.field} ${r.value}, same content)`
    case 'stated_length':
      return `(stream): the chunks assemble ${r.received} characters where response_end states ${r.stated}; without the ${r.repeats} chunk(s) sent twice in a row they agree`
    case 'every_chunk_twice':
      return `(stream): each of the ${r.chunks / 2} response_chunk events came twice in a row`
    case 'sequence_twice': {
      const stated = r.stated === undefined ? '' : ` (response_end states ${r.stated} characters: one copy)`
      return `(stream): the ${r.chunks / r.copies} response_chunk events came ${r.copies} times over, in the same order${stated}`
    }
  }
}
