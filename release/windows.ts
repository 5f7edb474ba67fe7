// Constant-memory accounting for a monitor that may run 24 h: counts plus a packed HDR histogram per slice of
// time (MONITOR_STEP), never the samples themselves. A sliding window (MONITOR_WINDOW) is the merge of its last
// slices; every closed window is kept as a small summary (numbers only) for the report.
import * as hdr from 'hdr-histogram-js'
import type { CriticalKind } from '../core/model.ts'
import { quantileInterval, wilson, type Interval } from '../reporters/intervals.ts'
import type { JudgedAttempt } from './probe.ts'

/** Latencies are recorded in whole milliseconds, 1 ms to 1 h (a timeout is at most 10 min). */
const HIGHEST_MS = 3_600_000

/**
 * Windows and slices: 2 significant digits (values within 1 %, exact below 256 ms), 32-bit counts: ≈ 9 KB each
 * and a merge in microseconds (packed arrays are smaller but merge a thousand times slower). The whole run's
 * histogram keeps 3 digits (0.1 %, ≈ 54 KB, only one).
 */
export function newHistogram(digits: 2 | 3 = 2): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_MS, numberOfSignificantValueDigits: digits, bitBucketSize: 32 })
}

export function recordLatency(histogram: hdr.Histogram, ms: number): void {
  histogram.recordValue(Math.min(HIGHEST_MS, Math.max(1, Math.round(ms))))
}

export interface Tally {
  requests: number
  ok: number
  /** 5xx, invalid JSON, contract violation, transport failure (the suite's critical bugs). */
  critical: number
  criticalByKind: Partial<Record<CriticalKind, number>>
  leaks: number
  timeouts: number
  transport: number
  fallbacks: number
  visualizations: number
}

export function emptyTally(): Tally {
  return { requests: 0, ok: 0, critical: 0, criticalByKind: {}, leaks: 0, timeouts: 0, transport: 0, fallbacks: 0, visualizations: 0 }
}

export function addAttempt(t: Tally, a: JudgedAttempt): void {
  t.requests++
  if (a.ok) t.ok++
  if (a.critical !== null) {
    t.critical++
    t.criticalByKind[a.critical] = (t.criticalByKind[a.critical] ?? 0) + 1
  }
  if (a.leak) t.leaks++
  if (a.timedOut) t.timeouts++
  if (a.transport) t.transport++
  if (a.fallback) t.fallbacks++
  t.visualizations += a.visualizations.length
}

export function addTally(into: Tally, from: Tally): void {
  into.requests += from.requests
  into.ok += from.ok
  into.critical += from.critical
  for (const [k, n] of Object.entries(from.criticalByKind) as Array<[CriticalKind, number]>)
    into.criticalByKind[k] = (into.criticalByKind[k] ?? 0) + n
  into.leaks += from.leaks
  into.timeouts += from.timeouts
  into.transport += from.transport
  into.fallbacks += from.fallbacks
  into.visualizations += from.visualizations
}

/** A window's figures, as triggers read them and the report shows them. Plain JSON. */
export interface WindowSummary {
  /** 1-based evaluation number. */
  index: number
  startedAt: string
  endedAt: string
  /** Shorter than MONITOR_WINDOW (the first windows, or the last one when the monitor stopped). */
  partial: boolean
  tally: Tally
  errors: number
  errorRate: number | null
  errorInterval: Interval
  criticalRate: number | null
  criticalInterval: Interval
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  /** Distribution-free lower confidence bound of P95 (order statistics); null when the sample cannot give one. */
  p95LowerMs: number | null
  maxMs: number | null
}

/** z of a two-sided interval at `confidence` (0.95 → 1.96), by bisection on the normal CDF (no table). */
export function zFor(confidence: number): number {
  const target = 1 - (1 - confidence) / 2
  let lo = 0
  let hi = 10
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (normalCdf(mid) < target) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

function normalCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7: plenty for picking a z.
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2))
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2)
  return 0.5 * (1 + y)
}

const pct = (h: hdr.Histogram, p: number): number | null => (h.totalCount === 0 ? null : h.getValueAtPercentile(p))

export function summarize(
  index: number,
  startedAt: number,
  endedAt: number,
  partial: boolean,
  tally: Tally,
  h: hdr.Histogram,
  confidence: number,
): WindowSummary {
  const n = tally.requests
  const errors = n - tally.ok
  const z = zFor(confidence)
  const lowerRank = n > 0 ? quantileInterval(n, 0.95, confidence).lowerRank : null
  return {
    index,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    partial,
    tally: structuredClone(tally),
    errors,
    errorRate: n === 0 ? null : errors / n,
    errorInterval: wilson(errors, n, z),
    criticalRate: n === 0 ? null : tally.critical / n,
    criticalInterval: wilson(tally.critical, n, z),
    p50Ms: pct(h, 50),
    p95Ms: pct(h, 95),
    p99Ms: pct(h, 99),
    // The value at rank `lowerRank` of n (the histogram's value at that percentile).
    p95LowerMs: lowerRank === null || n === 0 ? null : h.getValueAtPercentile((100 * lowerRank) / n),
    maxMs: n === 0 ? null : h.maxValue,
  }
}

interface Slice {
  startedAt: number
  tally: Tally
  histogram: hdr.Histogram
}

/**
 * The last `slices` steps of time. `record` adds to the open slice; `close` ends it and returns the window made
 * of the slices kept (the new one included once it has data). Memory: `slices` histograms, whatever the duration.
 */
export class SlidingWindow {
  private readonly closed: Slice[] = []
  private open: Slice

  constructor(
    private readonly slices: number,
    startedAt: number,
  ) {
    this.open = { startedAt, tally: emptyTally(), histogram: newHistogram() }
  }

  record(a: JudgedAttempt): void {
    addAttempt(this.open.tally, a)
    recordLatency(this.open.histogram, a.latencyMs)
  }

  /** Figures of the open slice plus the closed ones (counts only: cheap, for status lines). */
  liveTally(): Tally {
    const t = emptyTally()
    for (const s of this.closed) addTally(t, s.tally)
    addTally(t, this.open.tally)
    return t
  }

  /** Ends the open slice at `now`, keeps the last `slices`, and returns the merged window. */
  close(now: number): { startedAt: number; tally: Tally; histogram: hdr.Histogram; full: boolean } {
    this.closed.push(this.open)
    while (this.closed.length > this.slices) this.closed.shift()
    this.open = { startedAt: now, tally: emptyTally(), histogram: newHistogram() }
    const tally = emptyTally()
    const histogram = newHistogram()
    for (const s of this.closed) {
      addTally(tally, s.tally)
      histogram.add(s.histogram)
    }
    return { startedAt: this.closed[0]?.startedAt ?? now, tally, histogram, full: this.closed.length === this.slices }
  }
}
