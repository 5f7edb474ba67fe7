// The load the run applied (core/model.ts AppliedLoad, from the measured exchanges, core/applied-load.ts): the line every
// document shows beside VALIDATION_CONCURRENCY, and the warning when the latencies were measured under a lighter load
// than configured. A warning (a note in every document), not a verdict: the latencies are what the target answered,
// under the load it was given, and the figures say which (docs/verdict-rules.md, "Applied load").
import '../core/locale/performance.ts'
import { MAX_ITERATIONS, type RunModel } from '../core/model.ts'
import { reason, type Reason } from '../core/reason.ts'

/**
 * Below this share of the busy time with the cap held, the run is said to have been measured under a lighter load
 * than configured. Half: most of what was measured was then measured with fewer requests in flight than the cap.
 * At concurrency 1 the cap is held whenever a request is in flight (share 1). Against a service that answers in
 * seconds, the gap between an answer and the next request (the cross-worker permit, the client's own work) is
 * nothing and a run with enough attempts per spec file holds the cap nearly all the time; against the embedded
 * service, answering in a few milliseconds on the same 2 cores, the same gap weighs as much as the answer and the
 * cap is held a small share of the time: then the warning is the truth.
 */
export const CAP_HELD_MIN_SHARE = 0.5

/** What most likely kept the load under the cap, first cause first. */
export type LightLoadCause = 'few_attempts' | 'stopped' | 'paced' | 'drain' | 'client'

/** A spec file whose last cap − 1 attempts (its drain) are at most this share of it cannot explain a light load. */
const DRAIN_SHARE = 0.05

/** Planned attempts of the smallest question file (one file per category; tests/support/categories.ts). */
function smallestFile(model: RunModel): number {
  const perFile = new Map<string, number>()
  for (const q of model.questions) perFile.set(q.category, (perFile.get(q.category) ?? 0) + q.plannedAttempts)
  return Math.min(...perFile.values())
}

const tenth = (x: number): number => Math.round(x * 10) / 10
const thousandth = (x: number): number => Math.round(x * 1000) / 1000

/** The document line: the applied load against the cap, or "not measured" (never 0). */
export function appliedLoadLine(model: RunModel): Reason {
  const load = model.appliedLoad
  const cap = model.settings.concurrency
  if (load == null) return reason('performance.applied_load', { measured: false, cap })
  return reason('performance.applied_load', {
    measured: true,
    cap,
    peak: load.peak,
    mean: tenth(load.mean),
    share: thousandth(load.capHeldShare),
    abandoned: load.abandoned ?? 0,
  })
}

/**
 * The warning when the client abandoned requests at its deadline: the target may still have been working on them,
 * so it may have held more requests at once than the peak shown (a lower bound, written "≥").
 */
export function abandonedLoadObservation(model: RunModel): Reason | null {
  const load = model.appliedLoad
  const abandoned = load?.abandoned ?? 0
  if (load == null || abandoned === 0) return null
  return reason('performance.abandoned_in_flight', {
    abandoned,
    peak: load.peak,
    cap: model.settings.concurrency,
    timeoutMs: model.settings.timeoutMs,
  })
}

function causeOf(model: RunModel, planned: number): LightLoadCause {
  if (planned < model.settings.concurrency) return 'few_attempts'
  if (model.interrupted || model.stopReason || model.auth?.expired) return 'stopped'
  if (model.settings.maxRps > 0) return 'paced'
  // Files too small for their drain to matter: the client did not keep the cap in flight between answers.
  if (model.settings.concurrency - 1 <= smallestFile(model) * DRAIN_SHARE) return 'client'
  return 'drain'
}

/** The warning, when the peak stayed under the cap or the cap was held less than CAP_HELD_MIN_SHARE of the time. */
export function lightLoadObservation(model: RunModel, planned: number): Reason | null {
  const load = model.appliedLoad
  const cap = model.settings.concurrency
  if (load == null || (load.peak >= cap && load.capHeldShare >= CAP_HELD_MIN_SHARE)) return null
  // No question was planned (a run of the security probes alone): no latency was measured under this load, so there
  // is nothing to warn about, and no advice (more iterations) would apply. The line still gives the figures.
  if (planned === 0) return null
  return reason('performance.light_load', {
    cap,
    peak: load.peak,
    mean: tenth(load.mean),
    share: thousandth(load.capHeldShare),
    abandoned: load.abandoned ?? 0,
    minShare: CAP_HELD_MIN_SHARE,
    cause: causeOf(model, planned),
    planned,
    maxRps: model.settings.maxRps,
    // Advice never points beyond an accepted value: at the most iterations, only the concurrency can move.
    canRaiseIterations: model.settings.iterations < MAX_ITERATIONS,
  })
}
