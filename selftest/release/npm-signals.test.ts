// One Ctrl-C under `npm run monitor|release` reaches the release twice: the terminal sends SIGINT to the whole
// foreground process group (npm and the release), and npm hands the SIGINT it got to its child, the release
// (release/cli/common.ts). That copy used to count as a second, deliberate signal: a running rollback was stopped
// half-way, and during the gate the release exited before writing its report. Real npm, real signals to its group.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { killMarked, markedGone } from '../e2e/processes.ts'
import { slowRun } from '../e2e/slow-run.ts'
import { chatRequests, fileTargets, tokenEnv } from '../e2e/target.ts'
import { FAST_MONITOR, readReport, readText, removeTempDirs, runNpmScript, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const target = fileTargets()

/** Polls until `ready()` or the child ended, then sends `signal` once to the child's process group (a Ctrl-C). */
function signalGroupWhen(ready: () => boolean, signal: NodeJS.Signals): { sent: () => boolean; onSpawn: (npm: { pid?: number }) => void } {
  let sent = false
  return {
    sent: () => sent,
    onSpawn: (npm) => {
      const poll = setInterval(() => {
        if (!ready()) return
        clearInterval(poll)
        sent = true
        process.kill(-(npm.pid as number), signal)
      }, 20)
      poll.unref()
    },
  }
}

function fileSays(path: string, text: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim() === text
  } catch {
    return false
  }
}

describe('one Ctrl-C to `npm run …` is one signal', () => {
  it('during the rollback: the rollback finishes and is reported by its outcome (exit 4), not stopped', async () => {
    const ref = await target([{ rate: 1, fault: { kind: 'http5xx', status: 500 } }])
    const dir = tempDir('npm-ctrlc-rollback-')
    const marker = join(dir, 'rollback-state')
    // The rollback says it started, takes 2 s, then says it is done: npm's copy of the signal comes meanwhile.
    const ctrlC = signalGroupWhen(() => fileSays(marker, 'started'), 'SIGINT')
    const run = await runNpmScript(
      'monitor',
      {
        ...tokenEnv(ref),
        VALIDATION_REPORT_DIR: dir,
        VALIDATION_LOCALE: 'en',
        ...FAST_MONITOR,
        MONITOR_DURATION: '1m',
        RELEASE_ROLLBACK_COMMAND: `echo started > "${marker}"; sleep 2; echo done > "${marker}"; echo rolled-back`,
      },
      undefined,
      ctrlC.onSpawn,
    )
    expect(ctrlC.sent()).toBe(true)
    expect(run.code, run.stderr).toBe(4)
    expect(readText(dir, 'rollback-state').trim()).toBe('done')
    const report = readReport(dir)
    expect(report.status).toBe('rollback_failed')
    expect(report.rollback).toMatchObject({ exitCode: 0, stopped: false, ok: true })
    expect(report.reasons.map((r) => r.code)).toContain('release.signal.let_finish')
    expect(report.reasons.map((r) => r.code)).not.toContain('release.command.stopped')
    expect(run.stderr.match(/harena-release: SIGINT/g), run.stderr).toHaveLength(1)
  }, 90_000)

  it('during the Phase 1 gate: the release writes its interrupted report (exit 130) and nothing of the gate is left', async () => {
    const { ref, reportDir, mark, env } = await slowRun(target, 'npm-ctrlc-gate-')
    const ctrlC = signalGroupWhen(() => chatRequests(ref.stats().requests).length >= 1, 'SIGINT')
    try {
      const run = await runNpmScript(
        'release',
        { ...env, VALIDATION_LOCALE: 'en', ...FAST_MONITOR, MONITOR_DURATION: '10s' },
        undefined,
        ctrlC.onSpawn,
      )
      expect(ctrlC.sent()).toBe(true)
      expect(run.code, run.stderr).toBe(130)
      // The release's own report, written after the gate stopped: it used to be missing (exited on npm's copy).
      const report = readReport(reportDir)
      expect(report.status).toBe('interrupted')
      expect(report.gate?.decision).toBe('NO-GO')
      expect(await markedGone(mark, 10_000)).toEqual([])
    } finally {
      killMarked(mark)
    }
  }, 120_000)
})
