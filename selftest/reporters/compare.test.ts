// Baseline comparison statistics on hand-made samples: a real difference is called, noise is not, a newly failing
// question is named, and another question set, contract or measurement setting is refused.
import { describe, expect, test } from 'vitest'
import { baselineRefusal, type ComparedSettings } from '../../core/baseline.ts'
import { say } from '../../core/locale/index.ts'
import { mulberry32 } from '../../core/random.ts'
import { compareLatency, compareRuns, incomparable, rateDifference, type RunSnapshot } from '../../reporters/compare.ts'

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

const SETTINGS: ComparedSettings = { concurrency: 1, stream: false, timeoutMs: 60_000, userId: 1, maxRps: 0, warmup: 2 }

/** A run of these questions (each asked once, passed or not) and latencies, as readBaseline or snapshotOf gives it. */
function snapshot(latencies: number[], questions: Array<[string, boolean]>, over: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    generatedAt: '2026-11-20T10:00:00.000Z',
    decision: 'GO',
    contract: 'harena-v2',
    settings: SETTINGS,
    questions: questions.map(([id, success]) => ({
      id,
      message: `Question ${id}`,
      success,
      passed: success ? 1 : 0,
      planned: 1,
      expectations: '[]',
    })),
    latencies,
    timeouts: 0,
    ...over,
  }
}

/** The latency comparison of two samples (censored: how many of each side's largest are timeouts). */
const latency = (before: number[], after: number[], seed?: number, timeouts = { before: 0, after: 0 }) =>
  compareLatency(before, after, { allowance: 0.2, timeouts, ...(seed === undefined ? {} : { seed }) })

const QS: Array<[string, boolean]> = Array.from({ length: 15 }, (_, i) => [`q${String(i + 1).padStart(2, '0')}`, true])

describe('latency differences carry their uncertainty', () => {
  test('identical distributions → no detectable change', () => {
    const xs = lognormal(100, 2000, 1)
    const r = latency(xs, [...xs])
    expect(r.p95.delta).toBe(0)
    expect(r.p95.interval?.lower).toBeLessThanOrEqual(0)
    expect(r.p95.interval?.upper).toBeGreaterThanOrEqual(0)
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('two samples of the same distribution → no detectable change', () => {
    const r = latency(lognormal(100, 2000, 1), lognormal(100, 2000, 2))
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('P95 +50 % with 100 samples each → regression; the reverse → improvement', () => {
    const before = lognormal(100, 2000, 3)
    const after = before.map((x) => x * 1.5)
    const r = latency(before, after)
    expect(r.p95.relative).toBeCloseTo(0.5, 6)
    expect(r.p95.interval?.lower).toBeGreaterThan(0)
    expect(r.p95.label).toBe('regression')
    expect(latency(after, before).p95.label).toBe('improvement')
  })

  test('P95 +50 % on independent samples (not the same draws scaled) → regression', () => {
    const r = latency(lognormal(100, 2000, 4), lognormal(100, 3000, 5))
    expect(r.p95.label).toBe('regression')
  })

  test('+5 % with 15 samples → no detectable change (not a false alarm)', () => {
    const before = lognormal(15, 2000, 6)
    const r = latency(
      before,
      before.map((x) => x * 1.05),
    )
    expect(r.p95.relative).toBeCloseTo(0.05, 6)
    expect(r.p95.label).toBe('no_change')
    expect(r.p50.label).toBe('no_change')
  })

  test('the same inputs always give the same interval (seeded splits)', () => {
    const a = lognormal(50, 2000, 7)
    const b = lognormal(50, 2400, 8)
    expect(latency(a, b)).toEqual(latency(a, b))
    expect(latency(a, b, 1).p95.interval).not.toEqual(latency(a, b, 2).p95.interval)
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

  // A review (2026-12-06) found the bootstrap's resamples taking a timeout for its true latency: "worse by more than
  // 20 % with 95 % confidence" rested on 3,000 ms being the truth. The permutation tests cap both runs at one common
  // point (reporters/permutation.ts): what lies above a timeout cannot move them, so a timeout weighs as "at least
  // its timeout", never as its figure — the same verdict whether those 2 baseline requests hung at 3 s or 3.4 s.
  test('a timeout is never taken for its latency: the verdict does not depend on the figure a hung request was recorded at', () => {
    const answered = Array.from({ length: 58 }, (_, i) => 400 + i)
    const now = snapshot(
      Array.from({ length: 60 }, (_, i) => 4000 + i),
      QS,
    )
    const hung = compareRuns(now, snapshot([...answered, 3000, 3000], QS, { timeouts: 2 }), 0.2)
    // The baseline's P95 (rank 56 of 60) is below its two timeouts: exact, and 4 s now is far above it.
    expect(hung.p95.censored).toEqual({ before: false, after: false })
    expect(hung.p95.label).toBe('regression')
    expect(hung.p95RegressionBeyondAllowance).toBe(true)
    const later = compareRuns(now, snapshot([...answered, 3000, 3400], QS, { timeouts: 2 }), 0.2)
    expect(later.p95).toEqual(hung.p95)
    // Answered at 3 s, the same figures give the same verdict: the baseline's P95 is below them either way.
    const answeredAt = compareRuns(now, snapshot([...answered, 3000, 3000], QS), 0.2)
    expect(answeredAt.p95.label).toBe('regression')
    expect(answeredAt.p95RegressionBeyondAllowance).toBe(true)
    // The other side: a current run with 2 timeouts among fast answers is an improvement on a 4 s baseline.
    expect(compareRuns(snapshot([...answered, 3000, 3000], QS, { timeouts: 2 }), now, 0.2).p95.label).toBe('improvement')
    // But a baseline P95 that lands on timeouts is only a lower bound: no regression is proven against it.
    const mostlyHung = snapshot([...answered.slice(0, 50), ...Array.from({ length: 10 }, () => 3000)], QS, { timeouts: 10 })
    const against = compareRuns(now, mostlyHung, 0.2)
    expect(against.p95.censored?.before).toBe(true)
    expect(against.p95.label).toBe('inconclusive')
    expect(against.p95RegressionBeyondAllowance).toBe(false)
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

describe('incomparable: another contract, question set or measurement setting is refused', () => {
  const base = snapshot([], QS)
  /** The refusal's cause as the English line says it (a reason: core/locale/config.ts). */
  const why = (run: RunSnapshot, baseline: RunSnapshot): string | null => {
    const r = incomparable(run, baseline)
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
      questions: QS.map(([id]) => ({
        id,
        message: id === 'q02' ? 'Autre chose' : `Question ${id}`,
        success: true,
        passed: 1,
        planned: 1,
        expectations: '[]',
      })),
    }
    expect(why(other, base)).toMatch(/other questions under the same ids \(q02\)/)
  })
  // A review compared an old release measured at VALIDATION_CONCURRENCY=4 with a new one at 1: a 2× slower service
  // read "P95 −52 %, improvement", GO. A setting a latency or a success rate depends on must be the same.
  test.each<[keyof ComparedSettings, ComparedSettings[keyof ComparedSettings], string]>([
    ['concurrency', 4, 'VALIDATION_CONCURRENCY=4, this run with VALIDATION_CONCURRENCY=1'],
    ['stream', true, 'VALIDATION_STREAM=true, this run with VALIDATION_STREAM=false'],
    ['timeoutMs', 30_000, 'HARENA_TIMEOUT_MS=30000, this run with HARENA_TIMEOUT_MS=60000'],
    ['userId', 2, 'HARENA_USER_ID=2, this run with HARENA_USER_ID=1'],
    ['maxRps', 8, 'VALIDATION_MAX_RPS=8, this run with VALIDATION_MAX_RPS=0'],
    ['warmup', 0, 'VALIDATION_WARMUP=0, this run with VALIDATION_WARMUP=2'],
  ])('another %s: refused, naming the setting and both values', (key, value, words) => {
    const other = snapshot([], QS, { settings: { ...SETTINGS, [key]: value } })
    expect(why(snapshot([], QS), other)).toBe(`the baseline was measured with ${words}`)
  })
  test('a setting the baseline does not record (an earlier version) is no refusal: the comparison judges nothing', () => {
    const older = snapshot([1000, 1100, 1200], QS, { settings: { ...SETTINGS, stream: null } })
    expect(why(snapshot([], QS), older)).toBeNull()
    const c = compareRuns(snapshot([3000, 3300, 3600], QS), older, 0.2)
    expect(c.baseline.unrecorded).toEqual(['VALIDATION_STREAM'])
    expect([c.p95.label, c.successRate.label]).toEqual(['not_judged', 'not_judged'])
  })
  test('said in French in a French run, inside the configuration error that names VALIDATION_BASELINE', () => {
    const r = incomparable(snapshot([], QS.slice(1)), base)
    expect(r === null ? '' : say(baselineRefusal('/b/validation-report.json', r), 'fr')).toBe(
      'VALIDATION_BASELINE=/b/validation-report.json est refusée : la référence a posé un autre jeu de questions (seulement dans la référence : q01) ; attendu : un validation-report.json du même contrat et du même jeu de questions, mesuré avec les mêmes réglages',
    )
  })
})
