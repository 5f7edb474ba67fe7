// The tests' fixed JWT (selftest/fixed-token.ts) is the same in every process, where the reference's own issueToken()
// is not: its default key is random per process (fixtures/reference/jwt.ts), so a test judging text that holds such a
// token read another input in every run.
import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { verifyAuthorization } from '../fixtures/reference/jwt.ts'
import { FIXED_CLAIMS, FIXED_SIGNING_KEY, fixedToken } from './fixed-token.ts'

/** The token `expression` makes in a fresh Node process (its own random default key, its own clock). */
function inAnotherProcess(expression: string): string {
  const jwt = new URL('../fixtures/reference/jwt.ts', import.meta.url).href
  const fixed = new URL('./fixed-token.ts', import.meta.url).href
  const script = `
    const { issueToken } = await import(${JSON.stringify(jwt)})
    const { fixedToken } = await import(${JSON.stringify(fixed)})
    process.stdout.write(${expression})`
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
}

describe('fixedToken', () => {
  test('is the same string in another process; issueToken() alone is not', () => {
    expect(inAnotherProcess('fixedToken(5)')).toBe(fixedToken(5))
    const sameClaims = 'issueToken(5, { claims: { iat: 1, exp: 2 } })'
    expect(inAnotherProcess(sameClaims)).not.toBe(inAnotherProcess(sameClaims))
  })

  test('is a well-formed HS256 token of its user, signed with the fixed key, at the fixed times', () => {
    const token = fixedToken(7)
    const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>
    expect(payload).toMatchObject({ sub: '7', ...FIXED_CLAIMS })
    expect(verifyAuthorization(`Bearer ${token}`, FIXED_SIGNING_KEY, FIXED_CLAIMS.iat * 1000)).toEqual({ ok: true, userId: 7 })
  })
})
