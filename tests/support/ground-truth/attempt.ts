// The ground truth joins the attempt's checks: a real 2xx answer to a question the truth file knows fails when its
// figures differ from the truth, and its notes say what was measured (anomaly precision/recall) or not shown. A
// dated truth is compared with the days each answer searched (period.ts), and every answer is confronted with it
// whatever they say: an answer that searched other days than the truth's says so beside its failures (a stale file
// then shows as such), and one whose wire does not show its days says that. Not confronting them let wrong figures
// through: a service's default window ("this year", the whole month, 12 months ending yesterday) or a zone shift of
// its dates read as "another period" for a truth made that very day (a review, 2026-12-05: GO on a wrong total).
import '../../../core/locale/grounding.ts'
import { reason, type Reason } from '../../../core/reason.ts'
import type { CheckFn, ObserveFn } from '../record.ts'
import { type AnomalyCarriers, checkGroundTruth, type TruthResult } from './check.ts'
import { type TruthPeriodVerdict, truthPeriodOf } from './period.ts'
import type { GroundTruth } from '../../../core/ground-truth.ts'

const span = (r: { from: string; to: string } | null): string | null => (r === null ? null : `${r.from}..${r.to}`)

/** What an answer's period says of the truth, when it is worth saying: another period searched, or none shown. */
function periodNote(v: TruthPeriodVerdict): Reason | null {
  const params = { searched: span(v.searched), period: span(v.period), asOf: v.asOf }
  if (v.fit === 'other_period') return reason('truth.other_period', params)
  if (v.fit === 'not_observable') return reason('truth.period_not_observable', params)
  return null
}

interface Judged extends TruthResult {
  period: TruthPeriodVerdict | null
}

/** `carriers`: what the wire the answers come through (buffered or streamed) can use to report anomalies. */
export function withGroundTruth(
  check: CheckFn,
  observe: ObserveFn,
  truth: GroundTruth | null | undefined,
  carriers: AnomalyCarriers,
): { check: CheckFn; observe: ObserveFn } {
  if (truth === null || truth === undefined) return { check, observe }
  const judge = (question: Parameters<CheckFn>[0], result: Parameters<CheckFn>[1]): Judged | null => {
    const expected = truth.questions[question.id]
    if (expected === undefined || result.kind !== 'turn') return null
    const period = truthPeriodOf(question.message, expected, truth, result.turn)
    const note = period === null ? null : periodNote(period)
    const t = checkGroundTruth(expected, truth.tolerance, result.turn, carriers, question.message)
    return { ...t, notes: note === null ? t.notes : [note, ...t.notes], period }
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
      if (seen === null || t === null) return seen
      const truthPeriod = t.period === null ? {} : { truthPeriod: { fit: t.period.fit, anchor: t.period.anchor, asOf: t.period.asOf } }
      return { ...seen, notes: [...seen.notes, ...t.notes], ...truthPeriod }
    },
  }
}
