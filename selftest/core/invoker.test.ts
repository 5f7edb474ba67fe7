// core/invoker.ts in this process: a changed parent pid says one line and stops once; an unchanged one does
// nothing; the watch is armed once per process. (The real chain, npm → sh -c → Vitest, is selftest/e2e/invoker-gone.test.ts.)
import { afterEach, describe, expect, test } from 'vitest'
import { invokerGoneLine, noteInvoker, stopWhenInvokerGone } from '../../core/invoker.ts'

const realPpid = Object.getOwnPropertyDescriptor(process, 'ppid')
afterEach(() => {
  if (realPpid) Object.defineProperty(process, 'ppid', realPpid)
})

describe('stopWhenInvokerGone', () => {
  test('unchanged parent: nothing; changed parent: the one line, then stop, once; a second arm does nothing', async () => {
    noteInvoker()
    const original = process.ppid
    const said: string[] = []
    let stops = 0
    expect(stopWhenInvokerGone({ say: (l) => said.push(l), locale: 'en', everyMs: 10, stop: () => stops++ })).toBe(true)
    expect(stopWhenInvokerGone({ say: () => said.push('second'), locale: 'en', everyMs: 10, stop: () => stops++ })).toBe(false)
    await new Promise((r) => setTimeout(r, 60))
    expect(stops).toBe(0)
    Object.defineProperty(process, 'ppid', { configurable: true, get: () => 1 })
    await new Promise((r) => setTimeout(r, 60))
    expect(said).toEqual([invokerGoneLine(original, 'en')])
    expect(said[0]).toBe(`the process that started this run is gone (parent pid ${original} exited): stopping as on SIGTERM`)
    // The same line in a French run (VALIDATION_LOCALE=fr, the default).
    expect(invokerGoneLine(original, 'fr')).toBe(
      `le processus qui a lancé cette exécution a disparu (pid parent ${original} terminé) : arrêt comme sur SIGTERM`,
    )
    expect(stops).toBe(1)
  })
})
