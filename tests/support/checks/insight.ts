// insight (spec §3): at least `min` insights of a type (e.g. unusual_transaction for "dépenses inhabituelles").
import type { ExpectationCheck } from './types.ts'

export const checkInsight: ExpectationCheck<'insight'> = (expectation, turn) => {
  const found = turn.insights.filter((i) => i.type === expectation.type).length
  if (found >= expectation.min) return []
  const types = turn.insights.length === 0 ? 'no insights' : `insights: ${turn.insights.map((i) => i.type).join(', ')}`
  return [`expected at least ${expectation.min} ${expectation.type} insight${expectation.min > 1 ? 's' : ''}, observed ${found} (${types})`]
}
