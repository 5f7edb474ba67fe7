// What a rollback trigger leads to: with RELEASE_ROLLBACK_COMMAND, run it once, then verify the rolled-back
// service (a fresh login: the service restarted), on the version seen before the deployment when one was seen;
// without it, the decision is ROLLBACK, recommended to a person.
import { type CommandResult, runCommand } from './command.ts'
import { checkHealthOnce, type OpenResult, openTarget } from './probe.ts'
import type { PhaseTwoSettings } from './settings.ts'
import { runVerify, unopenedVerify, type VerifyClock, type VersionChecks, type VerifyResult } from './verify.ts'

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

/**
 * Opens the target anew (preflight + login) and verifies it, with the version checks asked for (verify.ts). `signal`:
 * a Ctrl-C or SIGTERM stops it at once, marked interrupted; the request then in flight is not waited for (closing
 * the target would wait for it, up to HARENA_TIMEOUT_MS): the command writes its report and exits.
 */
export async function verifyFresh(settings: PhaseTwoSettings, versions: VersionChecks, signal?: AbortSignal): Promise<VerifyResult> {
  // The clock starts before the opening: an interrupted or refused opening reports its real duration.
  const clock = { t0: performance.now(), at: new Date().toISOString() }
  const opened = await openTarget(settings.suite, 1, signal)
  if (opened.kind !== 'ready') return notOpened(settings, opened, { ...clock, expectedVersion: versions.expected })
  let result: VerifyResult | null = null
  try {
    result = await runVerify(opened.target, settings.release.healthPath, versions, settings.suite.stopAfterTimeouts, signal, clock)
    return result
  } finally {
    const closing = opened.target.close()
    if (result?.interrupted === true) closing.catch(() => undefined)
    else await closing
  }
}

/**
 * The target could not be opened. When it answered (a refused login, a broken login route), its health route is
 * asked once without credentials, so the report says what the route said, never a failure nobody asked for.
 */
async function notOpened(
  settings: PhaseTwoSettings,
  opened: Exclude<OpenResult, { kind: 'ready' }>,
  clock: VerifyClock & { expectedVersion: string | null },
): Promise<VerifyResult> {
  const { suite, release } = settings
  const health = opened.reached ? await checkHealthOnce(suite, release.healthPath) : null
  return unopenedVerify(
    suite.baseUrl ?? '(embedded)',
    opened.reason,
    {
      embedded: suite.baseUrl === null,
      reached: opened.reached,
      credentials: opened.kind === 'config',
      health,
      healthPath: release.healthPath,
      interrupted: opened.kind === 'interrupted',
    },
    clock,
  )
}
