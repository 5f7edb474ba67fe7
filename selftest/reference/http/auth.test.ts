// Authentication as the real v2 service does it (docs/wire-contracts.md §1.3, §1.6): the demo login, HS256 bearer tokens with
// every 401 variant (French detail + error_code + WWW-Authenticate), 403 for another user's path, 400 for a user
// id ≤ 0. All over real HTTP on loopback.
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { issueToken } from '../../../fixtures/reference/server.ts'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { call, chat, login, start, STACK_LIKE } from './helpers.ts'

let ref: ReferenceServer
beforeAll(async () => {
  ref = await start()
})
afterAll(() => ref.close())

const LOGIN = '/api/v1/users/auth/login'
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url')
}

/** A token signed with `secret` from raw header/payload objects (to build the invalid ones). */
function rawToken(header: unknown, payload: unknown, secret: string): string {
  const head = `${b64(header)}.${b64(payload)}`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}

describe('POST /api/v1/users/auth/login', () => {
  test('form-encoded demo credentials give a bearer token that the chat route accepts', async () => {
    const r = await call(ref, 'POST', LOGIN, form({ username: 'demo@harena.test', password: 'harena-demo' }))
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ access_token: expect.any(String), token_type: 'bearer' })
    const token = (r.json as { access_token: string }).access_token
    expect(token.length).toBeGreaterThanOrEqual(50)
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
    expect(payload).toMatchObject({ sub: '1', permissions: ['chat:write'] })
    expect(typeof payload['exp']).toBe('number')
    expect((await chat(ref, token, 'Mes dépenses du mois dernier')).status).toBe(200)
  })

  test('the e-mail is case-insensitive; user 2 logs in as user 2', async () => {
    const r = await call(ref, 'POST', LOGIN, form({ username: ' OTHER@harena.test ', password: 'harena-demo' }))
    expect(r.status).toBe(200)
    const me = await call(ref, 'GET', '/api/v1/users/me', {
      headers: { authorization: `Bearer ${(r.json as { access_token: string }).access_token}` },
    })
    expect(me.json).toMatchObject({ id: 2, email: 'other@harena.test' })
  })

  test.each([
    ['wrong password', { username: 'demo@harena.test', password: 'nope' }],
    ['unknown user', { username: 'nobody@harena.test', password: 'harena-demo' }],
    ['password of another case', { username: 'demo@harena.test', password: 'HARENA-DEMO' }],
  ])('401 for a %s, with a readable detail and no token', async (_name, fields) => {
    const r = await call(ref, 'POST', LOGIN, form(fields))
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toBe('Bearer')
    expect(r.json).toEqual({ detail: 'Email ou mot de passe incorrect' })
  })

  test('422 when a field is missing or the body is not form-encoded (FastAPI validation list)', async () => {
    const missing = await call(ref, 'POST', LOGIN, form({ username: 'demo@harena.test' }))
    expect(missing.status).toBe(422)
    expect(missing.json).toEqual({ detail: [{ type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null }] })
    const asJson = await call(ref, 'POST', LOGIN, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo@harena.test', password: 'harena-demo' }),
    })
    expect(asJson.status).toBe(422)
    expect((asJson.json as { detail: Array<{ loc: string[] }> }).detail.map((d) => d.loc.join('.'))).toEqual(['body.username', 'body.password'])
  })

  test('the request log records the login and its user, never the password', async () => {
    const local = await start()
    try {
      await login(local, 2)
      await call(local, 'POST', LOGIN, form({ username: 'demo@harena.test', password: 'wrong-secret-xyz' }))
      const log = local.stats().requests
      expect(log.map((r) => [r.method, r.path, r.status, r.userId])).toEqual([
        ['POST', LOGIN, 200, 2],
        ['POST', LOGIN, 401, null],
      ])
      expect(JSON.stringify(log)).not.toMatch(/harena-demo|wrong-secret-xyz/)
    } finally {
      await local.close()
    }
  })
})

describe('401 on the chat route (JWT middleware)', () => {
  const now = Math.floor(Date.now() / 1000)
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['no Authorization header', {}, 'MISSING_AUTHORIZATION', 'Authentification requise'],
    ['a Basic scheme', { authorization: 'Basic ZGVtbzpoYXJlbmEtZGVtbw==' }, 'INVALID_SCHEME', "Schéma d'authentification invalide (Bearer attendu)"],
    ['"Bearer" without a token', { authorization: 'Bearer' }, 'MISSING_TOKEN', 'Token manquant'],
    ['a token shorter than 50 characters', { authorization: 'Bearer abc.def.ghi' }, 'SECURITY_CHECK_FAILED', 'Token invalide'],
    ['a token longer than 4096 characters', { authorization: `Bearer ${'a'.repeat(4097)}` }, 'SECURITY_CHECK_FAILED', 'Token invalide'],
    ['an expired token', { authorization: `Bearer ${issueToken(1, { expiresInSeconds: -60 })}` }, 'TOKEN_EXPIRED', 'Token expiré'],
    [
      'a token signed with another secret',
      { authorization: `Bearer ${issueToken(1, { secret: 'another-secret' })}` },
      'INVALID_SIGNATURE',
      'Token invalide',
    ],
    ['a malformed token', { authorization: `Bearer ${'x'.repeat(30)}.${'y'.repeat(30)}.${'z'.repeat(30)}` }, 'DECODE_ERROR', 'Token malformé'],
    ['a token that is not three parts', { authorization: `Bearer ${'x'.repeat(80)}` }, 'DECODE_ERROR', 'Token malformé'],
    [
      'alg "none"',
      { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', exp: now + 3600, permissions: ['chat:write'] })}.` },
      'INVALID_TOKEN',
      'Token invalide',
    ],
    [
      'a token without exp',
      { authorization: `Bearer ${issueToken(1, { claims: { exp: undefined } })}` },
      'PAYLOAD_INVALID',
      'Token invalide : expiration manquante',
    ],
    [
      'a non-numeric sub',
      { authorization: `Bearer ${issueToken(1, { claims: { sub: 'demo@harena.test' } })}` },
      'INVALID_USER_ID',
      'Token invalide : identifiant utilisateur invalide',
    ],
    [
      'sub = 0',
      { authorization: `Bearer ${issueToken(1, { claims: { sub: '0' } })}` },
      'INVALID_USER_ID',
      'Token invalide : identifiant utilisateur invalide',
    ],
  ]
  test.each(cases)('%s', async (_name, headers, code, detail) => {
    const r = await call(ref, 'POST', '/api/v1/conversation/1', {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ message: 'Mes trucs' }),
    })
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="Harena API"')
    expect(r.json).toEqual({ detail, timestamp: expect.stringMatching(/\+00:00$/), error_code: code, processing_time_ms: expect.any(Number) })
    expect(r.text).not.toMatch(STACK_LIKE)
  })

  test('a forged token (right shape, payload changed after signing) is refused', async () => {
    const good = issueToken(1)
    const [h, , s] = good.split('.')
    const forged = `${h}.${b64({ sub: '2', exp: Math.floor(Date.now() / 1000) + 3600, permissions: ['chat:write'] })}.${s}`
    const r = await chat(ref, forged, 'Mes trucs', { userId: 2 })
    expect(r.status).toBe(401)
    expect((r.json as { error_code: string }).error_code).toBe('INVALID_SIGNATURE')
  })

  test('the user_id claim is the fallback for sub (as the real middleware)', async () => {
    const token = rawToken({ alg: 'HS256', typ: 'JWT' }, { user_id: 2, exp: Math.floor(Date.now() / 1000) + 600 }, 'k'.repeat(32))
    const local = await start({ secret: 'k'.repeat(32) })
    try {
      expect((await chat(local, token, 'Mes trucs', { userId: 2 })).status).toBe(200)
      // A server with another secret refuses the same token.
      expect((await chat(ref, token, 'Mes trucs', { userId: 2 })).status).toBe(401)
    } finally {
      await local.close()
    }
  })

  test('GET /api/v1/users/me needs a token too', async () => {
    const r = await call(ref, 'GET', '/api/v1/users/me')
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="Harena API"')
    const ok = await call(ref, 'GET', '/api/v1/users/me', { headers: { authorization: `Bearer ${await login(ref, 1)}` } })
    expect(ok.status).toBe(200)
    expect(ok.json).toEqual({ id: 1, email: 'demo@harena.test', is_active: true, is_superuser: false })
  })
})

describe('path user id', () => {
  test('403 when the path user differs from the token (both ways)', async () => {
    const t1 = await login(ref, 1)
    const t2 = await login(ref, 2)
    for (const [token, path] of [
      [t1, 2],
      [t2, 1],
    ] as const) {
      const r = await chat(ref, token, 'Mes dépenses du mois dernier', { userId: path })
      expect(r.status).toBe(403)
      expect(r.json).toEqual({ detail: { error: "user_id dans l'URL ne correspond pas au token", timestamp: expect.any(String) } })
    }
  })

  test.each([0, -3])('400 for user id %i', async (id) => {
    const r = await chat(ref, await login(ref, 1), 'Mes dépenses du mois dernier', { userId: id })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ detail: { error: "User ID invalide dans l'URL", provided_user_id: id, timestamp: expect.any(String) } })
  })

  test('422 for a non-integer path user id (FastAPI path validation)', async () => {
    const r = await call(ref, 'POST', '/api/v1/conversation/abc', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(ref, 1)}` },
      body: JSON.stringify({ message: 'Mes trucs' }),
    })
    expect(r.status).toBe(422)
    expect(r.json).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['path', 'user_id'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' },
      ],
    })
  })

  test('401 comes before every other check (the middleware runs before routing)', async () => {
    const r = await call(ref, 'POST', '/api/v1/conversation/0', { headers: { 'content-type': 'application/json' }, body: '{' })
    expect(r.status).toBe(401)
  })
})
