// The security probes (issue 10): read-only requests that a healthy Harena refuses, each judged from what came
// back. A probe that is not refused is a critical bug, with the request and the answer as evidence. Probes use the
// adapter's paths (v2 /api/v1/conversation/…, v3 /api/v3/conversation/…), never a hard-coded route, and never
// write: chats that must be refused, and GETs of conversation lists and turns. The chats go to the route the run's
// questions used: the stream route on a streamed run (VALIDATION_STREAM=true), else the buffered chat route — a guard
// the questions' route lacks is a guard the release lacks. See docs/security-probes.md.
import { say } from '../../../core/locale/index.ts'
import '../../../core/locale/grounding.ts'
import { reason, type Reason, type ReasonParam } from '../../../core/reason.ts'
import { bodyHead, headerValue } from '../adapters/wire.ts'
import { looksFrench } from '../checks/message.ts'
import { shownFields } from '../checks/shown-text.ts'
import { pastAuthentication, type RefusalAnswer, type RefusalReport } from '../auth-broker.ts'
import type { ClientOutcome, HarenaClient } from '../client.ts'
import type { ExchangeRequest, StreamCapture } from '../exchange.ts'
import { RunStoppedError } from '../limiter.ts'
import { isRateLimited, rateLimitOf } from '../rate-limit.ts'
import type { AdapterResult, ContractAdapter, RawExchange, StreamAdapter } from '../turn.ts'
import { forgeJwt, GARBAGE_TOKEN, jwtParts, type JwtForgery } from '../../../core/forged-tokens.ts'

export interface ProbeContext {
  client: HarenaClient
  adapter: ContractAdapter
  /** HARENA_USER_ID: the account the token belongs to. */
  userId: number
  /** Full Authorization header value, or null (no credentials: the authenticated probes are not applicable). */
  authorization: string | null
  /**
   * The run's credentials as they change (tests/support/auth-broker.ts AuthSession), as the questions hold them:
   * each probe is sent with the current token, and a 401 goes to the broker (absent: `authorization` as it is).
   */
  auth?: ProbeCredentials
  /** The probe's record id ("security.other_user_path"): what the broker's log names for a refusal. */
  questionId?: string
  /**
   * Whether this run already has evidence that the user's own `route` exists on the target: a question or warm-up
   * answered on it with a status other than 404 (the attempt journal, tests/support/security/run.ts). Such a route is
   * never "not found", whatever a later request of the user's own on it answers. Absent: no evidence but the probes'.
   */
  routeAnswered?: (route: OwnRoute) => boolean
  /**
   * The run's questions were asked on the stream route (VALIDATION_STREAM=true): the chat probes, and the user's own
   * chat they ask as a second opinion or an existence check, are sent there too (the adapter's `stream`), and read as
   * the questions' answers are (its parse over the stream's capture). Absent: false (the buffered chat route).
   */
  streamed?: boolean
}

/** What a probe needs of tests/support/auth-broker.ts AuthSession. */
export interface ProbeCredentials {
  readonly authorization: string
  readonly tokenGeneration: number
  refused(sentGeneration: number, where: Omit<RefusalReport, 'generation'>): Promise<RefusalAnswer>
  /** The token of `generation` got an answer past authentication (a probe is not journaled: the broker is told). */
  worked(generation: number): Promise<void>
}

export interface ProbeResult {
  /** true: refused as it must be; false: a critical bug; null: not applicable (said, not passed). */
  ok: boolean | null
  /** false: the failures; null: why not applicable; true: notes on the refusal (a 401 where the contract says 403). */
  reasons: Reason[]
  /** "POST /api/v1/conversation/2 (token of user 1)": the English label (validation-report.json's security[].request). */
  request: string
  /** The same request as parameters (core/locale/grounding.ts `security.request`), to say it in the run's language. */
  described?: Record<string, ReasonParam>
  httpStatus: number | null
  bodyHead: string
  latencyMs: number
  /**
   * When the judged exchange started (its client timing, after the limiter's permit): the probe's time is that
   * exchange's only, as a question attempt's is. Absent: nothing was sent (not applicable).
   */
  startedAt?: string
  /** The x-request-id the probe sent (absent: not sent). */
  clientRequestId?: string
  /** The target's id for it: its x-request-id, else the body's request_id, else ours (as a question's attempt). */
  requestId?: string
  /** A token the probe forged and sent (core/forged-tokens.ts): scrubbed from its record as the run's token is. */
  secrets?: string[]
}

/** The target's id for an answer: its x-request-id header, else a JSON body's request_id, else null. */
function answeredRequestId(exchange: RawExchange): string | null {
  const header = headerValue(exchange.headers, 'x-request-id')
  if (header !== undefined && header !== '') return header
  try {
    const body: unknown = JSON.parse(exchange.bodyText)
    const id = body !== null && typeof body === 'object' ? (body as { request_id?: unknown }).request_id : undefined
    return (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : null
  } catch {
    return null
  }
}

export interface Probe {
  id: string
  /** French title (test name and report). */
  title: string
  /**
   * The most requests this probe sends (run-plan.ts sums them into the cost line, an upper bound): its own, plus the
   * user's own requests it may add — the second opinion after a 401 (withCurrentToken, SECOND_OPINIONS), the route's
   * confirmations after a 404 (routeNotFound, OWN_NOT_FOUND_CONFIRMATIONS), the user's list (foreignTurns). Derived
   * from those constants, never written as a bare number. Counted with the token staying valid (a re-login's re-sends,
   * like the login itself, are not) and the user's conversation list on one page (LIST_PAGE conversations): each
   * further page is one more request each time the list is read.
   */
  maxRequests: number
  run(ctx: ProbeContext): Promise<ProbeResult>
}

/** How many times the user's own request must answer 404, one after the other, before a route is called not found. */
const OWN_NOT_FOUND_CONFIRMATIONS = 2

/**
 * The most requests a probe of ONE request sends (maxRequests): the request, + the second opinion its 401 may add,
 * + the route's confirmations its 404 may add (routeNotFound). Summed, never relying on the two excluding each other
 * (a 401 whose second opinion meets a 401 too is asked again with a new token, which may meet a 404). `withToken`:
 * a request without a token has no token to second-guess.
 */
const oneRequestMax = (withToken: boolean): number => 1 + (withToken ? SECOND_OPINIONS : 0) + OWN_NOT_FOUND_CONFIRMATIONS

const QUESTION = 'Mes dépenses du mois dernier'
const SCRIPT = '<script>alert("harena")</script> Mes dépenses du mois dernier'
const SQL = 'SELECT * FROM transactions WHERE user_id = 2; DROP TABLE users; --'
/** How many other conversation ids the turns probe tries (read-only GETs). */
const FOREIGN_CONVERSATION_CANDIDATES = 5

/** How a probe's request was authorised, and what it asked (core/locale/grounding.ts `security.request` words it). */
type Via =
  | { via: 'no_auth' }
  | { via: 'token'; user: number; message?: string; conversation?: number }
  // A token the probe forged (core/forged-tokens.ts): `token` says which, `user` whose it claims to be — never the token.
  | { via: 'forged'; token: TokenProbeKind; user: number | null }

interface Sent {
  /** The request as validation-report.json names it (English, a machine format): "POST /… (token of user 1)". */
  request: string
  /** The same as parameters, said by each probe sentence in the run's language. */
  described: Record<string, ReasonParam>
  outcome: ClientOutcome
  /** How the route it was sent on reads a body: the stream's parse over this answer's capture, or the buffered parse. */
  read: Read
}

/**
 * How one answer's route reads its body: `parse`, into a result (tests/support/turn.ts AdapterResult) — the buffered
 * parse, or the stream's over this answer's capture; `capture`, what the stream's consumer received (null: the
 * buffered route); `buffered`, the contract's buffered parse (a stream route's body without any event is a plain
 * body); `stream`, the contract's stream reader (a buffered route's body made of stream events is read by it).
 */
interface Read {
  parse: (exchange: RawExchange) => AdapterResult
  capture: StreamCapture | null
  buffered: (exchange: RawExchange) => AdapterResult
  stream: StreamAdapter | undefined
}

/** A rate limiter answered instead of the service: the probe learnt nothing about the guard it tests. */
class RateLimitedProbe extends Error {
  /** The token a token probe forged and sent (tokenProbe): scrubbed from the not-judged record as from a judged one. */
  secrets: string[] = []
  constructor(readonly sent: Sent) {
    super('rate limited')
  }
}

/**
 * A probe's request for a given Authorization (null: none), built again with a re-login's token. `stream`: the
 * request is the stream route's, read through a fresh consumer of that stream (tests/support/ask.ts does the same).
 */
interface Build {
  request: (authorization: string | null) => ExchangeRequest
  stream?: StreamAdapter
}

/**
 * The requests of the user's own a probe's 401 adds (withCurrentToken's second opinion: is the token expired?), the
 * token staying valid — each further one comes with a re-login, whose re-sends are not counted.
 */
const SECOND_OPINIONS = 1

/** A refused token is asked again with a re-login's at most this many times, as a question's attempt (tests/support/ask.ts). */
const MAX_TRIES = 3

/** The probe's own token expired again with every new one it was given: the 401 says nothing about the service. */
class ExpiredProbe extends Error {
  constructor(
    readonly sent: Sent,
    readonly renewals: number,
  ) {
    super('credentials expired')
  }
}

/**
 * How a probe's 401 is read before anyone calls it the token's expiry. `leaks`: the body carries data the probe must
 * not reach (a 401 carrying it is a leak whatever becomes of the token). `own`: the request is itself the user's own
 * route (its 401 needs no second opinion).
 */
interface Reading {
  leaks?: Shows
  own?: boolean
}

/** Whether an answer shows something the probe must not reach, read as its route reads it. */
type Shows = (exchange: RawExchange, read: Read) => boolean

async function send(ctx: ProbeContext, build: Build, how: Via, reading: Reading = {}): Promise<Sent> {
  const { request, outcome, read, renewals, expired } = await withCurrentToken(ctx, build, how.via === 'token', reading)
  const described = { method: request.method, path: request.path, user: null, message: null, conversation: null, token: null, ...how }
  const sent = { request: say(reason('security.request', described), 'en'), described, outcome, read }
  if (outcome.kind === 'response' && isRateLimited(outcome.exchange)) throw new RateLimitedProbe(sent)
  if (expired) throw new ExpiredProbe(sent, renewals)
  return sent
}

/**
 * Sends the request with the run's current token, as a question's attempt is (tests/support/ask.ts). A 401 to a
 * probe never ends the run by itself: it is the service's answer to the probe (a refusal, or a leak when its body
 * carries data) unless the user's OWN route, asked with the same token, says 401 too. Only then did the token expire:
 * the broker logs in again and the probe is asked again with the new token; when the credentials cannot be renewed
 * the probe is not executed (RunStoppedError), never judged. Why the second opinion: the warm-ups proved the token,
 * so the broker takes any 401 for an expiry — a service refusing (or leaking with) 401 on another user's path made
 * it log in again, the new token met the same 401 before it ever worked, and the run halted "credentials expired"
 * (review 2026-12-05, docs/security-probes.md). An answer past authentication tells the broker the token worked, as
 * a question's journaled attempt does: else a re-login's token that only probes used would read "refused before it
 * ever worked" at its expiry, and stop the run.
 */
async function withCurrentToken(ctx: ProbeContext, build: Build, withToken: boolean, reading: Reading): Promise<Authorized> {
  const auth = withToken ? ctx.auth : undefined
  let generation = auth?.tokenGeneration ?? 0
  let authorization = auth === undefined ? ctx.authorization : auth.authorization
  let { request, outcome, read } = await exchangeOn(ctx, build, authorization)
  let renewals = 0
  for (; auth !== undefined && refusedCredentials(outcome) && renewals < MAX_TRIES; renewals++) {
    if (outcome.kind === 'response' && reading.leaks?.(outcome.exchange, read) === true) break
    const own = reading.own === true ? outcome : (await exchangeOn(ctx, ownRouteRequest(ctx), authorization)).outcome
    if (!refusedCredentials(own)) {
      // The same token opens the user's own door: the probe's 401 is the service's answer to the probe.
      if (own.kind === 'response' && pastAuthentication(own.exchange.httpStatus, isRateLimited(own.exchange))) await auth.worked(generation)
      break
    }
    const answer = await auth.refused(generation, { questionId: ctx.questionId ?? 'security', attempt: 0, warmup: false })
    if (answer.kind === 'stop') throw new RunStoppedError('credentials')
    if (answer.kind === 'judge') break
    // Asked again with newer tokens, refused each time on the own route too (other workers spent them first: a
    // token of few uses): the 401 is the probe's own and is never judged.
    if (renewals === MAX_TRIES - 1) return { request, outcome, read, renewals, expired: true }
    generation = auth.tokenGeneration
    authorization = auth.authorization
    ;({ request, outcome, read } = await exchangeOn(ctx, build, authorization))
  }
  if (auth !== undefined && outcome.kind === 'response' && pastAuthentication(outcome.exchange.httpStatus, isRateLimited(outcome.exchange)))
    await auth.worked(generation)
  return { request, outcome, read, renewals, expired: false }
}

/** One request of a probe as sent, its outcome, and how its route reads the body. */
interface Exchanged {
  request: ExchangeRequest
  outcome: ClientOutcome
  read: Read
}

/**
 * Sends `build`'s request once. A stream route's request gets a fresh consumer as the client's body sink, and its
 * answer is read by the stream's parse over what that consumer captured — one request, as a question's attempt.
 */
async function exchangeOn(ctx: ProbeContext, build: Build, authorization: string | null): Promise<Exchanged> {
  const request = build.request(authorization)
  const stream = build.stream
  const buffered = (e: RawExchange) => ctx.adapter.parse(e)
  const contractStream = ctx.adapter.stream
  if (stream === undefined)
    return { request, outcome: await ctx.client.request(request), read: { parse: buffered, capture: null, buffered, stream: contractStream } }
  const consumer = stream.open()
  const outcome = await ctx.client.request(request, consumer)
  const capture: StreamCapture = consumer.finish(outcome.timing.totalMs)
  return { request, outcome, read: { parse: (e) => stream.parse(e, capture), capture, buffered, stream } }
}

/**
 * The cheapest authenticated request of the user's own that the contract has: the first entry of its conversation
 * list (read-only), else the chat the questions send (on their route: chatStream). It tells an expired token from a
 * guard that answers 401.
 */
function ownRouteRequest(ctx: ProbeContext): Build {
  const list = ctx.adapter.paths.conversations
  if (list === undefined) return chat(ctx, ctx.userId, QUESTION, true)
  return get(`${list(ctx.userId)}?limit=1&offset=0`)
}

/** The request as last sent, its outcome, how many newer tokens it was given, and whether its own token expired. */
interface Authorized extends Exchanged {
  renewals: number
  expired: boolean
}

const refusedCredentials = (outcome: ClientOutcome): boolean => outcome.kind === 'response' && outcome.exchange.httpStatus === 401

/**
 * A probe refused by a rate limiter (429, nginx's 503 page), or whose own token kept expiring, is not judged — neither passed nor a critical bug —
 * like a question's rate-limited attempt (docs/generations.md): said, with the advice.
 */
function judgedUnlessRateLimited(probe: Probe): Probe {
  return {
    ...probe,
    async run(ctx) {
      try {
        return await probe.run.call(probe, ctx)
      } catch (error) {
        if (error instanceof ExpiredProbe)
          return result(error.sent, null, [reason('security.own_token_expired', { ...error.sent.described, renewals: error.renewals })])
        if (!(error instanceof RateLimitedProbe)) throw error
        const answer = error.sent.outcome.kind === 'response' ? error.sent.outcome.exchange : null
        // unnamed: only a short Retry-After marked it — a limiter or the service unavailable, said both ways.
        const unnamed = answer !== null && rateLimitOf(answer)?.unnamed === true
        const said = result(error.sent, null, [
          reason('security.rate_limited', { ...error.sent.described, status: answer?.httpStatus ?? null, unnamed }),
        ])
        return error.secrets.length === 0 ? said : { ...said, secrets: error.secrets }
      }
    },
  }
}

/**
 * The stream route when the run's questions were asked on it (VALIDATION_STREAM=true): the chat probes test the
 * route the questions used — a guard the stream route lacks is not proven by the buffered route's. Absent: the
 * buffered chat route.
 */
const chatStream = (ctx: ProbeContext): StreamAdapter | undefined => (ctx.streamed === true ? ctx.adapter.stream : undefined)

/** The adapter's own chat request on the questions' route (its path, headers and body), with or without the suite's token. */
function chat(ctx: ProbeContext, userId: number, message: string, authorized: boolean): Build {
  const stream = chatStream(ctx)
  const input = (authorization: string | null) => ({ message, userId, authorization: authorized ? authorization : null })
  if (stream === undefined) return { request: (authorization) => ctx.adapter.chatRequest(input(authorization)) }
  return { request: (authorization) => stream.request(input(authorization)), stream }
}

function get(path: string): Build {
  return {
    request: (authorization) => {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (authorization !== null) headers.authorization = authorization
      return { method: 'GET', path, headers }
    },
  }
}

function result(sent: Sent, ok: boolean | null, reasons: Reason[]): ProbeResult {
  const o = sent.outcome
  const exchange = o.kind === 'response' ? o.exchange : null
  return {
    ok,
    reasons,
    request: sent.request,
    described: sent.described,
    httpStatus: exchange?.httpStatus ?? (o.kind === 'timeout' ? o.httpStatus : null),
    bodyHead: exchange === null ? (o.kind === 'transport' ? `${o.code}: ${o.message}` : 'timeout') : bodyHead(exchange.bodyText),
    latencyMs: o.timing.totalMs,
    startedAt: o.timing.startedAt,
    ...(o.clientRequestId === undefined
      ? {}
      : { clientRequestId: o.clientRequestId, requestId: (exchange === null ? null : answeredRequestId(exchange)) ?? o.clientRequestId }),
  }
}

const noAnswer = (sent: Sent): ProbeResult => result(sent, false, [reason('security.no_answer', { ...sent.described, outcome: sent.outcome.kind })])

/**
 * A probe whose answer did not end. A stream that timed out after a 2xx status line (a slow word-by-word stream) is
 * judged on what arrived — `findings` over its capture: what it showed (streamShown) and whether it carried answer
 * text (answerIn) — and, showing nothing that fails, is not judged (`security.stream_timeout`: it did not finish
 * within HARENA_TIMEOUT_MS): never passed, never a critical bug the target did not show. Before, it read "no HTTP
 * answer (timeout)" beside its HTTP 200, a critical bug. Any other outcome (no status line, a transport error, a
 * buffered body): no HTTP answer, a failure.
 */
function unfinished(sent: Sent, findings: (arrived: Arrived) => Reason[]): ProbeResult {
  const o = sent.outcome
  const capture = sent.read.capture
  if (o.kind !== 'timeout' || capture === null || o.httpStatus === null || o.httpStatus < 200 || o.httpStatus >= 300) return noAnswer(sent)
  const shown = streamShown(capture)
  const body = bodyHead(shown.map((t) => t.text).join(' ')).slice(0, 160)
  const exchange: RawExchange = { httpStatus: o.httpStatus, headers: {}, bodyText: '' }
  const found = findings({ exchange, shown, body, data: answerIn(exchange, sent.read) })
  if (found.length > 0) return result(sent, false, found)
  const why = { ...sent.described, status: o.httpStatus, timeoutMs: o.timeoutMs, chunks: capture.contentChunks }
  return result(sent, null, [reason('security.stream_timeout', why)])
}

/** What arrived of a stream that did not end: its status as an exchange, what it showed, an excerpt, whether it carried answer text. */
interface Arrived {
  exchange: RawExchange
  shown: Shown[]
  body: string
  data: boolean
}

/** `why`: a code of core/locale/grounding.ts (no_credentials, no_turns_route…) with its params. */
function notApplicable(id: string, why: string, params: Record<string, ReasonParam> = {}): ProbeResult {
  const said = reason('security.not_applicable', { ...params, probe: id, why })
  return { ok: null, reasons: [said], request: '', httpStatus: null, bodyHead: '', latencyMs: 0 }
}

/** The user's own request on the route a probe tested: the questions' chat, or the first entry of its conversation list. */
export type OwnRoute = 'chat' | 'list'

/**
 * The routes known to exist, per client (one per worker): the run's questions or warm-ups answered on them otherwise
 * than 404 (`routeAnswered`), or a request of the user's own did. Only existence is kept: a 404 is never cached — one
 * transient 404 on the user's own request must not make the route "not found" for every later probe (review
 * 2026-12-05: a single blip turned a NO-GO with 3 critical bugs into GO).
 */
const existingRoutes = new WeakMap<HarenaClient, Set<OwnRoute>>()

function knownRoutes(ctx: ProbeContext): Set<OwnRoute> {
  let known = existingRoutes.get(ctx.client)
  if (known === undefined) existingRoutes.set(ctx.client, (known = new Set()))
  return known
}

/** An answer of the user's own request on `route` that proves it exists: an HTTP answer other than 404 (a rate limiter's page never gets here: send throws). */
function noteOwnAnswer(ctx: ProbeContext, route: OwnRoute, sent: Sent): void {
  if (sent.outcome.kind === 'response' && sent.outcome.exchange.httpStatus !== 404) knownRoutes(ctx).add(route)
}

const knownToExist = (ctx: ProbeContext, route: OwnRoute): boolean => {
  const known = knownRoutes(ctx)
  if (known.has(route)) return true
  if (ctx.routeAnswered?.(route) !== true) return false
  known.add(route)
  return true
}

/**
 * Whether `route` is not found for this contract: never when the run has evidence it exists (knownToExist); else the
 * user's own request on it is asked, and only 404 answers, OWN_NOT_FOUND_CONFIRMATIONS in a row with no evidence
 * arriving in between, say so — its last answer is returned. Null: the route exists, or the own request got no HTTP
 * answer (nothing proven either way: the probe is judged, as before).
 */
async function ownNotFound(ctx: ProbeContext, route: OwnRoute): Promise<Sent | null> {
  let own: Sent | null = null
  for (let i = 0; i < OWN_NOT_FOUND_CONFIRMATIONS; i++) {
    if (knownToExist(ctx, route)) return null
    const list = ctx.adapter.paths.conversations
    const build = route === 'list' && list !== undefined ? get(`${list(ctx.userId)}?limit=1&offset=0`) : chat(ctx, ctx.userId, QUESTION, true)
    own = await send(ctx, build, { via: 'token', user: ctx.userId }, { own: true })
    noteOwnAnswer(ctx, route, own)
    if (!is404(own)) return null
  }
  return knownToExist(ctx, route) ? null : own
}

const is404 = (sent: Sent): boolean => sent.outcome.kind === 'response' && sent.outcome.exchange.httpStatus === 404

/**
 * A probe answered 404 on a route the user's OWN authenticated request answers 404 too (twice, ownNotFound) and on
 * which no question or warm-up of this run was answered otherwise: the route does not exist on this target for the
 * configured contract (HARENA_API_CONTRACT or HARENA_BASE_URL is wrong), so the guard it tests was never reached —
 * not judged, with why (`security.route_not_found`), never a critical bug. A route that exists keeps the probe's
 * judging: a 404 that hides another user's resource while the user's own request succeeds is judged as before.
 * Null: judge the probe.
 */
async function routeNotFound(ctx: ProbeContext, sent: Sent, route: OwnRoute): Promise<ProbeResult | null> {
  if (!is404(sent) || ctx.authorization === null) return null
  const own = await ownNotFound(ctx, route)
  return own === null ? null : result(sent, null, [notFoundReason(ctx, sent, own, route)])
}

/**
 * `route`: the user's own route found missing ('chat', 'list'); `streamed`: the run's questions used the stream route
 * (VALIDATION_STREAM=true), so a missing chat route is the buffered one, which they never used — not the contract.
 */
function notFoundReason(ctx: ProbeContext, sent: Sent, own: Sent, route: OwnRoute): Reason {
  return reason('security.route_not_found', {
    ...sent.described,
    status: 404,
    ownMethod: String(own.described.method),
    ownPath: String(own.described.path),
    contract: ctx.adapter.name,
    route,
    streamed: ctx.streamed === true,
  })
}

/** Why a probe failed, by what its answer showed: data of a user it must not reach, or only the wrong status. */
interface FailureCodes {
  status: string
  data: string
}

/**
 * A refusal with one of `statuses` passes. A body that carries data (`showsData`, whatever its status) fails with
 * `codes.data`. A 401 without data is a refusal too — the service served nothing — so it passes with a note that
 * the contract gives another status (docs/security-probes.md): a note about the status, never a finding about the
 * data. Any other status fails with `codes.status` and a body excerpt quoted.
 */
function expectRefusal(sent: Sent, statuses: readonly number[], codes: FailureCodes, showsData: Shows): ProbeResult {
  if (sent.outcome.kind !== 'response') {
    const expected = statuses.map(String)
    return unfinished(sent, (a) => (a.data ? [reason(codes.data, { ...sent.described, status: a.exchange.httpStatus, expected, body: a.body })] : []))
  }
  const exchange = sent.outcome.exchange
  const status = exchange.httpStatus
  if (statuses.includes(status)) return result(sent, true, [])
  const data = showsData(exchange, sent.read)
  if (status === 401 && !data) return result(sent, true, [refusedNote(sent, statuses)])
  const body = bodyHead(exchange.bodyText).slice(0, 160)
  return result(sent, false, [reason(data ? codes.data : codes.status, { ...sent.described, status, expected: statuses.map(String), body })])
}

/** A 401 where the contract gives `statuses`: noted on a probe that passed. */
function refusedNote(sent: Sent, statuses: readonly number[]): Reason {
  const exchange = sent.outcome.kind === 'response' ? sent.outcome.exchange : null
  return reason('security.refused_401', {
    ...sent.described,
    status: exchange?.httpStatus ?? null,
    expected: statuses.map(String),
    body: exchange === null ? '' : bodyHead(exchange.bodyText).slice(0, 160),
  })
}

/**
 * A chat body that carries an answer, whatever its status and route. A body of stream events (the stream route's
 * capture; on the buffered route, the body read by the contract's stream reader): the answer's text came, at least
 * one chunk that is not blank — whatever the stream did after it (an error event, no response_end, a contract
 * violation): the user was shown it. Status and error events alone carry none. Any other body: the buffered parse
 * reads a turn (an error body, `{"detail":"Token expiré"}`, is no answer).
 */
const answerIn: Shows = (exchange, read) => {
  const events = (read.capture ?? eventsOf(exchange.bodyText, read.stream))?.events ?? []
  if (events.length > 0) return events.some((e) => e.kind === 'content' && e.text.trim() !== '')
  const parsed = read.buffered({ ...exchange, httpStatus: 200 })
  return parsed.kind === 'turn' && !refusedInStream(parsed)
}

/** A whole body read by the contract's stream reader (a JSON body has no `data:` event); null: no stream reader. */
function eventsOf(bodyText: string, stream: StreamAdapter | undefined): StreamCapture | null {
  if (stream === undefined) return null
  const consumer = stream.open()
  consumer.push(bodyText, 0)
  return consumer.finish(0)
}

/**
 * A stream that says it failed — an error event, the route's error object (`{"error":"Message invalide",…}`, the
 * real v2's refusal of a bad message inside an HTTP 200 stream, docs/wire-contracts.md), a failure signal: the stream
 * parse gives it as a failed turn with `streamFailure`. No buffered answer reads so.
 */
const refusedInStream = (parsed: AdapterResult): boolean => parsed.kind === 'turn' && parsed.turn.streamFailure !== undefined

/** The other user a token for `userId` must not reach. */
export function otherUserOf(userId: number): number {
  return userId + 1
}

const noToken: Probe = {
  id: 'no_token',
  title: 'Sans jeton → 401 avec WWW-Authenticate',
  // The chat without a token (no second opinion: no token to renew), + the user's own chat's confirmations on a 404.
  maxRequests: oneRequestMax(false),
  async run(ctx) {
    const sent = await send(ctx, chat(ctx, ctx.userId, QUESTION, false), { via: 'no_auth' })
    if (sent.outcome.kind !== 'response')
      return unfinished(sent, (a) =>
        a.data ? [reason('security.no_token_answered', { ...sent.described, status: a.exchange.httpStatus, body: a.body })] : [],
      )
    const notFound = await routeNotFound(ctx, sent, 'chat')
    if (notFound !== null) return notFound
    const { httpStatus, headers, bodyText } = sent.outcome.exchange
    // An answer without credentials, whatever its status and challenge: the service served the user's data to anyone.
    if (answerIn(sent.outcome.exchange, sent.read))
      return result(sent, false, [
        reason('security.no_token_answered', { ...sent.described, status: httpStatus, body: bodyHead(bodyText).slice(0, 160) }),
      ])
    const challenge = headerValue(headers, 'www-authenticate')
    if (httpStatus === 401 && challenge !== undefined && challenge.trim() !== '') return result(sent, true, [])
    return result(sent, false, [
      reason('security.no_token', {
        ...sent.described,
        status: httpStatus,
        challenge: challenge ?? null,
        body: bodyHead(bodyText).slice(0, 160),
      }),
    ])
  },
}

const otherUserPath: Probe = {
  id: 'other_user_path',
  title: "Jeton de l'utilisateur sur le chemin d'un autre → 403",
  // The chat, + the user's own requests: the second opinion on a 401, the route's confirmations on a 404.
  maxRequests: oneRequestMax(true),
  async run(ctx) {
    if (ctx.authorization === null) return notApplicable(this.id, 'no_credentials')
    const other = otherUserOf(ctx.userId)
    const sent = await send(ctx, chat(ctx, other, QUESTION, true), { via: 'token', user: ctx.userId }, { leaks: answerIn })
    const notFound = await routeNotFound(ctx, sent, 'chat')
    if (notFound !== null) return notFound
    return expectRefusal(sent, [403], { status: 'security.other_user_path_status', data: 'security.other_user_path' }, answerIn)
  },
}

function invalidUserId(id: string, userId: number): Probe {
  return {
    id,
    title: `Identifiant utilisateur ${userId} → refusé (v2 : 400/422 ; v3 : 403)`,
    // The chat, + the user's own requests: the second opinion on a 401, the route's confirmations on a 404.
    maxRequests: oneRequestMax(true),
    async run(ctx) {
      if (ctx.authorization === null) return notApplicable(this.id, 'no_credentials')
      const sent = await send(ctx, chat(ctx, userId, QUESTION, true), { via: 'token', user: ctx.userId }, { leaks: answerIn })
      const notFound = await routeNotFound(ctx, sent, 'chat')
      if (notFound !== null) return notFound
      // Each generation refuses it its own way (v3 has no range check, its token–path check answers 403).
      const code = 'security.invalid_user_id'
      return expectRefusal(sent, ctx.adapter.refusals.invalidUserId, { status: code, data: code }, answerIn)
    },
  }
}

const SQL_ERROR = /(syntax error|sqlstate|psycopg|sqlalchemy|sqlite|ora-\d{4,5}|mysql|postgres|unterminated|near ".*": syntax)/i
const RAW_HTML = /<\s*script|<\s*img[^>]*on\w+\s*=|javascript:/i

/** A hostile message: refused with 422, or answered safely (French, no raw HTML echoed, no SQL error leaked). */
function hostileMessage(id: string, title: string, message: string): Probe {
  return {
    id,
    title,
    // The chat, + the user's own requests: the second opinion on a 401, the route's confirmations on a 404.
    maxRequests: oneRequestMax(true),
    async run(ctx) {
      if (ctx.authorization === null) return notApplicable(this.id, 'no_credentials')
      const sent = await send(ctx, chat(ctx, ctx.userId, message, true), { via: 'token', user: ctx.userId, message }, { leaks: answerIn })
      if (sent.outcome.kind !== 'response') return unfinished(sent, (a) => unsafeShown(sent, a.shown))
      // The user's own chat: an answer other than 404 proves the route exists for the probes that follow.
      noteOwnAnswer(ctx, 'chat', sent)
      const notFound = await routeNotFound(ctx, sent, 'chat')
      if (notFound !== null) return notFound
      const exchange: RawExchange = { ...sent.outcome.exchange, requestedUserId: ctx.userId }
      if (exchange.httpStatus === 422 || exchange.httpStatus === 400) return result(sent, true, [])
      // Refused by authentication: the message never reached the guard this probe tests — nothing to judge.
      if (exchange.httpStatus === 401 && !answerIn(exchange, sent.read))
        return result(sent, null, [reason('security.hostile_not_judged', { ...sent.described, status: exchange.httpStatus })])
      const parsed = sent.read.parse(exchange)
      const reasons = unsafeShown(sent, shownTexts(parsed, sent.read))
      // Refused inside the stream: a refusal, unless what it showed echoes the message's HTML or an SQL error.
      if (refusedInStream(parsed)) return result(sent, reasons.length === 0, reasons)
      // A stream cut off (its body ended with neither response_end nor an error event): judged on what it showed, and
      // showing nothing that fails, not judged. Its message is the parser's note, not the service's words: it was
      // read as "not French", a critical bug the service never showed.
      if (parsed.kind === 'turn' && parsed.turn.streamUnfinished !== undefined) {
        if (reasons.length > 0) return result(sent, false, reasons)
        const why = { ...sent.described, status: exchange.httpStatus, chunks: parsed.turn.streamUnfinished.chunks }
        return result(sent, null, [reason('security.stream_unfinished', why)])
      }
      if (parsed.kind !== 'turn') {
        return result(sent, false, [
          reason('security.hostile_status', { ...sent.described, status: exchange.httpStatus, body: bodyHead(exchange.bodyText).slice(0, 160) }),
          ...reasons,
        ])
      }
      const turn = parsed.turn
      if (!looksFrench(turn.message)) reasons.push(reason('security.not_french', { ...sent.described, excerpt: turn.message.slice(0, 120) }))
      return result(sent, reasons.length === 0, reasons)
    },
  }
}

/** A text the user is shown, and where: `message`, an insight's title…, `stream` (its chunks joined), `events[2].message`. */
interface Shown {
  field: string
  text: string
}

/**
 * What an answer shows its user, decoded. A buffered turn: its message and shown fields. A stream route's answer
 * with events: what the stream showed, whether it completed, failed or was cut (streamShown) — never its raw bytes,
 * where `<scr` + `ipt>` split over two chunks or a JSON-escaped `\u003cscript>` hide what the user read.
 */
function shownTexts(parsed: AdapterResult, read: Read): Shown[] {
  if (read.capture !== null && read.capture.events.length > 0) return streamShown(read.capture)
  if (parsed.kind !== 'turn') return []
  return [{ field: 'message', text: parsed.turn.message }, ...shownFields(parsed.turn)]
}

/** The first text that echoes active HTML and the first that shows an SQL error: the findings, with an excerpt around each. */
function unsafeShown(sent: Sent, texts: readonly Shown[]): Reason[] {
  const reasons: Reason[] = []
  for (const [code, pattern] of [
    ['security.html_echo', RAW_HTML],
    ['security.sql_error', SQL_ERROR],
  ] as const) {
    for (const t of texts) {
      const match = pattern.exec(t.text)
      if (match === null) continue
      reasons.push(reason(code, { ...sent.described, field: t.field, excerpt: excerptAt(t.text, match.index) }))
      break
    }
  }
  return reasons
}

/**
 * What a stream shows, decoded: its chunks' text joined in order (`stream`: a word split over two chunks is read
 * whole), and every string value of every other event (`events[2].message`: status messages, error messages, a route
 * error object's details, an event that is not JSON as it came).
 */
function streamShown(capture: StreamCapture): Shown[] {
  const shown: Shown[] = []
  const text = capture.events.map((e) => (e.kind === 'content' ? e.text : '')).join('')
  if (text !== '') shown.push({ field: 'stream', text })
  for (const [i, e] of capture.events.entries()) {
    if (e.kind === 'content') continue
    const value = e.kind === 'malformed' ? e.data : e.kind === 'error' ? (e.json ?? e.message) : e.kind === 'status' ? (e.raw ?? e.message) : e.raw
    stringsOf(value, `events[${i}]`, shown)
  }
  return shown
}

/**
 * How deep into an event the probe reads: a bound on the recursion only, far beyond any real event (every string is
 * read otherwise — their number is bounded by the client's body cap, and a cap on it would let a long stream hide one).
 */
const MAX_DEPTH = 100

/** Every string in a JSON value, each with its path (`events[2].details[0].msg`). */
function stringsOf(value: unknown, path: string, into: Shown[], depth = 0): void {
  if (depth > MAX_DEPTH) return
  if (typeof value === 'string') {
    if (value !== '') into.push({ field: path, text: value })
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) stringsOf(v, `${path}[${i}]`, into, depth + 1)
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsOf(v, `${path}.${k}`, into, depth + 1)
  }
}

/** The 120 characters of a text around a match: a little before it, the match and what follows. */
const excerptAt = (text: string, at: number): string => text.slice(Math.max(0, at - 40), at + 80)

/** A list or turns answer that shows something (carriesData), whatever its status. */
const leaksData = (e: RawExchange): boolean => carriesData(e.bodyText, e.httpStatus)

const foreignConversations: Probe = {
  id: 'other_user_conversations',
  title: "Liste des conversations d'un autre utilisateur → 403/404",
  // The list read, + the user's own requests: the second opinion on a 401, the route's confirmations on a 404.
  maxRequests: oneRequestMax(true),
  async run(ctx) {
    if (ctx.authorization === null) return notApplicable(this.id, 'no_credentials')
    const list = ctx.adapter.paths.conversations
    if (list === undefined) return notApplicable(this.id, 'no_list_route', { contract: ctx.adapter.name })
    const other = otherUserOf(ctx.userId)
    const sent = await send(ctx, get(list(other)), { via: 'token', user: ctx.userId }, { leaks: leaksData })
    // A 404 passes as a refusal only on a list route that exists: the user's own list answering 404 too says the
    // route is not found for this contract, and nothing was refused.
    const notFound = await routeNotFound(ctx, sent, 'list')
    if (notFound !== null) return notFound
    const code = 'security.other_user_conversations'
    return expectRefusal(sent, [403, 404], { status: code, data: code }, leaksData)
  },
}

/** The user's own list read whole on one page (LIST_PAGE conversations): one request; each further page is one more. */
const OWN_LIST_READ = 1
/** Page size of the list route: v2's documented `?limit=50`, within v3's 1–100. */
const LIST_PAGE = 50
/** Pages read at most (2,500 conversations): a longer history is not known complete, and nothing is judged on it. */
const MAX_LIST_PAGES = 50

/** Why the list is not known whole: a code of core/locale/grounding.ts (`why`) and its params. */
type Why = { why: string; params: Record<string, ReasonParam> }
type OwnList = { complete: true; ids: Set<number> } | ({ complete: false; ids: Set<number> } & Why)

/**
 * The user's own conversations, read through every page of its own list (`?limit=&offset=`, the contract's
 * paging). `complete` only when the list is known whole: a page shorter than asked ended it and the ids read reach
 * the `total_count` (v2) / `total` (v3) the body gives. A list that cannot be read, a server that ignores `offset`
 * (a full page with no new id), a total never reached: incomplete, with why — then "not in its list" proves nothing
 * (a user with more than one page of conversations owns ids the first page does not show).
 */
async function ownConversationIds(ctx: ProbeContext): Promise<OwnList> {
  const ids = new Set<number>()
  const list = ctx.adapter.paths.conversations
  const incomplete = (why: string, params: Record<string, ReasonParam> = {}): OwnList => ({ complete: false, ids, why, params })
  if (list === undefined) return incomplete('no_list_route', { contract: ctx.adapter.name })
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const offset = page * LIST_PAGE
    const path = `${list(ctx.userId)}?limit=${LIST_PAGE}&offset=${offset}`
    const sent = await send(ctx, get(path), { via: 'token', user: ctx.userId }, { own: true })
    noteOwnAnswer(ctx, 'list', sent)
    if (sent.outcome.kind !== 'response') return incomplete('list_failed', { offset, outcome: sent.outcome.kind })
    if (sent.outcome.exchange.httpStatus !== 200) return incomplete('list_status', { offset, listStatus: sent.outcome.exchange.httpStatus })
    let body: { conversations?: unknown; total_count?: unknown; total?: unknown }
    try {
      body = JSON.parse(sent.outcome.exchange.bodyText) as typeof body
    } catch {
      return incomplete('list_not_json', { offset })
    }
    if (!Array.isArray(body.conversations)) return incomplete('list_no_array', { offset })
    const before = ids.size
    for (const c of body.conversations as Array<{ id?: unknown } | null>) {
      const n = Number(c?.id)
      if (Number.isInteger(n)) ids.add(n)
    }
    const total = typeof body.total_count === 'number' ? body.total_count : typeof body.total === 'number' ? body.total : null
    const short = body.conversations.length < LIST_PAGE
    if (short || (total !== null && ids.size >= total)) {
      if (total !== null && ids.size < total) return incomplete('list_short', { read: ids.size, total })
      return { complete: true, ids }
    }
    if (ids.size === before) return incomplete('list_paging', { offset })
  }
  return incomplete('list_too_long', { max: MAX_LIST_PAGES * LIST_PAGE })
}

/**
 * A body that shows something, whatever its status: turns, conversations, or the conversation itself. A 2xx body
 * that is not JSON counts unless empty; an error body (`{"detail":"Token expiré"}`, a text page) does not.
 */
function carriesData(bodyText: string, status: number): boolean {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return status >= 200 && status < 300 && bodyText.trim() !== ''
  }
  if (body === null || typeof body !== 'object') return false
  const { turns, conversations, conversation } = body as { turns?: unknown; conversations?: unknown; conversation?: unknown }
  const some = (list: unknown) => Array.isArray(list) && list.length > 0
  return some(turns) || some(conversations) || (typeof conversation === 'object' && conversation !== null)
}

const foreignTurns: Probe = {
  id: 'other_user_turns',
  title: "Tours d'une conversation d'un autre utilisateur → 403/404, jamais 200 avec données",
  // The user's list (one page), then FOREIGN_CONVERSATION_CANDIDATES turn reads, each + one request of the user's
  // own at most: the second opinion on a 401 (SECOND_OPINIONS), or the list read again (one page) after data came
  // back — never both for one read (a 401 carrying data is judged without a second opinion); then, every read
  // answered 404, the list route's confirmations (OWN_NOT_FOUND_CONFIRMATIONS). Summed: second opinions and
  // confirmations together are counted (a re-login's re-send may turn a read's 401 into a 404).
  maxRequests: OWN_LIST_READ + FOREIGN_CONVERSATION_CANDIDATES * (1 + Math.max(SECOND_OPINIONS, OWN_LIST_READ)) + OWN_NOT_FOUND_CONFIRMATIONS,
  async run(ctx) {
    if (ctx.authorization === null) return notApplicable(this.id, 'no_credentials')
    const turnsPath = ctx.adapter.paths.turns
    if (turnsPath === undefined) return notApplicable(this.id, 'no_turns_route', { contract: ctx.adapter.name })
    const own = await ownConversationIds(ctx)
    let last: Sent | null = null
    let note: Reason | null = null
    let tried = 0
    let allNotFound = true
    for (let id = 1; tried < FOREIGN_CONVERSATION_CANDIDATES && id <= FOREIGN_CONVERSATION_CANDIDATES + own.ids.size; id++) {
      if (own.ids.has(id)) continue
      tried++
      const sent = await send(ctx, get(turnsPath(id)), { via: 'token', user: ctx.userId, conversation: id }, { leaks: leaksData })
      last = sent
      if (sent.outcome.kind !== 'response') return noAnswer(sent)
      const { httpStatus, bodyText } = sent.outcome.exchange
      if (httpStatus !== 404) allNotFound = false
      if (httpStatus === 403 || httpStatus === 404) continue
      const body = bodyHead(bodyText).slice(0, 160)
      if (!carriesData(bodyText, httpStatus)) {
        if (httpStatus >= 200 && httpStatus < 300) continue
        // A refusal, noted for its status (the contract says 403/404): never "data reachable".
        if (httpStatus === 401) {
          note ??= refusedNote(sent, [403, 404])
          continue
        }
        return result(sent, false, [reason('security.other_user_turns_status', { ...sent.described, status: httpStatus, body })])
      }
      // Data came back. It is another user's only if the user's list, read whole, does not hold it — read again
      // now: the questions run alongside and create conversations, an id that became the user's own is no leak.
      const now = await ownConversationIds(ctx)
      if (now.ids.has(id)) continue
      if (!now.complete) return notJudged(sent, id, now)
      return result(sent, false, [reason('security.other_user_turns', { ...sent.described, status: httpStatus, body })])
    }
    if (last === null) return notApplicable(this.id, 'no_candidate')
    // Every id answered 404 and so did the user's own conversation list: the conversation routes are not found for
    // this contract — nothing was refused, nothing is judged.
    if (allNotFound && !own.complete && own.why === 'list_status' && own.params.listStatus === 404) {
      const ownList = await ownNotFound(ctx, 'list')
      if (ownList !== null) return result(last, null, [notFoundReason(ctx, last, ownList, 'list')])
    }
    return result(last, true, note === null ? [] : [note])
  },
}

/** A turns answer with data for an id the user's list may hold (the list could not be read whole): not judged. */
function notJudged(sent: Sent, id: number, why: Why): ProbeResult {
  return result(sent, null, [reason('security.turns_not_judged', { ...why.params, ...sent.described, conversation: id, why: why.why })])
}

/** The tokens a service must refuse (docs/security-probes.md "Tokens the service must refuse"). */
export type TokenProbeKind = 'garbage' | JwtForgery

/**
 * A token the service must refuse, sent in place of the run's on the questions' chat route: `garbage` (GARBAGE_TOKEN,
 * whatever the credential), or a forgery of the run's current JWT (core/forged-tokens.ts) — its signature changed,
 * `alg: none` naming the other user (sent on that user's path: accepted, it reads their data), `exp` in the past.
 * Refused means 401 (the contract: "missing or invalid token → 401 with WWW-Authenticate"), or 403, and no answer in
 * the body; anything else is a critical bug naming the probe: a 2xx or a body carrying an answer says the service
 * took the token (`security.forged_token_accepted`), another status (a 5xx, a 400) is not the refusal
 * (`security.forged_token_status`). A forgery of an opaque credential (a gateway's token) does not exist: there is no
 * signature, algorithm or claim to change — not applicable (`not_jwt`), and not a missing check: `garbage` tests that
 * such a credential is checked at all. Without credentials (HARENA_AUTH=none) none applies.
 */
function tokenProbe(kind: TokenProbeKind, id: string, title: string): Probe {
  return {
    id,
    title,
    // The chat with the forged token (no second opinion: a refusal of a token that is not the run's is the answer),
    // + the user's own chat's confirmations on a 404.
    maxRequests: oneRequestMax(false),
    async run(ctx) {
      const credential = ctx.auth?.authorization ?? ctx.authorization
      if (credential === null) return notApplicable(this.id, 'no_credentials')
      const forged = forgedToken(kind, credential, otherUserOf(ctx.userId))
      if (forged === null) return notApplicable(this.id, 'not_jwt')
      const user = kind === 'garbage' ? null : kind === 'alg_none' ? otherUserOf(ctx.userId) : ctx.userId
      const base = chat(ctx, user ?? ctx.userId, QUESTION, true)
      const build: Build = { ...base, request: () => base.request(`Bearer ${forged}`) }
      const secrets = kind === 'garbage' ? [] : [forged]
      try {
        const sent = await send(ctx, build, { via: 'forged', token: kind, user })
        return { ...(await judgeForged(ctx, sent)), ...(secrets.length > 0 ? { secrets } : {}) }
      } catch (error) {
        if (error instanceof RateLimitedProbe) error.secrets = secrets
        throw error
      }
    },
  }
}

/** The token `kind` forges from `credential`; null: the credential is no JWT, and only `garbage` applies. */
function forgedToken(kind: TokenProbeKind, credential: string, otherUser: number): string | null {
  if (kind === 'garbage') return GARBAGE_TOKEN
  const parts = jwtParts(credential)
  return parts === null ? null : forgeJwt(parts, kind, otherUser)
}

/** A forged token's answer: refused (401, 403) without an answer in its body, or a critical bug (tokenProbe). */
async function judgeForged(ctx: ProbeContext, sent: Sent): Promise<ProbeResult> {
  if (sent.outcome.kind !== 'response')
    return unfinished(sent, (a) =>
      a.data ? [reason('security.forged_token_accepted', { ...sent.described, status: a.exchange.httpStatus, body: a.body })] : [],
    )
  const notFound = await routeNotFound(ctx, sent, 'chat')
  if (notFound !== null) return notFound
  const exchange = sent.outcome.exchange
  const status = exchange.httpStatus
  const body = bodyHead(exchange.bodyText).slice(0, 160)
  const params = { ...sent.described, status, body }
  if (answerIn(exchange, sent.read) || (status >= 200 && status < 300)) return result(sent, false, [reason('security.forged_token_accepted', params)])
  if (status !== 401 && status !== 403) return result(sent, false, [reason('security.forged_token_status', params)])
  const challenge = headerValue(exchange.headers, 'www-authenticate')
  if (status === 401 && challenge !== undefined && challenge.trim() !== '') return result(sent, true, [])
  // Refused all the same: noted, as a 401 where the contract gives 403 is (security.refused_401).
  return result(sent, true, [reason('security.forged_refused_note', { ...params, challenge: challenge ?? null })])
}

export const PROBES: readonly Probe[] = [
  noToken,
  otherUserPath,
  invalidUserId('user_id_zero', 0),
  invalidUserId('user_id_negative', -1),
  hostileMessage('script_message', 'Message <script> → 422 ou réponse française sûre', SCRIPT),
  hostileMessage('sql_message', 'Message SQL → 422 ou réponse française sûre', SQL),
  foreignConversations,
  foreignTurns,
  tokenProbe('garbage', 'garbage_token', 'Jeton invalide (pas un jeton) → 401'),
  tokenProbe('bad_signature', 'bad_signature_token', 'Jeton à la signature changée → 401'),
  tokenProbe('alg_none', 'alg_none_token', "Jeton forgé sans signature (alg none) au nom d'un autre utilisateur → 401"),
  tokenProbe('expired', 'expired_token', 'Jeton expiré (donc mal signé) → 401'),
].map(judgedUnlessRateLimited)
