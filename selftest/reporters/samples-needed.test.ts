// The samples a criterion needs to be conclusive are counted as its metric counts its samples (its n): the success
// rate's planned attempts, a percentile's latencies, the TTFC's streamed answers — never the executed attempts. The
// review's case: a run whose target stopped answering after 3 of 15 planned attempts, 0 of 15 successful, Wilson
// [0 % ; 20.4 %] wholly below 95 %: conclusive, yet every document read "≈ 15 attempts would make this criterion
// conclusive (now 3)". A conclusive interval never gets the note, and "now" is the metric's own n.
import { describe, expect, test } from 'vitest'
import type { AttemptRecord, RunModel, RunSettings } from '../../core/model.ts'
import { type Produced, produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { attempt, failure, modelWith, question } from './make-model.ts'

const terminalOf = (p: Produced): string => renderTerminal(p.model, p.aggregate, p.verdict, { dir: 'reports', written: true })
const failed: Partial<AttemptRecord> = { ok: false, dataPresentation: false, visualizations: [], failures: [failure('fallback')] }

/** Three questions of five planned attempts; only q01's first three ran, and failed: 0 of 15. */
function stoppedAfterThree(settings: Partial<RunSettings> = {}): RunModel {
  const m = modelWith([], {}, { iterations: 5, ...settings })
  m.questions = [
    question('q01', [attempt(failed), attempt(failed), attempt(failed)], { plannedAttempts: 5 }),
    question('q02', [], { plannedAttempts: 5 }),
    question('q03', [], { plannedAttempts: 5 }),
  ]
  return m
}

/** The Markdown criteria table's row of a criterion. */
const mdRow = (p: Produced, id: string): string => p.markdown.split('\n').find((l) => l.startsWith(`| ${id} `)) ?? ''
/** The HTML criteria table's row of a criterion. */
const htmlRow = (p: Produced, id: string): string => p.html.match(new RegExp(`<tr class="criterion" data-id="${id}"[^\\n]*?</tr>`))?.[0] ?? ''

describe('samples needed, in the metric’s own count', () => {
  test('a conclusive failing success rate (0/15 planned, 3 executed) gets no note in any document', () => {
    for (const L of ['fr', 'en'] as const) {
      const p = produce(stoppedAfterThree({ locale: L }), '2026-12-04T00:00:00.000Z')
      expect(p.aggregate.executed).toBe(3)
      const c1 = p.verdict.criteria.find((c) => c.id === 'C1')
      // Wilson [0 ; 20.4 %] lies wholly below 95 %: already conclusive at its 15 planned attempts.
      expect(c1).toMatchObject({ status: 'fail', observed: 0, samplesNeeded: 15 })
      expect(c1?.interval?.upper).toBeLessThan(0.95)
      expect(c1?.notes.map((n) => n.code)).not.toContain('note.samples_needed')
      expect(terminalOf(p)).not.toMatch(/note C1/)
      const reached = L === 'fr' ? 'atteint (15)' : 'reached (15)'
      expect(mdRow(p, 'C1')).toContain(`| ${reached} |`)
      expect(mdRow(p, 'C1')).not.toContain('≈')
      expect(htmlRow(p, 'C1')).toContain(`<td class="num">${reached}</td>`)
      const json = p.report.criteria.find((c) => c.id === 'C1')
      expect(json?.notes.map((n) => n.code)).not.toContain('note.samples_needed')
      expect(json?.note ?? '').not.toMatch(/15/)
      expect(c1?.n).toBe(15)
    }
  })

  test('a TTFC P95 over 30 streamed answers of 60 attempts needs 59: said, with now 30, never "reached (60)"', () => {
    const m = modelWith([], {}, { iterations: 60, stream: true, locale: 'en' })
    const stream = (firstContentMs: number | null) => ({
      firstEventMs: 100,
      firstContentMs,
      endMs: 900,
      events: 3,
      contentChunks: 1,
      completed: true,
    })
    m.questions = [
      question(
        'q01',
        Array.from({ length: 60 }, (_, i) => attempt({ stream: stream(i % 2 === 0 ? 500 : null) })),
      ),
    ]
    const p = produce(m, '2026-12-04T00:00:00.000Z')
    expect(p.aggregate.executed).toBe(60)
    const c6 = p.verdict.criteria.find((c) => c.id === 'C6')
    expect(c6?.samplesNeeded).toBe(59)
    const note = c6?.notes.find((n) => n.code === 'note.samples_needed')
    expect(note?.params).toMatchObject({ needed: 59, now: 30 })
    expect(terminalOf(p)).toContain('note C6: ≈ 59 attempts would make this criterion conclusive (now 30;')
    expect(mdRow(p, 'C6')).toContain('| ≈ 59 |')
    expect(htmlRow(p, 'C6')).toContain('<td class="num">≈ 59</td>')
    expect(c6?.n).toBe(30)
  })

  test('every criterion: the note is there exactly when the samples needed exceed the metric’s n, and says that n', () => {
    for (const m of [stoppedAfterThree(), modelWith(Array.from({ length: 15 }, () => 1000))]) {
      const p = produce(m, '2026-12-04T00:00:00.000Z')
      for (const c of p.verdict.criteria) {
        const note = c.notes.find((n) => n.code === 'note.samples_needed')
        const short = c.samplesNeeded !== null && c.samplesNeeded > c.n
        expect(note !== undefined, c.id).toBe(short)
        if (note) expect(note.params.now, c.id).toBe(c.n)
      }
    }
  })
})
