// Duplicate JSON keys through a rewriting proxy in front of the real reference service (review finding: every chat
// body starting with {"status":"error",… and later carrying "status":"completed" was GO with only a warning). The
// rule (docs/verdict-rules.md): a key written twice with DIFFERENT values is an ambiguous answer — parsers disagree
// on which wins — so the attempt fails as a contract violation naming the key and both values; the same value
// twice stays a warning (selftest/e2e/evidence.test.ts proves that one stays GO).
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const ENV = { HARENA_TIMEOUT_MS: '5000', VALIDATION_ITERATIONS: '2', VALIDATION_LOCALE: 'en', VALIDATION_SECURITY: 'false' }

describe('duplicate JSON keys', () => {
  test('"status":"error" first, "status":"completed" later → contract violation (critical), key and both values named, NO-GO', async () => {
    const ref = await target()
    const front = await proxy(ref.url, (r) =>
      r.chatIndex === null
        ? { kind: 'forward' }
        : {
            kind: 'rewrite',
            rewrite: (status, body) => {
              expect(body).toMatch(/"status":"completed"/) // what the service said, still in the body
              return { status, body: `{"status":"error",${body.slice(1)}` }
            },
          },
    )
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: front.url, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')) } })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    const attempts = attemptsOf(report)
    expect(attempts).toHaveLength(4)
    for (const a of attempts) {
      expect(a.ok).toBe(false)
      expect(a.critical).toBe('contract')
      expect(a.failures.join(' ')).toContain(
        'contract violation: JSON key "status" is written twice with different values (first "error", then "completed")',
      )
    }
    expect(report.summary.criticalByKind.contract).toBeGreaterThanOrEqual(4) // warm-ups count their critical bugs too
  })

  test('the same key twice with equal values (1 and 1.0) stays a warning: GO', async () => {
    const ref = await target()
    const front = await proxy(ref.url, (r) =>
      r.chatIndex === null
        ? { kind: 'forward' }
        : { kind: 'rewrite', rewrite: (status, body) => ({ status, body: `{"user_id":1.0,${body.slice(1)}` }) },
    )
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: front.url, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(JSON.stringify(report.notes ?? [])).toMatch(/duplicate JSON key.*user_id/)
  })
})
