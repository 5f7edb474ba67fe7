// Questions for the checks self tests, built through the real zod schema (so defaults apply as in a file).
import '../../../core/locale/checks.ts'
import { say } from '../../../core/locale/index.ts'
import { Question } from '../../../core/questions.ts'
import type { Reason } from '../../../core/reason.ts'

export function question(over: Record<string, unknown> = {}): Question {
  return Question.parse({
    id: 'qx',
    category: 'transaction_search_simple',
    message: 'Mes dépenses du mois dernier',
    expectedIntent: 'transaction_search.simple',
    expectsData: true,
    expectations: [],
    ...over,
  })
}

/** q13/q14-like: no intent expectation, no data expected, edge case. */
export function edgeQuestion(over: Record<string, unknown> = {}): Question {
  return question({
    category: 'edge_cases',
    message: 'Mes transactions du 1er janvier 1970',
    expectedIntent: null,
    expectsData: false,
    edgeCase: true,
    ...over,
  })
}

/** The English sentences of reasons: the checks' wording the tests pin (core/locale/checks.ts). */
export function english(reasons: readonly Reason[]): string[] {
  return reasons.map((r) => say(r, 'en'))
}
