// The French report is French throughout: a failing run (every criterion failing or warning, strict mode, an
// interrupted run, an unusable target, a likely cache, a stage over budget) rendered in French — Markdown,
// terminal and every sentence of the JSON — carries no English sentence. What is allowed to stay: the plan's
// template labels (its T4.4 report keeps "Latency P95", "Success Rate", "Viz Count"… in English), identifiers
// (threshold expressions, snake_case names, HTTP status lines) and data labels (category titles, intent classes).
// And every code the verdict uses has a sentence in both languages.
import { describe, expect, test } from 'vitest'
import { hasPhrase, LOCALES, say } from '../../core/locale/index.ts'
import { type Reason, reason } from '../../core/reason.ts'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { comparisonMarkdown, comparisonTerminal } from '../../reporters/render-comparison.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { attempt, baselineOf, modelWith, question, withAttempt } from './make-model.ts'

/** Every verdict-side situation at once, in French, with attempt failures as the checks and the recorder word them. */
function failingRun(over: Partial<RunModel['settings']> = {}): RunModel {
  let m = modelWith(
    Array.from({ length: 15 }, (_, i) => 3000 + i * 150),
    {},
    { locale: 'fr', ...over },
  )
  m = withAttempt(m, 2, {
    ok: false,
    httpStatus: 503,
    critical: 'http_5xx',
    intent: null,
    failures: [reason('check.http.server_error', { status: 503, body: '503' })],
    evidence: { bodyHead: '503' },
  })
  m = withAttempt(m, 4, {
    visualizations: [],
    ok: false,
    failures: [reason('check.intent.mismatch', { expected: ['transaction_search.by_category'], group: 'transaction_search', subtype: 'simple' })],
  })
  m = withAttempt(m, 6, {
    timedOut: true,
    latencyMs: 60_000,
    ok: false,
    httpStatus: null,
    failures: [reason('attempt.timeout', { timeoutMs: 60_000, status: null })],
  })
  m = withAttempt(m, 8, {
    fallback: true,
    ok: false,
    failures: [reason('check.fallback.sentence', { status: 'error', message: 'Désolé, une erreur est survenue.' })],
  })
  m.questions[9] = { ...m.questions[9]!, attempts: [], plannedAttempts: 1 }
  m.questions[10] = {
    ...m.questions[10]!,
    attempts: [attempt(), attempt({ ok: false, failures: [reason('check.message.empty')] }), attempt()],
    plannedAttempts: 3,
  }
  m.questions[11] = { ...m.questions[11]!, warmups: [attempt({ warmup: true, latencyMs: 40_000 })] }
  m = {
    ...m,
    interrupted: true,
    // Every kind of sentence the run itself adds: a configuration error, a harness error, the stop of a silent target.
    configurationErrors: [reason('config.invalid', { variable: 'VALIDATION_ITERATIONS', value: '"0"', problem: 'config.problem.below', bound: 1 })],
    harnessErrors: [reason('harness.retried', { test: 'q01 · Mes dépenses', retries: 2 }), reason('harness.setup_failed')],
    stopReason: reason('run.stop.silent', { timeouts: 3, requests: 7 }),
    questions: m.questions.map((q) => ({ ...q, attempts: q.attempts.map((a) => ({ ...a, stages: { ...a.stages, search: 900 } })) })),
  }
  return m
}

/** Allowed English: the plan's template labels, identifiers, data labels and units. */
const ALLOWED = [
  /\b[A-Za-z]+(?:\\?_[A-Za-z0-9]+)+\b/g, // snake_case identifiers (stages, metrics, kinds, intents), _ escaped or not
  /[a-z_0-9]+(<=|>=|==|<|>|&lt;=|&gt;=|&lt;|&gt;)[0-9.]+/g, // threshold expressions
  /Latency P\d\d|Success Rate|Visualization Coverage|Viz Count|Decision|\| Question \| Intent \| Success \|/g,
  /Transaction Search Simple|By Category|By Merchant|Analytics & Insights|Edge Cases/g,
  /══ Harena validation: [A-Z-]+ ══ \(exit \d+\)/g, // the terminal banner, the same in both languages (scripts read it)
  /NO-GO|CONDITIONAL|\bGO\b|TTFB|type 7|numpy|k6|Wilson|HTTP \d+/g,
]
const ENGLISH =
  /\b(the|of|and|is|are|was|were|not|with|from|would|been|has|have|this|that|which|when|than|be|or|to|by|its|more|none|yes|no|failed|passed|between|below|above|samples?|attempts?|incomplete|interrupted|weakly|reached|expected|observed|bound|stage|answers?|run|warm-up|critical bug|unusable|questions? failed|missing|reports?|timeouts?|fallback|no answer|streaming|pts|exit|release|job|baseline)\b|\(none\)/i

function englishIn(text: string): string[] {
  return text
    .split('\n')
    .map((line) => ALLOWED.reduce((l, re) => l.replace(re, ' '), line))
    .filter((line) => ENGLISH.test(line))
}

function reasonTexts(report: Record<string, unknown>): string[] {
  const out: string[] = [...(report.reasons as string[])]
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'text' || k === 'name' || k === 'note') && typeof x === 'string') out.push(x)
        else walk(x)
      }
    }
  }
  walk(report.reasonCodes)
  walk(report.criteria)
  walk(report.notes)
  return out
}

describe('a French report of a failing run', () => {
  for (const strict of [false, true]) {
    test(`has no English sentence (Markdown, terminal, JSON sentences${strict ? ', strict mode' : ''})`, () => {
      const m = failingRun({ strict })
      const p = produce(m, '2026-12-02T06:00:00Z')
      expect(p.verdict.decision).toBe('NO-GO')
      expect(p.verdict.criteria.map((c) => c.status)).not.toContain('pass')
      const terminal = renderTerminal(m, p.aggregate, p.verdict, { dir: '/tmp/rapports', written: true })
      expect(englishIn(p.markdown)).toEqual([])
      expect(englishIn(terminal)).toEqual([])
      // The checks' failures are there, in French (the JSON keeps them in English: docs/reasons.md).
      expect(p.markdown).toContain(say(reason('check.message.empty'), 'fr'))
      expect(p.markdown).toMatch(/intention transaction\\_search\.by\\_category attendue/)
      expect(englishIn(reasonTexts(JSON.parse(p.json)).join('\n'))).toEqual([])
      // The detector does find English when there is some.
      expect(englishIn(produce({ ...m, settings: { ...m.settings, locale: 'en' } }).markdown).length).toBeGreaterThan(10)
    })
  }

  test('with a baseline: the comparison in the Markdown, the PR comment and the terminal is French too', () => {
    const m = failingRun()
    m.baseline = { run: baselineOf(m), maxRegression: 0.2 }
    const p = produce(m, '2026-12-02T06:00:00Z')
    expect(p.aggregate.comparison).toBeDefined()
    const comparison = comparisonMarkdown(p.aggregate.comparison!, 'fr')
    expect(comparison).toContain('## Comparaison avec la référence')
    expect(comparison).toMatch(/Tests de permutation/)
    expect(englishIn(comparison)).toEqual([])
    expect(englishIn(p.markdown)).toEqual([])
    expect(englishIn(comparisonTerminal(p.aggregate.comparison!, 'fr').join('\n'))).toEqual([])
    // The same section in English is English (the detector sees it).
    expect(englishIn(comparisonMarkdown(p.aggregate.comparison!, 'en')).length).toBeGreaterThan(3)
  })

  test('an unusable target and an empty run too', () => {
    const m: RunModel = {
      ...modelWith([], {}, { locale: 'fr' }),
      questions: [question('q01', [], { plannedAttempts: 1 })],
      preflightError: reason('target.unreachable', { url: 'http://127.0.0.1:9', timeoutMs: null, error: 'ECONNREFUSED' }),
    }
    const p = produce(m)
    expect(englishIn(p.markdown)).toEqual([])
    expect(englishIn(renderTerminal(m, p.aggregate, p.verdict, { dir: '/tmp/r', written: false }))).toEqual([])
  })
})

describe('the catalogues', () => {
  test('every code the verdict and the report use has a sentence in both languages', () => {
    const codes = new Set<string>()
    const collect = (r: Reason) => {
      codes.add(r.code)
      for (const d of r.details ?? []) collect(d)
    }
    for (const strict of [false, true]) {
      const p = produce(failingRun({ strict }))
      p.verdict.reasons.forEach(collect)
      p.verdict.notes.forEach(collect)
      for (const c of p.verdict.criteria) {
        collect(c.name)
        c.notes.forEach(collect)
        if (c.reason) collect(c.reason)
      }
    }
    expect(codes.size).toBeGreaterThan(15)
    for (const code of codes) {
      expect(hasPhrase(code), code).toBe(true)
      for (const L of LOCALES) expect(say({ code, params: {} }, L).trim(), `${code} ${L}`).not.toBe('')
    }
  })
})
