// The whole gate on answers the target sends in a form the wire forbids — broken HTTP/1.1 framing on the login, a
// byte order mark before the login's JSON, a chat body in latin-1 declared `charset=iso-8859-1` (review findings
// "b_tecl", "b_bom", "b_latin1"). Each run must name what the target did, not a symptom: "unreachable (ERROR)" for a
// target that answered, "body is not JSON" for a BOM, "answer to another question" for a latin-1 echo.
// Raw loopback servers (node:net for the framing the HTTP module refuses to write); the real suite runs as a child.
import { createServer as createHttpServer, request as httpRequest } from 'node:http'
import { type AddressInfo, createServer as createTcpServer, type Server } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

const HEALTH_JSON = JSON.stringify({ status: 'healthy', service: 'conversation_service', version: '2.0' })

/** A raw HTTP/1.1 answer: `head` lines as written, then the body bytes. */
const raw = (head: string[], body: Buffer): Buffer => Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body])

/** Health answered well-formed; the login answered with `login` (raw bytes); one request per connection. */
async function rawTarget(login: Buffer): Promise<string> {
  const server: Server = createTcpServer((socket) => {
    socket.on('error', () => undefined)
    socket.once('data', (d) => {
      const isLogin = d.toString('latin1').startsWith('POST ')
      const health = Buffer.from(HEALTH_JSON)
      socket.end(
        isLogin ? login : raw(['HTTP/1.1 200 OK', 'content-type: application/json', `content-length: ${health.length}`, 'connection: close'], health),
      )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => server.close(() => r())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const loginEnv = (url: string) => ({
  HARENA_BASE_URL: url,
  HARENA_USERNAME: 'demo@harena.test',
  HARENA_PASSWORD: 'harena-demo',
  HARENA_USER_ID: '1',
  VALIDATION_LOCALE: 'en',
  VALIDATION_QUESTIONS: writeBank(pick('q01')),
})
const TOKEN_JSON = Buffer.from(JSON.stringify({ access_token: 'opaque-token', token_type: 'bearer', user_id: 1 }))

describe('the login answered in a form the wire forbids', () => {
  test('Transfer-Encoding and Content-Length together: "the target answered, but its answer cannot be read", with the cause', async () => {
    const chunked = Buffer.concat([Buffer.from(`${TOKEN_JSON.length.toString(16)}\r\n`), TOKEN_JSON, Buffer.from('\r\n0\r\n\r\n')])
    const head = ['HTTP/1.1 200 OK', 'content-type: application/json', 'transfer-encoding: chunked', `content-length: ${TOKEN_JSON.length}`]
    const run = await runSuite({ env: { ...loginEnv(await rawTarget(raw(head, chunked))) } })
    const printed = run.stdout + run.stderr
    expect(readReport(run.reportDir).decision, describeRun(run)).toBe('NO-GO')
    expect(printed).toContain(
      "failed: the target answered, but its answer cannot be read (HTTPParserError: Response does not match the HTTP/1.1 protocol (Content-Length can't be present with Transfer-Encoding))",
    )
    expect(printed).not.toMatch(/unreachable/)
  })

  test('a byte order mark before the JSON: named as such', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), TOKEN_JSON])
    const head = ['HTTP/1.1 200 OK', 'content-type: application/json', `content-length: ${body.length}`, 'connection: close']
    const run = await runSuite({ env: { ...loginEnv(await rawTarget(raw(head, body))) } })
    expect(readReport(run.reportDir).decision, describeRun(run)).toBe('NO-GO')
    expect(run.stdout + run.stderr).toContain('body is not JSON: it starts with a byte order mark (BOM, U+FEFF)')
  })
})

describe('a chat body in latin-1, declared charset=iso-8859-1', () => {
  const target = fileTargets()

  /** Forwards to `upstream`, every JSON answer re-encoded in latin-1 and declared so. */
  async function latin1Front(upstream: string): Promise<string> {
    const up = new URL(upstream)
    const server = createHttpServer((req, res) => {
      const forwarded = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const parts: Buffer[] = []
        answer.on('data', (c: Buffer) => parts.push(c))
        answer.on('end', () => {
          const body = Buffer.from(Buffer.concat(parts).toString('utf8'), 'latin1')
          res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json; charset=iso-8859-1', 'content-length': body.length })
          res.end(body)
        })
      })
      forwarded.on('error', () => res.destroy())
      req.pipe(forwarded)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    closers.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections()
          server.close(() => r())
        }),
    )
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  test('every attempt fails naming the declared charset first, never "answer to another question"', async () => {
    const ref = await target()
    const url = await latin1Front(ref.url)
    const env = { ...tokenEnv(ref), HARENA_BASE_URL: url, VALIDATION_LOCALE: 'en', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0' }
    const run = await runSuite({ env: { ...env, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q03')) } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.stdout).toContain('observed a body that is not UTF-8: Content-Type declares charset=iso-8859-1')
    const attempts = attemptsOf(report)
    expect(attempts).toHaveLength(2)
    for (const a of attempts) {
      expect(a.ok).toBe(false)
      expect(JSON.stringify(a.failures[0]), JSON.stringify(a.failures)).toMatch(/iso-8859-1/)
      expect(JSON.stringify(a.failures)).not.toMatch(/other_question|another question/)
    }
  })
})
