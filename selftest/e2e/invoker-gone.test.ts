// Reliability proof: a run whose invoker is gone never goes on to write a GO. `npx vitest run` starts Vitest as
// npm → `sh -c` → node → fork workers; a CI cancel or `kill <pid>` signals npm alone. npm ends, the shell ends
// (dash does not forward the signal: checked here, not assumed), and Vitest, re-parented, used to go on asking and
// write `GO … finished` with `interrupted: false`. It now sees its parent change and stops as on SIGTERM
// (core/invoker.ts): the interrupted NO-GO report, exit 143, no process left.
// `npm run validate` has no shell in between (its script is `exec vitest run`): npm hands a SIGINT or a SIGTERM
// to its child, which is Vitest itself, so both stop the run (a SIGINT to npm alone used to be lost: npm and the
// shell waited for a Vitest that never got it, and the run finished with its verdict).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, readReport, REPORT_JSON, ROOT } from './harness.ts'
import { invokerGoneLine } from '../../core/invoker.ts'
import { killMarked, markedGone, markedProcesses } from './processes.ts'
import { chatRequests, fileTargets } from './target.ts'
import { slowRun } from './slow-run.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const until = async (what: () => boolean, withinMs: number): Promise<boolean> => {
  const deadline = performance.now() + withinMs
  while (!what()) {
    if (performance.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

describe('a run whose invoker is gone', () => {
  test.each([{ command: ['npx', 'vitest', 'run'], signal: 'SIGTERM' as const }])(
    '`$command` with $signal to its top process only: Vitest and its workers stop, the report is the interrupted NO-GO',
    async ({ command, signal }) => {
      // 200 attempts of ≥ 300 ms, two at a time: the run would take ≥ 30 s; the invoker is signalled after 2 requests.
      const { ref, reportDir, mark, env } = await slowRun(target, 'invoker-gone')
      const [bin, ...args] = command as [string, ...string[]]
      // Its own session, as CI starts a step: nothing but the one signal below reaches any of its processes.
      const top = spawn(bin, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      top.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
      top.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
      let topExited = false
      top.once('exit', () => (topExited = true))
      // The pipes close when the last process holding them (Vitest and its worker inherit them) is gone.
      const pipesClosed = new Promise<void>((r) => top.once('close', () => r()))
      try {
        expect(
          (await until(() => topExited || chatRequests(ref.stats().requests).length >= 2, 60_000)) && !topExited,
          `no request reached the target\n${output}`,
        ).toBe(true)
        const before = markedProcesses(mark)
        const shell = before.find((p) => /^(\/bin\/)?sh -c /.test(p.command))
        const vitest = before.find((p) => /vitest(\.mjs)? run/.test(p.command) && p.ppid === shell?.pid)
        expect(shell, `the chain is npm → sh -c → vitest\n${JSON.stringify(before, null, 2)}`).toBeDefined()
        expect(vitest, `the chain is npm → sh -c → vitest\n${JSON.stringify(before, null, 2)}`).toBeDefined()

        process.kill(top.pid as number, signal) // the top process only, never the group
        expect(await until(() => topExited, 10_000), 'the top process did not exit on the signal').toBe(true)
        // The shell dies with it (it does not forward the signal to Vitest): that is what leaves Vitest orphaned.
        expect(await until(() => !markedProcesses(mark).some((p) => p.pid === shell?.pid), 5_000), 'sh -c outlived npm').toBe(true)

        const left = await markedGone(mark, 15_000)
        expect(left, `processes left after the invoker was gone\n${output}`).toEqual([])
        const requestsAtStop = chatRequests(ref.stats().requests).length
        await Promise.race([pipesClosed, new Promise((r) => setTimeout(r, 5_000))])

        // The run's language is the default (VALIDATION_LOCALE unset: French).
        expect(output).toContain(invokerGoneLine(shell?.pid as number, 'fr'))
        expect(existsSync(join(reportDir, REPORT_JSON)), output).toBe(true)
        const report = readReport(reportDir)
        expect(report.decision, output).toBe('NO-GO')
        expect(report.run.interrupted).toBe(true)
        expect(report.run.complete).toBe(false)
        expect(report.exitCode, 'the SIGTERM path: exit 143').toBe(143)
        expect(report.summary.attempts).toBeLessThan(200)
        // Nothing runs any more: no request after the stop, and the report stays what it is.
        await new Promise((r) => setTimeout(r, 1_000))
        expect(chatRequests(ref.stats().requests).length).toBe(requestsAtStop)
        expect(JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8')).decision).toBe('NO-GO')
      } finally {
        killMarked(mark)
      }
    },
    120_000,
  )
})

// npx killed outright (the OOM killer, a CI timeout's `kill -9`): npm runs no handler and signals nothing, so the
// shell between it and Vitest (`sh -c`) lives on, waiting for Vitest, and Vitest's parent never changes — the run
// wrote its GO 1–2 s later for nobody. Vitest notes the shell's parent too and stops when the shell is re-parented.
describe('`npx vitest run` whose npx is killed outright', () => {
  test('SIGKILL to npx only: Vitest still stops — interrupted NO-GO, exit 143, no process left', async () => {
    const { ref, reportDir, mark, env } = await slowRun(target, 'invoker-kill9')
    const top = spawn('npx', ['vitest', 'run'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    top.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
    top.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
    let topExited = false
    top.once('exit', () => (topExited = true))
    try {
      expect(
        (await until(() => topExited || chatRequests(ref.stats().requests).length >= 2, 60_000)) && !topExited,
        `no request reached the target\n${output}`,
      ).toBe(true)
      const before = markedProcesses(mark)
      const shell = before.find((p) => /^(\/bin\/)?sh -c /.test(p.command) && p.ppid === top.pid)
      expect(shell, `the chain is npx → sh -c → vitest\n${JSON.stringify(before, null, 2)}`).toBeDefined()

      process.kill(top.pid as number, 'SIGKILL') // npx only: no handler runs, nothing reaches the shell
      expect(await until(() => topExited, 10_000), 'npx did not die').toBe(true)
      const left = await markedGone(mark, 15_000)
      expect(left, `processes left after npx was killed\n${output}`).toEqual([])

      expect(output).toContain(invokerGoneLine(top.pid as number, 'fr'))
      const report = readReport(reportDir)
      expect(report.decision, output).toBe('NO-GO')
      expect(report.run.interrupted).toBe(true)
      expect(report.exitCode, 'the SIGTERM path: exit 143').toBe(143)
      expect(report.summary.attempts).toBeLessThan(200)
    } finally {
      killMarked(mark)
    }
  }, 120_000)
})

describe('`npm run validate` signalled alone', () => {
  test.each([
    { signal: 'SIGINT' as const, exitCode: 130 },
    { signal: 'SIGTERM' as const, exitCode: 143 },
  ])(
    '$signal to npm only reaches Vitest (the script execs it): the run stops, interrupted NO-GO, exit $exitCode',
    async ({ signal, exitCode }) => {
      const { ref, reportDir, mark, env } = await slowRun(target, 'npm-signal')
      const npm = spawn('npm', ['run', 'validate'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      npm.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
      npm.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
      let npmExit: number | null | undefined
      npm.once('exit', (code) => (npmExit = code))
      try {
        expect(
          (await until(() => npmExit !== undefined || chatRequests(ref.stats().requests).length >= 2, 60_000)) && npmExit === undefined,
          `no request reached the target\n${output}`,
        ).toBe(true)
        const before = markedProcesses(mark)
        const child = before.find((p) => p.ppid === npm.pid)
        const vitest = child !== undefined && /vitest(\.mjs)? run/.test(child.command) && !/^(\/bin\/)?sh -c /.test(child.command) ? child : undefined
        expect(vitest, `npm's child is Vitest itself, no shell between\n${JSON.stringify(before, null, 2)}`).toBeDefined()

        process.kill(npm.pid as number, signal) // npm only, never the group
        expect(await until(() => npmExit !== undefined, 20_000), `npm did not exit after ${signal}\n${output}`).toBe(true)
        expect(await markedGone(mark, 15_000), `processes left after ${signal} to npm\n${output}`).toEqual([])
        const requestsAtStop = chatRequests(ref.stats().requests).length

        const report = readReport(reportDir)
        expect(report.decision, output).toBe('NO-GO')
        expect(report.run.interrupted).toBe(true)
        expect(report.run.complete).toBe(false)
        expect(report.exitCode).toBe(exitCode)
        expect(npmExit, 'npm passes the exit code on').not.toBe(0)
        expect(report.summary.attempts).toBeLessThan(200)
        await new Promise((r) => setTimeout(r, 1_000))
        expect(chatRequests(ref.stats().requests).length, 'a request after the stop').toBe(requestsAtStop)
      } finally {
        killMarked(mark)
      }
    },
    120_000,
  )
})
