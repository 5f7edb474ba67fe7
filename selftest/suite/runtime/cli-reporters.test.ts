// `--reporter` in any form Vitest reads replaces the validation reporter (docs/vitest-facts.md §1.3): refused,
// except `--reporter=blob` for a shard (`--shard=i/n`: its merge gives the verdict).
import { describe, expect, test } from 'vitest'
import { refusedCliReporters, refusedCliTimeout, refusedShardCount } from '../../../tests/support/cli-reporters.ts'
import { say } from '../../../core/locale/index.ts'
import type { Reason } from '../../../core/reason.ts'

describe('refusedCliReporters', () => {
  test.each<[string[], string]>([
    [['run', '--reporter=dot'], '--reporter=dot'],
    [['run', '--reporter', 'dot'], '--reporter=dot'],
    [['run', '--reporters=verbose'], '--reporter=verbose'],
    [['run', '--reporters', 'json', '--reporter=junit'], '--reporter=junit,json'],
    [['run', '--reporter=dot', '--reporter=default'], '--reporter=dot,default'],
    [['--reporter=tap'], '--reporter=tap'],
    [['run', '--reporter'], '--reporter=…'],
    [['run', '--reporter=blob', '--reporter=dot'], '--reporter=blob,dot'],
    [['run', '--merge-reports', '--reporter=blob'], '--reporter=blob'],
    // A blob without --shard is a whole run whose verdict nobody gives (a newcomer's walk, 2026-12-05).
    [['run', '--reporter=blob'], '--reporter=blob'],
    [['run', '--reporter=blob', '--outputFile.blob=b.json'], '--reporter=blob'],
    [['run', '--merge-reports=blobs', '--reporter=dot'], '--reporter=dot'],
  ])('%j → refused as %s', (args, shown) => {
    expect(refusedCliReporters(args)).toBe(shown)
  })

  test.each<[string[]]>([
    [['run']],
    [[]],
    [['run', '--retry=2']],
    [['run', '--shard=1/3', '--reporter=blob', '--outputFile.blob=b.json']],
    [['run', 'tests/x.spec.ts', '-t', 'q01']],
    [['run', '--merge-reports']],
  ])('%j → allowed', (args) => {
    expect(refusedCliReporters(args)).toBeNull()
  })
})

// Vitest's time limits on the command line would end questions mid-run, counted "not executed" against the service
// (docs/vitest-facts.md §1.4): refused in every form Vitest reads; the request deadline is HARENA_TIMEOUT_MS.
describe('refusedCliTimeout', () => {
  test.each<[string[], string]>([
    [['run', '--testTimeout=1000'], '--testTimeout=1000'],
    [['run', '--test-timeout', '1000'], '--testTimeout=1000'],
    [['--hookTimeout=500'], '--hookTimeout=500'],
    [['run', '--teardownTimeout', '10'], '--teardownTimeout=10'],
    [['run', '--testTimeout=999999999'], '--testTimeout=999999999'],
  ])('%j → refused as %s', (args, shown) => {
    expect(refusedCliTimeout(args)?.given).toBe(shown)
  })

  test.each<[string[]]>([[['run']], [['run', '--retry=2']], [['run', '--merge-reports', '--testTimeout=5']], [['run', '-t', 'q01']]])(
    '%j → allowed',
    (args) => {
      expect(refusedCliTimeout(args)).toBeNull()
    },
  )
})

describe('refusedShardCount', () => {
  test.each<[string[], number, string | null]>([
    [['run', '--shard=1/7', '--reporter=blob'], 6, '7 shards for 6 spec file(s)'],
    [['run', '--shard', '3/9'], 5, '9 shards for 5 spec file(s)'],
    [['run', '--shard=6/6', '--reporter=blob'], 6, null],
    [['run', '--shard=1/2'], 6, null],
    [['run'], 1, null],
    // A merge replays blobs, it shards nothing; a malformed --shard is Vitest's to refuse.
    [['run', '--merge-reports', '--shard=1/9'], 2, null],
    [['run', '--shard=x/y'], 2, null],
  ])('%j with %i files → %s', (args, files, said) => {
    const refused = refusedShardCount(args, files)
    if (said === null) expect(refused).toBeNull()
    else expect(say(refused as Reason, 'en')).toContain(said)
  })
})
