// Whether the command line asks for the whole release run: `vitest run` (or a merge of shards) with nothing that
// narrows it — no name or file filter, no --shard, --project, --exclude, --changed or --related, no watch or UI.
// Known from the arguments alone, as soon as the config file runs, long before Vitest knows its spec files
// (reporters/validation-reporter.ts uses it to guard the release report from the first moment of such a run).
import { parseCLI } from 'vitest/node'

export function wholeRunRequested(args: readonly string[]): boolean {
  try {
    const { filter, options } = parseCLI(['vitest', ...args])
    const o = options as Record<string, unknown>
    const narrowing = ['testNamePattern', 'shard', 'project', 'exclude', 'changed', 'related'].some((k) => o[k] !== undefined && o[k] !== false)
    return filter.length === 0 && !narrowing && o.run === true && o.watch !== true && o.ui !== true
  } catch {
    return false // an argument Vitest refuses: it says so itself
  }
}
