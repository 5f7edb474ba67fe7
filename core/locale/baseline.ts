// The baseline comparison's sentences, French and English: the `no regression` criterion (C8), its evidence, and
// the labels of the comparison section in the Markdown, terminal and HTML outputs (reporters/render-comparison.ts,
// reporters/render-html.ts). See docs/baseline.md.
import type { ReasonParam } from '../reason.ts'
import { fmtIds, fmtMs, fmtPct } from './format.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const num = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
const strs = (x: ReasonParam | undefined): string[] => (Array.isArray(x) ? x.map(String) : [])
const signedPct = (x: ReasonParam | undefined, L: 'fr' | 'en'): string => {
  const v = num(x)
  return v === null ? '—' : `${v >= 0 ? '+' : '−'}${fmtPct(Math.abs(v), L)}`
}

export const BASELINE_CATALOGUE: Catalogue = {
  'criterion.C8': { fr: () => 'Pas de régression par rapport à la référence', en: () => 'No regression against the baseline' },
  'metric.no_regression': { fr: () => 'pas de régression', en: () => 'no regression' },
  'verdict.regression': {
    fr: () => 'C8 : régression par rapport à la référence (VALIDATION_BASELINE).',
    en: () => 'C8: regression against the baseline (VALIDATION_BASELINE).',
  },
  'evidence.newly_failing': {
    fr: (p) => `Questions qui passaient et échouent maintenant : ${fmtIds(strs(p.ids))}.`,
    en: (p) => `Questions that passed and now fail: ${fmtIds(strs(p.ids))}.`,
  },
  'evidence.p95_regression': {
    fr: (p) =>
      `P95 ${fmtMs(num(p.before), 'fr')} → ${fmtMs(num(p.after), 'fr')} (${signedPct(p.relative, 'fr')}, IC 95 % [${signedPct(p.lower, 'fr')} ; ${signedPct(p.upper, 'fr')}]) : pire de plus de ${fmtPct(num(p.allowance), 'fr')} avec 95 % de confiance.`,
    en: (p) =>
      `P95 ${fmtMs(num(p.before), 'en')} → ${fmtMs(num(p.after), 'en')} (${signedPct(p.relative, 'en')}, 95 % CI [${signedPct(p.lower, 'en')} ; ${signedPct(p.upper, 'en')}]): worse by more than ${fmtPct(num(p.allowance), 'en')} with 95 % confidence.`,
  },
}

registerCatalogue(BASELINE_CATALOGUE)
