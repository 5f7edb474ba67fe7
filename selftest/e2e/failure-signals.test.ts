// docs/wire-contracts.md §7 through the whole gate: the real suite (a child process) asks a loopback server that speaks
// harena-v2-charts or harena-v3, buffered or streamed, and hides a failure signal in otherwise good answers — one
// variant per question. Review finding: `response.status:"error"`, v3 `metadata.error` under "completed", a stream
// `{"type":"ERROR"}`, a status event with status "error", an `{"error":{…}}` object before `response_end`, a
// `response_end` with status "error" all passed as successes, and a key written twice in a stream event was never
// looked at. Each must now be a failed attempt naming where the signal was; the control answer stays a success.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, readReport, runSuite, writeBank, type BankQuestion } from './harness.ts'
import { tokenFor } from './target.ts'

type Json = Record<string, unknown>
const WIRE = fileURLToPath(new URL('../../fixtures/wire/', import.meta.url))
/** A recorded-shape body for user 1 (the fixtures are user 34's). */
const fixture = (name: string): string => readFileSync(`${WIRE}${name}`, 'utf8').replace(/("user_id":\s*)34\b/g, (_m, key: string) => `${key}1`)

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))))
  cleanupTemp()
})

/** What the server answers to one question: a buffered JSON body or a stream's text. */
interface Variant {
  name: string
  answer: string
  /** What the attempt's failures must say; null: the control, which must succeed. */
  named: RegExp | null
  /** The attempt is a critical contract violation (a key written twice with different values). */
  critical?: true
}

/** Serves health, and every chat or stream request with the variant its question's message selects. */
async function serve(variants: Variant[], messageOf: (i: number) => string, stream: boolean): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ status: 'healthy' }))
        return
      }
      const message = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: string }).message
      const variant = variants.find((_v, i) => messageOf(i) === message)
      res.writeHead(variant === undefined ? 500 : 200, { 'content-type': stream ? 'text/plain; charset=utf-8' : 'application/json' })
      res.end(variant?.answer ?? '{"detail":"unknown question"}')
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** The same question written differently for each variant (punctuation only: the entities stay the same). */
const SUFFIXES = ['', ' ?', ' !', '.', ' ?!', ' ...', ' !!', ' ??', ' !?']

async function runVariants(contract: string, base: string, variants: Variant[], stream: boolean) {
  const messageOf = (i: number): string => `${base}${SUFFIXES[i] ?? ''}`
  const url = await serve(variants, messageOf, stream)
  const questions: BankQuestion[] = variants.map((_v, i) => ({
    id: `s${String(i + 1).padStart(2, '0')}`,
    category: 'failure_signals',
    message: messageOf(i),
    expectedIntent: null,
    expectsData: null,
    expectations: [],
  }))
  const run = await runSuite({
    env: {
      HARENA_BASE_URL: url,
      HARENA_API_CONTRACT: contract,
      HARENA_API_TOKEN: tokenFor(1),
      HARENA_USER_ID: '1',
      HARENA_TIMEOUT_MS: '5000',
      VALIDATION_ITERATIONS: '1',
      VALIDATION_WARMUP: '0',
      VALIDATION_SECURITY: 'false',
      VALIDATION_LOCALE: 'en',
      VALIDATION_STREAM: stream ? 'true' : 'false',
      VALIDATION_QUESTIONS: writeBank(questions),
    },
  })
  const report = readReport(run.reportDir)
  const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
  variants.forEach((v, i) => {
    const a = byId.get(questions[i]?.id ?? '')
    const seen = `${v.name}: ${JSON.stringify(a)}\n${describeRun(run)}`
    expect(a, seen).toBeDefined()
    if (v.named === null) {
      expect(a?.ok, seen).toBe(true)
      return
    }
    expect(a?.ok, seen).toBe(false)
    expect(a?.critical ?? null, seen).toBe(v.critical === true ? 'contract' : null)
    expect(a?.failures.join(' '), seen).toMatch(v.named)
  })
  return report
}

/** A body with `over` merged one level deep (response, metadata…). */
function body(text: string, over: Json): string {
  const b = JSON.parse(text) as Json
  for (const [k, v] of Object.entries(over)) {
    const before = b[k]
    b[k] = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof before === 'object' && before !== null ? { ...before, ...v } : v
  }
  return JSON.stringify(b)
}

const SIGNALLED = /observed an answer that signals a failure \(/

function bufferedVariants(base: string): Variant[] {
  return [
    {
      name: 'control (null/empty error fields, status completed)',
      answer: body(base, { error: null, metadata: { error: null }, errors: [] }),
      named: null,
    },
    {
      name: 'response.status error',
      answer: body(base, { response: { status: 'error', error: 'LLM timeout' } }),
      named: /response\.status = "error"; response\.error = "LLM timeout"/,
    },
    {
      name: 'metadata.error under completed',
      answer: body(base, { metadata: { error: 'Elasticsearch query failed' } }),
      named: /metadata\.error = "Elasticsearch query failed"/,
    },
    { name: 'success false', answer: body(base, { success: false }), named: /success = false/ },
    { name: 'data.errors object', answer: body(base, { data: { errors: { search: 'timeout' } } }), named: /data\.errors = \{"search":"timeout"\}/ },
    { name: 'status FAILED', answer: body(base, { status: 'FAILED' }), named: /status = "FAILED"/ },
  ].map((v) => (v.named === null ? v : { ...v, named: new RegExp(`${SIGNALLED.source}.*${v.named.source}`) }))
}

describe('buffered answers that signal a failure (docs/wire-contracts.md §7)', () => {
  test('harena-v2-charts: each hidden signal is a failed attempt naming it; the control succeeds', async () => {
    const report = await runVariants(
      'harena-v2-charts',
      'Mes dépenses du mois dernier',
      bufferedVariants(fixture('harena-v2-charts-search.json')),
      false,
    )
    expect(report.decision).toBe('NO-GO') // 1 success out of 6: the success rate, never a critical bug
    expect(report.summary.criticalBugs).toBe(0)
  })

  test('harena-v3: the same, on the v3 envelope', async () => {
    await runVariants('harena-v3', 'Mes dépenses chez Carrefour en octobre', bufferedVariants(fixture('harena-v3-search.json')), false)
  })
})

/** The recorded v3 stream's events, with `tail` in place of its response_end (or after it). */
const STREAM_EVENTS = fixture('harena-v3-stream.txt')
  .split('\n\n')
  .filter((f) => f.startsWith('data: '))
  .map((f) => JSON.parse(f.slice('data: '.length)) as Json)
const frames = (events: Json[]): string => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')
const BEFORE_END = STREAM_EVENTS.slice(0, -1)
const END = STREAM_EVENTS.at(-1) as Json

function streamVariants(): Variant[] {
  const n = BEFORE_END.length
  return [
    { name: 'control', answer: frames([...BEFORE_END, { ...END, error: null }]), named: null },
    {
      name: 'type ERROR',
      answer: frames([...BEFORE_END, { type: 'ERROR', message: 'Erreur génération' }, END]),
      named: new RegExp(`events\\[${n}\\]\\.type = "ERROR"`),
    },
    {
      name: 'status event with status error',
      answer: frames([...BEFORE_END, { type: 'status', status: 'error', message: 'Erreur' }, END]),
      named: new RegExp(`events\\[${n}\\]\\.status = "error"`),
    },
    {
      name: 'route error object (an object), then response_end',
      answer: frames([...BEFORE_END, { error: { code: 500, message: 'boom' } }, END]),
      named: new RegExp(`events\\[${n}\\]\\.error = \\{"code":500,"message":"boom"\\}`),
    },
    {
      name: 'response_end with status error',
      answer: frames([...BEFORE_END, { ...END, status: 'error' }]),
      named: new RegExp(`events\\[${n}\\]\\.status = "error"`),
    },
    {
      name: 'a key written twice with different values in an event',
      answer: `${frames(BEFORE_END)}data: {"type":"error","message":"Erreur génération","type":"status"}\n\n${frames([END])}`,
      named: new RegExp(`JSON key "events\\[${n}\\]\\.type" is written twice with different values \\(first "error", then "status"\\)`),
      critical: true,
    },
  ]
}

describe('streamed answers that signal a failure (docs/wire-contracts.md §7)', () => {
  test('harena-v3 stream: each event signal fails the attempt naming the event; a conflicting duplicate key is a contract violation', async () => {
    await runVariants('harena-v3', 'Mes dépenses chez Carrefour en octobre', streamVariants(), true)
  })

  test('harena-v2 stream: the same rule; a key written twice with the same value stays a warning', async () => {
    const variants = [
      ...streamVariants(),
      {
        name: 'duplicate key, same value',
        answer: `${frames(BEFORE_END.slice(0, -3))}data: {"type":"response_chunk","content":"En octobre, vous avez ","type":"response_chunk"}\n\n${frames([...BEFORE_END.slice(-2), END])}`,
        named: null,
      },
    ]
    const report = await runVariants('harena-v2', 'Mes dépenses chez Carrefour en octobre', variants, true)
    expect(JSON.stringify(report)).toMatch(/duplicate JSON key \(events\[\d+\]\.type/)
  })
})

// Review 2026-12-05: Harena's response generator falls back on its own (`performance.model_used:"fallback"`, v3.2.8,
// with its own sentences), and a service may report a failure under an error field no list names
// (`metadata.search_error`, `performance.pipeline_errors`, an insight's `data_support.error`). Each gave GO through the
// whole gate; each must now be a failed attempt named by its path or its sentence, the healthy control a success.
const GENERIC_FALLBACK = 'Je rencontre actuellement des difficultes techniques. Pouvez-vous reformuler votre demande ?'
const SEARCH_FALLBACK = "J'ai trouve 64 transactions pour un total de -1641.70e. Details technique indisponible temporairement."
const SENTENCE = /observed a pipeline fallback \(status "completed" with the fallback message/

function generatorVariants(base: string, failedInsight: Json): Variant[] {
  const named = (re: RegExp): RegExp => new RegExp(`${SIGNALLED.source}.*${re.source}`)
  return [
    {
      name: 'control: a model named, zero and empty error-named fields',
      answer: body(base, { performance: { model_used: 'deepseek-chat', error_count: 0, pipeline_errors: {} }, metadata: { search_error: null } }),
      named: null,
    },
    {
      name: 'model_used fallback',
      answer: body(base, { performance: { model_used: 'fallback' } }),
      named: named(/performance\.model_used = "fallback"/),
    },
    {
      name: 'metadata.search_error',
      answer: body(base, { metadata: { search_error: 'Elasticsearch timeout' } }),
      named: named(/metadata\.search_error = "Elasticsearch timeout"/),
    },
    {
      name: 'performance.pipeline_errors',
      answer: body(base, { performance: { pipeline_errors: { search: 1 } } }),
      named: named(/performance\.pipeline_errors = \{"search":1\}/),
    },
    {
      name: 'an error among the structured data',
      answer: body(base, { response: failedInsight }),
      named: named(/structured_data.*\.error = "timeout"/),
    },
    { name: "the generator's generic fallback sentence", answer: body(base, { response: { message: GENERIC_FALLBACK } }), named: SENTENCE },
    { name: "the generator's search fallback sentence", answer: body(base, { response: { message: SEARCH_FALLBACK } }), named: SENTENCE },
  ]
}

describe("the response generator's own fallback and error fields by their name's ending (docs/wire-contracts.md §1.5, §7)", () => {
  const insight = {
    type: 'error',
    title: 'Analyse',
    description: '',
    confidence: 0,
    data_support: { error: 'timeout' },
    actionable: false,
    priority: 3,
  }

  test('harena-v2-charts: each is a failed attempt naming its path or sentence; the control succeeds', async () => {
    const base = fixture('harena-v2-charts-search.json')
    const response = { ...(JSON.parse(base) as { response: Json }).response, structured_data: [insight] }
    await runVariants('harena-v2-charts', 'Mes dépenses du mois dernier', generatorVariants(base, response), false)
  })

  test('harena-v3: the same on the v3 envelope (structured_data an object)', async () => {
    const base = fixture('harena-v3-search.json')
    const response = (JSON.parse(base) as { response: Json }).response
    const failed = { ...response, structured_data: { ...(response['structured_data'] as Json), analysis: { error: 'timeout' } } }
    await runVariants('harena-v3', 'Mes dépenses chez Carrefour en octobre', generatorVariants(base, failed), false)
  })
})
