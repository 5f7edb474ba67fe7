// Phase 1 as the first step of `npm run release`: the validation suite run as a child process (`npx vitest run`,
// exactly what a person runs), its decision read from the validation-report.json it writes — never guessed from
// the exit code alone (CONDITIONAL exits 0). A report older than this run is not this run's.
import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export type GateDecision = 'GO' | 'CONDITIONAL' | 'NO-GO'

export interface GateResult {
  decision: GateDecision | null
  exitCode: number | null
  durationMs: number
  /** Why no decision could be read, when decision is null. */
  problem: string | null
}

export function runGate(options: { reportDir: string; baseUrl: string | null; env?: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<GateResult> {
  const t0 = performance.now()
  const startedAt = Date.now()
  const env = { ...(options.env ?? process.env) }
  if (options.baseUrl !== null) env.HARENA_BASE_URL = options.baseUrl
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
    // A signal sent to this process alone (CI cancel) reaches the gate too: it then writes its interrupted report.
    options.signal?.addEventListener('abort', () => child.kill('SIGINT'), { once: true })
    child.once('error', (error) => resolve({ decision: null, exitCode: null, durationMs: performance.now() - t0, problem: error.message }))
    child.once('close', (exitCode) => {
      const read = readDecision(join(options.reportDir, 'validation-report.json'), startedAt)
      resolve({ decision: read.decision, exitCode, durationMs: performance.now() - t0, problem: read.problem })
    })
  })
}

function readDecision(path: string, notBefore: number): { decision: GateDecision | null; problem: string | null } {
  try {
    // mtime resolution can be coarse: one second of slack, never a report from an earlier run.
    if (statSync(path).mtimeMs < notBefore - 1000) return { decision: null, problem: 'validation-report.json predates this run' }
    const report = JSON.parse(readFileSync(path, 'utf8')) as { decision?: unknown }
    const d = report.decision
    if (d === 'GO' || d === 'CONDITIONAL' || d === 'NO-GO') return { decision: d, problem: null }
    return { decision: null, problem: 'validation-report.json has no decision' }
  } catch {
    return { decision: null, problem: 'no validation-report.json' }
  }
}
