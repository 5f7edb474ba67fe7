// The `no regression` criterion (C8) through the whole pipeline on hand-made run models: a baseline adds the row,
// a regression makes the decision CONDITIONAL (never NO-GO alone), and every output carries the comparison.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunSnapshot } from '../../core/baseline.ts'
import { say } from '../../core/locale/index.ts'
import { ConfigError, loadSettings } from '../../core/settings.ts'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { ValidationReportSchema } from '../../reporters/report-schema.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { baselineFor, failure, modelWith } from './make-model.ts'

const LATENCIES = Array.from({ length: 15 }, (_, i) => 800 + i * 40)

function baselineOf(model: RunModel, over: Partial<RunSnapshot> = {}): RunSnapshot {
  return baselineFor(model, LATENCIES, () => true, over)
}

describe('C8 no regression', () => {
  test('no baseline: five criteria, no comparison anywhere', () => {
    const p = produce(modelWith(LATENCIES))
    expect(p.verdict.criteria.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5'])
    expect(p.report.comparison).toBeUndefined()
    expect(p.markdown).not.toContain('Comparaison avec la référence')
  })

  test('the same run as its baseline: C8 passes, GO, "no detectable change"', () => {
    const m = modelWith(LATENCIES)
    m.baseline = { run: baselineOf(m), maxRegression: 0.2 }
    const p = produce(m)
    expect(p.verdict.decision).toBe('GO')
    expect(p.verdict.criteria.find((c) => c.id === 'C8')?.status).toBe('pass')
    expect(p.report.comparison?.p95.label).toBe('no_change')
    expect(ValidationReportSchema.safeParse(p.report).success).toBe(true)
    expect(p.markdown).toContain('## Comparaison avec la référence')
    expect(p.markdown).toMatch(/\| P95 \|[^\n]*pas de changement détectable/)
  })

  test('a question that passed now fails → C8 warns and names it; the decision is what C1 says (NO-GO)', () => {
    const m = modelWith(LATENCIES)
    m.questions[6] = { ...m.questions[6]!, attempts: m.questions[6]!.attempts.map((a) => ({ ...a, ok: false, failures: [failure('fallback')] })) }
    m.baseline = { run: baselineOf(m), maxRegression: 0.2 }
    const p = produce(m)
    const c6 = p.verdict.criteria.find((c) => c.id === 'C8')
    expect(c6?.status).toBe('warn')
    expect(p.verdict.decision).toBe('NO-GO')
    const sentence = c6?.reason ? say(c6.reason, 'fr') : ''
    expect(sentence).toContain('C8 : régression par rapport à la référence')
    expect(sentence).toContain('Questions qui passaient et échouent maintenant : q07')
  })

  test('P95 far worse than the baseline, everything else passing → CONDITIONAL by C8 alone (exit 0)', () => {
    const m = modelWith(LATENCIES.map((x) => x * 3))
    m.baseline = { run: baselineOf(m, { latencies: [...LATENCIES, ...LATENCIES, ...LATENCIES, ...LATENCIES] }), maxRegression: 0.2 }
    const p = produce(m)
    expect(p.verdict.criteria.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['C8'])
    expect(p.verdict.decision).toBe('CONDITIONAL')
    expect(p.verdict.exitCode).toBe(0)
    expect(p.report.comparison?.p95RegressionBeyondAllowance).toBe(true)
    expect(say(p.verdict.reasons[0]!, 'en')).toMatch(/C8: regression against the baseline[\s\S]*worse by more than 20\.0%/)
    const terminal = renderTerminal(m, p.aggregate, p.verdict, { dir: 'reports', written: true })
    expect(terminal).toMatch(/référence \(2026-11-20T10:00:00.000Z\): succès .* · P95 \+.*régression/)
    expect(p.html).toContain('class="ecdf baseline"')
    expect(p.html).toContain('data-metric="P95" data-label="regression"')
  })
})

describe('settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-settings-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('VALIDATION_MAX_REGRESSION: a fraction, default 0.2; anything else is one line naming the variable', () => {
    expect(loadSettings({}, dir).maxRegression).toBe(0.2)
    expect(loadSettings({}, dir).baselinePath).toBeNull()
    expect(loadSettings({ VALIDATION_MAX_REGRESSION: '0.5' }, dir).maxRegression).toBe(0.5)
    expect(() => loadSettings({ VALIDATION_MAX_REGRESSION: '20%' }, dir)).toThrow(
      'VALIDATION_MAX_REGRESSION="20%" is invalid (not a fraction ≥ 0); expected a fraction from 0 to 100, e.g. 0.2 for 20 %.',
    )
  })

  test('VALIDATION_BASELINE: a readable file, resolved from the working directory', () => {
    writeFileSync(join(dir, 'base.json'), '{}')
    expect(loadSettings({ VALIDATION_BASELINE: 'base.json' }, dir).baselinePath).toBe(join(dir, 'base.json'))
    let error: unknown
    try {
      loadSettings({ VALIDATION_BASELINE: 'nope.json' }, dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe('VALIDATION_BASELINE')
    expect((error as Error).message).toMatch(/^VALIDATION_BASELINE="nope.json" is invalid \(no such file\); expected a path/)
  })
})
