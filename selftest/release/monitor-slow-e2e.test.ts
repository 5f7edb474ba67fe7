// `npm run monitor` against a healthy service that answers slowly, as the real Harena does (10–50 s). A review
// (2026-12-05): every such watch ended "⚠️ Inconclusive", exit 1 — the 2 s drain after the planned end left every
// request sent in the last (latency − 2 s) unanswered — and a service proven over the P95 objective read
// "Inconclusive" with the objective's miss as its first reason. After the planned end nothing is sent and each request
// in flight is awaited until it settles by its own deadline (HARENA_TIMEOUT_MS). Real reference service behind a
// loopback fault proxy that delays every chat answer, the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
// Enough in flight for the pace (8/s × 4.3 s), so that no send is skipped: only the end of the watch is at stake.
const SLOW = {
  MONITOR_DURATION: '4s',
  MONITOR_WINDOW: '4s',
  MONITOR_STEP: '1s',
  MONITOR_RPS: '8',
  MONITOR_MAX_IN_FLIGHT: '64',
  MONITOR_STATUS_EVERY: '1s',
  MONITOR_HEALTH_EVERY: '1s',
  HARENA_TIMEOUT_MS: '8000',
  VALIDATION_LOCALE: 'en',
}

async function slowWatch(delayMs: number, env: Record<string, string> = {}) {
  const ref = await target()
  const proxy = await faultProxy(ref.url, (s) => (s.chat ? { delayMs } : 'forward'))
  const dir = tempDir('monitor-slow-')
  try {
    const run = await runCli('monitor', { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, ...SLOW, ...env, VALIDATION_REPORT_DIR: dir })
    return { run, report: readReport(dir) }
  } finally {
    await proxy.close()
  }
}

describe('npm run monitor: a slow healthy service', () => {
  it('every answer in 2.5 s (longer than the old 2 s drain): the answers in flight at the end are awaited, "Stable", exit 0', async () => {
    const { run, report } = await slowWatch(2500)
    expect(report.monitor?.unfinished, run.stdout).toEqual({ count: 0, oldestMs: null })
    expect(report.monitor?.skipped).toBe(0)
    expect(report.monitor?.overall.tally.requests).toBe(report.monitor?.sent)
    expect(report.status, JSON.stringify(report.reasons.map((r) => r.code))).toBe('stable')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout + run.stderr).toContain('waiting for the')
    expect(run.stdout).not.toContain('Inconclusive')
  }, 60_000)

  it('every answer in 4.3 s (P95 objective < 4000 ms proven missed, under the P95 alert): stable with findings, the objective first, exit 6', async () => {
    // The alert at 8 s (the default 5 s was 0.7 s above the answers: the proxy's timers, late together when the
    // machine is loaded, put every answer in flight over it — tried with 5.4 s answers: the alert fired, exit 6 as
    // "investigate"), and the deadline above it.
    const { run, report } = await slowWatch(4300, { MONITOR_ALERT_P95_MS: '8000', HARENA_TIMEOUT_MS: '12000' })
    expect(report.monitor?.unfinished.count, run.stdout).toBe(0)
    expect(report).toMatchObject({ status: 'stable_with_findings', decision: 'INVESTIGATE', exitCode: 6 })
    expect(run.code, run.stderr).toBe(6)
    expect(report.reasons[0]).toMatchObject({ code: 'monitor.objective_missed', params: { objective: 'objective.p95', threshold: 4000 } })
  }, 60_000)
})
