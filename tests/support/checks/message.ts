// The answer text (docs/suite-rules.md §4): non-empty, French, and free of leaked placeholders — the visible symptoms of a
// template or serialization bug (`undefined €`, `{total}`, `%.2f`, `None`, `Invalid Date`, `[object Object]`).
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt } from './text.ts'

// Frequent French function words (after splitting elisions: "j'ai" → j, ai). Words shared with English are
// left out ("a", "on", "as"), so each hit is real evidence of French.
const FRENCH_WORDS = new Set([
  'le',
  'la',
  'les',
  'de',
  'des',
  'du',
  'un',
  'une',
  'et',
  'est',
  'sont',
  'en',
  'vous',
  'votre',
  'vos',
  'je',
  'j',
  'ai',
  'avez',
  'pour',
  'pas',
  'que',
  'qui',
  'qu',
  'dans',
  'avec',
  'au',
  'aux',
  'ce',
  'cette',
  'ces',
  'il',
  'elle',
  'nous',
  'mon',
  'ma',
  'mes',
  'ne',
  'n',
  'd',
  'l',
  'c',
  's',
  'ou',
  'où',
  'par',
  'sur',
  'aucun',
  'aucune',
  'été',
  'très',
  'mais',
  'leur',
  'sans',
  'chez',
  'ses',
  'sa',
  'se',
  'y',
  'voici',
  'ils',
  'était',
  'être',
])
const ENGLISH_WORDS = new Set([
  'the',
  'and',
  'is',
  'are',
  'you',
  'your',
  'of',
  'to',
  'for',
  'with',
  'this',
  'that',
  'it',
  'was',
  'have',
  'has',
  'not',
  'be',
  'an',
  'at',
  'or',
  'we',
  'my',
  'from',
  'by',
  'can',
  'will',
  'please',
  'there',
  'no',
  'sorry',
  'i',
  'here',
  'which',
  'were',
  'been',
  'would',
  'could',
  'error',
  'in',
  'spent',
  'found',
  'failed',
  'field',
  'required',
  'missing',
  'invalid',
  'unknown',
  'denied',
  'forbidden',
  'unauthorized',
  'value',
])
const FRENCH_ACCENT = /[àâäéèêëîïôöùûüÿçœæ]/i

// A figure: 123, 123,45, 1.234,56 (a run of digits with inner separators counts once).
const FIGURE = /\d+(?:[.,\u00a0\u202f ]\d+)*/g
/** "Short": a headline such as "Total : 123,45 € (12 transactions)." rather than a sentence. */
const SHORT_WORDS = 8

/**
 * A simple, explainable heuristic: French function words (plus one point for French accents) must be present
 * and outnumber English ones. Enough to catch an English-only answer or a bare token ("OK", "Error").
 * A short text dominated by figures ("Total : 123,45 € (12 transactions).") has no function words to judge
 * by: it passes unless it shows an English word ("You spent 123.45 EUR in 12 transactions." still fails).
 */
function languageScores(text: string): { words: string[]; fr: number; en: number } {
  const words = text
    .toLowerCase()
    .split(/[^a-zà-öø-ÿœæ]+/)
    .filter((w) => w !== '')
  let fr = FRENCH_ACCENT.test(text) ? 1 : 0
  let en = 0
  for (const w of words) {
    if (FRENCH_WORDS.has(w)) fr++
    else if (ENGLISH_WORDS.has(w)) en++
  }
  return { words, fr, en }
}

export function looksFrench(text: string): boolean {
  const { words, fr: score, en } = languageScores(text)
  if (score > 0 && score > en) return true
  const figures = (text.match(FIGURE) ?? []).length
  return en === 0 && figures > 0 && words.length <= SHORT_WORDS && words.length <= 2 * figures
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
  if (!looksFrench(message)) failures.push(reason('check.message.not_french', { text: excerpt(message) }))
  return failures
}

/**
 * The readable message of a 4xx that answers an edge case ("Marchand XYZ introuvable"): often too short for
 * looksFrench to find function words, so it only has to not read as English (a framework's own "field required"
 * or "Route … not found" means the request missed, not that the service answered) and to leak no placeholder.
 */
export function checkErrorMessage(message: string, status: number): Reason[] {
  if (message.trim() === '') return [reason('check.client_error.empty_message', { status })]
  const leak = leakedPlaceholder(message)
  const failures = leak === null ? [] : [reason('check.client_error.placeholder', { status, name: leak.name, excerpt: excerpt(leak.excerpt, 100) })]
  const { fr, en } = languageScores(message)
  if (en > 0 && en >= fr) failures.push(reason('check.client_error.english', { status, text: excerpt(message) }))
  return failures
}
