// The documents registry: one loop writes every entry atomically, scrubbed of secrets in the escaping of its own
// format; an entry may stream its content in chunks; adding a format is one entry. Real files in a temp dir.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { REPORT_FILES } from '../../core/report-files.ts'
import { DOCUMENTS, type ReportDocument, writeDocuments } from '../../reporters/documents.ts'
import { produce } from '../../reporters/pipeline.ts'
import { xmlText } from '../../reporters/render-junit.ts'
import { failure, modelWith, withAttempt } from './make-model.ts'

const dirs: string[] = []
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'reporter-documents-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

// Short enough that no 16-character fragment of its raw form exists: only its XML-escaped form can betray it there.
const SECRET = 'k&y<z>q&w<e>r&t'
const produced = () => produce(withAttempt(modelWith([1000, 1000], {}, { locale: 'en' }), 0, { ok: false, failures: [failure('x')] }))

describe('the documents registry', () => {
  test('every entry is written, the junit stand-in only when the run ends early, the comparison only with a baseline', () => {
    const files = DOCUMENTS.map((d) => d.file)
    for (const f of [REPORT_FILES.samples, REPORT_FILES.md, REPORT_FILES.json, REPORT_FILES.junit]) expect(files).toContain(f)
    const normal = temp()
    // Without a baseline there is no comparison to write; the junit stand-in waits for an early end.
    const conditional = new Set<string>([REPORT_FILES.junit, REPORT_FILES.comparison])
    const written = writeDocuments(normal, produced(), [])
    // First the failed attempt's evidence file the Markdown links to (reporters/evidence.ts), then the registry's.
    expect(written.filter((f) => f.includes('/evidence/')).map((f) => f.split('/').pop())).toEqual(['q01-1.txt'])
    expect(written.filter((f) => !f.includes('/evidence/')).map((f) => f.split('/').pop())).toEqual(files.filter((f) => !conditional.has(f)))
    const early = temp()
    writeDocuments(early, produced(), [], { early: true })
    expect(readFileSync(join(early, REPORT_FILES.junit), 'utf8')).toMatch(/^<\?xml[\s\S]*<\/testsuites>\n$/)
  })

  test('a new format is one entry; it is scrubbed in its own escaping, and an escaped secret is caught even without it', () => {
    const xmlDoc = (escapeForSecrets: ReportDocument['escapeForSecrets']): ReportDocument => ({
      file: 'extra.xml',
      render: (p) => `<run decision="${p.verdict.decision}"><echo>${xmlText(`target echoed ${SECRET}`)}</echo></run>\n`,
      escapeForSecrets,
    })
    const dir = temp()
    writeDocuments(dir, produced(), [SECRET], { early: false }, [...DOCUMENTS, xmlDoc((s) => [xmlText(s, Infinity)])])
    const text = readFileSync(join(dir, 'extra.xml'), 'utf8')
    expect(text).toBe('<run decision="NO-GO"><echo>target echoed ***</echo></run>\n')
    // The same entry without its format's escaping is masked too: redaction matches on a view that decodes
    // entities (core/secret-view.ts), so a format that forgets its escaping does not leak its escaped form.
    const bare = temp()
    writeDocuments(bare, produced(), [SECRET], { early: false }, [xmlDoc(() => [])])
    const bareText = readFileSync(join(bare, 'extra.xml'), 'utf8')
    expect(bareText).not.toContain(xmlText(SECRET))
    expect(bareText).toContain('target echoed ***')
  })

  test('an entry may stream: chunks are written in order, scrubbed, and never left half-written', () => {
    const dir = temp()
    const lines = 40_000 // ~2 MiB: several scrub blocks
    const streaming: ReportDocument = {
      file: 'stream.ndjson',
      render: function* () {
        for (let i = 0; i < lines; i++) yield `${JSON.stringify({ i, note: i % 9999 === 0 ? `leak ${SECRET}` : 'padding-'.repeat(5) })}\n`
      },
      escapeForSecrets: (s) => [JSON.stringify(s).slice(1, -1)],
    }
    writeDocuments(dir, produced(), [SECRET], { early: false }, [streaming])
    const out = readFileSync(join(dir, 'stream.ndjson'), 'utf8').trimEnd().split('\n')
    expect(out).toHaveLength(lines)
    expect(out.map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: lines }, (_, i) => i))
    expect(out.filter((l) => l.includes('leak ***'))).toHaveLength(5)
    expect(readdirSync(dir)).toEqual(['stream.ndjson'])
  })

  test('a renderer that fails mid-stream leaves the earlier file whole and no temporary file', () => {
    const dir = temp()
    writeFileSync(join(dir, 'stream.ndjson'), 'earlier run\n')
    const failing: ReportDocument = {
      file: 'stream.ndjson',
      render: function* () {
        yield 'first line\n'
        throw new Error('renderer broke')
      },
      escapeForSecrets: () => [],
    }
    expect(() => writeDocuments(dir, produced(), [], { early: false }, [failing])).toThrow(/renderer broke/)
    expect(readFileSync(join(dir, 'stream.ndjson'), 'utf8')).toBe('earlier run\n')
    expect(readdirSync(dir)).toEqual(['stream.ndjson'])
    expect(existsSync(join(dir, REPORT_FILES.json))).toBe(false)
  })
})
