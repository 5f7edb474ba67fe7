// Tiny seeded PRNG (mulberry32), shared by the reference service's synthetic data and the reporters' resampling
// statistics: a seeded generator makes every figure reproducible (same inputs → same report), which
// Math.random() would not.

export type Rng = () => number

/** mulberry32: 32-bit state, period 2^32; plenty for synthetic statements and permutation tests. Returns [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
