// Run settings (docs/suite-rules.md §2), the one settings type of the project: `.env` + process environment, validated once with zod.
// A bad value becomes one ConfigError line that names the variable, says what is wrong with the value and
// the accepted form (a reason of core/locale/config.ts: said in both languages; the zod messages below are its
// `config.problem.*` codes). Secret values (token, password) are never echoed, whatever the error.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { ConfigurationError } from './configuration-error.ts'
import { readEnvironment } from './environment.ts'
import { MAX_ITERATIONS } from './model.ts'
import { hasPhrase, type Locale } from './locale/index.ts'
import './locale/config.ts'
import { reason, type ReasonParam } from './reason.ts'
import { REFERENCE_VARIABLES } from './reference-variables.ts'
import { shownUrlValue } from './url-credentials.ts'

export const CONTRACTS = ['harena-v2', 'harena-v2-charts', 'harena-v3'] as const
export type ContractName = (typeof CONTRACTS)[number]

/**
 * Each contract's stream route (VALIDATION_STREAM=true asks every question there), `{user_id}` for the user's id: what
 * the verdict names when that route is not found (reporters/decide.ts). The adapters' own paths.stream says the same
 * (selftest/reporters/decide.test.ts checks it).
 */
export const STREAM_ROUTES: Readonly<Record<ContractName, string>> = {
  'harena-v2': 'api/v1/conversation/{user_id}/stream',
  'harena-v2-charts': 'api/v1/conversation/{user_id}/stream',
  'harena-v3': 'api/v3/conversation/{user_id}/stream',
}
/** Pace under nginx's 10 r/s per IP on harena-v3 when VALIDATION_MAX_RPS is unset. */
export const DEFAULT_V3_MAX_RPS = 8
/** The report languages, as a tuple for zod; core/locale/ holds their catalogues. */
const LOCALE_VALUES = ['fr', 'en'] as const satisfies readonly Locale[]
export const AUTH_MODES = ['auto', 'none'] as const
export type AuthMode = (typeof AUTH_MODES)[number]

export interface Settings {
  /** null → start the embedded reference service. Never contains credentials. */
  baseUrl: string | null
  contract: ContractName
  userId: number
  /** The bearer token without any "Bearer " prefix; opaque or JWT. */
  apiToken: string | null
  /** 'none': the target is asked without credentials, on purpose (HARENA_AUTH=none). */
  auth: AuthMode
  username: string | null
  password: string | null
  timeoutMs: number
  questionsPath: string
  iterations: number
  /** Warm-up requests for the whole run (never per question), never in the statistics. */
  warmup: number
  concurrency: number
  /** Consecutive timeouts with no answer at all after which the run stops asking (0 = never). */
  stopAfterTimeouts: number
  /** Seconds between two progress lines (0: none); in a terminal also one per answer (tests/support/progress.ts). */
  progressSeconds: number
  reportDir: string
  locale: Locale
  minSuccessRate: number
  p95GoMs: number
  p95NoGoMs: number
  strict: boolean
  failOnConditional: boolean
  /** Ask through the stream route (`…/{uid}/stream`) and measure the time to the first chunk. */
  stream: boolean
  /** TTFC P95 thresholds (streaming only). */
  ttfcGoMs: number
  ttfcNoGoMs: number
  /** Requests per second the suite never exceeds (0 = no pacing); default 8 on harena-v3 (nginx: 10 r/s per IP). */
  maxRps: number
  /** Run the security probes (tests/security.spec.ts); VALIDATION_SECURITY, default true. */
  security: boolean
  /** VALIDATION_GROUND_TRUTH: expected figures per question (absolute path), or null (embedded: its own truth). */
  groundTruthPath: string | null
  /** An earlier run's validation-report.json to compare with (VALIDATION_BASELINE); null: no comparison. */
  baselinePath: string | null
  /** How much worse the P95 may be than the baseline's before the `no regression` criterion warns (0.2 = 20 %). */
  maxRegression: number
}

export class ConfigError extends ConfigurationError {
  override name = 'ConfigError'
}

/** A configuration error as data: a code of core/locale/config.ts and its parameters. */
const configError = (variable: string, code: string, params: Record<string, ReasonParam> = {}): ConfigError =>
  new ConfigError(variable, reason(code, { variable, ...params }))

const SECRET_VARIABLES = new Set(['HARENA_API_TOKEN', 'HARENA_PASSWORD'])

interface VariableSpec {
  schema: z.ZodType
  /** The values a choice accepts, for its line (the rest of each accepted form is in core/locale/config.ts). */
  values?: readonly string[]
}

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'config.problem.not_accepted' })
/** One of `values`, whatever the letter case ("EN", "Harena-V3"), as yes/no settings are read. */
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.string().trim().toLowerCase().pipe(oneOf(values))

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    // A sign is read (then "-1" is "below 1", as it is): only what is not a whole number at all is "not a whole number".
    .regex(/^[-+]?\d+$/, 'config.problem.not_integer')
    .transform(Number)
    .pipe(z.number().int().min(min, 'config.problem.below').max(max, 'config.problem.above'))

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(oneOf(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on')

const parseUrl = (u: string): URL | null => {
  try {
    return new URL(u)
  } catch {
    return null
  }
}

const httpUrl = z
  .string()
  .trim()
  .superRefine((u, ctx) => {
    const parsed = parseUrl(u)
    if (!parsed || !/^https?:$/.test(parsed.protocol)) ctx.addIssue({ code: 'custom', message: 'config.problem.not_http_url' })
    else if (parsed.username !== '' || parsed.password !== '') ctx.addIssue({ code: 'custom', message: 'config.problem.url_credentials' })
    else if (parsed.search !== '' || parsed.hash !== '') ctx.addIssue({ code: 'custom', message: 'config.problem.url_query' })
  })
  .transform((u) => u.replace(/\/+$/, ''))

/**
 * The shortest token or password a run accepts. Every output is scrubbed of the run's secrets in all their spellings
 * (core/secrets.ts), but a shorter secret cannot be: its hex form, its pieces spread over a body, are ordinary text
 * (a review echoed a 5-character password split over two JSON fields into every report; a password "4000" masked
 * the P95 threshold of the report). Refused, with the variable named, rather than half-protected.
 */
export const MIN_SECRET_LENGTH = 8

// The accepted form of each variable, as its line says it, is in core/locale/config.ts (`config.accepted.<NAME>`).
const VARIABLES: Record<string, VariableSpec> = {
  HARENA_BASE_URL: { schema: httpUrl },
  HARENA_API_CONTRACT: { schema: choice(CONTRACTS), values: CONTRACTS },
  HARENA_USER_ID: { schema: int(1) },
  HARENA_API_TOKEN: {
    // Gateways issue opaque tokens too: any RFC 6750 b64token is accepted; a JWT is checked further (checkToken).
    schema: z
      .string()
      .trim()
      .transform((t) => t.replace(/^Bearer\s+/i, ''))
      .pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9\-._~+/]+=*$/, 'config.problem.not_bearer')
          .min(MIN_SECRET_LENGTH, 'config.problem.secret_too_short'),
      ),
  },
  HARENA_AUTH: { schema: choice(AUTH_MODES) },
  HARENA_USERNAME: { schema: z.string().trim().min(1) },
  HARENA_PASSWORD: { schema: z.string().min(1, 'config.problem.empty').min(MIN_SECRET_LENGTH, 'config.problem.secret_too_short') },
  HARENA_TIMEOUT_MS: { schema: int(1, 600_000) },
  VALIDATION_QUESTIONS: { schema: z.string().trim().min(1) },
  VALIDATION_ITERATIONS: { schema: int(1, MAX_ITERATIONS) },
  // A budget for the whole run, not per question: one warm-up per question doubled a real run's cost (issue 9).
  VALIDATION_WARMUP: { schema: int(0, 100) },
  VALIDATION_CONCURRENCY: { schema: int(1, 256) },
  VALIDATION_STOP_AFTER_TIMEOUTS: { schema: int(0, 1000) },
  VALIDATION_PROGRESS_SECONDS: { schema: int(0, 3600) },
  VALIDATION_REPORT_DIR: { schema: z.string().trim().min(1) },
  VALIDATION_LOCALE: { schema: choice(LOCALE_VALUES), values: LOCALE_VALUES },
  // At most 15 decimals: each one then reads back as the same number (a 400-digit fraction would become 0), and the
  // criteria write it as a plain decimal (reporters/criteria.ts plainDecimal), never "1e-7".
  VALIDATION_MIN_SUCCESS_RATE: {
    schema: z
      .string()
      .trim()
      // ".95" is a fraction too (the leading zero is optional, as in most languages' number syntax).
      .regex(/^(0|0?\.\d+|1(\.0+)?)$/, 'config.problem.not_fraction')
      .regex(/^\d?(\.\d{0,15}0*)?$/, 'config.problem.too_many_decimals')
      .transform(Number),
  },
  VALIDATION_P95_GO_MS: { schema: int(1) },
  VALIDATION_P95_NOGO_MS: { schema: int(1) },
  VALIDATION_STRICT: { schema: bool },
  VALIDATION_FAIL_ON_CONDITIONAL: { schema: bool },
  VALIDATION_STREAM: { schema: bool },
  VALIDATION_TTFC_GO_MS: { schema: int(1) },
  VALIDATION_TTFC_NOGO_MS: { schema: int(1) },
  VALIDATION_MAX_RPS: {
    schema: z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/, 'config.problem.not_number')
      .transform(Number)
      .pipe(z.number().min(0, 'config.problem.below').max(10_000, 'config.problem.above')),
  },
  VALIDATION_SECURITY: { schema: bool },
  VALIDATION_GROUND_TRUTH: { schema: z.string().trim().min(1) },
  VALIDATION_BASELINE: { schema: z.string().trim().min(1) },
  VALIDATION_MAX_REGRESSION: {
    schema: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, 'config.problem.not_fraction_positive')
      .transform(Number)
      .pipe(z.number().max(100, 'config.problem.above')),
  },
}

/** The variables the suite reads (core/locale/config.ts holds the accepted form of each: a test checks both agree). */
export const SETTING_VARIABLES: readonly string[] = Object.keys(VARIABLES)

/**
 * What a zod issue says is wrong, as the parameters of a `config.invalid` line: the schemas' messages are
 * `config.problem.*` codes, and a bound (below/above) comes from the issue itself; any other message (zod's own)
 * is `config.problem.invalid`.
 */
export function problemOf(issue: z.core.$ZodIssue | undefined): { problem: string; bound: number | null } {
  const problem = issue !== undefined && hasPhrase(issue.message) ? issue.message : 'config.problem.invalid'
  const bound = issue === undefined ? undefined : 'minimum' in issue ? issue.minimum : 'maximum' in issue ? issue.maximum : undefined
  return { problem, bound: typeof bound === 'number' || typeof bound === 'bigint' ? Number(bound) : null }
}

export const DEFAULTS = {
  HARENA_API_CONTRACT: 'harena-v2',
  HARENA_AUTH: 'auto',
  HARENA_USER_ID: '1',
  HARENA_TIMEOUT_MS: '60000',
  VALIDATION_QUESTIONS: 'fixtures/questions.json',
  VALIDATION_ITERATIONS: '1',
  VALIDATION_WARMUP: '2',
  VALIDATION_CONCURRENCY: '1',
  VALIDATION_STOP_AFTER_TIMEOUTS: '3',
  VALIDATION_PROGRESS_SECONDS: '30',
  VALIDATION_REPORT_DIR: 'reports',
  VALIDATION_LOCALE: 'fr',
  VALIDATION_MIN_SUCCESS_RATE: '0.95',
  VALIDATION_P95_GO_MS: '4000',
  VALIDATION_P95_NOGO_MS: '5000',
  VALIDATION_STRICT: 'false',
  VALIDATION_FAIL_ON_CONDITIONAL: 'false',
  VALIDATION_STREAM: 'false',
  VALIDATION_TTFC_GO_MS: '2000',
  VALIDATION_TTFC_NOGO_MS: '4000',
  VALIDATION_SECURITY: 'true',
  VALIDATION_MAX_REGRESSION: '0.2',
} as const satisfies Partial<Record<keyof typeof VARIABLES, string>>

/**
 * The release thresholds as the plan sets them (the defaults above) and which way is looser: a lower success rate, a
 * higher latency bound or regression allowance. `when`: the threshold judges the run only then (TTFC: streaming).
 */
export const PLAN_THRESHOLDS: ReadonlyArray<{ key: RunSettingKey; variable: keyof typeof DEFAULTS; looser: 'lower' | 'higher' }> = [
  { key: 'minSuccessRate', variable: 'VALIDATION_MIN_SUCCESS_RATE', looser: 'lower' },
  { key: 'p95GoMs', variable: 'VALIDATION_P95_GO_MS', looser: 'higher' },
  { key: 'p95NoGoMs', variable: 'VALIDATION_P95_NOGO_MS', looser: 'higher' },
  { key: 'ttfcGoMs', variable: 'VALIDATION_TTFC_GO_MS', looser: 'higher' },
  { key: 'ttfcNoGoMs', variable: 'VALIDATION_TTFC_NOGO_MS', looser: 'higher' },
  { key: 'maxRegression', variable: 'VALIDATION_MAX_REGRESSION', looser: 'higher' },
]

/** A release threshold this run set looser than the plan's: its variable, its value and the plan's. */
export interface LooserThreshold {
  variable: string
  value: number
  plan: number
}

/**
 * Every release threshold of these settings looser than the plan's, in PLAN_THRESHOLDS order. `judged`: whether a
 * threshold judges this run at all (TTFC without streaming, the regression allowance without a baseline do not).
 */
export function looserThanPlan(settings: Pick<Settings, RunSettingKey>, judged: (key: RunSettingKey) => boolean = () => true): LooserThreshold[] {
  return PLAN_THRESHOLDS.flatMap(({ key, variable, looser }) => {
    const value = settings[key]
    const plan = Number(DEFAULTS[variable])
    if (typeof value !== 'number' || !judged(key)) return []
    return (looser === 'lower' ? value < plan : value > plan) ? [{ variable, value, plan }] : []
  })
}

/** Reads `.env` (if present) under the process environment; the process environment wins, as dotenv does. */
export { readEnvironment }

function parseVariable(name: string, raw: string): unknown {
  const spec = VARIABLES[name]
  if (!spec) throw new Error(`unknown variable ${name}`)
  const result = spec.schema.safeParse(raw)
  if (result.success) return result.data
  // A URL may carry user:password@ in forms no regex foresees: removed by parsing (core/url-credentials.ts).
  const visible = shownUrlValue(raw)
  const value = SECRET_VARIABLES.has(name) ? null : JSON.stringify(visible.length > 80 ? `${visible.slice(0, 77)}...` : visible)
  throw configError(name, 'config.invalid', { value, ...problemOf(result.error.issues[0]), values: spec.values ?? null })
}

/**
 * The language of a configuration-error line: VALIDATION_LOCALE's when it is valid, the default when it is unset,
 * English when VALIDATION_LOCALE itself is the invalid value (no language is known then).
 */
export function configurationLocale(source: Record<string, string | undefined> = readEnvironment()): Locale {
  const raw = source.VALIDATION_LOCALE
  if (raw === undefined || raw.trim() === '') return DEFAULTS.VALIDATION_LOCALE
  const parsed = VARIABLES.VALIDATION_LOCALE?.schema.safeParse(raw)
  return parsed?.success ? (parsed.data as Locale) : 'en'
}

/** Throws ConfigError (one line) on the first invalid variable. Empty values count as unset. */
export function loadSettings(source: Record<string, string | undefined> = readEnvironment(), cwd = process.cwd()): Settings {
  refuseUnknownVariables(source)
  const get = (name: keyof typeof VARIABLES): unknown => {
    const raw = source[name]
    if (raw === undefined || raw.trim() === '') {
      const fallback = (DEFAULTS as Record<string, string>)[name]
      return fallback === undefined ? null : parseVariable(name, fallback)
    }
    return parseVariable(name, raw)
  }
  const settings: Settings = {
    baseUrl: get('HARENA_BASE_URL') as string | null,
    contract: get('HARENA_API_CONTRACT') as ContractName,
    userId: get('HARENA_USER_ID') as number,
    apiToken: get('HARENA_API_TOKEN') as string | null,
    auth: get('HARENA_AUTH') as AuthMode,
    username: get('HARENA_USERNAME') as string | null,
    password: get('HARENA_PASSWORD') as string | null,
    timeoutMs: get('HARENA_TIMEOUT_MS') as number,
    questionsPath: resolve(cwd, get('VALIDATION_QUESTIONS') as string),
    iterations: get('VALIDATION_ITERATIONS') as number,
    warmup: get('VALIDATION_WARMUP') as number,
    concurrency: get('VALIDATION_CONCURRENCY') as number,
    stopAfterTimeouts: get('VALIDATION_STOP_AFTER_TIMEOUTS') as number,
    progressSeconds: get('VALIDATION_PROGRESS_SECONDS') as number,
    reportDir: resolve(cwd, get('VALIDATION_REPORT_DIR') as string),
    locale: get('VALIDATION_LOCALE') as Locale,
    minSuccessRate: get('VALIDATION_MIN_SUCCESS_RATE') as number,
    p95GoMs: get('VALIDATION_P95_GO_MS') as number,
    p95NoGoMs: get('VALIDATION_P95_NOGO_MS') as number,
    strict: get('VALIDATION_STRICT') as boolean,
    failOnConditional: get('VALIDATION_FAIL_ON_CONDITIONAL') as boolean,
    stream: get('VALIDATION_STREAM') as boolean,
    ttfcGoMs: get('VALIDATION_TTFC_GO_MS') as number,
    ttfcNoGoMs: get('VALIDATION_TTFC_NOGO_MS') as number,
    maxRps: 0,
    security: get('VALIDATION_SECURITY') as boolean,
    groundTruthPath: ((p: string | null) => (p === null ? null : resolve(cwd, p)))(get('VALIDATION_GROUND_TRUTH') as string | null),
    baselinePath: baselinePathOf(get('VALIDATION_BASELINE') as string | null, cwd),
    maxRegression: get('VALIDATION_MAX_REGRESSION') as number,
  }
  const maxRps = get('VALIDATION_MAX_RPS') as number | null
  // nginx in front of v3 refuses beyond 10 r/s per IP (docs/wire-contracts.md §6.2): pace below it unless told otherwise.
  settings.maxRps = maxRps ?? (settings.contract === 'harena-v3' ? DEFAULT_V3_MAX_RPS : 0)
  const goAboveNoGo = (go: string, goValue: number, noGo: string, noGoValue: number): ConfigError =>
    configError(go, 'config.invalid', {
      value: goValue,
      problem: 'config.problem.greater_than',
      other: noGo,
      otherValue: noGoValue,
      expected: 'config.expected.go_le_nogo',
    })
  if (settings.ttfcGoMs > settings.ttfcNoGoMs)
    throw goAboveNoGo('VALIDATION_TTFC_GO_MS', settings.ttfcGoMs, 'VALIDATION_TTFC_NOGO_MS', settings.ttfcNoGoMs)
  if (settings.p95GoMs > settings.p95NoGoMs) throw goAboveNoGo('VALIDATION_P95_GO_MS', settings.p95GoMs, 'VALIDATION_P95_NOGO_MS', settings.p95NoGoMs)
  const reportDirProblem = reportDirProblemOf(settings.reportDir)
  if (reportDirProblem !== null)
    throw configError('VALIDATION_REPORT_DIR', 'config.invalid', {
      value: JSON.stringify(settings.reportDir),
      ...reportDirProblem,
      expected: 'config.expected.writable_dir',
    })
  // The run replaces its report directory's documents at start (an in-progress report): a baseline there would be
  // gone before it is read (docs/baseline.md).
  if (settings.baselinePath !== null && dirname(settings.baselinePath) === settings.reportDir)
    throw configError('VALIDATION_BASELINE', 'config.invalid', {
      value: JSON.stringify(get('VALIDATION_BASELINE')),
      problem: 'config.problem.inside_report_dir',
      expected: 'config.expected.baseline_elsewhere',
    })
  if ((settings.username === null) !== (settings.password === null))
    throw configError(settings.username === null ? 'HARENA_USERNAME' : 'HARENA_PASSWORD', 'config.credentials.together')
  refuseDishonestTarget(settings, source)
  checkToken(settings, Date.now())
  return settings
}

// ---------------------------------------------------------------------------------------------------------------
// Target honesty: a setting that would be silently ignored, or a target asked without the credentials it needs,
// stops the run. Otherwise a typo or a missing CI secret validates the embedded reference service and says GO.

/** The prefixes this suite owns: a variable with one of them that nobody reads is a typo. */
export const OWNED_PREFIXES = ['HARENA_', 'VALIDATION_', 'REFERENCE_'] as const

/**
 * Variables with our prefixes that are switches of the project's own tools, not suite settings: exported in a shell
 * (to mirror the workflow, or to refresh the README screenshot) they must not stop a run as "unknown". The release
 * names itself to its gate in HARENA_GATE_OWNER_PID (core/invoker.ts).
 */
const TOOL_VARIABLES = ['VALIDATION_SHARDED', 'HARENA_WRITE_SCREENSHOT', 'HARENA_GATE_OWNER_PID'] as const

/** Every variable read by the suite or the reference service, from their registries (never a second list). */
export function knownVariables(): string[] {
  return [...Object.keys(VARIABLES), ...REFERENCE_VARIABLES, ...TOOL_VARIABLES]
}

/** Levenshtein distance (small strings: variable names). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length] as number
}

/** The known variable closest to `name`, when close enough to be a typo (underscores and case ignored first). */
export function closestVariable(name: string, known: readonly string[] = knownVariables()): string | null {
  const squash = (v: string) => v.toUpperCase().replace(/_/g, '')
  const same = known.find((k) => squash(k) === squash(name))
  if (same) return same
  // HARENA_TOKEN → HARENA_API_TOKEN: same prefix, the rest of the name is part of a known one.
  const upper = name.toUpperCase()
  const prefix = OWNED_PREFIXES.find((p) => upper.startsWith(p))
  const rest = prefix ? upper.slice(prefix.length) : ''
  const part = rest.length >= 4 ? known.filter((k) => prefix && k.startsWith(prefix) && k.slice(prefix.length).includes(rest)) : []
  if (part.length === 1) return part[0] as string
  // VALIDATION_API_CONTRACT → HARENA_API_CONTRACT: every known name is considered, under any of our prefixes — the
  // rest of the name is (nearly) the rest of a known one's (review 2026-12-05: no guess across prefixes).
  const restOf = (k: string) => k.slice(OWNED_PREFIXES.find((p) => k.startsWith(p))?.length ?? 0)
  let best: { name: string; d: number } | null = null
  for (const k of known) {
    const d = distance(upper, k)
    if (best === null || d < best.d) best = { name: k, d }
  }
  if (best !== null && best.d <= Math.max(2, Math.floor(name.length / 4))) return best.name
  if (rest.length < 4) return null
  const across = known.filter((k) => restOf(k) === rest || restOf(k).includes(rest))
  if (across.length === 1) return across[0] as string
  let near: { name: string; d: number } | null = null
  for (const k of known) {
    const d = distance(rest, restOf(k))
    if (near === null || d < near.d) near = { name: k, d }
  }
  return near !== null && near.d <= Math.floor(rest.length / 6) ? near.name : null
}

function refuseUnknownVariables(source: Record<string, string | undefined>): void {
  const known = new Set(knownVariables())
  for (const name of Object.keys(source).sort()) {
    if (known.has(name) || !OWNED_PREFIXES.some((p) => name.toUpperCase().startsWith(p))) continue
    const guess = closestVariable(name)
    // The value is never shown: a misspelled HARENA_PASWORD holds a password.
    throw configError(name, 'config.unknown_variable', { guess, documented: `.env.example (${OWNED_PREFIXES.join('*, ')}*)` })
  }
}

const isSet = (source: Record<string, string | undefined>, name: string) => (source[name]?.trim() ?? '') !== ''

/**
 * Settings that only mean something for an external target. HARENA_API_CONTRACT is not one: the embedded
 * reference service speaks the generation it names (docs/generations.md).
 */
const EXTERNAL_ONLY = ['HARENA_API_TOKEN', 'HARENA_USERNAME', 'HARENA_PASSWORD', 'HARENA_USER_ID', 'HARENA_AUTH'] as const

function refuseDishonestTarget(settings: Settings, source: Record<string, string | undefined>): void {
  if (settings.baseUrl === null) {
    const ignored = EXTERNAL_ONLY.filter((n) => isSet(source, n))
    if (ignored.length > 0) throw configError('HARENA_BASE_URL', 'config.target.ignored', { variables: ignored })
    return
  }
  const hasCredentials = settings.apiToken !== null || settings.username !== null
  if (settings.auth === 'none' && hasCredentials)
    throw configError('HARENA_AUTH', 'config.auth.none_with_credentials', {
      credentials: settings.apiToken !== null ? 'HARENA_API_TOKEN' : 'HARENA_USERNAME/HARENA_PASSWORD',
    })
  if (settings.auth === 'auto' && !hasCredentials) throw configError('HARENA_API_TOKEN', 'config.auth.missing_credentials')
}

/** The claims of a JWT, or null when the token is not a JWT (opaque tokens are fine: nothing to check). */
export function jwtClaims(token: string): { sub?: unknown; user_id?: unknown; exp?: unknown } | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8'))
    const payload: unknown = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8'))
    if (typeof header !== 'object' || header === null || !('alg' in header)) return null
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as { sub?: unknown; user_id?: unknown; exp?: unknown })
      : null
  } catch {
    return null
  }
}

/**
 * The user a JWT's claims name, read as the real middleware reads them (fixtures/reference/jwt.ts): `sub`, else
 * `user_id` — a `sub` that is present speaks, even one the middleware would refuse. Null when neither is usable.
 * One reading for the configured token (checkToken) and the token a login returns (tests/support/target.ts).
 */
export function jwtUser(claims: { sub?: unknown; user_id?: unknown }): { id: string; from: 'sub' | 'user_id' } | null {
  const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null)
  if (claims.sub !== undefined && claims.sub !== null) {
    const sub = idOf(claims.sub)
    return sub === null ? null : { id: sub, from: 'sub' }
  }
  const user = idOf(claims.user_id)
  return user === null ? null : { id: user, from: 'user_id' }
}

/**
 * Whether a user id a token or a login answer states is `userId`: integer-like values compare as integers, as the
 * service converts them (`int(sub)`: "01" = 1 = "1"); anything else as text.
 */
export function sameUserId(stated: unknown, userId: number | string): boolean {
  const integer = (v: unknown): bigint | null => {
    const text = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : ''
    return /^[-+]?\d{1,30}$/.test(text) ? BigInt(text) : null
  }
  const a = integer(stated)
  const b = integer(userId)
  return a !== null && b !== null ? a === b : String(stated) === String(userId)
}

/** A JWT whose `sub` is another user, or that has expired, cannot validate this user: refused before any request. */
function checkToken(settings: Settings, nowMs: number): void {
  if (settings.apiToken === null) return
  const claims = jwtClaims(settings.apiToken)
  if (claims === null) return
  const user = jwtUser(claims)
  if (user !== null && !sameUserId(user.id, settings.userId))
    throw configError('HARENA_USER_ID', 'config.token.other_user', {
      userId: settings.userId,
      sub: JSON.stringify(user.id).slice(0, 40),
      from: user.from,
    })
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs)
    throw configError('HARENA_API_TOKEN', 'config.token.expired', { at: new Date(claims.exp * 1000).toISOString() })
}

/** When the configured JWT expires (ms since epoch), or null (opaque token, no exp, no token). */
export function tokenExpiresAt(settings: Pick<Settings, 'apiToken'>): number | null {
  if (settings.apiToken === null) return null
  const exp = jwtClaims(settings.apiToken)?.exp
  return typeof exp === 'number' ? exp * 1000 : null
}

type DirProblem = { problem: string; path: string | null; error?: string }

/**
 * Why the report directory cannot be used (a `config.problem.*` code, and the path it concerns when it is not the
 * directory itself), or null. Checked before the run so that a verdict is never computed and then lost: the
 * directory (or, when missing, its nearest existing ancestor) must be a writable directory.
 */
function reportDirProblemOf(dir: string): DirProblem | null {
  let path = dir
  while (!existsSync(path)) {
    const parent = dirname(path)
    if (parent === path) return { problem: 'config.problem.no_ancestor', path: null }
    path = parent
  }
  const other = path === dir ? null : path
  if (!statSync(path).isDirectory()) return { problem: 'config.problem.is_file', path: other }
  try {
    accessSync(path, constants.W_OK)
  } catch {
    return { problem: 'config.problem.not_writable', path: other }
  }
  return createLevels(path, dir)
}

/**
 * Creates the missing levels below an existing ancestor one at a time. Node's own `mkdirSync(…, {recursive})` never
 * returns under a pseudo file system that answers ENOENT for a parent that exists (/proc on Node 20 spins at 100 %
 * CPU), so the run would hang before its first line; one level at a time fails at once with the cause.
 */
function createLevels(existing: string, dir: string): DirProblem | null {
  const missing: string[] = []
  for (let p = dir; p !== existing; p = dirname(p)) missing.unshift(p)
  for (const level of missing) {
    try {
      mkdirSync(level)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      if (code !== 'EEXIST') return { problem: 'config.problem.cannot_create', path: level, error: code }
    }
  }
  return null
}

/** The baseline report's absolute path; it must be a readable file (its content is checked by core/baseline.ts). */
function baselinePathOf(raw: string | null, cwd: string): string | null {
  if (raw === null) return null
  const path = resolve(cwd, raw)
  let problem: string | null = null
  if (!existsSync(path)) problem = 'config.problem.no_such_file'
  else if (!statSync(path).isFile()) problem = 'config.problem.not_a_file'
  else {
    try {
      accessSync(path, constants.R_OK)
    } catch {
      problem = 'config.problem.not_readable'
    }
  }
  if (problem !== null) throw configError('VALIDATION_BASELINE', 'config.invalid', { value: JSON.stringify(raw), problem })
  return path
}

/** Every value that must never appear in any output (reports, logs, annotations, errors). */
export function secretsOf(settings: Pick<Settings, 'apiToken' | 'password'>): string[] {
  return [settings.apiToken, settings.password].filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/**
 * Every secret a run's reports are scrubbed of, in one order wherever it is computed: the configured ones, then each
 * Authorization the run carried (the first, then a re-login's) once. The reporter and the workers that serialize at
 * the source (core/fragments.ts) must agree on it to the letter.
 */
export function runSecrets(settings: Pick<Settings, 'apiToken' | 'password'>, authorizations: readonly (string | null | undefined)[]): string[] {
  const out = secretsOf(settings)
  for (const a of authorizations) if (a && !out.includes(a)) out.push(a)
  return out
}

/** The settings a run model carries (no secrets, no paths): the reporter's view of Settings. */
export const RUN_SETTING_KEYS = [
  'iterations',
  'warmup',
  'concurrency',
  'timeoutMs',
  'locale',
  'minSuccessRate',
  'p95GoMs',
  'p95NoGoMs',
  'strict',
  'failOnConditional',
  'stream',
  'ttfcGoMs',
  'ttfcNoGoMs',
  'maxRps',
  // The user whose data is asked for: the report records it, and a baseline of another user's run is refused
  // (docs/baseline.md: another user's data is another measurement).
  'userId',
  // The baseline's regression threshold judges the regression criterion: a merge takes it from its shards, never from its own environment
  // (a review got GO alone and CONDITIONAL merged from the same attempts, 2026-12-04).
  'maxRegression',
] as const satisfies readonly (keyof Settings)[]
export type RunSettingKey = (typeof RUN_SETTING_KEYS)[number]

/** The variable behind each run setting, to name it in a line (a merge refusing shards run differently). */
export const RUN_SETTING_VARIABLES: Partial<Record<RunSettingKey, string>> = {
  iterations: 'VALIDATION_ITERATIONS',
  warmup: 'VALIDATION_WARMUP',
  concurrency: 'VALIDATION_CONCURRENCY',
  timeoutMs: 'HARENA_TIMEOUT_MS',
  locale: 'VALIDATION_LOCALE',
  minSuccessRate: 'VALIDATION_MIN_SUCCESS_RATE',
  p95GoMs: 'VALIDATION_P95_GO_MS',
  p95NoGoMs: 'VALIDATION_P95_NOGO_MS',
  strict: 'VALIDATION_STRICT',
  failOnConditional: 'VALIDATION_FAIL_ON_CONDITIONAL',
  stream: 'VALIDATION_STREAM',
  ttfcGoMs: 'VALIDATION_TTFC_GO_MS',
  ttfcNoGoMs: 'VALIDATION_TTFC_NOGO_MS',
  maxRps: 'VALIDATION_MAX_RPS',
  userId: 'HARENA_USER_ID',
  maxRegression: 'VALIDATION_MAX_REGRESSION',
}

/** The projection of Settings onto the run model's keys: a copy, so nothing else (secrets, paths) rides along. */
export function runSettingsOf(s: Settings): Pick<Settings, RunSettingKey> {
  return Object.fromEntries(RUN_SETTING_KEYS.map((k) => [k, s[k]])) as Pick<Settings, RunSettingKey>
}
