// KPI cards must state a figure to count (review finding "kpinull"): a card titled "Total Dépenses" whose value
// is null covers nothing, and a valueless total KPI fails the pie-sum rule instead of silently skipping it.
import { describe, expect, test } from 'vitest'
import { checkExpectation } from '../../../tests/support/checks/index.ts'
import { Expectation } from '../../../core/questions.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { kpi, parse, richBody, sprintChart, turnOf } from '../adapter/bodies.ts'
import { checkAnswer, english, question } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const run = (raw: Record<string, unknown>, turn: NormalizedTurn): string[] => english(checkExpectation(Expectation.parse(raw), turn))
const withViz = (visualizations: Array<Record<string, unknown>>): NormalizedTurn => turnOf(richBody({ visualizations }))
const plan = { kind: 'kpi_cards', min: 3, cover: ['total', 'count', 'average'] }
const pie = (data: number[]) =>
  sprintChart(
    'pie_chart',
    'Répartition par Catégorie',
    data.map((_, i) => `C${i}`),
    [{ label: 'Montant', data }],
  )
const nullKpis = [kpi('Total Dépenses', null), kpi('Nombre de Transactions', null), kpi('Montant Moyen', null)]

describe('KPI cards need a numeric value', () => {
  test('three null-valued plan cards cover nothing and do not count', () => {
    expect(run(plan, withViz(nullKpis))).toEqual([
      'expected at least 3 KPI cards, observed 0 with a value (3 in all) (KPI titles: "Total Dépenses" (no value), "Nombre de Transactions" (no value), "Montant Moyen" (no value))',
      'expected KPI cards covering total, count, average, observed KPI titles: "Total Dépenses" (no value), "Nombre de Transactions" (no value), "Montant Moyen" (no value) (missing: total, count, average)',
    ])
  })

  test('one null card among valued ones leaves exactly its aspect uncovered', () => {
    const failures = run(plan, withViz([kpi('Total Dépenses', 300), kpi('Nombre de Transactions', 3), kpi('Montant Moyen', null)]))
    expect(failures).toHaveLength(2)
    expect(failures[1]).toMatch(/\(missing: average\)$/)
  })

  test('a zero value is a figure (an empty period), not a missing one', () => {
    expect(run(plan, withViz([kpi('Total Dépenses', 0), kpi('Nombre de Transactions', 0), kpi('Montant Moyen', 0)]))).toEqual([])
  })
})

describe('pie sum against a total KPI', () => {
  test('a null total KPI is itself a failure, not a skipped check', () => {
    expect(run({ kind: 'pie' }, withViz([kpi('Total Dépenses', null), pie([60, 40])]))).toEqual([
      'expected the total KPI "Total Dépenses" to show a number the pie slices can be summed against, observed null',
    ])
  })

  test('with a valued total the sum is checked (a valued total wins over a null duplicate)', () => {
    expect(run({ kind: 'pie' }, withViz([kpi('Total', null), kpi('Total Dépenses', 100), pie([60, 40])]))).toEqual([])
    expect(run({ kind: 'pie' }, withViz([kpi('Total', null), kpi('Total Dépenses', 100), pie([60, 30])]))).toEqual([
      'expected pie slices to sum to the total KPI 100, observed 90 (difference 10)',
    ])
  })

  test('sumsToTotal false still skips the sum, null total or not', () => {
    expect(run({ kind: 'pie', sumsToTotal: false }, withViz([kpi('Total Dépenses', null), pie([60, 40])]))).toEqual([])
  })

  test('end to end: the "kpinull" answer to a by-category question fails both expectations', () => {
    const q = question({ category: 'by_category', expectedIntent: 'transaction_search.by_category', expectations: [plan, { kind: 'pie' }] })
    const out = checkAnswer(q, parse(richBody({ subtype: 'by_category', visualizations: [...nullKpis, pie([200, 100])] })), V2_OBSERVES)
    expect(out.ok).toBe(false)
    expect(out.critical).toBeNull()
    expect(english(out.failures)).toHaveLength(3)
    expect(english(out.failures)[2]).toBe(
      'expected the total KPI "Total Dépenses" to show a number the pie slices can be summed against, observed null',
    )
  })
})
