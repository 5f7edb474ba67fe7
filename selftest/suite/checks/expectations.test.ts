// Each expectation kind, passing and failing, on turns the adapter built from hand-made bodies (both
// visualization formats). Failure sentences are asserted verbatim: they are what a reader of the report sees.
import { describe, expect, test } from 'vitest'
import { checkExpectation } from '../../../tests/support/checks/index.ts'
import { checkDataPresentation } from '../../../tests/support/checks/data-presentation.ts'
import { checkIntent } from '../../../tests/support/checks/intent.ts'
import { uncoveredAspects } from '../../../tests/support/checks/kpi-cards.ts'
import { Expectation } from '../../../core/questions.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { kpi, mainChart, parse, planKpis, richBody, sprintChart, turnOf, v2Body } from '../adapter/bodies.ts'
import { checkAnswer, edgeQuestion, question, english } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const run = (raw: Record<string, unknown>, turn: NormalizedTurn): string[] => english(checkExpectation(Expectation.parse(raw), turn))
const withViz = (visualizations: Array<Record<string, unknown>>, extra: Parameters<typeof richBody>[0] = {}): NormalizedTurn =>
  turnOf(richBody({ ...extra, visualizations }))
const pie = (labels: string[], data: number[]) => sprintChart('pie_chart', 'Répartition par Catégorie', labels, [{ label: 'Montant', data }])
/**
 * The checks stay defensive about a chart with no data point, although the adapters refuse one on the wire (an
 * empty chart is a contract issue, selftest/suite/adapter/empty-viz-and-nulls.test.ts): the turn of a drawn chart,
 * its labels and data emptied.
 */
const emptied = (chart: Record<string, unknown>): NormalizedTurn => {
  const turn = withViz([chart])
  return { ...turn, visualizations: turn.visualizations.map((v) => ({ ...v, labels: [], datasets: v.datasets.map((d) => ({ ...d, data: [] })) })) }
}

describe('intent', () => {
  test('group and observable subtype must match', () => {
    const q = question({ expectedIntent: 'transaction_search.by_merchant' })
    expect(english(checkIntent(q, turnOf(richBody({ subtype: 'by_merchant' })), V2_OBSERVES))).toEqual([])
    expect(english(checkIntent(q, turnOf(richBody({ subtype: 'simple' })), V2_OBSERVES))).toEqual([
      'expected intent transaction_search.by_merchant, observed transaction_search.simple',
    ])
    expect(english(checkIntent(q, turnOf(richBody({ group: 'financial_query', subtype: 'expenses' })), V2_OBSERVES))).toEqual([
      'expected intent transaction_search.by_merchant, observed financial_query.expenses',
    ])
  })

  test('without a subtype on the wire only the group is compared', () => {
    const q = question({ expectedIntent: 'transaction_search.by_merchant' })
    expect(english(checkIntent(q, turnOf(v2Body()), V2_OBSERVES))).toEqual([])
    expect(english(checkIntent(question({ expectedIntent: 'analytics.trend' }), turnOf(v2Body()), V2_OBSERVES))).toEqual([
      'expected intent analytics.trend, observed transaction_search (subtype not observable)',
    ])
  })

  test('no intent on the wire fails an intent expectation; none expected → nothing to check', () => {
    expect(english(checkIntent(question(), turnOf(v2Body({ intent: null })), V2_OBSERVES))).toEqual([
      'expected intent transaction_search.simple, observed no intent',
    ])
    expect(english(checkIntent(edgeQuestion(), turnOf(v2Body({ intent: null })), V2_OBSERVES))).toEqual([])
  })
})

describe('expectsData', () => {
  test('true needs DATA_PRESENTATION', () => {
    expect(english(checkDataPresentation(question(), turnOf(richBody())))).toEqual([])
    expect(english(checkDataPresentation(question(), turnOf(richBody({ found: false, visualizations: [] }))))).toEqual([
      'expected a DATA_PRESENTATION answer (search results), observed no data presentation (total results: 0)',
    ])
  })

  test('false forbids DATA_PRESENTATION and invented figures; zero-valued cards are not figures', () => {
    const q = edgeQuestion()
    // The text says "none" (its figures are checked in fabricated.test.ts); here the charts are under test.
    const message = "Je n'ai trouvé aucune transaction pour cette date : 0,00 €."
    expect(
      english(
        checkDataPresentation(
          q,
          turnOf(richBody({ message, found: false, visualizations: [kpi('Total Dépenses', 0), kpi('Nombre de Transactions', 0)] })),
        ),
      ),
    ).toEqual([])
    expect(
      english(
        checkDataPresentation(
          q,
          turnOf(
            richBody({
              message,
              found: false,
              visualizations: [kpi('Total Dépenses', 0), kpi('Nombre de Transactions', 3), pie(['A', 'B'], [1, 2])],
            }),
          ),
        ),
      ),
    ).toEqual([
      'expected no figures (no invented data), observed visualizations with figures: kpi "Nombre de Transactions" = 3, pie "Répartition par Catégorie" (2 non-zero values)',
    ])
    expect(english(checkDataPresentation(q, turnOf(richBody({ message, found: true, total: 5, visualizations: [] }))))).toEqual([
      'expected no data presentation (nothing to find), observed DATA_PRESENTATION (total results: 5)',
    ])
  })

  test('null accepts either', () => {
    const q = question({ expectsData: null })
    expect(english(checkDataPresentation(q, turnOf(richBody())))).toEqual([])
    expect(english(checkDataPresentation(q, turnOf(richBody({ found: false }))))).toEqual([])
  })
})

describe('kpi_cards', () => {
  const plan = { kind: 'kpi_cards', min: 3, cover: ['total', 'count', 'average'] }

  test('the plan cards pass, and so do English or accent-free titles in any case', () => {
    expect(run(plan, withViz(planKpis(300, 3)))).toEqual([])
    expect(run(plan, withViz([kpi('TRANSACTION COUNT', 3), kpi('Average amount', 100), kpi('total spent', 300)]))).toEqual([])
    expect(run(plan, withViz([kpi('Montant moyenne', 1), kpi('Nombre', 1), kpi('Dépenses totales', 1)]))).toEqual([])
  })

  test('too few cards and an uncovered aspect are both reported', () => {
    expect(run(plan, withViz([kpi('Total Dépenses', 300), kpi('Nombre de Transactions', 3)]))).toEqual([
      'expected at least 3 KPI cards, observed 2 (KPI titles: "Total Dépenses", "Nombre de Transactions")',
      'expected KPI cards covering total, count, average, observed KPI titles: "Total Dépenses", "Nombre de Transactions" (missing: average)',
    ])
  })

  test('one card cannot cover two aspects; "Subtotal" is not a total', () => {
    expect(uncoveredAspects(['Nombre total', 'Montant Moyen', 'Solde'], ['total', 'count', 'average'])).toEqual(['count'])
    expect(uncoveredAspects(['Nombre total', 'Total Dépenses', 'Montant Moyen'], ['total', 'count', 'average'])).toEqual([])
    expect(uncoveredAspects(['Subtotal'], ['total'])).toEqual(['total'])
  })
})

describe('pie', () => {
  const kpis = planKpis(100, 4)

  test('top 5 + "Autres" summing to the total KPI passes (Sprint 1.3 and main formats)', () => {
    const labels = ['Alimentation', 'Transport', 'Loisirs', 'Logement', 'Santé', 'Autres']
    expect(run({ kind: 'pie', maxSlices: 6, othersLabel: 'Autres' }, withViz([...kpis, pie(labels, [30.1, 20.2, 19.7, 10, 10, 10])]))).toEqual([])
    expect(run({ kind: 'pie' }, withViz([...kpis, mainChart('pie', 'Repartition', ['Courses', 'Transport'], [{ data: [60.005, 39.995] }])]))).toEqual(
      [],
    )
    // Fewer categories than the cap: no "Autres" needed.
    expect(run({ kind: 'pie' }, withViz([...kpis, pie(['A', 'B', 'C'], [50, 25, 25])]))).toEqual([])
  })

  test('no pie, too many slices, a 6th slice that is not "Autres", a wrong sum', () => {
    expect(run({ kind: 'pie' }, withViz(kpis))).toEqual(['expected a pie chart, observed visualizations: kpi, kpi, kpi'])
    const eight = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    expect(
      run(
        { kind: 'pie' },
        withViz([
          ...kpis,
          pie(
            eight,
            eight.map(() => 12.5),
          ),
        ]),
      ),
    ).toEqual(['expected at most 6 pie slices, observed 8'])
    const six = ['A', 'B', 'C', 'D', 'E', 'F']
    expect(run({ kind: 'pie' }, withViz([...kpis, pie(six, [50, 10, 10, 10, 10, 10])]))).toEqual([
      'expected the last of 6 pie slices to be "Autres", observed "F"',
    ])
    expect(run({ kind: 'pie' }, withViz([...kpis, pie(['A', 'B'], [50, 49.98])]))).toEqual([
      'expected pie slices to sum to the total KPI 100, observed 99.98 (difference 0.02)',
    ])
  })

  test('"autres" matches case- and accent-insensitively; sumsToTotal false skips the sum; no total KPI → no sum check', () => {
    const six = ['A', 'B', 'C', 'D', 'E', 'AUTRES']
    expect(run({ kind: 'pie' }, withViz([...kpis, pie(six, [50, 10, 10, 10, 10, 10])]))).toEqual([])
    expect(run({ kind: 'pie', sumsToTotal: false }, withViz([...kpis, pie(['A'], [1])]))).toEqual([])
    expect(run({ kind: 'pie' }, withViz([kpi('Nombre de Transactions', 4), pie(['A'], [1])]))).toEqual([])
  })

  test('an empty pie and a label/value mismatch fail', () => {
    expect(run({ kind: 'pie' }, emptied(pie(['A'], [1])))).toEqual([
      'expected a pie chart with slices, observed an empty pie chart "Répartition par Catégorie"',
    ])
    expect(run({ kind: 'pie', sumsToTotal: false }, withViz([pie(['A', 'B', 'C'], [1, 2])]))).toEqual([
      'expected one label per pie slice, observed 3 labels for 2 slices',
    ])
  })
})

describe('bar, line, chart_any', () => {
  const twoPeriods = sprintChart(
    'bar_chart',
    'Comparaison des Dépenses',
    ['Alimentation', 'Transport'],
    [
      { label: 'Période Actuelle', data: [120, 40] },
      { label: 'Période Précédente', data: [100, 55] },
    ],
  )
  const oneBar = mainChart('bar', 'Top 10 marchands', ['Lidl', 'SNCF'], [{ label: 'Montant des depenses', data: [30, 22.5] }])
  const trend = sprintChart('line_chart', 'Évolution Mensuelle', ['2026-01', '2026-02'], [{ label: 'Dépenses', data: [800, 760] }])

  test('bar: present, with enough datasets, with data', () => {
    expect(run({ kind: 'bar' }, withViz([oneBar]))).toEqual([])
    expect(run({ kind: 'bar', minDatasets: 2 }, withViz([oneBar, twoPeriods]))).toEqual([])
    expect(run({ kind: 'bar' }, withViz([trend]))).toEqual(['expected a bar chart, observed visualizations: line'])
    expect(run({ kind: 'bar', minDatasets: 2 }, withViz([oneBar]))).toEqual([
      'expected a bar chart with at least 2 datasets, observed 1 (datasets: "Montant des depenses")',
    ])
    expect(run({ kind: 'bar' }, emptied(mainChart('bar', 'Vide', ['A'], [{ data: [1] }])))).toEqual([
      'expected a bar chart with data, observed an empty bar chart "Vide"',
    ])
  })

  test('line: present with data', () => {
    expect(run({ kind: 'line' }, withViz([...planKpis(10, 1), trend]))).toEqual([])
    expect(run({ kind: 'line' }, withViz(planKpis(10, 1)))).toEqual(['expected a line chart, observed visualizations: kpi, kpi, kpi'])
    expect(run({ kind: 'line' }, withViz([]))).toEqual(['expected a line chart, observed visualizations: none'])
    expect(run({ kind: 'line' }, emptied(sprintChart('line_chart', 'Plat', ['a'], [{ label: 'Montant', data: [1] }])))).toEqual([
      'expected a line chart with data, observed an empty line chart "Plat"',
    ])
  })

  test('chart_any: any listed kind', () => {
    expect(run({ kind: 'chart_any', of: ['bar', 'line'] }, withViz([trend]))).toEqual([])
    expect(run({ kind: 'chart_any', of: ['bar', 'line'] }, withViz([oneBar]))).toEqual([])
    expect(run({ kind: 'chart_any', of: ['bar', 'line'] }, withViz([pie(['A'], [1])]))).toEqual([
      'expected a bar or line chart, observed visualizations: pie',
    ])
  })
})

describe('insight, change_percent', () => {
  const unusual = {
    type: 'unusual_transaction',
    title: 'Dépense inhabituelle détectée',
    description: 'Achat de 640,00 € chez Darty, bien au-dessus de votre habitude',
    confidence: 0.9,
    data_support: {},
    actionable: true,
    priority: 1,
  }
  const summary = {
    type: 'financial_summary',
    title: 'Résumé',
    description: 'Débits: 10.00€',
    confidence: 1,
    data_support: {},
    actionable: false,
    priority: 0,
  }

  test('insight: at least min of the type', () => {
    expect(run({ kind: 'insight', type: 'unusual_transaction' }, turnOf(richBody({ insights: [summary, unusual] })))).toEqual([])
    expect(run({ kind: 'insight', type: 'unusual_transaction', min: 2 }, turnOf(richBody({ insights: [summary, unusual] })))).toEqual([
      'expected at least 2 unusual_transaction insights, observed 1 (insights: financial_summary, unusual_transaction)',
    ])
    expect(run({ kind: 'insight', type: 'unusual_transaction' }, turnOf(richBody({ insights: [] })))).toEqual([
      'expected at least 1 unusual_transaction insight, observed 0 (no insights)',
    ])
  })

  test('change_percent: a KPI with a non-null change', () => {
    expect(run({ kind: 'change_percent' }, withViz([kpi('Total Dépenses', 300, 12.5), kpi('Nombre de Transactions', 3)]))).toEqual([])
    expect(run({ kind: 'change_percent' }, withViz([kpi('Total Dépenses', 300, 0)]))).toEqual([])
    expect(run({ kind: 'change_percent' }, withViz(planKpis(300, 3)))).toEqual([
      'expected a KPI card with a change percentage, observed none (KPI cards without change: "Total Dépenses", "Nombre de Transactions", "Montant Moyen")',
    ])
    expect(run({ kind: 'change_percent' }, withViz([]))).toEqual(['expected a KPI card with a change percentage, observed none (no KPI cards)'])
  })
})

describe('clarification_or_fallback', () => {
  const exp = { kind: 'clarification_or_fallback' }

  test('a CONVERSATIONAL intent or a question back pass', () => {
    expect(
      run(
        exp,
        turnOf(
          richBody({
            group: 'CONVERSATIONAL',
            subtype: 'clarification',
            found: false,
            visualizations: [],
            message: 'Je peux vous aider sur vos finances.',
          }),
        ),
      ),
    ).toEqual([])
    expect(
      run(
        exp,
        turnOf(richBody({ subtype: null, found: false, visualizations: [], message: 'Pouvez-vous préciser ce que vous entendez par « trucs » ?' })),
      ),
    ).toEqual([])
  })

  // Issue 10: a fallback fails q15 like any question (checks/index.ts); the expectation itself never excuses one.
  test('a pipeline fallback is no clarification: the check has no fallback excuse, and the whole answer fails', () => {
    const fallback = turnOf(v2Body({ status: 'error', intent: null }))
    expect(run(exp, fallback)).toHaveLength(1)
    const q15 = { ...edgeQuestion(), expectations: [{ kind: 'clarification_or_fallback' as const }] }
    const judged = checkAnswer(q15, parse(v2Body({ status: 'error', intent: null })), harenaV2Adapter.observes)
    expect(judged.ok).toBe(false)
    expect(judged.fallback).toBe(true)
  })

  test('a plain data answer to a vague question fails; a rhetorical "?" is not a clarification', () => {
    expect(run(exp, turnOf(richBody({ subtype: 'simple', message: 'Vous avez dépensé 300,00 € ce mois-ci.' })))).toEqual([
      'expected a clarification (CONVERSATIONAL intent or a question back), observed intent transaction_search.simple and an answer that asks nothing: "Vous avez dépensé 300,00 € ce mois-ci."',
    ])
    expect(run(exp, turnOf(richBody({ subtype: 'simple', message: 'Bonne nouvelle ? Vous avez peu dépensé.' })))).toHaveLength(1)
  })
})
