// Vitest's on-disk module cache (`experimental.fsModuleCache`) keeps each transformed module of the suite between
// runs: a run no longer transforms the ~150 modules of the suite again (docs/vitest-facts.md §1.6). In Vitest 4.1.12
// it has a defect and a cost, each mended here (the cost: configDigestPlugin below). The defect: in the main process, its module runners read a cached
// module with `readFile(path)` and no encoding, so the module's code is a Buffer. Evaluating it works (it is
// converted to a string), but when an error's stack passes through such a module, Vite's stack-trace interceptor
// reads the module's inline source map with string methods (`code.charCodeAt`) and throws: the main process dies
// with "the process exited before the run ended" (seen against a hanging service). The fix below turns the Buffer
// into its text the first time a source map is asked for, before Vite reads it. It is installed from the config
// file, which Vitest loads before it creates any module runner; `vite/module-runner` is the module Vitest's runners
// are built on (one instance: Node loads a package once), so every runner's module graph gets it.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { EvaluatedModules } from 'vite/module-runner'
import { writeAtomic } from '../../core/report-files.ts'

let installed = false

/** Idempotent: a second call changes nothing. */
export function decodeCachedModulesBeforeSourceMaps(): void {
  if (installed) return
  installed = true
  const readSourceMap = EvaluatedModules.prototype.getModuleSourceMapById
  EvaluatedModules.prototype.getModuleSourceMapById = function (this: EvaluatedModules, id: string) {
    const meta = this.getModuleById(id)?.meta
    if (meta !== undefined && 'code' in meta && typeof meta.code !== 'string') {
      // A Buffer (or a typed array) of UTF-8: what the cache file holds.
      meta.code = Buffer.from(meta.code as Uint8Array).toString('utf8')
    }
    return readSourceMap.call(this, id)
  }
}

/**
 * The cache key of every module hashes the text of every file the config file imports (Vitest's
 * `configFileDependencies`: the reporter and what it imports, ~80 files, ~700 KB): ~150 modules × 700 KB is
 * ~100 MB of SHA-1 per run, ~0.6 s of the main process's CPU (measured with a CPU profile of a default run). In a
 * `vitest run` nothing else reads that list (Vite watches it to restart a watching server), so this plugin replaces
 * it by one file holding a digest of all of them: the key still changes whenever any of them does.
 */
export function configDigestPlugin(options: { watching: boolean; digestDir: string }): Plugin {
  return {
    name: 'harena:config-digest',
    configResolved(config) {
      if (options.watching || config.configFileDependencies.length < 2) return
      const digest = createHash('sha256')
      for (const file of [...config.configFileDependencies].sort()) {
        digest.update(file).update('\0')
        digest.update(readOrEmpty(file)).update('\0')
      }
      const value = digest.digest('hex')
      const path = join(options.digestDir, `config-${value}`)
      // Runs started side by side may write the same digest: each writes its own temporary file, then renames it.
      if (!existsSync(path)) {
        mkdirSync(options.digestDir, { recursive: true })
        writeAtomic(path, value)
      }
      ;(config as { configFileDependencies: string[] }).configFileDependencies = [path]
    },
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
