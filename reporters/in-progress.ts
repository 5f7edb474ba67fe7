// No stale or early report: when a release run starts, the previous run's documents are replaced by an
// "in progress" set — decision null, run.state "running", every release-criteria junit case failing, an HTML page
// saying the run is in progress (reporters/render-in-progress.ts) — each written atomically, after every earlier
// document was removed (verdict-bearing ones first). A run killed by SIGKILL or a CI timeout therefore leaves
// "running" (or, killed mid-way, fewer documents), never the earlier GO; a run that ends normally, or is stopped by
// a signal, replaces them with its verdict. A run whose reporter could not produce its verdict (a bug, a broken
// journal) replaces them with the same set saying so (`failure`): NO-GO, exit 1, state "finished" — a "running"
// left on disk by a run that has ended would be read as a run still going.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import '../core/locale/gate.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { TargetInfo } from '../core/model.ts'
import { EVIDENCE_FOLDER, REPORT_FILES, writeAtomic } from '../core/report-files.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import { inProgressSuite, withSuite } from './release-junit.ts'
import { renderInProgressHtml } from './render-in-progress.ts'

export interface InProgress {
  runId: string
  startedAt: string
  locale: Locale
  target: TargetInfo
  criterionIds: readonly string[]
  /** The run ended without a verdict: why (already scrubbed of secrets). Absent: the run is starting. */
  failure?: string
}

/** What the set says: in progress, or the run's end without a verdict. */
function statusOf(run: InProgress): { why: string; decision: 'NO-GO' | null; exitCode: 1 | null; state: 'running' | 'finished' } {
  if (run.failure === undefined)
    return { why: say({ code: 'gate.in_progress', params: {} }, run.locale), decision: null, exitCode: null, state: 'running' }
  return { why: say({ code: 'reporter.no_verdict', params: { error: run.failure } }, run.locale), decision: 'NO-GO', exitCode: 1, state: 'finished' }
}

export function inProgressReport(run: InProgress): Record<string, unknown> {
  const { why, decision, exitCode, state } = statusOf(run)
  return {
    schemaVersion: 3,
    generatedAt: new Date().toISOString(),
    locale: run.locale,
    decision,
    verdictLine: why,
    exitCode,
    reasons: [why],
    target: { ...run.target, baseUrl: safeBaseUrl(run.target.baseUrl) },
    run: { runId: run.runId, state, scope: 'release', startedAt: run.startedAt, complete: false },
  }
}

/**
 * The earlier run's documents, removed before anything of this run is written, those that carry its verdict first
 * (JSON, Markdown, HTML, junit's release-criteria suite): a run killed at any instant of writeInProgress (SIGKILL, a
 * CI timeout) leaves the earlier documents, this run's, or fewer of either — never the earlier GO beside this run's
 * files. The page reloaded in the instant between removal and rewrite is a file-not-found, not the old GO.
 */
const EARLIER_FIRST = [REPORT_FILES.json, REPORT_FILES.md, REPORT_FILES.html, REPORT_FILES.junit] as const

/** Replaces the release documents in dir by the in-progress set (nothing secret in it: no attempt yet). */
export function writeInProgress(dir: string, run: InProgress): void {
  mkdirSync(dir, { recursive: true })
  const { why, decision } = statusOf(run)
  // Any other document of the earlier run (samples, the baseline comparison…) goes too: absent says less than stale.
  const rest = Object.values(REPORT_FILES).filter((name) => !(EARLIER_FIRST as readonly string[]).includes(name))
  for (const name of [...EARLIER_FIRST, ...rest]) rmSync(join(dir, name), { force: true })
  rmSync(join(dir, EVIDENCE_FOLDER), { recursive: true, force: true })
  writeAtomic(join(dir, REPORT_FILES.json), `${JSON.stringify(inProgressReport(run), null, 2)}\n`)
  writeAtomic(
    join(dir, REPORT_FILES.md),
    `# Harena validation — ${decision === null ? '' : `${decision}: `}${why}\n\n- run: \`${run.runId}\` (${run.startedAt})\n`,
  )
  // Someone with the earlier page open who reloads it reads "in progress", not a file-not-found (but for the instant
  // between the removal above and this write).
  writeAtomic(join(dir, REPORT_FILES.html), renderInProgressHtml(run, decision === null ? null : why))
  writeAtomic(join(dir, REPORT_FILES.junit), withSuite('', inProgressSuite(run.criterionIds, run.runId, run.locale, run.failure)))
  writeAtomic(join(dir, REPORT_FILES.samples), '')
}
