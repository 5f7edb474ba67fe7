// A stage's P95 beside its budget is written against it (docs/verdict-rules.md "Figures beside a threshold",
// core/locale/format.ts fmtAgainst), in every place it appears. The review's case: Server-Timing stages 100.3 / 500.4 /
// 99.7 / 3000.2 ms against budgets 100 / 500 / 100 / 3000 read "100 ms" beside both "P95 over budget" and "within
// budget", and "intent_classification P95 100 ms > 100 ms" in the notes and the C2 failure reason.
import { describe, expect, test } from 'vitest'
import type { Locale } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { attempt, modelWith } from './make-model.ts'

const STAGES = { intent_classification: 100.3, search: 500.4, user_profile: 99.7, response_generation: 3000.2 }

/**
 * 20 attempts (a P95 well supported) whose every stage reports the review's timings; `latencyMs` end to end, longer
 * than the stages together (3,700.6 ms): stages beyond it are not used (core/stage-figures.ts).
 */
function model(latencyMs: number, locale: Locale): RunModel {
  const m = modelWith(
    Array.from({ length: 20 }, () => latencyMs),
    {},
    { locale },
  )
  m.questions = m.questions.map((q) => ({ ...q, attempts: q.attempts.map((a) => attempt({ ...a, stages: { ...STAGES } })) }))
  return m
}

const produced = (latencyMs: number, locale: Locale) => produce(model(latencyMs, locale), '2026-12-06T00:00:00.000Z')

describe('a stage P95 just over or under its budget is never written as the budget', () => {
  test('Markdown and HTML stage tables (English)', () => {
    const p = produced(3800, 'en')
    const row = (stage: string) => p.markdown.split('\n').find((l) => l.startsWith(`| ${stage} |`)) ?? ''
    expect(row('intent_classification')).toMatch(
      /^\| intent_classification \| 100 ms \| 100\.3 ms \| 100 ms \| 20 of 20 \| 100 ms \| ⚠️ P95 over budget \|$/,
    )
    expect(row('search')).toContain('| 500.4 ms |')
    expect(row('user_profile')).toMatch(/\| 99\.7 ms \|.*within budget/)
    expect(row('response_generation')).toContain('| 3,000.2 ms |')
    for (const figure of ['100.3 ms', '500.4 ms', '99.7 ms', '3,000.2 ms'])
      expect(p.html).toMatch(new RegExp(`<td class="num[^"]*">${figure.replace('.', '\\.')}</td><td class="num">[0-9,]+ ms</td>`))
  })

  test('notes: terminal and JSON text say 100.3 ms > budget 100 ms, in both languages', () => {
    const en = produced(3800, 'en')
    const terminal = renderTerminal(en.model, en.aggregate, en.verdict, { dir: 'reports', written: true })
    expect(terminal).toContain('stage intent_classification P95 100.3 ms > budget 100 ms')
    expect(terminal).toContain('stage response_generation P95 3,000.2 ms > budget 3,000 ms')
    expect(terminal).not.toContain('user_profile P95')
    expect(en.report.notes.map((n) => n.text)).toContain('stage search P95 500.4 ms > budget 500 ms')
    const fr = produced(3800, 'fr')
    expect(fr.report.notes.map((n) => n.text)).toContain('étape intent_classification P95 100,3 ms > budget 100 ms')
  })

  test('the C2 failure reason names each stage against its budget', () => {
    const p = produced(6000, 'en')
    const c2 = p.report.criteria.find((c) => c.id === 'C2')
    expect(c2?.status).toBe('fail')
    expect(JSON.stringify(c2?.reason)).toContain(
      'Stage(s) over budget: intent_classification P95 100.3 ms > 100 ms, search P95 500.4 ms > 500 ms, response_generation P95 3,000.2 ms > 3,000 ms.',
    )
  })
})
