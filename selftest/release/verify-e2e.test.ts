// `npm run verify` against the reference service on loopback: exit 0 when healthy, the expected version and
// one correct answer per category; exit 2 with the reason otherwise; verify-report.{md,json} either way.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, REFERENCE_NOW, tokenEnv } from '../e2e/target.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const target = fileTargets()

interface VerifyJson {
  ok: boolean
  embedded: boolean
  exitCode: number
  health: { ok: boolean; version: string | null }
  attempts: Array<{ questionId: string; category: string; ok: boolean; visualizations: string[] }>
  reasons: Array<{ code: string }>
  warnings: Array<{ code: string }>
}
const readVerify = (dir: string) => JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8')) as VerifyJson

describe('npm run verify', () => {
  it('a healthy service: health 200, one correct answer per category with its visualizations → exit 0', async () => {
    const ref = await target()
    const dir = tempDir('verify-ok-')
    const run = await runCli('verify', { ...tokenEnv(ref), VALIDATION_REPORT_DIR: dir })
    expect(run.code, run.stderr).toBe(0)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: true, exitCode: 0, embedded: false, health: { ok: true, version: '2.0' } })
    expect(v).not.toHaveProperty('referenceOnly')
    expect(new Set(v.attempts.map((a) => a.category)).size).toBe(v.attempts.length)
    expect(v.attempts.length).toBeGreaterThanOrEqual(5)
    expect(v.attempts.filter((a) => a.category !== 'edge_cases').every((a) => a.ok && a.visualizations.length > 0)).toBe(true)
    expect(readText(dir, 'verify-report.md').split('\n')[0]).toBe('# Vérification du déploiement — OK') // a deployment: no stand-in mark
  }, 60_000)

  it('the wrong version, or an answer without its chart → exit 2 with the reason', async () => {
    const ref = await startReferenceServer({
      port: 0,
      now: REFERENCE_NOW,
      version: '3.2.6',
      faults: [{ match: 'Carrefour', fault: { kind: 'dropVisualizations' } }],
    })
    try {
      const dir = tempDir('verify-bad-')
      const run = await runCli('verify', { ...tokenEnv(ref), VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en', RELEASE_EXPECTED_VERSION: '3.2.7' })
      expect(run.code).toBe(2)
      const v = readVerify(dir)
      expect(v.ok).toBe(false)
      expect(v.reasons.map((r) => r.code)).toEqual(['verify.version.mismatch', 'verify.question.failed'])
      expect(run.stdout).toContain('version: expected 3.2.7, the service reports 3.2.6')
    } finally {
      await ref.close()
    }
  }, 60_000)

  // Review 2026-12-04 (rev7): the v2 health route reports "2.0" on every build, and a healthy deployment of 2.1.4
  // failed its verify ("expected 2.1.4, reports 2.0") and was rolled back.
  it('a version that names no build (the v2 route\'s "2.0"): the version check says it cannot judge, the healthy service verifies', async () => {
    const ref = await target()
    const dir = tempDir('verify-fixed-version-')
    const run = await runCli('verify', { ...tokenEnv(ref), VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en', RELEASE_EXPECTED_VERSION: '2.1.4' })
    expect(run.code, run.stdout).toBe(0)
    const v = readVerify(dir)
    expect(v).toMatchObject({ ok: true, reasons: [], warnings: [{ code: 'verify.version.unidentifiable' }] })
    expect(run.stdout).toContain('reports 2.0 on every build')
    expect(readText(dir, 'verify-report.md')).toContain('cannot judge the expected version 2.1.4')
  }, 60_000)

  it('a healthy v3 (HARENA_API_CONTRACT=harena-v3 alone): its own health route and its per-contract expectations → exit 0', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, contract: 'harena-v3' })
    try {
      const dir = tempDir('verify-v3-')
      const run = await runCli('verify', { ...tokenEnv(ref), HARENA_API_CONTRACT: 'harena-v3', VALIDATION_REPORT_DIR: dir })
      expect(run.code, run.stderr + run.stdout).toBe(0)
      const v = readVerify(dir)
      expect(v).toMatchObject({ ok: true, health: { ok: true, version: '3.0.0' } })
      expect(v.attempts.every((a) => a.ok)).toBe(true)
      const paths = ref.stats().requests.map((r) => r.path)
      expect(paths).toContain('/api/v3/conversation/health')
      expect(paths.some((p) => p.startsWith('/api/v1/conversation'))).toBe(false)
    } finally {
      await ref.close()
    }
  }, 60_000)

  // Review 2026-12-05 (traceability): only the terminal said it; verify-report.md read "Deployment verification — OK"
  // and the JSON carried no mark of the stand-in.
  it('without HARENA_BASE_URL: the embedded reference service answers, and the line, the Markdown and the JSON say it verified no deployment', async () => {
    const dir = tempDir('verify-embedded-')
    const run = await runCli('verify', { VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en' })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/verify OK — http:\/\/127\.0\.0\.1:\d+ \(version [^)]+\) — embedded reference service, not a deployment/)
    const md = readText(dir, 'verify-report.md')
    expect(md.split('\n')[0]).toBe('# Deployment verification — OK — embedded reference service, not a deployment')
    expect(md).toMatch(/- Service : http:\/\/127\.0\.0\.1:\d+ — embedded reference service, not a deployment/)
    expect(readVerify(dir)).toMatchObject({ ok: true, embedded: true, referenceOnly: 'embedded reference service, not a deployment' })
  }, 60_000)
})
