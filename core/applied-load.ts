// The load the run applied to the target (core/model.ts AppliedLoad), computed from the exchanges themselves: each
// measured attempt was in flight from the moment its request was written (`sentAtMs`, tests/support/client.ts) for
// its latency (to the last byte of the answer, or the deadline). A sweep over those spans gives the requests in
// flight at the target at every moment — the peak, the time-weighted mean and the share of the time the cap was
// held — over the time at least one was in flight (a gap between two spec files is no lighter load: nothing is
// measured then). Counted from the permits of the cross-worker limiter instead, a permit still held while its worker
// read the answer late, or released a turn later, counted as a request in flight: the figure said the cap was held
// when the target saw far fewer (a reviewer measured 99 % against 23 % at the target).
// A timed-out attempt's span ends at the client's deadline, where the client let it go: the target may have kept
// working on it for longer, unseen (a reviewer's target held 3 abandoned requests at once while the sweep said 1). Those
// attempts are counted (`abandoned`) so that every document writes the peak as a lower bound and says why.
// Warm-ups are not counted (sent before the questions, excluded from the statistics); the security probes are not
// exchanges of a question and are not counted either.
import type { AppliedLoad, QuestionRecord } from './model.ts'

/** Time-weighted in-flight accounting, O(1) per change. */
export class InFlightMeter {
  private held = 0
  private peak = 0
  private started = 0
  private since = 0
  private busyMs = 0
  private heldMs = 0
  private capHeldMs = 0

  constructor(private readonly cap: number) {}

  /** `delta` exchanges started (> 0) or ended (< 0) at `at` (ms, one clock for every change). */
  change(delta: number, at: number): void {
    this.advance(at)
    this.held += delta
    if (delta > 0) this.started += delta
    if (this.held > this.peak) this.peak = this.held
  }

  /** The figures; `abandoned`: how many of the requests the client gave up at its deadline (core/model.ts). */
  figures(abandoned = 0): AppliedLoad | null {
    if (this.started === 0 || this.busyMs <= 0) return null
    return {
      peak: this.peak,
      mean: this.heldMs / this.busyMs,
      capHeldShare: this.capHeldMs / this.busyMs,
      requests: this.started,
      busyMs: this.busyMs,
      abandoned,
    }
  }

  private advance(at: number): void {
    const dt = at - this.since
    this.since = at
    if (this.held <= 0 || dt <= 0) return
    this.busyMs += dt
    this.heldMs += this.held * dt
    if (this.held >= this.cap) this.capHeldMs += dt
  }
}

/**
 * The applied load of the measured attempts of `questions` against `cap`; null when none carries its send time
 * (records of an older version, a run that measured nothing). O(n log n): two sorted arrays of n times.
 */
export function appliedLoadOf(questions: readonly QuestionRecord[], cap: number): AppliedLoad | null {
  let n = 0
  for (const q of questions) for (const a of q.attempts) if (typeof a.sentAtMs === 'number') n++
  if (n === 0) return null
  const starts = new Float64Array(n)
  const ends = new Float64Array(n)
  let i = 0
  let abandoned = 0
  for (const q of questions)
    for (const a of q.attempts)
      if (typeof a.sentAtMs === 'number') {
        starts[i] = a.sentAtMs
        ends[i] = a.sentAtMs + Math.max(0, a.latencyMs)
        if (a.timedOut) abandoned++
        i++
      }
  starts.sort()
  ends.sort()
  const meter = new InFlightMeter(cap)
  // At equal times an end comes first (a request answered as the next one is written does not overlap it), but never
  // more ends than starts so far: the count in flight cannot go below zero.
  let s = 0
  let e = 0
  while (s < n || e < n) {
    if (e < s && (s >= n || (ends[e] as number) <= (starts[s] as number))) meter.change(-1, ends[e++] as number)
    else meter.change(1, starts[s++] as number)
  }
  return meter.figures(abandoned)
}
