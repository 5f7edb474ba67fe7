// The setup shared by the proofs that stop a run early (invoker-gone, gate-signal, gate-owner): a reference that
// answers in ≥ 300 ms and a run of 200 attempts two at a time (≥ 30 s if nothing stops it), every process it starts
// marked (processes.ts) so that a proof can tell what is left, whoever became its parent.
import { childEnv, pick, tempDir, writeBank } from './harness.ts'
import { processMark } from './processes.ts'
import { type FaultRule, type Reference, tokenEnv } from './target.ts'

export interface SlowRun {
  ref: Reference
  reportDir: string
  /** The mark's value (markedProcesses, markedGone, killMarked). */
  mark: string
  /** The child's whole environment (childEnv), its report directory and mark included. */
  env: Record<string, string>
}

export async function slowRun(target: (faults?: FaultRule[]) => Promise<Reference>, label: string): Promise<SlowRun> {
  const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 300 } }])
  const reportDir = tempDir(label)
  const mark = processMark()
  const env = childEnv({
    ...tokenEnv(ref),
    ...mark.env,
    HARENA_TIMEOUT_MS: '10000',
    VALIDATION_QUESTIONS: writeBank(pick('q01')),
    VALIDATION_ITERATIONS: '200',
    VALIDATION_CONCURRENCY: '2',
    VALIDATION_WARMUP: '0',
    VALIDATION_REPORT_DIR: reportDir,
  })
  return { ref, reportDir, mark: mark.value, env }
}
