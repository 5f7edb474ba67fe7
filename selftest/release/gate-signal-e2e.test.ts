// release/gate.ts: the signal that stops `npm run release` reaches the whole gate. The gate is `npx vitest run`,
// i.e. npx → `sh -c` → Vitest → fork workers; a SIGINT to npx alone used to end npx only, and the gate's Vitest went
// on asking and wrote a GO after the release had stopped. Real npx, real suite, real reference service on loopback.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runGate } from '../../release/gate.ts'
import { cleanupTemp, readReport } from '../e2e/harness.ts'
import { killMarked, markedGone } from '../e2e/processes.ts'
import { chatRequests, fileTargets } from '../e2e/target.ts'
import { slowRun } from '../e2e/slow-run.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('runGate interrupted', () => {
  it('an abort (the release got SIGINT/SIGTERM) stops every process of the gate: interrupted NO-GO, exit 130, none left', async () => {
    // 200 attempts of ≥ 300 ms, two at a time: the gate would take ≥ 30 s; it is interrupted after 2 requests.
    const { ref, reportDir, mark, env } = await slowRun(target, 'gate-signal')
    const controller = new AbortController()
    const poll = setInterval(() => {
      if (chatRequests(ref.stats().requests).length >= 2) controller.abort()
    }, 20)
    try {
      const gate = await runGate({ reportDir, baseUrl: null, env, signal: controller.signal })
      expect(controller.signal.aborted, 'the gate ended before it was interrupted').toBe(true)
      // Nothing of the gate is left (npx, its shell, Vitest, its workers), and soon.
      expect(await markedGone(mark, 5_000)).toEqual([])
      expect(gate.exitCode).toBe(130)
      expect(gate.decision, gate.problem ?? '').toBe('NO-GO')
      const report = readReport(reportDir)
      expect(report.run.interrupted).toBe(true)
      // The run stopped, not finished: by what it recorded (a bound on the gate's wall-clock time, 25 s, counted the
      // start of npx and Vitest too, which a loaded machine stretches).
      expect(report.summary.attempts).toBeLessThan(report.summary.plannedAttempts)
      expect(report.decision).toBe('NO-GO')
      expect(report.exitCode).toBe(130)
      const requestsAtStop = chatRequests(ref.stats().requests).length
      await new Promise((r) => setTimeout(r, 1_000))
      expect(chatRequests(ref.stats().requests).length, 'the gate went on asking').toBe(requestsAtStop)
      expect(readReport(reportDir).decision).toBe('NO-GO')
    } finally {
      clearInterval(poll)
      killMarked(mark)
    }
  }, 120_000)

  it('a signal already given (held while the release loaded) starts nothing: no process, no request, no report', async () => {
    const { ref, reportDir, mark, env } = await slowRun(target, 'gate-aborted')
    try {
      const gate = await runGate({ reportDir, baseUrl: null, env, signal: AbortSignal.abort() })
      // An abort event never fires again for an aborted signal: a listener alone let the whole gate run to its GO.
      expect(gate.decision).toBeNull()
      expect(gate.problem).toBe('interrupted before the gate started')
      expect(await markedGone(mark, 5_000)).toEqual([])
      expect(ref.stats().requests).toEqual([])
      expect(existsSync(join(reportDir, 'validation-report.json'))).toBe(false)
    } finally {
      killMarked(mark)
    }
  }, 120_000)
})
