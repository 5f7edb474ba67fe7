// The shape of one expectation check (one module per kind, like promptfoo's src/assertions/): a plain function
// from the expectation and the normalized turn to reasons (empty = the expectation holds; core/locale/checks.ts
// words them).
import type { CriticalKind } from '../../../core/model.ts'
import type { Expectation } from '../../../core/questions.ts'
import type { Reason } from '../../../core/reason.ts'
import type { NormalizedTurn } from '../turn.ts'

export type ExpectationKind = Expectation['kind']
export type ExpectationOf<K extends ExpectationKind> = Extract<Expectation, { kind: K }>

/** Only real answers reach an expectation check: a pipeline fallback has failed before (checks/index.ts). */
export type ExpectationCheck<K extends ExpectationKind> = (expectation: ExpectationOf<K>, turn: NormalizedTurn) => Reason[]

/** What the checks say about one adapter result. */
export interface CheckOutcome {
  ok: boolean
  /** Why it failed, as data (docs/reasons.md); empty when ok. */
  failures: Reason[]
  critical: CriticalKind | null
  /** A pipeline fallback answer (status "error", a known fallback sentence or overall_success false). */
  fallback: boolean
}
