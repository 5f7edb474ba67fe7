// tests/support/cli-scope.ts: which command lines ask for the whole release run (the reporter then guards the release
// report from its first moment). Vitest's own parser reads them, as the run will.
import { describe, expect, test } from 'vitest'
import { wholeRunRequested } from '../../../tests/support/cli-scope.ts'

describe('wholeRunRequested', () => {
  test('`vitest run`, with options that narrow nothing, and a merge of shards: the whole run', () => {
    for (const args of [['run'], ['run', '--bail=1'], ['--run'], ['run', '--merge-reports=blobs'], ['run', '--maxWorkers=2']])
      expect(wholeRunRequested(args, { ci: false, interactive: true }), args.join(' ')).toBe(true)
  })

  test('`vitest` alone: once in CI or without a terminal (a whole run), watch mode in a terminal (not)', () => {
    expect(wholeRunRequested([], { ci: true, interactive: true })).toBe(true)
    expect(wholeRunRequested([], { ci: false, interactive: false })).toBe(true)
    expect(wholeRunRequested([], { ci: false, interactive: true })).toBe(false)
    expect(wholeRunRequested(['--watch'], { ci: true, interactive: false })).toBe(false)
  })

  test('a filter, a shard, a project, an exclusion, --dir, --changed, --typecheck.only, watch or UI: not', () => {
    for (const args of [
      ['run', '-t', 'q07'],
      ['run', 'tests/by-merchant'],
      ['run', '--shard=1/3', '--reporter=blob'],
      ['run', '--project', 'validation'],
      ['run', '--exclude', 'tests/security.spec.ts'],
      ['run', '--changed'],
      ['run', '--dir', 'tests/security'],
      ['run', '--typecheck.only'],
      ['--ui'],
      ['run', '--watch'],
    ])
      expect(wholeRunRequested(args, { ci: false, interactive: true }), args.join(' ')).toBe(false)
  })
})
