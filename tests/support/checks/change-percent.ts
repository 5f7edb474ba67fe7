// change_percent: a KPI card stating its change against the previous period (non-null change_percent).
import { reason } from '../../../core/reason.ts'
import { excerpt, ofKind } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkChangePercent: ExpectationCheck<'change_percent'> = (_expectation, turn) => {
  const kpis = ofKind(turn, 'kpi')
  if (kpis.some((k) => k.changePercent !== null)) return []
  return [reason('check.change_percent.missing', { titles: kpis.map((k) => excerpt(k.title, 40)) })]
}
