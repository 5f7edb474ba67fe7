// The files a run writes into the report directory, and how they are written. Shared by the reporter (which
// writes them) and the suite's settings loader (which removes an earlier run's copies when this run stops on a
// configuration error, so yesterday's GO cannot pass for today's). Synchronous on purpose: the same code runs
// inside a SIGINT handler, where nothing asynchronous is guaranteed to finish.
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Every file name a run may write into the report directory; a new document adds its name here. */
export const REPORT_FILES = {
  json: 'validation-report.json',
  md: 'validation-report.md',
  samples: 'samples.ndjson',
  junit: 'junit.xml',
} as const

/** Writes to a temporary name, then renames: a reader or a crash never sees half a file. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    writeFileSync(tmp, content)
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
