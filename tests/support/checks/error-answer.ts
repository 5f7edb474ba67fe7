// An error answer that no sentence list knows (docs/suite-rules.md §4): HTTP 200, the structured data maybe intact,
// and a message that only says the service failed — "Une erreur est survenue lors du traitement de votre demande.
// Merci de réessayer plus tard." A RULE, not a list: the answer's own words (own-text.ts: the question's echo and
// quoted text removed) make an error, unavailability, cannot-process or retry-later statement, and state nothing of
// an answer. Both conditions are needed: a real answer may well say "aucune erreur", "en cas de problème", speak of
// "Service Auto" or of a refund after an "échec de paiement"; it then states figures or names (the answer's
// content), or its failure words are negated, conditional, a banking fact or the question's own subject.
// What an error message says of ITSELF is no answer (a review, 2026-12-05: « Une erreur est survenue le 12 mars
// (code E502) lors de l'appel à notre partenaire bancaire » passed on its date, code and partner): when it happened
// (dates, times, periods), which error (codes, references, HTTP statuses), how long to wait, and the names in the
// sentence that states the failure (the partner, the service called). Only an answer's own statements count: in a
// sentence that states the failure, an amount, a percentage or a count of operations not taken from the question;
// in the other sentences also a merchant, a category or a figure; anywhere a nothing-found or what the assistant does.
// WHAT failed decides whether a failure word is one (what-failed.ts): the user's operation failing (« Votre virement
// VIR-88412 du 12 mars vers Lydia a échoué ») is a banking fact, and an identified one is the answer's content; the
// service failing, or nothing named, is a failure — and so is an operation nothing places in the user's banking life
// (« Votre paiement a échoué (503). Réessayez plus tard. »: the service telling the user the request failed;
// operation-identified.ts says which).
import { WORD_END } from './calendar-words.ts'
import { foldKeep } from '../grounding/figures.ts'
import { ownWords } from './own-text.ts'
import { identifiesOperation, NOT_NAMES, namesIn, speaksForService } from './operation-identified.ts'
import { questionEntities } from './question-asked.ts'
import { fold } from './text.ts'
import { isBankingAsset, isOperation, pronounSubject, type Subject, subjectOf } from './what-failed.ts'

/** Lower case, no accents, only letters, digits and apostrophes between single spaces, padded with spaces. */
const canonical = (text: string): string =>
  ` ${fold(text)
    .replace(/[^a-z0-9']+/g, ' ')
    .trim()} `

// The failure vocabulary, French and English, by family. A family whose noun could also be the subject of a real
// answer ("erreur", "échec", "incident") is NOUN: negated or conditional uses ("aucune erreur", "en cas
// d'incident") are not statements of failure.
const NOUN =
  /(?<=[ '])(erreurs?|echecs?|echoue(?:e|s|es)?|pannes?|incidents? techniques?|problemes? techniques?|soucis? techniques?|difficultes? techniques?|dysfonctionnements?|defaillances?|bugs?|errors?|failed|failures?)(?= )/g

/** Whether a failure of this family, said of this subject, is a banking fact rather than the service's failure. */
type Fact = (subject: Subject | null, words: string, names: ReadonlySet<string>) => boolean
/** `asset`: the fact is the state of funds, a card or a cash machine, stated without an operation to identify. */
interface Family {
  re: string
  fact: Fact
  asset?: true
}
const never: Fact = () => false
const ofOperation: Fact = (subject, _, names) => subject !== null && isOperation(subject, names)
// "Le prélèvement Free n'a pas pu être effectué", "Spotify n'a pas pu prélever": the bank's verbs. "Vos transactions
// n'ont pas pu être chargées": the data's, whatever the subject.
const DATA_VERB = /(?:pu|etre) (?:charg|recuper|affich|synchronis|analys|calcul|gener|import|obten|lu|lue|lus|mis)\w*$/
const BANK_VERB = /pu (?:prelev|debit|encaiss|credit|honor|pay|rembours|vir|present)\w*$/
// What a refusal lacks: the user's data, accounts, bank as a whole (« à vos données », « à vos comptes bancaires », « à
// votre compte », « à ces informations », « de vos relevés », « d'aucune donnée ») or the means to reach them (« au
// service bancaire », « à la plateforme »), not narrowed to a category or a
// merchant the question named (« à des informations sur une catégorie nommée trucs »).
const WHOLE_DATA = String.raw`(?:(?:l'ensemble|la totalite|l'integralite) (?:de |d'|des )?)?(?:(?:vos|votre|tes|ton|ta|mes|mon|ma|ces|cette|ce|cet|les|la|le|des|aucune?) |l')?(?:donnees?|comptes?|informations?|infos?|releves?|transactions?|operations?|historiques?|banques?|soldes?|mouvements?|finances?|elements?|services?|serveurs?|systemes?|plateformes?|connexions?|espaces?|api|bases? de donnees|partenaires?|outils?)(?! (?:\S+ ){0,2}?(?:sur|concernant|de|du|d'|des|pour|liees? a|relatives? a) ?(?:une?|la|le|l'|cette|ce|cet|ces|votre|vos)? ?(?:categorie|sous categorie|marchand|commercant|enseigne|rubrique|poste|type|libelle))`
const FAMILIES: readonly Family[] = [
  // unavailable / down ("ces fonds sont indisponibles jusqu'au 5 mars", "le distributeur est hors service": banking)
  {
    re: "indisponibles?|(?:n'est|ne sont) (?:pas|plus) disponibles?|hors service|hors ligne|en maintenance|surcharge(?:e|s)?|unavailable|is down|went wrong",
    fact: (subject) => subject !== null && isBankingAsset(subject),
    asset: true,
  },
  // cannot process (the verbs of a nothing-found or a clarification — trouver, comprendre, identifier — excepted)
  {
    re: String.raw`impossible (?:de |d')(?!trouv|identifi|determin|comprend)\w+|(?:ne|n') ?(?:peux|peut|pouvons|parviens|parvient|parvenons|arrive|sommes|suis) pas (?:en mesure (?:de |d'))?(?:a |de |d')?(?!trouv|identifi|determin|comprend)(?:trait|repond|acced|recuper|analys|gener|charg|obten|aboutir|joindr|satisf|donner|fourn|produi|affich|calcul|finalis|execut)\w*`,
    fact: never,
  },
  // no access: "je n'ai (malheureusement) pas accès à vos données", "nous ne disposons pas de vos relevés" (review
  // 2026-12-05: passed as an answer). The assistant's own lack, never a banking fact ("vous n'avez plus accès à votre
  // carte" has another subject). A refusal only when what it lacks is the user's data as a whole (WHOLE_DATA) or
  // nothing is said: « je n'ai pas accès à une catégorie « trucs » dans vos comptes » says a thing the question named
  // does not exist (a second review, 2026-12-05: q15's clarification was failed).
  {
    re: String.raw`(?:n'ai|n'avons)(?: \S+)? (?:pas|plus|aucun) (?:d')?acces(?:(?! (?:\S+ ){0,2}?(?:a|aux?) )|(?: \S+){0,2}? (?:a|aux?) ${WHOLE_DATA})|(?:je ne|nous ne)(?: \S+)? dispos\w* (?:(?:pas|plus)(?: \S+)? (?:de |d'|des |du )|d'aucune? )${WHOLE_DATA}`,
    fact: never,
  },
  // could not / did not go through: said of an operation, with the bank's verb, a fact
  {
    re: String.raw`(?:n'ai|n'avons|n'a|ne sont|n'ont) (?:pas )?pu (?!trouv|identifi|determin|comprend)(?:etre )?\w+|n'(?:a|ont) pas abouti|ne (?:peut|peuvent) (?:pas )?etre traite\w*`,
    fact: (subject, words, names) => !DATA_VERB.test(words) && (BANK_VERB.test(words) || ofOperation(subject, words, names)),
  },
  { re: "unable to|could not|couldn't|cannot|can't process|sorry", fact: never },
  // timed out ("le délai de réponse est dépassé"; a delay of something else — « le délai de contestation de 13 mois
  // est dépassé », « délai d'authentification expiré » — is no timeout of the service)
  {
    re: String.raw`(?:delai|temps)(?: de reponse| d'attente| de traitement| de connexion|(?! de | d'))(?: \S+){0,4}? (?:est |a )?(?:ete )?(?:depasse|expire|ecoule)|(?:requete|demande) (?:a )?expire\w*|timed out|time ?out`,
    fact: never,
  },
  // the assistant's own trouble, in the words a second review found (2026-12-04): "je rencontre des difficultés
  // pour accéder…"; "notre partenaire rencontre un incident" (2026-12-05). "Vous avez rencontré des difficultés
  // financières" is the user's budget, "le terminal du commerçant a rencontré un problème" a banking fact.
  {
    re: String.raw`(?<!vous (?:avez )?)(?:je |nous )?rencontr\w* (?:actuellement |momentanement )?(?:des |une |un )?(?:petit |petite |legere |legers? )?(?:difficultes?|soucis?|problemes?|erreurs?|incidents?|pannes?|defaillances?|dysfonctionnements?)(?! (?:financ|budget|de tresorerie|de paiement))`,
    fact: ofOperation,
  },
  // "le service ne répond pas", "le moteur de recherche ne répond pas", "le serveur n'a pas répondu à temps"
  {
    re: String.raw`(?:service|serveur|systeme|base|moteur|api|assistant|application|partenaire|banque)s?(?: \S+){0,3}? (?:ne repond\w* (?:pas|plus)|n'(?:a|ont) (?:pas|plus|jamais) repondu)|s'est mal passe\w*`,
    fact: never,
  },
  // "interrompu pour maintenance", "votre session a expiré", "la connexion avec votre banque a été perdue", "le service
  // est suspendu", "… empêche l'accès à vos comptes", "… empêche votre requête"
  {
    re: String.raw`(?:interromp|suspend)\w* (?:pour|en raison d'une?) (?:une )?maintenance|maintenance en cours|session (?:a )?expire\w*|connexion(?: \S+){0,5}? (?:a ete |est |s'est )?(?:impossible|interrompue|perdue|echouee|coupee|rompue)|(?:service|assistant|application|acces)s? (?:est |sont |a ete )?(?:\S+ )?(?:suspendu|desactive|interrompu)\w*|empech\w* (?:\S+ )?(?:votre (?:requete|demande)|l'acces|d'acceder|l'affichage|le traitement|la recuperation|la synchronisation|de (?:repondre|traiter|recuperer|charger|afficher|acceder|synchroniser))`,
    fact: never,
  },
]
const STATEMENTS = FAMILIES.map((family) => ({ ...family, re: new RegExp(`(?<= )(?:${family.re})(?= )`, 'g') }))
// "Retry later" alone is no failure: a clarification ("essayez à nouveau en précisant une période"), a nothing-found
// ("vérifiez l'orthographe et réessayez"), a reminder ("plus tard dans le mois") say it too (review 2026-12-04: each
// was failed). It only goes with a failure word above. A clarification asks for precision: an answer, not an error.
const CLARIFICATION =
  / (?:precis\w*|reformul\w*|vague|ambigu\w*|quelle periode|quel marchand|quelle categorie|clarif\w*|which period|more specific|rephrase)/

// A request to rephrase after a stated technical difficulty or an apology for one is the service's failure, not a
// clarification (review 2026-12-05: « Je rencontre actuellement des difficultés techniques. Pouvez-vous reformuler
// votre demande ? », Harena's generator fallback, passed as one). The failure words are there already (the caller):
// this only denies them the clarification's excuse.
const EXCUSE = / (?:techniques?|technical|desole\w*|excuse\w*|navre\w*|pardon\w*|sorry|apologi\w*|regrett?\w*)(?= )/
/** The text asks for precision about the request itself, not to retry after the service's own trouble. */
const asksPrecision = (own: string): boolean => {
  const text = canonical(own)
  return CLARIFICATION.test(text) && !EXCUSE.test(text)
}

// A question back that offers what the user may have meant (« Souhaitez-vous voir vos dépenses par catégorie, par
// marchand ou sur une période ? ») is a clarification too: a question, alternatives (« ou », « quel… ») among things an
// answer shows. Not one that offers to retry or to wait (« Voulez-vous réessayer ou contacter le support ? »).
const OFFERED =
  / (?:depenses?|categories?|marchands?|commercants?|enseignes?|periodes?|mois|transactions?|operations?|revenus?|soldes?|budgets?|abonnements?|virements?|achats?|paiements?|prelevements?) /
const RETRY = / (?:re ?essa\w*|relanc\w*|retent\w*|recommenc\w*|plus tard|support|service client|conseiller|assistance) /
/** A sentence of the answer's own text that asks which of several things the user meant. */
const offersOptions = (sentence: string): boolean => {
  if (!/\?(?:\s|\p{Extended_Pictographic}|\uFE0F)*$/u.test(sentence)) return false
  const words = canonical(sentence)
  return / (?:ou|quels?|quelles?|lequel|laquelle|lesquel\w*) /.test(words) && OFFERED.test(words) && !RETRY.test(words)
}

/** Words before a failure noun that deny or suspend it: "aucune erreur", "pas d'incident", "en cas de panne". */
const NEGATED = /(?:^| )(?:aucune?|pas|sans|ni|jamais|cas|si|eviter|evite|eventuel\w*|no|without|any|if)(?: d'| de| du| des| une?)? ?(?:\S+ )?$/

// Content of an answer beside failure words: a nothing-found, or what the assistant does ("je ne traite que…").
const NOTHING_FOUND =
  / (?:aucune?|pas de|0) (?:transaction|depense|achat|operation|paiement|resultat|revenu|virement|prelevement|mouvement|anomalie|trace)|rien trouve|pas trouve|n'ai trouve|introuvable|n'existe pas|n'apparai\w* pas|ne figure\w* pas|(?:pas|n'ai|n'avons) pu trouver|rien (?:pour|a signaler)/
const CAPABILITY = / (?:je peux|je suis (?:specialise|concu)|uniquement|seulement|ne (?:traite|reponds|gere|peux repondre) qu|que des questions)/
// What a failure message says of itself, matched on the folded text (foldKeep: the same length, so the same characters
// of the original are blanked). None of it is an answer's content.
const MONTH = String.raw`(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|janv|fevr|feb|avr|apr|juil|jul|sept|oct|nov|dec)(?:\.|${WORD_END})`
const DETAILS: readonly RegExp[] = [
  // When: ISO date-times, numeric dates, times and zones, dates in words, a year (not an amount: "2026 €").
  /\b\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:z\b|[+-]\d{2}:?\d{2})?/g,
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b/g,
  /\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\b|\b\d{1,2} ?h ?\d{2}\b|\b(?:utc|gmt|cet|cest)\b/g,
  new RegExp(String.raw`\b(?:\d{1,2}|1er|premier) ${MONTH}(?: \d{4})?|\b${MONTH} \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b|\b${MONTH} \d{4}\b`, 'gu'),
  /\b(?:19|20)\d{2}\b(?! ?(?:€|eur|%))/g,
  // Which error: "code E502", "erreur 502", "réf. 7f3a-22b1", "ID de requête 8841-ab", "n° 4471", "#1234", "HTTP 503".
  /\b(?:code|erreur|error|err|ref(?:erence)?|id|identifiant|incident|ticket|trace|requete|request|numero|status|statut|http)\b(?: (?:d'erreur|de requete|de l'incident|d'incident|de suivi|de session|id))?[\s.:#°-]*(?=[\w-]*\d)[\w-]+|\bn° ?\d+|#\s?\d+/g,
  // A token mixing letters and digits is a code (E502, ERR_7781, 7f3a-22b1, 5xx); ordinals ("1er", "3e") are not.
  /\b(?=[\w-]*\d)(?=[\w-]*[a-z])(?!\d+(?:er|ere|e|eme|nd|nde|st|rd|th)\b)[\w-]+/g,
  // How long to wait: "dans 5 minutes", "30 secondes", "2 h".
  /\b\d+ ?(?:ms|millisecondes?|secondes?|sec|s|minutes?|min|mn|heures?|h|jours?|j|seconds?|hours?|days?)\b/g,
  /\b\d{3} ?(?:error|erreur)\b/g,
  // Whom to contact: a phone number, an address, a link.
  /(?:\+\d{2}|\b0)\d(?:[ .]?\d{2}){4}\b|\S+@\S+|\bhttps?:\/\/\S+|\bwww\.\S+/g,
  // An identifier written with underscores is a code too (BANK_TIMEOUT, upstream_error).
  /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g,
]
// The party a failure concerns: a name right after "partenaire", "prestataire", "API", "service"…
const PARTNER =
  /\b(?:partenaires?|prestataires?|fournisseurs?|agregateurs?|connecteurs?|hebergeurs?|operateurs?|partners?|providers?|vendors?|api|services?|serveurs?|plateformes?|moteurs?|systemes?|outils?|modules?)(?: (?:bancaires?|de paiement|d'agregation|techniques?|externes?|informatiques?|de donnees|de recherche|tiers?))? (?=\S)/g
const CAPITALISED = /^(?:\p{Lu}[\p{L}\p{N}&'.-]*\s*){1,3}/u

/** A text with the spans `re` finds in its folded form replaced by spaces (same length, same case elsewhere). */
function blankFolded(text: string, re: RegExp): string {
  let out = text
  for (const m of foldKeep(out).matchAll(re)) {
    const at = m.index ?? 0
    out = out.slice(0, at) + ' '.repeat(m[0].length) + out.slice(at + m[0].length)
  }
  return out
}

/** The sentence without what a failure says of itself: dates, times, codes, references, delays, a partner's name. */
function withoutDetails(sentence: string): string {
  let out = DETAILS.reduce(blankFolded, sentence)
  for (const m of foldKeep(out).matchAll(PARTNER)) {
    const at = (m.index ?? 0) + m[0].length
    const name = CAPITALISED.exec(out.slice(at))?.[0] ?? ''
    out = out.slice(0, at) + ' '.repeat(name.length) + out.slice(at + name.length)
  }
  return out
}

/** An answer's figure: an amount, a percentage or a count of operations. */
const ANSWER_FIGURE =
  /\d[\d \u00a0\u202f.,']*(?:€|eur\b|euros?\b|%|pour ?cent\b)|€ ?\d[\d.,]*|\b\d+ (?:transactions?|operations?|achats?|paiements?|depenses?|prelevements?|virements?|mouvements?|abonnements?|factures?|fois)\b/g

/** The figures of a (folded) text that the question does not hold ("Mes 5 dernières transactions": 5 is the question's). */
function newFigures(folded: string, question: string, re: RegExp): boolean {
  const asked = new Set(fold(question).match(/\d+(?:[.,]\d+)?/g) ?? [])
  for (const m of folded.matchAll(re)) {
    const number = m[0].match(/\d[\d \u00a0\u202f.,']*\d|\d/)?.[0].replace(/[ \u00a0\u202f']/g, '') ?? ''
    if (!asked.has(number)) return true
  }
  return false
}

/**
 * The answer's own text in sentences: a failure is stated, and its details given, within one. An abbreviation's
 * full stop ends none: « Le remboursement Amazon (réf. RMB-7781) a échoué » is one sentence.
 */
const sentencesOf = (own: string): string[] =>
  own.split(/(?<=[.!?…;])(?<!(?:^|[\s(])(?:r[ée]f|env|cf|ex|art|t[ée]l|n|no|mme?|st)\.)\s+|\n+/i).filter((s) => s.trim() !== '')

export interface ErrorStatement {
  /** The failure words found, as the answer wrote them (folded), at most 3. */
  words: string[]
}

// What a failure noun is OF: "échec de la transaction Netflix", "erreur de facturation", "erreur de saisie du code
// PIN", "erreur 3DS" are banking facts; "erreur de facturation interne du service" is the service's.
const OPERATION_AFTER =
  /^ (?:(?:de |du |d'|des |sur )(?:la |l'|le |votre |vos |mon |ma |mes |ce |cette )?(?:paiements?|prelevements?|virements?|remboursements?|achats?|cartes?|factures?|facturation|cheques?|debits?|montants?|encaissements?|transactions?|operations?|retraits?|commandes?|saisie|code (?:pin|confidentiel|secret)|authentification|3d ?secure)|3ds\b|3d secure)(?! \S+ (?:interne|du service|de l'assistant|technique))(?! interne| technique)/
// A failure word that is a participle or "en échec": said of the subject before it ("le paiement … a échoué").
const PREDICATE = /^(?:echoue\w*|failed)$/

/** A sentence's failure words (negated nouns, banking facts, the question's subject excepted) and its banking facts. */
interface SentenceFailures {
  words: string[]
  /** A user's operation failing, placed in the user's banking life (operation-identified.ts): the answer's content. */
  fact: boolean
}

/** `service`: the whole message speaks for the service (operation-identified.ts speaksForService). */
function failuresOf(own: string, question: string, service: boolean): SentenceFailures {
  const text = canonical(own)
  const asked = canonical(question)
  const names = namesIn(own)
  const identified = identifiesOperation(own, question, service)
  const words: string[] = []
  let facts = 0
  // « Non, il a échoué »: a pronoun stands for the operation the question asks about.
  const subjectBefore = (at: number) => subjectOf(text.slice(0, at)) ?? pronounSubject(text.slice(0, at), asked)
  for (const m of text.matchAll(NOUN)) {
    const at = m.index ?? 0
    const before = text.slice(Math.max(0, at - 60), at)
    // "Mes échecs de paiement ce mois-ci": the question's subject, not a failure of the service.
    const stem = (m[1] ?? '').slice(0, 4)
    if (NEGATED.test(before.slice(-24)) || asked.includes(` ${stem}`)) continue
    if (OPERATION_AFTER.test(text.slice(at + m[0].length, at + m[0].length + 60))) continue
    const subject = subjectBefore(at)
    if (subject !== null && isOperation(subject, names)) {
      // Said of an operation nothing identifies, the failure is the request's (identifiesOperation).
      if (PREDICATE.test(m[0]) || / en $/.test(before)) {
        if (identified) facts++
        else words.push(m[0])
      }
      continue
    }
    words.push(m[0])
  }
  for (const family of STATEMENTS) {
    for (const m of text.matchAll(family.re)) {
      const fact = family.fact(subjectBefore(m.index ?? 0), m[0], names)
      if (fact && (identified || family.asset === true)) facts++
      else words.push(m[0])
    }
  }
  // A fact is content when the answer identifies the operation: "le paiement Harena" is the service's own bill.
  return { words, fact: facts > 0 && identified }
}

/**
 * Does a sentence state anything of an answer? One that states the failure, only by an amount, a percentage or a count
 * of operations; another one also by any figure, a merchant or a category — in both, after its details are blanked.
 */
function sentenceStatesContent(sentence: string, failing: boolean, question: string): boolean {
  const own = withoutDetails(sentence)
  const folded = foldKeep(own)
  if (failing) return newFigures(folded, question, ANSWER_FIGURE)
  if (newFigures(folded, question, /\d[\d \u00a0\u202f.,']*/g)) return true
  const asked = questionEntities(question)
  const said = questionEntities(own, { afterChez: false })
  const foldedQuestion = fold(question)
  const newName = said.merchants.some((m) => !NOT_NAMES.has(fold(m)) && !foldedQuestion.includes(fold(m)))
  return newName || said.categories.some((c) => !asked.categories.includes(c))
}

/**
 * The failure statement the answer consists of, or null when it is an answer: failure words in its own text and
 * nothing of an answer beside them.
 */
export function errorStatementIn(message: string, question: string): ErrorStatement | null {
  const own = ownWords(message, question)
  const service = speaksForService(own)
  const sentences = sentencesOf(own).map((sentence) => ({ sentence, ...failuresOf(sentence, question, service) }))
  const words = sentences.flatMap((s) => s.words)
  // Options offered after a refusal of the user's data as a whole ("Je n'ai pas accès à vos données. Préférez-vous voir
  // vos revenus ou vos abonnements ?") do not make it an answer: nothing the options offer could be shown either.
  const refusedData = words.some((w) => /acces|dispos/.test(w))
  if (words.length === 0 || asksPrecision(own) || (!refusedData && sentencesOf(own).some(offersOptions))) return null
  // A nothing-found or what the assistant does is an answer, wherever it is said.
  const text = canonical(own)
  if (NOTHING_FOUND.test(text) || CAPABILITY.test(text)) return null
  // A user's operation that failed, identified, is what the answer reports (a review, 2026-12-05).
  // A question back without figures states nothing ("Préférez-vous voir vos revenus ou vos abonnements ?" names
  // categories it offers, not content of an answer).
  const asksBack = (sentence: string): boolean => /\?(?:\s|\p{Extended_Pictographic}|\uFE0F)*$/u.test(sentence) && !/\d/.test(sentence)
  if (sentences.some((s) => s.fact || (!asksBack(s.sentence) && sentenceStatesContent(s.sentence, s.words.length > 0, question)))) return null
  return { words: [...new Set(words.map((w) => w.trim()))].slice(0, 3) }
}
