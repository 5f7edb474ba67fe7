// What a rollback trigger leads to: with RELEASE_ROLLBACK_COMMAND, run it once, then verify the rolled-back
// service (a fresh login: the service restarted), on the version seen before the deployment when one was seen;
// without it, the decision is ROLLBACK, recommended to a person.
import { type CommandResult, runCommand } from './command.ts'
import { reason } from '../core/reason.ts'
import { checkHealthOnce, healthWithin, type OpenResult, openTarget, untilAborted } from './probe.ts'
import type { PhaseTwoSettings } from './settings.ts'
import { DOWN_REPROBE_MS } from './monitor.ts'
import { isGone } from './triggers.ts'
import { type Readiness, runVerify, unopenedVerify, type VerifyClock, type VersionChecks, type VerifyResult } from './verify.ts'

export type RollbackOutcome =
  | { kind: 'recommended' }
  | { kind: 'rolled_back'; command: CommandResult; verify: VerifyResult }
  | { kind: 'failed'; command: CommandResult; verify: VerifyResult | null }
  /**
   * The release had to stop (a second signal) while the command ran — its group was stopped — or, the command done
   * (exit 0), while the service was awaited (`readiness`, interrupted): either way its outcome is unknown.
   */
  | { kind: 'stopped'; command: CommandResult; readiness?: Readiness }

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
  /**
   * Called when the command has exited, before the readiness wait and the check after it: the events file says the
   * rollback ran when it did, not up to RELEASE_READY_TIMEOUT later (or never, when a second signal then ends the run).
   */
  onCommandEnded?: (command: CommandResult) => void
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
  options.onCommandEnded?.(result)
  if (result.stopped) return { kind: 'stopped', command: result }
  if (!result.ok) return { kind: 'failed', command: result, verify: null }
  // The rolled-back build may need seconds to listen (a restart, then `sleep 2` and exit 0): awaited first, or a
  // rollback that worked read "Rollback FAILED — act now" (a review, 2026-12-05). As the check after it, the wait
  // goes on after a first signal; a second one stops it (the outcome is then unknown).
  rollbackWaits++
  let wait: ReadyWait
  try {
    wait = await waitReady(settings, options.stop)
  } finally {
    rollbackWaits--
  }
  if (wait.kind === 'interrupted') return { kind: 'stopped', command: result, readiness: wait.readiness }
  const verify = withReadiness(await verifyFresh(settings, { expected: options.restore, replaced: options.replaced ?? null }), wait)
  return verify.ok ? { kind: 'rolled_back', command: result, verify } : { kind: 'failed', command: result, verify }
}

/** Rollback readiness waits running now (rollBack): a second signal then stops the wait (options.stop) instead of exiting. */
let rollbackWaits = 0

/**
 * Whether the rollback's readiness wait runs: the first signal lets it go on, a second one must stop it and still
 * write the report (release.rollback.ready_stopped), never exit without one (release/cli/common.ts onInterrupt).
 */
export function rollbackWaitRunning(): boolean {
  return rollbackWaits > 0
}

/** How often the health route is asked while a service that a command just (re)started is awaited. */
export const READY_POLL_MS = 1000

export type ReadyWait = { kind: 'skipped' } | { kind: 'done'; readiness: Readiness } | { kind: 'interrupted'; readiness: Readiness }

/**
 * After a deploy or rollback command exited 0: asks the health route (no login, as the monitor's start confirms a
 * target down) about every second until it answers healthy, at most RELEASE_READY_TIMEOUT — a readiness wait, as
 * Argo Rollouts' initial delay or a Kubernetes readiness probe: a service restarted by `systemctl restart` is
 * "active" seconds before it listens, and a verify sent at once rolled a healthy deployment back. Every answer but
 * a healthy one keeps the wait going, a client error included: a reverse proxy answers 404 on every route until the
 * new build's router is up (Traefik's "404 page not found"), 401/403 until its auth middleware is, and a 404 ending
 * the wait judged a healthy build failed 22 ms after its deploy (a review, 2026-12-05). No status is sure never to
 * change by waiting; a health path that is truly wrong costs RELEASE_READY_TIMEOUT, and the verify then names its
 * last answer. `signal` ends the wait at once (interrupted). Skipped with RELEASE_READY_TIMEOUT=0 or no HARENA_BASE_URL.
 */
export async function waitReady(settings: PhaseTwoSettings, signal?: AbortSignal): Promise<ReadyWait> {
  const timeoutMs = settings.release.readyTimeoutMs
  if (timeoutMs <= 0 || settings.suite.baseUrl === null) return { kind: 'skipped' }
  const t0 = performance.now()
  const readiness = (ready: boolean, problem: string | null): Readiness => ({
    ready,
    waitedMs: Math.round(performance.now() - t0),
    timeoutMs,
    problem,
  })
  let problem: string | null = null
  for (;;) {
    const health = signal?.aborted ? null : await untilAborted(checkHealthOnce(settings.suite, settings.release.healthPath), signal)
    if (health === null) return { kind: 'interrupted', readiness: readiness(false, problem) }
    if (health.ok) return { kind: 'done', readiness: readiness(true, null) }
    problem = health.problem ?? (health.httpStatus === null ? 'no answer' : `HTTP ${health.httpStatus}`)
    const left = timeoutMs - (performance.now() - t0)
    if (left <= 0) return { kind: 'done', readiness: readiness(false, problem) }
    if (!(await pause(Math.min(READY_POLL_MS, left), signal))) return { kind: 'interrupted', readiness: readiness(false, problem) }
  }
}

/** Waits `ms`; false when `signal` came first. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve(ok)
    }
    const onAbort = (): void => done(false)
    const timer = setTimeout(() => done(true), ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * The verify after a command: the readiness wait it followed is recorded in it, and a verify that then failed on a
 * service that never became ready says first how long it was awaited.
 */
export function withReadiness(verify: VerifyResult, wait: ReadyWait): VerifyResult {
  if (wait.kind === 'skipped') return verify
  const r = wait.readiness
  if (r.ready || verify.ok || verify.interrupted) return { ...verify, readiness: r }
  const notReady = reason('verify.not_ready', { waitedMs: r.waitedMs, timeoutMs: r.timeoutMs, problem: r.problem })
  // A login refused by a service that never became ready (a proxy's 404 on every route while the build registers)
  // says nothing of the credentials: the service is unusable, not misconfigured.
  const reasons = verify.reasons.map((x) => (x.code === 'verify.credentials_refused' ? { ...x, code: 'verify.unusable' } : x))
  return { ...verify, readiness: r, credentialsRefused: false, reasons: [notReady, ...reasons] }
}

/**
 * The release's verify after its deploy command exited 0: the readiness wait (waitReady), then verifyFresh. A signal
 * during the wait ends it at once: an interrupted verify (nothing asked), as one during the verify itself.
 */
export async function verifyAfterCommand(settings: PhaseTwoSettings, versions: VersionChecks, signal: AbortSignal): Promise<VerifyResult> {
  const wait = await waitReady(settings, signal)
  if (wait.kind === 'interrupted') {
    const clock = { t0: performance.now(), at: new Date().toISOString() }
    const opened = { embedded: false, reached: false, credentials: false, health: null, healthPath: settings.release.healthPath, interrupted: true }
    const verify = unopenedVerify(settings.suite.baseUrl ?? '(embedded)', '', opened, { ...clock, expectedVersion: versions.expected })
    return { ...verify, readiness: wait.readiness }
  }
  return withReadiness(await verifyFresh(settings, versions, signal), wait)
}

/**
 * Opens the target anew (preflight + login) and verifies it, with the version checks asked for (verify.ts). `signal`:
 * a Ctrl-C or SIGTERM stops it at once, marked interrupted; the request then in flight is not waited for (closing
 * the target would wait for it, up to HARENA_TIMEOUT_MS): the command writes its report and exits.
 */
export async function verifyFresh(settings: PhaseTwoSettings, versions: VersionChecks, signal?: AbortSignal): Promise<VerifyResult> {
  // The clock starts before the opening: an interrupted or refused opening reports its real duration.
  const clock = { t0: performance.now(), at: new Date().toISOString() }
  let opened = await openTarget(settings.suite, 1, signal)
  // A target that answered and then could not be opened (its login dropped): its health route re-probed over
  // MONITOR_DOWN_GRACE as the monitor does, and the target opened once more when it answers — a 300 ms restart
  // during the verify rolled a good deployment back (a review, 2026-12-05).
  if (opened.kind === 'unusable' && opened.reached) {
    const health = await healthWithin(settings.suite, settings.release.healthPath, settings.monitor.downGraceMs, DOWN_REPROBE_MS, isGone, signal)
    if (health?.back === true && health.probes > 1) opened = await openTarget(settings.suite, 1, signal)
  }
  if (opened.kind !== 'ready') return notOpened(settings, opened, { ...clock, expectedVersion: versions.expected })
  let result: VerifyResult | null = null
  try {
    result = await runVerify(opened.target, settings.release.healthPath, versions, settings.suite.stopAfterTimeouts, signal, clock)
    return result
  } finally {
    const closing = opened.target.close()
    // Interrupted: the close goes on unawaited, its failure (a socket already gone) is nothing to report.
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
