// A day or a month a text states for a transaction right after its amount ("le 9 juin 2026", "(2026-06-09)", "en mars
// 2026"), and whether it is a carried ISO date's (docs/grounding.md "Grounded figures": unusual transactions).
import { MONTH_NAMES, WORD_END } from '../checks/calendar-words.ts'
import { periodMentions } from './figures.ts'

export { MONTH_NAMES }
/** The first day named after the amount in its clause ("le 9 juin 2026", "(2026-06-09)", "le 09/06/2026"). */
export function statedDay(after: string): { day: number; month: number; year: number | null } | null {
  const cut = after.search(/\d[\d\s.,]*(?:€|eur)/)
  const text = cut === -1 ? after : after.slice(0, cut)
  for (const m of periodMentions(text))
    if (m.kind === 'date' && m.day !== null && m.month !== null) return { day: m.day, month: m.month, year: m.year }
  return null
}

export function dayMatches(stated: { day: number; month: number; year: number | null }, iso: string): boolean {
  const [y, mo, d] = iso.split('-').map(Number)
  return stated.day === d && stated.month === mo && (stated.year === null || stated.year === y)
}

const MONTH_OF = new RegExp(
  String.raw`(?:^|[\s,(])(?:en|courant|au mois d[e']|durant|pendant|\()\s*(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?${WORD_END}`,
  'u',
)

/**
 * A month said for a transaction right after it, without a day ("689 €, en mars 2026", "chez Fnac (novembre)"): read
 * up to the next amount, never past words that make it another date ("depuis mars", "la médiane de juin"), nor
 * when a day is named.
 */
export function statedMonth(after: string): { month: number; year: number | null } | null {
  const cut = after.search(/\d[\d\s.,]*(?:€|eur)/)
  const text = cut === -1 ? after : after.slice(0, cut)
  if (statedDay(text) !== null) return null
  const m = MONTH_OF.exec(text)
  if (m === null) return null
  if (/(?:depuis|avant|apres|jusqu|entre|qu'|que|median|moyen|habituel|\d\s*(?:er)?\s*$)/.test(text.slice(0, m.index + m[0].indexOf(m[1] ?? ''))))
    return null
  return { month: MONTH_NAMES.indexOf(m[1] ?? '') + 1, year: m[2] === undefined ? null : Number(m[2]) }
}

export function monthMatches(stated: { month: number; year: number | null }, iso: string): boolean {
  const [y, mo] = iso.split('-').map(Number)
  return stated.month === mo && (stated.year === null || stated.year === y)
}
