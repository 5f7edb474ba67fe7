// The token probes (tests/support/security/probes.ts tokenProbe; docs/security-probes.md "Tokens the service must
// refuse"), over real HTTP on loopback with the real client and the real v2 adapter. The review finding: a service
// that accepts ANY bearer token (it never checks the JWT signature) read GO — no probe ever sent a token that is not
// the run's. Each forged or invalid token must be refused with 401 (or 403) and no answer; a 2xx or an answer is a
// critical bug naming the probe, another status too. The reference service (fixtures/reference/jwt.ts) refuses them
// all. A forged token is never said, and is masked wherever the run's token is (core/secrets.ts).
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { EXPIRED_AT, forgeriesOf, GARBAGE_TOKEN, jwtParts } from '../../../core/forged-tokens.ts'
import { say } from '../../../core/locale/index.ts'
import '../../../core/locale/grounding.ts'
import { redact } from '../../../core/secrets.ts'
import { redactQuote } from '../../../core/secret-quotes.ts'
import { startReferenceServer } from '../../../fixtures/reference/server.ts'
import { MIN_TOKEN_LENGTH } from '../../../fixtures/reference/jwt.ts'
import { probeOutcome } from '../../../reporters/aggregate.ts'
import { unjudgedProbes } from '../../../reporters/decide.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { PROBES, type Probe, type ProbeResult } from '../../../tests/support/security/probes.ts'
import { REFERENCE_NOW, tokenFor } from '../../e2e/target.ts'
import { attempt } from '../../reporters/make-model.ts'
import { v2Body } from '../adapter/bodies.ts'

const closers: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

const TOKEN_PROBES = ['garbage_token', 'bad_signature_token', 'alg_none_token', 'expired_token'] as const
/** A JWT of user 1 as the reference issues them (HS256, sub "1", exp, iat, permissions). */
const JWT = tokenFor(1)
const OPAQUE = 'gw_7Qm2ZpLr9vTqXk4NcB8sHd3FjW6yUe5A'

type Seen = { method: string; path: string; authorization: string | undefined }
type Answer = { status: number; body: unknown; challenge?: boolean }

/** A loopback target answering every request with `route`; the requests it received, in order. */
async function target(route: (r: Seen) => Answer) {
  const seen: Seen[] = []
  const server = createServer((req: IncomingMessage, res) => {
    req.resume()
    req.on('end', () => {
      const r = { method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization }
      seen.push(r)
      const { status, body, challenge } = route(r)
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (status === 401 && challenge !== false) headers['www-authenticate'] = 'Bearer realm="Harena API"'
      res.writeHead(status, headers).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function byId(id: string): Probe {
  const found = PROBES.find((p) => p.id === id)
  if (found === undefined) throw new Error(`no probe ${id}`)
  return found
}

async function run(id: string, url: string, authorization: string | null = `Bearer ${JWT}`): Promise<ProbeResult> {
  const client = new HarenaClient({ baseUrl: url, timeoutMs: 5000, connections: 1 })
  closers.push(() => client.close())
  return byId(id).run({ client, adapter: harenaV2Adapter, userId: 1, authorization, questionId: `security.${id}` })
}

/** The service of the review: any bearer token is the path's user; without one, 401. */
const anyToken = (r: Seen): Answer =>
  r.authorization === undefined ? { status: 401, body: { detail: 'Authentification requise' } } : { status: 200, body: v2Body({ user_id: 1 }) }
const REFUSED: Answer = { status: 401, body: { detail: 'Token invalide', error_code: 'INVALID_SIGNATURE' } }

const codes = (r: ProbeResult) => r.reasons.map((x) => x.code)
const said = (r: ProbeResult, L: 'fr' | 'en' = 'en') => r.reasons.map((x) => say(x, L)).join('\n')
const segments = (authorization: string | undefined) => (authorization ?? '').replace(/^Bearer /, '').split('.')
const json = (segment: string | undefined) => JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Record<string, unknown>

describe('a service that accepts any token is a critical bug, probe by probe', () => {
  test('each token probe answered 200 with an answer fails, named, as "the service accepted this token"', async () => {
    const { url } = await target(anyToken)
    for (const id of TOKEN_PROBES) {
      const r = await run(id, url)
      expect(r.ok, id).toBe(false)
      expect(codes(r), id).toEqual(['security.forged_token_accepted'])
      expect(said(r), id).toMatch(/→ HTTP 200: the service accepted this token \(expected 401 with WWW-Authenticate and no data\)/)
      expect(said(r, 'fr'), id).toMatch(/→ HTTP 200 : le service a accepté ce jeton/)
    }
  })

  test('a 2xx without an answer is an acceptance too; a 5xx or a 400 is not the refusal', async () => {
    expect(codes(await run('garbage_token', (await target(() => ({ status: 204, body: '' }))).url))).toEqual(['security.forged_token_accepted'])
    for (const status of [500, 400]) {
      const r = await run('bad_signature_token', (await target(() => ({ status, body: { detail: 'x' } }))).url)
      expect(r.ok, `HTTP ${status}`).toBe(false)
      expect(codes(r)).toEqual(['security.forged_token_status'])
    }
  })

  test('an answer under a 401 or a 403 is still an acceptance: the body carries the data', async () => {
    for (const status of [401, 403]) {
      const r = await run('alg_none_token', (await target(() => ({ status, body: v2Body({ user_id: 2 }) }))).url)
      expect(r.ok, `HTTP ${status}`).toBe(false)
      expect(codes(r)).toEqual(['security.forged_token_accepted'])
    }
  })
})

describe('a refusal passes (healthy look-alikes)', () => {
  test('401 with WWW-Authenticate: refused, no note', async () => {
    const { url } = await target(() => REFUSED)
    for (const id of TOKEN_PROBES) {
      const r = await run(id, url)
      expect(r.ok, id).toBe(true)
      expect(r.reasons, id).toEqual([])
      expect(probeOutcome(attempt({ ok: true, notes: r.reasons })), id).toBe('refused')
    }
  })

  test('403, or a 401 without its challenge: refused, noted for its form, still "refused"', async () => {
    for (const answer of [
      { status: 403, body: { detail: 'Interdit' } },
      { ...REFUSED, challenge: false },
    ]) {
      const r = await run('expired_token', (await target(() => answer)).url)
      expect(r.ok).toBe(true)
      expect(codes(r)).toEqual(['security.forged_refused_note'])
      expect(said(r)).toMatch(answer.status === 401 ? /HTTP 401 without a WWW-Authenticate header instead of 401/ : /HTTP 403 instead of 401/)
      expect(probeOutcome(attempt({ ok: true, notes: r.reasons }))).toBe('refused')
    }
  })

  test('the reference service refuses every forged token (it verifies HS256 signatures)', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    closers.push(() => ref.close())
    for (const id of TOKEN_PROBES) {
      const r = await run(id, ref.url)
      expect(r.ok, `${id}: ${said(r)}`).toBe(true)
      expect(r.httpStatus, id).toBe(401)
      expect(r.reasons, id).toEqual([])
    }
  })
})

describe('what is sent: forgeries of the run’s own token, never said', () => {
  test('each probe sends its token on the chat route, and no sentence names it', async () => {
    const { url, seen } = await target(() => REFUSED)
    const sent: Record<string, Seen> = {}
    for (const id of TOKEN_PROBES) {
      const r = await run(id, url)
      sent[id] = seen.at(-1) as Seen
      for (const text of [said(r, 'fr'), said(r, 'en'), r.request]) expect(text).not.toContain(segments(sent[id].authorization)[1] ?? GARBAGE_TOKEN)
      expect(r.secrets ?? [], id).toEqual(id === 'garbage_token' ? [] : [sent[id].authorization?.replace(/^Bearer /, '')])
    }
    const [h, p, s] = segments(`Bearer ${JWT}`)
    expect(sent.garbage_token).toMatchObject({ method: 'POST', path: '/api/v1/conversation/1', authorization: `Bearer ${GARBAGE_TOKEN}` })
    // Bad signature: the same header and claims, another signature of the same length.
    const bad = segments(sent.bad_signature_token?.authorization)
    expect([bad[0], bad[1]]).toEqual([h, p])
    expect(bad[2]).not.toBe(s)
    expect(bad[2]?.length).toBe(s?.length)
    // alg none: the other user's claims, on the other user's path, no signature.
    const none = segments(sent.alg_none_token?.authorization)
    expect(sent.alg_none_token?.path).toBe('/api/v1/conversation/2')
    expect(json(none[0])).toEqual({ alg: 'none', typ: 'JWT' })
    expect(json(none[1])).toEqual({ ...json(p), sub: '2' })
    expect(none[2]).toBe('')
    // Expired: the claims with exp long past, the original signature (which no longer matches them).
    const expired = segments(sent.expired_token?.authorization)
    expect(json(expired[1])).toEqual({ ...json(p), exp: EXPIRED_AT })
    expect([expired[0], expired[2]]).toEqual([h, s])
  })

  test('the garbage token is long enough to pass a length check and reach the verification', () => {
    expect(GARBAGE_TOKEN.length).toBeGreaterThanOrEqual(MIN_TOKEN_LENGTH)
    expect(jwtParts(GARBAGE_TOKEN)).toBeNull()
  })

  test('a service echoing a forged token shows none of it: masked by the run’s token alone, whole or cut', () => {
    const forged = forgeriesOf(`Bearer ${JWT}`)
    expect(forged).toHaveLength(3)
    for (const f of forged) {
      const echoed = `{"detail":"Token invalide","token":"${f}"}`
      const [, payload, signature] = f.split('.')
      for (const text of [redact(echoed, [`Bearer ${JWT}`]), redactQuote(echoed.slice(0, 60), [`Bearer ${JWT}`])]) {
        expect(text).not.toContain(payload?.slice(0, 20))
        if (signature) expect(text).not.toContain(signature.slice(-20))
      }
    }
  })

  test('an ordinary text stays as it is (no masking without the token)', () => {
    const text = '{"detail":"Token invalide","message":"Vos dépenses chez Carrefour : 412,30 €"}'
    expect(redact(text, [`Bearer ${JWT}`])).toBe(text)
  })
})

describe('credentials that are no JWT', () => {
  test('an opaque token: the invalid token is still sent and judged; the JWT forgeries are not applicable, and no missing check', async () => {
    const { url, seen } = await target(anyToken)
    const garbage = await run('garbage_token', url, `Bearer ${OPAQUE}`)
    expect(garbage.ok).toBe(false)
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${GARBAGE_TOKEN}`)
    const requests = seen.length
    const summaries = []
    for (const id of ['bad_signature_token', 'alg_none_token', 'expired_token']) {
      const r = await run(id, url, `Bearer ${OPAQUE}`)
      expect(r.ok, id).toBeNull()
      expect(r.reasons[0]?.params.why, id).toBe('not_jwt')
      expect(say(r.reasons[0] as ProbeResult['reasons'][number], 'fr')).toMatch(/n'est pas un JWT/)
      summaries.push({
        id,
        title: id,
        outcome: 'not_applicable' as const,
        httpStatus: null,
        request: '',
        failures: [],
        notes: r.reasons,
        evidence: '',
      })
    }
    expect(seen.length).toBe(requests)
    expect(unjudgedProbes(summaries, false)).toEqual([])
  })

  test('no credentials (HARENA_AUTH=none): every token probe is not applicable, and keeps the run from GO as the others do', async () => {
    const { url, seen } = await target(anyToken)
    const summaries = []
    for (const id of TOKEN_PROBES) {
      const r = await run(id, url, null)
      expect(r.ok, id).toBeNull()
      expect(r.reasons[0]?.params.why, id).toBe('no_credentials')
      summaries.push({
        id,
        title: id,
        outcome: 'not_applicable' as const,
        httpStatus: null,
        request: '',
        failures: [],
        notes: r.reasons,
        evidence: '',
      })
    }
    expect(seen).toEqual([])
    expect(unjudgedProbes(summaries, false).map((r) => r.params.probes)).toEqual([[...TOKEN_PROBES]])
  })
})
