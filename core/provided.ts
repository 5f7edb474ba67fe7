// What globalSetup (main process) hands to the spec files (workers) through Vitest's provide/inject, beyond
// `harenaTarget` and `harenaPreflightError` (declared in core/model.ts).
// Plain JSON only: provided values are cloned into every worker.
import type { ContractName } from './settings.ts'
import type { Question } from './questions.ts'
import type { Locale } from './locale/index.ts'

export interface HarenaRuntime {
  /** The cross-worker limiter (tests/support/limiter.ts), tcp://127.0.0.1:<port>. */
  limiterUrl: string
  /** Where a worker takes a 401 (tests/support/auth-broker.ts), tcp://127.0.0.1:<port>; null: the run sends no credentials. */
  authBrokerUrl?: string | null
  contract: ContractName
  timeoutMs: number
  iterations: number
  /** The run's warm-up budget (VALIDATION_WARMUP: requests for the whole run, not per question). */
  warmup: number
  /** The warm-ups globalSetup asked, per question id: each question's test carries its own in its record. */
  warmups: Record<string, import('./model.ts').AttemptRecord[]>
  concurrency: number
  /** Ask through the stream route (VALIDATION_STREAM). */
  stream: boolean
  /** VALIDATION_LOCALE: the language of annotations and failure messages. */
  locale: Locale
  /** The attempt journal (core/journal.ts): workers append each attempt, the reporter reads it on Ctrl-C. */
  journalPath: string
  /** What this run records for the merge of a sharded run (core/shard.ts), on every validation spec file. */
  shard: import('./shard.ts').ShardRecord
  /** The validated question set, in file order (loaded once, in globalSetup). */
  questions: Question[]
  /** Epoch ms at the monotonic clock's zero, from the main process: every worker's send times on one time line (tests/support/run-clock.ts). */
  clockAnchorMs?: number
  /** Expected figures per question id (VALIDATION_GROUND_TRUTH, or the embedded service's own); null: none. */
  groundTruth?: import('./ground-truth.ts').GroundTruth | null
}

declare module 'vitest' {
  interface ProvidedContext {
    harenaRuntime: HarenaRuntime
  }
}
