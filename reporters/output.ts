// The GitHub Actions job summary: the Markdown report appended to $GITHUB_STEP_SUMMARY, scrubbed like the report
// itself (documents.ts), and bounded: GitHub drops a step summary over 1 MiB whole, the verdict with it. Synchronous:
// it also runs inside the signal handler.
import { appendFileSync, statSync } from 'node:fs'
import { mdText } from './markdown.ts'
import { scrub } from './documents.ts'

/** GitHub's limit on one step's summary file (everything appended to $GITHUB_STEP_SUMMARY in the step). */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024
/** Kept free under the limit for the cut note and the separators. */
const NOTE_ROOM_BYTES = 4096

/**
 * Which sections go first when the report is too large, and the note a cut ends with (its words are the caller's:
 * render-markdown.ts stepSummaryPlan).
 */
export interface SummaryPlan {
  /** Level-2 headings of the sections kept first, in order (the verdict and criteria, the failed questions…). */
  first: readonly string[]
  /** The note closing a cut summary: which sections were left out or cut, and where the full report is. */
  cutNote: (leftOut: readonly string[]) => string
}

/**
 * The report's relative links (its evidence files, `evidence/q07-1.txt`) written as plain paths: on a run's page a
 * relative link resolves against github.com and leads to a 404. Absolute URLs and in-page anchors stay links.
 */
export function withPlainPaths(markdown: string): string {
  return markdown.replace(/\[([^\]\n]*)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi, (_, label: string, path: string) => `${label} (\`${path}\`)`)
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** The Markdown split before each level-2 heading; the first part is what precedes the first one (title, target). */
function sections(markdown: string): string[][] {
  const out: string[][] = [[]]
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) out.push([])
    ;(out.at(-1) as string[]).push(line)
  }
  return out
}

/**
 * The report within maxBytes: whole when it fits; otherwise the part before the first section, then the plan's first
 * sections, then the others in the report's order, each whole while it fits; the first one that does not is cut at a
 * line and nothing follows it. Kept sections stay in the report's order; the plan's note closes, naming what is missing.
 */
export function boundedSummary(markdown: string, maxBytes: number, plan: SummaryPlan): string {
  if (bytes(markdown) <= maxBytes) return markdown
  const parts = sections(markdown)
  const heading = (i: number): string => (parts[i]?.[0] ?? '').replace(/^##\s+/, '')
  const rank = (i: number): number => (i === 0 ? -1 : plan.first.includes(heading(i)) ? plan.first.indexOf(heading(i)) : plan.first.length + i)
  const order = parts.map((_, i) => i).sort((a, b) => rank(a) - rank(b))
  let budget = maxBytes - NOTE_ROOM_BYTES
  const kept = new Map<number, string[]>()
  for (const i of order) {
    const lines = parts[i] as string[]
    const size = bytes(lines.join('\n')) + 1
    if (size <= budget) {
      kept.set(i, lines)
      budget -= size
      continue
    }
    const head: string[] = []
    for (const line of lines) {
      const b = bytes(line) + 1
      if (b > budget) break
      head.push(line)
      budget -= b
    }
    if (head.length > 0) kept.set(i, head)
    break
  }
  const leftOut = parts.flatMap((lines, i) => (i > 0 && kept.get(i)?.length !== lines.length ? [heading(i)] : []))
  const body = parts.flatMap((_, i) => kept.get(i) ?? [])
  const note = plan.cutNote(leftOut)
  // The note is ours and short; should it not fit what is left, the body gives way, never the note.
  const full = [...body, '', note].join('\n')
  return bytes(full) <= maxBytes ? full : note
}

/** Without the renderer's plan: the report's order and a note without words (the section names only). */
const PLAIN_PLAN: SummaryPlan = { first: [], cutNote: (leftOut) => `> … ${leftOut.join(' · ')}` }

/** No-op outside Actions. */
export function appendStepSummary(markdown: string, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env, plan?: SummaryPlan): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  const text = scrub(withPlainPaths(markdown), secrets, (s) => [mdText(s, Infinity)])
  // What earlier steps' lines in this step left of the limit (the file is per step; usually empty).
  let used = 0
  try {
    used = statSync(file).size
  } catch {
    used = 0
  }
  const bounded = boundedSummary(text, STEP_SUMMARY_LIMIT_BYTES - used - 1, plan ?? PLAIN_PLAN)
  appendFileSync(file, `${bounded}\n`)
  return true
}
