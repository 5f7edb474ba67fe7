// A configuration error found in globalSetup ends the process with one line and exit 1. The reporter lives in
// the same process but in another module instance (Vitest loads them separately), so the two meet on a
// process-wide symbol: the reporter then records the error instead of announcing an "interrupted" run.
const KEY = Symbol.for('harena-validation.configuration-error')

export function markConfigurationError(message: string): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = message
}

const STOP_KEY = Symbol.for('harena-validation.run-stopped')

/** The limiter stopped the run (target not answering): the reporter names the cause (same process). */
export function markRunStopped(reason: string): void {
  ;(globalThis as Record<symbol, unknown>)[STOP_KEY] = reason
}

export function runStoppedReason(): string | null {
  const value = (globalThis as Record<symbol, unknown>)[STOP_KEY]
  return typeof value === 'string' ? value : null
}

export function configurationErrorOf(): string | null {
  const value = (globalThis as Record<symbol, unknown>)[KEY]
  return typeof value === 'string' ? value : null
}
