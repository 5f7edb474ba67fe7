// The real v2 wire (v3.2.7 / v3.2.8, docs/wire-contracts.md §0 and §1.5) drops its charts before the wire: its
// answers have no `visualizations` field at all. On such answers the plan's KPI and chart expectations are "not
// observable on harena-v2" and visualization coverage is not applicable (CONDITIONAL at best, with that reason) —
// never failed as if a healthy service were wrong. The same service sending the field without cards still fails.
// A small loopback server speaks that wire; the real suite runs against it as a child process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { v2Body } from '../suite/adapter/bodies.ts'
import { attemptsOf, cleanupTemp, criterion, describeRun, readReport, runSuite, writeBank, type BankQuestion } from './harness.ts'
import { tokenFor } from './target.ts'

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))))
  cleanupTemp()
})

/** The answer's visualizations field: absent (the real v2), or this value (null: FastAPI's unset optional field). */
type Field = { absent: true } | { value: unknown; nulls?: boolean }

/** Answers health with 200 and every chat for user 1 with a recorded-shape v2 body, with or without the field. */
async function realV2(withField: boolean | Field): Promise<string> {
  const field: Field = withField === true ? { value: [] } : withField === false ? { absent: true } : withField
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ status: 'healthy', service: 'conversation_service', version: '2.0' }))
        return
      }
      const body = v2Body({ user_id: 1 }) as Record<string, unknown> & { response: Record<string, unknown> }
      if ('value' in field) body.response['visualizations'] = field.value
      // Every other optional field FastAPI would write as null too.
      if ('value' in field && field.nulls === true) Object.assign(body, { conversation_id: null, response_type: null })
      if ('value' in field && field.nulls === true) Object.assign(body.response, { type: null, response_type: null })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const QUESTION: BankQuestion = {
  id: 'r01',
  category: 'transaction_search_simple',
  message: 'Mes achats de plus de 80 euros',
  expectedIntent: 'transaction_search',
  expectsData: true,
  expectations: [{ kind: 'kpi_cards', min: 3, cover: ['total', 'count', 'average'] }],
}

const env = (url: string) => ({
  HARENA_BASE_URL: url,
  HARENA_API_TOKEN: tokenFor(1),
  HARENA_USER_ID: '1',
  HARENA_TIMEOUT_MS: '5000',
  VALIDATION_ITERATIONS: '2',
  VALIDATION_WARMUP: '0',
  VALIDATION_LOCALE: 'en',
  VALIDATION_QUESTIONS: writeBank([QUESTION]),
})

describe('harena-v2 on the real v2 wire', () => {
  test('answers without a visualizations field: KPI cards not observable, coverage not applicable → CONDITIONAL, no failure', async () => {
    const run = await runSuite({ env: env(await realV2(false)) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(run.exitCode).toBe(0)
    expect(attemptsOf(report).every((a) => a.ok)).toBe(true)
    expect(report.questions[0]?.notObservable).toContain('kpi_cards')
    expect(criterion(report, 'C3').status).toBe('not-applicable')
    expect(report.reasons.join(' ')).toMatch(
      /The target.s answers \(harena-v2 contract\) came without a visualizations field: not observable for r01/,
    )
  })

  // Review finding "v2-nullables": null was read as "on the wire, zero charts" → C3 0 % → NO-GO.
  test.each([
    ['visualizations: null', { value: null }],
    ['visualizations and every other optional field null', { value: null, nulls: true }],
  ] as const)('%s is the field absent: not observable, coverage not applicable → CONDITIONAL, no failure', async (_name, field) => {
    const run = await runSuite({ env: env(await realV2(field)) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(attemptsOf(report).every((a) => a.ok && a.critical === null)).toBe(true)
    expect(report.questions[0]?.notObservable).toContain('kpi_cards')
    expect(criterion(report, 'C3').status).toBe('not-applicable')
    expect(report.reasons.join(' ')).toMatch(
      /The target.s answers \(harena-v2 contract\) came without a visualizations field: not observable for r01/,
    )
  })

  // Review finding "v2c-empty-chart": a chart with no data point counted as a visualization for C3.
  test.each([
    [
      'main format, labels and datasets empty',
      { type: 'chart', chart_type: 'line', title: 'Evolution', config: { type: 'line', data: { labels: [], datasets: [] } } },
    ],
    [
      'Sprint 1.3 pie whose datasets hold nothing',
      { type: 'pie_chart', title: 'Répartition', data: { labels: ['A', 'B'], datasets: [{ label: 'x', data: [] }] } },
    ],
    [
      'main bar whose data are all gaps',
      { type: 'chart', chart_type: 'bar', title: 'Marchands', config: { data: { labels: ['A'], datasets: [{ data: [null] }] } } },
    ],
  ])('an empty chart (%s) is no visualization: a contract issue naming it, never counted by C3', async (_name, chart) => {
    const run = await runSuite({ env: env(await realV2({ value: [chart] })) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    for (const a of attemptsOf(report)) {
      expect(a.ok).toBe(false)
      expect(a.critical).toBe('contract')
      expect(a.visualizations).toEqual([])
      expect(JSON.stringify(a)).toMatch(/response\.visualizations\[0\]: an empty chart \(no data point/)
    }
    expect(criterion(report, 'C3').status).not.toBe('pass')
  })

  test('KPI cards without a figure are no visualization either: coverage does not count them', async () => {
    const cards = ['Total Dépenses', 'Nombre de Transactions', 'Montant Moyen'].map((title) => ({ type: 'kpi_card', title, value: null, unit: '€' }))
    const run = await runSuite({ env: env(await realV2({ value: cards })) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(attemptsOf(report).every((a) => a.visualizations.length === 0)).toBe(true)
    expect(criterion(report, 'C3').status).toBe('fail')
  })

  test('the same answers WITH the field but no cards: the plan’s KPI expectation fails, coverage 0 % → NO-GO', async () => {
    const run = await runSuite({ env: env(await realV2(true)) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(attemptsOf(report).every((a) => !a.ok)).toBe(true)
    expect(attemptsOf(report)[0]?.failures.join(' ')).toMatch(/KPI/)
    expect(criterion(report, 'C3').status).toBe('fail')
  })
})
