// The suite's HTTP client against real servers on loopback: the reference service for normal exchanges, a
// small hostile server for what the reference has no knob for. No timing thresholds: only structure.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HarenaClient, joinUrl } from '../../../tests/support/client.ts'
import { closedPort, startTarget, type Reference } from '../../e2e/target.ts'
import { startHostile, type Hostile } from './hostile.ts'

let ref: Reference
let hostile: Hostile
beforeAll(async () => {
  ref = await startTarget()
  hostile = await startHostile()
})
afterAll(async () => {
  await ref.close()
  await hostile.close()
})

describe('joinUrl', () => {
  test('keeps a path prefix and never doubles or drops a slash', () => {
    expect(joinUrl('https://gw.example/harena', 'api/v1/conversation/1')).toEqual({
      origin: 'https://gw.example',
      path: '/harena/api/v1/conversation/1',
    })
    expect(joinUrl('https://gw.example/harena/', '/api/v1/x')).toEqual({ origin: 'https://gw.example', path: '/harena/api/v1/x' })
    expect(joinUrl('http://127.0.0.1:8001', 'health')).toEqual({ origin: 'http://127.0.0.1:8001', path: '/health' })
  })
})

describe('HarenaClient', () => {
  test('times a real exchange: TTFB at the headers, total at the end of the body, monotonic and ordered', async () => {
    const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 5000 })
    try {
      const out = await client.request({ method: 'GET', path: 'api/v1/conversation/health' })
      expect(out.kind).toBe('response')
      if (out.kind !== 'response') return
      expect(out.exchange.httpStatus).toBe(200)
      expect(JSON.parse(out.exchange.bodyText)).toHaveProperty('status')
      expect(out.timing.ttfbMs).not.toBeNull()
      expect(out.timing.ttfbMs!).toBeGreaterThan(0)
      expect(out.timing.totalMs).toBeGreaterThanOrEqual(out.timing.ttfbMs!)
      expect(Number.isNaN(Date.parse(out.timing.startedAt))).toBe(false)
      expect(out.truncated).toBe(false)
      expect(out.bytes).toBe(Buffer.byteLength(out.exchange.bodyText))
    } finally {
      await client.close()
    }
  })

  test("the clock starts when the request is written: the client's own busy turn before the write is not the target's", async () => {
    // Blocks this process's event loop in the check phase, where undici 7 writes a request on a kept-alive
    // connection (after its idle-socket check); queued before the request, so it runs before the write.
    const blockNextTurn = (ms: number): Promise<{ from: number; to: number }> =>
      new Promise((resolve) => {
        setImmediate(() => {
          const from = Date.now()
          while (Date.now() - from < ms) {
            // a worker busy judging other answers
          }
          resolve({ from, to: Date.now() })
        })
      })
    const client = new HarenaClient({ baseUrl: ref.url, timeoutMs: 10_000, connections: 1 })
    try {
      // A new connection: the wait for it is part of the exchange, so the clock starts at dispatch, before the block.
      const fresh = blockNextTurn(300)
      const first = await client.request({ method: 'GET', path: 'api/v1/conversation/health' })
      const freshBlock = await fresh
      expect(first.kind).toBe('response')
      expect(Date.parse(first.timing.startedAt)).toBeLessThanOrEqual(freshBlock.from)
      // The same connection again: the busy turn comes before the write and is not measured.
      const reused = blockNextTurn(300)
      const second = await client.request({ method: 'GET', path: 'api/v1/conversation/health' })
      const reusedBlock = await reused
      expect(second.kind).toBe('response')
      expect(Date.parse(second.timing.startedAt)).toBeGreaterThanOrEqual(reusedBlock.to)
    } finally {
      await client.close()
    }
  })

  test('a path prefix in the base URL reaches the server intact', async () => {
    const client = new HarenaClient({ baseUrl: `${hostile.url}/harena`, timeoutMs: 5000 })
    try {
      const out = await client.request({ method: 'GET', path: 'api/v1/conversation/health' })
      expect(out.kind === 'response' && JSON.parse(out.exchange.bodyText)).toEqual({ path: '/harena/api/v1/conversation/health' })
    } finally {
      await client.close()
    }
  })

  test('the timeout aborts a request that never answers (the server sees the connection go)', async () => {
    const client = new HarenaClient({ baseUrl: hostile.url, timeoutMs: 150 })
    const before = hostile.abandoned
    try {
      const out = await client.request({ method: 'POST', path: 'hang', body: '{}' })
      expect(out).toMatchObject({ kind: 'timeout', timeoutMs: 150, httpStatus: null })
      expect(out.timing.ttfbMs).toBeNull()
      await expect.poll(() => hostile.abandoned).toBe(before + 1)
    } finally {
      await client.close()
    }
  })

  test('the timeout covers the body too: headers then silence is a timeout with the status kept', async () => {
    const client = new HarenaClient({ baseUrl: hostile.url, timeoutMs: 150 })
    try {
      const out = await client.request({ method: 'POST', path: 'stall-body', body: '{}' })
      expect(out).toMatchObject({ kind: 'timeout', httpStatus: 200 })
      expect(out.timing.ttfbMs).not.toBeNull()
    } finally {
      await client.close()
    }
  })

  // The target has HARENA_TIMEOUT_MS whatever this worker is doing: a worker busy judging other answers must neither
  // take time from it before the write nor read a finished answer too late to count it. The server is another
  // process, so it answers while this one is blocked.
  describe("a busy worker does not take the target's time", () => {
    let server: ReturnType<typeof spawn>
    let url = ''
    beforeAll(async () => {
      server = spawn(
        process.execPath,
        [
          '-e',
          "require('http').createServer((q, s) => setTimeout(() => s.end('ok'), q.url === '/in-400ms' ? 400 : 0)).listen(0, '127.0.0.1', function () { console.log(this.address().port) })",
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      const port = await new Promise<string>((resolve) => server.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())))
      url = `http://127.0.0.1:${port}`
    })
    afterAll(() => {
      server.kill()
    })
    const busyFor = (ms: number): void => {
      const from = performance.now()
      while (performance.now() - from < ms) {
        // a worker judging other answers
      }
    }

    // Margins far above what a loaded machine takes to answer on loopback: the other process answers in well under
    // TIMEOUT_MS, and the busy spells outlast the deadline by as much again.
    const TIMEOUT_MS = 1000

    test('busy between the dispatch and the write: the deadline starts at the write, the answer is in time', async () => {
      const client = new HarenaClient({ baseUrl: url, timeoutMs: TIMEOUT_MS, connections: 1 })
      try {
        expect((await client.request({ method: 'GET', path: 'warm' })).kind).toBe('response') // a kept-alive connection
        // Queued before the dispatch: runs in the turn where undici writes on a kept-alive connection, before the write.
        setImmediate(() => busyFor(TIMEOUT_MS * 1.5))
        const out = await client.request({ method: 'GET', path: 'at-once' })
        expect(out.kind).toBe('response')
      } finally {
        await client.close()
      }
    })

    test('busy past the deadline while a finished answer waits in the socket: it is an answer, read late', async () => {
      const client = new HarenaClient({ baseUrl: url, timeoutMs: TIMEOUT_MS, connections: 1 })
      try {
        expect((await client.request({ method: 'GET', path: 'warm' })).kind).toBe('response')
        const outcome = client.request({ method: 'GET', path: 'in-400ms' })
        // Written by then; the answer comes at 400 ms while this loop is busy in its check phase until 2.5 × the
        // deadline. The next turn runs the due deadline before it reads the socket. (At 50 ms, a timer delayed by a
        // loaded machine let the answer be read before the busy spell began, and the test proved nothing.)
        setTimeout(() => setImmediate(() => busyFor(TIMEOUT_MS * 2.5)), 20)
        const out = await outcome
        expect(out.kind).toBe('response')
        expect(out.timing.totalMs).toBeGreaterThanOrEqual(TIMEOUT_MS) // read late: the latency says when it was read
      } finally {
        await client.close()
      }
    })
  })

  test('a closed port is a transport error (ECONNREFUSED), not a timeout', async () => {
    const port = await closedPort()
    const client = new HarenaClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 })
    try {
      const out = await client.request({ method: 'GET', path: 'health', headers: { authorization: 'Bearer s3cr3t-token-value' } })
      expect(out).toMatchObject({ kind: 'transport', code: 'ECONNREFUSED', httpStatus: null })
      expect(JSON.stringify(out)).not.toContain('s3cr3t')
    } finally {
      await client.close()
    }
  })

  test('a connection reset is a transport error and is NOT retried', async () => {
    const client = new HarenaClient({ baseUrl: hostile.url, timeoutMs: 5000 })
    const before = hostile.seen.filter((s) => s.path === '/reset').length
    try {
      const out = await client.request({ method: 'POST', path: 'reset', body: '{}' })
      expect(out.kind).toBe('transport')
      if (out.kind === 'transport') expect(out.code).toMatch(/ECONNRESET|UND_ERR_SOCKET|EPIPE/)
      expect(hostile.seen.filter((s) => s.path === '/reset').length).toBe(before + 1)
    } finally {
      await client.close()
    }
  })

  test('a body over the cap stops the read and keeps only its first bytes', async () => {
    const cap = 1024 * 1024
    const client = new HarenaClient({ baseUrl: hostile.url, timeoutMs: 10_000, maxBodyBytes: cap })
    try {
      const out = await client.request({ method: 'GET', path: 'big' })
      expect(out.kind).toBe('response')
      if (out.kind !== 'response') return
      expect(out.truncated).toBe(true)
      expect(out.bytes).toBeGreaterThan(cap)
      expect(out.bytes).toBeLessThan(10 * 1024 * 1024)
      expect(out.exchange.bodyText.length).toBeLessThanOrEqual(64 * 1024)
      expect(out.exchange.bodyText.startsWith('aaaa')).toBe(true)
    } finally {
      await client.close()
    }
  })

  test('connections are kept alive: sequential requests reuse one socket', async () => {
    const client = new HarenaClient({ baseUrl: hostile.url, timeoutMs: 5000, connections: 1 })
    const from = hostile.seen.length
    try {
      for (let i = 0; i < 5; i++) expect((await client.request({ method: 'GET', path: 'keepalive' })).kind).toBe('response')
    } finally {
      await client.close()
    }
    const ports = new Set(hostile.seen.slice(from).map((s) => s.clientPort))
    expect(hostile.seen.length - from).toBe(5)
    expect(ports.size).toBe(1)
  })
})
