// The answer text (spec §4): non-empty, French, and free of leaked placeholders — the visible symptoms of a
// template or serialization bug (`undefined €`, `{total}`, `None`, `[object Object]`).
import { quoted } from './text.ts'

// Frequent French function words (after splitting elisions: "j'ai" → j, ai). Words shared with English are
// left out ("a", "on", "as"), so each hit is real evidence of French.
const FRENCH_WORDS = new Set([
  'le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'est', 'sont', 'en', 'vous', 'votre', 'vos', 'je', 'j',
  'ai', 'avez', 'pour', 'pas', 'que', 'qui', 'qu', 'dans', 'avec', 'au', 'aux', 'ce', 'cette', 'ces', 'il', 'elle',
  'nous', 'mon', 'ma', 'mes', 'ne', 'n', 'd', 'l', 'c', 's', 'ou', 'où', 'par', 'sur', 'aucun', 'aucune', 'été',
  'très', 'mais', 'leur', 'sans', 'chez', 'ses', 'sa', 'se', 'y', 'voici', 'ils', 'était', 'être',
])
const ENGLISH_WORDS = new Set([
  'the', 'and', 'is', 'are', 'you', 'your', 'of', 'to', 'for', 'with', 'this', 'that', 'it', 'was', 'have', 'has',
  'not', 'be', 'an', 'at', 'or', 'we', 'my', 'from', 'by', 'can', 'will', 'please', 'there', 'no', 'sorry', 'i',
  'here', 'which', 'were', 'been', 'would', 'could',
])
const FRENCH_ACCENT = /[àâäéèêëîïôöùûüÿçœæ]/i

/**
 * A simple, explainable heuristic: French function words (plus one point for French accents) must be present
 * and outnumber English ones. Enough to catch an English-only answer or a bare token ("OK", "Error").
 */
export function looksFrench(text: string): boolean {
  const words = text.toLowerCase().split(/[^a-zà-öø-ÿœæ]+/).filter((w) => w !== '')
  let fr = 0
  let en = 0
  for (const w of words) {
    if (FRENCH_WORDS.has(w)) fr++
    else if (ENGLISH_WORDS.has(w)) en++
  }
  const score = fr + (FRENCH_ACCENT.test(text) ? 1 : 0)
  return score > 0 && score > en
}

const PLACEHOLDERS: ReadonlyArray<{ pattern: RegExp; name: string }> = [
  { pattern: /\bundefined\b/i, name: 'undefined' },
  { pattern: /\bNone\b/, name: 'None' },
  { pattern: /\bnan\b/i, name: 'NaN' },
  { pattern: /\bnull\b/i, name: 'null' },
  { pattern: /\[object \w+\]/, name: '[object Object]' },
  { pattern: /\{\{[^{}]*\}\}/, name: 'template braces {{…}}' },
  { pattern: /\$\{[^{}]*\}/, name: 'template braces ${…}' },
  // {total}, { amount }, {total:.2f}, {user.name}: an unformatted template field.
  { pattern: /\{\s*[A-Za-z_][\w.]*\s*(?::[^{}\n]{0,20})?\}/, name: 'template braces {…}' },
  { pattern: /\{\s*\}/, name: 'empty braces {}' },
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

export function checkMessage(message: string): string[] {
  if (message.trim() === '') return ['expected a non-empty answer message, observed an empty message']
  const failures: string[] = []
  const leak = leakedPlaceholder(message)
  if (leak !== null) failures.push(`expected a message without leaked placeholders, observed ${leak.name} in ${quoted(leak.excerpt, 100)}`)
  if (!looksFrench(message)) failures.push(`expected a French answer, observed text that does not look French: ${quoted(message)}`)
  return failures
}
