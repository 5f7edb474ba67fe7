// The pipeline-fallback sentences: HTTP 200 answers that are really failures (contract §1.5, §6.3). The
// project's own run counted 30 of them as successes (96.4 % reported vs 60.7 % real answers): never again.
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

/** The known fallback sentence the message consists of or contains, or null. */
export function fallbackSentenceIn(message: string): string | null {
  const text = canonical(message)
  const i = CANONICAL.findIndex((sentence) => text.includes(sentence))
  return i === -1 ? null : (FALLBACK_SENTENCES[i] ?? null)
}

export function isFallbackMessage(message: string): boolean {
  return fallbackSentenceIn(message) !== null
}
