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

  // Third review (2026-12-05): "3 passages en caisse pour 56,11 €" (1 transaction) and "3 trajets SNCF" (2) were never read.
  test('nouns that count visits or purchases are counts; counts of other things are not', () => {
    expect(brief('vous avez fait 3 passages en caisse pour 56,11 €')).toEqual([
      { kind: 'count', value: 3, role: 'count' },
      { kind: 'amount', value: 56.11, role: null },
    ])
    for (const text of ['2 trajets SNCF', '4 commandes Amazon', '2 visites chez le médecin', '3 retraits au distributeur'])
      expect(brief(text), text).toEqual([{ kind: 'count', value: Number(text[0]), role: 'count' }])
    for (const text of ['sur 3 catégories', 'en 2 mois', 'depuis 5 jours', '2 billets de train', '3 articles']) expect(brief(text), text).toEqual([])
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

describe('amounts, counts and differences as LLMs write them (review 2026-12-05)', () => {
  test('euros and cents written apart are one amount, to the cent', () => {
    for (const said of [
      'Votre total pour le mois dernier est de 2 661 euros et 93 centimes, sur 36 transactions.',
      'Le mois dernier, vous avez dépensé 2 661 € 93 en 36 transactions.',
      'Le mois dernier, vous avez dépensé deux mille six cent soixante et un euros quatre-vingt-treize, en 36 transactions.',
      'Le mois dernier, vous avez dépensé 2 661 euros 93 centimes.',
    ]) {
      const [total] = statedFigures(said)
      expect(total, said).toMatchObject({ kind: 'amount', value: 2661.93, role: 'total', halfUnit: 0.005 })
    }
    expect(statedFigures('12 € 50 le mois dernier')[0]?.value).toBe(12.5)
    expect(statedFigures('un café à 3 euros et 5 centimes')[0]?.value).toBe(3.05)
  })
  test('what follows an amount is no cents when it is another figure, a number of things, or not a whole amount', () => {
    expect(brief('50 € 12 achats, 1 200 € 15 %, 50 euros un peu plus, 2,5 k€ 30 en tout, 12,50 € 30 le mois dernier')).toEqual([
      { kind: 'amount', value: 50, role: null },
      { kind: 'count', value: 12, role: 'count' },
      { kind: 'amount', value: 1200, role: null },
      { kind: 'percent', value: 15, role: null },
      { kind: 'amount', value: 50, role: null },
      { kind: 'amount', value: 2500, role: null },
      { kind: 'amount', value: 12.5, role: null },
    ])
    expect(brief('Vous avez dépensé 2 661 € 93 transactions.')).toEqual([
      { kind: 'amount', value: 2661, role: 'total' },
      { kind: 'count', value: 93, role: 'count' },
    ])
  })
  test('a count written as a label and its value, in a list or alone', () => {
    expect(brief('Le mois dernier, vous avez dépensé 2 661,93 €.\n- Nombre de transactions : 63\n- Montant moyen : 73,94 €')).toEqual([
      { kind: 'amount', value: 2661.93, role: 'total' },
      { kind: 'count', value: 63, role: 'count' },
      { kind: 'amount', value: 73.94, role: 'average' },
    ])
    for (const said of [
      'Nombre de transactions : 26.',
      '**Transactions** : 26',
      "Nombre d'opérations : 26",
      'Nb de paiements = 26',
      'Opérations : 26',
    ])
      expect(brief(said), said).toEqual([{ kind: 'count', value: 26, role: 'count' }])
    // Labels that may name an amount written without its unit, an amount with its unit, a qualified label: no count.
    expect(brief('Dépenses : 2 662 ; Débits : 36 ; Transactions : 2 661,93 € ; Transactions : 1 234 €')).toEqual([
      { kind: 'amount', value: 2661.93, role: null },
      { kind: 'amount', value: 1234, role: null },
    ])
    expect(brief('Nombre de transactions inhabituelles : 3')).toEqual([])
    // A label inside a merchant's line counts that merchant's transactions, not the answer's.
    expect(brief('Carrefour : 560 € — Nombre de transactions : 12 ; Fnac (Transactions : 3)').filter((f) => f.kind === 'count')).toEqual([])
  })
  test('a Markdown column whose header names a count: its only row, or its Total row; amounts stay amounts', () => {
    expect(brief('| Total | Transactions | Moyenne |\n|---|---|---|\n| 2 661,93 € | 63 | 73,94 € |')).toEqual([
      { kind: 'amount', value: 2661.93, role: null },
      { kind: 'count', value: 63, role: 'count' },
      { kind: 'amount', value: 73.94, role: null },
    ])
    const byMonth = '| Mois | Montant | Nombre de transactions |\n|---|---|---|\n| Septembre | 3 105,92 € | 40 |\n| Octobre | 2 661,93 € | 36 |'
    expect(brief(byMonth).filter((f) => f.kind === 'count')).toEqual([])
    expect(brief(`${byMonth}\n| Total | 5 767,85 € | 76 |`).filter((f) => f.kind === 'count')).toEqual([{ kind: 'count', value: 76, role: 'count' }])
    // One row naming a merchant (or a month) is a part, not the whole.
    expect(brief('| Marchand | Montant | Transactions |\n|---|---|---|\n| Carrefour | 56,11 € | 12 |').filter((f) => f.kind === 'count')).toEqual([])
  })
  test('a difference said in words is no total; its words give its direction', () => {
    const [difference, current, previous] = statedFigures(
      'Ce mois-ci, vous avez dépensé 833,82 € de plus que sur la même période du mois dernier (3 348,06 € contre 2 514,24 €).',
    )
    expect(difference).toMatchObject({ value: 833.82, role: null, difference: true, direction: 'up' })
    expect([current?.difference, previous?.difference]).toEqual([false, false])
    expect(statedFigures("Vous avez dépensé 178,19 € de moins qu'en septembre.")[0]).toMatchObject({ difference: true, direction: 'down' })
    expect(statedFigures('Vous avez dépensé 833,82 € supplémentaires.')[0]).toMatchObject({ difference: true, direction: 'up' })
    expect(statedFigures('Une différence de 833,82 €.')[0]).toMatchObject({ difference: true, direction: null, role: null })
    expect(statedFigures("Soit un écart d'environ 830 €.")[0]).toMatchObject({ difference: true, bound: 'approx' })
    // An écart elsewhere in the sentence, past a comma, leaves the total a total.
    expect(statedFigures("Par rapport à l'écart habituel, vous avez dépensé 2 661,93 €")[0]).toMatchObject({ role: 'total', difference: false })
  })
  test('dot thousands with comma decimals, and a total that "s\'est élevé" / "se sont élevées"', () => {
    expect(statedFigures('Le mois dernier, vos dépenses se sont élevées à 2.861,93 €.')[0]).toMatchObject({ value: 2861.93, role: 'total' })
    expect(statedFigures('Vos achats se sont montés à 1.234.567,89 €.')[0]).toMatchObject({ value: 1234567.89, role: 'total' })
    expect(statedFigures('Vous avez dépensé 12.345 €.')[0]).toMatchObject({ value: 12345, role: 'total', halfUnit: 0.5 })
  })
  test('a total cue stays in its own parenthesis: "(…, soit 45 % du total), devant l’Alimentation (6 074,55 €)"', () => {
    expect(brief('Le Logement est votre premier poste (14 950,00 €, soit 45 % du total), devant l’Alimentation (6 074,55 €).')).toEqual([
      { kind: 'amount', value: 14950, role: null },
      { kind: 'percent', value: 45, role: 'share' },
      { kind: 'amount', value: 6074.55, role: null },
    ])
    expect(brief('Soit 45 % du total, contre 6 074,55 €.')[1]).toEqual({ kind: 'amount', value: 6074.55, role: null })
    expect(brief('Total (hors virements) : 2 661,93 €.')).toEqual([{ kind: 'amount', value: 2661.93, role: 'total' }])
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

// Review llm2 (2026-12-05): « À ce rythme, sur une année complète, cela représenterait environ 32 000 € de dépenses »
// was read as the total of a healthy q01 answer. A projection or a hypothesis states no figure of the answer.
describe('a projection or a hypothesis is no stated figure', () => {
  const hypothetical = (text: string) => statedFigures(text).map((f) => [f.value, f.hypothetical, f.role])

  test('projection words, a look ahead, a conditional verb in the figure’s own part', () => {
    expect(hypothetical('À ce rythme, sur une année complète, cela représenterait environ 32 000 € de dépenses.')).toEqual([[32000, true, null]])
    expect(hypothetical('Si vous réduisiez le Shopping de moitié, vous économiseriez environ 635 €.')).toEqual([[635, true, null]])
    expect(hypothetical('Cela fait environ 15 € par jour. Vous atteindrez environ 450 € d’ici la fin du mois.')).toEqual([
      [15, false, null],
      [450, true, null],
    ])
    expect(hypothetical('Si vous ramenez vos dépenses au niveau d’octobre, vous économiserez environ 834 €.')).toEqual([[834, true, null]])
    expect(hypothetical('Selon mon estimation, le total serait de 3 100 €.')).toEqual([[3100, true, null]])
  })

  test('facts stay facts: a conditional elsewhere in the sentence, nouns that end like one', () => {
    expect(hypothetical('Vous avez dépensé 2 661,93 € au total, ce qui pourrait vous surprendre.')).toEqual([[2661.93, false, 'total']])
    expect(hypothetical('Le mois dernier, vous avez dépensé 2 661,93 € au total, dont un retrait de 50 €.').map(([v, h]) => [v, h])).toEqual([
      [2661.93, false],
      [50, false],
    ])
    expect(hypothetical('Si vous souhaitez le détail, vous avez dépensé 2 661,93 € au total.')).toEqual([[2661.93, false, 'total']])
  })
})
