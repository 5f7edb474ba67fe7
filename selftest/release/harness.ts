// Runs the Phase 2 commands as a user does (`tsx release/cli/…` as a child process in the project root) and
// reads what they leave: exit code, terminal, reports. Services restarted by deploy/rollback commands are real
// reference processes on loopback (service-ctl.ts), stopped after each test.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { procStat, runsNothing } from '../../core/proc-stat.ts'
import type { PostDeploymentReport } from '../../release/report.ts'
import { ROOT } from '../e2e/harness.ts'

export { ROOT }

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Env of a child without the parent's HARENA_/VALIDATION_/MONITOR_/RELEASE_ settings (a test sets its own). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^(HARENA_|VALIDATION_|MONITOR_|RELEASE_|REFERENCE_)/.test(k)) env[k] = v
  return { ...env, ...extra }
}

type Child = ReturnType<typeof spawn>

/** A child's output until its pipes close ('close': every process that held them, a grandchild too, is gone). */
function collected(child: Child, onStderr?: (text: string, child: Child) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString()
    })
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString()
      onStderr?.(stderr, child)
    })
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export function runCli(
  script: 'verify' | 'monitor' | 'release',
  env: Record<string, string>,
  onStderr?: (text: string, child: Child) => void,
  /** The child as soon as it runs: for a signal that does not wait for its output. */
  onSpawn?: (child: Child) => void,
): Promise<CliRun> {
  const args = script === 'verify' ? ['release/cli/verify.ts'] : ['release/cli/run.ts', script]
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  onSpawn?.(child)
  return collected(child, onStderr)
}

/**
 * An `onSpawn` for runCli that sends `signal` `afterMs` after `ready()` first holds (polled every `everyMs`): a signal
 * at a given step of a run (its events file saying so). `stop()` ends the polling; `sent` says whether it went out.
 */
export function signalWhen(ready: () => boolean, signal: NodeJS.Signals, afterMs = 0, everyMs = 100) {
  let poll: NodeJS.Timeout | undefined
  const state = { sent: false, onSpawn: (_child: Child) => {}, stop: () => clearInterval(poll) }
  state.onSpawn = (child) => {
    poll = setInterval(() => {
      if (!ready()) return
      clearInterval(poll)
      const send = () => {
        state.sent = true
        child.kill(signal)
      }
      if (afterMs > 0) setTimeout(send, afterMs)
      else send()
    }, everyMs)
  }
  return state
}

/**
 * `npm run <script>` as a CI step starts it: its own session, so only a signal sent to npm's pid reaches it — or to
 * its process group (`-npm.pid`), as a terminal's Ctrl-C does. `onStderr` may signal npm (`npm.pid`); `onSpawn` gets
 * npm as soon as it runs.
 */
export function runNpmScript(
  script: 'monitor' | 'release' | 'verify',
  env: Record<string, string>,
  onStderr?: (text: string, npm: Child) => void,
  onSpawn?: (npm: Child) => void,
): Promise<CliRun> {
  const npm = spawn('npm', ['run', script], { cwd: ROOT, env: cleanEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  onSpawn?.(npm)
  return collected(npm, onStderr)
}

const tempDirs: string[] = []

/** A fresh directory in the system's temporary directory; removeTempDirs (each file's afterAll) removes it. */
/** Whether the process runs: a zombie (killed, not yet reaped by PID 1) runs nothing. */
export function alive(pid: number): boolean {
  const stat = procStat(pid)
  return stat !== null && !runsNothing(stat.state)
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function readReport(dir: string): PostDeploymentReport {
  return JSON.parse(readFileSync(join(dir, 'monitor-report.json'), 'utf8')) as PostDeploymentReport
}

export function readText(dir: string, name: string): string {
  const path = join(dir, name)
  return existsSync(path) ? readFileSync(path, 'utf8') : ''
}

/**
 * The shell command that (re)starts the reference service on `port` as `version` with `faults`. `bootMs`: it exits 0
 * at once and the new service listens only after bootMs (a slow boot, service-ctl.ts).
 */
export function serviceCommand(pidfile: string, port: number, version: string, faults: unknown[] = [], bootMs = 0): string {
  const json = JSON.stringify(JSON.stringify(faults)) // a shell-safe double-quoted JSON argument
  return `"${process.execPath}" --import tsx selftest/release/service-ctl.ts "${pidfile}" ${port} ${version} ${json.replace(/\$/g, '\\$')}${bootMs > 0 ? ` ${bootMs}` : ''}`
}

/** A watch's quick pace (English): a step, a status line and a health check every 500 ms, 10 asks a second. */
/**
 * The report's reasons that say how busy this machine was, not how the service behaved: requests still in flight at
 * the end, the monitor's own stalls, asks it fell behind on. A proof that compares a report's reasons leaves them out
 * (CI, 2026-12-06: "monitor.paused" beside "release.version.changed" at load 9).
 */
export const MACHINE_LOAD_REASONS: ReadonlySet<string> = new Set(['monitor.unfinished', 'monitor.paused', 'monitor.behind'])

/** The codes of a report's reasons, those of MACHINE_LOAD_REASONS left out. */
export function serviceReasonCodes(reasons: ReadonlyArray<{ code: string }>): string[] {
  return reasons.map((r) => r.code).filter((c) => !MACHINE_LOAD_REASONS.has(c))
}

export const QUICK_WATCH = {
  VALIDATION_LOCALE: 'en',
  MONITOR_STEP: '500ms',
  MONITOR_STATUS_EVERY: '500ms',
  MONITOR_HEALTH_EVERY: '500ms',
  MONITOR_RPS: '10',
} as const

/** Short windows (seconds) so that a whole release fits in a test. */
export const FAST_MONITOR = {
  MONITOR_WINDOW: '3s',
  MONITOR_STEP: '500ms',
  MONITOR_RPS: '40',
  MONITOR_STATUS_EVERY: '500ms',
  MONITOR_HEALTH_EVERY: '500ms',
} as const

/**
 * `npm run monitor` for 30 s (English) against a service answering 40 % of the chats with a pipeline fallback: a
 * rollback recommended, so every section of the post-deployment report has something to say. `env`: the target's
 * (tokenEnv of a reference started with that fault).
 */
export async function fallbackWatch(env: Record<string, string>, prefix: string): Promise<{ run: CliRun; dir: string }> {
  const dir = tempDir(prefix)
  const run = await runCli('monitor', {
    ...env,
    VALIDATION_REPORT_DIR: dir,
    VALIDATION_LOCALE: 'en',
    ...FAST_MONITOR,
    MONITOR_DURATION: '30s',
    MONITOR_RPS: '20',
  })
  return { run, dir }
}

/** The fault of fallbackWatch's target. */
export const FALLBACK_40 = [{ rate: 0.4, fault: { kind: 'fallback' as const } }]
