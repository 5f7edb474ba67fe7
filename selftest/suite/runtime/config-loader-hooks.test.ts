// Vite bundles vitest.config.ts (and what it imports) before anything runs, and when the text of any of those files
// matches its import.meta-resolve pattern it registers Node module hooks (Node 20: `module.register`, a loader thread
// of its own that every later import in the main process then waits on; ~0.2-0.5 s of a default run, measured with
// `npm run bench`, suite-floor). tests/support/cached-bundle.ts therefore never writes those words together.
// Checked the way Vite does it: Vite's own config loader, in a child process whose `module.register` counts calls;
// the same loader on a config that mentions the words proves the count can see a registration.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Loads `configFile` with Vite's default (bundling) config loader in a child; how many times hooks were registered. */
function registrationsWhenLoading(configFile: string, root: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'config-hooks-'))
  dirs.push(dir)
  const viteUrl = pathToFileURL(join(ROOT, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href
  const script = `
import Module from 'node:module'
const original = Module.register
let registrations = 0
Module.register = (...args) => { registrations++; return original.apply(Module, args) }
const { loadConfigFromFile } = await import(${JSON.stringify(viteUrl)})
const loaded = await loadConfigFromFile({ command: 'serve', mode: 'test' }, ${JSON.stringify(configFile)}, ${JSON.stringify(root)}, 'silent')
process.stdout.write(JSON.stringify({ registrations, loaded: loaded !== null }))
process.exit(0)
`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    // The project's config reads its settings: a report folder of its own, nothing from the caller's run.
    env: { ...process.env, VALIDATION_REPORT_DIR: join(dir, 'reports'), HARENA_BASE_URL: '' },
  })
  const result = JSON.parse(out.slice(out.lastIndexOf('{'))) as { registrations: number; loaded: boolean }
  expect(result.loaded).toBe(true)
  return result.registrations
}

describe('loading vitest.config.ts registers no module hooks', () => {
  test("the project's config: none", () => {
    expect(registrationsWhenLoading(join(ROOT, 'vitest.config.ts'), ROOT)).toBe(0)
  })

  test('a config whose text names the resolver: Vite registers them (the count sees it)', () => {
    const root = mkdtempSync(join(tmpdir(), 'config-hooks-project-'))
    dirs.push(root)
    const words = ['import', 'meta', 'resolve'].join('.')
    writeFileSync(join(root, 'vitest.config.mjs'), `// ${words} named in a comment only\nexport default { test: {} }\n`)
    expect(registrationsWhenLoading(join(root, 'vitest.config.mjs'), root)).toBeGreaterThan(0)
  })
})
