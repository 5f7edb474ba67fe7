// The pipeline-fallback sentences: HTTP 200 answers that are really failures (docs/wire-contracts.md §1.5, §6.3). The
// project's own run counted 30 of them as successes (96.4 % reported vs 60.7 % real answers): never again.
// Recognised whatever the wire `status` says (legacy mode and variants come with "completed").
import { fold } from './text.ts'

/**
 * Exact texts as the services send them (v2: unaccented "e" where "à" was meant): the orchestrator's stage sentences,
 * then the response generator's own fallback (Harena `agents/llm/response_generator.py` _fallback_response, sent with
 * `model_used:"fallback"`): its generic sentence and the fixed ends of its two sentences that carry figures ("J'ai
 * trouve N transactions pour un total de X.XXe. …", "J'ai trouve N resultats …, mais …").
 */
export const FALLBACK_SENTENCES: readonly string[] = [
  'Je rencontre des difficultes e analyser le contexte de notre conversation.',
  "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?",
  'Je ne parviens pas e construire une requete appropriee pour vos donnees.',
  "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
  'Service en mode legacy - fonctionnalites limitees',
  'Désolé, je rencontre des difficultés pour traiter votre demande. Pouvez-vous reformuler votre question ou essayer une autre recherche ?',
  'Je rencontre actuellement des difficultes techniques. Pouvez-vous reformuler votre demande ?',
  'Details technique indisponible temporairement.',
  "mais j'ai eu un probleme pour generer une analyse detaillee. Voici les donnees brutes disponibles.",
  "Je n'ai pas pu acceder e vos donnees financieres pour le moment. Veuillez reessayer plus tard.",
]

/**
 * Words a fallback inserts or moves without changing what it says: adverbs of time and regret ("actuellement",
 * "temporairement", "momentanément", "malheureusement", "pour le moment"). Removed from both sides before comparing,
 * so « je rencontre actuellement des difficultés » is « je rencontre des difficultés » and « indisponible
 * temporairement » is « temporairement indisponible ».
 */
const INSERTED =
  / (?:actuellement|temporairement|momentanement|provisoirement|malheureusement|encore|vraiment|toujours|egalement|parfois|quelque peu|un peu|en ce moment|pour le moment|pour l instant|pour l heure|de nouveau|a nouveau)(?= )/g

/**
 * Comparable form: folded, punctuation → spaces, whitespace collapsed, the lone "e" that v2 writes for "à" read as
 * "a", inserted adverbs dropped — so that a fixed (accented), re-punctuated or padded version still matches.
 */
function canonical(text: string): string {
  return ` ${fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/ e /g, ' a ')
    .replace(/ e /g, ' a ')
    .trim()} `
    .replace(INSERTED, '')
    .replace(INSERTED, '')
}

const CANONICAL = FALLBACK_SENTENCES.map(canonical)

const DIFFICULTY = String.raw`(?:difficultes?|problemes?|soucis?|incidents?|pannes?)`
const FIRST_PERSON = String.raw`(?:je rencontre|nous rencontrons|j ai|nous avons|j eprouve|nous eprouvons|je connais|nous connaissons|je subis|nous subissons)`
const DETERMINER = String.raw`(?:des|de|d|quelques|certaines|certains|un|une|de petites|de legeres)`

/**
 * What each sentence says, as families of phrasings (canonical form, any word order the language allows), so that a
 * shortened or reworded fallback is caught too. Each family says "the pipeline failed" on its own; the generic parts a
 * real clarification also uses ("Pouvez-vous reformuler", "votre demande") are deliberately not families.
 */
const FAMILIES: ReadonlyArray<{ re: string; sentence: number }> = [
  // The assistant's own difficulties, technical or not: « je rencontre (actuellement) des difficultés (techniques) »,
  // « nous avons un problème technique », « j'ai des difficultés à formuler ».
  { re: String.raw`${FIRST_PERSON} ${DETERMINER} ${DIFFICULTY} a (?:analyser|formuler|generer|traiter|construire|repondre)`, sentence: 3 },
  { re: String.raw`${FIRST_PERSON} ${DETERMINER} ${DIFFICULTY} techniques?`, sentence: 6 },
  { re: String.raw`${FIRST_PERSON} ${DETERMINER} ${DIFFICULTY}`, sentence: 0 },
  // « difficultés techniques » said of the assistant, the subject first: « des difficultés techniques m'empêchent… ».
  // Not « en raison de difficultés techniques »: a bank's incident explaining a rejected payment is said so too.
  { re: String.raw`${DIFFICULTY} techniques? (?:m|nous) empech\w*`, sentence: 6 },
  { re: 'analyser le contexte de notre conversation', sentence: 0 },
  { re: 'n arrive pas a bien comprendre|n arrive pas a comprendre votre demande', sentence: 1 },
  { re: 'ne parviens pas a construire|requete appropriee', sentence: 2 },
  { re: 'veuillez re ?essayer', sentence: 3 },
  { re: 'mode legacy|fonctionnalites limitees', sentence: 4 },
  { re: String.raw`${DIFFICULTY} pour traiter votre demande`, sentence: 5 },
  // The generator's search fallback: « Détails techniques indisponibles », either order, "sont"/"ne sont pas disponibles".
  {
    re: String.raw`details? techniques? (?:(?:sont|est) )?indisponibles?|details? techniques? (?:ne sont|n est) pas disponibles?|indisponibles? (?:\S+ ){0,2}details? techniques?|indisponibilite (?:des|du) details? techniques?`,
    sentence: 7,
  },
  // Its financial-query fallback: « j'ai eu un problème pour générer une analyse », « voici les données brutes ».
  {
    re: String.raw`(?:eu|rencontre) ${DETERMINER} (?:${DIFFICULTY}|erreurs?) (?:pour|a|en|lors de la) (?:generer|generation|produire|formuler|rediger|construire)|voici les donnees brutes`,
    sentence: 8,
  },
  { re: String.raw`(?:n ai|n avons) pas pu acceder a vos donnees`, sentence: 9 },
]
const FAMILY_RES = FAMILIES.map(({ re, sentence }) => ({ re: new RegExp(`(?<= )(?:${re})(?= |$)`), sentence }))

/**
 * The known fallback sentence the message consists of or contains, or — failing that — the one whose phrasing family
 * it contains (a variant); null for an ordinary answer.
 */
export function fallbackSentenceIn(message: string): string | null {
  const text = canonical(message)
  let i = CANONICAL.findIndex((sentence) => text.includes(sentence))
  if (i === -1) i = FAMILY_RES.find((f) => f.re.test(text))?.sentence ?? -1
  return i === -1 ? null : (FALLBACK_SENTENCES[i] ?? null)
}

export function isFallbackMessage(message: string): boolean {
  return fallbackSentenceIn(message) !== null
}
