// The category a stated change is about — its subject, read by position — as opposed to one named as its cause
// (docs/grounding.md "Grounded figures": a change's subject is compared with that category's own change).
import { escapeRegExp } from '../checks/text.ts'
import type { Facts } from './facts.ts'

/**
 * The comparison label (a category) a change at `at` in the clause is about, if any: its own change is the one to
 * compare with. Read by position: the label is the change's subject when it precedes it ("Vos dépenses Shopping sont
 * en hausse de 741 %", "Le Shopping augmente de…") or qualifies the change right after it ("hausse de 741 % du
 * Shopping"); a label named as its cause ("…, principalement à cause du shopping", "tirée par le shopping", "avec le
 * Shopping en tête") is not its subject — the change stays the whole's (review 2026-12-05).
 */
export function labelChange(facts: Facts, clause: string, at: number): { label: string; change: number | null; delta: number } | null {
  if (facts.comparison === null) return null
  for (const [key, entry] of facts.comparison.byLabel) {
    if (key.length < 3) continue
    const named = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}(?=[^a-z0-9]|$)`, 'g')
    for (const m of clause.matchAll(named)) {
      if (!subjectAt(clause, (m.index ?? 0) + (m[1] ?? '').length, at)) continue
      const delta = entry.current - entry.previous
      return { label: entry.label, change: entry.previous > 0 ? (delta / entry.previous) * 100 : null, delta }
    }
  }
  return null
}

// The words that name a cause of the change, not its subject.
const CAUSE =
  /(?:a cause d|en raison d|du fait d|grace a|dus? a|dues? a|tire(?:e|s|es)? par|porte(?:e|s|es)? par|principalement|surtout|notamment|avec|essentiellement|en particulier|lie(?:e|s|es)? a)/
/**
 * A label at `labelAt` is the subject of the change at `at`: no cause word leads to it from the start of its own
 * comma-delimited part, and, when it follows the change, nothing separates them (no comma, no cause word).
 */
function subjectAt(clause: string, labelAt: number, at: number): boolean {
  const parts = clause.slice(0, labelAt).split(COMMA)
  if (CAUSE.test(parts[parts.length - 1] ?? '')) return false
  if (labelAt < at) return true
  return !COMMA.test(clause.slice(at, labelAt)) && !clause.slice(at, labelAt).includes('(')
}
// A comma that separates words, not the decimal one of "33,2 %".
const COMMA = /,(?!\d)/
