// The HTTP client of the validation suite (docs/suite-rules.md §4, §5): it executes the exchange an adapter built
// (exchange.ts, docs/adapters.md) and nothing more. One kept-alive undici Pool per target, a per-request
// timeout that aborts the request, monotonic timings (TTFB = first response bytes, the status line and
// headers; total = body fully read), the body handed to the adapter's sink piece by piece with its arrival
// time (a streamed answer's first event and first chunk are timed there), a body size cap, NO retries (a
// retry would hide a failure) — except one resend of a request that never reached the service (a stale kept-alive
// connection, see `once`), said in the outcome — and transport errors reported as such.
// Nothing here logs; errors carry codes and messages only, never request headers (the Authorization header
// must never reach any output).
import { randomUUID } from 'node:crypto'
import { subscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { Client, type Dispatcher, Pool } from 'undici'
import { decodeBody, negotiatedHeaders, type Undecodable } from './content-encoding.ts'
import type { BodySink, ExchangeRequest, Timing } from './exchange.ts'
import type { RawExchange } from './turn.ts'
import { PermitClient } from './limiter.ts'
import { unsendable } from './sendable.ts'
import { runEpochMs } from './run-clock.ts'
import type { ExchangeObserver } from './loop-delay.ts'

/** A hostile or broken target must not blow the worker's memory. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
/** What is kept of a body that exceeded the cap (evidence only). */
const TRUNCATED_KEEP_BYTES = 64 * 1024

/**
 * How long an idle kept-alive connection is reused when the target's answer has no `Keep-Alive: timeout=` header:
 * below common servers' own idle close (uvicorn 5 s, gunicorn 2 s), so the client rarely writes on a connection the
 * target is closing. A `Keep-Alive: timeout=N` header is honoured, less KEEP_ALIVE_MARGIN_MS (undici's threshold).
 */
export const KEEP_ALIVE_IDLE_MS = 1000

/**
 * How long a streamed answer is still read after its closing event (the sink's closedAtMs) while the server keeps the
 * body open. The answer is complete at that event (docs/wire-contracts.md §1.7, §6.4: nothing of the answer comes
 * after it), so a server holding the connection open is no timeout; the grace only lets what a contract may send
 * after the end arrive — v2's `conversation_id`, the route's error object when saving the conversation fails (v2
 * saves it after the stream, docs/wire-contracts.md §1.7), or a chunk after the end that the adapter fails as a
 * contract violation. 5 s: the save is one database write after the answer, tens of milliseconds idle, but under load
 * it waits for a pooled connection or a lock, and its error then comes seconds after the end (review 2026-12-05: an
 * error 1.5 s after response_end was missed at 1 s); 5 s is the order of a database's own lock wait (SQLite's default
 * busy timeout, where "database is locked" comes from) and of uvicorn's keep-alive. It costs nothing to a stream whose
 * server ends the body (read to its end at once) nor to the latency (timed at the closing event): only a body held
 * open waits it. Bounded by the deadline.
 */
export const CLOSED_STREAM_GRACE_MS = 5000
export const KEEP_ALIVE_MARGIN_MS = 1000

/**
 * Every outcome names the request: the id the suite sent (`x-request-id`), so the target's logs can be searched.
 * `resent`: the first try went out on a reused connection the target had already closed, and failed before any byte
 * of an answer (a stale connection, not an answer of the service): this outcome is the one resend on a fresh
 * connection, timed from the resend; `resent` says what the first try met (docs/suite-rules.md §5).
 */
export type ClientOutcome = { clientRequestId?: string; resent?: { code: string; message: string } } & (
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
      /**
       * A streamed answer whose closing event came while the server kept the body open: the exchange ended at that
       * event (`timing.totalMs` is its arrival), and reading stopped `keptReadingMs` after it (see CLOSED_STREAM_GRACE_MS).
       */
      heldOpen?: { closedAtMs: number; keptReadingMs: number }
    }
  /** No complete exchange within the timeout; the request was aborted. httpStatus set if headers had come. */
  | { kind: 'timeout'; timing: Timing; timeoutMs: number; httpStatus: number | null }
  /**
   * Connection refused, reset, closed mid-exchange, DNS failure… `staleConnection`: it was a reused connection,
   * closed or reset before any byte of the answer (the keep-alive race; `request` resends it once).
   */
  | {
      kind: 'transport'
      timing: Timing
      httpStatus: number | null
      code: string
      message: string
      staleConnection?: boolean
      /**
       * Bytes of an answer came back before the failure: the target answered, in a form the client cannot read
       * (broken HTTP framing: Transfer-Encoding with Content-Length, a malformed status line…) — not unreachable.
       */
      answered?: true
    }
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
  /**
   * Told when each exchange's request is about to be written and when its outcome settled: the loop delay is sampled
   * in between. An exchange that never reached a connection is not observed.
   */
  exchanges?: ExchangeObserver
}

/**
 * Every connection to the target: one request at a time, undici's own header/body timeouts off (the single
 * per-request deadline covers the whole exchange, which is what HARENA_TIMEOUT_MS means), and an idle keep-alive
 * shorter than the target's (KEEP_ALIVE_IDLE_MS, or its Keep-Alive header less KEEP_ALIVE_MARGIN_MS).
 */
const CONNECTION_OPTIONS = {
  pipelining: 1,
  headersTimeout: 0,
  bodyTimeout: 0,
  keepAliveTimeout: KEEP_ALIVE_IDLE_MS,
  keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
} as const

/** Splits a service root (possibly with a path prefix) into the pool origin and the full request path. */
export function joinUrl(baseUrl: string, relative: string): { origin: string; path: string } {
  const url = new URL(baseUrl)
  const prefix = url.pathname.replace(/\/+$/, '')
  const rest = relative.replace(/^\/+/, '')
  return { origin: url.origin, path: `${prefix}/${rest}` }
}

/**
/**
 * undici's codes for a request it refused before sending it (lib/core/errors.js): thrown synchronously from a pooled
 * connection's dispatch, they leave that connection waiting for a drain that never comes (tests/support/sendable.ts).
 */
const REFUSED_UNSENT_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED'])

/**
 * Readable text for a transport error: its code and message, nothing else (no headers, no body). An error without a
 * code is named by its class when it has its own (undici's HTTPParserError carries no code: "ERROR" said nothing).
 */
function describeTransport(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } }
  const named = typeof e?.name === 'string' && /^\w+$/.test(e.name) && e.name !== 'Error' ? e.name : 'ERROR'
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : named
  let message = typeof e?.message === 'string' ? e.message : String(error)
  // undici wraps resets as UND_ERR_SOCKET "other side closed"; keep the underlying cause when there is one.
  if (typeof e?.cause?.message === 'string' && e.cause.message !== message) message = `${message}: ${e.cause.message}`
  return { code, message }
}

/** The connection a request was written on, as undici wrote it (its `undici:client:sendHeaders` diagnostics message). */
interface SentOn {
  socket: Socket
  /** Requests written on this socket before this one: > 0 means a reused, kept-alive connection. */
  before: number
  /** Bytes the socket had read when this request was written: unchanged at the failure = no byte of an answer. */
  readAtSend: number
}

/** Requests written per socket, and the requests being watched (by the x-request-id the client sent). */
const writesOn = new WeakMap<Socket, number>()
const watched = new Map<string, SentOn | null>()
const REQUEST_ID = /^x-request-id: *([^\r\n]+)\r?$/im

// Published by undici right before it writes a request's headers, with the socket (a documented diagnostics channel).
subscribe('undici:client:sendHeaders', (message) => {
  const { headers, socket } = message as { headers: string; socket: Socket }
  const before = writesOn.get(socket) ?? 0
  writesOn.set(socket, before + 1)
  const id = REQUEST_ID.exec(headers)?.[1]?.trim()
  if (id !== undefined && watched.has(id)) watched.set(id, { socket, before, readAtSend: socket.bytesRead })
})

/** A closed or reset socket: what a request written on a connection the target was closing fails with. */
const CLOSED_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED'])

/** Whether a failed request met the keep-alive race: a reused connection, closed before any byte of its answer. */
function staleConnection(sent: SentOn | null | undefined, code: string, httpStatus: number | null): boolean {
  if (sent === null || sent === undefined || httpStatus !== null || !CLOSED_CODES.has(code)) return false
  return sent.before > 0 && sent.socket.bytesRead === sent.readAtSend
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
  private pool: Pool
  /** Pools set aside after undici refused a request on them (see `retire`): destroyed by close(). */
  private readonly retired: Pool[] = []
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
    this.onConnect = options.onConnect ?? null
    this.pool = this.newPool()
  }

  private newPool(): Pool {
    const pool = new Pool(this.origin, { connections: this.connections, ...CONNECTION_OPTIONS })
    pool.on('connect', () => {
      this.connects += 1
      this.onConnect?.()
    })
    return pool
  }

  /**
   * undici refused a request on `pool` before sending it, for a reason sendable.ts does not check: that pooled
   * connection now waits for a drain that never comes (undici 7's Pool), and with every connection so taken each later
   * request would wait until its timeout. Later requests go to a new Pool; the old one finishes what it has in flight
   * (close) and is destroyed with the client.
   */
  private retire(pool: Dispatcher): void {
    if (pool !== this.pool) return
    this.retired.push(this.pool)
    // The retired pool's close waits for its in-flight requests; a failure there is theirs, recorded with them.
    this.pool.close().catch(() => undefined)
    this.pool = this.newPool()
  }

  /** The request path of each route asked (a handful per run): `new URL` once per route, not once per attempt. */
  private readonly paths = new Map<string, string>()
  private pathOf(relative: string): string {
    let path = this.paths.get(relative)
    if (path === undefined) {
      path = joinUrl(this.baseUrl, relative).path
      if (this.paths.size < 1024) this.paths.set(relative, path)
    }
    return path
  }

  private readonly onConnect: (() => void) | null
  /** Requests resent once on a fresh connection after a stale kept-alive one (see `request`). */
  resent = 0

  /** Connections the pool has opened so far (see timed(): a request that waited for one is timed from dispatch). */
  private connects = 0

  /**
   * One timed request, no retry. `sink` (a streamed answer's consumer) receives the body as it arrives, each
   * piece with its arrival time; the body is buffered for the outcome either way. With a limiter, a permit is acquired first and released after the body is
   * read; the wait for the permit is NOT part of the measured latency.
   */
  async request(spec: ExchangeRequest, sink?: BodySink, source?: string): Promise<ClientOutcome> {
    if (this.permits === null) return this.once(spec, sink)
    const permit = await this.permits.acquire() // RunStoppedError when the target stopped answering
    try {
      const outcome = await this.once(spec, sink)
      // Before the release, on the same connection: the limiter counts silent timeouts before the next grant.
      if (outcome.kind === 'response' || outcome.httpStatus !== null) permit.outcome('answered')
      else if (outcome.kind === 'timeout') permit.outcome('silent', source)
      return outcome
    } finally {
      permit.release()
    }
  }

  /**
   * One exchange as the service answered it. A request written on a reused connection that the target had closed
   * (its idle keep-alive ran out as the request left: "other side closed", a reset) and that failed before any byte of
   * an answer never reached the service: it is resent ONCE, on a fresh connection of its own, and timed from the
   * resend; the outcome says so (`resent`), and the recorder notes it. Any other failure — on a fresh connection,
   * after answer bytes, a timeout — is returned as it is: no retry hides a failure of the service.
   */
  private async once(spec: ExchangeRequest, sink: BodySink | undefined): Promise<ClientOutcome> {
    const first = await this.timed(spec, sink, this.pool)
    if (first.kind !== 'transport' || first.staleConnection !== true) return first
    this.resent += 1
    const fresh = new Client(this.origin, CONNECTION_OPTIONS)
    fresh.on('connect', () => {
      this.connects += 1 // a new connection: the resend is timed from its dispatch, its connect included
      this.onConnect?.()
    })
    try {
      const again = await this.timed(spec, sink, fresh)
      return { ...again, resent: { code: first.code, message: first.message } }
    } finally {
      // The one-off connection of the re-send: its answer is recorded; destroying it cannot fail the attempt.
      fresh.destroy().catch(() => undefined)
    }
  }

  /**
   * The exchange itself, on undici's dispatch interface: the response's events reach this handler straight from the
   * HTTP parser, so the end of the body is stamped when its last byte is parsed (not after a stream, an async
   * iterator and their ticks), and an attempt costs no stream objects. The clock starts when undici writes the
   * request (see onRequestStart); the deadline runs from dispatch.
   */
  private timed(spec: ExchangeRequest, sink: BodySink | undefined, dispatcher: Dispatcher): Promise<ClientOutcome> {
    const path = this.pathOf(spec.path)
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
    // A request undici would refuse before sending (a header value with a CR/LF, a path with a space) never reaches
    // the Pool, where it would take a connection for good (tests/support/sendable.ts): its attempt fails at once.
    const refused = unsendable(path, request.headers as Record<string, string>)
    if (refused !== null) return Promise.resolve(refusedUnsent(clientRequestId, refused))
    return new Promise<ClientOutcome>((resolve) => {
      let settled = false
      // Whether the exchanges observer was told this exchange's measured span began (see onRequestStart).
      let observed = false
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
        sentAtMs: runEpochMs(t0),
        ttfbMs,
        totalMs: at - t0,
      })
      let lingering: NodeJS.Timeout | null = null
      const finish = (outcome: ClientOutcome): void => {
        if (settled) return
        settled = true
        watched.delete(clientRequestId)
        clearTimeout(timer)
        if (lingering !== null) clearTimeout(lingering)
        if (observed) exchanges?.ended()
        resolve(outcome)
      }
      // The single deadline covers connect, headers and body. A request not yet on a socket is aborted when it gets one.
      const expire = (): void => {
        if (settled) return
        // An answer that closed before the deadline is complete, whatever the server does with the connection.
        if (closedAt() !== null) {
          stopHeldOpen()
          return
        }
        // Settled first: aborting reports an error to the handler at once, and this outcome is the timeout.
        // The deadline runs from where the latency does (HARENA_TIMEOUT_MS covers the whole exchange: the connect
        // when one had to be opened, headers and body); the timings keep the one origin of this attempt's other
        // moments (a streamed answer's chunks), and the recorder censors the latency at the timeout
        // (tests/support/record.ts).
        finish({ kind: 'timeout', clientRequestId, timing: timing(performance.now()), timeoutMs, httpStatus })
        const reason = new Error(`timed out after ${timeoutMs} ms`)
        if (controller !== null) controller.abort(reason)
        else abortWith = reason
      }
      // The deadline is decided after one more poll of the network. A worker busy past it (judging other answers)
      // runs its due timers before it reads its sockets: an answer complete in time, waiting in the socket to be
      // read, was failed as a timeout and the target blamed (a review: 1,975 ms answers under a 2,000 ms timeout,
      // NO-GO). Read in that poll, it is an answer, its latency taken when read (late by the client's own delay).
      // Each arming replaces the one before: a deadline already fired and waiting for its poll expires nothing.
      let armings = 0
      const arm = (): NodeJS.Timeout => {
        const arming = ++armings
        return setTimeout(() => setImmediate(() => arming === armings && expire()), timeoutMs)
      }
      let timer = arm()
      const closedAt = (): number | null => sink?.closedAtMs?.() ?? null
      // The server kept the body open after the answer's closing event: the exchange is the answer as it closed,
      // timed at that event; the connection is dropped (nothing of the answer can follow).
      const stopHeldOpen = (): void => {
        const at = closedAt()
        if (settled || at === null) return
        respond(t0 + at, false, undefined, { closedAtMs: at, keptReadingMs: performance.now() - t0 - at })
        controller?.abort(new Error('the answer closed, the server kept the connection open'))
      }
      const watchClose = (): void => {
        if (lingering === null && !settled && closedAt() !== null) lingering = setTimeout(stopHeldOpen, CLOSED_STREAM_GRACE_MS)
      }
      const respond = (
        at: number,
        truncated: boolean,
        trailers?: Record<string, string | string[] | undefined>,
        heldOpen?: { closedAtMs: number; keptReadingMs: number },
      ): void => {
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
            // Fields sent after a chunked body (undici hands them to onResponseEnd): a status or error said once the
            // body was out, which the adapters judge (failure-signals.ts trailerSignals) and the recorder keeps.
            ...(trailers !== undefined && Object.keys(trailers).length > 0 ? { trailers } : {}),
          },
          timing: t,
          bytes,
          truncated: truncated || decoded.tooLarge,
          ...(decoded.problem !== null && !decoded.tooLarge ? { undecodable: decoded.problem } : {}),
          ...(heldOpen === undefined ? {} : { heldOpen }),
        }
        if (sink && encoded && decoded.problem === null) sink.push(decoded.body.toString('utf8'), t.totalMs)
        finish(response)
      }
      watched.set(clientRequestId, null)
      dispatcher.dispatch(request, {
        onRequestStart: (c) => {
          // undici is about to write the request on its connection. On a kept-alive connection it first yields one
          // turn of the event loop (its idle-socket check, undici 7), and this worker's processing of other answers
          // may run in that turn: the clock restarts here so that neither is in the measured span. A request that
          // waited for a new connection keeps its dispatch time: a slow connect is the target's, never hidden.
          if (this.connects === connectsAtDispatch) {
            t0 = performance.now()
            startedAtMs = Date.now()
            // The deadline too: the target has HARENA_TIMEOUT_MS from the write, as its latency is timed from it
            // (from the dispatch, a busy turn before the write was taken from the target's time).
            if (!settled) {
              clearTimeout(timer)
              timer = arm()
            }
          }
          // The loop delay is sampled from the write: a loop blocked in the turn before the write on a kept-alive
          // connection delays no measured time (sampled from the dispatch, it warned on every default run). After a
          // new connection the latency includes the connect, but the connect is not sampled: backdated to the
          // dispatch, an idle wait for a remote TLS handshake read as a busy client (review). A loop blocked during
          // a connect goes unsampled: rare (a handful of connects per run), and it under-reports, never blames.
          if (!observed && !settled) {
            observed = true
            exchanges?.started()
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
          watchClose()
          if (bytes > maxBodyBytes) {
            // Keep the evidence, drop the connection: reading further is what a hostile body wants.
            respond(at, true)
            c.abort(new Error(`body over ${maxBodyBytes} bytes`))
          }
        },
        onResponseEnd: (_c, trailers) => {
          if (!settled) respond(performance.now(), false, trailers)
        },
        onResponseError: (_c, error) => {
          if (settled) return
          const transport = describeTransport(error)
          // Refused by undici before any write (controller never set): the connection it was given is lost to the Pool.
          if (controller === null && REFUSED_UNSENT_CODES.has(transport.code)) this.retire(dispatcher)
          const sent = watched.get(clientRequestId)
          const stale = bytes === 0 && staleConnection(sent, transport.code, httpStatus)
          // Any byte read on the request's socket since it was written is the start of an answer.
          const answered = httpStatus !== null || (sent != null && sent.socket.bytesRead > sent.readAtSend)
          finish({
            kind: 'transport',
            clientRequestId,
            timing: timing(performance.now()),
            httpStatus,
            ...transport,
            ...(stale ? { staleConnection: true } : {}),
            ...(answered ? { answered: true } : {}),
          })
        },
      })
    })
  }

  async close(): Promise<void> {
    this.permits?.close()
    await Promise.all([this.pool.close(), ...this.retired.map((pool) => pool.destroy())])
  }
}

/** The outcome of a request refused before sending (sendable.ts): a transport failure in undici's words, nothing sent. */
function refusedUnsent(clientRequestId: string, message: string): ClientOutcome {
  const timing: Timing = { startedAt: new Date().toISOString(), sentAtMs: runEpochMs(performance.now()), ttfbMs: null, totalMs: 0 }
  return { kind: 'transport', clientRequestId, timing, httpStatus: null, code: 'UND_ERR_INVALID_ARG', message }
}
