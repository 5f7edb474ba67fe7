// How late this worker could read an answer while one was in flight (metric client_loop_delay_p99_ms, reason
// performance.client_busy; docs/verdict-rules.md). Timestamps are taken on the worker's event loop, so a loop busy
// WHILE an exchange is in flight inflates the latency measured. A loop busy with nothing in flight (the judge's
// priming, the imports of the next spec file, an attempt judged after its exchange ended: tests/support/ask.ts
// processingTurn) inflates nothing: it is not sampled (review F3: sampled over the worker's whole life, the note
// fired on the plain default run at concurrency 1 with every latency under 20 ms).
//
// Why a timer of our own and not node:perf_hooks monitorEventLoopDelay toggled with enable()/disable(): Node 20's
// IntervalHistogram keeps the time of its last tick across disable(), so the first tick after enable() records
// the whole idle gap as one delay (measured: a 500 ms pause read as a 518 ms delay); a fresh one per busy period
// records nothing until its second tick and cannot be merged (RecordableHistogram.add refuses it). The samples here
// have the same meaning: the time between two ticks meant to be RESOLUTION_MS apart.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks'

/** What a client tells about its exchanges (tests/support/client.ts: the request about to be written → outcome settled). */
export interface ExchangeObserver {
  /** An exchange's request is about to be written. */
  started(): void
  ended(): void
}

export const LOOP_RESOLUTION_MS = 10

export class ExchangeLoopDelay implements ExchangeObserver {
  private readonly samples: RecordableHistogram = createHistogram()
  private inFlight = 0
  private last = 0
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly resolutionMs = LOOP_RESOLUTION_MS) {}

  started(): void {
    this.inFlight += 1
    if (this.inFlight > 1) return
    this.last = performance.now()
    this.timer = setInterval(() => this.sample(), this.resolutionMs)
    this.timer.unref()
  }

  ended(): void {
    if (this.inFlight === 0) return
    this.inFlight -= 1
    if (this.inFlight > 0) return
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    // The last stretch: this call runs on the loop too, so a block since the last tick shows here; an exchange that
    // ended before its tick was due saw the loop on time (one sample of exactly the resolution: no delay).
    this.sample(this.resolutionMs)
  }

  /** Samples taken (each tick and each end of a busy period). */
  get count(): number {
    return this.samples.count
  }

  /** The P99 delay in ms (what exceeds the resolution), or null when nothing was sampled. */
  p99DelayMs(): number | null {
    if (this.samples.count === 0) return null
    return Math.max(0, this.samples.percentile(99) / 1e6 - this.resolutionMs)
  }

  private sample(atLeastMs = 0): void {
    const now = performance.now()
    const elapsedMs = Math.max(now - this.last, atLeastMs)
    this.last = now
    this.samples.record(Math.max(1, Math.round(elapsedMs * 1e6)))
  }
}
