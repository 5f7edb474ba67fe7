// The progress line of a long run (issue 9: "long runs are silent"). Real answers take 10–50 s: without it a CI log
// shows nothing for minutes. Every VALIDATION_PROGRESS_SECONDS (and, in a terminal, on each answer) globalSetup
// prints attempts done / planned, ok / failed, the P95 so far and an ETA — on stdout, so CI logs have it too.
//
// Cheap by construction: it reads only the bytes the attempt journal (core/journal.ts) gained since the last look,
// and each attempt costs O(1) (counters, one slot of a fixed array, one histogram bucket); a line costs at most a
// sort of EXACT_LATENCIES values, then O(buckets) — never O(attempts), and the memory stays constant.
import { type JournalEntry, JournalTail } from '../../core/journal.ts'
import { type Locale, say } from '../../core/locale/index.ts'
import '../../core/locale/run.ts'
import { notMeasured } from '../../core/measured.ts'
import { quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'
import { type DurationForm, formatDuration } from '../../core/duration.ts'

/**
 * Latencies in buckets 1 % apart (from 0.01 ms). Its quantile is a nearest-rank one: the bucket bound of the order
 * statistic at rank ⌈q·n⌉, above it by less than 1 % — not the verdict's type 7 (with 15 attempts it is the maximum).
 */
export class LatencyHistogram {
  private static readonly RATIO = Math.log(1.01)
  private static readonly FLOOR_MS = 0.01
  private readonly counts = new Map<number, number>()
  count = 0

  record(ms: number): void {
    const bucket = Math.max(0, Math.ceil(Math.log(Math.max(ms, LatencyHistogram.FLOOR_MS) / LatencyHistogram.FLOOR_MS) / LatencyHistogram.RATIO))
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1)
    this.count++
  }

  /** The nearest-rank quantile's bucket bound (≥ the true value, by less than 1 %); null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null
    const rank = Math.ceil(q * this.count)
    let seen = 0
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0
      if (seen >= rank) return LatencyHistogram.FLOOR_MS * Math.exp(bucket * LatencyHistogram.RATIO)
    }
    return null
  }
}

/** Up to this many latencies the progress P95 is exact (32 KB kept); beyond, the histogram's estimate. */
export const EXACT_LATENCIES = 4096

/**
 * The P95 so far by the verdict's method (core/percentile.ts, type 7), so the final progress line of a run of up to
 * EXACT_LATENCIES attempts prints the verdict's P95. Beyond that bound the latencies are no longer kept (constant
 * memory on long runs) and the figure is the histogram's: within 1 % above the order statistic at rank ⌈0.95·n⌉,
 * which is one of the two that type 7 interpolates between — so an estimate of the verdict's P95, close when the
 * latencies are dense around it, exact only by chance.
 */
export class ProgressLatency {
  private readonly exact = new Float64Array(EXACT_LATENCIES)
  private readonly histogram = new LatencyHistogram()

  get count(): number {
    return this.histogram.count
  }

  record(ms: number): void {
    if (this.histogram.count < EXACT_LATENCIES) this.exact[this.histogram.count] = ms
    this.histogram.record(ms)
  }

  /** Exact type 7 while every latency is kept, else the histogram's estimate; null when empty. */
  quantile(q: number): number | null {
    const n = this.histogram.count
    if (n === 0) return null
    if (n <= EXACT_LATENCIES) return quantileSorted7(sortedFloat64(this.exact.subarray(0, n)), q)
    return this.histogram.quantile(q)
  }
}

export interface ProgressPlan {
  attempts: number
  warmups: number
}

export interface ProgressFigures {
  attempts: number
  warmups: number
  ok: number
  failed: number
  p95Ms: number | null
  elapsedMs: number
  /** Remaining time at the pace so far; null before the first answer. */
  etaMs: number | null
}

/** Counts what the journal says, one entry at a time, in O(1). */
export class ProgressCounter {
  private attempts = 0
  private warmups = 0
  private ok = 0
  private failed = 0
  private readonly latency = new ProgressLatency()

  constructor(readonly plan: ProgressPlan) {}

  add(entry: JournalEntry): void {
    const a = entry.attempt
    if (a.warmup) {
      this.warmups++
      return
    }
    this.attempts++
    if (a.ok) this.ok++
    else this.failed++
    // The verdict's population (core/measured.ts): a rate-limited attempt never reached the service.
    if (notMeasured(a, false) === null) this.latency.record(a.latencyMs)
  }

  figures(elapsedMs: number): ProgressFigures {
    const done = this.attempts + this.warmups
    const planned = this.plan.attempts + this.plan.warmups
    const etaMs = done === 0 ? null : (elapsedMs / done) * Math.max(0, planned - done)
    return { attempts: this.attempts, warmups: this.warmups, ok: this.ok, failed: this.failed, p95Ms: this.latency.quantile(0.95), elapsedMs, etaMs }
  }
}

/** A measured time or an estimate, to the nearest unit ("3 min 12 s" is "3 min", not "4 min"): core/duration.ts. */
const MEASURED: DurationForm = { form: 'words', rounding: 'nearest' }
const ms = (x: number): string => (x >= 10_000 ? formatDuration(x, MEASURED) : `${Math.round(x)} ms`)

/**
 * "progress: 5/15 attempts (warm-ups 2/2) · 4 ok, 1 failed · P95 so far ≈ 1234 ms · elapsed 40 s · ETA ≈ 2 min", in the
 * run's language (core/locale/run.ts `run.progress`).
 */
export function progressLine(plan: ProgressPlan, f: ProgressFigures, final: boolean, locale: Locale): string {
  return say(
    {
      code: 'run.progress',
      params: {
        attempts: f.attempts,
        planned: plan.attempts,
        warmups: f.warmups,
        plannedWarmups: plan.warmups,
        ok: f.ok,
        failed: f.failed,
        p95: f.p95Ms === null ? null : ms(f.p95Ms),
        elapsed: formatDuration(f.elapsedMs, MEASURED),
        eta: f.etaMs === null ? null : formatDuration(f.etaMs, MEASURED),
        final,
        // A last line with attempts still to come (Ctrl-C, an early stop) says so instead of "done".
        complete: f.attempts + f.warmups >= plan.attempts + plan.warmups,
      },
    },
    locale,
  )
}

export interface ProgressOptions {
  journalPath: string
  plan: ProgressPlan
  /** A line every this many ms (0: no periodic line). */
  everyMs: number
  /** In a terminal: also a line on each answer. */
  eachAnswer: boolean
  /** VALIDATION_LOCALE: the language of the line. */
  locale: Locale
  out: (line: string) => void
  now?: () => number
}

/** Watches the journal: polls it (cheaply) and prints as configured; finish() prints the final line once. */
export class ProgressMonitor {
  private readonly tail: JournalTail
  private readonly counter: ProgressCounter
  private readonly now: () => number
  private readonly started: number
  private lastLineAt: number
  private timer: NodeJS.Timeout | null = null
  private finished = false

  constructor(private readonly options: ProgressOptions) {
    // Kept open: the reporter may remove the journal before the last read (core/journal.ts JournalTail).
    this.tail = new JournalTail(options.journalPath, { keepOpen: true })
    this.counter = new ProgressCounter(options.plan)
    this.now = options.now ?? (() => performance.now())
    this.started = this.now()
    this.lastLineAt = this.started
  }

  private get enabled(): boolean {
    return this.options.everyMs > 0 || this.options.eachAnswer
  }

  /** Reads what the journal gained; prints when an answer came (terminal) or the period is over. */
  poll(): void {
    if (this.finished) return
    const answers = this.readNew()
    const t = this.now()
    const due = this.options.everyMs > 0 && t - this.lastLineAt >= this.options.everyMs
    if (due || (this.options.eachAnswer && answers > 0)) {
      this.lastLineAt = t
      this.options.out(progressLine(this.options.plan, this.counter.figures(t - this.started), false, this.options.locale))
    }
  }

  /** Counts the entries the journal gained (those with a latency); returns how many. */
  private readNew(): number {
    let added = 0
    this.tail.read((entry) => {
      if (typeof entry.attempt.latencyMs !== 'number') return
      this.counter.add(entry)
      added++
    })
    return added
  }

  start(): void {
    if (!this.enabled) return
    // A short poll in a terminal (one line per answer), else once a second at most: a read of what is new.
    const period = this.options.eachAnswer ? 250 : Math.min(1000, this.options.everyMs)
    this.timer = setInterval(() => this.poll(), period)
    this.timer.unref()
  }

  /** The last line, with everything the journal holds: called when the run ends, before the verdict is printed. */
  finish(): void {
    if (this.finished) return
    this.finished = true
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    try {
      if (!this.enabled) return
      this.readNew()
      this.options.out(progressLine(this.options.plan, this.counter.figures(this.now() - this.started), true, this.options.locale))
    } finally {
      this.tail.close()
    }
  }
}
