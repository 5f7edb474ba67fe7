// Proofs for the later Harena generations (docs/generations.md): the REAL suite as a child process, with
// HARENA_API_CONTRACT=harena-v3 or harena-v2-charts, against the REAL reference service speaking that generation —
// GO when it is healthy, NO-GO with precise reasons when it is not, and a rate limiter's refusals reported as such.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { V3_FAILURE_MESSAGE } from '../../fixtures/reference/generations/envelopes.ts'
import { attemptsOf, cleanupTemp, describeRun, readReport, REPORT_MD, ROOT, runSuite, tempDir } from './harness.ts'
import { criterionOf, generationEnv, generationTargets, pathsSeen, writeGenerationBank } from './generations-helpers.ts'

const target = generationTargets()
afterAll(cleanupTemp)

describe('HARENA_API_CONTRACT=harena-v3', () => {
  test('a healthy v3 is GO: /api/v3 routes, v3 intents judged, C3 excluded by the question set (no cap)', async () => {
    const ref = await target('harena-v3')
    const run = await runSuite({ env: generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q06', 'q11', 'q12', 'q15')) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(run.exitCode).toBe(0)
    expect(report.target.contract).toBe('harena-v3')
    expect(report.questions.map((q) => q.expectedIntent)).toEqual([
      'financial_query',
      'financial_query',
      'trend_analysis',
      'comparative_analysis',
      null,
    ])
    expect(attemptsOf(report).map((a) => (a.intent as { group: string } | null)?.group)).toEqual([
      'financial_query',
      'financial_query',
      'trend_analysis',
      'comparative_analysis',
      'unclear',
    ])
    expect(criterionOf(report, 'C3').status).toBe('not-applicable')
    // What the set's v3 entry takes out of the plan is named per question, never silently dropped (docs/generations.md).
    expect(report.questions.map((q) => (q as { notObservable?: string[] }).notObservable)).toEqual([
      ['kpi_cards'],
      ['kpi_cards', 'pie'],
      ['line'],
      ['bar'],
      [],
    ])
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md).toContain('Non observable sur harena-v3')
    // The v3 adapter declares stage timings absent: its stage rows say so, never "not reported by the service".
    expect(md).toMatch(/^\| search \| — \| — \| — \| 0 sur 5 \| 500 ms \| non observable sur harena-v3 \|$/m)
    expect(report.stages['response_generation']?.status).toBe('not_observable')
    expect(md).toMatch(/- \[x\] GO pour production \(.*\) — non évalué sur cette exécution : C3 /)
    const chats = pathsSeen(ref).filter((p) => p.includes('/conversation/1'))
    expect(chats).toHaveLength(5)
    expect(chats.every((p) => p === '/api/v3/conversation/1')).toBe(true)
    expect(pathsSeen(ref)).toContain('/api/v3/conversation/health')
  })

  test('the plan without v3 expectations: KPI/pie reported "not observable on harena-v3", C3 not applicable → CONDITIONAL', async () => {
    const ref = await target('harena-v3')
    // The plan's q04 as written (no `contracts` section): its KPI cards and pie cannot travel on the v3 wire.
    const plan = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'questions.json'), 'utf8')) as { questions: Array<Record<string, unknown>> }
    const { contracts: _c, ...q04 } = plan.questions.find((q) => q['id'] === 'q04') as Record<string, unknown>
    const bank = join(tempDir('gen-plain'), 'questions.json')
    writeFileSync(bank, JSON.stringify({ questions: [{ ...q04, expectedIntent: 'financial_query' }] }))
    const run = await runSuite({ env: generationEnv(ref, 'harena-v3', bank) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(report.questions[0]?.success).toBe(true)
    expect((report.questions[0] as { notObservable?: string[] }).notObservable).toEqual(['kpi_cards', 'pie'])
    const c3 = criterionOf(report, 'C3')
    expect(c3.status).toBe('not-applicable')
    expect(report.reasons.join(' ')).toMatch(/C3 .*non applicable.*harena-v3 ne transporte aucune visualisation.*q04/)
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain('Non observable sur harena-v3')
  })

  test('a broken v3 is NO-GO with precise reasons: the contract field named, the fallback, the 5xx', async () => {
    const ref = await target('harena-v3', [
      { match: 'Mes dépenses du mois dernier', fault: { kind: 'contractViolation' } },
      { match: 'tendances', fault: { kind: 'fallback', stage: 'query' } },
      { match: 'Comparaison', fault: { kind: 'http5xx' } },
    ])
    const run = await runSuite({ env: generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q06', 'q11', 'q12')) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q01')?.critical).toBe('contract')
    expect(byId.get('q01')?.failures.join(' ')).toMatch(/search_summary: required field missing/)
    expect(byId.get('q01')?.failures.join(' ')).toMatch(/metadata\.intent: /)
    expect(byId.get('q06')?.ok).toBe(true)
    expect(byId.get('q11')?.critical).toBeNull()
    expect(byId.get('q11')?.failures.join(' ')).toContain(V3_FAILURE_MESSAGE.slice(0, 40))
    expect(byId.get('q12')?.critical).toBe('http_5xx')
    expect(criterionOf(report, 'C4').status).toBe('fail')
    expect(criterionOf(report, 'C1').status).toBe('fail')
  })

  test('a rate limiter refusing requests: "rate limited by the target/proxy", not executed (NO-GO, incomplete), advice — not a crash', async () => {
    const ref = await target('harena-v3', [{ match: 'tendances', fault: { kind: 'rateLimited' } }])
    const run = await runSuite({ env: generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q11', 'q12'), { VALIDATION_MAX_RPS: '5' }) })
    const report = readReport(run.reportDir)
    // A refused attempt measured nothing of the release: not executed, so the run is incomplete and never GO.
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(criterionOf(report, 'C5').status).toBe('fail')
    const q11 = attemptsOf(report).find((a) => a.questionId === 'q11')
    expect(q11?.critical).toBeNull()
    expect(q11?.failures[0]).toMatch(/^rate limited by the target\/proxy \(HTTP 503\)/)
    expect(criterionOf(report, 'C4').status).toBe('pass')
    expect(criterionOf(report, 'C7').status).toBe('inconclusive')
    expect(report.reasons.join(' ')).toMatch(/limiteur de débit.*cadencée à 5 req\/s.*VALIDATION_MAX_RPS/)
    expect(run.stdout).toMatch(/C7/)
  })

  test("security probes by v3's own refusals: user 0 → 403 passes on a healthy v3; without its token–path check it is a critical bug", async () => {
    type Probes = Array<{ id: string; ok: boolean | null; failures: string[] }>
    const probesOf = (r: ReturnType<typeof readReport>) => (r as typeof r & { security?: Probes }).security ?? []
    const healthy = await target('harena-v3')
    const ok = await runSuite({ env: generationEnv(healthy, 'harena-v3', writeGenerationBank('q01'), { VALIDATION_SECURITY: 'true' }) })
    const okReport = readReport(ok.reportDir)
    expect(okReport.decision, describeRun(ok)).toBe('GO')
    expect(probesOf(okReport).find((p) => p.id === 'user_id_zero')?.ok).toBe(true)
    // Every probe applies on v3, its conversation routes included (the real v3 serves any conversation's turns).
    expect(probesOf(okReport).filter((p) => p.ok !== true)).toEqual([])
    expect(pathsSeen(healthy)).toContain('/api/v3/conversation/0')
    expect(pathsSeen(healthy)).toContain('/api/v3/conversation/conversations/2')
    const open = await target('harena-v3', [
      { fault: { kind: 'guardOff', guard: 'pathUser' } },
      { fault: { kind: 'guardOff', guard: 'conversationOwnership' } },
    ])
    const bad = await runSuite({ env: generationEnv(open, 'harena-v3', writeGenerationBank('q01'), { VALIDATION_SECURITY: 'true' }) })
    const badReport = readReport(bad.reportDir)
    expect(badReport.decision, describeRun(bad)).toBe('NO-GO')
    const byId = new Map(probesOf(badReport).map((p) => [p.id, p]))
    expect(byId.get('user_id_zero')?.ok).toBe(false)
    expect(byId.get('user_id_zero')?.failures.join(' ')).toMatch(/POST \/api\/v3\/conversation\/0 .*→ HTTP 200 \(expected 403, 400, 422/)
    expect(byId.get('other_user_path')?.ok).toBe(false)
    expect(byId.get('other_user_turns')?.failures.join(' ')).toMatch(/GET \/api\/v3\/conversation\/conversation\/\d+\/turns .*→ HTTP 200 with data/)
  })

  test('a probe a rate limiter refuses is not judged (neither passed nor a critical bug): the run is inconclusive, not NO-GO', async () => {
    type Probes = Array<{ id: string; ok: boolean | null; notes: string[] }>
    // v3 has no message guard, so the <script> probe reaches the service — where nginx's limiter answers 429.
    const ref = await target('harena-v3', [{ match: 'alert', fault: { kind: 'rateLimited', status: 429 } }])
    const run = await runSuite({ env: generationEnv(ref, 'harena-v3', writeGenerationBank('q01'), { VALIDATION_SECURITY: 'true' }) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(report.summary.criticalBugs).toBe(0)
    const script = ((report as typeof report & { security?: Probes }).security ?? []).find((p) => p.id === 'script_message')
    expect(script?.ok).toBeNull()
    expect(script?.notes.join(' ')).toMatch(/refused by a rate limiter \(HTTP 429\) before reaching the service/)
    expect(criterionOf(report, 'C7').status).toBe('inconclusive')
  })
})

describe('HARENA_API_CONTRACT=harena-v2-charts', () => {
  test('a healthy v3.2.9 is GO: main-format charts judged (pie ≤ 9 slices, line), C3 over the questions that expect a chart', async () => {
    const ref = await target('harena-v2-charts')
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2-charts', writeGenerationBank('q01', 'q06', 'q08', 'q11')) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(criterionOf(report, 'C3').status).toBe('pass')
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q06')?.visualizations).toContain('pie')
    expect(byId.get('q06')?.visualizations).not.toContain('kpi')
    expect((byId.get('q01')?.intent as { subtype: unknown } | null)?.subtype).toBeNull()
  })

  test('a broken v3.2.9 is NO-GO: charts dropped (C3 names the questions, the pie expectation fails), a 5xx', async () => {
    const ref = await target('harena-v2-charts', [
      { match: 'Répartition', fault: { kind: 'dropVisualizations' } },
      { match: 'tendances', fault: { kind: 'http5xx', status: 502 } },
    ])
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2-charts', writeGenerationBank('q01', 'q06', 'q11')) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const c3 = criterionOf(report, 'C3')
    expect(c3.status).toBe('fail')
    expect(report.reasons.join(' ')).toMatch(/C3 .*q06/)
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q06')?.failures.join(' ')).toMatch(/expected a pie chart/)
    expect(byId.get('q11')).toMatchObject({ critical: 'http_5xx', httpStatus: 502 })
  })
})

describe('a question set without data questions', () => {
  test('edge cases only (q13–q15) on harena-v2: visualization coverage has nothing to count — excluded, not inconclusive → GO', async () => {
    const ref = await target('harena-v2')
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2', writeGenerationBank('q13', 'q14', 'q15')) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(criterionOf(report, 'C3').status).toBe('not-applicable')
    expect(report.reasons.join(' ')).not.toMatch(/C3/)
  })
})
