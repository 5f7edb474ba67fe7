// The question asked (issue 10): an answer must address its question's entities. The merchant, the category and
// the date the question names must appear in what the answer shows (text, insights, chart titles and labels) — or,
// when the answer found nothing, it may say so without naming it, as long as it speaks of no other merchant. A
// "nothing found" about Tesla is no answer to a question about XYZ.
// A 4xx on an edge case must concern that question too: a refusal that echoes another text (FastAPI's `input`) or
// refuses "malicious content" in a question that has none is somebody else's answer.
import { MONTH_NAMES, WORD_END } from './calendar-words.ts'
import { reason, type Reason } from '../../../core/reason.ts'
import { statedDirections, statedFigures } from '../grounding/figures.ts'
import { statedMessage } from '../grounding/table-rows.ts'
import { zeroClaims } from '../grounding/zero-claims.ts'
import type { NormalizedTurn } from '../turn.ts'
import { ownWords } from './own-text.ts'
import { checkComparedPeriod } from './compared-period.ts'
import { checkPeriodAsked } from './period-asked.ts'
import { excerpt, fold } from './text.ts'

export interface QuestionEntities {
  merchants: string[]
  /** Category groups named (their display name, e.g. "Alimentation"). */
  categories: string[]
  /** Years and "day month" dates named ("1970", "1er janvier"). */
  dates: string[]
  /** A breakdown asked ("Répartition de mes dépenses", "… par catégorie", "… par marchand"): by what; null when none. */
  breakdown: 'category' | 'merchant' | null
  /** The question asks how much money ("Combien j'ai dépensé …", "Quel est le montant …"), not how many. */
  amount: boolean
}

const MONTHS = MONTH_NAMES
// Capitalised words that are not merchants: time words, holidays, the currency, words that start a question.
const NOT_MERCHANTS = new Set([
  ...MONTHS,
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
  'noel',
  'paques',
  'toussaint',
  'euro',
  'euros',
  'eur',
  'je',
  'j',
  'mes',
  'mon',
  'ma',
  'combien',
  'quelles',
  'quels',
  'quel',
  'quelle',
  'transactions',
  'transaction',
  'depenses',
  'depense',
  'achats',
  'comparaison',
  'repartition',
  'vous',
  'votre',
  'vos',
  'le',
  'la',
  'les',
  'de',
  'du',
  'des',
  'en',
  'et',
  'a',
  'aucun',
  'aucune',
  'voici',
  'total',
  'montant',
  'nombre',
  'tendance',
  'top',
  'autres',
  'il',
  'c',
  'pouvez',
  'souhaitez',
  'essayez',
  'verifiez',
  'attention',
  'sur',
  'ce',
  'cette',
  'ces',
  'par',
  'pour',
  'chez',
  'dans',
  'au',
  'aux',
  'si',
  'resume',
  'principaux',
  'plus',
  'bonjour',
  'desole',
  'malheureusement',
  // Means and schemes of payment: "paiement CB", "prélèvement SEPA" name no merchant.
  'cb',
  'sepa',
  'visa',
  'mastercard',
  'amex',
  'tpe',
  'nfc',
  'rib',
  'iban',
])

/** Category groups: a folded stem the question may use → the words an answer may use for it. */
const CATEGORY_GROUPS: ReadonlyArray<{ name: string; stems: readonly string[] }> = [
  { name: 'Alimentation', stems: ['aliment', 'courses', 'supermarche', 'epicerie', 'nourriture'] },
  { name: 'Transport', stems: ['transport', 'carburant', 'essence', 'deplacement'] },
  { name: 'Restaurants', stems: ['restaurant', 'resto', 'restauration'] },
  { name: 'Logement', stems: ['logement', 'loyer', 'habitation'] },
  { name: 'Shopping', stems: ['shopping', 'vetement', 'habillement'] },
  { name: 'Santé', stems: ['sante', 'pharmacie', 'medica', 'medecin'] },
  { name: 'Loisirs', stems: ['loisir', 'divertissement', 'sortie'] },
  { name: 'Abonnements', stems: ['abonnement'] },
  { name: 'Énergie', stems: ['energie', 'electricite', 'gaz'] },
  { name: 'Voyages', stems: ['voyage', 'vacances', 'hotel'] },
]

const READ_CHARS = 20_000
const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_'’&.-]*/gu
const stripEnds = (w: string): string => w.replace(/^['’.-]+|['’.-]+$/g, '')

/** A word that names something: capitalised (not the question's first word), all caps, or with an underscore/digit-in-name. */
function looksLikeName(word: string, first: boolean): boolean {
  if (word.includes('_')) return true
  if (/^\p{Lu}{2,}$/u.test(word)) return true
  return !first && /^\p{Lu}/u.test(word)
}

/** The merchants, categories and dates a question names. */
export function questionEntities(question: string, options: { afterChez?: boolean } = {}): QuestionEntities {
  const words = [...question.matchAll(WORD)].map((m) => ({ text: stripEnds(m[0]), at: m.index ?? 0 }))
  const merchants: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === undefined) continue
    const afterChez = (options.afterChez ?? true) && fold(words[i - 1]?.text ?? '') === 'chez'
    // A capital after a full stop, a colon or a line break starts a sentence; it names nothing.
    const sentenceStart = /(^|[.!?:\n*•-])\s*$/.test(question.slice(Math.max(0, w.at - 8), w.at))
    if (!afterChez && !looksLikeName(w.text, sentenceStart)) continue
    if (NOT_MERCHANTS.has(fold(w.text).replace(/'.*$/, ''))) continue
    // A multi-word name: "Big Mamma", "Optic 2000".
    let name = w.text
    while (i + 1 < words.length) {
      const next = words[i + 1]
      if (next === undefined || !(looksLikeName(next.text, false) || /^\d+$/.test(next.text)) || NOT_MERCHANTS.has(fold(next.text))) break
      // Never across a sentence's end: "… chez Carrefour. Merci de réessayer" names Carrefour, not "Carrefour Merci"
      // (a review's error message passed as naming a merchant of its own, 2026-12-04).
      const last = words[i]
      if (last !== undefined && /[.!?:;\n]/.test(question.slice(last.at + last.text.length, next.at))) break
      name += ` ${next.text}`
      i++
    }
    if (!merchants.includes(name)) merchants.push(name)
  }
  // A year inside a name ("Optic 2000") is no date.
  const folded = merchants.reduce((text, m) => text.replace(fold(m), ' '), fold(question))
  const categories = CATEGORY_GROUPS.filter((g) => g.stems.some((s) => new RegExp(`(^|[^a-z])${s}`).test(folded))).map((g) => g.name)
  // "1er janvier 1970" is one date (mentioned by its year or its day), a lone year another.
  const dates: string[] = []
  // The month as a whole word: "mes 2 maisons" names no 2 May.
  const dayMonth = new RegExp(`(\\d{1,2})(?:er)?\\s+(${MONTHS.join('|')})${WORD_END}(?:\\s+((?:19|20)\\d{2}))?`, 'gu')
  for (const m of folded.matchAll(dayMonth)) dates.push([m[1], m[2], m[3]].filter((x) => x !== undefined).join(' '))
  const rest = folded.replace(dayMonth, ' ')
  for (const m of rest.matchAll(/(?:^|[^\d])((?:19|20)\d{2})(?!\d)/g)) if (m[1] !== undefined) dates.push(m[1])
  return { merchants, categories, dates, breakdown: breakdownAsked(fold(question)), amount: amountAsked(fold(question)) }
}

// A breakdown is asked by its word ("répartition", "ventilation") or by a grouping ("par catégorie", "par poste",
// "par marchand"); "Répartition" alone is the plan's breakdown by category.
const BY_MERCHANT = /\bpar\s+(?:marchands?|commercants?|enseignes?|magasins?|fournisseurs?)\b/
const BY_CATEGORY = /\b(?:repartition|ventilation|decomposition)\b|\bpar\s+(?:categories?|postes?|types? de depenses?|rubriques?)\b/
function breakdownAsked(folded: string): 'category' | 'merchant' | null {
  if (BY_MERCHANT.test(folded)) return 'merchant'
  return BY_CATEGORY.test(folded) ? 'category' : null
}

// "Combien j'ai dépensé / payé / reçu …", "Combien m'a coûté …", "Quel est le montant / total …" ask for a sum of
// money; "Combien de transactions …" asks for a count, "combien de fois" for a frequency.
const HOW_MANY =
  /\bcombien\s+(?:de|d')\s*(?:transactions?|operations?|achats?|fois|paiements?|virements?|prelevements?|commandes?|abonnements?|marchands?|categories?|jours?)\b/
const HOW_MUCH = /\bcombien\b|\bquel(?:le)?s?\b[^?.!]{0,30}\b(?:montant|total|somme|cout)\b|\b(?:montant|somme) (?:total|totale|depense)/
const amountAsked = (folded: string): boolean => HOW_MUCH.test(folded.replace(HOW_MANY, ' '))

/**
 * Everything the answer shows, folded: message, insights, chart titles, labels and legends. The message is read
 * whole: blanking the question's echo (own-text.ts) also blanked a real answer's own "Mes dépenses chez Carrefour :
 * 154,73 €" (review 2026-12-04). An error message beside a chart titled "Dépenses chez Carrefour" is the error rule's
 * (error-answer.ts), which reads the message's own words.
 */
function shownText(turn: NormalizedTurn): string {
  const parts = [turn.message]
  for (const i of turn.insights) parts.push(i.title, i.description)
  for (const v of turn.visualizations) parts.push(v.title, ...v.labels, ...v.datasets.map((d) => d.label ?? ''))
  // A real answer is short; a multi-megabyte one is read from the start of each part.
  return fold(parts.map((p) => p.slice(0, READ_CHARS)).join(' \n '))
}

const mentions = (shown: string, name: string): boolean => {
  const key = fold(name).trim()
  if (key === '') return true
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(shown)
}

/** "1er janvier" in the question is "1er janvier" or "01/01" in the answer; a year is itself. */
function mentionsDate(shown: string, date: string): boolean {
  if (/^\d{4}$/.test(date)) return shown.includes(date)
  const [day, month, year] = date.split(' ')
  if (year !== undefined && shown.includes(year)) return true
  const m = MONTHS.indexOf(month ?? '') + 1
  const dd = (day ?? '').padStart(2, '0')
  const mm = String(m).padStart(2, '0')
  return (
    new RegExp(`(^|[^\\d])${day}(er)?\\s+${month}${WORD_END}`, 'u').test(shown) || shown.includes(`-${mm}-${dd}`) || shown.includes(`${dd}/${mm}`)
  )
}

const NOTHING_FOUND =
  /(aucun|aucune|rien trouve|pas trouve|n'ai trouve|introuvable|n'existe pas|inexistant|pas de (?:transaction|depense|achat|resultat)|0 (?:transaction|resultat))/

/** The answer says it found nothing (and carries no result). */
export function saysNothingFound(turn: NormalizedTurn): boolean {
  return (turn.totalResults ?? 0) === 0 && !turn.dataPresentation && NOTHING_FOUND.test(fold(turn.message.slice(0, READ_CHARS)))
}

/** Names in the answer that the question does not contain (another merchant a "nothing found" may be about). */
function otherNames(turn: NormalizedTurn, question: string): string[] {
  const asked = fold(question)
  // In an answer only capitalised names count ("chez ce marchand" names nobody).
  const names = questionEntities(turn.message.slice(0, READ_CHARS), { afterChez: false }).merchants
  return names.filter((n) => !asked.includes(fold(n)) && !CATEGORY_GROUPS.some((g) => g.stems.some((s) => fold(n).startsWith(s))))
}

// What a question names depends on the question alone: read once per question text, not once per answer (a
// run asks each question VALIDATION_ITERATIONS times). Bounded: a question file is small; the map is cleared if not.
const askedEntities = new Map<string, QuestionEntities>()
function entitiesAsked(question: string): QuestionEntities {
  let entities = askedEntities.get(question)
  if (entities === undefined) {
    if (askedEntities.size >= 1024) askedEntities.clear()
    entities = questionEntities(question)
    askedEntities.set(question, entities)
  }
  return entities
}

/** Failures for a 2xx answer that does not address what its question names. */
export function checkQuestionAsked(question: string, turn: NormalizedTurn): Reason[] {
  const entities = entitiesAsked(question)
  const shown = shownText(turn)
  const nothing = saysNothingFound(turn)
  const others = otherNames(turn, question)
  const reasons: Reason[] = []
  const missing = (kind: 'merchant' | 'category' | 'date', name: string): void => {
    if (nothing && others.length === 0) return // "nothing found" for it, without naming it: still its answer
    reasons.push(reason('check.asked.missing', { kind, name, others: others.slice(0, 3), nothingFound: nothing }))
  }
  // The text first: a text that names another merchant or category, and not the one asked, answers about that one,
  // whatever the chart titles say ("Chez Lidl, vous avez dépensé 56,11 €" beside a chart titled "Dépenses chez
  // Carrefour"; review 2026-12-05). A text that names none leaves the naming to the charts and cards, as before; one
  // that names neither it nor anything shown about it is `missing`.
  const text = fold(turn.message.slice(0, READ_CHARS))
  const otherCategories = (asked: string[]): string[] => categoriesSpoken(turn.message).filter((c) => !asked.includes(c))
  const elsewhere = (kind: 'merchant' | 'category', name: string, spoken: string[]): void => {
    reasons.push(reason('check.asked.other_subject', { kind, name, others: spoken.slice(0, 3) }))
  }
  // Another merchant counts where the text spends at it, not wherever a capitalised word stands: "payée par CB", "à
  // Paris", "SEPA" name no merchant the answer is about.
  const otherMerchants = others.filter((n) => atMerchantPlace(text, n))
  for (const m of entities.merchants) {
    if (mentions(text, m)) continue
    if (!mentions(shown, m)) missing('merchant', m)
    else if (otherMerchants.length > 0 && !nothing) elsewhere('merchant', m, otherMerchants)
  }
  for (const c of entities.categories) {
    const group = CATEGORY_GROUPS.find((g) => g.name === c)
    const named = (t: string): boolean => group?.stems.some((s) => new RegExp(`(^|[^a-z])${s}`).test(t)) === true || mentions(t, c)
    if (named(text)) continue
    const spoken = otherCategories(entities.categories)
    if (!named(shown)) missing('category', c)
    else if (spoken.length > 0 && !nothing) elsewhere('category', c, spoken)
  }
  for (const d of entities.dates) if (!mentionsDate(shown, d)) missing('date', d)
  return [
    ...reasons,
    ...joinedWithOther(entities, turn, others),
    ...figureNotStated(entities, turn, question),
    ...filtersNotAsked(entities, turn, question),
    ...breakdownOfOne(entities, turn, question),
    ...amountNotStated(entities, turn, question),
    ...checkPeriodAsked(question, turn),
    ...checkComparedPeriod(question, turn),
  ]
}

const escapeRegExp = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Whether the folded text spends at `name`: "chez Lidl", "auprès de Lidl", "13,49 € à Spotify", "payé à Spotify",
 * "transactions Air France", "achats Fnac", "votre abonnement (à) Spotify", "facture EDF", "prélevé par Free",
 * "Spotify vous a coûté", or the name labelling an amount ("Lidl : 56,11 €"). A second review (2026-12-05): « votre
 * abonnement Spotify vous a coûté 13,49 € » passed for Netflix on v2, whose chart titles name Netflix. A place (« à
 * Paris vous a coûté ») is no merchant: the name after a preposition of place does not cost.
 */
function atMerchantPlace(text: string, name: string): boolean {
  const n = escapeRegExp(fold(name))
  return new RegExp(
    `(?:\\bchez|\\baupres d[e']|(?:€|\\beur|\\beuros)\\s+a|\\b(?:paye|regle|verse)e?s?\\s+a|\\bprelevee?s?\\s+par|\\b(?:transactions?|achats?|paiements?|depenses?|prelevements?|commandes?|factures?|forfaits?)(?:\\s+(?:de|d'|du|chez))?|\\b(?:abonnements?|abonnee?s?|souscriptions?)(?:\\s+(?:de|d'|du|chez|a|au))?)\\s*(?:l'|le\\s|la\\s|les\\s)?${n}(?![\\p{L}\\p{N}])|(?:^|[.!?\\n•*-]\\s*)${n}\\s*:\\s*\\d|(?<!\\b(?:a|en|au|aux|de|d'|vers|sur|pour|depuis|par)\\s*)(?<![\\p{L}\\p{N}])${n}\\s+(?:vous\\s+)?(?:a|ont|aura|auront|va|vont)?\\s*(?:coute|coutent|facture|preleve|debite)`,
    'u',
  ).test(text)
}

const groupOf = (value: string): (typeof CATEGORY_GROUPS)[number] | undefined => {
  const key = fold(value)
  return CATEGORY_GROUPS.find((g) => fold(g.name) === key || g.stems.some((s) => new RegExp(`(^|[^a-z])${s}`).test(key)))
}

/**
 * A category or merchant filter the question did not ask for (v2 `query.filters`, v3 `metadata.elasticsearch_query`):
 * "Répartition de mes dépenses par catégorie" searched within Alimentation is the answer to "Mes dépenses
 * alimentaires" (a review got GO with it, 2026-12-04). A filter is asked when the question names it (its words, or
 * its category group), or, for a category the groups do not know, when the question names some category.
 */
function filtersNotAsked(entities: QuestionEntities, turn: NormalizedTurn, question: string): Reason[] {
  const filters = turn.searchedFilters
  if (filters === undefined) return []
  const named = (value: string): boolean => mentions(fold(question), value)
  const categoryAsked = (value: string): boolean => {
    const group = groupOf(value)
    return named(value) || (group === undefined ? entities.categories.length > 0 : entities.categories.includes(group.name))
  }
  const merchantAsked = (value: string): boolean =>
    named(value) || entities.merchants.some((m) => fold(m).includes(fold(value).trim()) || fold(value).includes(fold(m)))
  return [
    ...filters.categories.filter((c) => !categoryAsked(c)).map((c) => reason('check.asked.filter', { kind: 'category', value: excerpt(c, 60) })),
    ...filters.merchants.filter((m) => !merchantAsked(m)).map((m) => reason('check.asked.filter', { kind: 'merchant', value: excerpt(m, 60) })),
  ]
}

const DATE_LABEL = /^\d{4}-\d{2}(-\d{2})?|^\d{1,2}\/\d{1,2}/

/** The parts a breakdown shows: the labels of its chart (a pie for categories, a bar of names for merchants), else the names its own words give. */
function breakdownParts(kind: 'category' | 'merchant', turn: NormalizedTurn, question: string): string[] {
  const chart = turn.visualizations.find(
    (v) =>
      (kind === 'category' ? v.kind === 'pie' : v.kind === 'bar' || v.kind === 'pie') &&
      v.labels.length > 0 &&
      !v.labels.some((l) => DATE_LABEL.test(l)),
  )
  // Labels told apart as a reader would: "Alimentation" and "alimentation " are one part.
  if (chart !== undefined) return chart.labels.filter((l, i) => chart.labels.findIndex((x) => fold(x).trim() === fold(l).trim()) === i)
  const own = ownWords(turn.message.slice(0, READ_CHARS), question)
  if (kind === 'category') return CATEGORY_GROUPS.filter((g) => g.stems.some((s) => new RegExp(`(^|[^a-z])${s}`).test(fold(own)))).map((g) => g.name)
  return questionEntities(own, { afterChez: true }).merchants.filter((n) => groupOf(n) === undefined)
}

/**
 * A breakdown asked and answered with one part is no breakdown: "Répartition de mes dépenses par catégorie" answered
 * with one slice (Alimentation) is the answer to one category's question. Not judged when the question names that
 * kind itself ("Répartition de mes dépenses alimentaires par marchand"), nor when the answer has at most one
 * transaction or says it found nothing (one part is then all there is); an answer that shows no parts at all is the
 * chart checks' (pie, bar).
 */
function breakdownOfOne(entities: QuestionEntities, turn: NormalizedTurn, question: string): Reason[] {
  const kind = entities.breakdown
  if (kind === null || (kind === 'category' ? entities.categories : entities.merchants).length > 0) return []
  if ((turn.totalResults ?? 2) <= 1 || saysNothingFound(turn)) return []
  const parts = breakdownParts(kind, turn, question)
  return parts.length === 1 ? [reason('check.asked.breakdown_single', { kind, part: excerpt(parts[0] ?? '', 60) })] : []
}

// A category the text attributes something to: its group's own word (the first stem: "aliment", "transport"…, not a
// synonym such as "courses", which also says "courses Uber") after "dépenses", "achats", "frais", "budget", "poste",
// "catégorie", or "en"/"pour" after an amount ("vos dépenses de Transport", "360 € en transport"; not "120 €
// d'abonnement Navigo", a part of a transport answer), or as a label ("Transport : 360 €").
// "Hors restaurants", "sauf transport" exclude it: context, not the subject.
const ATTRIBUTED =
  /(?:(?:depenses?|achats?|frais|budget|postes?|categories?|rubriques?)\s*(?:(?:de|d'|en|du|des|pour|:)\s*)?|(?:€|eur|euros?)\s*(?:en|pour)\s+|(?:^|[^a-z])(?:cote|en matiere d[e']|au titre d[e'u]|s'agissant d[e'u]|concernant)\s*)(?:(?:la |le )?categorie\s+)?(?:l'|la |le |les |vos |votre )?$/
const LABEL_START = /(?:^|[.!?:\n|*•-])\s*$/
const EXCLUDED = /(?:hors|sauf|excepte|sans|dehors d[eu']?|l'exception d[eu']?|non compris)\s*(?:les |la |le |l'|des |du |de |d')?\s*$/

// Other words of a group's own that name it as a subject, not a synonym shared with other things ("courses Uber"):
// "frais médicaux" is Santé, "dépenses vestimentaires" Shopping (review 2026-12-05: « Vos frais médicaux … » passed
// for Transport).
const SPOKEN_FORMS: Readonly<Record<string, readonly string[]>> = {
  Santé: ['medica', 'pharmac'],
  Shopping: ['vestimentaire', 'vetement', 'habillement'],
  Loisirs: ['divertissement'],
  Énergie: ['electricite'],
  Restaurants: ['restauration'],
  Voyages: ['vacances'],
}

/** The category groups the text speaks of as a subject (module comment above). */
export function categoriesSpoken(message: string): string[] {
  const t = fold(message.slice(0, READ_CHARS)).replace(/\*+/g, '')
  const out: string[] = []
  for (const g of CATEGORY_GROUPS) {
    const stem = [g.stems[0] ?? fold(g.name), ...(SPOKEN_FORMS[g.name] ?? [])].join('|')
    for (const m of t.matchAll(new RegExp(`(^|[^a-z])((?:${stem})[a-z]*)(\\s*:)?`, 'g'))) {
      const at = (m.index ?? 0) + (m[1] ?? '').length
      const before = t.slice(Math.max(0, at - 40), at)
      if (EXCLUDED.test(before)) continue
      if (ATTRIBUTED.test(before) || (m[3] !== undefined && LABEL_START.test(before))) {
        out.push(g.name)
        break
      }
    }
  }
  return out
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const JOINED = String.raw`\s*(?:,|\bet\b|&|\bou\b|\+)\s*(?:(?:chez|a|de|d'|en|les|la|le|l')\s*)?`

/** The sentence of the answer's first figure (its headline), folded; the whole text when it states none. */
function headline(message: string): string {
  const text = message.slice(0, READ_CHARS)
  const first = statedFigures(text)[0]
  if (first === undefined) return fold(text)
  const start = Math.max(
    text.lastIndexOf('.', first.index),
    text.lastIndexOf('!', first.index),
    text.lastIndexOf('?', first.index),
    text.lastIndexOf('\n', first.index),
  )
  const ends = ['. ', '! ', '? ', '\n'].map((e) => text.indexOf(e, first.index + first.text.length)).filter((i) => i >= 0)
  return fold(text.slice(start + 1, ends.length > 0 ? Math.min(...ends) : text.length))
}

/**
 * The asked merchant or category joined with another in the headline ("Chez Carrefour et Auchan, … 56,11 €",
 * "vos dépenses alimentaires et de transport s'élèvent à …"): the figure is for both, not for the one asked. Another
 * name elsewhere ("… contre 40 € chez Lidl", "dont 412 € chez Boulangerie Dupont") is context; "respectivement"
 * gives each its own figure; a name that contains the asked one ("Carrefour Market") is the same merchant.
 */
function joinedWithOther(entities: QuestionEntities, turn: NormalizedTurn, others: string[]): Reason[] {
  const line = headline(turn.message)
  if (/\brespectivement\b/.test(line)) return []
  const out: Reason[] = []
  for (const m of entities.merchants) {
    const asked = escapeRe(fold(m))
    for (const o of others.filter((n) => !fold(n).includes(fold(m)) && !fold(m).includes(fold(n)))) {
      const other = escapeRe(fold(o))
      if (new RegExp(`(^|[^a-z0-9])(?:${asked}${JOINED}${other}|${other}${JOINED}${asked})([^a-z0-9]|$)`).test(line)) {
        out.push(reason('check.asked.joined', { kind: 'merchant', name: m, other: o }))
        break
      }
    }
  }
  for (const c of entities.categories) {
    const group = CATEGORY_GROUPS.find((g) => g.name === c)
    if (group === undefined) continue
    const asked = `(?:${group.stems.join('|')})[a-z]*`
    for (const o of CATEGORY_GROUPS.filter((g) => !entities.categories.includes(g.name))) {
      const other = `${o.stems[0] ?? fold(o.name)}[a-z]*`
      if (new RegExp(`(^|[^a-z])(?:${asked}${JOINED}${other}|${other}${JOINED}${asked})([^a-z]|$)`).test(line)) {
        out.push(reason('check.asked.joined', { kind: 'category', name: c, other: o.name }))
        break
      }
    }
  }
  return out
}

/**
 * An answer that carries results (a count above zero) and whose own words state none of them — no amount, no count,
 * no percentage, no "rien"/"aucun", no direction ("en hausse") — answers nothing: "Voici vos dépenses du mois dernier.", "Vous souhaitez connaître vos
 * dépenses…", the question echoed, "Je n'ai pas accès à vos données" (review 2026-12-05: each passed, grounded). A
 * "how much" question has its own rule (no_amount, below); an answer that found nothing needs no figure.
 */
function figureNotStated(entities: QuestionEntities, turn: NormalizedTurn, question: string): Reason[] {
  if ((turn.totalResults ?? 0) <= 0 || saysNothingFound(turn)) return []
  // A table row states its figure as « label : value » (grounding/table-rows.ts): « | Transactions | 5 | » is a count.
  const own = ownWords(statedMessage(turn).slice(0, READ_CHARS), question)
  // A figure, a zero ("vous n'avez rien dépensé", "aucune anomalie") or a direction ("vos dépenses sont en hausse"):
  // a statement of the results, which grounding then judges.
  if (statedFigures(own).length > 0 || zeroClaims(own).length > 0 || statedDirections(own).length > 0) return []
  if (/(?:^|[^a-z])(?:aucun|aucune|rien|nul|nulle)(?:[^a-z]|$)/.test(fold(own))) return []
  if (entities.amount && amountNotStated(entities, turn, question).length > 0) return []
  return [reason('check.asked.no_figure', { message: excerpt(turn.message, 120), results: turn.totalResults ?? 0 })]
}

/**
 * A question of "how much" answered without an amount in its own words ("Voici vos transactions.") does not answer
 * it, whatever its cards and charts show (a review got GO with it on v2, 2026-12-04). An answer that found nothing or
 * says so ("vous n'avez rien dépensé aujourd'hui") needs no amount.
 */
function amountNotStated(entities: QuestionEntities, turn: NormalizedTurn, question: string): Reason[] {
  if (!entities.amount || turn.totalResults === 0 || saysNothingFound(turn)) return []
  const own = ownWords(statedMessage(turn).slice(0, READ_CHARS), question)
  if (statedFigures(own).some((f) => f.kind === 'amount') || zeroClaims(own).length > 0) return []
  return [reason('check.asked.no_amount', { message: excerpt(turn.message, 120) })]
}

// The v2 guard's patterns (contract: ConversationRequest.message): a question without any of them gives no
// reason for a "malicious content" refusal.
const GUARDED = /(<script|<\/script|javascript:|data:|<\?php|<\?xml|select |drop |insert |update |delete |union select|--|;--)/i
const SECURITY_REFUSAL = /(malveillant|non autoris|forbidden|malicious|injection|interdit)/

/** Failures for an edge-case 4xx whose message is about another text than the question. */
export function checkRefusalConcernsQuestion(question: string, message: string | null, inputs: readonly string[]): Reason[] {
  const asked = fold(question).trim()
  const foreign = inputs.map((i) => i.trim()).filter((i) => i !== '' && fold(i).trim() !== asked)
  if (foreign.length > 0 && foreign.length === inputs.filter((i) => i.trim() !== '').length) {
    return [reason('check.asked.refusal_other_input', { input: foreign[0] ?? '', message: message ?? '' })]
  }
  if (message !== null && SECURITY_REFUSAL.test(fold(message)) && !GUARDED.test(question)) {
    return [reason('check.asked.refusal_unfounded', { message })]
  }
  return []
}
