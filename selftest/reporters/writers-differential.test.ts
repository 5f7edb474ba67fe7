// The streaming writers (reporters/json-chunks.ts, reporters/render-json.ts sampleLines) against the plain value
// they stand for, on a model with every shape an attempt can take (varied-model.ts): unicode, quotes, control
// characters, lone surrogates, null and absent fields, odd numbers, streamed attempts, warm-ups, notes. A change
// that makes the writers faster must keep these bytes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { secretForms } from '../../core/secrets.ts'
import { writeDocuments } from '../../reporters/documents.ts'
import { evidencePlan } from '../../reporters/evidence.ts'
import { prettyJsonChunks, recordsJoined } from '../../reporters/json-chunks.ts'
import { produce } from '../../reporters/pipeline.ts'
import { sampleLines } from '../../reporters/render-json.ts'
import { VARIED_SECRET, variedModel } from './varied-model.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const AT = '2026-11-24T10:00:00.000Z'
const round3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000)
/** What JSON makes of a value: non-finite numbers become null, -0 becomes 0, undefined keys go. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null')

describe('the writers on a varied model', () => {
  test('validation-report.json as streamed is the report value written whole, long and short attempt lists alike', () => {
    // 300 attempts: written one compact row per line as they are made; 40: built, then written as an array.
    for (const model of [variedModel(4, 300), variedModel(5, 40, 9)]) {
      const p = produce(model, AT, undefined, [VARIED_SECRET])
      expect(p.json).toBe(`${[...prettyJsonChunks(p.report)].join('')}\n`)
      expect(JSON.parse(p.json)).toEqual(asJson(p.report))
      // Every shape made it into the file: the model is varied enough to test anything.
      expect(p.json).toContain('\\ud800')
      expect(p.json).toContain('"ttfbMs":null')
      expect(p.json).toContain('"noteCodes":[')
      expect(p.json).toContain('"grounding":"')
      expect(p.json).toContain('"evidenceFile":"')
    }
  })

  test('samples.ndjson: one line per request in model order, each exactly JSON.stringify of its record', () => {
    const model = variedModel(4, 300)
    const text = [...sampleLines(model)].join('')
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    const requests = model.questions.flatMap((q) => [...q.warmups, ...q.attempts].map((a) => ({ q, a })))
    expect(lines).toHaveLength(requests.length)
    lines.forEach((line, i) => {
      const { q, a } = requests[i] as (typeof requests)[number]
      const parsed = JSON.parse(line) as Record<string, unknown>
      // JSON.stringify's own layout (no space, its escapes, shortest numbers): the same text once more.
      expect(JSON.stringify(parsed)).toBe(line)
      const expected: Record<string, unknown> = {
        questionId: q.id,
        category: q.category,
        attempt: a.index + 1, // 1-based, as its evidence file is named
        kind: q.probe === true ? 'probe' : a.warmup ? 'warmup' : 'attempt',
        warmup: a.warmup,
        startedAt: a.startedAt,
        ok: a.ok,
        httpStatus: a.httpStatus,
        latencyMs: round3(a.latencyMs),
        ttfbMs: round3(a.ttfbMs),
        timedOut: a.timedOut,
        critical: a.critical,
        stages: a.stages,
        ...(a.stream
          ? {
              firstEventMs: round3(a.stream.firstEventMs),
              ttfcMs: round3(a.stream.firstContentMs),
              chunks: a.stream.contentChunks,
              completed: a.stream.completed,
            }
          : {}),
        ...(a.rateLimited ? { rateLimited: true } : {}),
        ...(a.requestId !== undefined ? { requestId: a.requestId } : {}),
        ...(a.clientRequestId !== undefined ? { clientRequestId: a.clientRequestId } : {}),
      }
      expect(line).toBe(JSON.stringify(expected))
    })
  })

  test('records joined in one JSON.stringify call: the same text as one call per record, whatever the records hold', () => {
    const perRecord = (rows: unknown[], sep: string) =>
      rows.map((r) => JSON.stringify(r === undefined || typeof r === 'function' ? null : r) ?? 'null').join(sep)
    const lists: unknown[][] = [
      [],
      [{ index: 0 }],
      [{ index: 0, s: 'a' }, { index: 1, s: '},{"index":2' }, { index: 3 }],
      // The separator itself, outside any string, inside a record: one piece too many, so one call per record.
      [{ index: 0, nested: [{}, { index: 9 }] }, { index: 1 }],
      // A record without its first key, another with the sequence: the counts balance, the check must not be fooled.
      [{ index: 0 }, { ok: true }, { index: 2, nested: [{}, { index: 9 }] }],
      [{ index: undefined, ok: true }, { index: 1 }],
      [{ index: 0 }, null, 5, 'x', [1], undefined, { index: 6 }],
      [{ index: 0 }, { toJSON: () => ({ other: 1 }) }, { index: 2 }],
      [
        { index: Number.NaN, v: -0 },
        { index: 'é"\u2028', w: [undefined] },
      ],
    ]
    for (const rows of lists) for (const sep of [',\n      ', '\n']) expect(recordsJoined(rows, 'index', sep)).toBe(perRecord(rows, sep))
    expect(recordsJoined([{ a: 1 }, { a: 2 }], undefined, ',')).toBe('{"a":1},{"a":2}')
  })

  test('a record holding the separator outside a string (a stage value of the wrong type) is still written as its value', () => {
    const model = variedModel(2, 300, 13)
    const odd = model.questions[1]?.attempts[7]
    if (odd === undefined) throw new Error('the varied model has these attempts')
    odd.stages = { search: [{}, { index: 1 }, {}, { questionId: 'q' }] } as never
    const p = produce(model, AT)
    expect(p.json).toBe(`${[...prettyJsonChunks(p.report)].join('')}\n`)
    expect(p.json).toContain('"stages":{"search":[{},{"index":1},{},{"questionId":"q"}]}')
    expect(p.samples.split('\n').filter((l) => l.includes('"search":[{},{"index":1},{},{"questionId":"q"}]'))).toHaveLength(1)
  })

  test('one evidence plan for the run: the files written, the Markdown links and the JSON evidenceFile are its paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writers-differential-'))
    dirs.push(dir)
    const p = produce(variedModel(3, 300, 5), AT, undefined, [VARIED_SECRET])
    // The plan the pipeline shares is the one evidencePlan makes of the rendered model (reporters/pipeline.ts).
    expect(p.evidence).toEqual(evidencePlan(p.model))
    const paths = p.evidence.files.map((f) => f.path)
    expect(paths.length).toBe(100)
    expect(p.evidence.leftOut).toBeGreaterThan(0)
    const written = writeDocuments(dir, p, [VARIED_SECRET])
    expect(written.filter((f) => f.includes('/evidence/')).map((f) => `evidence/${f.split('/').pop()}`)).toEqual(paths)
    const linked = [...p.markdown.matchAll(/\]\((evidence\/[^)]+)\)/g)].map((m) => m[1])
    expect(new Set(linked)).toEqual(new Set(paths))
    const named = p.report.questions.flatMap((q) => q.attempts.flatMap((a) => (a.evidenceFile === undefined ? [] : [a.evidenceFile])))
    // Warm-ups get a file too, but the JSON lists measured attempts only.
    expect(named.length).toBeGreaterThan(0)
    for (const file of named) expect(paths).toContain(file)
    expect(readFileSync(join(dir, 'validation-report.json'), 'utf8')).toBe(p.json)
  })

  test('no document holds the secret, scrubbed at the source or scanned in the text', () => {
    // The JWT's header is the same in every HS256 token (public, core/secret-forms.ts): a cut that keeps it alone
    // leaks nothing. Its payload and signature, in any form, must not appear.
    const header = `${VARIED_SECRET.split('.')[0]}.`
    const forms = secretForms([VARIED_SECRET]).flatMap((f) =>
      f.startsWith(header) ? [f.slice(header.length, header.length + 16), f.slice(-16)] : [f.slice(0, 16)],
    )
    for (const scrubbedAtSource of [true, false]) {
      const dir = mkdtempSync(join(tmpdir(), 'writers-differential-'))
      dirs.push(dir)
      const p = produce(variedModel(3, 300, 5), AT, undefined, scrubbedAtSource ? [VARIED_SECRET] : [])
      const written = writeDocuments(dir, p, [VARIED_SECRET], { early: true })
      expect(written.length).toBeGreaterThan(5)
      for (const file of written) {
        const content = readFileSync(file, 'utf8')
        for (const form of forms) expect(content, `${file} (scrubbed at the source: ${scrubbedAtSource})`).not.toContain(form)
      }
      expect(readFileSync(join(dir, 'samples.ndjson'), 'utf8').length).toBeGreaterThan(10_000)
    }
  })
})
