// Serialized at the source (issue 14): when a worker's question ends, the worker writes that question's lines of
// samples.ndjson and its rows of validation-report.json (`questions[].attempts[]`) — scrubbed of the run's secrets
// exactly as the reporter would scrub them — into the run's private temporary directory (beside the attempt journal,
// core/journal.ts). At the end of the run the reporter copies that text instead of serializing every attempt again
// on its one thread: at 1,000,000 attempts, serializing them was ~8 s of the reporter's ~12 s, while in the
// workers it is a few microseconds per attempt, spread over the run and over the workers.
//
// A fragment is only ever a shortcut to the same bytes. It is used for a question only when everything it was made
// from is what the reporter holds: the same question id and category, the same secrets in the same order (a
// re-login after the question ended adds a token: the reporter then serializes that question itself), the same
// number of warm-ups and attempts, and the same digest of their indexes, times and outcomes (a record completed
// from the journal after a crash, or merged from shards, differs). Anything else — no file, a torn file, another
// version — and the reporter serializes the question from its model, as it always did.
// selftest/reporters/fragments.test.ts compares every document written both ways, byte for byte.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { QuestionRecord } from './model.ts'
import { ATTEMPT_ROW_SEPARATOR, attemptJson, FAILURE_LOCALE, sampleJson } from './attempt-json.ts'
import { scrubberOf, secretsKey } from './scrub.ts'
import { writeAtomic } from './report-files.ts'

const VERSION = 1

/** Where a run's workers write their fragments: beside the run's attempt journal, removed with it. */
export function fragmentsDirOf(journalPath: string): string {
  return join(dirname(journalPath), 'fragments')
}

interface Header {
  v: number
  questionId: string
  category: string
  /** secretsKey() of the secrets the question was scrubbed of. */
  key: string
  lines: number
  /** The UTF-8 length of what follows the header line: a file cut anywhere, even between two lines, is not whole. */
  bytes: number
  digest: string
  /** Rows only: what separates two of them (the JSON report's layout, core/attempt-json.ts ATTEMPT_ROW_SEPARATOR). */
  sep?: string
}

/** A question's rows as its fragment holds them. */
export interface FragmentRows {
  count: number
  /** The compact JSON of each measured attempt (without evidenceFile), joined by `sep`, UTF-8. */
  bytes: Uint8Array
  sep: string
}

/**
 * A digest of what a question's fragment was made from: each warm-up's and attempt's position, index, outcome and
 * times. Cheap (no hashing library call per attempt: the reporter computes it over every attempt of the run).
 */
const digests = new WeakMap<QuestionRecord, string>()
export function attemptsDigest(q: QuestionRecord): string {
  let digest = digests.get(q)
  if (digest === undefined) digests.set(q, (digest = digestOf(q)))
  return digest
}

function digestOf(q: QuestionRecord): string {
  let hash = 0
  for (const list of [q.warmups, q.attempts])
    for (const a of list) {
      hash = (Math.imul(hash, 31) + a.index * 8 + (a.warmup ? 4 : 0) + (a.ok ? 2 : 0) + (a.timedOut ? 1 : 0)) | 0
      hash = (Math.imul(hash, 31) + (a.httpStatus ?? -1) + a.failures.length * 1000 + a.startedAt.length) | 0
      // The times as written (to the microsecond); NaN and ±Infinity, written null, count as 0.
      hash = (Math.imul(hash, 31) + (Math.round(a.latencyMs * 1000) | 0)) | 0
      hash = (Math.imul(hash, 31) + (Math.round((a.ttfbMs ?? -1) * 1000) | 0)) | 0
    }
  const first = q.warmups[0] ?? q.attempts[0]
  const last = q.attempts[q.attempts.length - 1] ?? q.warmups[q.warmups.length - 1]
  return `${q.warmups.length}/${q.attempts.length}/${hash}/${first?.startedAt ?? ''}/${last?.startedAt ?? ''}`
}

const fileNameOf = (questionId: string): string => createHash('sha1').update(questionId).digest('hex')

/** The measured attempts, as the JSON report lists them. */
const measuredOf = (q: QuestionRecord) => q.attempts.filter((a) => !a.warmup)

/**
 * Writes the question's two fragments (each atomically: a torn file is never read as whole). `q`: the record as
 * scrubbedAtSource (core/scrub.ts) made it for `secrets`, the run's in the reporter's order (core/settings.ts
 * runSecrets). Its id and category go into every sample line scrubbed as the reporter scrubs them. Throws on a file
 * system error; the caller goes on without.
 */
export function writeFragment(dir: string, q: QuestionRecord, secrets: readonly string[]): void {
  const key = secretsKey(secrets)
  if (q.scrubbedFor !== key) throw new Error('writeFragment: the record is not scrubbed at the source of these secrets')
  const scrub = secrets.length === 0 ? (text: string) => text : scrubberOf(secrets)
  const id = scrub(q.id)
  const category = scrub(q.category)
  const base: Omit<Header, 'lines' | 'bytes'> = { v: VERSION, questionId: id, category, key, digest: attemptsDigest(q) }
  const samples: string[] = []
  for (const list of [q.warmups, q.attempts]) for (const a of list) samples.push(JSON.stringify(sampleJson(id, category, a, q.probe === true)))
  const rows = measuredOf(q).map((a) => JSON.stringify(attemptJson(a, FAILURE_LOCALE, undefined)))
  // Private, as the journal's directory is (core/journal.ts): made again if a watch-mode run removed it.
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const name = fileNameOf(id) // as the reporter finds it: by the id as it holds it, scrubbed
  writeAtomically(join(dir, `${name}.samples`), { ...base, lines: samples.length }, samples, '\n')
  writeAtomically(join(dir, `${name}.rows`), { ...base, lines: rows.length, sep: ATTEMPT_ROW_SEPARATOR }, rows, ATTEMPT_ROW_SEPARATOR)
}

/**
 * The header line (with the byte length of the rest), then the lines joined by `sep` and a last newline. Written
 * as the documents are (core/report-files.ts writeAtomic): a temporary name, then renamed, in writes of at most
 * MAX_WRITE_BYTES (a question of 10,000 attempts is ~6 MB).
 */
function writeAtomically(path: string, header: Omit<Header, 'bytes'>, lines: readonly string[], sep: string): void {
  const body = lines.length > 0 ? `${lines.join(sep)}\n` : ''
  writeAtomic(path, [`${JSON.stringify({ ...header, bytes: Buffer.byteLength(body, 'utf8') })}\n`, body])
}

/** The fragments of one run, as the reporter reads them: a question's text, or null when it must serialize it itself. */
export class Fragments {
  private readonly key: string
  /** Questions whose samples / rows came from a fragment (tests, bench). */
  readonly used = { samples: 0, rows: 0 }

  /**
   * `removeOnRead`: each fragment file is removed once read (the reporter's end of run: the directory goes with the
   * journal's anyway). Its pages in the kernel's cache are then free for the document being written, which needs as
   * many: measured at 1,000,000 attempts on this repository's VM, the JSON report's 370 MB took 3.8-4.1 s of kernel
   * time when every page had to be new, 0.4-0.5 s when as many had just been freed (docs/report-contract.md, "Cost at
   * scale"). A question read again (a second write) is serialized by the reporter itself: the same bytes.
   */
  constructor(
    private readonly dir: string,
    secrets: readonly string[],
    private readonly options: { removeOnRead?: boolean } = {},
  ) {
    this.key = secretsKey(secrets)
  }

  /** The question's samples.ndjson lines (UTF-8, each ending with a newline), or null. */
  samplesOf(q: QuestionRecord): Buffer | null {
    const read = this.read(q, 'samples', q.warmups.length + q.attempts.length)
    if (read === null) return null
    this.used.samples++
    return read.body
  }

  /** The question's rows, or null (the writer counts them in `used` when it copies them: rowsCopied). */
  rowsOf(q: QuestionRecord): FragmentRows | null {
    const count = measuredOf(q).length
    const read = this.read(q, 'rows', count)
    if (read === null || typeof read.header.sep !== 'string') return null
    return { count, bytes: read.body.subarray(0, Math.max(0, read.body.length - 1)), sep: read.header.sep }
  }

  /** A question's rows were copied into the JSON report. */
  rowsCopied(): void {
    this.used.rows++
  }

  /** The fragment's lines after its header, when the header matches the question as the reporter holds it. */
  private read(q: QuestionRecord, kind: 'samples' | 'rows', lines: number): { header: Partial<Header>; body: Buffer } | null {
    let bytes: Buffer
    const path = join(this.dir, `${fileNameOf(q.id)}.${kind}`)
    try {
      bytes = readFileSync(path)
    } catch {
      return null
    }
    if (this.options.removeOnRead === true) rmSync(path, { force: true })
    const end = bytes.indexOf(NEWLINE)
    if (end < 0) return null
    let header: Partial<Header>
    try {
      header = JSON.parse(bytes.toString('utf8', 0, end)) as Partial<Header>
    } catch {
      return null
    }
    const matches =
      header.v === VERSION &&
      header.questionId === q.id &&
      header.category === q.category &&
      header.key === this.key &&
      header.lines === lines &&
      header.digest === attemptsDigest(q)
    if (!matches) return null
    const body = bytes.subarray(end + 1)
    // Whole only: a file cut anywhere (even between two lines) or grown is not the question's text.
    if (body.length !== header.bytes) return null
    if (lines > 0 && body[body.length - 1] !== NEWLINE) return null
    return { header, body }
  }
}

const NEWLINE = 0x0a
