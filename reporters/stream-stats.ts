// Stream figures of a run (VALIDATION_STREAM=true, docs/generations.md): time to the first status event and to
// the first response chunk (TTFC) over the measured attempts. An attempt that timed out before its first chunk
// enters the TTFC series at its latency (a censored value: the truth is ≥), never dropped; one that ended
// without any chunk (error event) has no TTFC.
import '../core/locale/generations.ts'
import { quantileCensored, quantileSorted7, sortedFloat64 } from '../core/percentile.ts'
import type { RunModel } from '../core/model.ts'
import { measuredLatency, notMeasured } from '../core/measured.ts'
import { quantileBounds } from './intervals.ts'

export interface StreamFigures {
  /** Measured stream attempts. */
  attempts: number
  /** The TTFC population the percentiles read, ascending, and how many of it are timeouts (the HTML chart draws it). */
  ttfcSeries: { sorted: Float64Array; censored: number }
  ttfc: {
    n: number
    p50: number | null
    p95: number | null
    p99: number | null
    /** upper null and upperAtLeast set when its rank falls on a timeout (reporters/intervals.ts quantileBounds). */
    p95Interval: { lower: number | null; upper: number | null; upperAtLeast: number | null; minSamplesForUpper: number }
    /** The P95 is a lower bound (a censored value reached it). */
    p95Censored: boolean
    /** The same for the P50 and the P99 (core/percentile.ts quantileCensored), as for the end-to-end latency. */
    p50Censored: boolean
    p99Censored: boolean
  }
  firstStatus: { n: number; p50: number | null; p95: number | null; p99: number | null }
  chunks: { mean: number | null }
}

export function streamFigures(model: RunModel): StreamFigures | null {
  const ttfc: number[] = []
  const status: number[] = []
  const censored: number[] = []
  let attempts = 0
  let chunkSum = 0
  const timeoutMs = model.settings.timeoutMs
  for (const q of model.questions)
    for (const a of q.attempts) {
      // The latency statistics' population (core/measured.ts): no probe, no warm-up, no rate limiter's refusal.
      if (a.stream === undefined || notMeasured(a, q.probe === true) !== null) continue
      attempts++
      chunkSum += a.stream.contentChunks
      if (a.stream.firstEventMs !== null) status.push(a.stream.firstEventMs)
      if (a.stream.firstContentMs !== null) ttfc.push(a.stream.firstContentMs)
      else if (a.timedOut) {
        const at = measuredLatency(a, timeoutMs)
        ttfc.push(at)
        censored.push(at)
      }
    }
  if (attempts === 0) return null
  const sorted = sortedFloat64(ttfc)
  const bounds = quantileBounds(sorted, censored, 0.95, 0.95)
  const p95Censored = quantileCensored(sorted, 0.95, censored)
  const statusSorted = sortedFloat64(status)
  return {
    attempts,
    ttfcSeries: { sorted, censored: censored.length },
    ttfc: {
      n: sorted.length,
      p50: quantileSorted7(sorted, 0.5),
      p95: quantileSorted7(sorted, 0.95),
      p99: quantileSorted7(sorted, 0.99),
      p95Interval: {
        lower: bounds.lower,
        upper: bounds.upper,
        upperAtLeast: bounds.upperAtLeast,
        minSamplesForUpper: bounds.ranks.minSamplesForUpper,
      },
      p95Censored,
      p50Censored: quantileCensored(sorted, 0.5, censored),
      p99Censored: quantileCensored(sorted, 0.99, censored),
    },
    firstStatus: {
      n: statusSorted.length,
      p50: quantileSorted7(statusSorted, 0.5),
      p95: quantileSorted7(statusSorted, 0.95),
      p99: quantileSorted7(statusSorted, 0.99),
    },
    chunks: { mean: attempts > 0 ? chunkSum / attempts : null },
  }
}

/** The parameters the stream lines of the documents read (core/locale/generations.ts). */
export function streamParams(st: StreamFigures): Record<string, number | boolean | null> {
  return {
    p50: st.ttfc.p50,
    p95: st.ttfc.p95,
    p99: st.ttfc.p99,
    n: st.ttfc.n,
    censored: st.ttfc.p95Censored,
    censored50: st.ttfc.p50Censored,
    censored99: st.ttfc.p99Censored,
    lower: st.ttfc.p95Interval.lower,
    upper: st.ttfc.p95Interval.upper,
    upperAtLeast: st.ttfc.p95Interval.upperAtLeast,
    status95: st.firstStatus.p95,
    chunks: st.chunks.mean,
  }
}
