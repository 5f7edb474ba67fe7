// The files Phase 2 writes into VALIDATION_REPORT_DIR. Its own small module: the commands remove an earlier run's
// copies before they load anything heavy (release/cli/claim.ts).
import { rmSync } from 'node:fs'
import { join } from 'node:path'

export const RELEASE_FILES = {
  reportMd: 'monitor-report.md',
  reportJson: 'monitor-report.json',
  reportHtml: 'monitor-report.html',
  events: 'monitor-events.ndjson',
  verifyMd: 'verify-report.md',
  verifyJson: 'verify-report.json',
  /** The rollback's own check: never written over the deployment's verify report (a review, 2026-12-05). */
  rollbackVerifyMd: 'rollback-verify-report.md',
  rollbackVerifyJson: 'rollback-verify-report.json',
} as const

export function removeStale(dir: string, which: ReadonlyArray<keyof typeof RELEASE_FILES>): void {
  for (const key of which) rmSync(join(dir, RELEASE_FILES[key]), { force: true })
}
