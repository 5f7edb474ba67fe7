// Phase 2 settings (verify, monitor, release): `.env` + process environment, validated with zod like the suite's
// (core/settings.ts, which still owns HARENA_* and VALIDATION_*). Every bad value gives one line naming the
// variable, what is wrong and the accepted form; all of them are reported at once, not only the first.
// Defaults: the plan's thresholds where it gives one (T4.7: alert at 10 % errors or P95 > 5000 ms, roll back at 20 %
// errors); where it gives none ("critical bug detected", "service crash repeatedly") the numbers are ours and
// docs/release.md "Whose thresholds" says why (a rate proven by its bound, a streak: one noisy answer never rolls back).
import { z } from 'zod'
import { type Locale, say } from '../core/locale/index.ts'
import '../core/locale/config.ts'
import { type Reason, type ReasonParam, reason } from '../core/reason.ts'
import { closestVariable, ConfigError, loadSettings, problemOf, readEnvironment, type Settings } from '../core/settings.ts'
import { shownUrlValue, stripUrlCredentials } from '../core/url-credentials.ts'
import { adapterFor } from '../tests/support/adapters/index.ts'
import { embeddedOptionsFrom, parseEmbeddedOptions, referenceContractDisagreement } from '../tests/support/embedded-options.ts'
import { formatDuration, parseDuration } from '../core/duration.ts'
import { chanceRepeatRollback, criticalRepeatFor, plannedAsks } from './triggers.ts'

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
  /**
   * "Service down" needs the service unreachable by the other route for this long (re-probed meanwhile): a restart
   * shorter than that is failed requests, judged by the rate rules (docs/release.md "Service down"). 0: at once.
   */
  downGraceMs: number
  /**
   * The same question answered with the same critical bug this many times in a row → rollback (triggers.ts): the N
   * used, MONITOR_ROLLBACK_CRITICAL_REPEAT when set, else derived from the watch (criticalRepeatDerived).
   */
  rollbackCriticalRepeat: number
  /** Present when N was derived: the watch's planned asks and the union bound of a chance rollback at the tolerated critical rate. */
  criticalRepeatDerived?: { plannedAsks: number; chance: number }
}

export interface ReleaseOptions {
  gate: boolean
  gateBaseUrl: string | null
  /** Run before the deployment (plan T4.6 step 1: a database backup); failing, nothing is deployed. */
  backupCommand: string | null
  deployCommand: string | null
  rollbackCommand: string | null
  allowConditional: boolean
  /**
   * RELEASE_GATE_SAME_ARTIFACT: the person says the gate's build is the artifact deployed though its health route
   * reports another version than RELEASE_EXPECTED_VERSION (a staging build stamped differently): the release goes on.
   */
  gateSameArtifact: boolean
  expectedVersion: string | null
  deployer: string | null
  commandTimeoutMs: number
  /** After a deploy or rollback command exits 0: the longest wait for a healthy health route before the verify. */
  readyTimeoutMs: number
  monitor: boolean
  healthPath: string
}

export interface PhaseTwoSettings {
  suite: Settings
  monitor: MonitorSettings
  release: ReleaseOptions
}

/** The accepted form of each variable, as its line says it, is in core/locale/config.ts (`config.accepted.<NAME>`). */
interface Spec {
  schema: z.ZodType
  fallback?: string
}

const MAX_DURATION_MS = 24 * 3_600_000
/** Windows kept for the report: beyond this, MONITOR_WINDOW is too short for MONITOR_DURATION. */
export const MAX_REPORT_WINDOWS = 2000
/** nginx in front of harena-v3 refuses beyond 10 r/s per IP (docs/generations.md): chat plus health checks. */
export const NGINX_RPS = 10
/** Slices per sliding window (MONITOR_WINDOW / MONITOR_STEP): each holds a small HDR histogram. */
export const MAX_SLICES = 120

const duration = (minMs: number, maxMs: number) =>
  z
    .string()
    .transform((text, ctx) => {
      const ms = parseDuration(text)
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'config.problem.not_duration' })
        return z.NEVER
      }
      return ms
    })
    .pipe(z.number().min(minMs, 'config.problem.below').max(maxMs, 'config.problem.above'))

/** The variables whose values are durations: a bound in their line is a duration too ("below 1s"). */
const DURATIONS: ReadonlySet<string> = new Set([
  'MONITOR_DURATION',
  'MONITOR_WINDOW',
  'MONITOR_STEP',
  'MONITOR_STATUS_EVERY',
  'MONITOR_HEALTH_EVERY',
  'MONITOR_DOWN_GRACE',
  'RELEASE_COMMAND_TIMEOUT',
  'RELEASE_READY_TIMEOUT',
])

const fraction = (exclusiveZero = true) =>
  z
    .string()
    .trim()
    .regex(/^(0|0?\.\d+|1(\.0+)?)$/, 'config.problem.not_fraction')
    .transform(Number)
    .pipe(z.number().refine((n) => !exclusiveZero || n > 0, 'config.problem.positive'))

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'config.problem.not_integer')
    .transform(Number)
    .pipe(z.number().int().min(min, 'config.problem.below').max(max, 'config.problem.above'))

const positive = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'config.problem.not_number')
    .transform(Number)
    .pipe(z.number().gt(0, 'config.problem.positive').max(max, 'config.problem.above'))

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'config.problem.not_boolean' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

const text = z.string().trim().min(1, 'config.problem.empty')

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
  }, 'config.problem.not_http_url_plain')
  .transform((u) => u.replace(/\/+$/, ''))

export const VARIABLES = {
  MONITOR_DURATION: { schema: duration(1000, MAX_DURATION_MS), fallback: '30m' },
  MONITOR_WINDOW: { schema: duration(1000, MAX_DURATION_MS), fallback: '5m' },
  MONITOR_STEP: { schema: duration(100, MAX_DURATION_MS) },
  MONITOR_RPS: { schema: positive(50), fallback: '1' },
  MONITOR_MAX_IN_FLIGHT: { schema: int(1, 256), fallback: '8' },
  MONITOR_STATUS_EVERY: { schema: duration(100, 3_600_000), fallback: '5s' },
  MONITOR_HEALTH_EVERY: { schema: duration(100, 3_600_000), fallback: '10s' },
  MONITOR_MIN_SAMPLES: { schema: int(1, 1_000_000), fallback: '20' },
  MONITOR_CONFIDENCE: {
    schema: fraction().pipe(z.number().gt(0.5, 'config.problem.not_above').lt(1, 'config.problem.not_below')),
    fallback: '0.95',
  },
  MONITOR_ALERT_ERROR_RATE: { schema: fraction(), fallback: '0.10' },
  MONITOR_ALERT_P95_MS: { schema: int(1, 3_600_000), fallback: '5000' },
  MONITOR_ROLLBACK_ERROR_RATE: { schema: fraction(), fallback: '0.20' },
  MONITOR_ROLLBACK_CRITICAL_RATE: { schema: fraction(), fallback: '0.05' },
  MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: { schema: int(1, 1000), fallback: '3' },
  // No fallback: unset, it is DEFAULT_DOWN_GRACE_MS within MONITOR_DURATION (a set one longer is refused: consistency).
  MONITOR_DOWN_GRACE: { schema: duration(0, 600_000) },
  // No fallback: without it, N is derived from the watch's planned asks (triggers.ts criticalRepeatFor).
  MONITOR_ROLLBACK_CRITICAL_REPEAT: { schema: int(1, 1000) },
  RELEASE_GATE: { schema: bool, fallback: 'true' },
  RELEASE_GATE_BASE_URL: { schema: httpUrl },
  RELEASE_BACKUP_COMMAND: { schema: text },
  RELEASE_DEPLOY_COMMAND: { schema: text },
  RELEASE_ROLLBACK_COMMAND: { schema: text },
  RELEASE_ALLOW_CONDITIONAL: { schema: bool, fallback: 'false' },
  RELEASE_GATE_SAME_ARTIFACT: { schema: bool, fallback: 'false' },
  RELEASE_EXPECTED_VERSION: { schema: text },
  RELEASE_DEPLOYER: { schema: text },
  RELEASE_COMMAND_TIMEOUT: { schema: duration(1000, MAX_DURATION_MS), fallback: '15m' },
  // After a deploy or rollback command exits 0, how long the service may take to answer its health route healthy
  // before the verify runs (release/rollback.ts waitReady). 0: verify at once.
  RELEASE_READY_TIMEOUT: { schema: duration(0, 3_600_000), fallback: '60s' },
  RELEASE_MONITOR: { schema: bool, fallback: 'true' },
  // No fallback: without it, the contract's own health route (v2 api/v1/conversation/health, v3
  // api/v3/conversation/health), so HARENA_API_CONTRACT alone points Phase 2 at the right route.
  RELEASE_HEALTH_PATH: {
    schema: z
      .string()
      .trim()
      .regex(/^\/?[\w./-]+$/, 'config.problem.not_path')
      // "../../x" climbs out of the service's root (under a gateway prefix, to another service's route).
      .refine((p) => !p.split('/').includes('..'), 'config.problem.dot_segments')
      .transform((p) => p.replace(/^\/+/, '')),
  },
} as const satisfies Record<string, Spec>

type Name = keyof typeof VARIABLES

/** One reason per bad value (core/locale/config.ts); lines() says them in a language. */
export class SettingsError extends Error {
  constructor(readonly reasons: readonly Reason[]) {
    super(reasons.map((r) => say(r, 'en')).join('\n'))
    this.name = 'SettingsError'
  }

  lines(locale: Locale): string[] {
    return this.reasons.map((r) => say(r, locale))
  }
}

/** A bad value's line: the variable, the value (hidden for commands), what is wrong, the accepted form. */
function invalid(variable: string, value: string | null, params: Record<string, ReasonParam>): Reason {
  return reason('config.invalid', { variable, value, ...params })
}

function shown(raw: string): string {
  // By structure (core/url-credentials.ts), never a regex over the text; a URL's query and fragment are not shown.
  const visible = shownUrlValue(stripUrlCredentials(raw))
  return JSON.stringify(visible.length > 80 ? `${visible.slice(0, 77)}...` : visible)
}

// Commands may carry secrets (tokens in a URL, a password flag): never echo them in an error line.
const HIDDEN: ReadonlySet<Name> = new Set(['RELEASE_BACKUP_COMMAND', 'RELEASE_DEPLOY_COMMAND', 'RELEASE_ROLLBACK_COMMAND'])

/** Reads every MONITOR_* / RELEASE_* variable (and the suite's own through loadSettings); throws SettingsError. */
export function loadPhaseTwoSettings(source: Record<string, string | undefined> = readEnvironment(), cwd = process.cwd()): PhaseTwoSettings {
  const lines: Reason[] = unknownVariables(source)
  const values: Partial<Record<Name, unknown>> = {}
  for (const [name, spec] of Object.entries(VARIABLES) as Array<[Name, Spec]>) {
    const raw = source[name]
    // Blank is unset, except for a command: a whitespace-only command is a mistake (a template left empty), not "none".
    const given = raw !== undefined && (raw.trim() !== '' || (HIDDEN.has(name) && raw !== ''))
    const input = given ? raw : spec.fallback
    if (input === undefined) {
      values[name] = null
      continue
    }
    const parsed = spec.schema.safeParse(input)
    if (parsed.success) values[name] = parsed.data
    else {
      const problem = problemOf(parsed.error.issues[0])
      const bound = DURATIONS.has(name) && problem.bound !== null ? formatDuration(problem.bound, { form: 'setting' }) : problem.bound
      lines.push(invalid(name, HIDDEN.has(name) ? null : shown(input), { ...problem, bound }))
    }
  }
  let suite: Settings | null = null
  try {
    suite = loadSettings(source, cwd)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    lines.push(error.reason)
  }
  const v = values as Record<Name, unknown>
  const windowMs = v.MONITOR_WINDOW as number
  const durationMs = v.MONITOR_DURATION as number
  const stepMs = (v.MONITOR_STEP as number | null) ?? defaultStep(windowMs)
  if (lines.length === 0) lines.push(...consistency(durationMs, windowMs, stepMs, v), ...pace(windowMs, v, suite?.contract ?? null))
  // A deployment judged on the embedded reference service would be gated, verified and watched on a stand-in.
  if (suite !== null && suite.baseUrl === null)
    for (const name of ['RELEASE_BACKUP_COMMAND', 'RELEASE_DEPLOY_COMMAND', 'RELEASE_ROLLBACK_COMMAND'] as const)
      if (v[name] !== null && v[name] !== undefined) lines.push(reason('config.release.embedded_deploy', { variable: name }))
  // The embedded service's REFERENCE_* settings, by the suite's own parser: the embedded service verify and monitor
  // start applies them (release/probe.ts), so a bad one is refused here with the rest, never ignored.
  if (suite !== null && suite.baseUrl === null) {
    lines.push(...parseEmbeddedOptions(embeddedOptionsFrom(source)).problems)
    const generation = referenceContractDisagreement(source, suite.contract)
    if (generation !== null) lines.push(generation)
  }
  // The backup runs before the deployment and only then: set alone, it would silently never run.
  if (v.RELEASE_BACKUP_COMMAND !== null && v.RELEASE_BACKUP_COMMAND !== undefined && (v.RELEASE_DEPLOY_COMMAND ?? null) === null)
    lines.push(reason('config.release.backup_without_deploy', { variable: 'RELEASE_BACKUP_COMMAND' }))
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
      downGraceMs: (v.MONITOR_DOWN_GRACE as number | null) ?? Math.min(DEFAULT_DOWN_GRACE_MS, durationMs),
      ...criticalRepeat(durationMs, v),
    },
    release: {
      gate: v.RELEASE_GATE as boolean,
      gateBaseUrl: v.RELEASE_GATE_BASE_URL as string | null,
      backupCommand: v.RELEASE_BACKUP_COMMAND as string | null,
      deployCommand: v.RELEASE_DEPLOY_COMMAND as string | null,
      rollbackCommand: v.RELEASE_ROLLBACK_COMMAND as string | null,
      allowConditional: v.RELEASE_ALLOW_CONDITIONAL as boolean,
      gateSameArtifact: v.RELEASE_GATE_SAME_ARTIFACT as boolean,
      expectedVersion: v.RELEASE_EXPECTED_VERSION as string | null,
      deployer: (v.RELEASE_DEPLOYER as string | null) ?? ciActor(source),
      commandTimeoutMs: v.RELEASE_COMMAND_TIMEOUT as number,
      readyTimeoutMs: v.RELEASE_READY_TIMEOUT as number,
      monitor: v.RELEASE_MONITOR as boolean,
      healthPath: (v.RELEASE_HEALTH_PATH as string | null) ?? adapterFor(suite.contract).paths.health,
    },
  }
}

/** MONITOR_ROLLBACK_CRITICAL_REPEAT when set (1: the plan read literally), else the N this watch's length calls for. */
function criticalRepeat(durationMs: number, v: Record<Name, unknown>): Pick<MonitorSettings, 'rollbackCriticalRepeat' | 'criticalRepeatDerived'> {
  const set = v.MONITOR_ROLLBACK_CRITICAL_REPEAT as number | null | undefined
  if (set !== null && set !== undefined) return { rollbackCriticalRepeat: set }
  const asks = plannedAsks({ durationMs, rps: v.MONITOR_RPS as number })
  const rate = v.MONITOR_ROLLBACK_CRITICAL_RATE as number
  const n = criticalRepeatFor(asks, rate)
  return { rollbackCriticalRepeat: n, criticalRepeatDerived: { plannedAsks: asks, chance: chanceRepeatRollback(asks, rate, n) } }
}

const PHASE_TWO_PREFIXES = ['MONITOR_', 'RELEASE_'] as const

/**
 * A misspelled MONITOR_ROLBACK_ERROR_RATE would silently leave the plan's default in force: refused with a guess.
 * The value is never shown (a misspelled command may hold a secret).
 */
function unknownVariables(source: Record<string, string | undefined>): Reason[] {
  const known = Object.keys(VARIABLES)
  return Object.keys(source)
    .filter((name) => PHASE_TWO_PREFIXES.some((p) => name.toUpperCase().startsWith(p)) && !known.includes(name))
    .sort()
    .map((name) =>
      reason('config.unknown_variable', {
        variable: name,
        guess: closestVariable(name, known),
        family: 'MONITOR_* / RELEASE_*',
        documented: 'docs/release.md',
      }),
    )
}

/** MONITOR_DOWN_GRACE unset: 5 s, or the whole watch when it is shorter. */
const DEFAULT_DOWN_GRACE_MS = 5000

/** A fifth of the window (at least 100 ms): a trigger is re-evaluated five times per window length. */
function defaultStep(windowMs: number): number {
  return Math.max(100, Math.round(windowMs / 5))
}

function consistency(durationMs: number, windowMs: number, stepMs: number, v: Record<Name, unknown>): Reason[] {
  const out: Reason[] = []
  const d = (ms: number) => formatDuration(ms, { form: 'setting' })
  if (windowMs > durationMs)
    out.push(
      invalid('MONITOR_WINDOW', d(windowMs), {
        problem: 'config.problem.longer_than',
        other: 'MONITOR_DURATION',
        otherValue: d(durationMs),
        expected: 'config.expected.window_le_duration',
      }),
    )
  if (stepMs > windowMs)
    out.push(
      invalid('MONITOR_STEP', d(stepMs), {
        problem: 'config.problem.longer_than',
        other: 'MONITOR_WINDOW',
        otherValue: d(windowMs),
        expected: 'config.expected.step_le_window',
      }),
    )
  else if (Math.ceil(windowMs / stepMs) > MAX_SLICES)
    out.push(
      invalid('MONITOR_STEP', d(stepMs), {
        problem: 'config.problem.too_many_steps',
        other: 'MONITOR_WINDOW',
        otherValue: d(windowMs),
        max: MAX_SLICES,
        expected: 'config.expected.at_least',
        least: d(Math.ceil(windowMs / MAX_SLICES)),
      }),
    )
  if (Math.ceil(durationMs / windowMs) > MAX_REPORT_WINDOWS)
    out.push(
      invalid('MONITOR_WINDOW', d(windowMs), {
        problem: 'config.problem.too_many_windows',
        other: 'MONITOR_DURATION',
        otherValue: d(durationMs),
        max: MAX_REPORT_WINDOWS,
        expected: 'config.expected.at_least',
        least: d(Math.ceil(durationMs / MAX_REPORT_WINDOWS)),
      }),
    )
  // A grace longer than the watch could never end within it: "service down" would wait past the planned end.
  if (v.MONITOR_DOWN_GRACE !== null && (v.MONITOR_DOWN_GRACE as number) > durationMs)
    out.push(
      invalid('MONITOR_DOWN_GRACE', d(v.MONITOR_DOWN_GRACE as number), {
        problem: 'config.problem.longer_than',
        other: 'MONITOR_DURATION',
        otherValue: d(durationMs),
        expected: 'config.expected.grace_le_duration',
      }),
    )
  if ((v.MONITOR_ALERT_ERROR_RATE as number) > (v.MONITOR_ROLLBACK_ERROR_RATE as number))
    out.push(
      invalid('MONITOR_ALERT_ERROR_RATE', String(v.MONITOR_ALERT_ERROR_RATE), {
        problem: 'config.problem.above_other',
        other: 'MONITOR_ROLLBACK_ERROR_RATE',
        otherValue: String(v.MONITOR_ROLLBACK_ERROR_RATE),
        expected: 'config.expected.alert_le_rollback',
      }),
    )
  return out
}

/**
 * The pace against what it must reach and what it must not exceed: a window must be able to hold
 * MONITOR_MIN_SAMPLES requests (else no rate or P95 rule can ever fire and a failing service would read
 * "Stable"), and on harena-v3 the watch (chat plus health checks) stays within nginx's 10 r/s per IP.
 */
function pace(windowMs: number, v: Record<Name, unknown>, contract: string | null): Reason[] {
  const out: Reason[] = []
  const rps = v.MONITOR_RPS as number
  const min = v.MONITOR_MIN_SAMPLES as number
  const perWindow = Math.floor((rps * windowMs) / 1000 + 1e-9)
  if (perWindow < min)
    out.push(
      invalid('MONITOR_RPS', JSON.stringify(String(rps)), {
        problem: 'config.problem.window_too_few',
        other: 'MONITOR_WINDOW',
        otherValue: formatDuration(windowMs, { form: 'setting' }),
        perWindow,
        min,
        expected: 'config.expected.rps_window_min',
        least: Math.ceil(((min * 1000) / windowMs) * 100) / 100,
      }),
    )
  const healthEvery = v.MONITOR_HEALTH_EVERY as number
  const most = Math.floor((NGINX_RPS - 1000 / healthEvery) * 100) / 100
  if (contract === 'harena-v3' && rps > most)
    out.push(
      invalid('MONITOR_RPS', JSON.stringify(String(rps)), {
        problem: 'config.problem.over_nginx',
        otherValue: formatDuration(healthEvery, { form: 'setting' }),
        max: NGINX_RPS,
        expected: 'config.expected.at_most',
        most: Math.max(0, most),
      }),
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
