// One HTTP exchange with the target, split by who owns what (docs/adapters.md):
//  - the adapter says WHAT to send (ExchangeRequest) and how to READ the answer, buffered or event by event;
//  - the client (client.ts) only executes it: undici, a deadline, a monotonic clock, a body size cap. It hands
//    the body to a BodySink as it arrives, each piece stamped with its arrival time, and buffers it (bounded)
//    for the evidence.

/** A request as an adapter builds it. `path` is relative to the service root (no leading slash needed). */
export interface ExchangeRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

/** Receives a body while it arrives: decoded UTF-8 text (split anywhere) and ms after the request was sent. */
export interface BodySink {
  push(text: string, atMs: number): void
  /**
   * When the event that closes the answer arrived (ms after the request was sent, like `push`'s atMs), or null while
   * the answer is still open. A sink that cannot tell leaves it out: its body is read until the server ends it.
   */
  closedAtMs?(): number | null
}

/**
 * What an event's JSON text says beyond its value (tests/support/json-evidence.ts): keys written twice in one object
 * (`duplicateKeys`, a warning) and those whose values differ (`conflicts`, a contract violation) — the same rule as a
 * buffered body's, applied by the recorder with the event's index in the path.
 */
export interface EventFacts {
  duplicateKeys?: string[]
  conflicts?: Array<{ path: string; first: string; last: string }>
}

/** One event of a streamed answer, as the adapter understood it. */
export type StreamEvent = EventFacts &
  /** Progress without answer text ("Analyse du contexte…"). */
  (
    | { kind: 'status'; message: string | null; raw?: unknown }
    /**
     * A piece of the answer's text. `sequence`: the chunk's own position number when the event carries one (a field
     * such as `index` or `seq`; neither Harena generation sends one today), kept to tell a chunk sent twice
     * (adapters/replay.ts).
     */
    | { kind: 'content'; text: string; sequence?: { field: string; value: string } }
    /** The contract's end-of-answer event. */
    | { kind: 'end'; raw?: unknown }
    /**
     * The service says the answer failed (an error event, a route error object, any failure signal of
     * docs/wire-contracts.md §7); `signals`: where in the event (`type = "ERROR"`), when it is not the contract's own
     * error event — its `message` is then the event's own text, possibly empty.
     */
    | {
        kind: 'error'
        /** The service's own text ('' when it gave none: the reason says so in the run's language). */
        message: string
        /** Which event said it: the contract's error event, the route's error object, or failure signals. */
        origin: StreamFailure
        signals?: string[]
        closes?: false
        /**
         * The event's whole JSON object: every string it carries is shown to the user (a route error object's
         * `details` too), and the security probes read them all (tests/support/security/probes.ts). Absent: a
         * reader that kept only the message.
         */
        json?: Record<string, unknown>
      }
    /** Anything else the contract sends (ids, metadata); `raw` is the event's data. */
    | { kind: 'other'; raw: unknown }
    /** Data the contract does not allow (not JSON, unknown shape): kept as evidence. */
    | { kind: 'malformed'; data: string; problem: string }
  )

/** An event with its arrival time; `sseId`: the frame's own SSE `id:` field, when it had one. */
export type TimedEvent = StreamEvent & { atMs: number; sseId?: string }

/** A whole streamed answer: its events with their arrival times, the assembled text and the moments. */
export interface StreamCapture {
  events: TimedEvent[]
  /** The content events' text, concatenated in order. */
  text: string
  firstEventMs: number | null
  firstContentMs: number | null
  /** When the stream ended or was cut (the client's end of the exchange). */
  endMs: number
  contentChunks: number
  /** An `end` event arrived. */
  completed: boolean
  /**
   * The first event the contract forbids after the answer closed: text (`content`) or a second `end`/`error` after
   * an `end` or `error` (0-based positions among all events). Absent: the order was kept.
   */
  afterClose?: { index: number; kind: 'content' | 'end' | 'error'; closedAt: number; closedBy: 'end' | 'error' }
}

/** Reads one streamed answer: the client pushes the body into it, the recorder finishes it. */
export interface StreamConsumer extends BodySink {
  finish(endMs: number): StreamCapture
}

/** Monotonic timings of one exchange (wall-clock only for startedAt). */
export interface Timing {
  /** ISO wall-clock time the request was sent (for the report; durations use the monotonic clock). */
  startedAt: string
  /** The same moment in ms since the Unix epoch, sub-millisecond, on the run's one time line (tests/support/run-clock.ts). */
  sentAtMs?: number
  /** First response bytes (status line and headers) received, ms after sending; null when no response came. */
  ttfbMs: number | null
  /** Body fully read (or the outcome reached), ms after sending. */
  totalMs: number
}

/** How a stream said its answer failed (core/locale/checks.ts check.fallback.stream_error words each). */
export type StreamFailure = 'error_event' | 'route_error_object' | 'signals'
