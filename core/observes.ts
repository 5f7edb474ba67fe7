// What a wire contract can carry, declared once by its adapter (tests/support/adapters/), carried to the
// reporter in the run model's target, and read by the one function below whenever anyone needs to say
// "observed" or "not observable". See docs/adapters.md.
import type { AttemptRecord } from './model.ts'

/** The parts of an answer a contract may or may not carry. */
export const OBSERVABLES = ['subtype', 'visualizations', 'stages', 'insights', 'responseType', 'intent', 'kpiCards'] as const
export type Observable = (typeof OBSERVABLES)[number]

/**
 * How a contract carries one part of an answer:
 * - `carried`: every answer of this contract can carry it, so its absence counts against the service;
 * - `optional`: some versions of the service send it and others never do (real v2 never sends the intent
 *   subtype, the reference service does), so it is "not observable" when no answer of the run carried it;
 * - `absent`: the wire cannot carry it at all: "not observable on <contract>", never a failure.
 */
export type Carriage = 'carried' | 'optional' | 'absent'

export type Observes = Readonly<Record<Observable, Carriage>>

/**
 * Whether the intent subtype can be judged for one question, from the contract and its answers. The one rule
 * (the suite's records and the reporter's stand-ins for unrecorded questions both call it):
 * - contract unknown (the run stopped before a target was prepared) or no answer carried an intent: no claim
 *   either way → true (the question is not said to be "not observable" when nothing was asked);
 * - `absent`: false; `carried`: true (a missing subtype is the service's failure, checked elsewhere);
 * - `optional`: true iff at least one answer carried a subtype.
 */
export function subtypeObservable(observes: Observes | null | undefined, attempts: readonly AttemptRecord[]): boolean {
  if (observes === null || observes === undefined) return true
  const carriage = observes.subtype
  if (carriage === 'absent') return false
  if (carriage === 'carried') return true
  const answered = attempts.filter((a) => a.intent !== null)
  if (answered.length === 0) return true
  return answered.some((a) => a.intent?.subtype !== null)
}

/** For one answer: the part is there, the contract cannot show it, or it is missing where it should be. */
export type Observation = 'observed' | 'not_observable' | 'missing'

/** One answer's view of one part: present → observed; else it depends on how the contract carries it. */
export function observation(carriage: Carriage, present: boolean): Observation {
  if (present) return 'observed'
  return carriage === 'carried' ? 'missing' : 'not_observable'
}

/**
 * The contract's wire cannot carry this part at all (`absent`): "not observable on <contract>", never "not reported"
 * nor missing. Unknown contract (the run stopped before a target was prepared): no claim, false.
 */
export function wireCannotCarry(observes: Observes | null | undefined, part: Observable): boolean {
  return observes?.[part] === 'absent'
}
