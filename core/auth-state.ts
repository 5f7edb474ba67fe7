// What happened to the run's credentials (tests/support/auth-broker.ts), from globalSetup to the reporter. Both run
// in the main process but in separate module instances (Vitest loads them separately), so they meet on a
// process-wide symbol, like core/configuration-error.ts. Memory only: the tokens never go to disk.
import type { RunAuth } from './model.ts'

const KEY = Symbol.for('harena-validation.auth-state')

interface Held {
  auth: RunAuth
  /** Every authorization the run used: the reporter scrubs them all from the documents. */
  authorizations: string[]
}

export function markAuthState(auth: RunAuth, authorizations: readonly string[]): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = { auth: structuredClone(auth), authorizations: [...authorizations] } satisfies Held
}

export function authStateOf(): Held | null {
  const value = (globalThis as Record<symbol, unknown>)[KEY] as Held | undefined
  return value === undefined ? null : value
}

/** A new run in the same process (watch mode) starts with nothing recorded. */
export function clearAuthState(): void {
  delete (globalThis as Record<symbol, unknown>)[KEY]
}
