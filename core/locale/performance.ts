// Sentences of the performance domain: how busy the measuring client was (reporters/aggregate.ts,
// CLIENT_BUSY_P99_MS) and the load the run applied (reporters/applied-load.ts). Registered when aggregate.ts is
// loaded, as the other domains' catalogues are.
import type { ReasonParam } from '../reason.ts'
import { fmtDecimal, fmtInt, fmtMs, fmtPct } from './format.ts'
import { type Catalogue, type Locale, type Phrase, registerCatalogue } from './index.ts'

const num = (x: ReasonParam | undefined): number => (typeof x === 'number' ? x : 0)
const ms = (x: ReasonParam | undefined, L: Locale): string => fmtMs(typeof x === 'number' ? x : null, L)
const pct = (x: ReasonParam | undefined, L: Locale): string => fmtPct(num(x), L, 0)
const int = (x: ReasonParam | undefined, L: Locale): string => fmtInt(num(x), L)
const dec = (x: ReasonParam | undefined, L: Locale): string => fmtDecimal(num(x), L)

/**
 * The figures of the applied load, as both sentences give them. With requests abandoned at the deadline the peak is a
 * lower bound ("≥"): each was counted only until the deadline, and the target may have kept working on it.
 */
const figures = (p: Record<string, ReasonParam>, L: Locale): string => {
  const atLeast = num(p.abandoned) > 0 ? '≥ ' : ''
  return L === 'fr'
    ? `pic ${atLeast}${int(p.peak, L)}/${int(p.cap, L)} en vol, moyenne ${dec(p.mean, L)}, plafond tenu ${pct(p.share, L)} du temps`
    : `peak ${atLeast}${int(p.peak, L)}/${int(p.cap, L)} in flight, mean ${dec(p.mean, L)}, cap held ${pct(p.share, L)} of the time`
}

/**
 * "raise VALIDATION_ITERATIONS or " while the run is below the most it accepts (reporters/applied-load.ts
 * canRaiseIterations; a reason without the parameter, from before it, keeps the advice).
 */
const raise = (p: Record<string, ReasonParam>, L: Locale): string =>
  p.canRaiseIterations === false ? '' : L === 'fr' ? 'augmentez VALIDATION_ITERATIONS ou ' : 'raise VALIDATION_ITERATIONS or '

const LIGHT_LOAD_CAUSE: Record<string, Phrase> = {
  few_attempts: {
    fr: (p) =>
      `${int(p.planned, 'fr')} tentative(s) prévue(s) pour un plafond de ${int(p.cap, 'fr')} : jamais assez de requêtes pour le tenir (${raise(p, 'fr')}baissez VALIDATION_CONCURRENCY)`,
    en: (p) =>
      `${int(p.planned, 'en')} planned attempt(s) for a cap of ${int(p.cap, 'en')}: never enough requests to hold it (${raise(p, 'en')}lower VALIDATION_CONCURRENCY)`,
  },
  stopped: {
    fr: () => 'la série s’est arrêtée avant la fin (interrompue, cible muette ou identifiants expirés)',
    en: () => 'the run stopped before its end (interrupted, target not answering or credentials expired)',
  },
  paced: {
    fr: (p) => `la cadence VALIDATION_MAX_RPS=${int(p.maxRps, 'fr')} ne laisse pas ${int(p.cap, 'fr')} requêtes en vol`,
    en: (p) => `the pace VALIDATION_MAX_RPS=${int(p.maxRps, 'en')} does not let ${int(p.cap, 'en')} requests be in flight`,
  },
  drain: {
    fr: (p) =>
      `peu de tentatives par fichier de questions : la fin de chaque fichier (ses dernières tentatives, avec moins que le plafond en vol) pèse lourd (${raise(p, 'fr')}baissez VALIDATION_CONCURRENCY)`,
    en: (p) =>
      `few attempts per question file: the end of each file (its last attempts, with fewer than the cap in flight) weighs heavily (${raise(p, 'en')}lower VALIDATION_CONCURRENCY)`,
  },
  client: {
    fr: () =>
      'entre une réponse et la requête suivante passent le jeton du limiteur et le travail du client lui-même, qui pèsent face à des réponses aussi rapides : la cible a vu moins de requêtes en vol que le plafond (un client sur une autre machine, ou une cible plus lente, en tiendrait davantage)',
    en: () =>
      'between an answer and the next request come the limiter’s permit and the client’s own work, which weigh against answers this fast: the target saw fewer requests in flight than the cap (a client on another machine, or a slower target, would hold more)',
  },
}

const causeText = (p: Record<string, ReasonParam>, L: Locale): string => LIGHT_LOAD_CAUSE[String(p.cause)]?.[L](p) ?? String(p.cause)

export const PERFORMANCE_CATALOGUE: Catalogue = {
  'performance.client_busy': {
    fr: (p) =>
      `Client de mesure chargé : le délai de sa boucle d'événements atteint ${ms(p.p99Ms, 'fr')} au P99 (seuil ${ms(p.thresholdMs, 'fr')}) ; le client lui-même a pu gonfler les latences mesurées (d'environ autant pour les plus lentes, parfois davantage pour une réponse isolée : c'est un P99, pas un plafond).`,
    en: (p) =>
      `Busy measuring client: its event-loop delay reached ${ms(p.p99Ms, 'en')} at P99 (threshold ${ms(p.thresholdMs, 'en')}); the client itself may have inflated the measured latencies (by about that much for the slowest, sometimes more for a single answer: a P99, not a ceiling).`,
  },
  // The line beside the concurrency in every document; "not measured" when no limiter measured it (never 0).
  'performance.applied_load': {
    fr: (p) =>
      p.measured === true
        ? `Charge appliquée : ${figures(p, 'fr')} (VALIDATION_CONCURRENCY=${int(p.cap, 'fr')})`
        : `Charge appliquée : non mesurée (VALIDATION_CONCURRENCY=${int(p.cap, 'fr')})`,
    en: (p) =>
      p.measured === true
        ? `Applied load: ${figures(p, 'en')} (VALIDATION_CONCURRENCY=${int(p.cap, 'en')})`
        : `Applied load: not measured (VALIDATION_CONCURRENCY=${int(p.cap, 'en')})`,
  },
  'performance.abandoned_in_flight': {
    fr: (p) =>
      `Charge appliquée peut-être sous-estimée : ${int(p.abandoned, 'fr')} requête(s) abandonnée(s) au délai (HARENA_TIMEOUT_MS=${num(p.timeoutMs)}) ont pu continuer de tourner sur la cible ; le client ne peut savoir quand elle s'est arrêtée : elles ne comptent en vol que jusqu'au délai, et la cible a pu en tenir plus à la fois que le pic indiqué (≥ ${int(p.peak, 'fr')}/${int(p.cap, 'fr')}).`,
    en: (p) =>
      `Applied load possibly understated: ${int(p.abandoned, 'en')} request(s) abandoned at the deadline (HARENA_TIMEOUT_MS=${num(p.timeoutMs)}) may still have been running on the target; the client cannot know when it stopped: they count in flight only until the deadline, and the target may have held more at once than the peak shown (≥ ${int(p.peak, 'en')}/${int(p.cap, 'en')}).`,
  },
  'performance.light_load': {
    fr: (p) =>
      `Charge plus légère que configurée : ${figures(p, 'fr')} (seuil ${pct(p.minShare, 'fr')}) ; les latences ont été mesurées sous une charge plus légère que VALIDATION_CONCURRENCY=${int(p.cap, 'fr')}. Cause probable : ${causeText(p, 'fr')}.`,
    en: (p) =>
      `Lighter load than configured: ${figures(p, 'en')} (threshold ${pct(p.minShare, 'en')}); latencies were measured under a lighter load than VALIDATION_CONCURRENCY=${int(p.cap, 'en')}. Likely cause: ${causeText(p, 'en')}.`,
  },
}

registerCatalogue(PERFORMANCE_CATALOGUE)
