import { describe, expect, test } from 'vitest'
import { thin, thinnedAt } from '../../reporters/charts.ts'

describe('thinnedAt (the HTML category dots picked while walking)', () => {
  test('picking the items at thinnedAt(next) while walking a list keeps exactly what thin() keeps', () => {
    for (const max of [2, 7, 500])
      for (const length of [0, 1, 2, 3, max - 1, max, max + 1, 2 * max - 1, 2 * max, 3 * max + 7, 12_345]) {
        const xs = Array.from({ length }, (_, i) => i * 3 + 1)
        const picked: number[] = []
        let next = 0
        for (let seen = 0; seen < xs.length; seen++) {
          if (seen !== thinnedAt(next, length, max)) continue
          picked.push(xs[seen] as number)
          next++
        }
        expect(picked).toEqual(thin(xs, max))
        expect(picked.length).toBe(Math.min(length, max))
        // The evenly spaced ranks the strip chart always drew: first and last kept.
        const ranks = length <= max ? xs.map((_, i) => i) : Array.from({ length: max }, (_, i) => Math.round((i * (length - 1)) / (max - 1)))
        expect(picked).toEqual(ranks.map((r) => xs[r]))
      }
  })
})
