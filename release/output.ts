// Writing Phase 2 documents into VALIDATION_REPORT_DIR: atomically (temp + rename) and scrubbed of secrets
// (reporters/output.ts), the event stream line by line. An earlier run's documents are removed first, so they
// can never pass for this run's.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Locale, say } from '../core/locale/index.ts'
import '../core/locale/monitor.ts'
import { reason } from '../core/reason.ts'
import { writeAtomic } from '../core/report-files.ts'
import { mdText } from '../reporters/markdown.ts'
import { maskSecrets } from './command-secrets.ts'
import { renderReportHtml } from './render-html.ts'
import { renderReportMarkdown, renderVerifyMarkdown } from './render-markdown.ts'
import type { PostDeploymentReport } from './report.ts'
import type { VerifyCheck, VerifyResult } from './verify.ts'
import { RELEASE_FILES, removeStale } from './files.ts'

export { RELEASE_FILES, removeStale }

/** Every form a secret can take in our documents (as is, Markdown-escaped, HTML-escaped) masked with *** (release/command-secrets.ts). */
export function scrub(text: string, secrets: readonly string[]): string {
  const html = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
  return maskSecrets(text, secrets, (x) => [x, mdText(x, Infinity), html(x)])
}

export function writeReport(dir: string, report: PostDeploymentReport, secrets: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true })
  const docs: Array<[string, string]> = [
    [RELEASE_FILES.reportHtml, renderReportHtml(report)],
    [RELEASE_FILES.reportMd, renderReportMarkdown(report)],
    [RELEASE_FILES.reportJson, `${JSON.stringify(report, null, 2)}\n`],
  ]
  return docs.map(([name, text]) => {
    const path = join(dir, name)
    writeAtomic(path, scrub(text, secrets))
    return path
  })
}

/**
 * verify-report.{md,json} (`check` 'deployment': `npm run verify`, the release's post-deployment verify), or
 * rollback-verify-report.{md,json} ('rollback': the check after RELEASE_ROLLBACK_COMMAND), which never overwrites the
 * deployment's verify — a review found a failed deployment verify replaced by the rollback's "OK". `check` is in the JSON.
 */
export function writeVerify(
  dir: string,
  result: VerifyResult,
  locale: Locale,
  exitCode: number,
  secrets: readonly string[],
  check: VerifyCheck = 'deployment',
): string[] {
  mkdirSync(dir, { recursive: true })
  // `embedded` (the result's) and, when true, the sentence beside it: a tool reading only the JSON learns it too.
  const reference = result.embedded ? { referenceOnly: say(reason('release.reference_only'), locale) } : {}
  const json = { schemaVersion: 1, generatedAt: new Date().toISOString(), locale, check, exitCode, ...result, ...reference }
  const rollback = check === 'rollback'
  // A rollback's note points to the deployment's verify only when this run wrote one: every command removes an
  // earlier run's verify-report.* first (release/cli/run.ts), so one present now is this run's (a review, 2026-12-05:
  // `npm run monitor` pointed to a stale "FAILED" left by an earlier release).
  const deploymentVerify = rollback && existsSync(join(dir, RELEASE_FILES.verifyMd))
  const docs: Array<[string, string]> = [
    [rollback ? RELEASE_FILES.rollbackVerifyMd : RELEASE_FILES.verifyMd, renderVerifyMarkdown(result, locale, check, deploymentVerify)],
    [rollback ? RELEASE_FILES.rollbackVerifyJson : RELEASE_FILES.verifyJson, `${JSON.stringify(json, null, 2)}\n`],
  ]
  return docs.map(([name, text]) => {
    const path = join(dir, name)
    writeAtomic(path, scrub(text, secrets))
    return path
  })
}

/** monitor-events.ndjson: one JSON object per line, appended as events happen (a dashboard can tail it). */
export function eventWriter(dir: string, secrets: () => readonly string[]): (event: Record<string, unknown>) => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, RELEASE_FILES.events)
  writeFileSync(path, '')
  return (event) => {
    try {
      appendFileSync(path, `${scrub(JSON.stringify(event), secrets())}\n`)
    } catch {
      // A full disk must not stop the watch; the report still carries the evidence.
    }
  }
}
