// The verdict's sentences, French and English: criterion names, metric labels, one sentence per evaluation
// outcome (reporters/evaluate.ts), the evidence and notes the metric table carries (reporters/metrics.ts). Codes
// and parameters are listed in docs/verdict-rules.md; a value is always written by its unit (format.ts).
import type { ReasonParam } from '../reason.ts'
import { fmtAgainst, fmtIds, fmtInt, fmtLimit, fmtMs, fmtPct, fmtSamples, type Unit } from './format.ts'
import { CONFIGURATION_ERROR } from './config.ts'
import { type Catalogue, hasPhrase, type Locale, registerCatalogue, say, sayCode } from './index.ts'
import './run.ts'

type P = Record<string, ReasonParam>
/** A sentence without its final full stop, to end it inside another one. */
const bare = (text: string): string => text.replace(/\.$/, '')
const num = (x: ReasonParam | undefined): number | null => (typeof x === 'number' ? x : null)
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const strs = (x: ReasonParam | undefined): string[] => (Array.isArray(x) ? x.map(String) : [])
const nums = (x: ReasonParam | undefined): number[] => (Array.isArray(x) ? x.map(Number) : [])
const unitOf = (p: P): Unit => (['ratio', 'ms', 'count', 'bool'].includes(str(p.unit)) ? (str(p.unit) as Unit) : 'count')

/** A metric's label in a language; a metric with no label is shown by its name. */
export function metricLabel(metric: string, L: Locale): string {
  const code = `metric.${metric}`
  return hasPhrase(code) ? say({ code, params: {} }, L) : metric
}

/** The symbol that says a threshold does not hold ("≥ 95 %" fails as "< 95 %"). */
const NEGATED: Record<string, string> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥', '==': '≠' }
const neg = (p: P): string => NEGATED[str(p.op)] ?? '≠'

/** Pieces every outcome sentence shares, in one language. */
function parts(p: P, L: Locale) {
  const unit = unitOf(p)
  // Every figure here is compared with the thresholds: written so the sentence's comparison is true (format.ts).
  const limits = [num(p.pass), num(p.warn)]
  const figure = (x: ReasonParam | undefined) => fmtAgainst(num(x), unit, L, limits)
  const f = (x: ReasonParam | undefined) => fmtLimit(num(x), unit, L)
  const successes = num(p.successes)
  const value =
    unit === 'bool'
      ? `${L === 'fr' ? ' :' : ':'} ${figure(p.value)}`
      : ` ${p.censored === true && num(p.value) !== null ? '≥ ' : ''}${figure(p.value)}${successes === null ? '' : ` (${successes}/${str(p.n)})`}`
  const limit = num(p.warn) ?? num(p.pass)
  const upperSide = str(p.op) === '<=' || str(p.op) === '<'
  const need = num(p.samplesNeeded)
  const n = num(p.n) ?? 0
  // A bound whose rank fell on a timed-out request is no bound: what is known of it, said as such (evaluate.ts).
  const atLeast = num(p.boundAtLeast)
  const bound =
    num(p.bound) === null && atLeast !== null
      ? `≥ ${figure(atLeast)}${L === 'fr' ? ', une requête expirée' : ', a timed-out request'}`
      : figure(p.bound)
  return {
    bound,
    head: `${str(p.criterion)}${L === 'fr' ? ' :' : ':'} ${metricLabel(str(p.metric), L)}${value}`,
    f,
    figure,
    limit,
    hasWarn: num(p.warn) !== null,
    side: L === 'fr' ? (upperSide ? 'haute' : 'basse') : upperSide ? 'upper' : 'lower',
    need:
      need !== null && need > n
        ? L === 'fr'
          ? ` ; il faudrait ≈ ${fmtInt(need, L)} tentatives`
          : `; ≈ ${fmtInt(need, L)} attempts would be needed`
        : '',
  }
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=', '<': '<', '>': '>' }

export const VERDICT_CATALOGUE: Catalogue = {
  // --- Criterion names (the criteria table, reporters/criteria.ts).
  'criterion.C1': {
    fr: () => 'Taux de succès (tentatives prévues ; non exécutée = échec)',
    en: () => 'Success rate (planned attempts; not executed = failed)',
  },
  'criterion.C2': { fr: () => 'Latence de bout en bout P95', en: () => 'End-to-end latency P95' },
  'criterion.C3': {
    // Over the answers a visualization is expected of (the question set, or the generation's own chart rule), not
    // over every DATA_PRESENTATION answer: the terminal keeps the words before the parenthesis.
    fr: () => 'Réponses attendant une visualisation, avec ≥ 1 (DATA_PRESENTATION : le jeu de questions ou la règle de la génération en attend une)',
    en: () => 'Answers expecting a visualization, with ≥ 1 (DATA_PRESENTATION: the question set or the generation’s rule expects one)',
  },
  'criterion.C4': {
    fr: () => 'Bugs critiques (5xx, transport, JSON invalide, contrat)',
    en: () => 'Critical bugs (5xx, transport, invalid JSON, contract)',
  },
  'criterion.C5': { fr: () => 'Exécution complète', en: () => 'Run complete' },
  'criterion.unnamed': {
    fr: (p) => `${metricLabel(str(p.metric), 'fr')} (${str(p.pass)})`,
    en: (p) => `${metricLabel(str(p.metric), 'en')} (${str(p.pass)})`,
  },

  // --- Metric labels (reporters/metrics.ts).
  'metric.success_rate': { fr: () => 'taux de succès', en: () => 'success rate' },
  'metric.p50_ms': { fr: () => 'P50', en: () => 'P50' },
  'metric.p95_ms': { fr: () => 'P95', en: () => 'P95' },
  'metric.p99_ms': { fr: () => 'P99', en: () => 'P99' },
  'metric.mean_ms': { fr: () => 'latence moyenne', en: () => 'mean latency' },
  'metric.max_ms': { fr: () => 'latence max', en: () => 'max latency' },
  'metric.ttfb_p95_ms': { fr: () => 'TTFB P95', en: () => 'TTFB P95' },
  'metric.viz_coverage': { fr: () => 'couverture des visualisations', en: () => 'visualization coverage' },
  'metric.critical_bugs': { fr: () => 'bugs critiques', en: () => 'critical bugs' },
  'metric.timeouts': { fr: () => 'délais dépassés', en: () => 'timeouts' },
  'metric.complete': { fr: () => 'exécution complète', en: () => 'run complete' },

  // --- One sentence per evaluation outcome (reporters/evaluate.ts).
  // A metric's label is of any gender and number (« couverture des visualisations », « bugs critiques », or a bare
  // metric name): no French word here agrees with it — a state is said of a noun the sentence holds (« valeur »,
  // « critère »), or the label stands apart (after a dash, in parentheses).
  'verdict.no_value': {
    fr: (p) => `${str(p.criterion)} : ${metricLabel(str(p.metric), 'fr')} — aucun échantillon, valeur indéterminée.`,
    en: (p) => `${str(p.criterion)}: ${metricLabel(str(p.metric), 'en')} undetermined, no sample.`,
  },
  'verdict.censored': {
    fr: (p) => `${parts(p, 'fr').head} ; non concluant.`,
    en: (p) => `${parts(p, 'en').head}; inconclusive.`,
  },
  'verdict.warn_zone': {
    fr: (p) => {
      const x = parts(p, 'fr')
      const [lo, hi] = [num(p.pass) ?? 0, num(p.warn) ?? 0].sort((a, b) => a - b)
      return `${x.head} entre ${x.f(lo)} et ${x.f(hi)} (zone conditionnelle).`
    },
    en: (p) => {
      const x = parts(p, 'en')
      const [lo, hi] = [num(p.pass) ?? 0, num(p.warn) ?? 0].sort((a, b) => a - b)
      return `${x.head} between ${x.f(lo)} and ${x.f(hi)} (conditional zone).`
    },
  },
  // A lower bound in the warn zone (reporters/evaluate.ts censored_warn): above the pass threshold, and maybe beyond the
  // warn one — at the warn threshold itself, it is at least that threshold. Never said to be inside the zone.
  'verdict.censored_warn': {
    fr: (p) => {
      const x = parts(p, 'fr')
      const [passAt, warnAt] = [x.f(num(p.pass)), x.f(num(p.warn))]
      return num(p.value) === num(p.warn)
        ? `${x.head} : au moins le seuil NO-GO ${warnAt}, la vraie valeur peut le dépasser ; non concluant.`
        : `${x.head} : au-delà de ${passAt}, la vraie valeur peut dépasser le seuil NO-GO ${warnAt} ; non concluant.`
    },
    en: (p) => {
      const x = parts(p, 'en')
      const [passAt, warnAt] = [x.f(num(p.pass)), x.f(num(p.warn))]
      return num(p.value) === num(p.warn)
        ? `${x.head}: at least the NO-GO threshold ${warnAt}, the true value may exceed it; inconclusive.`
        : `${x.head}: beyond ${passAt}, the true value may exceed the NO-GO threshold ${warnAt}; inconclusive.`
    },
  },
  // Samples the run could not read (reporters/evaluate.ts unreadable): the figure is over the others, and the
  // criterion would pass were every unread one a success but not were every one a failure. `unread`: how many.
  'verdict.unreadable': {
    fr: (p) => {
      if (num(p.value) === null)
        return `${str(p.criterion)} : ${metricLabel(str(p.metric), 'fr')} — aucune des ${str(p.unread)} réponse(s) concernée(s) n'a pu être lue, valeur indéterminée ; non concluant.`
      return `${parts(p, 'fr').head} sur les réponses lisibles, ${str(p.unread)} autre(s) illisible(s) : ni établi ni infirmé ; non concluant.`
    },
    en: (p) => {
      if (num(p.value) === null)
        return `${str(p.criterion)}: ${metricLabel(str(p.metric), 'en')} undetermined, none of the ${str(p.unread)} answer(s) concerned could be read; inconclusive.`
      return `${parts(p, 'en').head} over the answers that could be read, ${str(p.unread)} more unreadable: neither established nor refuted; inconclusive.`
    },
  },
  'verdict.fail_point': {
    fr: (p) => {
      const x = parts(p, 'fr')
      if (unitOf(p) === 'bool') return `${x.head}.`
      return `${x.head} ${neg(p)} ${x.f(x.limit)}${x.hasWarn ? ' (seuil NO-GO)' : ''}.`
    },
    en: (p) => {
      const x = parts(p, 'en')
      if (unitOf(p) === 'bool') return `${x.head}.`
      return `${x.head} ${neg(p)} ${x.f(x.limit)}${x.hasWarn ? ' (NO-GO threshold)' : ''}.`
    },
  },
  'verdict.bound_fail': {
    fr: (p) => {
      const x = parts(p, 'fr')
      return `${x.head} mais la borne ${x.side} de l'IC 95 % (${x.bound}) est ${neg(p)} ${x.f(x.limit)} (mode strict${x.hasWarn ? ', seuil NO-GO' : ''})${x.need}.`
    },
    en: (p) => {
      const x = parts(p, 'en')
      return `${x.head} but the 95 % CI ${x.side} bound (${x.bound}) is ${neg(p)} ${x.f(x.limit)} (strict mode${x.hasWarn ? ', NO-GO threshold' : ''})${x.need}.`
    },
  },
  'verdict.bound_warn': {
    fr: (p) => {
      const x = parts(p, 'fr')
      return `${x.head} ${OPS[str(p.op)] ?? ''} ${x.f(p.pass)} mais la borne ${x.side} de l'IC 95 % (${x.bound}) ne l'établit pas (mode strict)${x.need}.`
    },
    en: (p) => {
      const x = parts(p, 'en')
      return `${x.head} ${OPS[str(p.op)] ?? ''} ${x.f(p.pass)} but the 95 % CI ${x.side} bound (${x.bound}) does not establish it (strict mode)${x.need}.`
    },
  },
  'verdict.not_applicable': {
    fr: (p) => `${str(p.criterion)} : ${metricLabel(str(p.metric), 'fr')} — critère non applicable sur ce contrat, décision au mieux CONDITIONAL.`,
    en: (p) => `${str(p.criterion)}: ${metricLabel(str(p.metric), 'en')} not applicable on this contract, decision at best CONDITIONAL.`,
  },
  'verdict.interrupted': {
    fr: (p) => `Exécution interrompue (${str(p.signal)}) : rapport partiel, ce n'est pas un verdict sur le service.`,
    en: (p) => `Run interrupted (${str(p.signal)}): a partial report, not a verdict on the service.`,
  },
  // `cause`: the code of why (core/locale/run.ts `target.*`), with its params.
  'verdict.target_unusable': {
    fr: (p) => `Cible inutilisable : ${sayCode(p.cause, p, 'fr')} — aucune question n'a été posée.`,
    en: (p) => `Target unusable: ${sayCode(p.cause, p, 'en')} — no question was asked.`,
  },
  // "configuration error: <why>", `cause` the code of core/locale/config.ts that names the variable and the accepted
  // values, with its params (reporters/decide.ts configurationReason) — the terminal's line, word for word.
  'verdict.configuration_error': CONFIGURATION_ERROR,

  // --- Evidence (what explains a value that does not pass).
  'evidence.failing_questions': {
    fr: (p) => `Questions en échec : ${fmtIds(strs(p.ids))}.`,
    en: (p) => `Failing questions: ${fmtIds(strs(p.ids))}.`,
  },
  'evidence.stages_over_budget': {
    fr: (p) => `Étape(s) hors budget : ${stageList(p, 'fr')}.`,
    en: (p) => `Stage(s) over budget: ${stageList(p, 'en')}.`,
  },
  'evidence.missing_visualizations': {
    fr: (p) => `${str(p.missing)} réponse(s) sur ${str(p.n)} attendant une visualisation n'en porte(nt) aucune${idsInParens(p)}.`,
    en: (p) => `${str(p.missing)} of ${str(p.n)} answer(s) expecting a visualization carried none${idsInParens(p)}.`,
  },
  // Answers a visualization was expected of whose body broke the contract (reporters/aggregate.ts): one defect, the
  // critical bug's; the coverage counts them neither with nor without a visualization, and says so.
  'evidence.unreadable_visualizations': {
    fr: (p) =>
      `${str(p.count)} réponse(s) attendant une visualisation ne respecte(nt) pas le contrat${idsInParens(p)} : on ne peut pas y lire de visualisation — comptée(s) une fois, parmi les bugs critiques (contrat), ni avec ni sans visualisation ici.`,
    en: (p) =>
      `${str(p.count)} answer(s) expecting a visualization broke the contract${idsInParens(p)}: no visualization can be read in them — counted once, among the critical bugs (contract), neither with nor without a visualization here.`,
  },
  // `questions`: how many distinct questions had a critical bug (all of them); `ids`: the first of them in plan order.
  'evidence.critical_bugs': {
    fr: (p) => {
      const more = criticalMore(p)
      return `${str(p.count)} bug(s) critique(s) (${kindList(p)}) sur ${str(criticalQuestions(p))} question(s) — ${strs(p.ids).join(', ')}${more > 0 ? ` et ${more} autre(s) question(s) (criticalBugsByQuestion de validation-report.json les compte toutes)` : ''}.`
    },
    en: (p) => {
      const more = criticalMore(p)
      return `${str(p.count)} critical bug(s) (${kindList(p)}) in ${str(criticalQuestions(p))} question(s) — ${strs(p.ids).join(', ')}${more > 0 ? ` and ${more} more question(s) (criticalBugsByQuestion in validation-report.json counts them all)` : ''}.`
    },
  },
  'evidence.target_unusable': {
    fr: (p) => `Cible inutilisable : ${bare(sayCode(p.cause, p, 'fr'))}.`,
    en: (p) => `Target unusable: ${bare(sayCode(p.cause, p, 'en'))}.`,
  },
  'evidence.interrupted': { fr: () => 'Exécution interrompue.', en: () => 'Run interrupted.' },
  'evidence.no_attempt': { fr: () => 'Aucune tentative mesurée.', en: () => 'No measured attempt.' },
  'evidence.not_executed_rate_limited': {
    fr: (p) =>
      `${str(p.count)} tentative(s) prévue(s) sur ${str(p.planned)} non exécutée(s) (refusée(s) par un limiteur de débit)${idsInParens(p)} : elles ne mesurent rien de la version validée.`,
    en: (p) =>
      `${str(p.count)} of ${str(p.planned)} planned attempt(s) not executed (rate limited)${idsInParens(p)}: they measured nothing of the release.`,
  },
  'evidence.not_executed': {
    fr: (p) => `${str(p.count)} tentative(s) prévue(s) non exécutée(s)${idsInParens(p)}.`,
    en: (p) => `${str(p.count)} planned attempt(s) not executed${idsInParens(p)}.`,
  },
  // `cause`: the code of the error (core/locale/run.ts `harness.*`, or a configuration error's), with its params.
  'evidence.harness_error': {
    fr: (p) => `Erreur du harnais : ${bare(sayCode(p.cause, p, 'fr'))}.`,
    en: (p) => `Harness error: ${bare(sayCode(p.cause, p, 'en'))}.`,
  },
  'evidence.configuration_error': {
    fr: (p) => `Erreur de configuration : ${bare(sayCode(p.cause, p, 'fr'))}.`,
    en: (p) => `Configuration error: ${bare(sayCode(p.cause, p, 'en'))}.`,
  },
  'evidence.more_harness_errors': {
    fr: (p) => `+${str(p.count)} autre(s) erreur(s) du harnais.`,
    en: (p) => `+${str(p.count)} more harness error(s).`,
  },

  // --- Caveats and notes about a figure.
  'caveat.censored_by_timeouts': {
    fr: (p) => `Censure par des délais dépassés (${metricLabel(str(p.metric), 'fr')}) : la vraie valeur est ≥ au chiffre affiché.`,
    en: (p) => `${metricLabel(str(p.metric), 'en')} censored by timeouts: the true value is ≥ the figure shown.`,
  },
  'note.no_upper_bound': {
    fr: (p) => `n = ${str(p.n)} < ${str(p.min)} : aucune borne haute à 95 % pour ${metricLabel(str(p.metric), 'fr')}.`,
    en: (p) => `n = ${str(p.n)} < ${str(p.min)}: no 95 % upper bound for ${metricLabel(str(p.metric), 'en')}.`,
  },
  'note.upper_bound_censored': {
    fr: (p) =>
      `${metricLabel(str(p.metric), 'fr')} : le rang de la borne haute à 95 % (sur ${fmtSamples(num(p.n) ?? 0, 'fr')}) tombe sur une requête expirée, seulement connue ≥ ${fmtMs(num(p.atLeast), 'fr')} : aucune borne haute.`,
    en: (p) =>
      `${metricLabel(str(p.metric), 'en')}: the 95 % upper bound's rank (of ${fmtSamples(num(p.n) ?? 0, 'en')}) falls on a timed-out request, only known to be ≥ ${fmtMs(num(p.atLeast), 'en')}: no upper bound.`,
  },
  'note.rule_of_three': {
    fr: (p) => `0 sur ${str(p.n)} : taux réel de bugs critiques ≤ ${fmtPct(num(p.bound), 'fr')} à 95 % (règle de trois).`,
    en: (p) => `0 of ${str(p.n)}: true critical-bug rate ≤ ${fmtPct(num(p.bound), 'en')} at 95 % (rule of three).`,
  },
  'note.samples_needed': {
    fr: (p) =>
      `≈ ${fmtInt(num(p.needed) ?? 0, 'fr')} tentatives rendraient ce critère concluant (actuellement ${fmtInt(num(p.now) ?? 0, 'fr')} ; ${beyond(p) ? `au-delà des ${fmtInt(num(p.reachable) ?? 0, 'fr')} que VALIDATION_ITERATIONS permet avec ces questions : ajoutez des questions` : 'VALIDATION_ITERATIONS'}).`,
    en: (p) =>
      `≈ ${fmtInt(num(p.needed) ?? 0, 'en')} attempts would make this criterion conclusive (now ${fmtInt(num(p.now) ?? 0, 'en')}; ${beyond(p) ? `beyond the ${fmtInt(num(p.reachable) ?? 0, 'en')} VALIDATION_ITERATIONS allows with these questions: add questions` : 'VALIDATION_ITERATIONS'}).`,
  },
  // A stage's P95 beside the budget it exceeds, written against it (format.ts fmtAgainst): 100.3 ms is "100.3 ms > 100 ms";
  // then its support: n of the measured attempts when some are missing, and "weakly supported" below WEAK_SUPPORT.p95.
  'note.stage_over_budget': {
    fr: (p) =>
      `étape ${str(p.stage)} P95 ${fmtAgainst(num(p.p95), 'ms', 'fr', [num(p.budget)])} > budget ${fmtLimit(num(p.budget), 'ms', 'fr')}${support(p.n, p.of, p.weak, 'fr')}`,
    en: (p) =>
      `stage ${str(p.stage)} P95 ${fmtAgainst(num(p.p95), 'ms', 'en', [num(p.budget)])} > budget ${fmtLimit(num(p.budget), 'ms', 'en')}${support(p.n, p.of, p.weak, 'en')}`,
  },
  // --- What the stage figures leave out, and why (reporters/stage-stats.ts, docs/suite-rules.md §5 "Stage figures").
  'note.stage_exceeds_latency': {
    fr: (p) =>
      `chiffres d'étapes de ${str(p.answers)} réponse(s) sur ${str(p.of)} au-delà de leur latence mesurée (plus de 10 % + 5 ms) : non utilisés — une étape ne peut durer plus que l'échange ; le service rapporte peut-être des secondes, ou une autre horloge`,
    en: (p) =>
      `stage figures of ${str(p.answers)} of ${str(p.of)} answer(s) exceed their measured latency (by more than 10 % + 5 ms): not used — no stage can outlast the exchange; the service may report seconds, or another clock`,
  },
  'note.stage_seconds_suspected': {
    fr: (p) =>
      `chiffres d'étapes de ${str(p.answers)} réponse(s) sur ${str(p.of)} non utilisés : leur total Server-Timing × 1000 est leur latence mesurée — le service rapporte peut-être des secondes (rien n'est converti)`,
    en: (p) =>
      `stage figures of ${str(p.answers)} of ${str(p.of)} answer(s) not used: their Server-Timing total × 1000 is their measured latency — the service may report seconds (nothing is converted)`,
  },
  'note.stage_timed_out': {
    fr: (p) =>
      `${str(p.timedOut)} tentative(s) mesurée(s) sur ${str(p.of)} expirée(s) : leurs étapes sont inconnues, chaque chiffre d'étape est donc une borne basse (≥)`,
    en: (p) =>
      `${str(p.timedOut)} of ${str(p.of)} measured attempt(s) timed out: their stages are unknown, so every stage figure is a lower bound (≥)`,
  },
  'note.stage_without_timing': {
    fr: (p) => `${str(p.answers)} réponse(s) sur ${str(p.of)} sans aucune durée d'étape : les chiffres d'étapes ne les comptent pas`,
    en: (p) => `${str(p.answers)} of ${str(p.of)} answer(s) carried no stage timing: the stage figures leave them out`,
  },
  // `why`: core/model.ts STAGE_ENTRY_DROPS; `names`: the first names dropped for it.
  'note.stage_entries_dropped': {
    fr: (p) =>
      `Server-Timing : ${str(p.entries)} entrée(s) ${DROP_WHY.fr[str(p.why)] ?? str(p.why)}, dans ${str(p.answers)} réponse(s) (${names(p)}) : non utilisée(s)`,
    en: (p) =>
      `Server-Timing: ${str(p.entries)} entr${num(p.entries) === 1 ? 'y' : 'ies'} ${DROP_WHY.en[str(p.why)] ?? str(p.why)}, in ${str(p.answers)} answer(s) (${names(p)}): not used`,
  },
  'note.stage_repeated': {
    fr: (p) =>
      `Server-Timing : ${names(p)} nommé(s) plusieurs fois dans ${str(p.answers)} réponse(s) — chaque entrée est une mesure distincte (W3C Server Timing) : les entrées d'une étape sont additionnées, le plus grand total retenu`,
    en: (p) =>
      `Server-Timing: ${names(p)} named more than once in ${str(p.answers)} answer(s) — each entry is a separate metric (W3C Server Timing): a stage's entries are added up, the largest total kept`,
  },
  'note.stage_unmapped': {
    fr: (p) =>
      `Server-Timing : noms qui ne sont pas une étape du plan, dans ${str(p.answers)} réponse(s) : ${names(p, p.distinct)} — hors des chiffres d'étapes`,
    en: (p) => `Server-Timing: names that are no plan stage, in ${str(p.answers)} answer(s): ${names(p, p.distinct)} — not in the stage figures`,
  },
  'note.stage_weak': {
    fr: (p) => `P95 d'étape sur moins de ${str(p.min)} réponses, faiblement étayée : ${stageCounts(p, 'fr')}`,
    en: (p) => `stage P95 from fewer than ${str(p.min)} answers is weakly supported: ${stageCounts(p, 'en')}`,
  },
  'note.cache_suspected': {
    fr: (p) => `tentatives mesurées ≈ ${fmtPct(num(p.ratio), 'fr')} de la latence de leur échauffement — cache probable, latence optimiste`,
    en: (p) => `measured attempts ≈ ${fmtPct(num(p.ratio), 'en')} of their warm-up's latency — likely a cache, latency optimistic`,
  },
  'note.truth_unconfronted': {
    fr: (p) =>
      `vérité terrain (VALIDATION_GROUND_TRUTH) : ${str(p.count)} question(s) sans chiffres attendus dans le fichier, leurs réponses n'ont pas été confrontées à la vérité : ${strs(p.questions).join(', ')}`,
    en: (p) =>
      `ground truth (VALIDATION_GROUND_TRUTH): ${str(p.count)} question(s) without expected figures in the file, their answers were not confronted with the truth: ${strs(p.questions).join(', ')}`,
  },
  // A dated ground truth against the days the answers searched (reporters/aggregate.ts truthPeriodObservations).
  'note.truth_other_period': {
    fr: (p) =>
      `vérité terrain (VALIDATION_GROUND_TRUTH)${madeFor(p, 'fr')} : ${str(p.count)} réponse(s) ont cherché sur une autre période que la sienne, confrontées à elle malgré tout (un écart peut y venir du fichier) : ${strs(p.questions).join(', ')}`,
    en: (p) =>
      `ground truth (VALIDATION_GROUND_TRUTH)${madeFor(p, 'en')}: ${str(p.count)} answer(s) searched another period than its own, confronted with it all the same (a difference there may come from the file): ${strs(p.questions).join(', ')}`,
  },
  'note.truth_stale': {
    fr: (p) =>
      `le fichier de vérité terrain (VALIDATION_GROUND_TRUTH) semble périmé${p.asOf === null || p.asOf === undefined ? '' : ` (fait pour le ${str(p.asOf)})`} : aucune réponse n'a cherché sur les jours qu'il donne pour le jour du service ; les écarts à la vérité de ${strs(p.questions).join(', ')} (${str(p.count)} réponse(s)) peuvent venir du fichier — régénérez-le pour le jour du service`,
    en: (p) =>
      `the ground-truth file (VALIDATION_GROUND_TRUTH) looks stale${madeFor(p, 'en')}: no answer searched the days it gives for the service's today; differences from the truth in ${strs(p.questions).join(', ')} (${str(p.count)} answer(s)) may come from the file — regenerate it for the service's today`,
  },
  'note.truth_period_not_observable': {
    fr: (p) =>
      `vérité terrain (VALIDATION_GROUND_TRUTH)${madeFor(p, 'fr')} : ${str(p.count)} réponse(s) ne montrent pas les jours qu'elles ont cherchés (aucun filtre de dates sur leur fil) ; leur période n'a pu être vérifiée, elles ont été confrontées à la vérité sur la foi du fichier : ${strs(p.questions).join(', ')}`,
    en: (p) =>
      `ground truth (VALIDATION_GROUND_TRUTH)${madeFor(p, 'en')}: ${str(p.count)} answer(s) do not show the days they searched (no date filter on their wire); their period could not be checked, they were confronted with the truth on the file's word: ${strs(p.questions).join(', ')}`,
  },
  'note.weak_p95': {
    fr: (p) => `P95 sur ${fmtSamples(num(p.n) ?? 0, 'fr')}, faiblement étayée`,
    en: (p) => `P95 from ${fmtSamples(num(p.n) ?? 0, 'en')} is weakly supported`,
  },
}

/** ", made for 2026-10-15" after a truth's name, when it names its day (account.asOf). */
const madeFor = (p: P, locale: 'fr' | 'en'): string =>
  p.asOf === null || p.asOf === undefined ? '' : locale === 'fr' ? `, faite pour le ${str(p.asOf)}` : `, made for ${str(p.asOf)}`

/** The attempts needed are more than VALIDATION_ITERATIONS can plan (reporters/decide.ts `reachable`). */
const beyond = (p: P): boolean => num(p.reachable) !== null && (num(p.needed) ?? 0) > (num(p.reachable) ?? 0)

/**
 * Each stage's P95 written against its budget (format.ts fmtAgainst): "100.3 ms > 100 ms", never "100 ms > 100 ms";
 * then its support when `n`/`of`/`weak` are given (a reason from before they existed has none).
 */
function stageList(p: P, L: Locale): string {
  const budgets = nums(p.budgets)
  const p95 = nums(p.p95)
  const n = Array.isArray(p.n) ? p.n : []
  const of = Array.isArray(p.of) ? p.of : []
  const weak = strs(p.weak)
  return strs(p.stages)
    .map(
      (s, i) =>
        `${s} P95 ${fmtAgainst(p95[i], 'ms', L, [budgets[i]])} > ${fmtLimit(budgets[i], 'ms', L)}${support(n[i], of[i], weak.includes(s), L)}`,
    )
    .join(', ')
}

/** " (4 of 30 answers; weakly supported)": what a stage figure rests on, said when answers are missing or few. */
function support(n: ReasonParam | undefined, of: ReasonParam | undefined, weak: ReasonParam | undefined, L: Locale): string {
  const count = num(n)
  const total = num(of)
  const parts: string[] = []
  if (count !== null && total !== null && count < total) parts.push(L === 'fr' ? `${count} réponse(s) sur ${total}` : `${count} of ${total} answers`)
  if (weak === true && count !== null)
    parts.push(L === 'fr' ? `faiblement étayée : ${fmtSamples(count, 'fr')}` : `weakly supported: ${fmtSamples(count, 'en')}`)
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`
}

/** Why a Server-Timing entry was dropped (core/model.ts STAGE_ENTRY_DROPS), as the note's words. */
const DROP_WHY: Record<Locale, Record<string, string>> = {
  fr: {
    negative: 'à dur négative',
    unit: "à dur écrite avec une unité (250ms, 1.2s ; la spécification veut un nombre de millisecondes sans unité — rien n'est converti)",
    not_a_number: "dont la dur n'est pas un nombre",
    no_duration: 'nommant une étape sans dur',
    inside_stage: "nommant une partie d'une étape dans des réponses qui mesurent aussi l'étape entière (la partie y est incluse, jamais ajoutée)",
  },
  en: {
    negative: 'with a negative dur',
    unit: 'with a unit in dur (250ms, 1.2s; the spec wants a bare number of milliseconds — nothing is converted)',
    not_a_number: 'whose dur is not a number',
    no_duration: 'naming a stage without a dur',
    inside_stage: 'naming a part of a stage in answers that also timed the whole stage (the part is inside it, never added)',
  },
}

/** The names a note lists, "…" when there were more (`distinct`: how many in all). */
function names(p: P, distinct?: ReasonParam): string {
  const list = strs(p.names)
  const more = (num(distinct ?? null) ?? list.length) - list.length
  return `${list.join(', ')}${more > 0 ? `, … (+${more})` : ''}`
}

/** "search (4 of 30), response_generation (12 of 30)". */
function stageCounts(p: P, L: Locale): string {
  const n = nums(p.n)
  const of = str(p.of)
  return strs(p.stages)
    .map((s, i) => `${s} (${n[i] ?? 0}${L === 'fr' ? ' sur ' : ' of '}${of})`)
    .join(', ')
}

function kindList(p: P): string {
  const counts = nums(p.counts)
  return strs(p.kinds)
    .map((k, i) => `${k}: ${counts[i] ?? 0}`)
    .join(', ')
}

/** Questions with a critical bug; a reason from before `questions` existed named them all in `ids`. */
const criticalQuestions = (p: P): number => num(p.questions) ?? strs(p.ids).length
const criticalMore = (p: P): number => Math.max(0, criticalQuestions(p) - strs(p.ids).length)

const idsInParens = (p: P): string => (strs(p.ids).length ? ` (${fmtIds(strs(p.ids))})` : '')

registerCatalogue(VERDICT_CATALOGUE)
