import { quantileSorted as ssQuantileSorted } from 'simple-statistics'
import { describe, expect, test } from 'vitest'
import { percentiles, percentilesInPlace, percentilesUnsorted, quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)

describe('type-7 percentiles (numpy default, k6)', () => {
  test('hand-computed values', () => {
    // h = p·(n−1); value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
    expect(quantileSorted7([1, 2, 3, 4], 0.5)).toBe(2.5) // h = 1.5
    expect(quantileSorted7(range(1, 20), 0.95)).toBeCloseTo(19.05, 12) // h = 18.05 → 19 + 0.05·1
    expect(quantileSorted7(range(1, 100), 0.99)).toBeCloseTo(99.01, 12) // h = 98.01
    expect(quantileSorted7([10, 20, 30, 40, 1000], 0.95)).toBeCloseTo(40 + 0.8 * 960, 9) // h = 3.8
    expect(quantileSorted7([7], 0.95)).toBe(7)
    expect(quantileSorted7([], 0.5)).toBeNull()
    expect(quantileSorted7([3, 9], 0)).toBe(3)
    expect(quantileSorted7([3, 9], 1)).toBe(9)
  })

  test('15 samples, as in a default run: P95 interpolates between the two largest', () => {
    const xs = sortedFloat64([120, 80, 95, 300, 110, 105, 90, 85, 100, 130, 140, 150, 4000, 99, 101])
    // sorted: …, 150, 300, 4000; h = 0.95·14 = 13.3 → 300 + 0.3·3700 = 1410
    expect(percentiles(xs).p95).toBeCloseTo(1410, 9)
    expect(percentiles(xs).p50).toBe(105)
  })

  test('sortedFloat64 sorts numerically, not as strings', () => {
    expect([...sortedFloat64([100, 9, 20])]).toEqual([9, 20, 100])
  })

  test('the simple-statistics function we delegate to agrees with the hand-computed type-7 values', () => {
    // Guards a dependency upgrade: older/other quantile rules (nearest rank, averaging) would give 19.5 here.
    expect(ssQuantileSorted(range(1, 20), 0.95)).toBeCloseTo(19.05, 12)
    expect(ssQuantileSorted([10, 20, 30, 40, 1000], 0.95)).toBeCloseTo(808, 9)
  })
})

describe('percentilesInPlace (aggregate: no copy of a series read once)', () => {
  test('the same three figures as percentilesUnsorted and as a full sort, bit for bit, over sizes, ties and orders', () => {
    let seed = 12345
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 2 ** 32
    }
    for (let trial = 0; trial < 400; trial++) {
      const n = trial < 40 ? trial : Math.floor(rand() * (trial % 3 === 0 ? 5000 : 300)) + 1
      const distinct = trial % 4 === 0 ? 3 : 1e6 // many ties, or almost none
      const values = Float64Array.from({ length: n }, () => Math.floor(rand() * distinct) / 7 + (trial % 5 === 0 ? 60_000 * Number(rand() < 0.1) : 0))
      if (trial % 6 === 1) values.sort() // already ascending
      if (trial % 6 === 2) values.sort().reverse() // descending
      const copied = percentilesUnsorted(Float64Array.from(values))
      const sorted = percentiles(sortedFloat64(values))
      const inPlace = Float64Array.from(values)
      const placed = percentilesInPlace(inPlace)
      expect(placed).toEqual(copied)
      expect(placed).toEqual(sorted)
      // Reordered, never changed: the same values remain.
      expect([...sortedFloat64(inPlace)]).toEqual([...sortedFloat64(values)])
    }
  })

  test('an empty series has no percentile', () => {
    expect(percentilesInPlace(new Float64Array(0))).toEqual({ p50: null, p95: null, p99: null })
  })
})
