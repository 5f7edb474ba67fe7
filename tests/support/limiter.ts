// The cross-worker limiter (docs/suite-rules.md §2 VALIDATION_CONCURRENCY): at most N requests in flight to the target,
// across every spec file and worker. Vitest's maxConcurrency is per worker, so the cap needs one owner:
// a tiny permit server on 127.0.0.1 (raw TCP), started by globalSetup in the main process.
//
// Protocol: one kept-alive connection per caller (one per worker), one byte per message.
//   caller → limiter  'A' ask for a permit (queued first come, first served across all connections)
//                     'R' release a held permit
//                     'C' cancel one of this connection's queued asks (a waiter gave up)
//                     'T' + 1 byte: the exchange of a held permit timed out with no answer at all; the byte
//                         tells which question asked (a hash), so one question hanging is not "the target"
//                     'N' the exchange of a held permit was answered (any HTTP status)
//   limiter → caller  'G' a permit is granted (to the oldest ask of this connection)
//                     'X' a cancel removed a queued ask (no 'X': the grant was already on its way)
//                     'S' the run is stopped: no more permits (K consecutive silent timeouts: the target is not
//                         answering; waiting K × timeout more per question would only delay the NO-GO)
//                     'L' lease: nobody else waits — a permit this caller holds may pass straight to its own next
//                         waiter at the end of an exchange, or stay idle in the caller until its next attempt, with
//                         no 'R' and no 'A' ('granted' then counts only what crossed the wire; PermitClient.reused
//                         counts the rest; the limiter's `held` includes the idle ones)
//                     'Y' yield: another caller waits (or a silent timeout came in): back to one release per exchange
// 'T'/'N' are sent before the permit's 'R' on the same connection, so the count is exact before the next grant. A
// release, its outcome and the worker's next ask leave together ('NRA'), and everything a worker has to say in one turn
// of its event loop is one write; the grants of one pass are one write per caller ('GGG').
// Permits are tied to the connection: a worker that crashes, is killed (Ctrl-C) or closes while holding or
// waiting returns everything it held or asked for when its socket closes — no permit can leak.
//
// Leases: with one worker (most runs) nobody else ever waits, yet every exchange cost a write in the worker, a read, a
// pass and a write in the main process, and a read back — a loopback round trip per attempt that was the worker's
// largest single cost in a CPU profile (`npm run bench`, docs/vitest-facts.md §1.9). Under a lease the permit stays
// in the worker and answered outcomes are counted, then sent in one message before anything else the caller says
// (a 'T' among them: the streak is computed from them in order). The cap is unchanged: a permit that moves inside a
// worker is still one permit. A lease ends ('Y') as soon as another caller's ask waits, while VALIDATION_MAX_RPS
// paces grants (never leased), and while a silent streak is open, so the stop rule sees every outcome.
//
// Why this shape (measured with `npm run bench`): the earlier protocol opened one HTTP connection per attempt,
// all at once (thousands of sockets held at 400 iterations), and each release made the main process build an
// ECONNRESET error. Here attempts queue inside their worker and ask only when the worker can use a permit
// (asks + held ≤ maxHeld), so the limiter's queue is bounded by workers × concurrency, and a release is one byte.
import { createServer, connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { say } from '../../core/locale/index.ts'
import '../../core/locale/run.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { PaceGate } from './rate-limit.ts'

export interface LimiterServer {
  /** tcp://127.0.0.1:<port> */
  url: string
  permits: number
  /** Why the run was stopped (K consecutive timeouts with no answer, or halt()), or null: a reason (core/locale/run.ts). */
  stopped(): Reason | null
  /**
   * Stops granting for another cause (the credentials stopped working: tests/support/auth-broker.ts): every
   * waiter's attempt is not executed. `onStop` is not called: the caller records its own cause.
   */
  halt(reason: Reason): void
  /** Permits held now, asks waiting, the highest number of permits ever held at once, callers connected. */
  stats(): { held: number; waiting: number; peakHeld: number; granted: number; connections: number }
  close(): Promise<void>
}

const ASK = 0x41 // 'A'
const RELEASE = 0x52 // 'R'
const CANCEL = 0x43 // 'C'
const SILENT_TIMEOUT = 0x54 // 'T'
const ANSWERED = 0x4e // 'N'
const STOP = 'S'
const STOP_BYTE = 0x53
const GRANT = 'G'
const CANCELLED = 'X'
const LEASE = 'L'
const YIELD = 'Y'
const GRANT_BYTE = 0x47
const CANCELLED_BYTE = 0x58
const LEASE_BYTE = 0x4c
const YIELD_BYTE = 0x59
// The caller's messages as ready bytes: a write of a Buffer encodes nothing (these go out on every attempt).
const ASK_BYTES = Buffer.from('A')
const RELEASE_BYTES = Buffer.from('R')
const ANSWERED_BYTES = Buffer.from('N')
const CANCEL_BYTES = Buffer.from('C')

interface Holder {
  socket: Socket
  held: number
  /** Its asks in the queue (the others' asks are what ends a lease). */
  waiting: number
  /** Told 'L' last (true) or 'Y' / nothing yet (false). */
  leased: boolean
}

export interface StopRule {
  /** Consecutive timeouts with no answer at all after which no permit is granted any more; 0 = never stop. */
  afterSilentTimeouts: number
  /**
   * Distinct questions the silent streak must span (a question that always hangs is that question's failure,
   * not a silent target): min(2, questions in the plan).
   */
  minQuestions?: number
  /** Called once, in the main process, when the run is stopped (`run.stop.silent`: timeouts, requests). */
  onStop?: (reason: Reason) => void
}

/**
 * `maxRps` (VALIDATION_MAX_RPS, 0 = none) also spaces the grants: a permit is never granted sooner than 1/maxRps
 * after the previous one, so the target never sees more than maxRps new requests per second from the suite.
 * `stop` (VALIDATION_STOP_AFTER_TIMEOUTS) ends the grants when the target stops answering at all.
 */
export async function startLimiter(permits: number, maxRps = 0, stop: StopRule = { afterSilentTimeouts: 0 }): Promise<LimiterServer> {
  if (!Number.isInteger(permits) || permits < 1) throw new Error(`limiter: permits must be a whole number ≥ 1, got ${permits}`)
  const pace = new PaceGate(maxRps)
  let paceTimer: NodeJS.Timeout | null = null
  // FIFO of asks, one entry per 'A'; `head` avoids an O(n) shift per grant.
  let queue: Holder[] = []
  let head = 0
  let held = 0
  let peakHeld = 0
  let granted = 0
  const sockets = new Set<Socket>()
  let silent = 0
  let streakSources = new Set<number>()
  let exchanges = 0
  let stopped: Reason | null = null

  const stopRun = (why: Reason | null = null): void => {
    stopped = why ?? reason('run.stop.silent', { timeouts: silent, requests: exchanges })
    queue = []
    head = 0
    if (paceTimer !== null) clearTimeout(paceTimer) // a paced grant pending would only be refused
    paceTimer = null
    for (const s of sockets) s.write(STOP)
    if (why === null) stop.onStop?.(stopped)
  }

  const holders = new Set<Holder>()
  /**
   * Grants what it can, then tells each caller whether it may keep its permits ('L') or must release them ('Y');
   * everything one caller is told in one pass is one write ('GGGL').
   */
  const pump = (): void => {
    if (stopped !== null) return
    const grants = new Map<Holder, number>()
    grantWhatCan(grants)
    const waiting = queue.length - head
    for (const holder of holders) {
      const lease = maxRps === 0 && silent === 0 && waiting === holder.waiting
      const count = grants.get(holder) ?? 0
      const toggle = lease === holder.leased ? '' : lease ? LEASE : YIELD
      holder.leased = lease
      if (count > 0 || toggle !== '') holder.socket.write(GRANT.repeat(count) + toggle)
    }
  }

  const grantWhatCan = (grants: Map<Holder, number>): void => {
    while (held < permits && head < queue.length) {
      const wait = pace.waitMs()
      if (wait > 0) {
        paceTimer ??= setTimeout(() => {
          paceTimer = null
          pump()
        }, wait)
        break
      }
      pace.pass()
      const holder = queue[head] as Holder
      head += 1
      holder.held += 1
      holder.waiting -= 1
      held += 1
      granted += 1
      if (held > peakHeld) peakHeld = held
      grants.set(holder, (grants.get(holder) ?? 0) + 1)
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head)
      head = 0
    }
  }

  const server = createServer((socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    const holder: Holder = { socket, held: 0, waiting: 0, leased: false }
    holders.add(holder)
    let silentFrom = false // the next byte is the source of a 'T'
    socket.on('data', (bytes: Buffer) => {
      for (const byte of bytes) {
        if (silentFrom) {
          silentFrom = false
          exchanges += 1
          silent += 1
          streakSources.add(byte)
          const spans = streakSources.size >= (stop.minQuestions ?? 1)
          if (stopped === null && stop.afterSilentTimeouts > 0 && silent >= stop.afterSilentTimeouts && spans) stopRun()
          continue
        }
        if (byte === ASK) {
          if (stopped !== null) socket.write(STOP)
          else {
            queue.push(holder)
            holder.waiting += 1
          }
        } else if (byte === SILENT_TIMEOUT) silentFrom = true
        else if (byte === ANSWERED) {
          exchanges += 1
          silent = 0
          streakSources = new Set()
        } else if (byte === RELEASE && holder.held > 0) {
          holder.held -= 1
          held -= 1
        } else if (byte === CANCEL) {
          const i = queue.lastIndexOf(holder)
          if (i >= head) {
            queue.splice(i, 1)
            holder.waiting -= 1
            socket.write(CANCELLED)
          }
        } else {
          socket.destroy() // not our protocol: whatever it held comes back on 'close'
          return
        }
      }
      pump()
    })
    socket.on('error', () => undefined) // a caller going away is normal; 'close' does the accounting
    socket.on('close', () => {
      sockets.delete(socket)
      holders.delete(holder)
      held -= holder.held
      holder.held = 0
      holder.waiting = 0
      const rest = queue.slice(head).filter((h) => h !== holder)
      queue = rest
      head = 0
      pump()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `tcp://127.0.0.1:${port}`,
    permits,
    stopped: () => stopped,
    halt: (why) => {
      if (stopped === null) stopRun(why)
    },
    stats: () => ({ held, waiting: queue.length - head, peakHeld, granted, connections: sockets.size }),
    close: () =>
      new Promise<void>((resolve) => {
        if (paceTimer !== null) clearTimeout(paceTimer)
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

/** A held permit; release() is idempotent. */
export interface Permit {
  release(): void
  /**
   * Tells the limiter how the exchange under this permit ended (sent with the release, before its 'R'): 'silent' =
   * timeout, no answer.
   * `source` names who asked (the question id), so a streak can be told to span several questions.
   */
  outcome(kind: 'answered' | 'silent', source?: string): void
}

/** One byte standing for a source (collisions only make a stop less likely, never more). */
function sourceByte(source: string): number {
  let h = 0
  for (let i = 0; i < source.length; i++) h = (h * 31 + source.charCodeAt(i)) & 0xff
  return h
}

/**
 * The limiter stopped the run (the target is not answering, or the credentials expired): the attempt is not
 * executed. `reason` says it in every language (core/locale/run.ts `run.not_executed`); the message is its English.
 */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError'
  readonly reason: Reason
  constructor(cause: 'silent' | 'credentials') {
    const why = reason('run.not_executed', { cause })
    super(say(why, 'en'))
    this.reason = why
  }
}

interface Waiter {
  resolve(permit: Permit): void
  reject(error: Error): void
  signal: AbortSignal | undefined
  onAbort: () => void
}

const abortReason = (signal: AbortSignal | undefined): Error => (signal?.reason instanceof Error ? signal.reason : new Error('permit wait aborted'))

/**
 * One caller's kept-alive connection to the limiter (one per worker). Waiters queue here and the connection asks
 * for at most `maxHeld` permits at a time (asks + held): a worker never asks for a permit it could not use.
 */
export class PermitClient {
  private socket: Socket | null = null
  /** Bumped on every new connection: a permit from a lost connection releases nothing on the next one. */
  private generation = 0
  private readonly waiters: Waiter[] = []
  private asked = 0
  private held = 0
  /** The limiter's lease ('L' until 'Y'): a permit may pass to this caller's next waiter without a round trip. */
  private leased = false
  /** Answered exchanges under a lease, not yet told to the limiter: sent as 'N's before the next thing said. */
  private unreported = 0
  /**
   * Permits kept under a lease with no waiter to use them (counted in `held`): the worker's next attempt takes one
   * without asking. Given back at 'Y' and at close.
   */
  private idle = 0
  /** Permits passed from one exchange to the next inside this caller under a lease (the limiter never saw them). */
  reused = 0
  private readonly host: string
  private readonly port: number
  /** Messages not yet written, in order (see send()). */
  private pending: Buffer[] = []
  private flushScheduled = false

  constructor(
    readonly url: string,
    private readonly maxHeld = Number.POSITIVE_INFINITY,
  ) {
    const u = new URL(url)
    if (u.protocol !== 'tcp:' || u.port === '') throw new Error(`limiter: expected tcp://host:port, got ${url}`)
    this.host = u.hostname
    this.port = Number(u.port)
  }

  private stopped = false

  acquire(signal?: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (this.stopped) {
        reject(new RunStoppedError('silent'))
        return
      }
      if (signal?.aborted) {
        reject(abortReason(signal))
        return
      }
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.abandon(waiter) }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.waiters.push(waiter)
      this.pump()
    })
  }

  /**
   * Closes the connection: the limiter takes back whatever it held; waiters are rejected. What is still queued
   * (the last exchange's outcome and release: Vitest runs afterAll before the turn that would have written them)
   * is delivered first, so an answered exchange still counts against the silent-timeout streak.
   */
  close(): void {
    if (this.unreported > 0 && this.socket !== null) this.pending.push(this.takeUnreported())
    this.fail(new Error(`limiter at ${this.url}: client closed`), true)
  }

  private connection(): Socket {
    if (this.socket !== null) return this.socket
    const socket = connect(this.port, this.host)
    socket.setNoDelay(true)
    this.socket = socket
    this.generation += 1
    socket.on('data', (bytes: Buffer) => {
      for (const byte of bytes) {
        if (byte === GRANT_BYTE) this.onGrant()
        else if (byte === CANCELLED_BYTE) this.asked -= 1
        else if (byte === STOP_BYTE) this.onStop()
        else if (byte === LEASE_BYTE) this.leased = true
        else if (byte === YIELD_BYTE) this.onYield()
      }
      this.pump()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (this.socket === socket) this.fail(new Error(`limiter at ${this.url} unavailable (${error.code ?? error.message})`))
    })
    socket.on('close', () => {
      if (this.socket === socket) this.fail(new Error(`limiter at ${this.url} closed the connection`))
    })
    return socket
  }

  /** No more permits: every waiter's attempt is not executed; held permits finish and release as usual. */
  private onStop(): void {
    this.stopped = true
    this.asked = 0
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
      waiter.reject(new RunStoppedError('silent'))
    }
    this.updateRef()
  }

  private onGrant(): void {
    this.asked -= 1
    this.held += 1
    const waiter = this.waiters.shift()
    if (waiter !== undefined) this.handOver(waiter)
    else this.keepOrRelease() // its waiter gave up after the grant left the limiter
  }

  /** A held permit nobody here waits for: kept idle under a lease, otherwise released. */
  private keepOrRelease(told: Buffer | null = null): void {
    if (this.leased && !this.stopped) {
      this.idle += 1
      if (told !== null && told.length > 0) this.send(Buffer.concat([this.takeUnreported(), told]))
      this.updateRef()
      return
    }
    this.held -= 1
    const release = told === null ? RELEASE_BYTES : Buffer.concat([told, RELEASE_BYTES])
    this.pump(this.unreported === 0 ? release : Buffer.concat([this.takeUnreported(), release]))
  }

  /** The lease ended: every answer is counted and every idle permit returned before the limiter's next grant. */
  private onYield(): void {
    this.leased = false
    const idle = this.idle
    this.idle = 0
    this.held -= idle
    const told = Buffer.concat([this.takeUnreported(), Buffer.alloc(idle, RELEASE)])
    if (told.length > 0) this.send(told)
    this.updateRef()
  }

  /** Gives a held permit (counted in `held`) to a waiter. */
  private handOver(waiter: Waiter): void {
    waiter.signal?.removeEventListener('abort', waiter.onAbort)
    const generation = this.generation
    let released = false
    let outcome: { kind: 'answered' | 'silent'; source: string } | null = null
    waiter.resolve({
      outcome: (kind, source = '') => {
        if (!released) outcome = { kind, source }
      },
      release: () => {
        if (released) return
        released = true
        if (generation !== this.generation || this.socket === null) return // that connection is gone, and its permits with it
        this.endExchange(outcome)
      },
    })
  }

  /**
   * A held permit's exchange ended. Under a lease, with a waiter of ours that has no ask out, the permit goes to it
   * (an answer is only counted; a silent timeout is told now). Otherwise the outcome goes with the release, in the
   * same write and before its 'R' (one write per attempt, not two).
   */
  private endExchange(outcome: { kind: 'answered' | 'silent'; source: string } | null): void {
    const silent = outcome?.kind === 'silent' ? Buffer.from([SILENT_TIMEOUT, sourceByte(outcome.source)]) : null
    if (this.leased && !this.stopped) {
      if (silent !== null) this.send(Buffer.concat([this.takeUnreported(), silent]))
      else if (outcome !== null) this.unreported += 1
      // The oldest waiter takes it, asked for or not: an ask left over brings a grant that is kept idle.
      if (this.waiters.length > 0) {
        this.reused += 1
        this.handOver(this.waiters.shift() as Waiter)
      } else this.keepOrRelease()
      return
    }
    this.keepOrRelease(silent ?? (outcome !== null ? ANSWERED_BYTES : null))
  }

  /** The answers counted under a lease, as 'N's (empty when none), and forgets them. */
  private takeUnreported(): Buffer {
    const bytes = Buffer.alloc(this.unreported, ANSWERED)
    this.unreported = 0
    return bytes
  }

  private abandon(waiter: Waiter): void {
    const i = this.waiters.indexOf(waiter)
    if (i === -1) return
    this.waiters.splice(i, 1)
    waiter.reject(abortReason(waiter.signal))
    if (this.asked > this.waiters.length && this.socket !== null) this.send(CANCEL_BYTES)
    this.updateRef()
  }

  /**
   * Asks for what the waiters need and the caller can use, after `first` (a release and its outcome) in the same
   * write: an attempt's release and the next attempt's ask are one message.
   */
  private pump(first: Buffer | null = null): void {
    // Idle permits of a lease first: no round trip.
    while (this.idle > 0 && this.waiters.length > 0) {
      this.idle -= 1
      this.reused += 1
      this.handOver(this.waiters.shift() as Waiter)
    }
    const asks = Math.max(0, Math.min(this.waiters.length - this.asked, this.maxHeld - this.asked - this.held))
    if (asks > 0 || first !== null) {
      const ask = asks === 0 ? null : asks === 1 ? ASK_BYTES : Buffer.alloc(asks, ASK)
      if (first !== null) this.send(first)
      if (ask !== null) this.send(ask)
      this.asked += asks
    }
    this.updateRef()
  }

  /**
   * Messages leave together once per turn of the event loop, in order: the releases (and next asks) of every
   * exchange that ended in one poll of the network are one write. A write is a system call that also wakes the
   * main process: one per attempt was the largest single cost of an attempt in the worker (`npm run bench`).
   * The delay is one turn of the loop, outside every timed span (the clock starts once the permit is held).
   */
  private send(bytes: Buffer): void {
    this.connection()
    this.pending.push(bytes)
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => this.flush())
  }

  private flush(): void {
    this.flushScheduled = false
    const bytes = this.pending
    this.pending = []
    if (this.socket === null || bytes.length === 0) return
    this.socket.write(bytes.length === 1 ? (bytes[0] as Buffer) : Buffer.concat(bytes))
  }

  /** The connection keeps the process alive only while something waits or holds a permit. */
  private updateRef(): void {
    if (this.socket === null) return
    if (this.waiters.length + this.held - this.idle > 0) this.socket.ref()
    else this.socket.unref()
  }

  /** `graceful`: a close of ours, queued messages delivered; otherwise the connection is lost and so are they. */
  private fail(error: Error, graceful = false): void {
    const socket = this.socket
    const pending = this.pending
    this.socket = null
    this.pending = []
    this.asked = 0
    this.held = 0
    this.leased = false
    this.unreported = 0
    this.idle = 0
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
      waiter.reject(error)
    }
    if (graceful && socket !== null && !socket.destroyed) {
      if (pending.length > 0) socket.end(Buffer.concat(pending))
      else socket.end()
    } else socket?.destroy()
  }
}

const shared = new Map<string, PermitClient>()

/**
 * Waits for a permit from the limiter at `url` over this process's shared connection to it.
 * `signal` abandons the wait (the limiter then drops the ask).
 */
export function acquirePermit(url: string, signal?: AbortSignal): Promise<Permit> {
  let client = shared.get(url)
  if (client === undefined) {
    client = new PermitClient(url)
    shared.set(url, client)
  }
  return client.acquire(signal)
}
