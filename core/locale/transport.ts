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
  'transport.stale_connection_resent': {
    fr: (p) =>
      `requête renvoyée une fois sur une connexion neuve : la connexion réutilisée a été fermée par la cible avant tout octet de réponse (${str(p.error)}) — le plus souvent une connexion inactive que la cible venait de fermer ; si la requête l'avait atteinte, la question a été posée deux fois ; la mesure est celle du renvoi`,
    en: (p) =>
      `request resent once on a fresh connection: the reused connection was closed by the target before any byte of an answer (${str(p.error)}) — most often an idle connection the target had just closed; had the request reached it, the question was asked twice; this is the resend's measurement`,
  },
  'transport.stale_connections': {
    fr: (p) =>
      `Avertissement : ${str(p.count)} requête(s) renvoyée(s) une fois sur une connexion neuve (questions ${list(p.questions)}) : la cible a fermé des connexions réutilisées avant toute réponse — le plus souvent des connexions inactives (keep-alive du serveur plus court que celui du client, sans en-tête Keep-Alive), mais une cible qui coupe une connexion après avoir lu la requête y ressemble : compté comme aucun échec, une configuration à vérifier, et les journaux de la cible à lire si cela persiste.`,
    en: (p) =>
      `Warning: ${str(p.count)} request(s) resent once on a fresh connection (questions ${list(p.questions)}): the target closed reused connections before any answer — most often idle ones (a server keep-alive shorter than the client's, no Keep-Alive header), but a target that drops a connection after reading the request looks the same: counted as no failure, a setting to check, and the target's logs to read if it persists.`,
  },
  'transport.duplicate_keys': {
    fr: (p) =>
      `Avertissement : ${str(p.answers)} réponse(s) avec une clé JSON en double (${list(p.keys)} ; questions ${list(p.questions)}) — JSON.parse garde la dernière sans rien dire, un autre client pourrait lire la première.`,
    en: (p) =>
      `Warning: ${str(p.answers)} answer(s) with a duplicate JSON key (${list(p.keys)}; questions ${list(p.questions)}) — JSON.parse keeps the last one silently, another client may read the first.`,
  },
}

registerCatalogue(TRANSPORT_CATALOGUE)
