// A Ctrl-C or SIGTERM during a verify: `npm run verify` alone, and the post-deployment verify of `npm run release`.
// README: every command writes its report marked interrupted on a signal, and with no deploy or rollback command
// running it exits at once. A review (2026-12-05) found `npm run verify` dying silently (no report, exit 130, its
// `.release.lock` left behind) and the release waiting for the whole verify (minutes with the default 60 s timeout).
// Real reference service on loopback behind a proxy that never answers a chat and signals the CLI (a child process)
// as the first one arrives; HARENA_TIMEOUT_MS far above the test's timeout: awaited, the question outlives the test.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { demoUserEnv, fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy, type Seen } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()

interface VerifyJson {
  ok: boolean
  interrupted: boolean
  exitCode: number
  attempts: unknown[]
  durationMs: number
  expectedVersion: string | null
  reasons: Array<{ code: string; params: { questions?: string[] | null; inFlight?: string | null } }>
}
const readVerify = (dir: string) => JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8')) as VerifyJson

/** The CLI run with a proxy that hangs every chat and sends `sig` to the CLI when the first chat reaches it. */
function signalledAtFirstChat(script: 'verify' | 'release', sig: 'SIGINT' | 'SIGTERM', env: Record<string, string>, dir: string) {
  return signalledWhen((s) => s.chat, script, sig, env, dir)
}

/** The CLI run with a proxy that hangs every request `hangs` picks and sends `sig` to the CLI when the first one reaches it. */
async function signalledWhen(
  hangs: (s: Seen) => boolean,
  script: 'verify' | 'release',
  sig: 'SIGINT' | 'SIGTERM',
  env: Record<string, string>,
  dir: string,
) {
  const ref = await target()
  let cli: { kill: (s: NodeJS.Signals) => boolean } | null = null
  let sent = false
  const proxy = await faultProxy(ref.url, (s) => {
    if (!hangs(s)) return 'forward'
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

  // Review 2026-12-05: an interrupted verify wrote "Health : not asked (the target gave no answer at all)", a duration
  // of 0 after seconds of work, no expected version though one was set, and named q01 in flight while the health GET was.
  it('npm run verify, SIGINT while its health GET is in flight: the health GET named as abandoned, health "not asked (interrupted)"', async () => {
    const dir = tempDir('verify-signal-health-')
    let checks = 0
    // The preflight's health check passes; the verify's own one hangs.
    const { run, sent } = await signalledWhen((s) => s.health && ++checks > 1, 'verify', 'SIGINT', { RELEASE_EXPECTED_VERSION: '3.2.7' }, dir)
    expect(sent).toBe(true)
    expect(run.code, run.stdout + run.stderr).toBe(130)
    const v = readVerify(dir)
    expect(v).toMatchObject({ interrupted: true, expectedVersion: '3.2.7' })
    expect(v.reasons[0]?.params.inFlight).toMatch(/^GET \S*health/)
    expect(v.reasons[0]?.params.questions?.[0]).toBe('q01')
    expect(readText(dir, 'verify-report.md')).toContain('(in flight, abandoned: GET ')
    expect(readText(dir, 'verify-report.md')).toContain('- Health : not asked (interrupted)')
  }, 60_000)

  it('npm run verify, SIGINT during a slow login: health "not asked (interrupted)", its real duration and expected version kept', async () => {
    const dir = tempDir('verify-signal-login-')
    // The demo user's login instead of a token (the proxy's address stays the target).
    const { HARENA_BASE_URL: _, ...user } = demoUserEnv('')
    const login = { ...user, HARENA_API_TOKEN: '', RELEASE_EXPECTED_VERSION: '3.2.7' }
    const { run, sent } = await signalledWhen((s) => s.method === 'POST' && /login|auth/.test(s.path), 'verify', 'SIGINT', login, dir)
    expect(sent).toBe(true)
    expect(run.code, run.stdout + run.stderr).toBe(130)
    const v = readVerify(dir)
    expect(v).toMatchObject({ interrupted: true, expectedVersion: '3.2.7' })
    expect(v.durationMs).toBeGreaterThan(0)
    expect(v.reasons[0]).toMatchObject({ code: 'verify.interrupted', params: { questions: null, inFlight: null } })
    const md = readText(dir, 'verify-report.md')
    expect(md).toContain('- Health : not asked (interrupted)')
    expect(md).not.toContain('gave no answer')
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
