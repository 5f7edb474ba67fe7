// Which language a text reads as (docs/suite-rules.md §4: the answer must be French). A French check that counts
// "de", "la", "en", "se" as French passes a Spanish or Italian answer, which uses them just as much. So words are
// evidence in two strengths: STRONG French words no likely impostor uses ("vous", "les", "avec", "dépensé"), SHARED
// ones the Romance languages have too ("de", "la", "il", "que"), worth half; and every likely impostor (Spanish,
// Italian, Portuguese, Catalan, German, English) has its own markers: function words, the finance words an answer uses, and
// letters French never writes (ñ ¿ ¡, ã õ, á í ó ú, a final ì ò ù, ß ä ö ü). German joins them: an answer in German
// with a French "merci" must not pass for having no marker at all. Each impostor's markers are its grammar (articles,
// pronouns, prepositions, the verbs an answer states facts with) or its subject words (SUBJECT_WORDS): a sentence in
// its grammar is its prose, one of its subject words only a label. Names, product names with their connectors
// ("Standard with ads"), short parentheses and quotations are no one's evidence. A text is judged sentence by
// sentence (sentencesOf): a French opener does not make an English sentence French. Pure data and counting;
// message.ts decides.

export type Impostor = 'es' | 'it' | 'pt' | 'ca' | 'de' | 'en'
/** The impostors other than English: the Romance languages, and German (whose markers English does not use). */
const NOT_ENGLISH = ['es', 'it', 'pt', 'ca', 'de'] as const

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/))

/**
 * French grammar no impostor shares: articles, pronouns, prepositions, auxiliaries, conjunctions, adverbs (after
 * splitting elisions: "j'ai" → j, ai). A sentence's grammar is what a reader judges its language by.
 */
const FRENCH_GRAMMAR = words(`
  les des du au aux vous votre vos est sont pour avec dans une cette ces cet ce pas sur été je j qu avez avons ont
  nous aucun aucune très leur leurs sans chez voici voilà ils elles elle était être et où à par mon ses tout tous toute
  toutes aussi comme peu beaucoup encore déjà après avant depuis moins fait peut pouvez souhaitez voulez environ soit
  dont lors selon chaque quelle quelles quel quels combien ici
`)

/** French words of an answer's subject (months, spending, merchants, greetings): evidence, but not grammar. */
const FRENCH_VOCABULARY = words(`
  dernier dernière derniers dernières mois semaine semaines année années jour jours hier aujourd hui montant montants
  dépense dépenses dépensé dépensés achat achats paiement paiements opération opérations trouvé trouvée trouvés
  trouvées catégorie catégories marchand marchands moyen moyenne revenus solde hausse baisse période périodes résumé
  abonnement abonnements merci bonjour désolé veuillez détail détails aperçu retrouvé effectué effectuée effectués
  effectuées réalisé cours voir
`)

/** French words that are not ordinary words of Spanish, Italian, Portuguese, Catalan, German or English. */
const FRENCH_STRONG: ReadonlySet<string> = new Set([...FRENCH_GRAMMAR, ...FRENCH_VOCABULARY])

/** French grammar words the Romance impostors use too ("de", "la", "en"…): half a point each. */
const FRENCH_SHARED = words(`le la de un en se sa il ne que qui son mes nos ou mais l d c s n ai y plus entre ma bien`)

/**
 * English grammar that is no French word: never "on", "a", "as", "me", "son", "but", "via", "per" (French writes
 * them), never a loanword French answers use ("top", "shopping", "streaming", "cashback", "week-end").
 */
const ENGLISH_GRAMMAR = words(`
  the and is are you your of to for with this that it was have has not be an at or we my from by can will please
  there no sorry i here which were been would could in across over into than its their they them our us what when
  where how who all most mostly more some any up out about just only also each these those did does had being since
  during through while because if then very much many such other another he she him her his should may might must
  let yours whose why
`)

/** English words of an answer's subject and of a framework's errors: evidence, but not grammar. */
const ENGLISH_VOCABULARY = words(`
  error spent found failed field required missing invalid unknown denied forbidden unauthorized value spending
  expenses expense purchases purchase month months last amount amounts average period groceries merchant merchants
  biggest largest week weeks year years today yesterday category payments spend paid
`)

/**
 * The months of each impostor, never a French month ("novembre", and Spanish "mayo", a French word, left out): words
 * of a subject, and never names even capitalised ("Im März", "Total for October").
 */
const MONTHS: Readonly<Record<Impostor, ReadonlySet<string>>> = {
  es: words('enero febrero marzo abril junio julio agosto septiembre octubre noviembre diciembre'),
  it: words('gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre dicembre'),
  pt: words('janeiro fevereiro março abril maio junho julho agosto setembro outubro dezembro'),
  ca: words('gener febrer març abril maig juny juliol agost setembre octubre desembre'),
  de: words('januar februar märz april juni juli august september oktober dezember'),
  en: words('january february march april june july august september october december'),
}
const ALL_MONTHS: ReadonlySet<string> = new Set(Object.values(MONTHS).flatMap((m) => [...m]))

/**
 * Each impostor's subject words (nouns, adjectives, months): evidence of the language, not of its grammar. Every
 * other marker is grammar — articles, pronouns, prepositions, auxiliaries and the verbs an answer states its facts
 * with ("spent", "gastado", "gastaste", "fue", "ausgegeben", "bezahlt") — what makes a sentence prose of that
 * language rather than a label in it ("Top merchant", "groceries", "Gastos totales").
 */
const SUBJECT_WORDS: Readonly<Record<Impostor, ReadonlySet<string>>> = {
  es: words(`gastos gasto compras compra tienda transacciones transacción periodo período pasado último últimos última
    últimas semana año importe suma cuenta`),
  it: words('spese spesa transazioni transazione importo totale mese scorso ultimi ultimo settimana anno negozio periodo'),
  pt: words('gastos despesas despesa transações transação período mês passado últimos compras'),
  ca: words('despeses despesa transaccions transacció mitjana passat compres'),
  de: words('letzten letzte monat woche ausgaben insgesamt'),
  en: words(`error field required missing invalid unknown denied forbidden unauthorized value spending expenses expense
    purchases purchase month months last amount amounts average period groceries merchant merchants biggest largest
    week weeks year years today yesterday category payments`),
}

/**
 * Markers of each likely impostor, its months added. A word may mark several ("con": Spanish and Italian). English
 * keeps the words the check has always counted (shared with the 4xx rule in message.ts) plus the finance words of an
 * answer.
 */
const WORDS_OF: Readonly<Record<Impostor, ReadonlySet<string>>> = {
  es: words(`
    el los las es del por usted ustedes su sus tus con para una muy más pero este esta estos estas hay ha han he hemos
    sido fue está están lo al aquí gastos gasto gastado gastó gastaste compras compra tienda transacciones transacción
    periodo período pasado último últimos última últimas semana año encontrado encontré ningún ninguna nada importe
    según suma no cuenta otras otros sobre todo toda todos todas desde hasta cuando donde como mucho mucha muchos
    has pagado pagaste pagó gastamos hiciste realizaste tienes tiene tuviste
  `),
  it: words(`
    gli della delle dello degli dei nel nella nei nelle sul sulla che è sono per tuo tuoi tua tue suo suoi spese spesa
    speso hai ho abbiamo transazioni transazione importo totale mese scorso ultimi ultimo settimana anno trovato
    trovata nessuna nessun negozio di da con una del al dal alla anche più questo questa ecco sei stato stata molto
    ancora perché tra fra periodo ha pagato
  `),
  pt: words(`
    você vocês seu sua seus suas não em do das da no na um uma ao aos pelo pela foi está são é gastou gastos despesas
    despesa transações transação período mês passado últimos encontrei encontrado nenhuma nenhum também muito os
    este esta para compras pagou
  `),
  ca: words(`
    els amb aquest aquesta heu teniu vostre vostres vostra despeses despesa transaccions transacció dels als pel pels
    però també és hi gastat trobat fins sense mitjana teves teus passat són una per has pagat compres
  `),
  // German words no French, English or Romance text uses ("du", "des", "es", "in", "an", "was", "will" are left out).
  de: words(`
    der die das dem den und ist sind nicht ich wir ihr ein eine einen einem einer im bei mit für von zu auf aus über
    nach vom zum zur auch noch wurde wurden haben hat hast habe letzten letzte monat woche ausgaben ausgegeben
    insgesamt ihre ihren ihrem deine dein deinen keine kein gibt bitte danke oder aber wenn dass sich schon nur sehr
    mehr wie sie ihnen ihrer bezahlt gezahlt hatten hattest
  `),
  en: new Set([...ENGLISH_GRAMMAR, ...ENGLISH_VOCABULARY]),
}
const withMonths = (lang: Impostor): ReadonlySet<string> => new Set([...WORDS_OF[lang], ...MONTHS[lang]])
const MARKERS: Readonly<Record<Impostor, ReadonlySet<string>>> = {
  es: withMonths('es'),
  it: withMonths('it'),
  pt: withMonths('pt'),
  ca: withMonths('ca'),
  de: withMonths('de'),
  en: withMonths('en'),
}

/** Letters French never writes, per language (counted once per word carrying them). */
const LETTERS: ReadonlyArray<{ pattern: RegExp; languages: readonly Impostor[] }> = [
  { pattern: /ñ/, languages: ['es'] },
  { pattern: /[ãõ]/, languages: ['pt'] },
  { pattern: /[áíóú]/, languages: ['es', 'pt', 'ca'] },
  { pattern: /ò/, languages: ['it', 'ca'] },
  // French writes ä ö ü only in a few rare words (capharnaüm) and names, which are never evidence; ß never.
  { pattern: /[ßäöü]/, languages: ['de'] },
  // A final accented vowel: "più", "città", "così" (French writes "où", "déjà", "voilà", "là" and the word "à").
  { pattern: /..[àèìù]$/, languages: ['it'] },
]
const FRENCH_FINAL_ACCENT = words('déjà voilà holà celà delà')
const FRENCH_ACCENT = /[àâäéèêëîïôöùûüÿçœæ]/i
/** Inverted marks: Spanish only, wherever they stand. */
const INVERTED = /[¿¡]/g

export interface LanguageScores {
  /** Every token, lower case. */
  words: string[]
  /** Strong French words, plus œ. */
  strong: number
  /** Shared words, plus one for French accents: worth half a point each in `french`. */
  shared: number
  /** strong + shared / 2: the French score to beat the impostors with. */
  french: number
  /** Every French word and the accent point, as the 4xx rule has always counted them. */
  frenchWords: number
  impostors: Record<Impostor, number>
  /**
   * The markers of each impostor that are its grammar and its verbs (every marker but SUBJECT_WORDS), names and
   * compounds left out: what makes a sentence prose of that language, not a label in it.
   */
  grammar: Record<Impostor, number>
  /**
   * Evidence only one family carries: words of the other impostors English does not use (and the letters French
   * never writes), English words none of them uses.
   */
  familyEvidence: { othersOwn: number; englishOwn: number }
  /**
   * What a reader judges a sentence's language by, names and parts of a hyphenated word ("week-end", "e-commerce")
   * left out: its words, its French grammar (strong and shared; and the strong alone, FRENCH_GRAMMAR, which no
   * impostor writes), its English grammar and all its English words.
   */
  prose: { words: number; frenchGrammar: number; frenchOwnGrammar: number; englishGrammar: number; english: number }
}

interface Token {
  word: string
  /**
   * A capitalised word inside a sentence, or one followed by another capitalised word: a name ("Casa del Libro",
   * "Da Vinci", "El Corte Inglés" even opening a sentence, "Uber Eats", "The Kooples"), and what a connector carries
   * on ("Standard with ads", "food and drinks"): not evidence of a language other than French. English "I", German
   * "Sie" and the months are capitalised everywhere: never names.
   */
  name: boolean
  /** Part of a hyphenated word ("week-end", "e-commerce", "drive-in"): a loanword or a compound, no impostor's evidence. */
  compound: boolean
  /** A name's lowercase word: a particle or a connector ("Marks and Spencer", "Standard with ads"). */
  joiner: boolean
}

/**
 * A name's particle: "Pizzeria da Michele", "Casa del Libro", "Jean de la Fontaine", "Marks and Spencer" — one of
 * these, between two capitals. Not any short word: German capitalises its nouns, and "für" between two of them is
 * German, not part of a name.
 */
const NAME_PARTICLES = words(`
  de du des la le les d l del della delle dei degli da di do dos das van von der den and of the y e et i en el al lo
  sur au aux on
`)

interface RawToken {
  text: string
  capital: boolean
  start: boolean
  compound: boolean
  index: number
  end: number
}

function rawTokensOf(text: string): RawToken[] {
  const raw: RawToken[] = []
  let sentenceStart = true
  // An identifier ("per_page", "conv_da12", "con_id") is one token, and no word of any language: what a service
  // echoes of a request's fields or ids says nothing of the language it answers in.
  for (const m of text.matchAll(/[\p{L}\p{N}_]*[_\p{N}][\p{L}\p{N}_]*|[a-zà-öø-ÿœæß]+|[.!?:;\n]/giu)) {
    if (/^[.!?:;\n]$/.test(m[0])) {
      sentenceStart = true
      continue
    }
    if (/[_\p{N}]/u.test(m[0])) continue // a figure or an identifier: neither a word nor a sentence's start
    const end = m.index + m[0].length
    const compound = /\p{L}-$/u.test(text.slice(Math.max(0, m.index - 2), m.index)) || /^-\p{L}/u.test(text.slice(end, end + 2))
    raw.push({ text: m[0], capital: m[0] !== m[0].toLowerCase(), start: sentenceStart, compound, index: m.index, end })
    sentenceStart = false
  }
  return raw
}

/** Capitalised wherever they stand, so never names: English "I", German "Sie" and its forms. */
const NEVER_NAMES = new Set(['I', 'Sie', 'Ihr', 'Ihre', 'Ihnen', 'Ihren', 'Ihrem', 'Ihrer'])

/** A capital that may make a name: not a pronoun capitalised everywhere, not a month ("Im März", "for October"). */
const nameCapital = (t: RawToken | undefined): boolean => t?.capital === true && !NEVER_NAMES.has(t.text) && !ALL_MONTHS.has(t.text.toLowerCase())

/**
 * Lowercase words that carry a name on to its next word: a product's or a plan's name ("Netflix Standard with ads",
 * "Echo Dot with clock", "Apple One for families") after a name; a label's parts ("food and drinks", "standard with
 * ads") between two words of no language's grammar. Never "at", "to", "in", "on": what a clause places a name with.
 */
const NAME_CONNECTORS = words('with and for of plus or')
const LABEL_CONNECTORS = words('with and of or')

/** A word of no language's grammar: a label's or a name's part, never "your", "the", "de", "gastado", "bei". */
function contentWord(word: string): boolean {
  if (FRENCH_GRAMMAR.has(word) || FRENCH_SHARED.has(word) || ENGLISH_GRAMMAR.has(word) || ALL_MONTHS.has(word)) return false
  return !NOT_ENGLISH.some((lang) => MARKERS[lang].has(word) && !SUBJECT_WORDS[lang].has(word))
}

function tokensOf(text: string): Token[] {
  const raw = rawTokensOf(text)
  const tokens = raw.map((t, i) => {
    const next = raw[i + 1]
    const beforeName = nameCapital(next) && next?.start === false
    const particle = !t.capital && NAME_PARTICLES.has(t.text) && nameCapital(raw[i - 1]) && beforeName
    const name = (nameCapital(t) && (!t.start || beforeName)) || particle
    return { word: t.text.toLowerCase(), name, compound: t.compound, joiner: particle }
  })
  joinNames(text, raw, tokens)
  return tokens
}

/** Names and labels carried on by a connector (NAME_CONNECTORS): its words are a name's, not prose. */
function joinNames(text: string, raw: readonly RawToken[], tokens: Token[]): void {
  // Only spaces between the words (and a name's "+": "Disney+ with ads"): a figure or a comma ends a name.
  const adjacent = (a: RawToken, b: RawToken): boolean => /^\+?\s+$/u.test(text.slice(a.end, b.index))
  for (let i = 1; i + 1 < tokens.length; i++) {
    const [left, connector, right] = [tokens[i - 1], tokens[i], tokens[i + 1]] as [Token, Token, Token]
    const [a, c, b] = [raw[i - 1], raw[i], raw[i + 1]] as [RawToken, RawToken, RawToken]
    if (c.capital || !adjacent(a, c) || !adjacent(c, b) || !contentWord(right.word)) continue
    if (left.name && NAME_CONNECTORS.has(connector.word)) connector.name = right.name = true
    // A short lowercase word between two capitalised words of a name is the name's own ("Pay by Phone", "Eat at Joe's").
    // Not after a sentence's first word: "Spent at Carrefour", "Paid to Carrefour" are English clauses.
    else if (left.name && right.name && c.text.length <= 3) connector.name = true
    else if (LABEL_CONNECTORS.has(connector.word) && contentWord(left.word)) left.name = connector.name = right.name = true
    else continue
    connector.joiner = true
  }
}

/** "y" is Spanish "and" except in French "il y a", "n'y a", "j'y", "y avait". */
function frenchY(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1]?.word ?? ''
  const after = tokens[i + 1]?.word ?? ''
  return ['il', 'n', 'j', 's', 'elle', 'on'].includes(before) || ['a', 'avait', 'aura', 'ont', 'en', 'est'].includes(after)
}

/** Whether a token is a marker of one of the impostors other than English. */
function markOthers(tokens: readonly Token[], i: number, scores: Pick<LanguageScores, 'impostors' | 'grammar'>): boolean {
  const t = tokens[i] as Token
  if (t.name || t.compound) return false
  let marked = false
  for (const lang of NOT_ENGLISH) {
    if (t.word === 'y' && lang === 'es') {
      if (frenchY(tokens, i)) continue
    } else if (!MARKERS[lang].has(t.word)) continue
    scores.impostors[lang]++
    if (!SUBJECT_WORDS[lang].has(t.word)) scores.grammar[lang]++
    marked = true
  }
  return marked
}

function scoreImpostors(tokens: readonly Token[], text: string): Pick<LanguageScores, 'impostors' | 'grammar' | 'familyEvidence'> {
  const impostors: Record<Impostor, number> = { es: 0, it: 0, pt: 0, ca: 0, de: 0, en: 0 }
  const grammar: Record<Impostor, number> = { es: 0, it: 0, pt: 0, ca: 0, de: 0, en: 0 }
  const family = { othersOwn: 0, englishOwn: 0 }
  tokens.forEach((t, i) => {
    // English counts every word as it always has: "Route … Not Found" is English even capitalised; but not the
    // lowercase word that joins a name ("Marks and Spencer", "Standard with ads"), no more than the name itself.
    const english = !t.compound && !t.joiner && MARKERS.en.has(t.word)
    if (english) impostors.en++
    if (english && !t.name && !SUBJECT_WORDS.en.has(t.word)) grammar.en++
    const others = markOthers(tokens, i, { impostors, grammar })
    // A word of both families ("no") is evidence for each language, but for neither family alone.
    if (english && !others) family.englishOwn++
    if (others && !english) family.othersOwn++
    if (t.name || t.compound || FRENCH_STRONG.has(t.word) || FRENCH_FINAL_ACCENT.has(t.word)) return
    for (const { pattern, languages } of LETTERS)
      if (pattern.test(t.word)) {
        for (const lang of languages) impostors[lang]++
        family.othersOwn++
      }
  })
  const inverted = (text.match(INVERTED) ?? []).length
  impostors.es += inverted
  family.othersOwn += inverted
  return { impostors, grammar, familyEvidence: family }
}

function frenchGrammar(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token
  return FRENCH_GRAMMAR.has(t.word) || (t.word === 'y' ? frenchY(tokens, i) : FRENCH_SHARED.has(t.word))
}

function scoreProse(tokens: readonly Token[]): LanguageScores['prose'] {
  const prose = { words: 0, frenchGrammar: 0, frenchOwnGrammar: 0, englishGrammar: 0, english: 0 }
  tokens.forEach((t, i) => {
    if (t.name) return
    prose.words++
    if (frenchGrammar(tokens, i)) prose.frenchGrammar++
    if (FRENCH_GRAMMAR.has(t.word)) prose.frenchOwnGrammar++
    if (t.compound) return
    if (ENGLISH_GRAMMAR.has(t.word)) prose.englishGrammar++
    if (MARKERS.en.has(t.word)) prose.english++
  })
  return prose
}

export function languageScores(text: string): LanguageScores {
  const tokens = tokensOf(text)
  let strong = /œ/i.test(text) ? 1 : 0
  let shared = FRENCH_ACCENT.test(text) ? 1 : 0
  let frenchWords = shared
  tokens.forEach((t, i) => {
    if (FRENCH_STRONG.has(t.word)) strong++
    else if (t.word === 'y' ? frenchY(tokens, i) : FRENCH_SHARED.has(t.word)) shared++
    else return
    frenchWords++
  })
  return {
    words: tokens.map((t) => t.word),
    strong,
    shared,
    french: strong + shared / 2,
    frenchWords,
    ...scoreImpostors(tokens, text),
    prose: scoreProse(tokens),
  }
}

// Quoted text is what the answer cites (a transaction's label, a plan's name: « Monthly subscription », "Standard with
// ads"), not its prose; so is a short parenthesis ("(plan Standard with ads)", "(pay in 3)", "(Echo Dot with
// clock)"): a name or a label beside the prose, whose figures stay. Sentences end at . ! ? … ; or a line break, but
// not inside a figure (412.30, 1.234,56); never at a colon, which joins a label to what it labels ("Total for
// October: 133,98 €", "- food and drinks : 412 €") — cut there, the prose of a sentence fell to pieces too small to
// read, on either side.
const QUOTED = /«[^«»\n]*»|“[^“”\n]*”|"[^"\n]*"/g
const PARENTHESIS = /\(([^()\n]*)\)/g
/** A parenthesis of at most this many words is a name or a label; a longer one is prose. */
const PARENTHESIS_WORDS = 4
const SENTENCE_END = /(?<!\d)\.|\.(?!\d)|[!?…;\n]/

const labelOnly = (parenthesis: string, inner: string): string =>
  (inner.match(/\p{L}+/gu) ?? []).length <= PARENTHESIS_WORDS ? parenthesis.replace(/\p{L}+/gu, ' ') : parenthesis

/**
 * The sentences a reader judges one by one: the text outside quotations and short parentheses, cut at sentence ends
 * (markdown list items and headings are lines), each with what it says and its figures; empty ones dropped.
 */
export function sentencesOf(text: string): string[] {
  return text
    .replace(QUOTED, ' ')
    .replace(PARENTHESIS, labelOnly)
    .split(SENTENCE_END)
    .filter((s) => /\p{L}/u.test(s))
}

/**
 * What a text reads as instead of French: one language when a family decides, or — when only words of both
 * families speak ("No, 412,30 €") — the likeliest language of each family, English first: the text is not French
 * ("no" is never French), but it cannot tell "English or Spanish" apart, so it names both rather than pick one.
 */
export type ImpostorReading =
  | { language: Impostor; eitherOf?: undefined; score: number }
  | { language: null; eitherOf: readonly [Impostor, Impostor]; score: number }

/**
 * The impostor with the most evidence, or null when no impostor's word appears. Two steps, because a short
 * function word may mark languages of both families ("no" is English, Spanish and Portuguese): such a word counts
 * for each language but never decides alone which FAMILY a text is in — "Invalid date: no transactions exist
 * before 2000." is English by "invalid", not Spanish by "no". The family with more evidence of its own (words only
 * it uses; the letters and inverted marks French never writes belong to the other impostors) wins, ties by the
 * total; then the language of that family with the most evidence (ties: the first in es, it, pt, ca, de order).
 * Only shared words: the evidence still counts against French (message.ts weighs it as any impostor's), and both
 * families are named.
 */
export function likeliestImpostor(scores: LanguageScores): ImpostorReading | null {
  const { othersOwn, englishOwn } = scores.familyEvidence
  const othersBest = bestOf(scores, NOT_ENGLISH)
  const english = { language: 'en' as const, score: scores.impostors.en }
  if (othersOwn === 0 && englishOwn === 0) {
    if (english.score === 0 && othersBest.score === 0) return null
    // Shared words count for both families at once (language.ts scoreImpostors), so both carry them here.
    return { language: null, eitherOf: ['en', othersBest.language], score: Math.max(english.score, othersBest.score) }
  }
  if (othersOwn !== englishOwn) return othersOwn > englishOwn ? othersBest : english
  return othersBest.score >= english.score ? othersBest : english
}

/** The evidence of the strongest impostor other than English: what strong French words must outscore. */
export function othersScore(scores: LanguageScores): number {
  return Math.max(...NOT_ENGLISH.map((language) => scores.impostors[language]))
}

/** The grammar words of the strongest impostor other than English, by its grammar (LanguageScores.grammar). */
export function othersGrammar(scores: LanguageScores): number {
  return Math.max(...NOT_ENGLISH.map((language) => scores.grammar[language]))
}

function bestOf(scores: LanguageScores, languages: readonly Impostor[]): { language: Impostor; score: number } {
  let best = { language: languages[0] as Impostor, score: scores.impostors[languages[0] as Impostor] }
  for (const language of languages) if (scores.impostors[language] > best.score) best = { language, score: scores.impostors[language] }
  return best
}
