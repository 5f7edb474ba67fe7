// `--reporter` on the command line replaces the reporters of validation.config.ts (docs/vitest-facts.md §1.3): the
// validation reporter, its verdict and the exit code it sets would be gone (a NO-GO would exit 0), and an earlier
// run's report would stay in the report directory. The suite refuses it, like `--retry`, before anything starts.
// The command line is read the way Vitest reads it (its own parser): `--reporter x`, `--reporter=x`, `--reporters`,
// repeated or not. `--reporter=blob` alone is allowed for a shard (`--shard=i/n`): it writes a blob and the merge
// gives the verdict (docs/sharding.md); a merge (`--merge-reports`) is where the verdict comes from, so nothing
// replaces it there. A blob without `--shard` is refused like any other: that run is a whole run, exit 0 whatever
// it found and the earlier report left in place (a newcomer's walk, 2026-12-05).
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
  if (options.mergeReports === undefined && options.shard !== undefined && names.every((n) => n === 'blob')) return null
  return `--reporter=${names.join(',')}`
}

/**
 * The configuration error said when the command line replaces the reporters (core/locale/config.ts
 * `config.cli.reporter`; `config.cli.blob_unsharded` for a blob without --shard, which names the sharded form).
 */
export function cliReportersRefusal(given: string, reportDir: string): Reason {
  const code = given === '--reporter=blob' ? 'config.cli.blob_unsharded' : 'config.cli.reporter'
  return reason(code, { variable: '--reporter', given, dir: reportDir })
}

/**
 * `--shard=i/n --reporter=blob`: this shard's share of the run, as `i/n`, when the command line writes a shard's
 * blob (no verdict of its own: the merge gives it); null otherwise.
 */
export function blobShardOf(args: readonly string[]): string | null {
  let options: Record<string, unknown>
  try {
    options = parseCLI(['vitest', ...args]).options as Record<string, unknown>
  } catch {
    return null
  }
  const given = [options.reporter, options.reporters].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  const blobOnly = given.length > 0 && given.every((n) => n === 'blob')
  return options.mergeReports === undefined && blobOnly && typeof options.shard === 'string' ? options.shard : null
}

/** The one line a shard writing its blob says: no verdict until the merge (core/locale/run.ts `run.shard.blob`). */
export function blobShardLine(shard: string): Reason {
  return reason('run.shard.blob', { shard })
}

/**
 * Vitest's own time limits on the command line (`--testTimeout`, `--hookTimeout`, `--teardownTimeout`) replace the
 * config's: a question still waiting its turn or its answer would be ended by Vitest, counted "not executed" with no
 * cause, and the run judged a NO-GO of the service that answered (a review: `--testTimeout=1000` against answers in
 * 1.2 s). The request deadline is HARENA_TIMEOUT_MS, judged per attempt; these flags are refused like `--retry`.
 */
export const REFUSED_TIMEOUT_FLAGS = ['testTimeout', 'hookTimeout', 'teardownTimeout'] as const

/** The first Vitest time limit the command line sets, as given ("--testTimeout=1000"), or null. */
export function refusedCliTimeout(args: readonly string[]): { flag: string; given: string } | null {
  let options: Record<string, unknown>
  try {
    options = parseCLI(['vitest', ...args]).options as Record<string, unknown>
  } catch {
    return null // a command line Vitest cannot read: Vitest says so itself
  }
  if (options.mergeReports !== undefined) return null // a merge runs no test
  for (const name of REFUSED_TIMEOUT_FLAGS) {
    const value = options[name]
    if (value === undefined) continue
    const shown = Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? '' : String(value)
    return { flag: `--${name}`, given: shown === '' ? `--${name}` : `--${name}=${shown}` }
  }
  return null
}

/** The configuration error said when the command line sets a Vitest time limit (`config.cli.timeout`). */
export function cliTimeoutRefusal(refused: { flag: string; given: string }): Reason {
  return reason('config.cli.timeout', { variable: refused.flag, given: refused.given })
}

/**
 * `--shard=i/n` with more shards than the run has spec files: Vitest throws before any test ("--shard <count> must be
 * a smaller than count of test files"), after the global setup has warmed the target up, and the blob then carries an
 * error without a message; the merge named the wrong causes (no trace of the run, "[object Object]"). Refused here,
 * before anything starts, with the number of shards the run can have. `files`: the spec files of the run.
 */
export function refusedShardCount(args: readonly string[], files: number): Reason | null {
  let options: Record<string, unknown>
  try {
    options = parseCLI(['vitest', ...args]).options as Record<string, unknown>
  } catch {
    return null // a command line Vitest cannot read: Vitest says so itself
  }
  if (options.mergeReports !== undefined || typeof options.shard !== 'string') return null
  const count = Number(/^\s*\d+\s*\/\s*(\d+)\s*$/.exec(options.shard)?.[1])
  if (!Number.isInteger(count) || count <= files) return null // a malformed --shard: Vitest says so itself
  return reason('config.cli.shard_count', { given: options.shard, count, files })
}
