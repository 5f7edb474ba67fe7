// `npm run monitor` and a health route that fails while every chat answers, never long enough in a row for the health
// streak (release/triggers.ts rollback.health_streak). A review (2026-12-05) found such a watch ending "✅ Stable en
// production", exit 0: the plan's checklist asks "Health check OK (200 status)" and "Crash Rate: 0%". Real reference
// service on loopback behind a proxy that fails every other health check; the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const QUICK = { MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', MONITOR_RPS: '20' }

describe('npm run monitor: failed health checks below the streak', () => {
  it('every other health check HTTP 500, every chat fine: "⚠️ Stable — failed health checks: investigate", the count once, exit 6', async () => {
    const ref = await target()
    let checks = 0
    // Every second health request fails: never two in a row, so the streak of 3 never fires.
    const proxy = await faultProxy(ref.url, (s) =>
      s.health && ++checks % 2 === 0 ? { status: 500, rewrite: () => ({ detail: 'down' }) } : 'forward',
    )
    const dir = tempDir('monitor-health-')
    try {
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: proxy.url,
        ...QUICK,
        MONITOR_DURATION: '5s',
        MONITOR_WINDOW: '5s',
        VALIDATION_REPORT_DIR: dir,
        VALIDATION_LOCALE: 'en',
      })
      const report = readReport(dir)
      expect(report.monitor?.trigger, run.stdout).toBeNull()
      const failed = report.monitor?.health.failed ?? 0
      const total = report.monitor?.health.checks ?? 0
      expect(failed).toBeGreaterThan(0)
      expect(report.monitor?.overall.tally.critical).toBe(0)
      expect(report).toMatchObject({ status: 'stable_with_health_failures', decision: 'INVESTIGATE', exitCode: 6 })
      expect(run.code, run.stderr).toBe(6)
      expect(report.reasons[0]).toMatchObject({ code: 'monitor.health_failed', params: { failed, checks: total, threshold: 3 } })
      const evidence = `the health route failed ${failed} of ${total} checks`
      expect(report.reasons[0]?.text.startsWith(evidence)).toBe(true)
      // Every document: the decision in the status line, the evidence once after it.
      const status = '⚠️ Stable — failed health checks: investigate'
      expect(run.stdout).toContain(`harena-release: ${status} — ${evidence}`)
      const md = readText(dir, 'monitor-report.md')
      expect(md).toContain(`**Status: ${status}** — ${evidence}`)
      const html = readText(dir, 'monitor-report.html')
      expect(html).toContain('data-status="stable_with_health_failures"')
      expect(html).toContain(`<strong>Status: ${status}</strong></div><div> — ${evidence}`)
      for (const doc of [run.stdout, md, html]) {
        expect(doc).not.toContain('Stable in production')
        const line = doc.split('\n').find((l) => l.includes(status)) ?? ''
        expect(line.split(`failed ${failed} of ${total}`).length - 1, line).toBe(1)
      }
    } finally {
      await proxy.close()
    }
  }, 60_000)
})
