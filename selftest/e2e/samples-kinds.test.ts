// samples.ndjson says what each line is (a review, 2026-12-05): the 8 security probes were ordinary lines
// (`warmup: false`, nothing else), so a reader recomputing the summary from the `warmup: false` lines got 23 lines
// against `summary.attempts` 15 and another P95; and each probe's `startedAt` was taken before its permit wait, so
// at concurrency 1 the probes "started" within 2 ms with overlapping spans while the target never saw two requests
// at once. Each line now has `kind` (attempt, warmup, probe) and a probe is timed by its exchange only.
// Real suite as a child process, real reference server on loopback.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, readSamples, runSuite, writeBank } from './harness.ts'
import { fileTargets, type Reference, tokenEnv } from './target.ts'

const target = fileTargets()
let ref: Reference
beforeAll(async () => {
  ref = await target()
})
afterAll(cleanupTemp)

describe('samples.ndjson with the security probes', () => {
  test('every line says its kind; the attempts are the summary; at concurrency 1 no two lines overlap in time', async () => {
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q04', 'q07')),
        VALIDATION_SECURITY: 'true',
        VALIDATION_WARMUP: '2',
        VALIDATION_CONCURRENCY: '1',
        HARENA_TIMEOUT_MS: '5000',
      },
      hardTimeoutMs: 90_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    const samples = readSamples(run.reportDir)
    const kinds = samples.map((s) => (s as { kind?: unknown }).kind)
    expect(new Set(kinds)).toEqual(new Set(['attempt', 'warmup', 'probe']))
    const probes = samples.filter((s) => s.questionId.startsWith('security.'))
    expect(probes.length).toBeGreaterThan(0)
    for (const p of probes) expect(p).toMatchObject({ kind: 'probe', warmup: false, category: 'security' })
    for (const s of samples.filter((s) => s.warmup)) expect(s).toMatchObject({ kind: 'warmup' })
    const attempts = samples.filter((s) => (s as { kind?: unknown }).kind === 'attempt')
    expect(attempts.length).toBe(report.summary.attempts)
    expect(attempts.every((s) => !s.warmup && !s.questionId.startsWith('security.'))).toBe(true)
    // One request at a time: each line's span [startedAt, startedAt + latencyMs] ends before the next one starts
    // (2 ms for the millisecond of the wall clock each start is read in).
    const spans = samples
      .map((s) => ({ id: `${s.questionId}#${s.attempt}`, start: Date.parse(String((s as { startedAt?: unknown }).startedAt)), ms: s.latencyMs }))
      .sort((a, b) => a.start - b.start)
    for (let i = 1; i < spans.length; i++) {
      const before = spans[i - 1] as (typeof spans)[number]
      const next = spans[i] as (typeof spans)[number]
      expect(next.start, `${before.id} (${before.start} + ${before.ms} ms) overlaps ${next.id} (${next.start})`).toBeGreaterThanOrEqual(
        before.start + before.ms - 2,
      )
    }
  }, 120_000)
})
