// Reliability proof: causes named (issue 9). A 429 or an nginx 503 storm is rate limiting — its own class: the
// attempts fail (never a success) but are no critical bug, and the verdict's first reason says it, with advice.
// An attempt a rate limiter refused measured nothing of the release: it is NOT EXECUTED (rate limited), so the run
// is incomplete and never GO — whether 14 of 15 or 1 of 15 were refused (docs/verdict-rules.md); the rate_limited
// criterion says inconclusive. The reference service (or a proxy in this test) answers with nginx's stock page.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, criterion, describeRun, JUNIT, pick, planQuestions, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const NGINX_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** The release-criteria cases of junit.xml that fail, by criterion id. */
function failingReleaseCases(reportDir: string): string[] {
  const xml = readFileSync(join(reportDir, JUNIT), 'utf8')
  const suite = /<testsuite name="release-criteria"[^>]*>([\s\S]*?)<\/testsuite>/.exec(xml)?.[1] ?? ''
  return [...suite.matchAll(/<testcase [^>]*name="(\S+)[^"]*"[^>]*>\s*<failure/g)].map((m) => m[1] as string)
}

describe('a rate-limited target', () => {
  test.each([503, 429] as const)('a %i storm → NO-GO "rate limited" (not executed) with advice, 0 critical bugs', async (status) => {
    const ref = await target([{ fault: { kind: 'rateLimited', status } }])
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07', 'q13')), VALIDATION_LOCALE: 'en' },
    })
    expect(run.exitCode, describeRun(run)).toBe(2) // never GO
    const report = readReport(run.reportDir)
    expect(report.reasons[0]).toMatch(/^Rate limited: \d+ of \d+ request\(s\) refused by a rate limiter .*not a failure of the service/)
    expect(report.reasons[0]).toMatch(/Lower VALIDATION_MAX_RPS and VALIDATION_CONCURRENCY/)
    expect(report.verdictLine).toMatch(/^NO-GO — incomplete: rate limited/)
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.summary.criticalByKind.http_5xx).toBe(0)
    expect(report.summary.criticalByKind.invalid_json).toBe(0)
    for (const a of attemptsOf(report)) {
      expect(a.ok).toBe(false)
      expect(a.failures.join(' ')).toMatch(new RegExp(`rate limited: HTTP ${status}`))
    }
    expect(run.stdout).toMatch(/Rate limited: /)
  })

  // The review's case: 2 warm-ups and the first question pass, then every chat is nginx's 503 page (or a 429).
  // Before the rule: CONDITIONAL, exit 0, success rate 100 % (1/1), "complete", 0 junit failures.
  test.each([503, 429] as const)(
    '1 question measured of 15, the rest refused (%i) → NO-GO, incomplete, success rate over the 15 planned',
    async (status) => {
      const ref = await target()
      const front = await proxy(ref.url, (r) =>
        r.chatIndex === null || r.chatIndex < 3
          ? { kind: 'forward' }
          : {
              kind: 'answer',
              status,
              body: status === 503 ? NGINX_503 : '{"detail":"Too Many Requests"}',
              headers: { 'content-type': status === 503 ? 'text/html' : 'application/json', server: 'nginx' },
            },
      )
      const run = await runSuite({
        env: {
          ...tokenEnv(ref),
          HARENA_BASE_URL: front.url,
          HARENA_TIMEOUT_MS: '5000',
          VALIDATION_LOCALE: 'en',
          VALIDATION_WARMUP: '2',
          VALIDATION_CONCURRENCY: '1',
          VALIDATION_SECURITY: 'false',
        },
      })
      expect(run.exitCode, describeRun(run)).toBe(2)
      const report = readReport(run.reportDir)
      expect(report.decision).toBe('NO-GO')
      expect(report.run.complete).toBe(false)
      expect(report.reasons[0]).toMatch(
        /^Rate limited: 14 of 15 request\(s\) refused by a rate limiter .* 14 attempt\(s\) not executed: .*run is incomplete and cannot be GO/,
      )
      expect(report.summary.criticalBugs).toBe(0)
      const planned = planQuestions().length
      expect(planned).toBe(15)
      expect(attemptsOf(report).filter((a) => a.ok)).toHaveLength(1)
      // The success rate counts over the planned attempts, like every other attempt that did not run.
      expect(report.summary.successRate).toBeCloseTo(1 / 15, 6)
      expect(criterion(report, 'C1').status).toBe('fail')
      expect(criterion(report, 'C5').status).toBe('fail')
      expect(report.criteria.find((c) => c.id === 'C7')?.status).toBe('inconclusive')
      expect(JSON.stringify(criterion(report, 'C5'))).toMatch(/14 of 15 planned attempt\(s\) not executed \(rate limited\)/)
      expect(failingReleaseCases(run.reportDir)).toEqual(expect.arrayContaining(['C1', 'C5']))
      expect(run.stdout).not.toMatch(/PASS\s+C5/)
    },
  )

  test('monotone: a single refused attempt of 15 is not GO either', async () => {
    const ref = await target()
    const front = await proxy(ref.url, (r) =>
      r.chatIndex === 5
        ? { kind: 'answer', status: 503, body: NGINX_503, headers: { 'content-type': 'text/html', server: 'nginx' } }
        : { kind: 'forward' },
    )
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_LOCALE: 'en',
        VALIDATION_WARMUP: '2',
        VALIDATION_CONCURRENCY: '1',
        VALIDATION_SECURITY: 'false',
      },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(report.reasons[0]).toMatch(/^Rate limited: 1 of 15 request\(s\) refused/)
    expect(report.summary.criticalBugs).toBe(0)
    expect(criterion(report, 'C5').status).toBe('fail')
  })

  // Review finding "503html": a platform's HTML 503 (Heroku's "Application Error" when the app crashed) names no
  // limiter. Before the rule every chat answered so was "rate limited… not a failure of the service", 0 critical bugs.
  const APP_ERROR =
    '<!DOCTYPE html><html><head><title>Application Error</title></head><body>An error occurred in the application and your page could not be served.</body></html>'
  const PLATFORM_PAGES = [
    ['Heroku "Application Error" (text/html)', APP_ERROR, { 'content-type': 'text/html; charset=utf-8' }],
    ['the same page from its router, no content-type', APP_ERROR, { server: 'Cowboy', via: '1.1 vegur' }],
    ['a gateway\'s plain "no healthy upstream"', 'no healthy upstream', { 'content-type': 'text/plain', server: 'envoy' }],
    // Review finding "outage-503": a load balancer's maintenance page whose Retry-After announces an hour's outage
    // (RFC 9110 §10.2.3). Before the rule: "Rate limited: … not a failure of the service … Lower VALIDATION_MAX_RPS".
    [
      "a load balancer's maintenance page, Retry-After: 3600",
      '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
      { 'content-type': 'text/html', server: 'awselb/2.0', 'retry-after': '3600' },
    ],
  ] as const

  test.each(PLATFORM_PAGES)('every chat a 503 naming no limiter (%s) → 5xx critical bugs, never "rate limited"', async (_name, body, headers) => {
    const ref = await target()
    const front = await proxy(ref.url, (r) => (r.chatIndex === null ? { kind: 'forward' } : { kind: 'answer', status: 503, body, headers }))
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(report.summary.criticalByKind.http_5xx).toBeGreaterThanOrEqual(1)
    expect(report.reasons.join(' ')).not.toMatch(/rate limit|not a failure of the service|VALIDATION_MAX_RPS/i)
    for (const a of attemptsOf(report)) {
      expect(a.critical).toBe('http_5xx')
      expect(a.failures.join(' ')).not.toMatch(/rate limited/)
    }
    expect(report.criteria.find((c) => c.id === 'C7')?.status ?? 'absent').not.toBe('inconclusive')
  })

  // A 503 that only a short Retry-After marks (empty body, no named proxy) may be a limiter or the service
  // unavailable: still not executed (inconclusive), but no reason may claim "not a failure of the service".
  test('every chat a bare 503 with Retry-After: 2 → rate limited, the reasons say both readings', async () => {
    const ref = await target()
    const front = await proxy(ref.url, (r) =>
      r.chatIndex === null ? { kind: 'forward' } : { kind: 'answer', status: 503, body: '', headers: { 'retry-after': '2' } },
    )
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_BASE_URL: front.url,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_LOCALE: 'en',
        VALIDATION_SECURITY: 'false',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.reasons[0]).toMatch(
      /^Rate limited: 2 of 2 request\(s\) .*2 of them a 503 that only a short Retry-After marks: a rate limiter, or the service unavailable/,
    )
    expect(JSON.stringify(report)).not.toMatch(/not a failure of the service/)
    for (const a of attemptsOf(report)) expect(a.failures.join(' ')).toMatch(/by a rate limiter or by the service unavailable/)
    expect(JSON.stringify(report.criteria.find((c) => c.id === 'C7'))).toMatch(/may as well be the service unavailable/)
  })

  test.each([PLATFORM_PAGES[0], PLATFORM_PAGES[2]])(
    'a probe whose answer is a 503 naming no limiter (%s) is judged: a failed probe, not "not judged"',
    async (_name, body, headers) => {
      type Probes = Array<{ id: string; ok: boolean | null; notes: string[]; failures: string[] }>
      const ref = await target()
      // The app "crashes" on the injection probes only; every question is forwarded to the healthy reference.
      const front = await proxy(ref.url, (r) =>
        r.chatIndex !== null && /SELECT |DROP |<script/i.test(r.body) ? { kind: 'answer', status: 503, body, headers } : { kind: 'forward' },
      )
      const run = await runSuite({
        env: {
          ...tokenEnv(ref),
          HARENA_BASE_URL: front.url,
          HARENA_TIMEOUT_MS: '5000',
          VALIDATION_LOCALE: 'en',
          VALIDATION_SECURITY: 'true',
          VALIDATION_QUESTIONS: writeBank(pick('q01')),
        },
      })
      const report = readReport(run.reportDir)
      expect(report.decision, describeRun(run)).toBe('NO-GO')
      const probes = (report as typeof report & { security?: Probes }).security ?? []
      for (const id of ['sql_message', 'script_message']) {
        const probe = probes.find((p) => p.id === id)
        expect(probe?.ok, id).toBe(false)
        expect(JSON.stringify(probe)).not.toMatch(/rate limiter/)
        expect(probe?.failures.join(' ')).toMatch(/503/)
      }
      expect(report.summary.criticalBugs).toBeGreaterThanOrEqual(2)
    },
  )

  test("the service's own JSON 503 stays a 5xx critical bug (a crash is not a rate limit)", async () => {
    const ref = await target([{ fault: { kind: 'http5xx', status: 503 } }])
    const run = await runSuite({ env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    const report = readReport(run.reportDir)
    expect(report.summary.criticalByKind.http_5xx, describeRun(run)).toBeGreaterThanOrEqual(1)
    expect(report.reasons.join(' ')).not.toMatch(/rate limited|limitation de débit/i)
  })
})
