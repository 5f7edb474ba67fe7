// The attempt journal (what Ctrl-C would otherwise lose): concurrent appends from several processes, torn
// lines, duplicates and removal, on real files; read in blocks (a journal past V8's longest string must still
// read) and from where the last read left it.
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dirname } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  appendJournal,
  BLOCK_BYTES,
  completeFromJournal,
  createJournal,
  JournalTail,
  readJournal,
  removeJournal,
  removeOrphanedJournals,
} from '../../core/journal.ts'
import { emptyQuestionRecord, type QuestionRecord } from '../../core/model.ts'
import { attempt } from '../reporters/make-model.ts'

describe('attempt journal', () => {
  test('appends are read back per question, measured and warm-up apart, in index order', () => {
    const path = createJournal()
    try {
      appendJournal(path, { questionId: 'q02', attempt: attempt({ index: 1 }) })
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0, warmup: true }) })
      appendJournal(path, { questionId: 'q02', attempt: attempt({ index: 0, ok: false }) })
      const j = readJournal(path)
      expect([...j.keys()].sort()).toEqual(['q01', 'q02'])
      expect(j.get('q02')?.attempts.map((a) => [a.index, a.ok])).toEqual([
        [0, false],
        [1, true],
      ])
      expect(j.get('q01')?.attempts).toEqual([])
      expect(j.get('q01')?.warmups).toHaveLength(1)
    } finally {
      removeJournal(path)
    }
  })

  test('a torn last line (writer killed) is skipped; a duplicate keeps the last line; a missing file is empty', () => {
    const path = createJournal()
    try {
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0, ok: false }) })
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0, ok: true }) })
      appendFileSync(path, '{"questionId":"q01","attempt":{"ind')
      expect(
        readJournal(path)
          .get('q01')
          ?.attempts.map((a) => a.ok),
      ).toEqual([true])
      writeFileSync(path, 'not json\n{"questionId":3}\n')
      expect(readJournal(path).size).toBe(0)
    } finally {
      removeJournal(path)
    }
    expect(existsSync(dirname(path))).toBe(false)
    expect(readJournal(path).size).toBe(0)
  })

  test('read in blocks: lines that straddle a block boundary, multi-byte text included, are all read whole', () => {
    const path = createJournal()
    try {
      // ~9 MB: more than two 4 MiB blocks, the lines' lengths vary so boundaries fall inside lines and characters.
      const total = 12_000
      for (let i = 0; i < total; i++)
        appendJournal(path, { questionId: `q${i % 7}`, attempt: attempt({ index: i, requestId: `é${'x'.repeat(300 + (i % 257))}€${i}` }) })
      const j = readJournal(path)
      const all = [...j.values()].flatMap((q) => q.attempts)
      expect(all).toHaveLength(total)
      expect(all.every((a) => a.requestId === `é${'x'.repeat(300 + (a.index % 257))}€${a.index}`)).toBe(true)
    } finally {
      removeJournal(path)
    }
  })

  test('a tail reads only what was appended since its last read; a line still being written waits until it is whole', () => {
    const path = createJournal()
    try {
      const tail = new JournalTail(path)
      const seen: number[] = []
      const visit = (e: { attempt: { index: number } }) => seen.push(e.attempt.index)
      expect(tail.read(visit)).toBe(0) // no file yet
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0 }) })
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 1 }) })
      expect(tail.read(visit)).toBe(2)
      expect(tail.read(visit)).toBe(0)
      const line = `${JSON.stringify({ questionId: 'q01', attempt: attempt({ index: 2 }) })}\n`
      appendFileSync(path, line.slice(0, 25))
      expect(tail.read(visit)).toBe(0)
      appendFileSync(path, line.slice(25))
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 3 }) })
      expect(tail.read(visit)).toBe(2)
      expect(seen).toEqual([0, 1, 2, 3])
    } finally {
      removeJournal(path)
    }
  })

  test('a character the block boundary cuts in two is read whole: its line is neither lost nor altered', () => {
    // A structure review (2026-12-05) found the progress line's own reader decoding each block alone: a multi-byte
    // character across two blocks became two U+FFFD. 'é' is 2 bytes, its first byte here the last of the first block.
    const path = createJournal()
    try {
      const head = '{"questionId":"q01","attempt":{"latencyMs":7,"index":0,"requestId":"'
      const filler = 'a'.repeat(BLOCK_BYTES - 1 - Buffer.byteLength(head))
      appendFileSync(path, `${head}${filler}é"}}\n`)
      const ids: string[] = []
      expect(new JournalTail(path).read((e) => ids.push(String(e.attempt.requestId)))).toBe(1)
      expect(ids[0]?.endsWith('aé')).toBe(true)
      expect(ids[0]).not.toContain('\uFFFD')
    } finally {
      removeJournal(path)
    }
  })

  test('keepOpen: the last read still sees what a journal removed meanwhile held; without it, nothing', () => {
    const kept = createJournal()
    const plain = createJournal()
    const held = new JournalTail(kept, { keepOpen: true })
    const reopened = new JournalTail(plain)
    const count = { held: 0, reopened: 0 }
    for (const path of [kept, plain]) appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0 }) })
    count.held += held.read(() => {})
    count.reopened += reopened.read(() => {})
    for (const path of [kept, plain]) {
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 1 }) })
      removeJournal(path) // the reporter drops the journal when the run ends
    }
    count.held += held.read(() => {})
    count.reopened += reopened.read(() => {})
    held.close()
    expect(count).toEqual({ held: 2, reopened: 1 })
  })

  test('a record left at its start snapshot (crashed worker, --bail) is completed from the journal; a final one is kept', () => {
    const path = createJournal()
    try {
      const q = (id: string): QuestionRecord =>
        emptyQuestionRecord(
          {
            id,
            category: 'transaction_search_simple',
            message: id,
            expectedIntent: 'transaction_search.simple',
            expectsData: true,
            visualizationExpected: true,
          },
          3,
        )
      for (const i of [0, 1, 2]) appendJournal(path, { questionId: 'q01', attempt: attempt({ index: i, ok: i !== 1 }) })
      appendJournal(path, { questionId: 'q01', attempt: attempt({ index: 0, warmup: true }) })
      appendJournal(path, { questionId: 'q02', attempt: attempt({ index: 0 }) })
      appendJournal(path, { questionId: 'q03', attempt: attempt({ index: 0, latencyMs: 999 }) })
      // its start snapshot, as if marked scrubbed at the source (reporters/scrub-model.ts): completed, it is not any more
      const started = { ...q('q01'), warmups: [attempt({ index: 0, warmup: true, latencyMs: 7 })], scrubbedFor: 'key' }
      const final = { ...q('q03'), attempts: [attempt({ index: 0, latencyMs: 5 })] }
      const recorded = [started, final]
      completeFromJournal(recorded, [q('q01'), q('q02'), q('q03')], readJournal(path), null)
      const byId = new Map(recorded.map((r) => [r.id, r]))
      expect(byId.get('q01')?.attempts.map((a) => [a.index, a.ok])).toEqual([
        [0, true],
        [1, false],
        [2, true],
      ])
      expect(byId.get('q01')?.warmups.map((a) => a.latencyMs)).toEqual([7]) // the record's copy of a warm-up it had
      expect(byId.get('q01')?.scrubbedFor).toBeUndefined() // the journal's attempts are scrubbed by the reporter
      expect(byId.get('q02')?.attempts).toHaveLength(1) // no record at all: the journal stands in
      expect(byId.get('q03')).toBe(final) // nothing missing: the same record
      expect(recorded).toHaveLength(3)
    } finally {
      removeJournal(path)
    }
  })

  test("a journal left by a killed run (its owner process is gone) is removed when the next one is created; a live owner's stays", () => {
    const dir = mkdtempSync(join(tmpdir(), 'journals-'))
    try {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
      const orphan = join(dir, `harena-journal-${dead}-abc`)
      const live = join(dir, `harena-journal-${process.pid}-def`)
      const other = join(dir, 'harena-journal-xyz') // not named after an owner: left alone
      for (const d of [orphan, live, other]) mkdirSync(d)
      writeFileSync(join(orphan, 'attempts.ndjson'), '{}\n')
      expect(removeOrphanedJournals(dir)).toBe(1)
      expect([existsSync(orphan), existsSync(live), existsSync(other)]).toEqual([false, true, true])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const path = createJournal()
    expect(path).toContain(`harena-journal-${process.pid}-`)
    removeJournal(path)
  })

  test('four processes appending 250 attempts each: 1000 whole lines, none lost or interleaved', async () => {
    const path = createJournal()
    const writer = `
      const { appendFileSync } = require('node:fs')
      const [path, id] = process.argv.slice(-2)
      const pad = 'x'.repeat(2000) // a realistic record size, well past tiny-line luck
      for (let i = 0; i < 250; i++) appendFileSync(path, JSON.stringify({ questionId: id, attempt: { index: i, warmup: false, pad } }) + '\\n')
    `
    try {
      await Promise.all(
        ['a', 'b', 'c', 'd'].map(
          (id) =>
            new Promise<void>((resolve, reject) => {
              const child = spawn(process.execPath, ['-e', writer, path, id], { stdio: 'ignore' })
              child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${id} exited ${code}`))))
            }),
        ),
      )
      const j = readJournal(path)
      for (const id of ['a', 'b', 'c', 'd']) expect(j.get(id)?.attempts.map((a) => a.index)).toEqual(Array.from({ length: 250 }, (_, i) => i))
    } finally {
      removeJournal(path)
    }
  })
})
