// The runtime end to end: the REAL suite (`vitest run` in the project root, a child process) against the
// embedded reference service and against a reference service started here with faults. Results are read from
// what the run leaves behind (junit.xml, the exit code, the terminal), like a CI job would.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, planQuestions, runSuite, writeBank, type BankQuestion } from '../../e2e/harness.ts'
import { chatRequests, closedPort, DEMO, fileTargets, tokenFor } from '../../e2e/target.ts'
import { caseOf, readJunit } from './junit.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const LOGIN = '/api/v1/users/auth/login'

describe('the suite against the embedded reference service (no HARENA_BASE_URL)', () => {
  test('starts it, logs in through the real route, runs the 15 plan questions in 5 spec files: all pass, exit 0', async () => {
    const run = await runSuite({ env: { REFERENCE_NOW: '2026-11-24T12:00:00Z' }, hardTimeoutMs: 120_000 })
    expect(run.exitCode, describeRun(run)).toBe(0)
    // VALIDATION_LOCALE unset: the default run speaks French, its own lines too.
    expect(run.stdout).toMatch(
      /harena-validation: HARENA_BASE_URL non renseignée : validation du service de référence embarqué à http:\/\/127\.0\.0\.1:\d+/,
    )
    const cases = readJunit(run.reportDir)
    expect(cases).toHaveLength(15)
    expect(cases.filter((c) => c.failed || c.skipped).map((c) => `${c.name}: ${c.failure}`)).toEqual([])
    expect(new Set(cases.map((c) => c.file))).toEqual(
      new Set([
        'tests/transaction-search-simple.spec.ts',
        'tests/by-category.spec.ts',
        'tests/by-merchant.spec.ts',
        'tests/analytics-insights.spec.ts',
        'tests/edge-cases.spec.ts',
      ]),
    )
    for (const q of planQuestions()) {
      const c = caseOf(cases, q.id)
      expect(c.name).toContain(`${q.id} · ${q.message}`)
      // The annotations a person sees in Vitest UI: intent, visualizations, latency.
      const types = c.properties.map((p) => p.name)
      expect(types, q.id).toEqual(expect.arrayContaining(['intent', 'visualizations', 'latency']))
      expect(c.properties.find((p) => p.name === 'latency')?.value, q.id).toMatch(/^P50 [\d,]+ ms sur 1 tentative/)
      if (q.expectedIntent !== null) expect(c.properties.find((p) => p.name === 'intent')?.value, q.id).toContain(q.expectedIntent)
    }
  })
})

describe('the suite against a faulty reference service (HARENA_BASE_URL + HARENA_USERNAME/PASSWORD)', () => {
  test('logs in once, asks every question; the affected questions fail with the right reasons, the others pass', async () => {
    const [q01, q04, q07, q11, q13] = pick('q01', 'q04', 'q07', 'q11', 'q13')
    const ref = await target([
      { match: q07!.message, fault: { kind: 'http5xx' } },
      { match: q11!.message, fault: { kind: 'fallback', stage: 'response' } },
      { match: q04!.message, fault: { kind: 'hang' } },
    ] as never)
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: DEMO.user1.password,
        HARENA_TIMEOUT_MS: '1500',
        VALIDATION_QUESTIONS: writeBank([q01!, q04!, q07!, q11!, q13!]),
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '5', // the run's budget: one warm-up for each of the 5 questions, in turn
        VALIDATION_CONCURRENCY: '2',
        VALIDATION_LOCALE: 'en',
      },
      hardTimeoutMs: 120_000,
    })
    expect(run.killed, describeRun(run)).toBe(false)
    expect(run.exitCode, describeRun(run)).toBe(2) // NO-GO (a 5xx is a critical bug)
    const log = ref.stats().requests
    expect(log.filter((r) => r.method === 'POST' && r.path === LOGIN)).toHaveLength(1)
    // 5 warm-ups for the run + 5 questions × 2 measured, no retry of anything that failed.
    expect(chatRequests(log)).toHaveLength(15)
    expect(ref.stats().peakInFlight).toBeLessThanOrEqual(2)

    const cases = readJunit(run.reportDir)
    expect(cases).toHaveLength(5)
    const failedIds = ['q04', 'q07', 'q11']
    for (const id of ['q01', 'q13']) expect(caseOf(cases, id).failed, `${id}: ${caseOf(cases, id).failure}`).toBe(false)
    for (const id of failedIds) expect(caseOf(cases, id).failed, id).toBe(true)

    const q04case = caseOf(cases, 'q04')
    expect(q04case.failure).toContain('attempt 1/2: timed out after 1500 ms')
    expect(q04case.failure).toContain('attempt 2/2: timed out after 1500 ms')
    expect(q04case.properties.find((p) => p.name === 'latency')?.value).toMatch(/2 timed out/)
    const q07case = caseOf(cases, 'q07')
    expect(q07case.failure).toMatch(/attempt 1\/2: .*\b5\d\d\b/)
    expect(q07case.failure).not.toMatch(/timed out/)
    const q11case = caseOf(cases, 'q11')
    expect(q11case.failure).toMatch(/attempt 1\/2: .*(fallback|repli)/i)
    // Failure reasons are annotations too (shown in the UI and by the terminal for failed tests).
    for (const id of failedIds)
      expect(
        caseOf(cases, id).properties.filter((p) => p.name === 'failure'),
        id,
      ).toHaveLength(2)
    // No secret in any output: the password never, the bearer token never.
    const everything = run.stdout + run.stderr + JSON.stringify(cases)
    expect(everything).not.toContain(DEMO.user1.password)
    expect(everything).not.toMatch(/Bearer\s+[\w-]+\.[\w-]+/)
  })
})

describe('a target that cannot be used', () => {
  test('unreachable: ONE line names the target and the cause, every question fails at once without a request, exit 2', async () => {
    const port = await closedPort()
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: `http://127.0.0.1:${port}/harena`,
        HARENA_API_TOKEN: 'aaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccc',
        HARENA_TIMEOUT_MS: '60000',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07', 'q13')),
      },
      hardTimeoutMs: 60_000,
    })
    expect(run.killed, describeRun(run)).toBe(false)
    expect(run.exitCode, describeRun(run)).toBe(2)
    // A French run (VALIDATION_LOCALE unset): the line and every question's failure say it in French.
    const line = `harena-validation: cible http://127.0.0.1:${port}/harena injoignable (ECONNREFUSED)`
    expect(run.stderr.split('\n').filter((l) => l.includes('harena-validation: cible'))).toEqual([line])
    const cases = readJunit(run.reportDir)
    expect(cases).toHaveLength(3)
    for (const c of cases) {
      expect(c.failed, c.name).toBe(true)
      expect(c.failure).toContain(`non posée : cible http://127.0.0.1:${port}/harena injoignable (ECONNREFUSED)`)
    }
    expect(run.stdout + run.stderr).not.toContain('aaaaaaaaaaaaaaaaaaaa.bbbb')
  })

  test('credentials refused at login: one line without the password, exit 1, no question asked', async () => {
    const ref = await target()
    const password = 'wrong-Pa55word-xyz'
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: password,
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
        VALIDATION_LOCALE: 'en',
      },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(
        `harena-validation: configuration error: login as ${DEMO.user1.username.replace('.', '\\.')} at ${ref.url} refused \\(HTTP 4\\d\\d\\)`,
      ),
    )
    expect(run.stdout + run.stderr).not.toContain(password)
    expect(chatRequests(ref.stats().requests)).toEqual([])
  })
})

describe('a bad question file', () => {
  test('one line naming the file and the bad field, exit 1, no report, no request', async () => {
    const ref = await target()
    const bank = writeBank([{ ...pick('q01')[0]!, category: 'Not Snake Case' }])
    const run = await runSuite({
      env: { HARENA_BASE_URL: ref.url, HARENA_API_TOKEN: tokenFor(1), VALIDATION_QUESTIONS: bank },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(1)
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'))
    // In the run's language (VALIDATION_LOCALE unset: French), naming the variable, the file and the field.
    expect(lines).toEqual([
      `harena-validation: erreur de configuration : VALIDATION_QUESTIONS : ${bank} est invalide en .questions[0].category : identifiant de catégorie en snake_case ; attendu : le format de fixtures/questions.schema.json`,
    ])
    expect(ref.stats().requests).toEqual([])
    expect(existsSync(join(run.reportDir, 'validation-report.json'))).toBe(false)
  })
})

describe('question banks beyond the plan', () => {
  test('a category outside the five runs in the catch-all spec file; only spec files with questions run', async () => {
    const ref = await target()
    const extra: BankQuestion = {
      id: 'x01',
      category: 'budget_questions',
      message: 'Mes dépenses chez Carrefour',
      expectedIntent: 'transaction_search',
      expectsData: true,
    }
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: DEMO.user1.password,
        VALIDATION_QUESTIONS: writeBank([...pick('q07'), extra]),
        VALIDATION_WARMUP: '0',
      },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const cases = readJunit(run.reportDir)
    expect(cases.map((c) => [c.file, c.failed]).sort()).toEqual([
      ['tests/by-merchant.spec.ts', false],
      ['tests/other-categories.spec.ts', false],
    ])
    expect(caseOf(cases, 'x01').name).toContain('x01 · Mes dépenses chez Carrefour')
    expect(chatRequests(ref.stats().requests)).toHaveLength(2)
  })
})
