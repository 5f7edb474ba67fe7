// pie (docs/suite-rules.md §3): "top N + Autres" — at most maxSlices slices; when the answer spans more than maxSlices−1
// slices the last one is othersLabel; with a total KPI, the slices add up to it within 0.01. A total KPI without
// a numeric value fails here rather than skipping the sum (otherwise a null total would silence this check).
import { hasValue, totalKpi } from './kpi-cards.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt, fold, num, ofKind, pointCount, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

/** Cent-level tolerance, plus a hair for binary floating point (0.1 + 0.2). */
const SUM_TOLERANCE = 0.01 + 1e-9

export const checkPie: ExpectationCheck<'pie'> = (expectation, turn) => {
  const pies = ofKind(turn, 'pie')
  const pie = pies[0]
  if (pie === undefined) return [reason('check.pie.missing', { kinds: vizKinds(turn) })]
  const values = pie.datasets[0]?.data ?? []
  if (pointCount(pie) === 0 || values.length === 0) return [reason('check.pie.empty', { title: excerpt(pie.title, 40) })]

  const failures: Reason[] = []
  const slices = values.length
  if (pie.labels.length !== slices) failures.push(reason('check.pie.labels', { labels: pie.labels.length, slices }))
  if (slices > expectation.maxSlices) {
    failures.push(reason('check.pie.too_many', { max: expectation.maxSlices, slices }))
  } else if (slices > expectation.maxSlices - 1) {
    const last = pie.labels[slices - 1] ?? ''
    if (fold(last).trim() !== fold(expectation.othersLabel).trim()) {
      failures.push(reason('check.pie.others_last', { slices, others: excerpt(expectation.othersLabel, 40), last: excerpt(last, 40) }))
    }
  }
  const total = expectation.sumsToTotal ? totalKpi(turn) : null
  if (total !== null) {
    if (total.value === null || !hasValue(total)) {
      failures.push(reason('check.pie.total_no_value', { title: excerpt(total.title, 40), value: String(total.value) }))
    } else {
      const sum = values.reduce((a, b) => a + b, 0)
      if (Math.abs(sum - total.value) > SUM_TOLERANCE) {
        failures.push(reason('check.pie.sum', { total: num(total.value), sum: num(sum), difference: num(Math.abs(sum - total.value)) }))
      }
    }
  }
  return failures
}
