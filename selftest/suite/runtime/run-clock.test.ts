// tests/support/run-clock.ts: every process of a run places its moments on one time line, the machine's monotonic
// clock plus the main process's anchor, so that the applied load's sweep (core/applied-load.ts) never sees two
// sequential exchanges of two workers overlap. Checked in this process and in a real child process: in both, a
// reading minus the adopted anchor is the monotonic clock at that moment.
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { adoptRunClock, runClockAnchor, runEpochMs } from '../../../tests/support/run-clock.ts'

const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6
// Bracketing slack: two clock reads and a float sum, far under the ~0.1 ms a permit takes between two workers.
const SLACK_MS = 0.05
// This process's own anchor, put back at the end: other files of this worker read real send times.
const ownAnchor = runClockAnchor()
afterAll(() => adoptRunClock(ownAnchor))

/** A reading of runEpochMs with the monotonic clock read just before and just after it. */
function bracketed(): { before: number; reading: number; after: number } {
  const before = monotonicMs()
  const reading = runEpochMs(performance.now())
  const after = monotonicMs()
  return { before, reading, after }
}

describe('run clock', () => {
  test('a reading is the adopted anchor plus the monotonic clock at that moment', () => {
    const anchor = 1_700_000_000_000.25
    adoptRunClock(anchor)
    expect(runClockAnchor()).toBe(anchor)
    for (let i = 0; i < 100; i++) {
      const { before, reading, after } = bracketed()
      expect(reading - anchor).toBeGreaterThanOrEqual(before - SLACK_MS)
      expect(reading - anchor).toBeLessThanOrEqual(after + SLACK_MS)
    }
  })

  test('a missing or unusable anchor keeps the one in use', () => {
    adoptRunClock(1_650_000_000_000)
    for (const junk of [undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      adoptRunClock(junk)
      expect(runClockAnchor()).toBe(1_650_000_000_000)
    }
  })

  test('another process that adopts the anchor is on the same time line', () => {
    adoptRunClock(ownAnchor)
    const anchor = ownAnchor
    const script = `
      const { adoptRunClock, runEpochMs } = await import(${JSON.stringify(new URL('../../../tests/support/run-clock.ts', import.meta.url).href)})
      adoptRunClock(${anchor})
      const mono = () => Number(process.hrtime.bigint()) / 1e6
      const before = mono(), reading = runEpochMs(performance.now()), after = mono()
      process.stdout.write(JSON.stringify({ before, reading, after }))`
    const child = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }))
    const mine = bracketed()
    // The child's moment came first, on the same line as this process's.
    expect(child.reading - anchor).toBeGreaterThanOrEqual(child.before - SLACK_MS)
    expect(child.reading - anchor).toBeLessThanOrEqual(child.after + SLACK_MS)
    expect(child.reading).toBeLessThan(mine.reading)
    // A process's own anchor maps the monotonic clock to wall time.
    expect(Math.abs(mine.reading - Date.now())).toBeLessThan(5_000)
  })
})
