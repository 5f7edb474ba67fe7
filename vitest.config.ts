// The validation suite (`npx vitest run`): the plan's questions over real HTTP, judged, then a verdict. Its
// configuration is validation.config.ts (settings, spec files, workers, reporters). This file only loads it from
// a bundle kept between runs (tests/support/cached-bundle.ts), made again whenever one of its files changes:
// Vite would bundle it anew on every run (docs/vitest-facts.md §1.10).
import { fileURLToPath } from 'node:url'
import { cachedConfig } from './tests/support/cached-bundle.ts'

export default await cachedConfig(
  new URL('./validation.config.ts', import.meta.url),
  fileURLToPath(new URL('./node_modules/.cache/harena-config/', import.meta.url)),
)
