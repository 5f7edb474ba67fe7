// Each question's figures over a watch (MonitorResult.questions) and the findings they make: a question failing at
// every ask, one slow at most asks. Counts only: one running tally per question of the set.
import type { JudgedAttempt } from '../probe.ts'
import type { FailingQuestion, QuestionFigures, QuestionTally, SlowQuestion } from './result.ts'

/**
 * The asks a question must have failed, all of them, to be a finding: one or two unlucky asks are not (with 2 %
 * random errors, 15 questions each failing all of 3 asks by chance: about 1 watch in 8,000).
 */
export const FAILING_QUESTION_MIN_ASKS = 3

/** One executed ask of a question: counted, its latency and last failure kept (the slow and failing findings). */
export function countAsk(perQuestion: Map<string, QuestionTally>, a: JudgedAttempt, slowMs: number): void {
  const q = perQuestion.get(a.questionId) ?? {
    questionId: a.questionId,
    category: a.category,
    asks: 0,
    failed: 0,
    httpStatus: null,
    reason: null,
    slow: 0,
    totalMs: 0,
    minMs: Number.POSITIVE_INFINITY,
    maxMs: 0,
  }
  q.asks++
  q.totalMs += a.latencyMs
  q.minMs = Math.min(q.minMs, a.latencyMs)
  q.maxMs = Math.max(q.maxMs, a.latencyMs)
  if (a.latencyMs > slowMs) q.slow++
  if (!a.ok) {
    q.failed++
    q.httpStatus = a.httpStatus
    q.reason = a.reasons[0] ?? a.evidence ?? null
  }
  perQuestion.set(a.questionId, q)
}

/** The questions that failed at every one of at least FAILING_QUESTION_MIN_ASKS asks, by id. */
export function failingAtEveryAsk(perQuestion: Map<string, QuestionTally>): FailingQuestion[] {
  return [...perQuestion.values()]
    .filter((q) => q.asks >= FAILING_QUESTION_MIN_ASKS && q.failed === q.asks)
    .map(({ questionId, asks, httpStatus, reason: last }) => ({ questionId, asks, httpStatus, reason: last }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}

/** The questions slower than `thresholdMs` at every one of at least FAILING_QUESTION_MIN_ASKS asks, by id. */
/** More than half of a question's asks slower than the threshold: its median is above it (docs/release.md). */
export function slowAtMostAsks(perQuestion: Map<string, QuestionTally>, thresholdMs: number): SlowQuestion[] {
  return [...perQuestion.values()]
    .filter((q) => q.asks >= FAILING_QUESTION_MIN_ASKS && q.slow * 2 > q.asks)
    .map(({ questionId, category, asks, slow, minMs, maxMs }) => ({ questionId, category, asks, slow, minMs, maxMs, thresholdMs }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}

/** Each question's figures, by id (its mean latency over its executed asks). */
export function questionFigures(perQuestion: Map<string, QuestionTally>): QuestionFigures[] {
  return [...perQuestion.values()]
    .map(({ questionId, category, asks, failed, totalMs, minMs, maxMs, slow }) => ({
      questionId,
      category,
      asks,
      failed,
      meanMs: totalMs / asks,
      minMs,
      maxMs,
      slow,
    }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId))
}
