// The plan's Phase 2 end to end, each step optional (`npm run release`):
//   Phase 1 gate → RELEASE_BACKUP_COMMAND (plan T4.6 step 1; failing, nothing is deployed) → RELEASE_DEPLOY_COMMAND (GO only; CONDITIONAL with RELEASE_ALLOW_CONDITIONAL) → verify →
//   monitor → rollback when a trigger fires (or the deployment/verification failed) → verify the rolled-back service.
// And `npm run monitor`: the monitor → rollback part alone. Both return the post-deployment report model.
import type { Locale } from '../core/locale/index.ts'
import { reason, type Reason } from '../core/reason.ts'
import { say } from '../core/locale/index.ts'
import { type CommandOptions, type CommandResult, runCommand } from './command.ts'
import { type GateResult, runGate } from './gate.ts'
import { type MonitorEvent, type MonitorResult, openWatch, runMonitor } from './monitor.ts'
import { writeVerify } from './output.ts'
import { checkHealth, openTarget } from './probe.ts'
import { buildReport, type PostDeploymentReport, type VersionChange } from './report.ts'
import { type RollbackOutcome, rollBack, verifyAfterCommand, verifyFresh } from './rollback.ts'
import type { PhaseTwoSettings } from './settings.ts'
import { criticalRepeatLine } from './triggers.ts'
import type { VerifyResult } from './verify.ts'
import { identifiesBuild, sameVersion } from './versions.ts'
import { EXIT } from './exit-codes.ts'

export interface PipelineIO {
  signal: AbortSignal
  /** Which signal stopped the run, read when the report is built. */
  signalName: () => 'SIGINT' | 'SIGTERM' | null
  /** Progress lines for the terminal. */
  log: (line: string) => void
  onStatus: (line: string) => void
  onEvent: (event: MonitorEvent) => void
  /** Output of the deploy / rollback commands, as it comes (scrubbed). */
  echo: (chunk: string) => void
  /** Secrets known so far (the settings', the commands' own and the tokens logins returned). */
  secrets: string[]
  /** Aborted when the release must stop now (a second signal): a running deploy or rollback command is stopped. */
  stop?: AbortSignal
}

interface Steps {
  gate: GateResult | null
  backup: CommandResult | null
  deploy: CommandResult | null
  verify: VerifyResult | null
  monitor: MonitorResult | null
  rollback: RollbackOutcome | null
  stopReason: Reason | null
  rollbackCalled: boolean
  notDeployed: boolean
  /** The release stopped on a configuration error (the credentials refused before deploying): exit 1. */
  configError: boolean
  notMonitored: boolean
  versionBefore: string | null
  /** The version a rollback must bring back: the one seen before a deployment command ran (null: any). */
  restore: string | null
  /** The version a rollback must take away: the one the watch or the verify judged bad (null: not known). */
  replaced: string | null
  versionChanges: VersionChange[]
}

const blank = (): Steps => ({
  gate: null,
  backup: null,
  deploy: null,
  verify: null,
  monitor: null,
  rollback: null,
  stopReason: null,
  rollbackCalled: false,
  notDeployed: false,
  configError: false,
  notMonitored: false,
  versionBefore: null,
  restore: null,
  replaced: null,
  versionChanges: [],
})

async function watch(s: PhaseTwoSettings, io: PipelineIO, steps: Steps): Promise<void> {
  // A target that cannot be opened rolls back only when confirmed down (release/watch/open.ts openWatch).
  const opened = await openWatch(s.suite, s.monitor, s.release.healthPath, io.signal, steps.verify?.ok === true)
  if (opened.kind === 'interrupted') return
  if (opened.kind !== 'ready') {
    steps.stopReason = opened.reason
    steps.rollbackCalled = opened.kind === 'down'
    steps.notMonitored = opened.kind === 'not_monitored'
    return
  }
  io.secrets.push(...opened.target.secrets)
  io.log(say(criticalRepeatLine(s.monitor), s.suite.locale))
  try {
    const l = s.suite.locale
    const onEvent = (event: MonitorEvent): void => {
      if (event.type === 'version_changed') steps.versionChanges.push({ at: event.at, from: versionOf(event.from), to: versionOf(event.to) })
      io.onEvent(event)
    }
    steps.monitor = await runMonitor(opened.target, s.monitor, s.release.healthPath, {
      signal: io.signal,
      onEvent,
      onStatus: (status) => io.onStatus(say(status, l)),
    })
    // A version other than the verified one already at the first health check of the watch changed too.
    const verified = steps.verify?.health?.version ?? null
    const first = steps.monitor.health.firstVersion
    if (verified !== null && first !== null && first !== verified)
      steps.versionChanges.unshift({ at: steps.monitor.startedAt, from: verified, to: first })
    if (steps.monitor.trigger !== null) steps.rollbackCalled = true
  } finally {
    await closeSoon(opened.target.close())
  }
}

/** A version of a version_changed event: null when the health route stopped reporting one (release/watch/builds.ts noteVersion). */
const versionOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

/** Closing waits for requests still in flight; a hanging service must not hold the rollback back. */
async function closeSoon(closing: Promise<void>): Promise<void> {
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2000).unref())])
}

async function rollbackIfCalled(s: PhaseTwoSettings, io: PipelineIO, steps: Steps): Promise<void> {
  if (!steps.rollbackCalled || io.signal.aborted) return
  io.log(say(reason('release.log.rollback', { command: s.release.rollbackCommand !== null }), s.suite.locale))
  if (s.release.rollbackCommand !== null) io.onEvent(event('command_started', { command: 'rollback', restore: steps.restore }))
  steps.rollback = await rollBack(s, {
    secrets: io.secrets,
    echo: io.echo,
    restore: steps.restore,
    replaced: steps.replaced,
    ...(io.stop ? { stop: io.stop } : {}),
    onCommandEnded: (command) => io.onEvent(event('command_ended', commandFacts(command))),
  })
  if ((steps.rollback.kind === 'rolled_back' || steps.rollback.kind === 'failed') && steps.rollback.verify)
    // Its own files (rollback-verify-report.*): the deployment's verify report, often the reason for the rollback, stays.
    writeVerify(
      s.suite.reportDir,
      steps.rollback.verify,
      s.suite.locale,
      steps.rollback.verify.ok ? EXIT.stable : EXIT.failed,
      io.secrets,
      'rollback',
    )
}

const event = (type: string, data: Record<string, unknown>): MonitorEvent => ({ type, at: new Date().toISOString(), ...data })

/** What monitor-events.ndjson says of a finished (or stopped) command: never its text, which may carry secrets. */
const commandFacts = (c: CommandResult): Record<string, unknown> => ({
  command: c.label,
  exitCode: c.exitCode,
  signal: c.signal,
  timedOut: c.timedOut,
  stopped: c.stopped,
  ok: c.ok,
  durationMs: Math.round(c.durationMs),
})

function report(s: PhaseTwoSettings, io: PipelineIO, command: 'monitor' | 'release', startedAt: number, steps: Steps): PostDeploymentReport {
  return buildReport({
    command,
    locale: s.suite.locale as Locale,
    startedAt,
    baseUrl: s.suite.baseUrl ?? (s.suite.locale === 'fr' ? '(service de référence embarqué)' : '(embedded reference service)'),
    embedded: s.suite.baseUrl === null,
    backupConfigured: s.release.backupCommand !== null,
    deployer: s.release.deployer,
    thresholds: s.monitor,
    expectedVersion: s.release.expectedVersion,
    gateSameArtifact: s.release.gateSameArtifact,
    healthPath: s.release.healthPath,
    versionBefore: steps.versionBefore,
    versionChanges: steps.versionChanges,
    signal: io.signalName(),
    stopReason: steps.stopReason,
    rollbackCalled: steps.rollbackCalled,
    rollbackCommand: s.release.rollbackCommand !== null,
    notDeployed: steps.notDeployed,
    configError: steps.configError,
    monitorDisabled: s.release.monitor === false && steps.monitor === null,
    notMonitored: steps.notMonitored,
    gate: steps.gate,
    backup: steps.backup,
    deploy: steps.deploy,
    verify: steps.verify,
    monitor: steps.monitor,
    rollback: steps.rollback,
  })
}

export async function runMonitorOnly(s: PhaseTwoSettings, io: PipelineIO): Promise<PostDeploymentReport> {
  const startedAt = Date.now()
  const steps = blank()
  await watch(s, io, steps)
  steps.versionBefore = steps.monitor?.health.firstVersion ?? null
  // The watch judged the version running when its trigger fired (the one it saw first when none did, or none was
  // read then): after its rollback that version must no longer run (rollback.ts). The first one read was taken, and a
  // build shipped mid-watch that the trigger judged read "Rolled back" while still running (a review, 2026-12-05).
  steps.replaced = steps.monitor?.trigger?.version ?? steps.versionBefore
  await rollbackIfCalled(s, io, steps)
  return report(s, io, 'monitor', startedAt, steps)
}

function gateStop(gate: GateResult, allowConditional: boolean): Reason | null {
  if (gate.decision === 'GO') return null
  if (gate.decision === 'CONDITIONAL') return allowConditional ? null : reason('release.gate.conditional_refused')
  if (gate.decision === 'NO-GO') return reason('release.gate.no_go', { decision: gate.decision })
  return reason('release.gate.broken', { exitCode: gate.exitCode, problem: gate.problem })
}

/**
 * The gate judged another build than the one this release deploys: its target reported a version that names a build
 * (release/versions.ts identifiesBuild) and it is not RELEASE_EXPECTED_VERSION. With RELEASE_GATE_BASE_URL left at
 * HARENA_BASE_URL the gate judges what runs BEFORE the deployment — the old build — and the release called the new
 * one "Phase 1 OK" (a review, 2026-12-06: gate on 1.0.0-old, 2.0.0-new deployed, "✅ Stable"). Refused before
 * anything is deployed (a setting to fix: exit 1), unless RELEASE_GATE_SAME_ARTIFACT says it is the same artifact.
 * A version the gate did not read (or one that names no build) is not refused: the report says what was gated.
 */
export function gateOtherBuild(gate: GateResult, r: PhaseTwoSettings['release']): Reason | null {
  const gated = gate.version ?? null
  if (r.expectedVersion === null || gated === null || r.gateSameArtifact) return null
  if (!identifiesBuild(r.healthPath, gated) || sameVersion(gated, r.expectedVersion)) return null
  return reason('release.gate.other_version', { gated, expected: r.expectedVersion, gateUrl: r.gateBaseUrl !== null })
}

/**
 * Before anything is deployed, one look at the running service: the version to restore, and what only a setting can
 * be wrong about — credentials it refuses (a login refused: kind 'config'), or RELEASE_HEALTH_PATH answering 404/405
 * while the service answers otherwise. After the deployment either would read as a broken release and roll back a
 * healthy service (reviews 2026-12-04 and 2026-12-05). A target not reached at all (a first deployment) says nothing.
 */
async function beforeDeploying(s: PhaseTwoSettings, signal: AbortSignal): Promise<{ version: string | null; refusal: Reason | null }> {
  const opened = await openTarget(s.suite, 1, signal)
  if (opened.kind === 'config') return { version: null, refusal: reason('release.credentials.refused', { problem: opened.reason }) }
  if (opened.kind !== 'ready') return { version: null, refusal: null }
  try {
    const health = await checkHealth(opened.target, s.release.healthPath)
    const missingRoute = health.httpStatus === 404 || health.httpStatus === 405
    return {
      version: health.version,
      refusal: missingRoute ? reason('release.health_path.refused', { path: s.release.healthPath, status: health.httpStatus }) : null,
    }
  } finally {
    await opened.target.close()
  }
}

/** How the release runs its own commands (backup, deploy): one timeout, its secrets masked, echoed, stopped on a second signal. */
function commandOptions(s: PhaseTwoSettings, io: PipelineIO): CommandOptions {
  return { timeoutMs: s.release.commandTimeoutMs, secrets: io.secrets, env: process.env, echo: io.echo, ...(io.stop ? { stop: io.stop } : {}) }
}

/**
 * RELEASE_BACKUP_COMMAND before the deployment (plan T4.6 step 1, "Backup database"), run as the deploy and rollback
 * commands are (release/command.ts: once, its own process group, RELEASE_COMMAND_TIMEOUT, output scrubbed). false:
 * do not deploy — the backup failed (not deployed, exit 2) or a signal came meanwhile (interrupted).
 */
async function backedUp(s: PhaseTwoSettings, io: PipelineIO, steps: Steps): Promise<boolean> {
  if (s.release.backupCommand === null || io.signal.aborted) return !io.signal.aborted
  io.log(say(reason('release.log.backup'), s.suite.locale))
  io.onEvent(event('command_started', { command: 'backup' }))
  steps.backup = await runCommand('backup', s.release.backupCommand, commandOptions(s, io))
  io.onEvent(event('command_ended', commandFacts(steps.backup)))
  if (io.signal.aborted) return false
  if (steps.backup.ok) return true
  steps.stopReason = reason('release.backup.failed', {
    exitCode: steps.backup.exitCode,
    signal: steps.backup.signal,
    timedOut: steps.backup.timedOut,
  })
  steps.notDeployed = true
  return false
}

/** The exit code verify-report.json records: as `npm run verify` would exit (release/cli/verify-main.ts). */
function verifyExit(v: VerifyResult, io: PipelineIO): number {
  if (v.interrupted) return io.signalName() === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT
  return v.ok ? EXIT.stable : EXIT.failed
}

export async function runRelease(s: PhaseTwoSettings, io: PipelineIO): Promise<PostDeploymentReport> {
  const startedAt = Date.now()
  const steps = blank()
  const done = () => report(s, io, 'release', startedAt, steps)
  // Every step starts only when no signal came: one held while the command loaded (release/cli/claim.ts) is already
  // given when this starts, and it stops the release here — the whole gate used to run after it (a review, 2026-12-05).
  if (io.signal.aborted) return done()
  if (s.release.gate) {
    io.log(say(reason('release.log.gate'), s.suite.locale))
    steps.gate = await runGate({ reportDir: s.suite.reportDir, baseUrl: s.release.gateBaseUrl, signal: io.signal })
    steps.stopReason = gateStop(steps.gate, s.release.allowConditional) ?? gateOtherBuild(steps.gate, s.release)
    if (io.signal.aborted) return done()
    if (steps.stopReason?.code === 'release.gate.other_version') steps.configError = true
    if (steps.stopReason !== null) {
      steps.notDeployed = true
      return done()
    }
  }
  if (io.signal.aborted) return done()
  // The credentials and the health route are tried BEFORE anything is deployed (beforeDeploying): refused after the
  // deployment, they could not be told from a release that broke them — a wrong HARENA_PASSWORD or a typo in
  // RELEASE_HEALTH_PATH rolled back a healthy service. Without a deploy command too: the verify that follows would
  // call the refusal a failed service and run the rollback command.
  const before = await beforeDeploying(s, io.signal)
  steps.versionBefore = before.version
  if (before.refusal !== null && !io.signal.aborted) {
    steps.stopReason = before.refusal
    steps.notDeployed = true
    steps.configError = true
    return done()
  }
  if (s.release.deployCommand !== null && !(await backedUp(s, io, steps))) return done()
  if (s.release.deployCommand !== null) {
    io.log(say(reason('release.log.deploy'), s.suite.locale))
    // What a rollback must bring back: the version that ran before this deployment (rollback.ts).
    steps.restore = steps.versionBefore
    io.onEvent(event('command_started', { command: 'deploy', versionBefore: steps.versionBefore }))
    steps.deploy = await runCommand('deploy', s.release.deployCommand, commandOptions(s, io))
    io.onEvent(event('command_ended', commandFacts(steps.deploy)))
    if (io.signal.aborted) return done()
    if (!steps.deploy.ok) {
      steps.stopReason = reason('release.deploy.failed', {
        exitCode: steps.deploy.exitCode,
        signal: steps.deploy.signal,
        timedOut: steps.deploy.timedOut,
      })
      steps.rollbackCalled = true
      await rollbackIfCalled(s, io, steps)
      return done()
    }
  }
  io.log(say(reason('release.log.verify'), s.suite.locale))
  // The signal stops the verify at once (its request in flight abandoned): no deploy or rollback command runs now,
  // so the release writes its interrupted report without waiting for the remaining questions (README). After a
  // deploy command, the service is first awaited (its health route healthy, RELEASE_READY_TIMEOUT): a build that
  // listens seconds after its command exits was rolled back on ECONNREFUSED (a review, 2026-12-05).
  const versions = { expected: s.release.expectedVersion }
  if (steps.deploy !== null && s.release.readyTimeoutMs > 0 && s.suite.baseUrl !== null)
    io.log(say(reason('release.log.ready', { timeoutMs: s.release.readyTimeoutMs }), s.suite.locale))
  steps.verify = steps.deploy !== null ? await verifyAfterCommand(s, versions, io.signal) : await verifyFresh(s, versions, io.signal)
  writeVerify(s.suite.reportDir, steps.verify, s.suite.locale, verifyExit(steps.verify, io), io.secrets)
  if (steps.verify.interrupted) return done()
  if (!steps.verify.ok) {
    steps.stopReason = reason('release.verify.failed', {
      after: 'deploy',
      detail: steps.verify.reasons.map((r) => say(r, s.suite.locale)).join('; '),
    })
    steps.rollbackCalled = true
  } else if (s.release.monitor && !io.signal.aborted) {
    io.log(say(reason('release.log.monitor'), s.suite.locale))
    await watch(s, io, steps)
  }
  steps.replaced = judgedVersion(steps)
  await rollbackIfCalled(s, io, steps)
  return done()
}

/**
 * The version a rollback after the verify or the watch must take away: the one judged bad — the watch's (the version
 * running when its trigger fired, else its first health check's, as `npm run monitor` judges it) when it ran, else
 * the verify's. Without it, a release with no deploy
 * command (nothing to restore) or whose version before deploying was not read checked no version after its rollback,
 * and a rollback command that changed nothing read "Rolled back" (a review, 2026-12-05). null when it is the version
 * to restore (a deployment that changed no version): the restore check alone then applies.
 */
function judgedVersion(steps: Steps): string | null {
  const judged = steps.monitor?.trigger?.version ?? steps.monitor?.health.firstVersion ?? steps.verify?.health?.version ?? null
  if (judged === null || (steps.restore !== null && sameVersion(judged, steps.restore))) return null
  return judged
}
