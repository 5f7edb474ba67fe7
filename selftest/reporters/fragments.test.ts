// Serialized at the source (core/fragments.ts): every document a run writes from the workers' fragments must be
// the bytes it writes without them, and a fragment that does not match the model to the letter must not be used.
// The model is the varied one of the writers' differential test (unicode, lone surrogates, odd numbers, a secret in
// the texts, evidence files), its questions long enough for the JSON's one-row-per-line layout and short enough for
// the pretty one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { RunModel } from '../../core/model.ts'
import { writeDocuments } from '../../reporters/documents.ts'
import { Fragments, writeFragment } from '../../core/fragments.ts'
import { LONG_LIST, rowSeparator } from '../../reporters/json-chunks.ts'
import { ATTEMPT_ROW_SEPARATOR } from '../../core/attempt-json.ts'
import { emptyQuestionRecord } from '../../core/model.ts'
import { mergeQuestions } from '../../reporters/validation-reporter.ts'
import { produce } from '../../reporters/pipeline.ts'
import { scrubbedAtSource } from '../../core/scrub.ts'
import { VARIED_SECRET, variedModel } from './varied-model.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
const tempDir = (name: string): string => {
  const d = mkdtempSync(join(tmpdir(), `harena-fragments-${name}-`))
  dirs.push(d)
  return d
}

const AT = '2026-12-03T08:00:00.000Z'
const SECRETS = [VARIED_SECRET, 'Bearer another-token-0123456789']

/** Every file of a report directory (evidence included), by relative path. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.set(path.slice(dir.length + 1), readFileSync(path, 'utf8'))
  }
  return out
}

/** The documents written with the fragments in `fragmentsDir` (when given), and how many questions used them. */
function written(model: RunModel, fragmentsDir?: string, secrets = SECRETS): { files: Map<string, string>; used: Fragments['used'] | null } {
  const fragments = fragmentsDir === undefined ? undefined : new Fragments(fragmentsDir, secrets)
  const out = tempDir('out')
  writeDocuments(out, produce(model, AT, undefined, secrets, fragments), secrets)
  return { files: filesOf(out), used: fragments?.used ?? null }
}

/** The model as the workers hand it over: each question scrubbed of `secrets` at the source, and marked so. */
const atSource = (model: RunModel, secrets = SECRETS): RunModel => ({ ...model, questions: model.questions.map((q) => scrubbedAtSource(q, secrets)) })

/** What the workers write as their questions end. */
function writeAll(model: RunModel, secrets = SECRETS): string {
  const dir = tempDir('frag')
  for (const q of atSource(model, secrets).questions) writeFragment(dir, q, secrets)
  return dir
}

describe('documents from fragments', () => {
  // 300 attempts: the JSON's rows come from the fragment; 12: laid out pretty, only the samples do.
  const long = variedModel(3, 300)
  const short = variedModel(2, 12, 5)

  test('are byte for byte the documents serialized by the reporter, secrets scrubbed alike', () => {
    for (const model of [long, short]) {
      const plain = written(model)
      const viaFragments = written(atSource(model), writeAll(model))
      expect([...viaFragments.files.keys()].sort()).toEqual([...plain.files.keys()].sort())
      for (const [name, text] of plain.files) expect(viaFragments.files.get(name), name).toBe(text)
      // The shortcut was taken: every question's samples, and the rows of every long list.
      const longLists = model.questions.filter((q) => q.attempts.filter((a) => !a.warmup).length > 256).length
      expect(viaFragments.used).toEqual({ samples: model.questions.length, rows: longLists })
      // And the documents are clean of the secret the texts echo, and name the evidence files of failed attempts.
      const json = plain.files.get('validation-report.json') ?? ''
      expect(json).not.toContain(VARIED_SECRET)
      expect(plain.files.get('samples.ndjson') ?? '').not.toContain(VARIED_SECRET)
      if (model === long) expect(json).toContain('"evidenceFile":"')
    }
    expect(LONG_LIST).toBeLessThan(300)
  })

  test('a question whose id or category holds a secret: matched to its plan once, its fragment used, nothing leaked', () => {
    // The worker scrubs the attempts only: the merge finds a question by its id as the plan has it (a scrubbed id
    // met no plan entry, and the question was counted twice).
    const q = long.questions[0]
    if (q === undefined) throw new Error('no question')
    const secretive = { ...q, id: `q01-${VARIED_SECRET}`, category: `cat-${SECRETS[1]}` }
    const plan = [emptyQuestionRecord({ ...secretive, visualizationExpected: true }, 300)]
    const merged = mergeQuestions(plan, [scrubbedAtSource(secretive, SECRETS)])
    expect(merged.map((m) => [m.id, m.attempts.length])).toEqual([[secretive.id, q.attempts.length]])
    const model = { ...long, questions: merged }
    const plain = written({ ...long, questions: [secretive] })
    const viaFragments = written(model, writeAll({ ...long, questions: [secretive] }))
    expect(viaFragments.used).toEqual({ samples: 1, rows: 1 })
    for (const [name, text] of plain.files) expect(viaFragments.files.get(name), name).toBe(text)
    for (const text of viaFragments.files.values()) {
      expect(text).not.toContain(VARIED_SECRET)
      expect(text).not.toContain('another-token-0123456789')
    }
  })

  test('read by the reporter (removeOnRead): each file removed once read; a second write is the same bytes, serialized', () => {
    const plain = written(long)
    const dir = writeAll(long)
    expect(readdirSync(dir).length).toBeGreaterThan(0)
    const fragments = new Fragments(dir, SECRETS, { removeOnRead: true })
    const model = atSource(long)
    const first = tempDir('out')
    writeDocuments(first, produce(model, AT, undefined, SECRETS, fragments), SECRETS)
    expect(fragments.used.samples).toBe(long.questions.length)
    // Every fragment read is gone: its pages are free for the documents being written (core/fragments.ts).
    expect(readdirSync(dir)).toEqual([])
    const second = tempDir('out')
    writeDocuments(second, produce(model, AT, undefined, SECRETS, fragments), SECRETS)
    expect(fragments.used.samples).toBe(long.questions.length) // nothing more came from a fragment
    for (const out of [first, second]) for (const [name, text] of plain.files) expect(filesOf(out).get(name), name).toBe(text)
  })

  test("the rows are joined as the JSON writer joins a long list at the attempts' depth", () => {
    expect(ATTEMPT_ROW_SEPARATOR).toBe(rowSeparator(3))
  })

  test('made with other secrets, they are not used: the reporter serializes and scrubs itself', () => {
    const plain = written(long)
    // The worker knew the first token only (the re-login came after its question ended): not the reporter's list.
    // Its records, scrubbed of that one only, are scrubbed again by the reporter.
    const stale = written(atSource(long, [SECRETS[1] as string]), writeAll(long, [SECRETS[1] as string]))
    expect(stale.used).toEqual({ samples: 0, rows: 0 })
    for (const [name, text] of plain.files) expect(stale.files.get(name), name).toBe(text)
    expect(stale.files.get('samples.ndjson')).not.toContain(VARIED_SECRET)
    // Same secrets in another order: not the same key either (scrubbing overlapping secrets depends on the order).
    const reordered = written(atSource(long, [...SECRETS].reverse()), writeAll(long, [...SECRETS].reverse()))
    expect(reordered.used).toEqual({ samples: 0, rows: 0 })
    for (const [name, text] of plain.files) expect(reordered.files.get(name), name).toBe(text)
  })

  test('a model scrubbed at the source is not scrubbed again, and reads the same', () => {
    const plain = written(long)
    // No fragment at all (a worker that could not write them): the records the workers scrubbed are taken as they are.
    const marked = written(atSource(long))
    for (const [name, text] of plain.files) expect(marked.files.get(name), name).toBe(text)
    // The attempts of a record marked for these secrets are not walked again (the same arrays come out)...
    const marked0 = atSource(long)
    const q = marked0.questions[0]
    if (q === undefined) throw new Error('no question')
    const kept = produce(marked0, AT, undefined, SECRETS).model.questions[0]
    expect(kept?.attempts).toBe(q.attempts)
    expect(kept?.warmups).toBe(q.warmups)
    // ...but the rest of the record is: the merge takes a question's texts from the plan, which no worker scrubbed.
    const planted = {
      ...marked0,
      questions: [{ ...q, message: `${q.message} ${VARIED_SECRET}`, id: `q-${VARIED_SECRET}` }, ...marked0.questions.slice(1)],
    }
    const scrubbed = produce(planted, AT, undefined, SECRETS).model.questions[0]
    expect(scrubbed?.message).not.toContain(VARIED_SECRET)
    expect(scrubbed?.id).not.toContain(VARIED_SECRET)
    expect(scrubbed?.attempts).toBe(q.attempts)
    expect(written(planted, writeAll(planted)).files.get('validation-report.json')).not.toContain(VARIED_SECRET)
    // Marked for other secrets: its attempts are walked again.
    const other = atSource(long, ['unrelated-secret-value'])
    expect(produce(other, AT, undefined, SECRETS).model.questions[0]?.attempts).not.toBe(other.questions[0]?.attempts)
  })

  test('a question whose record changed after its fragment was written is serialized from the model', () => {
    const dir = writeAll(long)
    // As completeFromJournal adds a crashed worker's journaled attempt, or a merge another shard's: one more attempt.
    const grown = structuredClone(atSource(long))
    const q0 = grown.questions[0]
    if (q0 === undefined) throw new Error('no question')
    q0.attempts.push({ ...(q0.attempts[0] as (typeof q0.attempts)[number]), index: 300 })
    // Same count, one latency changed (a record that is not the one the worker wrote).
    const q1 = grown.questions[1]
    if (q1 === undefined) throw new Error('no question')
    const changed = q1.attempts.find((a) => !a.warmup && Number.isFinite(a.latencyMs) && a.latencyMs > 100)
    if (changed === undefined) throw new Error('no attempt')
    changed.latencyMs += 1
    const plain = written(grown)
    const mixed = written(grown, dir)
    expect(plain.files.get('samples.ndjson')).not.toContain(VARIED_SECRET)
    expect(mixed.used).toEqual({ samples: grown.questions.length - 2, rows: grown.questions.length - 2 })
    for (const [name, text] of plain.files) expect(mixed.files.get(name), name).toBe(text)
  })

  test('a torn, emptied, cut, grown, foreign or missing fragment is not used', () => {
    const dir = writeAll(long)
    const names = readdirSync(dir).sort()
    expect(names.filter((n) => n.endsWith('.samples'))).toHaveLength(long.questions.length)
    const [a, b, c] = names.filter((n) => n.endsWith('.rows'))
    if (a === undefined || b === undefined || c === undefined) throw new Error('three questions expected')
    // Cut mid-line (a full disk), emptied, and another question's file in its place.
    const aPath = join(dir, a)
    truncateSync(aPath, Math.floor(readFileSync(aPath).length / 2))
    writeFileSync(join(dir, b), '')
    writeFileSync(join(dir, c), readFileSync(join(dir, names.find((n) => n.endsWith('.samples')) as string)))
    // And a samples file cut right after a newline (whole lines, too few of them), another one with a line more.
    const [s1, s2] = names.filter((n) => n.endsWith('.samples'))
    if (s1 === undefined || s2 === undefined) throw new Error('samples files expected')
    const s1Text = readFileSync(join(dir, s1), 'utf8')
    writeFileSync(join(dir, s1), s1Text.split('\n').slice(0, 11).join('\n').concat('\n'))
    const s2Text = readFileSync(join(dir, s2), 'utf8')
    writeFileSync(join(dir, s2), `${s2Text}${s2Text.split('\n')[1]}\n`)
    const plain = written(long)
    const broken = written(atSource(long), dir)
    expect(broken.used).toEqual({ samples: long.questions.length - 2, rows: 0 })
    for (const [name, text] of plain.files) expect(broken.files.get(name), name).toBe(text)
    // No directory at all (no worker wrote one): the reporter's own serialization, nothing thrown.
    const none = written(long, join(dir, 'absent'))
    expect(none.used).toEqual({ samples: 0, rows: 0 })
    for (const [name, text] of plain.files) expect(none.files.get(name), name).toBe(text)
  })
})
