// The chart label an amount is bound to ("Shopping (1 270,40 €)", "1 150,00 € en Logement", "septembre 2026
// (3 105,92 €)"), or the one its clause names — and what an amount beside a label is not: one purchase, a statistic of
// the label, a rate (docs/grounding.md "Grounded figures").
import { escapeRegExp, fold } from '../checks/text.ts'
import { MONTH_NAMES, statedDay } from './dates.ts'
import type { Facts } from './facts.ts'
import { periodMentions, type StatedFigure } from './figures.ts'

/**
 * The chart label bound to the amount: written just before it ("Shopping (1 270,40 €)", "Logement : 850 €") or
 * just after it ("1 150,00 € en Logement", "412 € chez Carrefour"); or a month whose chart point the amount gives
 * ("septembre 2026 (2 098,72 €)", "août : 3 105,92 €") — that month's point, never any point of the sentence.
 */
export function boundLabel(facts: Facts, figure: StatedFigure, folded: string): { label: string; chart: string; values: number[] } | null {
  const before = folded.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const after = afterOf(figure, folded)
  // A rate ("Logement : 1 150 € par mois" over 13 months) is not the label's value over the chart's period.
  if (figure.perPeriod) return null
  const purchase = onePurchase(figure, after)
  for (const [key, entry] of facts.labels) {
    if (key.length < 3) continue
    const named = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}\\s*(\\(|:|=|→|->)\\s*$`).exec(before)
    if (named !== null && !purchase && !statistic(before.slice(0, named.index + (named[1] ?? '').length))) return entry
    if (!purchase && !statistic(before) && new RegExp(`${LABEL_AFTER}${escapeRegExp(key)}(?=[^a-z0-9]|$)`).test(after)) return entry
  }
  return boundMonth(facts, before)
}

// "un achat de 1 249 €", "une dépense de 689 €", "un paiement unique de…", "réglé 59,90 €": one purchase.
const ONE_PURCHASE =
  /(?:\b(?:un|une|d'un|d'une|seul|seule|unique)\s+(?:seule?\s+|unique\s+|gros\s+|grosse\s+|important\s+|importante\s+)?(?:achat|depense|paiement|transaction|operation|debit|prelevement|reglement|commande|facture|ticket)\b|\b(?:reglee?|payee?)\b)[^,;:()]*$/
// What the label's value over the chart's period is not: its median, mean, usual or typical amount, a ceiling, a budget.
const STATISTIC =
  /(?:mediane|moyen(?:ne)?s?\b|panier|habituel(?:le)?s?\b|habituellement|typique|plafond|budget|seuil|norme|par mois|par transaction|par achat|par operation)[^,;:()]*$/

/** The words of the amount's own clause before it: since the last clause mark, parenthesis or figure. */
function ownLead(before: string): string {
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('), before.lastIndexOf(')'))
  const lead = cut === -1 ? before : before.slice(cut + 1)
  const digit = lead.search(/\d(?!.*\d)/)
  return digit === -1 ? lead : lead.slice(digit + 1)
}

/**
 * The amount is one purchase, not the merchant's or the category's value over the chart: a day named after it
 * ("12,50 € chez Carrefour le 3 novembre") or before it in its sentence ("Le 18 novembre 2026, un achat de 1 249 €
 * chez Fnac"), or its own words make it one ("un achat de", "une dépense de", "un paiement de", "réglé").
 */
export function onePurchase(figure: StatedFigure, after: string): boolean {
  if (statedDay(after.split(/[;!?\n]|\.(?!\d)/)[0] ?? '') !== null) return true
  const head = figure.clause.slice(0, figure.clauseAt).replace(/[*_`]/g, ' ')
  if (periodMentions(head).some((m) => m.kind === 'date' && m.day !== null && m.month !== null)) return true
  // Its own words, since the clause mark before them ("…, soit 20 fois la médiane" is another clause).
  const lead = head.slice(Math.max(0, head.length - 60))
  return ONE_PURCHASE.test(lead) && !/(?:total|cumul|en tout)/.test(lead.slice(lead.search(ONE_PURCHASE)))
}

/**
 * The words just before the label (or, for a label after the amount, before the amount) qualify the amount as a
 * statistic of the label: "la médiane de la catégorie Santé (27,04 €)", "votre budget Alimentation : 400 €", "la
 * moyenne est de 63,60 € en Shopping" — not the label's value (review 2026-12-05).
 */
export function statistic(lead: string): boolean {
  return STATISTIC.test(ownLead(lead))
}

// "1 150,00 € en Logement", "412 € chez Carrefour", "dans la catégorie Shopping": a label right after the amount.
const LABEL_AFTER = String.raw`^\s*(?:en|chez|pour|dans)\s+(?:(?:la categorie|le poste|la rubrique)\s+)?(?:l'|le |la |les )?`

export function afterOf(figure: StatedFigure, folded: string): string {
  const end = figure.index + figure.text.length
  return folded.slice(end, end + 60).replace(/[*_`]/g, ' ')
}

// A month (not a day's: "le 9 juin (…)") written just before the amount, as a label is: "septembre 2026 (2 098,72 €)".
const MONTH_BOUND = new RegExp(String.raw`(^|[^a-z0-9])(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?\s*(?:\(|:|=|→|->|,?\s+avec)\s*$`)

function boundMonth(facts: Facts, before: string): { label: string; chart: string; values: number[] } | null {
  const m = MONTH_BOUND.exec(before)
  if (m === null) return null
  if (/\d\s*(?:er)?\s*$/.test(before.slice(0, (m.index ?? 0) + (m[1] ?? '').length))) return null
  const month = MONTH_NAMES.indexOf(m[2] ?? '') + 1
  const year = m[3] === undefined ? null : Number(m[3])
  // Only a chart of months ("2026-09") carries a month's figure; a day's amount may be a purchase.
  const points = facts.dated.filter((p) => p.day === null && p.month === month && (year === null || p.year === year))
  if (points.length === 0) return null
  const label = year === null ? (m[2] ?? '') : `${m[2] ?? ''} ${year}`
  return { label, chart: points[0]?.chart ?? '', values: points.map((p) => p.value) }
}

/** The chart label (a category, a merchant) the clause names, if any. */
export function namedLabel(facts: Facts, clause: string): { label: string; values: number[] } | null {
  for (const [key, entry] of facts.labels) {
    if (key.length < 3 || !new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}([^a-z0-9]|$)`).test(clause)) continue
    return entry
  }
  return null
}

export function labelDeltas(facts: Facts, label: string): number[] {
  const entry = facts.comparison?.byLabel.get(fold(label).trim())
  return entry === undefined ? [] : [entry.current - entry.previous]
}
