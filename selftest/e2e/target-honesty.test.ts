// Reliability proofs: the gate validates the target it was given, or stops (issue 9, target honesty).
// Credentials or user settings without HARENA_BASE_URL, a misspelled variable, a base URL without credentials,
// a JWT for another user, a wrong path prefix → exit 1 and one line before any request; credential URLs in any
// malformed form never leak. The suite runs as a child process against a real reference server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CREDENTIAL_URLS, SECRET } from '../core/credential-urls.ts'
import { allFiles, cleanupTemp, describeRun, pick, REPORT_JSON, readReport, runSuite, type SuiteRun, tempDir, writeBank } from './harness.ts'
import { DEMO, fileTargets, type Reference, tokenFor } from './target.ts'

const target = fileTargets()
let ref: Reference
let bank: string
beforeAll(async () => {
  ref = await target()
  bank = writeBank(pick('q01'))
})
afterAll(cleanupTemp)

/** These proofs read the English lines (VALIDATION_LOCALE=en); the French ones: selftest/e2e/locale.test.ts. */
const runEnglish = (options: Parameters<typeof runSuite>[0]): Promise<SuiteRun> =>
  runSuite({ ...options, env: { VALIDATION_LOCALE: 'en', ...options.env } })

/** A report directory holding yesterday's GO: it must not pass for this run's. */
function staleReportDir(): string {
  const dir = tempDir('stale')
  writeFileSync(join(dir, REPORT_JSON), '{"decision":"GO"}')
  return dir
}

function expectConfigurationError(run: SuiteRun, variable: string, pattern: RegExp): string {
  expect(run.exitCode, describeRun(run)).toBe(1)
  const line = run.stderr.split('\n').find((l) => l.startsWith('harena-validation: configuration error:')) ?? ''
  expect(line, describeRun(run)).toContain(variable)
  expect(line).toMatch(pattern)
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/Harena validation: GO/)
  if (existsSync(join(run.reportDir, REPORT_JSON))) expect(readFileSync(join(run.reportDir, REPORT_JSON), 'utf8')).not.toContain('"GO"')
  return line
}

describe('target honesty', () => {
  test('HARENA_API_TOKEN without HARENA_BASE_URL → exit 1, the token ignored is said, never shown; no embedded GO', async () => {
    const token = tokenFor(1)
    const run = await runEnglish({ env: { HARENA_API_TOKEN: token, VALIDATION_QUESTIONS: bank }, reportDir: staleReportDir() })
    expectConfigurationError(run, 'HARENA_BASE_URL', /HARENA_API_TOKEN.*embedded reference service/)
    expect(run.stdout + run.stderr).not.toContain(token.split('.')[2])
    expect(run.stdout).not.toMatch(/validating the embedded reference service/)
  })

  test('a misspelled HARENA_BASEURL → exit 1 "did you mean HARENA_BASE_URL?", its value never shown', async () => {
    const run = await runEnglish({ env: { HARENA_BASEURL: ref.url, HARENA_API_TOKEN: tokenFor(1), VALIDATION_QUESTIONS: bank } })
    const line = expectConfigurationError(run, 'HARENA_BASEURL', /did you mean HARENA_BASE_URL\?/)
    expect(line).not.toContain(ref.url)
  })

  test('a base URL without credentials → exit 1, no request; with HARENA_AUTH=none the target is asked and its 401s judged', async () => {
    ref.resetStats()
    const refused = await runEnglish({ env: { HARENA_BASE_URL: ref.url, VALIDATION_QUESTIONS: bank } })
    expectConfigurationError(refused, 'HARENA_API_TOKEN', /no credentials.*HARENA_AUTH=none/)
    expect(ref.stats().requests).toEqual([])

    const asked = await runEnglish({ env: { HARENA_BASE_URL: ref.url, HARENA_AUTH: 'none', HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: bank } })
    expect(asked.exitCode, describeRun(asked)).toBe(2)
    const report = readReport(asked.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.questions[0]?.attempts[0]?.httpStatus).toBe(401)
  })

  test('an opaque (non-JWT) bearer token is accepted: the run asks the target with it', async () => {
    const run = await runEnglish({
      env: { HARENA_BASE_URL: ref.url, HARENA_API_TOKEN: 'opaque-gateway-token-0123456789', HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: bank },
    })
    // The reference only knows its JWTs: it refuses the token (401), which is a verdict, not a configuration error.
    expect(run.exitCode, describeRun(run)).toBe(2)
    expect(readReport(run.reportDir).questions[0]?.attempts[0]?.httpStatus).toBe(401)
    expect(
      run.stdout +
        run.stderr +
        allFiles(run.reportDir)
          .map(([, t]) => t)
          .join(''),
    ).not.toContain('opaque-gateway-token-0123456789')
  })

  test('a JWT whose sub is another user than HARENA_USER_ID, or already expired → exit 1 before any request', async () => {
    ref.resetStats()
    const other = await runEnglish({
      env: { HARENA_BASE_URL: ref.url, HARENA_API_TOKEN: tokenFor(2), HARENA_USER_ID: '1', VALIDATION_QUESTIONS: bank },
    })
    expectConfigurationError(other, 'HARENA_USER_ID', /is for user "2"/)
    expect(ref.stats().requests).toEqual([])
  })

  test('a login 404 (wrong path prefix) → exit 1 "check HARENA_BASE_URL / path prefix", not the password', async () => {
    const run = await runEnglish({
      env: {
        HARENA_BASE_URL: `${ref.url}/wrong-prefix`,
        HARENA_USERNAME: DEMO.user1.username,
        HARENA_PASSWORD: DEMO.user1.password,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_QUESTIONS: bank,
      },
    })
    const line = expectConfigurationError(run, 'HARENA_BASE_URL', /HTTP 404.*check HARENA_BASE_URL \/ path prefix/)
    expect(line).not.toMatch(/HARENA_PASSWORD/)
    expect(run.stdout + run.stderr).not.toContain(DEMO.user1.password)
  })
})

describe('login answers that say the URL is wrong', () => {
  test('a login redirected (http → https) → exit 1 naming the Location and the base URL with its port, not the password', async () => {
    // A front that only speaks https sends every plain-http request elsewhere; the client never follows.
    const server = createServer((req, res) => {
      res.writeHead(301, { location: `https://127.0.0.1:9443${req.url ?? '/'}`, 'content-type': 'text/html' })
      res.end('<html><body>301 Moved Permanently</body></html>')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    try {
      const run = await runEnglish({
        env: {
          HARENA_BASE_URL: `http://127.0.0.1:${port}`,
          HARENA_USERNAME: DEMO.user1.username,
          HARENA_PASSWORD: DEMO.user1.password,
          HARENA_TIMEOUT_MS: '5000',
          VALIDATION_QUESTIONS: bank,
        },
      })
      const line = expectConfigurationError(run, 'HARENA_BASE_URL', /redirected \(HTTP 301\) to https:\/\/127\.0\.0\.1:9443\//)
      expect(line).toContain(`http://127.0.0.1:${port}:`) // the port is not taken for a password
      expect(run.stdout + run.stderr).not.toContain(DEMO.user1.password)
    } finally {
      server.close()
    }
  })

  test('a base URL carrying a secret in its query or fragment → exit 1, the secret in no output', async () => {
    for (const tail of ['/?api_key=hunter2-sekret', '/#access_token=hunter2-sekret']) {
      const run = await runEnglish({ env: { HARENA_BASE_URL: `${ref.url}${tail}`, HARENA_AUTH: 'none', VALIDATION_QUESTIONS: bank } })
      expectConfigurationError(run, 'HARENA_BASE_URL', /query string or fragment/)
      const outputs = [run.stdout, run.stderr, ...allFiles(run.reportDir).map(([, text]) => text)]
      for (const text of outputs) expect(text).not.toContain('hunter2-sekret')
    }
  })
})

describe('credentials in URLs never leak', () => {
  // Every shape of selftest/core/credential-urls.ts goes through the settings loader in
  // selftest/core/target-honesty.test.ts; here a spread of them (password before a path, a space, backslashes, an
  // encoded @, no host) goes through the whole process: terminal, exit code and every file it leaves.
  const SHAPES = [1, 2, 10, 16, 19].map((i) => CREDENTIAL_URLS[i] as string)
  test(`${SHAPES.length} malformed credential URLs as HARENA_BASE_URL → exit 1, the password in no output`, async () => {
    expect(new Set(SHAPES).size).toBe(5)
    const runs = await Promise.all(
      SHAPES.map((url) => runEnglish({ env: { HARENA_BASE_URL: url, HARENA_API_TOKEN: 'opaque-token-xyz', VALIDATION_QUESTIONS: bank } })),
    )
    for (const [i, run] of runs.entries()) {
      const url = SHAPES[i] as string
      expect(run.exitCode, `${url}\n${describeRun(run)}`).toBe(1)
      expect(run.stderr, url).toMatch(/configuration error: HARENA_BASE_URL/)
      const outputs = [run.stdout, run.stderr, ...allFiles(run.reportDir).map(([, text]) => text)]
      for (const text of outputs) expect(text.includes(SECRET), `${url} leaked in:\n${text.slice(0, 400)}`).toBe(false)
    }
  })
})
