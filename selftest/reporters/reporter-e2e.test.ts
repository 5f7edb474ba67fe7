// End to end: the real suite (`vitest run`, child process) against the embedded reference service, judged by
// the real reporter. What a user and CI see: the four files, the decision, the exit code.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  cleanupTemp,
  describeRun,
  JUNIT,
  pick,
  readReport,
  readSamples,
  REPORT_JSON,
  REPORT_MD,
  runSuite,
  SAMPLES,
  writeBank,
} from '../e2e/harness.ts'

afterAll(cleanupTemp)

const bank = () => writeBank(pick('q01', 'q04', 'q07', 'q13'))
const FAST = { HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0' }

describe('the validation reporter end to end (embedded reference service)', () => {
  test('default run: four files, GO, exit 0', async () => {
    const r = await runSuite({ env: { VALIDATION_WARMUP: '1' }, hardTimeoutMs: 120_000 })
    expect(r.exitCode, describeRun(r)).toBe(0)
    for (const f of [REPORT_JSON, REPORT_MD, SAMPLES, JUNIT]) expect(existsSync(join(r.reportDir, f)), f).toBe(true)
    const report = readReport(r.reportDir)
    expect(report.decision, describeRun(r)).toBe('GO')
    expect(report.target.embedded).toBe(true)
    expect(report.summary.attempts).toBe(15)
    expect(readSamples(r.reportDir).filter((s) => s.warmup).length).toBeGreaterThan(0)
    expect(r.stdout).toMatch(/Harena validation: GO/)
  })

  test('a 5xx on the Carrefour question → NO-GO, exit 2, evidence in the report', async () => {
    const r = await runSuite({
      env: { ...FAST, VALIDATION_QUESTIONS: bank(), REFERENCE_FAULTS: JSON.stringify([{ match: 'Carrefour', fault: { kind: 'http5xx' } }]) },
      hardTimeoutMs: 90_000,
    })
    const report = readReport(r.reportDir)
    expect(report.decision, describeRun(r)).toBe('NO-GO')
    expect(r.exitCode).toBe(2)
    expect(report.criteria.find((c) => c.id === 'C4')?.status).toBe('fail')
    expect(report.criticalBugs.some((b) => b.questionId === 'q07' && b.kind === 'http_5xx')).toBe(true)
  })

  test('latency between the GO and NO-GO thresholds → CONDITIONAL, exit 0; exit 3 with VALIDATION_FAIL_ON_CONDITIONAL', async () => {
    const env = {
      ...FAST,
      VALIDATION_QUESTIONS: bank(),
      REFERENCE_FAULTS: JSON.stringify([{ fault: { kind: 'latency', ms: 300 } }]),
      VALIDATION_P95_GO_MS: '150',
      VALIDATION_P95_NOGO_MS: '5000',
    }
    const r = await runSuite({ env, hardTimeoutMs: 90_000 })
    const report = readReport(r.reportDir)
    expect(report.decision, describeRun(r)).toBe('CONDITIONAL')
    expect(r.exitCode).toBe(0)
    expect(report.criteria.find((c) => c.id === 'C2')?.status).toBe('warn')
    const strictCi = await runSuite({ env: { ...env, VALIDATION_FAIL_ON_CONDITIONAL: 'true' }, hardTimeoutMs: 90_000 })
    expect(readReport(strictCi.reportDir).decision, describeRun(strictCi)).toBe('CONDITIONAL')
    expect(strictCi.exitCode).toBe(3)
  })
})
