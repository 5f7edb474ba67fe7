// `npm run monitor`'s judgement of what it could and could not see, against the reference service on loopback:
// a limiter's refusals are not errors, the whole watch is judged, a watch that judged nothing or never started
// is never "Stable", a target never reached is never rolled back, Ctrl-C ends a hanging login, and requests
// still unanswered at the end are reported.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { closedPort, fileTargets, tokenEnv } from '../e2e/target.ts'
import { readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const ROLLBACK = { RELEASE_ROLLBACK_COMMAND: 'echo ROLLBACK-EXECUTED' }
const FAST = { MONITOR_STEP: '500ms', MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', VALIDATION_LOCALE: 'en' }

describe('npm run monitor: what it judged', () => {
  it("a rate limiter's refusals (429) are not executed: no error, no rollback, the report says the monitor was rate limited", async () => {
    const ref = await target([{ rate: 0.7, fault: { kind: 'rateLimited', status: 429 } }])
    const dir = tempDir('monitor-429-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      ...ROLLBACK,
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '4s',
      MONITOR_WINDOW: '2s',
      MONITOR_RPS: '30',
    })
    expect(run.stdout).not.toContain('ROLLBACK-EXECUTED')
    const report = readReport(dir)
    expect(report.monitor?.trigger).toBeNull()
    expect(report.monitor?.overall.errors).toBe(0)
    expect(report.monitor?.overall.tally.rateLimited).toBeGreaterThan(report.monitor?.overall.tally.requests ?? 0)
    // Most requests refused: the watch judged too little — inconclusive, exit 1, never "Stable".
    expect(report.status).toBe('inconclusive')
    expect(run.code, run.stderr).toBe(1)
    expect(report.reasons.map((r) => r.code)).toContain('monitor.rate_limited')
  }, 60_000)

  it('every window too small to judge, the whole watch clearly failing: the whole watch fires the rollback rule', async () => {
    // One request in flight at a time, each 250 ms: ≈ 4 answers a second, fewer than 20 in any 2 s window.
    const ref = await target([{ fault: { kind: 'latency', ms: 250 } }, { fault: { kind: 'fallback' } }])
    const dir = tempDir('monitor-whole-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '20s',
      MONITOR_WINDOW: '2s',
      MONITOR_RPS: '10',
      MONITOR_MAX_IN_FLIGHT: '1',
    })
    expect(run.code, run.stderr).toBe(5)
    const report = readReport(dir)
    expect(report.monitor?.trigger?.rule.id).toBe('rollback.error_rate')
    expect(report.monitor?.trigger?.reason.params.scope).toBe('run')
    expect(report.monitor?.trigger?.evaluated?.index).toBe(0)
    expect(report.monitor?.inconclusive['rollback.error_rate']).toBeGreaterThan(0)
    expect(report.reasons[0]?.text).toMatch(/^whole watch /)
  }, 60_000)

  it('a watch that judged too few requests is inconclusive (exit 1), never "Stable", however good or bad they were', async () => {
    const ref = await target([{ fault: { kind: 'latency', ms: 1000 } }, { fault: { kind: 'fallback' } }])
    const dir = tempDir('monitor-few-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '5s',
      MONITOR_WINDOW: '5s',
      MONITOR_RPS: '4',
      MONITOR_MAX_IN_FLIGHT: '1',
    })
    expect(run.code, run.stderr).toBe(1)
    const report = readReport(dir)
    expect(report.status).toBe('inconclusive')
    expect(report.decision).toBe('INCONCLUSIVE')
    expect(report.reasons[0]?.code).toBe('monitor.judged_too_little')
    expect(run.stdout).toContain('Inconclusive')
    expect(run.stdout).not.toContain('Stable')
  }, 60_000)

  it('requests still unanswered when the watch ends are counted and reported, never dropped', async () => {
    const ref = await target([{ after: 10, fault: { kind: 'hang' } }])
    const dir = tempDir('monitor-hang-')
    await runCli('monitor', {
      ...tokenEnv(ref),
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '3s',
      MONITOR_WINDOW: '3s',
      MONITOR_RPS: '10',
    })
    const m = readReport(dir).monitor
    expect(m?.unfinished.count).toBeGreaterThan(0)
    expect((m?.overall.tally.requests ?? 0) + (m?.overall.tally.rateLimited ?? 0) + (m?.unfinished.count ?? 0)).toBe(m?.sent)
    expect(readReport(dir).reasons.map((r) => r.code)).toContain('monitor.unfinished')
  }, 60_000)
})

describe('npm run monitor: a watch that did not happen', () => {
  it('a target never reached (a mistyped port) is "not monitored", exit 1: the rollback command never runs', async () => {
    const dir = tempDir('monitor-closed-')
    const port = await closedPort()
    const run = await runCli('monitor', {
      HARENA_BASE_URL: `http://127.0.0.1:${port}`,
      HARENA_API_TOKEN: 'a-token-of-some-length',
      ...ROLLBACK,
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '5s',
      MONITOR_WINDOW: '5s',
      MONITOR_RPS: '4',
    })
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).not.toContain('ROLLBACK-EXECUTED')
    expect(readReport(dir)).toMatchObject({ status: 'not_monitored', decision: 'NOT_MONITORED', reasons: [{ code: 'release.monitor.unusable' }] })
  }, 60_000)

  // Review 2026-12-04: with a pace that fills its windows, a token the target refuses counted its 401s as errors
  // and the rollback rule fired on a healthy service.
  it('a token the target refuses from the start: "not monitored", exit 1, as a refused login — never a rollback', async () => {
    // The token is tried on the user's own route before the watch (release/probe.ts tokenRefused), as verify and
    // release try it: refused there, it is refused credentials, not a watch of 401s.
    const ref = await target()
    const dir = tempDir('monitor-badtoken-')
    const run = await runCli('monitor', {
      HARENA_BASE_URL: ref.url,
      HARENA_API_TOKEN: 'opaque-token-this-service-never-issued',
      ...ROLLBACK,
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '4s',
      MONITOR_WINDOW: '2s',
      MONITOR_RPS: '20',
    })
    expect(run.stdout).not.toContain('ROLLBACK-EXECUTED')
    const report = readReport(dir)
    expect(report.monitor?.trigger ?? null).toBeNull()
    expect(report.status).toBe('not_monitored')
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/HARENA_API_TOKEN is refused/)
  }, 60_000)

  it('refused credentials: "not monitored", exit 1, never "Stable"', async () => {
    const ref = await target()
    const dir = tempDir('monitor-badpw-')
    const run = await runCli('monitor', {
      HARENA_BASE_URL: ref.url,
      HARENA_USERNAME: 'demo@harena.test',
      HARENA_PASSWORD: 'wrong-password',
      ...FAST,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '5s',
      MONITOR_WINDOW: '5s',
      MONITOR_RPS: '4',
    })
    expect(run.code, run.stderr).toBe(1)
    expect(readReport(dir).status).toBe('not_monitored')
    expect(run.stdout).not.toContain('Stable')
  }, 60_000)

  it('Ctrl-C during a login that never gets an answer stops at once: interrupted (130), not after HARENA_TIMEOUT_MS', async () => {
    // Accepts every request and never answers (the preflight moves on after its own 5 s, the login would wait 2 min).
    let loginSeen: () => void = () => undefined
    const login = new Promise<void>((r) => (loginSeen = r))
    const server: Server = createServer((req) => {
      if (req.url?.includes('/auth/login')) loginSeen()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const dir = tempDir('monitor-blackhole-')
    try {
      const run = await runCli(
        'monitor',
        {
          HARENA_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          HARENA_USERNAME: 'demo@harena.test',
          HARENA_PASSWORD: 'harena-demo',
          HARENA_TIMEOUT_MS: '120000',
          ...FAST,
          VALIDATION_REPORT_DIR: dir,
          MONITOR_DURATION: '5s',
          MONITOR_WINDOW: '5s',
          MONITOR_RPS: '4',
        },
        undefined,
        // The monitor prints nothing while it logs in: signal it once the login request has arrived.
        (child) => void login.then(() => child.kill('SIGINT')),
      )
      expect(run.code, run.stderr).toBe(130)
      expect(readReport(dir).status).toBe('interrupted')
    } finally {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }, 50_000)
})
