// The baseline comparison in words, for the Markdown report (and the PR comment, baseline-comparison.md) and the
// terminal. The figures come from compare.ts; this file only formats them, with the words of
// core/locale/baseline.ts (report.comparison.*). Every text from the question file goes through mdText().
import '../core/locale/baseline.ts'
import type { ChangeLabel, Comparison, Delta } from './compare.ts'
import { fmtAgainst, fmtMs, fmtPct, fmtPoints } from '../core/locale/format.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { ReasonParam } from '../core/reason.ts'
import { mdTable, mdText } from './markdown.ts'

const word = (L: Locale, code: string, params: Record<string, ReasonParam> = {}): string => say({ code, params }, L)

/** The label of a difference ("régression", "no detectable change"…), in the report's language. */
export const changeWord = (label: ChangeLabel, L: Locale): string => word(L, `report.comparison.change.${label}`)

/** The comparison table's headers, in the report's language (also the HTML page's). */
export const comparisonHeaders = (L: Locale): string[] =>
  ['metric', 'baseline', 'now', 'difference', 'interval', 'verdict'].map((h) => word(L, `report.comparison.head.${h}`))

/** How the intervals of a comparison were computed, in the report's language. */
export const comparisonMethod = (c: Comparison, L: Locale): string =>
  word(L, 'report.comparison.method', { resamples: c.method.resamples, seed: c.method.seed })

const ICON: Record<ChangeLabel, string> = {
  regression: '🔴',
  improvement: '🟢',
  no_change: '⚪',
  inconclusive: '❔',
  not_compared: '➖',
  too_few: '➖',
  not_judged: '➖',
}

const signed = (x: number, f: (v: number) => string): string => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`

/**
 * The thresholds of the success-rate and P95 criteria (reporters/figures.ts limitsOf): this run's figures in the
 * comparison are the ones the criteria judge, so they are written against them, as every other table writes them.
 */
export interface ComparisonLimits {
  rate: readonly number[]
  p95: readonly number[]
}
const NO_LIMITS: ComparisonLimits = { rate: [], p95: [] }

/** Success-rate differences read in percentage points; latency differences in ms (and relative). */
function deltaCells(d: Delta, L: Locale, kind: 'rate' | 'ms', limits: ComparisonLimits = NO_LIMITS): [string, string, string, string] {
  const value = (x: number | null, censored = false) =>
    kind === 'rate' ? fmtAgainst(x, 'ratio', L, limits.rate) : `${censored && x !== null ? '≥ ' : ''}${fmtAgainst(x, 'ms', L, limits.p95)}`
  const diff = (x: number) => (kind === 'rate' ? signed(x * 100, (v) => fmtPoints(v, L)) : signed(x, (v) => fmtMs(v, L)))
  const rel = d.relative !== null ? ` (${signed(d.relative, (v) => fmtPct(v, L))})` : ''
  return [
    value(d.before, d.censored?.before === true),
    value(d.after, d.censored?.after === true),
    d.delta === null ? '—' : `${diff(d.delta)}${rel}`,
    d.interval ? `[${diff(d.interval.lower)} ; ${diff(d.interval.upper)}]` : '—',
  ]
}

export function comparisonMarkdown(c: Comparison, L: Locale, heading = '##', limits: ComparisonLimits = NO_LIMITS): string {
  const out: string[] = []
  out.push(`${heading} ${word(L, 'report.comparison.title')}`, '')
  const runs = {
    generatedAt: mdText(c.baseline.generatedAt ?? '?'),
    decision: mdText(c.baseline.decision ?? '?'),
    before: c.baseline.attempts,
    after: c.current.attempts,
  }
  out.push(word(L, 'report.comparison.runs', runs), '')
  for (const warning of comparisonWarnings(c, L)) out.push(`⚠️ ${mdText(warning, 2000)}`, '')
  const row = (name: string, d: Delta, kind: 'rate' | 'ms', lim = limits) => [
    name,
    ...deltaCells(d, L, kind, lim),
    `${ICON[d.label]} ${changeWord(d.label, L)}`,
  ]
  out.push(
    mdTable(
      comparisonHeaders(L),
      [row(word(L, 'report.comparison.success_rate'), c.successRate, 'rate'), row('P50', c.p50, 'ms', NO_LIMITS), row('P95', c.p95, 'ms')],
      ['l', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  )
  const list = (qs: Comparison['newlyFailing']) =>
    qs.length ? qs.map((q) => `\`${mdText(q.id).replace(/`/g, '')}\` ${mdText(q.message)}`).join(' · ') : '—'
  out.push(`- ${word(L, 'report.comparison.newly_failing', { count: c.newlyFailing.length, list: list(c.newlyFailing) })}`)
  out.push(`- ${word(L, 'report.comparison.newly_passing', { count: c.newlyPassing.length, list: list(c.newlyPassing) })}`)
  if (c.expectationsChanged.length)
    out.push(`- ${word(L, 'report.comparison.expectations_changed', { count: c.expectationsChanged.length, list: list(c.expectationsChanged) })}`)
  out.push(
    `- ${word(L, 'report.comparison.beyond_allowance', { allowance: c.maxRegression, beyond: c.p95RegressionBeyondAllowance })}`,
    '',
    `_${mdText(comparisonMethod(c, L), 1000)}_`,
  )
  return `${out.join('\n')}\n`
}

/** What the baseline's figures could not exclude (core/baseline.ts), or null when they are exactly the measured ones. */
export const rateLimitedUnknown = (c: Comparison, L: Locale): string | null =>
  c.baseline.rateLimitedUnknown > 0 ? word(L, 'report.comparison.rate_limited_unknown', { count: c.baseline.rateLimitedUnknown }) : null

/** What the baseline does not record that its figures depend on (nothing is judged), or null. */
export const unrecordedWarning = (c: Comparison, L: Locale): string | null =>
  c.baseline.unrecorded.length > 0 ? word(L, 'report.comparison.unrecorded', { list: c.baseline.unrecorded.join(', ') }) : null

/** Every warning about the baseline's figures, in the order every output says them. */
export const comparisonWarnings = (c: Comparison, L: Locale): string[] =>
  [unrecordedWarning(c, L), rateLimitedUnknown(c, L)].filter((w): w is string => w !== null)

/** Two or three terminal lines: the deltas with their labels, then the questions that changed. */
export function comparisonTerminal(c: Comparison, L: Locale): string[] {
  const d = (name: string, x: Delta, kind: 'rate' | 'ms') => {
    const [, , diff, iv] = deltaCells(x, L, kind)
    return `${name} ${diff} ${iv} ${changeWord(x.label, L)}`
  }
  const t = (code: string) => word(L, `report.comparison.term.${code}`)
  const lines = [`   ${t('baseline')} (${c.baseline.generatedAt ?? '?'}): ${d(t('success'), c.successRate, 'rate')} · ${d('P95', c.p95, 'ms')}`]
  for (const warning of comparisonWarnings(c, L)) lines.push(`   ${warning}`)
  if (c.expectationsChanged.length)
    lines.push(`   ${word(L, 'report.comparison.term.expectations_changed', { ids: c.expectationsChanged.map((q) => q.id).join(', ') })}`)
  if (c.newlyFailing.length) lines.push(`   ${t('newly_failing')}: ${c.newlyFailing.map((q) => q.id).join(', ')}`)
  if (c.newlyPassing.length) lines.push(`   ${t('newly_passing')}: ${c.newlyPassing.map((q) => q.id).join(', ')}`)
  return lines
}
