// The embedded reference service's own settings (REFERENCE_NOW, REFERENCE_FAULTS, REFERENCE_STREAM_CHUNK_MS,
// REFERENCE_TOKEN_MAX_USES), read when no HARENA_BASE_URL is set. One parser for every command that starts the
// embedded service: the suite (tests/support/target.ts prepareTarget) and Phase 2 (release/settings.ts validates
// them with its other settings, release/probe.ts applies them), so a value one refuses the other never ignores.
import '../../core/locale/config.ts'
import { type Reason, reason } from '../../core/reason.ts'
import { FaultsError, type FaultRule, parseFaults } from '../../fixtures/reference/faults.ts'

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

/** A whole number in [least, most]: null, else what is wrong with it (a `config.problem.*` code and its bound). */
function wholeProblem(raw: string, least: number, most: number): { problem: string; bound?: number } | null {
  if (!/^[-+]?\d+$/.test(raw)) return { problem: 'config.problem.not_integer' }
  const n = Number(raw)
  if (n < least) return { problem: 'config.problem.below', bound: least }
  if (n > most) return { problem: 'config.problem.above', bound: most }
  return null
}

/**
 * The values, and one reason per bad one (core/locale/config.ts `config.reference.*`, in the form of every other
 * setting's line: "<VARIABLE>=<value> is invalid (<problem>); expected <accepted form>", `variable` naming it); blank
 * is unset. Checked with the other settings before anything is printed (tests/support/settings-or-exit.ts), and
 * again where the embedded service starts.
 */
export function parseEmbeddedOptions(embedded: EmbeddedOptions): { values: EmbeddedValues; problems: Reason[] } {
  const values: EmbeddedValues = {}
  const problems: Reason[] = []
  if (given(embedded.now) !== '') {
    const now = new Date(embedded.now as string)
    if (Number.isNaN(now.getTime())) problems.push(reason('config.reference.now', { variable: 'REFERENCE_NOW', value: JSON.stringify(embedded.now) }))
    else values.now = now
  }
  if (given(embedded.faultsJson) !== '') {
    try {
      values.faults = parseFaults(embedded.faultsJson as string)
    } catch (error) {
      const kind = error instanceof FaultsError ? error.kind : 'schema'
      const detail = error instanceof FaultsError ? error.detail : (error as Error).message
      problems.push(reason('config.reference.faults', { variable: 'REFERENCE_FAULTS', kind, error: detail }))
    }
  }
  const chunk = given(embedded.streamChunkMs)
  if (chunk !== '') {
    const wrong = wholeProblem(chunk, 0, 60_000)
    if (wrong === null) values.streamChunkMs = Number(chunk)
    else
      problems.push(
        reason('config.reference.chunk_ms', { variable: 'REFERENCE_STREAM_CHUNK_MS', value: JSON.stringify(embedded.streamChunkMs), ...wrong }),
      )
  }
  const uses = given(embedded.tokenMaxUses)
  if (uses !== '') {
    const wrong = wholeProblem(uses, 1, 1_000_000)
    if (wrong === null) values.tokenMaxUses = Number(uses)
    else
      problems.push(
        reason('config.reference.token_uses', { variable: 'REFERENCE_TOKEN_MAX_USES', value: JSON.stringify(embedded.tokenMaxUses), ...wrong }),
      )
  }
  return { values, problems }
}

/**
 * REFERENCE_CONTRACT names the generation `npm run reference` speaks; the embedded service of a suite, verify or
 * monitor run speaks HARENA_API_CONTRACT's, whatever it says. Set to another generation it was silently ignored: a
 * release manager who set REFERENCE_CONTRACT=harena-v3 read a GO of harena-v2 as one of v3 (found 2026-12-06). Same
 * generation or unset: nothing to say.
 */
export function referenceContractDisagreement(env: Record<string, string | undefined>, contract: string): Reason | null {
  const asked = given(env.REFERENCE_CONTRACT)
  if (asked === '' || asked.toLowerCase() === contract) return null
  return reason('config.reference.contract', { variable: 'REFERENCE_CONTRACT', value: JSON.stringify(env.REFERENCE_CONTRACT), contract })
}
