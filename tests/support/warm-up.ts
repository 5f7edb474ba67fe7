// The run's warm-up budget (VALIDATION_WARMUP, issue 9): a few requests for the WHOLE run, sent one after the other
// by globalSetup before any question is measured, so that a cold target (connection set-up, caches, a model
// loaded on first use) does not weigh on the first measured attempts — without doubling the run's cost as one
// warm-up per question did (each real answer costs LLM tokens and tens of seconds).
// Each warm-up asks one of this run's questions in turn and is judged like any attempt: never in the statistics,
// but a crash on a warm-up is still a critical bug. It goes to the question it asked (task.meta, samples).
import type { AttemptRecord } from '../../core/model.ts'
import type { Question } from '../../core/questions.ts'
import { type AttemptOptions, askOnce, prepareAsking, unlessStopped } from './ask.ts'

export interface WarmUpOptions extends AttemptOptions {
  budget: number
  /** Called with each warm-up as soon as it is recorded (the attempt journal). */
  onAttempt?: (questionId: string, attempt: AttemptRecord) => void
}

/** Warm-up records per question id (index = the question's own warm-up count). */
export async function warmUp(questions: readonly Question[], options: WarmUpOptions): Promise<Record<string, AttemptRecord[]>> {
  const out: Record<string, AttemptRecord[]> = {}
  if (questions.length === 0) return out
  for (let i = 0; i < options.budget; i++) {
    const question = questions[i % questions.length] as Question
    const done = out[question.id] ?? []
    const attempt = await unlessStopped(() => askOnce(prepareAsking(question, options), options, done.length, true))
    if (attempt === null) break // the target answers nothing: the run stops (tests/support/limiter.ts)
    options.onAttempt?.(question.id, attempt)
    out[question.id] = [...done, attempt]
  }
  return out
}
