// The configured secrets as a worker knows them (HARENA_API_TOKEN, HARENA_PASSWORD), read once per worker process:
// loadSettings reads .env and parses every variable (three calls per question before, 2 % of a worker's CPU in a
// profile), and neither changes during a run. The questions (tests/support/validate.ts) and the security probes
// (tests/support/security/run.ts) scrub what they record with them, so that a target echoing the password is masked
// in the terminal and in a shard's blob, not only in the reports the reporter scrubs again.
import { loadSettings, type Settings, secretsOf } from '../../core/settings.ts'

export type ConfiguredSecrets = Pick<Settings, 'apiToken' | 'password'>

let read: { settings: ConfiguredSecrets | null } | null = null

/** The configured secrets, or null without valid settings (validated in the main process: a worker then scrubs with what it was given). */
export function workerSettings(): ConfiguredSecrets | null {
  if (read === null) {
    try {
      const { apiToken, password } = loadSettings()
      read = { settings: { apiToken, password } }
    } catch {
      read = { settings: null }
    }
  }
  return read.settings
}

/** The Authorization this worker sends (its bare token and encoded forms are masked too), then the configured secrets. */
export function attemptSecrets(authorization: string | null): string[] {
  const settings = workerSettings()
  return [...(authorization === null ? [] : [authorization]), ...(settings === null ? [] : secretsOf(settings))]
}
