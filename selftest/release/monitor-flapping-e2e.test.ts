// `npm run monitor` against a service that flaps: it refuses every connection for 3–4 s, answers for 1 s, and again.
// Each outage is shorter than MONITOR_DOWN_GRACE (5 s) and the answer that ends it ended the old "service down"
// confirmation, so the outage was never named: with the rate rules and the streaks loosened (an operator's own
// thresholds), the watch read "investigate", never a rollback (a review, 2026-12-05). The rule now adds the outages up
// over MONITOR_WINDOW (at least twice the grace): no answer for the grace in total, over two outages or more, is
// "service down — flapping" (release/triggers.ts rollback.service_flapping, docs/release.md). The reference service on
// loopback behind a proxy that closes its port and opens it again; the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { type FaultProxy, faultProxy, type Seen } from './fault-proxy.ts'
import { QUICK_WATCH, readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

/** Every rule but "service down" out of reach: an operator's loose thresholds. */
const LOOSE = {
  MONITOR_ROLLBACK_ERROR_RATE: '0.99',
  MONITOR_ROLLBACK_CRITICAL_RATE: '0.99',
  MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: '1000',
  MONITOR_ROLLBACK_CRITICAL_REPEAT: '1000',
}

/**
 * A proxy in front of `upstream` that, once `from` picks a request, closes its port for `downMs` (every connection
 * dropped, new ones refused), then answers for at least `upMs` and until it has answered a chat and a health check —
 * the watch saw it back, even when a loaded machine delays the watch's probes — and closes again: a service that
 * flaps. `outages()`: how many times it went down.
 */
async function flapping(upstream: string, downMs: number, upMs: number, from: (seen: Seen) => boolean) {
  let backAt = 0
  let outages = 0
  const answered = { chat: true, health: true }
  const front: FaultProxy = await faultProxy(upstream, (seen) => {
    if (!from(seen) || Date.now() - backAt < upMs || !answered.chat || !answered.health) {
      if (seen.chat) answered.chat = true
      if (seen.health) answered.health = true
      return 'forward'
    }
    outages++
    backAt = Date.now() + downMs
    answered.chat = false
    answered.health = false
    return { refuseForMs: downMs }
  })
  return { front, outages: () => outages }
}

describe('npm run monitor: a service that flaps', () => {
  // Down 3 s rather than 4: the proxy's own timer, late by a second on a loaded machine, keeps the outage under the grace.
  it('down 3 s, up 1 s, repeatedly, each outage shorter than the grace: "service down — flapping", rollback recommended (exit 5) with loose thresholds', async () => {
    const ref = await target()
    const { front, outages } = await flapping(ref.url, 3000, 1000, (seen) => seen.chat && seen.elapsedMs >= 2000)
    try {
      const dir = tempDir('monitor-flapping-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        ...LOOSE,
        MONITOR_DURATION: '30s',
        MONITOR_WINDOW: '4s',
      })
      expect(outages(), run.stdout).toBeGreaterThanOrEqual(2)
      const report = readReport(dir)
      expect(report.monitor?.trigger?.rule.id, run.stdout).toBe('rollback.service_flapping')
      expect(run.code, run.stdout).toBe(5)
      expect(report.status).toBe('rollback_recommended')
      // Named as what it is, first: the status line's reason, the report's first reason.
      expect(report.reasons[0]?.code).toBe('monitor.service_flapping')
      const params = report.monitor?.trigger?.reason.params ?? {}
      expect(params.outages as number).toBeGreaterThanOrEqual(2)
      expect(params.downMs as number).toBeGreaterThanOrEqual(params.graceMs as number)
      expect(params.graceMs).toBe(5000)
      // MONITOR_WINDOW 4 s is shorter than twice the grace: the outages are added up over 10 s.
      expect(params.spanMs).toBe(10_000)
      expect(run.stdout).toMatch(/^harena-release: ❌ Rollback recommended[^\n]* — service down, flapping: /m)
      expect(readText(dir, 'monitor-report.md')).toContain('Service down, flapping (outages added up over the window) → rollback')
    } finally {
      await front.close()
    }
  }, 90_000)

  it('one outage of 3 s (shorter than the grace) is still failed requests, never "service down": no rollback', async () => {
    // A grace of 10 s, not the default 5 s: the outage the watch sees ends when the proxy's timer opens the port again,
    // and that timer is late by as much as the machine is loaded — 2.1 s late, the outage lasts 5.1 s, a "service
    // down" against 5 s (tried: rollback, exit 5). Shorter than the grace by 7 s, it stays shorter on a loaded machine.
    const ref = await target()
    let went = false
    const front = await faultProxy(ref.url, (seen) => {
      if (went || !seen.chat || seen.elapsedMs < 2000) return 'forward'
      went = true
      return { refuseForMs: 3000 }
    })
    try {
      const dir = tempDir('monitor-one-outage-')
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        VALIDATION_REPORT_DIR: dir,
        ...QUICK_WATCH,
        ...LOOSE,
        MONITOR_DURATION: '12s',
        MONITOR_WINDOW: '4s',
        MONITOR_DOWN_GRACE: '10s',
      })
      expect(went).toBe(true)
      const report = readReport(dir)
      expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
      expect(report.reasons.map((r) => r.code)).not.toContain('monitor.service_flapping')
      expect(run.code, run.stdout).not.toBe(5)
    } finally {
      await front.close()
    }
  }, 60_000)
})
