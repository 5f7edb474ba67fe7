// A Ctrl-C or SIGTERM during a verify: `npm run verify` alone, and the post-deployment verify of `npm run release`.
// README: every command writes its report marked interrupted on a signal, and with no deploy or rollback command
// running it exits at once. A review (2026-12-05) found `npm run verify` dying silently (no report, exit 130, its
// `.release.lock` left behind) and the release waiting for the whole verify (minutes with the default 60 s timeout).
// Real reference service on loopback behind a proxy that never answers a chat and signals the CLI (a child process)
// as the first one arrives; HARENA_TIMEOUT_MS far above the test's timeout: awaited, the question outlives the test.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

interface VerifyJson {
  ok: boolean
  interrupted: boolean
  exitCode: number
  attempts: unknown[]
  reasons: Array<{ code: string; params: { questions?: string[] } }>
}
const readVerify = (dir: string) => JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8')) as VerifyJson

/** The CLI run with a proxy that hangs every chat and sends `sig` to the CLI when the first chat reaches it. */
async function signalledAtFirstChat(script: 'verify' | 'release', sig: 'SIGINT' | 'SIGTERM', env: Record<string, string>, dir: string) {
  const ref = await target()
  let cli: { kill: (s: NodeJS.Signals) => boolean } | null = null
  let sent = false
  const proxy = await faultProxy(ref.url, (s) => {
    if (!s.chat) return 'forward'
    if (!sent) sent = cli?.kill(sig) === true
    return 'hang'
  })
  try {
    const settings = {
      ...tokenEnv(ref),
      HARENA_BASE_URL: proxy.url,
      HARENA_TIMEOUT_MS: '300000',
      VALIDATION_LOCALE: 'en',
      VALIDATION_REPORT_DIR: dir,
    }
    const run = await runCli(script, { ...settings, ...env }, undefined, (child) => {
      cli = child
    })
    return { run, sent }
  } finally {
    await proxy.close()
  }
}

describe('a signal during a verify', () => {
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    it(`npm run verify, ${sig} while a question is in flight: verify-report marked interrupted (never OK), lock released, exit ${code}`, async () => {
      const dir = tempDir('verify-signal-')
      const { run, sent } = await signalledAtFirstChat('verify', sig, {}, dir)
      expect(sent).toBe(true)
      expect(run.code, run.stdout + run.stderr).toBe(code)
      const v = readVerify(dir)
      expect(v).toMatchObject({ ok: false, interrupted: true, exitCode: code, attempts: [] })
      // First reason: no verdict; the question in flight (abandoned) and those after it are named.
      expect(v.reasons[0]?.code).toBe('verify.interrupted')
      expect(v.reasons[0]?.params.questions?.[0]).toBe('q01')
      expect(readText(dir, 'verify-report.md').split('\n')[0]).toBe('# Deployment verification — INTERRUPTED')
      expect(run.stdout).toMatch(/^harena-release: verify INTERRUPTED \(a partial report, not a verdict\)/)
      expect(run.stdout).not.toMatch(/verify (OK|FAILED)/)
      expect(existsSync(join(dir, '.release.lock'))).toBe(false)
    }, 60_000)

  it('npm run release, SIGINT during its post-deployment verify: the interrupted report at once, not after the verify', async () => {
    const dir = tempDir('release-verify-signal-')
    const { run, sent } = await signalledAtFirstChat('release', 'SIGINT', { RELEASE_GATE: 'false' }, dir)
    expect(sent).toBe(true)
    expect(run.code, run.stdout + run.stderr).toBe(130)
    const report = readReport(dir)
    expect(report).toMatchObject({ status: 'interrupted', decision: 'INTERRUPTED' })
    // The verify step is interrupted, neither OK nor FAILED; nothing after it ran (no watch, no rollback).
    expect(report.steps.find((s) => s.step === 'verify')).toMatchObject({ ok: null, interrupted: true })
    expect(report.monitor).toBeNull()
    expect(report.reasons.map((r) => r.code)).not.toContain('release.verify.failed')
    expect(readVerify(dir)).toMatchObject({ ok: false, interrupted: true, exitCode: 130 })
    expect(existsSync(join(dir, '.release.lock'))).toBe(false)
  }, 60_000)
})
