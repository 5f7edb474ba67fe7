// Release thresholds set looser than the plan's (core/settings.ts looserThanPlan): named beside the verdict on every
// surface — the terminal's verdict line, the Markdown and HTML headers, the JSON, junit.xml — so that a GO reached
// with a relaxed bar never reads as the plan's GO (a review, 2026-12-05: VALIDATION_MIN_SUCCESS_RATE=0, 3/15 right, GO).
import type { RunModel } from '../core/model.ts'
import { type Reason, reason } from '../core/reason.ts'
import { type LooserThreshold, looserThanPlan } from '../core/settings.ts'

/** The run's looser thresholds; none for an exploratory run (no release verdict). */
export function looserThresholds(model: RunModel): LooserThreshold[] {
  if (model.scope === 'exploratory') return []
  return looserThanPlan(model.settings, (key) =>
    key === 'ttfcGoMs' || key === 'ttfcNoGoMs' ? model.settings.stream : key === 'maxRegression' ? Boolean(model.baseline) : true,
  )
}

/** The sentence said beside the verdict, or null when every threshold is the plan's or stricter. */
export function looserLine(model: RunModel): Reason | null {
  const looser = looserThresholds(model)
  if (looser.length === 0) return null
  return reason('gate.verdict.looser', {
    variables: looser.map((t) => t.variable),
    values: looser.map((t) => t.value),
    plans: looser.map((t) => t.plan),
  })
}
