// A merged run says it is one: which shards it judged and when each ran (core/model.ts RunModel.shards), in every
// document, so that a blob of another day would be seen beside the others (docs/sharding.md).
import type { RunModel } from '../core/model.ts'
import { type Reason, reason } from '../core/reason.ts'

/** The documents' line naming the merged shards and their spans; null outside a merge. */
export function shardsLine(model: RunModel): Reason | null {
  const spans = model.shards
  if (!spans || spans.length === 0) return null
  return reason('run.merged_shards', {
    shards: spans.map((s) => s.shard ?? '1/1'),
    starts: spans.map((s) => s.startedAt),
    ends: spans.map((s) => s.endedAt ?? '?'),
  })
}
