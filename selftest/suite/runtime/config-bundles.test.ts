// tests/support/config-bundles.ts on real files: a config bundle older than a minute is removed, a fresh one (a run
// starting beside this one) and every other file are kept, a missing directory is no error.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { STALE_AFTER_MS, sweepStaleConfigBundles } from '../../../tests/support/config-bundles.ts'

const dir = mkdtempSync(join(tmpdir(), 'harena-config-bundles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, ageMs: number): string {
  const path = join(dir, name)
  writeFileSync(path, 'export default {}\n')
  const at = (Date.now() - ageMs) / 1000
  utimesSync(path, at, at)
  return path
}

describe('sweepStaleConfigBundles', () => {
  test('only the stale bundles go', () => {
    const stale = file('vitest.config.ts.timestamp-1796329476046-322a68f306165.mjs', STALE_AFTER_MS + 5_000)
    const fresh = file('vitest.config.ts.timestamp-1796329999999-abcdef.mjs', 1_000)
    const other = file('vite.config.ts.timestamp-1796329476046-322a68f306165.mjs', STALE_AFTER_MS * 10)
    const userFile = file('vitest.config.ts', STALE_AFTER_MS * 10)
    const removed = sweepStaleConfigBundles([join(dir, 'missing'), dir])
    expect(removed).toEqual([stale])
    expect(existsSync(stale)).toBe(false)
    for (const kept of [fresh, other, userFile]) expect(existsSync(kept), kept).toBe(true)
    expect(sweepStaleConfigBundles([dir])).toEqual([])
  })
})
