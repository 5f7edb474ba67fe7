// What a worker writes into its spec files' meta for the merge of a sharded run (core/shard.ts ShardRecord;
// docs/sharding.md). The record globalSetup provided is fixed at the run's start, but the shard's credentials history
// (a re-login, an expiry: tests/support/auth-broker.ts) grows while the spec files run, in the main process. This
// worker learns each later stage from the broker's answer to one of its refused requests (already scrubbed of the
// shard's secrets) and writes the furthest stage it knows into every spec file it has written a record to: the file
// whose question was refused is still running, so its meta reaches the blob with the event (docs/vitest-facts.md §2.1).
// Another file of the shard may carry an earlier stage: the merge takes the furthest (core/shard.ts mergedAuth).
import type { TaskMeta } from 'vitest'
import type { RunAuth } from '../../core/model.ts'
import { furthestAuth, type ShardRecord } from '../../core/shard.ts'
import type { RefusalAnswer, RefusalReport } from './auth-broker.ts'

/** A spec file task, as far as its meta goes. */
interface FileTask {
  meta: TaskMeta
}

let run: { record: ShardRecord; files: Set<FileTask>; auth: RunAuth | null } | null = null

function write(file: FileTask): void {
  if (run === null) return
  file.meta.validationShard = { ...run.record, auth: furthestAuth(run.record.auth, run.auth) }
}

/** Writes this run's shard record (with the credentials history this worker knows) into a spec file's meta. */
export function carryShard(file: FileTask, record: ShardRecord): void {
  // A new run in the same worker (watch mode) starts with nothing learnt.
  if (run === null || run.record.startedAt !== record.startedAt) run = { record, files: new Set(), auth: null }
  run.files.add(file)
  write(file)
}

/** A later stage of the shard's credentials history, from a broker's answer: every spec file written so far gets it. */
export function learnAuth(auth: RunAuth | null | undefined): void {
  if (run === null || !auth) return
  const further = furthestAuth(run.auth, auth)
  if (further === run.auth) return
  run.auth = further
  for (const file of run.files) write(file)
}

/** A broker connection whose answers teach this worker the shard's credentials history. */
export function learningFrom(ask: (report: RefusalReport) => Promise<RefusalAnswer>): (report: RefusalReport) => Promise<RefusalAnswer> {
  return async (report) => {
    const answer = await ask(report)
    if (answer.kind !== 'judge') learnAuth(answer.auth)
    return answer
  }
}
