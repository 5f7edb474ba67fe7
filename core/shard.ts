// What each shard of a sharded run records for the merge (issue 9, "sharding that holds"; docs/sharding.md).
// `vitest run --shard=i/n --reporter=blob` runs without the validation reporter; `vitest run --merge-reports` runs
// it on the blobs, in another process, often on another machine, without the shards' environment. So each shard
// writes into its spec files' task meta (kept in the blob, docs/vitest-facts.md §2.1, §5) the target it asked (base
// URL without credentials), the run settings, the whole question set and its position i/n; the merge judges with
// those, refuses shards that differ, and names the shards that are missing.
import type {} from 'vitest' // makes the TaskMeta augmentation below resolve
import type { HealthRecord, RunSettings, TargetInfo } from './model.ts'
import type { Question } from './questions.ts'
import { redactDeep } from './secrets.ts'
import { RUN_SETTING_VARIABLES } from './settings.ts'

/** A question of the plan, as the merge needs it to count a question nobody asked (core/model.ts emptyQuestionRecord). */
export type PlannedQuestion = Pick<Question, PlannedQuestionKey>
export type PlannedQuestionKey = 'id' | 'category' | 'message' | 'expectedIntent' | 'expectsData' | 'visualizationExpected'

export interface ShardRecord {
  /** `--shard=i/n`; null when the run was not sharded (one blob). */
  shard: { index: number; count: number } | null
  /** The target this shard asked; never credentials (core/safe-url.ts). */
  target: TargetInfo
  settings: RunSettings
  /** The run's WHOLE question set (every shard's), in file order. */
  questions: PlannedQuestion[]
  /** When this shard started (ISO). */
  startedAt: string
  /**
   * What the target's health route said before this shard's first question (tests/support/health.ts); null: not
   * asked (unreachable target). Absent in blobs of older versions. Never part of the shards' agreement: each shard
   * asked it at its own moment.
   */
  health?: HealthRecord | null
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on every validation spec file (a File task): what the merge of a sharded run reads. */
    validationShard?: ShardRecord
  }
}

const label = (r: ShardRecord): string => (r.shard ? `shard ${r.shard.index}/${r.shard.count}` : 'the unsharded blob')
const show = (v: unknown): string => JSON.stringify(v) ?? 'unset'

/** The target as it must agree between shards: an embedded service runs on each shard's own port. */
function targetKey(t: TargetInfo): string {
  return t.embedded ? `embedded reference service (${t.contract})` : `${t.baseUrl} (${t.contract})`
}

/** Why these shards cannot be merged into one verdict (one line), or null when they agree. `records`: one per blob run. */
export function shardDisagreement(records: readonly ShardRecord[]): string | null {
  const first = records[0]
  if (first === undefined) return null
  for (const r of records.slice(1)) {
    const why = disagreement(first, r)
    if (why !== null) return `the shards were not run alike: ${why}; run every shard with the same target, settings and question set`
  }
  // Two blobs of one shard (an old blob left beside the new ones): their attempts would be counted twice.
  const byIndex = new Map<number, ShardRecord>()
  for (const r of records) {
    const twin = byIndex.get(r.shard?.index ?? 1)
    if (twin !== undefined)
      return `two blobs of ${label(r)} come from different runs (started ${twin.startedAt} and ${r.startedAt}); merge one blob per shard, all from the same run`
    byIndex.set(r.shard?.index ?? 1, r)
  }
  return null
}

function disagreement(a: ShardRecord, b: ShardRecord): string | null {
  if ((a.shard?.count ?? 1) !== (b.shard?.count ?? 1))
    return `${label(a)} and ${label(b)} belong to different splits (--shard=…/${a.shard?.count ?? 1} and …/${b.shard?.count ?? 1})`
  if (targetKey(a.target) !== targetKey(b.target))
    return `the target is ${targetKey(a.target)} in ${label(a)} but ${targetKey(b.target)} in ${label(b)}`
  for (const key of Object.keys(RUN_SETTING_VARIABLES) as Array<keyof RunSettings>) {
    if (show(a.settings[key]) !== show(b.settings[key]))
      return `${RUN_SETTING_VARIABLES[key]} is ${show(a.settings[key])} in ${label(a)} but ${show(b.settings[key])} in ${label(b)}`
  }
  if (JSON.stringify(a.questions) !== JSON.stringify(b.questions))
    return `the question set (VALIDATION_QUESTIONS) of ${label(a)} differs from ${label(b)}'s`
  return null
}

/** The shards of the split that left no blob (1-based), e.g. [2] of 3. */
export function missingShards(records: readonly ShardRecord[]): { missing: number[]; count: number } {
  const count = records[0]?.shard?.count ?? 1
  const seen = new Set(records.map((r) => r.shard?.index ?? 1))
  return { missing: Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i)), count }
}

/**
 * The merged run's health record: each shard asked the health route before its own first question, so a finding of
 * any shard is a finding of the run. The first shard's answer (status, version) stands for the run, with every
 * shard's findings, each once, in shard order; null when no shard asked.
 */
export function mergedHealth(records: readonly ShardRecord[]): HealthRecord | null {
  const asked = records.flatMap((r) => (r.health ? [r.health] : []))
  const first = asked[0]
  if (first === undefined) return null
  const findings = new Map<string, HealthRecord['findings'][number]>()
  for (const h of asked) for (const f of h.findings) findings.set(JSON.stringify(f), f)
  return { ...first, findings: [...findings.values()] }
}

/**
 * A health record as a shard's blob carries it: the strings the target wrote (status, version, what a finding
 * quotes) scrubbed of the shard's secrets here, at the source — the merge, on another machine, knows none of them.
 */
export function shardHealth(health: HealthRecord | null, secrets: readonly string[]): HealthRecord | null {
  return health === null ? null : redactDeep(health, secrets)
}
