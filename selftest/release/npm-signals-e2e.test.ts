// One Ctrl-C under `npm run monitor|release` reaches the release twice: the terminal sends SIGINT to the whole
// foreground process group (npm and the release), and npm hands the SIGINT it got to its child, the release
// (release/cli/common.ts). That copy used to count as a second, deliberate signal: a running rollback was stopped
// half-way, and during the gate the release exited before writing its report. Real npm, real signals to its group.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { invokerGoneLine } from '../../core/invoker.ts'
import { killMarked, markedGone, processMark } from '../e2e/processes.ts'
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

/** Resolves once `what()` holds (polled every 5 ms); false after `withinMs`. */
async function until(what: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs
  while (!what()) {
    if (performance.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 5))
  }
  return true
}

// npm killed outright (the OOM killer, a CI timeout's `kill -9`): no handler runs, npm signals nothing, and the
// command, re-parented, used to go on — a watch wrote "Stable", exit 0, for nobody after its whole MONITOR_DURATION,
// a verify its verdict. It now sees its invoker gone (core/invoker.ts) and stops as on SIGTERM.
describe('`npm run …` whose npm is killed outright (SIGKILL)', () => {
  it('monitor: the watch stops as on SIGTERM — interrupted report, exit 143, never "Stable"', async () => {
    const ref = await target([])
    const dir = tempDir('npm-kill9-monitor-')
    const mark = processMark()
    let npmPid = 0
    try {
      const run = runNpmScript(
        'monitor',
        { ...tokenEnv(ref), ...mark.env, VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en', ...FAST_MONITOR, MONITOR_DURATION: '1m' },
        undefined,
        (npm) => {
          npmPid = npm.pid as number
        },
      )
      // The watch is asking: npm is killed, never its group.
      expect(await until(() => chatRequests(ref.stats().requests).length >= 2, 60_000), 'the watch never asked').toBe(true)
      process.kill(npmPid, 'SIGKILL')
      const { stderr } = await run
      expect(await markedGone(mark.value, 10_000), stderr).toEqual([])
      expect(stderr).toContain(invokerGoneLine(npmPid, 'en'))
      const report = readReport(dir)
      expect(report.status, stderr).toBe('interrupted')
      expect(report.exitCode).toBe(143)
      expect(report.rollback).toBeNull()
    } finally {
      killMarked(mark.value)
    }
  }, 120_000)

  it('verify: the smoke test stops as on SIGTERM — interrupted verify report, exit 143, no verdict', async () => {
    // Every answer takes 3 s: the verify is still asking when npm is killed.
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 3000 } }])
    const dir = tempDir('npm-kill9-verify-')
    const mark = processMark()
    let npmPid = 0
    try {
      const run = runNpmScript('verify', { ...tokenEnv(ref), ...mark.env, VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en' }, undefined, (npm) => {
        npmPid = npm.pid as number
      })
      expect(await until(() => chatRequests(ref.stats().requests).length >= 1, 60_000), 'the verify never asked').toBe(true)
      process.kill(npmPid, 'SIGKILL')
      const { stderr } = await run
      expect(await markedGone(mark.value, 10_000), stderr).toEqual([])
      expect(stderr).toContain(invokerGoneLine(npmPid, 'en'))
      const verify = JSON.parse(readText(dir, 'verify-report.json')) as { exitCode: number; interrupted: boolean; ok: boolean }
      expect(verify, stderr).toMatchObject({ exitCode: 143, interrupted: true, ok: false })
    } finally {
      killMarked(mark.value)
    }
  }, 120_000)
})

// A CI cancel while `npm run release` loads: the signal is held (release/cli/claim.ts) and given once the command's
// listeners are on, i.e. the AbortSignal is already aborted when the release starts. The gate listened for an
// 'abort' event that never comes again, and the whole Phase 1 ran (up to an hour of LLM calls against Harena) before
// the release exited "Interrupted".
describe('`npm run release` signalled while it loads', () => {
  it('SIGTERM to npm as soon as the report directory is claimed: no gate, no request, interrupted report, exit 143', async () => {
    const { ref, reportDir, mark, env } = await slowRun(target, 'npm-release-early-')
    let npmPid = 0
    try {
      const run = runNpmScript('release', { ...env, VALIDATION_LOCALE: 'en', ...FAST_MONITOR, MONITOR_DURATION: '10s' }, undefined, (npm) => {
        npmPid = npm.pid as number
      })
      // The claim (release/cli/claim.ts) comes before the pipeline loads: the signal is held, not yet handled.
      expect(await until(() => existsSync(join(reportDir, '.release.lock')), 30_000), 'the report directory was never claimed').toBe(true)
      process.kill(npmPid, 'SIGTERM') // npm only: it hands the signal to the release
      const { code, stderr } = await run
      expect(code, stderr).toBe(143)
      expect(await markedGone(mark, 10_000)).toEqual([])
      const report = readReport(reportDir)
      expect(report.status).toBe('interrupted')
      expect(report.gate, 'the gate ran after the signal').toBeNull()
      expect(existsSync(join(reportDir, 'validation-report.json'))).toBe(false)
      expect(ref.stats().requests, 'a request reached the target after the signal').toEqual([])
    } finally {
      killMarked(mark)
    }
  }, 120_000)
})
