// line (spec §3): a line chart (trend) with data.
import { ofKind, pointCount, quoted, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkLine: ExpectationCheck<'line'> = (_expectation, turn) => {
  const lines = ofKind(turn, 'line')
  if (lines.length === 0) return [`expected a line chart, observed visualizations: ${vizKinds(turn)}`]
  if (lines.every((l) => pointCount(l) === 0))
    return [`expected a line chart with data, observed an empty line chart ${quoted(lines[0]?.title ?? '', 40)}`]
  return []
}
