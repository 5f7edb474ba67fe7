// An error answer that no sentence list knows (docs/suite-rules.md §4): HTTP 200, the structured data maybe intact,
// and a message that only says the service failed — "Une erreur est survenue lors du traitement de votre demande.
// Merci de réessayer plus tard." A RULE, not a list: the answer's own words (own-text.ts: the question's echo and
// quoted text removed) make an error, unavailability, cannot-process or retry-later statement, and state nothing of
// an answer — no figure, no merchant, category or period beyond the question's, no "nothing found", no statement
// of what the assistant does. Both conditions are needed: a real answer may well say "aucune erreur", "en cas de
// problème", speak of "Service Auto" or of a refund after an "échec de paiement"; it then states figures or names
// (the answer's content), or its failure words are negated, conditional or the question's own subject.
import { periodMentions } from '../grounding/figures.ts'
import { ownWords } from './own-text.ts'
import { questionEntities } from './question-asked.ts'
import { fold } from './text.ts'

/** Lower case, no accents, only letters, digits and apostrophes between single spaces, padded with spaces. */
const canonical = (text: string): string =>
  ` ${fold(text)
    .replace(/[^a-z0-9']+/g, ' ')
    .trim()} `

// The failure vocabulary, French and English, by family. A family whose noun could also be the subject of a real
// answer ("erreur", "échec", "incident") is NOUN: negated or conditional uses ("aucune erreur", "en cas
// d'incident") are not statements of failure.
const NOUN =
  /(?<=[ '])(erreurs?|echecs?|echoue(?:e|s|es)?|pannes?|incidents? techniques?|problemes? techniques?|soucis? techniques?|difficultes? techniques?|dysfonctionnements?|bugs?|errors?|failed|failures?)(?= )/g
const STATEMENT = new RegExp(
  [
    // unavailable / down
    String.raw`indisponibles?|(?:n'est|ne sont) (?:pas|plus) disponibles?|hors service|hors ligne|en maintenance|surcharge(?:e|s)?|unavailable|is down|went wrong`,
    // cannot process (the verbs of a nothing-found or a clarification — trouver, comprendre, identifier — excepted)
    String.raw`impossible (?:de |d')(?!trouv|identifi|determin|comprend)\w+|(?:ne|n') ?(?:peux|peut|pouvons|parviens|parvient|parvenons|arrive|sommes|suis) pas (?:en mesure (?:de |d'))?(?:a |de |d')?(?!trouv|identifi|determin|comprend)(?:trait|repond|acced|recuper|analys|gener|charg|obten|aboutir|joindr|satisf|donner|fourn|produi|affich|calcul|finalis|execut)\w*`,
    String.raw`(?:n'ai|n'avons|n'a|ne sont|n'ont) (?:pas )?pu (?!trouv|identifi|determin|comprend)\w+|n'a pas abouti|ne peut (?:pas )?etre traite\w*`,
    String.raw`unable to|could not|couldn't|cannot|can't process|sorry`,
    // timed out
    String.raw`(?:delai|temps)(?: de reponse| d'attente)? (?:est |a )?(?:depasse|expire|ecoule)|(?:requete|demande) (?:a )?expire\w*|timed out|time ?out`,
    // the assistant's own trouble, in the words a second review found (2026-12-04): "je rencontre des difficultés
    // pour accéder…", "le service ne répond pas", "quelque chose s'est mal passé", "interrompu pour maintenance",
    // "votre session a expiré", "connexion à la base impossible"
    String.raw`(?:je |nous )?rencontr\w* (?:actuellement |momentanement )?(?:des |une |un )?(?:petit |petite |legere |legers? )?(?:difficultes?|soucis?|problemes?|erreurs?)`,
    String.raw`(?:service|serveur|systeme|base|moteur|api|assistant|application)s? (?:ne|n') ?repond(?:ent)? (?:pas|plus)|s'est mal passe\w*`,
    String.raw`(?:interromp|suspend)\w* (?:pour|en raison d'une?) (?:une )?maintenance|maintenance en cours|session (?:a )?expire\w*|connexion (?:au |a la |a l'|avec (?:le |la |l')?)?(?:\S+ ){0,3}(?:impossible|interrompue|perdue|echouee)`,
  ]
    .map((family) => `(?<= )(?:${family})(?= )`)
    .join('|'),
  'g',
)
// "Retry later" alone is no failure: a clarification ("essayez à nouveau en précisant une période"), a nothing-found
// ("vérifiez l'orthographe et réessayez"), a reminder ("plus tard dans le mois") say it too (review 2026-12-04: each
// was failed). It only goes with a failure word above. A clarification asks for precision: an answer, not an error.
const CLARIFICATION =
  / (?:precis\w*|reformul\w*|vague|ambigu\w*|quelle periode|quel marchand|quelle categorie|clarif\w*|which period|more specific|rephrase)/

/** Words before a failure noun that deny or suspend it: "aucune erreur", "pas d'incident", "en cas de panne". */
const NEGATED = /(?:^| )(?:aucune?|pas|sans|ni|jamais|cas|si|eviter|evite|eventuel\w*|no|without|any|if)(?: d'| de| du| des| une?)? ?(?:\S+ )?$/

// Content of an answer beside failure words: a nothing-found, or what the assistant does ("je ne traite que…").
const NOTHING_FOUND =
  / (?:aucune?|pas de|0) (?:transaction|depense|achat|operation|paiement|resultat|revenu|virement|prelevement|mouvement|anomalie|trace)|rien trouve|pas trouve|n'ai trouve|introuvable|n'existe pas|n'apparai\w* pas|ne figure\w* pas|(?:pas|n'ai|n'avons) pu trouver|rien (?:pour|a signaler)/
const CAPABILITY = / (?:je peux|je suis (?:specialise|concu)|uniquement|seulement|ne (?:traite|reponds|gere|peux repondre) qu|que des questions)/
// Digits of a retry delay or of an error code are no answer figures: "dans 5 minutes", "erreur 503", "HTTP 500".
const NOT_FIGURES = /\d+\s*(?:secondes?|minutes?|min|heures?|h|s)\b|(?:code|erreur|error|http|status)\s*:?\s*\d{3}\b|\b\d{3}\s*(?:error|erreur)/giu
// Words of the failure vocabulary itself, and technical names, that a merchant reading would take for a name.
const NOT_NAMES = new Set([
  'erreur',
  'error',
  'service',
  'harena',
  'api',
  'llm',
  'ia',
  'ai',
  'http',
  'json',
  'sql',
  'timeout',
  'openai',
  'gpt',
  'merci',
  'oups',
  'oops',
])

export interface ErrorStatement {
  /** The failure words found, as the answer wrote them (folded), at most 3. */
  words: string[]
}

/** The failure words of the answer's own text (negated failure nouns and the question's own subject excepted). */
function failureWords(own: string, question: string): string[] {
  const text = canonical(own)
  const asked = canonical(question)
  const words: string[] = []
  for (const m of text.matchAll(NOUN)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 24), m.index ?? 0)
    // "Mes échecs de paiement ce mois-ci": the question's subject, not a failure of the service.
    const stem = (m[1] ?? '').slice(0, 4)
    if (!NEGATED.test(before) && !asked.includes(` ${stem}`)) words.push(m[0])
  }
  for (const m of text.matchAll(STATEMENT)) words.push(m[0])
  return words
}

/** Does the answer's own text state anything of an answer (a figure, a name, a category, a period, a nothing-found)? */
function statesContent(own: string, question: string): boolean {
  if (/\d/.test(own.replace(NOT_FIGURES, ' '))) return true
  const text = canonical(own)
  if (NOTHING_FOUND.test(text) || CAPABILITY.test(text)) return true
  const asked = questionEntities(question)
  const said = questionEntities(own, { afterChez: false })
  const foldedQuestion = fold(question)
  const newName = said.merchants.some((m) => !NOT_NAMES.has(fold(m)) && !foldedQuestion.includes(fold(m)))
  const newCategory = said.categories.some((c) => !asked.categories.includes(c))
  const askedPeriods = JSON.stringify(periodMentions(fold(question)))
  const newPeriod = periodMentions(fold(own)).some((p) => !askedPeriods.includes(JSON.stringify(p)))
  return newName || newCategory || newPeriod
}

/**
 * The failure statement the answer consists of, or null when it is an answer: failure words in its own text and
 * nothing of an answer beside them.
 */
export function errorStatementIn(message: string, question: string): ErrorStatement | null {
  const own = ownWords(message, question)
  const words = failureWords(own, question)
  if (words.length === 0 || CLARIFICATION.test(canonical(own)) || statesContent(own, question)) return null
  return { words: [...new Set(words.map((w) => w.trim()))].slice(0, 3) }
}
