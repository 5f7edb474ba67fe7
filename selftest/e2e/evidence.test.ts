// Reliability proofs: causes named, evidence kept (issue 9). A small HTTP proxy in this test sits in front of the
// real reference service and changes what the chat route answers: a redirect (its Location carries credentials),
// a body that is not JSON far from its start or behind an invisible BOM, an answer with a duplicate key, a
// request id in a response header. The suite runs as a child process; its real files are read.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { allFiles, attemptsOf, cleanupTemp, describeRun, pick, readReport, readSamples, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

type Rewrite = (status: number, body: string) => { status: number; body: string; headers?: Record<string, string> }

const CHAT = /^\/api\/v1\/conversation\/\d+$/

/** Forwards to `upstream`; the chat route's answers go through `rewrite`. Records the x-request-id each request carried. */
async function rewritingProxy(upstream: string, rewrite: Rewrite): Promise<{ url: string; sentIds: string[] }> {
  const sentIds: string[] = []
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const chat = req.method === 'POST' && CHAT.test(req.url ?? '')
      if (chat) sentIds.push(String(req.headers['x-request-id'] ?? ''))
      const headers: IncomingHttpHeaders = { ...req.headers, host: up.host }
      delete headers['accept-encoding']
      const out = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (answer) => {
        const body: Buffer[] = []
        answer.on('data', (c: Buffer) => body.push(c))
        answer.on('end', () => {
          const plain = Buffer.concat(body).toString('utf8')
          const changed = chat ? rewrite(answer.statusCode ?? 502, plain) : { status: answer.statusCode ?? 502, body: plain }
          const sent = Buffer.from(changed.body, 'utf8')
          const h: IncomingHttpHeaders = { ...answer.headers, ...changed.headers, 'content-length': String(sent.length) }
          delete h['transfer-encoding']
          res.writeHead(changed.status, h)
          res.end(sent)
        })
      })
      out.on('error', () => res.destroy())
      out.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sentIds }
}

const ENV = { HARENA_TIMEOUT_MS: '5000', VALIDATION_ITERATIONS: '2', VALIDATION_LOCALE: 'en' }

describe('causes named, evidence kept', () => {
  test('a redirect shows its Location, credentials removed; nothing secret in any output', async () => {
    const ref = await target()
    const location = 'http://admin:hunter2@127.0.0.1:9/login?next=%2Fapi'
    const proxy = await rewritingProxy(ref.url, () => ({ status: 307, body: '', headers: { location } }))
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: proxy.url, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    for (const a of attemptsOf(report)) {
      expect(a.ok).toBe(false)
      expect(a.failures.join(' ')).toMatch(
        /redirected \(HTTP 307\) to http:\/\/(\*\*\*@)?127\.0\.0\.1:9\/login\?…: the client does not follow redirects/,
      )
    }
    for (const [file, text] of allFiles(run.reportDir)) expect(text, file).not.toContain('hunter2')
    expect(run.stdout + run.stderr).not.toContain('hunter2')
  })

  test('invalid JSON keeps the parser message and an excerpt around the error, invisible characters escaped', async () => {
    const ref = await target()
    // q01: a NaN 2 KB into the body; q07: a BOM before an otherwise valid body.
    const proxy = await rewritingProxy(ref.url, (status, body) =>
      body.includes('Carrefour') || body.includes('carrefour')
        ? { status, body: `\uFEFF${body}` }
        : { status, body: `{"padding":"${'x'.repeat(2048)}","total":NaN,${body.slice(1)}` },
    )
    const run = await runSuite({
      env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: proxy.url, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')) },
    })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const q01 = report.questions.find((q) => q.id === 'q01')?.attempts[0]
    const q07 = report.questions.find((q) => q.id === 'q07')?.attempts[0]
    expect(q01?.critical).toBe('invalid_json')
    expect(q01?.failures.join(' ')).toMatch(/JSON parser: Unexpected token 'N'.* at character 20\d\d \(line 1, column 20\d\d\): .*"total":⟦N⟧aN,/)
    expect(q07?.critical).toBe('invalid_json')
    expect(q07?.failures.join(' ')).toMatch(/at character 0 \(line 1, column 1\): ⟦\\ufeff⟧\{"/)
    expect(JSON.stringify(report)).not.toContain('\uFEFF')
  })

  test('a duplicate key warns (JSON.parse would keep the last one silently); request ids reach samples.ndjson', async () => {
    const ref = await target()
    let n = 0
    const proxy = await rewritingProxy(ref.url, (status, body) => {
      const first = Object.entries(JSON.parse(body) as Record<string, unknown>)[0] as [string, unknown]
      n += 1
      return { status, body: `{${JSON.stringify(first[0])}:${JSON.stringify(first[1])},${body.slice(1)}`, headers: { 'x-request-id': `gw-${n}` } }
    })
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: proxy.url, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO') // a warning, not a failure
    expect(JSON.stringify(report.notes ?? [])).toMatch(/duplicate JSON key.*user_id/)
    const samples = readSamples(run.reportDir)
    expect(samples.length).toBe(proxy.sentIds.length) // warm-up included
    for (const s of samples) {
      expect(String(s.requestId)).toMatch(/^gw-\d$/)
      expect(proxy.sentIds).toContain(String(s.clientRequestId))
    }
    expect(new Set(proxy.sentIds).size).toBe(proxy.sentIds.length) // one id per request
  })

  test('every line of samples.ndjson names its request, the security probes too', async () => {
    // The embedded service with the security probes: their lines carried no id at all.
    const run = await runSuite({ env: { ...ENV, VALIDATION_SECURITY: 'true', VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const samples = readSamples(run.reportDir)
    const probes = samples.filter((s) => String(s.questionId).startsWith('security.'))
    expect(probes.length, 'the probes ran').toBeGreaterThan(0)
    for (const s of samples) {
      expect(typeof s.clientRequestId, JSON.stringify(s)).toBe('string')
      expect(typeof s.requestId, JSON.stringify(s)).toBe('string')
    }
    const sent = samples.map((s) => String(s.clientRequestId))
    expect(new Set(sent).size, 'one id per request').toBe(sent.length)
  })
})
