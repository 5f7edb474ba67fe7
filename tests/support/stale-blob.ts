// A shard's blob (`vitest run --shard=i/n --reporter=blob`) is written by Vitest at the end of the run, at a fixed
// path. A shard interrupted or crashed before its end wrote none and left the earlier run's blob at that path: the
// merge then took the earlier run's answers for today's shard (a review merged a stale GO over a 500). So a run that
// will write a blob removes the one at its path first, as soon as the config file runs (validation.config.ts): a shard
// that ends early — a signal, a refused setting — leaves no blob, and the merge names it missing (core/shard.ts
// missingShards). Only a signal in the half second before the config file runs still leaves it (README, Reliability).
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseCLI } from 'vitest/node'

/** What the command line says of the blob. */
export interface BlobConfig {
  root: string
  /** The `--reporter` names. */
  reporters: readonly string[]
  /** `--outputFile=path` or `--outputFile.blob=path`. */
  outputFile?: string | Partial<Record<string, string>>
  shard?: { index: number; count: number }
}

/** Where this run's blob reporter will write (Vitest 4.1's own rule), or null when the run writes no blob. */
export function blobPathOf(config: BlobConfig): string | null {
  if (!config.reporters.includes('blob')) return null
  const fromOutputFile = typeof config.outputFile === 'string' ? config.outputFile : config.outputFile?.blob
  const shard = config.shard
  const path = fromOutputFile ?? (shard ? `.vitest-reports/blob-${shard.index}-${shard.count}.json` : '.vitest-reports/blob.json')
  return resolve(config.root, path)
}

/** Removes the blob an earlier run left where this run will write its own; the path removed, or null. */
export function removeStaleBlob(config: BlobConfig): string | null {
  const path = blobPathOf(config)
  if (path === null) return null
  try {
    rmSync(path, { force: true })
  } catch {
    return null // not a file (a directory at that path): Vitest says so itself when it writes the blob
  }
  return path
}

/** What the command line says of the blob (`--reporter=blob`, `--outputFile[.blob]`, `--shard`, `--root`). */
export function blobConfigFromArgs(args: readonly string[], cwd: string): BlobConfig {
  try {
    const { options } = parseCLI(['vitest', ...args])
    const o = options as { reporter?: unknown; outputFile?: BlobConfig['outputFile']; shard?: unknown; root?: unknown }
    const reporters = (Array.isArray(o.reporter) ? o.reporter : o.reporter === undefined ? [] : [o.reporter]).filter(
      (r): r is string => typeof r === 'string',
    )
    const shard = typeof o.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(o.shard) : null
    return {
      root: resolve(cwd, typeof o.root === 'string' ? o.root : '.'),
      reporters,
      ...(o.outputFile === undefined ? {} : { outputFile: o.outputFile }),
      ...(shard ? { shard: { index: Number(shard[1]), count: Number(shard[2]) } } : {}),
    }
  } catch {
    return { root: cwd, reporters: [] } // an argument Vitest refuses: it says so itself
  }
}
