// The attempt journal: every attempt a worker records is also appended, synchronously, to one ndjson file the
// main process can read at any moment. Why: Vitest sends a test's task.meta to the main process only when the
// test finishes, so on Ctrl-C the attempts of a question still in flight would be lost — and a report that
// forgets measured requests is not honest. The reporter's signal handler reads this file instead.
//
// One line = one attempt of one question, written with one write() on a descriptor opened once per process with
// O_APPEND (not an open/write/close per attempt), so lines from concurrent workers do not interleave; a torn
// last line (process killed mid-write) is skipped on read.
//
// Read in blocks, a line at a time, never as one string: a run of 1,000,000 attempts journals ~0.5 GB, past the
// longest string V8 makes (~512 MiB), so reading it whole would throw on Ctrl-C or at a late re-login — exactly
// when the journal is needed. A JournalTail reads only what was appended since its last read (the auth broker
// asks it at every refusal, the progress line at every poll: O(new lines), not O(run)). It is the one reader of this
// format: bytes are cut into lines before they are decoded, so a character a block boundary splits is read whole.
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { AttemptRecord, QuestionRecord } from './model.ts'
import { type Observes, subtypeObservable } from './observes.ts'
import { processRuns } from './proc-stat.ts'

export interface JournalEntry {
  questionId: string
  attempt: AttemptRecord
}

const PREFIX = 'harena-journal-'

/**
 * A fresh journal file in a private temporary directory (never in the report directory), named after the process
 * that owns it. A run killed with SIGKILL cannot remove its journal (the measured bodies' attempts, ~0.5 KB each):
 * the journals of owners that no longer exist are removed here, when the next run starts.
 */
export function createJournal(): string {
  removeOrphanedJournals()
  return join(mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`)), 'attempts.ndjson')
}

/** Removes the journal directories whose owning process is gone; returns how many. */
export function removeOrphanedJournals(dir: string = tmpdir()): number {
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of names) {
    const owner = /^harena-journal-(\d+)-/.exec(name)
    if (owner === null || processRuns(Number(owner[1]))) continue
    try {
      rmSync(join(dir, name), { recursive: true, force: true })
      removed++
    } catch {
      // another user's, or being removed: not ours to insist on
    }
  }
  return removed
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

/** Bytes read per block: a few thousand lines; memory stays this plus the longest line. */
export const BLOCK_BYTES = 1 << 22

/**
 * Reads the entries appended to `path` since the last call, in order, one line at a time (see above). A line
 * still being written (no newline yet) waits for the next call; a line that is not a journal entry is skipped.
 * `keepOpen`: the file is opened at the first read that finds it and stays open until close(), so a last read still
 * sees what a removed journal held (the progress line's final figures: the reporter removes the journal at the end of
 * the run, maybe first). Without it each read opens and closes the file.
 */
export class JournalTail {
  private offset = 0
  /** The start of a line whose end has not been read yet. */
  private pending: Buffer = Buffer.alloc(0)
  private fd: number | null = null

  constructor(
    readonly path: string,
    private readonly options: { keepOpen?: boolean } = {},
  ) {}

  /** Calls `visit` with each whole new entry; returns how many were read. */
  read(visit: (entry: JournalEntry) => void): number {
    const fd = this.open()
    if (fd === null) return 0
    let count = 0
    try {
      const size = fstatSync(fd).size
      const block = Buffer.allocUnsafe(BLOCK_BYTES)
      while (this.offset < size) {
        const n = readSync(fd, block, 0, Math.min(BLOCK_BYTES, size - this.offset), this.offset)
        if (n <= 0) break
        this.offset += n
        const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, block.subarray(0, n)]) : block.subarray(0, n)
        let start = 0
        for (let nl = bytes.indexOf(10, start); nl !== -1; nl = bytes.indexOf(10, start)) {
          const entry = entryOf(bytes.toString('utf8', start, nl))
          start = nl + 1
          if (entry === null) continue
          visit(entry)
          count++
        }
        // Copied: `block` is reused for the next read.
        this.pending = Buffer.from(bytes.subarray(start))
      }
    } finally {
      if (this.options.keepOpen !== true) closeSync(fd)
    }
    return count
  }

  /** Closes the file a keepOpen tail holds. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }

  /** The descriptor to read from, null while the file does not exist. */
  private open(): number | null {
    if (this.fd !== null) return this.fd
    if (!existsSync(this.path)) return null
    const fd = openSync(this.path, 'r')
    if (this.options.keepOpen === true) this.fd = fd
    return fd
  }
}

function entryOf(line: string): JournalEntry | null {
  if (line.trim() === '') return null
  let entry: JournalEntry
  try {
    entry = JSON.parse(line) as JournalEntry
  } catch {
    return null // torn line of a killed writer
  }
  return typeof entry?.questionId === 'string' && typeof entry.attempt?.index === 'number' ? entry : null
}

/** Attempts per question id, in index order; duplicates (same question, kind and index) keep the last line. */
export function readJournal(path: string): Map<string, JournaledQuestion> {
  const out = new Map<string, JournaledQuestion>()
  const keyed = new Map<string, JournalEntry>()
  new JournalTail(path).read((entry) => {
    keyed.set(`${entry.questionId}\u0000${entry.attempt.warmup ? 'w' : 'm'}\u0000${entry.attempt.index}`, entry)
  })
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

/**
 * The run's records completed from the journal, in place: a planned question with no record gets its journaled
 * attempts; a record that lacks some journaled attempt (the snapshot a question published when it started, left
 * there by a crashed worker, --bail or a signal) gets the missing ones, by kind and index — the same attempt
 * recorded twice is kept once, the record's copy.
 */
export function completeFromJournal(
  recorded: QuestionRecord[],
  plan: readonly QuestionRecord[],
  journal: ReadonlyMap<string, JournaledQuestion>,
  observes: Observes | null | undefined,
): void {
  const at = new Map(recorded.map((r, i) => [r.id, i]))
  for (const p of plan) {
    const j = journal.get(p.id)
    if (j === undefined) continue
    const i = at.get(p.id)
    const base = i === undefined ? p : (recorded[i] as QuestionRecord)
    const attempts = missingAdded(base.attempts, j.attempts)
    const warmups = missingAdded(base.warmups, j.warmups)
    if (attempts === base.attempts && warmups === base.warmups && i !== undefined) continue
    // The journal's attempts were not scrubbed with the record: the reporter scrubs the completed record whole.
    const { scrubbedFor: _, ...unmarked } = base
    const completed = { ...unmarked, attempts, warmups, subtypeObservable: subtypeObservable(observes, [...warmups, ...attempts]) }
    if (i === undefined) recorded.push(completed)
    else recorded[i] = completed
  }
}

/** `have` with the attempts of `journaled` whose index it lacks, in index order; `have` itself when none is missing. */
function missingAdded(have: AttemptRecord[], journaled: AttemptRecord[]): AttemptRecord[] {
  const known = new Set(have.map((a) => a.index))
  const missing = journaled.filter((a) => !known.has(a.index))
  return missing.length === 0 ? have : [...have, ...missing].sort((a, b) => a.index - b.index)
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
