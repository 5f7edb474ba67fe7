// The progress line's parts over a real journal file (core/journal.ts, read by its JournalTail): O(1) per attempt,
// lines on time or on each answer, the final line counts everything even after the journal was removed.
import { formatDuration } from '../../../core/duration.ts'
import { WORST_CASE } from '../../../tests/support/run-plan.ts'
import { afterAll, describe, expect, test } from 'vitest'
import { appendJournal, createJournal, removeJournal } from '../../../core/journal.ts'
import type { AttemptRecord } from '../../../core/model.ts'
import { quantileSorted7, sortedFloat64 } from '../../../core/percentile.ts'
import { EXACT_LATENCIES, LatencyHistogram, ProgressCounter, ProgressMonitor, progressLine } from '../../../tests/support/progress.ts'
import { onRunEnd, runEnded } from '../../../core/run-end.ts'

const journals: string[] = []
afterAll(() => {
  for (const j of journals) removeJournal(j)
})
const journal = (): string => {
  const path = createJournal()
  journals.push(path)
  return path
}

const attempt = (over: Partial<AttemptRecord> = {}): AttemptRecord => ({
  index: 0,
  warmup: false,
  startedAt: '2026-01-01T00:00:00.000Z',
  latencyMs: 100,
  ttfbMs: 10,
  timedOut: false,
  httpStatus: 200,
  ok: true,
  critical: null,
  intent: null,
  fallback: false,
  dataPresentation: false,
  visualizations: [],
  stages: {},
  failures: [],
  ...over,
})

describe('LatencyHistogram', () => {
  test('the P95 of 1..1000 ms is 950 ms within 1 %, above never below; empty → null', () => {
    const h = new LatencyHistogram()
    expect(h.quantile(0.95)).toBeNull()
    for (let ms = 1000; ms >= 1; ms--) h.record(ms)
    const p95 = h.quantile(0.95) as number
    expect(p95).toBeGreaterThanOrEqual(950)
    expect(p95).toBeLessThanOrEqual(950 * 1.01)
    expect(h.count).toBe(1000)
  })
})

describe('the P95 so far', () => {
  // 15 attempts, one slow: type 7 interpolates at 0.95·14 = 13.3 (between 120 and 241 ms), nearest rank took the 15th.
  const FIFTEEN = [90, 95, 98, 100, 101, 103, 104, 106, 108, 110, 112, 114, 116, 120, 241]
  const type7 = (values: number[]): number => quantileSorted7(sortedFloat64(values), 0.95) as number

  test('the verdict’s type 7 on a default run of 15 attempts (not their maximum), warm-ups and rate-limited out', () => {
    const c = new ProgressCounter({ attempts: 15, warmups: 2 })
    c.add({ questionId: 'q01', attempt: attempt({ warmup: true, latencyMs: 5000 }) })
    c.add({ questionId: 'q02', attempt: attempt({ warmup: true, latencyMs: 5000 }) })
    for (const [i, ms] of [...FIFTEEN].reverse().entries()) c.add({ questionId: `q${i}`, attempt: attempt({ latencyMs: ms }) })
    c.add({ questionId: 'q16', attempt: attempt({ latencyMs: 9000, ok: false, rateLimited: true }) })
    const f = c.figures(1000)
    expect(f.p95Ms).toBeCloseTo(type7(FIFTEEN), 9) // 120 + 0.3·(241 − 120) = 156.3 ms
    expect(f.p95Ms).not.toBe(241)
    expect(progressLine(c.plan, f, true, 'en')).toContain(`P95 so far ≈ ${Math.round(type7(FIFTEEN))} ms`)
  })

  test(`exact up to ${EXACT_LATENCIES} latencies; beyond, the histogram's estimate within 1 % of an adjacent order statistic`, () => {
    const c = new ProgressCounter({ attempts: 10_000, warmups: 0 })
    const values: number[] = []
    let x = 7
    for (let i = 0; i < 10_000; i++) {
      x = (x * 48271) % 2147483647 // a fixed pseudo-random series
      values.push(50 + (x % 100_000) / 100)
      c.add({ questionId: 'q', attempt: attempt({ latencyMs: values[i] as number }) })
      if (i + 1 === EXACT_LATENCIES) expect(c.figures(1).p95Ms).toBe(type7(values))
    }
    const sorted = sortedFloat64(values)
    const rank = Math.ceil(0.95 * values.length) - 1
    const estimate = c.figures(1).p95Ms as number
    expect(estimate).toBeGreaterThanOrEqual(sorted[rank] as number)
    expect(estimate).toBeLessThan((sorted[rank] as number) * 1.01)
    expect(Math.abs(estimate - type7(values)) / type7(values)).toBeLessThan(0.011)
  })
})

describe('ProgressMonitor', () => {
  test('in a terminal: one line per answer, none without; the final line counts everything, even once the journal is removed', () => {
    const path = createJournal()
    const lines: string[] = []
    let now = 0
    const monitor = new ProgressMonitor({
      journalPath: path,
      plan: { attempts: 3, warmups: 1 },
      everyMs: 0,
      eachAnswer: true,
      locale: 'en',
      out: (l) => lines.push(l),
      now: () => now,
    })
    appendJournal(path, { questionId: 'q01', attempt: attempt({ warmup: true }) })
    now = 1000
    monitor.poll()
    expect(lines).toEqual(['progress: 0/3 attempts (warm-ups 1/1) · 0 ok, 0 failed · P95 so far — · elapsed 1 s · ETA ≈ 3 s'])
    monitor.poll()
    expect(lines).toHaveLength(1)
    appendJournal(path, { questionId: 'q01', attempt: attempt({ latencyMs: 400 }) })
    appendJournal(path, { questionId: 'q02', attempt: attempt({ ok: false, latencyMs: 800 }) })
    now = 3000
    monitor.poll()
    // Type 7, as the verdict: 400 + 0.95·(800 − 400) = 780; then over 50, 400, 800: 400 + 0.9·400 = 760.
    expect(lines[1]).toMatch(/^progress: 2\/3 attempts \(warm-ups 1\/1\) · 1 ok, 1 failed · P95 so far ≈ 780 ms · elapsed 3 s · ETA ≈ 1 s$/)
    appendJournal(path, { questionId: 'q03', attempt: attempt({ latencyMs: 50 }) })
    removeJournal(path) // the reporter drops the journal when the run ends
    now = 4000
    monitor.finish()
    monitor.finish()
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/^progress: 3\/3 attempts \(warm-ups 1\/1\) · 2 ok, 1 failed · P95 so far ≈ 760 ms · elapsed 4 s · done$/)
  })

  test('in a CI log: a line every period, answers or not; nothing between two periods', () => {
    const path = journal()
    const lines: string[] = []
    let now = 0
    const monitor = new ProgressMonitor({
      journalPath: path,
      plan: { attempts: 2, warmups: 0 },
      everyMs: 30_000,
      eachAnswer: false,
      locale: 'en',
      out: (l) => lines.push(l),
      now: () => now,
    })
    appendJournal(path, { questionId: 'q01', attempt: attempt() })
    now = 29_000
    monitor.poll()
    expect(lines).toEqual([])
    now = 30_000
    monitor.poll()
    expect(lines).toEqual(['progress: 1/2 attempts · 1 ok, 0 failed · P95 so far ≈ 100 ms · elapsed 30 s · ETA ≈ 30 s'])
    now = 61_000
    monitor.poll()
    expect(lines[1]).toBe('progress: 1/2 attempts · 1 ok, 0 failed · P95 so far ≈ 100 ms · elapsed 61 s · ETA ≈ 61 s')
    monitor.finish()
  })

  test('VALIDATION_PROGRESS_SECONDS=0 outside a terminal: no line at all, not even the final one', () => {
    const path = journal()
    const lines: string[] = []
    const monitor = new ProgressMonitor({
      journalPath: path,
      plan: { attempts: 1, warmups: 0 },
      everyMs: 0,
      eachAnswer: false,
      locale: 'fr',
      out: (l) => lines.push(l),
    })
    monitor.start()
    appendJournal(path, { questionId: 'q01', attempt: attempt() })
    monitor.poll()
    monitor.finish()
    expect(lines).toEqual([])
  })

  test('the end of the run reaches a listener registered elsewhere in the process, once', () => {
    let calls = 0
    onRunEnd(() => {
      calls++
    })
    onRunEnd(() => {
      throw new Error('a failing listener does not stop the others')
    })
    onRunEnd(() => {
      calls++
    })
    runEnded()
    runEnded()
    expect(calls).toBe(2)
  })

  test('the line names every figure; before any answer the ETA is unknown', () => {
    const none = { attempts: 0, warmups: 0, ok: 0, failed: 0, p95Ms: null, elapsedMs: 0, etaMs: null }
    expect(progressLine({ attempts: 15, warmups: 2 }, none, false, 'en')).toBe(
      'progress: 0/15 attempts (warm-ups 0/2) · 0 ok, 0 failed · P95 so far — · elapsed 0 s · ETA —',
    )
  })

  test('in a French run (VALIDATION_LOCALE=fr, the default) the line is French', () => {
    const some = { attempts: 5, warmups: 2, ok: 4, failed: 1, p95Ms: 1234, elapsedMs: 40_000, etaMs: 120_000 }
    expect(progressLine({ attempts: 15, warmups: 2 }, some, false, 'fr')).toBe(
      'progression : 5/15 tentatives (chauffe 2/2) · 4 réussie(s), 1 en échec · P95 à ce stade ≈ 1234 ms · écoulé 40 s · reste ≈ 2 min',
    )
    expect(progressLine({ attempts: 15, warmups: 2 }, { ...some, attempts: 15 }, true, 'fr')).toMatch(/ · terminé$/)
  })

  test('a last line with attempts still to come (Ctrl-C, an early stop) says so, never "done"', () => {
    const some = { attempts: 5, warmups: 2, ok: 4, failed: 1, p95Ms: 1234, elapsedMs: 40_000, etaMs: 120_000 }
    expect(progressLine({ attempts: 15, warmups: 2 }, some, true, 'fr')).toMatch(/ · arrêté avant la fin$/)
    expect(progressLine({ attempts: 15, warmups: 2 }, some, true, 'en')).toMatch(/ · stopped before the end$/)
    expect(progressLine({ attempts: 15, warmups: 2 }, { ...some, attempts: 15 }, true, 'en')).toMatch(/ · done$/)
  })

  test('elapsed and ETA are measured figures, to the nearest unit; a worst case is rounded up', () => {
    const some = { attempts: 5, warmups: 2, ok: 4, failed: 1, p95Ms: 1234, elapsedMs: 192_000, etaMs: 400_000 }
    expect(progressLine({ attempts: 15, warmups: 2 }, some, false, 'en')).toMatch(/ · elapsed 3 min · ETA ≈ 7 min$/)
    expect(formatDuration(192_000, WORST_CASE)).toBe('4 min')
    expect(formatDuration(192_000, { form: 'words', rounding: 'nearest' })).toBe('3 min')
  })
})
