// Credentials that stop working mid-run (issue 9: "a token expiring mid-run reads a 20 % success rate with a complete run").
// A 401 to a chat request is not the service's answer to the question: it says the run's credentials no longer
// open the door. So it is never judged as an attempt:
//  - when the run can log in (HARENA_USERNAME + HARENA_PASSWORD, or the embedded reference service's demo user),
//    the suite logs in again — once per expiry, for every worker — and the refused attempt is asked again with the
//    new token. A long run outlives many tokens (issue 14: a run of 1,000,000 attempts lasts hours), so each token
//    that worked and then expired is renewed the same way;
//  - otherwise (HARENA_API_TOKEN alone), or when that login fails, or when a new token is refused before any answer
//    got past authentication with it, the run stops asking: the limiter grants nothing more, the remaining attempts
//    are "not executed", and the run is incomplete with "credentials expired after attempt N" (never GO).
// Every event is recorded (when, after how many attempts, which question and attempt) and every report shows them.
//
// Why a broker in the main process: questions run in Vitest fork workers, each with its own copy of the token that
// globalSetup provided. One owner decides, so the run logs in once per expiry, not once per worker, and every
// worker learns the new token from it. The owner already exists for the permits (limiter.ts), in the same process,
// so this is one more tiny loopback server beside it: no token ever goes to disk (a file in the report directory
// would be uploaded with the reports; a lock file would be polled). The protocol is one JSON line each way per
// refusal — rare, so a connection per question is cheap. The worker names the *generation* of the token it used,
// not the token: the broker tells a late refusal of an old token (ask again with the new one) from a refusal of
// the current one.
//
// A sharded run (docs/sharding.md): these events happen in the shard's main process, which writes nothing into its
// blob. So the broker's answer to a refused request carries the run's credentials history as the blob may keep it
// (scrubbed of every token and configured secret, core/shard.ts shardAuth), and the worker writes it into its spec
// files' meta (tests/support/shard-meta.ts); globalSetup provides the history of the warm-ups the same way.
//
// A 401 counts as an expiry only once the current token has worked: some attempt that carried it got an answer
// past authentication (the attempt journal, core/journal.ts, where each record names its token's generation; or a
// security probe's answer, which is not an attempt and is never journaled: its worker says so in a `worked` line). A
// token refused from the first request is judged as today (a refused attempt, check.client_error.refused):
// nothing expired, the credentials never worked. A new token refused before it ever worked stops the run: logging
// in again would only loop.
import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { JournalTail } from '../../core/journal.ts'
import '../../core/locale/auth.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { type AuthExpiryCause, type AuthRefusal, attemptNumber, type RunAuth } from '../../core/model.ts'
import { shardAuth } from '../../core/shard.ts'

/** What a worker says when its request was answered 401. */
export interface RefusalReport {
  /** The generation of the token the refused request carried (0: the one globalSetup provided). */
  generation: number
  questionId: string
  attempt: number
  warmup: boolean
}

/**
 * What a worker says when a request it sent without journaling it (a security probe) got past authentication with
 * the token of `worked` (its generation): that token has worked. Answered `{ "kind": "noted" }`.
 */
export interface WorkedReport {
  worked: number
}

/**
 * The broker's answer: ask again with this token, judge the 401 as an ordinary answer, or stop asking. `auth`: the
 * run's credentials history as a shard's blob carries it (scrubbed; null: nothing happened).
 */
export type RefusalAnswer =
  | { kind: 'retry'; authorization: string; generation: number; auth?: RunAuth | null }
  | { kind: 'judge' }
  | { kind: 'stop'; auth?: RunAuth | null }

/** Logs in again; a failure's `reason` is a sentence in the run's language (the report's `auth.expired` detail). */
export type Relogin = () => Promise<{ ok: true; authorization: string } | { ok: false; reason: string }>

export interface AuthBrokerOptions {
  /** The authorization globalSetup provided (generation 0). */
  authorization: string
  /** The run's configured secrets (core/settings.ts secretsOf): scrubbed, with every token, from the history a blob keeps. */
  secrets: readonly string[]
  /** Logs in again; null when the run has no way to (a bare HARENA_API_TOKEN). */
  relogin: Relogin | null
  /** The attempt journal: how many attempts were recorded, and whether any got past authentication. */
  journalPath: string
  /** Stops every further permit (limiter.halt). */
  halt: (why: Reason) => void
  /** Each change of the run's auth state, in the main process (the reporter reads it: core/auth-state.ts). */
  onChange: (auth: RunAuth, authorizations: readonly string[]) => void
  /** One line for the run's log, as a reason (core/locale/auth.ts `auth.line.*`): the caller says it in the run's language. */
  say: (line: Reason) => void
}

export interface AuthBroker {
  /** tcp://127.0.0.1:<port> */
  url: string
  /** The broker's own decision, for callers in the main process (the warm-ups). */
  refused(report: RefusalReport): Promise<RefusalAnswer>
  /** The run's credentials history so far, as a shard's blob may carry it (scrubbed); null when nothing happened. */
  blobAuth(): RunAuth | null
  close(): Promise<void>
}

/** A status that proves the request went past authentication (the credentials worked). */
export function pastAuthentication(status: number | null, rateLimited: boolean | undefined): boolean {
  return status !== null && status < 500 && status !== 401 && status !== 403 && status !== 407 && rateLimited !== true
}

export async function startAuthBroker(options: AuthBrokerOptions): Promise<AuthBroker> {
  let generation = 0
  let current = options.authorization
  const authorizations = [options.authorization]
  const state: RunAuth = { relogins: [], expired: null }
  let relogin: Promise<void> | null = null

  // What the journal says so far, read from where the last refusal left it (O(new lines), constant memory): how
  // many attempts were recorded, and the newest token generation an answer got past authentication with.
  const tail = new JournalTail(options.journalPath)
  let recordedSoFar = 0
  let workedGeneration = -1
  const worked = (report: WorkedReport): void => {
    workedGeneration = Math.max(workedGeneration, report.worked)
  }
  const journalFacts = (): { recorded: number; worked: boolean } => {
    tail.read(({ attempt }) => {
      recordedSoFar++
      if (pastAuthentication(attempt.httpStatus, attempt.rateLimited)) workedGeneration = Math.max(workedGeneration, attempt.tokenGeneration ?? 0)
    })
    return { recorded: recordedSoFar, worked: workedGeneration >= generation }
  }

  const refusal = (report: RefusalReport, recorded: number): AuthRefusal => ({
    at: new Date().toISOString(),
    afterAttempts: recorded,
    questionId: report.questionId,
    attempt: report.attempt,
    warmup: report.warmup,
  })

  const expire = (report: RefusalReport, recorded: number, cause: AuthExpiryCause, detail: string | null): void => {
    if (state.expired !== null) return
    state.expired = { ...refusal(report, recorded), cause, detail }
    const why = reason('auth.line.expired', { ...refusalParams(report, recorded), cause, detail })
    options.halt(why)
    options.onChange(state, authorizations)
    options.say(why)
  }

  const blobAuth = (): RunAuth | null => shardAuth(state, [...authorizations, ...options.secrets])
  const decide = async (report: RefusalReport): Promise<RefusalAnswer> => {
    if (state.expired !== null) return { kind: 'stop', auth: blobAuth() }
    // A request sent before the re-login, refused after it: ask again with the new token.
    if (report.generation < generation) return { kind: 'retry', authorization: current, generation, auth: blobAuth() }
    // Refusals of the same token arriving together share one login.
    if (relogin !== null) {
      await relogin
      return decide(report)
    }
    const { recorded, worked } = journalFacts()
    if (!worked) {
      // The run's first token never worked: a refused answer like any other. A new token refused before it ever
      // worked: logging in again would loop.
      if (generation === 0) return { kind: 'judge' }
      expire(report, recorded, 'refused_after_relogin', null)
      return { kind: 'stop', auth: blobAuth() }
    }
    const login = options.relogin
    if (login === null) {
      expire(report, recorded, 'no_credentials', null)
      return { kind: 'stop', auth: blobAuth() }
    }
    relogin = (async () => {
      const result = await login().catch((error: unknown) => ({ ok: false as const, reason: String((error as Error)?.message ?? error) }))
      if (!result.ok) {
        expire(report, recorded, 'login_failed', result.reason)
        return
      }
      generation += 1
      current = result.authorization
      authorizations.push(current)
      state.relogins.push(refusal(report, recorded))
      options.onChange(state, authorizations)
      options.say(reason('auth.line.relogin', refusalParams(report, recorded)))
    })()
    try {
      await relogin
    } finally {
      relogin = null
    }
    return decide(report)
  }

  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    let buffered = ''
    socket.setEncoding('utf8')
    socket.on('data', (text: string) => {
      buffered += text
      if (buffered.length > 4096) return socket.destroy() // not our protocol
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        let report: RefusalReport | WorkedReport
        try {
          report = parseReport(JSON.parse(line))
        } catch {
          socket.destroy()
          return
        }
        if ('worked' in report) {
          worked(report)
          socket.write(`${JSON.stringify({ kind: 'noted' })}\n`)
          continue
        }
        void decide(report).then(
          (answer) => socket.write(`${JSON.stringify(answer)}\n`),
          () => socket.write(`${JSON.stringify({ kind: 'stop' })}\n`),
        )
      }
    })
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `tcp://127.0.0.1:${port}`,
    refused: decide,
    blobAuth,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

/** Which refused request a line names: the attempts recorded before it, the question, the attempt (1-based), warm-up or not. */
function refusalParams(report: RefusalReport, recorded: number): Record<string, string | number | boolean> {
  return { afterAttempts: recorded, questionId: report.questionId, warmup: report.warmup, attempt: attemptNumber(report.attempt) }
}

function parseReport(value: unknown): RefusalReport | WorkedReport {
  const w = value as Partial<WorkedReport>
  if (typeof w?.worked === 'number' && Number.isInteger(w.worked) && w.worked >= 0) return { worked: w.worked }
  const v = value as Partial<RefusalReport>
  if (typeof v?.generation !== 'number' || typeof v.questionId !== 'string' || typeof v.attempt !== 'number' || typeof v.warmup !== 'boolean')
    throw new Error('not a refusal report')
  return { generation: v.generation, questionId: v.questionId.slice(0, 200), attempt: v.attempt, warmup: v.warmup }
}

/**
 * A worker's side: the authorization its requests carry now, and what to do with a 401. One per process; the
 * main process (warm-ups) asks the broker directly.
 */
export class AuthSession {
  private generation = 0
  private provenGeneration = -1
  private readonly known: string[]

  constructor(
    private current: string,
    private readonly ask: (report: RefusalReport) => Promise<RefusalAnswer>,
    private readonly prove: (report: WorkedReport) => Promise<void> = async () => undefined,
  ) {
    this.known = [current]
  }

  /**
   * A request this session sent with the token of `generation` got past authentication, and no journal line says so
   * (a security probe): the broker learns it, once per generation, before this worker's next request.
   */
  async worked(generation: number): Promise<void> {
    if (generation <= this.provenGeneration) return
    this.provenGeneration = generation
    await this.prove({ worked: generation })
  }

  get authorization(): string {
    return this.current
  }

  /** Every authorization this session carried: each must be scrubbed from what is recorded. */
  get secrets(): readonly string[] {
    return this.known
  }

  /** The token this session's last request carried was refused (401): retry with a new one, judge it, or stop. */
  async refused(sentGeneration: number, where: Omit<RefusalReport, 'generation'>): Promise<RefusalAnswer> {
    const answer = await this.ask({ generation: sentGeneration, ...where })
    if (answer.kind === 'retry' && answer.generation > this.generation) {
      this.generation = answer.generation
      this.current = answer.authorization
      this.known.push(answer.authorization)
    }
    return answer
  }

  get tokenGeneration(): number {
    return this.generation
  }
}

/** A worker's connection to the broker at `url`: one request, one answer line. */
export function askBroker(url: string): (report: RefusalReport) => Promise<RefusalAnswer> {
  return (report) => brokerLine(url, report)
}

/** A worker's `worked` line to the broker at `url`; resolved once the broker noted it (or is gone). */
export function proveToBroker(url: string): (report: WorkedReport) => Promise<void> {
  return async (report) => {
    await brokerLine(url, report)
  }
}

function brokerLine(url: string, report: RefusalReport | WorkedReport): Promise<RefusalAnswer> {
  const u = new URL(url)
  return new Promise<RefusalAnswer>((resolve) => {
    const socket = connect(Number(u.port), u.hostname)
    let text = ''
    let done = false
    const finish = (answer: RefusalAnswer) => {
      if (done) return
      done = true
      socket.destroy()
      resolve(answer)
    }
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.write(`${JSON.stringify(report)}\n`))
    socket.on('data', (chunk: string) => {
      text += chunk
      const nl = text.indexOf('\n')
      if (nl === -1) return
      try {
        finish(JSON.parse(text.slice(0, nl)) as RefusalAnswer)
      } catch {
        finish({ kind: 'judge' })
      }
    })
    // No broker (it closed with the run): the 401 is judged as an ordinary answer, nothing is hidden.
    socket.on('error', () => finish({ kind: 'judge' }))
    socket.on('close', () => finish({ kind: 'judge' }))
  })
}
