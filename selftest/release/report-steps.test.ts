// The Steps table of a post-deployment report says what each step did (release/report.ts): a refused CONDITIONAL
// stopped the release at the gate, it did not pass it. Review 2026-12-04 (rev7): "Phase 1 (validation) | OK".
import { describe, expect, it } from 'vitest'
import { reason } from '../../core/reason.ts'
import type { CommandResult } from '../../release/command.ts'
import { gateOtherBuild } from '../../release/pipeline.ts'
import { buildReport, gatedBuild, type ReportInput } from '../../release/report.ts'
import type { PhaseTwoSettings } from '../../release/settings.ts'
import { planMonitorSettings } from './monitor-fixtures.ts'

function stoppedAtGate(decision: 'GO' | 'CONDITIONAL' | 'NO-GO', stopReason: ReportInput['stopReason']): ReportInput {
  return {
    command: 'release',
    locale: 'en',
    startedAt: Date.now(),
    baseUrl: 'http://127.0.0.1:1',
    embedded: false,
    deployer: null,
    thresholds: planMonitorSettings(),
    expectedVersion: null,
    versionBefore: null,
    versionChanges: [],
    signal: null,
    stopReason,
    rollbackCalled: false,
    notDeployed: stopReason !== null,
    notMonitored: false,
    gate: { decision, exitCode: decision === 'GO' ? 0 : 1, durationMs: 1000, problem: null },
    backup: null,
    deploy: null,
    verify: null,
    monitor: null,
    rollback: null,
  }
}

const gateStep = (input: ReportInput) => buildReport(input).steps.find((s) => s.step === 'gate')?.ok

describe('the Steps table: the gate', () => {
  it('a refused CONDITIONAL failed the gate step; an allowed one and a GO passed it; a NO-GO failed it', () => {
    expect(gateStep(stoppedAtGate('CONDITIONAL', reason('release.gate.conditional_refused')))).toBe(false)
    expect(gateStep(stoppedAtGate('CONDITIONAL', null))).toBe(true)
    expect(gateStep(stoppedAtGate('GO', null))).toBe(true)
    expect(gateStep(stoppedAtGate('NO-GO', reason('release.gate.no_go', { decision: 'NO-GO' })))).toBe(false)
  })
})

// Review 2026-12-05: "### Rollback — exit code SIGTERM (timeout)": a signal is not an exit code.
describe('a command stopped by a signal', () => {
  it('reads "stopped by SIGTERM (timeout)", never as an exit code; an exit code still reads as one', async () => {
    const { renderReportMarkdown } = await import('../../release/render-markdown.ts')
    const command = {
      label: 'deploy' as const,
      startedAt: new Date().toISOString(),
      stopped: false,
      durationMs: 1000,
      outputTail: 'deploying',
      ok: false,
    }
    const input = (deploy: CommandResult): ReportInput => ({
      ...stoppedAtGate('GO', reason('release.deploy.failed', { timedOut: deploy.timedOut, exitCode: deploy.exitCode })),
      deploy,
    })
    const hung = renderReportMarkdown(buildReport(input({ ...command, exitCode: null, signal: 'SIGTERM', timedOut: true })))
    expect(hung).toContain('### Deployment — stopped by SIGTERM (timeout)')
    expect(hung).not.toMatch(/exit code SIGTERM/)
    const failed = renderReportMarkdown(buildReport(input({ ...command, exitCode: 2, signal: null, timedOut: false })))
    expect(failed).toContain('— exit code 2')
  })
})

// A review (2026-12-06): the gate judged the build running before the deployment (1.0.0-old), 2.0.0-new was deployed,
// and the report put "Phase 1 (validation) | OK" beside "Version: 1.0.0-old → 2.0.0-new". The row says "OK" only
// beside the version Phase 1 judged; otherwise the decision and what was gated, and a reason says it.
describe('the Steps table: which build Phase 1 judged', () => {
  const verified = (version: string | null) =>
    ({ ok: true, interrupted: false, durationMs: 10, health: { version }, reasons: [], warnings: [], attempts: [], notAsked: [] }) as never
  const passed = (gateVersion: string | null, deployed: string | null, extra: Partial<ReportInput> = {}): ReportInput => ({
    ...stoppedAtGate('GO', null),
    gate: { decision: 'GO', exitCode: 0, durationMs: 1000, problem: null, version: gateVersion },
    healthPath: 'api/v1/conversation/health',
    verify: verified(deployed),
    ...extra,
  })
  const row = async (input: ReportInput) => {
    const { renderReportMarkdown } = await import('../../release/render-markdown.ts')
    return renderReportMarkdown(buildReport(input))
      .split('\n')
      .find((l) => l.startsWith('| Phase 1 (validation)'))
      ?.split(' | ')[1]
  }
  const codes = (input: ReportInput) => buildReport(input).reasons.map((r) => r.code)

  it('the deployed version is the one gated: "OK (version)", no reason', async () => {
    expect(gatedBuild(passed('2.0.0', 'v2.0.0')).judged).toBe('judged')
    expect(await row(passed('2.0.0', '2.0.0'))).toBe('OK (2.0.0)')
    expect(codes(passed('2.0.0', '2.0.0'))).not.toContain('release.gate.unjudged')
  })

  it('another version deployed (no RELEASE_EXPECTED_VERSION to refuse it): the decision on what was gated, never "OK", and a reason', async () => {
    const input = passed('1.0.0-old', '2.0.0-new')
    expect(gatedBuild(input)).toEqual({ judged: 'other', version: '1.0.0-old', deployed: '2.0.0-new', expected: false })
    expect(await row(input)).toBe('GO on 1.0.0-old — not the deployed version 2.0.0-new')
    const said = buildReport(input).reasons.find((r) => r.code === 'release.gate.unjudged')
    expect(said?.text).toBe(
      'phase 1: GO on version 1.0.0-old, not on the deployed 2.0.0-new — that one never went through phase 1 (RELEASE_GATE_BASE_URL: the staging build of the version to deploy; RELEASE_EXPECTED_VERSION refuses the gap before deploying)',
    )
  })

  it('a gate whose target reported no version, or one that names no build ("2.0" on the v2 route): what was gated, never "OK"', async () => {
    expect(await row(passed(null, '2.0.0-new'))).toBe('GO — version gated not reported')
    expect(await row(passed('2.0', '2.0'))).toBe('GO — version gated 2.0: names no build')
    expect(codes(passed(null, '2.0.0-new'))).toContain('release.gate.unjudged')
    const fr = buildReport({ ...passed(null, '2.0.0-new'), locale: 'fr' }).reasons.find((r) => r.code === 'release.gate.unjudged')
    expect(fr?.text).toContain("phase 1 : GO sur une cible dont la version n'est pas communiquée")
  })

  it('RELEASE_GATE_SAME_ARTIFACT=true: "OK" with both versions and the setting', async () => {
    const input = passed('2.0.0-rc1', '2.0.0', { gateSameArtifact: true })
    expect(gatedBuild(input).judged).toBe('declared_same')
    expect(await row(input)).toBe('OK (2.0.0-rc1, declared the same artifact as 2.0.0: RELEASE_GATE_SAME_ARTIFACT)')
  })

  it('a version from the service is escaped in the row', async () => {
    expect(await row(passed('1.0|*x*', '2.0.0'))).toContain('GO on 1.0\\|\\*x\\* — not the deployed version 2.0.0')
  })
})

// The rule that refuses before deploying (release/pipeline.ts gateOtherBuild): only a version that names a build,
// other than RELEASE_EXPECTED_VERSION, without RELEASE_GATE_SAME_ARTIFACT.
describe('a gate that judged another build than RELEASE_EXPECTED_VERSION', () => {
  const release = (extra: Partial<PhaseTwoSettings['release']> = {}) =>
    ({
      expectedVersion: '2.0.0-new',
      gateSameArtifact: false,
      healthPath: 'api/v1/conversation/health',
      gateBaseUrl: null,
      ...extra,
    }) as PhaseTwoSettings['release']
  const gate = (version: string | null) => ({ decision: 'GO' as const, exitCode: 0, durationMs: 1, problem: null, version })
  it('refuses another version, naming both', () => {
    expect(gateOtherBuild(gate('1.0.0-old'), release())).toEqual(
      reason('release.gate.other_version', { gated: '1.0.0-old', expected: '2.0.0-new', gateUrl: false }),
    )
  })
  it('lets through the expected version (a "v" prefix is the same build), an unknown one, one naming no build, no expectation, the override', () => {
    expect(gateOtherBuild(gate('v2.0.0-new'), release())).toBeNull()
    expect(gateOtherBuild(gate(null), release())).toBeNull()
    expect(gateOtherBuild(gate('2.0'), release())).toBeNull()
    expect(gateOtherBuild(gate('1.0.0-old'), release({ expectedVersion: null }))).toBeNull()
    expect(gateOtherBuild(gate('1.0.0-old'), release({ gateSameArtifact: true }))).toBeNull()
  })
})
