// A reason is data, not prose: a stable code and the parameters its sentence needs. Checks, the verdict and the
// monitor return reasons; one catalogue per language (core/locale/) turns them into sentences for every output,
// and machine-readable outputs keep the code beside the sentence so nobody has to parse prose.
// See docs/reasons.md.

export type ReasonParam = string | number | boolean | null | readonly string[] | readonly number[]

export interface Reason {
  /** Stable, dotted, lower_snake: `check.intent.mismatch`, `verdict.success_rate.below`. Never renamed lightly. */
  code: string
  params: Record<string, ReasonParam>
  /** Further reasons that explain this one (evidence, caveats), said after it in the same line. */
  details?: Reason[]
}

export function reason(code: string, params: Record<string, ReasonParam> = {}): Reason {
  return { code, params }
}
