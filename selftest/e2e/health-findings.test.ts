// Reliability proofs (issue 9): the target's reported version and the run id are in every document, and what the
// health route said before the first question (a hang, a 503, "unhealthy") is recorded as data and shown by every
// report — not only printed on the terminal. A small HTTP proxy in this test sits in front of the real reference
// service and changes only its health route; the suite runs as a child process and its real files are read.
import { readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, JUNIT, pick, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { REFERENCE_NOW, tokenEnv } from './target.ts'

const closers: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(closers.map((c) => c()))
  cleanupTemp()
})

async function reference(version?: string) {
  const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, ...(version ? { version } : {}) })
  closers.push(() => ref.close())
  return ref
}

const HEALTH = '/api/v1/conversation/health'

/** Forwards to `upstream`, except the health route: it hangs, or answers `status` with `body`. */
async function healthProxy(upstream: string, health: 'hang' | { status: number; body: string }): Promise<string> {
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === HEALTH) {
      if (health === 'hang') return // never answers; the suite's preflight timeout ends it
      res.writeHead(health.status, { 'content-type': 'application/json' })
      res.end(health.body)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: up.host }
      const out = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      out.on('error', () => res.destroy())
      out.end(Buffer.concat(chunks))
    })
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

const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8')
const ENV = { HARENA_TIMEOUT_MS: '5000', VALIDATION_LOCALE: 'en' }

describe("the target's version, the run id and its health route, in every document", () => {
  test('the version the health route reports and the run id: JSON, Markdown, HTML, junit, terminal', async () => {
    const ref = await reference('3.2.8-rc1')
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.target.version).toBe('3.2.8-rc1')
    const runId = report.run.runId ?? ''
    expect(runId).toMatch(/^[0-9a-f-]{36}$/)
    expect(report.health?.findings).toEqual([])
    expect(report.health?.httpStatus).toBe(200)
    const md = read(run.reportDir, REPORT_MD)
    expect(md).toMatch(/Version reported by the target: `3\.2\.8-rc1` — run `[0-9a-f-]{36}`/)
    expect(md).toContain(runId)
    const html = read(run.reportDir, 'validation-report.html')
    expect(html).toContain('version 3.2.8-rc1')
    expect(html).toContain(runId)
    const junit = read(run.reportDir, JUNIT)
    expect(junit).toContain('<property name="version" value="3.2.8-rc1"/>')
    expect(junit).toContain(`<property name="runId" value="${runId}"/>`)
    expect(run.stdout).toContain(`target version: 3.2.8-rc1 · run ${runId}`)
  })

  test('a health route that hangs while the questions answer: a finding in every report, the run still judged', async () => {
    const ref = await reference()
    const proxy = await healthProxy(ref.url, 'hang')
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: proxy, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    expect(run.exitCode, describeRun(run)).toBe(0) // a description of the target, not a failed question
    const report = readReport(run.reportDir)
    expect(report.health?.findings.map((f) => f.code)).toEqual(['health.timeout'])
    expect(report.health?.httpStatus).toBeNull()
    expect(report.target.version).toBeNull()
    const finding = 'Health route: GET /api/v1/conversation/health did not answer within 5000 ms'
    expect(JSON.stringify(report.notes)).toContain(finding)
    expect(read(run.reportDir, REPORT_MD)).toContain(finding)
    expect(read(run.reportDir, REPORT_MD)).toContain('Version reported by the target: not reported (health route)')
    expect(read(run.reportDir, 'validation-report.html')).toContain(finding)
    expect(run.stdout).toContain(finding)
  })

  test('a health route answering 503 "unhealthy" while the questions answer: both findings, its version kept', async () => {
    const ref = await reference()
    const proxy = await healthProxy(ref.url, { status: 503, body: JSON.stringify({ status: 'unhealthy', version: '3.2.7' }) })
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: proxy, VALIDATION_QUESTIONS: writeBank(pick('q01')) } })
    expect(run.exitCode, describeRun(run)).toBe(0)
    const report = readReport(run.reportDir)
    expect(report.health?.findings.map((f) => f.code)).toEqual(['health.http_status', 'health.not_up'])
    expect(report.health?.status).toBe('unhealthy')
    expect(report.target.version).toBe('3.2.7')
    const md = read(run.reportDir, REPORT_MD)
    expect(md).toContain('Health route: GET /api/v1/conversation/health answered HTTP 503 (expected 200)')
    expect(md).toContain('reports status unhealthy — the service does not say it is healthy')
    expect(read(run.reportDir, 'validation-report.html')).toContain('answered HTTP 503 (expected 200)')
    expect(run.stdout).toContain('answered HTTP 503 (expected 200)')
  })
})
