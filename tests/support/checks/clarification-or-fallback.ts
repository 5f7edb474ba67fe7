// clarification_or_fallback (spec §3, q15 "Mes trucs"): a vague question deserves a clarification — a
// CONVERSATIONAL intent or a question back in the text — or a graceful fallback; never a crash (a 5xx is
// critical before any expectation is looked at).
import type { NormalizedTurn } from '../turn.ts'
import { fold, quoted } from './text.ts'
import type { ExpectationCheck } from './types.ts'

// Words that make a question mark a request for precision rather than a rhetorical flourish.
const CLARIFYING =
  /(^|[^a-z])(precis|reformul|clarifi|pouvez-vous|pourriez-vous|voulez-vous|souhaitez|quel|quelle|quels|quelles|entendez|parlez|de quoi)/

/** The text asks the user something back ("Pouvez-vous préciser… ?"). */
export function asksForClarification(message: string): boolean {
  return message.includes('?') && CLARIFYING.test(fold(message))
}

function intentText(turn: NormalizedTurn): string {
  if (turn.intent === null) return 'no intent'
  return turn.intent.subtype === null ? turn.intent.group : `${turn.intent.group}.${turn.intent.subtype}`
}

export const checkClarificationOrFallback: ExpectationCheck<'clarification_or_fallback'> = (_expectation, turn, ctx) => {
  if (ctx.fallback) return []
  // v2's CONVERSATIONAL group; v3 states `unclear` for a message it could not understand (contract §6.3).
  if (turn.intent !== null && ['CONVERSATIONAL', 'UNCLEAR'].includes(turn.intent.group.toUpperCase())) return []
  if (asksForClarification(turn.message)) return []
  return [
    `expected a clarification (CONVERSATIONAL intent or a question back) or a graceful fallback, observed intent ${intentText(turn)} and an answer that asks nothing: ${quoted(turn.message)}`,
  ]
}
