// The validation suite's own configuration plus CPU accounting (benches only): bench/worker-cpu.ts in every
// worker, and the main process's CPU time written at exit. Everything else is vitest.config.ts unchanged.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import base from '../vitest.config.ts'

const dir = process.env.BENCH_CPU_DIR
if (dir) {
  process.once('exit', () => {
    const u = process.cpuUsage()
    writeFileSync(join(dir, 'main.json'), JSON.stringify({ totalMs: (u.user + u.system) / 1000 }))
  })
}
if (base.test) base.test.setupFiles = ['bench/worker-cpu.ts']
export default base
