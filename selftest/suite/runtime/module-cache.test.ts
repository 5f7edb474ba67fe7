// The on-disk module cache's workaround (tests/support/module-cache.ts), on Vite's real EvaluatedModules: a module
// whose code arrived as a Buffer (what Vitest 4.1.12's main-process runners hand over for a cached module) still
// gives its inline source map, where Vite alone throws `code.charCodeAt is not a function`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResolvedConfig } from 'vite'
import { EvaluatedModules } from 'vite/module-runner'
import { afterAll, describe, expect, test } from 'vitest'
import { configDigestPlugin, decodeCachedModulesBeforeSourceMaps } from '../../../tests/support/module-cache.ts'
import { isSingleRun } from '../../../tests/support/cli-scope.ts'

const map = { version: 3, sources: ['/src/a.ts'], names: [], mappings: 'AAAA' }
const code = `export const a = 1\n//# sourceMappingSource=vite-generated\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`

function moduleWithCode(modules: EvaluatedModules, id: string, moduleCode: string | Buffer): void {
  const node = modules.ensureModule(id, id)
  // The runner's fetch result, as Vitest hands it over: the code as read from the cache file.
  node.meta = { code: moduleCode, file: id, id, url: id, invalidate: false } as unknown as typeof node.meta
}

describe('decodeCachedModulesBeforeSourceMaps', () => {
  test('a cached module (code as a Buffer) gives its source map instead of throwing', () => {
    decodeCachedModulesBeforeSourceMaps()
    decodeCachedModulesBeforeSourceMaps() // idempotent: still one wrapper
    const modules = new EvaluatedModules()
    moduleWithCode(modules, '/src/cached.ts', Buffer.from(code, 'utf8'))
    moduleWithCode(modules, '/src/fresh.ts', code)
    const cached = modules.getModuleSourceMapById('/src/cached.ts')
    const fresh = modules.getModuleSourceMapById('/src/fresh.ts')
    expect(cached).not.toBeNull()
    expect(cached?.map).toEqual(map)
    expect(fresh?.map).toEqual(map)
    expect(modules.getModuleById('/src/cached.ts')?.meta).toMatchObject({ code })
    expect(modules.getModuleSourceMapById('/src/absent.ts')).toBeNull()
  })
})

describe('configDigestPlugin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harena-config-digest-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const [a, b] = [join(dir, 'a.ts'), join(dir, 'b.ts')]

  /** What the cache key reads: the list after the plugin, and the text of each file on it. */
  function keyInput(watching: boolean): { files: string[]; texts: string[] } {
    const config = { configFileDependencies: [a, b] } as unknown as ResolvedConfig
    const hook = configDigestPlugin({ watching, digestDir: join(dir, 'digests') }).configResolved
    if (typeof hook !== 'function') throw new Error('configResolved is not a function')
    void hook.call({} as never, config)
    return { files: config.configFileDependencies, texts: config.configFileDependencies.map((f) => readFileSync(f, 'utf8')) }
  }

  test('a single run: one small file stands for all of them, and changes whenever one of them does', () => {
    writeFileSync(a, 'export const a = 1\n'.repeat(1000))
    writeFileSync(b, 'export const b = 2\n')
    const first = keyInput(false)
    expect(first.files).toHaveLength(1)
    expect(first.texts[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(keyInput(false)).toEqual(first) // the same files: the same key
    writeFileSync(b, 'export const b = 3\n')
    const changed = keyInput(false)
    expect(changed.texts[0]).not.toBe(first.texts[0])
  })

  test('a watching run keeps the list (Vite restarts its server when one of them changes)', () => {
    writeFileSync(a, 'export const a = 1\n')
    writeFileSync(b, 'export const b = 2\n')
    expect(keyInput(true).files).toEqual([a, b])
  })

  test.each([
    [['run'], true],
    [['--run'], true],
    [['run', '--merge-reports=reports/blobs'], true],
    [[], false],
    [['run', '--watch'], false],
    [['--ui'], false],
    [['watch'], false],
  ])('isSingleRun(%j) → %s', (args, expected) => {
    expect(isSingleRun(args, { ci: false, interactive: true })).toBe(expected) // `vitest` alone in a terminal: watch mode
  })
})
