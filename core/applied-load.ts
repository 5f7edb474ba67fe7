// The load the run applied (tests/support/limiter.ts measures it), from globalSetup to the reporter. Both run in
// the main process but in separate module instances (Vitest loads them separately), so they meet on a process-wide
// symbol, like core/auth-state.ts. What is shared is the limiter's reading, not a copy: the reporter reads the
// figures when it builds the report (run end, or a signal), whenever globalSetup registered it.
import type { AppliedLoad } from './model.ts'

const KEY = Symbol.for('harena-validation.applied-load')

export interface AppliedLoadSource {
  /** The load applied since the window started; null: not measured. */
  read(): AppliedLoad | null
  /** Starts a new window (a watch-mode re-run is measured on its own). */
  restart(): void
}

const holder = globalThis as Record<symbol, unknown>

export function markAppliedLoad(source: AppliedLoadSource): void {
  holder[KEY] = source
}

const sourceOf = (): AppliedLoadSource | null => (holder[KEY] as AppliedLoadSource | undefined) ?? null

/** The applied load, or null: no limiter registered in this process (a merge, the project's own tests). */
export function appliedLoadOf(): AppliedLoad | null {
  return sourceOf()?.read() ?? null
}

/** A new run in the same process (watch mode): the figures start again. Nothing registered yet: nothing to do. */
export function restartAppliedLoad(): void {
  sourceOf()?.restart()
}
