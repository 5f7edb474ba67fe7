// Constant-memory accounting for a monitor that may run 24 h: counts plus a packed HDR histogram per slice of
// time (MONITOR_STEP), never the samples themselves. A sliding window (MONITOR_WINDOW) is the merge of its last
// slices; every closed window is kept as a small summary (numbers only) for the report.
//
// The histogram shows figures within its resolution (2 digits: a bucket of 32 ms around 5000 ms, whose top it
// reports: 5000 ms reads 5023 ms); a threshold is never judged on it. Each slice also counts exactly how many
// latencies are above each latency threshold of the rules (Tally.above): "the P95 (or its lower bound, rank r of n)
// is above T" is then "fewer than r of the n latencies are ≤ T", exact at any window size, and the figures shown
// are kept on the side of the threshold the exact count proves.
import * as hdr from 'hdr-histogram-js'
import type { CriticalKind } from '../core/model.ts'
import { binomialCdf, wilson, type Interval } from '../reporters/intervals.ts'
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
  /**
   * Answers a rate limiter gave instead of the service (tests/support/rate-limit.ts): NOT in `requests` — not
   * executed, neither a success nor an error — only counted, so the report can say the monitor was refused.
   */
  rateLimited: number
  /** Answers refusing the monitor's credentials (401/403): not in `requests` either (probe.ts credentialsRefused). */
  credentialsRefused: number
  /**
   * A limiter's refusals while the monitor asked within every quota declared (or none was): IN `requests`, as errors —
   * the service refused a client within its terms (release/watch/refusals.ts). Counted to say their share.
   */
  refusedWithinQuota: number
  /** Per latency threshold watched (ms, as a key): the latencies strictly above it. Exact, unlike the histogram. */
  above: Record<string, number>
}

/** A tally counting the latencies above each of `thresholdsMs` (the rules' P95 thresholds: triggers.ts). */
export function emptyTally(thresholdsMs: readonly number[] = []): Tally {
  const above = Object.fromEntries(thresholdsMs.map((t) => [String(t), 0]))
  return {
    requests: 0,
    ok: 0,
    critical: 0,
    criticalByKind: {},
    leaks: 0,
    timeouts: 0,
    transport: 0,
    fallbacks: 0,
    visualizations: 0,
    rateLimited: 0,
    credentialsRefused: 0,
    refusedWithinQuota: 0,
    above,
  }
}

/** The thresholds a tally counts latencies above. */
export function watchedThresholds(t: Tally): number[] {
  return Object.keys(t.above).map(Number)
}

/** An answer that is not the service's: a limiter's refusal, or the monitor's credentials refused. Never judged. */
export const notExecuted = (a: JudgedAttempt): boolean => a.rateLimited || a.credentialsRefused

export function addAttempt(t: Tally, a: JudgedAttempt): void {
  if (a.rateLimited) {
    t.rateLimited++
    return
  }
  if (a.credentialsRefused) {
    t.credentialsRefused++
    return
  }
  t.requests++
  if (a.refusedWithinQuota === true) t.refusedWithinQuota++
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
  for (const key of Object.keys(t.above)) if (a.latencyMs > Number(key)) t.above[key] = (t.above[key] ?? 0) + 1
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
  into.rateLimited += from.rateLimited
  into.credentialsRefused += from.credentialsRefused
  into.refusedWithinQuota += from.refusedWithinQuota
  for (const [key, n] of Object.entries(from.above)) into.above[key] = (into.above[key] ?? 0) + n
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
  /** The 1-based ranks the P95 (nearest rank, ⌈0.95·n⌉, as the histogram reads it) and its lower bound are at. */
  p95Rank: number | null
  p95LowerRank: number | null
  maxMs: number | null
}

/** 1-based nearest rank of a whole `percent` among n: ⌈percent·n/100⌉, at least 1 (percent·n is an exact integer). */
export function nearestRank(n: number, percent: number): number {
  return Math.max(1, Math.ceil((percent * n) / 100))
}

/** Is the value at 1-based `rank` of the window above `thresholdMs`? Exact, from the count above it; null: not watched. */
export function rankAbove(t: Tally, rank: number, thresholdMs: number): boolean | null {
  const above = t.above[String(thresholdMs)]
  return above === undefined ? null : t.requests - above < rank
}

/**
 * 1-based rank of the distribution-free lower bound of the `percent`-th percentile, two-sided like the Wilson
 * bounds (an α/2 tail: 2.5 % at 95 %) at every n: the largest l with P(Bin(n, p) ≤ l − 1) ≤ α/2, so that
 * P(X(l) > the true percentile) ≤ α/2. null when no rank is that sure (n too small). Phase 1's quantileInterval
 * (reporters/intervals.ts) spends a one-sided α below 59 samples; the monitor judges every window the same way.
 */
export function lowerBoundRank(n: number, percent: number, confidence: number): number | null {
  if (n <= 0) return null
  const cdf = binomialCdf(n, percent / 100)
  const tail = (1 - confidence) / 2
  let rank: number | null = null
  for (let k = 1; k <= n; k++) {
    if ((cdf[k - 1] as number) <= tail) rank = k
    else break
  }
  return rank
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

/** The histogram's value at 1-based rank r of n (asked half a rank lower: no floating-point step to r + 1). */
const atRank = (h: hdr.Histogram, rank: number): number => h.getValueAtPercentile((100 * (rank - 0.5)) / h.totalCount)

/**
 * A figure shown for rank r, kept on the side of every watched threshold the exact count proves: at most T when
 * the value at r is not above T (the histogram reports its bucket's top: 5000 reads 5023), above T when it is.
 */
function consistent(t: Tally, rank: number, figure: number): number {
  let v = figure
  for (const T of watchedThresholds(t)) v = rankAbove(t, rank, T) ? Math.max(v, T + 1) : Math.min(v, T)
  return v
}
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
  const lowerRank = lowerBoundRank(n, 95, confidence)
  const p95Rank = n > 0 ? nearestRank(n, 95) : null
  const shown = (rank: number | null): number | null => (rank === null || h.totalCount === 0 ? null : consistent(tally, rank, atRank(h, rank)))
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
    p95Ms: shown(p95Rank),
    p99Ms: pct(h, 99),
    // The value at rank `lowerRank` of n.
    p95LowerMs: shown(lowerRank),
    p95Rank,
    p95LowerRank: lowerRank,
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

  /** `thresholdsMs`: the latency thresholds whose exceedances every slice counts exactly (triggers.ts latencyThresholds). */
  constructor(
    private readonly slices: number,
    startedAt: number,
    private readonly thresholdsMs: readonly number[] = [],
  ) {
    this.open = { startedAt, tally: emptyTally(thresholdsMs), histogram: newHistogram() }
  }

  record(a: JudgedAttempt): void {
    addAttempt(this.open.tally, a)
    if (!notExecuted(a)) recordLatency(this.open.histogram, a.latencyMs)
  }

  /**
   * Figures of the open slice plus the closed ones that make a window with it (counts only: cheap, for status
   * lines): at most `slices` slices, as long as the window the status line names, never a window plus a step.
   */
  liveTally(): Tally {
    const t = emptyTally(this.thresholdsMs)
    for (const s of this.closed.slice(Math.max(0, this.closed.length - (this.slices - 1)))) addTally(t, s.tally)
    addTally(t, this.open.tally)
    return t
  }

  /** Ends the open slice at `now`, keeps the last `slices`, and returns the merged window. */
  close(now: number): { startedAt: number; tally: Tally; histogram: hdr.Histogram; full: boolean } {
    this.closed.push(this.open)
    while (this.closed.length > this.slices) this.closed.shift()
    this.open = { startedAt: now, tally: emptyTally(this.thresholdsMs), histogram: newHistogram() }
    const tally = emptyTally(this.thresholdsMs)
    const histogram = newHistogram()
    for (const s of this.closed) {
      addTally(tally, s.tally)
      histogram.add(s.histogram)
    }
    return { startedAt: this.closed[0]?.startedAt ?? now, tally, histogram, full: this.closed.length === this.slices }
  }
}

/**
 * Does [startedAt, endedAt] span one window of `windowMs` (within half a step: timers fire a few milliseconds late)?
 * A window shorter (the watch's first ones, after a version change) or longer (one that took in the wait after the
 * planned end) is partial: shown, never a window rule on its own (a review, 2026-12-05: a re-check after the end
 * spanned 10 s of only the slow answers and rolled back a service at 12 % errors).
 */
export function spansWindow(startedAt: number, endedAt: number, windowMs: number, stepMs: number): boolean {
  return Math.abs(endedAt - startedAt - windowMs) <= stepMs / 2
}

/**
 * Is a sliding window of [startedAt, endedAt] judged on its own? Shorter than `windowMs` yes (its bound carries its
 * fewer answers); longer only by less than `toleranceMs`, the lateness a timer may have before the stretch is a
 * stall of the monitor (a step fired late skips a boundary, one slice then covers two steps: the window is a step
 * longer, its answers still every one of that stretch). Longer than that, it took in a stall, named as such.
 */
export function windowJudged(startedAt: number, endedAt: number, windowMs: number, toleranceMs: number): boolean {
  return endedAt - startedAt <= windowMs + toleranceMs
}

/** A stretch [from, to] when the monitor ran nothing (a stall, a suspended machine): windows over it are partial. */
export type Gap = readonly [from: number, to: number]

const overlaps = (g: Gap, startedAt: number, endedAt: number): boolean => g[1] > startedAt && g[0] < endedAt

/**
 * The report's consecutive windows of `windowMs` on planned boundaries (origin + k·windowMs, like the steps), each
 * answer placed by when it arrived, as the sliding window judges it: an answer that arrives after a boundary is the
 * next window's even when no timer has closed the earlier one yet (an interval that drifted counted answers past the
 * boundaries it labelled the window with: a review, 2026-12-05). The last window ends at the end of the sends (the
 * planned end, or when the watch stopped); answers that arrive after it (the wait for those in flight) make a last,
 * partial window of their own. A window over a stall (markGap) is partial. Memory: one open window.
 */
export class TumblingWindows {
  readonly windows: WindowSummary[] = []
  private open: { startedAt: number; tally: Tally; histogram: hdr.Histogram }
  private readonly gaps: Gap[] = []

  constructor(
    origin: number,
    private readonly windowMs: number,
    /** When the sends end: the planned end until the watch stops earlier (sendsEnded). */
    private sendsEnd: number,
    private readonly thresholdsMs: readonly number[],
    private readonly confidence: number,
  ) {
    this.open = { startedAt: origin, tally: emptyTally(thresholdsMs), histogram: newHistogram() }
  }

  /** An answer that arrived at `at`. */
  record(a: JudgedAttempt, at: number): void {
    this.advance(at)
    addAttempt(this.open.tally, a)
    if (!notExecuted(a)) recordLatency(this.open.histogram, a.latencyMs)
  }

  /** Closes every window whose end (a planned boundary, or the end of the sends) is at or before `at`. */
  advance(at: number): void {
    for (;;) {
      const end = Math.min(this.open.startedAt + this.windowMs, this.sendsEnd)
      if (end <= this.open.startedAt || end > at) return
      this.close(end)
    }
  }

  /** The sends ended at `at` (before the planned end: a trigger, a signal, credentials lost). */
  sendsEnded(at: number): void {
    this.sendsEnd = Math.min(this.sendsEnd, at)
  }

  /** The monitor ran nothing from `from` to `to`: every window over that stretch is partial, closed ones included. */
  markGap(from: number, to: number): void {
    this.gaps.push([from, to])
    for (const w of this.windows) if (overlaps([from, to], Date.parse(w.startedAt), Date.parse(w.endedAt))) w.partial = true
  }

  /** The watch's end at `end`: the windows up to it, then the open one when it holds any answer. */
  finish(end: number): WindowSummary[] {
    this.advance(end)
    const t = this.open.tally
    if (t.requests + t.rateLimited + t.credentialsRefused > 0) this.close(Math.max(end, this.open.startedAt))
    return this.windows
  }

  private close(end: number): void {
    const { startedAt, tally, histogram } = this.open
    const partial = end - startedAt !== this.windowMs || this.gaps.some((g) => overlaps(g, startedAt, end))
    this.windows.push(summarize(this.windows.length + 1, startedAt, end, partial, tally, histogram, this.confidence))
    this.gaps.splice(0, this.gaps.length, ...this.gaps.filter((g) => g[1] > end))
    this.open = { startedAt: end, tally: emptyTally(this.thresholdsMs), histogram: newHistogram() }
  }
}
