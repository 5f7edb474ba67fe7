// Sentences of the performance domain: how busy the measuring client was (reporters/aggregate.ts,
// CLIENT_BUSY_P99_MS). Registered when aggregate.ts is loaded, as the other domains' catalogues are.
import type { ReasonParam } from '../reason.ts'
import { fmtMs } from './format.ts'
import { type Catalogue, type Locale, registerCatalogue } from './index.ts'

const ms = (x: ReasonParam | undefined, L: Locale): string => fmtMs(typeof x === 'number' ? x : null, L)

export const PERFORMANCE_CATALOGUE: Catalogue = {
  'performance.client_busy': {
    fr: (p) =>
      `Client de mesure chargé : le délai de sa boucle d'événements atteint ${ms(p.p99Ms, 'fr')} au P99 (seuil ${ms(p.thresholdMs, 'fr')}) ; les latences mesurées peuvent être gonflées d'autant par le client lui-même.`,
    en: (p) =>
      `Busy measuring client: its event-loop delay reached ${ms(p.p99Ms, 'en')} at P99 (threshold ${ms(p.thresholdMs, 'en')}); measured latencies may be inflated by up to that much by the client itself.`,
  },
}

registerCatalogue(PERFORMANCE_CATALOGUE)
