// Phase 2 settings (verify, monitor, release): `.env` + process environment, validated with zod like the suite's
// (core/settings.ts, which still owns HARENA_* and VALIDATION_*). Every bad value gives one line naming the
// variable, what is wrong and the accepted form; all of them are reported at once, not only the first.
// Defaults are the plan's thresholds (T4.7): alert at 10 % errors or P95 > 5000 ms, roll back at 20 % errors.
import { z } from 'zod'
import { closestVariable, ConfigError, loadSettings, readEnvironment, type Settings } from '../core/settings.ts'
import { shownUrlValue, stripUrlCredentials } from '../core/url-credentials.ts'
import { adapterFor } from '../tests/support/adapters/index.ts'
import { formatDuration, parseDuration } from './duration.ts'

export interface MonitorSettings {
  durationMs: number
  windowMs: number
  stepMs: number
  rps: number
  maxInFlight: number
  statusEveryMs: number
  healthEveryMs: number
  /** Samples a window needs before a rate or P95 trigger may fire. */
  minSamples: number
  /** Two-sided confidence of the Wilson / order-statistic intervals (0.95 → z = 1.96). */
  confidence: number
  alertErrorRate: number
  alertP95Ms: number
  rollbackErrorRate: number
  rollbackCriticalRate: number
  rollbackConsecutiveFailures: number
}

export interface ReleaseOptions {
  gate: boolean
  gateBaseUrl: string | null
  deployCommand: string | null
  rollbackCommand: string | null
  allowConditional: boolean
  expectedVersion: string | null
  deployer: string | null
  commandTimeoutMs: number
  monitor: boolean
  healthPath: string
}

export interface PhaseTwoSettings {
  suite: Settings
  monitor: MonitorSettings
  release: ReleaseOptions
}

interface Spec {
  accepted: string
  schema: z.ZodType
  fallback?: string
}

const MAX_DURATION_MS = 24 * 3_600_000
/** Windows kept for the report: beyond this, MONITOR_WINDOW is too short for MONITOR_DURATION. */
export const MAX_REPORT_WINDOWS = 2000
/** Slices per sliding window (MONITOR_WINDOW / MONITOR_STEP): each holds a small HDR histogram. */
export const MAX_SLICES = 120

const duration = (minMs: number, maxMs: number) =>
  z
    .string()
    .transform((text, ctx) => {
      const ms = parseDuration(text)
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'not a duration' })
        return z.NEVER
      }
      return ms
    })
    .pipe(
      z
        .number()
        .min(minMs, `below ${formatDuration(minMs)}`)
        .max(maxMs, `above ${formatDuration(maxMs)}`),
    )

const fraction = (exclusiveZero = true) =>
  z
    .string()
    .trim()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'not a fraction between 0 and 1')
    .transform(Number)
    .pipe(z.number().refine((n) => !exclusiveZero || n > 0, 'must be above 0'))

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'not a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `below ${min}`).max(max, `above ${max}`))

const positive = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'not a number')
    .transform(Number)
    .pipe(z.number().gt(0, 'must be above 0').max(max, `above ${max}`))

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'not a boolean' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

const text = z.string().trim().min(1, 'empty')

const httpUrl = z
  .string()
  .trim()
  .refine((u) => {
    try {
      const url = new URL(u)
      return /^https?:$/.test(url.protocol) && url.username === '' && url.password === ''
    } catch {
      return false
    }
  }, 'not an http(s) URL without credentials')
  .transform((u) => u.replace(/\/+$/, ''))

const BOOL = 'true | false (also yes/no, on/off, 1/0)'
const DURATION = (example: string, range: string) => `a duration such as ${example} (90s, 5m, 2h or whole milliseconds), ${range}`

export const VARIABLES = {
  MONITOR_DURATION: { accepted: DURATION('30m', 'from 1s to 24h'), schema: duration(1000, MAX_DURATION_MS), fallback: '30m' },
  MONITOR_WINDOW: { accepted: DURATION('5m', 'from 1s to 24h'), schema: duration(1000, MAX_DURATION_MS), fallback: '5m' },
  MONITOR_STEP: { accepted: DURATION('1m', 'from 100ms to MONITOR_WINDOW'), schema: duration(100, MAX_DURATION_MS) },
  MONITOR_RPS: { accepted: 'requests per second above 0 and at most 50, e.g. 1 (nginx allows 10 r/s per IP)', schema: positive(50), fallback: '1' },
  MONITOR_MAX_IN_FLIGHT: { accepted: 'a whole number from 1 to 256', schema: int(1, 256), fallback: '8' },
  MONITOR_STATUS_EVERY: { accepted: DURATION('5s', 'from 100ms to 1h'), schema: duration(100, 3_600_000), fallback: '5s' },
  MONITOR_HEALTH_EVERY: { accepted: DURATION('10s', 'from 100ms to 1h'), schema: duration(100, 3_600_000), fallback: '10s' },
  MONITOR_MIN_SAMPLES: { accepted: 'a whole number from 1 to 1000000, e.g. 20', schema: int(1, 1_000_000), fallback: '20' },
  MONITOR_CONFIDENCE: {
    accepted: 'a fraction such as 0.95 (above 0.5, below 1)',
    schema: fraction().pipe(z.number().gt(0.5, 'not above 0.5').lt(1, 'not below 1')),
    fallback: '0.95',
  },
  MONITOR_ALERT_ERROR_RATE: { accepted: 'a fraction from 0 to 1, e.g. 0.10', schema: fraction(), fallback: '0.10' },
  MONITOR_ALERT_P95_MS: { accepted: 'a whole number of milliseconds ≥ 1, e.g. 5000', schema: int(1, 3_600_000), fallback: '5000' },
  MONITOR_ROLLBACK_ERROR_RATE: { accepted: 'a fraction from 0 to 1, e.g. 0.20', schema: fraction(), fallback: '0.20' },
  MONITOR_ROLLBACK_CRITICAL_RATE: { accepted: 'a fraction from 0 to 1, e.g. 0.05', schema: fraction(), fallback: '0.05' },
  MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: { accepted: 'a whole number from 1 to 1000, e.g. 3', schema: int(1, 1000), fallback: '3' },
  RELEASE_GATE: { accepted: BOOL, schema: bool, fallback: 'true' },
  RELEASE_GATE_BASE_URL: { accepted: 'an http(s) URL of the candidate to validate before deploying', schema: httpUrl },
  RELEASE_DEPLOY_COMMAND: { accepted: 'a shell command, e.g. examples/ec2-systemd/deploy.sh host v3.2.7 conversation-service', schema: text },
  RELEASE_ROLLBACK_COMMAND: { accepted: 'a shell command, e.g. examples/ec2-systemd/rollback.sh host v3.2.6 conversation-service', schema: text },
  RELEASE_ALLOW_CONDITIONAL: { accepted: BOOL, schema: bool, fallback: 'false' },
  RELEASE_EXPECTED_VERSION: { accepted: 'the version the health route must report after the deployment, e.g. 3.2.7', schema: text },
  RELEASE_DEPLOYER: { accepted: 'a name, e.g. alice', schema: text },
  RELEASE_COMMAND_TIMEOUT: { accepted: DURATION('15m', 'from 1s to 24h'), schema: duration(1000, MAX_DURATION_MS), fallback: '15m' },
  RELEASE_MONITOR: { accepted: BOOL, schema: bool, fallback: 'true' },
  // No fallback: without it, the contract's own health route (v2 api/v1/conversation/health, v3
  // api/v3/conversation/health), so HARENA_API_CONTRACT alone points Phase 2 at the right route.
  RELEASE_HEALTH_PATH: {
    accepted: 'a path under the service root, e.g. api/v1/conversation/health or health',
    schema: z
      .string()
      .trim()
      .regex(/^\/?[\w./-]+$/, 'not a path')
      .transform((p) => p.replace(/^\/+/, '')),
  },
} as const satisfies Record<string, Spec>

type Name = keyof typeof VARIABLES

/** One line per bad value. */
export class SettingsError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'))
    this.name = 'SettingsError'
  }
}

function shown(raw: string): string {
  // By structure (core/url-credentials.ts), never a regex over the text; a URL's query and fragment are not shown.
  const visible = shownUrlValue(stripUrlCredentials(raw))
  return JSON.stringify(visible.length > 80 ? `${visible.slice(0, 77)}...` : visible)
}

// Commands may carry secrets (tokens in a URL, a password flag): never echo them in an error line.
const HIDDEN: ReadonlySet<Name> = new Set(['RELEASE_DEPLOY_COMMAND', 'RELEASE_ROLLBACK_COMMAND'])

/** Reads every MONITOR_* / RELEASE_* variable (and the suite's own through loadSettings); throws SettingsError. */
export function loadPhaseTwoSettings(source: Record<string, string | undefined> = readEnvironment(), cwd = process.cwd()): PhaseTwoSettings {
  const lines: string[] = unknownVariables(source)
  const values: Partial<Record<Name, unknown>> = {}
  for (const [name, spec] of Object.entries(VARIABLES) as Array<[Name, Spec]>) {
    const raw = source[name]
    const given = raw !== undefined && raw.trim() !== ''
    const input = given ? raw : spec.fallback
    if (input === undefined) {
      values[name] = null
      continue
    }
    const parsed = spec.schema.safeParse(input)
    if (parsed.success) values[name] = parsed.data
    else {
      const problem = parsed.error.issues[0]?.message ?? 'invalid'
      lines.push(`${name}=${HIDDEN.has(name) ? '(value hidden)' : shown(input)} is invalid (${problem}); expected ${spec.accepted}.`)
    }
  }
  let suite: Settings | null = null
  try {
    suite = loadSettings(source, cwd)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    lines.push(error.message)
  }
  const v = values as Record<Name, unknown>
  const windowMs = v.MONITOR_WINDOW as number
  const durationMs = v.MONITOR_DURATION as number
  const stepMs = (v.MONITOR_STEP as number | null) ?? defaultStep(windowMs)
  if (lines.length === 0) lines.push(...consistency(durationMs, windowMs, stepMs, v))
  // A deployment judged on the embedded reference service would be gated, verified and watched on a stand-in.
  if (suite !== null && suite.baseUrl === null)
    for (const name of ['RELEASE_DEPLOY_COMMAND', 'RELEASE_ROLLBACK_COMMAND'] as const)
      if (v[name] !== null && v[name] !== undefined)
        lines.push(
          `${name} is set but HARENA_BASE_URL is not: the gate, verify and monitor would judge the embedded reference service, not the service you deploy; set HARENA_BASE_URL (and its credentials).`,
        )
  if (lines.length > 0 || suite === null) throw new SettingsError(lines)
  return {
    suite,
    monitor: {
      durationMs,
      windowMs,
      stepMs,
      rps: v.MONITOR_RPS as number,
      maxInFlight: v.MONITOR_MAX_IN_FLIGHT as number,
      statusEveryMs: v.MONITOR_STATUS_EVERY as number,
      healthEveryMs: v.MONITOR_HEALTH_EVERY as number,
      minSamples: v.MONITOR_MIN_SAMPLES as number,
      confidence: v.MONITOR_CONFIDENCE as number,
      alertErrorRate: v.MONITOR_ALERT_ERROR_RATE as number,
      alertP95Ms: v.MONITOR_ALERT_P95_MS as number,
      rollbackErrorRate: v.MONITOR_ROLLBACK_ERROR_RATE as number,
      rollbackCriticalRate: v.MONITOR_ROLLBACK_CRITICAL_RATE as number,
      rollbackConsecutiveFailures: v.MONITOR_ROLLBACK_CONSECUTIVE_FAILURES as number,
    },
    release: {
      gate: v.RELEASE_GATE as boolean,
      gateBaseUrl: v.RELEASE_GATE_BASE_URL as string | null,
      deployCommand: v.RELEASE_DEPLOY_COMMAND as string | null,
      rollbackCommand: v.RELEASE_ROLLBACK_COMMAND as string | null,
      allowConditional: v.RELEASE_ALLOW_CONDITIONAL as boolean,
      expectedVersion: v.RELEASE_EXPECTED_VERSION as string | null,
      deployer: (v.RELEASE_DEPLOYER as string | null) ?? ciActor(source),
      commandTimeoutMs: v.RELEASE_COMMAND_TIMEOUT as number,
      monitor: v.RELEASE_MONITOR as boolean,
      healthPath: (v.RELEASE_HEALTH_PATH as string | null) ?? adapterFor(suite.contract).paths.health,
    },
  }
}

const PHASE_TWO_PREFIXES = ['MONITOR_', 'RELEASE_'] as const

/**
 * A misspelled MONITOR_ROLBACK_ERROR_RATE would silently leave the plan's default in force: refused with a guess.
 * The value is never shown (a misspelled command may hold a secret).
 */
function unknownVariables(source: Record<string, string | undefined>): string[] {
  const known = Object.keys(VARIABLES)
  return Object.keys(source)
    .filter((name) => PHASE_TWO_PREFIXES.some((p) => name.toUpperCase().startsWith(p)) && !known.includes(name))
    .sort()
    .map((name) => {
      const guess = closestVariable(name, known)
      return `${name} is not a known variable${guess ? ` — did you mean ${guess}?` : ''}; expected one of the MONITOR_* / RELEASE_* variables documented in docs/release.md.`
    })
}

/** A fifth of the window (at least 100 ms): a trigger is re-evaluated five times per window length. */
function defaultStep(windowMs: number): number {
  return Math.max(100, Math.round(windowMs / 5))
}

function consistency(durationMs: number, windowMs: number, stepMs: number, v: Record<Name, unknown>): string[] {
  const out: string[] = []
  if (windowMs > durationMs)
    out.push(
      `MONITOR_WINDOW=${formatDuration(windowMs)} is invalid (longer than MONITOR_DURATION=${formatDuration(durationMs)}); expected a window no longer than the monitoring.`,
    )
  if (stepMs > windowMs)
    out.push(
      `MONITOR_STEP=${formatDuration(stepMs)} is invalid (longer than MONITOR_WINDOW=${formatDuration(windowMs)}); expected a step no longer than the window.`,
    )
  else if (Math.ceil(windowMs / stepMs) > MAX_SLICES)
    out.push(
      `MONITOR_STEP=${formatDuration(stepMs)} is invalid (MONITOR_WINDOW=${formatDuration(windowMs)} would hold more than ${MAX_SLICES} steps); expected at least ${formatDuration(Math.ceil(windowMs / MAX_SLICES))}.`,
    )
  if (Math.ceil(durationMs / windowMs) > MAX_REPORT_WINDOWS)
    out.push(
      `MONITOR_WINDOW=${formatDuration(windowMs)} is invalid (MONITOR_DURATION=${formatDuration(durationMs)} would give more than ${MAX_REPORT_WINDOWS} windows); expected at least ${formatDuration(Math.ceil(durationMs / MAX_REPORT_WINDOWS))}.`,
    )
  if ((v.MONITOR_ALERT_ERROR_RATE as number) > (v.MONITOR_ROLLBACK_ERROR_RATE as number))
    out.push(
      `MONITOR_ALERT_ERROR_RATE=${v.MONITOR_ALERT_ERROR_RATE} is invalid (above MONITOR_ROLLBACK_ERROR_RATE=${v.MONITOR_ROLLBACK_ERROR_RATE}); expected alert ≤ rollback threshold.`,
    )
  return out
}

/** Who deployed, when RELEASE_DEPLOYER is not set: the CI actor (GitHub Actions, GitLab CI), else null. */
function ciActor(source: Record<string, string | undefined>): string | null {
  for (const name of ['GITHUB_ACTOR', 'GITLAB_USER_LOGIN', 'BUILD_REQUESTEDFOR']) {
    const value = source[name]?.trim()
    if (value) return value
  }
  return null
}

export { readEnvironment }
