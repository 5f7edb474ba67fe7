// The baseline comparison in words, for the Markdown report (and the PR comment, baseline-comparison.md) and the
// terminal. The figures come from compare.ts; this file only formats them. Every text from the question file goes
// through mdText().
import type { ChangeLabel, Comparison, Delta } from './compare.ts'
import { fmtMs, fmtPct } from '../core/locale/format.ts'
import { pick, type Locale } from './i18n.ts'
import { mdTable, mdText } from './markdown.ts'

export const CHANGE_WORDS: Record<Locale, Record<ChangeLabel, string>> = {
  fr: { regression: 'régression', improvement: 'amélioration', no_change: 'pas de changement détectable' },
  en: { regression: 'regression', improvement: 'improvement', no_change: 'no detectable change' },
}

const ICON: Record<ChangeLabel, string> = { regression: '🔴', improvement: '🟢', no_change: '⚪' }

const signed = (x: number, f: (v: number) => string): string => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`

/** Success-rate differences read in percentage points; latency differences in ms (and relative). */
function deltaCells(d: Delta, L: Locale, kind: 'rate' | 'ms'): [string, string, string, string] {
  const value = (x: number | null) => (kind === 'rate' ? fmtPct(x, L) : fmtMs(x, L))
  const diff = (x: number) =>
    kind === 'rate' ? `${signed(x * 100, (v) => v.toFixed(1).replace('.', L === 'fr' ? ',' : '.'))} pts` : signed(x, (v) => fmtMs(v, L))
  const rel = d.relative !== null ? ` (${signed(d.relative, (v) => fmtPct(v, L))})` : ''
  return [
    value(d.before),
    value(d.after),
    d.delta === null ? '—' : `${diff(d.delta)}${rel}`,
    d.interval ? `[${diff(d.interval.lower)} ; ${diff(d.interval.upper)}]` : '—',
  ]
}

export function comparisonMarkdown(c: Comparison, L: Locale, heading = '##'): string {
  const out: string[] = []
  out.push(`${heading} ${pick(L, 'Comparaison avec la référence', 'Comparison with the baseline')}`, '')
  out.push(
    pick(
      L,
      `Référence : exécution du ${mdText(c.baseline.generatedAt ?? '?')} (${mdText(c.baseline.decision ?? '?')}, ${c.baseline.attempts} tentatives mesurées) ; cette exécution : ${c.current.attempts} tentatives mesurées.`,
      `Baseline: run of ${mdText(c.baseline.generatedAt ?? '?')} (${mdText(c.baseline.decision ?? '?')}, ${c.baseline.attempts} measured attempts); this run: ${c.current.attempts} measured attempts.`,
    ),
    '',
  )
  const row = (name: string, d: Delta, kind: 'rate' | 'ms') => [name, ...deltaCells(d, L, kind), `${ICON[d.label]} ${CHANGE_WORDS[L][d.label]}`]
  out.push(
    mdTable(
      pick(
        L,
        ['Mesure', 'Référence', 'Maintenant', 'Différence', 'IC 95 % de la différence', 'Verdict'],
        ['Metric', 'Baseline', 'Now', 'Difference', '95 % CI of the difference', 'Verdict'],
      ),
      [row(pick(L, 'Taux de succès', 'Success rate'), c.successRate, 'rate'), row('P50', c.p50, 'ms'), row('P95', c.p95, 'ms')],
      ['l', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  )
  const list = (qs: Comparison['newlyFailing']) => qs.map((q) => `\`${mdText(q.id).replace(/`/g, '')}\` ${mdText(q.message)}`).join(' · ')
  out.push(
    `- ${pick(L, 'Passées de OK à échec', 'Passed before, failing now')} (${c.newlyFailing.length}) : ${c.newlyFailing.length ? list(c.newlyFailing) : '—'}`,
  )
  out.push(
    `- ${pick(L, "Passées d'échec à OK", 'Failing before, passing now')} (${c.newlyPassing.length}) : ${c.newlyPassing.length ? list(c.newlyPassing) : '—'}`,
  )
  out.push(
    `- ${pick(L, `P95 au-delà de la tolérance de ${fmtPct(c.maxRegression, L)} (VALIDATION_MAX_REGRESSION, avec 95 % de confiance)`, `P95 beyond the ${fmtPct(c.maxRegression, L)} allowance (VALIDATION_MAX_REGRESSION, with 95 % confidence)`)} : ${c.p95RegressionBeyondAllowance ? pick(L, 'oui', 'yes') : pick(L, 'non', 'no')}`,
    '',
    `_${mdText(c.method.latency)} ; ${mdText(c.method.rate)}._`,
  )
  return `${out.join('\n')}\n`
}

/** Two or three terminal lines: the deltas with their labels, then the questions that changed. */
export function comparisonTerminal(c: Comparison, L: Locale): string[] {
  const d = (name: string, x: Delta, kind: 'rate' | 'ms') => {
    const [, , diff, iv] = deltaCells(x, L, kind)
    return `${name} ${diff} ${iv} ${CHANGE_WORDS[L][x.label]}`
  }
  const lines = [
    `   ${pick(L, 'référence', 'baseline')} (${c.baseline.generatedAt ?? '?'}): ${d(pick(L, 'succès', 'success'), c.successRate, 'rate')} · ${d('P95', c.p95, 'ms')}`,
  ]
  if (c.newlyFailing.length) lines.push(`   ${pick(L, 'passées de OK à échec', 'newly failing')}: ${c.newlyFailing.map((q) => q.id).join(', ')}`)
  if (c.newlyPassing.length) lines.push(`   ${pick(L, "passées d'échec à OK", 'newly passing')}: ${c.newlyPassing.map((q) => q.id).join(', ')}`)
  return lines
}
