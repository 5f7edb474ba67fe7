// Reliability proof: a login that returns another user's token is a configuration error, never a verdict. With
// HARENA_USERNAME of user 2 and HARENA_USER_ID left at 1, every chat request was the target's 403 ("path ≠ token")
// and the security probes read user 1's path answered for user 2's token as two critical leaks: NO-GO exit 2 with
// invented security bugs. The login's token is now checked like HARENA_API_TOKEN (core/settings.ts checkToken), before
// any question; a re-login mid-run that returns another user's token stops the run instead of serving it.
// The suite runs as a child process against a real reference server on loopback; what it received is read back.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, REPORT_JSON, readReport, runSuite, tempDir, writeBank } from './harness.ts'
import { chatRequests, DEMO, demoUserEnv, LOGIN_ROUTE, loginServers } from './target.ts'

const LOGIN = LOGIN_ROUTE
const { reference, closers, closeAll } = loginServers()
afterAll(async () => {
  await closeAll()
  cleanupTemp()
})

/**
 * A loopback front that forwards everything, except that every login after the first logs in as `otherUser`
 * instead: the target's re-login mid-run returns another user's token (a shared account, a misrouted SSO).
 */
async function swappingFront(upstream: string, otherUser: { username: string; password: string }) {
  const up = new URL(upstream)
  let logins = 0
  const server = createServer((req, res) => {
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => body.push(c))
    req.on('end', () => {
      let payload = Buffer.concat(body)
      const headers = { ...req.headers }
      if (req.method === 'POST' && req.url === LOGIN && ++logins > 1) {
        payload = Buffer.from(new URLSearchParams({ username: otherUser.username, password: otherUser.password }).toString())
        headers['content-length'] = String(payload.length)
      }
      const forwarded = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      forwarded.on('error', () => res.destroy())
      forwarded.end(payload)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logins: () => logins }
}

describe("a login that returns another user's token", () => {
  test('HARENA_USERNAME of user 2, HARENA_USER_ID=1 → exit 1 before any question, one line naming both, no verdict, no earlier GO left', async () => {
    const ref = await reference()
    const reportDir = tempDir('earlier-go')
    writeFileSync(join(reportDir, REPORT_JSON), '{"decision":"GO"}')
    const run = await runSuite({
      reportDir,
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user2.username,
        HARENA_PASSWORD: DEMO.user2.password,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_SECURITY: 'true',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(1)
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('harena-validation: configuration error:'))
    expect(lines, describeRun(run)).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^harena-validation: configuration error: HARENA_USER_ID=1 but the login as other@harena\.test at http:\/\/127\.0\.0\.1:\d+ returned a token for user "2" \(its "sub" claim\); check HARENA_USER_ID and HARENA_USERNAME/,
    )
    expect(run.stdout + run.stderr).not.toContain(DEMO.user2.password)
    // No verdict printed, no question asked: the target saw the health check and the login only.
    expect(run.stdout + run.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)|critical bugs|security\.other_user/)
    expect(chatRequests(ref.stats().requests)).toEqual([])
    expect(ref.stats().requests.filter((r) => r.path === LOGIN)).toHaveLength(1)
    // The earlier GO is replaced by this run's record of the configuration error (as a refused password is).
    const json = existsSync(join(reportDir, REPORT_JSON)) ? readFileSync(join(reportDir, REPORT_JSON), 'utf8') : ''
    expect(json).not.toContain('"decision":"GO"')
    expect(json).toContain('HARENA_USER_ID=1 but the login as other@harena.test')
    expect(readReport(reportDir).exitCode).toBe(1)
  })

  test('a re-login mid-run (token expiry) that returns user 2\'s token is never used: the run stops, "login failed", no security finding', async () => {
    // Each token opens the door 3 times: the 3 warm-ups use the first, the first measured attempt is refused (401),
    // and the re-login — swapped to user 2 by the front — must not serve user 1's requests.
    const ref = await reference(3)
    const front = await swappingFront(ref.url, DEMO.user2)
    const run = await runSuite({
      env: {
        ...demoUserEnv(front.url),
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_WARMUP: '3',
        VALIDATION_SECURITY: 'true',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
      },
    })
    expect(front.logins(), describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.run.complete).toBe(false)
    expect(report.run.auth?.relogins).toEqual([])
    expect(report.run.auth?.expired).toMatchObject({ cause: 'login_failed' })
    expect(String(report.run.auth?.expired?.detail)).toMatch(
      /HARENA_USER_ID=1 but the login as demo@harena\.test at .* returned a token for user "2"/,
    )
    // No request ever carried user 2's token to user 1's path: the target answered no 403.
    expect(chatRequests(ref.stats().requests).filter((r) => r.status === 403)).toEqual([])
    expect(ref.stats().requests.filter((r) => r.status === 403)).toEqual([])
    // Nothing is a security finding, nothing a critical bug: the probes the stopped run could not send say so.
    const security = (report.security ?? []) as Array<{ id: string; ok: boolean | null; failureCodes?: string[] }>
    expect(security.filter((s) => s.ok === false && !(s.failureCodes ?? []).every((c) => c === 'probe.not_probed'))).toEqual([])
    expect(report.summary.criticalBugs).toBe(0)
    // The terminal names no such finding. (A probe's id may name where the credentials ran out — the first request
    // refused can be a probe's, depending on which worker asks first — which is not a finding.)
    expect(run.stdout + run.stderr).not.toMatch(/critical bugs?[^\n]*security\.other_user|another user's data/i)
  })
})
