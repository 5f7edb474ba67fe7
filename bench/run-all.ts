// `npm run bench`: every benchmark, one after the other, each printing its own figures.
// Figures only: nothing here asserts a timing (machines are shared and noisy; compare ratios within one run).
import { main as reference } from './reference.ts'
import { main as client } from './client.ts'
import { main as reporter } from './reporter.ts'

const benches: Array<[string, () => Promise<void>]> = [
  ['reference service throughput (autocannon, loopback)', reference],
  ['HTTP client overhead vs raw undici', client],
  ['reporter: aggregate + decide + render 1,000,000 attempts', reporter],
]

for (const [title, run] of benches) {
  process.stdout.write(`\n=== ${title}\n`)
  await run()
}
