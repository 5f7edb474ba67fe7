// "Label (amount)": an amount of no role bound to a chart label — "Shopping (1 270,40 €)", "1 150,00 € en Logement",
// "septembre 2026 (3 105,92 €)" — must be that label's value in the chart, a signed one its change (labels.ts
// `boundLabel` reads the binding; docs/grounding.md "Grounded figures").
import { type FigureRule, contradict } from '../context.ts'
import { type Fit, fitOf } from '../fit.ts'
import { boundLabel, labelDeltas } from '../labels.ts'

export const labelAmountFigure: FigureRule = (ctx, { source, folded }, figure) => {
  if (figure.role !== null || figure.kind !== 'amount') return false
  const label = boundLabel(ctx.facts, figure, folded)
  if (label === null) return false
  const values = figure.sign !== null ? labelDeltas(ctx.facts, label.label) : label.values
  // A signed amount is a difference: its sign must be the carried one's too.
  const fits = (v: number): Fit => (figure.sign === null || v === 0 || Math.sign(v) === figure.sign ? fitOf(figure, v) : 'contradicts')
  // A bound far from the label's value ("Shopping (plus de 100 €)") says nothing false: unverified, not failed.
  if (values.some((v) => fits(v) === 'loose') && !values.some((v) => fits(v) === 'agrees')) {
    ctx.unverified.push(figure.text)
    return true
  }
  if (values.length > 0 && !values.some((v) => fits(v) === 'agrees')) {
    contradict(ctx, source, 'check.grounding.label', { stated: figure.said, label: label.label, chart: label.chart, carried: values.slice(0, 3) })
    return true
  }
  ctx.checked++
  return true
}
