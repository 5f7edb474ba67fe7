import { describe, expect, it } from 'vitest'
import { periodPhrase, understand } from '../../../fixtures/reference/domain/index.ts'
import { QUESTIONS } from './helpers.ts'

const MARCH_1 = new Date('2026-03-01T10:00:00Z') // a Sunday, 1st of the month
const NOV_24 = new Date('2026-11-24T12:00:00Z') // a Tuesday

function intentOf(message: string, now = NOV_24): string {
  const u = understand(message, now)
  return `${u.intent.group}.${u.intent.subtype}`
}

describe('the 15 plan questions', () => {
  const expected: Record<string, string> = {
    q01: 'transaction_search.simple',
    q02: 'transaction_search.simple',
    q03: 'transaction_search.simple',
    q04: 'transaction_search.by_category',
    q05: 'transaction_search.by_category',
    q06: 'transaction_search.by_category',
    q07: 'transaction_search.by_merchant',
    q08: 'transaction_search.by_merchant',
    q09: 'transaction_search.by_merchant',
    q10: 'analytics.anomalies',
    q11: 'analytics.trend',
    q12: 'analytics.comparison',
    q13: 'transaction_search.by_date',
    q14: 'transaction_search.by_merchant',
    q15: 'CONVERSATIONAL.clarification',
  }
  it.each(QUESTIONS.map((q) => [q.id, q.message] as const))('%s "%s" gets the spec intent', (id, message) => {
    expect(intentOf(message)).toBe(expected[id])
    // The question file's own expectation agrees wherever it names one.
    const q = QUESTIONS.find((x) => x.id === id)
    if (q?.expectedIntent != null) expect(intentOf(message)).toBe(q.expectedIntent)
  })

  it('fills the entities the way the real wire does, with spans into the original message', () => {
    const message = 'Mes dépenses chez Carrefour ce mois-ci'
    const u = understand(message, NOV_24)
    for (const e of u.entities) {
      expect(Object.keys(e).sort()).toEqual(['confidence', 'entity_type', 'name', 'span', 'value'])
      expect(e.span[0]).toBeGreaterThanOrEqual(0)
      expect(e.span[1]).toBeLessThanOrEqual(message.length)
    }
    const texts = Object.fromEntries(u.entities.map((e) => [e.entity_type, message.slice(e.span[0], e.span[1])]))
    expect(texts).toMatchObject({ merchant: 'Carrefour', transaction_type: 'dépenses', date_range: 'ce mois-ci' })
    expect(u.entities.find((e) => e.entity_type === 'merchant')?.value).toBe('Carrefour')
  })

  it('q13 is a date search on 1970-01-01, q14 an unknown-merchant search, q15 a clarification without entities', () => {
    const q13 = understand('Mes transactions du 1er janvier 1970', NOV_24)
    expect(q13.period).toMatchObject({ from: '1970-01-01', to: '1970-01-01', label: 'le 1er janvier 1970' })
    expect(q13.periodExplicit).toBe(true)
    const q14 = understand('Dépenses chez XYZ_MERCHANT_INEXISTANT', NOV_24)
    expect(q14.merchant).toBe('XYZ_MERCHANT_INEXISTANT')
    expect(q14.merchantKnown).toBe(false)
    const q15 = understand('Mes trucs', NOV_24)
    expect(q15.clarification).toBe(true)
    expect(q15.entities).toEqual([])
    expect(q15.category).toBeNull()
    expect(q15.merchant).toBeNull()
  })
})

describe('periods, relative to a pinned now', () => {
  const cases: Array<[string, Date, string, string]> = [
    ['Mes dépenses du mois dernier', MARCH_1, '2026-02-01', '2026-02-28'],
    ['Mes dépenses du mois dernier', NOV_24, '2026-10-01', '2026-10-31'],
    ['Transactions SNCF du dernier mois', MARCH_1, '2026-02-01', '2026-02-28'],
    ['Transactions de cette semaine', MARCH_1, '2026-02-23', '2026-03-01'],
    ['Transactions de cette semaine', NOV_24, '2026-11-23', '2026-11-24'],
    ["Combien j'ai dépensé aujourd'hui ?", MARCH_1, '2026-03-01', '2026-03-01'],
    ['Combien j’ai dépensé AUJOURD’HUI', NOV_24, '2026-11-24', '2026-11-24'],
    ['Mes dépenses hier', MARCH_1, '2026-02-28', '2026-02-28'],
    ['Mes dépenses alimentaires ce mois-ci', MARCH_1, '2026-03-01', '2026-03-01'],
    ['Combien j’ai payé à Netflix ce mois ?', NOV_24, '2026-11-01', '2026-11-24'],
    ['Mes dépenses cette année', new Date('2027-01-01T00:00:00Z'), '2027-01-01', '2027-01-01'],
    ["Mes dépenses de l'année dernière", NOV_24, '2025-01-01', '2025-12-31'],
    ['Mes dépenses de la semaine dernière', NOV_24, '2026-11-16', '2026-11-22'],
    ['Mes dépenses en octobre', MARCH_1, '2025-10-01', '2025-10-31'],
    ['Mes dépenses en octobre', NOV_24, '2026-10-01', '2026-10-31'],
    ['Mes dépenses en février 2024', NOV_24, '2024-02-01', '2024-02-29'],
    ['Mes transactions du 3 mars 2026', NOV_24, '2026-03-03', '2026-03-03'],
    ['Mes transactions du 1er janvier 1970', MARCH_1, '1970-01-01', '1970-01-01'],
    ['Mes transactions du 03/03/2026', NOV_24, '2026-03-03', '2026-03-03'],
    ['Mes dépenses des 7 derniers jours', NOV_24, '2026-11-18', '2026-11-24'],
  ]
  it.each(cases)('"%s" at %s → %s … %s', (message, now, from, to) => {
    const u = understand(message, now)
    expect(u.period.from).toBe(from)
    expect(u.period.to).toBe(to)
    expect(u.periodExplicit).toBe(true)
  })

  it('defaults to the last 30 days for searches and 13 months for anomalies/trends', () => {
    const s = understand("Combien j'ai dépensé en transport ?", NOV_24)
    expect(s.periodExplicit).toBe(false)
    expect(s.period).toMatchObject({ from: '2026-10-26', to: '2026-11-24' })
    for (const m of ['Quelles sont mes dépenses inhabituelles ?', 'Mes tendances de dépenses']) {
      expect(understand(m, MARCH_1).period).toMatchObject({ from: '2025-03-01', to: '2026-03-01' })
    }
  })

  it('"Comparaison avec le mois dernier" compares this month to date with the same days of last month', () => {
    const u = understand('Comparaison avec le mois dernier', NOV_24)
    expect(u.period).toMatchObject({ from: '2026-11-01', to: '2026-11-24' })
    expect(u.previousPeriod).toMatchObject({ from: '2026-10-01', to: '2026-10-24' })
    const onFirst = understand('Comparaison avec le mois dernier', MARCH_1)
    expect(onFirst.period).toMatchObject({ from: '2026-03-01', to: '2026-03-01' })
    expect(onFirst.previousPeriod).toMatchObject({ from: '2026-02-01', to: '2026-02-01' })
    const march31 = understand('Comparer avec le mois dernier', new Date('2026-03-31T12:00:00Z'))
    expect(march31.previousPeriod).toMatchObject({ from: '2026-02-01', to: '2026-02-28' })
  })
})

describe('categories, merchants and analytics words', () => {
  it.each([
    ['Mes dépenses alimentaires ce mois-ci', 'Alimentation'],
    ['Mes courses de la semaine', 'Alimentation'],
    ['Combien au supermarché ?', 'Alimentation'],
    ["Combien j'ai dépensé en transport ?", 'Transport'],
    ['Mes dépenses de TRANSPORTS', 'Transport'],
    ['Mes restos du mois dernier', 'Restaurants'],
    ['Mon loyer', 'Logement'],
    ['Mes dépenses de sante', 'Santé'],
    ['Mes abonnements', 'Abonnements'],
    ['Mes dépenses loisirs', 'Loisirs'],
    ['Mes dépenses shopping', 'Shopping'],
    ["Ma facture d'électricité", 'Énergie'],
  ])('"%s" → category %s (by_category, debits)', (message, category) => {
    const u = understand(message, NOV_24)
    expect(u.category).toBe(category)
    expect(u.intent.subtype).toBe('by_category')
    expect(u.transactionType).toBe('debit')
  })

  it('"Répartition … par catégorie" is by_category over all categories', () => {
    const u = understand('Répartition de mes dépenses par catégorie', NOV_24)
    expect(u.intent).toMatchObject({ group: 'transaction_search', subtype: 'by_category' })
    expect(u.category).toBeNull()
  })

  it.each([
    ['Mes dépenses chez CARREFOUR', 'Carrefour'],
    ['mes depenses chez carrefour market', 'Carrefour'],
    ['Combien au Pathe ce mois ?', 'Pathé'],
    ['Combien chez mcdo ?', "McDonald's"],
    ['Transactions sncf du dernier mois', 'SNCF'],
    ['Combien à netflix', 'Netflix'],
    ['Mes dépenses pharmacie lafayette', 'Pharmacie Lafayette'],
  ])('"%s" → known merchant %s, case/accent-insensitive', (message, merchant) => {
    const u = understand(message, NOV_24)
    expect(u.merchant).toBe(merchant)
    expect(u.merchantKnown).toBe(true)
    expect(u.intent.subtype).toBe('by_merchant')
  })

  it('an unknown name after "chez" or a capitalised one after "à" is a merchant search, stopping at the period', () => {
    const a = understand('Dépenses chez Boulangerie Dupont hier', NOV_24)
    expect(a.merchant).toBe('Boulangerie Dupont')
    expect(a.period).toMatchObject({ from: '2026-11-23', to: '2026-11-23' })
    const b = understand('Mes achats à Leroy Merlin ce mois-ci', NOV_24)
    expect(b.merchant).toBe('Leroy Merlin')
    expect(b.merchantKnown).toBe(false)
    // "chez moi" and "à partir de" are not merchants.
    expect(understand('Mes dépenses chez moi', NOV_24).merchant).toBeNull()
    expect(understand('Mes dépenses à partir du mois dernier', NOV_24).merchant).toBeNull()
  })

  it.each([
    ['Quelles sont mes dépenses inhabituelles ?', 'anomalies'],
    ['Y a-t-il des anomalies sur mon compte ?', 'anomalies'],
    ['Des achats INHABITUELS récemment ?', 'anomalies'],
    ['Mes tendances de dépenses', 'trend'],
    ['Évolution de mes dépenses alimentaires', 'trend'],
    ['Comparaison avec le mois dernier', 'comparison'],
    ['Compare mes dépenses de cette semaine à la semaine dernière', 'comparison'],
  ])('"%s" → analytics.%s', (message, kind) => {
    const u = understand(message, NOV_24)
    expect(u.intent.group).toBe('analytics')
    expect(u.analytics).toBe(kind)
    expect(u.intent.subtype).toBe(kind)
  })

  it('keeps a category filter under analytics ("évolution de mes dépenses alimentaires")', () => {
    expect(understand('Évolution de mes dépenses alimentaires cette année', NOV_24)).toMatchObject({ category: 'Alimentation', analytics: 'trend' })
  })
})

describe('what is not understood', () => {
  it.each(['Mes trucs', 'blablabla', 'Et sinon ?', '   ', 'Le chat est sur le tapis'])('"%s" → CONVERSATIONAL/clarification', (message) => {
    const u = understand(message, NOV_24)
    expect(u.intent.group).toBe('CONVERSATIONAL')
    expect(u.intent.subtype).toBe('clarification')
    expect(u.clarification).toBe(true)
  })

  it('a greeting is conversational but not a clarification', () => {
    const u = understand('Bonjour !', NOV_24)
    expect(u.intent).toMatchObject({ group: 'CONVERSATIONAL', subtype: 'greeting' })
    expect(u.clarification).toBe(false)
  })
})

describe('natural variants found by probing the service over HTTP', () => {
  it.each<[string, string, string, string]>([
    // "de la semaine" / "du mois" / "de l'année" without "ce/cette" still mean the current one (not the 30-day default).
    ['Transactions de la semaine', 'transaction_search.simple', '2026-11-23', '2026-11-24'],
    ['Mes courses de la semaine', 'transaction_search.by_category', '2026-11-23', '2026-11-24'],
    ['Mes dépenses du mois', 'transaction_search.simple', '2026-11-01', '2026-11-24'],
    ['Mes dépenses depuis le début du mois', 'transaction_search.simple', '2026-11-01', '2026-11-24'],
    ["Mes dépenses de l'année", 'transaction_search.simple', '2026-01-01', '2026-11-24'],
    // …while the explicit forms keep their own meaning.
    ["Mes dépenses du mois d'octobre", 'transaction_search.by_date', '2026-10-01', '2026-10-31'],
    ['Transactions de la semaine dernière', 'transaction_search.simple', '2026-11-16', '2026-11-22'],
    ["Mes dépenses de l'année 2025", 'transaction_search.by_date', '2025-01-01', '2025-12-31'],
    // Day ranges are one by_date period, not a single day plus a merchant named "15".
    ['Mes dépenses du 1er au 15 novembre', 'transaction_search.by_date', '2026-11-01', '2026-11-15'],
    ['Mes dépenses entre le 1er et le 15 novembre', 'transaction_search.by_date', '2026-11-01', '2026-11-15'],
    ['Mes dépenses du 20 décembre au 5 janvier', 'transaction_search.by_date', '2025-12-20', '2026-01-05'],
    // Rolling windows written "sur N mois/jours".
    ['Évolution de mes dépenses sur 6 mois', 'analytics.trend', '2026-05-25', '2026-11-24'],
    ['Mes dépenses sur 7 jours', 'transaction_search.simple', '2026-11-18', '2026-11-24'],
    // Future periods are kept (and will have no data) instead of silently answering about the last 30 days.
    ['Mes dépenses la semaine prochaine', 'transaction_search.simple', '2026-11-30', '2026-12-06'],
    ['Mes dépenses le mois prochain', 'transaction_search.simple', '2026-12-01', '2026-12-31'],
  ])('"%s" → %s, %s … %s', (message, intent, from, to) => {
    const u = understand(message, NOV_24)
    expect(`${u.intent.group}.${u.intent.subtype}`).toBe(intent)
    expect(u.period).toMatchObject({ from, to })
    expect(u.periodExplicit).toBe(true)
    expect(u.merchant).toBeNull()
  })

  it('words the answer period of a day range once ("Du 1er au 15 novembre 2026"), without repeating the dates', () => {
    const u = understand('Mes dépenses du 1er au 15 novembre', NOV_24)
    expect(periodPhrase(u.period)).toBe('du 1er au 15 novembre 2026')
  })

  it('a bare number after "à/au" is not a merchant ("à 20 € près")', () => {
    const u = understand("Combien j'ai dépensé à 20 € près ?", NOV_24)
    expect(u.merchant).toBeNull()
    expect(u.intent.subtype).toBe('simple')
  })

  it('"plus que le mois dernier" is a comparison of this month to date with the same days of last month', () => {
    const u = understand('Est-ce que je dépense plus que le mois dernier ?', NOV_24)
    expect(u.intent).toMatchObject({ group: 'analytics', subtype: 'comparison' })
    expect(u.period).toMatchObject({ from: '2026-11-01', to: '2026-11-24' })
    expect(u.previousPeriod).toMatchObject({ from: '2026-10-01', to: '2026-10-24' })
    // Without a period, "plus que" is no comparison cue.
    expect(understand('Mes dépenses de plus que 100 euros', NOV_24).analytics).toBeNull()
  })

  it('a date that does not exist ("31 février") asks for clarification instead of answering for the whole month', () => {
    const u = understand('Mes transactions du 31 février 2026', NOV_24)
    expect(u.intent).toMatchObject({ group: 'CONVERSATIONAL', subtype: 'clarification' })
    expect(u.clarification).toBe(true)
    expect(u.analytics).toBeNull()
    expect(u.entities).toEqual([])
  })
})
