// Writing at scale: validation-report.json streamed in chunks (the same bytes as JSON.stringify(…, null, 2), never
// one giant string), and secrets scrubbed once per value of the model before anything is rendered.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { writeDocuments } from '../../reporters/documents.ts'
import { JsonRows, LONG_LIST, prettyJsonChunks } from '../../reporters/json-chunks.ts'
import { produce } from '../../reporters/pipeline.ts'
import { scrubModel } from '../../reporters/scrub-model.ts'
import { sampleLines } from '../../reporters/render-json.ts'
import { say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'
import { attempt, failure, modelWith, question, withAttempt } from './make-model.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLWxvbmctZW5vdWdo'

describe('pretty JSON in chunks', () => {
  test('short lists and small values: byte for byte what JSON.stringify(value, null, 2) writes', () => {
    const values: unknown[] = [
      1,
      'é"\\\n',
      null,
      [],
      {},
      { a: [], b: {}, c: undefined, d: [undefined, () => 1], e: 'x\ny', f: [[], [{}]] },
      { criteria: Array.from({ length: LONG_LIST }, (_, i) => ({ id: `C${i}`, n: [i, { z: null }] })), big: { deep: { er: [1, 2, 3] } } },
    ]
    for (const value of values) expect([...prettyJsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2))
  })

  test('a long list of records: one compact record per line, the same value once parsed, large parts walked', () => {
    const value = {
      questions: Array.from({ length: 3 }, (_, q) => ({
        id: `q${q}`,
        attempts: Array.from({ length: 700 }, (_, i) => ({ i, s: 'é"', n: [1, { z: null }], u: undefined })),
      })),
      mixed: Array.from({ length: 40 }, (_, i) => (i % 10 === 0 ? { big: Array.from({ length: 400 }, (_, j) => [j]) } : [i, { k: i }])),
    }
    const text = [...prettyJsonChunks(value)].join('')
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
    const lines = text.split('\n')
    expect(lines).toContain('        {"i":0,"s":"é\\"","n":[1,{"z":null}]},')
    expect(lines.filter((l) => l.startsWith('        {"i":')).length).toBe(3 * 700)
  })

  test('rows made while written: the same bytes as the array they stand for, at every length around the thresholds', () => {
    for (const n of [0, 1, LONG_LIST, LONG_LIST + 1, 40, 255, 256, 257, 600]) {
      const rows = Array.from({ length: n }, (_, i) => ({ i, s: 'é"', failures: i % 7 === 0 ? ['x'] : [], u: undefined }))
      const asArray = { id: 'q', attempts: rows, after: [1] }
      const asRows = { id: 'q', attempts: new JsonRows(n, () => rows), after: [1] }
      expect([...prettyJsonChunks(asRows)].join('')).toBe([...prettyJsonChunks(asArray)].join(''))
      expect([...prettyJsonChunks({ list: [asRows] })].join('')).toBe([...prettyJsonChunks({ list: [asArray] })].join(''))
      expect(JSON.stringify(asRows)).toBe(JSON.stringify(asArray))
    }
  })

  test('rows are made once per write, whatever the layout decision needs', () => {
    for (const n of [3, 40, 600]) {
      let calls = 0
      const rows = new JsonRows(n, function* () {
        calls++
        for (let i = 0; i < n; i++) yield { i, failures: [] }
      })
      const text = [...prettyJsonChunks({ questions: [{ id: 'q', attempts: rows }] })].join('')
      expect(JSON.parse(text).questions[0].attempts).toHaveLength(n)
      expect(calls).toBe(1)
    }
  })

  test('the written report is the report value, attempts included (built while written, not before)', () => {
    const m = {
      ...modelWith([1000]),
      questions: [
        question(
          'q01',
          Array.from({ length: 300 }, (_, i) => attempt({ latencyMs: 1000 + i })),
        ),
      ],
    }
    const p = produce(m, '2026-11-24T10:00:00.000Z')
    expect(p.json).toBe(`${[...prettyJsonChunks(p.report)].join('')}\n`)
    expect(JSON.parse(p.json).questions[0].attempts.map((a: { latencyMs: number }) => a.latencyMs)).toEqual(
      Array.from({ length: 300 }, (_, i) => 1000 + i),
    )
  })

  test('samples.ndjson comes in chunks of whole lines, one line per request', () => {
    const m = {
      ...modelWith([1000]),
      questions: [
        question(
          'q01',
          Array.from({ length: 1000 }, () => attempt()),
        ),
      ],
    }
    // Without fragments (core/fragments.ts) every chunk is text the reporter made.
    const chunks = [...sampleLines(m)].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8')))
    expect(chunks.length).toBeGreaterThan(1)
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true)
    const lines = chunks.join('').split('\n').filter(Boolean)
    expect(lines.map((l) => JSON.parse(l).attempt)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  })

  test('a large report comes in bounded chunks, never as one string', () => {
    const big = { attempts: Array.from({ length: 20_000 }, (_, i) => ({ index: i, failures: ['x'.repeat(50)] })) }
    const sizes = [...prettyJsonChunks(big)].map((c) => c.length)
    expect(sizes.length).toBeGreaterThan(10)
    expect(Math.max(...sizes)).toBeLessThan(sizes.reduce((a, b) => a + b, 0) / 10)
  })
})

describe('secrets scrubbed once, at the source', () => {
  test('every string of the model (keys too) is redacted; the input is untouched and clean parts are shared', () => {
    let m = modelWith([1000, 1100, 1200])
    m = withAttempt(m, 1, { ok: false, failures: [failure(`echoed ${TOKEN}`)], evidence: { bodyHead: `{"t":"${TOKEN}"}` } })
    m = {
      ...m,
      harnessErrors: [reason('harness.plan', { error: `setup said ${TOKEN}` })],
      questions: [...m.questions, question('q99', [attempt()], { message: `mot ${TOKEN}` })],
    }
    const before = JSON.stringify(m)
    const clean = scrubModel(m, [TOKEN])
    expect(JSON.stringify(m)).toBe(before)
    expect(JSON.stringify(clean)).not.toContain(TOKEN.slice(20, 40))
    expect(clean.questions[1]?.attempts[0]?.failures.map((f) => say(f, 'en'))).toEqual(['echoed ***'])
    expect(clean.harnessErrors).toEqual([reason('harness.plan', { error: 'setup said ***' })])
    expect(clean.questions[0]).toBe(m.questions[0]) // nothing to scrub there: the same object, not a copy
    expect(scrubModel(m, [])).toBe(m)
    // A short secret (4 characters) is still found in short strings, keys included.
    const short = scrubModel(withAttempt(modelWith([1000]), 0, { failures: [failure('pw=abcd')], stages: { abcd: 1 } as never }), ['abcd'])
    expect(JSON.stringify(short)).not.toContain('abcd')
  })

  test('produced with the secrets, the documents are written without a second scan and still hold none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reporter-stream-'))
    dirs.push(dir)
    const m = withAttempt(modelWith([1000, 1000]), 0, { ok: false, failures: [failure(`echoed ${TOKEN}`)] })
    const p = produce(m, '2026-11-24T10:00:00.000Z', undefined, [TOKEN])
    expect(p.scrubbedOf).toEqual([TOKEN])
    const written = writeDocuments(dir, p, [TOKEN])
    for (const f of written) expect(readFileSync(f, 'utf8')).not.toContain(TOKEN.slice(0, 16))
    expect(readFileSync(join(dir, 'validation-report.json'), 'utf8')).toBe(p.json)
    expect(p.json).toContain('echoed ***')
  })
})
