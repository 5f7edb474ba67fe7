// The ground truth joins the attempt's checks: a real 2xx answer to a question the truth file knows fails when its
// figures differ from the truth, and its notes say what was measured (anomaly precision/recall) or not shown.
import '../../../core/locale/grounding.ts'
import type { CheckFn, ObserveFn } from '../record.ts'
import { type AnomalyCarriers, checkGroundTruth } from './check.ts'
import type { GroundTruth } from '../../../core/ground-truth.ts'

/** `carriers`: what the wire the answers come through (buffered or streamed) can use to report anomalies. */
export function withGroundTruth(
  check: CheckFn,
  observe: ObserveFn,
  truth: GroundTruth | null | undefined,
  carriers: AnomalyCarriers,
): { check: CheckFn; observe: ObserveFn } {
  if (truth === null || truth === undefined) return { check, observe }
  const judge = (question: Parameters<CheckFn>[0], result: Parameters<CheckFn>[1]) => {
    const expected = truth.questions[question.id]
    return expected === undefined || result.kind !== 'turn'
      ? null
      : checkGroundTruth(expected, truth.tolerance, result.turn, carriers, question.message)
  }
  return {
    check: (question, result, observes) => {
      const verdict = check(question, result, observes)
      if (verdict.fallback || verdict.critical !== null) return verdict
      const t = judge(question, result)
      if (t === null || t.failures.length === 0) return verdict
      const failures = [...verdict.failures, ...t.failures]
      return { ...verdict, ok: false, failures }
    },
    observe: (question, result) => {
      const seen = observe(question, result)
      const t = seen === null ? null : judge(question, result)
      if (seen === null || t === null || t.notes.length === 0) return seen
      return { ...seen, notes: [...seen.notes, ...t.notes] }
    },
  }
}
