// Which build answered each chat request, for the watch's per-version figures (release/monitor.ts
// MonitorResult.versions, docs/release.md "Version changes"). The periodic health checks read the version every
// MONITOR_HEALTH_EVERY; between two of them another build may take over, and its answers came before any check said so.
// They were credited to the build it replaced (a review, 2026-12-05: a new build's HTTP 500s in the healthy old
// build's row). Now:
//  - an answer that names its build (release/probe.ts BUILD_HEADERS) is that build's;
//  - any other is credited by the periodic checks around its request: the version read by the last one SENT before the
//    request and by the first one sent after it (checks that read no version skipped). The same version: that build's.
//    Two versions: the change happened while it was asked and nothing tells which build answered: unattributed, never
//    the old build's. Before any version was read: the first one read (the watch had seen no other).
//  - at the end of the watch the requests no later check followed are the last version read's (no check saw another).
// An answer is held until the check after its request has answered. Constant memory: one accumulator for the stretch
// since the last version read and one per check still in flight, never one entry per answer.
import type * as hdr from 'hdr-histogram-js'
import type { JudgedAttempt } from './probe.ts'
import { addAttempt, addTally, emptyTally, newHistogram, notExecuted, recordLatency, type Tally } from './windows.ts'

/** What a periodic health check said of the version: a read (null: healthy without one, once one was read), or none. */
export type VersionRead = { version: string | null } | null

/** A stretch's figures: its answers, when the first of their requests was sent, when the last of them came. */
export interface Figures {
  tally: Tally
  histogram: hdr.Histogram
  firstSentAt: number
  lastAt: number
}

/** Where an answer goes: a build (its version as read or named; null: none reported), or no build. */
type Credit = { build: string | null } | 'unattributed'

/** Requests credited alike once decided: the slots [from, to), and how many of their requests are still unanswered. */
interface Decided {
  from: number
  to: number
  credit: Credit
  outstanding: number
}

/** Undecided requests: their figures so far and how many are still unanswered. */
interface Held {
  figures: Figures | null
  outstanding: number
}

const held = (): Held => ({ figures: null, outstanding: 0 })

function figuresOf(watched: readonly number[]): Figures {
  return { tally: emptyTally(watched), histogram: newHistogram(), firstSentAt: Number.POSITIVE_INFINITY, lastAt: 0 }
}

function addAnswer(into: { tally: Tally; histogram: hdr.Histogram }, a: JudgedAttempt): void {
  addAttempt(into.tally, a)
  if (!notExecuted(a)) recordLatency(into.histogram, a.latencyMs)
}

function addFigures(into: { tally: Tally; histogram: hdr.Histogram }, from: Figures): void {
  addTally(into.tally, from.tally)
  into.histogram.add(from.histogram)
}

/**
 * The ledger of one watch. Requests are numbered by the periodic check sent last before them (their slot: 0 before
 * the first check); checks are applied in the order they were sent, whatever order they answer in.
 */
export class BuildLedger {
  private checksSent = 0
  /** The next check to apply, and the results of later ones that came first. */
  private nextCheck = 1
  private readonly early = new Map<number, VersionRead>()
  /** The last version read among the checks applied (undefined: none yet), and the first slot it has not decided. */
  private lastRead: { version: string | null } | undefined
  private openFrom = 0
  /** Slots [openFrom, nextCheck): one stretch (the checks between them read no version). */
  private open: Held = held()
  /** Slots from nextCheck on, each its own until its check is applied. */
  private readonly ahead = new Map<number, Held>()
  private readonly decided: Decided[] = []
  private unattributedFigures: Figures | null = null

  /**
   * `watched`: the latency thresholds a tally counts (windows.ts). `build(version)`: the figures of a build, where its
   * answers are added (the monitor's per-version entries).
   */
  constructor(
    private readonly watched: readonly number[],
    private readonly build: (version: string | null) => { tally: Tally; histogram: hdr.Histogram },
  ) {}

  /** A periodic health check is being sent: its number, for checkRead. */
  checkSent(): number {
    this.checksSent++
    return this.checksSent
  }

  /** A chat request is being sent: its slot, for answer. */
  requestSent(): number {
    this.heldOf(this.checksSent).outstanding++
    return this.checksSent
  }

  /** What check `k` read (null: no version: it failed, or no version has been read yet and it reported none). */
  checkRead(k: number, read: VersionRead): void {
    this.early.set(k, read)
    while (this.early.has(this.nextCheck)) {
      const next = this.early.get(this.nextCheck) ?? null
      this.early.delete(this.nextCheck)
      this.apply(this.nextCheck, next)
    }
  }

  /** An answer to a request of `slot`, come at `at`: credited now, or held until the checks around it have answered. */
  answer(slot: number, a: JudgedAttempt, sentAt: number, at: number): void {
    const decided = this.decided.find((d) => slot >= d.from && slot < d.to)
    if (a.build !== null || decided !== undefined) {
      if (decided !== undefined && --decided.outstanding === 0) this.decided.splice(this.decided.indexOf(decided), 1)
      else if (decided === undefined) this.heldOf(slot).outstanding--
      this.credit(a.build !== null ? { build: a.build } : (decided as Decided).credit, a, sentAt, at)
      return
    }
    const h = this.heldOf(slot)
    h.outstanding--
    h.figures ??= figuresOf(this.watched)
    addAnswer(h.figures, a)
    h.figures.firstSentAt = Math.min(h.figures.firstSentAt, sentAt)
    h.figures.lastAt = Math.max(h.figures.lastAt, at)
  }

  /**
   * The watch ended: checks not answered read nothing, and what no later check followed is the last version read's
   * (none read at all: the version "not reported").
   */
  finish(): void {
    for (let k = this.nextCheck; k <= this.checksSent; k++) this.checkRead(k, this.early.get(k) ?? null)
    this.decide({ build: this.lastRead?.version ?? null }, this.nextCheck)
  }

  /** The answers attributed to no build (null: none). */
  unattributed(): Figures | null {
    return this.unattributedFigures
  }

  private heldOf(slot: number): Held {
    if (slot < this.nextCheck) return this.open
    let h = this.ahead.get(slot)
    if (h === undefined) {
      h = held()
      this.ahead.set(slot, h)
    }
    return h
  }

  /** Check `k`'s result, the checks before it applied: a read decides the stretch before it; none joins slot k to it. */
  private apply(k: number, read: VersionRead): void {
    const slot = this.ahead.get(k) ?? held()
    this.ahead.delete(k)
    if (read === null) this.join(slot)
    else {
      this.decide(this.lastRead === undefined || this.lastRead.version === read.version ? { build: read.version } : 'unattributed', k)
      this.lastRead = read
      this.open = slot
      this.openFrom = k
    }
    this.nextCheck = k + 1
  }

  private join(slot: Held): void {
    this.open.outstanding += slot.outstanding
    if (slot.figures === null) return
    if (this.open.figures === null) this.open.figures = slot.figures
    else {
      addFigures(this.open.figures, slot.figures)
      this.open.figures.firstSentAt = Math.min(this.open.figures.firstSentAt, slot.figures.firstSentAt)
      this.open.figures.lastAt = Math.max(this.open.figures.lastAt, slot.figures.lastAt)
    }
  }

  /** The open stretch (slots up to `to`) is decided: its answers credited, its later answers credited on arrival. */
  private decide(credit: Credit, to: number): void {
    const { figures, outstanding } = this.open
    if (figures !== null) {
      const into = credit === 'unattributed' ? this.unattributedInto() : this.build(credit.build)
      addFigures(into, figures)
      if (credit === 'unattributed') this.spanUnattributed(figures.firstSentAt, figures.lastAt)
    }
    if (outstanding > 0) this.decided.push({ from: this.openFrom, to, credit, outstanding })
    this.open = held()
  }

  private credit(credit: Credit, a: JudgedAttempt, sentAt: number, at: number): void {
    if (credit !== 'unattributed') {
      addAnswer(this.build(credit.build), a)
      return
    }
    addAnswer(this.unattributedInto(), a)
    this.spanUnattributed(sentAt, at)
  }

  private unattributedInto(): Figures {
    this.unattributedFigures ??= figuresOf(this.watched)
    return this.unattributedFigures
  }

  private spanUnattributed(firstSentAt: number, lastAt: number): void {
    const u = this.unattributedInto()
    u.firstSentAt = Math.min(u.firstSentAt, firstSentAt)
    u.lastAt = Math.max(u.lastAt, lastAt)
  }
}
