// Which requests a run's latency statistics count, and at what latency: ONE rule, read by the report's summary
// (reporters/aggregate.ts), this run's side of a baseline comparison (reporters/compare.ts) and a baseline read back
// from its files (core/baseline.ts), so a baseline is compared on exactly the population its own report measured.
//
// Counted: the measured attempts of questions. Not counted: a security probe (tests/security.spec.ts: not a question;
// in samples.ndjson its line has category `security` and a `security.*` questionId, and validation-report.json lists
// it under security[], never under questions[]), a warm-up, an attempt a rate limiter refused before the service saw
// it (docs/verdict-rules.md). A timeout enters at the timeout at least (censored, as the latency criterion reads it).

/** What the rule reads of an attempt (an AttemptRecord, or one line of samples.ndjson). */
export interface MeasuredCandidate {
  warmup: boolean
  rateLimited?: boolean | undefined
}

export type NotMeasured = 'probe' | 'warmup' | 'rate_limited'

/**
 * The failure code of an attempt a rate limiter refused (tests/support/record.ts writes it, core/locale/checks.ts
 * words it): what says "rate limited" in a validation-report.json older than its rows' `rateLimited` mark.
 */
export const RATE_LIMITED_FAILURE = 'attempt.rate_limited'

/** Why an attempt is outside the latency statistics, or null when it is counted. `probe`: it belongs to a probe. */
export function notMeasured(a: MeasuredCandidate, probe: boolean): NotMeasured | null {
  if (probe) return 'probe'
  if (a.warmup) return 'warmup'
  if (a.rateLimited === true) return 'rate_limited'
  return null
}

/** The latency a counted attempt enters the statistics at: a timeout at its timeout at least (censored). */
export function measuredLatency(a: { latencyMs: number; timedOut: boolean }, timeoutMs: number): number {
  return a.timedOut ? Math.max(a.latencyMs, timeoutMs) : a.latencyMs
}
