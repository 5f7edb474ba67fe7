// Which answers' stage timings may enter the stage figures (docs/suite-rules.md §5 "Stage figures"). A service's
// stage timings are its own claims: the client's measured latency is the one figure the suite measured itself, and
// no stage of an exchange can take longer than the whole exchange. One rule, read by the aggregate (the stage
// table, the budgets) and by the HTML page's per-question stage means, so both count the same answers.
import { STAGE_NAMES, type AttemptRecord, type StageName } from './model.ts'

/**
 * How far a service's figure may exceed the latency the client measured before it is impossible rather than a
 * rounding or clock-granularity difference: 10 % and 5 ms. The server's time is inside the client's (the request
 * travels before the server starts, the answer after it stops), so any real excess is small.
 */
export const STAGE_TOLERANCE = { ratio: 0.1, ms: 5 } as const

/**
 * A Server-Timing `total` that reads as seconds: × 1000 it is the measured latency (at least half of it, at most
 * the latency and its tolerance), on an exchange long enough (≥ 100 ms) that a total in milliseconds 1000 times
 * smaller would leave almost the whole exchange unexplained. Judged only on the service's own total: stages alone
 * may cover a small part of the exchange in milliseconds, and a unit is never guessed from them.
 */
export const SECONDS_SUSPECTED = { factor: 1000, minShare: 0.5, minMeasuredMs: 100 } as const

/**
 * One measured attempt's stage timings:
 * - `used`: they enter the stage figures;
 * - `timed_out`: no answer came in time, so its stages are unknown (the slowest answers are missing from the figures);
 * - `none`: the answer carried no stage timing;
 * - `exceeds_latency`: a stage, the stages together or the service's total exceed the measured latency beyond
 *   STAGE_TOLERANCE — impossible, so none of its figures is used (a wrong unit, clock, or sum);
 * - `seconds_suspected`: the service's total is the measured latency in seconds (SECONDS_SUSPECTED): its figures
 *   would read 1000 times too small, so none is used — never converted silently.
 */
export type StageTrust = 'used' | 'timed_out' | 'none' | 'exceeds_latency' | 'seconds_suspected'

const ceilingOf = (latencyMs: number): number => latencyMs * (1 + STAGE_TOLERANCE.ratio) + STAGE_TOLERANCE.ms

/** The sum of an attempt's stage figures, the longest of them, and how many there are. */
function stageSum(stages: AttemptRecord['stages']): { sum: number; longest: number; count: number } {
  let sum = 0
  let longest = 0
  let count = 0
  for (let i = 0; i < STAGE_NAMES.length; i++) {
    const v = stages[STAGE_NAMES[i] as StageName]
    if (typeof v !== 'number' || !Number.isFinite(v)) continue
    sum += v
    longest = Math.max(longest, v)
    count++
  }
  return { sum, longest, count }
}

/** Whether a measured attempt's stage timings enter the stage figures, and if not why (StageTrust). */
export function stageTrust(a: Pick<AttemptRecord, 'timedOut' | 'latencyMs' | 'stages' | 'stageReading'>): StageTrust {
  if (a.timedOut) return 'timed_out'
  const { sum, longest, count } = stageSum(a.stages)
  if (count === 0) return 'none'
  const ceiling = ceilingOf(a.latencyMs)
  const total = a.stageReading?.totalMs
  if (longest > ceiling || (total !== undefined && total > ceiling)) return 'exceeds_latency'
  // Stages that add up past the exchange ran side by side when the service's own total, which fits, holds each of
  // them (Harena's stream path classifies and loads the context in parallel: a second review, 2026-12-05); without
  // a total, or with one a stage exceeds, the plan's order (one after the other) is what the figures are read by.
  if (sum > ceiling && (total === undefined || longest > ceilingOf(total))) return 'exceeds_latency'
  if (total !== undefined && secondsSuspected(total, a.latencyMs)) return 'seconds_suspected'
  return 'used'
}

/** The service's total × 1000 is the measured latency (SECONDS_SUSPECTED). */
export function secondsSuspected(totalMs: number, latencyMs: number): boolean {
  if (latencyMs < SECONDS_SUSPECTED.minMeasuredMs || totalMs <= 0) return false
  const asSeconds = totalMs * SECONDS_SUSPECTED.factor
  return asSeconds >= latencyMs * SECONDS_SUSPECTED.minShare && asSeconds <= ceilingOf(latencyMs)
}
