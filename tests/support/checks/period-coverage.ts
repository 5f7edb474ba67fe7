// What an answer says it covers (docs/suite-rules.md "Another period", docs/grounding.md): the period check
// (period-asked.ts) judges every statement that unambiguously frames the WHOLE answer, not only the headline's clause —
// "Du 1er au 30 septembre 2026. Vous avez dépensé 2 661,93 €." and "Vous avez dépensé 2 661,93 €. Ces chiffres
// couvrent septembre 2026." present September as what the answer covers (review 2026-12-06: both passed beside data
// searched on October). Such a statement is:
// - the headline's own clause (the answer's first total or count): "Vous avez dépensé 2 661,93 € en septembre 2026",
//   without the parts of its sentence that hold another amount ("(2 098,72 € en septembre)", ", après 79,51 € en
//   septembre", ", soit une hausse de 26,8 % sur septembre": a baseline, not what the answer covers);
// - the answer's opening sentence when it has no figures and comes before the headline ("Du 1er au 30 septembre
//   2026.", "Voici vos dépenses de septembre 2026.", "Aucune transaction en septembre 2026.");
// - a Markdown heading line ("# …", "## …", a whole-line bold "**Septembre 2026**") holding no amount;
// - a sentence with an explicit framing of the answer's data: "ces chiffres / montants / données / transactions
//   couvrent / portent sur / concernent …", "période analysée : …", "sur la période du … au …".
// Everything else is not (review 2026-12-07: each failed a healthy answer through the real suite): a follow-up
// sentence ("En septembre, c'était plus calme.", "En octobre aussi.", "Février 2026 : 2 356,00 €."), a comparison, a
// tip, a line under a "**Comparaison**" heading, ordinary words ("L'analyse de septembre…", "voici septembre 2026 :
// 2 098,72 €", "Sur la même période en octobre…"), a comparison's other side ("contre 2 100 € en septembre"), a
// relative period other than the one asked with its attached days ("le mois précédent (du 1er au 30 septembre
// 2026)"), the account's history or a suggestion ("Votre historique couvre …", "essayez …"), the extent of the
// user's data ("Vos données couvrent …", "depuis l'ouverture de votre compte").
import { MONTH_NAMES, WORD_END } from './calendar-words.ts'
import { type DayRange, foldKeep, type PeriodMention, periodMentions, statedDayRanges, statedFigures } from '../grounding/figures.ts'

type Relative = Extract<PeriodMention, { kind: 'relative' }>
/** One statement of what the answer covers. */
export type Claim =
  | { kind: 'range'; days: DayRange }
  | { kind: 'named'; month: number | null; year: number | null }
  | { kind: 'relative'; rel: Relative['rel']; unit: Relative['unit'] }

const MONTH_WORDS = MONTH_NAMES.join('|')
// A unit as a whole word: "cet anniversaire" or "la dernière annonce" name no year (the patterns using it carry `u`).
const UNIT_WORDS = `(?:jour|semaine|mois|trimestre|annee|an|periode)${WORD_END}`
const blank = (m: string): string => ' '.repeat(m.length)

// The other side of a comparison, from its cue to the end of its clause part (a comma not inside a figure, a closing
// parenthesis, a sentence mark). "que" counts only before a period or a figure ("plus qu'en septembre", "que le mois
// précédent"): "ce que vous avez dépensé en septembre" frames the answer.
const CUE = String.raw`\b(?:contre|par rapport (?:a|au|aux)|compar\w*|versus|vs|comme|au lieu d[eu']|alors qu|tandis qu|dont|hors|(?:identique|inferieur|superieur|similaire|equivalent|proche)\w* (?:a|au|aux|de)|qu(?:e\s+|'\s*)(?=en\b|le\b|la\b|l'|les\b|au\b|aux\b|du\b|d'|lors\b|pour\b|sur\b|(?:${MONTH_WORDS})${WORD_END}|\d))`
const COMPARED = new RegExp(String.raw`${CUE}[^;!?\n)]*?(?=,(?!\d)|\.(?!\d)|[;!?\n)]|$)`, 'gu')
// A relative period with its attached days or month: "le mois précédent (du 1er au 30 septembre 2026)", "le mois
// dernier, soit octobre 2026". Blanked when that period is not the one asked (the caller says which are).
const RELATIVE_ATTACHED = new RegExp(
  String.raw`\b(?:(?:le|la|l'|ce|cet|cette)\s*)?(?:${UNIT_WORDS}\s+(?:precedente?|d'avant|anterieure?|derniere?|passee?|en cours|actuelle?|courante?)|precedente?\s+${UNIT_WORDS}|derniere?\s+${UNIT_WORDS}|(?:ce|cet|cette)\s+${UNIT_WORDS}(?:-ci)?|aujourd'hui|hier)${WORD_END}(?:\s*(?:\(|,\s*soit|:|-)\s*[^.;!?\n)]*\)?)?`,
  'gu',
)
// An explicit framing of the answer's data: its subject is the data ("ces chiffres couvrent", "les données portent
// sur"), or the line names the period analysed ("Période analysée : …", "sur la période du … au …").
const DATA_WORDS = '(?:chiffres|montants|donnees|transactions|depenses|operations|resultats|totaux|statistiques)'
const FRAMING = new RegExp(
  String.raw`\b(?:ces|les|vos|tous ces|toutes ces)\s+${DATA_WORDS}\s+(?:\S+\s+)?(?:couvr\w*|recouvr\w*|concern\w*|port(?:e|ent) sur|correspond\w* (?:a|au|aux)|s'etend\w*)|\bperiode\s+(?:analysee|couverte|etudiee|consideree|retenue)\b|^[\s*_#>•\-]*periode\s*:|\bsur la periode (?:du|de|d'|allant)\b`,
)
// A Markdown heading: "#"…"######", or a whole line in bold ("**Septembre 2026**", "__Octobre__ :").
const HEADING = /^\s*(?:#{1,6}\s|(?:\*\*|__)[^*_\n]+(?:\*\*|__)\s*:?\s*$)/
// An amount: money or a rate ("2 098,72 €", "26,8 %"); a part of the headline's sentence holding one is another
// figure's (a baseline, an average, a change), not the headline's.
const AMOUNT = /\d(?:[\d \u00a0\u202f]*\d)?(?:[.,]\d+)?\s*(?:€|eur\b|euros?\b|%)/
// The account's history or a suggestion ("Votre historique couvre la période du 1er octobre 2025 au 24 novembre 2026 :
// essayez une date dans cet intervalle", the reference service's answer to a date before the history): what could be
// asked, not what the answer covers.
const ELSEWHERE = /\b(?:historique|disponibles?|intervalle|essaye[rz]|pourriez|vous pouvez)\b/
// The extent of the user's data, account or statements (a second review, 2026-12-05: « Vos données couvrent la période
// du 1er octobre 2025 au 24 novembre 2026 » failed q13 as another period): the data available, not the period
// answered. Only the user's data as a whole (« vos données », « votre compte », « vos relevés »), never the answer's
// figures (« ces données couvrent », « vos dépenses portent sur »), and only with a verb of extent.
const DATA_EXTENT =
  /\b(?:vos|votre|l'ensemble de vos|toutes vos)\s+(?:donnees|releves|comptes?)(?:\s+(?:bancaires?|enregistrees?|connues?|synchronisees?|importees?))?\s+(?:couvr\w*|remont\w*|s'etend\w*|commenc\w*|debut\w*|dat\w*\s+d)|\bdepuis\s+(?:l'ouverture|la creation|l'ajout|la synchronisation)\s+de\s+(?:votre|vos)\s+comptes?\b/

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

// A range stated without its year ("Du 1er au 30 septembre, vous avez dépensé …"): placed in the answer's own year
// when the caller knows it (review 2026-12-07: it passed beside data on October 2026, unplaced).
const WEEKDAY = '(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+)?'
const YEARLESS_RANGE = new RegExp(
  String.raw`\b(?:du|entre le|entre)\s+${WEEKDAY}(?:1er|\d{1,2})(?:\s+(?:${MONTH_WORDS}))?\s+(?:au|et le|et)\s+${WEEKDAY}(?:1er|\d{1,2})\s+(?:${MONTH_WORDS})\b(?!\s*\d)`,
  'g',
)
// A year named on its own after a word that frames it ("l'année 2025", "Bilan 2025") or opening a heading ("## 2025
// en bref"): the period parser reads a bare year only after a preposition ("en 2025").
const FRAMED_YEAR = /(?:\b(?:annee|bilan|exercice|recapitulatif)\s+|^[\s#*_]*)((?:19|20)\d{2})\b(?![.,]\d|\s*(?:€|eur|%))/g
// A month named alone after a framing verb or opening a heading ("Ces chiffres couvrent septembre.", "## Septembre"):
// the period parser reads a month without a year only after a preposition ("en septembre").
const FRAMED_MONTH = new RegExp(String.raw`(?:\b(?:couvr\w*|concern\w*|port(?:e|ent) sur)\s+|^[\s#*_]*)(${MONTH_WORDS})${WORD_END}(?!\s*\d)`, 'gu')
const MONTH_LIST = MONTH_WORDS.split('|')

/** The claims a sentence makes: its placed ranges, the months and years it names, its relative periods. */
function claimsOf(sentence: string, year: number | null): Claim[] {
  const text = year === null ? sentence : sentence.replace(YEARLESS_RANGE, (m) => `${m} ${year}`)
  const out: Claim[] = statedDayRanges(text).map((days) => ({ kind: 'range', days }))
  for (const p of periodMentions(text)) {
    if (p.kind === 'date' && p.day === null && (p.month !== null || p.year !== null)) out.push({ kind: 'named', month: p.month, year: p.year })
    else if (p.kind === 'relative' && p.rel !== 'other' && p.unit !== 'periode') out.push({ kind: 'relative', rel: p.rel, unit: p.unit })
  }
  const named = new Set(out.map((c) => (c.kind === 'named' ? `${c.month}/${c.year}` : '')))
  const framed: Array<{ month: number | null; year: number | null }> = [
    ...[...text.matchAll(FRAMED_YEAR)].map((m) => ({ month: null, year: Number(m[1]) })),
    ...[...text.matchAll(FRAMED_MONTH)].map((m) => ({ month: MONTH_LIST.indexOf(m[1] ?? '') + 1, year: null })),
  ]
  for (const f of framed) {
    if (!named.has(`${f.month}/${f.year}`)) out.push({ kind: 'named', ...f })
  }
  return out
}

const hasDigits = (figures: ReadonlyArray<{ index: number }>, s: Sentence): boolean =>
  figures.some((f) => f.index >= s.from && f.index < s.from + s.text.length)

/**
 * The headline's own clause: its sentence without the parts (between commas not inside a figure, or in parentheses)
 * that hold an amount and not the headline — "Vous avez dépensé 2 661,93 € en 36 transactions (2 098,72 € en
 * septembre)" keeps "Vous avez dépensé 2 661,93 € en 36 transactions". `at`: the headline's offset in the sentence.
 */
function headlineClause(text: string, at: number): string {
  let out = ''
  let from = 0
  for (const m of text.matchAll(/,(?!\d)|[()]/g)) {
    out += keptPart(text.slice(from, m.index), from, at) + m[0]
    from = (m.index ?? 0) + m[0].length
  }
  return out + keptPart(text.slice(from), from, at)
}
const keptPart = (part: string, from: number, at: number): string =>
  (at >= from && at < from + part.length) || !AMOUNT.test(part) ? part : blank(part)

/** Does a sentence frame the whole answer on its own (a heading, an explicit framing)? */
const frames = (text: string): boolean => (HEADING.test(text) && !AMOUNT.test(text)) || FRAMING.test(text)

// A sentence in the past of a comparison ("En septembre, vous y aviez dépensé 160,50 €", "En septembre, c'était
// 160,50 €") after the answer has stated an amount of its own speaks of an earlier period beside it: it is no headline
// (review 2026-12-08: "… une seule dépense récente : 56,11 € aujourd'hui. En septembre, vous y aviez dépensé
// 160,50 € …" failed as an answer about September). The answer's own amount may also come after it (review 2026-12-05:
// "En septembre, vous aviez dépensé 2 098,72 € ; en octobre, 2 661,93 € (36 transactions)" failed as an answer about
// September). Without an amount of its own anywhere else, it is the answer's own headline.
const PAST = /\b(?:aviez|avait|avions|avaient|etait|etaient|depensiez|depensait|payiez|representait|representaient)\b/

interface Framing {
  sentences: Sentence[]
  /** Index in `sentences` of the headline's sentence, and the headline's offset in the text (-1: none). */
  headline: number
  at: number
  figures: ReturnType<typeof statedFigures>
}

/** The sentences of the answer's own words and which one holds its headline (its first total or count). */
function framingOf(own: string, folded: string): Framing {
  const figures = statedFigures(own)
  const sentences = sentencesOf(folded).filter((s) => /\p{L}|\d/u.test(s.text))
  const sentenceAt = (i: number): number => sentences.findIndex((s) => i >= s.from && i < s.from + s.text.length)
  const inPast = (i: number): boolean => PAST.test(sentences[sentenceAt(i)]?.text ?? '')
  // An amount of the answer's own: any one before the sentence, or one after it outside a past-tense sentence.
  const ownAmount = (s: Sentence): boolean =>
    figures.some((f) => f.kind === 'amount' && f.value > 0 && (f.index < s.from || (f.index >= s.from + s.text.length && !inPast(f.index))))
  const headline = figures.find((f) => {
    if (f.role !== 'total' && f.role !== 'count') return false
    const s = sentences[sentenceAt(f.index)]
    return s === undefined || !(PAST.test(s.text) && ownAmount(s))
  })
  return { sentences, headline: headline === undefined ? -1 : sentenceAt(headline.index), at: headline?.index ?? -1, figures }
}

/** Does sentence `i` frame the whole answer: the headline's, a figureless opening before it, a heading, a framing? */
function framesAnswer(f: Framing, i: number): boolean {
  const s = f.sentences[i] as Sentence
  if (ELSEWHERE.test(s.text) || DATA_EXTENT.test(s.text)) return false
  const opening = i === 0 && !hasDigits(f.figures, s) && (f.at < 0 || f.at >= s.from + s.text.length)
  return i === f.headline || opening || frames(s.text)
}

/**
 * The spans [from, to) of `own` (the answer's own words) whose sentences frame the whole answer (see the header):
 * what the period check reads as the answer's period; a day named elsewhere ("La plus importante : 66,40 €
 * aujourd'hui.") is a detail of it.
 */
export function framingSpans(own: string): Array<[number, number]> {
  const f = framingOf(own, foldKeep(own))
  return f.sentences.flatMap((s, i) => (framesAnswer(f, i) ? [[s.from, s.from + s.text.length] as [number, number]] : []))
}

/**
 * Every statement of what the answer covers in `own` (the answer's own words: own-text.ts). `asked(rel)`: does a
 * relative period the answer names agree with a period the question asks? Another one's attached days are its own.
 * `year`: the answer's own year (its range's last day), which places a range stated without one.
 */
export function coverageClaims(own: string, asked: (rel: Relative) => boolean, year: number | null = null): Claim[] {
  const folded = foldKeep(own)
    .replace(COMPARED, blank)
    .replace(RELATIVE_ATTACHED, (m) => {
      const named = periodMentions(m).find((p): p is Relative => p.kind === 'relative')
      return named !== undefined && !asked(named) ? blank(m) : m
    })
  const f = framingOf(own, folded)
  const out: Claim[] = []
  for (const [i, s] of f.sentences.entries()) {
    if (!framesAnswer(f, i)) continue
    out.push(...claimsOf(i === f.headline ? headlineClause(s.text, f.at - s.from) : s.text, year))
  }
  return out
}
