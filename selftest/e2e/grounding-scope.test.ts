// Grounding by role and scope, end to end (docs/grounding.md): the REAL suite (child process) against a small
// loopback HTTP server answering recorded-shape v2 Netflix bodies (selftest/suite/grounding/netflix-shapes.ts).
// A headline total equal to an insight's amount ("pour un total de 7,99 €" beside total_debit 1050.20) used to pass
// because it matched SOME carried figure: now NO-GO with both figures quoted. Sentences about other periods — the
// recorded "(comme en décembre 2024 avec deux transactions le 4 décembre)" with three insights, "Le mois précédent,
// le total s'élevait à 980,00 €", "En mai 2025, vous avez dépensé 13,49 €" — used to be read as the answer's own
// count or total and failed it: now GO, the figures noted unverified.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { netflixV2, type NetflixVariant } from '../suite/grounding/netflix-shapes.ts'
import { cleanupTemp, describeRun, readReport, runSuite, writeBank, type BankQuestion } from './harness.ts'
import { tokenFor } from './target.ts'

afterAll(cleanupTemp)

const FAST = { HARENA_TIMEOUT_MS: '10000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', HARENA_API_CONTRACT: 'harena-v2' }

/** Question message → the variant the server answers it with. */
const ANSWERS: Readonly<Record<string, NetflixVariant>> = {
  'Mes dépenses Netflix ?': 'total_is_insight_amount',
  'Combien de paiements Netflix ?': 'count_2',
  'Mes paiements Netflix ?': 'long_3_insights',
  'Mes abonnements Netflix ?': 'previous_month_total',
  'Mon historique Netflix ?': 'month_spent',
}

/** A Netflix question; the real v2 wire carries no visualization (docs/wire-contracts.md), so none is expected. */
function netflixQuestion(id: string, message: string): BankQuestion {
  const question = { id, category: 'by_merchant', message, expectedIntent: 'transaction_search', expectsData: true, expectations: [] }
  return { ...question, visualizationExpected: false } as BankQuestion
}

/** A loopback server: health routes answer 200, the chat route answers the variant its question maps to. */
async function netflixServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8')
    })
    req.on('end', () => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      const chat = /^\/api\/v1\/conversation\/(\d+)$/.exec(req.url ?? '')
      if (req.method === 'GET') return send(200, { status: 'healthy', service: 'conversation_service' })
      if (req.method !== 'POST' || chat === null) return send(404, { detail: 'Not Found' })
      const message = String((JSON.parse(raw || '{}') as { message?: unknown }).message ?? '')
      const variant = ANSWERS[message]
      if (variant === undefined) return send(422, { detail: [{ msg: `unknown question ${message}` }] })
      // The service echoes the question it was asked (tests/support/checks/echo.ts).
      send(200, { ...netflixV2(variant, Number(chat[1])), message })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
}

const servers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(servers.map((close) => close()))
})

async function runAgainst(questions: BankQuestion[]) {
  const srv = await netflixServer()
  servers.push(srv.close)
  const run = await runSuite({
    env: { HARENA_BASE_URL: srv.url, HARENA_API_TOKEN: tokenFor(1), HARENA_USER_ID: '1', ...FAST, VALIDATION_QUESTIONS: writeBank(questions) },
    hardTimeoutMs: 120_000,
  })
  return { run, report: readReport(run.reportDir) }
}

describe('a stated figure is checked by its role and its scope', () => {
  test('a total or count equal to SOME carried figure but not the carried total/count → NO-GO, both figures quoted', async () => {
    const { run, report } = await runAgainst([
      netflixQuestion('n1', 'Mes dépenses Netflix ?'),
      netflixQuestion('n2', 'Combien de paiements Netflix ?'),
      netflixQuestion('n3', 'Mes paiements Netflix ?'),
    ])
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    const failures = (id: string) => (report.questions.find((q) => q.id === id)?.attempts ?? []).flatMap((a) => a.failures).join('\n')
    expect(failures('n1')).toContain('the message states 7,99 € as the total, but the insight data total_debit shows 1050.20 €')
    expect(failures('n2')).toContain(
      'the message states 2 transactions as the number of transactions, but the insight data transaction_count shows 80',
    )
    // The recorded long answer beside them is not failed by its other-period observation.
    expect(report.questions.find((q) => q.id === 'n3')?.success).toBe(true)
  }, 150_000)

  test('sentences about other periods beside healthy answers → GO, their figures noted unverified, never a contradiction', async () => {
    const { run, report } = await runAgainst([
      netflixQuestion('n3', 'Mes paiements Netflix ?'),
      netflixQuestion('n4', 'Mes abonnements Netflix ?'),
      netflixQuestion('n5', 'Mon historique Netflix ?'),
    ])
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(run.exitCode).toBe(0)
    expect(report.questions.map((q) => q.success)).toEqual([true, true, true])
    const attempt = (id: string) => report.questions.find((q) => q.id === id)?.attempts[0]
    for (const id of ['n3', 'n4', 'n5']) expect((attempt(id) as { grounding?: string } | undefined)?.grounding, id).toBe('grounded')
    expect(attempt('n4')?.notes?.join(' ') ?? '').toContain('980,00 €')
  }, 150_000)
})
