// One time line for every process of a run. The applied load (core/applied-load.ts) sweeps the send times of
// exchanges measured in several worker processes; an exchange answered in one worker and the next one written in
// another, once the permit passed between them, are sequential, and the sweep must see them so.
// `performance.timeOrigin + performance.now()` is not one time line: each process samples the wall clock for its
// timeOrigin at its own start, and two processes disagree by up to a millisecond (a CI run counted a peak of 4
// requests in flight under a cap of 3 that the server itself never exceeded). The monotonic clock behind
// performance.now() and process.hrtime (CLOCK_MONOTONIC on Linux, mach_absolute_time on macOS, the performance
// counter on Windows) is one clock for the whole machine. So a moment is placed on it, and the main process's
// anchor (the epoch time of its zero, core/provided.ts clockAnchorMs) turns it into epoch milliseconds alike in
// every worker.

const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6

/**
 * Where this process's performance.now() zero sits on the machine's monotonic clock. performance.now() is that clock
 * minus a constant, read between two reads of it: the narrowest of a few brackets (the first calls load code and are
 * slow) places it within a microsecond or two.
 */
const originOnMonotonicMs = ((): number => {
  let best = { width: Number.POSITIVE_INFINITY, origin: 0 }
  for (let i = 0; i < 16; i++) {
    const before = monotonicMs()
    const now = performance.now()
    const after = monotonicMs()
    if (after - before < best.width) best = { width: after - before, origin: (before + after) / 2 - now }
  }
  return best.origin
})()

/** Epoch ms at the monotonic clock's zero; this process's own until the run's anchor is adopted. */
let anchorMs = Date.now() - monotonicMs()

/** This process's anchor, for the main process to hand to the workers. */
export function runClockAnchor(): number {
  return anchorMs
}

/** Adopts the main process's anchor (a worker, before its first exchange). */
export function adoptRunClock(anchor: number | undefined): void {
  if (typeof anchor === 'number' && Number.isFinite(anchor)) anchorMs = anchor
}

/** A performance.now() reading of this process, in epoch ms on the run's time line. */
export function runEpochMs(performanceNowMs: number): number {
  return anchorMs + originOnMonotonicMs + performanceNowMs
}
