// `npm run monitor` and what no rule acts on but a release gate must not call "Stable". A review (2026-12-05) found
// four watches ending "✅ Stable in production", exit 0: questions answered with a pipeline fallback at every ask and a
// success rate proven under the plan's 95 % (T4.7 "Objectifs"); RELEASE_EXPECTED_VERSION ignored (3.2.7 watched for an
// expected 3.2.8); a P95 alert proven in several windows; the health route's version gone mid-watch. Real reference
// service on loopback (behind a fault proxy where the health route's body is rewritten), the CLI as a child process.
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const QUICK = { MONITOR_STEP: '500ms', MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', VALIDATION_LOCALE: 'en' }
/** The health route's body with `version` set (a deployed build), or without any version. */
const withVersion = (version: string | null) => (body: Record<string, unknown>) => {
  const { version: _, ...rest } = body
  return version === null ? rest : { ...rest, version }
}

describe('npm run monitor: findings no rule acts on', () => {
  it('two questions answered with a fallback at every ask: the success-rate objective proven missed and both questions named, exit 6', async () => {
    // q07 (Carrefour) and q08 (Netflix): 2 of the 15 questions in rotation, 13.3 % errors — below the 20 % rollback,
    // not proven above the 10 % alert over ≈ 210 requests (its bound ≈ 9 %), proven above the plan's 5 % objective.
    const ref = await target([
      { match: 'Carrefour', fault: { kind: 'fallback' } },
      { match: 'Netflix', fault: { kind: 'fallback' } },
    ])
    const dir = tempDir('monitor-objective-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      ...QUICK,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '7s',
      MONITOR_WINDOW: '4s',
      MONITOR_RPS: '30',
    })
    const report = readReport(dir)
    expect(report.monitor?.trigger, run.stdout).toBeNull()
    expect(
      report.monitor?.whole.filter((v) => v.state === 'fired'),
      run.stdout,
    ).toEqual([])
    expect(report).toMatchObject({ status: 'stable_with_findings', decision: 'INVESTIGATE', exitCode: 6 })
    expect(run.code, run.stderr).toBe(6)
    const codes = report.reasons.map((r) => r.code)
    expect(codes.slice(0, 3)).toEqual(['monitor.objective_missed', 'monitor.question_failing', 'monitor.question_failing'])
    expect(report.reasons[0]?.params).toMatchObject({ objective: 'objective.error_rate', threshold: 0.05 })
    expect(report.reasons[0]?.params.lower as number).toBeGreaterThan(0.05)
    // 2 of the 15 questions in rotation: 13.3 % when the requests are a multiple of 15, 12.4–14.3 % otherwise (26/201).
    expect(report.reasons[0]?.text).toMatch(/\(success rate > 95\.0%\): error rate 1[2-4]\.\d%/)
    expect(report.reasons.slice(1, 3).map((r) => r.params.question)).toEqual(['q07', 'q08'])
    expect(report.monitor?.failingQuestions.map((q) => q.questionId)).toEqual(['q07', 'q08'])
    const status = '⚠️ Stable — plan objectives missed, question(s) failing at every ask: investigate'
    expect(run.stdout).toContain(`harena-release: ${status}`)
    const md = readText(dir, 'monitor-report.md')
    expect(md).toContain(`**Status: ${status}**`)
    expect(md).not.toContain('Stable in production')
    // Listed under "Issues Detected", never "None".
    const issues = md.slice(md.indexOf('## Issues Detected'))
    expect(issues).toContain('question q07 failed at every one of its')
    expect(issues.split('\n').slice(0, 4).join('\n')).not.toContain('None')
  }, 90_000)

  // Review 2026-12-05 ("cat1"): q11 answered in 6 s at every ask, the others in a few ms — "✅ Stable", exit 0, while
  // the report showed a P95 over the threshold in every full window; no document named the question or its category.
  it('one question slower than MONITOR_ALERT_P95_MS at every ask: named with its category in every document, exit 6, never "Stable"', async () => {
    // q11 ("Mes tendances de dépenses", analytics_insights) answers in 800 ms, the others at once; the threshold 500 ms:
    // 1 ask in 15, too few for any window's P95 bound (nor the whole watch's) to prove an alert.
    const ref = await target([{ match: 'tendances', fault: { kind: 'latency', ms: 800 } }])
    const dir = tempDir('monitor-slow-question-')
    const run = await runCli('monitor', {
      ...tokenEnv(ref),
      ...QUICK,
      VALIDATION_REPORT_DIR: dir,
      MONITOR_DURATION: '6s',
      MONITOR_WINDOW: '3s',
      MONITOR_RPS: '15',
      MONITOR_ALERT_P95_MS: '500',
    })
    const report = readReport(dir)
    expect(report.monitor?.trigger, run.stdout).toBeNull()
    expect(
      report.monitor?.slowQuestions.map((q) => [q.questionId, q.category]),
      run.stdout,
    ).toEqual([['q11', 'analytics_insights']])
    expect(report.monitor?.slowQuestions[0]?.minMs).toBeGreaterThan(500)
    expect(report.monitor?.questions.find((q) => q.questionId === 'q11')).toMatchObject({ category: 'analytics_insights', failed: 0 })
    expect(report.status).not.toBe('stable')
    expect(run.code, run.stdout).toBe(6)
    const named = /question q11 \(analytics_insights\) took longer than 500 ms at most of its asks \((\d+) of \1,/
    expect(report.reasons.find((r) => r.code === 'monitor.question_slow')?.text).toMatch(named)
    expect(run.stdout).toMatch(named)
    expect(run.stdout).toContain('question(s) slow at most asks')
    const md = readText(dir, 'monitor-report.md')
    // Markdown escapes the underscore.
    expect(md).toMatch(/question q11 \(analytics\\_insights\) took longer than 500 ms at most of its asks \((\d+) of \1,/)
    expect(md).toContain('### Per question (executed asks)')
    expect(md).toMatch(/\| q11 +\| analytics\\_insights +\|/)
    const html = readText(dir, 'monitor-report.html')
    expect(html).toMatch(named)
    expect(html).toContain('<td class="">analytics_insights</td>')
  }, 90_000)

  /** `npm run monitor` through a fault proxy deciding each request (`decide`), with `env` over the quick settings. */
  async function watchBehind(decide: Parameters<typeof faultProxy>[1], env: Record<string, string>, name: string) {
    const ref = await target()
    const proxy = await faultProxy(ref.url, decide)
    const dir = tempDir(name)
    try {
      const run = await runCli('monitor', { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, ...QUICK, VALIDATION_REPORT_DIR: dir, ...env })
      return { run, report: readReport(dir), dir }
    } finally {
      await proxy.close()
    }
  }

  /** A short watch whose health route reports `reported`, with RELEASE_EXPECTED_VERSION=3.2.8; the report and the run. */
  const watchExpecting = (reported: string, name: string) =>
    watchBehind(
      (s) => (s.health ? { rewrite: withVersion(reported) } : 'forward'),
      { MONITOR_DURATION: '3s', MONITOR_WINDOW: '3s', MONITOR_RPS: '20', RELEASE_EXPECTED_VERSION: '3.2.8' },
      name,
    )

  it('RELEASE_EXPECTED_VERSION=3.2.8, the service reports 3.2.7 all along: "Not the expected version", exit 7, never "Stable"', async () => {
    const { run, report } = await watchExpecting('3.2.7', 'monitor-expected-')
    expect(report.deployment.versionChanges).toEqual([])
    expect(report).toMatchObject({ status: 'unexpected_version', decision: 'UNEXPECTED_VERSION', exitCode: 7 })
    expect(run.code, run.stderr).toBe(7)
    expect(report.reasons[0]).toMatchObject({ code: 'monitor.version.unexpected', params: { expected: '3.2.8', observed: '3.2.7' } })
    expect(report.reasons[0]?.text).toContain('the watch judged version 3.2.7, not the expected 3.2.8')
    expect(run.stdout).toContain('⚠️ Not the expected version')
    expect(run.stdout).not.toContain('Stable')
  }, 60_000)

  it('the expected version watched: stable, exit 0 (compared as verify compares it)', async () => {
    const { run, report } = await watchExpecting('3.2.8', 'monitor-expected-ok-')
    expect(report).toMatchObject({ status: 'stable', exitCode: 0 })
    expect(run.code, run.stderr).toBe(0)
  }, 60_000)

  it('a P95 alert held in windows (a burst of 16 answers 3.5 s late), not over the whole watch: confirmed, exit 6, never "Stable, alert(s) to investigate" with exit 0', async () => {
    // The 201st to 216th chat requests answer 3.5 s late, the others at once; the threshold 2.5 s: the burst chosen by
    // count, not by the time since the first chat, and both far above what a loaded machine adds to an answer. It was
    // a 0.5 s burst of 400 ms answers against 200 ms, and failed in CI under load ~13, its margin what the machine
    // adds: ≈ 24 slow of ≈ 670 asks, so 22 more answers over 200 ms (one in thirty) prove the whole watch's P95 above
    // the threshold — and at load 8 the first asks of a watch already take over a second. Now a 2 s window (about 100 asks at 50 a second) holding the
    // 16 proves the alert at the confirming confidence (more than 13 above at 100 asks, more than 15 at 120), and the
    // whole watch's P95 stays within the threshold while it holds 320 asks or more (16 is 5 % of 320; a loaded machine
    // sent ≈ 400 of the 700 planned), whatever the machine does short of making answers 2.5 s late.
    let chats = 0
    const { run, report } = await watchBehind(
      (s) => (s.chat && ++chats > 200 && chats <= 216 ? { delayMs: 3500 } : 'forward'),
      { MONITOR_DURATION: '14s', MONITOR_WINDOW: '2s', MONITOR_RPS: '50', MONITOR_MAX_IN_FLIGHT: '64', MONITOR_ALERT_P95_MS: '2500' },
      'monitor-window-alert-',
    )
    expect(chats, run.stdout).toBeGreaterThan(216) // the burst was sent
    const m = report.monitor
    expect(m?.trigger, run.stdout).toBeNull()
    expect(m?.whole.find((v) => v.rule.id === 'alert.p95')?.state, run.stdout).not.toBe('fired')
    const episode = m?.alerts.find((a) => a.rule.id === 'alert.p95')
    expect(episode?.windows).toBeGreaterThan(1)
    expect(episode?.confirmed).toBeGreaterThan(0)
    expect(report).toMatchObject({ status: 'stable_with_findings', decision: 'INVESTIGATE', exitCode: 6 })
    expect(run.code, run.stderr).toBe(6)
    expect(report.reasons[0]?.code).toBe('monitor.alert_confirmed')
    expect(report.reasons[0]?.params.confidence as number).toBeGreaterThan(0.998)
    expect(run.stdout).toContain('harena-release: ⚠️ Stable — 1 alert(s): investigate — alert confirmed — window')
    expect(run.stdout).not.toContain('Stable in production')
  }, 90_000)

  it('the health route stops reporting its version mid-watch: a version change "3.2.7 → none", exit 7', async () => {
    const { run, report, dir } = await watchBehind(
      (s) => (s.health ? { rewrite: withVersion(s.elapsedMs < 1500 ? '3.2.7' : null) } : 'forward'),
      { MONITOR_DURATION: '4s', MONITOR_WINDOW: '4s', MONITOR_RPS: '20' },
      'monitor-version-gone-',
    )
    expect(report.deployment.versionChanges.map((c) => [c.from, c.to])).toEqual([['3.2.7', null]])
    expect(report.deployment).toMatchObject({ versionDeployed: '3.2.7', versionAfter: null })
    expect(report).toMatchObject({ status: 'version_changed', exitCode: 7 })
    expect(run.code, run.stderr).toBe(7)
    expect(report.reasons[0]?.text).toContain('the version changed during the watch: 3.2.7 → none')
    expect(readText(dir, 'monitor-report.md')).toContain('3.2.7 → not reported')
  }, 60_000)
})
