// What a generation does by its own rules, whatever the question set says of a question (docs/generations.md): the
// REAL suite as a child process against the REAL reference service, its answers rewritten on loopback the way a
// review did.
// - harena-v2-charts (v3.2.9) draws a line chart for every transaction_search answer with more than 2 results
//   (docs/wire-contracts.md §2.2). Review finding "v2c-empty-viz": `visualizations: []` on q02, q03, q05, q12 (14,
//   3, 5, 12 results) was GO, "100 % (4/4 DATA_PRESENTATION answers)": the set's visualizationExpected: false kept
//   them out of the coverage, and the ratio was said to be over every DATA_PRESENTATION answer.
// - harena-v2 (v3.2.7): the real classifier never emits `analytics` (§3). Review finding "v2-real-taxonomy": q10–q12
//   answered transaction_search without a subtype failed "expected intent analytics.trend" → NO-GO.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, readReport, REPORT_MD, runSuite } from './harness.ts'
import { criterionOf, generationEnv, generationTargets, writeGenerationBank } from './generations-helpers.ts'
import { fileProxies, type ProxiedRequest, type ProxyAction } from './proxy.ts'

const target = generationTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

type Body = {
  intent: { type: string; subtype?: string } | null
  response: { visualizations?: unknown[] }
  search_summary: { total_results: number }
}

/** Every chat answer to a question whose message matches `asked`, changed by `change`; everything else forwarded. */
function rewriting(asked: RegExp, change: (body: Body) => void): (r: ProxiedRequest) => ProxyAction {
  return (r) => {
    if (r.chatIndex === null || !asked.test((JSON.parse(r.body) as { message: string }).message)) return { kind: 'forward' }
    return {
      kind: 'rewrite',
      rewrite: (status, text) => {
        const body = JSON.parse(text) as Body
        change(body)
        return { status, body: JSON.stringify(body) }
      },
    }
  }
}

describe('harena-v2-charts: the line chart v3.2.9 draws above 2 transaction_search results', () => {
  const BANK = ['q01', 'q02', 'q03', 'q05', 'q12']

  test('the reference follows the rule: GO, the coverage over the 5 answers a chart is expected of (4 by the rule alone)', async () => {
    const ref = await target('harena-v2-charts')
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2-charts', writeGenerationBank(...BANK)) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(criterionOf(report, 'C3').status).toBe('pass')
    expect(report.summary).toMatchObject({ visualizationCoverage: 1, visualizationExpectedAttempts: 5 })
    for (const a of attemptsOf(report)) expect(a.visualizations, a.questionId).toContain('line')
  })

  test('visualizations: [] where the rule draws a line → each answer fails naming the rule and its count; C3 fails over them → NO-GO', async () => {
    const ref = await target('harena-v2-charts')
    const asked = /cette semaine|aujourd|transport|Comparaison/
    const front = await proxy(
      ref.url,
      rewriting(asked, (b) => {
        b.response.visualizations = []
      }),
    )
    const run = await runSuite({ env: { ...generationEnv(ref, 'harena-v2-charts', writeGenerationBank(...BANK)), HARENA_BASE_URL: front.url } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q01')?.ok).toBe(true)
    for (const id of ['q02', 'q03', 'q05', 'q12']) {
      const a = byId.get(id)
      expect(a?.ok, id).toBe(false)
      expect(a?.failures.join(' '), id).toMatch(/^\d+ results: harena-v2-charts draws a line chart above 2 results; none sent$/)
    }
    const c3 = criterionOf(report, 'C3')
    expect(c3.status).toBe('fail')
    expect(report.summary).toMatchObject({ visualizationCoverage: 0.2, visualizationExpectedAttempts: 5 })
    // What the ratio is over, said in the run's language (French by default) in the criterion, its reason and the summary.
    expect(c3.name).toMatch(/^Réponses attendant une visualisation, avec ≥ 1/)
    expect(report.reasons.join(' ')).toMatch(/C3 .*4 réponse\(s\) sur 5 attendant une visualisation n'en porte\(nt\) aucune \(q02, q03, q05, q12\)/)
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md).toContain('(1/5 réponses DATA_PRESENTATION attendant une visualisation)')
    expect(md).not.toMatch(/\/\d+ réponses DATA_PRESENTATION\)/)
    expect(run.stdout).toMatch(/ÉCHEC {2}C3 Réponses attendant une visualisation, avec ≥ 1 /)
  })
})

describe('harena-v2: the real v3.2.7 classifier emits no analytics group', () => {
  test('q10–q12 answered transaction_search, no subtype, no visualizations field (the real shape) → CONDITIONAL, never NO-GO', async () => {
    const ref = await target('harena-v2')
    const front = await proxy(
      ref.url,
      rewriting(/./, (b) => {
        if (b.intent !== null) {
          if (b.intent.type === 'analytics') b.intent.type = 'transaction_search'
          delete b.intent.subtype
        }
        delete b.response.visualizations
      }),
    )
    const run = await runSuite({ env: { ...generationEnv(ref, 'harena-v2', writeGenerationBank('q10', 'q11', 'q12')), HARENA_BASE_URL: front.url } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(run.exitCode).toBe(0)
    for (const a of attemptsOf(report)) {
      expect(a.ok, `${a.questionId}: ${a.failures.join(' ')}`).toBe(true)
      expect((a.intent as { group: string } | null)?.group).toBe('transaction_search')
    }
    expect(report.questions.map((q) => q.expectedIntent)).toEqual([
      'analytics.anomalies|transaction_search',
      'analytics.trend|transaction_search',
      'analytics.comparison|transaction_search',
    ])
    expect(criterionOf(report, 'C3').status).toBe('not-applicable')
  })

  // Review 2026-12-06 (finding "v2-viz-mixed"): the field on most answers and left out of q04–q07's was GO, "100 %
  // (8/8)", the four listed "not observable": a build that sends the field on some answers can send it on all
  // (FastAPI writes an unset field as null, docs/generations.md), so an answer without it shows no chart.
  test('the field on some answers, left out of others → those answers are uncovered (C3 fails over them), never "not observable"', async () => {
    const ref = await target('harena-v2')
    const front = await proxy(
      ref.url,
      rewriting(/transport|Carrefour/, (b) => {
        delete b.response.visualizations
      }),
    )
    const run = await runSuite({
      env: { ...generationEnv(ref, 'harena-v2', writeGenerationBank('q01', 'q04', 'q05', 'q06', 'q07', 'q08')), HARENA_BASE_URL: front.url },
    })
    const report = readReport(run.reportDir)
    const c3 = criterionOf(report, 'C3')
    expect(c3.status, describeRun(run)).toBe('fail')
    expect(report.decision).not.toBe('GO')
    expect(report.summary).toMatchObject({ visualizationExpectedAttempts: 6 })
    expect(report.summary.visualizationCoverage).toBeCloseTo(4 / 6, 6)
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md).toMatch(/q05/)
    for (const q of report.questions) expect(q.notObservable, q.id).toEqual([])
    // The same answers, the field left out of every one: nothing shows the build can send it (the real v3.2.7 shape).
    const none = await proxy(
      ref.url,
      rewriting(/./, (b) => {
        delete b.response.visualizations
      }),
    )
    const all = await runSuite({
      env: { ...generationEnv(ref, 'harena-v2', writeGenerationBank('q01', 'q04', 'q05', 'q06', 'q07', 'q08')), HARENA_BASE_URL: none.url },
    })
    const allReport = readReport(all.reportDir)
    expect(criterionOf(allReport, 'C3').status, describeRun(all)).toBe('not-applicable')
    expect(allReport.questions.find((q) => q.id === 'q05')?.notObservable).toContain('pie')
  })
})
