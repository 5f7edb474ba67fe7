// Phase 1 as the first step of `npm run release`: the validation suite run as a child process (`npx vitest run`,
// exactly what a person runs), its decision read from the validation-report.json it writes — never guessed from
// the exit code alone (CONDITIONAL exits 0). A report older than this run is not this run's.
import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import { join } from 'node:path'
import { OWNER_PID_VARIABLE } from '../core/invoker.ts'

export type GateDecision = 'GO' | 'CONDITIONAL' | 'NO-GO'

export interface GateResult {
  decision: GateDecision | null
  exitCode: number | null
  durationMs: number
  /** Why no decision could be read, when decision is null. */
  problem: string | null
  /**
   * The version the gate's target reported (validation-report.json `target.version`, its health route's): the build
   * Phase 1 judged. null: not reported, or no report. Compared with the deployed one (release/pipeline.ts gateJudged).
   */
  version?: string | null
}

export function runGate(options: { reportDir: string; baseUrl: string | null; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<GateResult> {
  const t0 = performance.now()
  const startedAt = Date.now()
  const env = { ...(options.env ?? process.env) }
  if (options.baseUrl !== null) env.HARENA_BASE_URL = options.baseUrl
  // Killed outright (no handler runs), this process could not stop the gate: Vitest watches it too (core/invoker.ts).
  env[OWNER_PID_VARIABLE] = String(process.pid)
  // Vite's advisory parse of the config's modules for a future config loader: a fifth of a run, no effect on the
  // gate (docs/vitest-facts.md §1.7). Only an environment variable set before Vitest starts turns it off.
  env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true'
  // Aborted already (a signal held while the release loaded, release/cli/claim.ts): an abort event never fires again,
  // so a listener alone let the whole gate run after the release was told to stop. Nothing is started.
  if (options.signal?.aborted)
    return Promise.resolve({ decision: null, exitCode: null, durationMs: 0, problem: 'interrupted before the gate started' })
  return new Promise((resolve) => {
    // Its own process group (like release/command.ts): `npx` runs Vitest as npx → `sh -c` → node → fork workers, and
    // a signal to npx alone ends npx and the shell but not Vitest (it would go on and write a GO). The gate is
    // signalled as a group: every process of it, as Ctrl-C in a terminal does.
    const child = spawn('npx', ['vitest', 'run'], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true })
    let running = true
    // A signal sent to this process alone (CI cancel) reaches the gate too: it then writes its interrupted report.
    const interrupt = (): void => signalGroup(child.pid, 'SIGINT')
    options.signal?.addEventListener('abort', interrupt, { once: true })
    // This process exiting while the gate runs (a second signal exits at once) does not leave the gate behind.
    const onExit = (): void => {
      if (running) signalGroup(child.pid, 'SIGTERM')
    }
    process.once('exit', onExit)
    const settled = (): void => {
      running = false
      options.signal?.removeEventListener('abort', interrupt)
      process.off('exit', onExit)
    }
    child.once('error', (error) => {
      settled()
      resolve({ decision: null, exitCode: null, durationMs: performance.now() - t0, problem: error.message })
    })
    child.once('close', (code, signal) => {
      // npx ends by the signal itself when its whole group gets one: its exit code as a shell reports it (130, 143).
      const exitCode = code ?? (signal !== null ? 128 + (constants.signals[signal] ?? 0) : null)
      // npx may end before the Vitest it started (on a signal it exits at once): the decision is read once the
      // whole group is gone, so that it is the report the gate's last process wrote.
      void groupGone(child.pid).then(() => {
        settled()
        const read = readDecision(join(options.reportDir, 'validation-report.json'), startedAt)
        resolve({ decision: read.decision, exitCode, durationMs: performance.now() - t0, problem: read.problem, version: read.version })
      })
    })
  })
}

/** How long the gate's processes may outlive npx before they are killed (an interrupted run writes in about 1 s). */
const GROUP_GRACE_MS = 30_000

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Resolves when no process of the group is left (after GROUP_GRACE_MS, what is left is killed). */
async function groupGone(pid: number | undefined): Promise<void> {
  if (pid === undefined) return
  const deadline = performance.now() + GROUP_GRACE_MS
  while (groupAlive(pid)) {
    if (performance.now() > deadline) {
      signalGroup(pid, 'SIGKILL')
      return
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** `signal` to the gate's whole process group (npx, its shell, Vitest and its workers). */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

function readDecision(path: string, notBefore: number): { decision: GateDecision | null; problem: string | null; version: string | null } {
  try {
    // mtime resolution can be coarse: one second of slack, never a report from an earlier run.
    if (statSync(path).mtimeMs < notBefore - 1000) return { decision: null, problem: 'validation-report.json predates this run', version: null }
    const report = JSON.parse(readFileSync(path, 'utf8')) as { decision?: unknown; target?: { version?: unknown } }
    const d = report.decision
    // The version its target reported (docs/report-contract.md `target.version`): the build this decision is about.
    const v = report.target?.version
    const version = typeof v === 'string' && v.trim() !== '' ? v : null
    if (d === 'GO' || d === 'CONDITIONAL' || d === 'NO-GO') return { decision: d, problem: null, version }
    return { decision: null, problem: 'validation-report.json has no decision', version }
  } catch {
    return { decision: null, problem: 'no validation-report.json', version: null }
  }
}
