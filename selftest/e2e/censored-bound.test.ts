// A confidence bound on a timed-out request is no bound, through the real suite (docs/verdict-rules.md step 5). The
// review's case: 60 attempts, one answer that never came (HARENA_TIMEOUT_MS=3000), VALIDATION_STRICT=true — the P95's
// upper bound is X(60), the timed-out request, known only to be ≥ 3,000 ms. The run read GO exit 0 with
// "[9.7 ms ; 3,000 ms]" and "reached (60)"; it is CONDITIONAL, the bound written "≥ 3,000 ms". The suite runs as a
// child process against the reference service on loopback, whose one rule hangs a single request.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, criterion, describeRun, pick, REPORT_MD, readReport, runSuite, writeBank } from './harness.ts'
import { chatRequests, fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('strict mode and a P95 upper bound on a timed-out request', () => {
  test('15 questions × 4 attempts, the last ask of one question hangs: CONDITIONAL, "≥ 3,000 ms", never "reached"', async () => {
    const questions = pick('q01', 'q02', 'q03', 'q04', 'q05', 'q06', 'q07', 'q08', 'q09', 'q10', 'q11', 'q12', 'q13', 'q14', 'q15')
    // The rule sleeps through q01's first three asks and hangs its fourth: one timeout among 60 attempts.
    const ref = await target([{ match: questions[0]!.message, after: 3, fault: { kind: 'hang' } }])
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '3000',
        VALIDATION_QUESTIONS: writeBank(questions),
        VALIDATION_ITERATIONS: '4',
        VALIDATION_WARMUP: '0',
        VALIDATION_SECURITY: 'false',
        VALIDATION_STRICT: 'true',
        VALIDATION_MIN_SUCCESS_RATE: '0.9',
        VALIDATION_LOCALE: 'en',
      },
      hardTimeoutMs: 120_000,
    })
    expect(chatRequests(ref.stats().requests)).toHaveLength(60)
    const report = readReport(run.reportDir)
    expect(report.summary.timeouts, describeRun(run)).toBe(1)
    const c2 = criterion(report, 'C2')
    // The point estimate is exact (the timeout does not weigh in it); only its upper bound is in question.
    expect(c2.censored).toBe(false)
    expect(c2.interval).toMatchObject({ upper: null, upperAtLeast: 3000 })
    expect(c2).toMatchObject({ status: 'warn', outcome: 'bound_warn', samplesNeeded: null })
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(run.exitCode, describeRun(run)).toBe(0)
    expect(run.stdout).toMatch(/WARN\s+C2 End-to-end latency P95/)
    expect(run.stdout).toContain('upper bound (≥ 3,000 ms, a timed-out request) does not establish it (strict mode)')
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    const row = md.split('\n').find((l) => l.startsWith('| C2 ')) ?? ''
    expect(row).toMatch(/\| \[[0-9.,]+ ms ; ≥ 3,000 ms\] \| ⚠️ warn \| — \|$/)
    expect(md).toMatch(/- Latency P95: [0-9.,]+ ms \(95 % CI by order statistics [0-9.,]+ ms – unbounded \(≥ 3,000 ms, a timed-out request\)\)/)
  }, 150_000)
})
