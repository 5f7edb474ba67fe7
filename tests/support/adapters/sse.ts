// The stream consumer every streaming adapter shares: `data: <json>` framing parsed by eventsource-parser (a
// maintained SSE parser; Harena's stream routes use that framing even under text/plain, docs/wire-contracts.md),
// each message handed to the adapter's `read` to become a StreamEvent, stamped with the arrival time of the
// piece of body that completed it. The adapter only says what its events mean.
import { createParser } from 'eventsource-parser'
import type { StreamCapture, StreamConsumer, StreamEvent, TimedEvent } from '../exchange.ts'

/** What one SSE message's data means in a contract; `name`: its `event:` field, when it has one (an `event: error`). */
export type EventReader = (data: string, name?: string) => StreamEvent

/** Bounds what a hostile stream can make us keep. */
const MAX_EVENTS = 100_000

/**
 * A chunk a user can read: at least one letter or digit. Zero-width and other format characters (\p{Cf}),
 * whitespace and markup alone ("**", "#", "-", ">") show nothing, so they cannot start the time-to-first-chunk
 * clock (docs/generations.md).
 */
export const isVisibleText = (text: string): boolean => /[\p{L}\p{N}]/u.test(text)

/** The events that close an answer: after one, the contract sends no more text and no second close. */
// A failure signal in another event (a status "error", a route error object…) fails the answer but closes nothing:
// only response_end and the contract's own error event do (stream.ts marks the others `closes: false`).
const isTerminal = (event: StreamEvent): event is Extract<StreamEvent, { kind: 'end' | 'error' }> =>
  event.kind === 'end' || (event.kind === 'error' && event.closes !== false)

export function sseConsumer(read: EventReader): StreamConsumer {
  const events: TimedEvent[] = []
  let now = 0
  let text = ''
  let contentChunks = 0
  let firstContentMs: number | null = null
  let completed = false
  let count = 0
  let closed: { at: number; by: 'end' | 'error' } | null = null
  let afterClose: StreamCapture['afterClose']
  let closedAtMs: number | null = null
  const parser = createParser({
    onEvent: (message) => {
      const event = read(message.data, message.event)
      // The answer is what arrived before its end: text after the end (or after an error) is not part of it —
      // parseStreamCapture names such an event as a contract violation (docs/wire-contracts.md §1.7, §6.4).
      const index = count++
      if (closed !== null && (event.kind === 'content' || isTerminal(event))) {
        afterClose ??= { index, kind: event.kind, closedAt: closed.at, closedBy: closed.by }
      } else if (event.kind === 'content') {
        text += event.text
        contentChunks += 1
        if (firstContentMs === null && isVisibleText(event.text)) firstContentMs = now
      } else if (isTerminal(event)) {
        completed = event.kind === 'end'
        closed = { at: index, by: event.kind }
        closedAtMs = now
      }
      // The frame's SSE id (eventsource-parser reports each event's own `id:` field): a chunk replayed under the
      // id it first came with is a replay (adapters/replay.ts).
      if (events.length < MAX_EVENTS) events.push(message.id === undefined ? { ...event, atMs: now } : { ...event, atMs: now, sseId: message.id })
    },
  })
  return {
    push(chunk: string, atMs: number): void {
      now = atMs
      parser.feed(chunk)
    },
    // The answer is over at its closing event (response_end, or the contract's error event): the client stops
    // waiting for the server to end a body it keeps open after it (tests/support/client.ts).
    closedAtMs: () => closedAtMs,
    finish(endMs: number): StreamCapture {
      // A last event without its blank line still counts (the stream was cut right after it); after a complete
      // event the blank lines dispatch nothing.
      now = endMs
      parser.feed('\n\n')
      const capture: StreamCapture = { events, text, firstEventMs: events[0]?.atMs ?? null, firstContentMs, endMs, contentChunks, completed }
      return afterClose === undefined ? capture : { ...capture, afterClose }
    },
  }
}

/** JSON of an event's data, or why it is not JSON. */
export function eventJson(data: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(data) }
  } catch {
    return { ok: false, problem: 'not JSON' }
  }
}
