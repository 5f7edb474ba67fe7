// The report's table of consecutive windows (release/windows.ts TumblingWindows) and the span a judged window must
// have (spansWindow). A review (2026-12-05) found the table labelled with ideal boundaries while its windows were cut
// by a drifting interval (answers past a boundary counted before it), and a window over the wait after the planned
// end judged as if it were MONITOR_WINDOW long.
import { describe, expect, it } from 'vitest'
import { windowJudged, spansWindow, TumblingWindows } from '../../release/windows.ts'
import { judgedAttempt } from './monitor-fixtures.ts'

const W = 3000
const ok = judgedAttempt()
const failed = judgedAttempt({ ok: false, reasons: ['fallback'] })
const rows = (t: TumblingWindows, end: number) =>
  t.finish(end).map((w) => ({ from: Date.parse(w.startedAt), to: Date.parse(w.endedAt), partial: w.partial, n: w.tally.requests, errors: w.errors }))

describe('the table of windows: planned boundaries, answers placed by arrival', () => {
  it('an answer that arrives 1 ms after a boundary is the next window, whether or not a timer closed the first', () => {
    const t = new TumblingWindows(0, W, 9000, [], 0.95)
    t.record(ok, 2999)
    t.record(failed, 3001) // no timer ran at 3000: the first window is still open
    t.record(ok, 5000)
    expect(rows(t, 9000)).toEqual([
      { from: 0, to: 3000, partial: false, n: 1, errors: 0 },
      { from: 3000, to: 6000, partial: false, n: 2, errors: 1 },
      { from: 6000, to: 9000, partial: false, n: 0, errors: 0 },
    ])
  })

  it('the last window ends with the sends; answers of the wait after it are a partial window of their own', () => {
    const t = new TumblingWindows(0, W, 7000, [], 0.95)
    t.record(ok, 6500)
    t.record(failed, 7400) // during the wait for the answers in flight
    t.record(failed, 12_000)
    expect(rows(t, 12_100)).toEqual([
      { from: 0, to: 3000, partial: false, n: 0, errors: 0 },
      { from: 3000, to: 6000, partial: false, n: 0, errors: 0 },
      { from: 6000, to: 7000, partial: true, n: 1, errors: 0 },
      { from: 7000, to: 12_100, partial: true, n: 2, errors: 2 },
    ])
  })

  it('a watch stopped early: the window is cut where the sends ended, partial', () => {
    const t = new TumblingWindows(0, W, 30_000, [], 0.95)
    t.record(ok, 1000)
    t.sendsEnded(4000)
    expect(rows(t, 4000).map((r) => [r.from, r.to, r.partial])).toEqual([
      [0, 3000, false],
      [3000, 4000, true],
    ])
  })

  it('windows over a stall of the monitor are partial, the ones closed before it was seen included', () => {
    const t = new TumblingWindows(0, W, 15_000, [], 0.95)
    t.record(ok, 1000)
    t.record(ok, 7500) // delivered at once when the monitor resumed: closes [0,3) and [3,6) first
    t.markGap(2500, 7400)
    t.record(ok, 10_000)
    expect(rows(t, 15_000).map((r) => r.partial)).toEqual([true, true, true, false, false])
  })
})

describe('a judged window spans MONITOR_WINDOW', () => {
  it('within half a step, never shorter nor longer', () => {
    expect(spansWindow(1000, 4003, 3000, 500)).toBe(true)
    expect(spansWindow(1000, 4251, 3000, 500)).toBe(false) // a window plus the wait after the end
    expect(spansWindow(1000, 3500, 3000, 500)).toBe(false) // a first, growing window
  })

  // A second review (2026-12-05): windows a step too long after a late timer (a 0.9 s pause, under the stall
  // threshold) and short last windows were only shown: 25 failures in a row read "Stable", exit 0.
  it('a window is judged on its own when shorter, or longer only by what a late timer may add; not when it took in a stall', () => {
    const tolerance = 1050 // a 500 ms step, at least 1 s, plus one send interval: the stall threshold of release/monitor.ts
    expect(windowJudged(1000, 3400, 3000, tolerance)).toBe(true) // the last window of a watch of 8.4 s in 1 s steps
    expect(windowJudged(1000, 4500, 3000, tolerance)).toBe(true) // a step fired late, one slice over two steps
    expect(windowJudged(1000, 5050, 3000, tolerance)).toBe(true)
    expect(windowJudged(1000, 5051, 3000, tolerance)).toBe(false) // past the threshold: a stall, named
  })
})
