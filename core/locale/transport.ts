// What the wire did, named (issue 9 "causes named, evidence kept"): an encoding the client could not undo, a
// redirect and where it pointed, the parser's own words about a broken body, credentials that expired mid-run.
// Sentences only; the facts come from tests/support/ (client.ts, record.ts) as reason parameters.
import type { ReasonParam } from '../reason.ts'
import { type Catalogue, registerCatalogue } from './index.ts'

const str = (x: ReasonParam | undefined): string => (x === null || x === undefined ? '' : String(x))
const list = (x: ReasonParam | undefined): string => (Array.isArray(x) ? x.map(String).join(', ') : str(x))

export const TRANSPORT_CATALOGUE: Catalogue = {
  'transport.undecodable': {
    fr: (p) =>
      `HTTP ${str(p.status)} : corps envoyé avec Content-Encoding « ${str(p.header)} » impossible à décoder (${str(p.coding)} : ${str(p.error)}) — un encodage, pas du JSON invalide du service`,
    en: (p) =>
      `HTTP ${str(p.status)} body sent with Content-Encoding "${str(p.header)}" could not be decoded (${str(p.coding)}: ${str(p.error)}) — an encoding, not the service's invalid JSON`,
  },
  'transport.json_error': {
    fr: (p) =>
      `analyseur JSON : ${str(p.message)} — au caractère ${str(p.position)} (ligne ${str(p.line)}, colonne ${str(p.column)}) : ${str(p.excerpt)}`,
    en: (p) => `JSON parser: ${str(p.message)} — at character ${str(p.position)} (line ${str(p.line)}, column ${str(p.column)}): ${str(p.excerpt)}`,
  },
  'transport.redirect': {
    fr: (p) =>
      `redirigé (HTTP ${str(p.status)}) vers ${str(p.location)} : le client ne suit pas les redirections — vérifiez HARENA_BASE_URL (schéma, hôte, préfixe)`,
    en: (p) =>
      `redirected (HTTP ${str(p.status)}) to ${str(p.location)}: the client does not follow redirects — check HARENA_BASE_URL (scheme, host, prefix)`,
  },
  'transport.duplicate_key_conflict': {
    fr: (p) =>
      `Violation du contrat : la clé JSON « ${str(p.path)} » est écrite deux fois avec des valeurs différentes (d'abord ${str(p.first)}, puis ${str(p.last)}) — réponse ambiguë : JSON.parse garde la dernière, un autre client lit la première`,
    en: (p) =>
      `contract violation: JSON key "${str(p.path)}" is written twice with different values (first ${str(p.first)}, then ${str(p.last)}) — an ambiguous answer: JSON.parse keeps the last, another client reads the first`,
  },
  'transport.duplicate_keys': {
    fr: (p) =>
      `Avertissement : ${str(p.answers)} réponse(s) avec une clé JSON en double (${list(p.keys)} ; questions ${list(p.questions)}) — JSON.parse garde la dernière sans rien dire, un autre client pourrait lire la première.`,
    en: (p) =>
      `Warning: ${str(p.answers)} answer(s) with a duplicate JSON key (${list(p.keys)}; questions ${list(p.questions)}) — JSON.parse keeps the last one silently, another client may read the first.`,
  },
}

registerCatalogue(TRANSPORT_CATALOGUE)
