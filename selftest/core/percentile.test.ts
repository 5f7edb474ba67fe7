import { quantileSorted as ssQuantileSorted } from 'simple-statistics'
import { describe, expect, test } from 'vitest'
import { percentiles, quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'

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
