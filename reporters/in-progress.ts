// No stale or early report: when a release run starts, the previous run's documents are replaced by an
// "in progress" set — decision null, run.state "running", every release-criteria junit case failing, an HTML page
// saying the run is in progress (reporters/render-in-progress.ts) — written atomically (JSON last). A run killed by SIGKILL or a CI timeout therefore leaves "running", never the earlier
// GO; a run that ends normally, or is stopped by a signal, replaces them with its verdict.
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
}

export function inProgressReport(run: InProgress): Record<string, unknown> {
  const why = say({ code: 'gate.in_progress', params: {} }, run.locale)
  return {
    schemaVersion: 3,
    generatedAt: new Date().toISOString(),
    locale: run.locale,
    decision: null,
    verdictLine: why,
    exitCode: null,
    reasons: [why],
    target: { ...run.target, baseUrl: safeBaseUrl(run.target.baseUrl) },
    run: { runId: run.runId, state: 'running', scope: 'release', startedAt: run.startedAt, complete: false },
  }
}

/** Replaces the release documents in dir by the in-progress set (nothing secret in it: no attempt yet). */
export function writeInProgress(dir: string, run: InProgress): void {
  mkdirSync(dir, { recursive: true })
  const why = say({ code: 'gate.in_progress', params: {} }, run.locale)
  // Any other document of the earlier run (the baseline comparison…) goes: absent says less than a stale GO.
  const written = new Set<string>([REPORT_FILES.junit, REPORT_FILES.samples, REPORT_FILES.md, REPORT_FILES.html, REPORT_FILES.json])
  for (const name of Object.values(REPORT_FILES)) if (!written.has(name)) rmSync(join(dir, name), { force: true })
  rmSync(join(dir, EVIDENCE_FOLDER), { recursive: true, force: true })
  writeAtomic(join(dir, REPORT_FILES.junit), withSuite('', inProgressSuite(run.criterionIds, run.runId, run.locale)))
  writeAtomic(join(dir, REPORT_FILES.samples), '')
  writeAtomic(join(dir, REPORT_FILES.md), `# Harena validation — ${why}\n\n- run: \`${run.runId}\` (${run.startedAt})\n`)
  // Someone with the earlier page open who reloads it reads "in progress", not a file-not-found.
  writeAtomic(join(dir, REPORT_FILES.html), renderInProgressHtml(run))
  writeAtomic(join(dir, REPORT_FILES.json), `${JSON.stringify(inProgressReport(run), null, 2)}\n`)
}
