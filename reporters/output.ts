// The GitHub Actions job summary: the Markdown report appended to $GITHUB_STEP_SUMMARY, scrubbed like the report
// itself (documents.ts). Synchronous: it also runs inside the signal handler.
import { appendFileSync } from 'node:fs'
import { mdText } from './markdown.ts'
import { scrub } from './documents.ts'

/**
 * The report's relative links (its evidence files, `evidence/q07-1.txt`) written as plain paths: on a run's page a
 * relative link resolves against github.com and leads to a 404. Absolute URLs and in-page anchors stay links.
 */
export function withPlainPaths(markdown: string): string {
  return markdown.replace(/\[([^\]\n]*)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi, (_, label: string, path: string) => `${label} (\`${path}\`)`)
}

/** No-op outside Actions. */
export function appendStepSummary(markdown: string, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, `${scrub(withPlainPaths(markdown), secrets, (s) => [mdText(s, Infinity)])}\n`)
  return true
}
