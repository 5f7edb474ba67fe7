// A Markdown table row is read as the « label : value » statement it makes (tests/support/grounding/table-rows.ts,
// docs/grounding.md "Tables"). Grounding read prose only: a cell was alone in its clause, so « | Évolution | +45 % | »
// beside +33,2 % passed on v3, « | Total | 320 € | » was judged only as a headline, « | Évolution | 📉 baisse | »
// beside a rise and « | Transactions | 5 | » beside 3 passed, and a right part's change (« | Shopping | … | +741 % | »)
// was held to the whole's and failed. Each table here is judged as the same claim written in prose: a wrong change,
// total, count or direction fails with the prose's reason, a right one passes, on v2 and v3, buffered and streamed.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { tableRowsAsStatements } from '../../../tests/support/grounding/table-rows.ts'
import { comparisonViz, exchange, planKpis, richBody, turnOf, v3ComparisonBody, v3StreamOf } from '../adapter/bodies.ts'
import { english, question } from '../checks/helpers.ts'

const en = (reasons: Parameters<typeof say>[0][]) => reasons.map((r) => say(r, 'en'))
const COMPARE = 'Compare mes dépenses de ce mois avec le mois dernier'

/** The v2 comparison answer: 3 348,06 € against 2 514,24 € (+33,2 % on its KPI card), Shopping +741,2 %. */
const v2 = (message: string) =>
  en(checkGrounding(turnOf(richBody({ total: 32, visualizations: comparisonViz(), message, insights: [] })), COMPARE).contradictions)
/** The v3 comparison answer: 3 348,06 € carried, no change carried (held to the amounts the text gives). */
const v3 = (message: string) => {
  const parsed = harenaV3Adapter.parse(exchange(v3ComparisonBody(COMPARE, message)))
  if (parsed.kind !== 'turn') throw new Error(JSON.stringify(parsed))
  return en(checkGrounding(parsed.turn, COMPARE).contradictions)
}
/** A simple answer: 300,00 € in 3 transactions, 100,00 € on average (its KPI cards). */
const simple = (message: string) => en(checkGrounding(turnOf(richBody({ message })), 'Mes dépenses du mois dernier').contradictions)
/** A trend answer whose trend_analysis insight rises (+60 € a month on 2 513,36 €, over 12 months). */
const rising = (message: string) => {
  const insight = {
    type: 'trend_analysis',
    title: 'Tendance des dépenses : en hausse',
    description: 'Vos dépenses mensuelles évoluent de 60 € par mois en moyenne sur 12 mois.',
    confidence: 0.8,
    data_support: { method: 'linear_regression', months: 12, slope_per_month: 60, mean_per_month: 2513.36, direction: 'hausse' },
    actionable: true,
    priority: 1,
  }
  return en(
    checkGrounding(
      turnOf(richBody({ total: 405, visualizations: planKpis(33508.39, 405), message, insights: [insight] })),
      'Mes tendances de dépenses',
    ).contradictions,
  )
}

const PERIODS = '| Période | Montant |\n| --- | --- |\n| Ce mois-ci | 3 348,06 € |\n| Mois dernier | 2 514,24 € |'
const PERIODS_PROSE = 'Ce mois-ci : 3 348,06 €\nMois dernier : 2 514,24 €'
const BY_CATEGORY = (shopping: string, total: string, change: string) =>
  `| Catégorie | Ce mois | Mois dernier | Évolution |\n|---|---|---|---|\n| Shopping | 1 270,40 € | 151,02 € | ${shopping} |\n| Total | ${total} | 2 514,24 € | ${change} |`

describe('rows become « label : value » lines; what is no statement stays as written', () => {
  test('a label and one value, with or without a header; a count column keeps its noun', () => {
    expect(tableRowsAsStatements('Bilan :\n\n| Évolution | +45 % |\n| Total | 320 € |')).toBe('Bilan :\n\nÉvolution : +45 %\nTotal : 320 €')
    expect(tableRowsAsStatements(PERIODS)).toBe(`| Période | Montant |\n| --- | --- |\n${PERIODS_PROSE}`)
    expect(tableRowsAsStatements('| Mois | Transactions |\n|:--|--:|\n| Novembre 2026 | 32 |\n| **Total** | **76** |')).toBe(
      '| Mois | Transactions |\n|:--|--:|\nNovembre 2026 : 32 transactions\n**Total** : **76** transactions',
    )
  })

  test('a label and several values under a header: one line per value, its column first', () => {
    expect(
      tableRowsAsStatements(BY_CATEGORY('+741 %', '3 348,06 €', '+33 %'))
        .split('\n')
        .slice(2),
    ).toEqual([
      'Ce mois, Shopping : 1 270,40 €',
      'Mois dernier, Shopping : 151,02 €',
      'Évolution, Shopping : +741 %',
      'Ce mois, Total : 3 348,06 €',
      'Mois dernier, Total : 2 514,24 €',
      'Évolution, Total : +33 %',
    ])
  })

  test('kept: a row of figures (its header reads it), several values without a header, empty cells, prose with a pipe', () => {
    for (const text of [
      '| Total | Transactions | Moyenne |\n|---|---|---|\n| 2 661,93 € | 63 | 73,94 € |',
      '| Shopping | 1 270,40 € | +741 % |',
      '| Shopping | — |',
      'Dépenses | revenus du mois',
      'Aucun tableau ici.',
    ])
      expect(tableRowsAsStatements(text), text).toBe(text)
  })
})

describe('a wrong claim in a row fails as the same claim in prose; a right one passes', () => {
  // [table, the same claims in prose, the grounding it is held to]
  const CASES: ReadonlyArray<readonly [string, string, string, (m: string) => string[]]> = [
    ['v2: a change beside +33,2 %', `${PERIODS}\n| Évolution | +45 % |`, `${PERIODS_PROSE}\nÉvolution : +45 %`, v2],
    ['v3: a change against the amounts given', `${PERIODS}\n| Évolution | +45 % |`, `${PERIODS_PROSE}\nÉvolution : +45 %`, v3],
    ['v2: a fall beside a rise (sign)', `${PERIODS}\n| Évolution | -33 % |`, `${PERIODS_PROSE}\nÉvolution : -33 %`, v2],
    ['v3: a fall beside a rise (sign)', `${PERIODS}\n| Évolution | -33 % |`, `${PERIODS_PROSE}\nÉvolution : -33 %`, v3],
    ['v2: a fall in words', `${PERIODS}\n| Tendance | 📉 baisse |`, `${PERIODS_PROSE}\nTendance : 📉 baisse`, v2],
    ['a total beside the cards', '| Total | 320 € |', 'Total : 320 €', simple],
    ['a count beside the cards', '| Transactions | 5 |', 'Transactions : 5', simple],
    ['an average beside the cards', '| Montant moyen | 120,00 € |', 'Montant moyen : 120,00 €', simple],
    ['a fall beside a rising trend', '| Indicateur | Valeur |\n|---|---|\n| Tendance | ↘ baisse |', 'Tendance : ↘ baisse', rising],
    ['v2: a part’s change', BY_CATEGORY('+74 %', '3 348,06 €', '+33 %'), BY_CATEGORY('+74 %', '3 348,06 €', '+33 %'), v2],
    ['v2: the whole’s change in a row of several values', BY_CATEGORY('+741 %', '3 348,06 €', '+45 %'), '', v2],
    ['v3: the whole’s change in a row of several values', BY_CATEGORY('+741 %', '3 348,06 €', '+45 %'), '', v3],
    ['v3: the total in a row of several values', BY_CATEGORY('+741 %', '3 300,00 €', '+33 %'), '', v3],
  ]

  test.each(CASES)('%s', (_what, table, prose, grounding) => {
    const reasons = grounding(table)
    expect(reasons, table).toHaveLength(1)
    // The reason the prose gets (the row is quoted as its line).
    if (prose !== '' && prose !== table) expect(reasons).toEqual(grounding(prose))
  })

  test('the right claims in the same tables pass', () => {
    const right: ReadonlyArray<readonly [string, (m: string) => string[]]> = [
      [`${PERIODS}\n| Évolution | +33 % |`, v2],
      [`${PERIODS}\n| Évolution | +33 % |`, v3],
      [`${PERIODS}\n| Évolution | +33,2 % |\n| Écart | +833,82 € |`, v3],
      [`${PERIODS}\n| Tendance | 📈 hausse |`, v2],
      ['| Total | 300,00 € |', simple],
      ['| Indicateur | Valeur |\n|---|---|\n| Total | 300,00 € |\n| Transactions | 3 |\n| Montant moyen | 100,00 € |', simple],
      ['| Mois | Transactions |\n|---|---|\n| Total | 3 |', simple],
      ['| Indicateur | Valeur |\n|---|---|\n| Tendance | ↗ hausse |', rising],
      // A part's right change is that part's, not the whole's (it failed as the whole's before).
      [BY_CATEGORY('+741 %', '3 348,06 €', '+33 %'), v2],
      [BY_CATEGORY('+741 %', '3 348,06 €', '+33 %'), v3],
      ['| Shopping | +741 % |', v2],
    ]
    for (const [table, grounding] of right) expect(grounding(table), table).toEqual([])
  })
})

describe('through the whole judgement, buffered and streamed', () => {
  const asked = question({ message: 'Mes dépenses chez Carrefour', expectedIntent: null, expectsData: null })
  const streamed = (text: string) => english(checkAttempt(asked, v3StreamOf(text.split(/(?<= )/)), harenaV3Adapter.observes).failures)

  test('a streamed table whose count row contradicts the stream’s count fails; the right row passes and is an answer', () => {
    expect(streamed('Chez Carrefour :\n\n| Transactions | 7 |')).toEqual([
      'ungrounded figure: the message states 7 as the number of transactions, but search_summary.total_results shows 5',
    ])
    // A table that states the count answers the question: not a « non-answer ».
    expect(streamed('Chez Carrefour :\n\n| Transactions | 5 |')).toEqual([])
  })

  test('a buffered v3 answer whose table contradicts its total fails like the prose', () => {
    const parse = (message: string) => harenaV3Adapter.parse(exchange(v3ComparisonBody(COMPARE, message)))
    const q = question({ message: COMPARE, expectedIntent: null, expectsData: null })
    const failures = (message: string) => checkAttempt(q, parse(message), harenaV3Adapter.observes).failures.map((f) => f.code)
    expect(failures(`${PERIODS}\n| Évolution | +45 % |`)).toContain('check.grounding.figure')
    expect(failures(`${PERIODS}\n| Évolution | +33 % |`)).not.toContain('check.grounding.figure')
  })
})
