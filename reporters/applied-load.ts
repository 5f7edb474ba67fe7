// The load the run applied (core/model.ts AppliedLoad, measured by tests/support/limiter.ts): the line every
// document shows beside VALIDATION_CONCURRENCY, and the warning when the latencies were measured under a lighter load
// than configured. A warning (a note in every document), not a verdict: the latencies are what the target answered,
// under the load it was given, and the figures say which (docs/verdict-rules.md, "Applied load").
import '../core/locale/performance.ts'
import type { RunModel } from '../core/model.ts'
import { reason, type Reason } from '../core/reason.ts'

/**
 * Below this share of the busy time with the cap held, the run is said to have been measured under a lighter load
 * than configured. Half: most of what was measured was then measured with fewer requests in flight than the cap.
 * A run with enough attempts per spec file holds it far more (tests/support/workers.ts forks workers so that the
 * cap is held through a file's drain): the default question set against the embedded service on 2 cores held it
 * 77 % of the busy time at concurrency 16 × 10 iterations (mean 14.1), 98 % at 16 × 40, 95 % at 8 × 20, 79 % at
 * 4 × 2, while 16 × 2 (spec files of 6 attempts, under the cap) held it 39 % (mean 9.6): the case to warn about.
 */
export const CAP_HELD_MIN_SHARE = 0.5

/** What most likely kept the load under the cap, first cause first. */
export type LightLoadCause = 'few_attempts' | 'stopped' | 'paced' | 'drain'

const tenth = (x: number): number => Math.round(x * 10) / 10
const thousandth = (x: number): number => Math.round(x * 1000) / 1000

/** The document line: the applied load against the cap, or "not measured" (never 0). */
export function appliedLoadLine(model: RunModel): Reason {
  const load = model.appliedLoad
  const cap = model.settings.concurrency
  if (load == null) return reason('performance.applied_load', { measured: false, cap })
  return reason('performance.applied_load', { measured: true, cap, peak: load.peak, mean: tenth(load.mean), share: thousandth(load.capHeldShare) })
}

function causeOf(model: RunModel, planned: number): LightLoadCause {
  if (planned < model.settings.concurrency) return 'few_attempts'
  if (model.interrupted || model.stopReason || model.auth?.expired) return 'stopped'
  if (model.settings.maxRps > 0) return 'paced'
  return 'drain'
}

/** The warning, when the peak stayed under the cap or the cap was held less than CAP_HELD_MIN_SHARE of the time. */
export function lightLoadObservation(model: RunModel, planned: number): Reason | null {
  const load = model.appliedLoad
  const cap = model.settings.concurrency
  if (load == null || (load.peak >= cap && load.capHeldShare >= CAP_HELD_MIN_SHARE)) return null
  return reason('performance.light_load', {
    cap,
    peak: load.peak,
    mean: tenth(load.mean),
    share: thousandth(load.capHeldShare),
    minShare: CAP_HELD_MIN_SHARE,
    cause: causeOf(model, planned),
    planned,
    maxRps: model.settings.maxRps,
  })
}
