// Whose token a login returned (tests/support/target.ts loginUserOf), read as core/settings.ts checkToken reads
// HARENA_API_TOKEN: the answer's user id, else the JWT's `sub`, else its `user_id` claim; an opaque token says nothing.
// And login() itself against the real reference service: another user's token is refused, never returned.
import { afterAll, describe, expect, test } from 'vitest'
import { issueToken } from '../../../fixtures/reference/jwt.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { login, loginUserOf } from '../../../tests/support/target.ts'
import { DEMO, startTarget } from '../../e2e/target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of closers) await c()
})

describe('loginUserOf', () => {
  test('the body user id first, then the JWT sub, then its user_id claim; an opaque token: null', () => {
    expect(loginUserOf({ user_id: 7 }, issueToken(2))).toEqual({ id: '7', from: 'body' })
    expect(loginUserOf({ user: { id: '8' } }, 'opaque')).toEqual({ id: '8', from: 'body' })
    expect(loginUserOf({}, issueToken(2))).toEqual({ id: '2', from: 'sub' })
    expect(loginUserOf({}, issueToken(2, { claims: { sub: undefined, user_id: 3 } }))).toEqual({ id: '3', from: 'user_id' })
    expect(loginUserOf({}, 'opaque-gateway-token')).toBeNull()
    expect(loginUserOf(null, 'a.b.c')).toBeNull()
  })
})

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
    expect(await login(ref.url, DEMO.user2.username, DEMO.user2.password, 5000, harenaV2Adapter)).toMatchObject({ kind: 'ok' })
  })
})
