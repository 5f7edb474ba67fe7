// The preflight tells "unreachable" (nothing accepts the connection: stop the run in one line) from "reachable
// but broken or hanging" (the questions must still be asked, so their failures and timeouts are measured).
// Real loopback servers; nothing is stubbed.
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { preflight } from '../../../tests/support/target.ts'
import { closedPort } from '../../e2e/target.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { type Locale, say } from '../../../core/locale/index.ts'
import type { Reason } from '../../../core/reason.ts'

/** What the run prints of a preflight's problem or note (a reason: core/locale/run.ts), in a language. */
const said = (r: Reason | null, locale: Locale = 'en'): string | null => (r === null ? null : say(r, locale))

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
})

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((r) => server.close(() => r()))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('preflight', () => {
  test('a healthy target: no problem, no note', async () => {
    const url = await listen(createHttpServer((_req, res) => res.end('{"status":"ok"}')))
    const result = await preflight(url, 2000, harenaV2Adapter)
    expect(result).toMatchObject({ problem: null, note: null })
    expect(result.health).toMatchObject({ httpStatus: 200, status: 'ok', version: null, findings: [] })
  })

  test('a 404 on the health route still proves the target is there', async () => {
    const url = await listen(createHttpServer((_req, res) => res.writeHead(404).end()))
    const result = await preflight(`${url}/prefix`, 2000, harenaV2Adapter)
    expect(result).toMatchObject({ problem: null, note: null })
    // …but what it said is a finding every report shows (tests/support/health.ts).
    expect(result.health?.findings.map((f) => f.code)).toEqual(['health.http_status', 'health.not_json'])
  })

  test('a closed port is unreachable, said with its code', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const { problem, note } = await preflight(url, 2000, harenaV2Adapter)
    expect(said(problem)).toBe(`target ${url} unreachable (ECONNREFUSED)`)
    expect(said(problem, 'fr')).toBe(`cible ${url} injoignable (ECONNREFUSED)`)
    expect(note).toBeNull()
  })

  test('a health route that resets the connection: reachable, the questions are asked, with a note', async () => {
    const url = await listen(createHttpServer((req) => req.socket.destroy()))
    const { problem, note } = await preflight(url, 2000, harenaV2Adapter)
    expect(problem).toBeNull()
    expect(said(note)).toMatch(/accepted the connection but GET api\/v1\/conversation\/health failed \(\w+\); asking the questions anyway/)
  })

  test('a target that accepts and never answers: hanging, not unreachable', async () => {
    const url = await listen(createTcpServer(() => undefined))
    const { problem, note } = await preflight(url, 300, harenaV2Adapter)
    expect(problem).toBeNull()
    expect(said(note)).toMatch(/did not answer within 300 ms/)
    expect(said(note, 'fr')).toMatch(/n'a pas répondu en 300 ms ; les questions sont posées quand même$/)
  })
})
