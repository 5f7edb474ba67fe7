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

/** Answers health with 200 and every chat for user 1 with a recorded-shape v2 body, with or without the field. */
async function realV2(withField: boolean): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ status: 'healthy', service: 'conversation_service', version: '2.0' }))
        return
      }
      const body = v2Body({ user_id: 1 }) as { response: Record<string, unknown> }
      if (withField) body.response['visualizations'] = []
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
    expect(report.reasons.join(' ')).toMatch(/carries no visualization: not observable for r01/)
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
