// The answer to ANOTHER question (review 2026-12-04, a third reviewer's swaps, each GO before the rules): the REAL
// suite (child process) against the REAL reference service behind a loopback proxy that asks the service another
// question and gives the answer back as this one's, echo included (a cache under the wrong key, a gateway mix-up),
// or replaces the answer's text. checks/period-asked.ts and checks/question-asked.ts must fail the question with a
// reason naming what is wrong, and leave the untouched questions passing.
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies, type ProxyAction, type ProxiedRequest } from './proxy.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const FAST = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', VALIDATION_LOCALE: 'en' }

/** Asks the service `instead` when the suite asks `asked`; the answer echoes `asked`, as the service would its own. */
function swap(pairs: Record<string, string>): (r: ProxiedRequest) => ProxyAction {
  return (r) => {
    if (r.chatIndex === null) return { kind: 'forward' }
    const sent = JSON.parse(r.body) as { message: string }
    const instead = pairs[sent.message]
    if (instead === undefined) return { kind: 'forward' }
    const echoAsked = (status: number, body: string) => {
      const answer = JSON.parse(body) as Record<string, unknown>
      return { status, body: JSON.stringify({ ...answer, message: sent.message }) }
    }
    return { kind: 'rewrite', body: JSON.stringify({ ...sent, message: instead }), rewrite: echoAsked }
  }
}

async function judged(decide: (r: ProxiedRequest) => ProxyAction, ...ids: string[]) {
  const ref = await target()
  const front = await proxy(ref.url, decide)
  const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, HARENA_BASE_URL: front.url, VALIDATION_QUESTIONS: writeBank(pick(...ids)) } })
  const report = readReport(run.reportDir)
  const byId = new Map(report.questions.map((q) => [q.id, q]))
  const failures = (id: string): string => (byId.get(id)?.attempts ?? []).flatMap((a) => a.failures).join('\n')
  return { run, report, byId, failures, chats: front.chats() }
}

describe('an answer to another question fails its question', () => {
  test("today's question answered with the week's answer (two days: Monday and Tuesday) → NO-GO, the week named", async () => {
    const { run, report, byId, failures, chats } = await judged(
      swap({ "Combien j'ai dépensé aujourd'hui ?": 'Transactions de cette semaine' }),
      'q03',
      'q02',
    )
    expect(chats).toBe(2)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(byId.get('q03')?.success).toBe(false)
    expect(failures('q03')).toMatch(/off-topic answer: the question asks about "today", the answer speaks of another period \("this week"/)
    expect(byId.get('q02')?.success, failures('q02')).toBe(true)
  }, 180_000)

  test('a breakdown by category answered with the food answer (a category filter, one slice) → NO-GO, both named', async () => {
    const { run, report, byId, failures } = await judged(
      swap({ 'Répartition de mes dépenses par catégorie': 'Mes dépenses alimentaires ce mois-ci' }),
      'q06',
      'q04',
    )
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(byId.get('q06')?.success).toBe(false)
    expect(failures('q06')).toMatch(
      /answer to another question: the service filtered on category "Alimentation", which the question does not ask for/,
    )
    expect(failures('q06')).toMatch(/the question asks for a breakdown by category, the answer shows a single one \("Alimentation"\)/)
    expect(byId.get('q04')?.success, failures('q04')).toBe(true)
  }, 180_000)

  test('an amount question whose text states no amount ("Voici vos transactions.") → NO-GO; a listing question keeps passing', async () => {
    const generic: ProxyAction = {
      kind: 'rewrite',
      rewrite: (status, body) => {
        const answer = JSON.parse(body) as { response: { message: string }; search_summary: { total_results: number } }
        if (answer.search_summary.total_results > 0) answer.response.message = 'Voici vos transactions.'
        return { status, body: JSON.stringify(answer) }
      },
    }
    const { run, report, byId, failures } = await judged((r) => (r.chatIndex === null ? { kind: 'forward' } : generic), 'q03', 'q05', 'q02')
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    for (const id of ['q03', 'q05']) {
      expect(byId.get(id)?.success, id).toBe(false)
      expect(failures(id), id).toMatch(
        /off-topic answer: the question asks how much, the answer's text states no amount \("Voici vos transactions\."\)/,
      )
    }
    // "Transactions de cette semaine" asks for a listing: the same text is no failure of this rule there.
    expect(failures('q02')).not.toMatch(/states no amount/)
  }, 180_000)
})
