// Reliability proof: a login token with a byte a header cannot carry never hangs the gate. A gateway answered the login
// with `"access_token": "<jwt>\n"`: undici refused the Authorization header before sending, the refused request took
// the Pool's only connection for good (tests/support/sendable.ts), and the run stayed at 0/15 attempts until a signal
// ended it — no verdict, no report. Now the token is trimmed of leading/trailing HTTP whitespace as a browser's fetch
// does (a GO), and one with an inner line break is refused at login with one line that does not echo it (a fast NO-GO).
// The suite runs as a child process against a real reference server behind a loopback front that rewrites the login's
// answer; what the target received and every file the run wrote are read back.
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { allFiles, cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { chatRequests, demoUserEnv, LOGIN_ROUTE, loginServers } from './target.ts'

const LOGIN = LOGIN_ROUTE
const { reference, closers, closeAll } = loginServers()
afterAll(async () => {
  await closeAll()
  cleanupTemp()
})

/** A loopback front that forwards everything and answers every login with `rewrite(access_token)`; keeps each token issued. */
async function rewritingFront(upstream: string, rewrite: (token: string) => string) {
  const up = new URL(upstream)
  const issued: string[] = []
  const server = createServer((req, res) => {
    const forwarded = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (req.url !== LOGIN || answer.statusCode !== 200) {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      answer.on('data', (c: Buffer) => chunks.push(c))
      answer.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token: string }
        issued.push(body.access_token)
        body.access_token = rewrite(body.access_token)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      })
    })
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, issued }
}

describe('a login token with a byte a header cannot carry', () => {
  test('"<jwt>\\n" from the login and from the re-login: trimmed like a browser does, every request answered, GO', async () => {
    // Each token opens the door 3 times: the 3 warm-ups use the first, the first measured attempt is refused (401), and
    // the re-login's token ends in "\n" too.
    const ref = await reference(3)
    const front = await rewritingFront(ref.url, (token) => `${token}\n`)
    const run = await runSuite({
      env: {
        ...demoUserEnv(front.url),
        HARENA_TIMEOUT_MS: '3000',
        VALIDATION_WARMUP: '3',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('GO')
    expect(report.summary.attempts).toBe(3)
    expect(report.run.auth?.relogins).toHaveLength(1)
    expect(front.issued).toHaveLength(2)
    // Every chat request reached the target: the 3 warm-ups, the refused one and the 3 attempts.
    expect(chatRequests(ref.stats().requests).filter((r) => r.status === 200)).toHaveLength(6)
  })

  test('a line break inside the token: one line at login, no question asked, NO-GO, the token in no output or file', async () => {
    const ref = await reference()
    const front = await rewritingFront(ref.url, (token) => `${token.slice(0, -10)}\n${token.slice(-10)}`)
    const run = await runSuite({
      env: {
        ...demoUserEnv(front.url),
        HARENA_TIMEOUT_MS: '3000',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const said = run.stderr.split('\n').filter((l) => /^harena-validation: login as /.test(l))
    expect(said, describeRun(run)).toEqual([
      expect.stringMatching(
        /^harena-validation: login as demo@harena\.test at http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 200: its access_token holds a line break, a NUL or another character an HTTP header cannot carry; the target issued it so\)$/,
      ),
    ])
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.run.complete).toBe(false)
    expect(report.summary.attempts).toBe(0)
    // The target saw the health check and the login, no question.
    expect(chatRequests(ref.stats().requests)).toEqual([])
    expect(front.issued).toHaveLength(1)
    // Neither part of the broken token is in what the run printed or wrote.
    const token = front.issued[0] as string
    const parts = [token.slice(0, -10), token.slice(-10)]
    const written = [run.stdout, run.stderr, ...allFiles(run.reportDir).map(([, content]) => content)]
    for (const part of parts) expect(written.filter((text) => text.includes(part))).toEqual([])
  })
})
