// A streamed answer is a first-class exchange: the client hands the body to the adapter's consumer piece by
// piece with arrival times, the SSE framing is parsed by eventsource-parser, and the recorder keeps the moments
// (first event, first content chunk, end), the counts and the assembled text, which the checks then read like a
// buffered answer. A real HTTP server in the test streams the events; the adapter is a small one built here on
// the shared consumer (the real stream adapters are their contracts' modules).
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { eventJson, sseConsumer } from '../../../tests/support/adapters/sse.ts'
import { askQuestion } from '../../../tests/support/ask.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import type { StreamEvent } from '../../../tests/support/exchange.ts'
import type { CheckFn } from '../../../tests/support/record.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { failure } from '../../reporters/make-model.ts'
import { english, question } from '../checks/helpers.ts'

const SECRET = 'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQtZm9yLXRlc3Rz.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc'
const BARE = SECRET.slice('Bearer '.length)

/** v2-like events: {"type":"status"|"response_chunk"|"response_end"|"error", …}. */
function readEvent(data: string): StreamEvent {
  const json = eventJson(data)
  if (!json.ok) return { kind: 'malformed', data, problem: json.problem }
  const e = json.value as { type?: unknown; content?: unknown; message?: unknown }
  if (e.type === 'status') return { kind: 'status', message: typeof e.message === 'string' ? e.message : null }
  if (e.type === 'response_chunk' && typeof e.content === 'string') return { kind: 'content', text: e.content }
  if (e.type === 'response_end') return { kind: 'end' }
  if (e.type === 'error') return { kind: 'error', message: String(e.message), origin: 'error_event' }
  return { kind: 'other', raw: json.value }
}

const streamingAdapter: ContractAdapter = {
  ...harenaV2Adapter,
  paths: { ...harenaV2Adapter.paths, stream: (userId) => `api/v1/conversation/${userId}/stream` },
  stream: {
    observes: harenaV2Adapter.observes,
    request: (input) => ({ ...harenaV2Adapter.chatRequest(input), path: `api/v1/conversation/${input.userId}/stream` }),
    open: () => sseConsumer(readEvent),
    parse: (exchange, capture): AdapterResult => {
      const error = capture.events.find((e) => e.kind === 'error')
      return {
        kind: 'turn',
        turn: {
          httpStatus: exchange.httpStatus,
          status: error || !capture.completed ? 'error' : 'completed',
          intent: null,
          message: error?.kind === 'error' ? error.message : capture.text,
          insights: [],
          visualizations: [],
          dataPresentation: false,
          totalResults: null,
          stages: {},
        },
      }
    },
  },
}

/** Fails with the answer's text, so a test can see what the checks read. */
const echoCheck: CheckFn = (_q, result) =>
  result.kind === 'turn' && result.turn.status === 'completed'
    ? { ok: true, failures: [], critical: null, fallback: false }
    : { ok: false, failures: [failure(`answer: ${result.kind === 'turn' ? result.turn.message : result.kind}`)], critical: null, fallback: false }

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const event = (e: Record<string, unknown>) => `data: ${JSON.stringify(e)}\n\n`

type Script = (res: ServerResponse) => Promise<void>
const SCRIPTS: Record<string, Script> = {
  async complete(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...' }))
    await pause(20)
    const chunk = event({ type: 'response_chunk', content: 'Vous avez ' })
    // One event split across two TCP writes: parsed once, when its end arrives.
    res.write(chunk.slice(0, 12))
    await pause(20)
    res.write(chunk.slice(12))
    res.write(event({ type: 'response_chunk', content: 'dépensé ' }))
    await pause(20)
    res.write(event({ type: 'response_chunk', content: '42 €.' }))
    res.end(event({ type: 'response_end' }))
  },
  async cut(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...' }))
    res.end(event({ type: 'response_chunk', content: 'Vous avez' }))
  },
  async error(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...' }))
    res.end(event({ type: 'error', message: `pipeline failed for ${BARE}` }))
  },
  async heldOpen(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...' }))
    res.write(event({ type: 'response_chunk', content: 'Vous avez dépensé 42 €.' }))
    res.write(event({ type: 'response_end' }))
    res.write(': keep-alive\n\n')
    // complete, but the body never ends: the server keeps the connection open
  },
  // The real v2 saves the conversation after the stream (docs/wire-contracts.md §1.7): a failed save comes as the
  // route's error object after response_end, later than the answer (review 2026-12-05: 1.5 s later, missed).
  async lateError(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' }))
    res.write(event({ type: 'response_start' }))
    res.write(event({ type: 'response_chunk', content: 'Vous avez dépensé 42 €.' }))
    res.write(event({ type: 'response_end', conversation_id: 'stream_1_1' }))
    await pause(1500)
    res.end(event({ error: 'Erreur lors de la sauvegarde de la conversation: database is locked' }))
  },
  async promptEnd(res) {
    res.write(event({ type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' }))
    res.write(event({ type: 'response_start' }))
    res.write(event({ type: 'response_chunk', content: 'Vous avez dépensé 42 €.' }))
    res.end(event({ type: 'response_end', conversation_id: 'stream_1_1' }))
  },
  async stall(res) {
    res.write(event({ type: 'response_chunk', content: 'Vous' }))
    // never ends: the client's deadline cuts it
  },
}

let server: Server
let baseUrl: string
beforeAll(async () => {
  server = createServer((req, res) => {
    const name = /\/(\d+)\/stream$/.test(req.url ?? '') ? (req.headers['x-script'] as string) : ''
    const script = SCRIPTS[name]
    req.resume()
    if (!script) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    void script(res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

async function ask(script: string, timeoutMs = 5000, base: ContractAdapter = streamingAdapter) {
  const adapter: ContractAdapter = {
    ...base,
    stream: {
      ...(base.stream as NonNullable<ContractAdapter['stream']>),
      request: (input) => {
        const r = (base.stream as NonNullable<ContractAdapter['stream']>).request(input)
        return { ...r, headers: { ...r.headers, 'x-script': script } }
      },
    },
  }
  const client = new HarenaClient({ baseUrl, timeoutMs })
  try {
    const record = await askQuestion(question({ expectedIntent: null }), {
      client,
      adapter,
      check: echoCheck,
      userId: 1,
      authorization: SECRET,
      iterations: 1,
      secrets: [SECRET],
      stream: true,
    })
    return record.attempts[0] as NonNullable<(typeof record.attempts)[0]>
  } finally {
    await client.close()
  }
}

describe('streamed answers', () => {
  test('events are read as they arrive: moments in order, counts, the assembled text is the answer', async () => {
    const a = await ask('complete')
    expect(a.ok).toBe(true)
    expect(a.stream).toMatchObject({ events: 5, contentChunks: 3, completed: true })
    const s = a.stream as NonNullable<typeof a.stream>
    expect(a.ttfbMs).not.toBeNull()
    expect(s.firstEventMs).not.toBeNull()
    expect(s.firstContentMs).not.toBeNull()
    expect(a.ttfbMs as number).toBeLessThanOrEqual(s.firstEventMs as number)
    expect(s.firstEventMs as number).toBeLessThanOrEqual(s.firstContentMs as number)
    expect(s.firstContentMs as number).toBeLessThanOrEqual(s.endMs)
    expect(s.endMs).toBeLessThanOrEqual(a.latencyMs)
  })

  test('the checks read the assembled text; a stream cut before its end event is not a complete answer', async () => {
    const a = await ask('cut')
    expect(a.stream).toMatchObject({ events: 2, contentChunks: 1, completed: false })
    expect(a.ok).toBe(false)
    expect(english(a.failures)).toEqual(['answer: Vous avez'])
  })

  test("an error event's text reaches the record scrubbed of secrets", async () => {
    const a = await ask('error')
    expect(a.ok).toBe(false)
    expect(english(a.failures).join(' ')).toContain('pipeline failed for ***')
    expect(JSON.stringify(a)).not.toContain(BARE.slice(20, 40))
  })

  test('a stream that stalls after its first chunk times out, and keeps the moment of that chunk', async () => {
    const a = await ask('stall', 400)
    expect(a.timedOut).toBe(true)
    expect(a.stream).toMatchObject({ contentChunks: 1, completed: false })
    expect(a.stream?.firstContentMs).not.toBeNull()
  })

  test('a complete stream the server keeps open is the answer it closed, timed at its end event, with a note — never a timeout', async () => {
    const a = await ask('heldOpen', 3000)
    expect(a.timedOut).toBe(false)
    expect(a.ok).toBe(true)
    expect(a.stream).toMatchObject({ contentChunks: 1, completed: true })
    // The latency is the arrival of response_end, the moment the consumer closed the answer.
    expect(a.latencyMs).toBe(a.stream?.endMs)
    expect(a.notes?.map((n) => n.code)).toContain('attempt.stream_held_open')
    expect(english(a.notes ?? []).join(' ')).toMatch(/connection stayed open after the stream's final event \(response_end received at/)
  })

  test("the route's error object 1.5 s after response_end (a failed save) is read and fails the attempt (real v2 adapter)", async () => {
    const a = await ask('lateError', 10_000, harenaV2Adapter)
    expect(a.timedOut).toBe(false)
    expect(a.ok).toBe(false)
    expect(a.notes?.map((n) => n.code) ?? []).not.toContain('attempt.stream_held_open')
    expect(JSON.stringify(a)).toMatch(/database is locked|a second closing event/)
  })

  test('a stream whose server ends the body after response_end is read to its end: no grace, no note (real v2 adapter)', async () => {
    const a = await ask('promptEnd', 10_000, harenaV2Adapter)
    expect(a.ok).toBe(true)
    expect(a.timedOut).toBe(false)
    expect(a.notes?.map((n) => n.code) ?? []).not.toContain('attempt.stream_held_open')
  })

  test('a contract without a stream route refuses to stream, before any request', async () => {
    const client = new HarenaClient({ baseUrl, timeoutMs: 1000 })
    try {
      // v2 streams since docs/generations.md; a contract without a stream route is the same adapter minus it.
      const { stream: _stream, ...withoutStream } = harenaV2Adapter
      const options = { client, adapter: withoutStream, check: echoCheck, userId: 1, authorization: null, iterations: 1, warmup: 0, secrets: [] }
      await expect(askQuestion(question(), { ...options, stream: true })).rejects.toThrow(/harena-v2 has no stream route/)
    } finally {
      await client.close()
    }
  })
})

describe('sseConsumer', () => {
  test('events split anywhere are parsed once, stamped with the arrival of the piece that completed them', () => {
    const c = sseConsumer(readEvent)
    const text = `${event({ type: 'status', message: 'a' })}${event({ type: 'response_chunk', content: 'Bon' })}${event({ type: 'response_chunk', content: 'jour' })}`
    c.push(text.slice(0, 10), 1)
    c.push(text.slice(10, 50), 2)
    c.push(text.slice(50), 3)
    const capture = c.finish(4)
    expect(capture.events.map((e) => [e.kind, e.atMs])).toEqual([
      ['status', 2],
      ['content', 3],
      ['content', 3],
    ])
    expect(capture).toMatchObject({ text: 'Bonjour', firstEventMs: 2, firstContentMs: 3, endMs: 4, contentChunks: 2, completed: false })
  })

  test('time to first chunk is the first chunk a user can read: empty and whitespace-only chunks do not count', () => {
    const c = sseConsumer(readEvent)
    c.push(event({ type: 'response_chunk', content: '' }), 1)
    c.push(event({ type: 'response_chunk', content: ' \n\t' }), 2)
    c.push(event({ type: 'response_chunk', content: 'Voici' }), 3)
    expect(c.finish(4)).toMatchObject({ firstEventMs: 1, firstContentMs: 3, contentChunks: 3, text: ' \n\tVoici' })
  })

  test('a last event without its blank line still counts; data that is not JSON is kept as malformed', () => {
    const c = sseConsumer(readEvent)
    c.push('data: not json\n\ndata: {"type":"response_end"}', 1)
    const capture = c.finish(2)
    expect(capture.events.map((e) => e.kind)).toEqual(['malformed', 'end'])
    expect(capture.completed).toBe(true)
    expect(capture.events[1]?.atMs).toBe(2)
  })
})
