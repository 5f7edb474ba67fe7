// The GitHub Actions job summary: the Markdown report appended to $GITHUB_STEP_SUMMARY, scrubbed like the report
// itself (documents.ts). Synchronous: it also runs inside the signal handler.
import { appendFileSync } from 'node:fs'
import { mdText } from './markdown.ts'
import { scrub } from './documents.ts'

/** No-op outside Actions. */
export function appendStepSummary(markdown: string, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, `${scrub(markdown, secrets, (s) => [mdText(s, Infinity)])}\n`)
  return true
}
