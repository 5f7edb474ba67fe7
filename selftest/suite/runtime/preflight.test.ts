// The preflight tells "unreachable" (nothing accepts the connection: stop the run in one line) from "reachable
// but broken or hanging" (the questions must still be asked, so their failures and timeouts are measured).
// Real loopback servers; nothing is stubbed.
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { type LoginResult, login, preflight, prepareTarget, transportError } from '../../../tests/support/target.ts'
import { loadSettings } from '../../../core/settings.ts'
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

/** An answer whose framing HTTP/1.1 forbids: both Transfer-Encoding: chunked and Content-Length (RFC 9112 §6.3). */
const TE_AND_CL =
  'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\ncontent-length: 22\r\n\r\n' +
  '16\r\n{"access_token":"tok"}\r\n0\r\n\r\n'

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
    // The code and the message the code does not say (as the chat route says a transport failure).
    expect(said(note)).toMatch(/accepted the connection but GET api\/v1\/conversation\/health failed \(\w+: [^)]+\); asking the questions anyway/)
  })

  test('a health answer with broken framing: the note names what broke, not a bare "ERROR"', async () => {
    const url = await listen(createTcpServer((s) => s.once('data', () => s.end(TE_AND_CL))))
    const { problem, note } = await preflight(url, 2000, harenaV2Adapter)
    expect(problem).toBeNull()
    expect(said(note)).toContain(
      "failed (HTTPParserError: Response does not match the HTTP/1.1 protocol (Content-Length can't be present with Transfer-Encoding))",
    )
  })

  test('a target that accepts and never answers: hanging, not unreachable', async () => {
    const url = await listen(createTcpServer(() => undefined))
    const { problem, note } = await preflight(url, 300, harenaV2Adapter)
    expect(problem).toBeNull()
    expect(said(note)).toMatch(/did not answer within 300 ms/)
    expect(said(note, 'fr')).toMatch(/n'a pas répondu en 300 ms ; les questions sont posées quand même$/)
  })
})

describe('login', () => {
  const PASSWORD = 'pw-Secret-42'
  const said = (r: LoginResult, locale: Locale = 'en'): string => (r.kind === 'ok' ? 'ok' : say(r.reason, locale))

  // Review: a login answered with broken framing read "target … unreachable (ERROR)" — the target had answered.
  test('an answer with broken framing: the target answered, its answer is unreadable — and says why', async () => {
    const url = await listen(createTcpServer((s) => s.once('data', () => s.end(TE_AND_CL))))
    const result = await login(url, 'demo@harena.test', PASSWORD, 2000, harenaV2Adapter)
    expect(result).toMatchObject({ kind: 'broken', reason: { code: 'target.login.unreadable' } })
    expect(said(result)).toBe(
      `login as demo@harena.test at ${url} failed: the target answered, but its answer cannot be read ` +
        "(HTTPParserError: Response does not match the HTTP/1.1 protocol (Content-Length can't be present with Transfer-Encoding))",
    )
    expect(said(result, 'fr')).toMatch(/en échec : la cible a répondu, mais sa réponse est illisible \(HTTPParserError: /)
    expect(said(result)).not.toMatch(/unreachable/)
  })

  test('a closed port: unreachable, said with its code alone', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const result = await login(url, 'demo@harena.test', PASSWORD, 2000, harenaV2Adapter)
    expect(said(result)).toBe(`login as demo@harena.test at ${url} failed: target ${url} unreachable (ECONNREFUSED)`)
  })

  test('a transport error is bounded and redacted of the password', () => {
    const text = transportError({ code: 'UND_ERR', message: `bad ${PASSWORD} ${'x'.repeat(500)}` }, [PASSWORD])
    expect(text).not.toContain(PASSWORD)
    expect(text.length).toBeLessThanOrEqual(200)
    expect(transportError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' })).toBe('ECONNREFUSED')
  })
})

// Review 2026-12-05: a login answered `302 Location: /retry?pw=<password>` printed the password whole in the
// configuration-error line, and `Location: /cb?code=ok&access_token=<token>` put a token no secret list knows on the
// terminal and in every report. What the target says is shown without a query or fragment, and scrubbed of the run's
// secrets wherever it stands (a path, a user id, the health route's words).
describe('what the target says on the way in is scrubbed', () => {
  const PASSWORD = 'Zebra!Quartz77-long'
  const ISSUED = 'LoGiNiSsUeDtOkEn9876543210abcXYZ'

  /** A target whose login answers 302 to `location(password sent)`, whose health route answers `health`. */
  async function redirecting(location: (password: string) => string, health = '{"status":"ok"}'): Promise<string> {
    return listen(
      createHttpServer((req, res) => {
        let body = ''
        req.on('data', (d) => (body += d))
        req.on('end', () => {
          if (req.url?.includes('health')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(health)
          res.writeHead(302, { location: location(new URLSearchParams(body).get('password') ?? '') }).end()
        })
      }),
    )
  }

  test('a login redirected with the password or a fresh token in its Location: neither in the line', async () => {
    const shapes: Array<[(pw: string) => string, RegExp]> = [
      [(pw) => `/retry?pw=${encodeURIComponent(pw)}`, /to \/retry\?…; check/],
      [(pw) => `/retry?pw=${pw}`, /to \/retry\?…; check/],
      [() => `/cb?code=ok&access_token=${ISSUED}`, /to \/cb\?…; check/],
      [() => `/cb#access_token=${ISSUED}`, /to \/cb#…; check/],
      [() => `https://sso.example/cb?code=ok&access_token=${ISSUED}`, /to https:\/\/sso\.example\/cb\?…; check/],
      [() => `//sso.example/cb?token=${ISSUED}`, /to \/\/sso\.example\/cb\?…; check/],
      // The path itself: no query to hide, the password is masked as any secret.
      [(pw) => `/retry/${encodeURIComponent(pw)}/again`, /to \/retry\/\*\*\*\/again; check/],
    ]
    for (const [location, shown] of shapes) {
      const url = await redirecting(location)
      const result = await login(url, 'a@b.c', PASSWORD, 2000, harenaV2Adapter)
      expect(result.kind).toBe('refused')
      for (const locale of ['en', 'fr'] as const) {
        const line = result.kind === 'ok' ? '' : say(result.reason, locale)
        expect(line).not.toContain('Quartz77')
        expect(line).not.toContain(ISSUED.slice(0, 8))
      }
      expect(result.kind === 'ok' ? '' : say(result.reason, 'en')).toMatch(shown)
    }
  })

  test('prepareTarget: a refused login and the health route are scrubbed of the configured secrets', async () => {
    // The health route echoes the password in its version: the report and the terminal show the health record.
    const url = await redirecting((pw) => `/x/${pw}`, JSON.stringify({ status: 'ok', version: `v ${PASSWORD}` }))
    const settings = loadSettings({ HARENA_BASE_URL: url, HARENA_USERNAME: 'a@b.c', HARENA_PASSWORD: PASSWORD, HARENA_TIMEOUT_MS: '2000' })
    const outcome = await prepareTarget(settings)
    expect(outcome.kind).toBe('config')
    expect(JSON.stringify(outcome)).not.toContain('Quartz77')
    expect(outcome.kind === 'config' ? say(outcome.reason, 'en') : '').toMatch(/redirected \(HTTP 302\) to \/x\/\*\*\*/)
    // With a token: the run goes on, and the health record every report shows is scrubbed of it.
    const token = 'tok-Abcdefghijklmnop-1234567890'
    const echoing = await redirecting(() => '/', JSON.stringify({ status: 'ok', version: `build ${token}` }))
    const ready = await prepareTarget(loadSettings({ HARENA_BASE_URL: echoing, HARENA_API_TOKEN: token }))
    expect(ready.kind).toBe('ready')
    expect(ready.kind === 'ready' ? ready.health?.version : null).toBe('build ***')
  })
})
