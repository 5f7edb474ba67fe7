// Comments cite documents that are in the repository (docs/), never the planning material outside it: a reader of
// the code must be able to open what a comment points at. Every .ts file of the project is read.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SKIP = new Set(['node_modules', '.git', 'reports'])

function tsFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue
    const path = join(dir, e.name)
    if (e.isDirectory()) out.push(...tsFiles(path))
    else if (e.name.endsWith('.ts')) out.push(path)
  }
  return out
}

// Built from pieces so that this file does not cite them itself.
const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['the shared planning folder', new RegExp(['\\.\\./', 'shared'].join(''))],
  ['the Vitest research note', new RegExp(['notes/', 'vitest'].join(''))],
  ['the product spec by section', new RegExp(['\\b[Ss]pec ', '§'].join(''))],
  ['the contract document by section', new RegExp(['\\bcontract ', '§'].join(''))],
]

/** The docs this part of the project owns and cites: they must exist. */
const OWN_DOCS = ['adapters.md', 'wire-contracts.md', 'vitest-facts.md', 'reasons.md', 'suite-rules.md']

describe('citations', () => {
  const files = tsFiles(ROOT)

  test('no .ts file cites documents outside the repository', () => {
    expect(files.length).toBeGreaterThan(100)
    const found: string[] = []
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        for (const [what, pattern] of FORBIDDEN) if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} cites ${what}`)
      })
    }
    expect(found).toEqual([])
  })

  test("the docs the suite's code cites exist, with the sections it cites", () => {
    for (const doc of OWN_DOCS) expect(existsSync(join(ROOT, 'docs', doc)), doc).toBe(true)
    const missing: string[] = []
    for (const file of files)
      for (const m of readFileSync(file, 'utf8').matchAll(/docs\/([a-z-]+\.md) (§[\d.]+)/g)) {
        const [doc, section] = [m[1] as string, (m[2] as string).replace(/\.$/, '')]
        if (!OWN_DOCS.includes(doc)) continue
        if (!readFileSync(join(ROOT, 'docs', doc), 'utf8').includes(`${section} `)) missing.push(`${relative(ROOT, file)}: ${doc} ${section}`)
      }
    expect(missing).toEqual([])
  })
})
