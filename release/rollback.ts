// What a rollback trigger leads to: with RELEASE_ROLLBACK_COMMAND, run it once, then verify the rolled-back
// service (a fresh login: the service restarted); without it, the decision is ROLLBACK, recommended to a person.
import { type CommandResult, runCommand } from './command.ts'
import { openTarget } from './probe.ts'
import type { PhaseTwoSettings } from './settings.ts'
import { runVerify, unreachableVerify, type VerifyResult } from './verify.ts'

export type RollbackOutcome =
  | { kind: 'recommended' }
  | { kind: 'rolled_back'; command: CommandResult; verify: VerifyResult }
  | { kind: 'failed'; command: CommandResult; verify: VerifyResult | null }

export async function rollBack(settings: PhaseTwoSettings, secrets: readonly string[], echo?: (chunk: string) => void): Promise<RollbackOutcome> {
  const command = settings.release.rollbackCommand
  if (command === null) return { kind: 'recommended' }
  const result = await runCommand('rollback', command, { timeoutMs: settings.release.commandTimeoutMs, secrets, ...(echo ? { echo } : {}) })
  if (!result.ok) return { kind: 'failed', command: result, verify: null }
  const verify = await verifyFresh(settings, null)
  return verify.ok ? { kind: 'rolled_back', command: result, verify } : { kind: 'failed', command: result, verify }
}

/** Opens the target anew (preflight + login) and verifies it. `expectedVersion` null: any version. */
export async function verifyFresh(settings: PhaseTwoSettings, expectedVersion: string | null): Promise<VerifyResult> {
  const opened = await openTarget(settings.suite, 1)
  if (opened.kind !== 'ready') return unreachableVerify(settings.suite.baseUrl ?? '(embedded)', opened.reason)
  try {
    return await runVerify(opened.target, settings.release.healthPath, expectedVersion)
  } finally {
    await opened.target.close()
  }
}
