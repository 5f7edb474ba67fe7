// Shared pieces of the benches: the machine's load (printed beside every figure: the machine is shared), the
// reference service in a child process, the real validation suite as a child process, and small statistics.
// Figures only: nothing here asserts a timing.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { quantileSorted7, sortedFloat64 } from '../core/percentile.ts'
import { procStat } from '../core/proc-stat.ts'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
export const VITEST_BIN = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
export const REFERENCE_NOW = '2026-11-24T12:00:00Z'

/** "load 1.23 0.98 0.71 (2 cores)": the 1, 5 and 15 minute load averages, printed beside the figures. */
export function load(): string {
  const [a, b, c] = loadavg()
  return `load ${a?.toFixed(2)} ${b?.toFixed(2)} ${c?.toFixed(2)}`
}

export const median = (xs: readonly number[]): number => quantileSorted7(sortedFloat64([...xs]), 0.5) ?? Number.NaN
export const ms = (v: number, digits = 2): string => `${v.toFixed(digits)} ms`
export const line = (name: string, value: string): void => void process.stdout.write(`  ${name.padEnd(58)} ${value}\n`)

export interface ReferenceChild {
  url: string
  pid: number
  child: ChildProcess
  close(): Promise<void>
}

/** The reference service alone in a child process (as `npm run reference`), quiet, on a free port. */
export async function startReferenceChild(faults: unknown[] = []): Promise<ReferenceChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/reference/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, REFERENCE_PORT: '0', REFERENCE_NOW, REFERENCE_LOG: '0', REFERENCE_FAULTS: JSON.stringify(faults) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`reference did not start: ${out}`)), 60_000)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1] as string)
      }
    })
    child.once('exit', (code) => reject(new Error(`reference exited early (${code})`)))
  })
  child.stdout?.resume()
  return {
    url,
    pid: child.pid as number,
    child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Resident set size of a process, from /proc (Linux), in MiB; NaN elsewhere. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

export async function loginToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/users/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'demo@harena.test', password: 'harena-demo' }),
  })
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status}`)
  return ((await res.json()) as { access_token: string }).access_token
}

export interface ChildRun {
  exitCode: number | null
  wallMs: number
  stdout: string
  stderr: string
}

/** Runs a command in the project root with only PATH/HOME/TMPDIR inherited plus `env`; resolves when it exits. */
export function runChild(args: string[], env: Record<string, string>): Promise<ChildRun> {
  const base: Record<string, string> = { NO_COLOR: '1', FORCE_COLOR: '0' }
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const v = process.env[name]
    if (v !== undefined) base[name] = v
  }
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ exitCode: code, wallMs: performance.now() - started, stdout, stderr }))
  })
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `harena-bench-${label}-`))
}
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true })

/** One line of samples.ndjson (the fields the benches read). */
export interface SampleLine {
  questionId: string
  /** attempt (measured), warmup or probe (docs/report-contract.md); absent in a file written before it existed. */
  kind?: 'attempt' | 'warmup' | 'probe'
  warmup: boolean
  startedAt: string
  latencyMs: number
  ok: boolean
}

/** The measured attempts of a run: neither warm-ups nor security probes (the summary's population). */
export const isMeasuredAttempt = (s: SampleLine): boolean =>
  s.kind === undefined ? !s.warmup && !s.questionId.startsWith('security.') : s.kind === 'attempt'

export function readSamples(reportDir: string): SampleLine[] {
  return readFileSync(join(reportDir, 'samples.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SampleLine)
}

/**
 * CPU time (user + system, ms) of this process's finished children, their own children included (Linux: the
 * cutime and cstime of /proc/self/stat, in 1/100 s); NaN elsewhere. The difference around one child run is what
 * that run cost the machine, whatever the load: on a shared machine a steadier figure than its wall time.
 */
export function childrenCpuMs(): number {
  const stat = procStat('self')
  return stat === null ? Number.NaN : stat.childrenCpuTicks * 10
}
