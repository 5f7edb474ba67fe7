// `npm run monitor` against a service that goes down behind a load balancer answering its maintenance page: 503,
// "Service Temporarily Unavailable", `Retry-After: 3600`, `Server: awselb/2.0`, on every chat and health request.
// Review finding "outage-503": that Retry-After read as a rate limiter's — every answer "rate limited", the health
// checks "HTTP 503 (rate limited)" outside the health streak, the watch "Inconclusive … lower MONITOR_RPS", never a
// rollback. RFC 9110 §10.2.3: a 503's Retry-After is how long an outage is expected to last (tests/support/rate-limit.ts).
// The reference service on loopback behind a proxy; the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileProxies } from '../e2e/proxy.ts'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const proxy = fileProxies()

const ELB_PAGE =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>'
const MAINTENANCE = { status: 503, body: ELB_PAGE, headers: { 'content-type': 'text/html', 'retry-after': '3600', server: 'awselb/2.0' } }

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
