// bar (docs/suite-rules.md §3): a bar chart with at least minDatasets datasets (2 for "this period vs previous") and data.
import { reason } from '../../../core/reason.ts'
import { excerpt, ofKind, pointCount, vizKinds } from './text.ts'
import type { ExpectationCheck } from './types.ts'

export const checkBar: ExpectationCheck<'bar'> = (expectation, turn) => {
  const bars = ofKind(turn, 'bar')
  if (bars.length === 0) return [reason('check.bar.missing', { kinds: vizKinds(turn) })]
  // Judge the richest bar chart of the answer.
  const best = bars.reduce((a, b) => (b.datasets.length > a.datasets.length ? b : a))
  if (best.datasets.length < expectation.minDatasets) {
    const labels = best.datasets.map((d) => (d.label === null ? '' : excerpt(d.label, 30)))
    const unlabeled = best.datasets.flatMap((d, i) => (d.label === null ? [i] : []))
    return [reason('check.bar.datasets', { min: expectation.minDatasets, count: best.datasets.length, labels, unlabeled })]
  }
  if (pointCount(best) === 0) return [reason('check.bar.empty', { title: excerpt(best.title, 40) })]
  return []
}
