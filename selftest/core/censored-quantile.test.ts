// A type-7 percentile is a lower bound only when a censored observation (a timeout entered at the timeout) has
// positive weight in its interpolation (docs/verdict-rules.md step 4, core/percentile.ts quantileCensored). At
// h = p·(n−1) whole, the percentile IS x(h): the rank after it does not count (n = 21, 41, 61… for a P95).
import { describe, expect, test } from 'vitest'
import { quantileCensored, quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'
import { mulberry32 } from '../../core/random.ts'

/** The definition itself: would the figure change were every censored value much larger? */
function changesWhenCensoredGrow(values: number[], censored: boolean[], p: number): boolean {
  const before = quantileSorted7(sortedFloat64(values), p)
  const after = quantileSorted7(sortedFloat64(values.map((v, i) => (censored[i] ? v + 1e9 : v))), p)
  return before !== after
}

const check = (values: number[], censored: boolean[], p: number): boolean =>
  quantileCensored(
    sortedFloat64(values),
    p,
    values.filter((_, i) => censored[i]),
  )

describe('a percentile is censored only when a censored value weighs in it', () => {
  test.each([21, 41, 61, 101, 201])('n = %i, one timeout at the top: h = 0.95·(n−1) is whole, the P95 is exact', (n) => {
    const values = [...Array.from({ length: n - 1 }, (_, i) => 100 + i), 60_000]
    const cens = values.map((_, i) => i === n - 1)
    expect(check(values, cens, 0.95)).toBe(false)
    // The P99 interpolates towards the timeout (h = 0.99·(n−1) = 19.8, 39.6, 59.4), except where h is whole (99, 198).
    expect(check(values, cens, 0.99)).toBe(n < 101)
    // Two timeouts: the P95's own rank x(h) is the first of them.
    const two = [...Array.from({ length: n - 2 }, (_, i) => 100 + i), 60_000, 60_000]
    const twoCens = two.map((_, i) => i >= n - 2)
    expect(check(two, twoCens, 0.95)).toBe(n === 21)
  })

  test.each([20, 22, 40, 42, 60])('n = %i, one timeout at the top: h is not whole, the P95 interpolates towards it', (n) => {
    const values = [...Array.from({ length: n - 1 }, () => 500), 60_000]
    const cens = values.map((_, i) => i === n - 1)
    const h = 0.95 * (n - 1)
    // It weighs only when ⌊h⌋+1 is the last rank.
    expect(check(values, cens, 0.95)).toBe(Math.floor(h) + 1 === n - 1)
  })

  test('P50 and P99 follow the same rule: whole h (n = 101) vs fractional h (n = 100)', () => {
    const at = (n: number, k: number) => [...Array.from({ length: n - k }, (_, i) => i + 1), ...Array.from({ length: k }, () => 9_999)]
    const cens = (n: number, k: number) => Array.from({ length: n }, (_, i) => i >= n - k)
    expect(check(at(101, 1), cens(101, 1), 0.99)).toBe(false) // h = 99: x(99), the timeout is x(100)
    expect(check(at(101, 2), cens(101, 2), 0.99)).toBe(true) // x(99) is a timeout
    expect(check(at(100, 1), cens(100, 1), 0.99)).toBe(true) // h = 98.01: towards x(99), the timeout
    expect(check(at(101, 50), cens(101, 50), 0.5)).toBe(false) // h = 50: x(50) is the last uncensored
    expect(check(at(101, 51), cens(101, 51), 0.5)).toBe(true)
    expect(check(at(100, 50), cens(100, 50), 0.5)).toBe(true) // h = 49.5: x(50) is censored
  })

  test('a censored value below the rank still censors it (it may truly lie above); an uncensored tie does not', () => {
    // 100 timed out (true ≥ 100), then 150, 200: the median x(1) = 150 would become 200.
    expect(check([100, 150, 200], [true, false, false], 0.5)).toBe(true)
    // A timeout equal to an uncensored value at the minimum: P0 = the uncensored one, exactly.
    expect(check([1000, 1000], [false, true], 0)).toBe(false)
    expect(check([1000, 1000], [true, true], 0)).toBe(true)
    expect(check([1, 2, 3], [false, false, false], 0.95)).toBe(false)
  })

  test('agrees with the definition (the figure changes when censored values grow) on random samples with ties', () => {
    const rand = mulberry32(20251203)
    for (let trial = 0; trial < 1500; trial++) {
      const n = 1 + Math.floor(rand() * 70)
      const values = Array.from({ length: n }, () => Math.floor(rand() * 8) * 100)
      const cens = values.map(() => rand() < 0.15)
      for (const p of [0, 0.5, 0.9, 0.95, 0.99, 1])
        expect(check(values, cens, p), `n=${n} p=${p} ${JSON.stringify(values)} ${JSON.stringify(cens)}`).toBe(
          changesWhenCensoredGrow(values, cens, p),
        )
    }
  })
})
