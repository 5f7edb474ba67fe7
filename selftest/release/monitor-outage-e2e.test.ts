// `npm run monitor` against a service that goes down behind a load balancer answering its maintenance page: 503,
// "Service Temporarily Unavailable", `Retry-After: 3600`, `Server: awselb/2.0`, on every chat and health request.
// Review finding "outage-503": that Retry-After read as a rate limiter's — every answer "rate limited", the health
// checks "HTTP 503 (rate limited)" outside the health streak, the watch "Inconclusive … lower MONITOR_RPS", never a
// rollback. RFC 9110 §10.2.3: a 503's Retry-After is how long an outage is expected to last (tests/support/rate-limit.ts).
// The reference service on loopback behind a proxy; the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileProxies } from '../e2e/proxy.ts'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { type FaultProxy, faultProxy, type Seen } from './fault-proxy.ts'
import { QUICK_WATCH, readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const proxy = fileProxies()

const ELB_PAGE =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>'
const MAINTENANCE = { status: 503, body: ELB_PAGE, headers: { 'content-type': 'text/html', 'retry-after': '3600', server: 'awselb/2.0' } }

/** A proxy in front of `upstream` that refuses connections once, for `ms`, at the first request `when` picks (a restart). */
async function restartingOnce(upstream: string, ms: number, when: (seen: Seen) => boolean): Promise<{ front: FaultProxy; restarted: () => boolean }> {
  let restarted = false
  const front = await faultProxy(upstream, (seen) => {
    if (restarted || !when(seen)) return 'forward'
    restarted = true
    return { refuseForMs: ms }
  })
  return { front, restarted: () => restarted }
}

/** The events a watch wrote (monitor-events.ndjson), one object per line. */
const eventsOf = (dir: string): Array<Record<string, unknown> & { type: string }> =>
  readText(dir, 'monitor-events.ndjson')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { type: string })

describe('npm run monitor: a service that went down behind a load balancer', () => {
  it("after 5 chats every chat and health check is the LB's 503 page with Retry-After: 3600 → judged down, rollback (exit 5)", async () => {
    const ref = await target()
    // The login still passes (the LB's own route), the service behind it does not: down after its 5th chat.
    let down = false
    const front = await proxy(ref.url, (r) => {
      if (r.chatIndex !== null && r.chatIndex >= 5) down = true
      return down && !/login|auth/.test(r.path) ? { kind: 'answer', ...MAINTENANCE } : { kind: 'forward' }
    })
    const dir = tempDir('monitor-outage-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      HARENA_BASE_URL: front.url,
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
      MONITOR_STEP: '500ms',
      MONITOR_STATUS_EVERY: '500ms',
      MONITOR_HEALTH_EVERY: '500ms',
      MONITOR_DURATION: '8s',
      MONITOR_WINDOW: '4s',
      MONITOR_RPS: '10',
    })
    const report = readReport(dir)
    expect(run.code, run.stderr).toBe(5)
    expect(report.monitor?.trigger).not.toBeNull()
    expect(report.monitor?.overall.tally.rateLimited).toBe(0)
    expect(report.monitor?.overall.errors).toBeGreaterThan(0)
    expect(report.monitor?.health.failed).toBeGreaterThan(0)
    expect(report.reasons.map((r) => r.code)).not.toContain('monitor.rate_limited')
    expect(run.stdout).not.toMatch(/rate limited|MONITOR_RPS/)
  }, 60_000)
})

// Review finding "restart300": a service refusing connections once for 300 ms (a restart) read "service down,
// confirmed at once by the other route", rolled back — the confirming health check went 1 ms after the refusal.
describe('npm run monitor: a service restarting once', () => {
  it('refusing connections for 300 ms is failed requests, not "service down" (MONITOR_DOWN_GRACE): no rollback, exit 6, its confirming health check counted', async () => {
    const ref = await target()
    const { front, restarted } = await restartingOnce(ref.url, 300, (seen) => seen.chat && seen.elapsedMs >= 3000)
    try {
      const dir = tempDir('monitor-restart-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        MONITOR_DURATION: '8s',
        MONITOR_WINDOW: '4s',
        // The streak and the critical-bug rate out of reach (a loaded machine sends fewer asks: 4 refused of a window
        // of 29 proved 5 %): what this proves is "service down" waiting out its grace (5 s by default).
        MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: '10',
        MONITOR_ROLLBACK_CRITICAL_RATE: '0.5',
      })
      expect(restarted()).toBe(true)
      const report = readReport(dir)
      expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
      expect(run.code, run.stdout).toBe(6)
      expect(report.monitor?.overall.tally.transport).toBeGreaterThan(0)
      // The health check that refused "service down" was refused itself: in the figures and the events.
      const events = eventsOf(dir)
      const confirming = events.filter((e) => e.type === 'health_failed' && e.confirming === true)
      expect(confirming.length).toBeGreaterThan(0)
      expect(report.monitor?.health.failed).toBeGreaterThanOrEqual(confirming.length)
    } finally {
      await front.close()
    }
  }, 60_000)
})

// Second review of that fix: at the default streak (MONITOR_ROLLBACK_CONSECUTIVE_FAILURES=3) the restart's refused
// requests made a transport streak that rolled back before "service down" had waited its grace. A streak made while
// the whole service is out is now held until that check knows: back within the grace, it is forgiven.
describe('npm run monitor: a restart at the default streak', () => {
  it('refusing connections for 1 s (10 refused asks in a row) is an outage shorter than the grace: the streak is forgiven, no rollback', async () => {
    const ref = await target()
    const { front, restarted } = await restartingOnce(ref.url, 1000, (seen) => seen.elapsedMs >= 3000)
    try {
      const dir = tempDir('monitor-restart-streak-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        MONITOR_DURATION: '9s',
        MONITOR_WINDOW: '4s',
        // The streak at its default; the rate rules out of reach: what this proves is the streak's.
        MONITOR_ROLLBACK_ERROR_RATE: '0.9',
        MONITOR_ROLLBACK_CRITICAL_RATE: '0.9',
      })
      expect(restarted()).toBe(true)
      const report = readReport(dir)
      expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
      expect([0, 6], run.stdout).toContain(run.code)
      const events = eventsOf(dir)
      // The streak did reach its threshold during the outage (without the hold it rolled back) and was forgiven.
      expect(events.filter((e) => e.type === 'outage_recovered' && e.streakForgiven === true).length, run.stdout).toBeGreaterThan(0)
    } finally {
      await front.close()
    }
  }, 60_000)
})

// Third review: the same 300 ms restart AS THE WATCH OPENS (its login dropped, the health route refused 1 ms later)
// was "service down" at once — the opening confirmed with one health check, no grace (exit 5). It now re-probes the
// health route until MONITOR_DOWN_GRACE like the watch, and opens the target again once it answers.
describe('npm run monitor: a service restarting as the watch opens', () => {
  it('its login dropped and the port refusing for 300 ms: the watch opens after the restart, no rollback', async () => {
    const ref = await target()
    const { front, restarted } = await restartingOnce(ref.url, 300, (seen) => /login|auth/.test(seen.path))
    try {
      const dir = tempDir('monitor-open-restart-')
      const run = await runCli('monitor', {
        HARENA_BASE_URL: front.url,
        HARENA_USERNAME: 'demo@harena.test',
        HARENA_PASSWORD: 'harena-demo',
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        MONITOR_DURATION: '4s',
        MONITOR_WINDOW: '2s',
        MONITOR_MIN_SAMPLES: '10',
      })
      expect(restarted()).toBe(true)
      const report = readReport(dir)
      expect(
        report.reasons.map((r) => r.code),
        run.stdout,
      ).not.toContain('monitor.service_down')
      expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
      // The watch ran: its chats were judged after the restart.
      expect(report.monitor?.overall.tally.requests, run.stdout).toBeGreaterThan(0)
      expect([0, 6], run.stdout).toContain(run.code)
    } finally {
      await front.close()
    }
  }, 60_000)
})

// Third review: a hung service (connections accepted, never an answer): the confirming chat request waited its
// whole HARENA_TIMEOUT_MS (60 s) for a grace of 5 s, and the wait was said nowhere (no event, the status line silent).
describe('npm run monitor: a service that hangs', () => {
  it('"service down" is confirmed within the grace (the confirming chat capped by it), the check said as it runs', async () => {
    const ref = await target()
    const front = await faultProxy(ref.url, (seen) => ((seen.chat || seen.health) && seen.elapsedMs >= 2000 ? 'hang' : 'forward'))
    try {
      const dir = tempDir('monitor-hang-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        HARENA_TIMEOUT_MS: '30000',
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        MONITOR_DURATION: '20s',
        MONITOR_WINDOW: '4s',
        MONITOR_MAX_IN_FLIGHT: '256',
        MONITOR_DOWN_GRACE: '2s',
        // The streaks out of reach: "service down" is what this proves.
        MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: '1000',
      })
      const report = readReport(dir)
      expect(report.monitor?.trigger?.reason.code, run.stdout).toBe('monitor.service_down')
      expect(run.code, run.stdout).toBe(5)
      // The confirming chat got no answer within what was left of the grace, not within HARENA_TIMEOUT_MS.
      expect(String(report.monitor?.trigger?.reason.params.confirm)).toMatch(/^chat q\d+: no answer in \d+ ms$/)
      expect(report.reasons.find((r) => r.code === 'monitor.service_down')?.text).toMatch(/rollback at once after [\d.]+ s of no answer$/)
      const events = eventsOf(dir)
      expect(events.filter((e) => e.type === 'down_check').map((e) => [e.state, e.outcome])).toEqual([
        ['started', undefined],
        ['ended', 'down'],
      ])
      expect(run.stderr).toContain('"service down" being confirmed')
    } finally {
      await front.close()
    }
  }, 90_000)
})
