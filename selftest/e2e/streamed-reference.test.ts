// The healthy default run, streamed (VALIDATION_STREAM=true), on every generation of the embedded reference service:
// no attempt fails. A stream carries no searched range and no change, so the answer's text alone is judged for its
// period and its figures (checks/period-asked.ts, grounding/check.ts): those rules must never fail the reference's
// healthy answers. A stream
// carries no chart: harena-v2 and harena-v2-charts are at best CONDITIONAL (coverage not applicable), harena-v3 GO.
import { afterAll, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'

afterAll(cleanupTemp)

const FAST = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', VALIDATION_LOCALE: 'en' }

test.each([
  ['harena-v2', 'CONDITIONAL'],
  ['harena-v2-charts', 'CONDITIONAL'],
  ['harena-v3', 'GO'],
] as const)(
  'the healthy default run streamed on %s: no attempt fails → %s',
  async (contract, decision) => {
    const run = await runSuite({ env: { ...FAST, VALIDATION_STREAM: 'true', HARENA_API_CONTRACT: contract }, hardTimeoutMs: 150_000 })
    const report = readReport(run.reportDir)
    const failed = attemptsOf(report).filter((a) => a.failures.length > 0)
    expect(
      failed.map((a) => [a.questionId, a.failures]),
      describeRun(run),
    ).toEqual([])
    expect(report.summary.attempts).toBe(15)
    expect(report.decision, describeRun(run)).toBe(decision)
  },
  180_000,
)
