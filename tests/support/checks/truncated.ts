// A truncated answer (docs/suite-rules.md §4): the text stops before its end — an LLM cut by a timeout or a token
// budget, a stream whose response_end came after three chunks. Two rules:
// (a) where the wire states the answer's length (v3 `metadata.response_length`, a stream's `response_end` metadata),
//     a text shorter than it is truncated. v3 states Python's `len()` of the very text it sends — Unicode code points,
//     untrimmed (docs/wire-contracts.md §6.3, §6.4) — so the text received is counted the same way and compared
//     exactly (tests/support/stated-length.ts): one code point missing, an accent or an emoji, is a cut. A longer
//     text is not a cut one (a service may count before adding a footer; a stream whose chunks came twice is
//     adapters/replay.ts's).
// (b) with no stated length, an answer to a data question that ends mid-sentence — no closing punctuation, and its
//     last word one that cannot end a French sentence (a preposition, an article, a conjunction, a possessive, or a
//     comma before the end; a colon introduces charts or a list, a markdown rule closes a block), or with a bold left open, is truncated. Every healthy answer of the reference
//     service, the recorded real bodies and the project's French answers end on punctuation or on a content word
//     (selftest/suite/checks/truncated.test.ts reads them all).
import type { Question } from '../../../core/questions.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { codePoints, shorterThanStated } from '../stated-length.ts'
import type { NormalizedTurn } from '../turn.ts'
import { excerpt, fold } from './text.ts'

/** Closing punctuation, markdown emphasis, a closing bracket or quote, an emoji or a figure's unit: an ending. */
const ENDS = /[.!?…»”")\]*_`%€$£\p{Extended_Pictographic}]$/u
/** The words no French sentence ends on (folded): prepositions, articles, conjunctions, possessives, pronouns that need a verb. */
const DANGLING = new Set(
  (
    'a au aux de du des d l le la les un une sur sous pour par avec sans chez dans en entre vers depuis pendant durant ' +
    'contre selon apres avant et ou mais donc car ni que qu dont soit ce cet cette ces mon ma mes ton ta tes son sa ses ' +
    'notre nos votre vos leur leurs je tu il elle nous on ils elles qui tres lors'
  ).split(' '),
)

function lengthCut(turn: NormalizedTurn): Reason | null {
  if (turn.statedLength === undefined) return null
  if (!shorterThanStated(turn.message, turn.statedLength)) return null
  const received = codePoints(turn.message)
  return reason('check.message.truncated_length', { stated: turn.statedLength, received, text: excerpt(turn.message, 120) })
}

/** The last word of a text that stops mid-sentence, or null when it ends as a sentence can. */
export function danglingEnd(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '' || ENDS.test(trimmed)) return null
  // A colon introduces what follows — the charts and cards beside the text ("Voici la répartition de vos dépenses
  // par catégorie :"), a list — and a markdown rule (---, ***) or a dash closes a block: endings (review 2026-12-04).
  if (/:$/.test(trimmed) || /(?:^|\n)\s*(?:-{3,}|\*{3,}|_{3,})$/.test(trimmed)) return null
  if (/[,;–—-]$/.test(trimmed)) return trimmed.slice(-1)
  const last = /[\p{L}']+$/u.exec(trimmed)?.[0]
  if (last === undefined) return null
  const word = fold(last).replace(/'$/, '')
  return DANGLING.has(word) ? last : null
}

function midSentenceCut(question: Question, turn: NormalizedTurn): Reason | null {
  if (question.expectsData !== true) return null
  // A figure in the text does not make its end whole: "… vous avez dépensé **3 " and "… (du 5 novembre au 4 décembre
  // 2026), vous a" were cut (a second review, 2026-12-04); a bold left open at the end is a cut too.
  const end = danglingEnd(turn.message) ?? openEmphasis(turn.message)
  return end === null ? null : reason('check.message.truncated_mid_sentence', { last: end, text: excerpt(turn.message, 120) })
}

/**
 * "**" left open at the end of the text (an odd count, the last one after the last sentence's start), or null. A
 * lone "***" is not counted: it is the mask the recorder puts where a secret stood (core/secrets.ts), and a password
 * echoed inside a healthy answer read as a bold left open, the service blamed for the suite's own mask (a second
 * review, 2026-12-05); a bold-italic "***…***" comes in pairs and leaves the count even.
 */
function openEmphasis(text: string): string | null {
  const marks = text.replace(/(?<!\*)\*{3}(?!\*)/g, '').match(/\*\*/g)?.length ?? 0
  return marks % 2 === 1 && !/\*\*\s*$/.test(text.trim()) ? '**' : null
}

/** The answer was cut before its end (stated length, else a data answer stopping mid-sentence without a figure). */
export function checkTruncated(question: Question, turn: NormalizedTurn): Reason[] {
  const cut = lengthCut(turn) ?? (turn.statedLength === undefined ? midSentenceCut(question, turn) : null)
  return cut === null ? [] : [cut]
}
