// chart_any (spec §3): at least one chart of any of the listed kinds ("bar or line chart").
import type { ExpectationCheck } from './types.ts'
import { vizKinds } from './text.ts'

export const checkChartAny: ExpectationCheck<'chart_any'> = (expectation, turn) => {
  const wanted = new Set<string>(expectation.of)
  if (turn.visualizations.some((v) => wanted.has(v.kind))) return []
  return [`expected a ${expectation.of.join(' or ')} chart, observed visualizations: ${vizKinds(turn)}`]
}
