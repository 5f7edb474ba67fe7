// What an answer says in its own words: its message with quoted text (« … », “ … ”, " … ") and every echo of the
// question blanked. A service that fails often repeats the question ("… lors du traitement de votre demande « Mes
// dépenses chez Carrefour »"): the merchant, category and period it then "mentions" are the question's, not an
// answer's. The error rule (error-answer.ts) and the off-topic rule (question-asked.ts) read this text.
import { foldKeep } from '../grounding/figures.ts'

const QUOTED = /«[^«»]*»|“[^“”]*”|"[^"\n]*"/g
const blank = (m: string): string => ' '.repeat(m.length)

/** The question as a pattern over folded text: its words in order, any punctuation or spacing between them. */
function echoPattern(question: string): RegExp | null {
  const words = foldKeep(question).match(/[a-z0-9]+/g) ?? []
  // A one- or two-word question ("Bonjour") is not recognisable as an echo: its words are ordinary answer words.
  if (words.length < 3) return null
  return new RegExp(words.join(String.raw`[^a-z0-9]+`), 'g')
}

/** The message with its quotes and the question's echoes replaced by spaces (same length, same case as the message). */
export function ownWords(message: string, question: string): string {
  const unquoted = message.replace(QUOTED, blank)
  const echo = echoPattern(question)
  if (echo === null) return unquoted
  // foldKeep keeps the length, so a match in the folded text blanks the same characters of the original.
  const folded = foldKeep(unquoted)
  let out = unquoted
  for (const m of folded.matchAll(echo)) {
    const at = m.index ?? 0
    out = out.slice(0, at) + blank(m[0]) + out.slice(at + m[0].length)
  }
  return out
}
