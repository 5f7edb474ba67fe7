// harena-v2-charts answers for the chart-data self tests (chart-data.test.ts, chart-grounds.test.ts): the project's
// wire fixture (fixtures/wire/harena-v2-charts-search.json, 64 results) and a 5-result transport answer shaped like the
// reference's (line + bar, no pie: one category), with the helpers that rewrite and judge them.
import { readFileSync } from 'node:fs'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { checkChartData } from '../../../tests/support/checks/chart-data.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { exchange, mainChart } from '../adapter/bodies.ts'
import { english } from './helpers.ts'

// biome-ignore lint/suspicious/noExplicitAny: the tests rewrite parts of wire JSON; the real adapter checks its shape.
export type Json = Record<string, any>

export const RECORDED: Json = JSON.parse(readFileSync(new URL('../../../fixtures/wire/harena-v2-charts-search.json', import.meta.url), 'utf8'))

/** A 5-result transport answer: total 234.88 € over 5 debits, drawn whole by the line and the bar. */
export function transport(): Json {
  const body = structuredClone(RECORDED)
  body.message = "Combien j'ai dépensé en transport ?"
  body.query.filters = { date: { gte: '2026-10-26', lte: '2026-11-24' }, transaction_type: 'debit', category_name: 'Transport' }
  body.response.message =
    "Vos dépenses Transport sur les 30 derniers jours (du 26 octobre au 24 novembre 2026) s'élèvent à **234,88 €** sur 5 transactions."
  body.response.structured_data[0].data_support = { transaction_count: 5, currency: 'EUR', total_debit: 234.88 }
  body.response.structured_data[0].title = 'Résumé financier : 5 transactions'
  body.response.structured_data[0].description = 'Débits: 234.88€'
  body.response.visualizations = [
    mainChart(
      'line',
      'Evolution des transactions',
      ['2026-11-02', '2026-11-06', '2026-11-12', '2026-11-23', '2026-11-24'],
      [
        { label: 'Depenses', data: [86.4, 49.98, 18.67, 13.43, 66.4] },
        { label: 'Revenus', data: [0, 0, 0, 0, 0] },
      ],
    ),
    mainChart('bar', 'Top 10 marchands', ['SNCF', 'RATP', 'Uber'], [{ label: 'Montant des depenses', data: [116.38, 86.4, 32.1] }]),
  ]
  body.search_summary = { found_results: true, total_results: 5 }
  return body
}

export function turnOf(body: Json): NormalizedTurn {
  const result = harenaV2ChartsAdapter.parse(exchange(body))
  if (result.kind !== 'turn') throw new Error(`not a turn: ${JSON.stringify(result)}`)
  return result.turn
}

export const viz = (body: Json, type: string): Json => body.response.visualizations.find((v: Json) => v.chart_type === type)
export const data = (body: Json, type: string, i = 0): number[] => viz(body, type).config.data.datasets[i].data
export const chartReasons = (body: Json): string[] => english(checkChartData(turnOf(body)))
export const mutated = (base: () => Json, change: (b: Json) => void): Json => {
  const b = base()
  change(b)
  return b
}
