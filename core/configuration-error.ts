// A configuration error stops the run before any request: one line, exit 1. It is data like every other reason: a
// code of core/locale/config.ts and its parameters, said in VALIDATION_LOCALE's language (core/settings.ts
// configurationLocale) on the terminal, and in the report's language in the report — the same sentence.
//
// A configuration error found in globalSetup ends the process with that line. The reporter lives in the same
// process but in another module instance (Vitest loads them separately), so the two meet on a process-wide symbol:
// the reporter then records the error instead of announcing an "interrupted" run.
import './locale/config.ts'
import { type Locale, say } from './locale/index.ts'
import { type Reason, type ReasonParam, reason } from './reason.ts'
import { stripUrlCredentials } from './url-credentials.ts'

/** An error that stops the run before any request: the variable (or option) it concerns, and why, as a reason. */
export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: Reason,
  ) {
    // The English sentence, for a stack trace or a test; every output says `reason` in its own language.
    super(say(reason, 'en'))
    this.name = 'ConfigurationError'
  }
}

/**
 * The reason with credentials in a URL removed from every text parameter, by structure (core/url-credentials.ts),
 * whatever produced them: the terminal's line and the report's reason say the same clean words.
 */
export function withoutUrlCredentials(cause: Reason): Reason {
  const clean = (v: ReasonParam): ReasonParam =>
    typeof v === 'string' ? stripUrlCredentials(v) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map(stripUrlCredentials) : v
  return { ...cause, params: Object.fromEntries(Object.entries(cause.params).map(([k, v]) => [k, clean(v)])) }
}

/** "configuration error: <why>" in a language, without the program's prefix. */
export function configurationErrorText(cause: Reason, locale: Locale): string {
  const clean = withoutUrlCredentials(cause)
  return say(reason('config.error', { ...clean.params, cause: clean.code }), locale)
}

const KEY = Symbol.for('harena-validation.configuration-error')

export function markConfigurationError(cause: Reason): void {
  ;(globalThis as Record<symbol, unknown>)[KEY] = withoutUrlCredentials(cause)
}

export function configurationErrorOf(): Reason | null {
  return reasonAt(KEY)
}

const STOP_KEY = Symbol.for('harena-validation.run-stopped')

/** The limiter stopped the run (target not answering): the reporter names the cause (same process). */
export function markRunStopped(cause: Reason): void {
  ;(globalThis as Record<symbol, unknown>)[STOP_KEY] = cause
}

export function runStoppedReason(): Reason | null {
  return reasonAt(STOP_KEY)
}

function reasonAt(key: symbol): Reason | null {
  const value = (globalThis as Record<symbol, unknown>)[key]
  return typeof value === 'object' && value !== null && typeof (value as Reason).code === 'string' ? (value as Reason) : null
}
