// The service saying it is unavailable, in French (leaked-error.ts, docs/suite-rules.md §4): « Service indisponible »,
// « le service est temporairement indisponible », « service momentanément indisponible », « l'assistant est
// indisponible pour le moment », « cette fonctionnalité n'est pas disponible pour le moment », « je suis momentanément
// indisponible ». Appended after a correct answer it passed as one: the text as a whole is not an error message
// (error-answer.ts needs one that states nothing else), and HTTP_5XX knew only the English reason phrase.
// A RULE BY STRUCTURE, not by words: « indisponible » is a failure of the service only when its SUBJECT is the service —
// the service, its server, system, assistant, application, platform, API, tool, module, engine, agent, database, a
// feature (« fonctionnalité »), its search, analysis or generation — or the assistant speaking (« je suis … », « nous
// sommes … »). Data that is unavailable is a statement of the data: « ce marchand est indisponible », « solde
// indisponible pour ce compte », « ces fonds sont indisponibles jusqu'au 5 mars », « le distributeur est hors service ».
// Nor is it one when the noun is not the subject or not the service's own:
// - a complement, after a preposition: « votre abonnement au service Netflix est indisponible »;
// - the user's service or connection: « votre service de streaming », « vos services », « votre connexion »;
// - « n'est pas disponible » without a time (« pour le moment », « actuellement »): a capability, not an outage;
// - another party's service or the user's banking: « le service client de votre banque », « le service de paiement
//   sans contact », « le service Netflix » (a name after it, other than Harena, under « le/la/ce »: « notre service de
//   recherche Elasticsearch » is the service's own);
// - a condition or a denial: « si le service est indisponible », « lorsque l'application est indisponible », « en cas
//   de … », « aucun service indisponible », « le service n'est pas indisponible ».
import { BANKING_NOUN } from './generation-error.ts'

const NOUN = String.raw`services?|serveurs?|syst[èe]mes?|assistant(?:e)?s?|fonctionnalit[ée]s?|applications?|appli|plateformes?|api|outils?|modules?|moteurs?|agents?|ia|harena|chatbot|bases?\s+de\s+donn[ée]es|recherches?|analyses?|g[ée]n[ée]rations?|connexions?`
const DETERMINER = "(?:le|la|les|l'|l’|ce|cet|cette|ces|notre|nos|votre|vos|un|une)"
/** The words that say since when or for how long (« temporairement », « pour le moment »): an outage, not a capability. */
const WHILE = String.raw`(?:actuellement|temporairement|momentan[ée]ment|provisoirement|pour\s+le\s+moment|pour\s+l['’]instant|en\s+ce\s+moment)`
const ADVERB = String.raw`(?:${WHILE}|malheureusement|toujours|encore|de\s+nouveau)`
const COPULA = String.raw`(?:est|sont|[ée]tait|[ée]taient|reste|restent|semble|semblent|demeure|demeurent|sera|seront|a\s+[ée]t[ée]|ont\s+[ée]t[ée]|devient|deviennent)`
const DOWN = String.raw`(?:indisponibles?|inaccessibles?|injoignables?|hors\s+(?:service|ligne)|en\s+panne|en\s+maintenance)`
/** « n'est pas disponible »: an outage only when said with a time (WHILE); « pas disponible dans votre offre » is a capability. */
const NOT_AVAILABLE = String.raw`(?:n['’]|ne\s+)${COPULA}\s+(?:${ADVERB}\s+)?(?:pas|plus)\s+(?:${ADVERB}\s+)?disponibles?(?:\s*,?\s*${WHILE})?`
const SAYS_WHILE = new RegExp(WHILE, 'iu')

/** Words that belong to the predicate, never to the subject's complement (« le service n'est pas indisponible »). */
const NOT_COMPLEMENT = String.raw`(?:${COPULA}|n['’]\S*|ne|pas|plus|jamais|point)(?![\p{L}])`

/** The subject (determiner, noun, up to 4 words of complement), then its predicate; `rest`: the line after it. */
const SUBJECT_DOWN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?<det>${DETERMINER}\s*)?(?<noun>${NOUN})(?![\p{L}])(?<between>(?:\s+(?!${NOT_COMPLEMENT})[^\s.!?;:,]+){0,4}?)\s*,?\s+(?:(?:${COPULA}\s+)?(?:${ADVERB}\s+){0,2}${DOWN}|(?<notAvailable>${NOT_AVAILABLE}))(?![\p{L}])(?<rest>[^\n]*)`,
  'giu',
)
/** The assistant speaking of itself: « je suis momentanément indisponible », « nous sommes hors ligne ». */
const SPEAKER_DOWN = new RegExp(
  String.raw`(?<![\p{L}])(?:je\s+suis|nous\s+sommes)\s+(?:${ADVERB}\s+){0,2}(?:indisponibles?|injoignables?|hors\s+ligne|en\s+maintenance)(?![\p{L}])`,
  'giu',
)

/** Before the subject: a preposition makes the noun a complement (« abonnement au service … »). */
const PREPOSITION_BEFORE = /(?:^|[\s'’(])(?:à|a|au|aux|de|du|des|d|chez|pour|par|sur|avec|dans|en|via|vers|sans|sous|entre|contre)\s*['’]?\s*$/iu
/**
 * Before the subject: a condition or a time that is not now (« si », « lorsque », « quand », « en cas de », « au cas
 * où »), or a denial (« aucun service indisponible », « sans fonctionnalité indisponible »).
 */
const CONDITION_BEFORE =
  /(?:^|[\s'’(])(?:si|s['’]|lorsque?|lorsqu['’]|quand|cas\s+o[uù]|cas\s+d['’e]|dès\s+que|jamais|aucune?|nul(?:le)?|sans|ni|pas\s+d['’e]|plus\s+d['’e])\s*['’]?\s*$/iu
/** Between the noun and its predicate: another party's service or the user's banking (« client », « de paiement »). */
const NOT_OURS = new RegExp(String.raw`(?<![\p{L}])(?:clients?|client[èe]le|apr[èe]s-vente|bancaires?|${BANKING_NOUN})(?![\p{L}])`, 'iu')

/** Whether the matched subject is the service's own, stated now (see the header). */
function isServiceDown(message: string, m: RegExpMatchArray): boolean {
  const at = m.index ?? 0
  const before = message.slice(Math.max(0, at - 24), at)
  if (PREPOSITION_BEFORE.test(before) || CONDITION_BEFORE.test(before)) return false
  const det = (m.groups?.det ?? '').trim().toLowerCase()
  const noun = (m.groups?.noun ?? '').toLowerCase()
  const between = m.groups?.between ?? ''
  const notAvailable = m.groups?.notAvailable
  if (notAvailable !== undefined && !SAYS_WHILE.test(notAvailable)) return false
  if (/^(?:votre|vos)$/.test(det) && /^(?:services?|connexions?)$/.test(noun)) return false
  if (NOT_OURS.test(between)) return false
  // « le service Netflix »: a name right after the noun, other than the service's own, under a determiner not « notre ».
  const name = /^\s+(\p{Lu}[\p{L}\p{N}&'’.-]*)/u.exec(between)?.[1]
  return name === undefined || /^harena$/i.test(name) || /^(?:notre|nos)$/.test(det)
}

/** Where the first statement that the service is unavailable starts, or null. */
export function firstServiceUnavailable(message: string): number | null {
  let first: number | null = null
  for (const m of message.matchAll(SUBJECT_DOWN)) {
    if (!isServiceDown(message, m)) continue
    first = m.index ?? 0
    break
  }
  for (const m of message.matchAll(SPEAKER_DOWN)) {
    const at = m.index ?? 0
    if (CONDITION_BEFORE.test(message.slice(Math.max(0, at - 24), at))) continue
    if (first === null || at < first) first = at
    break
  }
  return first
}
