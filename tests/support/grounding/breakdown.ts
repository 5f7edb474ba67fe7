// The breakdown an answer carries (its pie: parts of one whole, an "Autres" slice) and how a text names its parts:
// a capitalised name bound to an amount, a list of parts, a ranking of a subset (docs/grounding.md "Grounded figures").
import { partsData } from '../checks/chart-data.ts'
import { escapeRegExp, fold } from '../checks/text.ts'
import type { NormalizedTurn } from '../turn.ts'

export interface Breakdown {
  chart: string
  /** Folded label → label and value, "Autres" excepted. */
  parts: Map<string, { label: string; value: number }>
  /** The value of its "Autres" slice: any label it does not name is at most that; null when it names every part. */
  others: number | null
}

export const OTHERS_LABEL = /^(?:autres?|other|others|divers)$/

/** The answer's breakdown: its pie (one dataset of parts of one whole). */
export function breakdownOf(turn: NormalizedTurn): Breakdown | null {
  const pie = turn.visualizations.find((v) => v.kind === 'pie' && v.datasets.length > 0 && v.labels.length > 0)
  if (pie === undefined) return null
  const data = partsData(pie)
  const parts = new Map<string, { label: string; value: number }>()
  let others: number | null = null
  pie.labels.forEach((label, i) => {
    const key = fold(label).trim()
    const value = data[i] ?? 0
    if (OTHERS_LABEL.test(key)) others = (others ?? 0) + value
    else if (key !== '') parts.set(key, { label, value })
  })
  return parts.size === 0 ? null : { chart: pie.title, parts, others }
}

// A name written as a label: capitalised words ("Éducation", "Boulangerie Dupont").
export const NAME = String.raw`\p{Lu}[\p{L}'’&-]*(?:[ -]\p{Lu}[\p{L}'’&-]*)*`
export const NAME_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}])(${NAME})\s*(?:\(|:)\s*$`, 'u')
export const NAME_AFTER = new RegExp(String.raw`^\s*(?:en|dans)\s+(?:(?:la catégorie|le poste|la rubrique)\s+)?(${NAME})`, 'u')
// A name opening a list item right before its amount, without ":" or "(": "…, Éducation 450,00 €".
export const NAME_LIST_BEFORE = new RegExp(String.raw`(?:^|[,;:\n•]|^\s*[-*]|\bet)\s*(${NAME})\s+$`, 'u')

/** The amount ends a list item: a comma, a semicolon, a full stop, a line break, "et" or the end follows it. */
export function listItem(before: string, after: string): boolean {
  return /^\s*(?:[,;\n]|\.(?!\d)|et\s|$)/.test(after) && /\p{Lu}[\p{L}'’&-]*\s+$/u.test(before)
}

/** Two parts of the pie or more are written as "Part amount" in the clause: "Shopping 1 270,40 €, Logement 1 150,00 €". */
export function partsListed(breakdown: Breakdown, clause: string): boolean {
  let n = 0
  for (const part of breakdown.parts.keys()) if (new RegExp(`(?:^|[,;:\\n]|\\bet)\\s*${escapeRegExp(part)}\\s+\\d`).test(clause)) n++
  return n >= 2
}

// Capitalised words that head a figure without naming a part of the breakdown.
export const NOT_A_PART =
  /^(?:total|totale|debits?|credits?|depenses?|revenus?|montant|moyenne|solde|budget|bilan|resume|synthese|detail|details|note|attention|exemple|periode|principaux postes|postes|categories?|repartition|autres?|divers|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)$/

/**
 * A ranking of a subset, not of the whole breakdown: "hors loyer, votre premier poste est les Restaurants", "sauf
 * le Logement", "parmi les dépenses variables", "après le loyer", "en dehors du loyer", "côté dépenses courantes"
 * (review 2026-12-05). Not "côté dépenses," or "côté catégories," (the whole, by another name), nor "après analyse".
 */
export const SUBSET_RANKING = new RegExp(
  [
    String.raw`\bhors\b`,
    String.raw`\bsauf\b`,
    String.raw`en dehors d`,
    String.raw`\bmise? a part\b`,
    String.raw`\ba part (?:le|la|les|l'|votre|vos)\b`,
    String.raw`\bexcept(?:e|es|ion faite)\b`,
    String.raw`a l'exception d`,
    String.raw`sans (?:compter|le|la|les|l'|votre|vos)\b`,
    String.raw`\ben (?:excluant|retirant|enlevant|ecartant)\b`,
    String.raw`si (?:l'on|on) (?:exclut|met de cote|enleve|retire|ecarte)`,
    String.raw`\b(?:apres|derriere) (?:le|la|les|l'|votre|vos|ce|cette|ces)\s*(?!analyse|examen|verification)[a-z]`,
    String.raw`\bdepenses? (?:variables|courantes|du quotidien|quotidiennes|discretionnaires|de loisirs?|fixes|non fixes|ponctuelles)\b`,
    String.raw`\bpostes? (?:variables|courants|du quotidien|discretionnaires|fixes|non fixes|ponctuels)\b`,
    String.raw`\bcote (?!(?:categories?|repartition|postes?|depenses?|budget|chiffres?|montants?|totaux|total)\s*[,:])[a-z]`,
  ].join('|'),
)
