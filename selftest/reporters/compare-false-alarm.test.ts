// How often the baseline comparison calls a difference that is not there: two runs drawn from ONE latency
// distribution, of the sizes CI compares (a hand-run of 15 attempts against a push of 150, and back), many times over,
// seeded. Each one-sided label ("regression", "improvement") may come at most at its nominal rate, 2.5 %, whatever the
// two sizes. The percentile bootstrap this comparison used before labelled 15 against 150 "regression" 25–30 % of the
// time (a resampled P95 never exceeds its sample's maximum: a small run's is biased low; review 2026-12,
// docs/baseline.md). A method that never calls anything would pass that bound: the same draws, one run made 60 %
// slower, must be called "regression" most of the time.
import { describe, expect, test } from 'vitest'
import { mulberry32 } from '../../core/random.ts'
import { type ChangeLabel, compareLatency, compareRuns, type RunSnapshot } from '../../reporters/compare.ts'

/** LLM-like latencies: log-normal, median 30 s, σ 0.35 (P95 ≈ 1.8 × P50). */
function lognormalDraws(seed: number): (n: number, factor?: number) => number[] {
  const rng = mulberry32(seed)
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())
  return (n, factor = 1) => Array.from({ length: n }, () => factor * 30_000 * Math.exp(0.35 * normal()))
}

const TRIALS = 160
/** Sizes compared: [baseline, current] measured attempts. */
const SIZES: ReadonlyArray<readonly [number, number]> = [
  [15, 150],
  [150, 15],
  [15, 15],
  [6, 30],
  [30, 300],
]

/** The P95 labels of TRIALS comparisons of `before` × `after` sizes (current run `factor` times slower), and how often "beyond the allowance". */
function p95Labels(sizes: readonly [number, number], factor: number, seed: number): { labels: Map<ChangeLabel, number>; beyond: number } {
  const draw = lognormalDraws(seed)
  const labels = new Map<ChangeLabel, number>()
  let beyond = 0
  for (let t = 0; t < TRIALS; t++) {
    const c = compareLatency(draw(sizes[0]), draw(sizes[1], factor), { seed: 1000 + t, allowance: 0.2, intervals: false })
    labels.set(c.p95.label, (labels.get(c.p95.label) ?? 0) + 1)
    if (c.p95BeyondAllowance) beyond++
  }
  return { labels, beyond }
}

const rate = (count: number | undefined) => (count ?? 0) / TRIALS

describe('P95 comparison of one distribution with itself, whatever the two sizes', () => {
  test.each(SIZES)('baseline %i attempts, current %i: "regression" and "improvement" each at most near 2.5 %', (nb, na) => {
    const { labels, beyond } = p95Labels([nb, na], 1, 7 + nb * 1000 + na)
    // 2.5 % nominal; 160 trials put a binomial's 97.5th percentile at 5 %: above it the method is biased, not unlucky.
    expect(rate(labels.get('regression'))).toBeLessThanOrEqual(0.05)
    expect(rate(labels.get('improvement'))).toBeLessThanOrEqual(0.05)
    expect(beyond / TRIALS).toBeLessThanOrEqual(0.025)
  })

  test('a real difference is still called: 60 % slower is "regression" in most comparisons of 15 against 150', () => {
    expect(rate(p95Labels([150, 15], 1.6, 11).labels.get('regression'))).toBeGreaterThan(0.5)
    expect(rate(p95Labels([15, 150], 1.6, 12).labels.get('regression'))).toBeGreaterThan(0.5)
  })
})

describe('the labels counted above are the comparison’s own', () => {
  const snapshot = (latencies: number[]): RunSnapshot => ({
    generatedAt: null,
    decision: 'GO',
    contract: 'harena-v2',
    settings: { concurrency: 1, stream: false, timeoutMs: 120_000, userId: 1, maxRps: 0, warmup: 2 },
    questions: [{ id: 'q01', message: 'Question', success: true, passed: 1, planned: 1, expectations: '[]' }],
    latencies,
    timeouts: 0,
  })
  test('with intervals (as a run computes them) the labels are the same: the tests at zero decide them', () => {
    const draw = lognormalDraws(3)
    for (let t = 0; t < 6; t++) {
      const [before, after] = [draw(15), draw(150, t % 2 === 0 ? 1 : 1.6)]
      const quick = compareLatency(before, after, { seed: 40 + t, allowance: 0.2, intervals: false })
      const full = compareRuns(snapshot(after), snapshot(before), 0.2, 40 + t)
      expect([full.p50.label, full.p95.label, full.p95RegressionBeyondAllowance]).toEqual([
        quick.p50.label,
        quick.p95.label,
        quick.p95BeyondAllowance,
      ])
    }
  })
})
