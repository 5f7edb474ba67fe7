// The config bundle kept between runs (tests/support/cached-bundle.ts), on real files and the real rolldown: made
// once, imported again (and evaluated again) while nothing changed, made again when any file in it changes, and
// never served after a file in it stopped compiling.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { createServer } from 'vite'
import { cachedConfig } from '../../../tests/support/cached-bundle.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A project with an entry config importing a helper; the entry appends a line to `evaluations` each time it runs. */
function project(helper: string): { root: string; entry: URL; cache: string; evaluations: string } {
  const root = mkdtempSync(join(tmpdir(), 'cached-config-'))
  dirs.push(root)
  const evaluations = join(root, 'evaluations.txt')
  writeFileSync(join(root, 'helper.ts'), helper)
  writeFileSync(
    join(root, 'entry.config.ts'),
    `import { appendFileSync } from 'node:fs'
import { value, helperUrl } from './helper.ts'
appendFileSync(${JSON.stringify(evaluations)}, 'x')
export default { test: { name: value, helperUrl, entryUrl: import.meta.url, entryDir: import.meta.dirname } }
`,
  )
  // The cache under a node_modules folder, as in the project: Vitest then leaves the bundle to Node (a native
  // import), as when vitest.config.ts imports it; anywhere else Vitest's module runner would transform it.
  const cache = join(root, 'node_modules', '.cache', 'harena-config')
  return { root, entry: pathToFileURL(join(root, 'entry.config.ts')), cache, evaluations }
}

const helperText = (value: string): string => `export const value: string = ${JSON.stringify(value)}\nexport const helperUrl = import.meta.url\n`
const bundles = (cache: string): string[] => readdirSync(cache).filter((n) => n.endsWith('.mjs'))
type Loaded = { test: { name: string; helperUrl: string; entryUrl: string; entryDir: string } }
const load = async (p: ReturnType<typeof project>): Promise<Loaded> => (await cachedConfig(p.entry, p.cache)) as unknown as Loaded

describe('cachedConfig', () => {
  test('made once: each module keeps its own import.meta; a second load evaluates the same bundle again', async () => {
    const p = project(helperText('first'))
    const a = await load(p)
    expect(a.test.name).toBe('first')
    expect(a.test.helperUrl).toBe(pathToFileURL(join(p.root, 'helper.ts')).href)
    expect(a.test.entryUrl).toBe(p.entry.href)
    expect(a.test.entryDir).toBe(p.root)
    const [bundle] = bundles(p.cache)
    expect(bundles(p.cache)).toHaveLength(1)
    const made = statSync(join(p.cache, bundle as string)).mtimeMs
    const manifests = readdirSync(p.cache).filter((n) => n.endsWith('.manifest.json'))
    expect(manifests).toHaveLength(1)
    const manifest = JSON.parse(readFileSync(join(p.cache, manifests[0] as string), 'utf8')) as { files: string[] }
    expect(manifest.files).toEqual([join(p.root, 'entry.config.ts'), join(p.root, 'helper.ts')])

    const b = await load(p)
    expect(b.test.name).toBe('first')
    expect(bundles(p.cache)).toEqual([bundle])
    expect(statSync(join(p.cache, bundle as string)).mtimeMs).toBe(made)
    // Evaluated twice: a watching Vitest that reloads its config gets a fresh one.
    expect(readFileSync(p.evaluations, 'utf8')).toBe('xx')
  })

  test('a changed file gives another bundle; a new import is followed and tracked', async () => {
    const p = project(helperText('first'))
    await load(p)
    writeFileSync(join(p.root, 'helper.ts'), helperText('second'))
    expect((await load(p)).test.name).toBe('second')
    expect(bundles(p.cache)).toHaveLength(2) // the older one stays a minute, for a run importing it beside this one

    writeFileSync(join(p.root, 'more.ts'), `export const more = '-more'\n`)
    writeFileSync(join(p.root, 'helper.ts'), `import { more } from './more.ts'\n${helperText('third').replace('"third"', '"third" + more')}`)
    expect((await load(p)).test.name).toBe('third-more')
    writeFileSync(join(p.root, 'more.ts'), `export const more = '-changed'\n`)
    expect((await load(p)).test.name).toBe('third-changed')
  })

  test('a file that stops compiling fails the load (no earlier bundle served); a file gone is made again', async () => {
    const p = project(`import { extra } from './extra.ts'\n${helperText('first').replace('"first"', '"first" + extra')}`)
    writeFileSync(join(p.root, 'extra.ts'), `export const extra = '+'\n`)
    expect((await load(p)).test.name).toBe('first+')
    writeFileSync(join(p.root, 'helper.ts'), 'export const value: string = (\n')
    await expect(load(p)).rejects.toThrow()
    // The helper no longer imports extra.ts, and extra.ts is removed: the manifest's list cannot be read whole.
    writeFileSync(join(p.root, 'helper.ts'), helperText('fixed'))
    unlinkSync(join(p.root, 'extra.ts'))
    expect((await load(p)).test.name).toBe('fixed')
  })

  test('two checkouts sharing one cache (git worktrees, one node_modules) keep their own bundles; a bundle removed is made again', async () => {
    const a = project(helperText('checkout a'))
    const b = { ...project(helperText('checkout b')), cache: a.cache }
    expect((await load(a)).test.name).toBe('checkout a')
    const [bundleA] = bundles(a.cache)
    const madeA = statSync(join(a.cache, bundleA as string)).mtimeMs
    expect((await load(b)).test.name).toBe('checkout b')
    expect(bundles(a.cache)).toHaveLength(2)
    expect((await load(a)).test.name).toBe('checkout a')
    expect(statSync(join(a.cache, bundleA as string)).mtimeMs).toBe(madeA) // not made again
    unlinkSync(join(a.cache, bundleA as string))
    expect((await load(a)).test.name).toBe('checkout a')
    expect(bundles(a.cache)).toContain(bundleA)
  })

  test('a link pointed at another file, or a bundle cut short, is made again', async () => {
    const p = project('')
    writeFileSync(join(p.root, 'old.ts'), helperText('old target'))
    writeFileSync(join(p.root, 'new.ts'), helperText('new target'))
    unlinkSync(join(p.root, 'helper.ts'))
    symlinkSync(join(p.root, 'old.ts'), join(p.root, 'helper.ts'))
    expect((await load(p)).test.name).toBe('old target')
    unlinkSync(join(p.root, 'helper.ts'))
    symlinkSync(join(p.root, 'new.ts'), join(p.root, 'helper.ts'))
    expect((await load(p)).test.name).toBe('new target')
    // The bundle's text cut in half under its name (a crash before the disk had it all): not imported, made again.
    const bundle = bundles(p.cache).sort((a, b) => statSync(join(p.cache, b)).mtimeMs - statSync(join(p.cache, a)).mtimeMs)[0]
    const text = readFileSync(join(p.cache, bundle as string), 'utf8')
    writeFileSync(join(p.cache, bundle as string), text.slice(0, text.length / 2))
    expect((await load(p)).test.name).toBe('new target')
    expect(readFileSync(join(p.cache, bundle as string), 'utf8')).toBe(text)
  })

  test('package.json "imports" (#…) are bundled as ours; import.meta.resolve answers paths from the module file itself', async () => {
    const p = project(helperText('first'))
    writeFileSync(join(p.root, 'package.json'), JSON.stringify({ type: 'module', imports: { '#mark': './mark.ts' } }))
    writeFileSync(join(p.root, 'mark.ts'), `export const mark = 'marked'\n`)
    writeFileSync(
      join(p.root, 'helper.ts'),
      `import { mark } from '#mark'\nexport const value: string = mark\nexport const helperUrl = import.meta.resolve('./fixtures/questions.json')\n`,
    )
    const loaded = await load(p)
    expect(loaded.test.name).toBe('marked')
    expect(loaded.test.helperUrl).toBe(pathToFileURL(join(p.root, 'fixtures', 'questions.json')).href)
  })

  /**
   * How many times a real Vite server, made with the config's plugins as Vitest makes it, restarts once the helper
   * changes: up to `waitMs` for the first restart.
   */
  async function restartsAfterAChange(watching: boolean, waitMs: number): Promise<number> {
    const p = project(helperText('first'))
    const config = await cachedConfig(p.entry, p.cache, watching)
    const server = await createServer({
      root: p.root,
      configFile: false,
      logLevel: 'silent',
      plugins: config.plugins,
      // As Vitest creates it: no HMR, so Vite does not restart by itself when a config dependency changes.
      server: { middlewareMode: true, hmr: false },
    })
    try {
      let restarts = 0
      // What Vitest does in watch mode: it takes over server.restart (vitest 4.1.12, cli-api).
      server.restart = async () => {
        restarts++
      }
      await new Promise((r) => setTimeout(r, 300)) // the watcher's first scan
      writeFileSync(join(p.root, 'helper.ts'), helperText('second'))
      for (let waited = 0; waited < waitMs && restarts === 0; waited += 50) await new Promise((r) => setTimeout(r, 50))
      return restarts
    } finally {
      await server.close()
    }
  }

  test('watching: a change to a file of the bundle restarts the server, as a change to the config file does', async () => {
    expect(await restartsAfterAChange(true, 5000)).toBeGreaterThan(0)
  })

  test('a single run (not watching) never restarts on a change', async () => {
    expect(await restartsAfterAChange(false, 1000)).toBe(0)
  })

  test('no cache can be written (its folder cannot be made): the same configuration, loaded without one', async () => {
    const p = project(helperText('uncached'))
    writeFileSync(join(p.root, 'not-a-folder'), '')
    const cache = join(p.root, 'not-a-folder', 'cache')
    const config = (await cachedConfig(p.entry, cache)) as unknown as Loaded
    expect(config.test.name).toBe('uncached')
    expect(config.test.helperUrl).toBe(pathToFileURL(join(p.root, 'helper.ts')).href)
    expect(readdirSync(p.root).sort()).toEqual(['entry.config.ts', 'evaluations.txt', 'helper.ts', 'not-a-folder'])
  })

  test("its plugin adds the bundle's files to the config's dependencies (what Vite watches and keys its cache on)", async () => {
    const p = project(helperText('first'))
    const config = await cachedConfig(p.entry, p.cache)
    const plugin = config.plugins?.[0] as unknown as { configResolved: (c: { configFileDependencies: string[] }) => void }
    const resolved = { configFileDependencies: ['/elsewhere/vitest.config.ts'] }
    plugin.configResolved(resolved)
    expect(resolved.configFileDependencies).toEqual(['/elsewhere/vitest.config.ts', join(p.root, 'entry.config.ts'), join(p.root, 'helper.ts')])
  })
})
