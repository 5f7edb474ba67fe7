// A generation's chart rule (turn.ts ChartRule, docs/generations.md): v3.2.9 draws its charts from the data, so an
// answer whose own wire says "transaction_search, 64 results" must carry the line chart that service always draws
// for it, whatever the question set expects of the question. Judged only where the answer can show charts: the
// contract's wire carries them (not a stream) and this answer has the visualizations field.
import type { Observes } from '../../../core/observes.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import type { ChartRule, NormalizedTurn } from '../turn.ts'
import { ofKind, vizKinds } from './text.ts'

/** What the rule expects of this answer: its chart and the result count that calls for it; null when it does not apply. */
export interface ChartExpected {
  chart: ChartRule['chart']
  results: number
}

export function chartExpected(rule: ChartRule | undefined, turn: NormalizedTurn, observes: Observes): ChartExpected | null {
  if (rule === undefined || observes.visualizations === 'absent' || turn.visualizationsOnWire === false) return null
  if (turn.intent === null || turn.intent.group !== rule.group) return null
  if (turn.totalResults === null || turn.totalResults <= rule.aboveResults) return null
  return { chart: rule.chart, results: turn.totalResults }
}

/** The rule's failure when the answer lacks its chart (empty: the chart is there, or the rule does not apply). */
export function checkChartRule(rule: ChartRule | undefined, contract: string, turn: NormalizedTurn, observes: Observes): Reason[] {
  const expected = chartExpected(rule, turn, observes)
  if (rule === undefined || expected === null || ofKind(turn, expected.chart).length > 0) return []
  return [
    reason('check.chart_rule.missing', {
      contract,
      chart: expected.chart,
      results: expected.results,
      above: rule.aboveResults,
      kinds: vizKinds(turn),
    }),
  ]
}
