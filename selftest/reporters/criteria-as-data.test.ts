// The design, proved: criteria are rows read by one evaluator, and every output follows the rows. A criterion
// added here, in the test only, shows in the verdict, the terminal, the Markdown and the JSON with no other source
// change; a criterion whose evidence the contract cannot carry is "not applicable" and caps the decision at
// CONDITIONAL; no criterion id appears in the source outside the criteria table, the catalogues and the tests.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fmtMs } from '../../core/locale/format.ts'
import { registerCatalogue, say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'
import { aggregate } from '../../reporters/aggregate.ts'
import { buildCriteria, criterion, parseThreshold, ThresholdSyntaxError } from '../../reporters/criteria.ts'
import { decide } from '../../reporters/decide.ts'
import { evaluate } from '../../reporters/evaluate.ts'
import type { Metric } from '../../reporters/metrics.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { ValidationReportSchema } from '../../reporters/report-schema.ts'
import { modelWith } from './make-model.ts'

const ROOT = resolve(import.meta.dirname, '../..')

describe('a criterion is one row', () => {
  // Fifteen clean questions, one of them slow: GO under the release criteria (P95 stays under 4000 ms).
  const slowOne = (locale: 'fr' | 'en') => modelWith([...Array.from({ length: 14 }, () => 1000), 2500], {}, { locale })
  const withMaxRow = (locale: 'fr' | 'en') => [...buildCriteria(slowOne(locale).settings), criterion('T9', 'max_ms <= 2000')]

  test('the release criteria alone say GO on this run', () => {
    expect(produce(slowOne('en')).verdict.decision).toBe('GO')
  })

  test('a throwaway "max_ms <= 2000" row fails it: verdict, terminal, Markdown and JSON all show the row, its value in ms', () => {
    for (const locale of ['fr', 'en'] as const) {
      const m = slowOne(locale)
      const p = produce(m, '2026-12-02T06:00:00Z', withMaxRow(locale))
      // Verdict: the row is judged like any other, by the metric it names.
      const row = p.verdict.criteria.find((c) => c.id === 'T9')
      expect(row).toMatchObject({ metric: 'max_ms', unit: 'ms', observed: 2500, status: 'fail', outcome: 'fail_point' })
      expect(p.verdict.decision).toBe('NO-GO')
      expect(p.verdict.exitCode).toBe(2)
      const said = p.verdict.reasons.map((r) => say(r, locale))
      const maxText = fmtMs(2500, locale)
      expect(said.find((r) => r.startsWith('T9'))).toContain(maxText)
      expect(said.find((r) => r.startsWith('T9'))).toMatch(/> 2[\s,.]?000 ms/)
      // Terminal: a failing line for the row (its status in the run's language), the value written by its unit.
      const terminal = renderTerminal(m, p.aggregate, p.verdict, { dir: '/tmp/r', written: true })
      const failing = say({ code: 'report.term.status.fail', params: {} }, locale)
      expect(terminal).toMatch(new RegExp(`${failing}\\s+T9 .*${maxText}\\s+max_ms<=2000`))
      expect(terminal).toMatch(/Harena validation: NO-GO/)
      // Markdown: a row in the criteria table and the reason in the summary.
      expect(p.markdown).toMatch(new RegExp(`\\| T9 [^|]+\\| max\\\\_ms&lt;=2000 \\| ${maxText} \\| — \\| ❌`))
      expect(p.markdown).toContain('- [x] NO-GO')
      // JSON: the row with its metric, unit, outcome and reason as data, and the file still meets its schema.
      const json = JSON.parse(p.json)
      expect(ValidationReportSchema.safeParse(json).success).toBe(true)
      const j = json.criteria.find((c: { id: string }) => c.id === 'T9')
      expect(j).toMatchObject({ metric: 'max_ms', unit: 'ms', observed: 2500, status: 'fail', threshold: { pass: 'max_ms<=2000', warn: null } })
      expect(j.reason).toMatchObject({ code: 'verdict.fail_point', params: { criterion: 'T9', metric: 'max_ms', value: 2500, pass: 2000 } })
      expect(json.reasonCodes.map((r: { code: string }) => r.code)).toEqual(['verdict.fail_point'])
      expect(json.reasons).toEqual(said)
    }
  })

  test('the same row with room to spare passes and leaves the decision alone', () => {
    const m = slowOne('en')
    const p = produce(m, undefined, [...buildCriteria(m.settings), criterion('T9', 'max_ms<=3000')])
    expect(p.verdict.criteria.find((c) => c.id === 'T9')?.status).toBe('pass')
    expect(p.verdict.decision).toBe('GO')
  })

  test('a row is parsed once and must name a metric the table holds, the same one for pass and warn', () => {
    expect(() => criterion('X', 'p42_ms<=1')).toThrow(/unknown metric p42_ms/)
    expect(() => criterion('X', 'max_ms<=1', { warn: 'p95_ms<=2' })).toThrow(ThresholdSyntaxError)
    expect(criterion('X', 'success_rate >= 0.9', { warn: 'success_rate>=0.8', strictBound: true })).toMatchObject({
      metric: 'success_rate',
      pass: parseThreshold('success_rate>=0.9'),
      warn: { value: 0.8 },
      strictBound: true,
    })
  })
})

describe('one evaluator for every row', () => {
  const metric = (over: Partial<Metric>): Metric => ({
    value: 1,
    interval: null,
    unit: 'ms',
    n: 100,
    censored: false,
    caveats: [],
    notes: [],
    evidence: [],
    ...over,
  })

  test('point: pass, warn zone, fail; no value → inconclusive', () => {
    const row = criterion('X', 'p95_ms<=100', { warn: 'p95_ms<=200' })
    expect(evaluate(row, metric({ value: 100 }), false)).toMatchObject({ status: 'pass', outcome: 'pass' })
    expect(evaluate(row, metric({ value: 150 }), false)).toMatchObject({ status: 'warn', outcome: 'warn_zone' })
    expect(evaluate(row, metric({ value: 201 }), false)).toMatchObject({ status: 'fail', outcome: 'fail_point' })
    expect(evaluate(row, metric({ value: null }), false)).toMatchObject({ status: 'inconclusive', outcome: 'no_value' })
  })

  test('a censored figure cannot pass a limit from above, but passes a floor (the truth is only higher)', () => {
    expect(evaluate(criterion('X', 'p95_ms<=100'), metric({ value: 90, censored: true }), false)).toMatchObject({
      status: 'inconclusive',
      outcome: 'censored',
    })
    expect(evaluate(criterion('X', 'p95_ms>=50'), metric({ value: 90, censored: true }), false).status).toBe('pass')
    expect(evaluate(criterion('X', 'p95_ms<=80'), metric({ value: 90, censored: true }), false).status).toBe('fail')
  })

  test('bound: only rows marked strictBound, only in strict mode; a missing bound warns; the point can only make it worse', () => {
    const m = metric({ value: 0.97, unit: 'ratio', interval: { lower: 0.9, upper: 0.99, method: 'test' } })
    const strictRow = criterion('X', 'success_rate>=0.95', { strictBound: true })
    expect(evaluate(strictRow, m, false)).toMatchObject({ status: 'pass', judgedOn: 'point' })
    expect(evaluate(strictRow, m, true)).toMatchObject({ status: 'fail', outcome: 'bound_fail', judgedOn: 'bound', bound: 0.9 })
    expect(evaluate(criterion('X', 'success_rate>=0.95'), m, true)).toMatchObject({ status: 'pass', judgedOn: 'point' })
    const noUpper = metric({ value: 50, interval: { lower: 40, upper: null, method: 'test' } })
    expect(evaluate(criterion('X', 'p95_ms<=100', { strictBound: true }), noUpper, true)).toMatchObject({
      status: 'warn',
      outcome: 'bound_warn',
      bound: null,
    })
    expect(evaluate(criterion('X', 'p95_ms<=10', { strictBound: true }), noUpper, true)).toMatchObject({ status: 'fail', outcome: 'fail_point' })
  })

  test('not applicable: the contract cannot carry the evidence → status not-applicable, decision capped at CONDITIONAL, with the why', () => {
    registerCatalogue({
      'test.contract.no_visualizations': {
        fr: () => 'Le contrat de test ne transporte aucune visualisation.',
        en: () => 'The test contract carries no visualization.',
      },
    })
    const m = modelWith(
      Array.from({ length: 15 }, () => 1000),
      {},
      { locale: 'en' },
    )
    const agg = aggregate(m)
    expect(decide(m, agg).decision).toBe('GO')
    agg.metrics.viz_coverage.notApplicable = reason('test.contract.no_visualizations')
    const v = decide(m, agg)
    const row = v.criteria.find((c) => c.metric === 'viz_coverage')
    expect(row).toMatchObject({ status: 'not-applicable', outcome: 'not_applicable', samplesNeeded: null })
    expect(v.decision).toBe('CONDITIONAL')
    expect(v.exitCode).toBe(0)
    expect(decide({ ...m, settings: { ...m.settings, failOnConditional: true } }, agg).exitCode).toBe(3)
    const text = v.reasons.map((r) => say(r, 'en')).join('\n')
    expect(text).toMatch(
      /visualization coverage not applicable on this contract, decision at best CONDITIONAL\. The test contract carries no visualization\./,
    )
    // A failing criterion still makes it NO-GO.
    const failing = aggregate({ ...m, interrupted: true })
    failing.metrics.viz_coverage.notApplicable = reason('test.contract.no_visualizations')
    expect(decide({ ...m, interrupted: true }, failing).decision).toBe('NO-GO')
  })
})

describe('the shape of the code', () => {
  /** Where a criterion id may be written: the criteria table, the locale catalogues, the tests and the docs. */
  const ALLOWED = (path: string) => path === 'reporters/criteria.ts' || path.startsWith('core/locale/') || path.startsWith('selftest/')
  const SKIP_DIRS = new Set(['node_modules', '.git', 'reports', 'docs'])

  function sourceFiles(dir: string): string[] {
    const out: string[] = []
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (SKIP_DIRS.has(e.name)) continue
      const path = dir === '.' ? e.name : `${dir}/${e.name}`
      if (e.isDirectory()) out.push(...sourceFiles(path))
      else if (/\.(ts|mts|js|mjs|json)$/.test(e.name) && !/^package(-lock)?\.json$/.test(e.name)) out.push(path)
    }
    return out
  }

  test('no criterion id (C1, C2, …) in any source file outside the criteria table, the catalogues and the tests', () => {
    const files = sourceFiles('.')
    expect(files).toContain('reporters/decide.ts') // the walk does reach the code it polices
    const offenders: string[] = []
    for (const f of files) {
      if (ALLOWED(f)) continue
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // "C0/C1 control characters" is Unicode's name for a character range, not a criterion.
          if (/\bC[1-9]\d*\b/.test(line.replace(/C0\/C1 control/g, ''))) offenders.push(`${relative(ROOT, join(ROOT, f))}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(offenders).toEqual([])
  })

  test('renderers hold no sentence of their own: no bilingual pick(), every word from a catalogue', () => {
    const renderers = readdirSync(join(ROOT, 'reporters')).filter((f) => /^render-.*\.ts$/.test(f))
    expect(renderers).toEqual(
      expect.arrayContaining([
        'render-markdown.ts',
        'render-terminal.ts',
        'render-json.ts',
        'render-junit.ts',
        'render-html.ts',
        'render-comparison.ts',
      ]),
    )
    for (const f of [...renderers, 'decide.ts', 'i18n.ts']) {
      const text = readFileSync(join(ROOT, 'reporters', f), 'utf8')
      expect(text, f).not.toMatch(/\bpick\(/)
      expect(text, f).not.toMatch(/locale === 'fr'/)
    }
  })
})
