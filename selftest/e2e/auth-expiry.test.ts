// Reliability proof: a token expiring mid-run (issue 9: it read "C1 20 %" with "Exécution complète"). The reference
// service accepts each token for K authenticated requests, then answers 401 TOKEN_EXPIRED (REFERENCE_TOKEN_MAX_USES /
// tokenMaxUses). The suite runs as a child process; its real files and what the target received are read.
// The warm-ups (asked one after the other, each journaled before the next) use the first token exactly K times, so
// the refused request is the first measured one and "after attempt N" is exact whatever the machine's load.
import { readFileSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, pick, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { chatRequests, REFERENCE_NOW, tokenEnv, demoUserEnv } from './target.ts'

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

/**
 * A loopback proxy that holds every request SERVICE_MS before forwarding it (a service time for every route, the
 * login and the 401s included, so requests overlap at the target) and counts what is in flight from the request
 * received to the answer sent: the target's view of the cap, logins included.
 */
async function countingTarget(upstream: string, serviceMs: number) {
  const up = new URL(upstream)
  let inFlight = 0
  let peak = 0
  const atLogin: number[] = []
  const server = createServer((req, res) => {
    inFlight += 1
    peak = Math.max(peak, inFlight)
    if (req.url === LOGIN) atLogin.push(inFlight)
    let done = false
    const finished = (): void => {
      if (!done) inFlight -= 1
      done = true
    }
    res.on('finish', finished)
    res.on('close', finished)
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => body.push(c))
    req.on('end', () =>
      setTimeout(() => {
        const forwarded = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        })
        forwarded.on('error', () => res.destroy())
        forwarded.end(Buffer.concat(body))
      }, serviceMs),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak: () => peak, atLogin: () => atLogin }
}

const html = (dir: string): string => readFileSync(join(dir, 'validation-report.html'), 'utf8')
const md = (dir: string): string => readFileSync(join(dir, REPORT_MD), 'utf8')
const LOGIN = '/api/v1/users/auth/login'

describe('credentials that stop working mid-run', () => {
  test('with HARENA_USERNAME + HARENA_PASSWORD: one re-login, the refused attempt asked again, recorded everywhere, GO', async () => {
    const ref = await expiringTarget(3)
    const run = await runSuite({
      env: {
        ...demoUserEnv(ref.url),
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
    expect(relogins[0]).toMatchObject({ afterAttempts: 3, warmup: false, attempt: 1 }) // 1-based, as every output numbers attempts
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

  test('a long run outlives many tokens: each token that worked and then expired is renewed, GO, the notes summarised', async () => {
    // Every token opens the door once: the warm-up uses the first, then each measured attempt is refused once and
    // asked again with a new token — five expiries, each after the token had worked.
    const ref = await expiringTarget(1)
    const run = await runSuite({
      env: {
        ...demoUserEnv(ref.url),
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_WARMUP: '1',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07', 'q10', 'q13')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('GO')
    expect(report.run.complete).toBe(true)
    expect(report.summary.attempts).toBe(5)
    expect(report.run.auth?.expired).toBeNull()
    expect(report.run.auth?.relogins.map((r) => r.afterAttempts)).toEqual([1, 2, 3, 4, 5])
    expect(report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 200)).toBe(true)
    const log = ref.stats().requests
    expect(log.filter((r) => r.method === 'POST' && r.path === LOGIN && r.status === 200)).toHaveLength(6)
    // Two re-logins told one by one, then one line for the other three, with the last one.
    const notes = JSON.stringify(report.notes)
    expect(notes.match(/Re-login at /g)).toHaveLength(2)
    const more = /And 3 more re-logins \(5 in all, each token having worked before it expired\), the last at \d{4}-[\d:.T-]+Z after attempt 5/
    expect(notes).toMatch(more)
    expect(md(run.reportDir)).toMatch(more)
    expect(run.stdout).toMatch(more)
  })

  test('a re-login mid-run takes a permit: the target never sees more than VALIDATION_CONCURRENCY in flight, the login included', async () => {
    // 4 spec files side by side, 25 attempts each queued at the limiter: 4 requests in flight all along. Each token
    // works 60 times; the 61st request is refused, its permit goes back at once and a waiting attempt takes it (and
    // is refused too, 40 ms later): a login sent beside them was a 5th request at the target (review F2: peak 5 at
    // cap 4). Under the cap, the login waits for a permit like any request. 100 chats: the new token lasts the run.
    const ref = await expiringTarget(60)
    const front = await countingTarget(ref.url, 40)
    const run = await runSuite({
      env: {
        ...demoUserEnv(front.url),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_WARMUP: '0',
        VALIDATION_ITERATIONS: '25',
        VALIDATION_CONCURRENCY: '4',
        VALIDATION_SECURITY: 'false',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07', 'q10')),
      },
      extraArgs: ['--maxWorkers=4'],
    })
    const report = readReport(run.reportDir)
    expect(report.run.auth?.relogins, describeRun(run)).toHaveLength(1)
    expect(report.run.auth?.expired).toBeNull()
    expect(report.run.complete).toBe(true)
    // The first login (before any question) and the re-login reached the target; neither went over the cap.
    expect(front.atLogin()).toHaveLength(2)
    expect(front.peak(), `in flight when each login arrived: ${front.atLogin().join(', ')}`).toBeLessThanOrEqual(4)
    expect(Math.max(...front.atLogin())).toBeLessThanOrEqual(4)
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
    expect(JSON.stringify(c5?.reason)).toMatch(/Credentials expired after attempt 2\./)
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

  test('the security probes log in again as the questions do: a token expiring mid-run is no security finding (GO, or CONDITIONAL naming the probes it left unjudged)', async () => {
    // Review finding: the probes always sent the run's first token, and its 401 "Token expiré" read "another user's
    // data is reachable" — a false NO-GO on critical bugs. With tokens of 3 uses, the warm-ups spend most of the first one:
    // the probes need re-logins' tokens.
    const run = await runSuite({
      env: {
        REFERENCE_TOKEN_MAX_USES: '3',
        REFERENCE_NOW: REFERENCE_NOW.toISOString(),
        VALIDATION_WARMUP: '2',
        VALIDATION_LOCALE: 'en',
        VALIDATION_SECURITY: 'true',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    const report = readReport(run.reportDir)
    type Probe = { id: string; ok: boolean | null; failureCodes: string[]; noteCodes: string[] }
    const probes = (report as typeof report & { security?: Probe[] }).security ?? []
    expect(probes, describeRun(run)).toHaveLength(12)
    expect(report.summary.criticalBugs).toBe(0)
    expect(run.exitCode).toBe(0)
    // Every token worked before it expired: no 401 was the service's answer to a probe. Each probe was refused as
    // the contract says, or — its own token spent by other workers before it could send it, three times — not judged.
    const refused = probes.filter((p) => p.ok === true && p.noteCodes.length === 0)
    const notJudged = probes.filter((p) => p.ok === null)
    expect([...refused, ...notJudged]).toHaveLength(12)
    expect(notJudged.flatMap((p) => p.noteCodes).every((c) => c === 'security.own_token_expired')).toBe(true)
    expect(refused.length).toBeGreaterThanOrEqual(4)
    // A probe left unjudged passed nothing (docs/verdict-rules.md): GO only when every probe was judged, otherwise
    // CONDITIONAL with the reason naming exactly those probes — never NO-GO, never a finding.
    const unjudged = report.reasonCodes?.find((r) => r.code === 'gate.probes_not_judged')
    if (notJudged.length === 0) {
      expect(report.decision, describeRun(run)).toBe('GO')
      expect(unjudged).toBeUndefined()
    } else {
      expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
      expect(unjudged?.params).toMatchObject({ cause: 'not_judged' })
      expect([...((unjudged?.params.probes as string[]) ?? [])].sort()).toEqual(notJudged.map((p) => p.id).sort())
    }
    // The re-logins are the run's, noted in every report; some were asked for by a probe.
    const relogins = report.run.auth?.relogins ?? []
    expect(relogins.some((r) => r.questionId.startsWith('security.'))).toBe(true)
    expect(report.run.auth?.expired).toBeNull()
    expect(md(run.reportDir)).toMatch(/Re-login at .* after attempt \d+ \(HTTP 401, /)
  })
})
