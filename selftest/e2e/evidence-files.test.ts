// Reliability proof (issue 9): per failed attempt, the redacted body (bounded) is kept in a file of its own and the
// Markdown report links to it with a relative link a reader on GitHub can follow. A small proxy in front of the
// real reference service answers q01's chat with a 500 whose body echoes the request's bearer token (a hostile
// or careless target): the file must carry the body with the token masked, and no output may carry the token.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { allFiles, cleanupTemp, describeRun, JUNIT, pick, readReport, readSamples, REPORT_MD, runSuite, writeBank } from './harness.ts'
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

  test('one number per attempt: the evidence file name, samples.ndjson, the JSON, the Markdown, the HTML, junit and the terminal agree', async () => {
    // q01 fails on every request (its warm-up too): each failed request has an evidence file named by its number.
    const ref = await target()
    const env = tokenEnv(ref)
    const q01 = pick('q01')[0]?.message as string
    const run = await runSuite({
      env: {
        ...env,
        HARENA_BASE_URL: await echoingProxy(ref.url, q01),
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_ITERATIONS: '2',
        VALIDATION_WARMUP: '1', // the run's one warm-up asks the first question, q01
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    const samples = readSamples(run.reportDir)
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    const page = readFileSync(join(run.reportDir, 'validation-report.html'), 'utf8')
    const junit = readFileSync(join(run.reportDir, JUNIT), 'utf8')
    const q01Page = page.slice(page.indexOf('data-question="q01"'), page.indexOf('data-question="q07"'))
    const names = readdirSync(join(run.reportDir, 'evidence')).sort()
    expect(names).toEqual(['q01-1.txt', 'q01-2.txt', 'q01-warmup-1.txt'])
    for (const name of names) {
      const [, questionId, warm, n] = /^(q\d\d)-(warmup-)?(\d+)\.txt$/.exec(name) ?? []
      const number = Number(n)
      const warmup = warm !== undefined
      const text = readFileSync(join(run.reportDir, 'evidence', name), 'utf8')
      expect(text).toContain(warmup ? `Warm-up ${number} — HTTP 500` : `Attempt ${number}/2 — HTTP 500`)
      // The request the file is about, found in samples.ndjson by the id the suite sent: the same number.
      const sent = /Request ids: sent ([0-9a-f-]{36})/.exec(text)?.[1]
      const line = samples.find((s) => s.clientRequestId === sent)
      expect(line, name).toMatchObject({ questionId, warmup, attempt: number, httpStatus: 500 })
      // The JSON: the critical bug, and a measured attempt's row beside its file.
      expect(report.criticalBugs.filter((b) => b.questionId === questionId && (b.warmup === true) === warmup).map((b) => b.attempt)).toContain(number)
      if (!warmup) {
        const row = report.questions.find((q) => q.id === questionId)?.attempts.find((a) => a.evidenceFile === `evidence/${name}`)
        expect(row, name).toMatchObject({ attempt: number, index: number - 1 })
      }
      // The Markdown: the link and the critical-bug line.
      const label = warmup ? `warm-up ${number}` : `attempt ${number}`
      expect(md).toContain(`[${label}](evidence/${name})`)
      expect(md).toContain(`${questionId} : critical bug http\\_5xx (${label}, HTTP 500)`)
      // The HTML (measured failures are detailed per question; the timeline labels warm-ups too), junit and the
      // terminal (the test's failure message, as Vitest prints it).
      if (!warmup) {
        expect(q01Page).toContain(`data-attempt="${number}"`)
        expect(q01Page).toContain(`#${number} — HTTP 500`)
        expect(junit).toContain(`attempt ${number}/2: `)
        expect(run.stdout + run.stderr).toContain(`attempt ${number}/2: `)
      } else expect(page).toContain(`${questionId} #${number} (warm-up)`)
    }
    expect(q01Page).not.toContain('data-attempt="0"')
  })
})
