// Whose token a login returned (tests/support/target.ts loginUserOf), read as core/settings.ts checkToken reads
// HARENA_API_TOKEN (jwtUser): the JWT's `sub`, else its `user_id` claim; only an opaque token falls back to the
// answer's user id, and says nothing without one.
// And login() itself against the real reference service: another user's token is refused, never returned.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { issueToken } from '../../../fixtures/reference/jwt.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { sameUserId } from '../../../core/settings.ts'
import { login, loginUserOf } from '../../../tests/support/target.ts'
import { DEMO, startTarget } from '../../e2e/target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of closers) await c()
})

describe('loginUserOf', () => {
  test('a JWT says its user by its own claims, `sub` then `user_id`; only an opaque token falls back to the body', () => {
    expect(loginUserOf({}, issueToken(2))).toEqual({ id: '2', from: 'sub' })
    expect(loginUserOf({}, issueToken(2, { claims: { sub: undefined, user_id: 3 } }))).toEqual({ id: '3', from: 'user_id' })
    expect(loginUserOf({ user: { id: '8' } }, 'opaque')).toEqual({ id: '8', from: 'body' })
    expect(loginUserOf({ user_id: 7 }, 'opaque-gateway-token')).toEqual({ id: '7', from: 'body' })
    expect(loginUserOf({}, 'opaque-gateway-token')).toBeNull()
    expect(loginUserOf(null, 'a.b.c')).toBeNull()
  })

  // Review 2026-12-05: a login as user 2 whose body claimed user_id 1 was accepted (the body was read first), and the
  // run reported user 2's own answers as leaks. The service authenticates by the token: its claims win.
  test('a body that claims another user beside a JWT is not believed: the JWT’s sub is the user', () => {
    expect(loginUserOf({ user_id: 1 }, issueToken(2))).toEqual({ id: '2', from: 'sub' })
    expect(loginUserOf({ user: { id: 1 } }, issueToken(2, { claims: { sub: undefined, user_id: 2 } }))).toEqual({ id: '2', from: 'user_id' })
  })
})

// The real middleware converts sub to an int: "01" is user 1 (review 2026-12-05: refused as another user).
describe('sameUserId', () => {
  test('integer-like values compare as integers; anything else as text', () => {
    expect(sameUserId('01', 1)).toBe(true)
    expect(sameUserId('1', 1)).toBe(true)
    expect(sameUserId(1, '1')).toBe(true)
    expect(sameUserId(' 1 ', 1)).toBe(true)
    expect(sameUserId('+1', 1)).toBe(true)
    expect(sameUserId('2', 1)).toBe(false)
    expect(sameUserId('1.0', 1)).toBe(false)
    expect(sameUserId('abc', 1)).toBe(false)
    expect(sameUserId('abc', 'abc')).toBe(true)
  })
})

/** A loopback front of `upstream` whose login answers carry `extra` merged into their body. */
async function lyingFront(upstream: string, extra: Record<string, unknown>): Promise<string> {
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const out = httpRequest(
        { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: { ...req.headers, host: up.host } },
        (answer) => {
          const parts: Buffer[] = []
          answer.on('data', (c: Buffer) => parts.push(c))
          answer.on('end', () => {
            let text = Buffer.concat(parts).toString('utf8')
            if ((req.url ?? '').endsWith('/auth/login') && answer.statusCode === 200) text = JSON.stringify({ ...JSON.parse(text), ...extra })
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' }).end(text)
          })
        },
      )
      out.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe("login() with the run's HARENA_USER_ID", () => {
  test("another user's token is refused with target.login.other_user (fr and en); the user's own is ok; no user id: unchecked", async () => {
    const ref = await startTarget()
    closers.push(() => ref.close())
    const refused = await login(ref.url, DEMO.user2.username, DEMO.user2.password, 5000, harenaV2Adapter, null, 1)
    expect(refused).toMatchObject({
      kind: 'refused',
      reason: { code: 'target.login.other_user', params: { userId: 1, tokenUser: '"2"', from: 'sub' } },
    })
    if (refused.kind !== 'refused') throw new Error('not refused')
    expect(say(refused.reason, 'en')).toMatch(
      /^HARENA_USER_ID=1 but the login as other@harena\.test at .* returned a token for user "2" \(its "sub" claim\); check HARENA_USER_ID and HARENA_USERNAME/,
    )
    expect(say(refused.reason, 'fr')).toMatch(
      /^HARENA_USER_ID=1 mais la connexion de other@harena\.test à .* a rendu un jeton de l'utilisateur "2" .*vérifiez HARENA_USER_ID et HARENA_USERNAME/,
    )
    expect(await login(ref.url, DEMO.user2.username, DEMO.user2.password, 5000, harenaV2Adapter, null, 2)).toMatchObject({ kind: 'ok' })
    // The user's own token whose answer body claims user 1 (the run's HARENA_USER_ID): still user 2's token, refused.
    const lying = await lyingFront(ref.url, { user_id: 1 })
    expect(await login(lying, DEMO.user2.username, DEMO.user2.password, 5000, harenaV2Adapter, null, 1)).toMatchObject({
      kind: 'refused',
      reason: { code: 'target.login.other_user', params: { userId: 1, tokenUser: '"2"', from: 'sub' } },
    })
    expect(await login(lying, DEMO.user1.username, DEMO.user1.password, 5000, harenaV2Adapter, null, 1)).toMatchObject({ kind: 'ok' })
    // A JWT whose sub is "01": the middleware's int(sub) is user 1, the run's user — accepted.
    const sub01 = await lyingFront(ref.url, { access_token: issueToken(1, { claims: { sub: '01' } }) })
    expect(await login(sub01, DEMO.user1.username, DEMO.user1.password, 5000, harenaV2Adapter, null, 1)).toMatchObject({ kind: 'ok' })
    expect(await login(sub01, DEMO.user1.username, DEMO.user1.password, 5000, harenaV2Adapter, null, 2)).toMatchObject({
      kind: 'refused',
      reason: { code: 'target.login.other_user', params: { userId: 2, tokenUser: '"01"', from: 'sub' } },
    })
    expect(await login(ref.url, DEMO.user2.username, DEMO.user2.password, 5000, harenaV2Adapter)).toMatchObject({ kind: 'ok' })
  })
})
