// The generation's chart rule (tests/support/checks/chart-rule.ts; review finding "v2c-empty-viz"): v3.2.9 draws a
// line for every transaction_search answer above 2 results, so such an answer without it fails, naming the rule and
// the count — judged only where the answer can show charts (the wire carries them, this answer has the field).
import { describe, expect, test } from 'vitest'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { streamObserves } from '../../../tests/support/adapters/stream.ts'
import { chartExpected, checkChartRule } from '../../../tests/support/checks/chart-rule.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { exchange, mainChart, v2Body } from '../adapter/bodies.ts'
import { english } from './helpers.ts'

const RULE = harenaV2ChartsAdapter.chartRule
const OBSERVES = harenaV2ChartsAdapter.observes
const LINE = mainChart('line', 'Evolution des transactions', ['2026-11-01', '2026-11-02'], [{ label: 'Depenses', data: [12, 30] }])
const PIE = mainChart('pie', 'Repartition des depenses par categorie', ['A', 'B'], [{ data: [1, 2] }])

function turn(total: number, visualizations: unknown[], group = 'transaction_search'): NormalizedTurn {
  const body = v2Body({ user_id: 7, response: { visualizations }, search_summary: { found_results: total > 0, total_results: total } })
  ;(body.intent as { type: string }).type = group
  const result = harenaV2ChartsAdapter.parse(exchange(body))
  if (result.kind !== 'turn') throw new Error(`not a turn: ${JSON.stringify(result)}`)
  return result.turn
}

describe('harena-v2-charts: a line above 2 transaction_search results', () => {
  test('the rule is the adapter’s, as data', () => {
    expect(RULE).toEqual({ chart: 'line', group: 'transaction_search', aboveResults: 2 })
    expect(harenaV2Adapter.chartRule).toBeUndefined()
  })

  test('no chart, or no line, above 2 results: a failure naming the count and the rule', () => {
    expect(english(checkChartRule(RULE, 'harena-v2-charts', turn(64, []), OBSERVES))).toEqual([
      '64 results: harena-v2-charts draws a line chart above 2 results; none sent',
    ])
    expect(english(checkChartRule(RULE, 'harena-v2-charts', turn(3, [PIE]), OBSERVES))).toEqual([
      '3 results: harena-v2-charts draws a line chart above 2 results; sent only: pie',
    ])
    expect(chartExpected(RULE, turn(3, []), OBSERVES)).toEqual({ chart: 'line', results: 3 })
  })

  test('the line sent, 2 results or fewer, another group, no field, a stream: nothing to say', () => {
    expect(checkChartRule(RULE, 'harena-v2-charts', turn(64, [LINE]), OBSERVES)).toEqual([])
    expect(chartExpected(RULE, turn(2, []), OBSERVES)).toBeNull()
    expect(chartExpected(RULE, turn(64, [], 'financial_query'), OBSERVES)).toBeNull()
    expect(chartExpected(RULE, { ...turn(64, []), visualizationsOnWire: false }, OBSERVES)).toBeNull()
    expect(chartExpected(RULE, turn(64, []), streamObserves('carried'))).toBeNull()
    expect(chartExpected(undefined, turn(64, []), OBSERVES)).toBeNull()
  })
})
