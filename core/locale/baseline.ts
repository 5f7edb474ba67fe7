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

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))

/** Why a P95 was not compared, from its label (reporters/compare.ts ChangeLabel). */
const whyNot = (label: ReasonParam | undefined, L: 'fr' | 'en'): string => {
  const fr: Record<string, string> = {
    not_compared: "non comparé : aucune tentative mesurée d'un côté",
    too_few: "non comparé : trop peu d'échantillons pour comparer le P95",
    inconclusive: 'non concluant : un percentile tombe sur des délais dépassés',
  }
  const en: Record<string, string> = {
    not_compared: 'not compared: no measured attempt on one side',
    too_few: 'not compared: not enough samples to compare P95',
    inconclusive: 'inconclusive: a percentile lands on timeouts',
  }
  return (L === 'fr' ? fr : en)[String(label)] ?? String(label)
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
  'evidence.baseline_unrecorded': {
    fr: (p) =>
      `Non évalué : la référence n'enregistre pas ${strs(p.unrecorded).join(', ')} (rapport d'une version antérieure), dont ses chiffres dépendent ; refaites une référence avec cette version.`,
    en: (p) =>
      `Not evaluated: the baseline does not record ${strs(p.unrecorded).join(', ')} (a report of an earlier version), which its figures depend on; make a new baseline with this version.`,
  },
  'evidence.p95_not_compared': {
    fr: (p) => `Non évalué : P95 ${whyNot(p.label, 'fr')} (${str(p.before)} et ${str(p.after)} tentatives mesurées).`,
    en: (p) => `Not evaluated: P95 ${whyNot(p.label, 'en')} (${str(p.before)} and ${str(p.after)} measured attempts).`,
  },
  'evidence.no_question_compared': {
    fr: (p) => `Non évalué : aucune question comparée (les attentes de ${str(p.changed)} question(s) ont changé depuis la référence).`,
    en: (p) => `Not evaluated: no question compared (the expectations of ${str(p.changed)} question(s) changed since the baseline).`,
  },
  'note.expectations_changed': {
    fr: (p) => `Attentes de ${fmtIds(strs(p.ids))} modifiées depuis la référence : ces questions ne sont pas comparées.`,
    en: (p) => `Expectations of ${fmtIds(strs(p.ids))} changed since the baseline: those questions are not compared.`,
  },
  'evidence.p95_regression': {
    fr: (p) =>
      `P95 ${fmtMs(num(p.before), 'fr')} → ${fmtMs(num(p.after), 'fr')} (${signedPct(p.relative, 'fr')}, IC 95 % [${signedPct(p.lower, 'fr')} ; ${signedPct(p.upper, 'fr')}]) : pire de plus de ${fmtPct(num(p.allowance), 'fr')} avec 95 % de confiance.`,
    en: (p) =>
      `P95 ${fmtMs(num(p.before), 'en')} → ${fmtMs(num(p.after), 'en')} (${signedPct(p.relative, 'en')}, 95 % CI [${signedPct(p.lower, 'en')} ; ${signedPct(p.upper, 'en')}]): worse by more than ${fmtPct(num(p.allowance), 'en')} with 95 % confidence.`,
  },
}

const both = (fr: string, en: string) => ({ fr: () => fr, en: () => en })

/**
 * The comparison section's words (reporters/render-comparison.ts for Markdown and terminal, reporters/render-html.ts
 * shares the change words, table headers and method). Parameters from the reports compared arrive already escaped
 * for the document's format; numbers arrive as numbers.
 */
export const COMPARISON_CATALOGUE: Catalogue = {
  'report.comparison.title': both('Comparaison avec la référence', 'Comparison with the baseline'),
  'report.comparison.runs': {
    fr: (p) =>
      `Référence : exécution du ${str(p.generatedAt)} (${str(p.decision)}, ${str(p.before)} tentatives mesurées) ; cette exécution : ${str(p.after)} tentatives mesurées.`,
    en: (p) =>
      `Baseline: run of ${str(p.generatedAt)} (${str(p.decision)}, ${str(p.before)} measured attempts); this run: ${str(p.after)} measured attempts.`,
  },
  'report.comparison.rate_limited_unknown': {
    fr: (p) =>
      `Les chiffres de la référence n'ont pas pu exclure les tentatives refusées par un limiteur de débit : son rapport, antérieur à leur marquage et sans samples.ndjson à côté, ne dit pas lesquelles de ses ${str(p.count)} tentatives en échec (HTTP 429/503 ou statut inconnu) l'ont été ; elles sont comptées comme mesurées.`,
    en: (p) =>
      `The baseline's figures could not exclude attempts refused by a rate limiter: its report predates their mark and has no samples.ndjson beside it, so it does not say which of its ${str(p.count)} failed attempts (HTTP 429/503 or unknown status) were; they are counted as measured.`,
  },
  'report.comparison.head.metric': both('Mesure', 'Metric'),
  'report.comparison.head.baseline': both('Référence', 'Baseline'),
  'report.comparison.head.now': both('Maintenant', 'Now'),
  'report.comparison.head.difference': both('Différence', 'Difference'),
  'report.comparison.head.interval': both('IC 95 % de la différence', '95 % CI of the difference'),
  'report.comparison.head.verdict': both('Verdict', 'Verdict'),
  'report.comparison.success_rate': both('Taux de succès', 'Success rate'),
  'report.comparison.change.regression': both('régression', 'regression'),
  'report.comparison.change.improvement': both('amélioration', 'improvement'),
  'report.comparison.change.no_change': both('pas de changement détectable', 'no detectable change'),
  'report.comparison.change.not_compared': both("non comparé (aucune donnée d'un côté)", 'not compared (no data on one side)'),
  'report.comparison.change.too_few': both("trop peu d'échantillons pour comparer", 'not enough samples to compare'),
  'report.comparison.change.not_judged': both(
    "non jugé (la référence n'enregistre pas ce dont ce chiffre dépend)",
    'not judged (the baseline does not record what this figure depends on)',
  ),
  'report.comparison.unrecorded': {
    fr: (p) =>
      `La référence n'enregistre pas ${str(p.list)} (rapport d'une version antérieure) : ses chiffres sont montrés, pas jugés, et le critère « pas de régression » n'est pas évalué ; refaites une référence avec cette version.`,
    en: (p) =>
      `The baseline does not record ${str(p.list)} (a report of an earlier version): its figures are shown, not judged, and the no-regression criterion is not evaluated; make a new baseline with this version.`,
  },
  'report.comparison.expectations_changed': {
    fr: (p) => `Attentes modifiées depuis la référence, non comparées (${str(p.count)}) : ${str(p.list)}`,
    en: (p) => `Expectations changed since the baseline, not compared (${str(p.count)}): ${str(p.list)}`,
  },
  'report.comparison.change.inconclusive': both(
    'non concluant (percentile censuré par des délais dépassés : valeur réelle ≥ au chiffre)',
    'inconclusive (percentile censored by timeouts: the true value is at least the figure)',
  ),
  'report.comparison.newly_failing': {
    fr: (p) => `Passées de OK à échec (${str(p.count)}) : ${str(p.list)}`,
    en: (p) => `Passed before, failing now (${str(p.count)}): ${str(p.list)}`,
  },
  'report.comparison.newly_passing': {
    fr: (p) => `Passées d'échec à OK (${str(p.count)}) : ${str(p.list)}`,
    en: (p) => `Failing before, passing now (${str(p.count)}): ${str(p.list)}`,
  },
  'report.comparison.beyond_allowance': {
    fr: (p) =>
      `P95 au-delà de la tolérance de ${fmtPct(num(p.allowance), 'fr')} (VALIDATION_MAX_REGRESSION, avec 95 % de confiance) : ${p.beyond ? 'oui' : 'non'}`,
    en: (p) =>
      `P95 beyond the ${fmtPct(num(p.allowance), 'en')} allowance (VALIDATION_MAX_REGRESSION, with 95 % confidence): ${p.beyond ? 'yes' : 'no'}`,
  },
  'report.comparison.method': {
    fr: (p) =>
      `Tests de permutation (${str(p.resamples)} partages, graine ${str(p.seed)}) du P50/P95 de Harrell–Davis, inversés en intervalle à 95 % de la différence et du rapport ; intervalle hybride de Newcombe (score de Wilson) de la différence de taux de succès, 95 %.`,
    en: (p) =>
      `Permutation tests (${str(p.resamples)} splits, seed ${str(p.seed)}) of the Harrell–Davis P50/P95, inverted into the 95 % interval of the difference and of the ratio; Newcombe hybrid score (Wilson) interval of the success-rate difference, 95 %.`,
  },
  'report.comparison.term.baseline': both('référence', 'baseline'),
  'report.comparison.term.success': both('succès', 'success'),
  'report.comparison.term.newly_failing': both('passées de OK à échec', 'newly failing'),
  'report.comparison.term.newly_passing': both("passées d'échec à OK", 'newly passing'),
  'report.comparison.term.expectations_changed': {
    fr: (p) => `attentes de ${str(p.ids)} modifiées depuis la référence : non comparées`,
    en: (p) => `expectations of ${str(p.ids)} changed since the baseline: not compared`,
  },
}

registerCatalogue(BASELINE_CATALOGUE)
registerCatalogue(COMPARISON_CATALOGUE)
