// The shape of the code, checked: the suite (tests/) and the reporter (reporters/) share only core/, and core/
// depends on neither. Reads every .ts file's import specifiers (static, side-effect and dynamic) and resolves
// the relative ones against the file's folder.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g

/** The repository-relative paths a source text imports (relative specifiers only; packages are not ours). */
function importsOf(file: string, text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] as string
    if (spec.startsWith('.'))
      out.push(
        relative(ROOT, resolve(ROOT, dirname(file), spec))
          .split(sep)
          .join('/'),
      )
  }
  return out
}

const top = (path: string): string => path.split('/')[0] as string

/** Forbidden edges: top folder of the importer → top folders it must not import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  reporters: ['tests'],
  tests: ['reporters'],
  core: ['tests', 'reporters', 'fixtures', 'selftest', 'bench'],
}

function violations(files: readonly string[]): string[] {
  const found: string[] = []
  for (const file of files) {
    const banned = FORBIDDEN[top(file)] ?? []
    for (const target of importsOf(file, readFileSync(join(ROOT, file), 'utf8'))) if (banned.includes(top(target))) found.push(`${file} → ${target}`)
  }
  return found
}

describe('import graph', () => {
  test('no import between reporters/ and tests/ in either direction; core/ imports neither', () => {
    const files = [...tsFiles('reporters'), ...tsFiles('tests'), ...tsFiles('core')]
    expect(files.length).toBeGreaterThan(40)
    expect(violations(files)).toEqual([])
  })

  test('the scanner sees static, side-effect and dynamic imports and resolves them', () => {
    const text = [
      "import type { X } from '../tests/support/turn.ts'",
      "import '../tests/support/provided.ts'",
      "const m = await import('../core/model.ts')",
      "import { z } from 'zod'",
    ].join('\n')
    expect(importsOf('reporters/x.ts', text)).toEqual(['tests/support/turn.ts', 'tests/support/provided.ts', 'core/model.ts'])
  })
})
