// The stage figures' rules (docs/suite-rules.md §5 "Stage figures"), on hand-made run models through the whole
// reporter (aggregate → decide → every document): a stage figure must be plausible against what the client measured,
// the population behind each stage row is stated, what was dropped is said per kind, and a contract whose wire
// cannot carry stages says "not observable". The review's cases are the examples; the rules are what is asserted.
import { describe, expect, test } from 'vitest'
import type { AttemptRecord, RunModel, StageReading } from '../../core/model.ts'
import { OBSERVABLES, type Observes } from '../../core/observes.ts'
import { SECONDS_SUSPECTED, STAGE_TOLERANCE, stageTrust } from '../../core/stage-figures.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { attempt, modelWith, question, timedOutAt } from './make-model.ts'

type Stages = AttemptRecord['stages']

/** One question of `attempts`, in English. */
function run(attempts: Array<Partial<AttemptRecord>>, over: Partial<RunModel> = {}): RunModel {
  const m = modelWith([], over, { locale: 'en' })
  return {
    ...m,
    questions: [
      question(
        'q01',
        attempts.map((a) => attempt(a)),
      ),
    ],
  }
}

const produced = (m: RunModel) => produce(m, '2026-12-06T00:00:00.000Z')
const rowOf = (md: string, stage: string) => md.split('\n').find((l) => l.startsWith(`| ${stage} |`)) ?? ''
const notesOf = (m: RunModel) => produced(m).report.notes.map((n) => n.text)
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i))

// Plausible figures (the reference's order of magnitude): 40 + 120 + 5 + 250 = 415 ms of a 500 ms exchange.
const REAL: Stages = { intent_classification: 40, search: 120, user_profile: 5, response_generation: 250 }

describe('a stage figure must be plausible against the measured latency', () => {
  test('a stage longer than the whole exchange is not used, never "over budget", never in the latency reason', () => {
    // The review: "search P95 90,000 ms > 500 ms" while the end-to-end P95 is 25 ms.
    const m = run(times(20, () => ({ latencyMs: 25, stages: { intent_classification: 0.1, search: 90_000, response_generation: 0.2 } })))
    const p = produced(m)
    expect(p.aggregate.stages.search).toMatchObject({ n: 0, of: 20, reported: false, overBudget: false, status: 'not_used' })
    expect(p.aggregate.stagesOverBudget).toEqual([])
    expect(rowOf(p.markdown, 'search')).toBe('| search | — | — | — | 0 of 20 | 500 ms | reported, not usable (see the notes) |')
    expect(p.markdown).not.toContain('90,000')
    expect(p.html).not.toContain('90,000')
    expect(p.report.stageFigures).toMatchObject({ of: 20, used: 0, exceedsLatency: 20 })
    expect(notesOf(m)).toContain(
      'stage figures of 20 of 20 answer(s) exceed their measured latency (by more than 10 % + 5 ms): not used — no stage can outlast the exchange; the service may report seconds, or another clock',
    )
    // A slow run: the latency criterion fails, and its reason names no impossible stage.
    const slow = run(times(20, () => ({ latencyMs: 6000, stages: { search: 90_000 } })))
    expect(JSON.stringify(produced(slow).report.criteria)).not.toMatch(/over budget/)
  })

  test('mixed units (half ms, half s): the answers in ms exceed their 10 ms and are left out; no percentile mixes them', () => {
    // The review: an intent P50 of 125 ms no answer had, response_generation P95 4,500 ms "over budget" at P95 10 ms.
    const ms = { intent_classification: 250, search: 800, response_generation: 4500 }
    const s = { intent_classification: 0.25, search: 0.8, response_generation: 4.5 }
    const m = run(times(30, (i) => ({ latencyMs: 10, stages: i % 2 === 0 ? ms : s, stageReading: { totalMs: i % 2 === 0 ? 5600 : 5.6 } })))
    const p = produced(m)
    expect(p.aggregate.stages.intent_classification).toMatchObject({ n: 15, of: 30, p50: 0.25, status: 'within' })
    expect(p.aggregate.stages.response_generation).toMatchObject({ n: 15, p95: 4.5, overBudget: false })
    expect(p.aggregate.stageFigures).toMatchObject({ used: 15, exceedsLatency: 15, secondsSuspected: 0 })
    expect(rowOf(p.markdown, 'intent_classification')).toContain('| 15 of 30 |')
    expect(notesOf(m).join('\n')).not.toMatch(/stage \w+ P95 .* > budget/)
  })

  test('seconds on every answer: the header total × 1000 is the measured latency → not used, said, never converted', () => {
    // The review: `dur=0.3` for a 250 ms stage read "0.3 ms within budget"; `total;dur=0.6` against 600 ms measured.
    const secs = { intent_classification: 0.25, search: 0.1, response_generation: 0.24 }
    const m = run(times(20, () => ({ latencyMs: 605, stages: secs, stageReading: { totalMs: 0.6 } })))
    const p = produced(m)
    for (const stage of ['intent_classification', 'search', 'response_generation'] as const)
      expect(p.aggregate.stages[stage]).toMatchObject({ n: 0, p95: null, status: 'not_used' })
    expect(p.aggregate.stageFigures).toMatchObject({ used: 0, secondsSuspected: 20 })
    expect(rowOf(p.markdown, 'intent_classification')).not.toContain('within budget')
    expect(notesOf(m)).toContain(
      'stage figures of 20 of 20 answer(s) not used: their Server-Timing total × 1000 is their measured latency — the service may report seconds (nothing is converted)',
    )
  })

  test('the rule at its edges: tolerance, the seconds window, and no unit guessed from stages alone', () => {
    const at = (latencyMs: number, stages: Stages, reading?: StageReading) =>
      stageTrust({ timedOut: false, latencyMs, stages, stageReading: reading })
    const ceiling = 1000 * (1 + STAGE_TOLERANCE.ratio) + STAGE_TOLERANCE.ms
    expect(at(1000, { search: ceiling })).toBe('used')
    expect(at(1000, { search: ceiling + 0.01 })).toBe('exceeds_latency')
    // The stages together (the plan's stages run one after the other), and the service's total, count too.
    expect(at(1000, { search: 600, response_generation: 600 })).toBe('exceeds_latency')
    expect(at(1000, { search: 600 }, { totalMs: 1500 })).toBe('exceeds_latency')
    // Stages run side by side: their sum exceeds the exchange, the service's total (which fits) holds each of them.
    expect(at(310, { intent_classification: 150, user_profile: 150, search: 60, response_generation: 95 }, { totalMs: 308 })).toBe('used')
    expect(at(310, { intent_classification: 150, user_profile: 150, search: 60, response_generation: 95 })).toBe('exceeds_latency')
    expect(at(310, { intent_classification: 150, search: 300 }, { totalMs: 200 })).toBe('exceeds_latency')
    // Seconds: the total × 1000 within [minShare × latency, latency + tolerance], on an exchange ≥ minMeasuredMs.
    expect(at(1000, { search: 0.3 }, { totalMs: 0.98 })).toBe('seconds_suspected')
    expect(at(1000, { search: 0.3 }, { totalMs: SECONDS_SUSPECTED.minShare * 0.99 })).toBe('used')
    expect(at(SECONDS_SUSPECTED.minMeasuredMs - 1, { search: 0.03 }, { totalMs: 0.09 })).toBe('used')
    // Without a total, tiny stages on a long exchange may be real (a service timing only its classifier): used.
    expect(at(600, { intent_classification: 0.25, search: 0.1, response_generation: 0.24 })).toBe('used')
    expect(at(600, {}, { totalMs: 0.6 })).toBe('none')
    expect(stageTrust({ timedOut: true, latencyMs: 5000, stages: {} })).toBe('timed_out')
  })
})

describe('each stage row states its population', () => {
  test('3 of 15 timed out: "12 of 15", every figure "≥", "within budget" only as a lower bound, and a note', () => {
    // The review: a run with 3 timeouts of 15 showed every stage "within budget", n=12, no "of 15".
    const m = run(times(15, (i) => (i % 5 === 1 ? timedOutAt(15_000) : { latencyMs: 500, stages: REAL })))
    const p = produced(m)
    expect(p.aggregate.stages.search).toMatchObject({ n: 12, of: 15, timedOut: 3, p95Censored: true, status: 'within_lower_bound' })
    expect(rowOf(p.markdown, 'search')).toBe(
      '| search | ≥ 120 ms | ≥ 120 ms | ≥ 120 ms | 12 of 15 | 500 ms | ❔ P95 within budget on the answers that came — a lower bound (≥): attempts timed out — weakly supported |',
    )
    expect(p.html).toMatch(/<tr data-status="within_lower_bound"><td>search<\/td><td class="num">≥ 120 ms<\/td>/)
    expect(p.html).toContain('12 of 15')
    expect(notesOf(m)).toContain('3 of 15 measured attempt(s) timed out: their stages are unknown, so every stage figure is a lower bound (≥)')
  })

  test('"over budget" from 4 of 30 answers says its support, in the note and in the latency reason', () => {
    const carried = { latencyMs: 9500, stages: { ...REAL, response_generation: 9000 } }
    const m = run(times(30, (i) => (i % 8 === 3 ? carried : { latencyMs: 9500, stages: {} })))
    const p = produced(m)
    expect(p.aggregate.stages.response_generation).toMatchObject({ n: 4, of: 30, weak: true, status: 'over' })
    const text = 'stage response_generation P95 9,000 ms > budget 3,000 ms (4 of 30 answers; weakly supported: 4 samples)'
    expect(notesOf(m)).not.toContain(text) // the latency criterion failed: its reason says it
    expect(JSON.stringify(p.report.criteria)).toContain('response_generation P95 9,000 ms > 3,000 ms (4 of 30 answers; weakly supported: 4 samples)')
    expect(notesOf(m)).toContain('26 of 30 answer(s) carried no stage timing: the stage figures leave them out')
    expect(rowOf(p.markdown, 'response_generation')).toContain('| 4 of 30 | 3,000 ms | ⚠️ P95 over budget — weakly supported |')
    // A passing latency: the note itself carries the support.
    const fast = run(times(30, (i) => (i % 8 === 3 ? { latencyMs: 3500, stages: { response_generation: 3200 } } : { latencyMs: 1000, stages: {} })))
    const en = produced(fast)
    expect(notesOf(fast)).toContain('stage response_generation P95 3,200 ms > budget 3,000 ms (4 of 30 answers; weakly supported: 4 samples)')
    expect(renderTerminal(en.model, en.aggregate, en.verdict, { dir: 'reports', written: true })).toContain(
      '(4 of 30 answers; weakly supported: 4 samples)',
    )
  })

  test('a header on 2 answers of 15, both implausible: the 13 without are said too, and no row claims a figure', () => {
    // The review's "partial" run: a slow LLM stage on one answer in 8, the client measuring ~10 ms.
    const m = run(
      times(15, (i) =>
        i % 8 === 3 ? { latencyMs: 11, stages: { intent_classification: 40, response_generation: 9000 } } : { latencyMs: 11, stages: {} },
      ),
    )
    const p = produced(m)
    expect(p.aggregate.stages.response_generation).toMatchObject({ n: 0, of: 15, status: 'not_used' })
    expect(notesOf(m)).toEqual(
      expect.arrayContaining([
        'stage figures of 2 of 15 answer(s) exceed their measured latency (by more than 10 % + 5 ms): not used — no stage can outlast the exchange; the service may report seconds, or another clock',
        '13 of 15 answer(s) carried no stage timing: the stage figures leave them out',
      ]),
    )
    // A service that never sends any: its rows say "not reported", no note repeats it.
    expect(notesOf(run(times(15, () => ({ latencyMs: 11, stages: {} })))).filter((n) => /stage/.test(n))).toEqual([])
  })

  test('20 answers, all with stages: no support caveat, no population note', () => {
    const m = run(times(20, () => ({ latencyMs: 500, stages: REAL })))
    const p = produced(m)
    expect(rowOf(p.markdown, 'search')).toBe('| search | 120 ms | 120 ms | 120 ms | 20 of 20 | 500 ms | ✅ P95 within budget |')
    expect(notesOf(m).filter((n) => /stage|Server-Timing/.test(n))).toEqual([])
  })
})

describe('what was dropped is said per kind; a stage whose entries were all dropped is "not usable", not "not reported"', () => {
  test('negative, unit, non-numeric, no duration, inside its stage; repeated and unmapped names', () => {
    const reading: StageReading = {
      totalMs: 480,
      dropped: [
        { name: 'response_generation', stage: 'response_generation', why: 'negative' },
        { name: 'search', stage: 'search', why: 'unit' },
        { name: 'user_profile', stage: 'user_profile', why: 'not_a_number' },
        { name: 'llm', stage: 'response_generation', why: 'inside_stage' },
      ],
      repeated: ['intent_classification'],
      unmapped: ['insights_v2', 'db'],
    }
    const m = run(times(20, (i) => ({ latencyMs: 500, stages: { intent_classification: 80 }, ...(i < 6 ? { stageReading: reading } : {}) })))
    const p = produced(m)
    expect(p.aggregate.stages.response_generation.status).toBe('not_used')
    expect(p.aggregate.stages.search.status).toBe('not_used')
    expect(rowOf(p.markdown, 'response_generation')).toContain('reported, not usable (see the notes)')
    const notes = notesOf(m)
    expect(notes).toContain('Server-Timing: 6 entries with a negative dur, in 6 answer(s) (response_generation): not used')
    expect(notes.some((n) => n.startsWith('Server-Timing: 6 entries with a unit in dur (250ms, 1.2s;'))).toBe(true)
    expect(notes).toContain('Server-Timing: 6 entries whose dur is not a number, in 6 answer(s) (user_profile): not used')
    expect(notes.some((n) => n.startsWith('Server-Timing: 6 entries naming a part of a stage'))).toBe(true)
    expect(
      notes.some((n) => n.startsWith('Server-Timing: intent_classification named more than once in 6 answer(s) — each entry is a separate metric')),
    ).toBe(true)
    expect(notes).toContain('Server-Timing: names that are no plan stage, in 6 answer(s): insights_v2, db — not in the stage figures')
    // No stage named at all: still "not reported by the service".
    const none = produced(run(times(20, () => ({ latencyMs: 500, stages: {} }))))
    expect(rowOf(none.markdown, 'search')).toBe('| search | — | — | — | 0 of 20 | 500 ms | not reported by the service |')
  })
})

describe('a wire that cannot carry stages', () => {
  test('harena-v3 declares stages absent: every row says "not observable on harena-v3", in Markdown and HTML, in both languages', () => {
    // What tests/support/adapters/harena-v3.ts declares of stages (its other parts do not matter here).
    const observes = { ...Object.fromEntries(OBSERVABLES.map((o) => [o, 'optional'])), stages: 'absent' } as Observes
    const target = { baseUrl: 'http://127.0.0.1:8001', contract: 'harena-v3', embedded: true, observes }
    const en = produced(
      run(
        times(20, () => ({ latencyMs: 500, stages: {} })),
        { target },
      ),
    )
    for (const stage of ['intent_classification', 'search', 'user_profile', 'response_generation'])
      expect(rowOf(en.markdown, stage)).toMatch(/\| 0 of 20 \| [0-9,]+ ms \| not observable on harena-v3 \|$/)
    expect(en.report.stages['search']?.status).toBe('not_observable')
    expect(en.html).toContain('<p class="muted">not observable on harena-v3</p>')
    const frModel = run(
      times(20, () => ({ latencyMs: 500, stages: {} })),
      { target },
    )
    const fr = produced({ ...frModel, settings: { ...frModel.settings, locale: 'fr' } })
    expect(rowOf(fr.markdown, 'search')).toContain('non observable sur harena-v3')
  })
})
