// A confidence bound read at a rank that falls on a timed-out request is no bound (docs/verdict-rules.md step 5): a
// timeout's latency is only known to be ≥ the timeout. The review's case: 60 attempts, one hung answer, a 3,000 ms
// timeout, strict mode — the P95's upper rank is X(60), the timeout, and the run read GO with "[9.7 ms ; 3,000 ms]"
// and "reached (60)". The bound is now null with what is known of it (upperAtLeast): strict mode warns (fails when
// even that floor fails), every document writes "≥ 3,000 ms", and the samples needed are not "reached".
import { describe, expect, test } from 'vitest'
import { aggregate } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { quantileBounds, quantileInterval } from '../../reporters/intervals.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { say } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { attempt, modelWith, timedOutAt } from './make-model.ts'

/** n questions at 1000 ms, the last k ending at `lastMs`: timed out there, or (answered) a slow answer of that latency. */
function run(n: number, k: number, lastMs: number, settings: Partial<RunModel['settings']> = {}, answered = false): RunModel {
  const m = modelWith(
    Array.from({ length: n }, () => 1000),
    {},
    { timeoutMs: answered ? 60_000 : lastMs, minSuccessRate: 0.9, locale: 'en', ...settings },
  )
  const last = answered ? attempt({ latencyMs: lastMs, index: 0 }) : attempt({ ...timedOutAt(lastMs), index: 0 })
  m.questions = m.questions.map((q, i) => (i < n - k ? q : { ...q, attempts: [last] }))
  return m
}

const c2Of = (m: RunModel) => decide(m, aggregate(m)).criteria.find((c) => c.id === 'C2')

describe('quantileBounds: a bound on a censored rank', () => {
  const sorted = Float64Array.from({ length: 60 }, (_, i) => (i === 59 ? 3000 : 10 + i))
  test('60 samples, the top one censored: no upper bound, only "≥ 3,000"; uncensored, X(60) is the bound', () => {
    const ranks = quantileInterval(60)
    expect(ranks.upperRank).toBe(60)
    const lower = sorted[(ranks.lowerRank as number) - 1]
    expect(quantileBounds(sorted, [3000])).toMatchObject({ lower, upper: null, upperAtLeast: 3000 })
    expect(quantileBounds(sorted, [])).toMatchObject({ lower, upper: 3000, upperAtLeast: null })
  })

  test('an interior upper rank: censored exactly when a timeout takes that rank', () => {
    const n = 400
    const u = quantileInterval(n).upperRank as number
    expect(u).toBeLessThan(n)
    const withTop = (k: number) => {
      const xs = Float64Array.from({ length: n }, (_, i) => (i >= n - k ? 5000 : i + 1))
      return quantileBounds(
        xs,
        Array.from({ length: k }, () => 5000),
      )
    }
    // k = n − u + 1 timeouts reach rank u; one fewer leaves it an answered request.
    expect(withTop(n - u + 1)).toMatchObject({ upper: null, upperAtLeast: 5000 })
    expect(withTop(n - u)).toMatchObject({ upper: u, upperAtLeast: null })
  })

  test('a lower bound on a censored rank stays: the truth is only higher, it still bounds from below', () => {
    const n = 60
    const l = quantileInterval(n).lowerRank as number
    const k = n - l + 1
    const xs = Float64Array.from({ length: n }, (_, i) => (i >= n - k ? 3000 : i + 1))
    expect(
      quantileBounds(
        xs,
        Array.from({ length: k }, () => 3000),
      ).lower,
    ).toBe(3000)
  })
})

describe('C2 in strict mode: the upper bound on the timed-out request', () => {
  test('the review’s case: 60 attempts, one timeout at 3,000 ms → warn (CONDITIONAL), never GO', () => {
    const m = run(60, 1, 3000, { strict: true })
    const agg = aggregate(m)
    // The point estimate is exact (the timeout does not weigh in it): only the bound is in question.
    expect(agg.latency.p95Censored).toBe(false)
    expect(agg.latency.p95Interval).toMatchObject({ upper: null, upperAtLeast: 3000 })
    const v = decide(m, agg)
    const c2 = v.criteria.find((c) => c.id === 'C2')
    expect(c2).toMatchObject({ status: 'warn', outcome: 'bound_warn', samplesNeeded: null })
    expect(v.decision).toBe('CONDITIONAL')
    expect(say(c2?.reason ?? { code: 'none', params: {} }, 'en')).toBe(
      'C2: P95 1,000 ms ≤ 4,000 ms but the 95 % CI upper bound (≥ 3,000 ms, a timed-out request) does not establish it (strict mode).',
    )
    expect(c2?.notes.map((n) => n.code)).toContain('note.upper_bound_censored')
    const p = produce(m, '2026-12-06T00:00:00.000Z')
    const terminal = renderTerminal(p.model, p.aggregate, p.verdict, { dir: 'reports', written: true })
    expect(terminal).toContain('Harena validation: CONDITIONAL')
    expect(terminal).toContain('upper bound (≥ 3,000 ms, a timed-out request) does not establish it (strict mode)')
  })

  test('the same figure from an answered request is a bound: GO (the difference is the censoring alone)', () => {
    const m = run(60, 1, 3000, { strict: true }, true)
    expect(c2Of(m)).toMatchObject({ status: 'pass', interval: { upper: 3000 } })
    expect(decide(m, aggregate(m)).decision).toBe('GO')
  })

  test('a timeout beyond the NO-GO threshold: the bound is ≥ 6,000 ms > 5,000 ms, it fails — as an answer of 6,000 ms does', () => {
    const c2 = c2Of(run(60, 1, 6000, { strict: true }))
    expect(c2).toMatchObject({ status: 'fail', outcome: 'bound_fail' })
    expect(say(c2?.reason ?? { code: 'none', params: {} }, 'en')).toContain('upper bound (≥ 6,000 ms, a timed-out request) is > 5,000 ms')
    expect(c2Of(run(60, 1, 6000, { strict: true }, true))).toMatchObject({ status: 'fail', outcome: 'bound_fail' })
  })

  test('a timeout in the warn zone: the bound may lie beyond the NO-GO threshold, so it warns, never passes', () => {
    expect(c2Of(run(60, 1, 4500, { strict: true }))).toMatchObject({ status: 'warn', outcome: 'bound_warn' })
  })
})

describe('default mode: every document says the bound is not known, and "reached" is never written', () => {
  test('Markdown, terminal, HTML and JSON of the review’s case', () => {
    const p = produce(run(60, 1, 3000), '2026-12-06T00:00:00.000Z')
    const c2 = p.verdict.criteria.find((c) => c.id === 'C2')
    expect(c2).toMatchObject({ status: 'pass', samplesNeeded: null })
    const row = p.markdown.split('\n').find((l) => l.startsWith('| C2 ')) ?? ''
    expect(row).toContain('| [1,000 ms ; ≥ 3,000 ms] |')
    expect(row).not.toMatch(/reached/)
    expect(row).toMatch(/\| — \|$/)
    expect(p.markdown).toContain('- Latency P95: 1,000 ms (95 % CI by order statistics 1,000 ms – unbounded (≥ 3,000 ms, a timed-out request))')
    expect(p.html).toContain('[1,000 ms ; ≥ 3,000 ms]')
    expect(p.html).not.toContain('[1,000 ms ; 3,000 ms]')
    const json = p.report.criteria.find((c) => c.id === 'C2')
    expect(json?.interval).toMatchObject({ lower: 1000, upper: null, upperAtLeast: 3000 })
    expect(json?.notes.map((n) => n.code)).toContain('note.upper_bound_censored')
    expect(p.report.summary.latencyMs.p95Interval).toEqual({ lower: 1000, upper: null, upperAtLeast: 3000 })
    expect(json?.note).toContain('falls on a timed-out request, only known to be ≥ 3,000 ms: no upper bound')
  })

  test('without the timeout the bound exists and the run reaches its samples', () => {
    const p = produce(run(60, 1, 3000, {}, true), '2026-12-06T00:00:00.000Z')
    expect(p.verdict.criteria.find((c) => c.id === 'C2')).toMatchObject({ status: 'pass', samplesNeeded: 60 })
    expect(p.markdown.split('\n').find((l) => l.startsWith('| C2 '))).toContain('| [1,000 ms ; 3,000 ms] |')
  })
})

describe('C6: the TTFC P95 interval follows the same rule', () => {
  /** n streamed attempts, first chunk at 300 ms; the last one timed out (1,500 ms) before any chunk. */
  function streamed(n: number, strict: boolean): RunModel {
    const m = run(n, 1, 1500, { stream: true, strict })
    m.questions = m.questions.map((q, i) => ({
      ...q,
      attempts: q.attempts.map((a) => ({
        ...a,
        stream: {
          firstEventMs: 20,
          firstContentMs: i < n - 1 ? 300 : null,
          endMs: a.latencyMs,
          events: 3,
          contentChunks: i < n - 1 ? 2 : 0,
          completed: i < n - 1,
        },
      })),
    }))
    return m
  }

  test('60 streamed answers, one timed out before its first chunk: no upper bound, strict warns, the line says ≥', () => {
    const p = produce(streamed(60, true), '2026-12-06T00:00:00.000Z')
    expect(p.aggregate.stream?.ttfc.p95Interval).toMatchObject({ upper: null, upperAtLeast: 1500 })
    expect(p.verdict.criteria.find((c) => c.id === 'C6')).toMatchObject({ status: 'warn', outcome: 'bound_warn', samplesNeeded: null })
    const line = p.markdown.split('\n').find((l) => l.includes('Streaming — TTFC')) ?? ''
    expect(line).toContain('[300 ms ; ≥ 1,500 ms]')
    expect(p.markdown.split('\n').find((l) => l.startsWith('| C6 '))).toContain('| [300 ms ; ≥ 1,500 ms] |')
  })
})
