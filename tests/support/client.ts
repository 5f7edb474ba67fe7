// The HTTP client of the validation suite (docs/suite-rules.md §4, §5): it executes the exchange an adapter built
// (exchange.ts, docs/adapters.md) and nothing more. One kept-alive undici Pool per target, a per-request
// timeout that aborts the request, monotonic timings (TTFB = first response bytes, the status line and
// headers; total = body fully read), the body handed to the adapter's sink piece by piece with its arrival
// time (a streamed answer's first event and first chunk are timed there), a body size cap, NO retries (a
// retry would hide a failure), and transport errors reported as such.
// Nothing here logs; errors carry codes and messages only, never request headers (the Authorization header
// must never reach any output).
import { randomUUID } from 'node:crypto'
import { Pool } from 'undici'
import { decodeBody, negotiatedHeaders, type Undecodable } from './content-encoding.ts'
import type { BodySink, ExchangeRequest, Timing } from './exchange.ts'
import type { RawExchange } from './turn.ts'
import { PermitClient } from './limiter.ts'

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
  /** This worker's kept-alive connection to the cross-worker limiter, or null (no cap). */
  private readonly permits: PermitClient | null
  private readonly origin: string
  private readonly pool: Pool

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl
    this.timeoutMs = options.timeoutMs
    // A worker never holds more permits than it has connections to the target.
    this.permits = options.limiterUrl ? new PermitClient(options.limiterUrl, options.connections ?? 8) : null
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    this.origin = new URL(options.baseUrl).origin
    // undici's own header/body timeouts are off: the single per-request deadline below covers the whole
    // exchange (connect + headers + body), which is what HARENA_TIMEOUT_MS means.
    this.pool = new Pool(this.origin, { connections: options.connections ?? 8, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 })
    const onConnect = options.onConnect
    if (onConnect) this.pool.on('connect', () => onConnect())
  }

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

  private async timed(spec: ExchangeRequest, sink: BodySink | undefined): Promise<ClientOutcome> {
    const { path } = joinUrl(this.baseUrl, spec.path)
    const controller = new AbortController()
    let timedOut = false
    let httpStatus: number | null = null
    let ttfbMs: number | null = null
    // One id per request, sent as x-request-id (unless the adapter set one): the same id in our samples and, when
    // the target logs it, in its logs.
    const clientRequestId = randomUUID()
    // The request is made ready before the clock starts: the timed span is the exchange, not our preparation.
    const request = {
      path,
      method: spec.method,
      headers: negotiatedHeaders({ 'x-request-id': clientRequestId, ...spec.headers }),
      body: spec.body ?? null,
      signal: controller.signal,
    }
    const startedAt = new Date().toISOString()
    const t0 = performance.now()
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort(new Error(`timed out after ${this.timeoutMs} ms`))
    }, this.timeoutMs)
    const timing = (): Timing => ({ startedAt, ttfbMs, totalMs: performance.now() - t0 })
    try {
      const res = await this.pool.request(request)
      ttfbMs = performance.now() - t0
      httpStatus = res.statusCode
      const chunks: Buffer[] = []
      let bytes = 0
      let truncated = false
      // A compressed stream reaches its consumer decoded, in one piece at the end (its first-chunk time is then
      // the end: honest, if pessimistic); an uncompressed one piece by piece as it arrives.
      const encoded = (res.headers['content-encoding'] ?? 'identity') !== 'identity'
      const decoder = sink && !encoded ? new TextDecoder('utf-8') : null
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        bytes += chunk.length
        if (sink && decoder) sink.push(decoder.decode(chunk, { stream: true }), performance.now() - t0)
        if (bytes > this.maxBodyBytes) {
          // Keep the evidence, drop the connection: reading further is what a hostile body wants.
          truncated = true
          chunks.push(chunk)
          res.body.destroy()
          break
        }
        chunks.push(chunk)
      }
      const t = timing()
      clearTimeout(timer)
      if (sink && decoder) sink.push(decoder.decode(), t.totalMs)
      let body = Buffer.concat(chunks)
      if (truncated) body = body.subarray(0, TRUNCATED_KEEP_BYTES)
      // Content-Encoding (asked for like a browser): decoded here, capped like the raw body (a zip bomb stops).
      const decoded = truncated ? { body, problem: null, tooLarge: false } : decodeBody(body, res.headers['content-encoding'], this.maxBodyBytes)
      const response: ClientOutcome = {
        kind: 'response',
        clientRequestId,
        exchange: {
          httpStatus: res.statusCode,
          headers: res.headers,
          bodyText: decoded.problem === null ? decoded.body.toString('utf8') : body.subarray(0, TRUNCATED_KEEP_BYTES).toString('latin1'),
        },
        timing: t,
        bytes,
        truncated: truncated || decoded.tooLarge,
        ...(decoded.problem !== null && !decoded.tooLarge ? { undecodable: decoded.problem } : {}),
      }
      if (sink && encoded && decoded.problem === null) sink.push(decoded.body.toString('utf8'), t.totalMs)
      return response
    } catch (error) {
      const t = timing()
      clearTimeout(timer)
      if (timedOut) return { kind: 'timeout', clientRequestId, timing: t, timeoutMs: this.timeoutMs, httpStatus }
      return { kind: 'transport', clientRequestId, timing: t, httpStatus, ...describeTransport(error) }
    }
  }

  async close(): Promise<void> {
    this.permits?.close()
    await this.pool.close()
  }
}
