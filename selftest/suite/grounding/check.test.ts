// Grounding (tests/support/grounding/check.ts): stated vs carried figures. Healthy shapes (reference-style and
// real recorded v2 shapes) must stay grounded or "not checkable"; each adversarial variant must be caught with
// both figures quoted.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { checkGrounding, fitOf } from '../../../tests/support/grounding/check.ts'
import { statedFigures } from '../../../tests/support/grounding/figures.ts'
import { comparisonViz, kpi, planKpis, richBody, sprintChart, turnOf, v2Body, v2ZeroResultsBody } from '../adapter/bodies.ts'

const headline = 'Le mois dernier (du 1er au 31 octobre 2026), vous avez dépensé **2 661,93 €** en 36 transactions (montant moyen : 73,94 €).'
const kpis = [kpi('Total Dépenses', 2661.93), kpi('Nombre de Transactions', 36), kpi('Montant Moyen', 73.94)]
const summary = {
  type: 'financial_summary',
  title: 'Résumé financier : 36 transactions',
  description: 'Débits: 2661.93€',
  confidence: 1,
  data_support: { transaction_count: 36, currency: 'EUR', total_debit: 2661.93 },
  actionable: false,
  priority: 0,
}

function ground(opts: Parameters<typeof richBody>[0], question = 'Mes dépenses du mois dernier') {
  return checkGrounding(turnOf(richBody({ total: 36, visualizations: kpis, insights: [summary], message: headline, ...opts })), question)
}
const sentences = (r: ReturnType<typeof checkGrounding>, locale: 'fr' | 'en' = 'en') => r.contradictions.map((c) => say(c, locale))

// A comparison answer: +33,2 % current vs previous.
const comparison = comparisonViz()
const comparisonText =
  'Ce mois-ci, vous avez dépensé **3 348,06 €** en 32 transactions (montant moyen : 104,63 €). C’est à comparer à 2 514,24 € sur la même période du mois dernier, soit +33,2 %.'
const compare = (message: string, viz = comparison) =>
  checkGrounding(turnOf(richBody({ total: 32, visualizations: viz, message, insights: [] })), 'Comparaison avec le mois dernier')

describe('healthy answers are grounded', () => {
  test('the reference headline agrees with its KPI cards and financial summary', () => {
    const r = ground({})
    expect(r.status).toBe('grounded')
    expect(r.contradictions).toEqual([])
    expect(r.checked).toBeGreaterThanOrEqual(5)
  })

  test('rounded, approximate and bounded restatements agree', () => {
    for (const message of [
      'Vous avez dépensé 2 662 € en 36 transactions.',
      'Vous avez dépensé environ 2 700 € ce mois-là.',
      'Vous avez dépensé plus de 2 600 € en 36 opérations.',
      'Au total : 2661.93€, soit un panier moyen de 73,94 €.',
      'Vous avez dépensé 2,66 k€.',
    ]) {
      const r = ground({ message })
      expect(r.contradictions, message).toEqual([])
      expect(r.status, message).toBe('grounded')
    }
  })

  test('a comparison whose percentage and direction agree with the chart', () => {
    expect(compare(comparisonText).contradictions).toEqual([])
    expect(compare('Vos dépenses sont en hausse de 33 % par rapport au mois dernier.').status).toBe('grounded')
    // A per-category move is compared with that category, not with the whole.
    expect(compare('Vos dépenses Restaurants sont en baisse de 85,6 % par rapport au mois dernier.').contradictions).toEqual([])
    expect(compare('Plus forte variation : Shopping (+1 119,38 €).').contradictions).toEqual([])
  })

  test('labels quoted with their chart value, lists of recent purchases, per-month rates', () => {
    const pie = sprintChart(
      'pie_chart',
      'Répartition par Catégorie',
      ['Shopping', 'Logement', 'Autres'],
      [{ label: 'Montant', data: [1270.4, 1150, 241.53] }],
    )
    const r = ground({
      visualizations: [...kpis, pie],
      message: `${headline} Principaux postes : Shopping (1 270,40 €), Logement (1 150,00 €). Dernier achat : 12,99 € le 3 octobre. Environ 2 500 € par mois.`,
    })
    expect(r.contradictions).toEqual([])
    expect(r.notes.map((n) => n.code)).toContain('check.grounding.unverified')
  })

  test('real recorded shapes: the Netflix answer (count and total from its financial summary), "0,00 €" in a zero-result answer', () => {
    const netflix = v2Body({
      response: {
        message:
          'Vous avez effectué **80 transactions** pour un total de **1 050,20€** depuis 2020.\n- **5 juin 2025** : 7,99€ (Netflix)\n- **5 mai 2025** : 13,49€ (Netflix)\nVous avez payé **13,49€ par mois**, environ **162€ par an**.',
        structured_data: [
          {
            ...summary,
            title: 'Résumé financier : 80 transactions',
            description: 'Débits: 1050.20€',
            data_support: { transaction_count: 80, total_debit: 1050.1999816894531 },
          },
        ],
      },
      search_summary: { found_results: true, total_results: 80 },
    })
    expect(checkGrounding(turnOf(netflix), 'Mes dépenses Netflix ?')).toMatchObject({ status: 'grounded', contradictions: [] })
    const tesla = v2Body({
      response: {
        message: "Je n'ai trouvé aucun achat Tesla.\n- Total des transactions analysées : 0\n- Montant total des dépenses : 0,00 €",
        structured_data: [],
      },
      search_summary: { found_results: false, total_results: 0 },
    })
    expect(checkGrounding(turnOf(tesla), 'Mes achats Tesla').contradictions).toEqual([])
  })

  test('restating the question’s own figures is no claim; dates are no figures', () => {
    const body = v2ZeroResultsBody()
    const r = checkGrounding(
      turnOf({ ...body, response: { message: "Je n'ai trouvé aucune dépense de plus de 100 euros le 1er janvier 1970.", structured_data: [] } }),
      'Mes dépenses de plus de 100 euros le 1er janvier 1970',
    )
    expect(r.contradictions).toEqual([])
    expect(r.status).toBe('not_checkable')
  })
})

describe('not checkable is said, never a silent pass', () => {
  test('no figure stated', () => {
    const r = checkGrounding(turnOf(v2ZeroResultsBody()), 'Mes achats chez Zorglub')
    expect(r.status).toBe('not_checkable')
    expect(r.notes.map((n) => say(n, 'fr'))).toEqual(['Chiffres non vérifiables : la réponse n’énonce aucun chiffre'])
  })

  test('figures stated but nothing carried to compare (no KPI, no insight data)', () => {
    const body = v2Body({
      response: { message: 'Vous avez dépensé 412,30 € en 4 transactions.', structured_data: [] },
      search_summary: { found_results: true, total_results: 4 },
    })
    const r = checkGrounding(turnOf(body), 'Mes achats')
    // The count is checked against search_summary.total_results; the total has nothing to compare with.
    expect(r.status).toBe('grounded')
    const onlyTotal = v2Body({
      response: { message: 'Vous avez dépensé 412,30 €.', structured_data: [] },
      search_summary: { found_results: true, total_results: 4 },
    })
    const r2 = checkGrounding(turnOf(onlyTotal), 'Mes achats')
    expect(r2.status).toBe('not_checkable')
    expect(say(r2.notes[0] ?? { code: '', params: {} }, 'en')).toBe('figures not checkable: nothing in the answer can confirm 412,30 €')
  })
})

describe('adversarial variants are caught, both figures quoted', () => {
  test('the text total contradicts the total KPI card', () => {
    const r = ground({ message: 'Vous avez dépensé 1 234,56 € en 36 transactions.' })
    expect(r.status).toBe('contradicted')
    expect(sentences(r)).toEqual(['ungrounded figure: the message states 1 234,56 € as the total, but the KPI card "Total Dépenses" shows 2661.93 €'])
    expect(sentences(r, 'fr')[0]).toBe(
      'Chiffre non fondé : le message annonce 1 234,56 € pour le total, mais la carte KPI « Total Dépenses » indique 2\u202f661,93\u00a0€',
    )
  })

  test('the text count contradicts the count card; a glued 1234.56€ total too', () => {
    expect(sentences(ground({ message: 'Vous avez dépensé 2 661,93 € en 14 transactions.' }))).toEqual([
      'ungrounded figure: the message states 14 transactions as the number of transactions, but the KPI card "Nombre de Transactions" shows 36',
    ])
    expect(sentences(ground({ message: 'Total : 1234.56€' }))[0]).toMatch(/states 1234\.56€ as the total/)
  })

  test('the count card contradicts the search summary; the total contradicts count × average', () => {
    const r = ground({
      visualizations: [kpi('Total Dépenses', 2661.93), kpi('Nombre de Transactions', 1), kpi('Montant Moyen', 73.94)],
      message: 'Voici vos dépenses.',
    })
    expect(sentences(r)).toContain('inconsistent KPI cards: card "Nombre de Transactions" shows 1, but search_summary.total_results is 36')
    const p = ground({
      visualizations: [kpi('Total Dépenses', 99), kpi('Nombre de Transactions', 36), kpi('Montant Moyen', 73.94)],
      message: 'Voici vos dépenses.',
    })
    expect(sentences(p)).toContain('inconsistent KPI cards: total 99.00 €, but count 36 × average 73.94 € = 2661.84 €')
  })

  test('the total card contradicts the financial summary insight', () => {
    const r = ground({ visualizations: planKpis(300, 36).map((k) => k), message: 'Voici.' })
    expect(sentences(r).some((s) => s.startsWith('inconsistent figures: card "Total Dépenses" shows 300.00 €, but insight'))).toBe(true)
  })

  test('a comparison in the wrong direction, or with the wrong percentage', () => {
    expect(sentences(compare('Vos dépenses sont en baisse de 40 % par rapport au mois dernier.'))).toEqual([
      'opposite direction: the message states a fall ("40 %"), but the KPI card "Total Dépenses" gives +33.2 %',
    ])
    expect(sentences(compare('Vos dépenses ont diminué par rapport au mois dernier.'))[0]).toMatch(/^opposite direction: the message states a fall/)
    expect(sentences(compare('Vos dépenses augmentent de 12 % par rapport au mois dernier.'))).toEqual([
      'ungrounded figure: the message states 12 % as the change, but the KPI card "Total Dépenses" shows +33.2 %',
    ])
    // Without a KPI change, the chart's own comparison is the reference.
    const noKpiChange = [kpi('Total Dépenses', 3348.06), ...comparison.slice(1)]
    expect(sentences(compare('soit -33,2 %', noKpiChange))[0]).toMatch(
      /opposite direction: .* the chart comparison \("Comparaison des Dépenses"\) gives \+33\.2 %/,
    )
  })

  test('a KPI change that the comparison chart contradicts', () => {
    const viz = [kpi('Total Dépenses', 3348.06, -12), ...comparison.slice(1)]
    expect(sentences(compare('Voici la comparaison.', viz))).toContain(
      'inconsistent figures: card "Total Dépenses" shows -12 %, but chart "Comparaison des Dépenses" gives +33.2 %',
    )
  })

  test('a label quoted with another value than its chart, a delta with the wrong sign', () => {
    const pie = sprintChart('pie_chart', 'Répartition par Catégorie', ['Shopping', 'Logement'], [{ label: 'Montant', data: [1511.93, 1150] }])
    expect(sentences(ground({ visualizations: [...kpis, pie], message: 'Principaux postes : Shopping (9 999,00 €).' }))).toEqual([
      'ungrounded figure: the message states Shopping at 9 999,00 €, but chart "Répartition par Catégorie" shows 1511.93 € for Shopping',
    ])
    expect(sentences(compare('Plus forte variation : Shopping (-1 119,38 €).'))[0]).toMatch(/states Shopping at -1 119,38 €/)
  })

  test('figures invented on a search that found nothing, in digits or in words', () => {
    const body = v2ZeroResultsBody()
    const words = checkGrounding(
      turnOf({
        ...body,
        response: { message: 'Le 1er janvier 1970, vous avez fait trois achats pour deux cent quarante-cinq euros.', structured_data: [] },
      }),
      'Mes transactions du 1er janvier 1970',
    )
    expect(sentences(words)).toEqual([
      'invented figure: the message states a transaction count (trois achats) although the search found nothing (search_summary.total_results = 0)',
      'invented figure: the message states an amount (deux cent quarante-cinq euros) although the search found nothing (search_summary.total_results = 0)',
    ])
  })

  test('one turn graded again: the same grading for the same question and options, a fresh one when either differs', () => {
    const body = v2ZeroResultsBody()
    const turn = turnOf({ ...body, response: { message: 'Vous avez fait trois achats pour 245 €.', structured_data: [] } })
    const first = checkGrounding(turn, 'Mes achats chez Zorglub')
    expect(first.contradictions).toHaveLength(2)
    expect(checkGrounding(turn, 'Mes achats chez Zorglub')).toBe(first)
    // Another check already fails invented figures on a no-data question: with that option they are not repeated.
    expect(checkGrounding(turn, 'Mes achats chez Zorglub', { inventedChecked: true }).contradictions).toEqual([])
    // The question's own figure restated is no claim: another question, another grading.
    expect(sentences(checkGrounding(turn, 'Mes 245 € chez Zorglub'))).toHaveLength(1)
  })

  test('insight text is checked like the message', () => {
    const bad = { ...summary, title: 'Résumé financier : 12 transactions' }
    expect(sentences(ground({ insights: [bad] }))).toEqual([
      'ungrounded figure: insight "Résumé financier : 12 transactions" states 12 transactions as the number of transactions, but the KPI card "Nombre de Transactions" shows 36',
    ])
  })
})

describe('shapes LLMs write: cents apart, counts as "label : value" or in a table, differences in words (review 2026-12-05)', () => {
  test('euros and cents written apart agree with the total to the cent; other cents contradict it', () => {
    for (const message of [
      'Votre total pour le mois dernier est de 2 661 euros et 93 centimes, sur 36 transactions.',
      'Le mois dernier, vous avez dépensé 2 661 € 93 en 36 transactions.',
      'Le mois dernier, vous avez dépensé deux mille six cent soixante et un euros quatre-vingt-treize, en 36 transactions.',
    ]) {
      const r = ground({ message })
      expect(r.contradictions, message).toEqual([])
      expect(r.notes, message).toEqual([])
    }
    expect(sentences(ground({ message: 'Le mois dernier, vous avez dépensé 2 661 € 39 en 36 transactions.' }))).toEqual([
      'ungrounded figure: the message states 2 661 € 39 as the total, but the KPI card "Total Dépenses" shows 2661.93 €',
    ])
  })
  test('a count written as a label and its value, or in a Markdown column named for it, is the answer’s count', () => {
    const wrong = [
      'Le mois dernier, vous avez dépensé 2 661,93 €.\n- Nombre de transactions : 63\n- Montant moyen : 73,94 €',
      'Le mois dernier, vous avez dépensé 2 661,93 €. Nombre de transactions : 26.',
      'Le mois dernier, vous avez dépensé 2 661,93 €.\n\n| Total | Transactions | Moyenne |\n|---|---|---|\n| 2 661,93 € | 63 | 73,94 € |',
    ]
    for (const message of wrong)
      expect(sentences(ground({ message }))[0], message).toMatch(
        /^ungrounded figure: the message states (63|26) as the number of transactions, but the KPI card "Nombre de Transactions" shows 36$/,
      )
    for (const message of wrong.map((m) => m.replace(/\b(63|26)\b/, '36'))) {
      const r = ground({ message })
      expect(r.contradictions, message).toEqual([])
      expect(r.notes, message).toEqual([])
    }
  })
  test('a difference in words is held against the gap between the totals: its size and its direction', () => {
    const said = (d: string) => `Ce mois-ci, vous avez dépensé ${d} que sur la même période du mois dernier (3 348,06 € contre 2 514,24 €).`
    for (const message of [
      said('833,82 € de plus'),
      said('environ 830 € de plus'),
      'Ce mois-ci, vous avez dépensé 3 348,06 €, soit 833,82 € de plus que le mois dernier.',
      'Ce mois-ci, vous avez dépensé 3 348,06 € contre 2 514,24 € le mois dernier, une différence de 833,82 €.',
      'Ce mois-ci, vous avez dépensé 3 348,06 €, soit 833,82 € supplémentaires par rapport au mois dernier.',
    ]) {
      const r = compare(message)
      expect(r.contradictions, message).toEqual([])
      expect(r.checked, message).toBeGreaterThan(0)
    }
    expect(sentences(compare(said('933,82 € de plus')))).toEqual([
      'ungrounded figure: the message states 933,82 € as the difference, but the gap between the totals it states (3 348,06 € / 2 514,24 €) shows 833.82 €',
    ])
    expect(sentences(compare('Ce mois-ci, vous avez dépensé 3 348,06 €, soit 933,82 € de plus que le mois dernier.'))).toEqual([
      'ungrounded figure: the message states 933,82 € as the difference, but the chart comparison ("Comparaison des Dépenses") shows 833.82 €',
    ])
    expect(sentences(compare(said('833,82 € de moins')))[0]).toBe(
      'opposite direction: the message states a fall ("833,82 €"), but the gap between the totals it states (3 348,06 € / 2 514,24 €) gives +33.2 %',
    )
  })
})

describe('how a rounded or bounded figure fits a carried value (fitOf)', () => {
  const fitting = (said: string, carried: number) => {
    const [figure] = statedFigures(said)
    if (figure === undefined) throw new Error(`no figure in ${said}`)
    return fitOf(figure, carried)
  }
  test('2 661,93 €: rounded at the written step and within a tenth agrees; true but coarse is loose; false contradicts', () => {
    const table: Array<[string, ReturnType<typeof fitOf>]> = [
      ['2 662 €', 'agrees'],
      ['2 661 €', 'contradicts'],
      ['3 k€', 'loose'],
      ['2 k€', 'loose'],
      ['1 k€', 'contradicts'],
      ['2,66 k€', 'agrees'],
      ['environ 2 700 €', 'agrees'],
      ['environ 2,7 k€', 'agrees'],
      ['environ 2 650 €', 'agrees'],
      ['environ 2 900 €', 'contradicts'],
      ['environ 2 600 €', 'agrees'],
      ['environ 2 661 €', 'agrees'],
      ['2 660 € environ', 'agrees'],
      ['environ 2 500 €', 'agrees'],
      ['environ 2 800 €', 'contradicts'],
      ['environ 3 000 €', 'loose'],
      ['plus de 2 600 €', 'agrees'],
      ['plus de 2 500 €', 'agrees'],
      ['plus de 2 000 €', 'loose'],
      ['plus de 100 €', 'loose'],
      ['plus de 2 700 €', 'contradicts'],
      ['moins de 2 700 €', 'agrees'],
      ['moins de 3 000 €', 'loose'],
      ['moins de 2 600 €', 'contradicts'],
    ]
    expect(table.map(([said]) => [said, fitting(said, 2661.93)])).toEqual(table)
  })
  test('a multiplied figure without decimals is its writer\'s rounding at that unit: "1 k€" for 1 023 €, not "3 k€" for 2 661,93 €', () => {
    expect(fitting('1 k€', 1023)).toBe('agrees')
    expect(fitting('3 millions €', 2_950_000)).toBe('agrees')
    expect(fitting('3 k€', 2661.93)).toBe('loose')
    expect(fitting('1 k€', 1600)).toBe('loose')
    expect(fitting('1 k€', 2100)).toBe('contradicts')
  })
  test('an approximation holds within one written step either way: its writer rounded or cut', () => {
    expect(fitting('environ 133 €', 133.98)).toBe('agrees')
    expect(fitting('environ 134 €', 133.98)).toBe('agrees')
    expect(fitting('environ 132 €', 133.98)).toBe('contradicts')
    expect(fitting('quelque 2 700 €', 2661.93)).toBe('agrees')
    expect(fitting('pas loin de 2 700 €', 2661.93)).toBe('agrees')
    expect(fitting('autour des 2 700 €', 2661.93)).toBe('agrees')
    expect(fitting('2 700 € à peu près', 2661.93)).toBe('agrees')
    expect(fitting('2 900 € environ', 2661.93)).toBe('contradicts')
  })
  test('an approximation that is neither a rounding nor a cut of the value contradicts it (review 2026-12-05)', () => {
    expect(fitting('environ 50 %', 33.2)).toBe('contradicts')
    expect(fitting('environ 40 %', 33.2)).toBe('contradicts')
    expect(fitting('environ 30 %', 33.2)).toBe('agrees')
    expect(fitting('environ 50 transactions', 36)).toBe('contradicts')
    expect(fitting('environ 500 €', 342.5)).toBe('contradicts')
    expect(fitting('environ 80 €', 73.94)).toBe('contradicts')
    expect(fitting('environ 75 €', 73.94)).toBe('agrees')
    expect(fitting('environ 70 €', 73.94)).toBe('agrees')
  })
  test('small values are never held tighter than the same digits written exactly', () => {
    expect(fitting('environ 30 €', 30.74)).toBe('agrees')
    expect(fitting('environ 3 €', 2.6)).toBe('agrees')
    expect(fitting('environ 2 %', 2.4)).toBe('agrees')
    expect(fitting('au moins 36 transactions', 36)).toBe('agrees')
    expect(fitting('plus de 40 transactions', 36)).toBe('contradicts')
  })
})
