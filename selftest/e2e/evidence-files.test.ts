// Reliability proof (issue 9): per failed attempt, the redacted body (bounded) is kept in a file of its own and the
// Markdown report links to it with a relative link a reader on GitHub can follow. A small proxy in front of the
// real reference service answers q01's chat with a 500 whose body echoes the request's bearer token (a hostile
// or careless target): the file must carry the body with the token masked, and no output may carry the token.
import { existsSync, readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { allFiles, cleanupTemp, describeRun, pick, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

const CHAT = /^\/api\/v1\/conversation\/\d+$/

/** Forwards to `upstream`; a chat request whose body mentions `match` is answered 500 with its own Authorization echoed. */
async function echoingProxy(upstream: string, match: string): Promise<string> {
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (req.method === 'POST' && CHAT.test(req.url ?? '') && body.toString('utf8').includes(match)) {
        const text = JSON.stringify({ detail: 'Internal Server Error', debug: { authorization: req.headers.authorization, where: 'pipeline' } })
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(text)
        return
      }
      const headers: IncomingHttpHeaders = { ...req.headers, host: up.host }
      const out = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      out.on('error', () => res.destroy())
      out.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => server.close(() => r())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('evidence files linked from the Markdown report', () => {
  test('each failed attempt has its redacted body in evidence/<question>-<attempt>.txt, linked relatively', async () => {
    const ref = await target()
    const env = tokenEnv(ref)
    const token = env.HARENA_API_TOKEN as string
    const q01 = pick('q01')[0]?.message as string
    const proxy = await echoingProxy(ref.url, q01)
    const run = await runSuite({
      env: {
        ...env,
        HARENA_BASE_URL: proxy,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '0',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.summary.criticalByKind.http_5xx).toBe(2)
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md).toContain('q01 : evidence (redacted answer, reasons) — [attempt 1](evidence/q01-1.txt), [attempt 2](evidence/q01-2.txt)')
    expect(md).not.toMatch(/\(evidence\/q07-/) // q07 passed: nothing to show
    // The JSON names the same files beside each failed attempt.
    expect(report.questions.find((q) => q.id === 'q01')?.attempts.map((a) => a.evidenceFile)).toEqual(['evidence/q01-1.txt', 'evidence/q01-2.txt'])
    expect(report.questions.find((q) => q.id === 'q07')?.attempts.map((a) => a.evidenceFile)).toEqual([undefined, undefined])
    for (const n of [1, 2]) {
      const file = join(run.reportDir, 'evidence', `q01-${n}.txt`)
      expect(existsSync(file)).toBe(true)
      const text = readFileSync(file, 'utf8')
      expect(text).toMatch(new RegExp(`^Question q01 — « ${q01.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} »`))
      expect(text).toMatch(new RegExp(`Attempt ${n}/2 — HTTP 500 — \\d+ ms — critical bug: http_5xx`))
      expect(text).toMatch(/Request ids: sent [0-9a-f-]{36}/)
      expect(text).toContain('"debug":{"authorization":"')
      expect(text).toContain('***')
      expect(text).not.toContain(token)
    }
    // The token reached the reports nowhere (the JSON and HTML keep the same redacted body).
    for (const [file, text] of allFiles(run.reportDir)) expect(text, file).not.toContain(token)
    expect(run.stdout + run.stderr).not.toContain(token)
  })
})
