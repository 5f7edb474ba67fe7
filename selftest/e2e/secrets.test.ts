// Reliability proofs, part 4: secrets (the bearer token, the password, the token a login returns) never reach
// any output: report files, junit properties (annotations), attachments, the terminal, error messages —
// including in failing runs and when the login itself is refused.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allFiles, cleanupTemp, describeRun, pick, readReport, ROOT, runSuite, writeBank, type SuiteRun } from './harness.ts'
import { DEMO, startTarget, tokenFor, trafficViolations, type Reference } from './target.ts'

/** Any JWT (header.payload.signature, base64url JSON). No output of the suite should ever hold one. */
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/

/** Every place a secret could leak to: report dir (json, md, ndjson, junit.xml…), attachments, stdout, stderr. */
function leaks(run: SuiteRun, secrets: readonly string[]): string[] {
  const places: Array<[string, string]> = [
    ...allFiles(run.reportDir),
    ...allFiles(join(ROOT, '.vitest-attachments')),
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ]
  const found: string[] = []
  for (const [where, text] of places) {
    for (const secret of secrets) if (text.includes(secret)) found.push(`${where} contains a secret (${secret.slice(0, 3)}…)`)
    const jwt = JWT.exec(text)
    if (jwt) found.push(`${where} contains a JWT (${jwt[0].slice(0, 12)}…)`)
  }
  return found
}

let ref: Reference
let bank: string
beforeAll(async () => {
  // A failing run on purpose: a 5xx (evidence), a fallback (failure reasons), an untouched question (annotations
  // of a passing test) — every path that writes text about an attempt.
  const [q01, q04, q07] = pick('q01', 'q04', 'q07')
  ref = await startTarget([
    { match: q04!.message, fault: { kind: 'http5xx' } },
    { match: q07!.message, fault: { kind: 'fallback', stage: 'response' } },
  ])
  bank = writeBank([q01!, q04!, q07!])
})
afterAll(async () => {
  await ref.close()
  cleanupTemp()
})

const common = () => ({
  HARENA_BASE_URL: ref.url,
  HARENA_TIMEOUT_MS: '5000',
  VALIDATION_QUESTIONS: bank,
  VALIDATION_ITERATIONS: '1',
  VALIDATION_WARMUP: '1',
})

describe('secrets never reach an output', () => {
  test('HARENA_API_TOKEN: not in any report file, junit property, attachment, stdout or stderr line', async () => {
    const token = tokenFor(1)
    const run = await runSuite({ env: { ...common(), HARENA_API_TOKEN: token } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO') // the failing run really happened
    expect(report.questions.find((q) => q.id === 'q01')?.success).toBe(true) // and the token really worked
    const signature = token.split('.')[2]!
    // Annotations really were written as junit properties (so scanning junit.xml covers them).
    expect(readFileSync(join(run.reportDir, 'junit.xml'), 'utf8')).toMatch(/<property name="(intent|failure|latency)"/)
    expect(leaks(run, [token, signature])).toEqual([])
    expect(
      allFiles(run.reportDir)
        .map(([p]) => p.slice(run.reportDir.length + 1))
        .sort(),
    ).toEqual(expect.arrayContaining(['junit.xml', 'samples.ndjson', 'validation-report.json', 'validation-report.md']))
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })

  test('HARENA_USERNAME/HARENA_PASSWORD: neither the password nor the token the login returned appear anywhere', async () => {
    ref.resetStats()
    const run = await runSuite({ env: { ...common(), HARENA_USERNAME: DEMO.user1.username, HARENA_PASSWORD: DEMO.user1.password } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(report.questions.find((q) => q.id === 'q01')?.success).toBe(true) // the login worked
    // The login really went through the form-encoded login route.
    expect(ref.stats().requests.some((r) => r.method === 'POST' && r.path === '/api/v1/users/auth/login' && r.status === 200)).toBe(true)
    expect(leaks(run, [DEMO.user1.password])).toEqual([])
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })

  test('a refused login (wrong password): exit 1, a message that says so, and the password nowhere', async () => {
    ref.resetStats()
    const wrong = 'Wr0ng-S3cret-Pa55phrase'
    const run = await runSuite({ env: { ...common(), HARENA_USERNAME: DEMO.user1.username, HARENA_PASSWORD: wrong } })
    expect(run.exitCode, describeRun(run)).toBe(1)
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/login.*(refused|401)/i)
    // One line, not a verdict about a service that was never asked.
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/run stopped/)
    // The report on disk (so no earlier run's report is mistaken for this one) carries the cause and exit 1.
    const report = readReport(run.reportDir)
    expect(report.exitCode).toBe(1)
    expect(report.run.complete).toBe(false)
    expect(report.reasons[0]).toMatch(/^configuration error: login .* refused \(HTTP 401\)/)
    expect(leaks(run, [wrong])).toEqual([])
    // The refused login was the only thing sent: no chat request without valid credentials.
    const sent = ref.stats().requests.filter((r) => r.method === 'POST' && r.path !== '/api/v1/users/auth/login')
    expect(sent).toEqual([])
  })
})
