// clarification_or_fallback (docs/suite-rules.md §3, q15 "Mes trucs"): a vague question deserves a clarification — a
// CONVERSATIONAL intent or a question back in the text. The kind keeps the plan's name, but a pipeline fallback is
// no longer one way to meet it: a fallback fails every question before any expectation is looked at, edge cases
// included (issue 10, checks/index.ts), and a 5xx is critical before that.
import { reason } from '../../../core/reason.ts'
import { excerpt, fold } from './text.ts'
import type { ExpectationCheck } from './types.ts'

// Words that make a question mark a request for precision rather than a rhetorical flourish.
const CLARIFYING =
  /(^|[^a-z])(precis|reformul|clarifi|pouvez-vous|pourriez-vous|voulez-vous|souhaitez|quel|quelle|quels|quelles|entendez|parlez|de quoi)/

/** The text asks the user something back ("Pouvez-vous préciser… ?"). */
export function asksForClarification(message: string): boolean {
  return message.includes('?') && CLARIFYING.test(fold(message))
}

export const checkClarificationOrFallback: ExpectationCheck<'clarification_or_fallback'> = (_expectation, turn) => {
  // v2's CONVERSATIONAL group; v3 states `unclear` for a message it could not understand (docs/wire-contracts.md §6.3).
  if (turn.intent !== null && ['CONVERSATIONAL', 'UNCLEAR'].includes(turn.intent.group.toUpperCase())) return []
  if (asksForClarification(turn.message)) return []
  return [
    reason('check.clarification.missing', {
      group: turn.intent?.group ?? null,
      subtype: turn.intent?.subtype ?? null,
      message: excerpt(turn.message),
    }),
  ]
}
