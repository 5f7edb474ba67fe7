// Questions for the checks self tests, built through the real zod schema (so defaults apply as in a file).
import '../../../core/locale/checks.ts'
import { say } from '../../../core/locale/index.ts'
import { Question } from '../../../core/questions.ts'
import type { Reason } from '../../../core/reason.ts'
import type { Observes } from '../../../core/observes.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import type { CheckOutcome } from '../../../tests/support/checks/types.ts'
import type { AdapterResult } from '../../../tests/support/turn.ts'

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

/**
 * The result as the answer to `q`: its turn echoes q's message (v2 and v3 echo the question asked, checks/echo.ts).
 * The unit proofs judge canned bodies against whatever question they test; a canned body's echo of its own question
 * would otherwise make every one "an answer to another question".
 */
export function answering(q: Question, result: AdapterResult): AdapterResult {
  return result.kind === 'turn' && result.turn.echoedQuestion !== undefined
    ? { ...result, turn: { ...result.turn, echoedQuestion: q.message } }
    : result
}

/** checkAttempt over `answering(q, result)`. */
export const checkAnswer = (q: Question, result: AdapterResult, observes: Observes): CheckOutcome => checkAttempt(q, answering(q, result), observes)
