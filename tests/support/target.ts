// Reaching the target before any question is asked (main process, from globalSetup):
//  - no HARENA_BASE_URL: start the embedded reference service on a free loopback port and log in as its demo
//    user through the real login route (so the default run exercises real authentication);
//  - otherwise: preflight the target ONCE with a short timeout, then log in with HARENA_USERNAME/PASSWORD
//    unless HARENA_API_TOKEN is set.
// Outcomes are values, not exceptions, so that globalSetup decides how each one ends the run:
//  - `unusable`: the target cannot be used (unreachable, login endpoint broken) → every question fails fast
//    with that reason, without a request, and the reporter says NO-GO (run incomplete);
//  - `config`: the settings are wrong (credentials refused) → one line, exit 1, like any configuration error.
// No message here contains a secret: only the user name, URLs without credentials, status codes, and transport errors'
// codes and messages (the client library's words, redacted of the password, bounded).
// Every message is a reason (core/locale/run.ts `target.*`, core/locale/config.ts `config.reference.*`): globalSetup
// says it in the run's language.
import '../../core/locale/config.ts'
import '../../core/locale/run.ts'
import { type Reason, type ReasonParam, reason } from '../../core/reason.ts'
import { redact, redactDeep } from '../../core/secrets.ts'
import { jwtClaims, jwtUser, sameUserId, secretsOf, type Settings } from '../../core/settings.ts'
import { adapterFor } from './adapters/index.ts'
import { HarenaClient, type ClientOutcome } from './client.ts'
import type { ContractAdapter } from './turn.ts'
import type { ExchangeRequest } from './exchange.ts'
import { RunStoppedError } from './limiter.ts'
import { type HealthReport, judgeHealth } from './health.ts'
import { redirectLocation } from './redirect.ts'
import { isHeaderValue, normalizedHeaderValue } from './sendable.ts'
import { type EmbeddedOptions, parseEmbeddedOptions } from './embedded-options.ts'

export const PREFLIGHT_TIMEOUT_MS = 5000
/** The embedded reference service's demo user (docs/suite-rules.md §8). Not a secret: it is printed by `npm run reference`. */
export const EMBEDDED_DEMO = { username: 'demo@harena.test', password: 'harena-demo' } as const

export type TargetOutcome =
  | {
      kind: 'ready'
      baseUrl: string
      embedded: boolean
      authorization: string | null
      close: () => Promise<void>
      note?: Reason
      /** What the health route said (its version, its findings); null when it was not asked. */
      health: HealthReport | null
      /** Embedded only: the reference service's own ground truth for these questions (fixtures/reference/ground-truth.ts). */
      truthOf?: (questions: ReadonlyArray<{ id: string; message: string }>, userId: number) => unknown
    }
  | {
      kind: 'unusable'
      baseUrl: string
      embedded: boolean
      reason: Reason
      close: () => Promise<void>
      /** false: no HTTP answer at all while opening (the preflight hung or failed, then the login got none either). */
      answered?: boolean
    }
  | { kind: 'config'; reason: Reason; close: () => Promise<void> }

const noop = async (): Promise<void> => undefined

/** How much of a transport error's message a line keeps (an error message is the library's, not the target's body). */
const ERROR_TEXT_MAX = 200

/**
 * A transport error as the chat route says it (tests/support/record.ts): its code, and its message when the code
 * alone does not say it ("connect ECONNREFUSED 127.0.0.1:9" adds nothing to ECONNREFUSED; "Response does not match
 * the HTTP/1.1 protocol (Content-Length can't be present with Transfer-Encoding)" is the whole cause). Redacted of
 * `secrets`, bounded.
 */
export function transportError(outcome: { code: string; message: string }, secrets: readonly string[] = []): string {
  const text = outcome.message === '' || outcome.message.includes(outcome.code) ? outcome.code : `${outcome.code}: ${outcome.message}`
  const clean = redact(text.replace(/\s+/g, ' '), secrets)
  return clean.length > ERROR_TEXT_MAX ? `${clean.slice(0, ERROR_TEXT_MAX - 1)}…` : clean
}

/** Why nothing answered, as the parameters of `target.unreachable`: no answer in time, or the transport error. */
function unreachable(
  baseUrl: string,
  outcome: Exclude<ClientOutcome, { kind: 'response' }>,
  secrets: readonly string[] = [],
): Record<string, ReasonParam> {
  return outcome.kind === 'timeout'
    ? { url: baseUrl, timeoutMs: outcome.timeoutMs, error: null }
    : { url: baseUrl, timeoutMs: null, error: transportError(outcome, secrets) }
}

/**
 * Any HTTP answer proves the target is reachable; only the absence of one is a problem here. A target that
 * accepts the connection but does not answer in time is NOT unreachable: it is hanging, and the questions'
 * own timeouts will measure that (censored latencies), so the run goes on with a note.
 */
export async function preflight(
  baseUrl: string,
  timeoutMs: number,
  adapter: ContractAdapter,
): Promise<{ problem: Reason | null; note: Reason | null; health: HealthReport | null }> {
  let connected = false
  const health = adapter.paths.health
  const client = new HarenaClient({ baseUrl, timeoutMs, connections: 1, onConnect: () => (connected = true) })
  try {
    const outcome = await client.request({ method: 'GET', path: health })
    // What the route said goes in every report (tests/support/health.ts), not only on the terminal.
    const report = judgeHealth(health, outcome, adapter.name)
    if (outcome.kind === 'response') return { problem: null, note: null, health: report }
    if (outcome.kind === 'timeout' && connected)
      return { problem: null, note: reason('target.hanging', { url: baseUrl, route: health, timeoutMs }), health: report }
    if (outcome.kind === 'transport' && connected)
      return { problem: null, note: reason('target.health_failed', { url: baseUrl, route: health, error: transportError(outcome) }), health: report }
    return { problem: reason('target.unreachable', unreachable(baseUrl, outcome)), note: null, health: null }
  } finally {
    await client.close()
  }
}

export type LoginResult = { kind: 'ok'; authorization: string } | { kind: 'refused'; reason: Reason } | { kind: 'broken'; reason: Reason }

/** Which user a login's answer says its token is for, and where it says so; null when it does not say. */
export type LoginUser = { id: string; from: 'body' | 'sub' | 'user_id' }

/**
 * The user of a login's answer. The service authenticates by the token, so a JWT says it by its own claims, read as
 * the real middleware reads them (fixtures/reference/jwt.ts): `sub`, else `user_id` — a body that claims another user
 * beside a JWT is not believed (review 2026-12-05: a login as user 2 whose body said user_id 1 was accepted, and the
 * run reported user 2's own data as leaks). Only an opaque token (not a JWT) falls back to the body's `user_id`, or
 * `user.id`. Null when nothing says (an opaque token and no user id in the body, or a JWT without a user claim).
 */
export function loginUserOf(body: unknown, token: string): LoginUser | null {
  const claims = jwtClaims(token)
  if (claims !== null) return jwtUser(claims)
  const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null)
  const b = typeof body === 'object' && body !== null ? (body as { user_id?: unknown; user?: { id?: unknown } | null }) : {}
  const fromBody = idOf(b.user_id) ?? idOf(typeof b.user === 'object' && b.user !== null ? b.user.id : undefined)
  return fromBody === null ? null : { id: fromBody, from: 'body' }
}

/**
 * The contract's login request (v2: form-encoded OAuth2PasswordRequestForm); the answer carries access_token.
 * `limiterUrl`: a login during the run (a re-login, tests/support/global-setup.ts authBrokerFor) takes a permit like
 * any request, so the target never sees more than VALIDATION_CONCURRENCY in flight; the first login, before any
 * question, has none. A stopped limiter (RunStoppedError) ends it unsent: 'broken', not executed, never a hang.
 * `userId` (HARENA_USER_ID): a token the answer says is another user's (loginUserOf) is 'refused' with
 * `target.login.other_user` — every chat request would be the target's 403 "path ≠ token", and every probe of another
 * user's data would read as a leak; a re-login that returns it must not serve the run either.
 */
export async function login(
  baseUrl: string,
  username: string,
  password: string,
  timeoutMs: number,
  adapter: ContractAdapter,
  limiterUrl: string | null = null,
  userId: number | null = null,
): Promise<LoginResult> {
  const result = await loginAnswer(baseUrl, username, password, timeoutMs, adapter, limiterUrl, userId)
  // A refusal says what the target answered (a Location, a user id, an error's text): the target may echo the password
  // it was just sent there (review 2026-12-05: `302 Location: /retry?pw=<password>` printed it whole on the terminal).
  return result.kind === 'ok' ? result : { ...result, reason: scrubbedReason(result.reason, [password]) }
}

/** A reason's parameters redacted of `secrets` (core/secrets.ts); its code is ours. */
export function scrubbedReason(r: Reason, secrets: readonly string[]): Reason {
  return secrets.length === 0 ? r : { ...r, params: redactDeep(r.params, secrets) }
}

async function loginAnswer(
  baseUrl: string,
  username: string,
  password: string,
  timeoutMs: number,
  adapter: ContractAdapter,
  limiterUrl: string | null,
  userId: number | null,
): Promise<LoginResult> {
  const client = new HarenaClient({ baseUrl, timeoutMs, limiterUrl, connections: 1 })
  const where = { user: username, url: baseUrl }
  try {
    const outcome = await loginExchange(client, adapter.loginRequest(username, password))
    if (outcome === 'stopped') return { kind: 'broken', reason: reason('target.login.stopped', where) }
    // Bytes of an answer came back: the target is there, its answer is what broke (framing, a cut) — not unreachable.
    if (outcome.kind === 'transport' && outcome.answered === true)
      return { kind: 'broken', reason: reason('target.login.unreadable', { ...where, error: transportError(outcome, [password]) }) }
    if (outcome.kind !== 'response')
      return { kind: 'broken', reason: reason('target.login.unreachable', { ...unreachable(baseUrl, outcome, [password]), user: username }) }
    const status = outcome.exchange.httpStatus
    // 404: no login route there — the URL or its path prefix is wrong, not the password.
    if (status === 404) return { kind: 'refused', reason: reason('target.login.no_route', { ...where, route: adapter.paths.login }) }
    // A redirect (http → https, a moved prefix): the client does not follow it, the base URL is what is wrong.
    const location = redirectLocation(outcome.exchange)
    if (location !== null) return { kind: 'refused', reason: reason('target.login.redirected', { ...where, status, location }) }
    // Other 4xx: the target answered and said no — wrong credentials are a configuration problem.
    if (status >= 400 && status < 500) return { kind: 'refused', reason: reason('target.login.refused', { ...where, status }) }
    if (status < 200 || status >= 300) return { kind: 'broken', reason: reason('target.login.failed', { ...where, status, problem: null }) }
    let body: unknown
    try {
      body = JSON.parse(outcome.exchange.bodyText)
    } catch {
      // A byte order mark before the JSON is named as the chat route names it: the body is JSON but for it.
      const problem = outcome.exchange.bodyText.startsWith('\uFEFF') ? 'bom' : 'not_json'
      return { kind: 'broken', reason: reason('target.login.failed', { ...where, status, problem }) }
    }
    const answered = (body as { access_token?: unknown } | null)?.access_token
    // Trimmed of leading/trailing HTTP whitespace as a browser's fetch does with a header value (a gateway may add a
    // "\n"); one it still cannot carry (an inner CR/LF, a NUL) is the target's fault, said without the token.
    const token = typeof answered === 'string' ? normalizedHeaderValue(answered) : ''
    if (token === '') return { kind: 'broken', reason: reason('target.login.failed', { ...where, status, problem: 'no_token' }) }
    if (!isHeaderValue(token)) return { kind: 'broken', reason: reason('target.login.failed', { ...where, status, problem: 'bad_token' }) }
    const user = userId === null ? null : loginUserOf(body, token)
    if (user !== null && userId !== null && !sameUserId(user.id, userId))
      return {
        kind: 'refused',
        reason: reason('target.login.other_user', { ...where, userId, tokenUser: JSON.stringify(user.id).slice(0, 40), from: user.from }),
      }
    return { kind: 'ok', authorization: `Bearer ${token}` }
  } finally {
    await client.close()
  }
}

/** The login's one request; 'stopped' when the run's limiter grants nothing more (RunStoppedError): never sent. */
async function loginExchange(client: HarenaClient, request: ExchangeRequest): Promise<ClientOutcome | 'stopped'> {
  try {
    return await client.request(request)
  } catch (error) {
    if (error instanceof RunStoppedError) return 'stopped'
    throw error
  }
}

/**
 * Prepares the target described by the settings. Never throws for target problems (see TargetOutcome).
 * Whatever the target said on the way (a reason's Location or error text, the health route's words) leaves here
 * redacted of the run's configured secrets: globalSetup prints a `config` or `unusable` reason on the terminal as
 * is, and the release's commands put it in their reports.
 */
export async function prepareTarget(settings: Settings, embedded: EmbeddedOptions = {}): Promise<TargetOutcome> {
  return scrubbedOutcome(await openTarget(settings, embedded), secretsOf(settings))
}

function scrubbedOutcome(outcome: TargetOutcome, secrets: readonly string[]): TargetOutcome {
  if (secrets.length === 0) return outcome
  if (outcome.kind !== 'ready') return { ...outcome, reason: scrubbedReason(outcome.reason, secrets) }
  const health = outcome.health === null ? null : redactDeep(outcome.health, secrets)
  return { ...outcome, health, ...(outcome.note ? { note: scrubbedReason(outcome.note, secrets) } : {}) }
}

async function openTarget(settings: Settings, embedded: EmbeddedOptions): Promise<TargetOutcome> {
  const adapter = adapterFor(settings.contract)
  if (settings.baseUrl === null) {
    const { startReferenceServer } = await import('../../fixtures/reference/server.ts')
    // The same parser validates them in Phase 2's settings (tests/support/embedded-options.ts).
    const { values, problems } = parseEmbeddedOptions(embedded)
    if (problems.length > 0) return { kind: 'config', reason: problems[0] as Reason, close: noop }
    // The embedded service speaks the generation the suite validates (HARENA_API_CONTRACT).
    const server = await startReferenceServer({
      port: 0,
      contract: settings.contract,
      ...values,
    })
    const close = () => server.close()
    const result = await login(server.url, EMBEDDED_DEMO.username, EMBEDDED_DEMO.password, settings.timeoutMs, adapter)
    if (result.kind === 'ok') {
      const { groundTruthOf } = await import('../../fixtures/reference/ground-truth.ts')
      const truthOf = (questions: ReadonlyArray<{ id: string; message: string }>, userId: number) => groundTruthOf(server.dataset, userId, questions)
      // Its health route too: the version it reports, like any target's.
      const { health } = await preflight(server.url, Math.min(PREFLIGHT_TIMEOUT_MS, settings.timeoutMs), adapter)
      return { kind: 'ready', baseUrl: server.url, embedded: true, authorization: result.authorization, close, truthOf, health }
    }
    // The embedded login can only fail when its own faults say so: that is the target misbehaving.
    return { kind: 'unusable', baseUrl: server.url, embedded: true, reason: result.reason, close }
  }

  const baseUrl = settings.baseUrl
  const { problem, note, health } = await preflight(baseUrl, Math.min(PREFLIGHT_TIMEOUT_MS, settings.timeoutMs), adapter)
  if (problem !== null) return { kind: 'unusable', baseUrl, embedded: false, reason: problem, close: noop }
  const ready = (authorization: string | null): TargetOutcome => ({
    kind: 'ready',
    baseUrl,
    embedded: false,
    authorization,
    close: noop,
    health,
    ...(note ? { note } : {}),
  })
  if (settings.apiToken !== null) return ready(`Bearer ${settings.apiToken}`)
  if (settings.username !== null && settings.password !== null) {
    const result = await login(baseUrl, settings.username, settings.password, settings.timeoutMs, adapter, null, settings.userId)
    if (result.kind === 'ok') return ready(result.authorization)
    if (result.kind === 'refused') return { kind: 'config', reason: result.reason, close: noop }
    // A preflight note says its health route gave no answer; a login 'broken' without an HTTP answer neither.
    const answered = note === null || result.reason.code !== 'target.login.unreachable'
    return { kind: 'unusable', baseUrl, embedded: false, reason: result.reason, close: noop, answered }
  }
  // HARENA_AUTH=none (the settings loader refuses a base URL without credentials otherwise): ask without.
  return ready(null)
}
