// The whole gate (child process, loopback reference server): a run never leaves the earlier run's GO behind when its
// start goes wrong. The review's case: VALIDATION_MIN_SUCCESS_RATE=0.0000001 was accepted, written "1e-7" into
// C1, refused by the parser: no in-progress report, every request sent, no verdict, exit 1, the earlier GO still
// in validation-report.json. Now the threshold round-trips (a GO of this run), and a report directory that cannot
// take this run's documents nor lose the earlier ones stops the run before any request (one line, exit 1).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  cleanupTemp,
  criterion,
  describeRun,
  JUNIT,
  pick,
  REPORT_JSON,
  REPORT_MD,
  readReport,
  runSuite,
  SAMPLES,
  tempDir,
  writeBank,
} from './harness.ts'
import { fileTargets, type Reference, tokenEnv } from './target.ts'

const target = fileTargets()
let ref: Reference
let bank: string
beforeAll(async () => {
  ref = await target()
  bank = writeBank(pick('q01', 'q04'))
})
afterAll(cleanupTemp)

const EARLIER_GO = `${JSON.stringify({ schemaVersion: 2, decision: 'GO', run: { state: 'finished', runId: 'earlier' } })}\n`

function dirWithEarlierGo(): string {
  const dir = tempDir('earlier-go')
  for (const name of [REPORT_JSON, REPORT_MD, SAMPLES, JUNIT]) writeFileSync(join(dir, name), name === REPORT_JSON ? EARLIER_GO : 'earlier run: GO')
  return dir
}

describe('a success-rate threshold of 10⁻⁷ (written 1e-7 by String())', () => {
  test.each(['0.0000001', '0.000000000000001'])(
    'VALIDATION_MIN_SUCCESS_RATE=%s: this run writes its own verdict over the earlier GO',
    async (rate) => {
      ref.resetStats()
      const r = await runSuite({
        env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank, VALIDATION_MIN_SUCCESS_RATE: rate },
        reportDir: dirWithEarlierGo(),
        hardTimeoutMs: 90_000,
      })
      expect(r.exitCode, describeRun(r)).toBe(0)
      expect(r.stderr).not.toMatch(/cannot write the in-progress report|could not produce the verdict/)
      const report = readReport(r.reportDir)
      expect(report.decision).toBe('GO')
      expect((report.run as { runId?: string }).runId).not.toBe('earlier')
      expect(JSON.stringify(criterion(report, 'C1'))).toContain(`success_rate>=${rate}`)
    },
  )
})

describe('a report directory that cannot take this run’s documents', () => {
  test.each([SAMPLES, REPORT_MD, 'validation-report.html'])('%s is a directory: one line, exit 1, no request, no earlier GO left', async (name) => {
    ref.resetStats()
    const reportDir = dirWithEarlierGo()
    const blocked = join(reportDir, name)
    rmSync(blocked, { force: true })
    mkdirSync(blocked)
    writeFileSync(join(blocked, 'keep'), 'not ours')
    const r = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank },
      reportDir,
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.includes('harena-validation:'))
    expect(lines, describeRun(r)).toHaveLength(1)
    // The default locale (fr) says it in French (core/locale/config.ts config.report_dir.unreplaceable).
    expect(lines[0]).toMatch(
      new RegExp(
        `erreur de configuration : VALIDATION_REPORT_DIR=.*ne peut pas recevoir le rapport de cette campagne.*${name.replace('.', '\\.')} \\(.*ne peuvent pas être supprimés`,
      ),
    )
    expect(r.stdout + r.stderr).not.toMatch(/Harena validation: (GO|NO-GO|CONDITIONAL)/)
    expect(ref.stats().requests, 'a request was sent').toEqual([])
    // The earlier GO is gone from every file that could go.
    expect(existsSync(join(reportDir, REPORT_JSON)) ? readFileSync(join(reportDir, REPORT_JSON), 'utf8') : '').not.toMatch(/"GO"/)
    for (const other of [REPORT_MD, SAMPLES, JUNIT].filter((n) => n !== name && existsSync(join(reportDir, n))))
      expect(readFileSync(join(reportDir, other), 'utf8'), other).not.toContain('earlier run')
  })
})
