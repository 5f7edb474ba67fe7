// Whose failure is « Votre paiement a échoué »? (error-answer.ts, docs/suite-rules.md §4). Said of a user's operation, a
// failure is a fact about the user's money when the answer places it in the user's banking life; otherwise it is the
// service telling the user that what was asked failed. Two reviews (2026-12-05) found both mistakes: a pipeline error
// dressed as a payment failure passed on its own numbers (« Votre paiement a échoué (503). Réessayez plus tard. »,
// « (ID 8841) », « après 3 tentatives »), and real answers failed for naming no digit and no capitalised name (« Non,
// votre dernier paiement a échoué : solde insuffisant », « le prélèvement de votre loyer a échoué »).
//
// The rule, three kinds of evidence:
// - what the error says of itself identifies nothing and speaks for the service: its code, HTTP status, request,
//   incident or session identifier, retry count, delay, an HTTP reason phrase, a contact link; so does an invitation
//   to try again (« Réessayez plus tard », « veuillez réessayer ») and the request or the service named (« votre
//   demande », « le serveur »);
// - FIRM evidence of the user's money: an amount, a calendar date, a merchant or a site, a banking cause (« solde
//   insuffisant », « carte expirée », « plafond atteint »). It identifies the operation whatever else is said;
// - CONTEXT: a relative time (« d'hier », « cette semaine »), an ordinal (« votre dernier virement »), an object of the
//   user's banking life (« loyer », « facture », « livret », « par carte »), another number or a reference, a yes/no
//   answer, a question that asks about operations. It identifies the operation unless the message speaks for the
//   service: « Votre dernier paiement a échoué. Réessayez plus tard. » is the request failing.
import { MONTH_WORD } from './calendar-words.ts'
import { foldKeep } from '../grounding/figures.ts'
import { questionEntities } from './question-asked.ts'
import { fold } from './text.ts'
import { isOperationNoun } from './what-failed.ts'

// Words of the failure vocabulary itself, and technical names, that a merchant reading would take for a name.
export const NOT_NAMES: ReadonlySet<string> = new Set(
  'erreur error service harena api llm ia ai http json sql timeout openai gpt merci oups oops utc gmt id'.split(' '),
)
// Words a name made only of is an error's wording, not a merchant: « Service Unavailable », « Internal Server Error ».
const TECHNICAL = new Set(
  'unavailable internal server error gateway bad timeout request requests too many not found forbidden unauthorized service temporarily'.split(' '),
)

// What an error says of itself (on the folded text, punctuation kept): none of it places an operation, and each
// speaks for the service.
const ERROR_OWN: readonly RegExp[] = [
  // "code E502", "erreur 503", "HTTP 503", "ID 8841", "identifiant de requête : 8841-ab", "trace abc-12"
  /\b(?:code|erreur|error|err|status|statut|http|id|identifiant|incident|ticket|trace|requete|request|session|correlation)\b(?: (?:d'erreur|de requete|de l'incident|d'incident|de suivi|de session|de correlation|id|interne))?[\s.:#°-]*(?=[\w-]*\d)[\w-]+/g,
  // "réf. incident 4471", "référence de l'incident : 4471", "n° de ticket 12"
  /(?:\b(?:ref(?:erence)?|numero|no)\b\.?|\bn°)\s*(?:(?:de |d')(?:l')?)?(?:incident|ticket|requete|request|erreur|error|session|suivi)\b[\s.:#°-]*[\w-]*\d[\w-]*/g,
  // an HTTP status: "(503)", "503 error", "Service Unavailable", "Internal Server Error"
  /\(\s*[1-5]\d\d\s*\)|\b[1-5]\d\d (?:error|erreur)\b/g,
  /\b(?:service (?:temporarily )?unavailable|internal server error|bad gateway|gateway time-?out|too many requests|bad request|request time-?out|not found|forbidden|unauthorized)\b/g,
  // when to try again, how long it waited, how many times it tried: "dans 2 heures", "30000 ms", "après 3 tentatives"
  /\b\d+ ?(?:ms|millisecondes?)\b|\b(?:dans|d'ici|within|in) (?:environ )?\d+ ?(?:s|sec|secondes?|min|mn|minutes?|h|heures?|jours?|seconds?|hours?|days?)\b/g,
  /\b\d+ (?:tentatives?|essais?|attempts?|retries|tries|relances?)\b/g,
  // an identifier written with underscores: LLM_TIMEOUT, upstream_error
  /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g,
]
// Said by an error and by a real answer alike, these place no operation either: a duration, whom to contact.
const NEUTRAL_OWN: readonly RegExp[] = [
  /\b\d+ ?(?:secondes?|sec|minutes?|min|mn|seconds?)\b/g,
  /\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+|(?:\+\d{2}|\b0)\d(?:[ .]?\d{2}){4}\b/g,
]

// The message speaks for the service: an invitation to try again — an imperative, or an infinitive after an invitation —
// with no payment of the user's as its object (« vous pouvez réessayer le paiement depuis votre espace Free » is advice about the
// user's payment; « Netflix réessaiera », « il sera réessayé demain » tell what the merchant or the bank does); the
// request or the service named.
const RETRY =
  /(?:\b(?:re-?essayez|reiterez|recommencez|revenez plus tard|patientez)|\b(?:veuillez|merci de|pouvez|pourrez|essayez de|n'hesitez pas a|(?:vous )?invit\w* a) (?:\S+ )?(?:re-?essayer|reiterer|recommencer)|\b(?:try again|retry))\b(?! (?:(?:le|la|les|votre|vos|ce|cet|cette|ces|un|une|son|sa|ses) |l')(?:paiement|prelevement|virement|retrait|achat|transfert|reglement|cheque|versement)s?\b)/
const SERVICE_NAMED =
  /\b(?:votre (?:demande|requete)|(?:le|notre|du|au) (?:service|serveur|systeme)(?! client)|l'assistant|erreur (?:interne|technique|inattendue)|(?:incident|probleme|souci) technique)\b/

// Firm: an amount, a calendar date, a site, a banking cause.
const AMOUNT = /\d[\d \u00a0\u202f.,']*(?:€|eur\b|euros?\b)|€ ?\d/
const DATE = new RegExp(
  String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|${MONTH_WORD}|\b(?:le|du|au) (?:\d{1,2}|1er)\b(?! ?(?:€|%|eur|euros?)\b)`,
  'u',
)
const SITE = /\b[a-z0-9][a-z0-9-]*\.(?:com|fr|net|org|io|eu|de|es|it|be|ch|co|app|shop|store)\b/
const CAUSE =
  /\b(?:(?:solde|fonds|provision)s? (?:\S+ )?insuffisante?s?|insuffisance (?:de |du )?(?:fonds|provision|solde)|(?:plafond|decouvert)s? (?:\S+ )?(?:atteinte?s?|depassee?s?)|(?:carte|cb)(?: bancaire)? (?:a |est |etait )?(?:expiree?|perimee|bloquee|opposee|invalide|refusee|desactivee)|(?:code|pin|code pin|code confidentiel) (?:errone|incorrect|invalide|faux)|mise en opposition|(?:compte|iban|rib|mandat) (?:\S+ )?(?:bloque|cloture|invalide|incorrect|revoque|inconnu)|(?:refus|rejet)e?s? (?:de|par) (?:la |votre )?banque|autorisation (?:a ete )?(?:refusee|expiree))\b/

// Context: a relative time, an ordinal, an object of the user's banking life, a yes/no answer.
const WHEN =
  /\b(?:hier|avant-hier|aujourd'hui|ce matin|ce soir|cette nuit|(?:de |de la |cette )semaine|(?:du |ce |de ce )?week-end|(?:du |ce |de ce )mois(?:-ci)?|du jour|cette annee|(?:la semaine|le mois|l'annee|le week-end) (?:derniere?|passee?)|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|recemment)\b/
const ORDINAL = /\b(?:avant-)?(?:derniere?|premiere?|precedente?)s?\b/
const BANKING_LIFE =
  /\b(?:loyers?|factures?|livrets?|epargne|compte (?:courant|joint|titres?)|cartes?|cb|abonnements?|electricite|gaz|assurances?|mutuelles?|credits?|prets?|emprunts?|impots?|taxes?|amendes?|cantine|creche|pension|salaires?|charges|syndic|echeances?|mensualites?|cotisations?|courses|carburant|peages?|sans contact|en ligne|a l'etranger|beneficiaires?|proprietaire|bailleur)\b/
const YES_NO = /^\W*(?:oui|non|yes|no)\b/

/** The text with the spans `re` finds in its folded form replaced by spaces (same length, same case elsewhere). */
function blank(text: string, re: RegExp): string {
  let out = text
  for (const m of foldKeep(out).matchAll(re)) {
    const at = m.index ?? 0
    out = out.slice(0, at) + ' '.repeat(m[0].length) + out.slice(at + m[0].length)
  }
  return out
}

// ERROR_OWN's expressions without their flags (a global one keeps its lastIndex between calls), compiled once.
const ERROR_OWN_ONCE = ERROR_OWN.map((re) => new RegExp(re.source))

/** Does the message speak for the service: what an error says of itself, a retry invitation, the request named? */
export function speaksForService(message: string): boolean {
  const folded = foldKeep(message)
  return RETRY.test(folded) || SERVICE_NAMED.test(folded) || ERROR_OWN_ONCE.some((re) => re.test(folded))
}

/** A merchant's word: letters only (« Optic 2000 » has one), not the failure vocabulary nor an error's wording. */
const nameWord = (word: string): boolean => /^[a-z][a-z'&.-]*$/.test(word) && !TECHNICAL.has(word) && !NOT_NAMES.has(word)

/**
 * The merchants a text names, as canonical words: the failure vocabulary, an error's wording (« Service
 * Unavailable ») and a code (« E502 », « VIR-88412 »: a reference, not a name) excepted.
 */
export function namesIn(text: string): Set<string> {
  const merchants = questionEntities(text)
    .merchants.map(fold)
    .filter((m) => m.split(/\s+/).some(nameWord))
  return new Set(merchants.flatMap((m) => m.split(/[^a-z0-9']+/).filter(Boolean)))
}

/** Does the question ask about operations (« Mon dernier paiement est-il passé ? », « Mes virements »)? */
const asksAboutOperations = (question: string): boolean =>
  fold(question)
    .split(/[^a-z0-9']+/)
    .some(isOperationNoun)

/**
 * Does the sentence that says a user's operation failed place it in the user's banking life? Firm evidence does;
 * context does unless `service` (the message speaks for the service, speaksForService).
 */
export function identifiesOperation(sentence: string, question: string, service: boolean): boolean {
  const own = [...ERROR_OWN, ...NEUTRAL_OWN].reduce(blank, sentence)
  const folded = foldKeep(own)
  const firm = AMOUNT.test(folded) || DATE.test(folded) || SITE.test(folded) || CAUSE.test(folded) || namesIn(own).size > 0
  if (firm) return true
  if (service) return false
  const context = [WHEN, ORDINAL, BANKING_LIFE, YES_NO, /\d/].some((re) => re.test(folded))
  return context || asksAboutOperations(question)
}
