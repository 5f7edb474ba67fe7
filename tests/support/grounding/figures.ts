// The figures a French answer states, read as a reader would: amounts (`1 234,56 €`, `1234.56€`, `€ 12`, `2,7 k€`,
// `deux cent quarante-cinq euros`), counts (`36 transactions`, `trois achats`), percentages (`12 %`, `+33,2 %`,
// `douze pour cent`), each with what it claims to be — the total, the average, the count, a change (with its
// direction: hausse/baisse/augmente/diminue), a share — and how precisely it was written, so that a comparison
// with the figures the answer carries allows exactly the rounding the writer used. Pure: text in, figures out.
// Dates ("1er janvier 1970", "24 novembre 2026"), durations ("13 derniers mois") and scores carry no unit and are
// never figures. See docs/grounding.md.
import { MONTH_NAMES, WORD_START } from '../checks/calendar-words.ts'
import { isoDay } from '../../../core/utc-text.ts'

export type FigureKind = 'amount' | 'count' | 'percent'
/** What a figure claims to be; null: nothing says (a lone amount in a list). */
export type FigureRole = 'total' | 'income' | 'average' | 'count' | 'change' | 'share' | null
export type Direction = 'up' | 'down' | 'stable'
/**
 * How the writer bounded it: "environ 2 700 €" (approx), "plus de 30 %" (atLeast), "moins de 5" (atMost), "de 25 à
 * 30 %" (range: the figure is the range's upper end, `low` its lower end).
 */
export type Bound = 'exact' | 'approx' | 'atLeast' | 'atMost' | 'range'

export interface StatedFigure {
  kind: FigureKind
  /** Absolute value: euros, a count, percentage points. */
  value: number
  /**
   * Explicit sign of a change written before it ("+33,2 %", "-4,34 € par mois", "-833,82 € par rapport au mois
   * dernier"); null when unsigned, and for a debit written negative (`debit`).
   */
  sign: 1 | -1 | null
  /** The figure as written (one line). */
  text: string
  /** Offset of the figure in the text it was read from. */
  index: number
  /**
   * Half of the last written unit: "2 662 €" → 0.5, "73,94 €" → 0.005, "2,7 k€" → 50. Only the written digits are
   * rounded: a multiplied figure without decimals ("3 k€") is as precise as the euro (3 000 € ± 0,50), not ± 500 €.
   */
  halfUnit: number
  /**
   * The step the writer rounded to, read when the figure approximates or bounds ("environ", "plus de"): the unit of
   * its last non-zero written digit, five of them when that digit is a 5 ("2 900" → 100, "2 650" → 50, "2 500" →
   * 500, "3 000" → 1 000, "2,7 k€" → 100, "73,94" → 0,01). See roundingStep.
   */
  step: number
  bound: Bound
  /** The lower end of a range ("une hausse de 25 à 30 %" → 25, the figure being 30); null otherwise. */
  low: number | null
  /** The figure with the words that bound it, as written ("environ 2 900 €", "plus de 100 €"); `text` when exact. */
  said: string
  role: FigureRole
  /** For a change (or a signed figure): the direction its words or sign give. */
  direction: Direction | null
  /** A per-period rate ("… € par mois"): not a total of the answer. */
  perPeriod: boolean
  /** A subset count ("7 dépenses inhabituelles", "dont 3 achats"): not the answer's count. */
  subset: boolean
  /**
   * An amount that is a difference said in words ("833,82 € de plus que…", "X € de moins qu'en…", "X €
   * supplémentaires", "une différence de X €", "un écart de X €"): not the answer's total; its direction, when its
   * words give one, is `direction`. A signed amount ("+833,82 €") is a difference too, told by its `sign`.
   */
  difference: boolean
  /**
   * An amount written with a minus sign that its words do not make a change (signedChange): a debit written negative
   * ("vous avez dépensé -2 661,93 €", "Total : -2 661,93 €", "montant moyen : -73,94 €", a purchase line "-56,11 €").
   * It is the amount itself: `sign` is null, its role read as for any amount, compared in absolute value.
   */
  debit: boolean
  /**
   * A figure of a projection or a hypothesis ("À ce rythme, cela représenterait environ 32 000 €", "vous économiseriez
   * 635 €", "d'ici la fin du mois", "si vous …, vous passeriez à 310 €"): no figure the answer states as a fact, of no
   * role (see hypotheticalAt).
   */
  hypothetical: boolean
  /** The clause it sits in (folded), for callers that look for a label or a subject. */
  clause: string
  /** Offset of the figure in `clause`: what precedes it is its subject, what follows may be a cause. */
  clauseAt: number
  /** The periods its sentence names outside a coverage range ("en mai 2025", "le mois précédent"). */
  periods: readonly PeriodMention[]
  /**
   * The periods its own part of the clause names, its scope (withSides): "le mois dernier" for 2 661,93 € and
   * "septembre" for 2 098,72 € in « Le mois dernier, vous avez dépensé 2 661,93 €, contre 2 098,72 € en septembre »;
   * its clause's `periods` when its part names none.
   */
  sidePeriods: readonly PeriodMention[]
}

/**
 * A period a sentence names: relative ("le mois dernier" → last/mois, "le mois précédent" → prev/mois, "ce mois-ci"
 * → current/mois, "aujourd'hui" → current/jour) or a calendar date (day, month, year; unknown parts null). Coverage
 * ranges ("du 1er au 31 octobre 2026", "depuis 2020", "sur les 30 derniers jours") say what the answer covers, not
 * another period: they are not mentions.
 */
export type PeriodMention =
  | { kind: 'relative'; rel: 'last' | 'prev' | 'current' | 'other'; unit: 'jour' | 'semaine' | 'mois' | 'trimestre' | 'an' | 'periode' }
  | { kind: 'date'; day: number | null; month: number | null; year: number | null }

/** Lower case, accents removed, typographic apostrophes and spaces made plain — with the length of the text kept. */
export function foldKeep(text: string): string {
  // ASCII runs fold to their lower case in one native call each; the other characters one by one (memoized).
  let out = ''
  let from = 0
  for (const m of text.matchAll(NON_ASCII)) {
    const at = m.index ?? 0
    out += text.slice(from, at).toLowerCase() + foldChar(m[0])
    from = at + m[0].length
  }
  return from === 0 ? text.toLowerCase() : out + text.slice(from).toLowerCase()
}

const NON_ASCII = /[^\u0000-\u007f]/gu
/** Each character folded once per process (normalize + a Unicode regex per character was most of the grounding cost). */
const foldedChars = new Map<string, string>()

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch)
  if (folded === undefined) {
    const plain = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    folded = (plain.length === ch.length ? plain : ch).replace(/[\u2018\u2019\u02bc]/, "'").replace(/[\u00a0\u202f\u2007]/, ' ')
    if (foldedChars.size < 4096) foldedChars.set(ch, folded)
  }
  return folded
}

// ── Numbers in digits ─────────────────────────────────────────────────────────────────────────────────────────

const SP = String.raw`[ \u00a0\u202f\u2007]`
// Grouped thousands ("1 234,56", "1.234,56", "12 345") first, then plain ("1234.56", "245,30", "12").
const DIGITS = String.raw`\d{1,3}(?:(?:${SP}|\.)\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+\.\d+|\d+(?:[.,]\d+)?`

/** "1 234,56" → 1234.56 (decimals 2); "1.234" → 1234; "1234.56" → 1234.56; "1,234.5" → 1234.5. */
export function parseDigits(raw: string): { value: number; decimals: number } | null {
  let s = raw.replace(/[ \u00a0\u202f\u2007]/g, '')
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  let decimalSep: ',' | '.' | null = null
  if (lastComma !== -1 && lastDot !== -1) decimalSep = lastComma > lastDot ? ',' : '.'
  else if (lastComma !== -1) decimalSep = s.indexOf(',') === lastComma ? ',' : null
  else if (lastDot !== -1) decimalSep = s.indexOf('.') === lastDot && !/^\d{1,3}\.\d{3}$/.test(s) ? '.' : null
  let decimals = 0
  if (decimalSep !== null) {
    const at = s.lastIndexOf(decimalSep)
    decimals = s.length - at - 1
    s = `${s.slice(0, at).replace(/[.,]/g, '')}.${s.slice(at + 1)}`
  } else {
    s = s.replace(/[.,]/g, '')
  }
  const value = Number(s)
  return Number.isFinite(value) ? { value, decimals } : null
}

// ── Numbers in words (up to the millions) ─────────────────────────────────────────────────────────────────────

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
}
const WORD = Object.keys(UNITS).concat(['cent', 'cents', 'mille', 'et']).join('|')
// A run of number words joined by spaces or hyphens ("deux cent quarante-cinq", "vingt et un", "mille").
// A run never starts with "et" ("… et € 3" is not a number in words).
const WORDS = `(?:${WORD.replace('|et', '')})(?:[ -](?:${WORD}))*`

/** "deux cent quarante-cinq" → 245, "quatre-vingt-dix-neuf" → 99, "trois mille deux cents" → 3200; null if not a number. */
export function parseWords(text: string): number | null {
  const tokens = text.split(/[ -]+/).filter((t) => t !== '')
  if (tokens.length === 0 || tokens[0] === 'et' || tokens[tokens.length - 1] === 'et') return null
  let total = 0
  let current = 0
  let previous = ''
  for (const t of tokens) {
    if (t === 'et') {
      previous = t
      continue
    }
    if (t === 'cent' || t === 'cents') current = (current === 0 ? 1 : current) * 100
    else if (t === 'mille') {
      total += (current === 0 ? 1 : current) * 1000
      current = 0
    } else if ((t === 'vingt' || t === 'vingts') && previous === 'quatre') current += 80 - 4
    else {
      const n = UNITS[t]
      if (n === undefined) return null
      current += n
    }
    previous = t
  }
  return total + current
}

// ── Units, roles, directions ──────────────────────────────────────────────────────────────────────────────────

// Digits right after "/" are a figure ("2 661,93 €/40 transactions", "36 achats/2 961,93 €"), unless they are part of
// a numeric date ("01/01/1971"): statedFigures skips figures inside a NUMERIC_DATE match.
const NUMBER = String.raw`(?<![\p{L}\p{N}.,])(?:(?<digits>${DIGITS})|(?<words>${WORDS}))`
const SIGN = String.raw`(?<sign>[+\-\u2212]${SP}?)?`
const MULTIPLIER = `(?:${SP}*(?<mult>k|millions?|milliers?|mille)(?:${SP}+d')?)?`
const AMOUNT_UNIT = String.raw`${SP}*(?:€|eur(?:os?)?(?![\p{L}]))`
const PERCENT_UNIT = String.raw`${SP}*(?:%|pour${SP}?cents?(?![\p{L}])|pourcents?(?![\p{L}]))`
// Besides the nouns of a transaction, the nouns that count visits or purchases one transaction each ("3 passages en
// caisse", "2 trajets SNCF", "4 commandes", "2 visites", "3 retraits"): a count of the answer's transactions like any
// other (third review, 2026-12-05: "3 passages en caisse pour 56,11 €" for 1 transaction was never read). Nouns of
// other things ("3 catégories", "2 mois", "5 jours", "2 billets", "3 articles") are not counts of transactions.
const COUNT_NOUN = String.raw`(?<noun>transactions?|operations?|achats?|depenses?|paiements?|prelevements?|virements?|mouvements?|debits?|credits?|reglements?|passages?|trajets?|commandes?|visites?|retraits?)(?![\p{L}])`
const COUNT_UNIT = `${SP}+(?:seule?s?${SP}+)?${COUNT_NOUN}`

// Euros and cents written apart: "2 661 euros et 93 centimes", "2 661 € 93", "deux mille six cent soixante et un euros
// quatre-vingt-treize". With "centimes" any 1–99; bare (no "centimes"), two digits or a number word of 10–99, then
// the end of the clause or a word that cannot start a figure's unit ("2 661 € 93 en 36 transactions"): "50 € 12
// achats", "1 200 € 15 %", "50 euros un peu plus" take no cents. Only after a whole amount (statedFigures).
const CENTS_NEXT = String.raw`(?=${SP}*(?:$|[.,;:!?)\]\n|])|${SP}+(?:en|sur|pour|soit|dont|et|ou|au|le|la|ce|cette|chez|avec|contre|pendant|depuis|ttc|environ|par rapport)(?![\p{L}']))`
const CENTS = String.raw`(?<centsPart>${SP}+(?:et${SP}+)?(?<cents>\d{1,2}|${WORDS})${SP}+centimes?(?![\p{L}])|${SP}+(?<centsBare>\d{2}|${WORDS})(?![\p{L}\p{N}-])${CENTS_NEXT})`
// A count written as a label and its value: "Nombre de transactions : 26", "- Nombre d'opérations : 63",
// "Transactions : 63", "Nb de transactions = 36". Only labels that name a count: "Dépenses : 2 662" or "Débits : 36"
// may be amounts written without their unit, so those nouns count only after "nombre de". Read by statedFigures
// only when the value is a whole number without a unit after it, and the label opens its line, list item or sentence:
// "Carrefour : 560 € — Nombre de transactions : 12" or "Fnac (Transactions : 3)" count one merchant's, not the answer's.
const COUNT_LABEL = String.raw`(?:^|\n|[.!?;]${SP})[ \t]*(?:(?:[-•]|\d{1,2}[.)])[ \t]+)?(?:(?:nombre|nb)(?:${SP}+total)?${SP}+(?:de${SP}+|d')?${COUNT_NOUN.replace('(?<noun>', '(?:')}|transactions|operations)${SP}*[:=]${SP}*`
const FIGURE = new RegExp(
  String.raw`${SIGN}${NUMBER}(?:${MULTIPLIER}(?<amount>${AMOUNT_UNIT})${CENTS}?|(?<percent>${PERCENT_UNIT})|(?<count>${COUNT_UNIT}))|(?<euroFirst>(?:€|(?<![\p{L}])eur(?![\p{L}]))${SP}*)(?<sign2>[+\-\u2212])?(?<digits2>${DIGITS})(?![\d])|(?<=${COUNT_LABEL})(?<labelCount>\d{1,3}(?:${SP}\d{3})+|\d+)(?![\p{N}]|[.,]\d|${SP}\d|${SP}*(?:€|eur|%|pour|k|mill))`,
  'gu',
)

// Clause boundaries: a figure's role comes from its own clause, never from the sentence before.
const CLAUSE_END = /[.!?;\n]|\s[-–—]\s|\|/g

const APPROX_WORDS = '(?:environ|pres de|presque|quasiment|autour de|approximativement|a peu pres|~|≈)'
const APPROX =
  /(?:environ|pres de|pres d'|presque|quasiment|autour de|autour des|aux alentours de|de l'ordre de|quelque|pas loin de|approximativement|a peu pres|dans les|grosso modo|en gros|~|≈)\s*$/
/** An approximation said after the figure: "2 660 € environ", "2 700 € à peu près". */
const APPROX_AFTER = /^\s*(?:environ|a peu pres|approximativement|grosso modo|ou presque)(?![\p{L}])/u
const AT_LEAST = /(?:plus de|au moins|au-dela de|superieure? a|depasse(?:nt)?|minimum)\s*$/
const AT_MOST = /(?:moins de|au plus|jusqu'a|inferieure? a|maximum|a peine)\s*$/

// A direction is said in words or with an arrow, alone or beside them ("Tendance : ↘ baisse", "▲ 33,2 %", "📉"); the
// plain arrows "→" and "->" join two amounts ("2 514 € → 3 348 €") and say no direction.
const UP_ARROWS = '↗|⬈|⇗|↑|⬆|⇑|⇡|⤴|▲|▴|🔺|📈'
const DOWN_ARROWS = '↘|⬊|⇘|↓|⬇|⇓|⇣|⤵|▼|▾|🔻|📉'
// Words begin a word: "abondant" holds "bond", "parachute" "chute", "rabaisse" "baisse" — none says a direction.
const UP = new RegExp(
  `(${WORD_START}(?:hausse|augment|progress|grimp|bond|accru|accroissement|plus que|de plus|en plus|plus eleve|superieure? a (?:la|le|celle|celui))|${UP_ARROWS})`,
  'u',
)
const DOWN = new RegExp(
  `(${WORD_START}(?:baisse|diminu|recul|chute|repli|reduction|reduit|moins que|de moins|en moins|moins eleve|inferieure? a (?:la|le|celle|celui))|${DOWN_ARROWS})`,
  'u',
)
const STABLE = /(stable|stabilit|inchange|constant)/

// ── The average: a cue of its own clause, on either side ─────────────────────────────────────────────────────
// "Le montant moyen par transaction s'élève à 73,94 €", "(30,74 € par transaction en moyenne)", "soit 30,74 € chacune",
// "En moyenne, chaque achat s'élève à 30,74 €": an average cue in the amount's own clause makes it the average, even
// beside a generic total verb ("s'élève", "total") — the verb says "amounts to", the cue says of what. Only a real
// average phrase does: "moyen(ne)" or "en moyenne" in the clause, or a per-unit "par <unit>" / "chacun(e)" attached
// to the amount (right after it, or "par transaction s'élève à" right before it). "chaque prélèvement compris, vous
// avez dépensé 2 961,93 €" or "2 961,93 € d'achats unitaires" state a total (review 2026-12-05: both made a wrong
// total an unchecked average).
const UNIT_NOUN = String.raw`(?:transactions?|operations?|achats?|depenses?|paiements?|prelevements?|mouvements?|debits?|reglements?|articles?|tickets?|passages?|visites?|commandes?)`
const MEAN_WORD = String.raw`(?:en moyenne|\bmoyen(?:ne)?s?\b(?! de paiement))`
const PER_UNIT = String.raw`(?:\bpar ${UNIT_NOUN}\b|\bchacun(?:e)?s?\b)`
const AVERAGE_BEFORE = new RegExp(MEAN_WORD)
// "par transaction s'élève à 30,74 €", "chacun : 30,74 €": the per-unit cue, then at most the verb that leads to the amount.
const PER_UNIT_BEFORE = new RegExp(
  String.raw`${PER_UNIT}\s*(?:(?:s'eleve(?:nt)?|s'elevait|est|etait|revient|se monte|atteint)(?:\s+(?:a|de|en moyenne))?|:|=)?\s*(?:${APPROX_WORDS}\s*)?$`,
)
// "supérieur à la moyenne", "par rapport à votre moyenne", "plus qu'en moyenne": a norm the amount is compared with, not its role.
const NORM = /(?:\b(?:a|de|que|sous|dessus|dessous) (?:la|votre|sa|leur) moyenne(?: habituelle)?|\b(?:plus|moins) qu'en moyenne)/g
// What ends the amount's own clause on its left: a parenthesis, a clause mark, a conjunction opening another clause.
const OWN_BEFORE_END =
  /(?:[()[\];!?]|\b(?:et|soit|mais|dont|contre|tandis que|alors que|puis)\b)(?![\s\S]*(?:[()[\];!?]|\b(?:et|soit|mais|dont|contre|tandis que|alors que|puis)\b))/
// On its right it ends sooner: at any comma or colon, a conjunction, a preposition leading to another figure, a digit.
const OWN_AFTER_END = /[,;:()[\].!?\d]|\b(?:et|soit|mais|dont|pour|avec|sur|contre|tandis|alors|puis)\b/
// After the amount: a per-unit cue right after it ("31 € par achat", "30,74 € chacun", "30 € l'unité"), or a mean word
// first or after at most two words ("30,74 € de panier moyen", "30,74 € en moyenne").
const AVERAGE_AFTER = new RegExp(String.raw`^\s*(?:${PER_UNIT}|a l'unite\b|l'unite\b|(?:[\p{L}'-]+\s+){0,2}?${MEAN_WORD})`, 'u')

/** The words of the amount's own clause on its left: from the last clause mark, or a colon that opens a clause of its own. */
function ownBefore(near: string): string {
  const cut = OWN_BEFORE_END.exec(near)
  let own = cut === null ? near : near.slice((cut.index ?? 0) + cut[0].length)
  // "montant moyen : 73,94 €" is a label and its value; "panier moyen stable : vous avez dépensé 2 661,93 €" two clauses.
  const colon = own.lastIndexOf(':')
  if (
    colon !== -1 &&
    own
      .slice(colon + 1)
      .trim()
      .split(/\s+/).length >= 3
  )
    own = own.slice(colon + 1)
  return own
}

/** An average or per-unit cue in the amount's own clause, either side. */
function averageCue(near: string, after: string): boolean {
  const before = ownBefore(near).replace(NORM, ' ')
  const end = OWN_AFTER_END.exec(after)
  const right = (end === null ? after : after.slice(0, end.index)).replace(NORM, ' ')
  return AVERAGE_BEFORE.test(before) || PER_UNIT_BEFORE.test(near) || AVERAGE_AFTER.test(right)
}

const INCOME_CUE = /(credits?\s*:|revenus?|recu|encaisse|gagne|salaire)[^€%\d]{0,40}$/
const TOTAL_CUE =
  /(total|(?:avez|aviez|ai|avais|avons|avions|a|avait|aurez|aurait) (?:depense|paye|regle|debourse|consacre)|depense au total|s'elev|(?:s'est|se sont) (?:elevee?s?|montee?s?) a|debits?\s*:|vos depenses\s*\(|montant des depenses|somme de|cumul|totalise|represente(?:nt)? un montant)[^€%\d]{0,60}$/
const TOTAL_AFTER = /^\s*(?:de depenses\s+)?(?:au total|en tout|de depenses)/
/**
 * The words a total cue is read from: those since the previous figure, less what belongs to that figure — "du total"
 * right after it ("45 % du total") — and any parenthesis closed before the amount: "(14 950,00 €, soit 45 % du
 * total), devant l'Alimentation (6 074,55 €)" gives the Alimentation's amount no total role (review 2026-12-05), while
 * "Total (hors virements) : 2 661,93 €" keeps its cue.
 */
function totalCueText(near: string): string {
  const own = near.replace(/^\s*(?:du|de votre|de vos) (?:total|depenses totales)\b/, ' ').replace(/\([^()]*\)/g, ' ')
  const closed = own.lastIndexOf(')')
  return closed === -1 ? own : own.slice(closed + 1)
}
const SHARE_CUE = /(represente|soit|part|dont|de vos depenses|du total|des depenses)/
// "revenu mensuel moyen (…)", "budget annuel de": a rate named before the amount.
// Whole words: "par analyse" or "par anomalie" is no rate per year.
const RATE_BEFORE =
  /(?<![\p{L}])(mensuel|mensuelle|hebdomadaire|annuel|annuelle|quotidien|quotidienne|par mois|par an|par jour|par semaine)(?![\p{L}])[^€%\d]{0,25}$/u
const PER_PERIOD = /^\s*(?:par|\/)\s*(?:mois|an|annee|semaine|jour)(?![\p{L}])|^\s*(?:mensuel|annuel|hebdo)/u
/** Words of unusual spending (claims/anomaly-details.ts reads a clause about unusual spending with them). */
export const ANOMALY_CONTEXT =
  /(inhabituel|anormal|anomal|atypique|suspect|marquant|exceptionnel|inattendu|insolite|surprenant|ordinaire|se demarque|se distingue|frappant|signale)/
// A count whose noun is qualified right after it counts a subset, not the answer's whole: an adjective ("7 dépenses
// inhabituelles / atypiques / marquantes", "3 prélèvements récurrents"), a relative clause that singles them out by
// the unusual-spending words or a threshold ("7 dépenses qui sortent de l'ordinaire", "4 achats qui dépassent
// 500 €"), a threshold ("5 paiements de plus de 100 €"). A relative clause that only describes them ("36 transactions
// qui totalisent 2 661,93 €") does not (a second review, 2026-12-05: only "inhabituelles" was read as a subset).
const SUBSET_AFTER = new RegExp(
  String.raw`^\s*(?:inhabituel|suspect|anorma|recurrent|important|exceptionnel|dernier|derniere|plus |recent|identifi|signal|similaire|double|dupliqu|en double|identique|supplementaire|en trop|annule|rembourse|refuse|en attente|${ANOMALY_CONTEXT.source}|(?:qui|que|dont)\s[^.;:!?\d€]{0,40}?(?:${ANOMALY_CONTEXT.source}|depass|exced|superieur|au-dela)|(?:de|d'un montant de)\s+(?:plus|moins)\s+d(?:e\s|')|(?:superieure?s?|inferieure?s?)\s+a\s|(?:au-dela|au-dessus|en dessous)\s+d(?:e\s|')|depassant|excedant)`,
)
const SUBSET_BEFORE = /(dont|parmi|les|vos|ces|des|de ces)\s*$/
// "7 transactions sur 405", "3 achats parmi les 36", "2 dépenses de vos 36": a part of a whole counted after it,
// whatever cue precedes ("Au total, 7 transactions sur 405…"): the first count is the part, the second the whole.
const PART_OF_AFTER = /^\s*(?:sur|parmi|d'entre|des|de vos|de ces)\s+(?:les\s+|vos\s+|ces\s+)?\d/
// "7 sur 405 transactions", "7 de vos 405 transactions", "3 parmi les 36 achats": the count after a part is the whole.
const WHOLE_AFTER_PART = /\d\s+(?:[\p{L}'-]+\s+){0,2}?(?:sur|parmi|d'entre|des|de vos|de ces)\s+(?:les\s+|vos\s+|ces\s+)?$/u
// "une transaction" is a count only when the sentence really counts ("en une transaction", "une seule").
const ONE_COUNTS = /(?:^|\s)(?:en|qu'|effectue|trouve|realise|fait)\s*$/

function halfUnitOf(decimals: number): number {
  return 0.5 * 10 ** -decimals
}

/**
 * The step a rounded figure was rounded to, from its written digits: "2 900" (decimals 0) → 100, "2,7" (1) → 0.1,
 * "2 650" → 50 and "2 500" → 500 (a last digit 5 after a higher one is a half step: "environ 2 650 €", "plus de
 * 2 500 €"), "50" → 10, "0" → its last written unit. A reader of "environ 2 900 €" infers a value that rounds to 2 900 at the hundreds.
 */
export function roundingStep(value: number, decimals: number): number {
  let digits = Math.round(value * 10 ** decimals)
  let unit = 10 ** -decimals
  if (digits === 0) return unit
  while (digits % 10 === 0) {
    digits /= 10
    unit *= 10
  }
  // A 5 after a higher digit is a half step ("2 650", "2 500"); a lone 5 ("50 %", "500 €") is a figure of its own
  // unit: read as a half step it would hold anything from 0 to twice it (review 2026-12-05: "environ 50 %" for 33,2 %).
  return digits % 10 === 5 && digits > 5 ? 5 * unit : unit
}

function multiplierOf(mult: string | undefined): number {
  if (mult === undefined) return 1
  if (mult === 'k' || mult.startsWith('mill') || mult === 'mille') return mult.startsWith('million') ? 1_000_000 : 1000
  return 1
}

/** A clause boundary at `at`: . ! ? ; | or a line break (a dot between digits is a decimal or thousands mark). */
function boundaryAt(text: string, at: number): boolean {
  const ch = text[at]
  if (ch === '.') return !(/\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? ''))
  return ch === '!' || ch === '?' || ch === ';' || ch === '\n' || ch === '|'
}

/** The clause around [start, end): scanned locally (never the whole text per figure: answers can be megabytes). */
function clauseAround(folded: string, start: number, end: number): { before: string; after: string; clause: string } {
  const limit = 400
  let from = start
  while (from > 0 && start - from < limit && !boundaryAt(folded, from - 1)) from--
  let to = end
  while (to < folded.length && to - end < limit && !boundaryAt(folded, to)) to++
  return { before: folded.slice(from, start), after: folded.slice(end, to), clause: folded.slice(from, to) }
}

function directionOf(text: string): Direction | null {
  return directionIn(text)?.direction ?? null
}

// A bound between a change noun or verb and its number ("une baisse de plus de 20 %", "une hausse de moins de 30 %",
// "a diminué de plus de 800 €") qualifies the size, never the direction: blanked (same length) before the direction
// words are read, so the change word says the direction ("baisse de plus de 20 %" was read as a rise). Only there:
// without a change word before it, "vous dépensez de moins de 40 %" keeps "de moins" as its only direction. Also at
// the end of a text: the words before a figure end with its bound.
const SIZE_BOUND = new RegExp(
  String.raw`\b(?:plus|moins)\s+d(?:e\s+|')(?=\s*(?:[+\-\u2212]\s?)?(?:\d|(?:${WORD.replace('|et', '')})(?![\p{L}]))|\s*$)`,
  'gu',
)
const CHANGE_WORD_THEN_DE = new RegExp(
  String.raw`${WORD_START}(?:hausse|augment|progress|grimp|bond|accru|accroissement|baisse|diminu|recul|chute|repli|reduction|reduit)\p{L}*\s+d(?:e\s+|')$`,
  'u',
)

/** The direction a text's words give and where its word sits (the nearer, later, of a rise and a fall). */
export function directionIn(fullText: string): { direction: Direction; at: number } | null {
  const text = fullText.replace(SIZE_BOUND, (m, at: number) =>
    CHANGE_WORD_THEN_DE.test(fullText.slice(Math.max(0, at - 40), at)) ? ' '.repeat(m.length) : m,
  )
  const up = UP.exec(text)
  const down = DOWN.exec(text)
  if (up && down) return up.index > down.index ? { direction: 'up', at: up.index } : { direction: 'down', at: down.index }
  if (up) return { direction: 'up', at: up.index }
  if (down) return { direction: 'down', at: down.index }
  const stable = STABLE.exec(text)
  return stable === null ? null : { direction: 'stable', at: stable.index }
}

// A range after a change word: "une hausse de 25 à 30 %", "en baisse de 20 % à 25 %", "augmenté d'entre 25 et 30 %".
// Its upper end is the figure; its lower end (digits, with or without its unit) is read here. Only after a change
// noun or verb: "passé de 10 % à 15 %" is a move between two values, not a range.
const CHANGE_WORD_END = new RegExp(String.raw`(?:${UP.source}|${DOWN.source})[\p{L}]*\s*$`, 'u')
const RANGE_LOW = new RegExp(String.raw`(?:\bde\s+|\bd'|\bentre\s+)(?:entre\s+)?(${DIGITS})(?:${PERCENT_UNIT})?\s+(?:a|et)\s+$`, 'u')
const RANGE_LOW_ALONE = /(?:\bde\s+|\bd'|\bentre\s+)(?:entre\s+)?$/u
const RANGE_HIGH_AFTER = new RegExp(String.raw`^\s+(?:a|et)\s+(?:${DIGITS})${PERCENT_UNIT}`, 'u')

/**
 * The lower end of a range before a figure, with how many characters "25 à " takes; `alone`: the words before the
 * lower end itself ("une hausse de "), to tell it is one. Null when the figure ends no range after a change word.
 */
function rangeLow(before: string, alone: boolean): { value: number; length: number } | null {
  const m = (alone ? RANGE_LOW_ALONE : RANGE_LOW).exec(before)
  if (m === null || !CHANGE_WORD_END.test(before.slice(0, m.index))) return null
  if (alone) return { value: 0, length: 0 }
  const parsed = parseDigits(m[1] ?? '')
  const at = before.length - m[0].length + m[0].indexOf(m[1] ?? '')
  return parsed === null ? null : { value: parsed.value, length: before.length - at }
}

/** The bound the words before a figure give, and how many characters they take (to quote them). */
function boundOf(before: string): { bound: Bound; length: number } {
  for (const [re, bound] of [
    [APPROX, 'approx'],
    [AT_LEAST, 'atLeast'],
    [AT_MOST, 'atMost'],
  ] as const) {
    const m = re.exec(before)
    if (m !== null) return { bound, length: m[0].length }
  }
  return { bound: 'exact', length: 0 }
}

/** Strips Markdown emphasis so that "**2 661,93 €**" reads like "2 661,93 €" (same length: offsets stay valid). */
function unmark(text: string): string {
  return text.replace(/[*_`]/g, ' ')
}

/** The last text read and its unmarked, folded form: figures and directions read the same answer one after the other. */
let lastRead = { text: '', folded: '' }
function readable(text: string): string {
  if (lastRead.text !== text) lastRead = { text, folded: foldKeep(unmark(text)) }
  return lastRead.folded
}

/** Text read per field: a real answer is a few hundred characters; a multi-megabyte one is read from its start. */
export const MAX_READ_CHARS = 8_000

// A difference said in words: "833,82 € de plus que…", "X € de moins qu'en…", "X € supplémentaires", "X € en plus",
// "une différence de X €", "un écart de X €" (the words between them stay in one clause, no comma: "Par rapport à
// l'écart habituel, vous avez dépensé 2 661,93 €" states a total).
const DIFF_AFTER = /^\s*(?:de plus|de moins|en plus|en moins|supplementaires?|de trop)(?![\p{L}])/u
const DIFF_BEFORE = /(?:difference|ecart)(?![\p{L}])[^€%\d.;:(),]{0,40}$/u
// An amount a move is "of": "en baisse de 833,82 €", "ont augmenté de 833,82 €" — the change, never the total; its
// word gives its direction (review llm 2026-12-05: a fall stated so on v3 beside a rise was never read).
const MOVE_BEFORE =
  /(?:en (?:hausse|baisse)|(?:augment|diminu|baiss|recul|progress|grimp|chut)\p{L}*) (?:de |d')(?:environ |pres de |plus de |moins de )?$/u

// ── A minus sign: a change, or a debit written negative ─────────────────────────────────────────────────────────
// Review 2026-12-06: « vous avez dépensé -2 999,99 € » beside a card of 2 661,93 € passed, every signed amount being
// read as a difference. A minus makes a change only when the words around it do:
// - a change word leads to it ("en baisse de -56 €", "Variation : -56 €", "écart de", "évolution", an arrow), with no
//   comma between;
// - a comparison follows it ("-833,82 € par rapport au mois dernier", "-56 € vs octobre", "-56 € de moins");
// - it stands in parentheses right after another figure ("3 348,06 € (-833,82 €)");
// - it is a rate ("-4,34 € par mois": a slope);
// - a Markdown column headed évolution, variation, écart, différence, delta or Δ holds it;
// - its paragraph also writes a "+" amount (a +/- pair: "Shopping +151,02 €, Transport -56,11 €"), unless its own
//   words give it a role (a total, an average, an income).
// Otherwise it is the amount itself: "vous avez dépensé -56,11 €", "Total : -2 661,93 €", "montant moyen : -46,98 €",
// a purchase line "-56,11 €".
const SIGNED_CHANGE_BEFORE = new RegExp(
  String.raw`(?:${WORD_START}(?:hausse|baisse|augment|diminu|recul|progress|grimp|chut|evolu|variation|ecart|difference|delta|economis)\p{L}*|Δ|${UP_ARROWS}|${DOWN_ARROWS})[^€%\d.;,)]{0,50}$`,
  'u',
)
const SIGNED_CHANGE_AFTER =
  /^\s*(?:par rapport|vs\b|versus|compar|de plus|de moins|en plus|en moins|d'ecart|de difference|d'evolution|de variation|que (?:le|la|l'|les|sur|lors|pendant|en)\b|qu'(?:en|au|a)\b|sur un (?:an|mois)|en un (?:an|mois))/u
const PAREN_AFTER_FIGURE = /(?:€|\beur(?:os)?|%|\d)\s*\*{0,2}\s*\(\s*$/u
const CHANGE_HEADER = /(?:evolution|variation|ecart|difference|delta|Δ|\bvs\b|\bvar\.)/u
const PLUS_AMOUNT = /(?<![\p{L}\p{N}])\+\s?\d[\d \u00a0\u202f.,]*\s*(?:k\s*)?(?:€|eur)/u

/** A minus-signed amount that its words make a change (see above), not a debit written negative. */
function signedChange(folded: string, start: number, near: string, after: string): boolean {
  if (PER_PERIOD.test(after) || RATE_BEFORE.test(near)) return true
  if (SIGNED_CHANGE_BEFORE.test(near) || SIGNED_CHANGE_AFTER.test(after)) return true
  if (PAREN_AFTER_FIGURE.test(folded.slice(Math.max(0, start - 12), start))) return true
  if (changeColumn(folded, start)) return true
  const roled = averageCue(near, after) || INCOME_CUE.test(near) || TOTAL_CUE.test(totalCueText(near)) || TOTAL_AFTER.test(after)
  return !roled && PLUS_AMOUNT.test(paragraphAround(folded, start))
}

/** The paragraph (between blank lines) around `at`. */
function paragraphAround(folded: string, at: number): string {
  const from = folded.lastIndexOf('\n\n', at)
  const to = folded.indexOf('\n\n', at)
  return folded.slice(from === -1 ? 0 : from, to === -1 ? folded.length : to)
}

/** The offset `at` sits in a Markdown table cell whose column is headed by a change ("Évolution", "Variation", "Écart"). */
function changeColumn(folded: string, at: number): boolean {
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1
  const lineEnd = folded.indexOf('\n', at)
  const line = folded.slice(lineStart, lineEnd === -1 ? folded.length : lineEnd)
  if (!line.includes('|')) return false
  const column = cellsOf(line).findIndex((c) => lineStart + c.at <= at && at <= lineStart + c.at + c.text.length)
  if (column === -1) return false
  // Up the table to its rule line: the header is the line above it.
  const lines = folded.slice(0, lineStart).split('\n').slice(0, -1)
  for (let i = lines.length - 1; i > 0 && (lines[i] ?? '').includes('|'); i--) {
    if (TABLE_RULE.test(lines[i] ?? '')) return CHANGE_HEADER.test(cellsOf(lines[i - 1] ?? '')[column]?.text ?? '')
  }
  return false
}

interface FigureMatch {
  index: number
  text: string
  groups: Record<string, string | undefined>
  /** A Markdown table cell's row (folded): its period is the row's. */
  row?: string
}

// A Markdown table column whose header names a count ("Transactions", "Nombre de transactions", "Nb d'opérations").
const COUNT_HEADER = new RegExp(
  String.raw`^(?:(?:nombre|nb)(?: total)?(?: (?:de |d')?${COUNT_NOUN.replace('(?<noun>', '(?:')})?|transactions|operations)$`,
  'u',
)
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/
const FIGURE_CELL = /^(?:[+\-\u2212]?\s*(?:€\s*)?\d[\d \u00a0\u202f.,]*(?:\s*(?:€|eur|euros|%|k€))?)?$/
const WHOLE_CELL = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$|^\d+$/

/** The cells of a Markdown table line, each with its offset in the line. */
function cellsOf(line: string): Array<{ text: string; at: number }> {
  const cells: Array<{ text: string; at: number }> = []
  let at = 0
  for (const part of line.split('|')) {
    cells.push({ text: part, at })
    at += part.length + 1
  }
  if (line.trimStart().startsWith('|')) cells.shift()
  if (line.trimEnd().endsWith('|')) cells.pop()
  return cells
}

/**
 * The counts a Markdown table states in a column whose header names a count ("| Total | Transactions |" then
 * "| 2 661,93 € | 63 |"): a whole number alone in its cell, in the table's only row or in its "Total" row — a row per
 * month, category or merchant states a part, not the answer's count. The other cells are read as any text.
 */
function tableCounts(folded: string): FigureMatch[] {
  if (!folded.includes('|')) return []
  const out: FigureMatch[] = []
  const lines: Array<{ text: string; at: number }> = []
  let at = 0
  for (const text of folded.split('\n')) {
    lines.push({ text, at })
    at += text.length + 1
  }
  for (let i = 0; i + 2 < lines.length; i++) {
    const header = lines[i] as { text: string; at: number }
    if (!header.text.includes('|') || !TABLE_RULE.test((lines[i + 1] as { text: string }).text)) continue
    const columns = cellsOf(header.text).flatMap((c, col) => (COUNT_HEADER.test(c.text.trim()) ? [col] : []))
    let j = i + 2
    while (j < lines.length && (lines[j] as { text: string }).text.includes('|')) j++
    const rows = lines.slice(i + 2, j)
    for (const row of rows) {
      const cells = cellsOf(row.text)
      // Many rows: only the Total row; one row: only when every cell is a figure ("| Carrefour | 56,11 € | 1 |" or
      // "| Octobre | … |" names a part or a period, not the answer's whole).
      if (rows.length > 1 ? !/^total(?![\p{L}])/u.test(cells[0]?.text.trim() ?? '') : !cells.every((c) => FIGURE_CELL.test(c.text.trim()))) continue
      for (const col of columns) {
        const cell = cells[col]
        const value = cell?.text.trim() ?? ''
        if (cell === undefined || !WHOLE_CELL.test(value)) continue
        out.push({ index: row.at + cell.at + cell.text.indexOf(value), text: value, groups: { tableCount: value }, row: row.text })
      }
    }
    i = j - 1
  }
  return out
}

/** Every figure the text states, in order (within its first MAX_READ_CHARS characters). */
export function statedFigures(fullText: string, own: OwnRange | null = null): readonly StatedFigure[] {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  return remembered(FIGURES_READ, text, own, () => readFigures(text, own))
}

function readFigures(text: string, own: OwnRange | null): StatedFigure[] {
  const folded = readable(text)
  const figures: StatedFigure[] = []
  const rowCells = new Set<number>()
  let lastEnd = 0
  const dates = [...folded.matchAll(NUMERIC_DATES)].map((d) => ({ from: d.index ?? 0, to: (d.index ?? 0) + d[0].length }))
  const matches: FigureMatch[] = [...folded.matchAll(FIGURE)].map((m) => ({ index: m.index ?? 0, text: m[0], groups: m.groups ?? {} }))
  matches.push(...tableCounts(folded))
  if (matches.some((m) => m.row !== undefined)) matches.sort((a, b) => a.index - b.index)
  for (const m of matches) {
    const g = m.groups
    const start = m.index
    let end = start + m.text.length
    if (dates.some((d) => start >= d.from && start < d.to)) continue // a part of "01/01/1971", not a figure
    const digits = g.digits ?? g.digits2 ?? g.labelCount ?? g.tableCount
    let value: number
    let halfUnit: number
    let decimals = 0
    if (digits !== undefined) {
      const parsed = parseDigits(digits)
      if (parsed === null) continue
      value = parsed.value
      decimals = parsed.decimals
      halfUnit = halfUnitOf(parsed.decimals)
    } else {
      const words = g.words ?? ''
      const n = parseWords(words)
      if (n === null) continue
      value = n
      halfUnit = 0.5
      // "un achat", "une dépense de 689 €": an article, not a count, unless the sentence counts.
      if (n === 1 && g.count !== undefined && !ONE_COUNTS.test(folded.slice(Math.max(0, start - 20), start)) && !/seule?/.test(g.count)) continue
      if (g.amount === undefined && g.percent === undefined && g.count === undefined) continue
    }
    // "2 661 euros et 93 centimes", "2 661 € 93": the cents after a whole amount; after "2,5 k€" or "12,50 €" none.
    const centsText = g.cents ?? g.centsBare
    if (centsText !== undefined) {
      const inDigits = /^\d/.test(centsText)
      const cents = inDigits ? Number(centsText) : parseWords(centsText)
      const fits = cents !== null && cents < 100 && (g.cents !== undefined ? cents >= 1 : inDigits || cents >= 10)
      if (fits && g.mult === undefined && decimals === 0) {
        value += cents / 100
        decimals = 2
        halfUnit = halfUnitOf(2)
      } else end -= (g.centsPart ?? '').length
    }
    const mult = multiplierOf(g.mult)
    const step = roundingStep(value, decimals) * mult
    value *= mult
    // A multiplied figure without decimals ("3 k€", "2 millions") is its writer's rounding at that unit: read as an
    // approximation at that step (fitOf), so "1 k€" for 1 023 € agrees while "3 k€" for 2 661,93 € (13 % off) does
    // not (review 2026-12-05: it passed as exact ± 500 €). Its written digits are whole units (3 000 € ± 0,50, the
    // ground truth's reading): no wider slack than that. "2,66 k€" is exact to its written digits (± 5 €).
    const roundedByUnit = digits !== undefined && decimals === 0 && mult > 1
    if (!roundedByUnit) halfUnit *= mult
    const labelled = g.labelCount !== undefined || g.tableCount !== undefined
    const kind: FigureKind = g.percent !== undefined ? 'percent' : g.count !== undefined || labelled ? 'count' : 'amount'
    const signText = g.sign ?? g.sign2
    const written: 1 | -1 | null = signText === undefined ? null : signText.trim() === '+' ? 1 : -1
    const { before, after, clause } = clauseAround(folded, start, end)
    // The role is read from the words since the previous figure of the clause: "… 36 transactions (montant moyen : 73,94 €)".
    const near = folded.slice(Math.max(start - before.length, lastEnd), start)
    // A minus on an amount is a debit written negative — the amount itself — unless its words make it a change.
    const debit = kind === 'amount' && written === -1 && !signedChange(folded, start, near, after)
    const sign = debit ? null : written
    // "une hausse de 25 % à 30 %": the lower end is read with the upper one (rangeLow), not as a change of its own.
    if (
      kind === 'percent' &&
      RANGE_HIGH_AFTER.test(folded.slice(end, end + 30)) &&
      rangeLow(folded.slice(Math.max(0, start - 60), start), true) !== null
    )
      continue
    const low = kind === 'percent' ? rangeLow(folded.slice(Math.max(0, start - 80), start), false) : null
    const before30 = low !== null ? { bound: 'range' as const, length: low.length } : boundOf(folded.slice(Math.max(0, start - 30), start))
    const approxAfter = before30.bound === 'exact' ? APPROX_AFTER.exec(folded.slice(end, end + 30)) : null
    const bounded = approxAfter === null ? { ...before30, after: 0 } : { bound: 'approx' as const, length: 0, after: approxAfter[0].length }
    const figureText = text.slice(start, end).replace(/\s+/g, ' ').trim()
    lastEnd = end
    const perPeriod = PER_PERIOD.test(after) || RATE_BEFORE.test(near)
    const whole = WHOLE_AFTER_PART.test(folded.slice(Math.max(0, start - 60), start))
    const subset = kind === 'count' && !whole && (SUBSET_AFTER.test(after) || PART_OF_AFTER.test(after) || SUBSET_BEFORE.test(near.trimEnd()))
    const wordsDirection = directionOf(near) ?? (kind === 'percent' ? directionOf(after.slice(0, 30)) : null)
    // "833,82 € de plus que…", "une différence de 833,82 €": a difference said in words, its direction its own words'.
    const diffAfter = kind === 'amount' && sign === null ? DIFF_AFTER.exec(after) : null
    const move = kind === 'amount' && sign === null && diffAfter === null ? MOVE_BEFORE.exec(near) : null
    const difference = diffAfter !== null || move !== null || (kind === 'amount' && sign === null && DIFF_BEFORE.test(near))
    const diffDirection: Direction | null =
      diffAfter !== null
        ? /moins/.test(diffAfter[0])
          ? 'down'
          : 'up'
        : move !== null
          ? /baiss|diminu|recul|chut/.test(move[0])
            ? 'down'
            : 'up'
          : null
    const direction: Direction | null = difference ? diffDirection : (wordsDirection ?? (sign === 1 ? 'up' : sign === -1 ? 'down' : null))
    const hypothetical = hypotheticalAt(clause, before.length, end - start)
    let role: FigureRole = null
    if (hypothetical) role = null
    else if (kind === 'count') role = subset ? null : 'count'
    else if (kind === 'percent') role = wordsDirection !== null || sign !== null ? 'change' : SHARE_CUE.test(clause) ? 'share' : null
    else if (sign !== null || difference)
      role = null // a signed amount, or one its words make a difference, is read by the caller
    else if (perPeriod) role = null
    else if (averageCue(near, after)) role = 'average'
    else if (INCOME_CUE.test(near)) role = 'income'
    else if (TOTAL_CUE.test(totalCueText(near)) || TOTAL_AFTER.test(after)) role = 'total'
    figures.push({
      kind,
      value,
      sign,
      text: figureText,
      index: start,
      halfUnit,
      step,
      bound: bounded.bound === 'exact' && roundedByUnit ? 'approx' : bounded.bound,
      low: low?.value ?? null,
      said:
        bounded.length === 0 && bounded.after === 0
          ? figureText
          : unmark(text.slice(start - bounded.length, end + bounded.after))
              .replace(/\s+/g, ' ')
              .trim(),
      role,
      direction: kind === 'percent' || sign !== null || difference ? direction : null,
      perPeriod,
      subset,
      difference,
      debit,
      hypothetical,
      clause,
      clauseAt: before.length,
      // A table cell's period is its row's ("| Octobre 2026 | 30 |").
      periods: periodMentions(m.row ?? clause, own),
      sidePeriods: [],
    })
    if (m.row !== undefined) rowCells.add(start)
  }
  return withSides(figures, folded, own, rowCells)
}

// Where the words of a clause stop being one amount's and start being the next one's: a comma (not a decimal one), a
// parenthesis, a dash, a conjunction or a versus word ("2 661,93 € le mois dernier, contre 2 098,72 € en septembre").
const SIDE_CUT = /,(?!\d)|[()]|\s[-–—]\s|(?<![\p{L}])(?:et|mais|contre|versus|vs|alors que|tandis que|au lieu de|face a|pour)(?![\p{L}])|→|->/u

/**
 * Each figure's own periods (`sidePeriods`): a clause that sets two amounts side by side names each one's period in
 * its own part — from the clause's start, or the first break after the figure before it, to the first break after
 * the figure, or the clause's end. « Le mois dernier, vous avez dépensé 2 661,93 €, et en septembre vous aviez dépensé
 * 2 098,72 € » gives 2 098,72 € to September, never to the answer's own month (review: it failed as a wrong total on
 * every wire). A part that names no period, a lone figure and a table cell keep their clause's (or row's) periods.
 */
function withSides(figures: StatedFigure[], folded: string, own: OwnRange | null, rowCells: ReadonlySet<number>): StatedFigure[] {
  for (const figure of figures) figure.sidePeriods = figure.periods
  const clauses = new Map<number, StatedFigure[]>()
  for (const figure of figures) {
    if (rowCells.has(figure.index)) continue
    const start = figure.index - figure.clauseAt
    clauses.set(start, [...(clauses.get(start) ?? []), figure])
  }
  for (const [start, inClause] of clauses) {
    if (inClause.length < 2) continue
    const end = start + (inClause[0] as StatedFigure).clause.length
    // The parts of the clause: a figure with no break before it shares the part of the one before.
    let part: StatedFigure[] = []
    let from = start
    for (let i = 0; i < inClause.length; i++) {
      const figure = inClause[i] as StatedFigure
      const next = inClause[i + 1]
      part.push(figure)
      const cut = next === undefined ? end : cutBetween(folded, figure, next)
      if (cut === null) continue
      if (from !== start || cut !== end) {
        const named = periodMentions(folded.slice(from, cut), own)
        if (named.length > 0) for (const f of part) f.sidePeriods = named
      }
      part = []
      from = cut
    }
  }
  return figures
}

/** The first break between two figures of a clause (SIDE_CUT), or null: they share their part of it. */
function cutBetween(folded: string, figure: StatedFigure, next: StatedFigure): number | null {
  const end = figure.index + figure.text.length
  const cut = SIDE_CUT.exec(folded.slice(end, next.index))
  return cut === null ? null : end + cut.index
}

// A projection named in the figure's clause before it ("À ce rythme, …", "en extrapolant", "projection : …"), or after
// it in its own part ("450 € d'ici la fin du mois", "30 000 € sur les 12 prochains mois").
const PROJECTION_BEFORE =
  /(?:a ce rythme|au rythme actuel|a ce train|en extrapolant|extrapol|projection|prevision|previsionnel|estimation|si (?:vous|cela|ce rythme|la tendance)[^,;:]*,[^,;:]*(?:rait|raient|riez|rez|ra|ront)\b)/
const PROJECTION_AFTER =
  /^[^,;:()]{0,40}?(?:d'ici (?:la fin|a la fin|fin)|sur (?:les|vos) \d+ prochain|(?:les|vos) \d+ prochain|l'an prochain|le mois prochain)/
// A verb in the conditional ("représenterait", "serait", "dépenseriez", "pourrait", "économiseriez") in the figure's
// own part of the clause (its comma-delimited part): it says what would be, not what is. Nouns that end alike
// ("un retrait de 50 €", "extrait", "portrait", "attrait") are not verbs.
const CONDITIONAL = /\b([a-z]+)(?:rait|raient|riez|rions)\b/g
const NOT_CONDITIONAL = /^(?:re|ex|por|at|abs|dis|sous)?t$/

/** The figure at `at` in its clause (folded) is a projection or a hypothesis, not a figure the answer states as a fact. */
function hypotheticalAt(clause: string, at: number, length: number): boolean {
  const head = clause.slice(0, at)
  if (PROJECTION_BEFORE.test(head) || PROJECTION_AFTER.test(clause.slice(at + length))) return true
  const from = Math.max(head.lastIndexOf(','), head.lastIndexOf('('), head.lastIndexOf(':')) + 1
  const rest = clause.slice(at + length)
  const cut = /[,;:()]/.exec(rest)
  const own = `${head.slice(from)} ${cut === null ? rest : rest.slice(0, cut.index)}`
  for (const m of own.matchAll(CONDITIONAL)) if (!NOT_CONDITIONAL.test(m[1] ?? '')) return true
  return false
}

// A line labelled as the change of the whole ("Tendance : ↘ baisse", "**Évolution** : en hausse", "Variation vs le mois
// dernier : ▼"): its label is at once the subject (the spending) and the comparison. A label naming a part ("Évolution
// du Shopping : ↗") is left out by the callers that read parts apart (claims/whole-changes.ts).
export const CHANGE_LABEL = /^[\s*_#>•|-]*(?:tendance|evolution|variation)(?![\p{L}])[^:\n]{0,40}:/u

/** A direction said on its own, in its clause; `labelled`: on a line labelled as the change (CHANGE_LABEL). */
export interface StatedDirection {
  direction: Direction
  clause: string
  at: number
  text: string
  labelled: boolean
}

/** Standalone direction claims of a text ("vos dépenses sont en baisse"), clause by clause, when no figure carries them. */
export function statedDirections(fullText: string): StatedDirection[] {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  const folded = readable(text)
  const out: StatedDirection[] = []
  let from = 0
  const ends = [...folded.matchAll(CLAUSE_END)].map((m) => ({ at: m.index ?? 0, len: m[0].length }))
  ends.push({ at: folded.length, len: 0 })
  for (const { at, len } of ends) {
    if (folded[at] === '.' && /\d/.test(folded[at - 1] ?? '') && /\d/.test(folded[at + 1] ?? '')) continue
    const clause = folded.slice(from, at)
    const original = text.slice(from, at)
    from = at + len
    if (/%|pour ?cent/.test(clause)) continue // carried by its percentage figure
    // Only clauses about spending that compare with something say a direction about the answer's comparison, or a
    // line labelled as the change.
    const labelled = CHANGE_LABEL.test(clause)
    if (!labelled && !/(depens|achat|paiement|budget|sorties)/.test(clause)) continue
    if (!labelled && !/(par rapport|que (?:le|la|l'|les)|compar|precedent|dernier|derniere|avant|vs)/.test(clause)) continue
    const said = directionIn(clause)
    if (said !== null) out.push({ direction: said.direction, clause, at: said.at, text: original.trim(), labelled })
  }
  return out
}

// ── Readings remembered per text ─────────────────────────────────────────────────────────────────────────────
// Every check reads the same answer again: its message, its clauses, its summaries. Measured on the reference
// answers (issue 14), one answer calls statedFigures ~12 times and periodMentions ~48 times, with a handful of
// distinct texts: the regular expressions behind them were the first cost of a worker's judging. The readings are
// pure functions of the text and the answer's own range, so each is kept for the texts read last. A result is
// frozen: a caller changing it would change it for the next reader, and now fails at once instead (strict mode).

/** Texts remembered per reading; past this, the reading starts afresh (memory stays bounded in long runs). */
const REMEMBERED_TEXTS = 64
type Remembered<T> = Map<string, Map<string, readonly T[]>>
const FIGURES_READ: Remembered<StatedFigure> = new Map()
const MENTIONS_READ: Remembered<PeriodMention> = new Map()
const RANGES_READ: Remembered<DayRange> = new Map()

function remembered<T extends object>(memo: Remembered<T>, text: string, own: OwnRange | null, read: () => T[]): readonly T[] {
  const ownKey = own === null ? '' : `${own.from}|${own.to}|${own.comparison === true ? 1 : 0}`
  let byOwn = memo.get(text)
  const known = byOwn?.get(ownKey)
  if (known !== undefined) return known
  if (byOwn === undefined) {
    if (memo.size >= REMEMBERED_TEXTS) memo.clear()
    byOwn = new Map()
    memo.set(text, byOwn)
  }
  const result = Object.freeze(read().map((item) => Object.freeze(item)))
  byOwn.set(ownKey, result)
  return result
}

// ── Periods a sentence names ─────────────────────────────────────────────────────────────────────────────────

const MONTHS = MONTH_NAMES
// Dates as French writes them: "1er", "1ᵉʳ", "premier", "01"; a month in full or abbreviated with or without its dot
// ("janv.", "janv", "sept."); numeric "01/01/1970", "1/1/1970", "1-1-1970"; ISO "1970-01-01". Read by grammar, not by example.
const MONTH_ABBR: ReadonlyArray<readonly [string, number]> = [
  ['janv', 1],
  ['fevr', 2],
  ['fev', 2],
  ['avr', 4],
  ['juil', 7],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]
const MONTH = String.raw`(?:(?:${MONTHS.join('|')})(?![\p{L}])|(?:${MONTH_ABBR.map(([a]) => a).join('|')})(?:\.|(?![\p{L}])))`
const DAY = String.raw`(?:(?:1(?:er|ere|re|ᵉʳ|ᵉ)|premier|[0-3]?\d)(?![\p{N}]))`
const YEAR_DIGITS = String.raw`(?:19|20)\d{2}`
const YEAR = String.raw`(?:${YEAR_DIGITS}(?![\p{N}]))`
// A numeric day/month/year: 1–2 digits, 1–2 digits, 4 digits, one separator. Never a figure (statedFigures skips its digits).
const NUMERIC_DATE = String.raw`(?:(?<![\p{N}/.,-])[0-3]?\d[/.-][01]?\d[/.-]${YEAR_DIGITS}(?![\p{N}]))`
const NUMERIC_DATES = new RegExp(NUMERIC_DATE, 'gu')
// A date in words: a day with its month and year when written, a month with its year, or a year.
const DATE_WORDS = String.raw`(?:${DAY}(?:\s+${MONTH})?(?:\s+${YEAR})?|${MONTH}(?:\s+${YEAR})?|${YEAR})`
const ANY_DATE = String.raw`(?:${NUMERIC_DATE}|${DATE_WORDS})`
// Coverage ranges: the span the answer covers, read first and blanked so their dates are not taken for mentions.
const RANGES = new RegExp(
  [
    String.raw`\bdu\s+(?:${NUMERIC_DATE}\s+au\s+${NUMERIC_DATE}|${DAY}(?:\s+${MONTH})?(?:\s+${YEAR})?\s+au\s+${DAY}\s+${MONTH}(?:\s+${YEAR})?)`,
    String.raw`\b(?:entre|de)\s+(?:le\s+)?(?:${NUMERIC_DATE}\s+(?:et|a)\s+(?:le\s+)?${NUMERIC_DATE}|${DATE_WORDS}\s+(?:et|a)\s+(?:le\s+)?(?:${DAY}\s+)?${MONTH}(?:\s+${YEAR})?)`,
    String.raw`\b(?:depuis|a partir d[eu']|a compter d[eu'])\s*(?:le\s+|l'|la\s+)?${ANY_DATE}?`,
    String.raw`\b(?:jusqu'(?:au|a|en))\s+(?:le\s+)?${ANY_DATE}?`,
    String.raw`\b(?:sur|pendant|durant|au cours d[eu']s?|ces|les)\s+(?:les\s+)?\d+\s+(?:derni(?:er|ere)s|prochain(?:e)?s)\s+(?:jours|semaines|mois|annees|ans)`,
    String.raw`\b\d{4}-\d{2}-\d{2}\s*(?:→|->|au|a)\s*\d{4}-\d{2}-\d{2}`,
  ].join('|'),
  'gu',
)
const UNIT = '(jour|semaine|mois|trimestre|an|annee|periode)'
const RELATIVE: ReadonlyArray<{ re: RegExp; rel: 'last' | 'prev' | 'current' | 'other' }> = [
  { re: new RegExp(String.raw`\b${UNIT}\s+(?:precedente?|d'avant|anterieure?)\b`, 'g'), rel: 'prev' },
  { re: new RegExp(String.raw`\b(?:precedente?)\s+${UNIT}\b`, 'g'), rel: 'prev' },
  { re: new RegExp(String.raw`\b${UNIT}\s+(?:derniere?|passee?)\b`, 'g'), rel: 'last' },
  { re: new RegExp(String.raw`\b(?:derniere?)\s+${UNIT}\b(?!s)`, 'g'), rel: 'last' },
  { re: new RegExp(String.raw`\b(?:ce|cet|cette)\s+${UNIT}(?:-ci)?\b`, 'g'), rel: 'current' },
  { re: new RegExp(String.raw`\b${UNIT}\s+(?:en cours|actuelle?|courante?)\b`, 'g'), rel: 'current' },
  // "le même jour", "certains mois", "un autre mois", "chaque mois": a period inside or beside the answer's, not its own.
  { re: new RegExp(String.raw`\b(?:le meme|la meme|un autre|une autre|certaine?s|chaque)\s+${UNIT}s?\b`, 'g'), rel: 'other' },
]
const DAY_WORDS: ReadonlyArray<{ re: RegExp; rel: 'last' | 'prev' | 'current' }> = [
  { re: /\b(?:aujourd'hui|ce jour)\b/g, rel: 'current' },
  { re: /\b(?:hier|la veille)\b/g, rel: 'last' },
]
const POINT = new RegExp(
  String.raw`(?<numeric>${NUMERIC_DATE})|${WORD_START}(?:le\s+)?(?:(?<day>${DAY})\s+)?(?<month>${MONTH})(?:\s+(?<year>${YEAR}))?|\b(?:en|de|d')\s*(?<yearOnly>${YEAR})|\b(?<iso>${YEAR_DIGITS}-\d{2}(?:-\d{2})?)\b`,
  'gu',
)

/** "1er"/"1ᵉʳ"/"premier"/"01" → 1. */
function dayNumber(day: string): number {
  return /^(?:1\D|premier)/.test(day) ? 1 : Number(day)
}

/** "janvier" → 1, "janv." → 1, "sept" → 9; 0 when not a month. */
function monthNumber(month: string): number {
  const word = month.replace('.', '')
  const full = MONTHS.indexOf(word)
  return full !== -1 ? full + 1 : (MONTH_ABBR.find(([a]) => a === word)?.[1] ?? 0)
}

// A date in words from its start: day, month, year, each optional (dateOf). Compiled once, not per date read.
const DATE_IN_WORDS = new RegExp(String.raw`^(?:(${DAY})\s+)?(?:(${MONTH})\s*)?(${YEAR})?`, 'u')

/** A day/month/year date, numeric or in words; null parts unknown. */
function dateOf(text: string): { day: number | null; month: number | null; year: number | null } | null {
  const numeric = /^([0-3]?\d)[/.-]([01]?\d)[/.-](\d{4})$/.exec(text.trim())
  if (numeric !== null) {
    const [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
    return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? { day, month, year } : null
  }
  const m = DATE_IN_WORDS.exec(`${text.trim()} `)
  if (m === null || m[0] === '') return null
  return {
    day: m[1] === undefined ? null : dayNumber(m[1]),
    month: m[2] === undefined ? null : monthNumber(m[2]),
    year: m[3] === undefined ? null : Number(m[3]),
  }
}

/** A day range, ISO days both ends. */
export interface DayRange {
  from: string
  to: string
}

/** The answer's own range, and whether its question compares it with the period before (which it may then name). */
export interface OwnRange extends DayRange {
  comparison?: boolean
}

/** The days a coverage range spans ("du 1er au 24 octobre 2026", "entre le 01/10/2025 et le 24/11/2026"); null when it cannot be placed. */
function rangeDays(range: string): DayRange | null {
  const m = /^(?:du|entre|de)\s+(?:le\s+)?(.+?)\s+(?:au|et|a)\s+(?:le\s+)?(.+)$/u.exec(range.trim())
  if (m === null) return null
  const from = dateOf(m[1] ?? '')
  const to = dateOf(m[2] ?? '')
  if (from === null || to === null || to.year === null || to.month === null || to.day === null || from.day === null) return null
  const fromMonth = from.month ?? to.month
  const fromYear = from.year ?? (fromMonth > to.month ? to.year - 1 : to.year)
  const iso = (y: number, mo: number, d: number): string => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return { from: iso(fromYear, fromMonth, from.day), to: iso(to.year, to.month, to.day) }
}

const DAY_MS = 86_400_000
const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

/** The same days one month earlier ("du 1er au 24 novembre" → "du 1er au 24 octobre"), the day clipped to the month's end. */
function monthEarlier(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const end = new Date(Date.UTC(y, m - 1, 0)).getUTCDate()
  return isoDay(Date.UTC(y, m - 2, Math.min(d, end)))
}

/**
 * The period immediately before `own`, as a comparison names it: the same days one month earlier (1–24 Oct before
 * 1–24 Nov, September before October), or a span of the same length ending the day before (the 30 days before).
 * A year earlier, or any other span, is another period (review 2026-12-05: both passed as the previous one).
 */
export function isPreviousRange(range: DayRange, own: DayRange): boolean {
  if (range.from === monthEarlier(own.from) && range.to === monthEarlier(own.to)) return true
  const length = (r: DayRange): number => dayMs(r.to) - dayMs(r.from)
  return range.to === isoDay(dayMs(own.from) - DAY_MS) && length(range) === length(own)
}

/** Every coverage range a (folded) text states, placed in days, in order. */
export function statedDayRanges(folded: string): readonly DayRange[] {
  return remembered(RANGES_READ, folded, null, () => readDayRanges(folded))
}

function readDayRanges(folded: string): DayRange[] {
  const out: DayRange[] = []
  for (const m of folded.matchAll(RANGES)) {
    const days = rangeDays(m[0])
    if (days !== null) out.push(days)
  }
  return out
}

function unitOf(word: string): 'jour' | 'semaine' | 'mois' | 'trimestre' | 'an' | 'periode' {
  return word === 'annee' ? 'an' : (word as 'jour' | 'semaine' | 'mois' | 'trimestre' | 'an' | 'periode')
}

/**
 * The periods a (folded) text names, coverage ranges excepted — unless `own` (the answer's own range) is given and
 * the range lies wholly outside it: "Du 1er au 24 octobre 2026, le total était de…" in an answer comparing November
 * names the comparison's previous period only when it is the one immediately before (isPreviousRange) and the
 * question compares; any other range outside ("du 1er au 31 octobre 2025" in an answer about October 2026) names
 * another period.
 */
export function periodMentions(folded: string, own?: OwnRange | null): readonly PeriodMention[] {
  return remembered(MENTIONS_READ, folded, own ?? null, () => readMentions(folded, own ?? null))
}

function readMentions(folded: string, own: OwnRange | null): PeriodMention[] {
  const out: PeriodMention[] = []
  const text = folded.replace(RANGES, (m) => {
    const days = own ? rangeDays(m) : null
    if (own && days !== null && (days.to < own.from || days.from > own.to)) {
      out.push({ kind: 'relative', rel: own.comparison === true && isPreviousRange(days, own) ? 'prev' : 'other', unit: 'periode' })
    }
    return ' '.repeat(m.length)
  })
  for (const { re, rel } of RELATIVE) for (const m of text.matchAll(re)) out.push({ kind: 'relative', rel, unit: unitOf(m[1] ?? 'periode') })
  for (const { re, rel } of DAY_WORDS) for (const _ of text.matchAll(re)) out.push({ kind: 'relative', rel, unit: 'jour' })
  for (const m of text.matchAll(POINT)) {
    const g = m.groups ?? {}
    if (g.numeric !== undefined) {
      const date = dateOf(g.numeric)
      if (date !== null) out.push({ kind: 'date', ...date })
    } else if (g.iso !== undefined) {
      const [y, mo, d] = g.iso.split('-').map(Number)
      out.push({ kind: 'date', year: y ?? null, month: mo ?? null, day: d ?? null })
    } else if (g.yearOnly !== undefined) out.push({ kind: 'date', year: Number(g.yearOnly), month: null, day: null })
    else {
      // "mai" alone is a month only after en/de/du/le/a day ("en mai", "le 5 mai"), never the verb "mars"/"mai" guesswork;
      // an abbreviation ("sept", "dec") only with a day or a year ("sept achats" is a count).
      const day = g.day === undefined ? null : dayNumber(g.day)
      const year = g.year === undefined ? null : Number(g.year)
      const month = monthNumber(g.month ?? '')
      const before = text.slice(Math.max(0, (m.index ?? 0) - 6), m.index ?? 0)
      const abbreviated = MONTHS.indexOf(g.month ?? '') === -1
      if (day === null && year === null && (abbreviated || !/(?:en|de|d'|du|mois d'|mois de)\s*$/.test(before))) continue
      out.push({ kind: 'date', day, month, year })
    }
  }
  return out
}

// ── Changes of the whole spending said in words, wherever they stand ─────────────────────────────────────────

/** A direction (and a size, when its words give one) said of the whole spending: "vos dépenses baissent ce mois-ci". */
export interface ChangeClaim {
  direction: 'up' | 'down'
  /** The ratio current ÷ previous its words state ("multipliées par deux" → 2, "un tiers de moins" → 2/3); null when none. */
  ratio: number | null
  /** The ratios its factor written in digits allows ("par 1,5": 1,45 to 1,55); null for a factor in words. */
  ratioSpan: [number, number] | null
  /** The clause (folded), its offset in the text, and its words as written. */
  clause: string
  start: number
  text: string
  /** On a line labelled as the change ("Tendance : ↘ baisse", CHANGE_LABEL). */
  labelled: boolean
}

// Words of spending: the clause must speak of it ("vos dépenses", "vous avez dépensé", "vous avez économisé").
const CHANGE_SUBJECT = /(depens|achat|paiement|sorties|economi)/
// Direction words beyond UP/DOWN: "vous avez économisé", "moins qu'avant", "multipliées par deux", "un tiers de moins",
// "vous dépensez plus".
const MORE_UP = /(multipli|\bdoubl|\btripl|\bquadrupl|\bplus qu'|fois plus|depens\p{L}* (?:donc |bien |un peu |beaucoup |nettement )?plus\b)/u
const MORE_DOWN =
  /(\beconomis(?:e|es|ee|ees|ez|ons)\b|(?:fait|realise) (?:\p{L}+ )?des economies|(?:bravo|felicitations|bien joue)[^.!?]{0,30}economies|\bmoins qu'|fois moins|\bdivis|moitie moins|depens\p{L}* (?:donc |bien |un peu |beaucoup |nettement )?moins\b)/u
// Not a claim of this answer: a negation ("n'augmentent ni ne diminuent"), a hypothesis or advice ("si vous…",
// "pour réduire…", "vous économiserez"), an earlier time ("avaient baissé"), a norm other than the previous period
// ("moins que votre moyenne", "plus que d'habitude", "votre budget").
const NOT_A_CLAIM =
  /(?:^|[^\p{L}])(?:ne|n'|ni|si|pour (?:\p{L}+ )?\p{L}+(?:er|ir|re)|aviez|avait|avaient|etait|etaient|moyenne|habitude|habituel\p{L}*|budget|objectif|plafond|revenus?|pourr\p{L}*|\p{L}+(?:erez|eriez|erait|eraient|eront|irez|iriez|rait|raient))(?![\p{L}])/u
// "De plus, …", "en plus de vos courses": a connective, not a direction.
const CONNECTIVE = /(?:^\s*|[,:]\s*)de plus\s*,|\ben plus d(?:e\s|')/g

const FRACTIONS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bun tiers\b/, 1 / 3],
  [/\bun quart\b/, 1 / 4],
  [/\b(?:la )?moitie\b/, 1 / 2],
]
const NUMBER_WORD: Readonly<Record<string, number>> = { deux: 2, trois: 3, quatre: 4, cinq: 5, dix: 10 }

function factorOf(word: string): number | null {
  const n = NUMBER_WORD[word] ?? Number(word.replace(',', '.'))
  return Number.isFinite(n) && n > 0 ? n : null
}

const TIMES = /(?:multipli\p{L}* par|(?<!\p{L})x|×)\s*(\d+(?:,\d+)?|deux|trois|quatre|cinq|dix)(?![\p{L}\d])/u
const DIVIDED = /divis\p{L}* par\s*(\d+(?:,\d+)?|deux|trois|quatre|cinq|dix)(?![\p{L}\d])/u
const FOIS = /(\d+(?:,\d+)?|deux|trois|quatre|cinq|dix) fois (plus|moins)\b/

/**
 * The ratios a factor written in digits allows ("multipliées par 1,5": 1,45 to 1,55; "divisées par 2": 1/2,5 to
 * 1/1,5), read as ratioIn reads the clause; null when its factor is a word ("par deux", "doublé", "un tiers"), whose
 * size a writer says only roughly.
 */
function ratioSpanIn(clause: string): [number, number] | null {
  const times = TIMES.exec(clause)
  const divided = times === null ? DIVIDED.exec(clause) : null
  const fois = times === null && divided === null ? FOIS.exec(clause) : null
  const factor = times?.[1] ?? divided?.[1] ?? fois?.[1]
  if (factor === undefined || !/^\d/.test(factor)) return null
  const parsed = parseDigits(factor)
  if (parsed === null) return null
  const half = halfUnitOf(parsed.decimals)
  const [low, high] = [parsed.value - half, parsed.value + half]
  if (divided !== null || fois?.[2] === 'moins') return low <= 0 ? null : [1 / high, 1 / low]
  return [low, high]
}

/** The ratio current ÷ previous a clause's words state, or null. */
function ratioIn(clause: string): number | null {
  const times = TIMES.exec(clause)
  if (times !== null) return factorOf(times[1] ?? '')
  const divided = DIVIDED.exec(clause)
  if (divided !== null) {
    const n = factorOf(divided[1] ?? '')
    return n === null ? null : 1 / n
  }
  const fois = FOIS.exec(clause)
  if (fois !== null) {
    const n = factorOf(fois[1] ?? '')
    return n === null ? null : fois[2] === 'plus' ? n : 1 / n
  }
  if (/\bdoubl/.test(clause)) return 2
  if (/\btripl/.test(clause)) return 3
  if (/\bmoitie moins\b/.test(clause)) return 0.5
  for (const [re, f] of FRACTIONS) {
    const m = re.exec(clause)
    if (m === null) continue
    const after = clause.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12)
    const before = clause.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0)
    if (/^\s*(?:de |en )plus\b/.test(after)) return 1 + f
    if (/^\s*(?:de |en )moins\b/.test(after)) return 1 - f
    // "augmentent d'environ un tiers", "une baisse d'un quart"
    const word = directionIn(before)
    if (word !== null && /d'(?:environ |pres d'|presque )?$|de (?:pres d')?$/.test(before)) {
      if (word.direction === 'up') return 1 + f
      if (word.direction === 'down') return 1 - f
    }
  }
  return null
}

/**
 * Every clause of a text that says the whole spending rose or fell, with or without the previous period named in it
 * ("Vos dépenses baissent ce mois-ci : …", "Vous dépensez donc moins qu'avant", "vous avez économisé 833,82 €",
 * "multipliées par deux", "un tiers de moins"), with the ratio its words state. Not read: a clause with a percentage
 * (its figure carries it), one whose direction is a difference figure's ("en baisse de 833,82 €", "833,82 € de
 * moins": statedFigures reads those), a negation, a hypothesis or advice, an earlier time, another norm
 * (NOT_A_CLAIM), and "stable" (a trend may be stable while the month moves). The caller decides the question compares
 * periods and leaves out clauses about a part (a category, a merchant).
 */
export function spendingChangeClaims(fullText: string): ChangeClaim[] {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  const folded = readable(text)
  const figures = statedFigures(text)
  const out: ChangeClaim[] = []
  let from = 0
  const ends = [...folded.matchAll(CLAUSE_END)].map((m) => ({ at: m.index ?? 0, len: m[0].length }))
  ends.push({ at: folded.length, len: 0 })
  for (const { at, len } of ends) {
    if (folded[at] === '.' && /\d/.test(folded[at - 1] ?? '') && /\d/.test(folded[at + 1] ?? '')) continue
    const start = from
    const clause = folded.slice(from, at)
    const original = text.slice(from, at)
    from = at + len
    const labelled = CHANGE_LABEL.test(clause)
    if (/%|pour ?cent/.test(clause) || !(labelled || CHANGE_SUBJECT.test(clause)) || NOT_A_CLAIM.test(clause)) continue
    if (figures.some((f) => f.index >= start && f.index < at && f.direction !== null && (f.difference || f.sign !== null))) continue
    const plain = clause.replace(CONNECTIVE, (m) => ' '.repeat(m.length))
    const ratio = ratioIn(plain)
    const said = directionIn(plain)
    const up = MORE_UP.exec(plain)
    const down = MORE_DOWN.exec(plain)
    const words = [
      ...(said !== null && said.direction !== 'stable' ? [{ direction: said.direction, at: said.at }] : []),
      ...(up !== null ? [{ direction: 'up' as const, at: up.index }] : []),
      ...(down !== null ? [{ direction: 'down' as const, at: down.index }] : []),
    ]
    let direction: 'up' | 'down' | null = null
    if (ratio !== null && Math.abs(ratio - 1) > 1e-9) direction = ratio > 1 ? 'up' : 'down'
    else if (words.length > 0) direction = words.reduce((a, b) => (b.at > a.at ? b : a)).direction as 'up' | 'down'
    if (direction === null) continue
    const ratioSpan = ratio === null ? null : ratioSpanIn(plain)
    out.push({ direction, ratio, ratioSpan, clause, start, text: original.replace(/\s+/g, ' ').trim(), labelled })
  }
  return out
}

/** A move said with its two amounts ("en forte hausse : de 3 105,92 € en août à 2 098,72 € en septembre"). */
export interface StatedMove {
  direction: Direction
  from: StatedFigure
  to: StatedFigure
  text: string
}

/**
 * The moves a text states from one amount to another, each with the direction its words give: "de A … à B" right
 * after a direction word ("en hausse : de A à B") or after a verb of moving ("sont passées de A à B", "évoluant de
 * A à B") in a clause that gives a direction. A range of prices ("des achats de 5 € à 120 €") is no move.
 */
export function statedMoves(fullText: string): StatedMove[] {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  const out: StatedMove[] = []
  for (const { from: a, to: b, head } of fromTo(text)) {
    const clauseHead = a.clause.slice(0, a.clauseAt)
    let said: { direction: Direction } | null = null
    const tail = head.slice(-40)
    const word = directionIn(tail)
    if (word !== null && !/[\d€.;!?]/.test(tail.slice(word.at))) said = word
    if (said === null && MOVING_VERB.test(head.trimEnd())) said = directionIn(a.clause)
    if (said === null || said.direction === 'stable' || NOT_A_CLAIM.test(clauseHead)) continue
    out.push({
      direction: said.direction,
      from: a,
      to: b,
      text: text
        .slice(a.index - a.clauseAt, b.index + b.text.length)
        .replace(/\s+/g, ' ')
        .trim(),
    })
  }
  return out
}

const MOVING_VERB = /(?:pass|evolu|grimp|chut|recul|mont)\p{L}*\s*$/u

/** "de A … à B": two amounts of one clause, with the words before "de" (`head`); a move or a range of prices alike. */
function fromTo(text: string): Array<{ from: StatedFigure; to: StatedFigure; head: string }> {
  const folded = readable(text)
  const amounts = statedFigures(text).filter((f) => f.kind === 'amount' && f.sign === null && !f.perPeriod && !f.difference)
  const out: Array<{ from: StatedFigure; to: StatedFigure; head: string }> = []
  for (let i = 0; i + 1 < amounts.length; i++) {
    const a = amounts[i] as StatedFigure
    const b = amounts[i + 1] as StatedFigure
    if (a.index - a.clauseAt !== b.index - b.clauseAt || a.value <= 0) continue
    const between = folded.slice(a.index + a.text.length, b.index)
    if (!/^[^.;!?€]{0,40}?(?:^|\s)a\s+$/.test(between)) continue
    const lead = folded.slice(Math.max(0, a.index - 60), a.index)
    const de = /(?:^|[^\p{L}])(?:de|d')\s*$/u.exec(lead)
    if (de !== null) out.push({ from: a, to: b, head: lead.slice(0, de.index + 1) })
  }
  return out
}

/**
 * The two amounts of a move, whatever its direction is said with ("sont passées de 2 514,24 € à 3 348,06 € (+45 %)",
 * "en hausse : de A à B"): "de A à B" after a verb of moving or a direction word. A range of prices ("des achats de
 * 5 € à 120 €") is none.
 */
export function movedAmounts(fullText: string): Array<{ from: StatedFigure; to: StatedFigure }> {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  return fromTo(text).filter(({ head }) => MOVING_VERB.test(head.trimEnd()) || directionIn(head.slice(-40)) !== null)
}

const HIGH_ADJ = String.raw`(?:depensier|depensiere|eleve|elevee|cher|chere|couteux|couteuse|important|importante|gros|grosse|fort|forte|charge|chargee|lourd|lourde)s?`
const LOW_ADJ = String.raw`(?:calme|faible|bas|basse|leger|legere|econome|modere|moderee|sobre|raisonnable|petit|petite)s?`
const EXTREME_NOUN = String.raw`(?:mois|semaine|jour|journee|categorie|poste|marchand|commercant|enseigne|depense|achat|transaction|trimestre|annee)s?`
const NOUN_AFTER = new RegExp(`^\\s+(${EXTREME_NOUN})(?![\\p{L}])`, 'u')
const HIGH_ADJ_WHOLE = new RegExp(`^${HIGH_ADJ}$`)
const EXTREME = new RegExp(
  String.raw`(?:\b(?<noun>${EXTREME_NOUN})\s+)?(?:le|la|les)\s+(?<degree>plus|moins)\s+(?<adj>${HIGH_ADJ}|${LOW_ADJ})(?![\p{L}])(?!\s+(?:hausse|baisse|progression|augmentation|diminution|variation|ecart))`,
  'gu',
)

const ELLIPTIC_AFTER = new RegExp(String.raw`^\s*(?:$|[^\p{L}\s]|(?:est|a|etait|fut|avec|en|reste|:)(?![\p{L}])|${MONTH})`, 'u')

/** An extreme a text states with its amount: "le mois le plus dépensier est septembre (2 098,72 €)". */
export interface StatedExtreme {
  noun: string
  side: 'high' | 'low'
  figure: StatedFigure
}

/**
 * The highest and lowest of a kind ("mois", "catégorie", "dépense") a text states with an amount right after the
 * words ("Le mois le plus dépensier est septembre 2026 (2 098,72 €) et le plus calme août 2026 (3 105,92 €)"): a
 * second superlative without its noun in the same sentence is of the first one's noun. The amount is the first
 * plain amount after the words, before the next superlative and within the sentence.
 */
export function statedExtremes(fullText: string): StatedExtreme[] {
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText
  const folded = readable(text)
  const amounts = statedFigures(text).filter((f) => f.kind === 'amount' && f.sign === null && !f.perPeriod && !f.difference && !f.hypothetical)
  const cues = [...folded.matchAll(EXTREME)]
  const out: StatedExtreme[] = []
  let lastNoun: { noun: string; sentence: number } | null = null
  cues.forEach((m, k) => {
    const g = m.groups ?? {}
    const at = m.index ?? 0
    const end = at + m[0].length
    const sentence = Math.max(folded.lastIndexOf('.', at), folded.lastIndexOf('\n', at), folded.lastIndexOf('!', at), folded.lastIndexOf('?', at))
    // "la plus grosse dépense" names its own kind after the words; "et le plus calme août 2026 (…)", "le plus bas :"
    // are of the sentence's kind; any other word after ("la plus grosse sortie") leaves the kind unknown.
    const rest = folded.slice(end, end + 30)
    const nounAfter = NOUN_AFTER.exec(rest)?.[1]
    const named = g.noun ?? nounAfter
    const own = named === undefined ? null : named === 'mois' ? named : named.replace(/s$/, '')
    const elliptic = own === null && ELLIPTIC_AFTER.test(rest)
    const noun = own ?? (elliptic && lastNoun !== null && lastNoun.sentence === sentence ? lastNoun.noun : null)
    if (own !== null) lastNoun = { noun: own, sentence }
    if (noun === null) return
    const high = HIGH_ADJ_WHOLE.test(g.adj ?? '')
    const side: 'high' | 'low' = (g.degree === 'plus') === high ? 'high' : 'low'
    const next = cues[k + 1]?.index ?? folded.length
    const figure = amounts.find(
      (f) => f.index >= end && f.index < next && f.index - end <= 80 && !/[.!?;\n]/.test(folded.slice(end, f.index).replace(/\d\.\d/g, '')),
    )
    if (figure !== undefined) out.push({ noun, side, figure })
  })
  return out
}
