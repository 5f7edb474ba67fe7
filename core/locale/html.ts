// The HTML report's own words, French and English (reporters/render-html.ts): titles, table headers, labels, chart
// captions and notes. The renderer picks a code and passes data; it never holds a sentence (docs/reasons.md).
// Parameters are raw values: the page escapes the whole sentence when it interpolates it (reporters/html.ts), so
// nothing here is escaped. Numbers arrive as numbers and are formatted here, in the page's language.
import type { ReasonParam } from '../reason.ts'
import { fmtInt, fmtMs, fmtPct, fmtSamples } from './format.ts'
import { type Catalogue, type Locale, registerCatalogue } from './index.ts'

const num = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const ms = (x: ReasonParam | undefined, L: Locale) => fmtMs(num(x), L)
const int = (x: ReasonParam | undefined, L: Locale) => fmtInt(num(x) ?? 0, L)
const both = (fr: string, en: string) => ({ fr: () => fr, en: () => en })

/** The interval methods of reporters/metrics.ts, in French. */
const INTERVAL_METHOD_FR: Record<string, string> = {
  'Wilson 95 %': 'Wilson 95 %',
  'order statistics (binomial), 95 %': 'statistiques d’ordre (binomiale), 95 %',
}

export const HTML_CATALOGUE: Catalogue = {
  // --- Page head, banner, criteria.
  'report.html.title': {
    fr: (p) => `Rapport de validation Harena — ${str(p.decision)}`,
    en: (p) => `Harena validation report — ${str(p.decision)}`,
  },
  'report.html.heading': both('Rapport de validation Harena', 'Harena validation report'),
  // The page written when a run starts (reporters/render-in-progress.ts), replaced by the run's own at its end.
  'report.html.title.in_progress': both('Rapport de validation Harena — exécution en cours', 'Harena validation report — run in progress'),
  'report.html.banner.in_progress': both('EN COURS', 'IN PROGRESS'),
  'report.html.title.no_verdict': both('Rapport de validation Harena — aucun verdict produit', 'Harena validation report — no verdict produced'),
  'report.html.in_progress.meta': {
    fr: (p) => `campagne ${str(p.runId)} · démarrée le ${str(p.startedAt)} · cible : ${str(p.target)} (${str(p.contract)})`,
    en: (p) => `run ${str(p.runId)} · started ${str(p.startedAt)} · target: ${str(p.target)} (${str(p.contract)})`,
  },
  'report.html.in_progress.reload': both(
    'Rechargez cette page quand l’exécution sera terminée : son rapport la remplacera (verdict, critères, graphiques).',
    'Reload this page when the run has ended: its report will replace this one (verdict, criteria, charts).',
  ),
  'report.html.meta': {
    fr: (p) =>
      `${str(p.generatedAt)} · cible : ${str(p.target)} (${str(p.contract)}), version ${str(p.version)} · campagne ${str(p.runId)} · ${int(p.executed, 'fr')}/${int(p.planned, 'fr')} tentatives · durée ${str(p.duration)}`,
    en: (p) =>
      `${str(p.generatedAt)} · target: ${str(p.target)} (${str(p.contract)}), version ${str(p.version)} · run ${str(p.runId)} · ${int(p.executed, 'en')}/${int(p.planned, 'en')} attempts · duration ${str(p.duration)}`,
  },
  'report.html.embedded_target': both('service de référence embarqué', 'embedded reference service'),
  'report.html.title.exploratory': {
    fr: (p) => `Rapport de validation Harena — exploration (${str(p.filter)}), aucune décision de mise en production`,
    en: (p) => `Harena validation report — exploratory run (${str(p.filter)}), no release decision`,
  },
  'report.html.banner.exploratory': both('EXPLORATION', 'EXPLORATORY'),
  'report.html.tag.reference': both('service de référence', 'reference service'),
  'report.html.tag.incomplete': both('exécution incomplète', 'incomplete run'),
  'report.html.tag.strict': both('mode strict', 'strict mode'),
  'report.html.tag.exit': { fr: (p) => `code de sortie ${str(p.code)}`, en: (p) => `exit ${str(p.code)}` },
  // Before the decision in the banner: the decision reads as a word, not as the banner's colour (a printout in grey).
  'report.html.banner.label': both('Décision', 'Decision'),
  'report.html.banner.all_pass': both('Tous les critères sont satisfaits.', 'Every criterion passes.'),
  'report.html.banner.failing': {
    fr: (p) => `${str(p.id)} ${str(p.name)} : ${str(p.status)}`,
    en: (p) => `${str(p.id)} ${str(p.name)}: ${str(p.status)}`,
  },
  'report.html.criteria.title': both('Critères', 'Criteria'),
  'report.html.criteria.criterion': both('Critère', 'Criterion'),
  'report.html.criteria.observed': both('Observé', 'Observed'),
  'report.html.criteria.interval': both('IC 95 %', '95 % CI'),
  'report.html.criteria.threshold': both('Seuil', 'Threshold'),
  'report.html.criteria.status': both('Statut', 'Status'),
  'report.html.criteria.samples_needed': both('Échantillons pour conclure', 'Samples to be conclusive'),
  'report.html.criteria.note': both('Note', 'Note'),

  // --- Charts (shared captions).
  'report.html.chart.latency_axis': both('latence', 'latency'),
  'report.html.chart.censored': {
    fr: (p) => `${str(p.count)} délai(s) dépassé(s), valeur réelle ≥ ${str(p.at)}`,
    en: (p) => `${str(p.count)} timeout(s), true value ≥ ${str(p.at)}`,
  },
  'report.html.chart.go': { fr: (p) => `GO ≤ ${ms(p.limit, 'fr')}`, en: (p) => `GO ≤ ${ms(p.limit, 'en')}` },
  'report.html.chart.nogo': { fr: (p) => `NO-GO > ${ms(p.limit, 'fr')}`, en: (p) => `NO-GO > ${ms(p.limit, 'en')}` },

  // --- Comparison with a baseline.
  'report.html.comparison.title': both('Comparaison avec la référence (VALIDATION_BASELINE)', 'Comparison with the baseline'),
  'report.html.comparison.meta': {
    fr: (p) =>
      `Référence : ${str(p.generatedAt)} — ${str(p.decision)} — ${int(p.before, 'fr')} tentatives mesurées ; cette exécution ${int(p.after, 'fr')}.`,
    en: (p) => `Baseline: ${str(p.generatedAt)} — ${str(p.decision)} — ${int(p.before, 'en')} measured attempts; this run ${int(p.after, 'en')}.`,
  },
  'report.html.comparison.newly_failing': {
    fr: (p) => `Questions passées de OK à échec (${int(p.count, 'fr')})`,
    en: (p) => `Questions that passed and now fail (${int(p.count, 'en')})`,
  },
  'report.html.comparison.newly_passing': {
    fr: (p) => `Questions passées d'échec à OK (${int(p.count, 'fr')})`,
    en: (p) => `Questions that failed and now pass (${int(p.count, 'en')})`,
  },
  'report.html.comparison.expectations_changed': {
    fr: (p) => `Questions dont les attentes ont changé depuis la référence, non comparées (${int(p.count, 'fr')})`,
    en: (p) => `Questions whose expectations changed since the baseline, not compared (${int(p.count, 'en')})`,
  },
  'report.html.comparison.none': both(' : —', ': —'),
  'report.html.comparison.allowance': {
    fr: (p) => `Tolérance de régression de la P95 : ${fmtPct(num(p.ratio), 'fr')} (VALIDATION_MAX_REGRESSION).`,
    en: (p) => `P95 regression allowance: ${fmtPct(num(p.ratio), 'en')} (VALIDATION_MAX_REGRESSION).`,
  },

  // --- Latency.
  'report.html.latency.title': both('Latence de bout en bout', 'End-to-end latency'),
  'report.html.latency.this_run': both('cette exécution', 'this run'),
  'report.html.latency.baseline': both('référence', 'baseline'),
  'report.html.latency.censored': {
    fr: (p) => ` · ${int(p.count, 'fr')} délai(s) dépassé(s) comptés à ${ms(p.timeoutMs, 'fr')} (censurés)`,
    en: (p) => ` · ${int(p.count, 'en')} timeout(s) counted at ${ms(p.timeoutMs, 'en')} (censored)`,
  },
  'report.html.latency.chart': both(
    'Distribution cumulée des latences (toutes les tentatives mesurées, échecs compris)',
    'Cumulative distribution of latencies (all measured attempts, failures included)',
  ),
  'report.html.latency.none': both('Aucune tentative mesurée.', 'No measured attempt.'),
  'report.html.latency.ttfc_title': both('Temps jusqu’au premier fragment (réponse en flux)', 'Time to first chunk (streaming)'),
  'report.html.latency.ttfc_chart': both(
    'Distribution cumulée du temps jusqu’au premier fragment',
    'Cumulative distribution of the time to first chunk',
  ),

  // --- Categories and stages.
  'report.html.categories.title': both('Par catégorie', 'Per category'),
  'report.html.categories.chart': both(
    'Latence par catégorie (points : tentatives ; traits : P50 et P95 ; cercles vides : délais dépassés)',
    'Latency per category (dots: attempts; ticks: P50 and P95; hollow circles: timeouts)',
  ),
  'report.html.categories.category': both('Catégorie', 'Category'),
  'report.html.categories.questions': both('Questions', 'Questions'),
  'report.html.categories.success': both('Succès', 'Success'),
  'report.html.stages.title': both('Par étape du pipeline', 'Per pipeline stage'),
  'report.html.stages.plan_budget': both('budget du plan', 'plan budget'),
  'report.html.stages.total': { fr: (p) => `total ${ms(p.limit, 'fr')}`, en: (p) => `total ${ms(p.limit, 'en')}` },
  'report.html.stages.chart': both(
    'Étapes empilées : budget du plan, P50 et P95 par étape, puis moyenne par question',
    'Stacked stages: plan budget, P50 and P95 per stage, then the mean per question',
  ),
  'report.html.stages.none': both(
    'Le service ne rapporte aucune durée d’étape utilisable (pas d’en-tête Server-Timing, ou aucune plausible : voir les notes).',
    'The service reports no stage timing the report can use (no Server-Timing header, or none plausible: see the notes).',
  ),
  'report.html.stages.stage': both('Étape', 'Stage'),
  'report.html.stages.budget': both('Budget', 'Budget'),
  'report.html.stages.status': both('Statut', 'Status'),

  // --- Timeline.
  'report.html.timeline.title': both('Tentatives dans le temps', 'Attempts over time'),
  'report.html.timeline.warmup': both(' (échauffement)', ' (warm-up)'),
  'report.html.timeline.chart': both(
    'Chaque requête à son heure de départ (vert : réussie, rouge : échouée, pâle : échauffement, triangle : délai dépassé)',
    'Each request at its start time (green: passed, red: failed, faint: warm-up, triangle: timeout)',
  ),
  'report.html.timeline.since_start': both('depuis le début', 'since start'),

  // --- Questions and their attempts.
  'report.html.questions.title': both('Par question', 'Per question'),
  'report.html.questions.question': both('Question', 'Question'),
  'report.html.questions.message': both('Message', 'Message'),
  'report.html.questions.first_reason': both('Première raison d’échec', 'First failure reason'),
  'report.html.questions.flaky': both(' (instable)', ' (flaky)'),
  'report.html.questions.reasons': both('Raisons d’échec', 'Failure reasons'),
  'report.html.questions.more_reasons': {
    fr: (p) => `… ${int(p.count, 'fr')} autre(s) : voir chaque tentative ci-dessous`,
    en: (p) => `… ${int(p.count, 'en')} more: see each attempt below`,
  },
  'report.html.questions.not_executed': {
    fr: (p) => `${int(p.count, 'fr')} tentative(s) prévue(s) non exécutée(s).`,
    en: (p) => `${int(p.count, 'en')} planned attempt(s) not executed.`,
  },
  'report.html.attempt.no_intent': both('pas d’intention', 'no intent'),
  'report.html.attempt.no_response': both('pas de réponse', 'no response'),
  'report.html.attempt.timed_out': both(' (délai dépassé)', ' (timeout)'),
  'report.html.attempt.no_body': both('Pas de corps conservé.', 'No body kept.'),
  'report.html.attempt.same_body': {
    fr: (p) => `Même corps que la tentative #${str(p.index)}.`,
    en: (p) => `Same body as attempt #${str(p.index)}.`,
  },
  'report.html.attempt.body_left_out': both('Corps omis (limite de taille du rapport).', 'Body left out (report size limit).'),
  'report.html.attempt.more': {
    fr: (p) => `… ${int(p.count, 'fr')} autre(s) tentative(s) en échec : voir validation-report.json.`,
    en: (p) => `… ${int(p.count, 'en')} more failed attempt(s): see validation-report.json.`,
  },
  'report.html.expected.expected': both('Attendu', 'Expected'),
  'report.html.expected.observed': both('Observé', 'Observed'),
  'report.html.expected.intent': both('Intention', 'Intent'),
  'report.html.expected.not_data': both('pas de DATA_PRESENTATION', 'not DATA_PRESENTATION'),
  'report.html.expected.group_only': both(' (groupe seulement : sous-type non observable)', ' (group only: subtype not observable)'),
  'report.html.expected.presentation': both('Présentation', 'Presentation'),
  'report.html.expected.visualizations': both('Visualisations', 'Visualizations'),

  // --- Intent confusion, notes, footer.
  'report.html.confusion.title': both('Matrice de confusion des intentions', 'Intent confusion table'),
  'report.html.confusion.corner': both('attendu \\ observé', 'expected \\ observed'),
  'report.html.confusion.group_level': both(
    'Sous-type non observable sur ce contrat : comparaison au niveau du groupe.',
    'Subtype not observable on this contract: compared at group level.',
  ),
  'report.html.notes.title': both('Taille d’échantillon et méthode', 'Sample size and method'),
  'report.html.notes.weak_p99': {
    fr: (p) => `P99 sur ${fmtSamples(num(p.n) ?? 0, 'fr')} : indicative seulement.`,
    en: (p) => `P99 from ${fmtSamples(num(p.n) ?? 0, 'en')}: indicative only.`,
  },
  'report.html.notes.criterion': {
    fr: (p) => `${str(p.id)} : ${str(p.note)}`,
    en: (p) => `${str(p.id)}: ${str(p.note)}`,
  },
  'report.html.notes.percentiles': both(
    'Percentiles : type 7 (interpolation linéaire entre statistiques d’ordre en p·(n−1), comme numpy par défaut et k6).',
    'Percentiles: type 7 (linear interpolation between order statistics at p·(n−1), as numpy default and k6).',
  ),
  // An interval's method as the metric table names it (reporters/metrics.ts); an unknown name is shown as is.
  'report.html.interval_method': {
    fr: (p) => INTERVAL_METHOD_FR[str(p.method)] ?? str(p.method),
    en: (p) => str(p.method),
  },
  'report.html.footer': both('Page autonome : aucun script, aucune ressource externe.', 'Self-contained page: no script, no external resource.'),
}

registerCatalogue(HTML_CATALOGUE)
