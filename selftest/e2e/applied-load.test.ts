// The load the run applied at the target, from the measured exchanges' own times (core/applied-load.ts), written in
// every document (README, "Load stays as configured"): the real suite as a child process against the real reference
// server, as in
// concurrency-and-isolation.test.ts. Facts, never durations: the peak, the requests counted, the warning and its cause.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, planQuestions, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { chatRequests, fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('applied load', () => {
  test('enough attempts: the peak is exactly the cap, counted over the questions only (the warm-ups are not the load)', async () => {
    // 150 ms per answer so that requests overlap; 15 questions × 2 attempts and 2 warm-ups, no security probe.
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 150 } }])
    const questions = planQuestions()
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: writeBank(questions),
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '2',
        VALIDATION_CONCURRENCY: '3',
        VALIDATION_SECURITY: 'false',
      },
      extraArgs: ['--maxWorkers=5'],
    })
    const report = readReport(run.reportDir)
    expect(ref.stats().peakInFlight, describeRun(run)).toBe(3)
    expect(chatRequests(ref.stats().requests)).toHaveLength(questions.length * 2 + 2)
    // The report's peak is the one the server counted.
    expect(report.metrics.applied_concurrency_peak).toMatchObject({ value: ref.stats().peakInFlight, n: questions.length * 2 })
    // While at least one request was in flight, between one and three were.
    const mean = report.metrics.applied_concurrency_mean?.value ?? Number.NaN
    expect(mean).toBeGreaterThanOrEqual(1)
    expect(mean).toBeLessThanOrEqual(3)
    const share = report.metrics.cap_held_share?.value ?? Number.NaN
    expect(share).toBeGreaterThan(0)
    expect(share).toBeLessThanOrEqual(1)
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain('Charge appliquée : pic 3/3 en vol')
    expect(run.stdout).toContain('Charge appliquée : pic 3/3 en vol')
  })

  test('fewer attempts than the cap: the peak stays under it and every document warns, with the cause; the verdict does not change', async () => {
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 300 } }])
    const questions = pick('q01', 'q02')
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: writeBank(questions),
        VALIDATION_ITERATIONS: '1',
        VALIDATION_WARMUP: '0',
        VALIDATION_CONCURRENCY: '8',
        VALIDATION_SECURITY: 'false',
        VALIDATION_LOCALE: 'en',
      },
    })
    const report = readReport(run.reportDir)
    const peak = report.metrics.applied_concurrency_peak?.value ?? Number.NaN
    expect(peak, describeRun(run)).toBeGreaterThanOrEqual(1)
    expect(peak).toBeLessThanOrEqual(2)
    expect(report.metrics.applied_concurrency_peak?.n).toBe(2)
    const note = report.notes.find((n) => n.code === 'performance.light_load')
    expect(note?.params).toMatchObject({ cap: 8, peak, cause: 'few_attempts', planned: 2 })
    const warning = `Lighter load than configured: peak ${peak}/8 in flight`
    const cause = '2 planned attempt(s) for a cap of 8'
    for (const text of [
      readFileSync(join(run.reportDir, REPORT_MD), 'utf8'),
      readFileSync(join(run.reportDir, 'validation-report.html'), 'utf8'),
      run.stdout,
    ]) {
      expect(text).toContain(warning)
      expect(text).toContain(cause)
    }
    // A warning, not a reason: the verdict is judged as before.
    expect(report.reasons.join(' ')).not.toContain('Lighter load')
    expect(report.reasonCodes.map((r) => r.code)).not.toContain('performance.light_load')
  })
  // A review: the target held 3 abandoned requests at once while every document said "peak 1/1". The client cannot
  // know when the target stops working on a request it abandoned at its deadline: the peak is a lower bound then.
  test('requests abandoned at the deadline: "peak ≥", the peak metric censored, and a warning with their count in every document', async () => {
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 2500 } }])
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '1000',
        VALIDATION_STOP_AFTER_TIMEOUTS: '0',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q02')),
        VALIDATION_ITERATIONS: '1',
        VALIDATION_WARMUP: '0',
        VALIDATION_CONCURRENCY: '1',
        VALIDATION_SECURITY: 'false',
        VALIDATION_LOCALE: 'en',
      },
    })
    const report = readReport(run.reportDir)
    expect(report.summary.timeouts, describeRun(run)).toBe(2)
    expect(report.metrics.applied_concurrency_peak).toMatchObject({ value: 1, censored: true })
    expect(report.notes.find((n) => n.code === 'performance.abandoned_in_flight')?.params).toMatchObject({ abandoned: 2, peak: 1, cap: 1 })
    const warning = '2 request(s) abandoned at the deadline (HARENA_TIMEOUT_MS=1000) may still have been running on the target'
    for (const text of [
      readFileSync(join(run.reportDir, REPORT_MD), 'utf8'),
      readFileSync(join(run.reportDir, 'validation-report.html'), 'utf8'),
      run.stdout,
    ]) {
      expect(text.replaceAll('\\_', '_')).toContain('Applied load: peak ≥ 1/1 in flight')
      expect(text.replaceAll('\\_', '_')).toContain(warning)
    }
  })
})
