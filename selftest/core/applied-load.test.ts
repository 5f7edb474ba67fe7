// The applied load from the measured exchanges' own spans (core/applied-load.ts): what was in flight at the target,
// not what held a permit. Exact figures on hand-made spans, and a brute-force cross-check on random ones.
import { describe, expect, test } from 'vitest'
import { appliedLoadOf } from '../../core/applied-load.ts'
import type { QuestionRecord } from '../../core/model.ts'
import { attempt } from '../reporters/make-model.ts'

/** One question whose measured attempts span [start, end] (ms on one clock); `warmups` likewise, never counted. */
const question = (spans: Array<[number, number]>, warmups: Array<[number, number]> = []): QuestionRecord =>
  ({
    id: 'q01',
    attempts: spans.map(([s, e], index) => attempt({ index, sentAtMs: 1_700_000_000_000 + s, latencyMs: e - s })),
    warmups: warmups.map(([s, e], index) => attempt({ index, warmup: true, sentAtMs: 1_700_000_000_000 + s, latencyMs: e - s })),
  }) as QuestionRecord

describe('appliedLoadOf', () => {
  test('three exchanges side by side at a cap of 3: peak 3, mean 3, the cap held the whole time', () => {
    expect(
      appliedLoadOf(
        [
          question([
            [0, 10],
            [0, 10],
            [0, 10],
          ]),
        ],
        3,
      ),
    ).toEqual({ peak: 3, mean: 3, capHeldShare: 1, requests: 3, busyMs: 10, abandoned: 0 })
  })

  test('staggered exchanges: the time-weighted mean and the share at the cap, over the time one was in flight', () => {
    const load = appliedLoadOf(
      [
        question([
          [0, 10],
          [5, 15],
        ]),
      ],
      2,
    )
    expect(load).toMatchObject({ peak: 2, requests: 2, busyMs: 15 })
    expect(load?.mean).toBeCloseTo(20 / 15, 12)
    expect(load?.capHeldShare).toBeCloseTo(5 / 15, 12)
  })

  test('an answer that ends as the next request is written does not overlap it; a gap between files is no load', () => {
    expect(
      appliedLoadOf(
        [
          question([
            [0, 10],
            [10, 20],
          ]),
        ],
        1,
      ),
    ).toEqual({ peak: 1, mean: 1, capHeldShare: 1, requests: 2, busyMs: 20, abandoned: 0 })
    expect(appliedLoadOf([question([[0, 10]]), question([[500, 510]])], 1)).toMatchObject({ busyMs: 20, mean: 1 })
  })

  test('warm-ups are not the load; attempts without a send time (older records) leave it not measured, never 0', () => {
    expect(
      appliedLoadOf(
        [
          question(
            [[0, 10]],
            [
              [0, 10],
              [0, 10],
            ],
          ),
        ],
        3,
      ),
    ).toMatchObject({ peak: 1, requests: 1 })
    const old = question([[0, 10]])
    for (const a of old.attempts) delete a.sentAtMs
    expect(appliedLoadOf([old], 3)).toBeNull()
    expect(appliedLoadOf([], 3)).toBeNull()
  })

  test('random spans: the peak is the most spans covering one instant, and mean × busy time is the sum of the latencies', () => {
    let x = 12345
    const rnd = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      return x / 2 ** 32
    }
    for (let round = 0; round < 50; round++) {
      const spans: Array<[number, number]> = Array.from({ length: 40 }, () => {
        const s = Math.round(rnd() * 1000) / 10
        return [s, s + 0.1 + Math.round(rnd() * 300) / 10]
      })
      const cap = 1 + Math.floor(rnd() * 6)
      const load = appliedLoadOf([question(spans)], cap)
      // Brute force: the count just after each start (an end at that same instant no longer counts).
      const peak = Math.max(...spans.map(([s]) => spans.filter(([a, b]) => a <= s && b > s).length))
      expect(load?.peak).toBe(peak)
      const total = spans.reduce((sum, [s, e]) => sum + (e - s), 0)
      // (send times are epoch milliseconds: about 0.25 µs of float resolution each)
      expect((load?.mean ?? 0) * (load?.busyMs ?? 0)).toBeCloseTo(total, 2)
      expect(load?.capHeldShare).toBeGreaterThanOrEqual(0)
      expect(load?.capHeldShare).toBeLessThanOrEqual(1)
    }
  })
})

describe('requests abandoned at the deadline', () => {
  test('timed-out attempts are counted as abandoned (their span ends at the deadline, the target may run on)', () => {
    const q = question([
      [0, 1000],
      [1000, 2000],
      [2000, 2010],
    ])
    q.attempts = q.attempts.map((a, i) => (i < 2 ? { ...a, timedOut: true } : a))
    expect(appliedLoadOf([q], 1)).toMatchObject({ peak: 1, requests: 3, abandoned: 2 })
  })
})
