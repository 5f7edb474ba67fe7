// Whether the command line asks for the whole release run: `vitest run` (or `vitest` alone where it runs once: in CI,
// without a terminal; or a merge of shards) with nothing that narrows it — no name or file filter, no --shard,
// --project, --exclude, --dir, --changed, --related or --typecheck.only, no watch or UI.
// Known from the arguments alone, as soon as the config file runs, long before Vitest knows its spec files
// (reporters/validation-reporter.ts uses it to guard the release report from the first moment of such a run).
import { parseCLI } from 'vitest/node'

/** Where `vitest` alone runs once: in CI, or without a terminal (Vitest's own rule for its default mode). */
export interface Terminal {
  ci: boolean
  interactive: boolean
}
const thisTerminal = (): Terminal => ({ ci: Boolean(process.env.CI) && process.env.CI !== 'false', interactive: process.stdin.isTTY === true })

/**
 * A run that ends, with no server watching the config: `vitest run` (or `--run`), or `vitest` alone where Vitest runs
 * once; never `--watch` or `--ui`.
 */
export function isSingleRun(args: readonly string[], terminal: Terminal = thisTerminal()): boolean {
  try {
    const { options } = parseCLI(['vitest', ...args])
    const once = options.run === true || (options.watch === undefined && (terminal.ci || !terminal.interactive))
    return once && options.watch !== true && options.ui !== true
  } catch {
    return false // an argument Vitest refuses: it says so itself
  }
}

export function wholeRunRequested(args: readonly string[], terminal: Terminal = thisTerminal()): boolean {
  if (!isSingleRun(args, terminal)) return false
  return narrowingOf(args)?.length === 0
}

/** Vitest's options that narrow a run to part of the plan. */
const NARROWING = ['testNamePattern', 'shard', 'project', 'exclude', 'changed', 'related', 'dir'] as const

/**
 * What on the command line narrows the run, as given (`-t`, `--shard`, …, a file filter's words); [] when nothing
 * does, null when Vitest refuses the arguments (it says so itself).
 */
export function narrowingOf(args: readonly string[]): string[] | null {
  try {
    const { filter, options } = parseCLI(['vitest', ...args])
    const o = options as Record<string, unknown>
    const flags = NARROWING.filter((k) => o[k] !== undefined && o[k] !== false).map((k) => (k === 'testNamePattern' ? '-t' : `--${k}`))
    // `--typecheck.only` runs type tests alone: no question file.
    if ((o.typecheck as { only?: unknown } | undefined)?.only === true) flags.push('--typecheck.only')
    return [...flags, ...filter]
  } catch {
    // Arguments Vitest's own parser refuses: Vitest stops on them itself with its error, before any run; null says
    // "unknown" to the callers, which then decide nothing from the command line.
    return null
  }
}

/** `--merge-reports[=dir]`: the blobs' directory as given (Vitest's default `.vitest-reports` without one), or null. */
export function mergeReportsDir(args: readonly string[]): string | null {
  try {
    const { options } = parseCLI(['vitest', ...args])
    const dir = (options as Record<string, unknown>).mergeReports
    if (dir === undefined || dir === false) return null
    return typeof dir === 'string' && dir !== '' ? dir : '.vitest-reports'
  } catch {
    return null
  }
}
