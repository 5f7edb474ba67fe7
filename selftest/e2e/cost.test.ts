// Reliability proofs: a run's cost is known before it starts and is not doubled by warm-ups (issue 9).
// VALIDATION_WARMUP is a budget for the WHOLE run (default 2), never one warm-up per question; before the first
// request the suite prints how many requests it sends and how long it takes at most.
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, readSamples, runSuite, writeBank } from './harness.ts'
import { chatRequests, fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const COST_LINE =
  /harena-validation: this run sends (\d+) request\(s\): .*at concurrency (\d+) it takes at most ≈ ([^(]+) \(every answer at HARENA_TIMEOUT_MS=(\d+) ms\)/
/** The same line in a French run (VALIDATION_LOCALE unset). */
const COST_LINE_FR =
  /harena-validation: cette campagne envoie (\d+) requête\(s\) : .*à la concurrence (\d+), elle dure au plus ≈ ([^(]+) \(chaque réponse à HARENA_TIMEOUT_MS=(\d+) ms\)/

describe('the cost of a run', () => {
  test('VALIDATION_WARMUP=2 is two warm-ups for the whole run (not per question), kept out of the statistics; the cost is printed first', async () => {
    const ref = await target()
    const questions = pick('q01', 'q04', 'q07', 'q10', 'q13')
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: writeBank(questions),
        VALIDATION_ITERATIONS: '1',
        VALIDATION_WARMUP: '2',
        VALIDATION_CONCURRENCY: '2',
        VALIDATION_LOCALE: 'en',
      },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    // 5 measured + 2 warm-ups reached the server: not 5 × 2.
    expect(chatRequests(ref.stats().requests)).toHaveLength(7)
    expect(report.summary.attempts).toBe(5)
    expect(report.summary.warmups).toBe(2)
    expect(report.run.warmup).toBe(2)
    expect(report.summary.latencyMs.n).toBe(5)
    const warm = readSamples(run.reportDir).filter((s) => s.warmup)
    expect(warm.map((s) => s.questionId)).toEqual(['q01', 'q04'])

    // The announced cost: 7 requests; at most (2 warm-ups one after the other + ⌈5 / 2⌉ waves) × 10 s = 50 s.
    const line = COST_LINE.exec(run.stdout)
    expect(line, describeRun(run)).not.toBeNull()
    expect(line?.slice(1)).toEqual(['7', '2', '50 s', '10000'])
    expect(run.stdout).toContain('5 question(s) × 1 attempt(s) + 2 warm-up(s) for the whole run')
  })

  test('the cost line comes before the first request: before the embedded service is started and logged into', async () => {
    const questions = pick('q01', 'q07')
    // A French run (VALIDATION_LOCALE unset): the same line, in French.
    const run = await runSuite({ env: { VALIDATION_QUESTIONS: writeBank(questions), VALIDATION_WARMUP: '0', HARENA_TIMEOUT_MS: '5000' } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const cost = run.stdout.search(COST_LINE_FR)
    // Printed by globalSetup once the embedded service answered its login (the first request of the run).
    const started = run.stdout.indexOf('validation du service de référence embarqué à')
    expect(cost, describeRun(run)).toBeGreaterThanOrEqual(0)
    expect(started).toBeGreaterThan(cost)
    expect(COST_LINE_FR.exec(run.stdout)?.slice(1)).toEqual(['2', '1', '10 s', '5000'])
    expect(readReport(run.reportDir).summary.warmups).toBe(0)
  })

  test('a VALIDATION_WARMUP that is not a whole-run budget is one line naming the variable and what it accepts, exit 1, no request', async () => {
    const ref = await target()
    for (const value of ['per-question', '101', '-1']) {
      const env = { ...tokenEnv(ref), VALIDATION_QUESTIONS: writeBank(pick('q01')), VALIDATION_WARMUP: value, VALIDATION_LOCALE: 'en' }
      const run = await runSuite({ env })
      expect(run.exitCode, describeRun(run)).toBe(1)
      const lines = run.stderr.split('\n').filter((l) => l.includes('VALIDATION_WARMUP'))
      expect(lines, describeRun(run)).toHaveLength(1)
      expect(lines[0]).toMatch(/VALIDATION_WARMUP=.* is invalid .*warm-up requests for the WHOLE run \(not per question\) from 0 to 100/)
    }
    expect(ref.stats().requests).toHaveLength(0)
  })
})
