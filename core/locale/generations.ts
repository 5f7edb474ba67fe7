// Sentences of the Harena generations feature (docs/generations.md): the TTFC and rate-limit criteria, the stream
// metrics, and why a criterion cannot judge a contract's answers.
import type { ReasonParam } from '../reason.ts'
import { fmtAgainst, fmtIds, fmtInt, fmtMs } from './format.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

type P = Record<string, ReasonParam>
const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const strs = (x: ReasonParam | undefined): string[] => (Array.isArray(x) ? x.map(String) : [])
const num = (x: ReasonParam | undefined): number => (typeof x === 'number' ? x : 0)
const ids = (p: P): string => fmtIds(strs(p.ids))
const ms = (x: ReasonParam | undefined, L: 'fr' | 'en'): string => (typeof x === 'number' ? fmtMs(x, L) : '—')
/**
 * The TTFC P95 or a bound of its interval, written against the thresholds the renderer passes as `limits`
 * (reporters/figures.ts limitsOf), as the criteria table writes them: one figure, one text.
 */
const judged = (p: P, x: ReasonParam | undefined, L: 'fr' | 'en'): string =>
  typeof x === 'number' ? fmtAgainst(x, 'ms', L, Array.isArray(p.limits) ? p.limits.filter((t): t is number => typeof t === 'number') : []) : '—'
/** The TTFC P95 interval; an upper bound whose rank fell on a timed-out request is no bound: "≥ 3,000 ms". */
const interval = (p: P, L: 'fr' | 'en'): string => {
  const upper = typeof p.upper !== 'number' && typeof p.upperAtLeast === 'number' ? `≥ ${judged(p, p.upperAtLeast, L)}` : judged(p, p.upper, L)
  return typeof p.lower === 'number' || typeof p.upper === 'number' ? ` [${judged(p, p.lower, L)} ; ${upper}]` : ''
}

/**
 * What carried no visualization, from the run's data: a streamed run's stream route (it carries text only), a
 * contract that cannot carry any (`absent`), or answers of a contract that carries them optionally and did not.
 */
function carrier(p: P, L: 'fr' | 'en'): string {
  const c = str(p.contract)
  if (p.stream === true)
    return L === 'fr' ? `Le flux de réponse de ${c} ne transporte aucune visualisation` : `The ${c} stream carries no visualization`
  if (p.carriage === 'optional')
    return L === 'fr'
      ? `Les réponses de la cible (contrat ${c}) sont arrivées sans champ de visualisations`
      : `The target's answers (${c} contract) came without a visualizations field`
  return L === 'fr' ? `Le contrat ${c} ne transporte aucune visualisation` : `The ${c} contract carries no visualization`
}

export const GENERATIONS_CATALOGUE: Catalogue = {
  'criterion.C6': {
    fr: () => 'Temps jusqu’au premier fragment du flux (TTFC) P95',
    en: () => 'Time to first streamed chunk (TTFC) P95',
  },
  'criterion.C7': { fr: () => 'Aucune requête refusée par un limiteur de débit', en: () => 'No request refused by a rate limiter' },
  'metric.ttfc_p50_ms': { fr: () => 'TTFC P50', en: () => 'TTFC P50' },
  'metric.ttfc_p95_ms': { fr: () => 'TTFC P95', en: () => 'TTFC P95' },
  'metric.ttfc_p99_ms': { fr: () => 'TTFC P99', en: () => 'TTFC P99' },
  'metric.first_status_p95_ms': { fr: () => 'premier statut P95', en: () => 'first status P95' },
  'metric.rate_limited': { fr: () => 'requêtes limitées', en: () => 'rate-limited requests' },
  'not_applicable.visualizations': {
    fr: (p) => `${carrier(p, 'fr')} : non observable pour ${ids(p)}.`,
    en: (p) => `${carrier(p, 'en')}: not observable for ${ids(p)}.`,
  },
  'excluded.visualizations': {
    fr: (p) => `Le jeu de questions n’attend pas de visualisation sur ${str(p.contract)} (${ids(p)}).`,
    en: (p) => `The question set expects no visualization on ${str(p.contract)} (${ids(p)}).`,
  },
  'excluded.visualizations_no_data_question': {
    fr: () => 'Aucune question du jeu n’attend de données (cas limites, clarifications) : pas de visualisation à compter.',
    en: () => 'No question of the set expects data (edge cases, clarifications): no visualization to count.',
  },
  'report.md.metrics.ttfc': {
    fr: (p) =>
      `- Réponse en flux — TTFC (premier fragment) P50 / P95 / P99 : ${p.censored50 ? '≥ ' : ''}${ms(p.p50, 'fr')} / ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'fr')}${interval(p, 'fr')} / ${p.censored99 ? '≥ ' : ''}${ms(p.p99, 'fr')} (n = ${fmtInt(num(p.n), 'fr')}) ; premier statut P95 : ${ms(p.status95, 'fr')}`,
    en: (p) =>
      `- Streaming — TTFC (first chunk) P50 / P95 / P99: ${p.censored50 ? '≥ ' : ''}${ms(p.p50, 'en')} / ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'en')}${interval(p, 'en')} / ${p.censored99 ? '≥ ' : ''}${ms(p.p99, 'en')} (n = ${fmtInt(num(p.n), 'en')}); first status P95: ${ms(p.status95, 'en')}`,
  },
  'report.term.ttfc': {
    fr: (p) =>
      `TTFC P50 ${p.censored50 ? '≥ ' : ''}${ms(p.p50, 'fr')} · P95 ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'fr')} · P99 ${p.censored99 ? '≥ ' : ''}${ms(p.p99, 'fr')} (n = ${fmtInt(num(p.n), 'fr')}, en flux)`,
    en: (p) =>
      `TTFC P50 ${p.censored50 ? '≥ ' : ''}${ms(p.p50, 'en')} · P95 ${p.censored ? '≥ ' : ''}${judged(p, p.p95, 'en')} · P99 ${p.censored99 ? '≥ ' : ''}${ms(p.p99, 'en')} (n = ${fmtInt(num(p.n), 'en')}, streaming)`,
  },
  'report.md.confidence.not_observable': {
    fr: (p) => `- Non observable sur ${str(p.contract)} (signalé, jamais vérifié ni compté comme réussi) : ${str(p.items)}.`,
    en: (p) => `- Not observable on ${str(p.contract)} (reported, never checked nor counted as passed): ${str(p.items)}.`,
  },
  'verdict.unmeasurable': {
    fr: (p) => `${str(p.criterion)} : exécution non concluante.`,
    en: (p) => `${str(p.criterion)}: the run is inconclusive.`,
  },
  'evidence.rate_limited': {
    fr: (p) =>
      `${fmtInt(num(p.count), 'fr')} requête(s) refusée(s) par un limiteur de débit de la cible ou du proxy (503/429) : ${num(p.unnamed) > 0 ? `${fmtInt(num(p.unnamed), 'fr')} d’entre elles (503 que seul un Retry-After court désigne) peuvent aussi être le service indisponible — vérifiez qu’il répond ; ` : 'ce n’est pas une panne du service, mais '}ces tentatives ne mesurent rien. La suite était ${num(p.maxRps) > 0 ? `cadencée à ${str(p.maxRps)} req/s` : 'sans cadence (VALIDATION_MAX_RPS=0)'} : baissez VALIDATION_MAX_RPS (et VALIDATION_CONCURRENCY) ou relevez la limite du proxy pour ce client, puis relancez.`,
    en: (p) =>
      `${fmtInt(num(p.count), 'en')} request(s) refused by a rate limiter of the target or its proxy (503/429): ${num(p.unnamed) > 0 ? `${fmtInt(num(p.unnamed), 'en')} of them (a 503 that only a short Retry-After marks) may as well be the service unavailable — check that it answers; ` : 'not a failure of the service, but '}those attempts measure nothing. The suite was ${num(p.maxRps) > 0 ? `paced at ${str(p.maxRps)} r/s` : 'unpaced (VALIDATION_MAX_RPS=0)'}: lower VALIDATION_MAX_RPS (and VALIDATION_CONCURRENCY) or raise the proxy's limit for this client, then run again.`,
  },
}

registerCatalogue(GENERATIONS_CATALOGUE)
