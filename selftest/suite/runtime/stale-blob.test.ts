// tests/support/stale-blob.ts on real files: a run that will write a blob removes the one an earlier run left at the
// very path Vitest will write (its own rule: --outputFile.blob, --outputFile, else .vitest-reports/blob-i-n.json
// under the root); a run that writes no blob removes nothing.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { blobConfigFromArgs, blobPathOf, removeStaleBlob } from '../../../tests/support/stale-blob.ts'

const root = mkdtempSync(join(tmpdir(), 'harena-stale-blob-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function leave(path: string): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, '[]')
  return path
}

describe('the blob an earlier run left', () => {
  test.each([
    [['run', '--shard=2/3', '--reporter=blob'], '.vitest-reports/blob-2-3.json'],
    [['run', '--reporter=blob'], '.vitest-reports/blob.json'],
    [['run', '--shard=1/2', '--reporter=blob', '--outputFile.blob=out/b1.json'], 'out/b1.json'],
    [['run', '--shard=1/2', '--reporter', 'blob', '--outputFile=out/any.json'], 'out/any.json'],
  ])('%j: removed at %s', (args, relative) => {
    const path = leave(join(root, relative))
    expect(blobPathOf(blobConfigFromArgs(args, root))).toBe(path)
    expect(removeStaleBlob(blobConfigFromArgs(args, root))).toBe(path)
    expect(existsSync(path)).toBe(false)
  })

  test('a run without the blob reporter removes nothing, whatever is at the default path', () => {
    const path = leave(join(root, '.vitest-reports/blob-1-2.json'))
    for (const args of [['run'], ['run', '--shard=1/2'], ['run', '--merge-reports=.vitest-reports']]) {
      expect(removeStaleBlob(blobConfigFromArgs(args, root)), args.join(' ')).toBeNull()
      expect(existsSync(path)).toBe(true)
    }
  })

  test('a directory at the blob path is left alone, no error: the run goes on and Vitest reports its own write', () => {
    mkdirSync(join(root, 'dir-blob'), { recursive: true })
    expect(removeStaleBlob(blobConfigFromArgs(['run', '--reporter=blob', '--outputFile.blob=dir-blob'], root))).toBeNull()
    expect(existsSync(join(root, 'dir-blob'))).toBe(true)
  })
})
