// How the verdict's figures are written (reporters/figures.ts, core/locale/format.ts): a figure beside a threshold
// it is compared with is never rounded onto or across it, in every document and both languages; the JSON's figures
// compare with their thresholds as the status says; a censored percentile is "≥" everywhere, P99 and per category
// included, and says so as data; HTML and Markdown give the same samples-needed cell; few-sample wording.
import { describe, expect, test } from 'vitest'
import { fmtAgainst, fmtLimit, type Unit } from '../../core/locale/format.ts'
import { sayCode } from '../../core/locale/index.ts'
import '../../core/locale/verdict.ts'
import type { AttemptRecord, RunModel, RunSettings } from '../../core/model.ts'
import { holds, parseThreshold } from '../../reporters/criteria.ts'
import { type Produced, produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { attempt, failure, modelWith, question } from './make-model.ts'

const terminalOf = (p: Produced): string => renderTerminal(p.model, p.aggregate, p.verdict, { dir: 'reports', written: true })
/** Every document a reader sees (the HTML as text, tags out). */
const documents = (p: Produced): Record<string, string> => ({
  terminal: terminalOf(p),
  markdown: p.markdown,
  html: p.html.replace(/<[^>]*>/g, ' '),
})

/** One question with n attempts; `change(i)` alters attempt i. */
function oneQuestion(n: number, change: (i: number) => Partial<AttemptRecord>, settings: Partial<RunSettings> = {}): RunModel {
  const m = modelWith([], {}, { iterations: n, ...settings })
  m.questions = [
    question(
      'q01',
      Array.from({ length: n }, (_, i) => attempt({ latencyMs: 1000, ...change(i) })),
    ),
  ]
  return m
}

/** The number a written figure reads as ("99,95 %" → 99.95, "4 000,4 ms" → 4000.4). */
const readNumber = (text: string, L: 'fr' | 'en'): number =>
  Number((L === 'fr' ? text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.') : text.replace(/,/g, '')).replace(/[^\d.-]/g, ''))

describe('a figure beside its threshold is never rounded onto or across it', () => {
  // The rule, over many values around many thresholds: the written figure compares with the written threshold as
  // the exact figure does with the exact threshold (>, = or <).
  test('written comparison = exact comparison, for values around thresholds, in both languages', () => {
    const cases: Array<[Unit, number]> = [
      ['ratio', 1],
      ['ratio', 0.95],
      ['ratio', 0.3333333],
      ['ratio', 0.999],
      ['ms', 4000],
      ['ms', 5000],
      ['ms', 5],
    ]
    const offsets = [-0.04, -0.0004, -1e-6, -1e-9, 0, 1e-9, 1e-6, 0.0004, 0.04]
    for (const L of ['fr', 'en'] as const)
      for (const [unit, t] of cases)
        for (const o of offsets) {
          const x = unit === 'ratio' ? Math.min(1, t + o) : t + o * t
          const written = readNumber(fmtAgainst(x, unit, L, [t]), L)
          const limit = readNumber(fmtLimit(t, unit, L), L)
          expect(Math.sign(written - limit), `${x} vs ${t} (${unit}, ${L})`).toBe(Math.sign(x - t))
        }
  })

  // A review (2026-12-05): 0.1 * 3 against 0.3 was written "30,000000000000004 %" — binary noise read as a difference.
  test('a figure equal to its threshold up to float error reads as the threshold, and is judged so', () => {
    expect(fmtAgainst(0.1 * 3, 'ratio', 'fr', [0.3])).toBe('30,0 %')
    expect(fmtAgainst(0.7 + 0.1 + 0.1 + 0.1 - 0.05, 'ratio', 'en', [0.95])).toBe('95.0%')
    expect(fmtAgainst(0.1 * 3, 'ms', 'en', [0.3])).toBe('0.3 ms')
    expect(fmtAgainst(0.3 + 1e-9, 'ratio', 'fr', [0.3])).not.toBe('30,0 %')
    // 0.9499999999999998 meets "success_rate >= 0.95", as the text "95.0%" says; one in a billion short does not.
    const limit = parseThreshold('success_rate >= 0.95')
    expect(holds(limit, 0.7 + 0.1 + 0.1 + 0.1 - 0.05)).toBe(true)
    expect(holds(limit, 0.95 - 1e-9)).toBe(false)
    expect(holds(parseThreshold('success_rate <= 0.3'), 0.1 * 3)).toBe(true)
  })

  test('the usual rounding stays when it does not cross a threshold', () => {
    expect(fmtAgainst(0.93333, 'ratio', 'en', [0.95])).toBe('93.3%')
    expect(fmtAgainst(3120.4, 'ms', 'en', [4000, 5000])).toBe('3,120 ms')
    expect(fmtAgainst(0.95, 'ratio', 'fr', [0.95])).toBe('95,0 %')
  })

  test('P95 of 4,000.4 and 5,000.4 ms in the verdict sentences', () => {
    const base = { criterion: 'C2', metric: 'p95_ms', unit: 'ms', op: '<=', pass: 4000, warn: 5000 }
    expect(sayCode('verdict.warn_zone', { ...base, value: 4000.4 }, 'en')).toBe(
      'C2: P95 4,000.4 ms between 4,000 ms and 5,000 ms (conditional zone).',
    )
    expect(sayCode('verdict.fail_point', { ...base, value: 5000.4 }, 'en')).toBe('C2: P95 5,000.4 ms > 5,000 ms (NO-GO threshold).')
    expect(sayCode('verdict.fail_point', { ...base, value: 5000.4 }, 'fr')).toMatch(/P95 5\s000,4 ms > 5\s000 ms/)
  })

  // The review's viz1 (1,999 of 2,000 answers with a visualization) and sr9495 (1,899 of 2,000 successes).
  const noViz = oneQuestion(2000, (i) => (i === 7 ? { visualizations: [] } : {}))
  const sr9495 = oneQuestion(2000, (i) => (i < 101 ? { ok: false, failures: [failure('fallback')] } : {}))
  for (const L of ['fr', 'en'] as const) {
    test(`${L}: visualization coverage 1999/2000 is 99.95 %, not 100.0 %, in every document`, () => {
      const p = produce({ ...noViz, settings: { ...noViz.settings, locale: L } }, '2026-12-04T00:00:00.000Z')
      expect(p.verdict.criteria.find((c) => c.id === 'C3')?.status).toBe('fail')
      const shown = L === 'fr' ? '99,95 %' : '99.95%'
      for (const [name, text] of Object.entries(documents(p))) {
        expect(text, name).toContain(shown)
        expect(text, name).not.toMatch(/100[.,]0\s?% \(1999\/2000\)/)
      }
    })
    test(`${L}: success rate 1899/2000 is 94.95 %, not 95.0 %, beside its threshold`, () => {
      const p = produce({ ...sr9495, settings: { ...sr9495.settings, locale: L } }, '2026-12-04T00:00:00.000Z')
      expect(p.verdict.criteria.find((c) => c.id === 'C1')?.status).toBe('fail')
      for (const [name, text] of Object.entries(documents(p))) expect(text, name).toContain(L === 'fr' ? '94,95 %' : '94.95%')
    })
  }
})

describe('the JSON figures compare with their thresholds as the status says', () => {
  test('a 1/3 success rate against 0.3333333 passes, and observed ≥ threshold in the JSON', () => {
    const m = oneQuestion(3, (i) => (i > 0 ? { ok: false, failures: [failure('fallback')] } : {}), { minSuccessRate: 0.3333333 })
    const report = produce(m, '2026-12-04T00:00:00.000Z').report
    for (const c of report.criteria) {
      if (typeof c.observed !== 'number' || c.status === 'inconclusive' || c.status === 'not-applicable') continue
      const pass = holds(parseThreshold(c.threshold.pass), c.observed)
      expect(pass, `${c.id}: ${c.observed} against ${c.threshold.pass} (${c.status})`).toBe(c.status === 'pass')
    }
    expect(report.criteria.find((c) => c.id === 'C1')?.status).toBe('pass')
  })
})

describe('a censored percentile is marked wherever it is written', () => {
  const timedOut: Partial<AttemptRecord> = {
    timedOut: true,
    latencyMs: 300,
    ok: false,
    httpStatus: null,
    ttfbMs: null,
    dataPresentation: false,
    visualizations: [],
    stages: {},
    failures: [failure('timed out')],
  }
  /** n attempts at 20…(n+19) ms, the last one timed out at 300 ms. */
  const run = (n: number) =>
    oneQuestion(n, (i) => (i === n - 1 ? timedOut : { latencyMs: 20 + i }), { timeoutMs: 300, minSuccessRate: 0.9, locale: 'en' })

  test('20 attempts, 1 timeout: the P95 is "≥" in the summary line and per category, and censored in the JSON categories', () => {
    const p = produce(run(20), '2026-12-04T00:00:00.000Z')
    expect(p.aggregate.latency.p95Censored).toBe(true)
    expect(p.aggregate.categories[0]?.latency.p95Censored).toBe(true)
    expect(terminalOf(p)).toMatch(/· P95 ≥ \d+ ms · P99 ≥ \d+ ms/)
    const row = p.markdown.split('\n').find((l) => l.startsWith('| Transaction') || l.includes('transaction_search_simple'))
    expect(p.markdown).toMatch(/\| ≥ \d+ ms \| ≥ \d+ ms \| 20 \|/) // by category: P95, P99, n
    expect(row).toBeDefined()
    expect(p.html).toMatch(/<td class="num">≥ \d+ ms<\/td><td class="num">20<\/td>/) // categories table: P95, n
    const cat = p.report.categories[0]?.latencyMs
    expect(cat).toMatchObject({ p95Censored: true, p99Censored: true, p50Censored: false })
  })

  test('21 attempts, 1 timeout: the P99 is "≥" in every document and p99Censored in the JSON summary', () => {
    const p = produce(run(21), '2026-12-04T00:00:00.000Z')
    expect(p.aggregate.latency.p95Censored).toBe(false)
    expect(p.aggregate.latency.p99Censored).toBe(true)
    // P99 interpolates between the 20th value (39 ms) and the timeout: ≈ 248 ms, at least.
    expect(terminalOf(p)).toMatch(/· P95 \d+ ms · P99 ≥ 248 ms/)
    expect(p.markdown).toContain('- Latency P99: ≥ 248 ms')
    expect(p.html).toContain('P99 ≥ 248 ms')
    expect(p.report.summary.latencyMs).toMatchObject({ p95Censored: false, p99Censored: true })
  })
})

describe('HTML and Markdown say the same samples needed', () => {
  test('a criterion whose samples are reached reads "reached (n)" in both, never the bare count', () => {
    const m = oneQuestion(2000, (i) => (i < 101 ? { ok: false, failures: [failure('fallback')] } : {}), { locale: 'en' })
    const p = produce(m, '2026-12-04T00:00:00.000Z')
    const reached = p.verdict.criteria.filter((c) => c.samplesNeeded !== null && c.samplesNeeded <= c.n)
    expect(reached.length).toBeGreaterThan(0)
    for (const c of reached) {
      expect(p.markdown).toMatch(new RegExp(`\\| ${c.id} [^\\n]*\\| reached \\(2,000\\) \\|`))
      expect(p.html).toMatch(new RegExp(`data-id="${c.id}"[^\\n]*?<td class="num">reached \\(2,000\\)</td>`))
    }
  })
})

describe('few samples, and advice within the accepted values', () => {
  test('n = 1: "no 95 % CI from 1 sample", singular, in both languages; never dashes', () => {
    for (const [L, none, weak] of [
      ['en', 'no 95 % CI from 1 sample)', 'P95 from 1 sample (fewer than 20)'],
      ['fr', 'aucun IC 95 % sur 1 échantillon)', 'P95 calculée sur 1 échantillon (moins de 20)'],
    ] as const) {
      const p = produce(
        oneQuestion(1, () => ({}), { locale: L }),
        '2026-12-04T00:00:00.000Z',
      )
      expect(p.markdown).toContain(none)
      expect(p.markdown).toContain(weak)
      expect(p.markdown).not.toMatch(/— – /)
      expect(p.markdown).not.toMatch(/\b1 samples|\b1 échantillons/)
    }
  })

  test('light load at VALIDATION_ITERATIONS=1000: no advice to raise it; below 1000 the advice stays', () => {
    const load = { peak: 256, mean: 100, capHeldShare: 0.1, requests: 2000, busyMs: 10_000 }
    for (const [iterations, advised] of [
      [1000, false],
      [999, true],
    ] as const) {
      const m = { ...oneQuestion(2000, () => ({}), { locale: 'en', concurrency: 256, iterations }), appliedLoad: load }
      // The Markdown escapes "_" (VALIDATION\_ITERATIONS): read without the escapes.
      const note = produce(m, '2026-12-04T00:00:00.000Z').markdown.replaceAll('\\_', '_')
      expect(note).toContain('Lighter load than configured')
      expect(note.includes('raise VALIDATION_ITERATIONS'), `iterations ${iterations}`).toBe(advised)
      expect(note).toContain('lower VALIDATION_CONCURRENCY')
    }
  })

  test('samples needed beyond what VALIDATION_ITERATIONS can plan says so instead of pointing at it', () => {
    const en = sayCode('note.samples_needed', { criterion: 'C1', needed: 5000, now: 2000, reachable: 2000 }, 'en')
    expect(en).toContain('beyond the 2,000 VALIDATION_ITERATIONS allows with these questions')
    expect(sayCode('note.samples_needed', { criterion: 'C1', needed: 1500, now: 1000, reachable: 2000 }, 'en')).toMatch(
      /; VALIDATION_ITERATIONS\)\.$/,
    )
  })
})

describe('a threshold is written exactly', () => {
  test('the recommendation writes a 0.3333333 success threshold as 33.33333 %, not 33.3 %', () => {
    const m = oneQuestion(3, () => ({}), { minSuccessRate: 0.3333333, locale: 'en' })
    expect(produce(m, '2026-12-04T00:00:00.000Z').markdown).toContain('GO for production (success ≥ 33.33333%')
  })
})
