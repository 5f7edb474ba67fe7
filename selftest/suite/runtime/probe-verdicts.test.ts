// How a security probe reads its answer (tests/support/security/probes.ts; docs/security-probes.md), over real HTTP
// on loopback with the real client, the real v2 adapter and the real auth broker. The review finding: probes sent
// the run's first token after it expired, and a 401 "Token expiré" was judged "another user's data is reachable".
// A 401 is a refusal: without data it is at most a note about its status; a 401 or a 200 that carries another
// user's data is still a critical bug. A probe's own expired token is renewed as a question's is, never judged.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { appendJournal, createJournal, removeJournal } from '../../../core/journal.ts'
import { say } from '../../../core/locale/index.ts'
import { reason } from '../../../core/reason.ts'
import { probeOutcome } from '../../../reporters/aggregate.ts'
import '../../../core/locale/grounding.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { AuthSession, askBroker, proveToBroker, startAuthBroker, type Relogin } from '../../../tests/support/auth-broker.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { RunStoppedError } from '../../../tests/support/limiter.ts'
import { PROBES, type Probe, type ProbeContext, type ProbeResult } from '../../../tests/support/security/probes.ts'
import { attempt } from '../../reporters/make-model.ts'
import { v2Body } from '../adapter/bodies.ts'

const closers: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

type Answer = { status: number; body: unknown }
type Route = (req: { method: string; path: string; authorization: string | undefined }) => Answer

/** What the reference service answers to an expired token (docs/wire-contracts.md: the middleware's 401). */
const EXPIRED: Answer = {
  status: 401,
  body: { detail: 'Token expiré', timestamp: '2026-12-05T02:52:01.798000+00:00', error_code: 'TOKEN_EXPIRED', processing_time_ms: 0.33 },
}
/** A chat answer for user 2: another user's data. */
const OTHER_USERS_ANSWER = v2Body({ user_id: 2 })
/** The user's own list, known whole: it holds no conversation, so every id the turns probe tries is another user's. */
const EMPTY_OWN_LIST: Answer = { status: 200, body: { user_id: 1, conversations: [], total_count: 0 } }
const TURNS = { conversation: { id: 1, user_id: 2 }, turns: [{ user_message: 'Mon solde', assistant_response: 'Votre solde est de 2 660 €' }] }

/** A loopback target answering every request with `route`; the requests it received, in order. */
async function target(route: Route) {
  const seen: Array<{ method: string; path: string; authorization: string | undefined }> = []
  const server = createServer((req: IncomingMessage, res) => {
    req.resume()
    req.on('end', () => {
      const r = { method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization }
      seen.push(r)
      const { status, body } = route(r)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (status === 401) headers['www-authenticate'] = 'Bearer realm="Harena API"'
      res.writeHead(status, headers).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const client = new HarenaClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5000, connections: 1 })
  closers.push(() => client.close())
  return { client, seen }
}

function byId(id: string): Probe {
  const found = PROBES.find((p) => p.id === id)
  if (found === undefined) throw new Error(`no probe ${id}`)
  return found
}

async function probe(id: string, route: Route, auth?: ProbeContext['auth']): Promise<ProbeResult> {
  const { client } = await target(route)
  return byId(id).run({
    client,
    adapter: harenaV2Adapter,
    userId: 1,
    authorization: 'Bearer run-token',
    questionId: `security.${id}`,
    ...(auth ? { auth } : {}),
  })
}

const codes = (r: ProbeResult) => r.reasons.map((x) => x.code)
const said = (r: ProbeResult) => r.reasons.map((x) => say(x, 'en')).join('\n')
const ownList = (path: string) => path.startsWith('/api/v1/conversation/conversations/1?')

describe('a 401 is a refusal, never a leak', () => {
  test('another user’s path answered 401 with an error body: refused, noted for its status, no "data reachable"', async () => {
    const r = await probe('other_user_path', () => EXPIRED)
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual(['security.refused_401'])
    expect(said(r)).toMatch(/→ HTTP 401 instead of 403; a refusal \(no data in the body\)/)
    expect(said(r)).not.toMatch(/reachable/)
  })

  test('another user’s path answered with their data is a critical bug, whether 200 or 401', async () => {
    for (const status of [200, 401]) {
      const r = await probe('other_user_path', () => ({ status, body: OTHER_USERS_ANSWER }))
      expect(r.ok, `HTTP ${status}`).toBe(false)
      expect(codes(r)).toEqual(['security.other_user_path'])
      expect(said(r)).toMatch(new RegExp(`→ HTTP ${status} \\(expected 403\\); another user's data is reachable`))
    }
  })

  test('another user’s path answered 500 without data: failed for its status, without claiming a leak', async () => {
    const r = await probe('other_user_path', () => ({ status: 500, body: { detail: 'Internal Server Error' } }))
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path_status'])
    expect(said(r)).not.toMatch(/reachable/)
  })

  test('user id 0 answered 401: refused, noted', async () => {
    const r = await probe('user_id_zero', () => EXPIRED)
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual(['security.refused_401'])
  })

  test('another user’s list: a 401 error is a refusal, a 401 with their conversations is not', async () => {
    expect(codes(await probe('other_user_conversations', () => EXPIRED))).toEqual(['security.refused_401'])
    const leak = await probe('other_user_conversations', () => ({
      status: 401,
      body: { user_id: 2, conversations: [{ id: 9, title: 'x' }], total_count: 1 },
    }))
    expect(leak.ok).toBe(false)
    expect(codes(leak)).toEqual(['security.other_user_conversations'])
  })

  test('another user’s turns: a 401 error is a refusal ("with data" never said), a 401 or 200 with turns is a critical bug', async () => {
    const refused = await probe('other_user_turns', ({ path }) => (ownList(path) ? EMPTY_OWN_LIST : EXPIRED))
    expect(refused.ok).toBe(true)
    expect(refused.httpStatus).toBe(401)
    expect(codes(refused)).toEqual(['security.refused_401'])
    for (const status of [200, 401]) {
      const r = await probe('other_user_turns', ({ path }) => (ownList(path) ? EMPTY_OWN_LIST : { status, body: TURNS }))
      expect(r.ok, `HTTP ${status}`).toBe(false)
      expect(codes(r)).toEqual(['security.other_user_turns'])
      expect(said(r)).toMatch(new RegExp(`→ HTTP ${status} with data`))
    }
  })

  test('a hostile message refused by authentication tested no guard: not judged, never failed nor passed', async () => {
    const r = await probe('script_message', () => EXPIRED)
    expect(r.ok).toBeNull()
    expect(codes(r)).toEqual(['security.hostile_not_judged'])
  })
})

describe('a probe’s own credentials, as the questions hold them', () => {
  /** The real broker; `worked`: the journal already holds an answer past authentication with the first token. */
  async function broker(relogin: Relogin | null, worked: boolean) {
    const journalPath = createJournal()
    closers.push(() => removeJournal(journalPath))
    if (worked) appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ ok: true, httpStatus: 200, warmup: true }) })
    let logins = 0
    const b = await startAuthBroker({
      authorization: 'Bearer stale',
      secrets: [],
      relogin:
        relogin === null
          ? null
          : () => {
              logins += 1
              return relogin()
            },
      journalPath,
      halt: () => undefined,
      onChange: () => undefined,
      say: () => undefined,
    })
    closers.push(() => b.close())
    return { session: new AuthSession('Bearer stale', askBroker(b.url), proveToBroker(b.url)), logins: () => logins }
  }
  const fresh: Relogin = async () => ({ ok: true, authorization: 'Bearer fresh' })
  /** A guard that refuses another user's path with 403, for a token it accepts. */
  const guarded =
    (accepted: string): Route =>
    ({ authorization }) =>
      authorization === accepted ? { status: 403, body: { detail: { error: "user_id dans l'URL ne correspond pas au token" } } } : EXPIRED

  test('an expired token: the broker logs in again and the probe is asked again with the new token, then judged', async () => {
    const { session, logins } = await broker(fresh, true)
    const { client, seen } = await target(guarded('Bearer fresh'))
    const r = await byId('other_user_path').run({
      client,
      adapter: harenaV2Adapter,
      userId: 1,
      authorization: 'Bearer stale',
      auth: session,
      questionId: 'security.other_user_path',
    })
    expect(r.ok).toBe(true)
    expect(r.httpStatus).toBe(403)
    expect(r.reasons).toEqual([])
    // The probe's 401, the user's own list refused with the same token (the expiry confirmed), the probe again.
    expect(seen.map((s) => [s.path.startsWith('/api/v1/conversation/conversations/1?') ? 'own' : 'probe', s.authorization])).toEqual([
      ['probe', 'Bearer stale'],
      ['own', 'Bearer stale'],
      ['probe', 'Bearer fresh'],
    ])
    expect(logins()).toBe(1)
  })

  test('credentials that cannot be renewed: the probe is not executed (RunStoppedError), never a finding', async () => {
    const { session } = await broker(null, true)
    await expect(probe('other_user_path', () => EXPIRED, session)).rejects.toBeInstanceOf(RunStoppedError)
  })

  test('a token that expires again with every new one (other workers spent them): the probe is not judged, never a finding', async () => {
    let issued = 0
    const journal = createJournal()
    closers.push(() => removeJournal(journal))
    appendJournal(journal, { questionId: 'q01', attempt: attempt({ ok: true, httpStatus: 200, warmup: true }) })
    const b = await startAuthBroker({
      authorization: 'Bearer stale',
      secrets: [],
      // Each new token gets through once for another worker (journaled), then expires before this probe sends it.
      relogin: async () => {
        issued += 1
        appendJournal(journal, { questionId: 'q02', attempt: attempt({ index: issued, httpStatus: 200, tokenGeneration: issued }) })
        return { ok: true, authorization: `Bearer t${issued}` }
      },
      journalPath: journal,
      halt: () => undefined,
      onChange: () => undefined,
      say: () => undefined,
    })
    closers.push(() => b.close())
    const session = new AuthSession('Bearer stale', askBroker(b.url), proveToBroker(b.url))
    const r = await probe('other_user_path', () => EXPIRED, session)
    expect(r.ok).toBeNull()
    expect(codes(r)).toEqual(['security.own_token_expired'])
    expect(said(r)).toMatch(/→ HTTP 401 again after 2 new token\(s\): its own token expired/)
  })

  test('a probe’s answer past authentication proves its token worked: its later expiry is renewed, not judged', async () => {
    // Nothing journaled: only the probes used the token (they are not attempts).
    const { session, logins } = await broker(fresh, false)
    let staleUses = 0
    const route: Route = ({ path, authorization }) => {
      if (authorization === 'Bearer stale' && staleUses++ === 0) return { status: 400, body: { detail: 'user_id doit être positif' } }
      return guarded('Bearer fresh')({ path, authorization, method: 'POST' })
    }
    const { client, seen } = await target(route)
    const ctx = { client, adapter: harenaV2Adapter, userId: 1, authorization: 'Bearer stale', auth: session }
    expect((await byId('user_id_zero').run({ ...ctx, questionId: 'security.user_id_zero' })).ok).toBe(true)
    const r = await byId('other_user_path').run({ ...ctx, questionId: 'security.other_user_path' })
    expect(r.httpStatus).toBe(403)
    expect(logins()).toBe(1)
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer stale', 'Bearer stale', 'Bearer stale', 'Bearer fresh'])
  })
})

describe('a token already proven, a probe answered 401: the service’s answer, never the run’s end', () => {
  // Review 2026-12-05: the warm-ups proved the token, so every probe's 401 went to the broker; it logged in again,
  // the probe met the same 401 with the new token before it ever worked, and the run halted "credentials expired" —
  // a leak carried by a 401 hidden, a healthy 401 refusal a false NO-GO. The own route decides.
  async function provenBroker() {
    const journalPath = createJournal()
    closers.push(() => removeJournal(journalPath))
    appendJournal(journalPath, { questionId: 'q01', attempt: attempt({ ok: true, httpStatus: 200, warmup: true }) })
    const halted: string[] = []
    let logins = 0
    const b = await startAuthBroker({
      authorization: 'Bearer run-token',
      secrets: [],
      relogin: async () => {
        logins += 1
        return { ok: true, authorization: `Bearer new-${logins}` }
      },
      journalPath,
      halt: (why) => halted.push(why.code),
      onChange: () => undefined,
      say: () => undefined,
    })
    closers.push(() => b.close())
    return { session: new AuthSession('Bearer run-token', askBroker(b.url), proveToBroker(b.url)), halted, logins: () => logins }
  }
  /** Any token: the user's own list answered, another user's chat path answered 401 with `other`. */
  const guardAnswering401 =
    (other: Answer): Route =>
    ({ path }) =>
      ownList(path) ? EMPTY_OWN_LIST : path === '/api/v1/conversation/2' ? other : { status: 403, body: { detail: 'Accès refusé' } }

  test('a 401 carrying another user’s answer is a leak: judged at once, no re-login, the run goes on', async () => {
    const { session, halted, logins } = await provenBroker()
    const r = await probe('other_user_path', guardAnswering401({ status: 401, body: OTHER_USERS_ANSWER }), session)
    expect(r.ok).toBe(false)
    expect(r.httpStatus).toBe(401)
    expect(codes(r)).toEqual(['security.other_user_path'])
    expect(logins()).toBe(0)
    expect(halted).toEqual([])
  })

  test('a 401 refusal while the own route answers with the same token: refused, noted, no re-login, the run goes on', async () => {
    const { session, halted, logins } = await provenBroker()
    const { client, seen } = await target(guardAnswering401({ status: 401, body: { detail: 'Not authenticated' } }))
    const r = await byId('other_user_path').run({
      client,
      adapter: harenaV2Adapter,
      userId: 1,
      authorization: 'Bearer run-token',
      auth: session,
      questionId: 'security.other_user_path',
    })
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual(['security.refused_401'])
    expect(logins()).toBe(0)
    expect(halted).toEqual([])
    // The own route was asked with the very token the probe carried.
    expect(seen.map((s) => [s.method, s.path.split('?')[0], s.authorization])).toEqual([
      ['POST', '/api/v1/conversation/2', 'Bearer run-token'],
      ['GET', '/api/v1/conversation/conversations/1', 'Bearer run-token'],
    ])
  })

  test('the own route refused too: the token expired, one re-login, the probe asked again and judged', async () => {
    const { session, halted, logins } = await provenBroker()
    const route: Route = (r) =>
      r.authorization === 'Bearer run-token' ? EXPIRED : guardAnswering401({ status: 403, body: { detail: 'Accès refusé' } })(r)
    const r = await probe('other_user_path', route, session)
    expect(r.ok).toBe(true)
    expect(r.httpStatus).toBe(403)
    expect(logins()).toBe(1)
    expect(halted).toEqual([])
  })
})

describe('how the reports name a probe that carries notes (reporters/aggregate.ts)', () => {
  const sent = { method: 'POST', path: '/api/v1/conversation/2', via: 'token', user: 1, message: null, conversation: null }
  test('a 401 noted for its status is a refusal; a probe its own token never let through was not judged', () => {
    const noted = reason('security.refused_401', { ...sent, status: 401, expected: ['403'], body: '{}' })
    expect(probeOutcome(attempt({ ok: true, httpStatus: 401, notes: [noted] }))).toBe('refused')
    const expired = reason('security.own_token_expired', { ...sent, renewals: 2 })
    expect(probeOutcome(attempt({ ok: true, httpStatus: 401, notes: [expired] }))).toBe('not_applicable')
    expect(probeOutcome(attempt({ ok: true, httpStatus: 401, notes: [noted, expired] }))).toBe('not_applicable')
  })
})

// A wrong HARENA_API_CONTRACT (v2 paths against a v3 service): every route answers 404. A probe's 404 is judged only
// on a route that exists — the user's own request on it answered otherwise; when that one is a 404 too, the route is
// not found for this contract and the probe is not judged (security.route_not_found), never a critical bug.
describe('a 404 on a route the user’s own request does not find either', () => {
  const NOT_FOUND: Answer = { status: 404, body: { detail: 'Not Found' } }
  const OWN_ANSWER = v2Body({ user_id: 1 })
  const ownChat = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/api/v1/conversation/1'

  // A JWT of user 1 (the token probes forge from a JWT: an opaque token gives them nothing to forge, not_jwt).
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const runJwt = `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1', exp: 4102444800 })}.c2lnbmF0dXJlLW9mLXRoZS1ydW4`

  test.each(PROBES.map((p) => p.id))('%s: every route 404 → not judged, "route not found", naming HARENA_API_CONTRACT', async (id) => {
    const { client, seen } = await target(() => NOT_FOUND)
    const r = await byId(id).run({ client, adapter: harenaV2Adapter, userId: 1, authorization: runJwt, questionId: `security.${id}` })
    expect(r.ok, said(r)).toBeNull()
    expect(codes(r)).toEqual(['security.route_not_found'])
    expect(r.httpStatus).toBe(404)
    expect(said(r)).toMatch(
      /→ HTTP 404, as is the user's own (POST|GET) \/api\/v1\/conversation\/.*: route not found for contract harena-v2; check HARENA_API_CONTRACT and HARENA_BASE_URL$/,
    )
    expect(say(r.reasons[0]!, 'fr')).toMatch(/route introuvable pour le contrat harena-v2 ; vérifiez HARENA_API_CONTRACT et HARENA_BASE_URL$/)
    // The user's own request was asked with the run's token.
    expect(seen.some((s) => s.authorization === runJwt && (ownChat(s) || ownList(s.path)))).toBe(true)
  })

  test('a route that exists keeps its judging: another user’s path 404 while the user’s own chat answers → failed for its status', async () => {
    const r = await probe('other_user_path', (req) => (ownChat(req) ? { status: 200, body: OWN_ANSWER } : NOT_FOUND))
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path_status'])
  })

  test('a route that exists keeps its judging: no token 404 while the user’s own chat answers → failed (no 401 challenge)', async () => {
    const r = await probe('no_token', (req) => (req.authorization === undefined ? NOT_FOUND : { status: 200, body: OWN_ANSWER }))
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.no_token'])
  })

  test('another user’s list 404 while the user’s own list answers: a refusal, passed as before', async () => {
    const r = await probe('other_user_conversations', (req) => (ownList(req.path) ? EMPTY_OWN_LIST : NOT_FOUND))
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual([])
  })
})

// Review 2026-12-05: one transient 404 on the user's own request, cached per worker, made a route that the run's
// questions had answered on "not found", and a NO-GO with 3 critical bugs read GO. Evidence of existence wins; only
// existence is kept; a 404 of the user's own request is confirmed by a second before the route is called not found.
describe('a route the run has evidence of is never "not found"', () => {
  const NOT_FOUND: Answer = { status: 404, body: { detail: 'Not Found' } }
  const OWN_ANSWER = v2Body({ user_id: 1 })
  const ownChat = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/api/v1/conversation/1'

  test('the questions answered on the chat route (routeAnswered): judged, and the user’s own request is not even asked', async () => {
    const { client, seen } = await target(() => NOT_FOUND)
    const r = await byId('other_user_path').run({
      client,
      adapter: harenaV2Adapter,
      userId: 1,
      authorization: 'Bearer run-token',
      questionId: 'security.other_user_path',
      routeAnswered: (route) => route === 'chat',
    })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path_status'])
    expect(seen.filter(ownChat)).toHaveLength(0)
  })

  test('one transient 404 on the user’s own chat is asked again: the 200 keeps the judging, and is kept for the next probe', async () => {
    let own = 0
    const { client, seen } = await target((req) => (ownChat(req) ? (own++ === 0 ? NOT_FOUND : { status: 200, body: OWN_ANSWER }) : NOT_FOUND))
    const ctx = { client, adapter: harenaV2Adapter, userId: 1, authorization: 'Bearer run-token' }
    const first = await byId('other_user_path').run({ ...ctx, questionId: 'security.other_user_path' })
    expect(first.ok).toBe(false)
    expect(codes(first)).toEqual(['security.other_user_path_status'])
    const second = await byId('user_id_zero').run({ ...ctx, questionId: 'security.user_id_zero' })
    expect(second.ok).toBe(false)
    expect(codes(second)).toEqual(['security.invalid_user_id'])
    // Asked twice for the first probe (404, then 200), never again: existence is cached.
    expect(seen.filter(ownChat)).toHaveLength(2)
  })

  test('a 404 is never cached: each probe asks the user’s own request again (twice) before "route not found"', async () => {
    const { client, seen } = await target(() => NOT_FOUND)
    const ctx = { client, adapter: harenaV2Adapter, userId: 1, authorization: 'Bearer run-token' }
    for (const id of ['other_user_path', 'user_id_zero']) {
      const r = await byId(id).run({ ...ctx, questionId: `security.${id}` })
      expect(codes(r)).toEqual(['security.route_not_found'])
    }
    expect(seen.filter(ownChat)).toHaveLength(4)
  })
})
