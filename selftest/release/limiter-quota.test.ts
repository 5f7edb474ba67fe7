// Whose pace a limiter's refusal is (release/limiter-quota.ts, release/watch/refusals.ts): the monitor's own when it
// asked faster than the service declares (Retry-After, RateLimit-Policy) — not executed, as before; otherwise an error
// of the service. A review (2026-12-06): 40 % of chats refused with 429 "Retry-After: 1" at 1 r/s read "✅ Stable".
import { describe, expect, it } from 'vitest'
import { declaredQuota, fasterThanDeclared } from '../../release/limiter-quota.ts'
import { judgeRefusal } from '../../release/watch/refusals.ts'
import { addAttempt, emptyTally } from '../../release/windows.ts'
import { judgedAttempt } from './monitor-fixtures.ts'

const AT = Date.parse('2026-12-06T04:00:00Z')

describe('what a refusal declares', () => {
  it('Retry-After in seconds or as an HTTP date: one request per that many seconds', () => {
    expect(declaredQuota({ 'Retry-After': '1' }, AT)).toEqual({ rps: 1, kind: 'retry_after', said: 'Retry-After: 1' })
    expect(declaredQuota({ 'retry-after': '4' }, AT)?.rps).toBe(0.25)
    expect(declaredQuota({ 'retry-after': 'Sun, 06 Dec 2026 04:00:10 GMT' }, AT)?.rps).toBeCloseTo(0.1)
  })
  it('a quota policy with its window (IETF draft, both forms); the strictest of several, and of Retry-After', () => {
    expect(declaredQuota({ 'ratelimit-policy': '"default";q=100;w=60' }, AT)).toMatchObject({ kind: 'policy', rps: 100 / 60 })
    expect(declaredQuota({ 'RateLimit-Limit': '10, 10;w=1, 1000;w=3600' }, AT)?.rps).toBeCloseTo(1000 / 3600)
    expect(declaredQuota({ 'ratelimit-policy': '100;w=10', 'retry-after': '1' }, AT)).toMatchObject({ kind: 'retry_after', rps: 1 })
    expect(declaredQuota({ 'ratelimit-policy': '1;w=10', 'retry-after': '2' }, AT)).toMatchObject({ kind: 'policy', rps: 0.1 })
  })
  it('nothing declared: a bare 429, a limit without a window, Retry-After: 0 or unreadable', () => {
    expect(declaredQuota({}, AT)).toBeNull()
    expect(declaredQuota({ 'x-ratelimit-limit': '5000' }, AT)).toBeNull()
    expect(declaredQuota({ 'retry-after': '0' }, AT)).toBeNull()
    expect(declaredQuota({ 'retry-after': 'soon' }, AT)).toBeNull()
  })
})

describe('faster than declared', () => {
  const retry1 = declaredQuota({ 'retry-after': '1' }, AT)
  it('Retry-After against the chat pace: 1 r/s waits the 1 s asked (within), 2 r/s does not', () => {
    expect(fasterThanDeclared(retry1, 1, 10_000)).toBe(false)
    expect(fasterThanDeclared(retry1, 2, 10_000)).toBe(true)
    expect(fasterThanDeclared(declaredQuota({ 'retry-after': '3600' }, AT), 1, 10_000)).toBe(true)
  })
  it('a policy against everything the monitor sends, health checks included', () => {
    const tenPerSecond = declaredQuota({ 'ratelimit-policy': '10;w=1' }, AT)
    expect(fasterThanDeclared(tenPerSecond, 9, 10_000)).toBe(false)
    expect(fasterThanDeclared(tenPerSecond, 9, 500)).toBe(true) // 9 + 2 health checks a second
    expect(fasterThanDeclared(tenPerSecond, 30, 10_000)).toBe(true)
  })
  it('nothing declared: the monitor cannot be shown faster than anything', () => {
    expect(fasterThanDeclared(null, 50, 500)).toBe(false)
  })
})

describe('the watch judges a refusal (judgeRefusal)', () => {
  const m = { rps: 1, healthEveryMs: 10_000 }
  const refusal = (headers: Record<string, string>) =>
    judgedAttempt({ ok: false, httpStatus: 429, rateLimited: true, declaredQuota: declaredQuota(headers, AT), reasons: ['rate limited'] })

  it('within the quota declared: an error of the service, counted in the requests, its reason saying why', () => {
    const a = judgeRefusal(refusal({ 'retry-after': '1' }), m, 'en')
    expect(a).toMatchObject({ rateLimited: false, refusedWithinQuota: true, ok: false, httpStatus: 429 })
    expect(a.reasons).toEqual([
      'refused by a rate limiter (HTTP 429) while the monitor asked at 1 r/s, within what it declares (Retry-After: 1): an error of the service',
    ])
    const t = emptyTally()
    addAttempt(t, a)
    expect(t).toMatchObject({ requests: 1, ok: 0, rateLimited: 0, refusedWithinQuota: 1 })
  })
  it('no quota declared: an error of the service too', () => {
    expect(judgeRefusal(refusal({}), { rps: 40, healthEveryMs: 500 }, 'fr').reasons[0]).toContain('sans quota déclaré')
  })
  it('the monitor faster than declared: left as it was — not executed (the case the rule was built for)', () => {
    const own = refusal({ 'retry-after': '1' })
    expect(judgeRefusal(own, { rps: 30, healthEveryMs: 500 }, 'en')).toBe(own)
    const t = emptyTally()
    addAttempt(t, own)
    expect(t).toMatchObject({ requests: 0, rateLimited: 1, refusedWithinQuota: 0 })
  })
  it('a healthy answer is left alone', () => {
    const ok = judgedAttempt()
    expect(judgeRefusal(ok, m, 'en')).toBe(ok)
  })
})
