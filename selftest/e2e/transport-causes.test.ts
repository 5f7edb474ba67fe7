// Reliability proofs: causes named (issue 9). A client that negotiates like a browser: a compressed answer is
// decoded (gzip, br, deflate → GO, not 30 "invalid JSON" critical bugs), and a body whose encoding cannot be
// decoded is named as such. A small HTTP proxy in this test sits in front of the real reference service and
// compresses (or lies about compressing) what it forwards.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

type Mode = 'gzip' | 'br' | 'deflate' | 'claims-gzip'
const ENCODE: Record<Exclude<Mode, 'claims-gzip'>, (b: Buffer) => Buffer> = { gzip: gzipSync, br: brotliCompressSync, deflate: deflateSync }

/** Forwards to `upstream`; answers compressed with `mode` (or, for claims-gzip, says gzip and sends plain). */
async function compressingProxy(upstream: string, mode: Mode): Promise<{ url: string; acceptEncodings: string[] }> {
  const acceptEncodings: string[] = []
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    acceptEncodings.push(String(req.headers['accept-encoding'] ?? ''))
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: up.host }
      delete headers['accept-encoding'] // the upstream answers plain; the proxy decides the encoding
      const out = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (answer) => {
        const body: Buffer[] = []
        answer.on('data', (c: Buffer) => body.push(c))
        answer.on('end', () => {
          const plain = Buffer.concat(body)
          const sent = mode === 'claims-gzip' ? plain : ENCODE[mode](plain)
          const h = { ...answer.headers, 'content-encoding': mode === 'claims-gzip' ? 'gzip' : mode, 'content-length': String(sent.length) }
          delete h['transfer-encoding']
          res.writeHead(answer.statusCode ?? 502, h)
          res.end(sent)
        })
      })
      out.on('error', () => res.destroy())
      out.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, acceptEncodings }
}

describe('content encoding', () => {
  test.each(['gzip', 'br', 'deflate'] as const)(
    '%s answers are decoded: GO, no invalid JSON; the client asked for gzip, deflate, br',
    async (mode) => {
      const ref = await target()
      const proxy = await compressingProxy(ref.url, mode)
      const run = await runSuite({
        env: { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')) },
      })
      expect(run.exitCode, describeRun(run)).toBe(0)
      const report = readReport(run.reportDir)
      expect(report.decision).toBe('GO')
      expect(report.summary.criticalBugs).toBe(0)
      expect(attemptsOf(report).every((a) => a.ok)).toBe(true)
      expect(proxy.acceptEncodings.length).toBeGreaterThan(0)
      for (const asked of proxy.acceptEncodings) expect(asked).toBe('gzip, deflate, br')
    },
  )

  test("a body that says gzip but is not: named as an undecodable encoding, not as the service's invalid JSON", async () => {
    const ref = await target()
    const proxy = await compressingProxy(ref.url, 'claims-gzip')
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, HARENA_TIMEOUT_MS: '5000', VALIDATION_QUESTIONS: writeBank(pick('q01')) },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    const failure = attemptsOf(report)[0]?.failures.join(' ') ?? ''
    expect(failure).toMatch(/Content-Encoding "gzip" could not be decoded/)
    expect(report.summary.criticalByKind.invalid_json).toBe(0)
  })
})
