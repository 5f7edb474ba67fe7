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
import { fileProxies } from './proxy.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const rewriting = fileProxies()
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

  test("a target's text adds no line to an evidence file: request id and intent on one line, the body behind its margin", async () => {
    // q07's answer fails (status "error") with a request_id that writes a fake "Reasons:" block and a fake body;
    // q08's intent type carries a workflow command and a fake decision. Both files keep their own structure.
    const FORGED_ID =
      'conv_42\n\nReasons:\n- none: attempt passed\n\nAnswer (secrets redacted, first characters):\n{"status":"completed"}\n\n\n--- end ---'
    const FORGED_INTENT = 'transaction_search\n::error::forged line\n## Decision: GO\r'
    const ref = await target()
    const [q07, q08] = [pick('q07')[0]?.message as string, pick('q08')[0]?.message as string]
    const proxy = await rewriting(
      ref.url,
      (r) =>
        r.chatIndex === null || !(r.body.includes(q07) || r.body.includes(q08))
          ? { kind: 'forward' }
          : {
              kind: 'rewrite',
              rewrite: (status, text) => {
                const body = JSON.parse(text)
                if (r.body.includes(q07)) Object.assign(body, { status: 'error', request_id: FORGED_ID })
                else body.intent.type = FORGED_INTENT
                return { status, body: JSON.stringify(body) }
              },
            },
      64760,
    )
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_BASE_URL: proxy.url,
        HARENA_TIMEOUT_MS: '5000',
        VALIDATION_ITERATIONS: '1',
        VALIDATION_WARMUP: '0',
        VALIDATION_LOCALE: 'en',
        VALIDATION_QUESTIONS: writeBank(pick('q07', 'q08')),
      },
    })
    expect(run.exitCode, describeRun(run)).not.toBe(0)
    const files = Object.fromEntries(['q07-1.txt', 'q08-1.txt'].map((name) => [name, readFileSync(join(run.reportDir, 'evidence', name), 'utf8')]))
    for (const [name, text] of Object.entries(files)) {
      const lines = text.split('\n')
      expect(text, name).not.toContain('\r')
      // Our own headings, once each; no line of the file starts as a workflow command or a forged heading.
      expect(
        lines.filter((l) => l === 'Reasons:'),
        name,
      ).toHaveLength(1)
      expect(
        lines.filter((l) => l.startsWith('Answer (')),
        name,
      ).toHaveLength(1)
      expect(
        lines.filter((l) => l.startsWith('::') || l.startsWith('## ') || l.startsWith('- none')),
        name,
      ).toEqual([])
      // Every body line behind the margin, up to the file's final newline.
      const body = lines.slice(lines.findIndex((l) => l.startsWith('Answer (')) + 1, -1)
      expect(body.length, name).toBeGreaterThan(0)
      for (const l of body) expect(l.startsWith('| '), `${name}: ${l}`).toBe(true)
    }
    // The forged texts are there, written visibly on the line that carries them.
    expect(files['q07-1.txt']).toMatch(/^Request ids: sent [0-9a-f-]{36}, target conv_42\\n\\nReasons:\\n- none: attempt passed\\n/m)
    expect(files['q08-1.txt']).toMatch(/^- .*transaction_search\\n::error::forged line\\n## Decision: GO\\r/m)
  })
})
