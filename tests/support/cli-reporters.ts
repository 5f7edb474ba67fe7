// `--reporter` on the command line replaces the reporters of vitest.config.ts (docs/vitest-facts.md §1.3): the
// validation reporter, its verdict and the exit code it sets would be gone (a NO-GO would exit 0), and an earlier
// run's report would stay in the report directory. The suite refuses it, like `--retry`, before anything starts.
// The command line is read the way Vitest reads it (its own parser): `--reporter x`, `--reporter=x`, `--reporters`,
// repeated or not. `--reporter=blob` alone is allowed: a shard writes a blob and the merge gives the verdict
// (docs/sharding.md); a merge (`--merge-reports`) is where the verdict comes from, so nothing replaces it there.
import { parseCLI } from 'vitest/node'
import '../../core/locale/config.ts'
import { type Reason, reason } from '../../core/reason.ts'

/** What the command line asks for instead of the configured reporters, or null when it asks nothing refused. */
export function refusedCliReporters(args: readonly string[]): string | null {
  let options: Record<string, unknown>
  try {
    options = parseCLI(['vitest', ...args]).options as Record<string, unknown>
  } catch {
    return null // a command line Vitest cannot read: Vitest says so itself
  }
  const given = [options.reporter, options.reporters].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  if (given.length === 0) return null
  const names = given.map((v) => (typeof v === 'string' && v !== '' ? v : '…'))
  if (options.mergeReports === undefined && names.every((n) => n === 'blob')) return null
  return `--reporter=${names.join(',')}`
}

/** The configuration error said when the command line replaces the reporters (core/locale/config.ts `config.cli.reporter`). */
export function cliReportersRefusal(given: string, reportDir: string): Reason {
  return reason('config.cli.reporter', { variable: '--reporter', given, dir: reportDir })
}
