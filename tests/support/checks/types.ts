// The shape of one expectation check (one module per kind, like promptfoo's src/assertions/): a plain function
// from the expectation and the normalized turn to readable failure sentences (empty = the expectation holds).
import type { Expectation } from '../../../core/questions.ts'
import type { NormalizedTurn } from '../turn.ts'

export type ExpectationKind = Expectation['kind']
export type ExpectationOf<K extends ExpectationKind> = Extract<Expectation, { kind: K }>

export interface CheckContext {
  /** The answer is a pipeline fallback (status "error" or a known fallback sentence). */
  fallback: boolean
}

export type ExpectationCheck<K extends ExpectationKind> = (expectation: ExpectationOf<K>, turn: NormalizedTurn, ctx: CheckContext) => string[]
