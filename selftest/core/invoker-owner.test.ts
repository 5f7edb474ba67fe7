// core/invoker.ts in this process, with an owner named (OWNER_PID_VARIABLE, set by release/gate.ts): alive, nothing
// happens; gone, the one line and a stop, once. (The real chain — a release killed with SIGKILL while its gate
// runs — is selftest/release/gate-owner-e2e.test.ts.)
import { spawn } from 'node:child_process'
import { describe, expect, onTestFinished, test } from 'vitest'
import { OWNER_PID_VARIABLE, ownerGoneLine, stopWhenInvokerGone } from '../../core/invoker.ts'

describe('stopWhenInvokerGone with an owner', () => {
  test('a living owner: nothing; once it is gone: the one line naming it, then stop, once', async () => {
    // A real process as the owner, ended while the watch runs.
    const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    const pid = owner.pid
    if (pid === undefined) throw new Error('no pid')
    // Restored after: the self-test files share their worker (vitest.self.config.ts, isolate: false), and a child
    // started with this process's environment would take the dead owner for its own.
    const before = process.env[OWNER_PID_VARIABLE]
    process.env[OWNER_PID_VARIABLE] = String(pid)
    onTestFinished(() => {
      if (before === undefined) delete process.env[OWNER_PID_VARIABLE]
      else process.env[OWNER_PID_VARIABLE] = before
    })
    const said: string[] = []
    let stops = 0
    expect(stopWhenInvokerGone({ say: (l) => said.push(l), locale: 'fr', everyMs: 10, stop: () => stops++ })).toBe(true)
    await new Promise((r) => setTimeout(r, 80))
    expect(stops).toBe(0)
    const exited = new Promise((r) => owner.once('exit', r))
    owner.kill('SIGKILL')
    await exited
    await new Promise((r) => setTimeout(r, 80))
    expect(said).toEqual([ownerGoneLine(pid, 'fr')])
    expect(said[0]).toContain(`pid ${pid}`)
    expect(stops).toBe(1)
  })
})
