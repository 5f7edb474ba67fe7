// Bench: throughput and latency of the reference service's chat route, measured with autocannon (programmatic
// API) on loopback. The server runs alone in a child process (`fixtures/reference/main.ts`, as `npm run
// reference` does) so that the load generator and the server each get a core of this 2-core machine.
// The request mix cycles through the 15 plan questions (fixtures/questions.json), logged in as user 1.
// Targets: ≥ 1,000 chat requests/s at concurrency 16 with P99 ≤ 25 ms. Figures only, no assertion.
//
// Two percentile columns, on purpose: "exact" is type 7 over every response time autocannon observed (its
// 'response' events, ms as floats); "autocannon" is its own HdrHistogram figure, which records whole
// milliseconds (lowestDiscernibleValue 1) and reports a bucket edge — so it is coarse below a few ms.
// Run: `npx tsx bench/reference.ts` (or `npm run bench`). BENCH_DURATION_S (default 10) sets each run's length.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { loadQuestions } from '../core/questions.ts'
import { quantileSorted7, sortedFloat64, PERCENTILE_METHOD } from '../core/percentile.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10)
const WARMUP_S = 3
const NOW = '2026-11-24T12:00:00Z'

async function startChild(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/reference/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, REFERENCE_PORT: '0', REFERENCE_NOW: NOW, REFERENCE_LOG: '0', REFERENCE_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`reference did not start: ${out}`)), 30_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`reference exited early (${code})`)))
  })
  child.stdout!.resume() // keep draining
  return { url, child }
}

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/users/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'demo@harena.test', password: 'harena-demo' }),
  })
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status}`)
  return ((await res.json()) as { access_token: string }).access_token
}

interface Figures {
  connections: number
  reqPerSec: number
  completed: number
  non2xx: number
  errors: number
  exactP50: number
  exactP99: number
  acP50: number
  acP99: number
  mean: number
}

async function load(url: string, bearer: string, connections: number, seconds: number): Promise<Figures> {
  const questions = loadQuestions(fileURLToPath(new URL('../fixtures/questions.json', import.meta.url)))
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }
  const requests = questions.map((q) => ({
    method: 'POST' as const,
    path: '/api/v1/conversation/1',
    headers,
    body: JSON.stringify({ message: q.message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' } }),
  }))
  const times: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, pipelining: 1, duration: seconds, requests }, (error: unknown, r: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(r)
    })
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime)
    })
  })
  const sorted = sortedFloat64(times)
  return {
    connections,
    reqPerSec: result.requests.total / result.duration,
    completed: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    exactP50: quantileSorted7(sorted, 0.5) ?? Number.NaN,
    exactP99: quantileSorted7(sorted, 0.99) ?? Number.NaN,
    acP50: result.latency.p50,
    acP99: result.latency.p99,
    mean: result.latency.mean,
  }
}

export async function main(): Promise<void> {
  const { url, child } = await startChild()
  try {
    const bearer = await token(url)
    process.stdout.write(`reference at ${url} (child process), mix: the 15 plan questions, ${DURATION_S}s per run after a ${WARMUP_S}s warm-up\n`)
    await load(url, bearer, 16, WARMUP_S) // JIT and caches; not reported
    const rows: Figures[] = []
    for (const c of [1, 16]) rows.push(await load(url, bearer, c, DURATION_S))
    const f = (v: number) => v.toFixed(2).padStart(8)
    process.stdout.write('  conc   req/s   completed  non2xx  errors   P50 exact   P99 exact   P50 autoc.  P99 autoc.\n')
    for (const r of rows) {
      process.stdout.write(
        `  ${String(r.connections).padStart(4)} ${r.reqPerSec.toFixed(0).padStart(7)} ${String(r.completed).padStart(11)} ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(7)}  ${f(r.exactP50)} ms ${f(r.exactP99)} ms ${f(r.acP50)} ms ${f(r.acP99)} ms\n`,
      )
    }
    process.stdout.write(`  exact = ${PERCENTILE_METHOD}; autocannon = HdrHistogram, whole ms (1 ms floor), as it reports them\n`)
    const c16 = rows.find((r) => r.connections === 16)!
    process.stdout.write(
      `  target at concurrency 16: ≥ 1000 req/s (${c16.reqPerSec >= 1000 ? 'met' : 'NOT met'}), P99 ≤ 25 ms (${c16.exactP99 <= 25 ? 'met' : 'NOT met'})\n`,
    )
  } finally {
    child.kill('SIGTERM')
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
