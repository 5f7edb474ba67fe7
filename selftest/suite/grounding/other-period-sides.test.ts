// An amount said for another period in the same clause as the answer's own (« …, contre 320 € le mois dernier », « et
// en septembre vous aviez dépensé 2 098,72 € ») is that period's: its scope is read in its own part of the clause
// (tests/support/grounding/figures.ts withSides), never the whole clause's. It is held to what the answer carries for
// that period — the comparison's previous period, a month's chart point, the ground truth's previousTotal — and never
// to the answer's own total: a right answer of that shape failed on every wire, a wrong baseline in parentheses passed.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkGroundTruth } from '../../../tests/support/ground-truth/check.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { comparisonViz, exchange, planKpis, richBody, sprintChart, turnOf, v3ComparisonBody } from '../adapter/bodies.ts'

const en = (reasons: Parameters<typeof say>[0][]) => reasons.map((r) => say(r, 'en'))

const LAST_MONTH = 'Mes dépenses du mois dernier'
const COMPARE = 'Compare mes dépenses de ce mois avec le mois dernier'
// The reference's months (q11): August 3 105,92 €, September 2 098,72 €, October 2 661,93 €.
const months = sprintChart(
  'line_chart',
  'Évolution Mensuelle',
  ['2026-08', '2026-09', '2026-10'],
  [{ label: 'Dépenses', data: [3105.92, 2098.72, 2661.93] }],
)
const v2 = (message: string, visualizations: unknown[]): NormalizedTurn =>
  turnOf(richBody({ total: 36, visualizations: visualizations as never, message, insights: [] }))
const v3 = (message: string, question: string, summary: string): NormalizedTurn => {
  const body = {
    user_id: 1,
    message: question,
    status: 'completed',
    response: { message, structured_data: { total_results: 36, aggregations_summary: summary } },
    search_summary: { found_results: true, total_results: 36 },
    metadata: { pipeline_time_ms: 2, intent: 'financial_query', requires_search: true, total_results: 36 },
    architecture: 'v3_langchain_agents',
  }
  const parsed = harenaV3Adapter.parse(exchange(body))
  if (parsed.kind !== 'turn') throw new Error(JSON.stringify(parsed))
  return parsed.turn
}

// Right answers: October's total (the answer's own) and September's beside it, in one clause.
const BOTH_MONTHS = [
  'Le mois dernier, vous avez dépensé 2 661,93 €, et en septembre vous aviez dépensé 2 098,72 €.',
  'Vous avez dépensé 2 661,93 € le mois dernier, alors que vous aviez dépensé 2 098,72 € en septembre.',
  'Le mois dernier, vous avez dépensé 2 661,93 € (en septembre, vous aviez dépensé 2 098,72 €).',
  'Le mois dernier, vos dépenses s’élèvent à 2 661,93 €, contre un total de 2 098,72 € le mois précédent.',
  'Le mois dernier, vous avez dépensé 2 661,93 €, contre 2 098,72 € en septembre.',
]

describe('another period’s amount in the answer’s own clause is never held to the answer’s total', () => {
  test('v2 (KPI cards, with or without the months chart) and v3: September’s total beside October’s passes', () => {
    for (const message of BOTH_MONTHS) {
      expect(en(checkGrounding(v2(message, planKpis(2661.93, 36)), LAST_MONTH).contradictions), message).toEqual([])
      expect(en(checkGrounding(v2(message, [...planKpis(2661.93, 36), months]), LAST_MONTH).contradictions), message).toEqual([])
      const turn = v3(message, LAST_MONTH, 'Total des dépenses : 2 661,93 € sur 36 transaction(s)')
      expect(en(checkGrounding(turn, LAST_MONTH).contradictions), message).toEqual([])
    }
  })

  test('the answer’s own total stated wrong beside another period’s still fails', () => {
    const message = 'Le mois dernier, vous avez dépensé 2 961,93 €, et en septembre vous aviez dépensé 2 098,72 €.'
    expect(en(checkGrounding(v2(message, planKpis(2661.93, 36)), LAST_MONTH).contradictions)).toEqual([
      'ungrounded figure: the message states 2 961,93 € as the total, but the KPI card "Total Dépenses" shows 2661.93 €',
    ])
  })
})

describe('another period’s amount set against the answer’s total is held to that period', () => {
  test('beside the months chart: "contre 320 € en septembre" fails against September’s point, the right one passes', () => {
    for (const message of [
      'Le mois dernier, vous avez dépensé 2 661,93 €, contre 320 € en septembre.',
      'En octobre, vous avez dépensé 2 661,93 €, contre 320 € en septembre 2026.',
    ])
      expect(en(checkGrounding(v2(message, [...planKpis(2661.93, 36), months]), LAST_MONTH).contradictions), message).toEqual([
        'ungrounded figure: the message states 320 € for another period, but chart "Évolution Mensuelle" shows 2098.72 € for that period',
      ])
  })

  test('a comparison (v2): the previous period’s amount in parentheses or after "pour" is the chart’s previous sum', () => {
    const compared = (message: string) =>
      en(checkGrounding(turnOf(richBody({ total: 32, visualizations: comparisonViz(), message, insights: [] })), COMPARE).contradictions)
    for (const message of [
      'Vous avez dépensé 3 348,06 € ce mois-ci (320 € le mois dernier).',
      'Vous avez dépensé 3 348,06 € ce mois-ci, pour 320 € le mois précédent.',
    ])
      expect(compared(message), message).toEqual([
        'ungrounded figure: the message states 320 € for another period, but chart "Comparaison des Dépenses" shows 2514.24 € for that period',
      ])
    for (const message of [
      'Vous avez dépensé 3 348,06 € ce mois-ci (2 514,24 € le mois dernier).',
      'Vous avez dépensé 3 348,06 € ce mois-ci, pour 2 514,24 € le mois précédent.',
    ])
      expect(compared(message), message).toEqual([])
  })

  test('a comparison on v3 (nothing carried for the previous period): the ground truth’s previousTotal judges it', () => {
    const truth = { total: 3348.06, previousTotal: 2514.24 }
    const judged = (message: string) => {
      const parsed = harenaV3Adapter.parse(exchange(v3ComparisonBody(COMPARE, message)))
      if (parsed.kind !== 'turn') throw new Error(JSON.stringify(parsed))
      return {
        grounding: en(checkGrounding(parsed.turn, COMPARE).contradictions),
        truth: en(checkGroundTruth(truth, 0.01, parsed.turn, undefined, COMPARE).failures),
      }
    }
    expect(judged('Vous avez dépensé 3 348,06 € ce mois-ci (320 € le mois dernier).')).toEqual({
      grounding: [],
      truth: ['ground truth: expected previous period total 2514.24 €, the answer shows 320.00 € (message)'],
    })
    expect(judged('Vous avez dépensé 3 348,06 € ce mois-ci (2 514,24 € le mois dernier).')).toEqual({ grounding: [], truth: [] })
  })
})
