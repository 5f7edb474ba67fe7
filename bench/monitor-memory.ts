// Bench: the monitor's memory over time (issue 12: "a 10-minute monitor at 5 r/s keeps RSS flat"). The reference
// service runs in a child process (its request log must not count against the monitor); the monitor runs here,
// exactly as `npm run monitor` runs it (release/monitor.ts, judged by the suite's checks), and RSS / heap are
// printed every BENCH_MONITOR_EVERY. Default 60 s at 5 r/s (bench speed); BENCH_MONITOR_DURATION=10m for the
// issue's figure. Windows of 30 s sliding every 5 s, so slices are created and dropped many times over.
// Figures only: nothing is asserted (a shared machine is noisy).
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { loadSettings } from '../core/settings.ts'
import { formatDuration, parseDuration } from '../core/duration.ts'
import { runMonitor } from '../release/monitor.ts'
import { openTarget } from '../release/probe.ts'
import type { MonitorSettings } from '../release/settings.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

function duration(name: string, fallback: string): number {
  const raw = process.env[name] ?? fallback
  const ms = parseDuration(raw)
  if (ms === null) {
    process.stderr.write(`${name}=${JSON.stringify(raw)} is not a duration (90s, 5m, 2h)\n`)
    process.exit(1)
  }
  return ms
}

async function startReference(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/reference/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, REFERENCE_PORT: '0', REFERENCE_NOW: '2026-11-24T12:00:00Z', REFERENCE_LOG: '0', REFERENCE_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`reference did not start: ${out}`)), 30_000)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`reference exited early (${code})`)))
  })
  child.stdout?.resume()
  return { url, child }
}

// heapUsed right after a full collection: what the monitor really keeps (plain heapUsed also counts garbage).
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export async function main(): Promise<void> {
  const durationMs = duration('BENCH_MONITOR_DURATION', '60s')
  const everyMs = duration('BENCH_MONITOR_EVERY', durationMs > 120_000 ? '60s' : '10s')
  const { url, child } = await startReference()
  try {
    const suite = loadSettings({ HARENA_BASE_URL: url, HARENA_USERNAME: 'demo@harena.test', HARENA_PASSWORD: 'harena-demo' })
    const opened = await openTarget(suite, 8)
    if (opened.kind !== 'ready') throw new Error(opened.reason)
    const m: MonitorSettings = {
      durationMs,
      windowMs: 30_000,
      stepMs: 5000,
      rps: 5,
      maxInFlight: 8,
      statusEveryMs: 3_600_000,
      healthEveryMs: 10_000,
      minSamples: 20,
      confidence: 0.95,
      alertErrorRate: 0.1,
      alertP95Ms: 5000,
      rollbackErrorRate: 0.2,
      rollbackCriticalRate: 0.05,
      rollbackConsecutiveFailures: 3,
      downGraceMs: 5000,
      rollbackCriticalRepeat: 3,
    }
    process.stdout.write(`monitor ${formatDuration(durationMs, { form: 'setting' })} at ${m.rps} r/s (window 30s, step 5s) against ${url}\n`)
    process.stdout.write('  elapsed      rss        heap after GC\n')
    const t0 = Date.now()
    const samples: number[] = []
    const print = () => {
      collect()
      const mem = process.memoryUsage()
      samples.push(mem.rss)
      process.stdout.write(
        `  ${formatDuration(Math.round((Date.now() - t0) / 1000) * 1000, { form: 'setting' }).padEnd(10)} ${mb(mem.rss).padEnd(10)} ${mb(mem.heapUsed)}\n`,
      )
    }
    print()
    const timer = setInterval(print, everyMs)
    const result = await runMonitor(opened.target, m, 'api/v1/conversation/health')
    clearInterval(timer)
    print()
    await opened.target.close()
    const settled = samples.slice(Math.min(2, samples.length - 1))
    process.stdout.write(
      `  ${result.overall.tally.requests} requests, ${result.windows.length} windows, ${result.evaluations} evaluations; ` +
        `RSS after warm-up: min ${mb(Math.min(...settled))}, max ${mb(Math.max(...settled))}, last ${mb(samples.at(-1) ?? 0)}\n`,
    )
  } finally {
    child.kill('SIGTERM')
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
