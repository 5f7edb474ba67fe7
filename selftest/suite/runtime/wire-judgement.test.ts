// How the suite judges what the wire says around an answer, end to end: a raw TCP server on loopback writes exact
// bytes (a chunked body with trailers, a declared Content-Type, a stated response_length), the real client reads them,
// the real v3 adapter, recorder and checks judge them (docs/wire-contracts.md §7, §6.3; docs/adapters.md). Node's
// http server cannot write every shape wanted here (trailers after a hand-chunked SSE body), hence raw TCP.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AttemptRecord, QuestionRecord, RunModel } from '../../../core/model.ts'
import { evidencePlan, renderEvidence } from '../../../reporters/evidence.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { askQuestion } from '../../../tests/support/ask.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import type { ExchangeRequest } from '../../../tests/support/exchange.ts'
import type { ContractAdapter } from '../../../tests/support/turn.ts'
import { english, question } from '../checks/helpers.ts'

const SECRET = 'wire-judgement-secret-9f2c41d7e0b6a3'
const QUESTION = question({ message: 'Mes dépenses chez Carrefour', expectedIntent: null })
const FULL = 'Chez Carrefour, vous avez dépensé 56,11 € en 1 transaction. Très bien ! 🙂'
const codePoints = (text: string): number => [...text].length

/** A v3 search answer (docs/wire-contracts.md §6.3) whose metadata states `length` as its response_length. */
const v3Body = (message: string, length = codePoints(message)): string =>
  JSON.stringify({
    user_id: 1,
    message: QUESTION.message,
    status: 'completed',
    response: { message, structured_data: { total_results: 1, aggregations_summary: null } },
    search_summary: { found_results: true, total_results: 1 },
    metadata: { pipeline_time_ms: 5, intent: 'financial_query', requires_search: true, total_results: 1, response_length: length },
    architecture: 'v3_langchain_agents',
  })

/** The v3 stream of the same answer, word by word, closed by response_end with its response_length (§6.4). */
const v3Stream = (message: string): string =>
  [
    { type: 'status', message: '• Analyse de votre question...' },
    { type: 'response_start' },
    ...message.split(/(?<= )/).map((content) => ({ type: 'response_chunk', content })),
    { type: 'response_end', metadata: { total_results: 1, response_length: codePoints(message), processing_time_ms: 5 } },
  ]
    .map((e) => `data: ${JSON.stringify(e)}\n\n`)
    .join('')

interface Reply {
  contentType: string
  body: string
  /** Raw trailer lines ("name: value"), written after the last chunk. */
  trailers?: string[]
  /** Raw header lines ("name: value"), written after the Content-Type. */
  headers?: string[]
}

/** Exact bytes: a chunked 200 whose trailers follow the last chunk (RFC 9112 §7.1.2). */
function write(socket: Socket, r: Reply): void {
  const announce = r.trailers?.length ? `Trailer: ${r.trailers.map((t) => t.split(':')[0]).join(', ')}\r\n` : ''
  const body = Buffer.from(r.body, 'utf8')
  socket.end(
    `HTTP/1.1 200 OK\r\nContent-Type: ${r.contentType}\r\n${(r.headers ?? []).map((h) => `${h}\r\n`).join('')}Transfer-Encoding: chunked\r\nConnection: close\r\n${announce}\r\n` +
      `${body.length.toString(16)}\r\n${r.body}\r\n0\r\n${(r.trailers ?? []).map((t) => `${t}\r\n`).join('')}\r\n`,
  )
}

const replies = new Map<string, Reply>()
let server: Server
let baseUrl: string

/** Answers once the whole request (headers and Content-Length bytes of body) is in, with the reply its x-script names. */
function serve(socket: Socket): void {
  let data = Buffer.alloc(0)
  socket.on('error', () => undefined)
  socket.on('data', (chunk) => {
    data = Buffer.concat([data, chunk])
    const end = data.indexOf('\r\n\r\n')
    if (end === -1) return
    const head = data.subarray(0, end).toString('latin1')
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
    if (data.length < end + 4 + length) return
    const reply = replies.get(/\r\nx-script:\s*(\S+)/i.exec(head)?.[1] ?? '')
    if (reply === undefined) socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
    else write(socket, reply)
  })
}

beforeAll(async () => {
  server = createServer(serve)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
})

/** The v3 adapter, its requests tagged with the script the server must play. */
function scripted(script: string): ContractAdapter {
  const tag = (r: ExchangeRequest): ExchangeRequest => ({ ...r, headers: { ...r.headers, 'x-script': script } })
  const stream = harenaV3Adapter.stream as NonNullable<ContractAdapter['stream']>
  return {
    ...harenaV3Adapter,
    chatRequest: (input) => tag(harenaV3Adapter.chatRequest(input)),
    stream: { ...stream, request: (input) => tag(stream.request(input)) },
  }
}

let scripts = 0
/** The question asked once against `reply`, through the real client, recorder and checks. */
async function asked(reply: Reply, stream = false, secrets = [`Bearer ${SECRET}`, SECRET]): Promise<QuestionRecord> {
  const script = `s${++scripts}`
  replies.set(script, reply)
  const client = new HarenaClient({ baseUrl, timeoutMs: 5000 })
  try {
    const record = await askQuestion(QUESTION, {
      client,
      adapter: scripted(script),
      check: checkAttempt,
      userId: 1,
      authorization: `Bearer ${SECRET}`,
      iterations: 1,
      secrets,
      stream,
    })
    return record
  } finally {
    await client.close()
  }
}

const attempt = async (reply: Reply, stream = false): Promise<AttemptRecord> => (await asked(reply, stream)).attempts[0] as AttemptRecord

const JSON_TYPE = 'application/json'

describe('the control: a healthy v3 answer over the raw server passes', () => {
  test('buffered and streamed, with no trailer and no evidence', async () => {
    for (const a of [
      await attempt({ contentType: JSON_TYPE, body: v3Body(FULL) }),
      await attempt({ contentType: 'text/plain; charset=utf-8', body: v3Stream(FULL) }, true),
    ]) {
      expect(a, english(a.failures).join(' | ')).toMatchObject({ ok: true, critical: null })
      expect(a.evidence).toBeUndefined()
    }
  })
})

describe('HTTP trailers are read, judged and kept', () => {
  test('a trailer that says the answer failed fails a complete answer; the trailers are evidence, redacted', async () => {
    const a = await attempt({
      contentType: JSON_TYPE,
      body: v3Body(FULL),
      trailers: ['grpc-status: 13', `x-error: upstream reset (token ${SECRET})`],
    })
    expect(a).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(english(a.failures)[0]).toMatch(/signals a failure \(trailers\.grpc-status = "13"; trailers\.x-error = "upstream reset \(token \*\*\*\)"/)
    expect(a.evidence?.trailers).toEqual(['grpc-status: 13', 'x-error: upstream reset (token ***)'])
    expect(JSON.stringify(a)).not.toContain(SECRET)
  })

  // A password (or any secret under 20 characters) has no 8-character windows: echoed half in one field, half in
  // the next, each half was shown as it came (core/secrets.ts redactValues).
  test('a secret the service echoes half in one trailer or header, half in the next, is masked in both', async () => {
    const password = 'harena-demo-7Qx'
    const [head, tail] = [password.slice(0, 7), password.slice(7)]
    const record = await asked(
      {
        contentType: JSON_TYPE,
        body: v3Body(FULL),
        headers: [`X-Auth-Echo: ${head}`, `X-Request-Id: ${tail}`],
        trailers: ['grpc-status: 13', `x-auth-head: ${head}`, `x-auth-tail: ${tail}`],
      },
      false,
      [password],
    )
    const a = record.attempts[0] as AttemptRecord
    expect(a.evidence?.trailers).toEqual(['grpc-status: 13', 'x-auth-head: ***', 'x-auth-tail: ***'])
    expect(a.requestId).toBe('***') // the request id the service answered with, the second header
    const [file] = evidencePlan({ questions: [record] } as unknown as RunModel).files
    if (file === undefined) throw new Error('no evidence file for a failed attempt')
    for (const text of [JSON.stringify(record), renderEvidence(file, 'en')]) {
      expect(text).not.toContain(head)
      expect(text).not.toContain(tail)
    }
  })

  test("the failed attempt's evidence file lists its trailers", async () => {
    const record = await asked({ contentType: JSON_TYPE, body: v3Body(FULL), trailers: ['grpc-status: 14'] })
    const [file] = evidencePlan({ questions: [record] } as unknown as RunModel).files
    if (file === undefined) throw new Error('no evidence file for a failed attempt')
    expect(renderEvidence(file, 'en')).toContain('HTTP trailers (after the body, redacted):\n- grpc-status: 14\n')
  })

  test.each([
    ['status: 503', 'trailers.status = "503"'],
    ['x-status: failed', 'trailers.x-status = "failed"'],
    ['x-pipeline-status: ERROR', 'trailers.x-pipeline-status = "ERROR"'],
    ['x-stream-error: llm timeout', 'trailers.x-stream-error = "llm timeout"'],
    ['x-success: false', 'trailers.x-success = "false"'],
  ])('a failing trailer in other words: %s', async (trailer, named) => {
    const a = await attempt({ contentType: JSON_TYPE, body: v3Body(FULL), trailers: [trailer] })
    expect(a).toMatchObject({ ok: false, fallback: true })
    expect(english(a.failures)[0]).toContain(named)
  })

  test('a stream whose trailer says it failed is a failed attempt, after a complete response_end', async () => {
    const a = await attempt(
      { contentType: 'text/plain; charset=utf-8', body: v3Stream(FULL), trailers: ['grpc-status: 2', 'grpc-message: stream aborted'] },
      true,
    )
    expect(a).toMatchObject({ ok: false, fallback: true })
    expect(a.stream?.completed).toBe(true)
    expect(english(a.failures)[0]).toContain('trailers.grpc-status = "2"')
    expect(a.evidence?.trailers).toEqual(['grpc-status: 2', 'grpc-message: stream aborted'])
  })

  // A review (2026-12-05): a list of statuses was judged by its first entry; the last is the final outcome.
  test('a list-valued status trailer is judged by its last value: 499 then 200 is OK, 200 then 503 fails', async () => {
    const ok = await attempt({ contentType: JSON_TYPE, body: v3Body(FULL), trailers: ['x-upstream-status: 499, 200'] })
    expect(ok, english(ok.failures).join(' | ')).toMatchObject({ ok: true, critical: null })
    const failed = await attempt({ contentType: JSON_TYPE, body: v3Body(FULL), trailers: ['x-upstream-status: 200, 503'] })
    expect(failed).toMatchObject({ ok: false, fallback: true })
    expect(english(failed.failures)[0]).toContain('trailers.x-upstream-status = "503"')
  })

  test('trailers that say nothing of a failure leave the answer OK, and are kept', async () => {
    const trailers = ['grpc-status: 0', 'x-checksum: 9f2c', 'x-error: none', 'server-timing: total;dur=12']
    const a = await attempt({ contentType: JSON_TYPE, body: v3Body(FULL), trailers })
    expect(a, english(a.failures).join(' | ')).toMatchObject({ ok: true, critical: null })
    expect(a.evidence).toEqual({ trailers })
  })
})

describe('the declared media type of a JSON route', () => {
  test.each(['text/html; charset=utf-8', 'text/plain', 'application/octet-stream', 'application/json, text/html'])(
    'a JSON answer declared %s is a contract violation naming the type (critical)',
    async (contentType) => {
      const a = await attempt({ contentType, body: v3Body(FULL) })
      expect(a).toMatchObject({ ok: false, critical: 'contract' })
      expect(english(a.failures)[0]).toContain(`Content-Type "${contentType}"`)
      expect(a.evidence?.issues?.[0]).toContain(contentType)
    },
  )

  test.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/vnd.harena.v3+json',
    // One type sent twice, and a comma inside a quoted parameter (a review, 2026-12-05).
    'application/json, application/json',
    'application/json; profile="a,b"',
  ])('JSON declared as %s passes', async (contentType) => {
    const a = await attempt({ contentType, body: v3Body(FULL) })
    expect(a, english(a.failures).join(' | ')).toMatchObject({ ok: true, critical: null })
  })

  test('the stream route answers text/plain (or text/event-stream): not held to the JSON rule', async () => {
    for (const contentType of ['text/plain; charset=utf-8', 'text/event-stream']) {
      const a = await attempt({ contentType, body: v3Stream(FULL) }, true)
      expect(a, english(a.failures).join(' | ')).toMatchObject({ ok: true, critical: null })
    }
  })
})

describe("v3's response_length, in code points", () => {
  test.each([
    ['the closing emoji', [...FULL].slice(0, -1).join('')],
    ['an accented letter', FULL.replace('Très', 'Trs')],
    ['three characters', [...FULL].slice(0, -3).join('')],
  ])('a text short of its stated length by %s is truncated', async (_what, cut) => {
    const a = await attempt({ contentType: JSON_TYPE, body: v3Body(cut, codePoints(FULL)) })
    expect(a.ok).toBe(false)
    expect(english(a.failures)[0]).toBe(
      `expected a complete answer, observed a truncated one: the service states ${codePoints(FULL)} characters (response_length), the text received has ${codePoints(cut)}: "${cut.trim()}"`,
    )
  })
})

describe('an error statement with its own details is no answer', () => {
  test('« Une erreur est survenue le 12 mars (code E502) … partenaire bancaire » fails as a fallback', async () => {
    const text = "Une erreur est survenue le 12 mars (code E502) lors de l'appel à notre partenaire bancaire, merci de réessayer plus tard."
    const a = await attempt({ contentType: JSON_TYPE, body: v3Body(text) })
    expect(a).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(english(a.failures)[0]).toMatch(/^expected a real answer, observed an error message that states nothing of an answer \("erreur"/)
  })
})
