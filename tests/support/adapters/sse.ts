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

export function sseConsumer(read: EventReader): StreamConsumer {
  const events: TimedEvent[] = []
  let now = 0
  let text = ''
  let contentChunks = 0
  let firstContentMs: number | null = null
  let completed = false
  const parser = createParser({
    onEvent: (message) => {
      const event = read(message.data, message.event)
      if (event.kind === 'content') {
        text += event.text
        contentChunks += 1
        // The first chunk a user can read: an empty or whitespace-only chunk shows nothing (docs/generations.md).
        if (firstContentMs === null && event.text.trim() !== '') firstContentMs = now
      }
      if (event.kind === 'end') completed = true
      if (events.length < MAX_EVENTS) events.push({ ...event, atMs: now })
    },
  })
  return {
    push(chunk: string, atMs: number): void {
      now = atMs
      parser.feed(chunk)
    },
    finish(endMs: number): StreamCapture {
      // A last event without its blank line still counts (the stream was cut right after it); after a complete
      // event the blank lines dispatch nothing.
      now = endMs
      parser.feed('\n\n')
      return { events, text, firstEventMs: events[0]?.atMs ?? null, firstContentMs, endMs, contentChunks, completed }
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
