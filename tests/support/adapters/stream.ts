// The stream routes of v2 (docs/wire-contracts.md §1.7) and v3 (§6.4), docs/generations.md: what each event means
// (EventReader for sse.ts), and the whole capture → the same AdapterResult a buffered body gives, so every
// content check reads the assembled text. A stream is a failed attempt when it carries an error event (v3
// `error`, v2 `message`), the route's error object (`{"error":…}`, no type), any other failure signal of an event
// (docs/wire-contracts.md §7: `{"type":"ERROR"}`, `status:"error"`, a non-empty `error`, `metadata.error`…, wherever
// it comes, even after `response_end`), or ends without `response_end`; each becomes a turn with status "error" whose
// message says which event and field. Keys written twice in an event are kept for the recorder (the buffered rule). An event that is not JSON is invalid JSON
// (critical); a chunk without a string `content` is a contract violation naming the field, and so are chunks sent
// twice (replay.ts: a replayed SSE id or position number, a text the stated length shows doubled, every chunk twice),
// any text or second closing event after the answer closed (the order is fixed: chunks, then one response_end; the answer is
// what came before it), and any other break of the contract's order that leaves the text whole (stream-order.ts: a
// response_start after the chunks, twice or after the close, text after a "done", chunks out of their own numbering).
// Unknown event types are kept as "other" (a newer service may add some).
import type { Observes } from '../../../core/observes.ts'
import type { EventFacts, StreamCapture, StreamEvent } from '../exchange.ts'
import type { AdapterResult, NormalizedTurn, RawExchange } from '../turn.ts'
import { conflictingDuplicates, duplicateKeys } from '../json-evidence.ts'
import { eventFailureSignals, signalLines, trailerSignals } from './failure-signals.ts'
import { chunkReplay, replayIssue } from './replay.ts'
import { streamOrderIssue } from './stream-order.ts'
import { eventJson } from './sse.ts'
import { bodyHead, foreignUserIds, lengthStated, notAnAnswerStatus } from './wire.ts'

export type StreamDialect = 'v2' | 'v3'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A stream carries statuses, the text and totals: never a chart, a KPI card or an insight. */
export function streamObserves(intent: 'carried' | 'absent'): Observes {
  return { subtype: 'absent', visualizations: 'absent', stages: 'absent', insights: 'absent', responseType: 'absent', intent, kpiCards: 'absent' }
}

/** The fields an error event may carry its text in: the dialect's own first (v3 `error`, v2 `message`). */
const ERROR_FIELDS: Record<StreamDialect, readonly string[]> = {
  v2: ['message', 'error', 'detail', 'reason', 'description', 'msg'],
  v3: ['error', 'message', 'detail', 'reason', 'description', 'msg'],
}

/** A readable text from one field's value: a string, a nested object's text, FastAPI's list of `{msg}`. */
function textOf(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (depth > 2) return null
  if (Array.isArray(value)) {
    const parts = value.map((v) => textOf(v, depth + 1)).filter((t): t is string => t !== null)
    return parts.length > 0 ? parts.join('; ') : null
  }
  if (isRecord(value)) {
    for (const key of ERROR_FIELDS.v3) {
      const t = textOf(value[key], depth + 1)
      if (t !== null) return t
    }
  }
  return null
}

/**
 * What an error event says went wrong, from whichever field carries it (error, message, detail, …; the dialect's
 * own spelling first). With none: the event's other fields as JSON, bounded, or '' — never "undefined". Only the
 * service's words: that it gave none is said by the reason, in the run's language.
 */
export function errorText(event: Record<string, unknown>, dialect: StreamDialect): string {
  for (const key of ERROR_FIELDS[dialect]) {
    const t = textOf(event[key])
    if (t !== null) return t
  }
  const rest = Object.fromEntries(Object.entries(event).filter(([k]) => k !== 'type' && event[k] !== null))
  return Object.keys(rest).length === 0 ? '' : JSON.stringify(rest).slice(0, 200)
}

/**
 * What one event's data means in a dialect, and what its JSON text says beyond its value (keys written twice: the
 * recorder judges them as in a buffered body). `name`: the SSE `event:` field, when the frame has one.
 */
export function readEvent(dialect: StreamDialect, data: string, name?: string): StreamEvent {
  const json = eventJson(data)
  if (!json.ok) return { kind: 'malformed', data, problem: json.problem }
  const event = json.value
  if (!isRecord(event)) return { kind: 'malformed', data, problem: 'not a JSON object' }
  return { ...meaning(dialect, event, data, name), ...eventFacts(data) }
}

/** Keys written twice in the event's JSON, and those with different values (json-evidence.ts); {} for most events. */
function eventFacts(data: string): EventFacts {
  const duplicated = duplicateKeys(data)
  if (duplicated.count === 0) return {}
  const conflicts = conflictingDuplicates(data)
  return { duplicateKeys: duplicated.paths, ...(conflicts.length > 0 ? { conflicts } : {}) }
}

/** The first readable text of a failing event: its message, its error (a string or an object's message), its detail. */
function failureText(event: Record<string, unknown>): string | null {
  const error = event['error']
  const candidates = [event['message'], error, isRecord(error) ? error['message'] : null, event['detail'], event['reason']]
  const text = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '')
  return text === undefined ? null : text.trim()
}

function meaning(dialect: StreamDialect, event: Record<string, unknown>, data: string, name: string | undefined): StreamEvent {
  const type = event['type']
  if (type !== 'error') {
    // Any other way an event says the answer failed (docs/wire-contracts.md §7): `{"type":"ERROR"}`, a status event
    // with status "error", a `response_end` with status "error" or metadata.error, an `{"error":{…}}` object. A
    // failure, named by its field; it closes nothing (sse.ts).
    const signals = eventFailureSignals(event, name)
    // The contract's route error object (`{"error":"…"}`) closes the answer like an error event; any other shape is a signal.
    if (type === undefined && typeof event['error'] === 'string' && event['error'].trim() !== '')
      return { kind: 'error', message: errorText(event, dialect), origin: 'route_error_object', json: event }
    if (type === undefined && signals.some((s) => s.path === 'error'))
      return {
        kind: 'error',
        message: errorText(event, dialect),
        origin: 'route_error_object',
        signals: signalLines(signals),
        closes: false,
        json: event,
      }
    if (signals.length > 0)
      return { kind: 'error', message: failureText(event) ?? '', origin: 'signals', signals: signalLines(signals), closes: false, json: event }
  }
  switch (type) {
    case 'status':
      return { kind: 'status', message: typeof event['message'] === 'string' ? event['message'] : null, raw: event }
    case 'response_chunk':
      return typeof event['content'] === 'string'
        ? { kind: 'content', text: event['content'], ...sequenceOf(event) }
        : { kind: 'malformed', data, problem: 'content: required field missing or not a string in a response_chunk' }
    case 'response_end':
      return { kind: 'end', raw: event }
    case 'error':
      return { kind: 'error', message: errorText(event, dialect), origin: 'error_event', json: event }
    default:
      return { kind: 'other', raw: event }
  }
}

/**
 * Fields a chunk may carry its own position in. Neither generation sends one (docs/wire-contracts.md §1.7, §6.4); a
 * service that adds one says by it which chunk a repeated one is (adapters/replay.ts).
 */
const SEQUENCE_FIELDS = ['index', 'seq', 'sequence', 'sequence_number', 'chunk_index', 'chunk_id'] as const

function sequenceOf(event: Record<string, unknown>): { sequence?: { field: string; value: string } } {
  for (const field of SEQUENCE_FIELDS) {
    const v = event[field]
    if ((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v !== '')) return { sequence: { field, value: String(v) } }
  }
  return {}
}

/** "(12 resultats trouves)" (v2) or "• 12 transaction(s) trouvée(s)" (v3) → 12. */
function resultsInStatus(message: string): number | null {
  const m = /\((\d+) resultats? trouves?\)|(\d+) transaction\(s\) trouvée\(s\)/u.exec(message)
  return m === null ? null : Number(m[1] ?? m[2])
}

function failedTurn(httpStatus: number, message: string, totalResults: number | null): NormalizedTurn {
  return { httpStatus, status: 'error', intent: null, message, insights: [], visualizations: [], dataPresentation: false, totalResults, stages: {} }
}

/**
 * A failed turn from an error event: its message is the service's own text, and how the stream said it failed is
 * data (streamFailure), worded by the reason in the run's language; an event that signals a failure otherwise is
 * named by its index and field.
 */
function errorTurn(httpStatus: number, e: Extract<StreamEvent, { kind: 'error' }>, index: number, totalResults: number | null): NormalizedTurn {
  const turn: NormalizedTurn = { ...failedTurn(httpStatus, e.message, totalResults), streamFailure: e.origin }
  return e.signals === undefined ? turn : { ...turn, failureSignals: e.signals.map((s) => `events[${index}].${s}`) }
}

const WIRE_NAME = { content: 'a response_chunk', end: 'a response_end', error: 'an error event' } as const

/** The contract's order is statuses, chunks, then one closing event (response_end, or an error): nothing after it. */
function afterCloseIssue(a: NonNullable<StreamCapture['afterClose']>): string {
  const what = a.kind === 'content' ? 'text after the end of the answer' : 'a second closing event'
  return `events[${a.index}]: ${WIRE_NAME[a.kind]} after ${WIRE_NAME[a.closedBy]} (events[${a.closedAt}]) — ${what}; the contract sends the chunks, then one response_end`
}

/**
 * A stream route's answer → a result. A non-2xx answer is a plain JSON body (`buffered` classifies it: 4xx, 5xx).
 */
export function parseStreamCapture(
  exchange: RawExchange,
  capture: StreamCapture,
  buffered: (e: RawExchange) => AdapterResult,
  dialect: StreamDialect,
): AdapterResult {
  const result = streamResult(exchange, capture, buffered, dialect)
  // A trailer that says the answer failed, after the last event (docs/wire-contracts.md §7): the stream's own failure,
  // when it said one, keeps its reason.
  const trailer = signalLines(trailerSignals(exchange.trailers))
  if (result.kind !== 'turn' || trailer.length === 0 || result.turn.streamFailure !== undefined) return result
  return { kind: 'turn', turn: { ...result.turn, failureSignals: [...(result.turn.failureSignals ?? []), ...trailer] } }
}

function streamResult(
  exchange: RawExchange,
  capture: StreamCapture,
  buffered: (e: RawExchange) => AdapterResult,
  dialect: StreamDialect,
): AdapterResult {
  const { httpStatus } = exchange
  if (httpStatus < 200 || httpStatus >= 300) return buffered(exchange)
  const notAnswer = notAnAnswerStatus(httpStatus)
  if (notAnswer !== null) return { kind: 'contract_violation', httpStatus, issues: [notAnswer], bodyHead: bodyHead(exchange.bodyText) }
  if (capture.events.length === 0) {
    return {
      kind: 'contract_violation',
      httpStatus,
      issues: ['(stream): no `data:` event in the answer of the stream route'],
      bodyHead: bodyHead(exchange.bodyText),
    }
  }
  // A streamed answer can leak like a buffered one: in an event's data or in the X-User-ID header.
  if (exchange.requestedUserId !== undefined) {
    const raws = capture.events.map((e) => ('raw' in e ? e.raw : null))
    const leaks = foreignUserIds(raws, exchange.headers, exchange.requestedUserId).map((l) => l.replace(/^\[(\d+)\]/, 'events[$1]'))
    if (leaks.length > 0) return { kind: 'contract_violation', httpStatus, issues: leaks, bodyHead: bodyHead(exchange.bodyText) }
  }
  if (capture.afterClose !== undefined) {
    return { kind: 'contract_violation', httpStatus, issues: [afterCloseIssue(capture.afterClose)], bodyHead: bodyHead(exchange.bodyText) }
  }
  let intent: string | null = null
  let totalResults: number | null = null
  // The count each event states, kept apart: a later one must not silently overwrite a disagreeing earlier one.
  let statusCount: number | null = null
  let endCount: number | null = null
  let stated: { statedLength?: number } = {}
  for (const [i, e] of capture.events.entries()) {
    if (e.kind === 'malformed') {
      if (e.problem === 'not JSON') return { kind: 'invalid_json', httpStatus, bodyHead: bodyHead(`data: ${e.data}`) }
      return { kind: 'contract_violation', httpStatus, issues: [`events[${i}].${e.problem}`], bodyHead: bodyHead(e.data) }
    }
    if (e.kind === 'error') return { kind: 'turn', turn: errorTurn(httpStatus, e, i, totalResults) }
    if (e.kind === 'status' && isRecord(e.raw)) {
      if (typeof e.raw['intent'] === 'string' && e.raw['intent'] !== '') intent = e.raw['intent']
      const n = e.message === null ? null : resultsInStatus(e.message)
      if (n !== null) {
        totalResults = n
        statusCount = n
      }
    }
    if (e.kind === 'end' && isRecord(e.raw)) {
      const meta = e.raw['metadata']
      if (isRecord(meta) && typeof meta['total_results'] === 'number') {
        totalResults = meta['total_results']
        endCount = meta['total_results']
      }
      if (isRecord(meta)) stated = lengthStated(meta['response_length'])
    }
  }
  // Chunks sent twice: the assembled text is not what the service wrote (adapters/replay.ts).
  const replay = chunkReplay(capture.events, stated.statedLength)
  if (replay !== null) return { kind: 'contract_violation', httpStatus, issues: [replayIssue(replay)], bodyHead: bodyHead(exchange.bodyText), replay }
  // The events out of the contract's order though the text reads whole (stream-order.ts): response_start after the
  // chunks or twice, text after a "done", chunks that step back in their own numbering.
  const order = streamOrderIssue(capture.events)
  if (order !== null) return { kind: 'contract_violation', httpStatus, issues: [order], bodyHead: bodyHead(exchange.bodyText) }
  if (!capture.completed) {
    return {
      kind: 'turn',
      turn: {
        ...failedTurn(httpStatus, `the stream ended without response_end after ${capture.contentChunks} chunk(s)`, totalResults),
        streamUnfinished: { chunks: capture.contentChunks },
      },
    }
  }
  const turn: NormalizedTurn = {
    httpStatus,
    status: 'completed',
    intent: intent === null ? null : { group: intent, subtype: null, confidence: null },
    message: capture.text,
    insights: [],
    visualizations: [],
    dataPresentation: (totalResults ?? 0) > 0,
    totalResults,
    stages: {},
    ...stated,
    ...(dialect === 'v3' && statusCount !== null && endCount !== null ? { streamCounts: { status: statusCount, end: endCount } } : {}),
  }
  return { kind: 'turn', turn }
}
