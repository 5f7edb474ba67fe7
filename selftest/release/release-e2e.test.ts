// `npm run release` end to end on loopback (issue 12, "Done means"): the reference service runs as the old
// version; RELEASE_DEPLOY_COMMAND restarts it as the new one; the monitor judges it; RELEASE_ROLLBACK_COMMAND
// restarts the old one when a trigger fires. Real processes, real HTTP, real files.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { closedPort } from '../e2e/target.ts'
import { missingFromHtml } from './documents.ts'
import { faultProxy } from './fault-proxy.ts'
import { FAST_MONITOR, readReport, readText, removeTempDirs, runCli, serviceCommand, signalWhen, tempDir } from './harness.ts'
import { stopService } from './service-ctl.ts'

afterAll(removeTempDirs)

const pidfiles: string[] = []
afterEach(async () => {
  await Promise.all(pidfiles.splice(0).map((p) => stopService(p)))
})

async function oldVersionRunning(): Promise<{ dir: string; pidfile: string; port: number; env: Record<string, string> }> {
  const dir = tempDir('release-e2e-')
  const pidfile = join(dir, 'service.pid')
  pidfiles.push(pidfile)
  const port = await closedPort()
  const { execSync } = await import('node:child_process')
  execSync(serviceCommand(pidfile, port, '3.2.6'), { cwd: join(import.meta.dirname, '../..'), stdio: 'ignore' })
  const env = {
    HARENA_BASE_URL: `http://127.0.0.1:${port}`,
    HARENA_USERNAME: 'demo@harena.test',
    HARENA_PASSWORD: 'harena-demo',
    VALIDATION_REPORT_DIR: join(dir, 'reports'),
    ...FAST_MONITOR,
  }
  return { dir, pidfile, port, env }
}

/** A staging service of `version` on its own port (stopped after the test): what RELEASE_GATE_BASE_URL points at. */
async function stagingRunning(dir: string, version: string): Promise<string> {
  const pidfile = join(dir, 'staging.pid')
  pidfiles.push(pidfile)
  const port = await closedPort()
  const { execSync } = await import('node:child_process')
  execSync(serviceCommand(pidfile, port, version), { cwd: join(import.meta.dirname, '../..'), stdio: 'ignore' })
  return `http://127.0.0.1:${port}`
}

/**
 * `npm run release` against the old version, with a deploy and a rollback command that only leave a marker file:
 * for the checks that must stop it before anything is deployed or rolled back.
 */
async function releaseStoppedEarly(extra: Record<string, string>, deploys = true) {
  const { dir, env } = await oldVersionRunning()
  const deployed = join(dir, 'deployed')
  const rolledBack = join(dir, 'rolled-back')
  const run = await runCli('release', {
    ...env,
    VALIDATION_LOCALE: 'en',
    RELEASE_GATE: 'false',
    ...(deploys ? { RELEASE_DEPLOY_COMMAND: `touch "${deployed}"` } : {}),
    RELEASE_ROLLBACK_COMMAND: `touch "${rolledBack}"`,
    ...extra,
  })
  return { run, dir, deployed: existsSync(deployed), rolledBack: existsSync(rolledBack), report: readReport(join(dir, 'reports')) }
}

describe('npm run release', () => {
  it('a new version failing 30 % of answers after its smoke test is detected, rolled back and verified ("Rolled back")', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    // The new version answers the smoke test well, then 30 % of its answers are HTTP-200 pipeline fallbacks.
    const faulty = [{ after: 12, rate: 0.3, fault: { kind: 'fallback' } }]
    // Phase 1 judges the staging build of 3.2.7, not what runs before the deployment (3.2.6: refused, below).
    const staging = await stagingRunning(dir, '3.2.7')
    const run = await runCli('release', {
      ...env,
      RELEASE_GATE: 'true',
      RELEASE_GATE_BASE_URL: staging,
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', faulty),
      RELEASE_ROLLBACK_COMMAND: serviceCommand(pidfile, port, '3.2.6'),
      RELEASE_EXPECTED_VERSION: '3.2.7',
      RELEASE_DEPLOYER: 'release-e2e',
      MONITOR_DURATION: '60s',
    })
    expect(run.code, run.stderr).toBe(3)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('rolled_back')
    expect(report.decision).toBe('ROLLBACK')
    expect(report.gate?.decision).toBe('GO')
    // "OK" beside the version Phase 1 judged, which is the one deployed.
    expect(report.gate?.version).toBe('3.2.7')
    expect(report.steps.find((st) => st.step === 'gate')?.gated).toMatchObject({ judged: 'judged', version: '3.2.7', deployed: '3.2.7' })
    expect(report.deploy?.ok).toBe(true)
    expect(report.verify?.ok).toBe(true)
    expect(report.deployment).toMatchObject({ versionBefore: '3.2.6', versionDeployed: '3.2.7', versionAfter: '3.2.6', deployer: 'release-e2e' })
    // The window that fired, with its evidence: the Wilson lower bound above 20 % on enough requests.
    const trigger = report.monitor?.trigger
    expect(trigger?.rule.id).toBe('rollback.error_rate')
    expect(trigger?.evaluated?.tally.requests).toBeGreaterThanOrEqual(20)
    expect(trigger?.evaluated?.errorInterval.lower).toBeGreaterThan(0.2)
    expect(report.monitor?.durationMs).toBeLessThan(report.monitor?.plannedMs ?? 0) // stopped by the trigger
    expect(report.rollback?.ok).toBe(true)
    expect(report.verifyAfterRollback?.ok).toBe(true)
    expect(report.verifyAfterRollback?.health?.version).toBe('3.2.6')
    const md = readText(join(dir, 'reports'), 'monitor-report.md')
    expect(md).toContain('❌ Retour arrière effectué')
    expect(md).toContain('| Phase 1 (validation) | OK (3.2.7) |')
    expect(md).toMatch(/\*\*Déclenché\*\* : Fenêtre /)
    expect(md).toContain("taux d'erreur")
    expect(md).not.toContain('harena-demo') // the password never leaks
    const html = readText(join(dir, 'reports'), 'monitor-report.html')
    expect(html).toContain('<svg')
    expect(html).toContain('<polyline class="p95"')
    expect(readText(join(dir, 'reports'), 'monitor-events.ndjson')).toMatch(/"type":"trigger".*"rule":"rollback.error_rate"/)
    // The deployment's verify report is the deployment's (3.2.7); the rollback's check has its own files.
    expect(readText(join(dir, 'reports'), 'verify-report.md')).toContain('3.2.7 (attendue 3.2.7)')
    expect(readText(join(dir, 'reports'), 'rollback-verify-report.md')).toContain('3.2.6 (attendue 3.2.6)')
  }, 180_000)

  it('a rollback command that exits 0 but leaves the new version running is "Rollback FAILED" (exit 4), naming the version that runs', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const faulty = [{ after: 12, rate: 0.3, fault: { kind: 'fallback' } }]
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', faulty),
      // "Rolls back" by restarting the new version, healthy: exit 0 and every check passes, but the version.
      RELEASE_ROLLBACK_COMMAND: serviceCommand(pidfile, port, '3.2.7'),
      RELEASE_EXPECTED_VERSION: '3.2.7',
      MONITOR_DURATION: '60s',
    })
    expect(run.code, run.stderr).toBe(4)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('rollback_failed')
    expect(report.rollback?.ok).toBe(true)
    expect(report.verifyAfterRollback?.reasons.map((r) => r.code)).toEqual(['verify.version.mismatch'])
    expect(report.deployment).toMatchObject({ versionBefore: '3.2.6', versionDeployed: '3.2.7', versionAfter: '3.2.7' })
    expect(run.stdout).toContain('Rollback FAILED')
    expect(run.stdout).toContain('version: expected 3.2.6, the service reports 3.2.7')
    expect(readText(join(dir, 'reports'), 'monitor-report.md')).toContain('after rollback : 3.2.7')
  }, 180_000)

  it('a healthy new version stays: "Stable", the rollback command never runs', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const marker = join(dir, 'rolled-back')
    const run = await runCli('release', {
      ...env,
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7'),
      RELEASE_ROLLBACK_COMMAND: `touch "${marker}"`,
      RELEASE_EXPECTED_VERSION: '3.2.7',
      MONITOR_DURATION: '4s',
    })
    expect(run.code, run.stderr).toBe(0)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('stable')
    expect(report.monitor?.trigger).toBeNull()
    expect(report.monitor?.overall.tally.requests).toBeGreaterThan(50)
    expect(report.monitor?.overall.errorRate).toBe(0)
    expect(report.deployment).toMatchObject({ versionBefore: '3.2.6', versionDeployed: '3.2.7', versionAfter: '3.2.7' })
    expect(existsSync(marker)).toBe(false)
    expect(readText(join(dir, 'reports'), 'monitor-report.md')).toContain('✅ Stable en production')
  }, 120_000)

  // A review (2026-12-06): RELEASE_GATE_BASE_URL left at HARENA_BASE_URL, the gate judged the build running before the
  // deployment (3.2.6), then 3.2.7 was deployed and the report put "Phase 1 (validation) | OK" beside it, "✅ Stable".
  it('a gate that judged another version than RELEASE_EXPECTED_VERSION: nothing deployed, exit 1, one line naming both and the setting', async () => {
    const { run, dir, deployed, rolledBack, report } = await releaseStoppedEarly({ RELEASE_GATE: 'true', RELEASE_EXPECTED_VERSION: '3.2.7' })
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
    expect(deployed).toBe(false)
    expect(rolledBack).toBe(false)
    expect(report.status).toBe('not_deployed')
    expect(report.gate).toMatchObject({ decision: 'GO', version: '3.2.6' })
    expect(report.reasons.map((r) => r.code)).toEqual(['release.gate.other_version'])
    const line = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.includes('phase 1: the gate judged version 3.2.6'))
    expect(line).toContain(
      'not the expected 3.2.7 (RELEASE_EXPECTED_VERSION) — nothing was deployed; point RELEASE_GATE_BASE_URL at the staging build of 3.2.7',
    )
    expect(run.stdout).not.toContain('Stable')
    const md = readText(join(dir, 'reports'), 'monitor-report.md')
    expect(md).toContain('| Phase 1 (validation) | GO on 3.2.6 — not the expected version 3.2.7 |')
    expect(md).not.toMatch(/Phase 1 \(validation\) \| OK/)
  }, 180_000)

  it('RELEASE_GATE_SAME_ARTIFACT=true: a staging build stamped 3.2.7-rc1 declared the deployed 3.2.7, deployed, and the report says so', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const staging = await stagingRunning(dir, '3.2.7-rc1')
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'true',
      RELEASE_GATE_BASE_URL: staging,
      RELEASE_GATE_SAME_ARTIFACT: 'true',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7'),
      RELEASE_EXPECTED_VERSION: '3.2.7',
      RELEASE_MONITOR: 'false',
    })
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('verified')
    expect(report.steps.find((st) => st.step === 'gate')?.gated).toMatchObject({ judged: 'declared_same', version: '3.2.7-rc1', deployed: '3.2.7' })
    expect(report.reasons.map((r) => r.code)).toContain('release.gate.unjudged')
    const md = readText(join(dir, 'reports'), 'monitor-report.md')
    expect(md).toContain('| Phase 1 (validation) | OK (3.2.7-rc1, declared the same artifact as 3.2.7: RELEASE_GATE_SAME_ARTIFACT) |')
  }, 180_000)

  // A review (2026-12-04): a wrong password was only found after the deployment, its refused login read as a failed
  // verification, and the healthy new version was rolled back ("Rollback FAILED", exit 4).
  it('credentials the target refuses: nothing is deployed, nothing rolled back, exit 1 with the reason', async () => {
    const { run, dir, deployed, rolledBack, report } = await releaseStoppedEarly({ HARENA_PASSWORD: 'wrong-password-Xy7' })
    expect(run.code, run.stderr).toBe(1)
    expect(deployed).toBe(false)
    expect(rolledBack).toBe(false)
    expect(report.status).toBe('not_deployed')
    expect(report.reasons[0]?.code).toBe('release.credentials.refused')
    expect(run.stdout).not.toContain('Stable')
    // "⛔ Not deployed" in a red banner, as grave as its mark (release/report.ts STATUS_SEVERITY; it was amber).
    expect(readText(join(dir, 'reports'), 'monitor-report.html')).toContain('<section class="banner nogo" data-status="not_deployed">')
  }, 120_000)

  // A newcomer's walk (2026-12-05): a typo in RELEASE_HEALTH_PATH (405) failed the verify, and the rollback command
  // ran against a healthy service nobody deployed ("Rollback FAILED", exit 4). With a deploy command or without.
  it.each([
    ['without a deploy command', false],
    ['with a deploy command', true],
  ])(
    'a RELEASE_HEALTH_PATH the service answers 404/405 (%s): nothing deployed, nothing rolled back, exit 1 naming it',
    async (_label, deploys) => {
      const { run, deployed, rolledBack, report } = await releaseStoppedEarly(
        { RELEASE_HEALTH_PATH: 'api/v1/conversation/helth', RELEASE_READY_TIMEOUT: '2s' },
        deploys,
      )
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
      expect(deployed).toBe(false)
      expect(rolledBack).toBe(false)
      expect(report.status).toBe('not_deployed')
      expect(report.reasons.map((r) => r.code)).toEqual(['release.health_path.refused'])
      expect(report.reasons[0]?.params).toMatchObject({ path: 'api/v1/conversation/helth', status: 405 })
      expect(`${run.stdout}\n${run.stderr}`).toContain('RELEASE_HEALTH_PATH="api/v1/conversation/helth" answers HTTP 405 before the deployment')
      expect(run.stdout).not.toMatch(/Rollback|Rolled back/)
    },
    120_000,
  )

  it('a RELEASE_HEALTH_PATH with a ".." segment is refused with the settings: one line, the accepted shape, exit 1', async () => {
    const dir = tempDir('release-dotdot-')
    const run = await runCli('release', {
      VALIDATION_REPORT_DIR: join(dir, 'reports'),
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_HEALTH_PATH: '/../../x',
    })
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      `harena-release: configuration error: RELEASE_HEALTH_PATH="/../../x" is invalid (a ".." segment leaves the service root); expected a path under the service root, e.g. api/v1/conversation/health or health.`,
    ])
  }, 60_000)

  // A review (2026-12-04): RELEASE_MONITOR=false ended "Stable in production", though nothing was watched.
  it('RELEASE_MONITOR=false: deployed and verified, never "Stable" (status verified, exit 0)', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_MONITOR: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7'),
      RELEASE_EXPECTED_VERSION: '3.2.7',
    })
    expect(run.code, run.stderr).toBe(0)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('verified')
    expect(report.decision).toBe('VERIFIED')
    expect(report.monitor).toBeNull()
    expect(report.reasons.map((r) => r.code)).toContain('release.monitor.disabled')
    expect(readText(join(dir, 'reports'), 'monitor-report.md')).not.toContain('Stable')
    expect(run.stdout).not.toContain('Stable in production')
  }, 120_000)

  it('NO-GO at the gate: nothing is deployed (exit 2)', async () => {
    const dir = tempDir('release-nogo-')
    const marker = join(dir, 'deployed')
    const run = await runCli('release', {
      HARENA_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
      HARENA_AUTH: 'none',
      VALIDATION_REPORT_DIR: join(dir, 'reports'),
      VALIDATION_LOCALE: 'en',
      RELEASE_DEPLOY_COMMAND: `touch "${marker}"`,
    })
    expect(run.code, run.stderr).toBe(2)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('not_deployed')
    expect(report.gate?.decision).toBe('NO-GO')
    expect(report.reasons[0]?.code).toBe('release.gate.no_go')
    expect(existsSync(marker)).toBe(false)
    const md = readText(join(dir, 'reports'), 'monitor-report.md')
    const html = readText(join(dir, 'reports'), 'monitor-report.html')
    expect(md).toContain('Not deployed')
    // No version was read: the headline and the version line say so in words, never "?" (a review read "# ? — ").
    expect(md.split('\n')[0]).toBe('# Post-Deployment Report — version not reported')
    expect(html).toContain('<h1>Post-Deployment Report — version not reported</h1>')
    expect(md).toContain('- Version : not reported → not reported')
    for (const doc of [md, html, JSON.stringify(report)]) expect(doc).not.toMatch(/(^|[\s>:(])\?([\s<)]|$)/m)
    // The HTML says all the Markdown says, this short report too.
    expect(missingFromHtml(md, html)).toEqual([])
  }, 120_000)

  it('a failed deployment is rolled back; without a rollback command the rollback is recommended (exit 5)', async () => {
    const { dir, env } = await oldVersionRunning()
    const run = await runCli('release', {
      ...env,
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: 'echo "pushing tag <script>alert(1)</script>"; exit 7',
    })
    expect(run.code, run.stderr).toBe(5)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('rollback_recommended')
    expect(report.deploy).toMatchObject({ exitCode: 7, ok: false })
    expect(report.deploy?.outputTail).toContain('pushing tag')
    // The command's output is text in every document: escaped in the HTML (strict CSP, no script).
    const html = readText(join(dir, 'reports'), 'monitor-report.html')
    expect(html).toContain('pushing tag &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script')
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`)
    // The rollback brings the code back, not the data: which backup to restore (here: none was taken).
    expect(report.reasons.map((r) => r.code)).toEqual(['release.deploy.failed', 'release.rollback.recommended', 'release.backup.restore'])
  }, 120_000)

  it('a wrong setting stops before anything runs: one line per bad value, exit 1', async () => {
    const dir = tempDir('release-config-')
    writeFileSync(join(dir, 'monitor-report.json'), '{"status":"stable"}')
    const run = await runCli('release', {
      VALIDATION_REPORT_DIR: dir,
      MONITOR_WINDOW: 'soon',
      MONITOR_RPS: '500',
      RELEASE_DEPLOY_COMMAND: 'deploy --token=abc',
    })
    expect(run.code).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(3)
    // VALIDATION_LOCALE unset: French lines, each still naming the variable and what it accepts.
    expect(lines[0]).toMatch(/^harena-release: erreur de configuration : MONITOR_WINDOW="soon" est invalide \(pas une durée\) ; attendu : une durée/)
    expect(lines[1]).toMatch(/^harena-release: erreur de configuration : MONITOR_RPS="500" est invalide \(supérieur à 50\)/)
    // No HARENA_BASE_URL: the deploy command would be gated and watched on the embedded reference service.
    expect(lines[2]).toMatch(/^harena-release: erreur de configuration : RELEASE_DEPLOY_COMMAND est renseignée mais pas HARENA_BASE_URL/)
    expect(run.stderr).not.toContain('abc')
    expect(existsSync(join(dir, 'monitor-report.json'))).toBe(false) // an earlier report cannot pass for this run's
  }, 60_000)
})

/** Five of the fifteen questions answer HTTP 500, none of the five `npm run verify` asks (a review's setup, 2026-12-05). */
const SPARE_VERIFY = ['semaine', 'transport', 'Netflix', 'tendances', 'trucs'].map((match) => ({ match, fault: { kind: 'http5xx' } }))

const readJson = (dir: string, name: string) => JSON.parse(readText(dir, name)) as Record<string, unknown>

// A review (2026-12-05): a deploy script shaped as examples/ec2-systemd/deploy.sh (restart, sleep, exit 0) returns
// before the new build listens; the verify ran at once, got ECONNREFUSED and rolled a healthy deployment back — and a
// rollback whose old build booted as slowly read "Rollback FAILED — act now".
describe('npm run release: the service is awaited after a command (RELEASE_READY_TIMEOUT)', () => {
  it('a healthy new version that listens 3 s after its deploy command exits is awaited, verified and kept (exit 0)', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const marker = join(dir, 'rolled-back')
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', [], 3000),
      RELEASE_ROLLBACK_COMMAND: `touch "${marker}"`,
      RELEASE_EXPECTED_VERSION: '3.2.7',
      MONITOR_DURATION: '4s',
    })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(existsSync(marker)).toBe(false)
    const report = readReport(join(dir, 'reports'))
    expect(report.status).toBe('stable')
    expect(report.verify?.ok).toBe(true)
    expect(report.verify?.readiness).toMatchObject({ ready: true, timeoutMs: 60_000, problem: null })
    expect(report.verify?.readiness?.waitedMs).toBeGreaterThanOrEqual(1000)
    expect(report.steps.find((s) => s.step === 'verify')?.readyWaitMs).toBe(report.verify?.readiness?.waitedMs)
    expect(readText(join(dir, 'reports'), 'verify-report.md')).toMatch(/- Readiness wait : [\d,]+ ms \(ready\)/)
  }, 120_000)

  it('not ready within RELEASE_READY_TIMEOUT: the verify fails saying how long it waited, the rollback runs', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', [], 30_000),
      RELEASE_ROLLBACK_COMMAND: serviceCommand(pidfile, port, '3.2.6'),
      RELEASE_READY_TIMEOUT: '2s',
      MONITOR_DURATION: '4s',
    })
    expect(run.code, run.stdout + run.stderr).toBe(3)
    const report = readReport(join(dir, 'reports'))
    expect(report.verify?.ok).toBe(false)
    expect(report.verify?.readiness).toMatchObject({ ready: false, timeoutMs: 2000 })
    expect(report.verify?.reasons[0]?.code).toBe('verify.not_ready')
    expect(run.stdout).toMatch(/service not ready: waited [23](\.\d)? s after the command \(RELEASE_READY_TIMEOUT 2 s\)/)
  }, 120_000)

  it('a signal during the wait after the deploy command ends it at once: interrupted (exit 143), nothing rolled back', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const marker = join(dir, 'rolled-back')
    const events = join(dir, 'reports')
    // 1.5 s after the deploy command ended: the release is waiting for the service.
    const signal = signalWhen(
      () => /"command_ended".*"command":"deploy","exitCode":0/.test(readText(events, 'monitor-events.ndjson')),
      'SIGTERM',
      1500,
    )
    const run = await runCli(
      'release',
      {
        ...env,
        VALIDATION_LOCALE: 'en',
        RELEASE_GATE: 'false',
        RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', [], 30_000),
        RELEASE_ROLLBACK_COMMAND: `touch "${marker}"`,
        MONITOR_DURATION: '4s',
      },
      undefined,
      signal.onSpawn,
    )
    signal.stop()
    expect(run.code, run.stdout + run.stderr).toBe(143)
    expect(existsSync(marker)).toBe(false)
    const report = readReport(events)
    expect(report.status).toBe('interrupted')
    expect(report.verify?.interrupted).toBe(true)
    // Ended by the signal, not waited out: never seen ready, though the service listens 30 s after the command (what
    // the run recorded, not this test's clock: a wall-clock bound on the whole run depended on the machine's load).
    expect(report.verify?.readiness?.ready).toBe(false)
    expect(report.verify?.readiness?.waitedMs).toBeGreaterThanOrEqual(1000)
    expect(report.steps.find((s) => s.step === 'verify')).toMatchObject({ interrupted: true, readyWaitMs: report.verify?.readiness?.waitedMs })
  }, 120_000)

  // A review (2026-12-05): a reverse proxy answering 404 on every route while the new build registers (Traefik before
  // its router is up) ended the wait at once; the verify called the 404 "credentials refused" and a healthy build was
  // judged failed (exit 5).
  it('a 404 on every route for 3 s after the deploy command is awaited like no answer: verified and kept (exit 0)', async () => {
    const { dir, port, env } = await oldVersionRunning()
    const deployed = join(dir, 'deployed')
    let since: number | null = null
    const proxy = await faultProxy(`http://127.0.0.1:${port}`, () => {
      if (!existsSync(deployed)) return 'forward'
      since ??= Date.now()
      return Date.now() - since < 3000 ? { status: 404 } : 'forward'
    })
    try {
      const run = await runCli('release', {
        ...env,
        HARENA_BASE_URL: proxy.url,
        VALIDATION_LOCALE: 'en',
        RELEASE_GATE: 'false',
        RELEASE_MONITOR: 'false',
        RELEASE_DEPLOY_COMMAND: `touch "${deployed}"`,
      })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      const report = readReport(join(dir, 'reports'))
      expect(report.verify?.ok).toBe(true)
      expect(report.verify?.readiness).toMatchObject({ ready: true, problem: null })
      expect(report.verify?.readiness?.waitedMs).toBeGreaterThanOrEqual(2500)
    } finally {
      await proxy.close()
    }
  }, 120_000)

  // Third review: a 300 ms restart during the verify after the deployment (its login dropped, the health route
  // refused) failed the verify and rolled a good deployment back. The health route is now re-probed over
  // MONITOR_DOWN_GRACE as the monitor does, and the target opened once more when it answers.
  it('a 300 ms restart as the verify logs in: the verify opens the target again and passes, no rollback', async () => {
    const { dir, port, env } = await oldVersionRunning()
    const deployed = join(dir, 'deployed')
    let restarted = false
    const proxy = await faultProxy(`http://127.0.0.1:${port}`, (seen) => {
      if (restarted || !existsSync(deployed) || !/login|auth/.test(seen.path)) return 'forward'
      restarted = true
      return { refuseForMs: 300 }
    })
    try {
      const run = await runCli('release', {
        ...env,
        HARENA_BASE_URL: proxy.url,
        VALIDATION_LOCALE: 'en',
        RELEASE_GATE: 'false',
        RELEASE_MONITOR: 'false',
        RELEASE_DEPLOY_COMMAND: `touch "${deployed}"`,
      })
      expect(restarted).toBe(true)
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(readReport(join(dir, 'reports')).verify?.ok).toBe(true)
    } finally {
      await proxy.close()
    }
  }, 120_000)

  it('a service still answering 404 at RELEASE_READY_TIMEOUT: not ready, unusable — never "credentials refused"', async () => {
    const { dir, port, env } = await oldVersionRunning()
    const deployed = join(dir, 'deployed')
    const proxy = await faultProxy(`http://127.0.0.1:${port}`, () => (existsSync(deployed) ? { status: 404 } : 'forward'))
    try {
      const run = await runCli('release', {
        ...env,
        HARENA_BASE_URL: proxy.url,
        VALIDATION_LOCALE: 'en',
        RELEASE_GATE: 'false',
        RELEASE_MONITOR: 'false',
        RELEASE_DEPLOY_COMMAND: `touch "${deployed}"`,
        RELEASE_READY_TIMEOUT: '2s',
      })
      expect(run.code, run.stdout + run.stderr).toBe(5)
      const report = readReport(join(dir, 'reports'))
      expect(report.verify?.readiness).toMatchObject({ ready: false, timeoutMs: 2000, problem: 'HTTP 404' })
      expect(report.verify?.readiness?.waitedMs).toBeGreaterThanOrEqual(1900)
      expect(report.verify?.reasons.map((r) => r.code).slice(0, 2)).toEqual(['verify.not_ready', 'verify.unusable'])
      expect(run.stdout).toContain('last answer: HTTP 404; service unusable')
      expect(run.stdout + readText(join(dir, 'reports'), 'verify-report.md')).not.toContain('credentials refused')
    } finally {
      await proxy.close()
    }
  }, 120_000)

  // A review (2026-12-05): a second signal during the rollback's wait exited at once (143) with no report at all,
  // though the rollback command had changed the service.
  it('a second SIGTERM during the wait after the rollback command stops the wait and writes the report (ready_stopped, exit 143)', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const reports = join(dir, 'reports')
    const done = join(dir, 'rollback-done')
    // 1.5 s after the rollback command ended: the release is waiting for the service.
    const signal = signalWhen(() => existsSync(done), 'SIGTERM', 1500)
    const run = await runCli(
      'release',
      {
        ...env,
        VALIDATION_LOCALE: 'en',
        RELEASE_GATE: 'false',
        RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', [{ fault: { kind: 'http5xx' } }]),
        // The first signal comes while the command runs (let finish); the old build then listens only after 30 s.
        RELEASE_ROLLBACK_COMMAND: `kill -TERM $PPID; ${serviceCommand(pidfile, port, '3.2.6', [], 30_000)}; touch "${done}"`,
        MONITOR_DURATION: '4s',
      },
      undefined,
      signal.onSpawn,
    )
    signal.stop()
    expect(run.code, run.stdout + run.stderr).toBe(143)
    // The wait stopped by the signal, not waited out (the old build listens 30 s after the command): the release says
    // so and records it (release.rollback.ready_stopped below) — the run's record, not a wall-clock bound on the run.
    expect(run.stderr).toContain('SIGTERM: stopping the wait for the service after the rollback, then writing the report')
    const report = readReport(reports)
    expect(report.status).toBe('interrupted')
    expect(report.rollback).toMatchObject({ exitCode: 0, stopped: false, ok: true })
    expect(report.reasons.map((r) => r.code)).toContain('release.rollback.ready_stopped')
    expect(run.stdout).toContain('was stopped by a second signal after')
    expect(readText(reports, 'monitor-report.md')).toContain('check the service by hand')
    expect(readText(reports, 'monitor-events.ndjson')).toMatch(/"type":"command_ended".*"command":"rollback","exitCode":0/)
  }, 120_000)

  it('a failed deployment verify stays in verify-report.*; the rollback of a slow-booting old build is awaited and has its own report (exit 3)', async () => {
    const { dir, pidfile, port, env } = await oldVersionRunning()
    const reports = join(dir, 'reports')
    const run = await runCli('release', {
      ...env,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_DEPLOY_COMMAND: serviceCommand(pidfile, port, '3.2.7', [{ fault: { kind: 'http5xx' } }]),
      RELEASE_ROLLBACK_COMMAND: serviceCommand(pidfile, port, '3.2.6', [], 3000),
      RELEASE_EXPECTED_VERSION: '3.2.7',
      MONITOR_DURATION: '4s',
    })
    expect(run.code, run.stdout + run.stderr).toBe(3)
    const report = readReport(reports)
    expect(report.status).toBe('rolled_back')
    expect(report.verifyAfterRollback?.ok).toBe(true)
    expect(report.verifyAfterRollback?.readiness?.ready).toBe(true)
    expect(report.verifyAfterRollback?.readiness?.waitedMs).toBeGreaterThanOrEqual(1000)
    const verify = readJson(reports, 'verify-report.json')
    expect(verify).toMatchObject({ check: 'deployment', ok: false, exitCode: 2 })
    expect(readText(reports, 'verify-report.md').split('\n')[0]).toBe('# Deployment verification — FAILED')
    expect(readText(reports, 'verify-report.md')).toContain('3.2.7 (expected 3.2.7)')
    const after = readJson(reports, 'rollback-verify-report.json')
    expect(after).toMatchObject({ check: 'rollback', ok: true, exitCode: 0 })
    expect(readText(reports, 'rollback-verify-report.md').split('\n')[0]).toBe('# Verification after rollback — OK')
    expect(readText(reports, 'rollback-verify-report.md')).toContain('(that one stays in verify-report.md)')
    // The events file says the rollback command ended when it did: before the wait for the old build and the check
    // after it (it was written after both, up to RELEASE_READY_TIMEOUT late).
    const ended = readText(reports, 'monitor-events.ndjson')
      .split('\n')
      .filter((line) => line.includes('"command_ended"') && line.includes('"command":"rollback"'))
      .map((line) => JSON.parse(line) as { at: string })
    expect(ended).toHaveLength(1)
    expect(Date.parse(ended[0]?.at ?? '')).toBeLessThan(Date.parse(String(after.at)))
  }, 120_000)
})

// A review (2026-12-05): without a deploy command nothing is restored, and the check after a rollback that changed
// nothing asked no version at all: "Rolled back" (exit 3) while the judged build still ran.
describe('npm run release without a deploy command: the rollback must take the judged version away', () => {
  it('a rollback command that changes nothing is "Rollback FAILED" (exit 4), as npm run monitor says', async () => {
    const dir = tempDir('release-nodeploy-')
    const pidfile = join(dir, 'service.pid')
    pidfiles.push(pidfile)
    const port = await closedPort()
    const { execSync } = await import('node:child_process')
    execSync(serviceCommand(pidfile, port, '3.2.8', SPARE_VERIFY), { cwd: join(import.meta.dirname, '../..'), stdio: 'ignore' })
    const run = await runCli('release', {
      HARENA_BASE_URL: `http://127.0.0.1:${port}`,
      HARENA_USERNAME: 'demo@harena.test',
      HARENA_PASSWORD: 'harena-demo',
      VALIDATION_REPORT_DIR: join(dir, 'reports'),
      VALIDATION_LOCALE: 'en',
      ...FAST_MONITOR,
      RELEASE_GATE: 'false',
      RELEASE_ROLLBACK_COMMAND: 'echo rollback-noop',
      MONITOR_DURATION: '30s',
    })
    expect(run.code, run.stdout + run.stderr).toBe(4)
    const report = readReport(join(dir, 'reports'))
    expect(report.verify?.ok).toBe(true)
    expect(report.monitor?.trigger).not.toBeNull()
    expect(report.status).toBe('rollback_failed')
    expect(report.verifyAfterRollback?.reasons.map((r) => r.code)).toEqual(['verify.version.still_running'])
    expect(run.stdout).toContain('the service still reports 3.2.8')
  }, 120_000)

  it('a build shipped mid-watch that the trigger judged, left running by the rollback command, is "Rollback FAILED" (exit 4)', async () => {
    // No deploy command: verify and the watch's first answers see 3.2.8, healthy; then 3.2.9 runs (the health route
    // says so) and answers 500 until the rollback command, which stops the 500s and leaves 3.2.9 running. Before the
    // fix the version checked after the rollback was the watch's first (3.2.8): "Rolled back … verified", exit 3.
    const dir = tempDir('release-midwatch-')
    const pidfile = join(dir, 'service.pid')
    pidfiles.push(pidfile)
    const port = await closedPort()
    const { execSync } = await import('node:child_process')
    execSync(serviceCommand(pidfile, port, '3.2.8'), { cwd: join(import.meta.dirname, '../..'), stdio: 'ignore' })
    const flag = join(dir, 'rolled')
    let chats = 0
    let told = false
    // verify asks 5 chats, the watch 25 more on 3.2.8 (MONITOR_MIN_SAMPLES 30: no rule on them alone).
    const proxy = await faultProxy(`http://127.0.0.1:${port}`, (s) => {
      if (s.chat) chats++
      const next = chats > 30
      if (s.health) {
        told ||= next
        return { rewrite: (body) => ({ ...body, version: next ? '3.2.9' : '3.2.8' }) }
      }
      return s.chat && told && !existsSync(flag) ? { status: 500 } : 'forward'
    })
    try {
      const run = await runCli('release', {
        HARENA_BASE_URL: proxy.url,
        HARENA_USERNAME: 'demo@harena.test',
        HARENA_PASSWORD: 'harena-demo',
        VALIDATION_REPORT_DIR: join(dir, 'reports'),
        VALIDATION_LOCALE: 'en',
        ...FAST_MONITOR,
        RELEASE_GATE: 'false',
        RELEASE_ROLLBACK_COMMAND: `touch "${flag}"`,
        MONITOR_DURATION: '10s',
        MONITOR_RPS: '20',
        MONITOR_MIN_SAMPLES: '30',
        MONITOR_ROLLBACK_CRITICAL_REPEAT: '50',
      })
      expect(existsSync(flag), run.stdout + run.stderr).toBe(true)
      expect(run.code, run.stdout + run.stderr).toBe(4)
      const report = readReport(join(dir, 'reports'))
      expect(report.verify?.ok).toBe(true)
      expect(report.monitor?.trigger?.version).toBe('3.2.9')
      expect(report.status).toBe('rollback_failed')
      expect(report.verifyAfterRollback?.reasons.map((r) => r.code)).toEqual(['verify.version.still_running'])
      expect(run.stdout).toContain('the service still reports 3.2.9')
    } finally {
      await proxy.close()
    }
  }, 120_000)
})
