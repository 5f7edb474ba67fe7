// The globalSetup entry of the validation suite: it imports tests/support/global-setup.ts from a bundle kept between
// runs (tests/support/cached-bundle.ts), made again whenever one of its files changes: one native import instead of
// ~110 modules through a module runner (docs/vitest-facts.md §1.10). Without a cache it can write, it loads the
// file through the module runner of Vite's `ssr` environment, the environment that serves the spec files' modules
// to the workers, instead of the `__vitest__` environment Vitest loads a global setup through: both import mostly
// the same files, each then transformed once (docs/vitest-facts.md §1.7). What runs is the same code.
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { cachedModule } from './cached-bundle.ts'

type GlobalSetup = typeof import('./global-setup.ts')

/** Vitest gives its `ssr` environment a module runner (Vite's RunnableDevEnvironment); without one, a plain import. */
function ssrRunnerOf(project: TestProject): { import: (url: string) => Promise<unknown> } | null {
  const ssr: object | undefined = project.vite.environments.ssr
  return ssr !== undefined && 'runner' in ssr ? (ssr.runner as { import: (url: string) => Promise<unknown> }) : null
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // From the bundle kept between runs, as the configuration is (tests/support/cached-bundle.ts): one native import
  // instead of ~110 modules through a module runner (docs/vitest-facts.md §1.10).
  const cached = await cachedModule<GlobalSetup>(
    new URL('./global-setup.ts', import.meta.url),
    fileURLToPath(new URL('../../node_modules/.cache/harena-config/', import.meta.url)),
  )
  if (cached !== null) return cached.module.default(project)
  const runner = ssrRunnerOf(project)
  const setupModule =
    runner === null
      ? await import('./global-setup.ts')
      : ((await runner.import(new URL('./global-setup.ts', import.meta.url).pathname)) as GlobalSetup)
  return setupModule.default(project)
}
