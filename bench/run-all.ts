// `npm run bench`: every benchmark, one after the other, each printing its own figures with the machine's load.
// Figures only: nothing here asserts a timing (machines are shared and noisy; compare ratios within one run).
// BENCH_ONLY=name,name runs some of them (names below); the heavy ones are suite-* and reference-memory.
import { main as client } from './client.ts'
import { main as reference } from './reference.ts'
import { main as referenceMemory } from './reference-memory.ts'
import { main as monitorMemory } from './monitor-memory.ts'
import { main as reporter } from './reporter.ts'
import { main as reporterScale } from './reporter-scale.ts'
import { sections as suite } from './suite.ts'
import { load } from './support.ts'

const benches: Array<[string, string, () => Promise<void>]> = [
  ['suite-throughput', 'the suite vs autocannon (same server, concurrency 16, 400 iterations)', suite.throughput as () => Promise<void>],
  ['suite-overhead', 'the suite vs raw undici on a 20 ms server (concurrency 1 and 16)', suite.overhead as () => Promise<void>],
  ['suite-cpu', 'worker CPU per attempt at 100 and 1,000 iterations', suite.cpu as () => Promise<void>],
  ['suite-floor', 'default run vs a one-test Vitest run', suite.floor as () => Promise<void>],
  ['reporter-scale', 'reporter end to end at 10k / 100k / 1M attempts', reporterScale],
  ['reference-memory', 'reference service RSS over 300,000 requests', referenceMemory],
  ['monitor-memory', 'monitor RSS over time at 5 r/s (BENCH_MONITOR_DURATION, default 60s; 10m for the issue figure)', monitorMemory],
  ['reference', 'reference service throughput (autocannon, loopback)', reference],
  ['client', 'HTTP client overhead vs raw undici (in process)', client],
  ['reporter', 'reporter stages over 1,000,000 attempts (in process)', reporter],
]

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
const unknown = only?.filter((n) => !benches.some(([name]) => name === n)) ?? []
if (unknown.length > 0) {
  process.stderr.write(`BENCH_ONLY: unknown bench ${unknown.join(', ')}; accepted: ${benches.map(([n]) => n).join(', ')}\n`)
  process.exit(1)
}
for (const [name, title, run] of benches) {
  if (only && !only.includes(name)) continue
  process.stdout.write(`\n=== ${name}: ${title} — ${load()}\n`)
  await run()
}
