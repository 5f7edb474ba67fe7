// The plan's T4.3 ("KPI Cards présents pour tous les intents") against the spec's table (no KPI card asked of
// q10–q12): the spec wins, and the difference is said (docs/suite-rules.md §3). A real reference service on
// loopback drops its KPI cards (defect `noKpiCards`); the real adapter, checks and recorder judge the answers.
import { afterAll, describe, expect, test } from 'vitest'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { loadQuestionsFor, type Question } from '../../../core/questions.ts'
import { recordAttempt } from '../../../tests/support/record.ts'
import type { ContractName } from '../../../core/settings.ts'
import { ROOT } from '../../e2e/harness.ts'
import { REFERENCE_NOW, tokenFor } from '../../e2e/target.ts'
import { startReferenceServer, type ReferenceServer } from '../../../fixtures/reference/server.ts'
import { english } from '../checks/helpers.ts'

const started: ReferenceServer[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})
const token = tokenFor(1)

async function attemptOf(contract: ContractName, id: string, dropKpi: boolean) {
  const question = loadQuestionsFor(`${ROOT}/fixtures/questions.json`, contract).find((q) => q.id === id) as Question
  const adapter = adapterFor(contract)
  const faults = dropKpi ? ([{ match: question.message, fault: { kind: 'defect', defect: 'noKpiCards' } }] as never) : []
  const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faults, faultSeed: 7, contract })
  started.push(ref)
  const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 5000 })
  try {
    const outcome = await client.request(adapter.chatRequest({ message: question.message, userId: 1, authorization: `Bearer ${token}` }))
    return recordAttempt({ question, adapter, check: checkAttempt, index: 0, warmup: false, secrets: [token] }, outcome)
  } finally {
    await client.close()
  }
}

const noted = (notes: readonly { code: string }[] | undefined): boolean => (notes ?? []).some((n) => n.code === 'check.kpi.absent_noted')

describe('a data answer without KPI cards', () => {
  test.each(['q10', 'q11', 'q12'])('%s (the spec asks none): passes, with the note that the plan wanted them', async (id) => {
    const a = await attemptOf('harena-v2', id, true)
    expect(a.ok, english(a.failures).join('\n')).toBe(true)
    expect(a.dataPresentation).toBe(true)
    expect(a.visualizations).not.toContain('kpi')
    expect(noted(a.notes)).toBe(true)
  })

  test('q10 with its KPI cards: no note', async () => {
    const a = await attemptOf('harena-v2', 'q10', false)
    expect(a.ok).toBe(true)
    expect(a.visualizations).toContain('kpi')
    expect(noted(a.notes)).toBe(false)
  })

  test('q01 (the spec asks KPI cards): a failure, not a note', async () => {
    const a = await attemptOf('harena-v2', 'q01', true)
    expect(a.ok).toBe(false)
    expect(english(a.failures).join('\n')).toMatch(/KPI cards/)
    expect(noted(a.notes)).toBe(false)
  })

  test('harena-v2-charts, which carries no KPI card: not observable, never noted', async () => {
    const a = await attemptOf('harena-v2-charts', 'q12', false)
    expect(a.ok, english(a.failures).join('\n')).toBe(true)
    expect(noted(a.notes)).toBe(false)
  })
})
