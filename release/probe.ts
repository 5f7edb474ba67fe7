// The ONE door from Phase 2 into the validation suite: its target preparation (embedded reference or preflight +
// login), HTTP client, contract adapter and checks. Verify and monitor judge an answer exactly as the Phase 1
// gate does — there is no second judge here — and only this file knows where those parts live, so the suite can
// move them without touching the rest of release/.
import type { CriticalKind, VizKind } from '../core/model.ts'
import { adapterFor } from '../tests/support/adapters/index.ts'
import { checkAttempt } from '../tests/support/checks/index.ts'
import { HarenaClient } from '../tests/support/client.ts'
import { healthState, jsonObjectOf } from '../tests/support/health.ts'
import { readEnvironment, secretsOf, type Settings } from '../core/settings.ts'
import { loadQuestionsFor, type Question } from '../core/questions.ts'
import { limiterNamed, retryAfterOf } from '../tests/support/rate-limit.ts'
import type { ClientOutcome } from '../tests/support/client.ts'
import { type DeclaredQuota, declaredQuota } from './limiter-quota.ts'
import { recordAttempt } from '../tests/support/record.ts'
import { redact } from '../core/secrets.ts'
import { EMBEDDED_DEMO, login, prepareTarget, type TargetOutcome } from '../tests/support/target.ts'
import { embeddedOptionsFrom } from '../tests/support/embedded-options.ts'
import { type Locale, say } from '../core/locale/index.ts'
import { type Reason, reason } from '../core/reason.ts'
import '../core/locale/run.ts'
import '../core/locale/checks.ts'
import '../core/locale/monitor.ts'

export type { Question }

/** One question asked once and judged by the suite's adapter and checks. */
export interface JudgedAttempt {
  questionId: string
  category: string
  startedAt: string
  /** Monotonic; a timeout counts at the timeout (censored, never dropped). */
  latencyMs: number
  timedOut: boolean
  httpStatus: number | null
  ok: boolean
  critical: CriticalKind | null
  /** The answer was for another user than the one asked for (contract: a cross-user leak). */
  leak: boolean
  fallback: boolean
  /** No complete HTTP exchange: refused, reset, closed (not a timeout). */
  transport: boolean
  /** Not even response headers came (refused, reset before headers, timeout before headers). */
  noAnswer: boolean
  visualizations: VizKind[]
  /**
   * A rate limiter refused the request (Phase 1's rule, tests/support/rate-limit.ts): not executed, so neither a
   * success nor an error of the service.
   */
  rateLimited: boolean
  /**
   * On a limiter's refusal, the pace it declares (Retry-After, RateLimit-Policy: release/limiter-quota.ts); null when
   * it declares none, or the answer is not a limiter's. Absent in attempts built elsewhere (tests): none.
   */
  declaredQuota?: DeclaredQuota | null
  /**
   * A limiter refused the monitor while it asked within every quota declared (or none was): counted against the
   * service's availability, an error (release/watch/refusals.ts). Set by the watch, never by askOnce.
   */
  refusedWithinQuota?: boolean
  /**
   * The target refused the monitor's credentials (HTTP 401 or 403): not executed either. A wrong or expired token is
   * the monitor's problem, not the deployment's; counted as errors, a bad token rolled back a healthy service (review
   * 2026-12-04). With a login configured a 401 may also start a new login for the next requests (Credentials).
   */
  credentialsRefused: boolean
  /**
   * On a refused answer once nothing can renew the credentials (Credentials.lost): why, a sentence in the report's
   * language. The monitor can no longer see the service and stops its watch. Null otherwise.
   */
  credentialsLost: string | null
  /**
   * The service declared itself unavailable (an HTTP 503 carrying a Retry-After, not a limiter's refusal): until when,
   * as it said. Still a failure, never a success. Null otherwise.
   */
  unavailable: Unavailability | null
  /** The build the answer names in a header (BUILD_HEADERS), as written; null when it names none. */
  build: string | null
  /** The suite's failure reasons (empty when ok), secrets already scrubbed. */
  reasons: string[]
  evidence: string | null
}

/**
 * A 503 that carries a Retry-After (RFC 9110 §10.2.3): the service says it is unavailable and for how long — a
 * maintenance window, an overload. `until`: the time it names (ISO; an HTTP-date as written, a delay counted from the
 * answer); `retryAfter`: the header as it came (bounded, secrets masked). A limiter's refusal is not one
 * (tests/support/rate-limit.ts): it was never executed.
 */
export interface Unavailability {
  until: string
  retryAfter: string
}

/**
 * The response headers that name the build which answered, read in this order (lower case): the monitor credits an
 * answer that names one to that build, whatever the health route said last (release/attribution.ts, docs/release.md
 * "Version changes"). A build is compared as written, as the health route's version is.
 */
export const BUILD_HEADERS = ['x-app-version', 'x-application-version', 'x-service-version', 'x-build-version'] as const

export interface HealthProbe {
  ok: boolean
  httpStatus: number | null
  /** The body's `status` field ("healthy", "error", …), when there is one. */
  status: string | null
  version: string | null
  latencyMs: number
  /** No HTTP answer at all (refused, reset, timeout). */
  noAnswer: boolean
  /** The check ran out of time (with `noAnswer`: not even response headers came, a silent target). */
  timedOut: boolean
  /** A rate limiter refused the check (tests/support/rate-limit.ts): says nothing about the service's health. */
  rateLimited: boolean
  /** Why the probe failed, in a few words (no secret). */
  problem: string | null
  /** The health route declared the service unavailable (a 503 with a Retry-After, no limiter named): until when. */
  unavailable: Unavailability | null
}

export interface ProbeTarget {
  baseUrl: string
  embedded: boolean
  userId: number
  questions: Question[]
  secrets: string[]
  close(): Promise<void>
}

interface TargetState extends ProbeTarget {
  client: HarenaClient
  healthClient: HarenaClient
  settings: Settings
  authorization: string | null
  credentials: Credentials
}

/**
 * The monitor's credentials as its answers show them (docs/release.md "Refused credentials"), by the suite's rule
 * (tests/support/auth-broker.ts): a 401 to the authorization in use, once it has worked, starts ONE new login; the
 * credentials are lost when a refusal cannot be renewed — HARENA_API_TOKEN alone, a 403 (a new login is the same
 * user), a login that fails, or a token refused before any answer got past authentication with it (logging in again
 * would only loop). A new login per 401 sent the refusing login route one password per chat request (128 in 5 s at
 * 20 r/s: an account lockout's pattern), and a token-only watch went on asking with a revoked token to its end.
 */
interface Credentials {
  /** Which authorization is sent now (0: the one the target was opened with): a late refusal of an older one says nothing. */
  generation: number
  /** Some answer got past authentication with the current authorization. */
  worked: boolean
  renewing: boolean
  /** Why the credentials can no longer be used (a sentence in the report's language); null while they can. */
  lost: string | null
}

/**
 * `reached`: the target gave at least one HTTP answer while being opened (its preflight answered; the login did
 * not work). `interrupted`: the signal came first (a login to a service that never answers must not hold Ctrl-C).
 */
export type OpenResult =
  | { kind: 'ready'; target: ProbeTarget }
  | { kind: 'unusable' | 'config'; reason: string; reached: boolean }
  | { kind: 'interrupted'; reason: string; reached: false }

const HEALTH_TIMEOUT_MS = 5000

/** Prepares the target like the suite's globalSetup (embedded reference when HARENA_BASE_URL is unset). */
export async function openTarget(settings: Settings, connections = 8, signal?: AbortSignal): Promise<OpenResult> {
  // Aborted already: nothing is prepared, no request leaves (the preflight and the login would reach the target).
  if (signal?.aborted) return { kind: 'interrupted', reason: 'interrupted', reached: false }
  const env = readEnvironment()
  // Each question with its expectations for this generation (fixtures/questions.json `contracts`), as the suite asks it.
  const questions = loadQuestionsFor(settings.questionsPath, settings.contract)
  // Every REFERENCE_* setting the suite applies to the embedded service, read by the suite's own code
  // (release/settings.ts has already refused a bad value with the other settings).
  const preparing = prepareTarget(settings, embeddedOptionsFrom(env))
  const prepared = await untilAborted(preparing, signal)
  if (prepared === null) {
    // Whatever the preparation still opens is closed when it ends; the caller goes on with its interrupted report.
    void preparing.then((late) => late.close())
    return { kind: 'interrupted', reason: 'interrupted', reached: false }
  }
  if (prepared.kind !== 'ready') {
    await prepared.close()
    // A sentence in the report's language: the release's reasons carry it as their `problem`. "No answer at all":
    // the preflight's target.unreachable, or a login that got no answer after a preflight that got none either
    // (`answered`, tests/support/target.ts) — a silent target is not "reached", and its health is not waited for again.
    const silent = prepared.reason.code === 'target.unreachable' || (prepared.kind === 'unusable' && prepared.answered === false)
    return { kind: prepared.kind, reason: say(prepared.reason, settings.locale), reached: !silent }
  }
  const refused = await untilAborted(tokenRefused(settings, prepared), signal)
  if (signal?.aborted) {
    // Closing the connections of an interrupted opening: a failure to close changes nothing the report says.
    void prepared.close().catch(() => undefined)
    return { kind: 'interrupted', reason: 'interrupted', reached: false }
  }
  if (refused !== null) {
    await prepared.close()
    return { kind: 'config', reason: say(refused, settings.locale), reached: true }
  }
  const client = new HarenaClient({ baseUrl: prepared.baseUrl, timeoutMs: settings.timeoutMs, connections })
  const healthClient = new HarenaClient({ baseUrl: prepared.baseUrl, timeoutMs: Math.min(HEALTH_TIMEOUT_MS, settings.timeoutMs), connections: 1 })
  const state: TargetState = {
    baseUrl: prepared.baseUrl,
    embedded: prepared.embedded,
    userId: settings.userId,
    questions,
    secrets: [...secretsOf(settings), ...(prepared.authorization ? [prepared.authorization] : [])],
    client,
    healthClient,
    settings,
    authorization: prepared.authorization,
    credentials: { generation: 0, worked: false, renewing: false, lost: null },
    close: async () => {
      await Promise.all([client.close(), healthClient.close(), prepared.close()])
    },
  }
  return { kind: 'ready', target: state }
}

/**
 * A bare HARENA_API_TOKEN is tried on the user's own authenticated route (the first entry of the conversation list,
 * read-only) before anything else: a 401 there is refused credentials (exit 1, nothing deployed), as a refused login
 * is. Without it a wrong or revoked token was deployed on, failed verify on its 401s and rolled back a healthy
 * deployment (review 2026-12-05). Any other outcome goes on: the questions judge it. A login's fresh token is not tried.
 */
async function tokenRefused(settings: Settings, prepared: Extract<TargetOutcome, { kind: 'ready' }>): Promise<Reason | null> {
  const list = adapterFor(settings.contract).paths.conversations
  if (prepared.embedded || settings.apiToken === null || prepared.authorization === null || list === undefined) return null
  const route = `${list(settings.userId)}?limit=1&offset=0`
  const client = new HarenaClient({ baseUrl: prepared.baseUrl, timeoutMs: settings.timeoutMs, connections: 1 })
  try {
    const outcome = await client.request({
      method: 'GET',
      path: route,
      headers: { accept: 'application/json', authorization: prepared.authorization },
    })
    if (outcome.kind !== 'response' || outcome.exchange.httpStatus !== 401) return null
    return reason('target.token.refused', { url: prepared.baseUrl, status: 401, route: `/${route.split('?')[0]}` })
  } finally {
    await client.close()
  }
}

/** The promise's value, or null as soon as `signal` aborts (the promise itself goes on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.resolve(null)
  return new Promise<T | null>((resolve, reject) => {
    const onAbort = (): void => resolve(null)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** The deadline of every chat request of `target` (HARENA_TIMEOUT_MS): a request settles by it, answered or timed out. */
export function requestDeadlineMs(target: ProbeTarget): number {
  return (target as TargetState).settings.timeoutMs
}

/** The language of `target`'s reports (VALIDATION_LOCALE): the watch words what it adds to an answer in it. */
export function targetLocale(target: ProbeTarget): Locale {
  return (target as TargetState).settings.locale as Locale
}

/** Asks one question once (no retry: a retry would hide a failure) and judges the answer as the gate does. */
export async function askOnce(target: ProbeTarget, question: Question): Promise<JudgedAttempt> {
  const state = target as TargetState
  const adapter = adapterFor(state.settings.contract)
  const generation = state.credentials.generation
  const outcome = await state.client.request(
    adapter.chatRequest({ message: question.message, userId: state.userId, authorization: state.authorization }),
  )
  const record = recordAttempt(
    { question, adapter, check: checkAttempt, index: 0, warmup: false, secrets: state.secrets, userId: state.userId },
    outcome,
  )
  const refused = record.httpStatus === 401 || record.httpStatus === 403
  noteCredentials(state, generation, record.httpStatus, refused, record.rateLimited === true)
  return {
    questionId: question.id,
    category: question.category,
    startedAt: record.startedAt,
    latencyMs: record.latencyMs,
    timedOut: record.timedOut,
    httpStatus: record.httpStatus,
    ok: record.ok,
    critical: record.critical,
    leak: isCrossUserLeak(record.critical, record.evidence?.issues),
    fallback: record.fallback,
    rateLimited: record.rateLimited === true,
    declaredQuota: record.rateLimited === true ? quotaOf(outcome, state.secrets) : null,
    credentialsRefused: refused,
    credentialsLost: refused ? state.credentials.lost : null,
    transport: outcome.kind === 'transport',
    noAnswer: outcome.kind !== 'response' && outcome.httpStatus === null,
    visualizations: record.visualizations,
    unavailable: record.rateLimited === true ? null : declaredUnavailable(outcome, state.secrets),
    build: buildNamed(outcome, state.secrets),
    reasons: record.failures.map((r) => say(r, state.settings.locale)),
    evidence: record.evidence?.error ?? record.evidence?.bodyHead ?? null,
  }
}

/** The pace a limiter's refusal declares (limiter-quota.ts), its evidence masked of secrets; null: none declared. */
function quotaOf(outcome: ClientOutcome, secrets: readonly string[]): DeclaredQuota | null {
  if (outcome.kind !== 'response') return null
  const quota = declaredQuota(outcome.exchange.headers, Date.now())
  return quota === null ? null : { ...quota, said: redact(quota.said, secrets) }
}

/** An answer's 503 with a Retry-After, the service declaring itself unavailable (Unavailability); null otherwise. */
function declaredUnavailable(outcome: ClientOutcome, secrets: readonly string[]): Unavailability | null {
  if (outcome.kind !== 'response' || outcome.exchange.httpStatus !== 503) return null
  const retry = retryAfterOf(outcome.exchange.headers, Date.now())
  if (retry === null) return null
  return { until: new Date(retry.until).toISOString(), retryAfter: redact(retry.value, secrets).slice(0, 80) }
}

/** The build an answer names in its first BUILD_HEADERS header (secrets masked, bounded as the health route's version). */
function buildNamed(outcome: ClientOutcome, secrets: readonly string[]): string | null {
  if (outcome.kind !== 'response') return null
  const headers = Object.fromEntries(Object.entries(outcome.exchange.headers).map(([k, v]) => [k.toLowerCase(), v]))
  for (const name of BUILD_HEADERS) {
    const raw = headers[name]
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim()
    if (value) return redact(value, secrets).slice(0, 60)
  }
  return null
}

// The v2 adapter names a wrong user_id as a contract issue starting with "user_id:" (adapters/harena-v2.ts).
function isCrossUserLeak(critical: CriticalKind | null, issues: readonly string[] | undefined): boolean {
  return critical === 'contract' && (issues ?? []).some((i) => i.startsWith('user_id:'))
}

/** What one answer says of the authorization it carried (`generation`): it worked, it must be renewed, or it is lost. */
function noteCredentials(state: TargetState, generation: number, httpStatus: number | null, refused: boolean, rateLimited: boolean): void {
  const c = state.credentials
  if (generation !== c.generation || c.lost !== null) return
  if (!refused) {
    if (pastAuthentication(httpStatus, rateLimited)) c.worked = true
    return
  }
  if (c.renewing) return
  const login = loginOf(state)
  const cause = httpStatus === 403 ? 'forbidden' : login === null ? 'no_login' : c.worked ? null : 'new_token_refused'
  if (login !== null && cause === null) renew(state, login)
  else c.lost = say(reason('monitor.credentials_lost.cause', { cause, status: httpStatus }), state.settings.locale)
}

// An answer the service gave behind its authentication: not a refusal, nor a limiter's or a gateway's answer.
const pastAuthentication = (httpStatus: number | null, rateLimited: boolean): boolean =>
  httpStatus !== null && !rateLimited && httpStatus !== 502 && httpStatus !== 503 && httpStatus !== 504

/** The login the monitor may renew its token with: the configured one, the embedded service's demo user, or none. */
function loginOf(state: TargetState): { username: string; password: string } | null {
  // The embedded service logs in as its demo user, again when its tokens expire (REFERENCE_TOKEN_MAX_USES), as the suite does.
  const { username, password } = state.embedded ? EMBEDDED_DEMO : state.settings
  return username === null || password === null ? null : { username, password }
}

/**
 * A token can expire during a 24 h watch: ONE new login for the NEXT requests; the 401 itself stays a refused
 * attempt (nothing is retried). A login that fails loses the credentials.
 */
function renew(state: TargetState, { username, password }: { username: string; password: string }): void {
  const c = state.credentials
  const lost = (problem: string): string =>
    say(reason('monitor.credentials_lost.cause', { cause: 'login_failed', status: 401, problem }), state.settings.locale)
  c.renewing = true
  login(state.baseUrl, username, password, state.settings.timeoutMs, adapterFor(state.settings.contract), null, state.userId)
    .then(
      (result) => {
        if (result.kind !== 'ok') {
          c.lost = lost(say(result.reason, state.settings.locale))
          return
        }
        state.authorization = result.authorization
        state.secrets.push(result.authorization)
        c.generation++
        c.worked = false
      },
      (error: unknown) => {
        c.lost = lost(redact((error as Error).message, state.secrets))
      },
    )
    .finally(() => {
      c.renewing = false
    })
}

/** GET the health route once: 200 with a JSON body whose `status` is not an unhealthy word. */
export async function checkHealth(target: ProbeTarget, path: string): Promise<HealthProbe> {
  const state = target as TargetState
  return healthOf(state.healthClient, path, state.settings, state.secrets)
}

/**
 * One health check of the configured service without an opened target (no login): the monitor's start confirms
 * with it that a target it could not open is gone, as "service down" does during the watch (release/watch/open.ts).
 */
export async function checkHealthOnce(settings: Settings, path: string): Promise<HealthProbe | null> {
  if (settings.baseUrl === null) return null
  const client = new HarenaClient({ baseUrl: settings.baseUrl, timeoutMs: Math.min(HEALTH_TIMEOUT_MS, settings.timeoutMs), connections: 1 })
  try {
    return await healthOf(client, path, settings, secretsOf(settings))
  } finally {
    await client.close()
  }
}

/** The health route over a grace (healthWithin): answered (`back`), or its last failure after `probes` over `waitedMs`. */
export interface HealthOverGrace {
  back: boolean
  last: HealthProbe
  probes: number
  waitedMs: number
}

/**
 * The configured service's health route asked every `everyMs` until it answers (anything but no answer or a gateway's
 * 502/503/504: `gone`) or `graceMs` has passed since the first probe: a restart shorter than the grace is not an
 * outage (release/watch/open.ts openWatch, release/rollback.ts verifyFresh). Null: no health route to ask, or a signal.
 */
export async function healthWithin(
  settings: Settings,
  path: string,
  graceMs: number,
  everyMs: number,
  gone: (h: HealthProbe) => boolean,
  signal?: AbortSignal,
): Promise<HealthOverGrace | null> {
  const since = Date.now()
  for (let probes = 1; ; probes++) {
    const last = await untilAborted(checkHealthOnce(settings, path), signal)
    if (last === null || signal?.aborted) return null
    const waitedMs = Date.now() - since
    if (!gone(last)) return { back: true, last, probes, waitedMs }
    if (waitedMs >= graceMs) return { back: false, last, probes, waitedMs }
    await untilAborted(new Promise((resolve) => setTimeout(resolve, Math.min(everyMs, graceMs - waitedMs))), signal)
  }
}

async function healthOf(client: HarenaClient, path: string, settings: Settings, secrets: readonly string[]): Promise<HealthProbe> {
  const outcome = await client.request({ method: 'GET', path, headers: { accept: 'application/json' } })
  const failed = {
    ok: false,
    status: null,
    version: null,
    latencyMs: outcome.timing.totalMs,
    rateLimited: false,
    timedOut: outcome.kind === 'timeout',
    unavailable: null,
  }
  if (outcome.kind === 'timeout')
    return { ...failed, httpStatus: outcome.httpStatus, noAnswer: outcome.httpStatus === null, problem: `timeout ${outcome.timeoutMs} ms` }
  if (outcome.kind === 'transport') return { ...failed, httpStatus: outcome.httpStatus, noAnswer: outcome.httpStatus === null, problem: outcome.code }
  const httpStatus = outcome.exchange.httpStatus
  // A refusal that names a limiter (Phase 1's rule) is not the service failing its health check; a 503 with only a
  // Retry-After may be the service unavailable (a maintenance page says so too): a failed check.
  if (limiterNamed(outcome.exchange))
    return { ...failed, httpStatus, noAnswer: false, rateLimited: true, problem: `HTTP ${httpStatus} (rate limited)` }
  const body = jsonObjectOf(outcome.exchange.bodyText)
  const status = typeof body?.status === 'string' ? redact(body.status, secrets).slice(0, 40) : null
  const rawVersion = body?.version
  const version = typeof rawVersion === 'string' || typeof rawVersion === 'number' ? redact(String(rawVersion), secrets).slice(0, 60) : null
  let problem: string | null = null
  if (httpStatus !== 200) problem = `HTTP ${httpStatus}`
  else if (body === null) problem = 'body is not a JSON object'
  else if (status !== null && healthState(status, settings.contract) === 'down') problem = `status "${status}"`
  return {
    ok: problem === null,
    httpStatus,
    status,
    version,
    latencyMs: outcome.timing.totalMs,
    noAnswer: false,
    timedOut: false,
    rateLimited: false,
    problem,
    unavailable: declaredUnavailable(outcome, secrets),
  }
}

/** The first question of each category, in file order: the smoke set of `npm run verify`. */
export function onePerCategory(questions: readonly Question[]): Question[] {
  const seen = new Set<string>()
  return questions.filter((q) => {
    if (seen.has(q.category)) return false
    seen.add(q.category)
    return true
  })
}
