// The HTTP client of the validation suite (docs/suite-rules.md §4, §5): it executes the exchange an adapter built
// (exchange.ts, docs/adapters.md) and nothing more. One kept-alive undici Pool per target, a per-request
// timeout that aborts the request, monotonic timings (TTFB = first response bytes, the status line and
// headers; total = body fully read), the body handed to the adapter's sink piece by piece with its arrival
// time (a streamed answer's first event and first chunk are timed there), a body size cap, NO retries (a
// retry would hide a failure), and transport errors reported as such.
// Nothing here logs; errors carry codes and messages only, never request headers (the Authorization header
// must never reach any output).
import { randomUUID } from 'node:crypto'
import { type Dispatcher, Pool } from 'undici'
import { decodeBody, negotiatedHeaders, type Undecodable } from './content-encoding.ts'
import type { BodySink, ExchangeRequest, Timing } from './exchange.ts'
import type { RawExchange } from './turn.ts'
import { PermitClient } from './limiter.ts'
import type { ExchangeObserver } from './loop-delay.ts'

/** A hostile or broken target must not blow the worker's memory. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
/** What is kept of a body that exceeded the cap (evidence only). */
const TRUNCATED_KEEP_BYTES = 64 * 1024

/** Every outcome names the request: the id the suite sent (`x-request-id`), so the target's logs can be searched. */
export type ClientOutcome = { clientRequestId?: string } & (
  | {
      kind: 'response'
      exchange: RawExchange
      timing: Timing
      /** Bytes of body read. */
      bytes: number
      /** The body exceeded maxBodyBytes: reading stopped, exchange.bodyText holds only its first bytes. */
      truncated: boolean
      /** The body's Content-Encoding could not be decoded: why (bodyText then holds the raw bytes as latin1). */
      undecodable?: Undecodable
    }
  /** No complete exchange within the timeout; the request was aborted. httpStatus set if headers had come. */
  | { kind: 'timeout'; timing: Timing; timeoutMs: number; httpStatus: number | null }
  /** Connection refused, reset, closed mid-exchange, DNS failure… */
  | { kind: 'transport'; timing: Timing; httpStatus: number | null; code: string; message: string }
)

export interface ClientOptions {
  /** Service root, may carry a path prefix (https://gw.example/harena). No credentials. */
  baseUrl: string
  timeoutMs: number
  /** Cross-worker limiter; null/undefined: no cap (the project's own tests, benches). */
  limiterUrl?: string | null
  maxBodyBytes?: number
  /** Sockets kept open to the target (default 8). The limiter, not this, caps requests in flight. */
  connections?: number
  /** Called when a connection to the target is established (the preflight tells "hanging" from "unreachable"). */
  onConnect?: () => void
  /** Told when each exchange starts (dispatch) and ends (its outcome settled): the loop delay is sampled in between. */
  exchanges?: ExchangeObserver
}

/** Splits a service root (possibly with a path prefix) into the pool origin and the full request path. */
export function joinUrl(baseUrl: string, relative: string): { origin: string; path: string } {
  const url = new URL(baseUrl)
  const prefix = url.pathname.replace(/\/+$/, '')
  const rest = relative.replace(/^\/+/, '')
  return { origin: url.origin, path: `${prefix}/${rest}` }
}

/** Readable text for a transport error: its code and message, nothing else (no headers, no body). */
function describeTransport(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } }
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : 'ERROR'
  let message = typeof e?.message === 'string' ? e.message : String(error)
  // undici wraps resets as UND_ERR_SOCKET "other side closed"; keep the underlying cause when there is one.
  if (typeof e?.cause?.message === 'string' && e.cause.message !== message) message = `${message}: ${e.cause.message}`
  return { code, message }
}

export class HarenaClient {
  readonly baseUrl: string
  readonly timeoutMs: number
  readonly maxBodyBytes: number
  /** Sockets kept open to the target: no more of this client's requests are in flight at once. */
  readonly connections: number
  /** This worker's kept-alive connection to the cross-worker limiter, or null (no cap). */
  private readonly permits: PermitClient | null
  private readonly origin: string
  private readonly pool: Pool
  private readonly exchanges: ExchangeObserver | null

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl
    this.timeoutMs = options.timeoutMs
    this.connections = options.connections ?? 8
    // A worker never holds more permits than it has connections to the target.
    this.permits = options.limiterUrl ? new PermitClient(options.limiterUrl, this.connections) : null
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    this.origin = new URL(options.baseUrl).origin
    this.exchanges = options.exchanges ?? null
    // undici's own header/body timeouts are off: the single per-request deadline below covers the whole
    // exchange (connect + headers + body), which is what HARENA_TIMEOUT_MS means.
    this.pool = new Pool(this.origin, { connections: this.connections, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 })
    const onConnect = options.onConnect
    this.pool.on('connect', () => {
      this.connects += 1
      onConnect?.()
    })
  }

  /** Connections the pool has opened so far (see timed(): a request that waited for one is timed from dispatch). */
  private connects = 0

  /**
   * One timed request, no retry. `sink` (a streamed answer's consumer) receives the body as it arrives, each
   * piece with its arrival time; the body is buffered for the outcome either way. With a limiter, a permit is acquired first and released after the body is
   * read; the wait for the permit is NOT part of the measured latency.
   */
  async request(spec: ExchangeRequest, sink?: BodySink, source?: string): Promise<ClientOutcome> {
    if (this.permits === null) return this.timed(spec, sink)
    const permit = await this.permits.acquire() // RunStoppedError when the target stopped answering
    try {
      const outcome = await this.timed(spec, sink)
      // Before the release, on the same connection: the limiter counts silent timeouts before the next grant.
      if (outcome.kind === 'response' || outcome.httpStatus !== null) permit.outcome('answered')
      else if (outcome.kind === 'timeout') permit.outcome('silent', source)
      return outcome
    } finally {
      permit.release()
    }
  }

  /**
   * The exchange itself, on undici's dispatch interface: the response's events reach this handler straight from the
   * HTTP parser, so the end of the body is stamped when its last byte is parsed (not after a stream, an async
   * iterator and their ticks), and an attempt costs no stream objects. The clock starts when undici writes the
   * request (see onRequestStart); the deadline runs from dispatch.
   */
  private timed(spec: ExchangeRequest, sink: BodySink | undefined): Promise<ClientOutcome> {
    const { path } = joinUrl(this.baseUrl, spec.path)
    // One id per request, sent as x-request-id (unless the adapter set one): the same id in our samples and, when
    // the target logs it, in its logs.
    const clientRequestId = randomUUID()
    const request: Dispatcher.DispatchOptions = {
      path,
      method: spec.method,
      headers: negotiatedHeaders({ 'x-request-id': clientRequestId, ...spec.headers }),
      body: spec.body ?? null,
    }
    const { timeoutMs, maxBodyBytes, exchanges } = this
    return new Promise<ClientOutcome>((resolve) => {
      let settled = false
      let controller: Dispatcher.DispatchController | null = null
      let abortWith: Error | null = null
      let httpStatus: number | null = null
      let ttfbMs: number | null = null
      let headers: RawExchange['headers'] = {}
      const chunks: Buffer[] = []
      let bytes = 0
      // A compressed stream reaches its consumer decoded, in one piece at the end (its first-chunk time is then
      // the end: honest, if pessimistic); an uncompressed one piece by piece as it arrives.
      let encoded = false
      let decoder: InstanceType<typeof TextDecoder> | null = null
      let startedAtMs = Date.now()
      let t0 = performance.now()
      const connectsAtDispatch = this.connects
      const timing = (at: number): Timing => ({
        startedAt: new Date(startedAtMs).toISOString(),
        sentAtMs: performance.timeOrigin + t0,
        ttfbMs,
        totalMs: at - t0,
      })
      const finish = (outcome: ClientOutcome): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        exchanges?.ended()
        resolve(outcome)
      }
      // The single deadline covers connect, headers and body. A request not yet on a socket is aborted when it gets one.
      const timer = setTimeout(() => {
        // Settled first: aborting reports an error to the handler at once, and this outcome is the timeout.
        // The deadline runs from dispatch (HARENA_TIMEOUT_MS covers the whole exchange); the timings keep the one
        // origin of this attempt's other moments (a streamed answer's chunks), and the recorder censors the
        // latency at the timeout (tests/support/record.ts).
        finish({ kind: 'timeout', clientRequestId, timing: timing(performance.now()), timeoutMs, httpStatus })
        const reason = new Error(`timed out after ${timeoutMs} ms`)
        if (controller !== null) controller.abort(reason)
        else abortWith = reason
      }, timeoutMs)
      const respond = (at: number, truncated: boolean): void => {
        const t = timing(at)
        if (sink && decoder) sink.push(decoder.decode(), t.totalMs)
        let body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
        if (truncated) body = body.subarray(0, TRUNCATED_KEEP_BYTES)
        // Content-Encoding (asked for like a browser): decoded here, capped like the raw body (a zip bomb stops).
        const decoded = truncated ? { body, problem: null, tooLarge: false } : decodeBody(body, headers['content-encoding'], maxBodyBytes)
        const response: ClientOutcome = {
          kind: 'response',
          clientRequestId,
          exchange: {
            httpStatus: httpStatus ?? 0,
            headers,
            bodyText: decoded.problem === null ? decoded.body.toString('utf8') : body.subarray(0, TRUNCATED_KEEP_BYTES).toString('latin1'),
          },
          timing: t,
          bytes,
          truncated: truncated || decoded.tooLarge,
          ...(decoded.problem !== null && !decoded.tooLarge ? { undecodable: decoded.problem } : {}),
        }
        if (sink && encoded && decoded.problem === null) sink.push(decoded.body.toString('utf8'), t.totalMs)
        finish(response)
      }
      exchanges?.started()
      this.pool.dispatch(request, {
        onRequestStart: (c) => {
          // undici is about to write the request on its connection. On a kept-alive connection it first yields one
          // turn of the event loop (its idle-socket check, undici 7), and this worker's processing of other answers
          // may run in that turn: the clock restarts here so that neither is in the measured span. A request that
          // waited for a new connection keeps its dispatch time: a slow connect is the target's, never hidden.
          if (this.connects === connectsAtDispatch) {
            t0 = performance.now()
            startedAtMs = Date.now()
          }
          controller = c
          if (abortWith !== null) c.abort(abortWith)
        },
        onResponseStart: (_c, statusCode, responseHeaders) => {
          if (statusCode < 200 || settled) return // an informational 1xx: the answer is still to come
          ttfbMs = performance.now() - t0
          httpStatus = statusCode
          headers = responseHeaders
          encoded = (responseHeaders['content-encoding'] ?? 'identity') !== 'identity'
          decoder = sink && !encoded ? new TextDecoder('utf-8') : null
        },
        onResponseData: (c, chunk) => {
          if (settled) return
          const at = performance.now()
          bytes += chunk.length
          chunks.push(chunk)
          if (sink && decoder) sink.push(decoder.decode(chunk, { stream: true }), at - t0)
          if (bytes > maxBodyBytes) {
            // Keep the evidence, drop the connection: reading further is what a hostile body wants.
            respond(at, true)
            c.abort(new Error(`body over ${maxBodyBytes} bytes`))
          }
        },
        onResponseEnd: () => {
          if (!settled) respond(performance.now(), false)
        },
        onResponseError: (_c, error) => {
          if (!settled) finish({ kind: 'transport', clientRequestId, timing: timing(performance.now()), httpStatus, ...describeTransport(error) })
        },
      })
    })
  }

  async close(): Promise<void> {
    this.permits?.close()
    await this.pool.close()
  }
}
