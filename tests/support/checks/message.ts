// The answer text (docs/suite-rules.md §4): non-empty, French, and free of leaked placeholders — the visible symptoms of a
// template or serialization bug (`undefined €`, `{total}`, `%.2f`, `None`, `Invalid Date`, `[object Object]`).
import { type Reason, type ReasonParam, reason } from '../../../core/reason.ts'
import { type Impostor, languageScores, likeliestImpostor, othersGrammar, othersScore, sentencesOf } from './language.ts'
import { excerpt } from './text.ts'

// A figure: 123, 123,45, 1.234,56 (a run of digits with inner separators counts once).
const FIGURE = /\d+(?:[.,\u00a0\u202f ]\d+)*/g
/** "Short": a headline such as "Total : 123,45 € (12 transactions)." rather than a sentence. */
const SHORT_WORDS = 8

export interface FrenchReading {
  french: boolean
  /** The language the text reads as instead (the impostor with the most evidence), or null (a bare token, "OK"; or eitherOf). */
  looksLike: Impostor | null
  /** Only words of both families ("No, 412,30 €"): not French, English or another impostor — both named, neither picked. */
  eitherOf?: readonly Impostor[]
}

/** A sentence with this many words of another language is prose in that language, whatever French surrounds it. */
const FOREIGN_SENTENCE_WORDS = 3
/** …and with this many of its grammar words (its verbs, pronouns, articles) when no French grammar word is there. */
const FOREIGN_SENTENCE_GRAMMAR = 2

type SentenceReading = {
  reads: 'french' | 'foreign' | 'silent'
  words: number
  foreignWords: number
  /** The grammar of the language it reads as instead (language.ts SUBJECT_WORDS: every marker but its nouns). */
  foreignGrammar: number
  /** French grammar no impostor writes (FRENCH_GRAMMAR: "vous", "les", "avez", "chez"). */
  frenchOwnGrammar: number
}

/**
 * One sentence (language.ts sentencesOf), judged as a reader would: by its grammar, names, labels, hyphenated
 * loanwords and figures left out. English: when the sentence has English grammar ("you", "at", "across"), its French
 * grammar ("vous", "chez", "le") must outnumber it — a tie is not French ("Le mois dernier, chez Carrefour, you spent
 * …"); with no English grammar, any French word outweighs English subject words ("groceries", "merchant") only if
 * French grammar or more French words are there. Romance and German: once one shows a marker, STRONG French words
 * must outscore it (a Spanish sentence full of "de la … en" is not French). A sentence with no word of any language,
 * or whose only foreign words are names ("Netflix : 17,99 €", "food and drinks : 412 €"), is silent.
 */
function readSentence(sentence: string): SentenceReading {
  const scores = languageScores(sentence)
  const { words, frenchGrammar, frenchOwnGrammar, englishGrammar, english } = scores.prose
  const quiet = { words, foreignWords: 0, foreignGrammar: 0, frenchOwnGrammar }
  const silentOrFrench = scores.frenchWords > 0 ? 'french' : 'silent'
  if (likeliestImpostor(scores) === null) return { reads: silentOrFrench, ...quiet }
  const rival = othersScore(scores)
  const englishFails = english > 0 && (englishGrammar > 0 ? frenchGrammar <= englishGrammar : frenchGrammar === 0 && scores.frenchWords <= english)
  const othersFail = rival > 0 && !(scores.strong > 0 && scores.french > rival)
  if (!englishFails && !othersFail) return { reads: silentOrFrench, ...quiet }
  const others = othersFail ? othersGrammar(scores) : 0
  const foreignGrammar = Math.max(englishFails ? scores.grammar.en : 0, others)
  return { reads: 'foreign', words, foreignWords: Math.max(englishFails ? english : 0, othersFail ? rival : 0), foreignGrammar, frenchOwnGrammar }
}

/**
 * A sentence read for the answer's weighing: one with fewer than FOREIGN_SENTENCE_WORDS foreign words, all subject
 * words and no grammar ("Top merchant : Carrefour.", "Débits : 76,96 € - groceries : 1 050,20 €"), is a label in
 * that language, not prose — silent, it weighs on neither side; a text made only of such labels is judged whole
 * (readWhole). "Biggest merchant last month : Carrefour." is no label: English.
 */
function readForWeight(s: string): SentenceReading & { s: string } {
  const r = readSentence(s)
  const label = r.reads === 'foreign' && r.foreignGrammar === 0 && r.foreignWords < FOREIGN_SENTENCE_WORDS
  return label ? { s, ...r, reads: 'silent' } : { s, ...r }
}

/**
 * Whether a sentence that reads as another language makes the answer not French whatever surrounds it: with
 * FOREIGN_SENTENCE_WORDS of that language's words; or when it states a figure (an amount, a count, a date: the
 * answer's facts) in that language's grammar — "Has gastado 2 661,93 € en 36 compras.", "Gastaste 2 661,93 €.",
 * "Total for October: 133,98 € at SNCF." — for a French opener or closer cannot make the sentence that carries the
 * answer French; or with FOREIGN_SENTENCE_GRAMMAR of its grammar words and no French grammar word. A label in another
 * language beside French prose ("Top merchant : Carrefour.", "groceries (412 €)") has no grammar of it: it never
 * vetoes, only weighs.
 */
function vetoes(r: SentenceReading & { s: string }): boolean {
  if (r.reads !== 'foreign') return false
  if (r.foreignWords >= FOREIGN_SENTENCE_WORDS) return true
  if (r.foreignGrammar > 0 && /\d/.test(r.s)) return true
  return r.foreignGrammar >= FOREIGN_SENTENCE_GRAMMAR && r.frenchOwnGrammar === 0
}

/**
 * French when the prose is (docs/suite-rules.md §4), sentence by sentence: no sentence reading as another language
 * vetoes it (vetoes: a French "Bonjour !" or "N'hésitez pas…" around an English or Spanish answer does not make it
 * French), and the words of the French sentences outnumber those of the sentences that read otherwise (mostly-English
 * answers fail; a stray "Top merchant" in a French answer does not). A text with no sentence of any language is
 * judged whole, quotations included; if still silent, a short text dominated by figures ("Total : 123,45 € (12
 * transactions).") passes and anything else ("OK") fails.
 */
// An English verb stating the answer's fact right before its figure — "total spent 2 661,93 €", "paid: 13,49 €" —
// is the answer said in English, however French the words around it (review 2026-12-05: « Voici vos dépenses: total
// spent 2 661,93 €, 36 transactions. » passed). Only these verbs: an English noun before a figure ("groceries :
// 412 €", "Top merchant : Carrefour") stays a label, and a product's name in a short parenthesis is not read.
const ENGLISH_FACT = /\b(?:spent|paid|earned|received)\s*:?\s*(?:€|eur\b|\$)?\s*\d/i

export function readFrench(text: string): FrenchReading {
  if (sentencesOf(text).some((s) => ENGLISH_FACT.test(s))) return { french: false, looksLike: 'en' }
  const read = sentencesOf(text).map(readForWeight)
  const foreign = read.filter((r) => r.reads === 'foreign')
  const frenchWeight = read.filter((r) => r.reads === 'french').reduce((n, r) => n + r.words, 0)
  const foreignWeight = foreign.reduce((n, r) => n + r.words, 0)
  if (frenchWeight === 0 && foreignWeight === 0) return readWhole(text)
  const french = frenchWeight > foreignWeight && !foreign.some(vetoes)
  return french ? { french, looksLike: null } : notFrench(foreign.map((r) => r.s).join('\n'))
}

/** A text no sentence of which speaks a language (all quoted, all names or figures): one sentence, then the figures rule. */
function readWhole(text: string): FrenchReading {
  const whole = readSentence(text)
  if (whole.reads === 'foreign') return notFrench(text)
  if (whole.reads === 'french') return { french: true, looksLike: null }
  const scores = languageScores(text)
  const figures = (text.match(FIGURE) ?? []).length
  const short = figures > 0 && scores.words.length <= SHORT_WORDS && scores.words.length <= 2 * figures
  return { french: short, looksLike: null }
}

/** Not French: named by the language the sentences that read otherwise are likeliest in. */
function notFrench(foreignText: string): FrenchReading {
  const impostor = likeliestImpostor(languageScores(foreignText))
  if (impostor === null) return { french: false, looksLike: null }
  return impostor.language === null
    ? { french: false, looksLike: null, eitherOf: impostor.eitherOf }
    : { french: false, looksLike: impostor.language }
}

/** The reason's parameters naming what the text reads as: one language, or the two families it cannot tell apart. */
function looksLikeParams(reading: Pick<FrenchReading, 'looksLike' | 'eitherOf'>): Record<string, ReasonParam> {
  return reading.eitherOf === undefined ? { looksLike: reading.looksLike } : { looksLike: null, eitherOf: [...reading.eitherOf] }
}

export function looksFrench(text: string): boolean {
  return readFrench(text).french
}

// Ordered: the first match names the leak, so specific shapes come before the general `{…}`. Words are bounded
// by "not a letter" rather than \b, so that a value glued to digits ("12undefined €") is caught while French
// words that merely contain them ("nul", "annulé", "Nonobstant") are not.
const PLACEHOLDERS: ReadonlyArray<{ pattern: RegExp; name: string }> = [
  { pattern: /(?<!\p{L})undefined(?!\p{L})/iu, name: 'undefined' },
  { pattern: /(?<!\p{L})None(?!\p{L})/u, name: 'None' },
  { pattern: /(?<!\p{L})nan(?!\p{L})/iu, name: 'NaN' },
  { pattern: /(?<!\p{L})infinity(?!\p{L})/iu, name: 'Infinity' },
  { pattern: /invalid date/i, name: 'Invalid Date' },
  { pattern: /(?<!\p{L})null(?!\p{L})/iu, name: 'null' },
  { pattern: /\[object \w+\]/, name: '[object Object]' },
  { pattern: /\{\{[^{}]*\}\}/, name: 'template braces {{…}}' },
  { pattern: /\$\{[^{}]*\}/, name: 'template braces ${…}' },
  { pattern: /\{\s*\}/, name: 'empty braces {}' },
  // {total}, {0}, {dépenses}, {montant total}, {total:.2f}: any short one-line {…}. French prose does not use
  // braces (quotes are « » or “ ”), so braces in an answer are an unformatted template field or leaked JSON.
  { pattern: /\{[^{}\n]{1,60}\}/u, name: 'template braces {…}' },
  // Python %-formatting: %(total)s, then %s, %d, %.2f. The conversion letter must not start a word, and no
  // space is allowed between "%" and it, so "25 %", "-12,5 %" and "100 % des dépenses" stay clean.
  { pattern: /%\([^()\n]{1,40}\)[-#0+]*\d*(?:\.\d+)?[a-zA-Z]/, name: 'printf field %(…)s' },
  { pattern: /%[-#0+]*\d*(?:\.\d+)?[sdifFeEgGxXr](?![\p{L}\p{N}_])/u, name: 'printf field %s/%d/%f' },
]

/** The first leaked placeholder with a short excerpt around it, or null. */
export function leakedPlaceholder(text: string): { name: string; excerpt: string } | null {
  for (const { pattern, name } of PLACEHOLDERS) {
    const m = pattern.exec(text)
    if (m === null) continue
    const from = Math.max(0, m.index - 30)
    const to = Math.min(text.length, m.index + m[0].length + 30)
    const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`
    return { name, excerpt }
  }
  return null
}

export function checkMessage(message: string): Reason[] {
  if (message.trim() === '') return [reason('check.message.empty')]
  const leak = leakedPlaceholder(message)
  const failures = leak === null ? [] : [reason('check.message.placeholder', { name: leak.name, excerpt: excerpt(leak.excerpt, 100) })]
  const reading = readFrench(message)
  if (!reading.french) failures.push(reason('check.message.not_french', { text: excerpt(message), ...looksLikeParams(reading) }))
  return failures
}

/**
 * The readable message of a 4xx that answers an edge case ("Marchand XYZ introuvable"): often too short for
 * looksFrench to find function words, so it only has to not read as another language and to leak no placeholder.
 * English: its words must not match the French ones (a framework's own "field required" or "Route … not found"
 * means the request missed, not that the service answered). Spanish, Italian, Portuguese, Catalan, German: as for an answer
 * (readFrench), a marker of one needs strong French words that outscore it — "Comerciante XYZ no encontrado" is
 * not French; a message with no marker of any language ("Requête invalide") passes.
 */
export function checkErrorMessage(message: string, status: number): Reason[] {
  if (message.trim() === '') return [reason('check.client_error.empty_message', { status })]
  const leak = leakedPlaceholder(message)
  const failures = leak === null ? [] : [reason('check.client_error.placeholder', { status, name: leak.name, excerpt: excerpt(leak.excerpt, 100) })]
  const scores = languageScores(message)
  // Which language it reads as is decided by evidence of its own (language.ts): "no" alone names neither English nor Spanish.
  const impostor = likeliestImpostor(scores)
  if (impostor === null) return failures
  const rival = othersScore(scores)
  const englishWins = scores.impostors.en >= scores.frenchWords
  const othersWin = !(scores.strong > 0 && scores.french > rival)
  if (impostor.language === 'en') {
    if (englishWins) failures.push(reason('check.client_error.english', { status, text: excerpt(message) }))
    return failures
  }
  // Only shared words ("No data", "No autorizado"): not French if either family's rule says so, both families named.
  const other = impostor.language === null ? englishWins || othersWin : othersWin
  if (other) {
    const like = looksLikeParams(impostor.language === null ? { looksLike: null, eitherOf: impostor.eitherOf } : { looksLike: impostor.language })
    failures.push(reason('check.client_error.other_language', { status, text: excerpt(message), ...like }))
  }
  return failures
}
