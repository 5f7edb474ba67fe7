// bar (spec §3): a bar chart with at least minDatasets datasets (2 for "this period vs previous") and data.
import { ofKind, pointCount, quoted, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkBar: ExpectationCheck<'bar'> = (expectation, turn) => {
  const bars = ofKind(turn, 'bar')
  if (bars.length === 0) return [`expected a bar chart, observed visualizations: ${vizKinds(turn)}`]
  // Judge the richest bar chart of the answer.
  const best = bars.reduce((a, b) => (b.datasets.length > a.datasets.length ? b : a))
  if (best.datasets.length < expectation.minDatasets) {
    const labels = best.datasets.map((d) => (d.label === null ? '(no label)' : quoted(d.label, 30))).join(', ') || 'none'
    return [`expected a bar chart with at least ${expectation.minDatasets} datasets, observed ${best.datasets.length} (datasets: ${labels})`]
  }
  if (pointCount(best) === 0) return [`expected a bar chart with data, observed an empty bar chart ${quoted(best.title, 40)}`]
  return []
}
