// chart_any (docs/suite-rules.md §3): at least one chart of any of the listed kinds ("bar or line chart") that
// shows something — a chart without a data point is no chart (tests/support/checks/text.ts).
import { reason } from '../../../core/reason.ts'
import { showsSomething, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkChartAny: ExpectationCheck<'chart_any'> = (expectation, turn) => {
  const wanted = new Set<string>(expectation.of)
  if (turn.visualizations.some((v) => wanted.has(v.kind) && showsSomething(v))) return []
  return [reason('check.chart_any.missing', { of: [...expectation.of], kinds: vizKinds(turn) })]
}
