// The cross-worker limiter: VALIDATION_CONCURRENCY is a cap seen by the TARGET (the reference service counts
// requests in flight), whatever the number of callers; permits never leak when a holder dies.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { say } from '../../../core/locale/index.ts'
import '../../../core/locale/run.ts'
import type { Reason } from '../../../core/reason.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { acquirePermit, type Permit, PermitClient, startLimiter, type LimiterServer } from '../../../tests/support/limiter.ts'
import { startTarget, tokenFor, type Reference } from '../../e2e/target.ts'

const opened: Array<Reference | LimiterServer> = []
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()))
})

const chatBody = (message: string) =>
  JSON.stringify({ message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' } })

describe('limiter', () => {
  test('concurrency 3 across 4 independent callers (own connection pools) → exactly 3 requests in flight at the target', async () => {
    // 80 ms per answer so that requests overlap; 4 callers × 4 requests started at once = 16 requests.
    const ref = await startTarget([{ fault: { kind: 'latency', stage: 'response_generation', ms: 80 } } as never])
    const limiter = await startLimiter(3)
    opened.push(ref, limiter)
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(1)}` }
    const callers = Array.from(
      { length: 4 },
      () => new HarenaClient({ baseUrl: ref.url, timeoutMs: 10_000, limiterUrl: limiter.url, connections: 4 }),
    )
    const outcomes = await Promise.all(
      callers.flatMap((client) =>
        Array.from({ length: 4 }, () =>
          client.request({ method: 'POST', path: 'api/v1/conversation/1', headers, body: chatBody('Mes dépenses chez Carrefour') }),
        ),
      ),
    )
    await Promise.all(callers.map((c) => c.close()))
    expect(outcomes.map((o) => (o.kind === 'response' ? o.exchange.httpStatus : o.kind))).toEqual(Array(16).fill(200))
    expect(ref.stats().peakInFlight).toBe(3)
    expect(limiter.stats().peakHeld).toBe(3)
    await expect.poll(() => limiter.stats().held).toBe(0) // the callers closed: everything given back
  })

  test('without a limiter the same callers exceed 3 in flight (the cap above is the limiter, not chance)', async () => {
    const ref = await startTarget([{ fault: { kind: 'latency', stage: 'response_generation', ms: 80 } } as never])
    opened.push(ref)
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(1)}` }
    const callers = Array.from({ length: 4 }, () => new HarenaClient({ baseUrl: ref.url, timeoutMs: 10_000, connections: 4 }))
    await Promise.all(
      callers.flatMap((client) =>
        Array.from({ length: 4 }, () =>
          client.request({ method: 'POST', path: 'api/v1/conversation/1', headers, body: chatBody('Mes dépenses chez Carrefour') }),
        ),
      ),
    )
    await Promise.all(callers.map((c) => c.close()))
    expect(ref.stats().peakInFlight).toBeGreaterThan(3)
  })

  test('a permit held by a process that is killed comes back; a waiter that gives up is dropped', async () => {
    const limiter = await startLimiter(1)
    opened.push(limiter)
    // A separate process takes the only permit, then is killed with SIGKILL (no chance to release it).
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:net').connect(${new URL(limiter.url).port}, '127.0.0.1'); s.write('A'); s.on('data', () => console.log('held'))`,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    expect(limiter.stats().held).toBe(1)

    // A waiter in this process gives up while the permit is held elsewhere.
    const giveUp = new AbortController()
    const abandoned = acquirePermit(limiter.url, giveUp.signal)
    await expect.poll(() => limiter.stats().waiting).toBe(1)
    giveUp.abort(new Error('gave up'))
    await expect(abandoned).rejects.toThrow('gave up')
    await expect.poll(() => limiter.stats().waiting).toBe(0)

    holder.kill('SIGKILL')
    const permit = await acquirePermit(limiter.url) // would wait forever if the killed holder's permit leaked
    expect(limiter.stats()).toMatchObject({ held: 1, granted: 2 })
    permit.release()
  })

  test('waiters are served in arrival order', async () => {
    const limiter = await startLimiter(1)
    opened.push(limiter)
    const first = await acquirePermit(limiter.url)
    const order: number[] = []
    const waiters: Array<Promise<void>> = []
    for (const n of [1, 2, 3]) {
      waiters.push(
        acquirePermit(limiter.url).then((p) => {
          order.push(n)
          p.release()
        }),
      )
      await expect.poll(() => limiter.stats().waiting).toBe(n) // n has reached the server before n+1 starts
    }
    first.release()
    await Promise.all(waiters)
    expect(order).toEqual([1, 2, 3])
  })

  test('an exchange released just before its caller closes still counts: an answer ends the silent streak', async () => {
    // A spec file's afterAll closes its client in the turn its last exchange ends, before the queued outcome and
    // release would have been written: close() delivers them. Stop after 2 consecutive silent timeouts.
    const limiter = await startLimiter(1, 0, { afterSilentTimeouts: 2, minQuestions: 1 })
    opened.push(limiter)
    const first = new PermitClient(limiter.url, 1)
    let permit = await first.acquire()
    permit.outcome('silent', 'q01')
    permit.release()
    permit = await first.acquire()
    permit.outcome('answered')
    permit.release()
    first.close()
    // One permit: the next caller's grant waits for that release, so the limiter reads the answer before it.
    const next = new PermitClient(limiter.url, 1)
    try {
      permit = await next.acquire()
      permit.outcome('silent', 'q02')
      permit.release()
      // The silent timeout ends the lease: the permit comes back.
      await expect.poll(() => limiter.stats()).toMatchObject({ held: 0, waiting: 0 })
      expect(limiter.stopped()).toBeNull()
    } finally {
      next.close()
    }
  })

  test('one kept-alive connection per caller; a caller asks only for the permits it can use', async () => {
    const limiter = await startLimiter(2)
    opened.push(limiter)
    const other = new PermitClient(limiter.url)
    const worker = new PermitClient(limiter.url, 3) // a worker with 3 connections to the target
    try {
      // Many acquire/release cycles: still one connection each, no new socket per permit.
      for (let i = 0; i < 50; i++) (await worker.acquire()).release()
      const blockers = [await other.acquire(), await other.acquire()]
      // 40 attempts queue inside the worker; it asks the limiter for 3 permits at most, not 40.
      const order: number[] = []
      const attempts = Array.from({ length: 40 }, (_, n) =>
        worker.acquire().then((p) => {
          order.push(n)
          p.release()
        }),
      )
      await expect.poll(() => limiter.stats().waiting).toBe(3)
      expect(limiter.stats()).toMatchObject({ held: 2, connections: 2 })
      for (const b of blockers) b.release()
      await Promise.all(attempts)
      expect(order).toEqual(Array.from({ length: 40 }, (_, n) => n)) // first come, first served inside the worker too
      // Every permit crossed the wire (granted) or passed inside the worker under a lease (reused).
      expect(limiter.stats()).toMatchObject({ peakHeld: 2, connections: 2 })
      expect(limiter.stats().granted + worker.reused).toBe(50 + 2 + 40)
    } finally {
      other.close()
      worker.close()
    }
    // Closing a caller gives everything back.
    await expect.poll(() => limiter.stats().connections).toBe(0)
  })

  describe('leases: a caller alone keeps its permits between exchanges', () => {
    const answered = async (client: PermitClient, n: number, holdMs = 0): Promise<void> => {
      await Promise.all(
        Array.from({ length: n }, () =>
          client.acquire().then(async (p) => {
            if (holdMs > 0) await new Promise((r) => setTimeout(r, holdMs))
            p.outcome('answered')
            p.release()
          }),
        ),
      )
    }

    test('alone, most permits pass from one exchange to the next inside the caller; never more than the cap', async () => {
      const limiter = await startLimiter(2)
      opened.push(limiter)
      const worker = new PermitClient(limiter.url, 2)
      try {
        await answered(worker, 200)
        expect(limiter.stats().peakHeld).toBe(2)
        expect(limiter.stats().granted + worker.reused).toBe(200)
        // Without leases every one of the 200 would be a grant (the test above counts them).
        expect(worker.reused).toBeGreaterThan(100)
      } finally {
        worker.close()
      }
      await expect.poll(() => limiter.stats()).toMatchObject({ held: 0, connections: 0 })
    })

    test("another caller's ask ends the lease: it is served while the first still has attempts waiting", async () => {
      const limiter = await startLimiter(2)
      opened.push(limiter)
      const first = new PermitClient(limiter.url, 2)
      const second = new PermitClient(limiter.url, 2)
      try {
        let firstDone = 0
        const firstRun = Promise.all(
          Array.from({ length: 60 }, () =>
            first.acquire().then(async (p) => {
              await new Promise((r) => setTimeout(r, 5))
              p.outcome('answered')
              p.release()
              firstDone += 1
            }),
          ),
        )
        await expect.poll(() => first.reused).toBeGreaterThan(0) // the first caller is under a lease
        const permit = await second.acquire()
        const firstDoneWhenServed = firstDone
        permit.release()
        await firstRun
        expect(firstDoneWhenServed).toBeLessThan(60)
        expect(limiter.stats().peakHeld).toBe(2)
      } finally {
        first.close()
        second.close()
      }
    })

    test('answers counted under a lease reach the limiter before a silent timeout: the streak is exact', async () => {
      // Stop after 3 consecutive silent timeouts. A caller under a lease: answer, silent, silent, answer, silent,
      // silent — never 3 in a row, no stop; then 3 in a row — stop.
      const limiter = await startLimiter(1, 0, { afterSilentTimeouts: 3, minQuestions: 1 })
      opened.push(limiter)
      const worker = new PermitClient(limiter.url, 1)
      const outcomes: Array<'answered' | 'silent'> = ['answered', 'answered', 'silent', 'silent', 'answered', 'silent', 'silent', 'answered']
      try {
        const permits = outcomes.map(() => worker.acquire())
        for (const [i, kind] of outcomes.entries()) {
          const permit = await (permits[i] as Promise<Permit>)
          permit.outcome(kind, `q${i}`)
          permit.release()
        }
        await expect.poll(() => limiter.stats()).toMatchObject({ held: 0, waiting: 0 })
        expect(limiter.stopped()).toBeNull()
        const more = ['silent', 'silent', 'silent'].map(() => worker.acquire())
        for (const [i, p] of more.entries()) {
          const permit = await p
          permit.outcome('silent', `r${i}`)
          permit.release()
        }
        await expect.poll(() => limiter.stopped()?.code).toBe('run.stop.silent')
        expect(limiter.stopped()?.params).toMatchObject({ timeouts: 3 })
        expect(say(limiter.stopped() as Reason, 'en')).toMatch(/3 consecutive timeouts/)
      } finally {
        worker.close()
      }
    })

    test('a permit kept idle under a lease goes back as soon as another caller asks', async () => {
      const limiter = await startLimiter(1)
      opened.push(limiter)
      const first = new PermitClient(limiter.url, 1)
      const second = new PermitClient(limiter.url, 1)
      try {
        ;(await first.acquire()).release()
        // Nobody else waits: the permit stays with the first caller, ready for its next attempt.
        expect(limiter.stats().held).toBe(1)
        const permit = await second.acquire() // would wait forever if the idle permit stayed where it was
        expect(limiter.stats()).toMatchObject({ held: 1, granted: 2, peakHeld: 1 })
        permit.release()
      } finally {
        first.close()
        second.close()
      }
    })

    test('VALIDATION_MAX_RPS paces every grant: no lease', async () => {
      const limiter = await startLimiter(2, 1000)
      opened.push(limiter)
      const worker = new PermitClient(limiter.url, 2)
      try {
        await answered(worker, 30)
        expect(worker.reused).toBe(0)
        expect(limiter.stats().granted).toBe(30)
      } finally {
        worker.close()
      }
    })
  })
})
