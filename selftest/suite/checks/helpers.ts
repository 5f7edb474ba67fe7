// Questions for the checks self tests, built through the real zod schema (so defaults apply as in a file).
import { Question } from '../../../core/questions.ts'

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
