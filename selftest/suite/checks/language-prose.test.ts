// The language of the prose, sentence by sentence (docs/suite-rules.md §4, tests/support/checks/message.ts): a reader
// judges an answer by the grammar of its sentences, not by its names, amounts, dates, quotations or loanwords.
// Property-style, seeded: French answers generated from the reference service's own texts and from the shapes a real
// service writes (markdown, emoji headings, lists of merchants, loanwords, brand names, short and figure-heavy
// answers, English product and plan names, English labels in parentheses or lists) never fail; English answers
// dressed in French words, mostly-English answers, Spanish, Italian or German answers with a French word, and a short
// foreign sentence stating the answer's figures inside a French opener and closer always fail, naming the language.
import { describe, expect, test } from 'vitest'
import { mulberry32, type Rng } from '../../../core/random.ts'
import { languageScores } from '../../../tests/support/checks/language.ts'
import { checkMessage, readFrench } from '../../../tests/support/checks/message.ts'
import { referenceAnswers } from '../reference-answers.ts'
import { english } from './helpers.ts'

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T

interface Fill {
  amount: string
  count: number
  pct: string
  merchant: string
  merchants: string[]
  day: number
  month: string
  /** A product's or plan's English name, as the merchant spells it. */
  product: string
  /** Category labels as a service's data names them, in English. */
  labels: string[]
}

const MERCHANTS = [
  'Carrefour',
  'Netflix',
  'Amazon Prime',
  'Uber Eats',
  'The Kooples',
  'Urban Outfitters',
  'Back Market',
  'Burger King',
  'Five Guys',
  'Just Eat',
  'Too Good To Go',
  'Marks and Spencer',
  'El Corte Inglés',
  'Pizza Della Mamma',
  'Lidl',
  'SNCF',
  'Spotify',
  'Disney+',
  'Bed Bath & Beyond',
]
const AMOUNTS = ['2 661,93 €', '412,30 €', '17,99 €', '0,99 €', '1 050,20€', '13,49 €', '162 €']
const MONTHS = ['janvier', 'mars', 'juin', 'octobre', 'décembre']
/** English product and plan names with their lowercase connectors ("with", "for", "and"), capitalised or not. */
const PRODUCTS = [
  'Standard with ads',
  'Standard with Ads',
  'Basic with ads',
  'Premium for families',
  'Echo Dot with clock',
  'Duo and Family',
  'Premium Individual',
  'One for students',
]
const LABELS = [
  'food and drinks',
  'groceries',
  'shopping',
  'bars and restaurants',
  'health and beauty',
  'home and garden',
  'transport',
  'subscriptions',
]

function fill(rng: Rng): Fill {
  const merchants = [pick(rng, MERCHANTS), pick(rng, MERCHANTS), pick(rng, MERCHANTS)]
  return {
    amount: pick(rng, AMOUNTS),
    count: 1 + Math.floor(rng() * 80),
    pct: pick(rng, ['12', '4,5', '33', '100']),
    merchant: merchants[0] as string,
    merchants,
    day: 1 + Math.floor(rng() * 28),
    month: pick(rng, MONTHS),
    product: pick(rng, PRODUCTS),
    labels: [pick(rng, LABELS), pick(rng, LABELS)],
  }
}

type Template = (f: Fill) => string

/**
 * French written the ways a real service writes it (in our own words, in the shapes of the recorded bodies the
 * contract gives): loanwords and brands French uses, markdown, emoji headings, tables, quotations, short answers.
 */
const FRENCH_SHAPES: readonly Template[] = [
  (f) => `Vos dépenses de streaming (Netflix, Amazon Prime, Disney+) s'élèvent à ${f.amount} ce mois-ci.`,
  (f) => `Votre cashback du mois : ${f.amount}.`,
  (f) => `Le shopping en ligne et l'e-commerce représentent ${f.pct} % de vos dépenses.`,
  (f) => `Ce week-end, vous avez commandé ${f.count} fois sur Uber Eats.`,
  (f) => `Top 3 des marchands : ${f.merchants.join(', ')}.`,
  (f) => `Vos KPI du mois : ${f.amount} au total, ${f.count} transactions.`,
  () => 'Aucune transaction.',
  (f) => `Total : ${f.amount} (${f.count} transactions).`,
  (f) => `| Marchand | Montant |\n|---|---|\n| ${f.merchant} | ${f.amount} |`,
  (f) => `**Résumé** : ${f.count} transactions pour ${f.amount}.`,
  (f) => `- **${f.day} ${f.month} 2025** : ${f.amount} (${f.merchant})`,
  (f) => `Libellé : « Monthly subscription for the premium plan », ${f.amount} le ${f.day} ${f.month}.`,
  (f) => `Votre offre "Standard with ads" vous coûte ${f.amount} par mois.`,
  (f) => `Dépense chez ${f.merchant} : ${f.amount}.`,
  (f) => `Vos achats chez ${f.merchants[0]} et ${f.merchants[1]} se montent à ${f.amount}.`,
  (f) => `🔍 **Observation utile** : votre budget streaming est stable depuis ${f.month}.`,
  (f) => `💡 **Conseil** : avec votre nouveau tarif, vous économiserez environ ${f.amount} par an !`,
  () => "N'hésitez pas à me demander une analyse sur une autre période si cela peut vous aider.",
  () => "Y a-t-il autre chose concernant vos finances que vous aimeriez que j'analyse ? 😊",
  (f) => `Bonjour ! J'ai bien reçu votre demande concernant vos dépenses chez ${f.merchant}.`,
  (f) => `Il semble que vous n'ayez pas effectué d'achats ${f.merchant} récemment.`,
  (f) => `Montant moyen : ${f.amount}, en hausse de ${f.pct} % sur un an.`,
  (f) => `${f.merchant} arrive en tête avec ${f.amount}.`,
  (f) => `Vos abonnements : ${f.merchants.join(', ')} — ${f.amount} le mois dernier.`,
  (f) => `Le food delivery (Deliveroo, Uber Eats) pèse ${f.pct} % de vos sorties, une hausse en ${f.month}.`,
  // Short answers naming an English product or plan (review 2026-12-05: each went NO-GO): the name is no prose.
  (f) => `Vous payez ${f.merchant} ${f.product} : **${f.amount}** ce mois-ci.`,
  (f) => `Votre abonnement ${f.merchant} ${f.product} coûte ${f.amount}.`,
  (f) => `Le prélèvement ${f.merchant} (plan ${f.product}) : ${f.amount}.`,
  (f) => `Paiements ${f.merchant} (pay in ${1 + (f.count % 4)}) : ${f.amount} au total.`,
  (f) => `Dépense chez ${f.merchant} (${f.product}) : ${f.amount}.`,
  (f) => `Principales catégories : ${f.labels[0]} (${f.amount}), ${f.labels[1]} (${f.pct} %)`,
  (f) => `Vous avez dépensé ${f.amount} en ${f.labels[0]} ce mois-ci.`,
]

/** Lines of a French answer's list: an English category label and its figure, no prose of any language. */
const LABEL_LINES: readonly Template[] = [
  (f) => `- ${f.labels[0]} : ${f.amount}`,
  (f) => `- **${f.labels[0]}** : ${f.amount} (${f.count} transactions)`,
  (f) => `| ${f.labels[0]} | ${f.amount} |`,
]

/** Every text the reference service answers with, cut into lines: the healthy side, from the real domain code. */
function referenceLines(): string[] {
  const lines = new Set<string>()
  for (const { envelope } of referenceAnswers()) {
    for (const line of envelope.response.message.split('\n')) if (line.trim() !== '') lines.add(line)
    for (const i of envelope.response.structured_data) lines.add(`${i.title}. ${i.description}`)
  }
  return [...lines]
}

const JOINS = [' ', '\n', '\n\n', '\n- ', '\n\n**Détails** :\n- ']

/** A French answer: one to five pieces, from the reference service's lines and the shapes above, at least one in prose. */
function frenchAnswer(rng: Rng, lines: readonly string[]): string {
  const pieces = [pick(rng, lines)]
  const extra = Math.floor(rng() * 5)
  for (let i = 0; i < extra; i++) {
    const r = rng()
    pieces.push(r < 0.45 ? pick(rng, lines) : r < 0.85 ? pick(rng, FRENCH_SHAPES)(fill(rng)) : pick(rng, LABEL_LINES)(fill(rng)))
  }
  return pieces.reduce((text, piece) => `${text}${pick(rng, JOINS)}${piece}`)
}

/** English sentences that carry an answer. */
const ENGLISH: readonly Template[] = [
  (f) => `You spent ${f.amount} at ${f.merchant} across ${f.count} transactions, mostly groceries.`,
  (f) => `Your biggest expense last month was ${f.merchant} with ${f.amount}.`,
  (f) => `I found ${f.count} transactions for a total of ${f.amount}.`,
  (f) => `Most of your spending went to ${f.merchant} (${f.amount}).`,
  (f) => `There were ${f.count} purchases at ${f.merchant} this week, for ${f.amount} in total.`,
  () => 'Here is the breakdown of your expenses by category.',
  (f) => `Compared to the previous month, your spending is up by ${f.pct} %.`,
]
/** French words an English answer borrows: openers, closers, a time phrase before the English clause. */
const FRENCH_OPENERS = ['Bonjour !', 'Voici vos résultats.', 'Bonjour ! Voici le résumé de vos dépenses.']
const FRENCH_CLOSERS = [
  'Merci.',
  'Bonne journée !',
  "N'hésitez pas à me demander si vous souhaitez plus de détails !",
  'Souhaitez-vous voir le détail par catégorie ?',
]
const FRENCH_LEADS = ['Le mois dernier, ', 'Ce mois-ci, ', 'En mars, ', 'Au total, ', 'Chez Carrefour, ', 'Depuis le 1er janvier, ']

const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)

/** English answers dressed in French, each a shape a mixed-language service produces. */
const DRESSED: ReadonlyArray<(rng: Rng) => string> = [
  // A French time phrase or place before the English clause.
  (rng) => `${pick(rng, FRENCH_LEADS)}${lower(pick(rng, ENGLISH)(fill(rng)))}`,
  // French opener and closer around an English answer.
  (rng) => `${pick(rng, FRENCH_OPENERS)} ${pick(rng, ENGLISH)(fill(rng))} ${pick(rng, FRENCH_CLOSERS)}`,
  // Mostly English: two or three English sentences, one French one.
  (rng) => [pick(rng, ENGLISH)(fill(rng)), pick(rng, FRENCH_SHAPES)(fill(rng)), pick(rng, ENGLISH)(fill(rng))].join('\n'),
  // An English answer in markdown with a French heading.
  (rng) => `**Résumé de vos dépenses**\n- ${pick(rng, ENGLISH)(fill(rng))}\n- ${pick(rng, ENGLISH)(fill(rng))}`,
]

/** Spanish, Italian and German answers with a French word or sentence around them. */
const ROMANCE_AND_GERMAN: ReadonlyArray<[language: string, template: Template]> = [
  ['es', (f) => `Has gastado ${f.amount} en ${f.merchant} en ${f.count} transacciones el mes pasado.`],
  ['es', (f) => `En ${f.month}, gastaste ${f.amount} en ${f.merchant}, sobre todo en alimentación.`],
  ['it', (f) => `Hai speso ${f.amount} da ${f.merchant} in ${f.count} transazioni il mese scorso.`],
  ['it', (f) => `La spesa più alta è stata da ${f.merchant}: ${f.amount} nel periodo.`],
  ['de', (f) => `Du hast im letzten Monat ${f.amount} bei ${f.merchant} ausgegeben, das sind ${f.count} Transaktionen.`],
  ['de', (f) => `Deine Ausgaben für ${f.merchant} sind um ${f.pct} % gestiegen, insgesamt ${f.amount}.`],
]

/** Each impostor's months, for its own sentences. */
const FOREIGN_MONTHS: Record<string, readonly string[]> = {
  es: ['marzo', 'octubre', 'enero'],
  en: ['October', 'March', 'January'],
  de: ['März', 'Oktober', 'Januar'],
  ca: ['març', 'octubre', 'gener'],
  pt: ['março', 'outubro', 'janeiro'],
  it: ['marzo', 'ottobre', 'gennaio'],
}
type ForeignFact = (f: Fill, month: string) => string

/**
 * Short sentences that state an answer's facts in another language with one or two of its words (review 2026-12-05:
 * wrapped in a French opener and closer they passed): its verb, pronoun, article or preposition, figures and names.
 */
const FOREIGN_FACTS: ReadonlyArray<[language: string, fact: ForeignFact]> = [
  ['es', (f, m) => `Has gastado ${f.amount} en ${f.count} compras en ${m}.`],
  ['es', (f) => `Gastaste ${f.amount}.`],
  ['es', (f) => `Tu gasto total fue de ${f.amount}.`],
  ['es', (f) => `Pagaste ${f.amount} en ${f.merchant}.`],
  ['en', (f, m) => `Total for ${m}: ${f.amount} at ${f.merchant}.`],
  ['en', (f) => `You paid ${f.amount}.`],
  ['en', (f) => `Your total was ${f.amount}.`],
  ['en', (f) => `${f.count} transactions at ${f.merchant}.`],
  ['de', (f, m) => `Im ${m} haben Sie ${f.amount} bei ${f.merchant} bezahlt.`],
  ['de', (f) => `Sie haben ${f.amount} ausgegeben.`],
  ['ca', (f) => `Has gastat ${f.amount} en ${f.count} compres.`],
  ['pt', (f) => `Você gastou ${f.amount} em ${f.merchant}.`],
  ['it', (f) => `Hai speso ${f.amount} da ${f.merchant}.`],
]
/** Without a figure, two of its grammar words and no French grammar word still make a sentence foreign. */
const FOREIGN_REMARKS: ReadonlyArray<[language: string, remark: string]> = [
  ['es', 'Gastaste mucho.'],
  ['es', 'Has gastado mucho.'],
  ['en', 'You paid too much.'],
  ['de', 'Sie haben viel bezahlt.'],
  ['it', 'Hai speso molto.'],
]
const WRAP_OPENERS = [...FRENCH_OPENERS, 'Bonjour ! Voici le résumé de vos dépenses du mois dernier.']
const WRAP_CLOSERS = [...FRENCH_CLOSERS, "N'hésitez pas si vous avez d'autres questions !", 'Merci !']

describe('French prose passes whatever names, figures, quotations and loanwords it carries', () => {
  test('every French shape passes on its own', () => {
    const rng = mulberry32(41)
    for (const shape of FRENCH_SHAPES)
      for (let i = 0; i < 6; i++) {
        const text = shape(fill(rng))
        expect(readFrench(text), text).toEqual({ french: true, looksLike: null })
      }
  })

  test('400 generated French answers (reference lines, real shapes, loanwords, brands, markdown) pass: no false NO-GO', () => {
    const lines = referenceLines()
    expect(lines.length).toBeGreaterThan(60)
    const rng = mulberry32(2026)
    const answers = Array.from({ length: 400 }, () => frenchAnswer(rng, lines))
    expect(answers.filter((a) => !readFrench(a).french)).toEqual([])
    for (const a of answers.slice(0, 40)) expect(english(checkMessage(a)), a).toEqual([])
  })

  test('short French answers naming an English product, plan or category pass (review 2026-12-05: each went NO-GO)', () => {
    for (const text of [
      'Vous payez Netflix Standard with ads : **13,49 €** ce mois-ci.',
      'Votre abonnement Disney+ Standard with Ads coûte 5,99 €.',
      'Le prélèvement Netflix (plan Standard with ads) : 7,99 €.',
      'Paiements Klarna (pay in 3) : 99 € au total.',
      'Dépense chez Amazon (Echo Dot with clock) : 59,99 €.',
      'Principales catégories : groceries (412 €), shopping (230 €)',
      'Voici vos dépenses par catégorie :\n- food and drinks : 412 €\n- transport : 80 €',
    ])
      expect(readFrench(text), text).toEqual({ french: true, looksLike: null })
  })

  test('600 generated French answers, each with a product name, a parenthesised label or an English category line, pass', () => {
    const lines = referenceLines()
    const rng = mulberry32(5150)
    const shapes = [...FRENCH_SHAPES.slice(-7), ...LABEL_LINES]
    const answers = Array.from({ length: 600 }, (_, i) => {
      const answer = frenchAnswer(rng, lines)
      const piece = (shapes[i % shapes.length] as Template)(fill(rng))
      return rng() < 0.5 ? `${answer}${pick(rng, JOINS)}${piece}` : `${piece}${pick(rng, JOINS)}${answer}`
    })
    expect(answers.filter((a) => !readFrench(a).french)).toEqual([])
  })

  test('a short English label beside French prose (no English grammar) weighs on neither side', () => {
    for (const text of ['Détail :\n- groceries : 412 €', 'Montant : 412 €. Top merchant : Carrefour.'])
      expect(readFrench(text), text).toEqual({ french: true, looksLike: null })
    // Three words of a subject are prose, not a label; a label alone is not French.
    for (const text of ['Bonjour ! Biggest merchant last month : Carrefour (412 €). Merci !', 'Total spent : 412 €'])
      expect(readFrench(text), text).toEqual({ french: false, looksLike: 'en' })
  })

  test('an English verb stating the figure inside French prose is the answer in English (review 2026-12-05)', () => {
    for (const text of [
      'Voici vos dépenses: total spent 2 661,93 €, 36 transactions.',
      'Le mois dernier, vous avez spent 2 661,93 € en 36 transactions.',
      'Ce mois-ci, Netflix : paid 13,49 € le 3 novembre.',
      'Bonjour ! Vos revenus : received 2 100,00 € ce mois-ci. Bonne journée !',
    ])
      expect(readFrench(text), text).toEqual({ french: false, looksLike: 'en' })
    // A product's name, a label or a quotation is not the answer's statement.
    for (const text of [
      'Votre abonnement (Premium paid plan) : 13,49 € ce mois-ci.',
      'Le libellé « PAID 13,49 EUR NETFLIX » correspond à votre abonnement de 13,49 €.',
      'Principales catégories : groceries (412 €), shopping (230 €)',
    ])
      expect(readFrench(text), text).toEqual({ french: true, looksLike: null })
  })

  test('months and German "Sie" are words, never names; the "with" of a product name is no English word', () => {
    expect(languageScores('Haben Sie bezahlt').impostors.de).toBe(3)
    expect(languageScores('Total for October').prose.english).toBe(2)
    const text = 'Bonjour ! Pagaste 162 € en Netflix Standard with ads, Echo Dot with clock. Merci !'
    expect(readFrench(text)).toEqual({ french: false, looksLike: 'es' })
    // Capitalised English with no word outside names is no French sentence either.
    expect(readFrench('Route Not Found').french).toBe(false)
  })

  test('a short lowercase word between two capitalised words of a name is the name\'s, not English grammar ("Pay by Phone")', () => {
    for (const text of [
      'Dépense chez Pay by Phone : 3,50 €.',
      "Vous avez dîné 3 fois chez Eat at Joe's pour 87 €.",
      'Le mois dernier, vous avez payé 12 € à Buy Me a Coffee.',
    ])
      expect(readFrench(text).french, text).toBe(true)
    // after a sentence's first word it is an English clause
    for (const text of ['Bonjour ! Spent at Carrefour: 2 661,93 €. Merci !', 'Bonjour ! Paid to Carrefour: 2 661,93 €. Merci !'])
      expect(readFrench(text).french, text).toBe(false)
  })

  test('a stray English fragment in a French answer does not make it English', () => {
    const text = 'Vous avez dépensé 412,30 € chez Carrefour en 12 transactions ce mois-ci. Top merchant : Carrefour.'
    expect(readFrench(text)).toEqual({ french: true, looksLike: null })
  })
})

describe('English dressed in French, mostly-English answers, other languages with a French word fail', () => {
  test('the reported answer and its near variants read as English', () => {
    for (const text of [
      'Le mois dernier, you spent 2 661,93 € at Carrefour across 36 transactions, mostly groceries.',
      'Le mois dernier, you spent 2 661,93 € à Carrefour across 36 transactions, mostly groceries.',
      'Le mois dernier, you spent 2 661,93 € chez Carrefour across 36 opérations, mostly groceries.',
      // French grammar as much as English in one sentence is not a French sentence.
      'Le mois dernier, chez Carrefour, you spent 2 661,93 € across 36 transactions.',
      'Bonjour ! Le mois dernier, you spent 2 661,93 € at Carrefour across 36 transactions, mostly groceries. Bonne journée !',
    ])
      expect(readFrench(text), text).toEqual({ french: false, looksLike: 'en' })
  })

  test.each(DRESSED.map((_, i) => i))('300 generated English answers of shape %i fail, named English', (shape) => {
    const rng = mulberry32(7000 + shape)
    const make = DRESSED[shape] as (rng: Rng) => string
    for (let i = 0; i < 300; i++) {
      const text = make(rng)
      expect(readFrench(text), text).toEqual({ french: false, looksLike: 'en' })
    }
  })

  test.each(ROMANCE_AND_GERMAN)('%s with a French opener, closer or "merci" fails, named: %#', (language, template) => {
    const rng = mulberry32(9100)
    for (let i = 0; i < 40; i++) {
      const body = template(fill(rng))
      for (const text of [`${body} Merci !`, `${pick(rng, FRENCH_OPENERS)} ${body}`, `${body} ${pick(rng, FRENCH_CLOSERS)}`])
        expect(readFrench(text), text).toEqual({ french: false, looksLike: language })
    }
  })

  test('the reviewed wrapped answers: a short foreign sentence stating the facts fails whatever French surrounds it', () => {
    for (const [text, language] of [
      [
        "Bonjour ! Voici le résumé de vos dépenses du mois dernier. Has gastado 2 661,93 € en 36 compras en octubre. N'hésitez pas si vous avez d'autres questions !",
        'es',
      ],
      [
        "Bonjour ! Voici le résumé de vos dépenses du mois dernier. Total for October: 133,98 € at SNCF. N'hésitez pas si vous avez d'autres questions !",
        'en',
      ],
      ['Bonjour ! Gastaste 2 661,93 €. Merci !', 'es'],
      ['Bonjour ! Tu gasto total fue de 2 661,93 €. Merci !', 'es'],
      ['Bonjour ! Im März haben Sie 2 661,93 € bei Carrefour bezahlt. Merci !', 'de'],
    ] as const)
      expect(readFrench(text), text).toEqual({ french: false, looksLike: language })
  })

  test.each(FOREIGN_FACTS)(
    '%s: a short fact sentence in a French opener and closer, or among French sentences, fails, named: %#',
    (language, fact) => {
      const lines = referenceLines()
      const rng = mulberry32(3300)
      for (let i = 0; i < 60; i++) {
        const body = fact(fill(rng), pick(rng, FOREIGN_MONTHS[language] as readonly string[]))
        const wrapped = `${pick(rng, WRAP_OPENERS)} ${body} ${pick(rng, WRAP_CLOSERS)}`
        const among = `${frenchAnswer(rng, lines)}\n\n${body}\n\n${pick(rng, WRAP_CLOSERS)}`
        for (const text of [wrapped, among]) expect(readFrench(text), text).toEqual({ french: false, looksLike: language })
      }
    },
  )

  test.each(FOREIGN_REMARKS)('%s: a sentence with two of its grammar words and no French one fails in a French wrapper: %s', (language, remark) => {
    for (const opener of WRAP_OPENERS)
      for (const closer of WRAP_CLOSERS) {
        const text = `${opener} ${remark} ${closer}`
        expect(readFrench(text), text).toEqual({ french: false, looksLike: language })
      }
  })
})
