// A password that is a word of a question, printed by Vitest's own reporter (tests/support/titles.ts titleOf):
// the default reporter of validation.config.ts prints a test's title when the test fails, when it is slow, and — for
// a spec file that failed — every test of that file, the passing ones too (vitest 4.1 DefaultReporter
// `printTestCase`). Slowness depends on the machine's load (selftest/e2e/human-password.test.ts saw it only under
// load); failure does not. Here one question of the merchants' file fails for sure (the reference answers it 500), so
// Vitest prints both titles that name the password: the failing one and its passing neighbour. They must be printed
// masked, and no output of the run (terminal, report files, attachments) may hold the password. And `-t` naming
// the password's word: the run plan matches the titles Vitest matches (tests/support/run-plan.ts questionsNamed).
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { leakIn } from '../leaks.ts'
import { allFiles, type BankQuestion, cleanupTemp, describeRun, pick, readReport, ROOT, runSuite, type SuiteRun, writeBank } from './harness.ts'
import { DEMO, REFERENCE_NOW } from './target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

/** The merchant q07 asks about (« Mes dépenses chez Carrefour »), as a person would make a password of it. */
const [q07] = pick('q07') as [BankQuestion]
const MERCHANT = /chez (\p{Lu}\p{Ll}+)/u.exec(q07.message)?.[1] as string
const PASSWORD = `${MERCHANT}!`
/** A second question of the same spec file naming the merchant: the one that fails. */
const FAILING: BankQuestion = { ...q07, id: 'q16', message: `Mes achats chez ${MERCHANT} cette semaine` }

/** Every output of a run that holds the password, with what a reader recovers of it (selftest/leaks.ts). */
function leaksOf(run: SuiteRun): string[] {
  const places: Array<[string, string]> = [
    ...allFiles(run.reportDir),
    ...allFiles(join(ROOT, '.vitest-attachments')),
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ]
  return places.flatMap(([where, text]) => {
    const leak = leakIn(text, PASSWORD, 16)
    return leak === null ? [] : [`${where}: ${leak}`]
  })
}

/** The reference speaking harena-v2, whose demo users log in with PASSWORD, and whose answer to FAILING is a 500. */
async function reference() {
  const ref = await startReferenceServer({
    port: 0,
    now: REFERENCE_NOW,
    contract: 'harena-v2',
    password: PASSWORD,
    faults: [{ match: FAILING.message, fault: { kind: 'http5xx' } }],
  })
  closers.push(() => ref.close())
  return ref
}

/** A run of q07 and FAILING against `url` as the demo user logging in with PASSWORD. */
function runAgainst(url: string, extraArgs: string[] = []): Promise<SuiteRun> {
  return runSuite({
    env: {
      HARENA_BASE_URL: url,
      HARENA_USERNAME: DEMO.user1.username,
      HARENA_PASSWORD: PASSWORD,
      HARENA_USER_ID: '1',
      HARENA_API_CONTRACT: 'harena-v2',
      HARENA_TIMEOUT_MS: '15000',
      VALIDATION_QUESTIONS: writeBank([q07, FAILING]),
      VALIDATION_WARMUP: '0',
      VALIDATION_LOCALE: 'en',
      // Latency is not what this proof is about: a loaded machine keeps every latency criterion passing.
      VALIDATION_P95_GO_MS: '30000',
      VALIDATION_P95_NOGO_MS: '60000',
    },
    extraArgs,
    hardTimeoutMs: 150_000,
  })
}

describe("titles Vitest's own reporter prints", () => {
  test(`a password that is a word of two questions (${PASSWORD}), one failing: both titles printed masked, the password nowhere`, async () => {
    const run = await runAgainst((await reference()).url)
    // The run happened as meant: the password logged in, q07 passed, q16 failed (so its spec file failed).
    const report = readReport(run.reportDir)
    expect(
      report.questions.map((q) => [q.id, q.success]),
      describeRun(run),
    ).toEqual([
      ['q07', true],
      ['q16', false],
    ])
    // Vitest printed both titles — the failing test's, and its passing neighbour's because their file failed —
    // whatever the machine's load; no output holds the password, and the titles show it masked.
    expect(run.stdout).toMatch(/✓ q07 · /)
    expect(run.stdout).toMatch(/× q16 · /)
    expect(leaksOf(run)).toEqual([])
    const merchantMasked = (title: string) => title.replace(MERCHANT, '***')
    expect(run.stdout).toContain(`q07 · ${merchantMasked(q07.message)}`)
    expect(run.stdout).toContain(`q16 · ${merchantMasked(FAILING.message)}`)
  })

  // Vitest matches `-t` against the titles as masked: a pattern naming the password's word runs none of them. The
  // run plan matches the same titles (tests/support/run-plan.ts questionsNamed): it once planned both questions, sent
  // the login, and the run reported them planned and not executed.
  test(`-t ${MERCHANT}, a word of the password: the plan keeps what Vitest runs — nothing, so nothing is asked`, async () => {
    const ref = await reference()
    const run = await runAgainst(ref.url, ['-t', MERCHANT])
    expect(run.exitCode, describeRun(run)).toBe(1)
    // The line names the filter masked, like the titles it was matched against.
    expect(`${run.stdout}\n${run.stderr}`).toContain('no question or probe matches the name filter /***/: nothing was asked of the service')
    expect(ref.stats().requests).toEqual([])
    expect(leaksOf(run)).toEqual([])
  })
})
