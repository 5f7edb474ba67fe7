// pie (spec §3): "top N + Autres" — at most maxSlices slices; when the answer spans more than maxSlices−1
// slices the last one is othersLabel; with a total KPI, the slices add up to it within 0.01. A total KPI without
// a numeric value fails here rather than skipping the sum (otherwise a null total would silence this check).
import { hasValue, totalKpi } from './kpi-cards.ts'
import { fold, num, ofKind, pointCount, quoted, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

/** Cent-level tolerance, plus a hair for binary floating point (0.1 + 0.2). */
const SUM_TOLERANCE = 0.01 + 1e-9

export const checkPie: ExpectationCheck<'pie'> = (expectation, turn) => {
  const pies = ofKind(turn, 'pie')
  const pie = pies[0]
  if (pie === undefined) return [`expected a pie chart, observed visualizations: ${vizKinds(turn)}`]
  const values = pie.datasets[0]?.data ?? []
  if (pointCount(pie) === 0 || values.length === 0) return [`expected a pie chart with slices, observed an empty pie chart ${quoted(pie.title, 40)}`]

  const failures: string[] = []
  const slices = values.length
  if (pie.labels.length !== slices) failures.push(`expected one label per pie slice, observed ${pie.labels.length} labels for ${slices} slices`)
  if (slices > expectation.maxSlices) {
    failures.push(`expected at most ${expectation.maxSlices} pie slices, observed ${slices}`)
  } else if (slices > expectation.maxSlices - 1) {
    const last = pie.labels[slices - 1] ?? ''
    if (fold(last).trim() !== fold(expectation.othersLabel).trim()) {
      failures.push(`expected the last of ${slices} pie slices to be ${quoted(expectation.othersLabel, 40)}, observed ${quoted(last, 40)}`)
    }
  }
  const total = expectation.sumsToTotal ? totalKpi(turn) : null
  if (total !== null) {
    if (total.value === null || !hasValue(total)) {
      failures.push(
        `expected the total KPI ${quoted(total.title, 40)} to show a number the pie slices can be summed against, observed ${String(total.value)}`,
      )
    } else {
      const sum = values.reduce((a, b) => a + b, 0)
      if (Math.abs(sum - total.value) > SUM_TOLERANCE) {
        failures.push(
          `expected pie slices to sum to the total KPI ${num(total.value)}, observed ${num(sum)} (difference ${num(Math.abs(sum - total.value))})`,
        )
      }
    }
  }
  return failures
}
