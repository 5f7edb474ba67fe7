// Property-style tests of the language evidence rule (tests/support/checks/language.ts): a short function word that
// several languages share ("no": English, Spanish, Portuguese) never decides alone which language a text is in.
// Sentences are built from templates and fillers in French, English and Spanish, many of them carrying "no", and
// every combination must be read as the language it was written in — a 4xx message of each (checkErrorMessage) and
// an answer (readFrench).
import { describe, expect, test } from 'vitest'
import { mulberry32 } from '../../../core/random.ts'
import { likeliestImpostor, languageScores } from '../../../tests/support/checks/language.ts'
import { checkErrorMessage, readFrench } from '../../../tests/support/checks/message.ts'

type Filler = { year: string; name: string; thing: string }

const TEMPLATES: Record<'fr' | 'en' | 'es', ReadonlyArray<(f: Filler) => string>> = {
  fr: [
    (f) => `Date invalide : aucune transaction n'existe avant ${f.year}.`,
    (f) => `Marchand ${f.name} introuvable dans vos ${f.thing}.`,
    (f) => `Vous n'avez aucune opération avant ${f.year}, le numéro no ${f.year.slice(2)} est inconnu.`,
    (f) => `Désolé, je ne trouve pas de ${f.thing} chez ${f.name}.`,
  ],
  en: [
    (f) => `Invalid date: no transactions exist before ${f.year}.`,
    (f) => `No merchant named ${f.name} was found.`,
    (f) => `There are no ${f.thing} for this period.`,
    (f) => `No data: the year ${f.year} is out of range.`,
    (f) => `Sorry, no results for ${f.name}.`,
  ],
  es: [
    (f) => `No hay transacciones antes de ${f.year}.`,
    (f) => `Comerciante ${f.name} no encontrado.`,
    (f) => `No se encontraron gastos para el periodo de ${f.year}.`,
    (f) => `Fecha inválida: no existen movimientos antes de ${f.year}.`,
  ],
}

const FILLERS = {
  year: ['1970', '2000', '1999', '2011'],
  name: ['XYZ_MERCHANT_INEXISTANT', 'ACME', 'Zorglub'],
  // Words a message may quote: each language's own, and neutral ones.
  thing: ['transactions', 'records', 'données', 'opérations'],
}

/** Deterministic draws of fillers (seeded: the same cases on every run, reproducible on failure). */
function draws(count: number, seed: number): Filler[] {
  const rng = mulberry32(seed)
  const pick = (xs: readonly string[]): string => xs[Math.floor(rng() * xs.length)] as string
  return Array.from({ length: count }, () => ({ year: pick(FILLERS.year), name: pick(FILLERS.name), thing: pick(FILLERS.thing) }))
}

const cases = (lang: 'fr' | 'en' | 'es'): string[] =>
  TEMPLATES[lang].flatMap((template, i) => draws(8, 1000 + i).map(template)).filter((s, i, all) => all.indexOf(s) === i)

/** The language reasons only ("Invalid date" is also the JavaScript placeholder "Invalid Date", a rule of its own). */
const codes = (message: string): string[] =>
  checkErrorMessage(message, 400)
    .filter((r) => r.code !== 'check.client_error.placeholder')
    .map((r) => `${r.code}:${String(r.params?.looksLike ?? '')}`)

describe('a shared function word never decides the language alone', () => {
  test("the reviewer's q13 message is English, not Spanish", () => {
    expect(codes('Invalid date: no transactions exist before 2000.')).toEqual(['check.client_error.english:'])
  })

  test.each(['en', 'es', 'fr'] as const)('every generated %s 4xx message reads as what it is', (lang) => {
    const expected = { fr: [], en: ['check.client_error.english:'], es: ['check.client_error.other_language:es'] }[lang]
    const sentences = cases(lang)
    expect(sentences.length).toBeGreaterThan(8)
    for (const s of sentences) expect(codes(s), s).toEqual(expected)
  })

  test.each(['en', 'es'] as const)('every generated %s sentence, as an answer, is not French and is named %s', (lang) => {
    for (const s of cases(lang)) expect(readFrench(s), s).toEqual({ french: false, looksLike: lang })
  })

  test('every generated French sentence, as an answer, is French', () => {
    for (const s of cases('fr')) expect(readFrench(s), s).toEqual({ french: true, looksLike: null })
  })

  test('only shared words: no language is named, whatever the count', () => {
    for (const s of ['no', 'No no.', 'no no no no']) expect(likeliestImpostor(languageScores(s)), s).toBeNull()
    // One word of its own decides, against any number of shared ones.
    expect(likeliestImpostor(languageScores('no no no invalid'))?.language).toBe('en')
    expect(likeliestImpostor(languageScores('no no no encontrado'))?.language).toBe('es')
  })
})
