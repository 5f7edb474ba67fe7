// `npm run monitor` against a service that declares itself unavailable: HTTP 503 with a long `Retry-After` (a
// maintenance window: 120 s, or an HTTP date a day ahead). RFC 9110 §10.2.3: the service says it is unavailable and for
// how long. A review (2026-12-05) found it read as a plain 5xx: the report never said the service had declared itself
// unavailable, nor until when, and with loose rate thresholds the watch never called it down. Now such an answer is a
// failure (never a success, never a limiter's refusal), starts the "service down" confirmation as no answer does, and
// every document says "declared itself unavailable until …", the rollback recommendation included; the watch never
// waits for the announced end (docs/release.md "A service that declares itself unavailable"). The reference service on
// loopback behind a proxy; the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileProxies } from '../e2e/proxy.ts'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { QUICK_WATCH, readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const proxy = fileProxies()

/** The service's own maintenance answer: JSON, no limiter named, an outage of `retryAfter` announced. */
const maintenance = (retryAfter: string) => ({
  kind: 'answer' as const,
  status: 503,
  body: JSON.stringify({ detail: 'Service en maintenance' }),
  headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
})

describe('npm run monitor: a service that declares itself unavailable (503 + a long Retry-After)', () => {
  it('every route answers 503 Retry-After: 120 after 5 chats, the rate rules and streaks loosened: "service down", declared unavailable until +120 s, named in the report and the recommendation (exit 5)', async () => {
    const ref = await target()
    let down = false
    const front = await proxy(ref.url, (r) => {
      if (r.chatIndex !== null && r.chatIndex >= 5) down = true
      return down ? maintenance('120') : { kind: 'forward' }
    })
    const dir = tempDir('monitor-declared-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      HARENA_BASE_URL: front.url,
      VALIDATION_REPORT_DIR: dir,
      ...QUICK_WATCH,
      MONITOR_DURATION: '20s',
      MONITOR_WINDOW: '4s',
      MONITOR_DOWN_GRACE: '2s',
      // Every rule but "service down" out of reach: the declaration alone must lead there.
      MONITOR_ROLLBACK_ERROR_RATE: '0.99',
      MONITOR_ROLLBACK_CRITICAL_RATE: '0.99',
      MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: '1000',
      MONITOR_ROLLBACK_CRITICAL_REPEAT: '1000',
    })
    const report = readReport(dir)
    expect(report.monitor?.trigger?.rule.id, run.stdout).toBe('rollback.service_down')
    expect(run.code, run.stdout).toBe(5)
    // Never a success, never a limiter's refusal.
    const m = report.monitor
    expect(m?.overall.tally.rateLimited).toBe(0)
    expect(m?.overall.errors).toBeGreaterThan(0)
    expect(m?.health.failed).toBeGreaterThan(0)
    // The trigger says the service declared itself unavailable, and until when (120 s after an answer).
    const trigger = m?.trigger
    expect(trigger?.reason.code).toBe('monitor.service_down')
    const until = Date.parse(String(trigger?.reason.params.until))
    const firedAt = Date.parse(trigger?.at ?? '')
    expect(until - firedAt).toBeGreaterThan(60_000)
    expect(until - firedAt).toBeLessThanOrEqual(120_000)
    expect(report.reasons[0]?.text).toMatch(/declared itself unavailable until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(HTTP 503, Retry-After: 120\)/)
    // The note with the figures, and the recommendation that takes it into account.
    const declared = report.reasons.find((r) => r.code === 'monitor.declared_unavailable')
    expect(declared?.text).toMatch(/^the service declared itself unavailable until .* UTC \(HTTP 503, Retry-After: 120\) on \d+ answer\(s\)/)
    expect(m?.declaredUnavailable?.answers).toBeGreaterThan(0)
    expect(m?.declaredUnavailable?.retryAfter).toBe('120')
    const recommended = report.reasons.find((r) => r.code === 'release.rollback.recommended')
    expect(recommended?.text).toMatch(/declared itself unavailable until .* UTC/)
    expect(readText(dir, 'monitor-report.md')).toContain('declared itself unavailable until')
  }, 60_000)

  it('chats answer 503 with an HTTP-date Retry-After a day ahead, the health route fine: a failure, named with that date, the watch ends on its own time (never waits for it)', async () => {
    const ref = await target()
    const back = new Date(Date.now() + 86_400_000)
    back.setMilliseconds(0)
    const front = await proxy(ref.url, (r) => (r.chatIndex !== null && r.chatIndex >= 5 ? maintenance(back.toUTCString()) : { kind: 'forward' }))
    const dir = tempDir('monitor-declared-date-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      HARENA_BASE_URL: front.url,
      VALIDATION_REPORT_DIR: dir,
      ...QUICK_WATCH,
      MONITOR_DURATION: '6s',
      MONITOR_WINDOW: '3s',
    })
    const report = readReport(dir)
    const m = report.monitor
    // A service that says it is unavailable is never healthy: its answers are errors, at the default thresholds a rollback.
    expect(m?.overall.tally.ok).toBeLessThanOrEqual(5)
    expect(m?.overall.tally.rateLimited).toBe(0)
    expect(run.code, run.stdout).toBe(5)
    expect(m?.declaredUnavailable?.chat).toBeGreaterThan(0)
    expect(m?.declaredUnavailable?.health).toBe(0)
    // Until the date the answers gave (read against their Date header: within a second or two of it).
    expect(Math.abs(Date.parse(m?.declaredUnavailable?.until ?? '') - back.getTime())).toBeLessThan(5000)
    const declared = report.reasons.find((r) => r.code === 'monitor.declared_unavailable')
    expect(declared?.text).toContain(`until ${back.toISOString().replace('T', ' ').replace('.000Z', '')} UTC`)
  }, 60_000)
})
