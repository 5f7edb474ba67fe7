// The `no regression` criterion (C8) through the whole pipeline on hand-made run models: a baseline adds the row,
// a regression makes the decision CONDITIONAL (never NO-GO alone), and every output carries the comparison.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { say } from '../../core/locale/index.ts'
import { ConfigError, loadSettings } from '../../core/settings.ts'
import { produce } from '../../reporters/pipeline.ts'
import { ValidationReportSchema } from '../../reporters/report-schema.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { comparisonTerminal } from '../../reporters/render-comparison.ts'
import { baselineFor, baselineOf, failure, modelWith } from './make-model.ts'

const LATENCIES = Array.from({ length: 15 }, (_, i) => 800 + i * 40)

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

// "No regression" passed against comparisons that compared nothing (a review): a side without data read "no
// detectable change", and the criterion passed. It must say what it could not compare, and never pass on it.
describe('C8 is never passed on a comparison that compared nothing', () => {
  const c8 = (p: ReturnType<typeof produce>) => p.verdict.criteria.find((c) => c.id === 'C8')

  test('no measured attempt now (nothing answered): P95 "not compared", never "no detectable change"; C8 inconclusive', () => {
    const m = modelWith(LATENCIES)
    for (const q of m.questions) q.attempts = []
    m.baseline = { run: baselineOf(m), maxRegression: 0.2 }
    const p = produce(m)
    expect(p.report.comparison?.p95.label).toBe('not_compared')
    expect(p.report.comparison?.p50.label).toBe('not_compared')
    expect(c8(p)?.status).toBe('inconclusive')
    expect(p.verdict.decision).not.toBe('GO')
    expect(say(c8(p)!.reason!, 'en')).toMatch(/Not evaluated: P95 not compared: no measured attempt on one side \(15 and 0 measured attempts\)/)
    expect(p.markdown).toMatch(/\| P95 \|[^\n]*non comparé \(aucune donnée d'un côté\)/)
  })

  test('too few samples for any interval (2 against 2): "not enough samples to compare", C8 inconclusive', () => {
    const m = modelWith([900, 1000], {}, { locale: 'en' })
    m.baseline = { run: baselineFor(m, [800, 850]), maxRegression: 0.2 }
    const p = produce(m)
    expect(p.report.comparison?.p95.label).toBe('too_few')
    expect(p.report.comparison?.p95.interval).toBeNull()
    expect(c8(p)?.status).toBe('inconclusive')
    expect(p.markdown).toMatch(/\| P95 \|[^\n]*not enough samples to compare/)
    expect(say(c8(p)!.reason!, 'en')).toMatch(/not enough samples to compare P95 \(2 and 2 measured attempts\)/)
  })

  test('a baseline that does not record its settings (an earlier version): figures shown, "not judged", C8 not evaluated', () => {
    const m = modelWith(
      LATENCIES.map((x) => x * 3),
      {},
      { locale: 'en' },
    )
    const run = baselineOf(m, { latencies: [...LATENCIES, ...LATENCIES, ...LATENCIES, ...LATENCIES] })
    m.baseline = { run: { ...run, settings: { ...run.settings, stream: null, userId: null } }, maxRegression: 0.2 }
    const p = produce(m)
    const c = p.report.comparison
    expect([c?.successRate.label, c?.p50.label, c?.p95.label]).toEqual(['not_judged', 'not_judged', 'not_judged'])
    expect(c?.p95.delta).toBeGreaterThan(0) // the figures are still there
    expect(c?.p95RegressionBeyondAllowance).toBe(false)
    expect(c?.baseline.unrecorded).toEqual(['VALIDATION_STREAM', 'HARENA_USER_ID'])
    expect(c8(p)?.status).toBe('inconclusive')
    expect(p.markdown).toContain('The baseline does not record VALIDATION\\_STREAM, HARENA\\_USER\\_ID (a report of an earlier version)')
    expect(p.html).toContain('id="baseline-unrecorded"')
  })
})

// A question whose expectations changed under the same id and message (an extra chart expected) read as a service
// regression: "q07 passed and now fails" (a review). Its outcome is not the service's change: it is named as such.
describe('a question whose expectations changed since the baseline', () => {
  /** This run: q07 expects a pie now (the baseline's q07 expected nothing more) and fails on it. */
  function pieNow(locale: 'fr' | 'en') {
    const m = modelWith(LATENCIES, {}, { locale })
    const q07 = m.questions[6]!
    const run = baselineOf(m)
    m.questions[6] = {
      ...q07,
      expectations: [{ kind: 'pie', maxSlices: 6, othersLabel: 'Autres', sumsToTotal: true }],
      attempts: q07.attempts.map((a) => ({ ...a, ok: false, failures: [failure('expected a pie chart')] })),
    }
    m.baseline = { run, maxRegression: 0.2 }
    return produce(m)
  }

  test('is named "expectations changed", not a regression: C8 passes on the other questions', () => {
    const p = pieNow('en')
    const c = p.aggregate.comparison
    expect(c?.expectationsChanged.map((q) => q.id)).toEqual(['q07'])
    expect(c?.newlyFailing).toEqual([])
    expect(c?.comparedQuestions).toBe(14)
    // The success rate compares the 14 questions that expect the same: 14/14 against 14/14.
    expect([c?.successRate.before, c?.successRate.after, c?.successRate.label]).toEqual([1, 1, 'no_change'])
    expect(p.verdict.criteria.find((x) => x.id === 'C8')?.status).toBe('pass')
    expect(p.verdict.reasons.map((r) => say(r, 'en')).join('\n')).not.toMatch(/passed and now fail/)
    expect(comparisonTerminal(c!, 'en').join('\n')).toContain('expectations of q07 changed since the baseline: not compared')
    expect(p.markdown).toMatch(/Expectations changed since the baseline, not compared \(1\): `q07`/)
    expect(p.html).toContain('id="expectations-changed"')
    expect(comparisonTerminal(pieNow('fr').aggregate.comparison!, 'fr').join('\n')).toContain('attentes de q07 modifiées depuis la référence')
  })

  test('when every question changed, nothing is compared: C8 inconclusive, never a pass', () => {
    const m = modelWith(LATENCIES, {}, { locale: 'en' })
    const run = baselineOf(m)
    for (const q of m.questions) q.expectations = [{ kind: 'bar', minDatasets: 1 }]
    m.baseline = { run, maxRegression: 0.2 }
    const p = produce(m)
    expect(p.report.comparison?.comparedQuestions).toBe(0)
    expect(p.report.comparison?.successRate.label).toBe('not_compared')
    const c8 = p.verdict.criteria.find((x) => x.id === 'C8')
    expect(c8?.status).toBe('inconclusive')
    expect(say(c8!.reason!, 'en')).toMatch(/Not evaluated: no question compared \(the expectations of 15 question\(s\) changed since the baseline\)/)
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
