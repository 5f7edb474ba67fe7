// The verdict reads a P95 as censored (C2 inconclusive, never GO) only when a timeout weighs in it
// (docs/verdict-rules.md step 4). The review's case: 21 attempts, 1 timeout → P95 = x(19) exactly → GO, not
// CONDITIONAL. Variants around it: n where h = 0.95·(n−1) is whole or not, the timeouts at and around the rank,
// P50/P99 flags, and the streamed TTFC P95 (C6), which shares the rule.
import { describe, expect, test } from 'vitest'
import { aggregate } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { streamFigures } from '../../reporters/stream-stats.ts'
import { produce } from '../../reporters/pipeline.ts'
import { fmtMs } from '../../core/locale/format.ts'
import { say } from '../../core/locale/index.ts'
import type { RunModel } from '../../core/model.ts'
import { attempt, modelWith, timedOutAt } from './make-model.ts'

const TIMEOUT = 60_000
const timedOut = timedOutAt

/** n questions at 1000 ms, the last k timed out. */
function run(n: number, k: number, settings: Partial<RunModel['settings']> = {}, timeoutMs = TIMEOUT): RunModel {
  const m = modelWith(
    Array.from({ length: n }, () => 1000),
    {},
    { timeoutMs, ...settings },
  )
  m.questions = m.questions.map((q, i) => (i < n - k ? q : { ...q, attempts: [attempt({ ...timedOut(timeoutMs), index: 0 })] }))
  return m
}

describe('C2: a P95 is censored only when a timeout weighs in its interpolation', () => {
  // [n, timeouts, censored]: h = 0.95·(n−1); the P95 reads x(⌊h⌋), and x(⌊h⌋+1) only when h is not whole.
  const cases: Array<[number, number, boolean]> = [
    [20, 1, true], // h = 18.05 → x(18), x(19): the timeout
    [21, 1, false], // h = 19 → x(19) only (the review's case)
    [22, 1, false], // h = 19.95 → x(19), x(20); the timeout is x(21)
    [40, 2, true], // h = 37.05 → x(38) is a timeout
    [41, 2, false], // h = 38 → x(38); the timeouts are x(39), x(40)
    [41, 3, true], // h = 38 → x(38) is a timeout itself
    [60, 3, true], // h = 56.05 → x(57) is a timeout
    [61, 3, false], // h = 57 → x(57); the timeouts are x(58)…x(60)
  ]
  test.each(cases)('n = %i, %i timeout(s) at the top → censored %s; GO exactly when not censored', (n, k, censored) => {
    // A timeout of 3 s: the figure stays under the GO threshold whatever it interpolates, so censoring decides.
    const m = run(n, k, { minSuccessRate: 0.9 }, 3000)
    const agg = aggregate(m)
    expect(agg.latency.p95Censored).toBe(censored)
    if (!censored) expect(agg.latency.p95).toBe(1000)
    const v = decide(m, agg)
    const c2 = v.criteria.find((c) => c.id === 'C2')
    expect(c2?.status).toBe(censored ? 'inconclusive' : 'pass')
    // Every other criterion passes (n − k of n ≥ 90 %): the decision is the P95's.
    expect(v.criteria.filter((c) => c.id !== 'C2').map((c) => c.status)).toEqual(v.criteria.filter((c) => c.id !== 'C2').map(() => 'pass'))
    expect(v.decision).toBe(censored ? 'CONDITIONAL' : 'GO')
  })

  test('P50 and P99 carry the same rule', () => {
    // n = 101: P99 h = 99 (whole), P50 h = 50 (whole).
    expect(aggregate(run(101, 1)).latency.p99Censored).toBe(false)
    expect(aggregate(run(101, 2)).latency.p99Censored).toBe(true)
    expect(aggregate(run(100, 1)).latency.p99Censored).toBe(true) // h = 98.01 → x(99)
    expect(aggregate(run(101, 50)).latency.p50Censored).toBe(false)
    expect(aggregate(run(101, 51)).latency.p50Censored).toBe(true)
    expect(aggregate(run(100, 50)).latency.p50Censored).toBe(true) // h = 49.5 → x(50)
  })
})

/**
 * n streamed attempts, question i's first chunk at `firstChunk(i)` ms; the last k timed out (1,500 ms) before any
 * chunk.
 */
function streamed(n: number, k: number, firstChunk: (i: number) => number = () => 300): RunModel {
  const m = run(n, k, { stream: true }, 1500)
  m.questions = m.questions.map((q, i) => ({
    ...q,
    attempts: q.attempts.map((a) => ({
      ...a,
      stream: {
        firstEventMs: 20,
        firstContentMs: i < n - k ? firstChunk(i) : null,
        endMs: a.latencyMs,
        events: 3,
        contentChunks: i < n - k ? 2 : 0,
        completed: i < n - k,
      },
    })),
  }))
  return m
}

describe('C6: the streamed TTFC P95 follows the same rule', () => {
  test.each([
    [20, 1, true],
    [21, 1, false],
    [41, 2, false],
    [40, 2, true],
  ] as Array<[number, number, boolean]>)('n = %i, %i timeout(s) before the first chunk → TTFC P95 censored %s', (n, k, censored) => {
    const m = streamed(n, k)
    expect(streamFigures(m)?.ttfc.p95Censored).toBe(censored)
    const c6 = decide(m, aggregate(m)).criteria.find((c) => c.id === 'C6')
    expect(c6?.status).toBe(censored ? 'inconclusive' : 'pass')
  })
})

describe('every document writes a censored TTFC percentile as a lower bound, on one population', () => {
  test.each([
    // n, k: which of P50 / P95 / P99 a timeout weighs in
    [10, 1, [false, true, true]],
    [10, 6, [true, true, true]],
    [101, 1, [false, false, false]],
    [101, 2, [false, false, true]],
  ] as Array<[number, number, [boolean, boolean, boolean]]>)('n = %i, %i timeout(s): censored P50/P95/P99 = %j', (n, k, flags) => {
    const m = streamed(n, k, (i) => 10 * (i + 1))
    const st = streamFigures(m)
    expect([st?.ttfc.p50Censored, st?.ttfc.p95Censored, st?.ttfc.p99Censored]).toEqual(flags)
    const out = produce(m, '2026-12-03T00:00:00.000Z')
    const json = out.report as { metrics: Record<string, { value: number | null; censored: boolean }> }
    expect(['ttfc_p50_ms', 'ttfc_p95_ms', 'ttfc_p99_ms'].map((name) => json.metrics[name]?.censored)).toEqual(flags)
    // The HTML's TTFC figures are the summary's (the timed-out streams in, at their latency), not its own count.
    const ttfcLine = /premier fragment \(réponse en flux\)<\/h3><p>([^<]*)<\/p>/.exec(out.html)?.[1] ?? ''
    const shown = (censored: boolean, value: number | null | undefined) => `${censored ? '≥ ' : ''}${fmtMs(value ?? null, 'fr')}`
    expect(ttfcLine).toBe(
      `P50 ${shown(flags[0], st?.ttfc.p50)} · P95 ${shown(flags[1], st?.ttfc.p95)} · P99 ${shown(flags[2], st?.ttfc.p99)} · n = ${n}`,
    )
    const mdLine = out.markdown.split('\n').find((l) => l.includes('Réponse en flux — TTFC')) ?? ''
    expect(mdLine).toContain(`P50 / P95 / P99 : ${shown(flags[0], st?.ttfc.p50)} / ${shown(flags[1], st?.ttfc.p95)}`)
    expect(mdLine).toContain(`/ ${shown(flags[2], st?.ttfc.p99)} (n = ${n})`)
  })
})

// The TTFB follows the same rule: an attempt that timed out before any byte enters at the timeout, censored — never
// dropped (a review: 5 of 75 attempts without headers in 400 ms, and a TTFB P95 of 44 ms over the 70 that came).
describe('TTFB: a timeout before the first byte enters at the timeout, censored', () => {
  test.each([
    [20, 1, true],
    [21, 1, false],
    [20, 0, false],
  ])('n = %i, %i timeout(s) without a byte → TTFB over n, P95 censored %s, said with ≥ in the Markdown', (n, k, censored) => {
    const m = run(n, k, {}, 3000)
    const agg = aggregate(m)
    expect(agg.ttfb.n).toBe(n)
    expect(agg.ttfb.censored).toBe(k)
    expect(agg.ttfb.p95Censored).toBe(censored)
    expect(agg.metrics.ttfb_p95_ms?.censored).toBe(censored)
    if (k > 0) expect(agg.ttfb.p99).toBeGreaterThan(900) // the others came at 900 ms: the timeout weighs in the P99
    const md =
      produce(m, '2026-12-03T00:00:00.000Z')
        .markdown.split('\n')
        .find((l) => l.startsWith('- TTFB')) ?? ''
    expect(md.includes('/ ≥ ')).toBe(censored)
  })

  test('a transport error has no TTFB and is not counted in it (no response, not a slow one)', () => {
    const m = run(10, 0)
    m.questions[0] = {
      ...(m.questions[0] as RunModel['questions'][number]),
      attempts: [attempt({ ok: false, httpStatus: null, ttfbMs: null, index: 0 })],
    }
    expect(aggregate(m).ttfb.n).toBe(9)
  })
})

// Every figure computed over censored latencies is a lower bound: the mean and the max as much as a percentile (a
// review: "Mean latency : 558 ms" with 8 of 15 latencies recorded at the timeout, and no "≥").
describe('the mean and the max over censored latencies are written as lower bounds', () => {
  const lines = (m: RunModel, locale: 'fr' | 'en') => {
    m.settings.locale = locale
    return produce(m, '2026-12-03T00:00:00.000Z').markdown.split('\n')
  }
  test.each([
    ['en', '- Mean latency : ', '- Mean / max latency: '],
    ['fr', '- Latence moyenne : ', '- Latence moyenne / max: '],
  ] as const)('%s: "≥" before the mean and the max once a timeout is in the series, none without', (locale, summary, metrics) => {
    const censored = lines(run(15, 8, {}, 1000), locale)
    expect(censored.find((l) => l.startsWith(summary))).toMatch(new RegExp(`^${summary.replace(/[()]/g, '\\$&')}≥ `))
    expect(censored.find((l) => l.startsWith(metrics))).toMatch(/: ≥ [^/]+ \/ ≥ /)
    const exact = lines(run(15, 0, {}, 1000), locale)
    expect(exact.find((l) => l.startsWith(summary))).not.toContain('≥')
    expect(exact.find((l) => l.startsWith(metrics))?.split('(')[0]).not.toContain('≥')
  })
})

// A censored figure cannot be placed in a zone bounded from above by a limit it may exceed: "P95 ≥ 5,000 ms between
// 4,000 ms and 5,000 ms (conditional zone)" said both at once (a review, HARENA_TIMEOUT_MS = VALIDATION_P95_NOGO_MS).
describe('C2: a censored P95 in the warn zone is inconclusive, never "in the conditional zone"', () => {
  const c2Of = (m: RunModel) => {
    const v = decide(m, aggregate(m))
    const c2 = v.criteria.find((c) => c.id === 'C2')
    return { v, c2, sentence: c2?.reason ? say(c2.reason, 'en') : '' }
  }
  test('censored at the NO-GO threshold itself: at least that threshold, inconclusive', () => {
    // 20 attempts, 2 timed out at 5,000 ms = VALIDATION_P95_NOGO_MS: P95 = x(18), x(19) = both timeouts.
    const { v, c2, sentence } = c2Of(run(20, 2, { minSuccessRate: 0.5 }, 5000))
    expect(c2).toMatchObject({ status: 'inconclusive', outcome: 'censored_warn', observed: 5000, censored: true })
    expect(sentence).toBe(
      'C2: P95 ≥ 5,000 ms: at least the NO-GO threshold 5,000 ms, the true value may exceed it; inconclusive. P95 censored by timeouts: the true value is ≥ the figure shown.',
    )
    expect(sentence).not.toMatch(/between|conditional zone/)
    expect(v.decision).toBe('CONDITIONAL')
  })

  test('censored inside the zone: beyond the GO threshold, may exceed the NO-GO one; French too', () => {
    const m = run(20, 2, { minSuccessRate: 0.5 }, 4500)
    const { c2, sentence } = c2Of(m)
    expect(c2).toMatchObject({ status: 'inconclusive', outcome: 'censored_warn' })
    expect(sentence).toBe(
      'C2: P95 ≥ 4,500 ms: beyond 4,000 ms, the true value may exceed the NO-GO threshold 5,000 ms; inconclusive. P95 censored by timeouts: the true value is ≥ the figure shown.',
    )
    expect(c2?.reason ? say(c2.reason, 'fr') : '').toContain('non concluant')
  })

  test('an uncensored P95 in the zone stays a warning; a censored one beyond the NO-GO threshold stays a failure', () => {
    const warn = modelWith([...Array.from({ length: 18 }, () => 1000), 4500, 4500], {}, { minSuccessRate: 0.5 })
    expect(c2Of(warn).c2).toMatchObject({ status: 'warn', outcome: 'warn_zone', censored: false })
    expect(c2Of(run(20, 2, { minSuccessRate: 0.5 }, 6000)).c2).toMatchObject({ status: 'fail', outcome: 'fail_point', censored: true })
  })
})
