// Which language a text reads as (docs/suite-rules.md §4: the answer must be French). A French check that counts
// "de", "la", "en", "se" as French passes a Spanish or Italian answer, which uses them just as much. So words are
// evidence in two strengths: STRONG French words no likely impostor uses ("vous", "les", "avec", "dépensé"), SHARED
// ones the Romance languages have too ("de", "la", "il", "que"), worth half; and every likely impostor (Spanish,
// Italian, Portuguese, Catalan, English) has its own markers: function words, the finance words an answer uses, and
// letters French never writes (ñ ¿ ¡, ã õ, á í ó ú, a final ì ò ù). Pure data and counting; message.ts decides.

export type Impostor = 'es' | 'it' | 'pt' | 'ca' | 'en'
const ROMANCE = ['es', 'it', 'pt', 'ca'] as const

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/))

/** French words that are not ordinary words of Spanish, Italian, Portuguese, Catalan or English (after splitting elisions: "j'ai" → j, ai). */
const FRENCH_STRONG = words(`
  les des du au aux vous votre vos est sont pour avec dans une cette ces cet ce pas sur été je j qu avez avons ont
  nous aucun aucune très leur leurs sans chez voici voilà ils elles elle était être et où à par mon ses tout tous toute
  toutes aussi comme peu beaucoup encore déjà après avant depuis moins fait peut pouvez souhaitez voulez
  dernier dernière derniers dernières mois semaine semaines année années jour jours hier aujourd hui montant montants
  dépense dépenses dépensé dépensés achat achats paiement paiements opération opérations trouvé trouvée trouvés
  trouvées catégorie catégories marchand marchands moyen moyenne revenus solde hausse baisse période périodes résumé
  abonnement abonnements environ soit dont lors selon chaque quelle quelles quel quels combien merci bonjour désolé
  veuillez détail détails aperçu retrouvé effectué effectuée effectués effectuées réalisé cours ici voir
`)

/** French words the Romance impostors use too ("de", "la", "en"…): half a point each. */
const FRENCH_SHARED = words(`le la de un en se sa il ne que qui son mes nos ou mais l d c s n ai y plus entre ma bien`)

/**
 * Markers of each likely impostor. A word may mark several ("con": Spanish and Italian). English keeps the words
 * the check has always counted (shared with the 4xx rule in message.ts) plus the finance words of an answer.
 */
const MARKERS: Readonly<Record<Impostor, ReadonlySet<string>>> = {
  es: words(`
    el los las es del por usted ustedes su sus tus con para una muy más pero este esta estos estas hay ha han he hemos
    sido fue está están lo al aquí gastos gasto gastado gastó gastaste compras compra tienda transacciones transacción
    periodo período pasado último últimos última últimas semana año encontrado encontré ningún ninguna nada importe
    según suma no cuenta otras otros
  `),
  it: words(`
    gli della delle dello degli dei nel nella nei nelle sul sulla che è sono per tuo tuoi tua tue suo suoi spese spesa
    speso hai ho abbiamo transazioni transazione importo totale mese scorso ultimi ultimo settimana anno trovato
    trovata nessuna nessun negozio di da con una del al dal alla anche più questo questa ecco sei stato stata molto
    ancora perché tra fra periodo ha
  `),
  pt: words(`
    você vocês seu sua seus suas não em do das da no na um uma ao aos pelo pela foi está são é gastou gastos despesas
    despesa transações transação período mês passado últimos encontrei encontrado nenhuma nenhum também muito os
    este esta para compras
  `),
  ca: words(`
    els amb aquest aquesta heu teniu vostre vostres vostra despeses despesa transaccions transacció dels als pel pels
    però també és hi gastat trobat fins sense mitjana teves teus passat són una per
  `),
  en: words(`
    the and is are you your of to for with this that it was have has not be an at or we my from by can will please
    there no sorry i here which were been would could error in spent found failed field required missing invalid
    unknown denied forbidden unauthorized value spending expenses purchases month last amount average period
  `),
}

/** Letters French never writes, per language (counted once per word carrying them). */
const LETTERS: ReadonlyArray<{ pattern: RegExp; languages: readonly Impostor[] }> = [
  { pattern: /ñ/, languages: ['es'] },
  { pattern: /[ãõ]/, languages: ['pt'] },
  { pattern: /[áíóú]/, languages: ['es', 'pt', 'ca'] },
  { pattern: /ò/, languages: ['it', 'ca'] },
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
  /** Evidence only one family carries: Romance words English does not use (and Romance letters), English words no Romance language uses. */
  familyEvidence: { romanceOwn: number; englishOwn: number }
}

interface Token {
  word: string
  /**
   * A capitalised word inside a sentence, or one followed by another capitalised word: a name ("Casa del Libro",
   * "Da Vinci", "El Corte Inglés" even opening a sentence), not evidence of a Romance language.
   */
  name: boolean
}

/** A name's particle: "Pizzeria da Michele", "Casa del Libro", "Jean de la Fontaine" — short, between two capitals. */
const PARTICLE_MAX = 3

function tokensOf(text: string): Token[] {
  const raw: Array<{ text: string; capital: boolean; start: boolean }> = []
  let sentenceStart = true
  // An identifier ("per_page", "conv_da12", "con_id") is one token, and no word of any language: what a service
  // echoes of a request's fields or ids says nothing of the language it answers in.
  for (const m of text.matchAll(/[\p{L}\p{N}_]*[_\p{N}][\p{L}\p{N}_]*|[a-zà-öø-ÿœæ]+|[.!?:;\n]/giu)) {
    if (/^[.!?:;\n]$/.test(m[0])) {
      sentenceStart = true
      continue
    }
    if (/[_\p{N}]/u.test(m[0])) continue // a figure or an identifier: neither a word nor a sentence's start
    raw.push({ text: m[0], capital: m[0] !== m[0].toLowerCase(), start: sentenceStart })
    sentenceStart = false
  }
  return raw.map((t, i) => {
    const next = raw[i + 1]
    const before = raw[i - 1]
    const beforeName = next?.capital === true && !next.start
    const particle = !t.capital && t.text.length <= PARTICLE_MAX && before?.capital === true && beforeName
    return { word: t.text.toLowerCase(), name: (t.capital && (!t.start || beforeName)) || particle }
  })
}

/** "y" is Spanish "and" except in French "il y a", "n'y a", "j'y", "y avait". */
function frenchY(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1]?.word ?? ''
  const after = tokens[i + 1]?.word ?? ''
  return ['il', 'n', 'j', 's', 'elle', 'on'].includes(before) || ['a', 'avait', 'aura', 'ont', 'en', 'est'].includes(after)
}

function scoreImpostors(tokens: readonly Token[], text: string): Pick<LanguageScores, 'impostors' | 'familyEvidence'> {
  const impostors: Record<Impostor, number> = { es: 0, it: 0, pt: 0, ca: 0, en: 0 }
  const family = { romanceOwn: 0, englishOwn: 0 }
  tokens.forEach((t, i) => {
    // English counts every word as it always has: "Route … Not Found" is English even capitalised.
    const english = MARKERS.en.has(t.word)
    if (english) impostors.en++
    let romance = false
    if (!t.name) {
      for (const lang of ROMANCE) {
        if (t.word === 'y' && lang === 'es') {
          if (!frenchY(tokens, i)) impostors.es++
        } else if (MARKERS[lang].has(t.word)) impostors[lang]++
        else continue
        romance = true
      }
    }
    // A word of both families ("no") is evidence for each language, but for neither family alone.
    if (english && !romance) family.englishOwn++
    if (romance && !english) family.romanceOwn++
    if (t.name || FRENCH_STRONG.has(t.word) || FRENCH_FINAL_ACCENT.has(t.word)) return
    for (const { pattern, languages } of LETTERS)
      if (pattern.test(t.word)) {
        for (const lang of languages) impostors[lang]++
        family.romanceOwn++
      }
  })
  const inverted = (text.match(INVERTED) ?? []).length
  impostors.es += inverted
  family.romanceOwn += inverted
  return { impostors, familyEvidence: family }
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
  }
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
 * it uses; the letters and inverted marks French never writes are Romance's own) wins, ties by the total; then the
 * language of that family with the most evidence (ties: the first in es, it, pt, ca order). Only shared words: the
 * evidence still counts against French (message.ts weighs it as any impostor's), and both families are named.
 */
export function likeliestImpostor(scores: LanguageScores): ImpostorReading | null {
  const { romanceOwn, englishOwn } = scores.familyEvidence
  const romanceBest = bestOf(scores, ROMANCE)
  const english = { language: 'en' as const, score: scores.impostors.en }
  if (romanceOwn === 0 && englishOwn === 0) {
    if (english.score === 0 && romanceBest.score === 0) return null
    // Shared words count for both families at once (language.ts scoreImpostors), so both carry them here.
    return { language: null, eitherOf: ['en', romanceBest.language], score: Math.max(english.score, romanceBest.score) }
  }
  if (romanceOwn !== englishOwn) return romanceOwn > englishOwn ? romanceBest : english
  return romanceBest.score >= english.score ? romanceBest : english
}

function bestOf(scores: LanguageScores, languages: readonly Impostor[]): { language: Impostor; score: number } {
  let best = { language: languages[0] as Impostor, score: scores.impostors[languages[0] as Impostor] }
  for (const language of languages) if (scores.impostors[language] > best.score) best = { language, score: scores.impostors[language] }
  return best
}
