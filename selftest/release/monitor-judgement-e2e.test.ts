// `npm run monitor`'s judgement of what it could and could not see, against the reference service on loopback:
// a limiter's refusals are not errors, the whole watch is judged, a watch that judged nothing or never started
// is never "Stable", a target never reached is never rolled back, Ctrl-C ends a hanging login, and requests
// still unanswered at the end are reported.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const ROLLBACK = { RELEASE_ROLLBACK_COMMAND: 'echo ROLLBACK-EXECUTED' }
const FAST = { MONITOR_STEP: '500ms', MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', VALIDATION_LOCALE: 'en' }

describe('npm run monitor: what it judged', () => {
  it("a rate limiter's refusals (429) of a monitor asking faster than it declares are not executed: no error, no rollback, the report says the monitor was rate limited", async () => {
    // "Retry-After: 1" asks for one request a second; the monitor asks 30.
    const ref = await target([{ rate: 0.7, fault: { kind: 'rateLimited', status: 429, headers: { 'retry-after': '1' } } }])
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

  // A review (2026-12-06): 40 % of chats refused with 429 at 1 r/s, far under any quota, read "✅ Stable", exit 0.
  it.each([
    ['within the quota it declares (RateLimit-Policy: 100 a second)', { 'ratelimit-policy': '100;w=1' }],
    ['declaring no quota at all', {}],
  ])(
    'a limiter %s refusing 60 percent of the chats at 10 r/s: errors of the service, never "Stable", the share in a reason',
    async (_label, headers) => {
      const ref = await target([{ rate: 0.6, fault: { kind: 'rateLimited', status: 429, headers } }])
      const dir = tempDir('monitor-429-within-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        ...FAST,
        VALIDATION_REPORT_DIR: dir,
        MONITOR_DURATION: '4s',
        MONITOR_WINDOW: '2s',
        MONITOR_RPS: '10',
      })
      const report = readReport(dir)
      expect(run.stdout).not.toContain('Stable')
      expect(report.monitor?.overall.tally.rateLimited).toBe(0)
      expect(report.monitor?.overall.tally.refusedWithinQuota).toBeGreaterThan(10)
      // Errors: the rollback rule proves > 20 % (rollback recommended, exit 5), never a watch the limiter made inconclusive.
      expect(report.monitor?.trigger?.rule.id).toBe('rollback.error_rate')
      expect(run.code, run.stderr).toBe(5)
      const said = report.reasons.find((r) => r.code === 'monitor.refused_within_quota')
      expect(Number(said?.params.share)).toBeGreaterThan(0.4)
      expect(said?.text).toMatch(/^the service refused \d+ of \d+ requests \(\d+\.\d ?%\) through a rate limiter .* at 10 r\/s/)
      expect(report.monitor?.examples[0]?.reasons[0]).toMatch(/^refused by a rate limiter \(HTTP 429\) while the monitor asked at 10 r\/s/)
    },
    60_000,
  )

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

  it('requests still unanswered when a trigger ends the watch are counted and reported, never dropped', async () => {
    // The first second's chats never answer (far from their deadline), then answers carry user 2's id: the leak
    // rollback stops the watch with those requests still in flight.
    const ref = await target()
    const proxy = await faultProxy(ref.url, (s) => (!s.chat ? 'forward' : s.elapsedMs < 1000 ? 'hang' : { rewrite: (b) => ({ ...b, user_id: 2 }) }))
    const dir = tempDir('monitor-hang-')
    try {
      await runCli('monitor', {
        ...tokenEnv(ref),
        ...FAST,
        HARENA_BASE_URL: proxy.url,
        HARENA_TIMEOUT_MS: '30000',
        VALIDATION_REPORT_DIR: dir,
        MONITOR_DURATION: '6s',
        MONITOR_WINDOW: '3s',
        MONITOR_RPS: '10',
        MONITOR_MAX_IN_FLIGHT: '64',
      })
    } finally {
      await proxy.close()
    }
    const m = readReport(dir).monitor
    expect(m?.trigger?.rule.id).toBe('rollback.leak')
    expect(m?.unfinished.count).toBeGreaterThan(0)
    expect((m?.overall.tally.requests ?? 0) + (m?.overall.tally.rateLimited ?? 0) + (m?.unfinished.count ?? 0)).toBe(m?.sent)
    expect(readReport(dir).reasons.map((r) => r.code)).toContain('monitor.unfinished')
  }, 60_000)
})
