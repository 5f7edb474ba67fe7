// Property-style tests of the language evidence rule (tests/support/checks/language.ts): a short function word that
// several languages share ("no": English, Spanish, Portuguese) never decides alone which language a text is in.
// Sentences are built from templates and fillers in French, English and Spanish, many of them carrying "no", and
// every combination must be read as the language it was written in — a 4xx message of each (checkErrorMessage) and
// an answer (readFrench).
import { describe, expect, test } from 'vitest'
import '../../../core/locale/checks.ts'
import { say } from '../../../core/locale/index.ts'
import { mulberry32 } from '../../../core/random.ts'
import type { Reason } from '../../../core/reason.ts'
import { likeliestImpostor, languageScores } from '../../../tests/support/checks/language.ts'
import { checkErrorMessage, checkMessage, readFrench } from '../../../tests/support/checks/message.ts'

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

  test('only shared words: both families are named, neither is picked, whatever the count', () => {
    for (const s of ['no', 'No no.', 'no no no no'])
      expect(likeliestImpostor(languageScores(s)), s).toMatchObject({ language: null, eitherOf: ['en', 'es'] })
    // One word of its own decides, against any number of shared ones.
    expect(likeliestImpostor(languageScores('no no no invalid'))?.language).toBe('en')
    expect(likeliestImpostor(languageScores('no no no encontrado'))?.language).toBe('es')
    // No impostor word at all: nothing is named.
    expect(likeliestImpostor(languageScores('Total : 412,30 €'))).toBeNull()
  })
})

// Short answers and 4xx bodies whose only foreign word is a shared one ("No, 412,30 €", "No data"): "no" is never
// French, so they fail as "English or Spanish"; French texts with "no" inside a word, a name, "n°" or "NO2" pass.
type Short = { amount: string; count: string; month: string; place: string }

const SHORT_FILLERS = {
  amount: ['412,30 €', '1 250,00 €', '45,00 €', '0,99 €'],
  count: ['0', '3', '12', '147'],
  month: ['mars', 'avril', 'janvier', 'décembre'],
  place: ['Nogent', 'Nocibé', 'Noisy-le-Grand', 'Nouvelles Frontières', 'Nozay'],
}

function shortDraws(count: number, seed: number): Short[] {
  const rng = mulberry32(seed)
  const pick = (xs: readonly string[]): string => xs[Math.floor(rng() * xs.length)] as string
  return Array.from({ length: count }, () => ({
    amount: pick(SHORT_FILLERS.amount),
    count: pick(SHORT_FILLERS.count),
    month: pick(SHORT_FILLERS.month),
    place: pick(SHORT_FILLERS.place),
  }))
}

const SHARED_ONLY: ReadonlyArray<(f: Short) => string> = [
  (f) => `No, ${f.amount}`,
  (f) => `No. Total: ${f.amount}`,
  (f) => `No, ${f.count} transactions`,
  (f) => `No transactions en ${f.month}`,
  (f) => `No (${f.count} transactions)`,
  (f) => `No — ${f.count} transactions, ${f.amount}`,
  (f) => `No, total de ${f.amount}`,
  (f) => `No, no. ${f.amount}`,
]

const FRENCH_WITH_NO: ReadonlyArray<(f: Short) => string> = [
  (f) => `Vos dépenses à ${f.place} en ${f.month} : ${f.amount}.`,
  (f) => `Facture n° ${f.count} : ${f.amount}`,
  (f) => `Total : ${f.amount} (${f.count} transactions).`,
  (f) => `Le capteur NO2 de ${f.place} n'a coûté que ${f.amount} en ${f.month}.`,
  (f) => `Aucune dépense chez ${f.place} en ${f.month}.`,
  (f) => `Vous avez ${f.count} opérations en ${f.month}, dont une notée no ${f.count} pour ${f.amount}.`,
]

const shortCases = (templates: ReadonlyArray<(f: Short) => string>): string[] =>
  templates.flatMap((template, i) => shortDraws(6, 2000 + i).map(template)).filter((s, i, all) => all.indexOf(s) === i)

describe('shared words alone still prove a text is not French', () => {
  test('every generated shared-only answer fails, named English or Spanish', () => {
    const answers = shortCases(SHARED_ONLY)
    expect(answers.length).toBeGreaterThan(20)
    for (const s of answers) expect(readFrench(s), s).toEqual({ french: false, looksLike: null, eitherOf: ['en', 'es'] })
  })

  test('every generated French text with "no" in a word, a name, n° or NO2 passes', () => {
    const texts = shortCases(FRENCH_WITH_NO)
    expect(texts.length).toBeGreaterThan(20)
    for (const s of texts) {
      expect(readFrench(s), s).toEqual({ french: true, looksLike: null })
      expect(codes(s), s).toEqual([])
    }
  })

  test.each([
    ['No data', 'check.client_error.other_language:'],
    ['No permission', 'check.client_error.other_language:'],
    ['No autorizado', 'check.client_error.other_language:'],
    ['No user', 'check.client_error.other_language:'],
  ])('the 4xx body %j fails as English or Spanish', (message, code) => {
    expect(codes(message)).toEqual([code])
    const [failure] = checkErrorMessage(message, 404)
    expect(failure?.params).toMatchObject({ looksLike: null, eitherOf: ['en', 'es'] })
    expect(say(failure as Reason, 'en')).toContain('(it reads as English or Spanish)')
    expect(say(failure as Reason, 'fr')).toContain("(on dirait de l'anglais ou de l'espagnol)")
  })

  test('an answer failing on shared words alone says both families', () => {
    const [failure] = checkMessage('No, 412,30 €')
    expect(failure?.code).toBe('check.message.not_french')
    expect(say(failure as Reason, 'en')).toContain('(it reads as English or Spanish)')
  })

  test('a family with words of its own still wins over shared words', () => {
    expect(readFrench('No, 12 transactions found')).toEqual({ french: false, looksLike: 'en' })
    expect(readFrench('No, 412,30 € en marzo según tu cuenta')).toEqual({ french: false, looksLike: 'es' })
    expect(codes('No transactions found')).toEqual(['check.client_error.english:'])
    expect(codes('No encontrado')).toEqual(['check.client_error.other_language:es'])
  })
})
