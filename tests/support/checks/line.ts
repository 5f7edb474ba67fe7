// line (docs/suite-rules.md §3): a line chart (trend) with data.
import { reason } from '../../../core/reason.ts'
import { excerpt, ofKind, pointCount, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkLine: ExpectationCheck<'line'> = (_expectation, turn) => {
  const lines = ofKind(turn, 'line')
  if (lines.length === 0) return [reason('check.line.missing', { kinds: vizKinds(turn) })]
  if (lines.every((l) => pointCount(l) === 0)) return [reason('check.line.empty', { title: excerpt(lines[0]?.title ?? '', 40) })]
  return []
}
