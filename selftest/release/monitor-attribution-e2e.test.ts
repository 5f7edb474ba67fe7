// `npm run monitor` while another build takes over between two health checks: build 3.2.8 answers well, then 3.2.9
// answers every chat with HTTP 500, and the watch learns it only at its next health check (MONITOR_HEALTH_EVERY later).
// A review (2026-12-05) found 3.2.9's answers of that stretch credited to 3.2.8: the report's "Per version" showed the
// healthy build with the new one's errors. Now an answer belongs to the build it names (an X-App-Version header), else
// to the version the health checks read on both sides of its request, else to no build: "unattributed", never the old
// build's (docs/release.md "Version changes"). The reference service on loopback behind a proxy that plays both builds.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

/**
 * 3.2.8 answers (forwarded) for the watch's first second; from then on 3.2.9 answers every chat with a 500 and the
 * health route reports 3.2.9 — seen at the watch's next check, about 3 s after its start (its first one goes with its
 * first chat). `tagged`: every answer names its build in an X-App-Version header. No rule may fire (the rates and the
 * repeat out of reach).
 */
async function switchBetweenChecks(tagged: boolean) {
  const ref = await target()
  const answered = { '3.2.8': 0, '3.2.9': 0 }
  let switched = false
  const front = await faultProxy(ref.url, (s) => {
    if (s.health) return { rewrite: (body) => ({ ...body, version: switched ? '3.2.9' : '3.2.8' }) }
    if (!s.chat) return 'forward'
    if (s.elapsedMs >= 1000) switched = true
    const build = switched ? '3.2.9' : '3.2.8'
    answered[build]++
    const named = tagged ? { headers: { 'x-app-version': build } } : {}
    return switched ? { status: 500, ...named } : tagged ? named : 'forward'
  })
  try {
    const dir = tempDir('monitor-attribution-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      HARENA_BASE_URL: front.url,
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
      MONITOR_DURATION: '7s',
      MONITOR_WINDOW: '3s',
      MONITOR_STEP: '500ms',
      MONITOR_STATUS_EVERY: '500ms',
      MONITOR_HEALTH_EVERY: '3s',
      MONITOR_RPS: '20',
      MONITOR_ROLLBACK_ERROR_RATE: '0.99',
      MONITOR_ROLLBACK_CRITICAL_RATE: '0.99',
      MONITOR_ROLLBACK_CRITICAL_REPEAT: '1000',
    })
    return { run, dir, report: readReport(dir), answered }
  } finally {
    await front.close()
  }
}

const byVersion = (report: ReturnType<typeof readReport>, version: string) => report.monitor?.versions.find((v) => v.version === version)?.summary

describe('npm run monitor: answers of a build the health checks have not seen yet', () => {
  it('without a build named in the answers: the stretch between the last check that read 3.2.8 and the first that read 3.2.9 is unattributed — never 3.2.8’s (exit 7)', async () => {
    const { run, dir, report, answered } = await switchBetweenChecks(false)
    expect(answered['3.2.9'], run.stdout).toBeGreaterThan(0)
    expect(run.code, run.stdout).toBe(7)
    expect(report.monitor?.trigger).toBeNull()
    expect(report.deployment.versionChanges.map((c) => [c.from, c.to])).toEqual([['3.2.8', '3.2.9']])
    // 3.2.8 is credited with none of 3.2.9's 500s.
    const old = byVersion(report, '3.2.8')
    expect(old?.errors, JSON.stringify(old?.tally)).toBe(0)
    // They are in no build's figures, counted in the watch's.
    const unattributed = report.monitor?.unattributed
    expect(unattributed?.errors).toBeGreaterThan(0)
    const parts = (report.monitor?.versions ?? []).reduce((n, v) => n + v.summary.tally.requests, 0) + (unattributed?.tally.requests ?? 0)
    expect(parts).toBe(report.monitor?.overall.tally.requests)
    const md = readText(dir, 'monitor-report.md')
    expect(md.slice(md.indexOf('### Per version'))).toMatch(/\n\| unattributed \(between two builds\) \|/)
  }, 60_000)

  it('answers naming their build (X-App-Version) are that build’s, even before a health check saw it: exact per-version figures, nothing unattributed', async () => {
    const { run, report, answered } = await switchBetweenChecks(true)
    expect(answered['3.2.9'], run.stdout).toBeGreaterThan(0)
    expect(run.code, run.stdout).toBe(7)
    const old = byVersion(report, '3.2.8')
    const fresh = byVersion(report, '3.2.9')
    expect(old?.tally.requests).toBe(answered['3.2.8'])
    expect(old?.errors).toBe(0)
    expect(fresh?.tally.requests).toBe(answered['3.2.9'])
    expect(fresh?.errors).toBe(answered['3.2.9'])
    expect(report.monitor?.unattributed ?? null).toBeNull()
  }, 60_000)
})
