// Reliability proof: a token expiring mid-run (issue 9: it read "C1 20 %" with "Exécution complète"). The reference
// service accepts each token for K authenticated requests, then answers 401 TOKEN_EXPIRED (REFERENCE_TOKEN_MAX_USES /
// tokenMaxUses). The suite runs as a child process; its real files and what the target received are read.
// The warm-ups (asked one after the other, each journaled before the next) use the first token exactly K times, so
// the refused request is the first measured one and "after attempt N" is exact whatever the machine's load.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, pick, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { chatRequests, DEMO, REFERENCE_NOW, tokenEnv } from './target.ts'

const servers: Array<{ close: () => Promise<void> }> = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  cleanupTemp()
})

async function expiringTarget(maxUses: number) {
  const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, tokenMaxUses: maxUses })
  servers.push(ref)
  return ref
}

const html = (dir: string): string => readFileSync(join(dir, 'validation-report.html'), 'utf8')
const md = (dir: string): string => readFileSync(join(dir, REPORT_MD), 'utf8')
const LOGIN = '/api/v1/users/auth/login'

describe('credentials that stop working mid-run', () => {
  test('with HARENA_USERNAME + HARENA_PASSWORD: one re-login, the refused attempt asked again, recorded everywhere, GO', async () => {
    const ref = await expiringTarget(3)
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: ref.url,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: DEMO.user1.password,
        HARENA_USER_ID: '1',
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_WARMUP: '3',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('GO')
    expect(report.run.complete).toBe(true)
    expect(report.summary.attempts).toBe(3) // every planned attempt, the refused one asked again
    const relogins = report.run.auth?.relogins ?? []
    expect(relogins).toHaveLength(1)
    expect(relogins[0]).toMatchObject({ afterAttempts: 3, warmup: false, attempt: 0 })
    expect(report.run.auth?.expired).toBeNull()
    // The 401 is not an attempt: no recorded answer is a 401.
    expect(report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 200)).toBe(true)
    // What the target saw: two logins; the first token's 3 requests, the 401 of the 4th, then 3 answers with the
    // new token. A worker that had sent the old token before it learnt the new one gets one more 401 (at most one
    // per spec file), asked again too.
    const log = ref.stats().requests
    expect(log.filter((r) => r.method === 'POST' && r.path === LOGIN && r.status === 200)).toHaveLength(2)
    const chats = chatRequests(log)
    expect(chats.slice(0, 4).map((r) => r.status)).toEqual([200, 200, 200, 401])
    expect(chats.filter((r) => r.status === 200)).toHaveLength(3 + 3)
    expect(chats.filter((r) => r.status === 401).length).toBeLessThanOrEqual(3)
    // Every document says when and after which attempt.
    const line = /Re-login at \d{4}-\d\d-\d\dT[\d:.]+Z: the target refused the run's token after attempt 3 \(HTTP 401, q0\d, attempt 1\)/
    expect(JSON.stringify(report.notes)).toMatch(line)
    expect(md(run.reportDir)).toMatch(line)
    expect(html(run.reportDir)).toMatch(/Re-login at .* after attempt 3/)
    expect(run.stdout).toMatch(line)
    expect(run.stderr).toMatch(/refused the run's token after attempt 3 .*: logged in again/)
  })

  test('with HARENA_API_TOKEN alone: stop asking, incomplete, "credentials expired after attempt N", NO-GO', async () => {
    const ref = await expiringTarget(2)
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_WARMUP: '2',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07', 'q10', 'q13')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.run.complete).toBe(false)
    const reason =
      /^Run stopped — credentials expired after attempt 2: the target answered HTTP 401 \(q\d\d, attempt 1\) and HARENA_API_TOKEN alone cannot log in again/
    expect(report.reasons[0]).toMatch(reason)
    expect(report.reasonCodes[0]?.code).toBe('auth.expired')
    expect(report.run.auth?.expired).toMatchObject({ afterAttempts: 2, cause: 'no_credentials', warmup: false })
    expect(report.run.auth?.relogins).toEqual([])
    // Nothing refused is counted as an answer; the rest was not asked.
    expect(report.summary.attempts).toBe(0)
    expect(report.summary.notExecutedQuestions).toHaveLength(5)
    const c5 = report.criteria.find((c) => c.metric === 'complete')
    expect(JSON.stringify(c5?.reason)).toMatch(/credentials expired after attempt 2/)
    const chats = chatRequests(ref.stats().requests)
    // 2 warm-ups accepted, then the refusal; at most the one request already granted at concurrency 1 follows it.
    expect(chats.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 401])
    expect(chats.length).toBeLessThanOrEqual(4)
    expect(chats.length).toBeLessThan(2 + 5)
    expect(md(run.reportDir)).toMatch(/credentials expired after attempt 2/)
    expect(html(run.reportDir)).toMatch(/credentials expired after attempt 2/)
    expect(run.stdout).toMatch(/NO-GO[\s\S]*Run stopped — credentials expired after attempt 2/)
  })

  test('the embedded reference service logs in again by itself (REFERENCE_TOKEN_MAX_USES)', async () => {
    const run = await runSuite({
      env: {
        REFERENCE_TOKEN_MAX_USES: '2',
        REFERENCE_NOW: REFERENCE_NOW.toISOString(),
        VALIDATION_WARMUP: '2',
        VALIDATION_LOCALE: 'fr',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('GO')
    expect(report.run.auth?.relogins).toHaveLength(1)
    expect(report.run.auth?.relogins[0]?.afterAttempts).toBe(2)
    expect(md(run.reportDir)).toMatch(/Reconnexion à .* après la tentative 2/)
  })
})
