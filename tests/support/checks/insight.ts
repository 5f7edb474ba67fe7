// insight (docs/suite-rules.md §3): at least `min` insights of a type (e.g. unusual_transaction for "dépenses inhabituelles").
import { reason } from '../../../core/reason.ts'
import type { ExpectationCheck } from './types.ts'

export const checkInsight: ExpectationCheck<'insight'> = (expectation, turn) => {
  const found = turn.insights.filter((i) => i.type === expectation.type).length
  if (found >= expectation.min) return []
  return [reason('check.insight.too_few', { min: expectation.min, type: expectation.type, found, types: turn.insights.map((i) => i.type) })]
}
