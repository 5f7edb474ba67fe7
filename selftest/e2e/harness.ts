// Child-process harness for the reliability proofs: runs the REAL validation suite (`vitest run` with
// vitest.config.ts, in the project root) against a REAL reference server started in this test process, then
// reads what a user or a CI job would read: the exit code, stdout/stderr and the files in VALIDATION_REPORT_DIR.
//
// Why a child process: the verdict, the exit code, the config check and signal handling only exist at the
// process level; running the suite in-process would prove none of them.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ValidationReportSchema, type ValidationReport } from '../../reporters/report-schema.ts'

export type { ValidationReport }

/** The project root (cwd of every child run). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const VITEST_BIN = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')

// ---------------------------------------------------------------------------------------------------------------
// The report contract of docs/report-contract.md, checked independently of the reporter's own code (a reporter that drifts
// from the documented contract must fail here, so this is deliberately NOT imported from reporters/).
const Decision = z.enum(['GO', 'CONDITIONAL', 'NO-GO'])
const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() })

const SpecAttempt = z
  .object({
    index: z.number().int().nonnegative(),
    // 1-based, the number its evidence file and samples.ndjson line carry (docs/report-contract.md).
    attempt: z.number().int().positive(),
    ok: z.boolean(),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().nonnegative(),
    timedOut: z.boolean(),
    critical: z.union([z.boolean(), z.string()]).nullable(),
    intent: z.unknown(),
    dataPresentation: z.boolean(),
    visualizations: z.array(z.string()),
    failures: z.array(z.string()),
  })
  .passthrough()

export const SpecReport = z
  .object({
    schemaVersion: z.literal(3),
    generatedAt: z.string().min(1),
    decision: Decision,
    reasons: z.array(z.string()),
    target: z.object({ baseUrl: z.string(), contract: z.string(), embedded: z.boolean() }).passthrough(),
    run: z
      .object({
        iterations: z.number().int(),
        warmup: z.number().int(),
        concurrency: z.number().int(),
        startedAt: z.string(),
        durationMs: z.number().nonnegative(),
        complete: z.boolean(),
      })
      .passthrough(),
    criteria: z.array(
      z
        .object({
          id: z.string().min(1),
          name: z.string(),
          threshold: z.unknown(),
          observed: z.unknown(),
          interval: z.unknown(),
          status: z.enum(['pass', 'warn', 'fail', 'inconclusive', 'not-applicable']),
        })
        .passthrough(),
    ),
    summary: z
      .object({
        questions: z.number().int(),
        attempts: z.number().int(),
        successRate: z.number().nullable(),
        visualizationCoverage: z.number().nullable(),
        criticalBugs: z.number().int(),
        latencyMs: Percentiles.extend({
          mean: z.number().nullable(),
          max: z.number().nullable(),
          n: z.number().int(),
          method: z.string(),
        }).passthrough(),
      })
      .passthrough(),
    stages: z.record(z.string(), Percentiles.extend({ n: z.number().int(), budgetMs: z.number() }).passthrough()),
    categories: z.array(
      z.object({ id: z.string(), questions: z.number().int(), successRate: z.number().nullable(), latencyMs: Percentiles }).passthrough(),
    ),
    questions: z.array(
      z
        .object({
          id: z.string(),
          category: z.string(),
          message: z.string(),
          expectedIntent: z.string().nullable(),
          success: z.boolean(),
          attempts: z.array(SpecAttempt),
        })
        .passthrough(),
    ),
  })
  .passthrough()

export const Sample = z
  .object({
    questionId: z.string(),
    category: z.string(),
    attempt: z.number().int().positive(),
    warmup: z.boolean(),
    ok: z.boolean(),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().nonnegative(),
    ttfbMs: z.number().nullable(),
    timedOut: z.boolean(),
    stages: z.record(z.string(), z.number()).nullable().optional(),
  })
  .passthrough()
export type Sample = z.infer<typeof Sample>

// ---------------------------------------------------------------------------------------------------------------
// Question banks: small files so that each child run takes a few seconds.

export interface BankQuestion {
  id: string
  category: string
  message: string
  expectedIntent: string | null
  expectsData: boolean | null
  edgeCase?: boolean
  expectations?: unknown[]
}

/** The plan's question file (fixtures/questions.json), parsed loosely (its own schema is tested elsewhere). */
export function planQuestions(): BankQuestion[] {
  const parsed = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'questions.json'), 'utf8')) as { questions: BankQuestion[] }
  return parsed.questions
}

/** Picks plan questions by id, in the order given. */
export function pick(...ids: string[]): BankQuestion[] {
  const all = planQuestions()
  return ids.map((id) => {
    const q = all.find((x) => x.id === id)
    if (!q) throw new Error(`no plan question ${id}`)
    return q
  })
}

/** Writes a question bank to a fresh temp file and returns its absolute path. */
export function writeBank(questions: BankQuestion[], dir = tempDir('bank')): string {
  const path = join(dir, 'questions.json')
  writeFileSync(path, JSON.stringify({ questions }, null, 2))
  return path
}

const tempDirs: string[] = []
/** A fresh temp directory, removed by cleanupTemp(). */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `harena-e2e-${label}-`))
  tempDirs.push(dir)
  return dir
}
export function cleanupTemp(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

// ---------------------------------------------------------------------------------------------------------------
// Running the suite.

export interface RunOptions {
  /** Every variable the run relies on; nothing HARENA_* / VALIDATION_* is inherited. */
  env: Record<string, string>
  /** Defaults to a fresh temp dir; always passed as VALIDATION_REPORT_DIR unless env sets it. */
  reportDir?: string
  /** Hard stop for the child (SIGKILL to its process group); the proof fails if it is reached. */
  hardTimeoutMs?: number
  /** Extra CLI arguments after `vitest run` (never --reporter: it would replace the verdict reporter). */
  extraArgs?: string[]
  /** The proof that the suite refuses `--reporter` passes one in extraArgs on purpose. */
  refusedReporter?: true
  /** Node's arguments instead of `vitest run …`: the suite started another way (a script using Vitest's API). */
  nodeArgs?: string[]
  /** Mimics Ctrl-C: once `when()` is true (polled, given what the child printed so far), send `signal` to the child's whole process group. */
  interrupt?: {
    when: (printed: { stdout: string; stderr: string }) => boolean
    signal?: NodeJS.Signals
    /** Also checked on every change in this directory (fs.watch): a condition on a file is met the moment it is written. */
    watchDir?: string
  }
}

export interface SuiteRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  durationMs: number
  reportDir: string
  /** The hard timeout killed the child. */
  killed: boolean
  /** When the interrupt signal was sent (ms after spawn), or null. */
  interruptedAtMs: number | null
}

/** The variables copied from this process: only what node/npm need to run, never HARENA_* or VALIDATION_*. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'] as const

export function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {}
  for (const name of INHERITED) {
    const v = process.env[name]
    if (v !== undefined) base[name] = v
  }
  // Plain text output to parse; no CI-specific behaviour (GITHUB_STEP_SUMMARY is not inherited either).
  // VITE_CONFIG_NATIVE_IGNORE_WARNING drops Vite's config-compat plugin, whose slow transform on a loaded machine
  // makes rolldown print a multi-line "[PLUGIN_TIMINGS]" notice before our own output (seen at load 15 on 2 cores).
  // The security probes (on by default) send their own requests; the proofs that count requests opt in explicitly.
  return { ...base, NO_COLOR: '1', FORCE_COLOR: '0', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', VALIDATION_SECURITY: 'false', ...env }
}

/**
 * Runs `vitest run` (the validation suite) in the project root as a child process in its own process group.
 * Refuses to run when a `.env` exists in the root: it would leak settings into the child (dotenv fills unset vars).
 */
export function runSuite(options: RunOptions): Promise<SuiteRun> {
  if (existsSync(join(ROOT, '.env'))) throw new Error(`${join(ROOT, '.env')} exists: it would leak into the child runs; remove it`)
  const reportDir = options.env.VALIDATION_REPORT_DIR ?? options.reportDir ?? tempDir('report')
  const env = childEnv({ ...options.env, VALIDATION_REPORT_DIR: reportDir })
  const started = performance.now()
  // A shard writes a blob and no verdict of its own (docs/sharding.md): --reporter=blob is the one allowed.
  if (!options.refusedReporter && options.extraArgs?.some((a) => a.startsWith('--reporter') && a !== '--reporter=blob'))
    throw new Error('--reporter would drop the verdict reporter')
  const child = spawn(process.execPath, options.nodeArgs ?? [VITEST_BIN, 'run', ...(options.extraArgs ?? [])], {
    cwd: ROOT,
    env,
    detached: true, // own process group: a group signal reaches vitest and its fork workers, like Ctrl-C in a terminal
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))

  let killed = false
  let interruptedAtMs: number | null = null
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal)
    } catch {
      // group already gone
    }
  }
  const hard = setTimeout(() => {
    killed = true
    killGroup('SIGKILL')
  }, options.hardTimeoutMs ?? 90_000)
  const check = () => {
    if (options.interrupt && interruptedAtMs === null && options.interrupt.when({ stdout, stderr })) {
      interruptedAtMs = performance.now() - started
      killGroup(options.interrupt.signal ?? 'SIGINT')
    }
  }
  // Polled, and as soon as the child prints: a condition on its output is met the moment the line arrives.
  const poll = options.interrupt ? setInterval(check, 20) : null
  if (options.interrupt) {
    child.stdout.on('data', check)
    child.stderr.on('data', check)
  }
  const watcher = options.interrupt?.watchDir === undefined ? null : watch(options.interrupt.watchDir, check)

  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(hard)
      if (poll) clearInterval(poll)
      watcher?.close()
      // Workers left behind by a killed parent must not outlive the proof.
      killGroup('SIGKILL')
      resolvePromise({
        exitCode: code,
        signal,
        stdout,
        stderr,
        durationMs: performance.now() - started,
        reportDir,
        killed,
        interruptedAtMs,
      })
    })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the outputs.

export const REPORT_JSON = 'validation-report.json'
export const REPORT_MD = 'validation-report.md'
export const SAMPLES = 'samples.ndjson'
export const JUNIT = 'junit.xml'

/**
 * Parses validation-report.json and validates it twice: against the reporter's own exported schema (the
 * documented contract other tools parse) and against the docs/report-contract.md minimum written here independently.
 * Throws with the zod issues.
 */
export function readReport(reportDir: string): ValidationReport {
  const json: unknown = JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8'))
  SpecReport.parse(json)
  return ValidationReportSchema.parse(json)
}

export function readSamples(reportDir: string): Sample[] {
  const text = readFileSync(join(reportDir, SAMPLES), 'utf8')
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Sample.parse(JSON.parse(l)))
}

/** Every regular file under dir (recursively), as [path, content] (binary read as latin1 so bytes stay searchable). */
export function allFiles(dir: string): Array<[string, string]> {
  if (!existsSync(dir)) return []
  const out: Array<[string, string]> = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      const st = statSync(p)
      if (st.isDirectory()) walk(p)
      else if (st.isFile()) out.push([p, readFileSync(p, 'latin1')])
    }
  }
  walk(dir)
  return out
}

/** All attempts of the report, flattened with their question id. */
export type Attempt = ValidationReport['questions'][number]['attempts'][number]
export function attemptsOf(report: ValidationReport): Array<Attempt & { questionId: string }> {
  return report.questions.flatMap((q) => q.attempts.map((a) => ({ ...a, questionId: q.id })))
}

export function criterion(report: ValidationReport, id: 'C1' | 'C2' | 'C3' | 'C4' | 'C5') {
  const c = report.criteria.find((x) => x.id === id)
  if (!c) throw new Error(`criterion ${id} missing from the report`)
  return c
}

/** A short text to put in assertion messages so a failing proof shows what the child said. */
export function describeRun(run: SuiteRun): string {
  const tail = (s: string) => s.split('\n').slice(-25).join('\n')
  return `exit=${run.exitCode} signal=${run.signal}${run.killed ? ' (killed by the hard timeout)' : ''} ${Math.round(run.durationMs)}ms\n--- stdout (tail)\n${tail(run.stdout)}\n--- stderr (tail)\n${tail(run.stderr)}`
}
