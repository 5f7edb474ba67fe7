// The files a run writes into the report directory, and how they are written. Shared by the reporter (which
// writes them) and the suite's settings loader (which removes an earlier run's copies when this run stops on a
// configuration error, so yesterday's GO cannot pass for today's). Synchronous on purpose: the same code runs
// inside a SIGINT handler, where nothing asynchronous is guaranteed to finish.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** Every file name a run may write into the report directory; a new document adds its name here. */
export const REPORT_FILES = {
  json: 'validation-report.json',
  md: 'validation-report.md',
  html: 'validation-report.html',
  samples: 'samples.ndjson',
  junit: 'junit.xml',
  comparison: 'baseline-comparison.md',
} as const

/**
 * The largest write(2) we make. Measured on this repository's machine (Linux 6.18, ext4, a VM), 700 MiB into a new
 * file with `dd` after a few idle seconds: 1 MiB writes 4.4-6.3 s, all of it the kernel's copy into the page cache
 * (`perf record`: copy_folio_from_iter_atomic), 64-256 KiB writes 0.14-0.19 s; back to back, every size ~0.2 s.
 * In the reporter at 1,000,000 attempts, samples.ndjson 1.6-2.1 s → 0.2-0.5 s (docs/report-contract.md, "Cost at
 * scale"). A large write lets the kernel fill large page-cache folios, which this VM is slow to hand back.
 */
export const MAX_WRITE_BYTES = 64 * 1024

/** write(2) may write less than asked: loop until the whole buffer is on disk, at most MAX_WRITE_BYTES at a time. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, Math.min(MAX_WRITE_BYTES, bytes.length - offset))
}

/**
 * Chunks encoded one after the other into one reused buffer of MAX_WRITE_BYTES, written with one write(2) per
 * block: no joined string and no new buffer per block (at 1,000,000 attempts, 700 MB went through here).
 */
function writeChunks(fd: number, content: Iterable<string | Uint8Array>): void {
  const block = Buffer.allocUnsafe(MAX_WRITE_BYTES)
  let used = 0
  for (const chunk of content) {
    // Bytes already encoded (a worker's fragment: core/fragments.ts) are written as they are.
    if (typeof chunk !== 'string') {
      if (used > 0) writeAll(fd, block.subarray(0, used))
      used = 0
      writeAll(fd, chunk)
      continue
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: the chunk fits whole, or the block is written first.
    if (used + chunk.length * 3 > block.length && used > 0) {
      writeAll(fd, block.subarray(0, used))
      used = 0
    }
    if (chunk.length * 3 > block.length) writeAll(fd, Buffer.from(chunk, 'utf8'))
    else used += block.write(chunk, used, 'utf8')
  }
  if (used > 0) writeAll(fd, block.subarray(0, used))
}

/**
 * Writes to a temporary name, then renames: a reader or a crash never sees half a file. The content may come in
 * chunks (a streaming renderer), written in order as they come, so a large document is never one string.
 */
export function writeAtomic(path: string, content: string | Iterable<string | Uint8Array>): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    const fd = openSync(tmp, 'w')
    try {
      if (typeof content === 'string') writeAll(fd, Buffer.from(content, 'utf8'))
      else writeChunks(fd, content)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}

/** Per failed attempt, its evidence file (reporters/evidence.ts), in this folder of the report directory. */
export const EVIDENCE_FOLDER = 'evidence'

/**
 * Our outputs from an earlier run, removed when this run cannot write its own (bad settings, an in-progress report
 * that could not be written). Each one is tried, whatever happened to the others; returns those still there, each
 * with why (a name taken by a directory, a directory that refuses the removal), so the caller can say so or stop.
 */
export function removeStaleReports(dir: string): string[] {
  const left: string[] = []
  const remove = (name: string, recursive: boolean): void => {
    try {
      rmSync(join(dir, name), { recursive, force: true })
    } catch (error) {
      left.push(`${name} (${error instanceof Error && 'code' in error ? String(error.code) : String(error)})`)
    }
  }
  for (const name of Object.values(REPORT_FILES)) remove(name, false)
  remove(EVIDENCE_FOLDER, true)
  return left
}
