import { describe, expect, test } from 'vitest'
import { binomialCdf, quantileInterval, wilson, wilsonSamplesNeeded } from '../../reporters/intervals.ts'

const comb = (n: number, k: number) => {
  let r = 1
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i
  return r
}

describe('Wilson score interval (95 %)', () => {
  test.each([
    [5, 10, 0.236593, 0.763407],
    [0, 10, 0, 0.277533],
    [10, 10, 0.722467, 1],
    [14, 15, 0.701835, 0.988133],
    [15, 15, 0.796117, 1],
    [19, 20, 0.763869, 0.991119],
  ])('%i/%i → [%f, %f]', (k, n, lo, hi) => {
    const iv = wilson(k, n)
    expect(iv.lower).toBeCloseTo(lo, 5)
    expect(iv.upper).toBeCloseTo(hi, 5)
  })

  test('n = 0 has no interval', () => {
    expect(wilson(0, 0)).toEqual({ lower: null, upper: null })
  })

  test('samples needed: 15/15 against 95 % needs 73 (n/(n+z²) ≥ 0.95)', () => {
    expect(wilsonSamplesNeeded(15, 15, 0.95)).toBe(73)
    expect(wilson(73, 73).lower).toBeGreaterThanOrEqual(0.95)
    expect(wilson(72, 72).lower).toBeLessThan(0.95)
    expect(wilsonSamplesNeeded(95, 100, 0.95)).toBeNull() // exactly on the threshold: never conclusive
    expect(wilsonSamplesNeeded(1000, 1000, 0.95)).toBe(1000) // already conclusive
  })
})

describe('binomial CDF', () => {
  test('matches the direct sum for n = 30, p = 0.95', () => {
    const cdf = binomialCdf(30, 0.95)
    let acc = 0
    for (let k = 0; k <= 30; k++) {
      acc += comb(30, k) * 0.95 ** k * 0.05 ** (30 - k)
      expect(cdf[k]).toBeCloseTo(acc, 12)
    }
  })
})

describe('order-statistic interval for P95', () => {
  test('n < 59: no upper bound at 95 %, one-sided lower bound only', () => {
    const iv = quantileInterval(58)
    expect(iv.upperRank).toBeNull()
    expect(iv.minSamplesForUpper).toBe(59)
    expect(iv.lowerRank).toBe(52)
    expect(quantileInterval(15).upperRank).toBeNull()
  })
  test('n = 59: the maximum is the upper bound; coverage ≥ 95 %', () => {
    const iv = quantileInterval(59)
    expect(iv.upperRank).toBe(59)
    expect(iv.lowerRank).toBe(50)
    expect(iv.coverage).toBeCloseTo(0.95086, 4)
  })
  test('n = 100 and n = 200: equal-tailed ranks', () => {
    expect(quantileInterval(100)).toMatchObject({ lowerRank: 90, upperRank: 100 })
    expect(quantileInterval(100).coverage).toBeCloseTo(0.982607, 5)
    expect(quantileInterval(200)).toMatchObject({ lowerRank: 184, upperRank: 197 })
    expect(quantileInterval(200).coverage).toBeGreaterThanOrEqual(0.95)
  })
  test('n = 0', () => {
    expect(quantileInterval(0)).toMatchObject({ lowerRank: null, upperRank: null })
  })
})
