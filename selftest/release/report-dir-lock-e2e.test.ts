// Phase 2 commands into one report directory (release/cli/claim.ts, core/dir-lock.ts): a second `npm run monitor`
// used to truncate the first one's monitor-events.ndjson and write its report over it. While a command lives, another
// monitor, release or verify into its directory stops at once: one line naming the directory and the pid, exit 1,
// nothing touched. Real processes, real reference service on loopback.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LOCK_FILES, LOCK_HOLDER_ENV } from '../../core/dir-lock.ts'
import { tokenEnv, fileTargets } from '../e2e/target.ts'
import { FAST_MONITOR, readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const target = fileTargets()

const lockOwner = (dir: string): { pid: number; runId: string } => JSON.parse(readFileSync(join(dir, LOCK_FILES.release), 'utf8'))

describe('one Phase 2 command at a time per report directory', () => {
  it('a monitor runs: a second monitor and a verify into its directory refuse at once (exit 1), its files untouched', async () => {
    const ref = await target()
    const dir = tempDir('release-dir-lock-')
    const env = { ...tokenEnv(ref), VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en', ...FAST_MONITOR }
    let firstPid = 0
    let watching: () => void = () => undefined
    const started = new Promise<void>((resolve) => {
      watching = resolve
    })
    const first = runCli(
      'monitor',
      { ...env, MONITOR_DURATION: '5m' },
      (stderr) => {
        if (/monitor 00:0[1-9]/.test(stderr)) watching()
      },
      (child) => {
        firstPid = child.pid as number
      },
    )
    try {
      await started
      const events = readText(dir, 'monitor-events.ndjson')
      expect(events).not.toBe('')
      for (const script of ['monitor', 'verify'] as const) {
        const second = await runCli(script, { ...env, MONITOR_DURATION: '10s' })
        expect(second.code, second.stderr).toBe(1)
        expect(second.stderr.trim().split('\n')).toEqual([
          expect.stringContaining(
            `harena-release: configuration error: VALIDATION_REPORT_DIR=${dir} is held by run ${lockOwner(dir).runId} (pid ${firstPid},`,
          ),
        ])
        // The first command's event stream still holds what it had (a second command used to empty it first).
        expect(readText(dir, 'monitor-events.ndjson').startsWith(events)).toBe(true)
        expect(existsSync(join(dir, 'monitor-report.json'))).toBe(false)
        expect(existsSync(join(dir, 'verify-report.json'))).toBe(false)
      }
      // The holder's mark copied into a process the holder did not start: still another run, still refused.
      const { runId } = lockOwner(dir)
      const mark = JSON.stringify([{ path: join(dir, LOCK_FILES.release), pid: firstPid, runId }])
      const forged = await runCli('verify', { ...env, [LOCK_HOLDER_ENV]: mark })
      expect(forged.code, forged.stderr).toBe(1)
      expect(forged.stderr).toContain(`is held by run ${runId} (pid ${firstPid},`)
      expect(existsSync(join(dir, 'verify-report.json'))).toBe(false)
      expect(lockOwner(dir)).toMatchObject({ pid: firstPid })
    } finally {
      if (firstPid) process.kill(firstPid, 'SIGTERM')
    }
    const ended = await first
    expect(ended.code, ended.stderr).toBe(143)
    expect(readReport(dir).status).toBe('interrupted')
    expect(existsSync(join(dir, LOCK_FILES.release)), 'the lock is released at exit').toBe(false)
  }, 90_000)

  it("a release whose deploy command runs `npm run verify` into the same directory: its own step, accepted (a review found it refused, the release read 'deployment failed', exit 5)", async () => {
    const ref = await target()
    const dir = tempDir('release-deploy-verifies-')
    const run = await runCli('release', {
      ...tokenEnv(ref),
      VALIDATION_REPORT_DIR: dir,
      VALIDATION_LOCALE: 'en',
      RELEASE_GATE: 'false',
      RELEASE_MONITOR: 'false',
      // As examples/ec2-systemd/verify.sh is used: the deploy checks its own deployment.
      RELEASE_DEPLOY_COMMAND: 'echo deployed; npm run --silent verify',
    })
    expect(run.stderr).not.toContain('is held by run')
    const report = readReport(dir)
    expect(report.deploy, run.stderr).toMatchObject({ ok: true, exitCode: 0 })
    expect(report.deploy?.outputTail).toContain('deployed')
    expect(report.rollback).toBeNull()
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(join(dir, LOCK_FILES.release)), 'the child left the release its lock, released at its exit').toBe(false)
  }, 120_000)
})
