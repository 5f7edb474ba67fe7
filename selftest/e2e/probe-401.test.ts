// Reliability proof (review 2026-12-05): a security probe answered HTTP 401 once the warm-ups proved the token. Every
// such 401 went to the auth broker, which logged in again; the probe met the same 401 with the new token before it
// ever worked and the run halted "credentials expired" — a service leaking another user's answer with a 401 read
// C4 = 0, a healthy service refusing with 401 read NO-GO. The real suite runs as a child process, with a loopback
// proxy in front of the reference service answering the other user's chat path itself
// (tests/support/security/probes.ts: a probe's 401 is the service's answer unless the own route says 401 too).
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, probeRunEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

/** The other user's chat path: the other_user_path probe's request (user 1's token). */
const OTHER_USER_CHAT = /^\/api\/v1\/conversation\/2(\?|$)/
const LOGIN = '/api/v1/users/auth/login'

type Mode = 'leak401' | 'refuse401'

async function run(mode: Mode) {
  const ref = await target()
  let logins = 0
  const front = await proxy(ref.url, (r) => {
    if (r.path === LOGIN) logins += 1
    if (r.method !== 'POST' || !OTHER_USER_CHAT.test(r.path)) return { kind: 'forward' }
    // leak401: user 1's own answer served on user 2's path, with a 401; refuse401: a bare 401 refusal.
    if (mode === 'leak401') return { kind: 'rewrite', path: '/api/v1/conversation/1', rewrite: (_status, body) => ({ status: 401, body }) }
    return { kind: 'answer', status: 401, body: '{"detail":"Not authenticated"}', headers: { 'content-type': 'application/json' } }
  })
  const result = await runSuite({
    env: {
      ...probeRunEnv(front.url),
      VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
    },
  })
  type Probe = { id: string; ok: boolean | null; failureCodes: string[]; noteCodes: string[] }
  const report = readReport(result.reportDir)
  const probes = (report as typeof report & { security?: Probe[] }).security ?? []
  const otherUserPath = probes.find((p) => p.id.endsWith('other_user_path'))
  return { result, report, probes, otherUserPath, logins: () => logins }
}

describe('a probe answered 401 with a token the run already proved', () => {
  test('leak401: another user’s answer carried by a 401 is a critical bug (NO-GO), the run complete, no re-login', async () => {
    const { result, report, otherUserPath, logins } = await run('leak401')
    expect(otherUserPath, describeRun(result)).toBeDefined()
    expect(otherUserPath?.ok).toBe(false)
    expect(otherUserPath?.failureCodes).toContain('security.other_user_path')
    expect(report.summary.criticalBugs).toBeGreaterThanOrEqual(1)
    expect(report.run.auth?.expired ?? null).toBeNull()
    expect(report.run.auth?.relogins ?? []).toEqual([])
    expect(report.run.complete).toBe(true)
    expect(report.decision).toBe('NO-GO')
    expect(result.exitCode).toBe(2)
    expect(logins()).toBe(1)
  })

  test('refuse401: a healthy service refusing another user with 401 passes, noted for its status (GO), no re-login', async () => {
    const { result, report, otherUserPath, logins } = await run('refuse401')
    expect(otherUserPath, describeRun(result)).toBeDefined()
    expect(otherUserPath?.ok).toBe(true)
    expect(otherUserPath?.noteCodes).toEqual(['security.refused_401'])
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.run.auth?.expired ?? null).toBeNull()
    expect(report.run.auth?.relogins ?? []).toEqual([])
    expect(report.run.complete).toBe(true)
    expect(report.decision).toBe('GO')
    expect(result.exitCode).toBe(0)
    expect(logins()).toBe(1)
  })
})
