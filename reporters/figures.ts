// How every renderer (terminal, Markdown, HTML) writes a criterion's figures, so the three say the same thing from
// the same data: the observed value and its interval beside the thresholds they are compared with, never rounded
// onto or across one (core/locale/format.ts fmtAgainst), a censored value as a lower bound, and the samples needed;
// and the thresholds every other place writing a judged figure passes to its catalogue entry (limitsOf).
import '../core/locale/report.ts'
import { fmtAgainst, fmtInt } from '../core/locale/format.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { CriterionResult } from './decide.ts'

/**
 * The thresholds of the criterion that judges `metric` (pass, then warn), none when no criterion reads it. Every
 * document writes a figure of that metric — the success rate and its Wilson bounds in a summary line, the P95 in the
 * latency section, a category's rate — against them, as the criteria table does: one figure reads the same in every
 * sentence and document of a run, never rounded onto or across a threshold (a NO-GO at 94.97 % read "95.0 %" in the
 * summary). The catalogues take them as the `limits` parameter.
 */
export function limitsOf(criteria: ReadonlyArray<Pick<CriterionResult, 'metric' | 'limits'>>, metric: string): number[] {
  return criteria.find((c) => c.metric === metric)?.limits ?? []
}

/** The observed value ("≥ 4,000.4 ms" when censored), written against the criterion's thresholds. */
export function observedFigure(c: CriterionResult, L: Locale): string {
  return `${c.censored && c.observed !== null ? '≥ ' : ''}${fmtAgainst(c.observed, c.unit, L, c.limits)}`
}

/**
 * "[lower ; upper]" or "—"; a missing bound is "?" (a ratio) or "∞" (an upper bound of a latency), and an upper bound
 * whose rank fell on a timed-out request "≥ 3,000 ms" (no bound: only what is known of it).
 */
export function intervalFigure(c: CriterionResult, L: Locale): string {
  const iv = c.interval
  if (!iv || (iv.lower === null && iv.upper === null && iv.upperAtLeast === undefined)) return '—'
  const f = (x: number | null, unbounded: string) => (x === null ? unbounded : fmtAgainst(x, c.unit, L, c.limits))
  const upper = iv.upper === null && iv.upperAtLeast !== undefined ? `≥ ${f(iv.upperAtLeast, '')}` : f(iv.upper, c.unit === 'ms' ? '∞' : '?')
  return `[${f(iv.lower, '?')} ; ${upper}]`
}

/**
 * Samples that would make the criterion conclusive: "—" when not computable, "reached (n)" when the run already has
 * them (the figure alone would read as n more to collect), else "≈ n". Counted as the criterion's metric counts its
 * samples (c.n): the success rate's planned attempts, a percentile's latencies — never the executed attempts, which
 * a conclusive 0 of 15 planned, 3 executed, would have read as 12 short.
 */
export function samplesFigure(c: Pick<CriterionResult, 'samplesNeeded' | 'n'>, L: Locale): string {
  if (c.samplesNeeded === null) return '—'
  return c.samplesNeeded <= c.n ? say({ code: 'report.md.criteria.reached', params: { n: c.n } }, L) : `≈ ${fmtInt(c.samplesNeeded, L)}`
}
