// Claims of nothing (docs/grounding.md): where a French text says the search found nothing — "Je n'ai trouvé aucune
// transaction", "aucun résultat", "pas de dépense", "je n'ai rien trouvé", "vous n'avez rien dépensé", "vous n'avez
// effectué aucun achat", "il n'y a rien". claims/claims-nothing.ts compares each one with what the same answer carries:
// a claim of nothing beside results is a contradiction, as a figure beside an empty search is.
// A claim about a SUBSET is no claim about the answer: "aucune autre transaction", "aucune transaction suspecte",
// "aucune transaction n'est inhabituelle" (anomaly answers), nothing at another merchant, in another category, above an
// amount the question did not ask, or in another period — zeroClaims reads the part of the sentence around the claim
// (up to a comma) and says what it names; claims/claims-nothing.ts decides whether that is the answer's own scope. A
// claim of no unusual spending is read apart (anomalyZeroClaims): claims/claims-nothing.ts holds it against the
// unusual_transaction insights.
// Measuring only: a text in, claims out.
import { foldKeep, periodMentions, type PeriodMention } from './figures.ts'

const NOUN = String.raw`(?:transactions?|depenses?|achats?|resultats?|operations?|paiements?|mouvements?|debits?|prelevements?|reglements?|virements?|donnees?|correspondances?|frais)(?![\p{L}])`

/** The claims, on folded text (foldKeep keeps the length: the match indexes the original text too). */
const CLAIMS: readonly RegExp[] = [
  // "aucune transaction", "aucun de vos achats", "aucun résultat", "n'a trouvé aucune opération"
  new RegExp(String.raw`\baucun(?:e|s|es)?\s+(?:(?:de vos|des|d')\s*)?${NOUN}`, 'gu'),
  // "pas de transaction", "pas d'achat", "je n'ai pas trouvé de dépense"
  new RegExp(String.raw`\bpas\s+(?:trouve\s+|identifie\s+|enregistre\s+)?(?:de|d')\s*${NOUN}`, 'gu'),
  // "je n'ai rien trouvé", "nous n'avons rien trouvé", "rien n'a été trouvé", "je ne trouve rien", "n'ai pas trouvé."
  /\b(?:rien\s+(?:trouve|n'a ete trouve|ne correspond)|ne\s+(?:trouve|vois)\s+rien|n'(?:ai|avons|a)\s+pas\s+(?:trouve|identifie)\s*(?=[.,;!?\n]|$))/gu,
  // "vous n'avez rien dépensé", "vous n'avez pas dépensé", "vous n'avez rien acheté", "n'avez effectué aucun…" (above)
  /\bn'(?:avez|avons|ai|a)\s+(?:rien|pas|jamais)\s+(?:depense|achete|paye|debourse|regle|consomme)\b/gu,
  // "il n'y a rien", "il n'y a eu rien", "votre recherche n'a rien donné / retourné"
  /\b(?:n'y\s+a\s+(?:eu\s+)?rien|n'a\s+rien\s+(?:donne|retourne|renvoye|trouve))\b/gu,
  // "zéro transaction" (digits are read by figures.ts: "0 transaction" is a stated count, compared there)
  new RegExp(String.raw`\bzero\s+${NOUN}`, 'gu'), // "je n'ai rien remarqué d'inhabituel", "rien d'anormal": a claim of no unusual spending only (UNUSUAL below)
  /\brien\s+(?:\S+\s+)?d'(?:inhabituel|anorma|suspect|atypique)/gu,
  // "aucune anomalie", "aucune irrégularité": claims of no unusual spending only (UNUSUAL below)
  /\baucun(?:e|s|es)?\s+(?:anomalies?|irregularites?)(?![\p{L}])/gu,
  // "aucune de vos 405 transactions ne sort de l'ordinaire", "rien ne sort de l'ordinaire", "ne sortent pas de l'ordinaire"
  /\bne\s+sort(?:ent)?\s+(?:pas\s+|guere\s+|nullement\s+)?de\s+l'ordinaire/gu,
]

/** Words that make the claim about a subset of what the answer found (checked in the claim's own part of the sentence). */
const SUBSET =
  /(?:\bautres?\b|exceptionnel|\bimportante?s?\b|\belevee?s?\b|supplementaire|\bnouveaux?\b|\bnouvelles?\b|en attente|signal|alerte|inquietant|surprenant|particulier|annule|rembourse|refuse|rejete|en trop|similaire|identique|a venir|futur|prevu|programme|de ce type|de ce genre|en double|doublon|dupliqu|recurren)/
/**
 * Words of unusual spending: a subset of a search's results ("aucune transaction suspecte" beside 36 transactions), but
 * the whole of what an anomaly answer carries — its unusual_transaction insights (anomalyZeroClaims,
 * claims/claims-nothing.ts).
 */
const UNUSUAL = /(?:suspect|inhabituel|anorma|anomal|irregularit|atypique|fraud|douteu|de l'ordinaire)/
/** Before the claim, anywhere in the sentence: "En dehors de ces achats, aucune transaction". */
const SUBSET_BEFORE = /(?:\bautres?\b|hormis|en dehors d|a part|\bsauf\b|excepte|\boutre\b|en plus d|parmi|de ces\b|aucune de ces|sinon)/

const SPENDING = /(?:depens|achat|achete|debit|paiement|paye|prelevement|reglement|regle|debourse|consomme)/

export interface ZeroClaim {
  /** The claim as written (bounded). */
  text: string
  /** The claim's part of the sentence, original case: what it names (a merchant, a category, an amount). */
  part: string
  /** The claim is about spending ("aucune dépense", "rien dépensé"): no claim about an answer on income. */
  spending: boolean
  /** Periods the claim's sentence names (coverage ranges and "cette période", "ce mois-là" excepted). */
  periods: readonly PeriodMention[]
}

const SENTENCE_END = /[.!?;\n]/
const PART_END = /[.!?;,\n]/

/** The sentence and comma part around [start, end) of the folded text. */
function around(folded: string, start: number, end: number): { sentenceBefore: string; sentence: string; partFrom: number; partTo: number } {
  // A decimal or thousands mark ("100,50 €", "1.234") ends nothing.
  const endsAt = (i: number, re: RegExp): boolean => re.test(folded[i] ?? '') && !(/\d/.test(folded[i - 1] ?? '') && /\d/.test(folded[i + 1] ?? ''))
  let from = start
  while (from > 0 && start - from < 300 && !endsAt(from - 1, SENTENCE_END)) from--
  let to = end
  while (to < folded.length && to - end < 300 && !endsAt(to, SENTENCE_END)) to++
  let partFrom = start
  while (partFrom > from && !endsAt(partFrom - 1, PART_END)) partFrom--
  let partTo = end
  while (partTo < to && !endsAt(partTo, PART_END)) partTo++
  return { sentenceBefore: folded.slice(from, start), sentence: folded.slice(from, to), partFrom, partTo }
}

/** "cette période", "ce mois-là", "la période": the answer's own period named again, not another one. */
const ANAPHORIC = /\b(?:(?:cette|la|votre)\s+periode|(?:ce|cet|cette)\s+(?:jour|semaine|mois|trimestre|an|annee)-la)\b/g

/** Every claim of nothing in the text, with `unusual` when only words of unusual spending make it a subset. */
function readClaims(text: string): Array<ZeroClaim & { unusual: boolean }> {
  const folded = foldKeep(text)
  const out: Array<ZeroClaim & { unusual: boolean }> = []
  const seen = new Set<number>()
  for (const re of CLAIMS) {
    for (const m of folded.matchAll(re)) {
      const start = m.index ?? 0
      const end = start + m[0].length
      const { sentenceBefore, sentence, partFrom, partTo } = around(folded, start, end)
      if (seen.has(partFrom)) continue
      const partFolded = folded.slice(partFrom, partTo)
      if (SUBSET.test(partFolded) || SUBSET_BEFORE.test(sentenceBefore)) continue
      seen.add(partFrom)
      const claim = text.slice(start, Math.min(partTo, start + 80)).trim()
      const periods = periodMentions(sentence.replace(ANAPHORIC, (m) => ' '.repeat(m.length)))
      const unusual = UNUSUAL.test(partFolded)
      out.push({ text: claim, part: text.slice(partFrom, partTo), spending: SPENDING.test(m[0]) || unusual, periods, unusual })
    }
  }
  return out
}

const plain = ({ unusual: _, ...claim }: ZeroClaim & { unusual: boolean }): ZeroClaim => claim

/** Every claim of nothing in the text, subsets excepted (no unusual spending is a subset: anomalyZeroClaims). */
export function zeroClaims(text: string): ZeroClaim[] {
  return readClaims(text)
    .filter((c) => !c.unusual)
    .map(plain)
}

/**
 * The claims of no unusual spending ("je n'ai détecté aucune dépense inhabituelle", "aucune transaction n'est
 * inhabituelle", "rien d'anormal"), other subsets excepted ("aucune autre dépense inhabituelle"): about the whole of
 * an answer that carries unusual_transaction insights (review 2026-12-08: one passed beside two of them, GO).
 */
export function anomalyZeroClaims(text: string): ZeroClaim[] {
  return readClaims(text)
    .filter((c) => c.unusual)
    .map(plain)
}
