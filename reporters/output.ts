// Writing the documents: scrub secrets (last line of defence), write atomically (core/report-files.ts: a reader or
// a crash never sees half a report), and append the Markdown to the GitHub step summary. Synchronous on purpose:
// the same code runs inside a SIGINT handler, where nothing asynchronous is guaranteed to finish.
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { REPORT_FILES, writeAtomic } from '../core/report-files.ts'
import { redact } from '../core/secrets.ts'
import { mdText } from './markdown.ts'

/** Replaces every form and fragment of every secret with *** (core/secrets.ts), Markdown-escaped forms too. */
export function scrub(text: string, secrets: readonly string[]): string {
  // Renderers escape before this runs, so a secret with _ or * would otherwise slip by in its escaped form.
  return redact(text, [...secrets, ...secrets.map((s) => mdText(s, Infinity))])
}

export interface Documents {
  json: string
  md: string
  samples: string
}

/** Writes the three documents into dir (created if needed); every text is scrubbed first. */
export function writeDocuments(dir: string, docs: Documents, secrets: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true })
  const written: string[] = []
  for (const key of ['samples', 'md', 'json'] as const) {
    const path = join(dir, REPORT_FILES[key])
    writeAtomic(path, scrub(docs[key], secrets))
    written.push(path)
  }
  return written
}

/** The stand-in junit.xml (render-junit.ts), atomically, scrubbed like the other documents. */
export function writeJunit(dir: string, xml: string, secrets: readonly string[]): void {
  mkdirSync(dir, { recursive: true })
  writeAtomic(join(dir, REPORT_FILES.junit), scrub(xml, secrets))
}

/** GitHub Actions job summary (spec §7). No-op outside Actions. */
export function appendStepSummary(markdown: string, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, `${scrub(markdown, secrets)}\n`)
  return true
}
