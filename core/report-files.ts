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

const WRITE_BLOCK_CHARS = 1 << 20

/** write(2) may write less than asked: loop until the whole chunk is on disk. */
function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8')
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset)
}

/**
 * Writes to a temporary name, then renames: a reader or a crash never sees half a file. The content may come in
 * chunks (a streaming renderer), written in order as they come, so a large document is never one string.
 */
export function writeAtomic(path: string, content: string | Iterable<string>): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    const fd = openSync(tmp, 'w')
    try {
      if (typeof content === 'string') writeAll(fd, content)
      else {
        // Small chunks (a line, a separator) are gathered into ~1 MiB blocks: one write(2) per block, not per chunk.
        let block: string[] = []
        let size = 0
        for (const chunk of content) {
          block.push(chunk)
          size += chunk.length
          if (size >= WRITE_BLOCK_CHARS) {
            writeAll(fd, block.join(''))
            block = []
            size = 0
          }
        }
        if (block.length > 0) writeAll(fd, block.join(''))
      }
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}

/** Our outputs from an earlier run, removed when this run stops before it can write its own (bad settings). */
export function removeStaleReports(dir: string): void {
  for (const name of Object.values(REPORT_FILES)) rmSync(join(dir, name), { force: true })
}
