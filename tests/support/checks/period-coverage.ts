// What an answer says it covers, sentence by sentence (docs/suite-rules.md "Another period", docs/grounding.md): the
// period check (period-asked.ts) judges every such statement, not only the clause of the headline figure — "Du 1er au
// 30 septembre 2026. Vous avez dépensé 2 661,93 €." and "Vous avez dépensé 2 661,93 €. Ces chiffres couvrent
// septembre 2026." present September as what the answer covers, although the headline's clause names no period
// (review 2026-12-06: both passed beside data searched on October).
// A sentence states what the answer covers when it is:
// - the headline's sentence (the answer's first total or count): "Vous avez dépensé 2 661,93 € en septembre 2026";
// - a sentence without figures before the headline, or without a headline at all (the answer's introduction:
//   "Voici vos dépenses de septembre 2026.", "Du 1er au 30 septembre 2026.", "Aucune transaction en septembre 2026.");
// - a sentence with a coverage word ("couvrent", "concernent", "portent sur", "période", "analyse", "bilan", "voici");
// - a title anywhere: a short sentence that opens with a period ("**Septembre 2026**", "Octobre 2026 :");
// - a sentence without figures stating a placed range ("Données du 1er au 30 septembre 2026.").
// What is not: a comparison's other side ("contre 2 100 € en septembre", "plus qu'en septembre", "par rapport à
// septembre 2026", "dont 800 € en septembre"), a range or month attached to another relative period than the one
// asked ("le mois précédent (du 1er au 30 septembre 2026)"), any later sentence with figures of its own ("En septembre
// 2026, vous aviez dépensé 2 100 €." after the headline: a trend or a comparison), a day ("le 3 octobre": a detail
// inside the period), an unplaced span ("depuis janvier", "sur les 6 derniers mois"), the account's history or a
// suggestion ("Votre historique couvre …", "essayez …").
import { type DayRange, foldKeep, type PeriodMention, periodMentions, statedDayRanges, statedFigures } from '../grounding/figures.ts'

type Relative = Extract<PeriodMention, { kind: 'relative' }>
/** One statement of what the answer covers. */
export type Claim =
  | { kind: 'range'; days: DayRange }
  | { kind: 'named'; month: number | null; year: number | null }
  | { kind: 'relative'; rel: Relative['rel']; unit: Relative['unit'] }

const MONTH_WORDS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre'
const UNIT_WORDS = '(?:jour|semaine|mois|trimestre|annee|an|periode)'
const blank = (m: string): string => ' '.repeat(m.length)

// The other side of a comparison, from its cue to the end of its clause part (a comma not inside a figure, a closing
// parenthesis, a sentence mark). "que" counts only before a period or a figure ("plus qu'en septembre", "que le mois
// précédent"): "ce que vous avez dépensé en septembre" frames the answer.
const CUE = String.raw`\b(?:contre|par rapport (?:a|au|aux)|compar\w*|versus|vs|comme|au lieu d[eu']|alors qu|tandis qu|dont|hors|(?:identique|inferieur|superieur|similaire|equivalent|proche)\w* (?:a|au|aux|de)|qu(?:e\s+|'\s*)(?=en\b|le\b|la\b|l'|les\b|au\b|aux\b|du\b|d'|lors\b|pour\b|sur\b|${MONTH_WORDS}|\d))`
const COMPARED = new RegExp(String.raw`${CUE}[^;!?\n)]*?(?=,(?!\d)|\.(?!\d)|[;!?\n)]|$)`, 'g')
// A relative period with its attached days or month: "le mois précédent (du 1er au 30 septembre 2026)", "le mois
// dernier, soit octobre 2026". Blanked when that period is not the one asked (the caller says which are).
const RELATIVE_ATTACHED = new RegExp(
  String.raw`\b(?:(?:le|la|l'|ce|cet|cette)\s*)?(?:${UNIT_WORDS}\s+(?:precedente?|d'avant|anterieure?|derniere?|passee?|en cours|actuelle?|courante?)|precedente?\s+${UNIT_WORDS}|derniere?\s+${UNIT_WORDS}|(?:ce|cet|cette)\s+${UNIT_WORDS}(?:-ci)?|aujourd'hui|hier)(?:\s*(?:\(|,\s*soit|:|-)\s*[^.;!?\n)]*\)?)?`,
  'g',
)
// A sentence that opens with a period: a month, a year, a relative period or a range, after a preposition.
const OPENING = new RegExp(
  String.raw`^[\s#*_>•:\-–—\p{Extended_Pictographic}]*(?:(?:en|pour|sur|durant|pendant|au cours d[eu']|au mois d[e']|le mois d[e'])\s*)*(?:(?:${MONTH_WORDS})\b|(?:19|20)\d{2}\b|(?:le|la|l')\s*${UNIT_WORDS}\b|(?:ce|cet|cette)\s+${UNIT_WORDS}\b|aujourd'hui|hier|du\s+\S+\s|entre\s)`,
  'u',
)
const COVERAGE_WORD =
  /\b(?:couvr\w*|recouvr\w*|concern\w*|port(?:e|ent|ant) sur|correspond\w* (?:a|au|aux)|periode|analys\w*|perimetre|bilan|recapitulatif|resume|synthese|releve|voici|voila)\b/
// The account's history or a suggestion ("Votre historique couvre la période du 1er octobre 2025 au 24 novembre 2026 :
// essayez une date dans cet intervalle", the reference service's answer to a date before the history): what could be
// asked, not what the answer covers.
const ELSEWHERE = /\b(?:historique|disponibles?|intervalle|essaye[rz]|pourriez|vous pouvez)\b/
const TITLE_WORDS = 6

interface Sentence {
  from: number
  text: string
}

/** The sentences of a folded text: a dot between digits or after an abbreviated month ("janv. 2026") ends none. */
function sentencesOf(folded: string): Sentence[] {
  const out: Sentence[] = []
  let from = 0
  for (const m of folded.matchAll(/(?<!\b(?:janv|fevr|fev|avr|juil|sept|oct|nov|dec))[.!?;|]+(?!\d)|\n+/g)) {
    const end = (m.index ?? 0) + m[0].length
    out.push({ from, text: folded.slice(from, end) })
    from = end
  }
  if (from < folded.length) out.push({ from, text: folded.slice(from) })
  return out
}

/** The claims a sentence makes: its placed ranges, the months and years it names, its relative periods. */
function claimsOf(text: string): Claim[] {
  const out: Claim[] = statedDayRanges(text).map((days) => ({ kind: 'range', days }))
  for (const p of periodMentions(text)) {
    if (p.kind === 'date' && p.day === null && (p.month !== null || p.year !== null)) out.push({ kind: 'named', month: p.month, year: p.year })
    else if (p.kind === 'relative' && p.rel !== 'other' && p.unit !== 'periode') out.push({ kind: 'relative', rel: p.rel, unit: p.unit })
  }
  return out
}

const hasDigits = (figures: ReadonlyArray<{ index: number }>, s: Sentence): boolean =>
  figures.some((f) => f.index >= s.from && f.index < s.from + s.text.length)

/**
 * Every statement of what the answer covers in `own` (the answer's own words: own-text.ts). `asked(rel)`: does a
 * relative period the answer names agree with a period the question asks? Another one's attached days are its own.
 */
export function coverageClaims(own: string, asked: (rel: Relative) => boolean): Claim[] {
  const figures = statedFigures(own)
  const headline = figures.find((f) => f.role === 'total' || f.role === 'count')
  const folded = foldKeep(own)
    .replace(COMPARED, blank)
    .replace(RELATIVE_ATTACHED, (m) => {
      const named = periodMentions(m).find((p): p is Relative => p.kind === 'relative')
      return named !== undefined && !asked(named) ? blank(m) : m
    })
  const out: Claim[] = []
  for (const s of sentencesOf(folded)) {
    const figured = hasDigits(figures, s)
    const beforeHeadline = headline === undefined || s.from + s.text.length <= headline.index
    const isHeadline = headline !== undefined && headline.index >= s.from && headline.index < s.from + s.text.length
    const words = s.text.match(/[\p{L}\p{N}']+/gu)?.length ?? 0
    if (ELSEWHERE.test(s.text)) continue
    const states =
      isHeadline ||
      (beforeHeadline && !figured) ||
      COVERAGE_WORD.test(s.text) ||
      (OPENING.test(s.text) && words <= TITLE_WORDS) ||
      (!figured && statedDayRanges(s.text).length > 0)
    if (states) out.push(...claimsOf(s.text))
  }
  return out
}
