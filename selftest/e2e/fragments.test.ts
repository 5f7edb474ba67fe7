// A long run's documents, written from what the workers serialized as their questions ended (core/fragments.ts):
// the real suite as a child process against the real reference server, more attempts per question than the JSON
// report lays out pretty (its rows then come one per line, copied from the workers' fragments). Byte-for-byte
// equality with the reporter's own serialization is selftest/reporters/fragments.test.ts; here, that a real run's
// two files say the same of every attempt, in order, that the JSON keeps its layout and its schema, and that the
// reporter did copy both questions' text from their workers' fragments.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, readSamples, REPORT_JSON, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('documents of a long run', () => {
  test('samples.ndjson and validation-report.json say the same of each of 600 attempts, in order', async () => {
    const ref = await target()
    const questions = pick('q01', 'q02')
    const iterations = 300
    // Started through Vitest's API (fragments-probe.ts) to learn what the reporter copied; the run is `vitest run`'s.
    const run = await runSuite({
      nodeArgs: ['--import', 'tsx', 'selftest/e2e/fragments-probe.ts'],
      env: {
        ...tokenEnv(ref),
        VALIDATION_QUESTIONS: writeBank(questions),
        VALIDATION_ITERATIONS: String(iterations),
        VALIDATION_WARMUP: '2',
        VALIDATION_CONCURRENCY: '16',
        VALIDATION_SECURITY: 'false',
      },
    })
    const report = readReport(run.reportDir)
    const samples = readSamples(run.reportDir)
    // Both questions' samples and rows came from what their worker wrote as the question ended.
    expect(run.stderr, describeRun(run)).toContain('FRAGMENTS_USED {"samples":2,"rows":2}')
    expect(
      report.questions.map((q) => [q.id, q.attempts.length]),
      describeRun(run),
    ).toEqual([
      ['q01', iterations],
      ['q02', iterations],
    ])
    expect(samples).toHaveLength(2 * iterations + 2)
    for (const q of report.questions) {
      const lines = samples.filter((s) => s.questionId === q.id && !s.warmup)
      expect(lines.map((s) => s.attempt)).toEqual(q.attempts.map((a) => a.attempt))
      expect(q.attempts.map((a) => a.attempt)).toEqual(q.attempts.map((a) => a.index + 1))
      expect(q.attempts.map((a) => a.index)).toEqual(Array.from({ length: iterations }, (_, i) => i))
      q.attempts.forEach((a, i) => {
        const s = lines[i]
        expect({
          ok: s?.ok,
          httpStatus: s?.httpStatus,
          latencyMs: s?.latencyMs,
          ttfbMs: s?.ttfbMs,
          timedOut: s?.timedOut,
          stages: s?.stages,
        }).toEqual({
          ok: a.ok,
          httpStatus: a.httpStatus,
          latencyMs: a.latencyMs,
          ttfbMs: a.ttfbMs,
          timedOut: a.timedOut,
          stages: a.stages,
        })
      })
    }
    // Warm-ups first in the samples of the question they were asked with, as ever.
    expect(
      samples.filter((s) => s.warmup).every((s) => samples.indexOf(s) < samples.findIndex((x) => x.questionId === s.questionId && !x.warmup)),
    ).toBe(true)
    // One attempt per line, at the attempts' depth, as the reporter writes a long list.
    const text = readFileSync(join(run.reportDir, REPORT_JSON), 'utf8')
    expect(text.split('\n').filter((l) => l.startsWith('        {"index":'))).toHaveLength(2 * iterations)
  })
})
