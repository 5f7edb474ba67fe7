// The attempt journal: every attempt a worker records is also appended, synchronously, to one ndjson file the
// main process can read at any moment. Why: Vitest sends a test's task.meta to the main process only when the
// test finishes, so on Ctrl-C the attempts of a question still in flight would be lost — and a report that
// forgets measured requests is not honest. The reporter's signal handler reads this file instead.
//
// One line = one attempt of one question, written with one write() on a descriptor opened once per process with
// O_APPEND (not an open/write/close per attempt), so lines from concurrent workers do not interleave; a torn
// last line (process killed mid-write) is skipped on read.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { AttemptRecord } from './model.ts'

export interface JournalEntry {
  questionId: string
  attempt: AttemptRecord
}

/** A fresh journal file in a private temporary directory (never in the report directory). */
export function createJournal(): string {
  return join(mkdtempSync(join(tmpdir(), 'harena-journal-')), 'attempts.ndjson')
}

const descriptors = new Map<string, number>()

export function appendJournal(path: string, entry: JournalEntry): void {
  let fd = descriptors.get(path)
  if (fd === undefined) {
    fd = openSync(path, 'a')
    descriptors.set(path, fd)
  }
  writeSync(fd, `${JSON.stringify(entry)}\n`)
}

export interface JournaledQuestion {
  attempts: AttemptRecord[]
  warmups: AttemptRecord[]
}

/** Attempts per question id, in index order; duplicates (same question, kind and index) keep the last line. */
export function readJournal(path: string): Map<string, JournaledQuestion> {
  const out = new Map<string, JournaledQuestion>()
  if (!existsSync(path)) return out
  const keyed = new Map<string, JournalEntry>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    let entry: JournalEntry
    try {
      entry = JSON.parse(line) as JournalEntry
    } catch {
      continue // torn line of a killed writer
    }
    if (typeof entry?.questionId !== 'string' || typeof entry.attempt?.index !== 'number') continue
    keyed.set(`${entry.questionId}\u0000${entry.attempt.warmup ? 'w' : 'm'}\u0000${entry.attempt.index}`, entry)
  }
  for (const { questionId, attempt } of keyed.values()) {
    const q = out.get(questionId) ?? { attempts: [], warmups: [] }
    ;(attempt.warmup ? q.warmups : q.attempts).push(attempt)
    out.set(questionId, q)
  }
  for (const q of out.values()) {
    q.attempts.sort((a, b) => a.index - b.index)
    q.warmups.sort((a, b) => a.index - b.index)
  }
  return out
}

/** Removes the journal and its private directory. */
export function removeJournal(path: string): void {
  const fd = descriptors.get(path)
  if (fd !== undefined) {
    descriptors.delete(path)
    closeSync(fd)
  }
  rmSync(dirname(path), { recursive: true, force: true })
}
