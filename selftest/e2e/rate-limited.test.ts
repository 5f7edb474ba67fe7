// Reliability proof: causes named (issue 9). A 429 or an nginx 503 storm is rate limiting — its own class: the
// attempts fail (never a success) but are no critical bug, and the verdict's first reason says the run is
// inconclusive, rate limited, with advice. The reference service answers with nginx's stock limit_req page.
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('a rate-limited target', () => {
  test.each([503, 429] as const)('a %i storm → inconclusive "rate limited" with advice, 0 critical bugs', async (status) => {
    const ref = await target([{ fault: { kind: 'rateLimited', status } }])
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07', 'q13')), VALIDATION_LOCALE: 'en' },
    })
    expect(run.exitCode, describeRun(run)).toBe(2) // never GO
    const report = readReport(run.reportDir)
    expect(report.reasons[0]).toMatch(/^Inconclusive — rate limited: \d+ of \d+ answer\(s\) refused by a limit/)
    expect(report.reasons[0]).toMatch(/lower VALIDATION_CONCURRENCY/)
    expect(report.verdictLine).toMatch(/inconclusive: rate limited/)
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.summary.criticalByKind.http_5xx).toBe(0)
    expect(report.summary.criticalByKind.invalid_json).toBe(0)
    for (const a of attemptsOf(report)) {
      expect(a.ok).toBe(false)
      expect(a.failures.join(' ')).toMatch(new RegExp(`rate limited: HTTP ${status}`))
    }
    expect(run.stdout).toMatch(/Inconclusive — rate limited/)
  })

  test("the service's own JSON 503 stays a 5xx critical bug (a crash is not a rate limit)", async () => {
    const ref = await target([{ fault: { kind: 'http5xx', status: 503 } }])
    const run = await runSuite({ env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    const report = readReport(run.reportDir)
    expect(report.summary.criticalByKind.http_5xx, describeRun(run)).toBeGreaterThanOrEqual(1)
    expect(report.reasons.join(' ')).not.toMatch(/rate limited|limitation de débit/i)
  })
})
