// What a file's schema says is wrong (a question file, a ground-truth file, a baseline report), in both languages:
// where (the path of the bad field) and the first issue's message — zod's own message in English and in French
// (zod's French locale), or, for the schemas' own messages, a code of core/locale/config.ts (`schema.*`) said in
// each language. The parameters of a `config.file.schema` line (core/locale/config.ts).
import { z } from 'zod'
import { hasPhrase, type Locale, say } from './locale/index.ts'
import './locale/config.ts'
import type { ReasonParam } from './reason.ts'

const FRENCH = z.locales.fr()

/** ".questions[0].category", or "(root)". */
function whereOf(issue: z.core.$ZodIssue | undefined): string {
  const where = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : ''
  return where || '(root)'
}

function messageIn(issue: z.core.$ZodIssue | undefined, locale: Locale): string {
  if (issue === undefined) return locale === 'fr' ? 'invalide' : 'invalid'
  if (!hasPhrase(issue.message)) return issue.message
  const params = (issue.code === 'custom' ? issue.params : undefined) as Record<string, ReasonParam> | undefined
  return say({ code: issue.message, params: params ?? {} }, locale)
}

/**
 * A JSON parser's error as a parameter of a one-line sentence: its message (the parser's own words, English: data like
 * an errno code) on one line — it quotes the start of the file, newlines included.
 */
export function jsonErrorText(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .replace(/\s+/g, ' ')
    .trim()
}

/** Where the first issue is and what it says, in English (`problem`) and French (`problemFr`). */
export function schemaProblem(schema: z.ZodType, json: unknown): { where: string; problem: string; problemFr: string } {
  const en = schema.safeParse(json)
  const fr = schema.safeParse(json, { error: FRENCH.localeError })
  const first = en.success ? undefined : en.error.issues[0]
  return { where: whereOf(first), problem: messageIn(first, 'en'), problemFr: messageIn(fr.success ? first : fr.error.issues[0], 'fr') }
}
