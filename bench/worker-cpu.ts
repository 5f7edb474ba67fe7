// Setup file of bench/vitest.cpu.config.ts (benches only): each validation worker writes the CPU time it spent
// between the start and the end of its spec file's tests (imports and fork start excluded), so the bench can
// divide by the attempts the file made. The directory comes from BENCH_CPU_DIR.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

let start: NodeJS.CpuUsage | null = null
beforeAll(() => {
  start = process.cpuUsage()
})
afterAll(() => {
  const dir = process.env.BENCH_CPU_DIR
  if (!dir || start === null) return
  const run = process.cpuUsage(start)
  const total = process.cpuUsage()
  const name = `worker-${process.pid}-${Math.random().toString(36).slice(2)}.json`
  writeFileSync(join(dir, name), JSON.stringify({ runMs: (run.user + run.system) / 1000, totalMs: (total.user + total.system) / 1000 }))
})
