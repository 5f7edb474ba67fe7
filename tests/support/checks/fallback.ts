// The pipeline-fallback sentences: HTTP 200 answers that are really failures (docs/wire-contracts.md §1.5, §6.3). The
// project's own run counted 30 of them as successes (96.4 % reported vs 60.7 % real answers): never again.
// Recognised whatever the wire `status` says (legacy mode and variants come with "completed").
import { fold } from './text.ts'

/** Exact texts as the services send them (v2: unaccented "e" where "à" was meant). */
export const FALLBACK_SENTENCES: readonly string[] = [
  'Je rencontre des difficultes e analyser le contexte de notre conversation.',
  "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?",
  'Je ne parviens pas e construire une requete appropriee pour vos donnees.',
  "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
  'Service en mode legacy - fonctionnalites limitees',
  'Désolé, je rencontre des difficultés pour traiter votre demande. Pouvez-vous reformuler votre question ou essayer une autre recherche ?',
]

/**
 * Comparable form: folded, punctuation → spaces, whitespace collapsed, and the lone "e" that v2 writes for
 * "à" read as "a", so that a fixed (accented) or re-punctuated version of a sentence still matches.
 */
function canonical(text: string): string {
  return ` ${fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/ e /g, ' a ')
    .replace(/ e /g, ' a ')
    .trim()} `
}

const CANONICAL = FALLBACK_SENTENCES.map(canonical)

/**
 * Distinctive phrases of each sentence (canonical form), so that a shortened or reworded fallback — "Désolé, je
 * rencontre des difficultés pour traiter votre demande.", "J'ai des difficultés à formuler une réponse." — is
 * caught too. Each phrase says "the pipeline failed" on its own; the generic parts a real clarification also
 * uses ("Pouvez-vous reformuler", "votre demande") are deliberately not phrases.
 */
const PHRASES: ReadonlyArray<{ phrase: string; sentence: number }> = [
  { phrase: 'je rencontre des difficultes', sentence: 0 },
  { phrase: 'analyser le contexte de notre conversation', sentence: 0 },
  { phrase: 'n arrive pas a bien comprendre', sentence: 1 },
  { phrase: 'n arrive pas a comprendre votre demande', sentence: 1 },
  { phrase: 'ne parviens pas a construire', sentence: 2 },
  { phrase: 'requete appropriee', sentence: 2 },
  { phrase: 'des difficultes a formuler', sentence: 3 },
  { phrase: 'veuillez reessayer', sentence: 3 },
  { phrase: 'veuillez re essayer', sentence: 3 },
  { phrase: 'mode legacy', sentence: 4 },
  { phrase: 'fonctionnalites limitees', sentence: 4 },
  { phrase: 'difficultes pour traiter votre demande', sentence: 5 },
].map(({ phrase, sentence }) => ({ phrase: ` ${phrase} `, sentence }))

/**
 * The known fallback sentence the message consists of or contains, or — failing that — the one whose
 * distinctive phrase it contains (a variant); null for an ordinary answer.
 */
export function fallbackSentenceIn(message: string): string | null {
  const text = canonical(message)
  let i = CANONICAL.findIndex((sentence) => text.includes(sentence))
  if (i === -1) i = PHRASES.find((p) => text.includes(p.phrase))?.sentence ?? -1
  return i === -1 ? null : (FALLBACK_SENTENCES[i] ?? null)
}

export function isFallbackMessage(message: string): boolean {
  return fallbackSentenceIn(message) !== null
}
