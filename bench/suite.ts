// Bench: the real validation suite (Vitest as a child process, bench/vitest.cpu.config.ts = vitest.config.ts plus
// CPU accounting) against the reference service in another child process, compared within one run to
// autocannon and to raw undici against the SAME server. Every section prints the machine's load beside its
// figures (2 shared cores: compare the ratios, not the absolute times). Figures only, no assertion.
//
// Sections (BENCH_ONLY=name,name to pick): throughput, overhead, cpu, floor.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { Pool } from 'undici'
import { quantileSorted7, sortedFloat64 } from '../core/percentile.ts'
import { loadQuestions } from '../core/questions.ts'
import {
  childrenCpuMs,
  line,
  load,
  loginToken,
  median,
  ms,
  REFERENCE_NOW,
  isMeasuredAttempt,
  readSamples,
  removeDir,
  ROOT,
  runChild,
  startReferenceChild,
  tempDir,
  VITEST_BIN,
  type ReferenceChild,
} from './support.ts'

const MESSAGES = loadQuestions(join(ROOT, 'fixtures', 'questions.json')).map((q) => q.message)
const CHAT_PATH = '/api/v1/conversation/1'
const chatBody = (message: string): string =>
  JSON.stringify({ message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' } })

export interface SuiteFigures {
  measured: number
  /** Warm-ups included. */
  requests: number
  attemptsPerSec: number
  p50: number
  /** The report's P95 and P99: what the gate decides on. */
  p95: number
  p99: number
  /** Event-loop delay P99 of the suite's workers (the report's client_loop_delay_p99_ms): how busy the client was. */
  clientLoopP99Ms: number | null
  /** The load the suite applied (the report's applied_concurrency_peak/_mean, cap_held_share); null: not measured. */
  appliedLoad: { peak: number; mean: number; capHeldShare: number } | null
  latencies: number[]
  /** Worker CPU between the first and the last test of each spec file, summed, per request. */
  workerCpuPerRequestMs: number
  /** Main process CPU (whole run, startup included). */
  mainCpuMs: number
  wallMs: number
  exitCode: number | null
}

/** The applied load of a report's metrics, or null when it was not measured. */
function appliedLoadOf(metrics: Record<string, { value: number | null } | undefined> | undefined): SuiteFigures['appliedLoad'] {
  const peak = metrics?.applied_concurrency_peak?.value
  const mean = metrics?.applied_concurrency_mean?.value
  const capHeldShare = metrics?.cap_held_share?.value
  return typeof peak === 'number' && typeof mean === 'number' && typeof capHeldShare === 'number' ? { peak, mean, capHeldShare } : null
}

/** One run of the real suite against `ref`; figures from its samples.ndjson and report. */
export async function runSuiteAgainst(ref: ReferenceChild, token: string, iterations: number, concurrency: number): Promise<SuiteFigures> {
  const reportDir = tempDir('report')
  const cpuDir = tempDir('cpu')
  try {
    const run = await runChild([VITEST_BIN, 'run', '--config', 'bench/vitest.cpu.config.ts'], {
      HARENA_BASE_URL: ref.url,
      HARENA_API_TOKEN: token,
      HARENA_USER_ID: '1',
      HARENA_TIMEOUT_MS: '60000',
      VALIDATION_ITERATIONS: String(iterations),
      VALIDATION_WARMUP: '1',
      VALIDATION_CONCURRENCY: String(concurrency),
      VALIDATION_REPORT_DIR: reportDir,
      BENCH_CPU_DIR: cpuDir,
      REFERENCE_NOW,
    })
    let samples: ReturnType<typeof readSamples>
    try {
      samples = readSamples(reportDir)
    } catch {
      throw new Error(`the suite wrote no samples (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`)
    }
    const measured = samples.filter(isMeasuredAttempt)
    const starts = measured.map((s) => Date.parse(s.startedAt))
    const ends = measured.map((s) => Date.parse(s.startedAt) + s.latencyMs)
    const spanMs = Math.max(...ends) - Math.min(...starts)
    const report = JSON.parse(readFileSync(join(reportDir, 'validation-report.json'), 'utf8')) as {
      summary: { latencyMs: { p50: number; p95: number; p99: number } }
      metrics?: Record<
        'client_loop_delay_p99_ms' | 'applied_concurrency_peak' | 'applied_concurrency_mean' | 'cap_held_share',
        { value: number | null } | undefined
      >
    }
    let workerCpu = 0
    let mainCpuMs = Number.NaN
    for (const name of readdirSync(cpuDir)) {
      const figures = JSON.parse(readFileSync(join(cpuDir, name), 'utf8')) as { runMs?: number; totalMs: number }
      if (name === 'main.json') mainCpuMs = figures.totalMs
      else workerCpu += figures.runMs ?? 0
    }
    return {
      measured: measured.length,
      requests: samples.length,
      attemptsPerSec: measured.length / (spanMs / 1000),
      p50: report.summary.latencyMs.p50,
      p95: report.summary.latencyMs.p95,
      p99: report.summary.latencyMs.p99,
      clientLoopP99Ms: report.metrics?.client_loop_delay_p99_ms?.value ?? null,
      appliedLoad: appliedLoadOf(report.metrics),
      latencies: measured.map((s) => s.latencyMs),
      workerCpuPerRequestMs: workerCpu / samples.length,
      mainCpuMs,
      wallMs: run.wallMs,
      exitCode: run.exitCode,
    }
  } finally {
    removeDir(reportDir)
    removeDir(cpuDir)
  }
}

interface CannonFigures {
  requests: number
  perSec: number
  p50: number
  p95: number
  p99: number
}

/** autocannon: `amount` chat requests over `connections` kept-alive connections, the 15 questions in turn. */
async function cannon(url: string, token: string, connections: number, amount: number): Promise<CannonFigures> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const requests = MESSAGES.map((m) => ({ method: 'POST' as const, path: CHAT_PATH, headers, body: chatBody(m) }))
  const times: number[] = []
  const t0 = performance.now()
  await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, pipelining: 1, amount, requests }, (error: unknown, r: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(r)
    })
    instance.on('response', (_c: unknown, _s: number, _b: number, responseTime: number) => times.push(responseTime))
  })
  const wall = performance.now() - t0
  const sorted = sortedFloat64(times)
  return {
    requests: times.length,
    perSec: times.length / (wall / 1000),
    p50: median(times),
    // The report's method (core/percentile.ts: type 7), on autocannon's own timings.
    p95: quantileSorted7(sorted, 0.95) ?? Number.NaN,
    p99: quantileSorted7(sorted, 0.99) ?? Number.NaN,
  }
}

/** Raw undici: `amount` chat requests, `concurrency` loops over a pool of as many connections; latency per request. */
async function rawUndici(url: string, token: string, concurrency: number, amount: number): Promise<number[]> {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 })
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const out: number[] = []
  let next = 0
  const loop = async (): Promise<void> => {
    while (next < amount) {
      const body = chatBody(MESSAGES[next % MESSAGES.length] as string)
      next++
      const t0 = performance.now()
      const res = await pool.request({ path: CHAT_PATH, method: 'POST', headers, body })
      await res.body.text()
      out.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop))
  await pool.close()
  return out
}

async function throughput(): Promise<void> {
  const ref = await startReferenceChild()
  try {
    const token = await loginToken(ref.url)
    await cannon(ref.url, token, 16, 3000) // JIT and caches of the server; not reported
    const loadBefore = load()
    // autocannon before AND after the suite, as many requests each: the machine's drift between sequential
    // measurements (2 shared cores) cancels in their mean instead of landing on the ratio (as in the overhead section).
    const before = await cannon(ref.url, token, 16, MESSAGES.length * 400)
    const suite = await runSuiteAgainst(ref, token, 400, 16)
    const after = await cannon(ref.url, token, 16, suite.measured)
    const ac = { ...after, perSec: (before.perSec + after.perSec) / 2 }
    process.stdout.write(`suite vs autocannon, same reference server (child process), concurrency 16, 400 iterations — ${loadBefore} → ${load()}\n`)
    line('suite: measured attempts, attempts/s', `${suite.measured}, ${suite.attemptsPerSec.toFixed(0)}/s (exit ${suite.exitCode})`)
    line(
      'autocannon before | after the suite, requests/s',
      `${before.perSec.toFixed(0)}/s | ${after.perSec.toFixed(0)}/s (${after.requests} requests each)`,
    )
    line('throughput ratio suite ÷ autocannon (mean)', `${(suite.attemptsPerSec / ac.perSec).toFixed(2)}×  (goal ≥ 0.5×)`)
    line('reported P50: suite | autocannon (exact)', `${ms(suite.p50)} | ${ms(ac.p50)}  Δ ${ms(suite.p50 - ac.p50)}  (goal ≤ 1 ms or 20 %)`)
    line('reported P95 | P99: suite vs autocannon', `${ms(suite.p95)} vs ${ms(ac.p95)} | ${ms(suite.p99)} vs ${ms(ac.p99)}`)
    line('worker CPU per request (tests only)', ms(suite.workerCpuPerRequestMs, 3))
    line('main process CPU (whole run, startup included)', ms(suite.mainCpuMs, 0))
    line('suite workers: event-loop delay P99 (report)', suite.clientLoopP99Ms === null ? 'not measured' : ms(suite.clientLoopP99Ms, 1))
    const a = suite.appliedLoad
    line(
      'suite: applied load (report)',
      a === null ? 'not measured' : `peak ${a.peak}/16, mean ${a.mean.toFixed(1)}, cap held ${(a.capHeldShare * 100).toFixed(0)} % of the time`,
    )
    line('suite wall time', ms(suite.wallMs, 0))
    // The suite holds fewer than 16 in flight when its worker's own work per attempt weighs against answers this fast
    // (its report says so): autocannon at 16 then measures a deeper queue at the server, not a better client. The
    // same number of requests at the suite's mean applied load compares the two measurements under one load.
    if (a !== null) {
      const connections = Math.max(1, Math.round(a.mean))
      const same = await cannon(ref.url, token, connections, suite.measured)
      const delta = suite.p50 - same.p50
      const within = Math.abs(delta) <= 1 || Math.abs(delta) <= 0.2 * same.p50
      line(
        `reported P50 at the suite's applied load: suite | autocannon at ${connections}`,
        `${ms(suite.p50)} | ${ms(same.p50)}  Δ ${ms(delta)}  (${within ? 'within' : 'not within'} 1 ms or 20 %) — ${load()}`,
      )
    }
  } finally {
    await ref.close()
  }
}

async function overhead(): Promise<void> {
  const ref = await startReferenceChild([{ fault: { kind: 'latency', ms: 20 } }])
  try {
    const token = await loginToken(ref.url)
    await rawUndici(ref.url, token, 16, 400) // warm the server
    process.stdout.write(`suite latency − raw undici latency, reference answering in ≥ 20 ms (child process) — ${load()}\n`)
    for (const [concurrency, iterations] of [
      [1, 20],
      [16, 100],
    ] as const) {
      // Raw undici before AND after the suite, as many requests each: the server's own drift (its JIT, the machine's
      // load) between two sequential measurements cancels in their mean instead of landing on the difference.
      const requests = MESSAGES.length * iterations
      const before = median(await rawUndici(ref.url, token, concurrency, requests))
      const suite = await runSuiteAgainst(ref, token, iterations, concurrency)
      const after = median(await rawUndici(ref.url, token, concurrency, suite.measured))
      const mSuite = median(suite.latencies)
      const mRaw = (before + after) / 2
      line(
        `concurrency ${concurrency}, ${suite.measured} requests each: suite | raw median (before, after)`,
        `${ms(mSuite)} | ${ms(mRaw)} (${ms(before)}, ${ms(after)})  Δ ${ms(mSuite - mRaw)}  (goal ≤ 0.5 ms), client loop P99 ${suite.clientLoopP99Ms === null ? '—' : ms(suite.clientLoopP99Ms, 1)} — ${load()}`,
      )
    }
  } finally {
    await ref.close()
  }
}

async function cpu(): Promise<void> {
  const ref = await startReferenceChild()
  try {
    const token = await loginToken(ref.url)
    await cannon(ref.url, token, 16, 2000)
    process.stdout.write(`worker CPU per attempt (process.cpuUsage in each worker, from its first test to its last), concurrency 16\n`)
    const rows: Array<[number, SuiteFigures]> = []
    for (const iterations of [100, 1000]) {
      const figures = await runSuiteAgainst(ref, token, iterations, 16)
      rows.push([iterations, figures])
      line(
        `${iterations} iterations (${figures.requests} requests)`,
        `worker ${ms(figures.workerCpuPerRequestMs, 3)}/request, main process ${ms(figures.mainCpuMs, 0)} total (goal ≤ 1 ms, flat) — ${load()}`,
      )
    }
    const [a, b] = rows as [[number, SuiteFigures], [number, SuiteFigures]]
    // The two runs split each worker's CPU into a part that grows with the attempts and a part that does not (the
    // code's first executions before the JIT has compiled it, a question's first readings judged in full): a cost
    // per attempt that grew with the attempts (an O(n²) copy) would show as a slope above the 100-iteration figure.
    const workerTotal = (f: SuiteFigures): number => f.workerCpuPerRequestMs * f.requests
    const slope = (workerTotal(b[1]) - workerTotal(a[1])) / (b[1].requests - a[1].requests)
    line('worker CPU per extra request (1,000 vs 100 iterations)', ms(slope, 3))
    line('worker CPU that does not grow with the attempts', ms(workerTotal(a[1]) - slope * a[1].requests, 0))
    line('main process CPU per extra request', ms((b[1].mainCpuMs - a[1].mainCpuMs) / (b[1].requests - a[1].requests), 3))
  } finally {
    await ref.close()
  }
}

async function floor(): Promise<void> {
  const rounds = Number(process.env.BENCH_FLOOR_ROUNDS ?? 3)
  type Run = { args: string[]; env?: Record<string, string>; wall: number[]; cpu: number[] }
  const runs: Record<'suite' | 'validate' | 'question' | 'one', Run> = {
    // The default run: no .env, embedded reference service, default settings.
    suite: { args: [VITEST_BIN, 'run'], wall: [], cpu: [] },
    // The same run as `npm run validate` starts it: without Vite's advisory config-compatibility parse
    // (docs/vitest-facts.md §1.7), which only an environment variable set before Vitest starts can turn off.
    validate: { args: [VITEST_BIN, 'run'], env: { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }, wall: [], cpu: [] },
    // The same suite asked one question (an exploratory run): its fixed cost — configuration, reporter, global
    // setup, embedded service, worker imports — without most of the requests and documents.
    question: { args: [VITEST_BIN, 'run', 'tests/transaction-search-simple.spec.ts', '-t', 'q01'], wall: [], cpu: [] },
    // Vitest's floor: one trivial test.
    one: { args: [VITEST_BIN, 'run', '--config', 'bench/floor/vitest.config.ts'], wall: [], cpu: [] },
  }
  const loads: string[] = []
  for (let i = 0; i < rounds; i++) {
    for (const [name, r] of Object.entries(runs)) {
      const reportDir = tempDir('floor')
      try {
        const cpu0 = childrenCpuMs()
        const run = await runChild(r.args, { ...r.env, VALIDATION_REPORT_DIR: reportDir })
        r.cpu.push(childrenCpuMs() - cpu0)
        r.wall.push(run.wallMs)
        if (run.exitCode !== 0) process.stdout.write(`  (${name} run exited ${run.exitCode})\n`)
      } finally {
        removeDir(reportDir)
      }
    }
    loads.push(load())
  }
  const { suite, validate, question, one } = runs
  const ratio = (r: Run, of: (x: Run) => number[]): string => `${(median(of(r)) / median(of(one))).toFixed(2)}×`
  process.stdout.write(`default \`npx vitest run\` vs a one-test Vitest run, ${rounds} alternating rounds — ${loads.join(' | ')}\n`)
  line(
    'wall, median: default | npm run validate | one question | one test',
    `${ms(median(suite.wall), 0)} | ${ms(median(validate.wall), 0)} | ${ms(median(question.wall), 0)} | ${ms(median(one.wall), 0)}`,
  )
  line(
    'CPU of the process tree, median: same order',
    `${ms(median(suite.cpu), 0)} | ${ms(median(validate.cpu), 0)} | ${ms(median(question.cpu), 0)} | ${ms(median(one.cpu), 0)}`,
  )
  line('ratio default ÷ one test: wall | CPU', `${ratio(suite, (r) => r.wall)} | ${ratio(suite, (r) => r.cpu)}  (goal ≤ 1.5× wall)`)
  line('ratio npm run validate ÷ one test: wall | CPU', `${ratio(validate, (r) => r.wall)} | ${ratio(validate, (r) => r.cpu)}`)
  line('ratio one question ÷ one test (fixed cost): wall | CPU', `${ratio(question, (r) => r.wall)} | ${ratio(question, (r) => r.cpu)}`)
}

export const sections: Record<string, () => Promise<void>> = { throughput, overhead, cpu, floor }

export async function main(only: string[] = Object.keys(sections)): Promise<void> {
  for (const name of only) {
    const run = sections[name]
    if (!run) throw new Error(`unknown section ${name}; sections: ${Object.keys(sections).join(', ')}`)
    await run()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined)
}
