// What a rollback trigger leads to: with RELEASE_ROLLBACK_COMMAND, run it once, then verify the rolled-back
// service (a fresh login: the service restarted), on the version seen before the deployment when one was seen;
// without it, the decision is ROLLBACK, recommended to a person.
import { type CommandResult, runCommand } from './command.ts'
import { openTarget } from './probe.ts'
import type { PhaseTwoSettings } from './settings.ts'
import { runVerify, unreachableVerify, type VersionChecks, type VerifyResult } from './verify.ts'

export type RollbackOutcome =
  | { kind: 'recommended' }
  | { kind: 'rolled_back'; command: CommandResult; verify: VerifyResult }
  | { kind: 'failed'; command: CommandResult; verify: VerifyResult | null }
  /** The release had to stop while the command ran (a second signal): its group was stopped, its outcome is unknown. */
  | { kind: 'stopped'; command: CommandResult }

export interface RollbackOptions {
  secrets: readonly string[]
  echo?: (chunk: string) => void
  stop?: AbortSignal
  /**
   * The version the health route reported before the deployment, when one was seen: a rollback that leaves any
   * other version running (the new one still there) did not roll back, whatever its exit code. null: any version.
   */
  restore: string | null
  /**
   * The version the monitor judged bad (`npm run monitor`: its first health check), when one was seen: a rollback
   * that leaves it running did not roll back. null: not known.
   */
  replaced?: string | null
}

export async function rollBack(settings: PhaseTwoSettings, options: RollbackOptions): Promise<RollbackOutcome> {
  const command = settings.release.rollbackCommand
  if (command === null) return { kind: 'recommended' }
  const result = await runCommand('rollback', command, {
    timeoutMs: settings.release.commandTimeoutMs,
    secrets: options.secrets,
    ...(options.echo ? { echo: options.echo } : {}),
    ...(options.stop ? { stop: options.stop } : {}),
  })
  if (result.stopped) return { kind: 'stopped', command: result }
  if (!result.ok) return { kind: 'failed', command: result, verify: null }
  const verify = await verifyFresh(settings, { expected: options.restore, replaced: options.replaced ?? null })
  return verify.ok ? { kind: 'rolled_back', command: result, verify } : { kind: 'failed', command: result, verify }
}

/** Opens the target anew (preflight + login) and verifies it, with the version checks asked for (verify.ts). */
export async function verifyFresh(settings: PhaseTwoSettings, versions: VersionChecks): Promise<VerifyResult> {
  const opened = await openTarget(settings.suite, 1)
  if (opened.kind !== 'ready') return unreachableVerify(settings.suite.baseUrl ?? '(embedded)', opened.reason, settings.suite.baseUrl === null)
  try {
    return await runVerify(opened.target, settings.release.healthPath, versions)
  } finally {
    await opened.target.close()
  }
}
