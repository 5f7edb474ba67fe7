// The stage figures of a run (docs/suite-rules.md §5 "Stage figures"): each stage's percentiles over the answers
// whose stage timings are plausible (core/stage-figures.ts), the population behind them (n of the measured attempts,
// the timed-out ones whose stages are unknown), what was not used and why, and the notes that say it. Plain data
// in, plain data out; aggregate() feeds it the measured attempts and the renderers only format what it returns.
import {
  STAGE_BUDGETS_MS,
  STAGE_ENTRY_DROPS,
  STAGE_NAMES,
  type AttemptRecord,
  type StageEntryDrop,
  type StageName,
  type StageReading,
} from '../core/model.ts'
import { WEAK_SUPPORT } from '../core/percentile.ts'
import { type Reason, reason } from '../core/reason.ts'
import { type StageTrust, stageTrust } from '../core/stage-figures.ts'
import { type LatencyStats, Series } from './series.ts'

/**
 * What a stage's row says, decided here once:
 * - `over` / `within`: its P95 against the plan's budget;
 * - `within_lower_bound`: within, but measured attempts timed out, so the figures are lower bounds and the budget
 *   may yet be exceeded;
 * - `not_observable`: the contract's wire cannot carry stage timings (its adapter declares them absent);
 * - `not_used`: answers named the stage, but none of their figures could be used (dropped entries, implausible);
 * - `unknown`: every measured attempt timed out;
 * - `not_reported`: no answer named the stage.
 */
export const STAGE_STATUSES = ['over', 'within', 'within_lower_bound', 'not_observable', 'not_used', 'unknown', 'not_reported'] as const
export type StageStatus = (typeof STAGE_STATUSES)[number]

export interface StageStats extends LatencyStats {
  budgetMs: number
  /** false: no answer's figure for this stage was used (its status says why). */
  reported: boolean
  /** Reported, and its P95 exceeds the plan's budget. */
  overBudget: boolean
  /** The measured attempts the figure could come from (executed ones; warm-ups and rate-limited refusals aside): `n` of them. */
  of: number
  /** Measured attempts that timed out: their stages are unknown, so every figure of a reported stage is a lower bound. */
  timedOut: number
  /** Reported from fewer answers than a P95 needs (core/percentile.ts WEAK_SUPPORT.p95): weakly supported. */
  weak: boolean
  status: StageStatus
}

/** Dropped stage timing entries of one kind, over the run's measured attempts. */
export interface DroppedEntries {
  why: StageEntryDrop
  entries: number
  answers: number
  /** The first distinct names (MAX_NAMES); `entries` counts them all. */
  names: string[]
}

/** Names seen in answers, counted by answer: the first distinct ones (MAX_NAMES) and how many distinct there were. */
export interface NamesSeen {
  answers: number
  names: string[]
  distinct: number
}

/** Which measured attempts the stage figures come from, and what the answers said that they do not use. */
export interface StageFigures {
  /** Measured attempts (executed). */
  of: number
  /** Whose stage timings entered the figures. */
  used: number
  /** Timed out: stages unknown. */
  timedOut: number
  /** Answered without any stage timing. */
  withoutTiming: number
  /** Stage timings beyond the measured latency: not used. */
  exceedsLatency: number
  /** A Server-Timing total that reads as the measured latency in seconds: not used, not converted. */
  secondsSuspected: number
  dropped: DroppedEntries[]
  /** Answers naming a stage (or `total`) more than once: entries summed (largest total kept). */
  repeated: NamesSeen | null
  /** Answers naming no plan stage: listed, never used. */
  unmapped: NamesSeen | null
  /** false: the contract's wire cannot carry stage timings (core/observes.ts). */
  observable: boolean
}

/** A stage over its budget, with the support behind its P95. */
export interface StageOverBudget {
  name: StageName
  p95: number
  budgetMs: number
  n: number
  of: number
  weak: boolean
}

/** Names a note lists; its counts cover every one. */
export const MAX_NAMES = 5

class NameTally {
  answers = 0
  readonly names = new Set<string>()
  distinct = 0
  add(names: readonly string[]): void {
    if (names.length === 0) return
    this.answers++
    for (const n of names) {
      if (this.names.has(n)) continue
      if (this.names.size < MAX_NAMES) this.names.add(n)
      this.distinct++
    }
  }
  result(): NamesSeen | null {
    // `distinct` counts a name again when it comes back after the list is full: a bounded tally, never below the list.
    return this.answers === 0 ? null : { answers: this.answers, names: [...this.names], distinct: Math.max(this.distinct, this.names.size) }
  }
}

/** Every measured attempt's stage timings, one at a time; then the stage figures. */
export class StageTally {
  private readonly series: Series[]
  /** Per stage (STAGE_NAMES order): answers that named it, whether or not its figure was used. */
  private readonly named: number[] = STAGE_NAMES.map(() => 0)
  private readonly trust: Record<StageTrust, number> = { used: 0, timed_out: 0, none: 0, exceeds_latency: 0, seconds_suspected: 0 }
  private readonly dropped = new Map<StageEntryDrop, { entries: number; answers: number; names: NameTally }>()
  private readonly repeated = new NameTally()
  private readonly unmapped = new NameTally()

  constructor(capacity: number) {
    this.series = STAGE_NAMES.map(() => new Series(capacity))
  }

  /** One measured (executed) attempt. */
  add(a: AttemptRecord): void {
    const trust = stageTrust(a)
    this.trust[trust]++
    const stages = a.stages
    // The stages this answer named, as bits in STAGE_NAMES order (no allocation per attempt).
    let named = 0
    for (let i = 0; i < STAGE_NAMES.length; i++) {
      const v = stages[STAGE_NAMES[i] as StageName]
      if (typeof v !== 'number' || !Number.isFinite(v)) continue
      named |= 1 << i
      if (trust === 'used') (this.series[i] as Series).push(v)
    }
    const reading = a.stageReading
    if (reading !== undefined) {
      // A stage whose only entries were dropped was still named (its row says "not used", not "not reported").
      named |= this.addDropped(reading.dropped ?? [])
      this.repeated.add(reading.repeated ?? [])
      this.unmapped.add(reading.unmapped ?? [])
    }
    for (let i = 0; i < STAGE_NAMES.length; i++) if (named & (1 << i)) this.named[i] = (this.named[i] as number) + 1
  }

  /** Counts one answer's dropped entries per kind; returns the stages they named, as bits. */
  private addDropped(dropped: NonNullable<StageReading['dropped']>): number {
    let named = 0
    const answered = new Set<StageEntryDrop>()
    for (const d of dropped) {
      const kind = this.dropped.get(d.why) ?? { entries: 0, answers: 0, names: new NameTally() }
      kind.entries++
      if (!answered.has(d.why)) kind.answers++
      answered.add(d.why)
      kind.names.add([d.name])
      this.dropped.set(d.why, kind)
      if (d.stage !== null && d.why !== 'inside_stage') named |= 1 << STAGE_NAMES.indexOf(d.stage)
    }
    return named
  }

  /** The stage rows and the population behind them; `observable` false: the wire cannot carry stage timings. */
  result(observable: boolean): { stages: Record<StageName, StageStats>; figures: StageFigures } {
    const of = this.trust.used + this.trust.timed_out + this.trust.none + this.trust.exceeds_latency + this.trust.seconds_suspected
    const timedOut = this.trust.timed_out
    const stages = Object.fromEntries(
      STAGE_NAMES.map((name, i) => [
        name,
        stageRow(name, (this.series[i] as Series).stats(), { of, timedOut, named: this.named[i] as number, observable }),
      ]),
    ) as Record<StageName, StageStats>
    const figures: StageFigures = {
      of,
      used: this.trust.used,
      timedOut,
      withoutTiming: this.trust.none,
      exceedsLatency: this.trust.exceeds_latency,
      secondsSuspected: this.trust.seconds_suspected,
      // In the declared order of the kinds, so every document lists them alike.
      dropped: STAGE_ENTRY_DROPS.flatMap((why) => {
        const d = this.dropped.get(why)
        return d === undefined ? [] : [{ why, entries: d.entries, answers: d.answers, names: d.names.result()?.names ?? [] }]
      }),
      repeated: this.repeated.result(),
      unmapped: this.unmapped.result(),
      observable,
    }
    return { stages, figures }
  }
}

/** One stage's row: its statistics, the population behind them, and its status. */
function stageRow(name: StageName, st: LatencyStats, p: { of: number; timedOut: number; named: number; observable: boolean }): StageStats {
  const budgetMs = STAGE_BUDGETS_MS[name]
  const reported = st.n > 0
  const overBudget = reported && st.p95 !== null && st.p95 > budgetMs
  // Timed-out attempts' stages are unknown and they are the slowest answers: every figure of the stage is a lower bound.
  const lowerBound = reported && p.timedOut > 0
  return {
    ...st,
    ...(lowerBound ? { p50Censored: true, p95Censored: true, p99Censored: true, meanCensored: true, maxCensored: true } : {}),
    budgetMs,
    reported,
    overBudget,
    of: p.of,
    timedOut: p.timedOut,
    weak: reported && st.n < WEAK_SUPPORT.p95,
    status: statusOf(reported, overBudget, lowerBound, p),
  }
}

function statusOf(
  reported: boolean,
  overBudget: boolean,
  lowerBound: boolean,
  p: { of: number; timedOut: number; named: number; observable: boolean },
): StageStatus {
  if (reported) return overBudget ? 'over' : lowerBound ? 'within_lower_bound' : 'within'
  if (!p.observable) return 'not_observable'
  if (p.named > 0) return 'not_used'
  if (p.of > 0 && p.timedOut === p.of) return 'unknown'
  return 'not_reported'
}

/** The stages whose P95 exceeds the plan's budget, in pipeline order, with the support behind each. */
export function stagesOverBudget(stages: Record<StageName, StageStats>): StageOverBudget[] {
  return STAGE_NAMES.flatMap((name) => {
    const st = stages[name]
    return st.overBudget && st.p95 !== null ? [{ name, p95: st.p95, budgetMs: st.budgetMs, n: st.n, of: st.of, weak: st.weak }] : []
  })
}

/** The notes that say what the stage figures leave out (the Markdown lists them under its stage table). */
export const STAGE_FIGURE_NOTES: ReadonlySet<string> = new Set([
  'note.stage_exceeds_latency',
  'note.stage_seconds_suspected',
  'note.stage_timed_out',
  'note.stage_without_timing',
  'note.stage_entries_dropped',
  'note.stage_repeated',
  'note.stage_unmapped',
  'note.stage_weak',
])

/**
 * What every document says of the stage figures besides their table: a stage over budget (with its support), the
 * answers whose figures were not used and why, the timed-out attempts, the answers without timing, the entries
 * dropped per kind, repeated and unmapped names, and the weakly supported stages.
 */
export function stageObservations(stages: Record<StageName, StageStats>, f: StageFigures): Reason[] {
  const out: Reason[] = stagesOverBudget(stages).map((o) =>
    reason('note.stage_over_budget', { metric: 'p95_ms', stage: o.name, p95: o.p95, budget: o.budgetMs, n: o.n, of: o.of, weak: o.weak }),
  )
  if (f.exceedsLatency > 0) out.push(reason('note.stage_exceeds_latency', { answers: f.exceedsLatency, of: f.of }))
  if (f.secondsSuspected > 0) out.push(reason('note.stage_seconds_suspected', { answers: f.secondsSuspected, of: f.of }))
  // Said once some answer carried stage timings (a service that never sends any has "not reported" rows instead).
  const carried = f.used + f.exceedsLatency + f.secondsSuspected > 0
  if (carried && f.timedOut > 0) out.push(reason('note.stage_timed_out', { timedOut: f.timedOut, of: f.of }))
  if (carried && f.withoutTiming > 0) out.push(reason('note.stage_without_timing', { answers: f.withoutTiming, of: f.of }))
  for (const d of f.dropped) out.push(reason('note.stage_entries_dropped', { why: d.why, entries: d.entries, answers: d.answers, names: d.names }))
  if (f.repeated !== null) out.push(reason('note.stage_repeated', { answers: f.repeated.answers, names: f.repeated.names }))
  if (f.unmapped !== null)
    out.push(reason('note.stage_unmapped', { answers: f.unmapped.answers, names: f.unmapped.names, distinct: f.unmapped.distinct }))
  const weak = STAGE_NAMES.filter((s) => stages[s].weak)
  if (weak.length > 0) out.push(reason('note.stage_weak', { stages: weak, n: weak.map((s) => stages[s].n), of: f.of, min: WEAK_SUPPORT.p95 }))
  return out
}
