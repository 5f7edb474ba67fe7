// The globalSetup entry of the validation suite: it loads tests/support/global-setup.ts through the module runner of
// Vite's `ssr` environment, the environment that serves the spec files' modules to the workers, instead of the
// `__vitest__` environment Vitest loads a global setup through. Both import mostly the same files (client, checks,
// adapters, settings…); in one environment each is transformed once and the worker's requests for them are cache
// hits (measured with `npm run bench`, suite-floor; docs/vitest-facts.md §1.7). What runs is the same code.
import type { TestProject } from 'vitest/node'

type GlobalSetup = typeof import('./global-setup.ts')

/** Vitest gives its `ssr` environment a module runner (Vite's RunnableDevEnvironment); without one, a plain import. */
function ssrRunnerOf(project: TestProject): { import: (url: string) => Promise<unknown> } | null {
  const ssr: object | undefined = project.vite.environments.ssr
  return ssr !== undefined && 'runner' in ssr ? (ssr.runner as { import: (url: string) => Promise<unknown> }) : null
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runner = ssrRunnerOf(project)
  const setupModule =
    runner === null
      ? await import('./global-setup.ts')
      : ((await runner.import(new URL('./global-setup.ts', import.meta.url).pathname)) as GlobalSetup)
  return setupModule.default(project)
}
