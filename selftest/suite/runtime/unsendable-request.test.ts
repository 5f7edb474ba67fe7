// A request undici refuses before sending never takes a connection for good (tests/support/sendable.ts). undici 7
// throws such a request synchronously from a pooled connection's dispatch, and its Pool then waits on that connection
// for a drain that never comes: with one connection (the warm-ups', a default worker's), every later request — valid
// ones too — timed out (review 2026-12-05: a login token ending in "\n"). The real HarenaClient against a loopback
// server that records what it received; no timing thresholds.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ClientOutcome, HarenaClient } from '../../../tests/support/client.ts'
import { normalizedHeaderValue, unsendable } from '../../../tests/support/sendable.ts'

const received: Array<{ url: string; headers: IncomingHttpHeaders }> = []
let url = ''
const server = createServer((req, res) => {
  received.push({ url: req.url ?? '', headers: req.headers })
  // `slow` keeps the only connection busy, so that the next requests wait in the Pool's queue.
  const delay = req.url?.includes('slow') ? 200 : 0
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  }, delay)
})
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const ask = (client: HarenaClient, path: string, headers: Record<string, string>): Promise<ClientOutcome> =>
  client.request({ method: 'GET', path, headers })
const said = (o: ClientOutcome) => (o.kind === 'response' ? o.exchange.httpStatus : o.kind === 'transport' ? `${o.code}: ${o.message}` : o.kind)

describe('a request undici would refuse before sending, on a pool of one connection', () => {
  test('three Authorization values ending in "\\n", then a valid one: each refused with its reason, the valid one answered', async () => {
    received.length = 0
    const client = new HarenaClient({ baseUrl: url, timeoutMs: 5000, connections: 1 })
    try {
      const outcomes: ClientOutcome[] = []
      for (const authorization of ['Bearer abc\n', 'Bearer abc\n', 'Bearer a\r\nx-injected: 1', 'Bearer fine'])
        outcomes.push(await ask(client, 'api/health', { authorization }))
      expect(outcomes.map(said)).toEqual([
        'UND_ERR_INVALID_ARG: invalid authorization header',
        'UND_ERR_INVALID_ARG: invalid authorization header',
        'UND_ERR_INVALID_ARG: invalid authorization header',
        200,
      ])
      // Nothing of a refused value went out; the valid one did, once.
      expect(received.map((r) => r.headers.authorization)).toEqual(['Bearer fine'])
      expect(received.some((r) => 'x-injected' in r.headers)).toBe(false)
    } finally {
      await client.close()
    }
  })

  test('a path a target could spoil (a space, a line break): refused, the next request answered', async () => {
    received.length = 0
    const client = new HarenaClient({ baseUrl: url, timeoutMs: 5000, connections: 1 })
    try {
      const outcomes = [
        await ask(client, 'api/conversation/1 2/turns', {}),
        await ask(client, 'api/conversation/1\n/turns', {}),
        await ask(client, 'api/conversation/12/turns', {}),
      ]
      expect(outcomes.map(said)).toEqual(['UND_ERR_INVALID_ARG: invalid request path', 'UND_ERR_INVALID_ARG: invalid request path', 200])
      expect(received.map((r) => r.url)).toEqual(['/api/conversation/12/turns'])
    } finally {
      await client.close()
    }
  })

  test('refused while waiting in the queue behind a busy connection: the requests queued with it are answered', async () => {
    received.length = 0
    const client = new HarenaClient({ baseUrl: url, timeoutMs: 5000, connections: 1 })
    try {
      const busy = ask(client, 'api/slow', {})
      const bad = ask(client, 'api/health', { authorization: 'Bearer abc\n' })
      const good = ask(client, 'api/health', { authorization: 'Bearer fine' })
      expect((await Promise.all([busy, bad, good])).map(said)).toEqual([200, 'UND_ERR_INVALID_ARG: invalid authorization header', 200])
    } finally {
      await client.close()
    }
  })

  test('a refusal the client does not check itself (an Expect header): that attempt fails with it, later requests are answered', async () => {
    received.length = 0
    const client = new HarenaClient({ baseUrl: url, timeoutMs: 5000, connections: 1 })
    try {
      const outcomes = [
        await ask(client, 'api/health', { expect: '100-continue' }),
        await ask(client, 'api/health', { expect: '100-continue' }),
        await ask(client, 'api/health', {}),
      ]
      expect(outcomes.map(said)).toEqual([
        'UND_ERR_NOT_SUPPORTED: expect header not supported',
        'UND_ERR_NOT_SUPPORTED: expect header not supported',
        200,
      ])
      expect(received).toHaveLength(1)
    } finally {
      await client.close()
    }
  })
})

describe('sendable.ts', () => {
  test("a header value is trimmed of leading/trailing HTTP whitespace only, as a browser's fetch does", () => {
    expect(normalizedHeaderValue(' \t\r\nabc.def\n')).toBe('abc.def')
    expect(normalizedHeaderValue('a b\nc')).toBe('a b\nc')
    expect(normalizedHeaderValue('\u00a0abc')).toBe('\u00a0abc') // a no-break space is not HTTP whitespace
  })

  test('names the header, never its value', () => {
    expect(unsendable('/x', { authorization: 'Bearer secret\u0000' })).toBe('invalid authorization header')
    expect(unsendable('/x', { authorization: 'Bearer €' })).toBe('invalid authorization header')
    expect(unsendable('/x', { 'bad name': 'v' })).toBe('invalid header key')
    expect(unsendable('x', {})).toBe('invalid request path')
    expect(unsendable('/x?q=é', { authorization: 'Bearer a\tb' })).toBeNull()
  })
})
