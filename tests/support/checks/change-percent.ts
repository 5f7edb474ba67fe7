// change_percent: a KPI card stating its change against the previous period (non-null change_percent).
import { ofKind, quoted } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkChangePercent: ExpectationCheck<'change_percent'> = (_expectation, turn) => {
  const kpis = ofKind(turn, 'kpi')
  if (kpis.some((k) => k.changePercent !== null)) return []
  const observed = kpis.length === 0 ? 'no KPI cards' : `KPI cards without change: ${kpis.map((k) => quoted(k.title, 40)).join(', ')}`
  return [`expected a KPI card with a change percentage, observed none (${observed})`]
}
