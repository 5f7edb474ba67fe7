// Baseline comparison statistics on hand-made samples: a real difference is called, noise is not, a newly failing
// question is named, and another question set or contract is refused.
import { describe, expect, test } from 'vitest'
import { baselineRefusal } from '../../core/baseline.ts'
import { say } from '../../core/locale/index.ts'
import { mulberry32 } from '../../core/random.ts'
import { bootstrapLatency, compareRuns, mismatch, rateDifference, type RunSnapshot } from '../../reporters/compare.ts'

/** n latencies from a skewed (log-normal) distribution around `median` ms: what an LLM pipeline looks like. */
function lognormal(n: number, median: number, seed: number, sigma = 0.35): number[] {
  const rng = mulberry32(seed)
  return Array.from({ length: n }, () => {
    const u = Math.max(rng(), 1e-12)
    const v = rng()
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    return median * Math.exp(sigma * z)
  })
}

function snapshot(latencies: number[], questions: Array<[string, boolean]>, over: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    generatedAt: '2026-11-20T10:00:00.000Z',
    decision: 'GO',
    contract: 'harena-v2',
    questions: questions.map(([id, success]) => ({ id, message: `Question ${id}`, success })),
    successes: questions.filter(([, s]) => s).length,
    planned: questions.length,
    latencies,
    timeouts: 0,
    ...over,
  }
}

const QS: Array<[string, boolean]> = Array.from({ length: 15 }, (_, i) => [`q${String(i + 1).padStart(2, '0')}`, true])

describe('latency differences carry their uncertainty', () => {
  test('identical distributions → no detectable change', () => {
    const xs = lognormal(100, 2000, 1)
    const r = bootstrapLatency(xs, [...xs])
    expect(r.p95.delta).toBe(0)
    expect(r.p95.interval?.lower).toBeLessThanOrEqual(0)
    expect(r.p95.interval?.upper).toBeGreaterThanOrEqual(0)
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('two samples of the same distribution → no detectable change', () => {
    const r = bootstrapLatency(lognormal(100, 2000, 1), lognormal(100, 2000, 2))
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('P95 +50 % with 100 samples each → regression; the reverse → improvement', () => {
    const before = lognormal(100, 2000, 3)
    const after = before.map((x) => x * 1.5)
    const r = bootstrapLatency(before, after)
    expect(r.p95.relative).toBeCloseTo(0.5, 6)
    expect(r.p95.interval?.lower).toBeGreaterThan(0)
    expect(r.p95.label).toBe('regression')
    expect(bootstrapLatency(after, before).p95.label).toBe('improvement')
  })

  test('P95 +50 % on independent samples (not the same draws scaled) → regression', () => {
    const r = bootstrapLatency(lognormal(100, 2000, 4), lognormal(100, 3000, 5))
    expect(r.p95.label).toBe('regression')
  })

  test('+5 % with 15 samples → no detectable change (not a false alarm)', () => {
    const before = lognormal(15, 2000, 6)
    const r = bootstrapLatency(
      before,
      before.map((x) => x * 1.05),
    )
    expect(r.p95.relative).toBeCloseTo(0.05, 6)
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('the same inputs always give the same interval (seeded resampling)', () => {
    const a = lognormal(50, 2000, 7)
    const b = lognormal(50, 2400, 8)
    expect(bootstrapLatency(a, b)).toEqual(bootstrapLatency(a, b))
    expect(bootstrapLatency(a, b, 1).p95.interval).not.toEqual(bootstrapLatency(a, b, 2).p95.interval)
  })

  test('the interval ends are the type-7 quantiles of the resampled differences: the figures of these two runs, pinned', () => {
    // Computed by the bootstrap's own interpolation before it read them with core/percentile.ts quantileSorted7: the
    // same resamples give the same ends to the last bit.
    const before = Array.from({ length: 37 }, (_, i) => 800 + ((i * 7919) % 613))
    const after = Array.from({ length: 41 }, (_, i) => 900 + ((i * 104729) % 701))
    const r = bootstrapLatency(before, after, 20261124, { before: 0, after: 2 })
    expect(r.resamples).toBe(2000)
    expect([r.p50.interval, r.p50.relativeInterval]).toEqual([
      { lower: 39, upper: 370 },
      { lower: 0.034240561896400346, upper: 0.34758364312267664 },
    ])
    expect([r.p95.interval, r.p95.relativeInterval]).toEqual([
      { lower: 202, upper: 303.20000000000005 },
      { lower: 0.14542836573074158, upper: 0.23434843097851288 },
    ])
  })
})

describe('success rate difference (Newcombe)', () => {
  test('15/15 → 14/15 is no detectable change; 100/100 → 60/100 is a regression', () => {
    expect(rateDifference(15, 15, 14, 15).label).toBe('no_change')
    const r = rateDifference(100, 100, 60, 100)
    expect(r.delta).toBeCloseTo(-0.4, 9)
    expect(r.interval?.upper).toBeLessThan(0)
    expect(r.label).toBe('regression')
    expect(rateDifference(60, 100, 100, 100).label).toBe('improvement')
  })

  test('the interval contains the observed difference', () => {
    const r = rateDifference(40, 50, 45, 50)
    expect(r.interval?.lower).toBeLessThan(0.1)
    expect(r.interval?.upper).toBeGreaterThan(0.1)
  })
})

describe('compareRuns', () => {
  test('a newly failing question is named, a newly passing one too', () => {
    const base = snapshot(lognormal(15, 2000, 9), QS)
    const nowQs = QS.map(([id]) => [id, id !== 'q07'] as [string, boolean])
    nowQs[2] = ['q03', true]
    const base2 = { ...base, questions: base.questions.map((q) => (q.id === 'q11' ? { ...q, success: false } : q)) }
    const c = compareRuns(snapshot(lognormal(15, 2000, 10), nowQs), base2, 0.2)
    expect(c.newlyFailing).toEqual([{ id: 'q07', message: 'Question q07' }])
    expect(c.newlyPassing.map((q) => q.id)).toEqual(['q11'])
  })

  test('P95 beyond the allowance: +80 % with 200 samples is flagged, +50 % within a 100 % allowance is not', () => {
    const before = lognormal(200, 2000, 11, 0.2)
    const base = snapshot(before, QS)
    const slower = snapshot(
      before.map((x) => x * 1.8),
      QS,
    )
    expect(compareRuns(slower, base, 0.2).p95RegressionBeyondAllowance).toBe(true)
    const bitSlower = snapshot(
      before.map((x) => x * 1.5),
      QS,
    )
    const c = compareRuns(bitSlower, base, 1)
    expect(c.p95.label).toBe('regression')
    expect(c.p95RegressionBeyondAllowance).toBe(false)
  })

  // A review (2026-12-04): the same hangs under a longer timeout read as "worse by more than 20 % with 95 % confidence".
  test('a censored baseline P95 proves no regression: inconclusive, both sides marked; a censored current one does not excuse one', () => {
    const fast = lognormal(90, 150, 13, 0.1)
    const hungAt = (timeoutMs: number) => [...fast, ...Array.from({ length: 20 }, () => timeoutMs)]
    const base = snapshot(hungAt(300), QS, { timeouts: 20 })
    const now = snapshot(hungAt(1000), QS, { timeouts: 20 })
    const c = compareRuns(now, base, 0.2)
    expect(c.p95.censored).toEqual({ before: true, after: true })
    expect(c.p95.label).toBe('inconclusive')
    expect(c.p95RegressionBeyondAllowance).toBe(false)
    expect(c.p50.censored).toEqual({ before: false, after: false })
    // An uncensored baseline and a censored, slower current run: the regression stands (the true value is even larger).
    const clean = snapshot(fast, QS)
    const worse = compareRuns(now, clean, 0.2)
    expect(worse.p95.censored).toEqual({ before: false, after: true })
    expect(worse.p95.label).toBe('regression')
    expect(worse.p95RegressionBeyondAllowance).toBe(true)
  })

  // A review (2026-12-06): the point P95 was exact, but the bootstrap's resamples whose baseline P95 landed on a
  // timeout took it as exact — "worse by more than 20 % with 95 % confidence" rested on 3,000 ms being the truth.
  test('a resampled baseline P95 on a timeout bounds nothing: no proven regression, though the point P95 is exact', () => {
    const answered = Array.from({ length: 58 }, (_, i) => 400 + i)
    const now = snapshot(
      Array.from({ length: 60 }, (_, i) => 4000 + i),
      QS,
    )
    const hung = compareRuns(now, snapshot([...answered, 3000, 3000], QS, { timeouts: 2 }), 0.2)
    expect(hung.p95.censored).toEqual({ before: false, after: false })
    expect(hung.p95.label).toBe('inconclusive')
    expect(hung.p95RegressionBeyondAllowance).toBe(false)
    // The same figures from answered requests are exact: the regression is proven.
    const slow = compareRuns(now, snapshot([...answered, 3000, 3000], QS), 0.2)
    expect(slow.p95.label).toBe('regression')
    expect(slow.p95RegressionBeyondAllowance).toBe(true)
    expect(slow.p95.relativeInterval).toEqual(hung.p95.relativeInterval)
    // The other side: a current run whose resampled P95 lands on its timeouts proves no improvement.
    const better = compareRuns(snapshot([...answered, 3000, 3000], QS, { timeouts: 2 }), now, 0.2)
    expect(better.p95.label).toBe('inconclusive')
    expect(compareRuns(snapshot([...answered, 3000, 3000], QS), now, 0.2).p95.label).toBe('improvement')
  })

  test('identical runs: nothing regressed', () => {
    const xs = lognormal(15, 2000, 12)
    const c = compareRuns(snapshot(xs, QS), snapshot(xs, QS), 0.2)
    expect(c.newlyFailing).toEqual([])
    expect(c.p95.label).toBe('no_change')
    expect(c.successRate.label).toBe('no_change')
    expect(c.p95RegressionBeyondAllowance).toBe(false)
  })
})

describe('mismatch: another contract or question set is refused', () => {
  const base = snapshot([], QS)
  /** The refusal's cause as the English line says it (a reason: core/locale/config.ts). */
  const why = (run: RunSnapshot, baseline: RunSnapshot): string | null => {
    const r = mismatch(run, baseline)
    return r === null ? null : say(r, 'en')
  }
  test('same set → null', () => expect(why(snapshot([], QS), base)).toBeNull())
  test('another contract', () => expect(why(snapshot([], QS, { contract: 'harena-v3' }), base)).toMatch(/contract harena-v2, this run harena-v3/))
  test('a question added or removed is named', () => {
    expect(why(snapshot([], [...QS, ['q99', true]]), base)).toMatch(/not in the baseline: q99/)
    expect(why(snapshot([], QS.slice(1)), base)).toMatch(/only in the baseline: q01/)
  })
  test('same id, another message', () => {
    const other = {
      ...snapshot([], QS),
      questions: QS.map(([id]) => ({ id, message: id === 'q02' ? 'Autre chose' : `Question ${id}`, success: true })),
    }
    expect(why(other, base)).toMatch(/other questions under the same ids \(q02\)/)
  })
  test('said in French in a French run, inside the configuration error that names VALIDATION_BASELINE', () => {
    const r = mismatch(snapshot([], QS.slice(1)), base)
    expect(r === null ? '' : say(baselineRefusal('/b/validation-report.json', r), 'fr')).toBe(
      'VALIDATION_BASELINE=/b/validation-report.json est refusée : la référence a posé un autre jeu de questions (seulement dans la référence : q01) ; attendu : un validation-report.json du même contrat et du même jeu de questions',
    )
  })
})
