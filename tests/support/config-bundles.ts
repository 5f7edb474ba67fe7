// Vite loads vitest.config.ts by bundling it to `node_modules/.vite-temp/vitest.config.ts.timestamp-<ms>-<hex>.mjs`
// (next to the config file when node_modules is not writable), importing that file, then deleting it. A run that
// ends while the config is being evaluated never deletes it: every refused setting ends there with
// process.exit(1) (tests/support/settings-or-exit.ts), and a run killed at that moment too. Each such file is
// the whole config bundle (~1.4 MB): a clean clone's `npm test`, with its ~70 refused runs, left 33 of them, and a
// developer machine had gathered 1,278 (1.8 GB). So each run removes the ones that are stale: older than a minute,
// far longer than Vite needs a bundle it is importing (runs started side by side keep theirs).
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const BUNDLE = /^vitest\.config\.ts\.timestamp-\d+-[0-9a-f]+\.mjs$/
export const STALE_AFTER_MS = 60_000

/** Removes the stale config bundles in `dirs` (missing directories are skipped); returns the paths removed. */
export function sweepStaleConfigBundles(dirs: readonly string[], now = Date.now()): string[] {
  const removed: string[] = []
  for (const dir of dirs) {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names) {
      if (!BUNDLE.test(name)) continue
      const path = join(dir, name)
      try {
        if (now - statSync(path).mtimeMs < STALE_AFTER_MS) continue
        rmSync(path, { force: true })
        removed.push(path)
      } catch {
        // gone meanwhile (another run swept it), or not ours to remove: it stays, nothing else depends on it
      }
    }
  }
  return removed
}
