// Writing the documents: scrub secrets (last line of defence), write atomically (temp + rename, so a reader or
// a crash never sees half a report), and append the Markdown to the GitHub step summary. Synchronous on purpose:
// the same code runs inside a SIGINT handler, where nothing asynchronous is guaranteed to finish.
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mdText } from './markdown.ts'

export const FILES = { json: 'validation-report.json', md: 'validation-report.md', samples: 'samples.ndjson' } as const

/** Replaces every occurrence of every secret (and its URL-encoded form) with ***. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue // too short to scrub without mangling the report; config refuses such secrets anyway
    // The Markdown-escaped form too: renderers escape before this runs, so a secret with _ or * would otherwise slip by.
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), mdText(secret, Infinity)])) out = out.split(form).join('***')
  }
  return out
}

export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    writeFileSync(tmp, content)
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
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
    const path = join(dir, FILES[key])
    writeAtomic(path, scrub(docs[key], secrets))
    written.push(path)
  }
  return written
}

/** GitHub Actions job summary (spec §7). No-op outside Actions. */
export function appendStepSummary(markdown: string, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, `${scrub(markdown, secrets)}\n`)
  return true
}
