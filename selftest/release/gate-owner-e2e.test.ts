// release/gate.ts: a release killed outright (SIGKILL: no handler of its own runs) while its gate runs. The gate is
// npx → `sh -c` → Vitest in a process group of its own, so Vitest's parent lives on; without more, it went on asking
// and wrote a verdict nobody would read. The gate names its owner (core/invoker.ts OWNER_PID_VARIABLE) and stops when
// it is gone: an interrupted NO-GO, and no process of it left. Real npx, real suite, real reference on loopback.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanupTemp, readReport, ROOT } from '../e2e/harness.ts'
import { killMarked, markedGone, markedProcesses } from '../e2e/processes.ts'
import { chatRequests, fileTargets } from '../e2e/target.ts'
import { slowRun } from '../e2e/slow-run.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('runGate whose release is killed', () => {
  it('SIGKILL to the release: its gate stops by itself (interrupted NO-GO), no process of it left, no request more', async () => {
    // 200 attempts of ≥ 300 ms, two at a time: the gate would take ≥ 30 s; its release is killed after 2 requests.
    const { ref, reportDir, mark, env } = await slowRun(target, 'gate-owner')
    // The release as far as the gate knows it: a process that runs runGate and waits for it.
    const release = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./release/gate.ts').then((m) => m.runGate({ reportDir: ${JSON.stringify(reportDir)}, baseUrl: null }))`],
      { cwd: ROOT, env, stdio: 'ignore' },
    )
    try {
      const deadline = performance.now() + 60_000
      while (chatRequests(ref.stats().requests).length < 2 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      expect(chatRequests(ref.stats().requests).length, 'the gate never asked').toBeGreaterThanOrEqual(2)
      const releasePid = release.pid as number
      expect(markedProcesses(mark).some((p) => p.ppid !== releasePid && p.pid !== releasePid)).toBe(true) // the gate runs
      const exited = new Promise((r) => release.once('exit', r))
      release.kill('SIGKILL')
      await exited
      // Everything of the gate ends by itself, soon (the run stopped: 200 attempts would take ≥ 30 s).
      expect(await markedGone(mark, 10_000)).toEqual([])
      const report = readReport(reportDir)
      expect(report.run.interrupted).toBe(true)
      expect(report.decision).toBe('NO-GO')
      const requestsAtStop = chatRequests(ref.stats().requests).length
      expect(requestsAtStop).toBeLessThan(100)
      await new Promise((r) => setTimeout(r, 1_000))
      expect(chatRequests(ref.stats().requests).length, 'the gate went on asking').toBe(requestsAtStop)
    } finally {
      release.kill('SIGKILL')
      killMarked(mark)
    }
  }, 120_000)
})
