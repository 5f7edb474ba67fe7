// `npm run release` and the plan's database backup (T4.6 step 1, "Backup database effectué"): RELEASE_BACKUP_COMMAND
// runs before RELEASE_DEPLOY_COMMAND, as the deploy and rollback commands run (release/command.ts); failing, nothing
// is deployed; the report names its outcome, and a rollback names the backup to restore. Real shells, the reference
// service on loopback. Review 2026-12-05 (traceability): there was no backup step at all.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

async function release(env: (dir: string) => Record<string, string>) {
  const ref = await target()
  const dir = tempDir('release-backup-')
  const reports = join(dir, 'reports')
  const run = await runCli('release', {
    ...tokenEnv(ref),
    RELEASE_GATE: 'false',
    RELEASE_MONITOR: 'false',
    VALIDATION_REPORT_DIR: reports,
    ...env(dir),
  })
  return { dir, reports, run, report: readReport(reports) }
}

describe('npm run release: the backup before the deployment', () => {
  it('a failing backup stops the release: nothing deployed, nothing rolled back (exit 2), its outcome and output in the report, secrets masked', async () => {
    const { dir, reports, run, report } = await release((d) => ({
      RELEASE_BACKUP_COMMAND: 'echo "pg_dump --password=Backup-S3cret-77 harena: connection refused"; exit 3',
      RELEASE_DEPLOY_COMMAND: `touch "${join(d, 'deployed')}"`,
      RELEASE_ROLLBACK_COMMAND: `touch "${join(d, 'rolled')}"`,
    }))
    expect(run.code, run.stdout + run.stderr).toBe(2)
    expect(existsSync(join(dir, 'deployed'))).toBe(false)
    expect(existsSync(join(dir, 'rolled'))).toBe(false)
    expect(report).toMatchObject({
      status: 'not_deployed',
      decision: 'NOT_DEPLOYED',
      deploy: null,
      backup: { label: 'backup', ok: false, exitCode: 3 },
    })
    expect(report.reasons[0]).toMatchObject({ code: 'release.backup.failed', params: { exitCode: 3 } })
    expect(report.steps.find((s) => s.step === 'backup')?.ok).toBe(false)
    expect(run.stdout).toContain('release : sauvegarde avant déploiement (RELEASE_BACKUP_COMMAND)')
    expect(run.stdout).toContain("⛔ Non déployé — sauvegarde en échec (code de sortie 3) : rien n'a été déployé")
    const md = readText(reports, 'monitor-report.md')
    expect(md).toMatch(/- Sauvegarde de la base : ÉCHEC \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, code de sortie 3\)/)
    expect(md).toContain('| Sauvegarde de la base (avant déploiement) | ÉCHEC |')
    expect(md).toContain('connection refused')
    for (const doc of [md, readText(reports, 'monitor-report.html'), readText(reports, 'monitor-report.json'), run.stdout])
      expect(doc).not.toContain('Backup-S3cret-77')
    expect(readText(reports, 'monitor-events.ndjson')).toMatch(/"type":"command_started".*"command":"backup"/)
  }, 60_000)

  it('the backup runs first, then the deployment; a deployment that then fails names the backup to restore (rollback recommended, exit 5)', async () => {
    const { dir, reports, run, report } = await release((d) => ({
      RELEASE_BACKUP_COMMAND: `echo backup >> "${join(d, 'order')}"`,
      RELEASE_DEPLOY_COMMAND: `echo deploy >> "${join(d, 'order')}"; exit 1`,
    }))
    expect(run.code, run.stdout + run.stderr).toBe(5)
    expect(readFileSync(join(dir, 'order'), 'utf8')).toBe('backup\ndeploy\n')
    expect(report.backup).toMatchObject({ ok: true, exitCode: 0 })
    const restore = report.reasons.find((r) => r.code === 'release.backup.restore')
    expect(restore?.params).toMatchObject({ taken: true, at: report.backup?.startedAt })
    expect(run.stdout).toContain('données : la sauvegarde prise avant le déploiement (RELEASE_BACKUP_COMMAND, ')
    expect(readText(reports, 'monitor-report.md')).toMatch(/- Sauvegarde de la base : OK \(/)
  }, 60_000)

  it('without a backup command, a deployment that fails says no backup was taken; a healthy one runs without a backup step', async () => {
    const failed = await release(() => ({ RELEASE_DEPLOY_COMMAND: 'exit 1', VALIDATION_LOCALE: 'en' }))
    expect(failed.run.code).toBe(5)
    expect(failed.report.reasons.find((r) => r.code === 'release.backup.restore')?.params).toMatchObject({ taken: false })
    expect(failed.run.stdout).toContain('data: this release took no backup (RELEASE_BACKUP_COMMAND not set)')
    expect(readText(failed.reports, 'monitor-report.md')).toContain('- Database backup : none (RELEASE_BACKUP_COMMAND not set)')
    const ok = await release(() => ({ RELEASE_DEPLOY_COMMAND: 'true' }))
    expect(ok.run.code, ok.run.stdout).toBe(0)
    expect(ok.report).toMatchObject({ status: 'verified', backup: null })
    expect(ok.report.reasons.map((r) => r.code)).not.toContain('release.backup.restore')
  }, 60_000)
})
