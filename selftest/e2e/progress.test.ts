// Reliability proofs: a long run is visible (issue 9, "progress"). Every VALIDATION_PROGRESS_SECONDS the suite prints
// attempts done / planned, ok / failed, the P95 so far and an ETA on stdout — a CI log (no terminal) too — and
// its final figures before the verdict. The answers are slowed on the server so the run lasts several periods.
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const LINE =
  /^harena-validation: progress: (\d+)\/(\d+) attempts \(warm-ups (\d+)\/(\d+)\) · (\d+) ok, (\d+) failed · P95 so far (?:≈ (\d+) ms|—) · elapsed [^·]+ · (ETA [^·]+|done)$/
const SLOW_MS = 300

describe('progress', () => {
  test('a line every second in a CI log: counts only grow, the last one (before the verdict) has every figure of the report', async () => {
    const [q01, q04, q07, q13] = pick('q01', 'q04', 'q07', 'q13')
    const ref = await target([
      { fault: { kind: 'latency', stage: 'response_generation', ms: SLOW_MS } },
      { match: q07!.message, fault: { kind: 'http5xx' } },
    ] as never)
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '10000',
        VALIDATION_QUESTIONS: writeBank([q01!, q04!, q07!, q13!]),
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '1',
        VALIDATION_PROGRESS_SECONDS: '1',
        VALIDATION_LOCALE: 'en',
      },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const lines = run.stdout.split('\n').filter((l) => l.includes('progress:'))
    const parsed = lines.map((l) => {
      const m = LINE.exec(l)
      expect(m, l).not.toBeNull()
      return m as RegExpExecArray
    })
    // At least one line while the ≥ 8 × 300 ms of answers were running, and the final one.
    expect(parsed.length, describeRun(run)).toBeGreaterThanOrEqual(2)
    for (const m of parsed) expect([m[2], m[4]]).toEqual(['8', '1'])
    const done = parsed.map((m) => Number(m[1]) + Number(m[3]))
    expect(done).toEqual([...done].sort((a, b) => a - b))
    const last = parsed.at(-1) as RegExpExecArray
    expect(last[8]).toBe('done')
    expect(parsed.slice(0, -1).every((m) => m[8] !== 'done')).toBe(true)
    expect([last[1], last[3], last[5], last[6]]).toEqual(['8', '1', '6', '2'])
    expect(report.summary.attempts).toBe(8)
    expect(Number(last[7])).toBeGreaterThanOrEqual(SLOW_MS)
    // The verdict stays the terminal's last word: the final progress line comes before it.
    expect(run.stdout.lastIndexOf('progress:')).toBeLessThan(run.stdout.indexOf('Harena validation'))
  })

  test('VALIDATION_PROGRESS_SECONDS=0 prints no progress; a bad value is one line naming the variable, exit 1', async () => {
    const ref = await target()
    const bank = writeBank(pick('q01'))
    const quiet = await runSuite({ env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: bank, VALIDATION_PROGRESS_SECONDS: '0' } })
    expect(quiet.exitCode, describeRun(quiet)).toBe(0)
    expect(quiet.stdout).not.toContain('progression :') // VALIDATION_LOCALE unset: the line would be French
    const bad = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_QUESTIONS: bank, VALIDATION_PROGRESS_SECONDS: 'often', VALIDATION_LOCALE: 'en' },
    })
    expect(bad.exitCode, describeRun(bad)).toBe(1)
    const lines = bad.stderr.split('\n').filter((l) => l.includes('VALIDATION_PROGRESS_SECONDS'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/VALIDATION_PROGRESS_SECONDS="often" is invalid .*whole number of seconds from 0/)
  })
})
