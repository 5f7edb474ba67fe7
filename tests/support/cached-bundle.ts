// vitest.config.ts loads the suite's configuration (validation.config.ts) through here, and
// tests/support/global-setup-entry.ts the global setup. Vite would bundle the configuration
// file and its ~90 modules (the reporter, the settings, the checks they share) with rolldown on every run, then
// import the bundle and delete it: 0.3-0.45 s of a default run back to back, 1.0-1.5 s after the machine idled a
// few seconds (docs/vitest-facts.md §1.10). Here the same bundle is made once, kept in node_modules/.cache, and
// imported natively on the next runs as long as none of the files in it changed (a digest of their text).
//
// What goes into the bundle is what Vite's own config bundler puts there (vite's bundleConfigFile): our files
// bundled, packages left to Node, each module's import.meta.url / dirname / filename its own file's.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Plugin } from 'vite'
import type { ViteUserConfig } from 'vitest/config'
import { writeAtomic } from '../../core/report-files.ts'
import { isSingleRun } from './cli-scope.ts'

/** Bumped when what this file writes changes: an older bundle is then made again. */
const FORMAT = 'harena-cached-bundle/2'
/** An older bundle of the same entry is removed after this long (a run started beside this one may be importing it). */
const STALE_AFTER_MS = 60_000

interface Manifest {
  format: string
  digest: string
  /** Absolute paths of every file bundled, as imported (a symbolic link is not followed), in hashing order. */
  files: string[]
  /** The sha256 of the bundle's text: a bundle cut short (a crash before the disk had it) is made again. */
  bundleSha256: string
}

let bundlerText: string | null = null
/**
 * What makes the bundle besides its files: rolldown's version and this file's own text (a change to the options
 * here makes every bundle again, with no version to remember to bump).
 */
async function bundlerOf(): Promise<string> {
  const { VERSION } = await import('rolldown')
  bundlerText ??= readOrNull(fileURLToPath(import.meta.url)) ?? ''
  return `rolldown ${VERSION}\0${createHash('sha256').update(bundlerText).digest('hex')}`
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The digest of the files' text, in the manifest's order; null when one of them cannot be read. */
function digestOf(files: readonly string[], textOf: (file: string) => string | null, tool: string): string | null {
  const hash = createHash('sha256').update(FORMAT).update('\0').update(tool).update('\0')
  for (const file of files) {
    const text = textOf(file)
    if (text === null) return null
    hash.update(file).update('\0').update(text).update('\0')
  }
  return hash.digest('hex')
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function readManifest(path: string): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>
    return m.format === FORMAT && typeof m.digest === 'string' && Array.isArray(m.files) && typeof m.bundleSha256 === 'string'
      ? (m as Manifest)
      : null
  } catch {
    return null
  }
}

/** A package (or Node's own module), left to Node; `#…` (package.json "imports") is ours, as in Vite's bundler. */
const isBare = (id: string): boolean => /^[^.#/\0]/.test(id) && !/^[A-Za-z]:[\\/]/.test(id)

const MODULE_TYPES: Record<string, 'ts' | 'js' | 'json'> = { '.ts': 'ts', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' }

/**
 * Bundles `entry` as Vite bundles a config file; returns the code and the text of every file it read (what the
 * digest is made of, so that a file edited during the build cannot pass for the one bundled).
 */
async function bundle(entry: string): Promise<{ code: string; sources: Map<string, string>; tool: string }> {
  const { rolldown } = await import('rolldown')
  const tool = await bundlerOf()
  const sources = new Map<string, string>()
  const dirnameVar = '__harena_original_dirname'
  const filenameVar = '__harena_original_filename'
  const urlVar = '__harena_original_import_meta_url'
  const resolveVar = '__harena_original_import_meta_resolve'
  // Never the four words written together in this file (nor in anything vitest.config.ts imports): Vite scans the
  // config's modules for that text and, on Node 20, then registers module hooks on a thread of their own, which
  // every later import in the main process waits on (~0.3 s a run; docs/vitest-facts.md §1.10).
  const metaResolve = ['import', 'meta', 'resolve'].join('.')
  const build = await rolldown({
    input: entry,
    platform: 'node',
    // Modules named by the path they are imported by, links not followed: a link pointed elsewhere reads another
    // text under the same name, so the digest changes (followed, the old target's unchanged text kept the bundle).
    resolve: { mainFields: ['main'], symlinks: false },
    tsconfig: false,
    treeshake: false,
    logLevel: 'silent',
    transform: {
      define: {
        __dirname: dirnameVar,
        __filename: filenameVar,
        'import.meta.url': urlVar,
        'import.meta.dirname': dirnameVar,
        'import.meta.filename': filenameVar,
        [metaResolve]: resolveVar,
      },
    },
    // Packages (and Node's own modules) stay imports, resolved by Node from node_modules as usual.
    external: (id) => isBare(id),
    plugins: [
      {
        name: 'harena:read-once',
        load(id) {
          const moduleType = MODULE_TYPES[extname(id)]
          if (id.startsWith('\0') || moduleType === undefined) return null
          const code = readFileSync(id, 'utf8')
          sources.set(id, code)
          return { code, moduleType }
        },
      },
      {
        name: 'harena:file-scope',
        transform(code, id) {
          if (id.startsWith('\0') || MODULE_TYPES[extname(id)] === 'json') return null
          // The module's own resolve: a path from the module's own file; a package cannot be resolved from here (the
          // bundle lives elsewhere), so it says so rather than answering for another folder.
          const values = `const ${dirnameVar} = ${JSON.stringify(dirname(id))};const ${filenameVar} = ${JSON.stringify(id)};const ${urlVar} = ${JSON.stringify(pathToFileURL(id).href)};const ${resolveVar} = (s) => { if (/^\\.{0,2}\\//.test(s)) return new URL(s, ${urlVar}).href; throw new Error('${metaResolve}(' + JSON.stringify(s) + '): only paths are resolved in a cached bundle (tests/support/cached-bundle.ts)') };`
          return { code: values + code, map: null }
        },
      },
    ],
  })
  try {
    const output = await build.generate({ format: 'esm', codeSplitting: false })
    const chunk = output.output[0]
    // A module rolldown read without our hook (none expected) is read here, so that the digest still covers it.
    for (const id of chunk.moduleIds) if (!id.startsWith('\0') && !sources.has(id)) sources.set(id, readFileSync(id, 'utf8'))
    return { code: chunk.code, sources, tool }
  } finally {
    await build.close()
  }
}

/** Older bundles of `prefix` in `dir`, but `keep` and those written in the last minute. */
function removeStale(dir: string, prefix: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.mjs') || name === keep) continue
    const path = join(dir, name)
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true })
    } catch {
      // gone meanwhile (another run removed it)
    }
  }
}

/**
 * Adds `files` to the config's dependencies (what the module cache keys on: tests/support/module-cache.ts). In a
 * watching session, a change to one of them restarts it, as a change to vitest.config.ts does: Vitest restarts only
 * for the config file itself (vitest 4.1.12, cli-api), which is now a small loader.
 */
function dependenciesPlugin(files: readonly string[], watching: boolean): Plugin {
  return {
    name: 'harena:cached-bundle-dependencies',
    configResolved(config) {
      const known = new Set(config.configFileDependencies)
      for (const f of files) if (!known.has(f)) config.configFileDependencies.push(f)
    },
    configureServer(server) {
      if (!watching) return
      const watched = new Set(files.map((f) => resolve(f)))
      server.watcher.add([...watched])
      server.watcher.on('change', (file) => {
        if (watched.has(resolve(file))) void server.restart()
      })
    },
  }
}

/** The bundle to import and the files it is made of; null when no cache can be written. */
async function cachedBundle(entryPath: string, cacheDir: string, name: string, force: boolean): Promise<{ path: string; files: string[] } | null> {
  const manifestPath = join(cacheDir, `${name}.manifest.json`)
  const tool = await bundlerOf()
  const manifest = force ? null : readManifest(manifestPath)
  if (manifest !== null && manifest.files[0] === entryPath && digestOf(manifest.files, readOrNull, tool) === manifest.digest) {
    const path = join(cacheDir, `${name}-${manifest.digest.slice(0, 20)}.mjs`)
    const text = readOrNull(path)
    if (text !== null && sha256(text) === manifest.bundleSha256) return { path, files: manifest.files }
  }
  const made = await bundle(entryPath)
  const files = [entryPath, ...[...made.sources.keys()].filter((f) => f !== entryPath).sort()]
  // The text rolldown bundled, not the files as they are now: an edit made during the build gives another digest.
  const digest = digestOf(files, (f) => made.sources.get(f) ?? null, made.tool) as string
  const bundleName = `${name}-${digest.slice(0, 20)}.mjs`
  try {
    mkdirSync(cacheDir, { recursive: true })
    // Bundle first, then the manifest that names it: a reader never finds a manifest without its bundle.
    writeAtomic(join(cacheDir, bundleName), made.code)
    writeAtomic(manifestPath, JSON.stringify({ format: FORMAT, digest, files, bundleSha256: sha256(made.code) } satisfies Manifest))
  } catch {
    // A cache that cannot be written (read-only node_modules, full disk) is no error: null makes the caller load
    // the sources as Vite transforms them, as without the cache.
    return null
  }
  removeStale(cacheDir, `${name}-`, bundleName)
  return { path: join(cacheDir, bundleName), files }
}

/** A fresh module instance each time (a watching Vitest reloads its config in the same process). */
async function importFresh<M>(path: string): Promise<M> {
  return (await import(`${pathToFileURL(path).href}?load=${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`)) as M
}

/** Node could not find the bundle itself (not a module the bundle imports). */
const bundleMissing = (error: unknown, path: string): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(path)

/**
 * The module `entry`, imported from its cached bundle under `cacheDir` (made again when any file in it changed),
 * and the files the bundle is made of; null when no cache can be written (a cache folder that cannot be made, a full disk).
 */
export async function cachedModule<M>(entry: URL, cacheDir: string): Promise<{ module: M; files: string[] } | null> {
  const entryPath = fileURLToPath(entry)
  // Named after the entry's path too: checkouts sharing one node_modules (git worktrees) keep their bundles apart.
  const name = `${basename(entryPath)}-${createHash('sha256').update(entryPath).digest('hex').slice(0, 8)}`
  const cached = await cachedBundle(entryPath, cacheDir, name, false)
  if (cached === null) return null
  try {
    return { module: await importFresh<M>(cached.path), files: cached.files }
  } catch (error) {
    // Removed between its manifest and its import: another run of this checkout made a newer one. Made again once.
    if (!bundleMissing(error, cached.path)) throw error
    const again = await cachedBundle(entryPath, cacheDir, name, true)
    return again === null ? null : { module: await importFresh<M>(again.path), files: again.files }
  }
}

/**
 * The default export of the config file `entry`, from its cached bundle, with a plugin that tells Vite which files
 * it is made of. With no cache that can be written, loaded as Vite's `runner` config loader loads a config file,
 * nothing written: slower, the same configuration.
 */
export async function cachedConfig(entry: URL, cacheDir: string, watching = !isSingleRun(process.argv.slice(2))): Promise<ViteUserConfig> {
  const cached = await cachedModule<{ default: ViteUserConfig }>(entry, cacheDir)
  if (cached === null) return await withoutCache(fileURLToPath(entry), watching)
  const config = cached.module.default
  return { ...config, plugins: [dependenciesPlugin(cached.files, watching), ...(config.plugins ?? [])] }
}

async function withoutCache(entryPath: string, watching: boolean): Promise<ViteUserConfig> {
  const { runnerImport } = await import('vite')
  const { module, dependencies } = await runnerImport<{ default: ViteUserConfig }>(entryPath)
  const config = module.default
  return { ...config, plugins: [dependenciesPlugin([entryPath, ...dependencies], watching), ...(config.plugins ?? [])] }
}
