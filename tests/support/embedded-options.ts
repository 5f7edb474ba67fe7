// The embedded reference service's own settings (REFERENCE_NOW, REFERENCE_FAULTS, REFERENCE_STREAM_CHUNK_MS,
// REFERENCE_TOKEN_MAX_USES), read when no HARENA_BASE_URL is set. One parser for every command that starts the
// embedded service: the suite (tests/support/target.ts prepareTarget) and Phase 2 (release/settings.ts validates
// them with its other settings, release/probe.ts applies them), so a value one refuses the other never ignores.
import '../../core/locale/config.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { type FaultRule, parseFaults } from '../../fixtures/reference/faults.ts'

export interface EmbeddedOptions {
  /** REFERENCE_FAULTS (JSON), REFERENCE_NOW (ISO date) from the environment. */
  faultsJson?: string | undefined
  now?: string | undefined
  /** REFERENCE_STREAM_CHUNK_MS: pause between streamed chunks (default: the reference's 50 ms). */
  streamChunkMs?: string | undefined
  /** REFERENCE_TOKEN_MAX_USES: each token works for that many requests, then 401 (a token expiring mid-run). */
  tokenMaxUses?: string | undefined
}

/** What the embedded service is started with; only the values that were set. */
export interface EmbeddedValues {
  now?: Date
  faults?: FaultRule[]
  streamChunkMs?: number
  tokenMaxUses?: number
}

/** The four variables as the environment gives them (readEnvironment(): the process's, then .env). */
export function embeddedOptionsFrom(env: Record<string, string | undefined>): EmbeddedOptions {
  return {
    faultsJson: env.REFERENCE_FAULTS,
    now: env.REFERENCE_NOW,
    streamChunkMs: env.REFERENCE_STREAM_CHUNK_MS,
    tokenMaxUses: env.REFERENCE_TOKEN_MAX_USES,
  }
}

const given = (raw: string | undefined): string => raw?.trim() ?? ''

/** The values, and one reason per bad one (core/locale/config.ts `config.reference.*`); blank is unset. */
export function parseEmbeddedOptions(embedded: EmbeddedOptions): { values: EmbeddedValues; problems: Reason[] } {
  const values: EmbeddedValues = {}
  const problems: Reason[] = []
  if (given(embedded.now) !== '') {
    const now = new Date(embedded.now as string)
    if (Number.isNaN(now.getTime())) problems.push(reason('config.reference.now', { value: JSON.stringify(embedded.now) }))
    else values.now = now
  }
  if (given(embedded.faultsJson) !== '') {
    try {
      values.faults = parseFaults(embedded.faultsJson as string)
    } catch (error) {
      problems.push(reason('config.reference.faults', { error: (error as Error).message }))
    }
  }
  const chunk = given(embedded.streamChunkMs)
  if (chunk !== '') {
    if (/^\d+$/.test(chunk) && Number(chunk) <= 60_000) values.streamChunkMs = Number(chunk)
    else problems.push(reason('config.reference.chunk_ms', { value: JSON.stringify(embedded.streamChunkMs) }))
  }
  const uses = given(embedded.tokenMaxUses)
  if (uses !== '') {
    const n = Number(uses)
    if (/^\d+$/.test(uses) && n >= 1 && n <= 1_000_000) values.tokenMaxUses = n
    else problems.push(reason('config.reference.token_uses', { value: JSON.stringify(embedded.tokenMaxUses) }))
  }
  return { values, problems }
}
