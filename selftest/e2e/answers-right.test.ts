// Issue 10, end to end: the REAL suite (child process) against the REAL reference service with one answer defect
// per question (fault kind "defect"), removed security guards (fault kind "guardOff") and a ground-truth file the
// service no longer matches. Each defect must give the right verdict and a reason quoting its evidence; the healthy
// default run (embedded service, security probes on, its own ground truth) stays GO.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { groundTruthOf } from '../../fixtures/reference/ground-truth.ts'
import { GUARDS } from '../../fixtures/reference/guards.ts'
import { cleanupTemp, describeRun, pick, readReport, REPORT_MD, runSuite, tempDir, writeBank, type BankQuestion } from './harness.ts'
import { fileTargets, REFERENCE_NOW, tokenEnv, type FaultRule } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const FAST = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0' }

type Report = ReturnType<typeof readReport>
const question = (report: Report, id: string) => {
  const q = report.questions.find((x) => x.id === id)
  if (q === undefined) throw new Error(`no question ${id} in the report`)
  return q
}
const failuresOf = (report: Report, id: string): string =>
  question(report, id)
    .attempts.flatMap((a) => a.failures)
    .join('\n')

describe('answers that are well-formed but wrong', () => {
  test('each defect fails its question with the evidence quoted; fallbacks fail edge cases; another user’s id is critical → NO-GO', async () => {
    const edgeCopies: BankQuestion[] = [
      { ...pick('q13')[0]!, id: 'q13b', message: 'Mes transactions du 2 janvier 1970' },
      { ...pick('q14')[0]!, id: 'q14b', message: 'Dépenses chez ABC_MARCHAND_INCONNU' },
      { ...pick('q15')[0]!, id: 'q15b', message: 'Mes machins' },
    ]
    const defect = (match: string, d: string): FaultRule => ({ match, fault: { kind: 'defect', defect: d } as FaultRule['fault'] })
    const ref = await target([
      defect('Mes dépenses du mois dernier', 'ungroundedTotal'),
      defect('Transactions de cette semaine', 'countMismatch'),
      defect("Combien j'ai dépensé aujourd'hui", 'kpiProduct'),
      defect('Comparaison avec le mois dernier', 'wrongDirection'),
      defect('Mes dépenses alimentaires', 'insightPlaceholder'),
      defect('Mes dépenses chez Carrefour', 'leakUserId'),
      defect('XYZ_MERCHANT_INEXISTANT', 'offTopic'),
      defect('1er janvier 1970', 'wordsFigures'),
      defect('Mes trucs', 'unrelatedRefusal'),
      { match: '2 janvier 1970', fault: { kind: 'fallback', stage: 'response' } },
      { match: 'ABC_MARCHAND_INCONNU', fault: { kind: 'fallback', stage: 'query' } },
      { match: 'Mes machins', fault: { kind: 'fallback', stage: 'intent' } },
    ])
    const bank = writeBank([...pick('q01', 'q02', 'q03', 'q12', 'q04', 'q07', 'q14', 'q13', 'q15', 'q05'), ...edgeCopies])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_QUESTIONS: bank }, hardTimeoutMs: 150_000 })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)

    expect(failuresOf(report, 'q01')).toContain('the message states 1 234,56 € as the total, but the KPI card "Total Dépenses" shows 2661.93 €')
    expect(failuresOf(report, 'q02')).toContain('card "Nombre de Transactions" shows 1, but search_summary.total_results is 6')
    expect(failuresOf(report, 'q03')).toContain('inconsistent KPI cards: total 99.00 €, but count 5 × average 34.20 € = 171.00 €')
    expect(failuresOf(report, 'q12')).toMatch(
      /opposite direction: the message states a fall \("40 %"\), but the KPI card "Total Dépenses" gives \+33\.2 %/,
    )
    expect(failuresOf(report, 'q04')).toContain('{merchant_name}')
    expect(failuresOf(report, 'q04')).toContain('None')
    expect(failuresOf(report, 'q14')).toContain(
      'the question names merchant "XYZ_MERCHANT_INEXISTANT", which the answer never mentions; the answer finds nothing for Tesla',
    )
    expect(failuresOf(report, 'q13')).toMatch(/trois achats/)
    expect(failuresOf(report, 'q15')).toContain('the error concerns "SELECT * FROM transactions", not the question asked')
    for (const id of ['q13b', 'q14b', 'q15b']) {
      expect(question(report, id).success, id).toBe(false)
      expect(failuresOf(report, id), id).toMatch(/pipeline fallback/)
    }
    // Another user's id in query.user_id and X-User-ID (the envelope's own user_id is right): a critical bug.
    const leak = question(report, 'q07').attempts[0]!
    expect(leak.critical).toBe('contract')
    expect(leak.failures.join(' ')).toContain("query.user_id: answer for user_id 2, asked for user 1 (another user's data)")
    expect(leak.failures.join(' ')).toContain('header X-User-ID')
    expect(report.summary.criticalBugs).toBeGreaterThanOrEqual(1)
    // The untouched question still passes, grounded.
    expect(question(report, 'q05').success).toBe(true)
    expect(question(report, 'q05').attempts[0]).toMatchObject({ grounding: 'grounded' })
  }, 180_000)
})

describe('security probes and ground truth', () => {
  test('every guard removed → each probe fails as a critical bug with request and answer; a truth the service no longer matches fails with both figures', async () => {
    const ref = await target(GUARDS.map((guard) => ({ fault: { kind: 'guardOff', guard } as FaultRule['fault'] })))
    // The truth of the bank's questions only: a key the question set does not have is refused (core/ground-truth.ts).
    const bank = pick('q01', 'q10', 'q04')
    const truth = groundTruthOf(ref.dataset, 1, bank) as { questions: Record<string, Record<string, unknown>> }
    truth.questions.q01 = { ...truth.questions.q01, total: 1000 }
    const anomalies = truth.questions.q10?.anomalies as Array<Record<string, unknown>>
    truth.questions.q10 = {
      ...truth.questions.q10,
      anomalies: [...anomalies.slice(0, 2), { id: 999999, merchant: 'Nulle Part', date: '2026-01-01' }],
    }
    const truthPath = join(tempDir('truth'), 'truth.json')
    writeFileSync(truthPath, JSON.stringify(truth))
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        ...FAST,
        VALIDATION_QUESTIONS: writeBank(bank),
        VALIDATION_SECURITY: 'true',
        VALIDATION_GROUND_TRUTH: truthPath,
      },
      hardTimeoutMs: 150_000,
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const probes =
      (report as Report & { security?: Array<{ id: string; ok: boolean | null; request: string; failures: string[]; evidence: string }> }).security ??
      []
    expect(probes.map((p) => [p.id, p.ok])).toEqual([
      ['no_token', false],
      ['other_user_path', false],
      ['user_id_zero', false],
      ['user_id_negative', false],
      ['script_message', false],
      ['sql_message', false],
      ['other_user_conversations', false],
      ['other_user_turns', false],
      // No guard knob turns the signature check off: the reference still refuses every forged token
      // (selftest/suite/runtime/token-probes.test.ts and selftest/e2e/any-token.test.ts prove these probes bite).
      ['garbage_token', true],
      ['bad_signature_token', true],
      ['alg_none_token', true],
      ['expired_token', true],
    ])
    const byId = new Map(probes.map((p) => [p.id, p]))
    // Without its auth guard the service answers the chat without a token: the leak, not only the missing challenge.
    expect(byId.get('no_token')!.failures.join(' ')).toMatch(
      /→ HTTP 200, and the body carries an answer: the service answers without credentials \(expected 401 with WWW-Authenticate and no data\)/,
    )
    expect(byId.get('other_user_path')!.failures.join(' ')).toMatch(/POST \/api\/v1\/conversation\/2 \(token of user 1\) → HTTP 200/)
    expect(byId.get('user_id_zero')!.failures.join(' ')).toMatch(/conversation\/0 .*→ HTTP 200/)
    expect(byId.get('script_message')!.failures.join(' ')).toMatch(/echoes active HTML in the message: .*<script>/)
    expect(byId.get('other_user_turns')!.failures.join(' ')).toMatch(/GET \/api\/v1\/conversation\/conversation\/1\/turns .*→ HTTP 200 with data/)
    expect(byId.get('other_user_turns')!.evidence).toMatch(/Budget vacances/)
    expect(report.summary.criticalBugs).toBeGreaterThanOrEqual(8)
    // Probes never dilute the success rate: 3 questions, 3 attempts.
    expect(report.summary.attempts).toBe(3)
    // Ground truth: the figures quoted, anomaly precision/recall measured.
    expect(failuresOf(report, 'q01')).toContain('ground truth: expected total 1000.00 €, the answer shows 2661.93 €')
    expect(failuresOf(report, 'q10')).toMatch(/ground truth: anomalies with precision 28[.,]6 % \(minimum 100 %\) and recall 66[.,]7 %/)
    expect(question(report, 'q04').success).toBe(true)
    // The Markdown's security table: eight failed probes, each with its French reason.
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md.match(/\| ❌ échec \(bug critique\) \|/g)).toHaveLength(8)
    expect(md).toMatch(/other\\_user\\_path .*\| 200 \| Sonde de sécurité échouée/)
  }, 180_000)

  test('the healthy default run — embedded service, security probes on, its own ground truth — is GO', async () => {
    const run = await runSuite({ env: { ...FAST, VALIDATION_SECURITY: 'true' }, hardTimeoutMs: 150_000 })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(run.exitCode).toBe(0)
    const probes = (report as Report & { security?: Array<{ id: string; ok: boolean | null }> }).security ?? []
    expect(probes).toHaveLength(12)
    expect(probes.every((p) => p.ok === true)).toBe(true)
    expect(report.summary.attempts).toBe(15)
    // Exact figures were checked against the reference's own truth, and grounding was read on every data answer.
    const grounded = report.questions.flatMap((q) => q.attempts).filter((a) => (a as { grounding?: string }).grounding === 'grounded')
    expect(grounded.length).toBeGreaterThanOrEqual(12)
    expect(report.questions.find((q) => q.id === 'q10')!.attempts[0]!.notes?.join(' ') ?? '').toMatch(/anomalies: precision 100 %, recall 100 %/)
  }, 180_000)

  // The same out-of-the-box promise on the later generations (README, "Every Harena generation"): the plan's
  // questions with their per-contract expectations, every probe judged by that generation's documented refusals,
  // and anomaly recall measured against what its wire can show — never a false NO-GO on a healthy service.
  test.each([
    ['harena-v3', /anomalies not observable on harena-v3/],
    ['harena-v2-charts', /anomalies: precision 100 %, recall [\d.]+ % \(\d+\/\d+, 3 showable on this contract\)/],
  ] as const)(
    'the healthy default run on %s — embedded service, probes on, its own ground truth — is GO',
    async (contract, q10Note) => {
      const run = await runSuite({ env: { ...FAST, VALIDATION_SECURITY: 'true', HARENA_API_CONTRACT: contract }, hardTimeoutMs: 150_000 })
      const report = readReport(run.reportDir)
      expect(report.decision, describeRun(run)).toBe('GO')
      expect(run.exitCode).toBe(0)
      expect(report.target.contract).toBe(contract)
      const probes = (report as Report & { security?: Array<{ id: string; ok: boolean | null; httpStatus?: number | null }> }).security ?? []
      expect(probes.map((p) => p.id)).toContain('user_id_zero')
      expect(probes.every((p) => p.ok !== false)).toBe(true)
      expect(report.summary.attempts).toBe(15)
      expect(question(report, 'q10').attempts[0]!.notes?.join(' ') ?? '').toMatch(q10Note)
      // The French Markdown says the same: every probe's outcome, what could not be checked or observed.
      const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
      expect(md).toMatch(/## Sécurité\n\n\| Sonde \| Résultat \| HTTP \| Détail \|/)
      expect(md.match(/\| ✅ refusée \|/g)?.length ?? 0).toBeGreaterThanOrEqual(6)
      expect(md).not.toMatch(/❌/)
      expect(md).toMatch(/## Vérifiabilité des réponses/)
      expect(md).toMatch(/\| q13 \| 0 \/ 0 \/ 1 \| Chiffres non vérifiables/)
      if (contract === 'harena-v3') {
        expect(md).toMatch(/user\\_id\\_zero .*\| ✅ refusée \| 403 \|/)
        expect(md).toMatch(/\| q10 \| .*Anomalies non observables sur harena-v3/)
      }
    },
    180_000,
  )
})

void REFERENCE_NOW
