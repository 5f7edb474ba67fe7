// The monitor's P95 alert (plan T4.7: "P95 > 5000 ms") is judged exactly, never on the histogram's figures: with
// 2 significant digits the HDR histogram reports its bucket's top, so every latency at exactly 5000 ms (or 4995 ms)
// read "P95 5023 ms, lower bound 5023 ms" and fired the alert. Each slice now counts the latencies above every
// P95 threshold (release/windows.ts Tally.above); the decision reads those counts, and the figures shown stay on
// the side of the threshold the counts prove. Real windows (SlidingWindow, HDR merge), thresholds at several
// bucket positions, latencies at, just below and just above them, and a brute-force comparison.
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../core/random.ts'
import type { JudgedAttempt } from '../../release/probe.ts'
import type { MonitorSettings } from '../../release/settings.ts'
import { judgeWindow, latencyThresholds, rulesFrom, type WindowRule } from '../../release/triggers.ts'
import { nearestRank, SlidingWindow, summarize, type WindowSummary } from '../../release/windows.ts'
import { judgedAttempt, planMonitorSettings } from './monitor-fixtures.ts'

const CONFIDENCE = 0.95

function settings(alertP95Ms: number, minSamples = 20): MonitorSettings {
  return planMonitorSettings({ durationMs: 3_600_000, minSamples, confidence: CONFIDENCE, alertP95Ms })
}

const attempt = (latencyMs: number): JudgedAttempt => judgedAttempt({ latencyMs })

/** The latencies spread over `slices` steps of one sliding window, then judged by the P95 rule of threshold T. */
function judge(latencies: number[], T: number, slices = 3, minSamples = 20): { w: WindowSummary; state: string } {
  const rules = rulesFrom(settings(T, minSamples))
  const rule = rules.find((r) => r.id === 'alert.p95') as WindowRule
  const window = new SlidingWindow(slices, 0, latencyThresholds(rules))
  const size = Math.ceil(latencies.length / slices)
  let merged = window.close(0)
  for (let s = 0; s < slices; s++) {
    for (const ms of latencies.slice(s * size, (s + 1) * size)) window.record(attempt(ms))
    merged = window.close(s + 1)
  }
  expect(merged.tally.requests).toBe(latencies.length)
  const w = summarize(1, merged.startedAt, slices, false, merged.tally, merged.histogram, CONFIDENCE)
  return { w, state: judgeWindow(rule, w, CONFIDENCE).state }
}

const same = (n: number, ms: number) => Array.from({ length: n }, () => ms)

describe('the P95 alert is judged exactly at its threshold', () => {
  // Thresholds inside a 2-digit bucket (5000: bucket 4992–5023), at a bucket's top (5023), exact region (200), large.
  const thresholds = [5000, 4000, 5023, 4992, 200, 1000, 60_000, 123_456]

  it.each(thresholds)('T = %i ms: every latency at T, or just below, is clear; just above fires; figures never above T when clear', (T) => {
    for (const ms of [T, T - 1, T - 0.5, T * 0.999]) {
      const { w, state } = judge(same(100, ms), T)
      expect(state, `${ms} ms`).toBe('clear')
      expect(w.p95Ms, `${ms} ms`).toBeLessThanOrEqual(T)
      expect(w.p95LowerMs, `${ms} ms`).toBeLessThanOrEqual(T)
      // Within the histogram's resolution (2 digits: 1 %) of the truth.
      expect(w.p95Ms as number, `${ms} ms`).toBeGreaterThanOrEqual(Math.floor(ms * 0.99))
    }
    for (const ms of [T + 1, T + 0.4, T * 1.001 + 1, T + 40]) {
      const { w, state } = judge(same(100, ms), T)
      expect(state, `${ms} ms`).toBe('fired')
      expect(w.p95Ms as number, `${ms} ms`).toBeGreaterThan(T)
      expect(w.p95LowerMs as number, `${ms} ms`).toBeGreaterThan(T)
    }
  })

  it('the P95 rank itself at the threshold: 95 of 100 at T → clear; 94 → above (inconclusive: the bound is not)', () => {
    const T = 5000
    expect(nearestRank(100, 95)).toBe(95)
    expect(judge([...same(95, T), ...same(5, T + 1)], T).state).toBe('clear')
    expect(judge([...same(94, T), ...same(6, T + 1)], T).state).toBe('inconclusive')
    expect(judge([...same(94, T), ...same(6, T + 1)], T).w.p95Ms as number).toBeGreaterThan(T)
    // Most of them just above T: the lower bound is above too → fired.
    expect(judge([...same(20, T), ...same(80, T + 1)], T).state).toBe('fired')
  })

  it('below MONITOR_MIN_SAMPLES nothing fires, however far above', () => {
    expect(judge(same(10, 9000), 5000, 2, 20).state).toBe('inconclusive')
  })

  it('agrees with the exact order statistics of the samples (brute force, random windows around T)', () => {
    const rand = mulberry32(20251203)
    for (let trial = 0; trial < 300; trial++) {
      const T = [5000, 4000, 2500, 777, 60_000][trial % 5] as number
      const n = 1 + Math.floor(rand() * 150)
      const latencies = Array.from({ length: n }, () => {
        const r = rand()
        return r < 0.3 ? T : r < 0.4 ? T + 1 : Math.max(1, Math.round(T + (rand() - 0.7) * 200))
      })
      const sorted = [...latencies].sort((a, b) => a - b)
      const { w, state } = judge(latencies, T, 1 + (trial % 4))
      const p95 = sorted[nearestRank(n, 95) - 1] as number
      const lower = w.p95LowerRank === null ? null : (sorted[w.p95LowerRank - 1] as number)
      const expected = p95 <= T ? 'clear' : n >= 20 && lower !== null && lower > T ? 'fired' : 'inconclusive'
      expect(state, `n=${n} T=${T} p95=${p95} lower=${lower}`).toBe(expected)
      expect((w.p95Ms as number) > T, 'the figure shown is on the side of T the samples are').toBe(p95 > T)
    }
  })
})
