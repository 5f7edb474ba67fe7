// Secrets are scrubbed once per value, at the source — not once per document over megabytes of rendered text.
// The suite's recorder already redacts what it copies from the target (core/secrets.ts, before any cut); this
// walks the run model the reporter renders (question texts, harness errors, anything a model carries) once,
// before anything is rendered, so every document, however large, is written from clean values. A value equal to
// many others (intents, failure reasons) is redacted once (memo; core/scrub.ts).
import type { QuestionRecord, RunModel } from '../core/model.ts'
import { clean, scrubberOf, secretsKey } from '../core/scrub.ts'

/**
 * The model with every string (keys included) redacted of `secrets`; the model itself is not modified. The attempts
 * and warm-ups of a question its worker scrubbed of the same secrets (scrubbedAtSource) are not walked again — at
 * 1,000,000 attempts that walk was half a second and more garbage to collect — but the rest of its record is: the
 * question's own texts may come from the plan, not from the worker (mergeQuestions).
 */
export function scrubModel(model: RunModel, secrets: readonly string[]): RunModel {
  if (secrets.length === 0) return model
  const scrub = scrubberOf(secrets)
  const key = secretsKey(secrets)
  const { questions, ...rest } = model
  const out = clean(rest, scrub) as Omit<RunModel, 'questions'>
  const question = (q: QuestionRecord): QuestionRecord => {
    if (q.scrubbedFor !== key) return clean(q, scrub) as QuestionRecord
    const { attempts, warmups, ...own } = q
    const cleaned = clean(own, scrub)
    return cleaned === own ? q : ({ ...(cleaned as object), attempts, warmups } as QuestionRecord)
  }
  return { ...out, questions: questions.map(question) }
}
