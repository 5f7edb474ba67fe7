// Reading the figures a French answer states (tests/support/grounding/figures.ts): formats, words, roles,
// directions, bounds — and what is NOT a figure (dates, durations, scores).
import { describe, expect, test } from 'vitest'
import { foldKeep, parseDigits, parseWords, roundingStep, statedDirections, statedFigures } from '../../../tests/support/grounding/figures.ts'

const brief = (text: string) => statedFigures(text).map((f) => ({ kind: f.kind, value: f.value, role: f.role }))

describe('numbers', () => {
  test('French and English digit formats', () => {
    expect(parseDigits('1 234,56')).toEqual({ value: 1234.56, decimals: 2 })
    expect(parseDigits('1\u202f234,56')).toEqual({ value: 1234.56, decimals: 2 })
    expect(parseDigits('1.234,56')).toEqual({ value: 1234.56, decimals: 2 })
    expect(parseDigits('1234.56')).toEqual({ value: 1234.56, decimals: 2 })
    expect(parseDigits('1,234.5')).toEqual({ value: 1234.5, decimals: 1 })
    expect(parseDigits('1.234')).toEqual({ value: 1234, decimals: 0 })
    expect(parseDigits('245,3')).toEqual({ value: 245.3, decimals: 1 })
    expect(parseDigits('12')).toEqual({ value: 12, decimals: 0 })
  })

  test('numbers in words up to the thousands', () => {
    expect(parseWords('deux cent quarante-cinq')).toBe(245)
    expect(parseWords('quatre-vingt-dix-neuf')).toBe(99)
    expect(parseWords('soixante-douze')).toBe(72)
    expect(parseWords('vingt et un')).toBe(21)
    expect(parseWords('trois mille deux cents')).toBe(3200)
    expect(parseWords('mille')).toBe(1000)
    expect(parseWords('deux-cent-quarante-cinq')).toBe(245)
    expect(parseWords('cent')).toBe(100)
    expect(parseWords('et')).toBeNull()
  })
})

describe('statedFigures', () => {
  test('the reference headline: total, count, average', () => {
    expect(
      brief('Le mois dernier (du 1er au 31 octobre 2026), vous avez dépensé **2 661,93 €** en 36 transactions (montant moyen : 73,94 €).'),
    ).toEqual([
      { kind: 'amount', value: 2661.93, role: 'total' },
      { kind: 'count', value: 36, role: 'count' },
      { kind: 'amount', value: 73.94, role: 'average' },
    ])
  })

  test('amount formats: glued euro sign, EUR, euro first, k€, millions, words', () => {
    expect(statedFigures('1234.56€').map((f) => f.value)).toEqual([1234.56])
    expect(statedFigures('245,30 EUR et 12 euros').map((f) => f.value)).toEqual([245.3, 12])
    expect(statedFigures('€ 12,50').map((f) => f.value)).toEqual([12.5])
    expect(statedFigures('2,7 k€').map((f) => [f.value, f.halfUnit])).toEqual([[2700, 50]])
    expect(statedFigures("1,2 million d'euros").map((f) => f.value)).toEqual([1_200_000])
    expect(statedFigures('deux cent quarante-cinq euros').map((f) => f.value)).toEqual([245])
  })

  test('counts in digits and words; "un"/"une" only when the sentence counts', () => {
    expect(brief('trois achats et 21 paiements')).toEqual([
      { kind: 'count', value: 3, role: 'count' },
      { kind: 'count', value: 21, role: 'count' },
    ])
    expect(brief('vous avez dépensé 56,11 € en une transaction')).toEqual([
      { kind: 'amount', value: 56.11, role: 'total' },
      { kind: 'count', value: 1, role: 'count' },
    ])
    expect(brief('une seule transaction')).toEqual([{ kind: 'count', value: 1, role: 'count' }])
    expect(brief('La plus marquante : une dépense de 689 € chez Fnac')).toEqual([{ kind: 'amount', value: 689, role: null }])
  })

  test('subset counts are not the answer count', () => {
    const [anomalies] = statedFigures("J'ai repéré 7 dépenses inhabituelles cette année.")
    expect(anomalies).toMatchObject({ value: 7, subset: true, role: null })
    expect(statedFigures('dont 3 achats chez Fnac')[0]).toMatchObject({ subset: true, role: null })
  })

  test('percentages: change with its direction (words or sign), share otherwise', () => {
    expect(statedFigures('soit +33,2 %')[0]).toMatchObject({ kind: 'percent', value: 33.2, role: 'change', direction: 'up' })
    expect(statedFigures('une baisse de 40 %')[0]).toMatchObject({ role: 'change', direction: 'down', value: 40 })
    expect(statedFigures('vos dépenses ont diminué de 12 %')[0]).toMatchObject({ role: 'change', direction: 'down' })
    expect(statedFigures('elles augmentent de douze pour cent')[0]).toMatchObject({ value: 12, role: 'change', direction: 'up' })
    expect(statedFigures('-4,0 % par rapport au mois dernier')[0]).toMatchObject({ role: 'change', direction: 'down', sign: -1 })
    expect(statedFigures('Le logement représente 33 % de vos dépenses')[0]).toMatchObject({ role: 'share', value: 33 })
  })

  test('bounds: approximately, at least, at most', () => {
    expect(statedFigures('environ 2 700 €')[0]?.bound).toBe('approx')
    expect(statedFigures('plus de 30 %')[0]?.bound).toBe('atLeast')
    expect(statedFigures('moins de 5 transactions')[0]?.bound).toBe('atMost')
    expect(statedFigures('2 662 €')[0]?.halfUnit).toBe(0.5)
  })

  test('the rounding read: written digits for an exact figure, the step rounded to for a bounded one', () => {
    // Only the written digits are rounded: "3 k€" is 3 000 € ± 0,50 (its writer's rounding at the thousands: an
    // approximation at that step), "2,7 k€" ± 50 € (as the ground truth reads them).
    const read = (text: string) => statedFigures(text).map((f) => [f.said, f.halfUnit, f.step])
    expect(read('3 k€')).toEqual([['3 k€', 0.5, 1000]])
    expect(statedFigures('3 k€').map((f) => f.bound)).toEqual(['approx'])
    expect(statedFigures('2,66 k€').map((f) => f.bound)).toEqual(['exact'])
    expect(read('environ 2,7 k€')).toEqual([['environ 2,7 k€', 50, 100]])
    expect(read('environ 2 900 €')).toEqual([['environ 2 900 €', 0.5, 100]])
    expect(read('plus de **2 500 €**')).toEqual([['plus de 2 500 €', 0.5, 500]])
    expect(read('près de 2 650 €')).toEqual([['près de 2 650 €', 0.5, 50]])
    expect(read('environ 73,94 €')).toEqual([['environ 73,94 €', 0.005, 0.01]])
    expect(read('au moins trente transactions')).toEqual([['au moins trente transactions', 0.5, 10]])
    expect(roundingStep(0, 0)).toBe(1)
    expect(roundingStep(2700, 0)).toBe(100)
    // a lone 5 is a figure of its own unit; a 5 after a higher digit is a half step
    expect(roundingStep(0.5, 1)).toBe(0.1)
    expect(roundingStep(50, 0)).toBe(10)
    expect(roundingStep(2500, 0)).toBe(500)
  })

  test('rates per period, signed differences and medians have no total role', () => {
    expect(brief('moyenne : 2 513,36 € par mois, +4,34 € par mois, la médiane est de 27,04 €')).toEqual([
      { kind: 'amount', value: 2513.36, role: null },
      { kind: 'amount', value: 4.34, role: null },
      { kind: 'amount', value: 27.04, role: null },
    ])
  })

  test('dates, durations, ordinals, years and scores are not figures', () => {
    for (const text of [
      'Mes transactions du 1er janvier 1970',
      'sur les 30 derniers jours (du 26 octobre au 24 novembre 2026)',
      'Sur 12 mois complets, 13 derniers mois',
      'score robuste 16,9 ; 12,9 fois la médiane ; le 2026-06-09',
      'Top 10 marchands en 2025',
    ]) {
      expect(statedFigures(text), text).toEqual([])
    }
  })

  test('income and total cues of the v2 financial summary', () => {
    expect(brief('Débits: 2661.93€ | Crédits: 120.00€')).toEqual([
      { kind: 'amount', value: 2661.93, role: 'total' },
      { kind: 'amount', value: 120, role: 'income' },
    ])
  })
})

describe('statedDirections', () => {
  test('a comparison sentence about spending says a direction; a trend sentence does not', () => {
    expect(statedDirections('Vos dépenses sont en baisse par rapport au mois dernier.').map((d) => d.direction)).toEqual(['down'])
    expect(statedDirections('Vous avez dépensé plus que le mois dernier.').map((d) => d.direction)).toEqual(['up'])
    expect(statedDirections('Sur 12 mois complets, vos dépenses mensuelles sont stables.')).toEqual([])
    expect(statedDirections('Vos dépenses augmentent de 12 % par rapport au mois dernier.')).toEqual([]) // carried by the figure
  })
})

describe('folding', () => {
  test('foldKeep: lower case, accents off, typographic apostrophes and spaces plain, the length kept — ASCII or not', () => {
    expect(foldKeep('Vos DÉPENSES chez Carrefour')).toBe('vos depenses chez carrefour')
    expect(foldKeep('PLAIN ascii: 12,50 EUR')).toBe('plain ascii: 12,50 eur')
    expect(foldKeep('l\u2019épicerie\u00a0: 1\u202f234,56\u00a0€ — Noël')).toBe("l'epicerie : 1 234,56 € — noel")
    // Characters whose folded form would change the length are kept as written (offsets stay valid): ß, İ, ﬁ, emoji.
    for (const text of ['Straße İstanbul ﬁn 🍞 Œuvre', 'e\u0301te\u0301 Ça ÂÊÎÔÛ', 'x'.repeat(50) + 'É']) {
      expect(foldKeep(text)).toHaveLength(text.length)
    }
    expect(foldKeep('Çà Œ İ')).toBe('ca œ i')
    // The same character folds the same way every time (folds are kept per character).
    expect(foldKeep('ÉÉÉ')).toBe('eee')
  })
})
