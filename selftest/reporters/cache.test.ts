// Cached repeats fool latency figures (lessons from peers §10): when measured attempts are several times faster
// than the first ask of the same questions, the report says so. Hand-made run models, real aggregate/render.
import { describe, expect, test } from 'vitest'
import { aggregate, cacheSuspicion } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { renderMarkdown } from '../../reporters/render-markdown.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import type { RunModel } from '../../core/model.ts'
import { attempt, modelWith, question } from './make-model.ts'

function withWarmups(warmMs: number, measuredMs: number, n = 5): RunModel {
  const base = modelWith([], {}, { locale: 'en' })
  return {
    ...base,
    questions: Array.from({ length: n }, (_, i) =>
      question(`q${String(i + 1).padStart(2, '0')}`, [attempt({ latencyMs: measuredMs }), attempt({ latencyMs: measuredMs * 1.1 })], {
        warmups: [attempt({ warmup: true, latencyMs: warmMs })],
      }),
    ),
  }
}

describe('cache suspicion', () => {
  test('repeats 20× faster than the first ask (12 s → 0.6 s) are flagged, with the ratio, in Markdown', () => {
    const m = withWarmups(12_000, 600)
    const c = cacheSuspicion(m)
    expect(c?.questions).toBe(5)
    expect(c?.medianRatio).toBeCloseTo(630 / 12_000, 9)
    const agg = aggregate(m)
    expect(renderMarkdown(m, agg, decide(m, agg), '2026-11-24T12:00:00Z')).toMatch(
      /Likely cache: over 5 questions, measured attempts took a median 5[.,]3 ?%/,
    )
  })

  test('no flag: similar latencies, tiny latencies (a local service), too few questions, or no warm-up', () => {
    expect(cacheSuspicion(withWarmups(12_000, 9_000))).toBeNull()
    expect(cacheSuspicion(withWarmups(40, 2))).toBeNull()
    expect(cacheSuspicion(withWarmups(12_000, 600, 2))).toBeNull()
    expect(cacheSuspicion(modelWith([600, 600, 600, 600]))).toBeNull()
  })
})

describe('terminal notes', () => {
  test('a stage over its budget is noted even when the verdict is GO; a likely cache too', () => {
    const base = withWarmups(12_000, 600)
    const m = {
      ...base,
      // Stages within the 600 ms the answers took (core/stage-figures.ts), search over its 500 ms budget.
      questions: base.questions.map((q) => ({
        ...q,
        attempts: q.attempts.map((a) => ({ ...a, stages: { intent_classification: 20, search: 540, user_profile: 5, response_generation: 30 } })),
      })),
    }
    const agg = aggregate(m)
    const v = decide(m, agg)
    const text = renderTerminal(m, agg, v, { dir: '/tmp/r', written: true })
    expect(v.criteria.find((c) => c.id === 'C2')?.status).toBe('pass')
    expect(text).toMatch(/note: stage search P95 540 ms > budget 500 ms/)
    expect(text).not.toMatch(/stage (intent_classification|user_profile|response_generation)/)
    expect(text).toMatch(/likely a cache, latency optimistic/)
  })
})
