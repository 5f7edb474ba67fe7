// Reliability proof: a wrong HARENA_API_CONTRACT (the default harena-v2 against a v3 service) answers 404 to every
// question and every probe. The NO-GO is right, but it read "6 critical bugs (security)" — "no_token → HTTP 404
// without a WWW-Authenticate header", … — with nothing pointing at the setting. Now a probe whose route the user's own
// request does not find either is not judged (security.route_not_found), and the verdict's first reason says the chat
// route of the configured contract is not found, naming HARENA_API_CONTRACT (its values) and HARENA_BASE_URL.
// The suite runs as a child process against a real reference service speaking harena-v3 on loopback.
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { DEMO, REFERENCE_NOW } from './target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

describe('HARENA_API_CONTRACT that the target does not speak', () => {
  test('harena-v2 against a v3 service: NO-GO exit 2, no security finding, the verdict names HARENA_API_CONTRACT and HARENA_BASE_URL', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, contract: 'harena-v3' })
    closers.push(() => ref.close())
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: DEMO.user1.password,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_SECURITY: 'true',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 404)).toBe(true)
    // No probe is a critical bug: each says its route is not found, as the user's own request.
    expect(report.summary.criticalBugs, JSON.stringify(report.security)).toBe(0)
    const security = (report.security ?? []) as Array<{ id: string; ok: boolean | null; notes?: string[]; noteCodes?: string[] }>
    expect(security).toHaveLength(12)
    for (const probe of security) {
      expect(probe.ok, probe.id).not.toBe(false)
      expect(probe.noteCodes, probe.id).toEqual(['security.route_not_found'])
      expect(probe.notes?.[0], probe.id).toMatch(/route not found for contract harena-v2; check HARENA_API_CONTRACT and HARENA_BASE_URL$/)
    }
    // No finding's wording (a probe's title names WWW-Authenticate, and Vitest prints a slow test's title).
    expect(run.stdout + run.stderr).not.toMatch(/critical bugs|security probe failed|without a WWW-Authenticate/)
    // The cause leads the verdict, in every document and on the terminal.
    const cause = new RegExp(
      `^Chat route not found: all 3 executed attempt\\(s\\) were answered HTTP 404 — the chat route of contract harena-v2 does not exist at ${ref.url.replaceAll('.', '\\.')}\\. Check HARENA_API_CONTRACT \\(harena-v2 \\| harena-v2-charts \\| harena-v3\\) and HARENA_BASE_URL \\(and its path prefix\\)\\.$`,
    )
    expect(report.reasons[0]).toMatch(cause)
    expect(report.reasonCodes?.[0]).toMatchObject({ code: 'gate.route_not_found' })
    expect(run.stdout).toMatch(
      /• Chat route not found: .* Check HARENA_API_CONTRACT \(harena-v2 \| harena-v2-charts \| harena-v3\) and HARENA_BASE_URL/,
    )
  })

  // Review 2026-12-06: the two v2 generations share routes and envelope, so the wrong one of them is no 404: the run
  // failed on "expected at least 3 KPI cards" or "harena-v2-charts draws a line chart", nothing naming the setting.
  test.each([
    ['harena-v2', 'harena-v2-charts'],
    ['harena-v2-charts', 'harena-v2'],
  ] as const)(
    'HARENA_API_CONTRACT=%s against a %s service: not GO, and the verdict names the generation the charts are drawn in',
    async (configured, speaks) => {
      const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, contract: speaks })
      closers.push(() => ref.close())
      const run = await runSuite({
        env: {
          HARENA_BASE_URL: ref.url,
          HARENA_API_CONTRACT: configured,
          HARENA_USERNAME: DEMO.user1.username,
          HARENA_PASSWORD: DEMO.user1.password,
          HARENA_TIMEOUT_MS: '5000',
          VALIDATION_LOCALE: 'en',
          VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
        },
      })
      const report = readReport(run.reportDir)
      expect(report.decision, describeRun(run)).not.toBe('GO')
      const hint = report.reasons.find((r) => r.includes(`Check HARENA_API_CONTRACT (HARENA_API_CONTRACT=${speaks})`))
      expect(hint, report.reasons.join('\n')).toMatch(new RegExp(`^\\d+ of 3 answer\\(s\\) carry charts in ${speaks}'s format, not ${configured}'s`))
      expect(run.stdout).toContain(`Check HARENA_API_CONTRACT (HARENA_API_CONTRACT=${speaks})`)
    },
  )
})
