// The reference service speaks every Harena generation (REFERENCE_CONTRACT). Each wire shape below is pinned to
// docs/generations.md (which follows the contract document field for field): v3.2.9's chart objects, v3's body,
// errors and health, and the stream routes of v2 and v3 with their event order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { configFromEnv } from '../../../fixtures/reference/main.ts'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { V3_FAILURE_MESSAGE } from '../../../fixtures/reference/generations/envelopes.ts'
import { wordChunks } from '../../../fixtures/reference/generations/stream.ts'
import { call, chat, chatBody, login, start } from './helpers.ts'
import { assembled, chunksOf, readStream, typeOf } from './stream-helpers.ts'

const V3 = '/api/v3/conversation/'
const CHUNK_MS = 5

async function chatV3(ref: ReferenceServer, token: string | null, message: string, userId = 1) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== null) headers['authorization'] = `Bearer ${token}`
  return call(ref, 'POST', `${V3}${userId}`, {
    headers,
    body: JSON.stringify({ message, message_type: 'text', priority: 'normal', conversation_id: null }),
  })
}

// biome-ignore lint/suspicious/noExplicitAny: the assertions walk arbitrary wire JSON; toMatchObject/toEqual do the checking.
type WireJson = Record<string, any>

const keys = (v: unknown): string[] => Object.keys(v as Record<string, unknown>).sort()

describe('REFERENCE_CONTRACT=harena-v3 (docs/wire-contracts.md §6)', () => {
  let ref: ReferenceServer
  let token: string
  beforeAll(async () => {
    ref = await start({ contract: 'harena-v3', streamChunkMs: CHUNK_MS })
    token = await login(ref)
  })
  afterAll(() => ref.close())

  test('health: "initializing" before the first chat, "degraded" after; nginx answers GET /health with OK', async () => {
    const before = await call(ref, 'GET', `${V3}health`)
    expect(before.status).toBe(200)
    expect(before.json).toMatchObject({ service: 'conversation_service_v3', version: '3.0.0', status: 'initializing' })
    const nginx = await call(ref, 'GET', '/health')
    expect(nginx.status).toBe(200)
    expect(nginx.text).toBe('OK')
    expect(nginx.headers.get('content-type')).toMatch(/^text\/plain/)
    expect((await chatV3(ref, token, 'Bonjour')).status).toBe(200)
    const after = await call(ref, 'GET', `${V3}health`)
    expect(after.json).toMatchObject({ service: 'conversation_service_v3', status: 'degraded', architecture: 'langchain_agents' })
    expect((after.json as { components: unknown }).components).toBeTypeOf('object')
  })

  test('a search answer has exactly the v3 fields: metadata.intent a lower-case string, structured_data an object', async () => {
    const r = await chatV3(ref, token, 'Mes dépenses du mois dernier')
    expect(r.status).toBe(200)
    const body = r.json as WireJson
    expect(keys(body)).toEqual(['architecture', 'conversation_id', 'message', 'metadata', 'response', 'search_summary', 'status', 'user_id'])
    expect(body).toMatchObject({ user_id: 1, message: 'Mes dépenses du mois dernier', status: 'completed', architecture: 'v3_langchain_agents' })
    expect(keys(body.response)).toEqual(['message', 'structured_data'])
    expect(keys(body.response.structured_data)).toEqual(['aggregations_summary', 'total_results'])
    expect(body.response.structured_data.total_results).toBeGreaterThan(0)
    expect(body.search_summary).toEqual({ found_results: true, total_results: body.response.structured_data.total_results })
    expect(body.metadata).toMatchObject({ intent: 'financial_query', requires_search: true })
    expect(body.metadata.pipeline_time_ms).toBeTypeOf('number')
    expect(keys(body.metadata.query_analysis)).toEqual(['aggregations_requested', 'confidence', 'intent'])
    expect(body.metadata.elasticsearch_query).toBeTypeOf('object')
    // Removed versus v2 (docs/wire-contracts.md §6.3).
    for (const gone of ['timestamp', 'request_id', 'processing_time_ms', 'intent', 'query', 'performance']) expect(body).not.toHaveProperty(gone)
    expect(body.response).not.toHaveProperty('visualizations')
  })

  test('conversational and analytical paths carry their own metadata', async () => {
    const hello = (await chatV3(ref, token, 'Bonjour')).json as WireJson
    expect(hello.metadata).toMatchObject({ intent: 'greeting', requires_search: false })
    expect(hello.metadata.confidence).toBeTypeOf('number')
    expect(hello.search_summary).toEqual({ found_results: false, total_results: 0 })
    const trend = (await chatV3(ref, token, 'Mes tendances de dépenses')).json as WireJson
    expect(trend.metadata).toMatchObject({ intent: 'trend_analysis', analytical: true, operations: ['trend'] })
    const compare = (await chatV3(ref, token, 'Comparaison avec le mois dernier')).json as WireJson
    expect(compare.metadata.intent).toBe('comparative_analysis')
    const unclear = (await chatV3(ref, token, 'Mes trucs')).json as WireJson
    expect(unclear.metadata.intent).toBe('unclear')
  })

  test('no message guard on v3: a SQL-looking message is answered (200), a missing message is a 422', async () => {
    expect((await chatV3(ref, token, 'SELECT * FROM transactions')).status).toBe(200)
    const missing = await call(ref, 'POST', `${V3}1`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    })
    expect(missing.status).toBe(422)
    expect(missing.json).toMatchObject({ detail: [{ type: 'missing', loc: ['body', 'message'] }] })
  })

  test('errors in v3 shapes: 401 with error_code, 403 authorization_mismatch, and no v1 route behind nginx', async () => {
    const r401 = await chatV3(ref, null, 'Mes dépenses du mois dernier')
    expect(r401.status).toBe(401)
    expect(keys(r401.json)).toEqual(['detail', 'error_code', 'timestamp'])
    const r403 = await chatV3(ref, token, 'Mes dépenses du mois dernier', 2)
    expect(r403.status).toBe(403)
    expect(r403.json).toMatchObject({ detail: { error: 'authorization_mismatch', token_user_id: 1, requested_user_id: 2 } })
    expect((await chat(ref, token, 'Mes dépenses du mois dernier')).status).toBe(404)
  })

  test('faults: a pipeline failure is HTTP 200 status "error" with the fixed sentence; a 5xx carries the exception text', async () => {
    ref.setFaults([
      { match: 'carrefour', fault: { kind: 'fallback', stage: 'intent' } },
      { match: 'netflix', fault: { kind: 'http5xx' } },
    ])
    try {
      const failed = (await chatV3(ref, token, 'Mes dépenses chez Carrefour')).json as WireJson
      expect(failed).toMatchObject({
        status: 'error',
        response: { message: V3_FAILURE_MESSAGE },
        search_summary: { found_results: false, total_results: 0 },
      })
      expect(keys(failed.metadata)).toEqual(['error', 'timestamp'])
      const crashed = await chatV3(ref, token, "Combien j'ai payé à Netflix ce mois ?")
      expect(crashed.status).toBe(500)
      expect((crashed.json as { detail: string }).detail).toMatch(/^Internal server error: /)
    } finally {
      ref.setFaults([])
    }
  })

  test('stream (§6.4): statuses, response_start, conversation_id, word chunks, response_end with metadata', async () => {
    const r = await readStream(ref, token, 'Mes dépenses du mois dernier', { prefix: V3 })
    expect(r.status).toBe(200)
    expect(r.contentType).toMatch(/^text\/plain/)
    expect(r.ended).toBe(true)
    expect(r.text).toMatch(/^data: \{"type":"status"/)
    const types = r.frames.map(typeOf)
    const firstChunk = types.indexOf('response_chunk')
    expect(types.slice(0, firstChunk)).toEqual(['status', 'status', 'status', 'status', 'response_start', 'conversation_id'])
    expect(types.slice(firstChunk, -1).every((t) => t === 'response_chunk')).toBe(true)
    expect(types.at(-1)).toBe('response_end')
    const statuses = r.frames.filter((f) => typeOf(f) === 'status').map((f) => (f.event as { message: string }).message)
    expect(statuses[0]).toBe('• Analyse de votre question...')
    expect(statuses[1]).toBe('• Recherche de vos transactions...')
    expect(statuses[2]).toBe('• Analyse de vos données...')
    expect(statuses[3]).toMatch(/^• \d+ transaction\(s\) trouvée\(s\), génération de la réponse\.\.\.$/)
    const end = r.frames.at(-1)!.event as { metadata: Record<string, unknown> }
    expect(keys(end.metadata)).toEqual(['processing_time_ms', 'response_length', 'total_results'])
    const buffered = (await chatV3(ref, token, 'Mes dépenses du mois dernier')).json as { response: { message: string } }
    expect(assembled(r)).toBe(buffered.response.message)
    expect(end.metadata['response_length']).toBe([...buffered.response.message].length) // code points, Python's len()
    expect(chunksOf(r).length).toBe(wordChunks(buffered.response.message).length)
    // The cadence: n chunks CHUNK_MS apart cannot all have arrived before (n − 1)·CHUNK_MS after the request
    // (a lower bound measured from the request, never a flaky upper one).
    const times = chunksOf(r).map((f) => f.atMs)
    expect(times.at(-1)!).toBeGreaterThanOrEqual((times.length - 1) * CHUNK_MS - 1)
  })

  test('a conversational stream gets only the first and last statuses', async () => {
    const r = await readStream(ref, token, 'Bonjour', { prefix: V3 })
    const statuses = r.frames.filter((f) => typeOf(f) === 'status').map((f) => (f.event as { message: string }).message)
    expect(statuses).toEqual(['• Analyse de votre question...', '• Préparation de la réponse...'])
  })
})

describe('REFERENCE_CONTRACT=harena-v2-charts (docs/wire-contracts.md §2.2)', () => {
  let ref: ReferenceServer
  let token: string
  beforeAll(async () => {
    ref = await start({ contract: 'harena-v2-charts', streamChunkMs: 0 })
    token = await login(ref)
  })
  afterAll(() => ref.close())

  test('visualizations are main-format charts from the data: no KPI cards, a top 8 + "Autres" pie, no subtype', async () => {
    const r = await chat(ref, token, 'Répartition de mes dépenses par catégorie')
    expect(r.status).toBe(200)
    const body = r.json as WireJson
    expect(body.architecture).toBe('v2.0')
    expect(keys(body.intent)).toEqual(['confidence', 'entities', 'supported', 'type'])
    expect(r.headers.get('server-timing')).toBeNull()
    const viz = body.response.visualizations as Array<WireJson>
    expect(viz.length).toBeGreaterThan(0)
    for (const v of viz) {
      expect(keys(v)).toEqual(['chart_type', 'config', 'title', 'type'])
      expect(v.type).toBe('chart')
      expect(keys(v.config)).toEqual(['data', 'options', 'type'])
      expect(v.config.type).toBe(v.chart_type)
    }
    expect(viz.map((v) => v.chart_type)).toEqual(['line', 'pie', 'bar'])
    const pie = viz.find((v) => v.chart_type === 'pie')!
    expect(pie.title).toBe('Repartition des depenses par categorie')
    expect(pie.config.data.labels.length).toBeLessThanOrEqual(9)
    expect(pie.config.data.datasets[0]).not.toHaveProperty('label')
    const bar = viz.find((v) => v.chart_type === 'bar')!
    expect(bar).toMatchObject({ title: 'Top 10 marchands', config: { data: { datasets: [{ label: 'Montant des depenses' }] } } })
    expect(bar.config.data.labels.length).toBeLessThanOrEqual(10)
  })

  test('analytics questions come back as transaction_search (the real classifier never emits analytics)', async () => {
    const body = (await chat(ref, token, 'Mes tendances de dépenses')).json as WireJson
    expect(body.intent.type).toBe('transaction_search')
  })

  test('one merchant, one category: no pie, no bar (charts depend on the data)', async () => {
    const body = (await chat(ref, token, "Combien j'ai payé à Netflix ce mois ?")).json as WireJson
    expect(body.response.visualizations.filter((v: { chart_type: string }) => v.chart_type !== 'line')).toEqual([])
  })

  test('v2 stream (§1.7): statuses with stream id and intent, response_start, chunks, response_end, then the DB id', async () => {
    const r = await readStream(ref, token, 'Mes dépenses chez Carrefour')
    expect(r.ended).toBe(true)
    const types = r.frames.map(typeOf)
    const firstChunk = types.indexOf('response_chunk')
    expect(types.slice(0, firstChunk)).toEqual(['status', 'status', 'status', 'response_start'])
    expect(types.slice(-2)).toEqual(['response_end', 'conversation_id'])
    const [s1, s2, s3] = r.frames.map((f) => f.event as Record<string, unknown>)
    expect(s1).toMatchObject({ message: 'Analyse du contexte...' })
    expect(String(s1!['conversation_id'])).toMatch(/^stream_1_\d+$/)
    expect(s2).toEqual({ type: 'status', message: 'Construction de la requete...', intent: 'transaction_search' })
    expect(String(s3!['message'])).toMatch(/^Generation de la reponse\.\.\. \(\d+ resultats trouves\)$/)
    expect(r.frames.at(-2)!.event).toMatchObject({ conversation_id: s1!['conversation_id'] })
    expect((r.frames.at(-1)!.event as { conversation_id: unknown }).conversation_id).toBeTypeOf('number')
    const buffered = (await chat(ref, token, 'Mes dépenses chez Carrefour')).json as { response: { message: string } }
    expect(assembled(r)).toBe(buffered.response.message)
  })
})

describe('stream faults (REFERENCE_FAULTS on the stream routes)', () => {
  let ref: ReferenceServer
  let token: string
  beforeAll(async () => {
    ref = await start({ streamChunkMs: 1 })
    token = await login(ref)
  })
  afterAll(() => ref.close())

  test('streamStall: one chunk, then silence on an open stream', async () => {
    ref.setFaults([{ fault: { kind: 'streamStall' } }])
    const r = await readStream(ref, token, 'Mes dépenses du mois dernier', { waitMs: 800 })
    expect(r.ended).toBe(false)
    expect(chunksOf(r)).toHaveLength(1)
    expect(r.frames.map(typeOf)).not.toContain('response_end')
  })

  test('streamNoEnd: every chunk, then the body ends without response_end', async () => {
    ref.setFaults([{ fault: { kind: 'streamNoEnd' } }])
    const r = await readStream(ref, token, 'Mes dépenses du mois dernier')
    expect(r.ended).toBe(true)
    expect(chunksOf(r).length).toBeGreaterThan(1)
    expect(r.frames.map(typeOf)).not.toContain('response_end')
  })

  test('streamError: the orchestrator error event (v2 `message`) or the route error object (no type)', async () => {
    ref.setFaults([{ fault: { kind: 'streamError' } }])
    const event = await readStream(ref, token, 'Mes dépenses du mois dernier')
    expect(event.frames.at(-1)!.event).toMatchObject({ type: 'error', message: expect.any(String) })
    ref.setFaults([{ fault: { kind: 'streamError', form: 'route' } }])
    const route = await readStream(ref, token, 'Mes dépenses du mois dernier')
    expect(route.frames.at(-1)!.event).toEqual({ error: 'Erreur traitement conversation' })
  })

  test('a pipeline fallback on a stream is an error event and no chunk', async () => {
    ref.setFaults([{ fault: { kind: 'fallback', stage: 'response' } }])
    const r = await readStream(ref, token, 'Mes dépenses du mois dernier')
    expect(chunksOf(r)).toHaveLength(0)
    expect(r.frames.at(-1)!.event).toMatchObject({ type: 'error' })
  })

  test('slowFirstChunk: every status comes first, the first chunk at least `ms` later, the stream still complete', async () => {
    ref.setFaults([{ fault: { kind: 'slowFirstChunk', ms: 300 } }])
    const r = await readStream(ref, token, 'Mes dépenses du mois dernier')
    // Measured from the request (a safe lower bound: the pause happens after the request arrived).
    expect(chunksOf(r)[0]!.atMs).toBeGreaterThanOrEqual(299)
    const types = r.frames.map(typeOf)
    expect(types.lastIndexOf('status')).toBeLessThan(types.indexOf('response_chunk'))
    expect(r.frames.map(typeOf).at(-2)).toBe('response_end')
  })

  test('rateLimited: nginx refuses with its HTML 503 page (or 429), before any answer', async () => {
    ref.setFaults([{ fault: { kind: 'rateLimited' } }])
    const r = await chat(ref, token, 'Mes dépenses du mois dernier')
    expect(r.status).toBe(503)
    expect(r.headers.get('content-type')).toBe('text/html')
    expect(r.text).toContain('<center>nginx</center>')
    ref.setFaults([{ fault: { kind: 'rateLimited', status: 429 } }])
    expect((await chat(ref, token, 'Mes dépenses du mois dernier')).status).toBe(429)
    ref.setFaults([])
  })

  test('stream faults leave the buffered route alone', async () => {
    ref.setFaults([{ fault: { kind: 'streamStall' } }])
    expect((await chat(ref, token, 'Mes dépenses du mois dernier')).status).toBe(200)
    ref.setFaults([])
  })
})

describe('REFERENCE_CONTRACT / REFERENCE_STREAM_CHUNK_MS settings', () => {
  test('accepted values, and one line naming the variable otherwise', () => {
    expect(configFromEnv({ REFERENCE_CONTRACT: 'harena-v3', REFERENCE_STREAM_CHUNK_MS: '10' }).options).toMatchObject({
      contract: 'harena-v3',
      streamChunkMs: 10,
    })
    expect(configFromEnv({}).options.contract).toBeUndefined()
    expect(() => configFromEnv({ REFERENCE_CONTRACT: 'harena-v4' })).toThrow(
      /^REFERENCE_CONTRACT="harena-v4" is invalid: expected harena-v2 \| harena-v2-charts \| harena-v3$/,
    )
    expect(() => configFromEnv({ REFERENCE_STREAM_CHUNK_MS: 'fast' })).toThrow(/REFERENCE_STREAM_CHUNK_MS/)
  })

  test('the default generation is harena-v2: no v3 route, and v2 streams', async () => {
    const ref = await start({ streamChunkMs: 0 })
    try {
      expect(ref.contract).toBe('harena-v2')
      const token = await login(ref)
      expect(
        (
          await call(ref, 'POST', `${V3}1`, {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: chatBody('Bonjour'),
          })
        ).status,
      ).toBe(404)
      const r = await readStream(ref, token, 'Bonjour')
      expect(r.frames.map(typeOf)).toContain('response_end')
    } finally {
      await ref.close()
    }
  })
})
