// The Steps table of a post-deployment report says what each step did (release/report.ts): a refused CONDITIONAL
// stopped the release at the gate, it did not pass it. Review 2026-12-04 (rev7): "Phase 1 (validation) | OK".
import { describe, expect, it } from 'vitest'
import { reason } from '../../core/reason.ts'
import type { CommandResult } from '../../release/command.ts'
import { buildReport, type ReportInput } from '../../release/report.ts'
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
