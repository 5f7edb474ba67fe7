// The post-deployment report (plan T4.7 template) as a plain model: what ran, what was measured, what fired and
// what was done about it. Built from the steps' results; rendered by render-markdown.ts / render-html.ts; written
// by output.ts. No measuring or judging here.
import '../core/locale/monitor.ts'
import { say, type Locale } from '../core/locale/index.ts'
import { reason, type Reason } from '../core/reason.ts'
import type { CommandResult } from './command.ts'
import { EXIT } from './exit-codes.ts'
import type { GateResult } from './gate.ts'
import type { MonitorResult } from './monitor.ts'
import type { RollbackOutcome } from './rollback.ts'
import type { MonitorSettings } from './settings.ts'
import { versionFindings, type VerifyResult } from './verify.ts'
import { identifiesBuild, sameVersion } from './versions.ts'

export type ReleaseStatus =
  | 'stable'
  | 'stable_with_critical'
  | 'stable_with_health_failures'
  | 'stable_with_findings'
  | 'investigate'
  | 'inconclusive'
  | 'not_monitored'
  | 'version_changed'
  | 'unexpected_version'
  | 'verified'
  | 'rolled_back'
  | 'rollback_failed'
  | 'rollback_recommended'
  | 'not_deployed'
  | 'interrupted'
export type StepName = 'gate' | 'backup' | 'deploy' | 'verify' | 'monitor' | 'rollback' | 'verify_after_rollback'

export interface StepRecord {
  step: StepName
  /** null: skipped (not configured, or not reached). */
  ok: boolean | null
  durationMs: number | null
  /** Stopped by a signal before its end: neither passed nor failed (a review read an interrupted watch as "FAILED"). */
  interrupted?: boolean
  /** A verify after a command: how long the service was awaited before it (release/rollback.ts waitReady), not in durationMs. */
  readyWaitMs?: number
  /** The gate's step: which build Phase 1 judged, against the deployed one (gatedBuild). */
  gated?: GatedBuild
}

/**
 * Which build Phase 1 judged (the version its target reported), against the one deployed — the verify's or the
 * watch's first, else RELEASE_EXPECTED_VERSION when nothing was deployed. `judged`: the same build, or nothing to
 * compare it with; `other`: another build (the deployed one never went through Phase 1); `unknown`: the gate's target
 * reported no version, or one that names no build (release/versions.ts); `declared_same`: another version, that
 * RELEASE_GATE_SAME_ARTIFACT declares the same artifact. Only `judged` reads "OK" beside the deployment.
 */
export interface GatedBuild {
  judged: 'judged' | 'other' | 'unknown' | 'declared_same'
  version: string | null
  deployed: string | null
  /** `deployed` is RELEASE_EXPECTED_VERSION: no deployed version was read (nothing deployed, or not verified). */
  expected: boolean
}

/**
 * The health route reported another version than the one before it (someone else deployed or rolled back); null: no
 * version (a healthy answer without one: what runs can no longer be told — release/watch/builds.ts noteVersion).
 */
export interface VersionChange {
  at: string
  from: string | null
  to: string | null
}

export interface SpokenReason extends Reason {
  text: string
}

export interface PostDeploymentReport {
  schemaVersion: 1
  generatedAt: string
  locale: Locale
  command: 'monitor' | 'release'
  status: ReleaseStatus
  decision:
    | 'STABLE'
    | 'VERIFIED'
    | 'INVESTIGATE'
    | 'INCONCLUSIVE'
    | 'NOT_MONITORED'
    | 'VERSION_CHANGED'
    | 'UNEXPECTED_VERSION'
    | 'ROLLBACK'
    | 'NOT_DEPLOYED'
    | 'INTERRUPTED'
  exitCode: number
  /** Why the status is what it is (the trigger, the failed step…), code beside sentence. */
  reasons: SpokenReason[]
  deployment: {
    startedAt: string
    endedAt: string
    durationMs: number
    deployer: string | null
    baseUrl: string
    /** No HARENA_BASE_URL: the embedded reference service was asked, not a deployment. */
    embedded: boolean
    /** RELEASE_BACKUP_COMMAND is set (`backup` null then: not reached, e.g. a NO-GO at the gate). */
    backupConfigured: boolean
    /** From the health route before the deployment (release) or at the start (monitor). */
    versionBefore: string | null
    /** What the deployed service reported (verify after deploy, else the monitor's first health check). */
    versionDeployed: string | null
    /** What the service reports at the end (after a rollback: the rolled-back version). */
    versionAfter: string | null
    expectedVersion: string | null
    /** Every change of version seen after the deployed one was read (verify, then the watch), in order. */
    versionChanges: VersionChange[]
  }
  thresholds: MonitorSettings
  steps: StepRecord[]
  gate: GateResult | null
  /** RELEASE_BACKUP_COMMAND, run before the deployment (null: not configured, or not reached). */
  backup: CommandResult | null
  deploy: CommandResult | null
  verify: VerifyResult | null
  monitor: MonitorResult | null
  rollback: CommandResult | null
  verifyAfterRollback: VerifyResult | null
  /** What cannot be judged from outside (data corruption). */
  notObservable: SpokenReason[]
}

export interface ReportInput {
  command: 'monitor' | 'release'
  locale: Locale
  startedAt: number
  baseUrl: string
  /** No HARENA_BASE_URL: the embedded reference service was asked. */
  embedded: boolean
  backupConfigured?: boolean
  deployer: string | null
  thresholds: MonitorSettings
  expectedVersion: string | null
  /** RELEASE_GATE_SAME_ARTIFACT: the gate's build is declared the deployed artifact whatever its version. */
  gateSameArtifact?: boolean
  /** The health route the versions were read from (RELEASE_HEALTH_PATH): whether its version names a build (versions.ts). */
  healthPath?: string
  versionBefore: string | null
  versionChanges: VersionChange[]
  signal: 'SIGINT' | 'SIGTERM' | null
  /** A reason that ended the release before monitoring (gate, deploy, verify), if any. */
  stopReason: Reason | null
  /** true when stopReason (or the monitor's trigger) calls for a rollback. */
  rollbackCalled: boolean
  /** RELEASE_ROLLBACK_COMMAND is set (named when a signal kept a due rollback from running). */
  rollbackCommand?: boolean
  notDeployed: boolean
  /** Not deployed on a configuration error (the credentials refused before deploying): exit 1, not 2. */
  configError?: boolean
  /** RELEASE_MONITOR=false: verified, never watched — never "Stable in production". */
  monitorDisabled?: boolean
  /** The monitor could not start (target never reached, credentials refused): nothing was watched. */
  notMonitored: boolean
  gate: GateResult | null
  backup: CommandResult | null
  deploy: CommandResult | null
  verify: VerifyResult | null
  monitor: MonitorResult | null
  rollback: RollbackOutcome | null
}

/**
 * The versions the headline names: the deployed one, then each it changed to (never one version alone when it
 * changed). null: no version was read (nothing deployed, a health route without one); renderers say so in words.
 */
export function headlineVersions(d: PostDeploymentReport['deployment']): Array<string | null> {
  return [d.versionDeployed ?? d.expectedVersion ?? d.versionAfter ?? null, ...d.versionChanges.map((c) => c.to)]
}

export const spoken = (r: Reason, locale: Locale): SpokenReason => ({ ...r, text: say(r, locale) })

/**
 * The status says what was done to the service. A rollback that ran to its end (its command finished and its
 * check ran) is reported by its outcome even when a signal came meanwhile: the signal let it finish, and "rolled
 * back" or "rollback FAILED" is what the person reading must act on (the signal is noted among the reasons). A
 * signal before it, or one that stopped it, leaves a partial report. A watch during which the version changed
 * (someone else deployed or rolled back) judged no one version: never "Stable" (docs/release.md).
 */
function statusOf(input: ReportInput): ReleaseStatus {
  const rb = input.rollback
  if (rb?.kind === 'rolled_back') return 'rolled_back'
  if (rb?.kind === 'failed') return 'rollback_failed'
  if (input.signal !== null) return 'interrupted'
  if (input.notDeployed) return 'not_deployed'
  if (input.rollbackCalled) return 'rollback_recommended'
  return watchStatus(input)
}

/**
 * Without a rollback: a watch that did not happen, a watch during which the version changed (its figures mix two
 * versions), or how the monitor concluded (release/watch/conclude.ts conclude).
 */
function watchStatus(input: ReportInput): ReleaseStatus {
  if (input.monitorDisabled === true) return 'verified'
  if (input.notMonitored) return 'not_monitored'
  if (input.versionChanges.length > 0) return 'version_changed'
  if (unexpectedVersion(input)?.warning === false) return 'unexpected_version'
  const outcome = input.monitor?.outcome
  return outcome !== undefined && OUTCOME_STATUS.has(outcome) ? (outcome as ReleaseStatus) : 'stable'
}

/** The monitor's outcomes that are a release status as they are (a trigger or a signal is decided in statusOf). */
const OUTCOME_STATUS: ReadonlySet<string> = new Set([
  'investigate',
  'inconclusive',
  'stable_with_critical',
  'stable_with_health_failures',
  'stable_with_findings',
])

/**
 * A watch that no verify preceded (`npm run monitor`) with RELEASE_EXPECTED_VERSION set: the version it watched (its
 * first health check's) judged by verify's own comparison (release/verify.ts versionFindings, versions.ts): another
 * build than the expected one (or none reported) is "unexpected version" — the watch judged a build nobody asked
 * about, never "Stable" (a review, 2026-12-05: 3.2.7 watched for an expected 3.2.8 read "✅ Stable", exit 0); a version
 * that names no build is a warning, as in verify. null: nothing to compare (no expected version, a verify judged it,
 * or no watch).
 */
function unexpectedVersion(input: ReportInput): { warning: boolean; reason: Reason } | null {
  const m = input.monitor
  if (input.expectedVersion === null || input.verify !== null || m === null) return null
  const found = versionFindings(input.healthPath ?? '', m.health.firstVersion, { expected: input.expectedVersion })
  if (found === null || found.warning) return found
  return { warning: false, reason: reason('monitor.version.unexpected', { expected: input.expectedVersion, observed: m.health.firstVersion }) }
}

const EXIT_OF: Record<Exclude<ReleaseStatus, 'interrupted'>, number> = {
  stable: EXIT.stable,
  // Critical answers no rollback rule acted on: investigate, like a proven alert (README "After GO").
  stable_with_critical: EXIT.investigate,
  // Health checks failed short of the streak: likewise, a person looks (docs/release.md).
  stable_with_health_failures: EXIT.investigate,
  // An objective proven missed, a question failing at every ask, an alert confirmed in a window: likewise.
  stable_with_findings: EXIT.investigate,
  investigate: EXIT.investigate,
  inconclusive: EXIT.config,
  not_monitored: EXIT.config,
  version_changed: EXIT.versionChanged,
  // Another build than RELEASE_EXPECTED_VERSION watched: no verdict on the expected one, as a version change.
  unexpected_version: EXIT.versionChanged,
  verified: EXIT.stable,
  not_deployed: EXIT.failed,
  rolled_back: EXIT.rolledBack,
  rollback_failed: EXIT.rollbackFailed,
  rollback_recommended: EXIT.rollbackRecommended,
}

/**
 * How grave each status is, the one source of it: `ok` (nothing to do), `warn` (a person looks), `stop` (the release
 * did not go, or was taken back). The documents' colours and the status labels' marks (✅ / ⚠️ / ❌ ⛔, release/labels.ts)
 * follow it — a review found a third copy in the HTML that coloured "⛔ Not deployed" amber.
 */
export const STATUS_SEVERITY: Record<ReleaseStatus, 'ok' | 'warn' | 'stop'> = {
  stable: 'ok',
  verified: 'ok',
  stable_with_critical: 'warn',
  stable_with_health_failures: 'warn',
  stable_with_findings: 'warn',
  investigate: 'warn',
  inconclusive: 'warn',
  not_monitored: 'warn',
  version_changed: 'warn',
  unexpected_version: 'warn',
  interrupted: 'warn',
  not_deployed: 'stop',
  rolled_back: 'stop',
  rollback_failed: 'stop',
  rollback_recommended: 'stop',
}

const DECISION: Record<ReleaseStatus, PostDeploymentReport['decision']> = {
  stable: 'STABLE',
  stable_with_critical: 'INVESTIGATE',
  stable_with_health_failures: 'INVESTIGATE',
  stable_with_findings: 'INVESTIGATE',
  investigate: 'INVESTIGATE',
  inconclusive: 'INCONCLUSIVE',
  not_monitored: 'NOT_MONITORED',
  version_changed: 'VERSION_CHANGED',
  unexpected_version: 'UNEXPECTED_VERSION',
  verified: 'VERIFIED',
  rolled_back: 'ROLLBACK',
  rollback_failed: 'ROLLBACK',
  rollback_recommended: 'ROLLBACK',
  not_deployed: 'NOT_DEPLOYED',
  interrupted: 'INTERRUPTED',
}

function exitOf(status: ReleaseStatus, signal: ReportInput['signal'], configError = false): number {
  if (status === 'not_deployed' && configError) return EXIT.config
  if (status !== 'interrupted') return EXIT_OF[status]
  return signal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM
}

function versionReasons(input: ReportInput): Reason[] {
  const since = input.monitor === null ? null : Date.parse(input.monitor.startedAt)
  return input.versionChanges.map((c) =>
    reason('release.version.changed', { from: c.from, to: c.to, at: c.at, elapsedMs: since === null ? null : Math.max(0, Date.parse(c.at) - since) }),
  )
}

function commandReasons(input: ReportInput, status: ReleaseStatus): Reason[] {
  const out: Reason[] = []
  const rb = input.rollback
  if (input.backup?.stopped) out.push(reason('release.command.stopped', { command: 'backup' }))
  if (input.deploy?.stopped) out.push(reason('release.command.stopped', { command: 'deploy' }))
  // A service that declared itself unavailable until a time (a maintenance?): the recommendation says so.
  const declared = input.monitor?.declaredUnavailable ?? null
  if (rb?.kind === 'recommended')
    out.push(reason('release.rollback.recommended', declared === null ? {} : { until: declared.until, retryAfter: declared.retryAfter }))
  if (rb?.kind === 'stopped')
    out.push(
      rb.command.stopped || rb.readiness === undefined
        ? reason('release.command.stopped', { command: 'rollback' })
        : reason('release.rollback.ready_stopped', { waitedMs: rb.readiness.waitedMs }),
    )
  if (rb?.kind === 'failed') {
    if (!rb.command.ok)
      out.push(reason('release.rollback.command_failed', { exitCode: rb.command.exitCode, signal: rb.command.signal, timedOut: rb.command.timedOut }))
    else if (rb.verify)
      out.push(reason('release.verify.failed', { after: 'rollback', detail: rb.verify.reasons.map((r) => say(r, input.locale)).join('; ') }))
  }
  if (rb?.kind === 'rolled_back') out.push(reason('release.rollback.done'))
  // A rollback after a deployment of ours brings the code back, never the data: which backup to restore, if any.
  if (rb !== null && input.deploy !== null) {
    const taken = input.backup?.ok === true
    out.push(reason('release.backup.restore', { taken, at: taken ? (input.backup?.startedAt ?? null) : null }))
  }
  if (input.signal !== null && status !== 'interrupted') out.push(reason('release.signal.let_finish', { signal: input.signal }))
  return out
}

/**
 * A signal came after a rollback was called for (a trigger fired, the service was found down) and before the
 * rollback started: a rollback verdict was reached and nothing acted on it — the report says so first (the status
 * line, then the trigger, then "rollback due, not run: roll back by hand"), never only "not a verdict". The exit code
 * stays the signal's (130/143, docs/release.md "Signals during a command").
 */
export function rollbackDue(input: Pick<ReportInput, 'rollbackCalled' | 'rollback'>, status: ReleaseStatus): boolean {
  return status === 'interrupted' && input.rollbackCalled && input.rollback === null
}

function reasonsOf(input: ReportInput, status: ReleaseStatus): Reason[] {
  const out: Reason[] = []
  const due = rollbackDue(input, status)
  if (status === 'interrupted' && !due) out.push(reason('release.interrupted', { signal: input.signal }))
  if (input.stopReason !== null) out.push(input.stopReason)
  const gated = gateReason(input)
  if (gated !== null) out.push(gated)
  if (input.monitor?.trigger) out.push(input.monitor.trigger.reason)
  if (due) out.push(reason('release.rollback.due_not_run', { signal: input.signal, command: input.rollbackCommand === true }))
  // A version change is what "version changed" is about: said before the monitor's notes (a review, 2026-12-04).
  out.push(...versionReasons(input))
  const unexpected = unexpectedVersion(input)
  if (unexpected !== null && !unexpected.warning) out.push(unexpected.reason)
  out.push(...(input.monitor?.notes ?? []))
  if (status === 'verified') out.push(reason('release.monitor.disabled'))
  out.push(...commandReasons(input, status))
  // What a verify could not judge (a version that names no build) is said, never a pass nor a failure.
  const rb = input.rollback
  const after = rb && (rb.kind === 'rolled_back' || rb.kind === 'failed') ? rb.verify : null
  out.push(...(input.verify?.warnings ?? []), ...(after?.warnings ?? []), ...(unexpected?.warning ? [unexpected.reason] : []))
  return out
}

/** The version the release deployed as far as it read one: the verify's, else the watch's first (null: none read). */
const deployedVersion = (input: ReportInput): string | null => input.verify?.health?.version ?? input.monitor?.health.firstVersion ?? null

/** Which build Phase 1 judged, against the deployed one (GatedBuild); a review, 2026-12-06, read "Phase 1 OK" beside a build it never saw. */
export function gatedBuild(input: ReportInput): GatedBuild {
  const version = input.gate?.version ?? null
  const read = deployedVersion(input)
  const deployed = read ?? input.expectedVersion
  const facts = { version, deployed, expected: read === null && deployed !== null }
  if (version === null || !identifiesBuild(input.healthPath ?? '', version)) return { judged: 'unknown', ...facts }
  if (deployed === null || sameVersion(version, deployed)) return { judged: 'judged', ...facts }
  return { judged: input.gateSameArtifact === true ? 'declared_same' : 'other', ...facts }
}

/**
 * What the report says of a gate that let the release go on but did not judge the deployed build by its version: the
 * build it judged (another one, or unknown), or the setting that declared it the same artifact. null: it judged it.
 */
function gateReason(input: ReportInput): Reason | null {
  const passed = input.gate?.decision === 'GO' || input.gate?.decision === 'CONDITIONAL'
  if (!passed || input.stopReason?.code === 'release.gate.other_version') return null
  const g = gatedBuild(input)
  if (g.judged === 'judged') return null
  return reason('release.gate.unjudged', { judged: g.judged, gated: g.version, deployed: g.deployed, decision: input.gate?.decision ?? null })
}

function stepsOf(input: ReportInput): StepRecord[] {
  const rb = input.rollback
  const after = rb && (rb.kind === 'rolled_back' || rb.kind === 'failed') ? rb.verify : null
  return [
    {
      step: 'gate',
      // A CONDITIONAL passes only when RELEASE_ALLOW_CONDITIONAL let it through: refused, it stopped the release.
      ok: input.gate
        ? input.gate.decision === 'GO' || (input.gate.decision === 'CONDITIONAL' && input.stopReason?.code !== 'release.gate.conditional_refused')
        : null,
      durationMs: input.gate?.durationMs ?? null,
      ...(input.gate ? { gated: gatedBuild(input) } : {}),
    },
    { step: 'backup', ok: input.backup ? input.backup.ok : null, durationMs: input.backup?.durationMs ?? null },
    { step: 'deploy', ok: input.deploy ? input.deploy.ok : null, durationMs: input.deploy?.durationMs ?? null },
    {
      step: 'verify',
      // Interrupted by a signal: neither passed nor failed, as the monitor's step.
      ok: input.verify && !input.verify.interrupted ? input.verify.ok : null,
      durationMs: input.verify?.durationMs ?? null,
      ...(input.verify?.interrupted === true ? { interrupted: true } : {}),
      ...(input.verify?.readiness ? { readyWaitMs: input.verify.readiness.waitedMs } : {}),
    },
    {
      step: 'monitor',
      ok: input.monitor ? (input.monitor.trigger !== null ? false : input.monitor.interrupted ? null : true) : null,
      durationMs: input.monitor?.durationMs ?? null,
      ...(input.monitor?.interrupted === true && input.monitor.trigger === null ? { interrupted: true } : {}),
    },
    {
      step: 'rollback',
      ok: rb && rb.kind !== 'recommended' ? rb.command.ok : null,
      durationMs: rb && rb.kind !== 'recommended' ? rb.command.durationMs : null,
    },
    {
      step: 'verify_after_rollback',
      ok: after ? after.ok : null,
      durationMs: after?.durationMs ?? null,
      ...(after?.readiness
        ? { readyWaitMs: after.readiness.waitedMs }
        : rb?.kind === 'stopped' && rb.readiness
          ? { readyWaitMs: rb.readiness.waitedMs }
          : {}),
    },
  ]
}

export function buildReport(input: ReportInput): PostDeploymentReport {
  const status = statusOf(input)
  const end = Date.now()
  const rb = input.rollback
  const after = rb && (rb.kind === 'rolled_back' || rb.kind === 'failed') ? rb.verify : null
  // The watch's last version once it read one (null then: it disappeared), else the verify's.
  const watched = input.monitor !== null && input.monitor.health.firstVersion !== null ? input.monitor.health.lastVersion : undefined
  const versionAfter = after !== null ? (after.health?.version ?? null) : watched !== undefined ? watched : (input.verify?.health?.version ?? null)
  return {
    schemaVersion: 1,
    generatedAt: new Date(end).toISOString(),
    locale: input.locale,
    command: input.command,
    status,
    // A rollback verdict reached, then a signal before it ran: the decision is the rollback (the exit, the signal's).
    decision: rollbackDue(input, status) ? 'ROLLBACK' : DECISION[status],
    exitCode: exitOf(status, input.signal, input.configError === true),
    reasons: reasonsOf(input, status).map((r) => spoken(r, input.locale)),
    deployment: {
      startedAt: new Date(input.startedAt).toISOString(),
      endedAt: new Date(end).toISOString(),
      durationMs: end - input.startedAt,
      deployer: input.deployer,
      baseUrl: input.baseUrl,
      embedded: input.embedded,
      backupConfigured: input.backupConfigured === true,
      versionBefore: input.versionBefore,
      versionDeployed: deployedVersion(input),
      versionAfter,
      expectedVersion: input.expectedVersion,
      versionChanges: input.versionChanges,
    },
    thresholds: input.thresholds,
    steps: stepsOf(input),
    gate: input.gate,
    backup: input.backup,
    deploy: input.deploy,
    verify: input.verify,
    monitor: input.monitor,
    rollback: rb && rb.kind !== 'recommended' ? rb.command : null,
    verifyAfterRollback: after,
    notObservable: (input.monitor?.notObservable ?? [reason('monitor.data_corruption.not_observable')]).map((r) => spoken(r, input.locale)),
  }
}
