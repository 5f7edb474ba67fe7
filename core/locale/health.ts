// The target's health route (tests/support/health.ts): what it said before the first question. Findings, not
// failures: the questions judge the service, the health route only describes it.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))

export const HEALTH_CATALOGUE: Catalogue = {
  'health.timeout': {
    fr: (p) =>
      `Route de santé : ${str(p.route)} n'a pas répondu en ${str(p.timeoutMs)} ms (la cible accepte la connexion mais sa santé reste muette)`,
    en: (p) =>
      `Health route: ${str(p.route)} did not answer within ${str(p.timeoutMs)} ms (the target accepts connections but its health route hangs)`,
  },
  'health.transport': {
    fr: (p) => `Route de santé : ${str(p.route)} a échoué (${str(p.code)})`,
    en: (p) => `Health route: ${str(p.route)} failed (${str(p.code)})`,
  },
  'health.http_status': {
    fr: (p) => `Route de santé : ${str(p.route)} a répondu HTTP ${str(p.status)} (200 attendu)`,
    en: (p) => `Health route: ${str(p.route)} answered HTTP ${str(p.status)} (expected 200)`,
  },
  'health.not_json': {
    fr: (p) => `Route de santé : ${str(p.route)} (HTTP ${str(p.status)}) n'a pas répondu en JSON : ni état ni version lisibles`,
    en: (p) => `Health route: ${str(p.route)} (HTTP ${str(p.status)}) did not answer JSON: no readable status or version`,
  },
  'health.not_up': {
    fr: (p) => `Route de santé : ${str(p.route)} (HTTP ${str(p.status)}) indique l'état ${str(p.reported)} — le service ne se dit pas en bonne santé`,
    en: (p) => `Health route: ${str(p.route)} (HTTP ${str(p.status)}) reports status ${str(p.reported)} — the service does not say it is healthy`,
  },
}

registerCatalogue(HEALTH_CATALOGUE)
