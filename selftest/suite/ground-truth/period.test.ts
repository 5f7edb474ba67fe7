// A ground truth's account and period (docs/grounding.md "Whose figures, and which days"): a file made for another
// user is refused; a dated truth is confronted only with answers that searched its days (v2 `query.filters.date`),
// an answer that searched other days is noted "not applicable", never failed; one whose wire shows no days is
// confronted on the file's word and says so. Real parts: the v2 adapter reads each body, the real checks judge it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { loadQuestions } from '../../../core/questions.ts'
import { GroundTruth, GroundTruthError, loadGroundTruth, type TruthQuestion } from '../../../core/ground-truth.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { withGroundTruth } from '../../../tests/support/ground-truth/attempt.ts'
import { truthPeriodOf } from '../../../tests/support/ground-truth/period.ts'
import { kpi, richBody, turnOf } from '../adapter/bodies.ts'

const dir = mkdtempSync(join(tmpdir(), 'truth-period-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A v2 answer that searched `from`..`to` (its query's filters.date), or no date at all. */
function answer(days: { from: string; to: string } | null, message = 'Le mois dernier, vous avez dépensé 2 661,93 € en 36 transactions.') {
  const body = richBody({ total: 36, visualizations: [kpi('Total Dépenses', 2661.93), kpi('Nombre de Transactions', 36)], message })
  const query = body.query as Record<string, unknown>
  const filters = days === null ? { transaction_type: 'debit' } : { transaction_type: 'debit', date: { gte: days.from, lte: days.to } }
  return turnOf({ ...body, query: { ...query, filters } })
}

describe('account.userId: a ground truth made for another user', () => {
  const write = (name: string, truth: unknown): string => {
    const path = join(dir, name)
    writeFileSync(path, JSON.stringify(truth))
    return path
  }

  test('is refused naming both ids; the same user, or a file naming none, is taken', () => {
    const user2 = write('user2.json', { account: { userId: 2 }, questions: { q01: { total: 1 } } })
    expect(() => loadGroundTruth(user2, { userId: 1 })).toThrow(GroundTruthError)
    expect(() => loadGroundTruth(user2, { userId: 1 })).toThrow(
      `VALIDATION_GROUND_TRUTH: ${user2} is the ground truth of user 2 (account.userId), this run asks as user 1 (HARENA_USER_ID); expected a ground truth made for user 1, or HARENA_USER_ID=2`,
    )
    expect(loadGroundTruth(user2, { userId: 2 }).account?.userId).toBe(2)
    expect(loadGroundTruth(write('nobody.json', { questions: { q01: { total: 1 } } }), { userId: 1 }).questions.q01?.total).toBe(1)
  })

  test('account.asOf and a question’s period must be dates the suite can read', () => {
    const bad = write('as-of.json', { account: { asOf: 'late November' }, questions: {} })
    expect(() => loadGroundTruth(bad)).toThrow(/is invalid at \.account\.asOf: an ISO date YYYY-MM-DD, or an ISO date and time/)
    const feb30 = write('feb30.json', { account: { asOf: '2026-02-30' }, questions: {} })
    expect(() => loadGroundTruth(feb30)).toThrow(/is invalid at \.account\.asOf/)
    const reversed = write('reversed.json', { questions: { q01: { period: { from: '2026-10-31', to: '2026-10-01' } } } })
    expect(() => loadGroundTruth(reversed)).toThrow(/is invalid at \.questions\.q01\.period\.to: a period whose `from` is not after its `to`/)
    expect(GroundTruth.parse({ account: { asOf: '2026-11-24' }, questions: {} }).account?.asOf).toBe('2026-11-24')
  })
})

describe('the days a dated truth holds for, against the days the answer searched', () => {
  const periodFit = (question: string, searched: { from: string; to: string } | null, asOf: string, expected: TruthQuestion = {}) =>
    truthPeriodOf(question, expected, { account: { asOf } }, answer(searched))?.fit

  // Each row: the question, the days its answer searched, the truth's day, and whether the truth applies.
  test.each([
    // "le mois dernier" searched whole: any day of the month after; not the day before, nor a month later.
    ['Mes dépenses du mois dernier', '2026-10-01', '2026-10-31', '2026-11-24', 'applies'],
    ['Mes dépenses du mois dernier', '2026-10-01', '2026-10-31', '2026-11-01', 'applies'],
    ['Mes dépenses du mois dernier', '2026-10-01', '2026-10-31', '2026-10-15', 'other_period'],
    ['Mes dépenses du mois dernier', '2026-10-01', '2026-10-31', '2026-12-01', 'other_period'],
    ['Transactions SNCF du dernier mois', '2026-10-01', '2026-10-31', '2026-10-31', 'other_period'],
    // A rolling month (30 days to today): that day, or the next.
    ['Mes dépenses du mois dernier', '2026-10-26', '2026-11-24', '2026-11-24', 'applies'],
    ['Mes dépenses du mois dernier', '2026-10-26', '2026-11-24', '2026-11-10', 'other_period'],
    // To date: the day it ends; a whole month through its end: any of its days.
    ['Mes dépenses alimentaires ce mois-ci', '2026-11-01', '2026-11-24', '2026-11-24', 'applies'],
    ['Mes dépenses alimentaires ce mois-ci', '2026-11-01', '2026-11-24', '2026-11-10', 'other_period'],
    ['Mes dépenses alimentaires ce mois-ci', '2026-11-01', '2026-11-30', '2026-11-10', 'applies'],
    ['Transactions de cette semaine', '2026-11-23', '2026-11-24', '2026-11-24', 'applies'],
    ['Transactions de cette semaine', '2026-11-23', '2026-11-24', '2026-11-23', 'other_period'],
    ["Combien j'ai dépensé aujourd'hui ?", '2026-11-24', '2026-11-24', '2026-11-24', 'applies'],
    ["Combien j'ai dépensé aujourd'hui ?", '2026-11-24', '2026-11-24', '2026-10-15', 'other_period'],
    ["Combien j'ai dépensé hier ?", '2026-11-23', '2026-11-23', '2026-11-24', 'applies'],
    ["Combien j'ai dépensé hier ?", '2026-11-23', '2026-11-23', '2026-11-23', 'other_period'],
    ["Mes dépenses de l'année dernière", '2025-01-01', '2025-12-31', '2026-05-01', 'applies'],
    ["Mes dépenses de l'année dernière", '2025-01-01', '2025-12-31', '2027-01-05', 'other_period'],
    // No period asked: a default window, which ends on the service's today.
    ['Mes dépenses chez Carrefour', '2026-10-26', '2026-11-24', '2026-11-24', 'applies'],
    ['Mes dépenses chez Carrefour', '2026-10-26', '2026-11-24', '2026-10-15', 'other_period'],
    ['Quelles sont mes dépenses inhabituelles ?', '2025-11-01', '2026-11-24', '2026-11-23', 'other_period'],
    // Named with its year: the same days on any later day; a truth made before they ended saw only some of them.
    ['Mes transactions du 1er janvier 1970', '1970-01-01', '1970-01-01', '2026-10-15', 'applies'],
    ['Mes dépenses en mars 2026', '2026-03-01', '2026-03-31', '2026-11-24', 'applies'],
    ['Mes dépenses en mars 2026', '2026-03-01', '2026-03-31', '2026-03-15', 'other_period'],
    // Named without its year: its latest occurrence, within the year after.
    ['Mes dépenses en octobre', '2026-10-01', '2026-10-31', '2026-11-24', 'applies'],
    ['Mes dépenses en octobre', '2026-10-01', '2026-10-31', '2027-11-24', 'other_period'],
  ])('%s, searched %s..%s, truth of %s: %s', (question, from, to, asOf, expected) => {
    expect(periodFit(question, { from, to }, `${asOf}T12:00:00Z`)).toBe(expected)
  })

  test('the file’s own period for a question is compared day for day, whatever its asOf', () => {
    const october = { period: { from: '2026-10-01', to: '2026-10-31' } }
    expect(periodFit('Mes dépenses du mois dernier', { from: '2026-10-01', to: '2026-10-31' }, '2026-10-15', october)).toBe('applies')
    expect(periodFit('Mes dépenses du mois dernier', { from: '2026-09-01', to: '2026-09-30' }, '2026-11-24', october)).toBe('other_period')
    // A time on the wire's days: its written day counts.
    expect(periodFit('Mes dépenses du mois dernier', { from: '2026-10-01T00:00:00', to: '2026-10-31T23:59:59' }, '2026-11-24', october)).toBe(
      'applies',
    )
  })

  test('no days on the wire: not observable; no day nor period in the truth: undated (no verdict)', () => {
    expect(periodFit('Mes dépenses du mois dernier', null, '2026-11-24')).toBe('not_observable')
    expect(truthPeriodOf('Mes dépenses du mois dernier', {}, {}, answer({ from: '2026-10-01', to: '2026-10-31' }))).toBeNull()
  })
})

describe('an answer judged with a dated truth (the real checks)', () => {
  const q01 = loadQuestions('fixtures/questions.json').find((q) => q.id === 'q01')!
  const carriers = { contract: 'harena-v2', observes: harenaV2Adapter.observes, insightLimit: harenaV2Adapter.insightLimit }
  const judged = (truth: unknown, searched: { from: string; to: string } | null) => {
    const judge = withGroundTruth(checkAttempt, observeAttempt, GroundTruth.parse(truth), carriers)
    const result = { kind: 'turn', turn: answer(searched) } as const
    const verdict = judge.check(q01, result, harenaV2Adapter.observes)
    const seen = judge.observe(q01, result)
    return { failures: verdict.failures.map((r) => say(r, 'en')), notes: (seen?.notes ?? []).map((r) => say(r, 'en')), period: seen?.truthPeriod }
  }
  // A truth whose q01 total is wrong for the answer's October (2 661,93 €).
  const wrongFor = (asOf: string) => ({ account: { userId: 1, asOf }, questions: { q01: { total: 2325.58, count: 35 } } })

  test('made on the service’s day: its figures are confronted and a wrong total still fails', () => {
    const r = judged(wrongFor('2026-11-24T12:00:00Z'), { from: '2026-10-01', to: '2026-10-31' })
    expect(r.failures).toContain('ground truth: expected total 2325.58 €, the answer shows 2661.93 € (Total Dépenses)')
    expect(r.failures).toContain('ground truth: expected transaction count 35, the answer shows 36 (Nombre de Transactions)')
    expect(r.period).toEqual({ fit: 'applies', anchor: 'span', asOf: '2026-11-24' })
  })

  test('made on another day, its "mois dernier" another month: confronted all the same (a difference fails), and noted', () => {
    const r = judged(wrongFor('2026-10-15T12:00:00Z'), { from: '2026-10-01', to: '2026-10-31' })
    expect(r.failures.filter((f) => f.startsWith('ground truth')).length).toBeGreaterThan(0)
    expect(r.notes).toContain(
      "ground truth may not apply: this answer searched 2026-10-01..2026-10-31, which a service would not have searched for this question on 2026-10-15 (the truth's account.asOf); confronted with the truth all the same: a difference may come from the file",
    )
    expect(r.period).toEqual({ fit: 'other_period', anchor: 'span', asOf: '2026-10-15' })
  })

  test('no days on the wire: confronted on the file’s word (a wrong total fails), and said', () => {
    const r = judged(wrongFor('2026-10-15'), null)
    expect(r.failures).toContain('ground truth: expected total 2325.58 €, the answer shows 2661.93 € (Total Dépenses)')
    expect(r.notes[0]).toBe(
      "ground truth period not checkable: this answer does not show the days it searched; confronted with the truth made on 2026-10-15 on the file's word",
    )
    expect(r.period).toEqual({ fit: 'not_observable', anchor: null, asOf: '2026-10-15' })
  })
})
