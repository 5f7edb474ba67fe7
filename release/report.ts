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
import type { VerifyResult } from './verify.ts'

export type ReleaseStatus =
  | 'stable'
  | 'investigate'
  | 'inconclusive'
  | 'not_monitored'
  | 'rolled_back'
  | 'rollback_failed'
  | 'rollback_recommended'
  | 'not_deployed'
  | 'interrupted'
export type StepName = 'gate' | 'deploy' | 'verify' | 'monitor' | 'rollback' | 'verify_after_rollback'

export interface StepRecord {
  step: StepName
  /** null: skipped (not configured, or not reached). */
  ok: boolean | null
  durationMs: number | null
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
  decision: 'STABLE' | 'INVESTIGATE' | 'INCONCLUSIVE' | 'NOT_MONITORED' | 'ROLLBACK' | 'NOT_DEPLOYED' | 'INTERRUPTED'
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
    /** From the health route before the deployment (release) or at the start (monitor). */
    versionBefore: string | null
    /** What the deployed service reported (verify after deploy, else the monitor's first health check). */
    versionDeployed: string | null
    /** What the service reports at the end (after a rollback: the rolled-back version). */
    versionAfter: string | null
    expectedVersion: string | null
  }
  thresholds: MonitorSettings
  steps: StepRecord[]
  gate: GateResult | null
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
  deployer: string | null
  thresholds: MonitorSettings
  expectedVersion: string | null
  versionBefore: string | null
  signal: 'SIGINT' | 'SIGTERM' | null
  /** A reason that ended the release before monitoring (gate, deploy, verify), if any. */
  stopReason: Reason | null
  /** true when stopReason (or the monitor's trigger) calls for a rollback. */
  rollbackCalled: boolean
  notDeployed: boolean
  /** The monitor could not start (target never reached, credentials refused): nothing was watched. */
  notMonitored: boolean
  gate: GateResult | null
  deploy: CommandResult | null
  verify: VerifyResult | null
  monitor: MonitorResult | null
  rollback: RollbackOutcome | null
}

export const spoken = (r: Reason, locale: Locale): SpokenReason => ({ ...r, text: say(r, locale) })

function statusOf(input: ReportInput): ReleaseStatus {
  if (input.signal !== null) return 'interrupted'
  if (input.notDeployed) return 'not_deployed'
  if (!input.rollbackCalled) return watchStatus(input)
  if (input.rollback === null || input.rollback.kind === 'recommended') return 'rollback_recommended'
  return input.rollback.kind === 'rolled_back' ? 'rolled_back' : 'rollback_failed'
}

/** Without a rollback: a watch that did not happen, or how the monitor concluded (release/monitor.ts conclude). */
function watchStatus(input: ReportInput): ReleaseStatus {
  if (input.notMonitored) return 'not_monitored'
  const outcome = input.monitor?.outcome
  return outcome === 'investigate' || outcome === 'inconclusive' ? outcome : 'stable'
}

const EXIT_OF: Record<Exclude<ReleaseStatus, 'interrupted'>, number> = {
  stable: EXIT.stable,
  investigate: EXIT.investigate,
  inconclusive: EXIT.config,
  not_monitored: EXIT.config,
  not_deployed: EXIT.failed,
  rolled_back: EXIT.rolledBack,
  rollback_failed: EXIT.rollbackFailed,
  rollback_recommended: EXIT.rollbackRecommended,
}

const DECISION: Record<ReleaseStatus, PostDeploymentReport['decision']> = {
  stable: 'STABLE',
  investigate: 'INVESTIGATE',
  inconclusive: 'INCONCLUSIVE',
  not_monitored: 'NOT_MONITORED',
  rolled_back: 'ROLLBACK',
  rollback_failed: 'ROLLBACK',
  rollback_recommended: 'ROLLBACK',
  not_deployed: 'NOT_DEPLOYED',
  interrupted: 'INTERRUPTED',
}

function reasonsOf(input: ReportInput, status: ReleaseStatus): Reason[] {
  const out: Reason[] = []
  if (status === 'interrupted') out.push(reason('release.interrupted'))
  if (input.stopReason !== null) out.push(input.stopReason)
  if (input.monitor?.trigger) out.push(input.monitor.trigger.reason)
  out.push(...(input.monitor?.notes ?? []))
  const rb = input.rollback
  if (rb?.kind === 'recommended') out.push(reason('release.rollback.recommended'))
  if (rb?.kind === 'failed') {
    if (!rb.command.ok) out.push(reason('release.rollback.command_failed', { exitCode: rb.command.exitCode, timedOut: rb.command.timedOut }))
    else if (rb.verify)
      out.push(reason('release.verify.failed', { after: 'rollback', detail: rb.verify.reasons.map((r) => say(r, input.locale)).join('; ') }))
  }
  if (rb?.kind === 'rolled_back') out.push(reason('release.rollback.done'))
  return out
}

function stepsOf(input: ReportInput): StepRecord[] {
  const rb = input.rollback
  const after = rb && rb.kind !== 'recommended' ? rb.verify : null
  return [
    {
      step: 'gate',
      ok: input.gate ? input.gate.decision === 'GO' || input.gate.decision === 'CONDITIONAL' : null,
      durationMs: input.gate?.durationMs ?? null,
    },
    { step: 'deploy', ok: input.deploy ? input.deploy.ok : null, durationMs: input.deploy?.durationMs ?? null },
    { step: 'verify', ok: input.verify ? input.verify.ok : null, durationMs: input.verify?.durationMs ?? null },
    {
      step: 'monitor',
      ok: input.monitor ? input.monitor.trigger === null && !input.monitor.interrupted : null,
      durationMs: input.monitor?.durationMs ?? null,
    },
    {
      step: 'rollback',
      ok: rb && rb.kind !== 'recommended' ? rb.command.ok : null,
      durationMs: rb && rb.kind !== 'recommended' ? rb.command.durationMs : null,
    },
    { step: 'verify_after_rollback', ok: after ? after.ok : null, durationMs: after?.durationMs ?? null },
  ]
}

export function buildReport(input: ReportInput): PostDeploymentReport {
  const status = statusOf(input)
  const end = Date.now()
  const rb = input.rollback
  const versionAfter =
    rb && rb.kind !== 'recommended' && rb.verify
      ? rb.verify.health.version
      : (input.monitor?.health.lastVersion ?? input.verify?.health.version ?? null)
  return {
    schemaVersion: 1,
    generatedAt: new Date(end).toISOString(),
    locale: input.locale,
    command: input.command,
    status,
    decision: DECISION[status],
    exitCode:
      input.signal === 'SIGINT' ? EXIT.SIGINT : input.signal === 'SIGTERM' ? EXIT.SIGTERM : EXIT_OF[status as Exclude<ReleaseStatus, 'interrupted'>],
    reasons: reasonsOf(input, status).map((r) => spoken(r, input.locale)),
    deployment: {
      startedAt: new Date(input.startedAt).toISOString(),
      endedAt: new Date(end).toISOString(),
      durationMs: end - input.startedAt,
      deployer: input.deployer,
      baseUrl: input.baseUrl,
      embedded: input.embedded,
      versionBefore: input.versionBefore,
      versionDeployed: input.verify?.health.version ?? input.monitor?.health.firstVersion ?? null,
      versionAfter,
      expectedVersion: input.expectedVersion,
    },
    thresholds: input.thresholds,
    steps: stepsOf(input),
    gate: input.gate,
    deploy: input.deploy,
    verify: input.verify,
    monitor: input.monitor,
    rollback: rb && rb.kind !== 'recommended' ? rb.command : null,
    verifyAfterRollback: rb && rb.kind !== 'recommended' ? rb.verify : null,
    notObservable: (input.monitor?.notObservable ?? [reason('monitor.data_corruption.not_observable')]).map((r) => spoken(r, input.locale)),
  }
}
