// The harena-v2-charts and harena-v3 adapters on bodies written in the contract's shapes (fixtures/wire/), and the
// stream parser on event sequences: what parses, what is a contract violation (naming the field), what is a failed
// attempt. Pure functions: no network.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'

const WIRE = fileURLToPath(new URL('../../../fixtures/wire/', import.meta.url))
const body = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`${WIRE}${name}`, 'utf8')) as Record<string, unknown>
const exchange = (json: unknown, httpStatus = 200) => ({ httpStatus, headers: {}, bodyText: JSON.stringify(json) })

function turnOf(r: AdapterResult) {
  if (r.kind !== 'turn') throw new Error(`expected a turn, got ${r.kind}: ${JSON.stringify(r)}`)
  return r.turn
}

function issuesOf(r: AdapterResult): string[] {
  if (r.kind !== 'contract_violation') throw new Error(`expected a contract violation, got ${r.kind}`)
  return r.issues
}

/** A stream body through the adapter's own consumer (eventsource-parser), as the client feeds it, then parsed. */
function parseStreamText(adapter: ContractAdapter, text: string, httpStatus = 200): AdapterResult {
  const stream = adapter.stream
  if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
  const consumer = stream.open()
  consumer.push(text, 1)
  // The stream route answers text/plain; its refusals and errors are FastAPI's JSON (docs/wire-contracts.md §1.6, §6.3).
  const contentType = httpStatus >= 200 && httpStatus < 300 ? 'text/plain' : 'application/json'
  return stream.parse({ httpStatus, headers: { 'content-type': contentType }, bodyText: text }, consumer.finish(2))
}

const frames = (...events: unknown[]): string => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')

describe('harena-v3 adapter (docs/wire-contracts.md §6.3)', () => {
  test('a search answer: metadata.intent is the intent, found_results the data flag, no insights, no charts', () => {
    const turn = turnOf(harenaV3Adapter.parse(exchange(body('harena-v3-search.json'))))
    expect(turn).toMatchObject({
      status: 'completed',
      intent: { group: 'financial_query', subtype: null, confidence: 0.92 },
      dataPresentation: true,
      totalResults: 6,
    })
    expect(turn.insights).toEqual([])
    expect(turn.visualizations).toEqual([])
  })

  test('conversational, analytical and failed answers parse; the failure is status "error" with its sentence', () => {
    expect(turnOf(harenaV3Adapter.parse(exchange(body('harena-v3-conversational.json')))).intent).toMatchObject({
      group: 'greeting',
      confidence: 0.98,
    })
    expect(turnOf(harenaV3Adapter.parse(exchange(body('harena-v3-analytical.json')))).intent?.group).toBe('comparative_analysis')
    const failed = turnOf(harenaV3Adapter.parse(exchange(body('harena-v3-failure.json'))))
    expect(failed).toMatchObject({ status: 'error', intent: null, dataPresentation: false })
    expect(failed.message).toMatch(/^Désolé, je rencontre des difficultés/)
  })

  test('unknown extra fields anywhere do not break parsing', () => {
    const b = body('harena-v3-search.json')
    const extra = {
      ...b,
      trace: { spans: 3 },
      response: { ...(b['response'] as object), citations: [] },
      metadata: { ...(b['metadata'] as object), corrections_applied: 1, model: 'gpt-4o-mini' },
    }
    expect(turnOf(harenaV3Adapter.parse(exchange(extra))).intent?.group).toBe('financial_query')
  })

  test.each([
    ['search_summary', (b: Record<string, unknown>) => ({ ...b, search_summary: undefined }), /^search_summary: required field missing/],
    [
      'response.structured_data.total_results',
      (b: Record<string, unknown>) => ({ ...b, response: { message: 'x', structured_data: { aggregations_summary: null } } }),
      /^response\.structured_data\.total_results: required field missing/,
    ],
    ['metadata.intent', (b: Record<string, unknown>) => ({ ...b, metadata: { pipeline_time_ms: 10 } }), /^metadata\.intent: required field missing/],
    [
      'metadata.pipeline_time_ms',
      (b: Record<string, unknown>) => ({ ...b, metadata: { intent: 'financial_query' } }),
      /^metadata\.pipeline_time_ms: required field missing/,
    ],
    [
      'structured_data as a v2 list',
      (b: Record<string, unknown>) => ({ ...b, response: { message: 'x', structured_data: [] } }),
      /^response\.structured_data: /,
    ],
  ])('a missing or mistyped required field is a contract violation naming it: %s', (_name, mutate, issue) => {
    const issues = issuesOf(harenaV3Adapter.parse(exchange(JSON.parse(JSON.stringify(mutate(body('harena-v3-search.json')))))))
    expect(
      issues.some((i) => issue.test(i)),
      issues.join(' | '),
    ).toBe(true)
  })

  test('a v2 body is not a v3 answer (the contract named by HARENA_API_CONTRACT is the one checked)', () => {
    const issues = issuesOf(harenaV3Adapter.parse(exchange(body('harena-v2-charts-search.json'))))
    expect(issues.join(' ')).toMatch(/metadata: /)
  })

  test('errors: a 403 mismatch reads "authorization_mismatch: …", a 500 is a server error', () => {
    const forbidden = harenaV3Adapter.parse(
      exchange({ detail: { error: 'authorization_mismatch', message: 'Access denied: JWT token does not match requested user' } }, 403),
    )
    expect(forbidden).toEqual({
      kind: 'client_error',
      httpStatus: 403,
      message: 'authorization_mismatch: Access denied: JWT token does not match requested user',
    })
    expect(harenaV3Adapter.parse(exchange({ detail: 'Internal server error: boom' }, 500)).kind).toBe('server_error')
  })

  test('routes and what the wire carries', () => {
    expect(harenaV3Adapter.paths.chat(34)).toBe('api/v3/conversation/34')
    expect(harenaV3Adapter.paths.stream(34)).toBe('api/v3/conversation/34/stream')
    expect(harenaV3Adapter.stream?.request({ message: 'm', userId: 34, authorization: null }).path).toBe('api/v3/conversation/34/stream')
    expect(harenaV3Adapter.paths.health).toBe('api/v3/conversation/health')
    expect(harenaV3Adapter.paths.login).toBe('api/v1/users/auth/login')
    expect(harenaV3Adapter.observes).toMatchObject({ intent: 'carried', kpiCards: 'absent', visualizations: 'absent', insights: 'absent' })
    expect(harenaV3Adapter.stream?.observes.intent).toBe('absent')
    expect(JSON.parse(harenaV3Adapter.chatRequest({ message: 'm', userId: 34, authorization: 'Bearer t' }).body ?? '')).toEqual({
      message: 'm',
      message_type: 'text',
      priority: 'normal',
      conversation_id: null,
    })
  })
})

describe('harena-v2-charts adapter (docs/wire-contracts.md §2.2)', () => {
  test('main-format charts normalize to line, pie and bar; the pie keeps its 9 slices', () => {
    const turn = turnOf(harenaV2ChartsAdapter.parse(exchange(body('harena-v2-charts-search.json'))))
    expect(turn.visualizations.map((v) => [v.kind, v.wireType])).toEqual([
      ['line', 'chart/line'],
      ['pie', 'chart/pie'],
      ['bar', 'chart/bar'],
    ])
    expect(turn.visualizations[1]?.labels).toHaveLength(9)
    expect(turn.intent).toEqual({ group: 'transaction_search', subtype: null, confidence: 0.9 })
  })

  test('response.visualizations is required on v3.2.9 (the plain v2 adapter accepts its absence)', () => {
    const b = body('harena-v2-charts-search.json')
    const without = { ...b, response: { ...(b['response'] as Record<string, unknown>), visualizations: undefined } }
    const json = JSON.parse(JSON.stringify(without))
    expect(issuesOf(harenaV2ChartsAdapter.parse(exchange(json)))[0]).toMatch(/^response\.visualizations: required field missing/)
    expect(harenaV2Adapter.parse(exchange(json)).kind).toBe('turn')
  })

  test('a chart without config.data is a contract violation naming it', () => {
    const b = body('harena-v2-charts-search.json')
    const response = b['response'] as Record<string, unknown>
    const broken = { ...b, response: { ...response, visualizations: [{ type: 'chart', chart_type: 'pie', title: 'x', config: { type: 'pie' } }] } }
    expect(issuesOf(harenaV2ChartsAdapter.parse(exchange(broken)))[0]).toMatch(/^response\.visualizations\[0\]\.config\.data: /)
  })
})

describe('stream parsing (docs/generations.md, "Streams")', () => {
  test('a v3 stream: the assembled text, the totals, and no intent (v3 streams state none)', () => {
    const turn = turnOf(parseStreamText(harenaV3Adapter, readFileSync(`${WIRE}harena-v3-stream.txt`, 'utf8')))
    expect(turn).toMatchObject({
      status: 'completed',
      message: 'En octobre, vous avez dépensé 412,38 € chez Carrefour.',
      totalResults: 6,
      dataPresentation: true,
      intent: null,
    })
  })

  test('a v2 stream carries the intent group in its status event and the count in "(n resultats trouves)"', () => {
    const text = frames(
      { type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' },
      { type: 'status', message: 'Construction de la requete...', intent: 'transaction_search' },
      { type: 'status', message: 'Generation de la reponse... (12 resultats trouves)' },
      { type: 'response_start' },
      { type: 'response_chunk', content: 'Voici ' },
      { type: 'response_chunk', content: 'vos dépenses.' },
      { type: 'response_end', conversation_id: 'stream_1_1' },
      { type: 'conversation_id', conversation_id: 9 },
    )
    expect(turnOf(parseStreamText(harenaV2Adapter, text))).toMatchObject({
      message: 'Voici vos dépenses.',
      intent: { group: 'transaction_search' },
      totalResults: 12,
      dataPresentation: true,
    })
  })

  test.each([
    [
      'v3 error event',
      harenaV3Adapter,
      frames({ type: 'status', message: 's' }, { type: 'error', error: 'Failed to build query' }),
      /^Failed to build query$/,
    ],
    ['v2 error event', harenaV2Adapter, frames({ type: 'response_chunk', content: 'a' }, { type: 'error', message: 'panne' }), /^panne$/],
    ['route error object', harenaV2Adapter, frames({ error: 'Message invalide' }), /^Message invalide$/],
    [
      'no response_end',
      harenaV3Adapter,
      frames({ type: 'response_start' }, { type: 'response_chunk', content: 'a ' }),
      /^the stream ended without response_end after 1 chunk\(s\)$/,
    ],
  ])('%s → a failed attempt (status "error") saying which', (_name, adapter, text, message) => {
    const turn = turnOf(parseStreamText(adapter, text))
    expect(turn.status).toBe('error')
    expect(turn.message).toMatch(message)
    // Only the stream cut off (no closing event, no error) is marked unfinished, with the chunks it read.
    expect(turn.streamUnfinished).toEqual(_name === 'no response_end' ? { chunks: 1 } : undefined)
  })

  test('a chunk without a string content is a contract violation; an event that is not JSON is invalid JSON', () => {
    const issues = issuesOf(parseStreamText(harenaV3Adapter, frames({ type: 'response_chunk', text: 'a' }, { type: 'response_end' })))
    expect(issues[0]).toMatch(/^events\[0\]\.content: required field missing/)
    expect(parseStreamText(harenaV3Adapter, 'data: {"type":"response_chunk","content":"a\n\n').kind).toBe('invalid_json')
  })

  test('a non-2xx answer of a stream route is classified as a plain body', () => {
    const r = parseStreamText(harenaV3Adapter, JSON.stringify({ detail: 'Token expiré' }), 401)
    expect(r).toEqual({ kind: 'client_error', httpStatus: 401, message: 'Token expiré' })
  })
})

describe("another user's id on every generation and in streams (docs/suite-rules.md: another user's data)", () => {
  const v3 = (): Record<string, unknown> => body('harena-v3-search.json')
  const asked = <T extends object>(e: T) => ({ ...e, requestedUserId: Number((v3() as { user_id: number }).user_id) })
  const me = Number((v3() as { user_id: number }).user_id)
  const other = me + 1

  test('v3: a foreign id nested in metadata (an Elasticsearch term filter) or in X-User-ID is a violation; the own id is not', () => {
    expect(harenaV3Adapter.parse(asked(exchange(v3()))).kind).toBe('turn')
    const nested = v3()
    ;(nested['metadata'] as Record<string, unknown>)['elasticsearch_query'] = { query: { bool: { filter: [{ term: { user_id: other } }] } } }
    expect(issuesOf(harenaV3Adapter.parse(asked(exchange(nested))))).toEqual([
      `metadata.elasticsearch_query.query.bool.filter[0].term.user_id: answer for user_id ${other}, asked for user ${me} (another user's data)`,
    ])
    const header = { ...asked(exchange(v3())), headers: { 'x-user-id': String(other) } }
    expect(issuesOf(harenaV3Adapter.parse(header))[0]).toMatch(/^header X-User-ID: answer for user_id \d+/)
  })

  test.each([
    ['a terms list', { user_id: [2] }],
    ['an Elasticsearch {value}', { term: { user_id: { value: 2 } } }],
    ['a user object', { owner: { user: { id: 2 } } }],
    ['a numeric string', { meta: { userId: '2' } }],
  ])("v2: %s holding another user's id is a violation", (_, extra) => {
    const json = { ...JSON.parse(exchange(body('harena-v2-charts-search.json')).bodyText), user_id: 1, debug: extra }
    const r = harenaV2Adapter.parse({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(json), requestedUserId: 1 })
    expect(issuesOf(r).join(' ')).toMatch(/answer for user_id 2, asked for user 1 \(another user's data\)/)
  })

  test("a stream: another user's id in an event or in X-User-ID is a violation, like a buffered answer", () => {
    const stream = harenaV2Adapter.stream!
    const text = frames(
      { type: 'status', message: 'Analyse...', user_id: 2 },
      { type: 'response_chunk', content: 'Voici vos dépenses.' },
      { type: 'response_end' },
    )
    const parse = (t: string, headers: Record<string, string> = {}) => {
      const c = stream.open()
      c.push(t, 1)
      return stream.parse({ httpStatus: 200, headers, bodyText: t, requestedUserId: 1 }, c.finish(2))
    }
    expect(issuesOf(parse(text))).toEqual(["events[0].user_id: answer for user_id 2, asked for user 1 (another user's data)"])
    const clean = frames({ type: 'response_chunk', content: 'Voici vos dépenses.' }, { type: 'response_end' })
    expect(parse(clean).kind).toBe('turn')
    expect(issuesOf(parse(clean, { 'x-user-id': '2' }))[0]).toMatch(/^header X-User-ID: answer for user_id 2, asked for user 1/)
  })
})
