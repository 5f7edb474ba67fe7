// The chat probes on a streamed run (tests/support/security/probes.ts; docs/security-probes.md): they test the route
// the questions used — the stream route — and read its answer as the questions' answers are read (the adapter's
// stream parse over a fresh consumer's capture). A hostile message refused INSIDE an HTTP 200 stream (the real v2's
// route error object, `{"error":"Message invalide","details":[…]}`) is a refusal, unless what the stream sent back
// echoes active HTML or shows an SQL error. Over real HTTP on loopback with the real client and the real v2 adapter.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { say } from '../../../core/locale/index.ts'
import '../../../core/locale/grounding.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { PROBES, type Probe, type ProbeResult } from '../../../tests/support/security/probes.ts'

const closers: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

type Ev = Record<string, unknown>
/** A v2 stream answer: `data: <json>` frames under text/plain (docs/wire-contracts.md §1.7). */
type Answer = { status: number; events?: Ev[]; json?: unknown }

const frames = (events: readonly Ev[]): string => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')
const ANSWER: Ev[] = [
  { type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' },
  { type: 'response_start' },
  { type: 'response_chunk', content: 'Vous avez dépensé 412,30 € le mois dernier, ' },
  { type: 'response_chunk', content: 'surtout en alimentation.' },
  { type: 'response_end', conversation_id: 'stream_1_1' },
]
const REFUSED: Ev[] = [{ error: 'Message invalide', details: [{ msg: 'Pattern non autorisé détecté: contenu potentiellement malveillant' }] }]

/** A loopback target answering each request with `route`; the paths it received, in order. */
async function target(route: (path: string) => Answer) {
  const paths: string[] = []
  const server = createServer((req: IncomingMessage, res) => {
    req.resume()
    req.on('end', () => {
      const path = req.url ?? '/'
      paths.push(path)
      const a = route(path)
      if (a.events !== undefined) res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8' }).end(frames(a.events))
      else res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.json ?? {}))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const client = new HarenaClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5000, connections: 1 })
  closers.push(() => client.close())
  return { client, paths }
}

function byId(id: string): Probe {
  const found = PROBES.find((p) => p.id === id)
  if (found === undefined) throw new Error(`no probe ${id}`)
  return found
}

async function probe(id: string, route: (path: string) => Answer, streamed = true): Promise<{ r: ProbeResult; paths: string[] }> {
  const { client, paths } = await target(route)
  const r = await byId(id).run({
    client,
    adapter: harenaV2Adapter,
    userId: 1,
    authorization: 'Bearer run-token',
    questionId: `security.${id}`,
    streamed,
  })
  return { r, paths }
}

const codes = (r: ProbeResult) => r.reasons.map((x) => x.code)
const said = (r: ProbeResult, locale: 'en' | 'fr' = 'en') => r.reasons.map((x) => say(x, locale)).join('\n')
/** The user's own conversation list (the second opinion's route): answered, so no route is "not found". */
const OWN_LIST: Answer = { status: 200, json: { user_id: 1, conversations: [], total_count: 0 } }

describe('a hostile message on the stream route', () => {
  test('refused inside an HTTP 200 stream (the route’s error object), nothing echoed: a refusal, on the stream path', async () => {
    const { r, paths } = await probe('script_message', () => ({ status: 200, events: REFUSED }))
    expect(r.ok, said(r)).toBe(true)
    expect(r.reasons).toEqual([])
    expect(r.request).toMatch(/^POST \/api\/v1\/conversation\/1\/stream \(token of user 1, message "<script>/)
    expect(paths).toEqual(['/api/v1/conversation/1/stream'])
  })

  test('a stream error that echoes the <script>: the html_echo finding, on the stream (fr and en)', async () => {
    const echo: Ev[] = [{ type: 'error', message: 'Message refusé : <script>alert("harena")</script> Mes dépenses du mois dernier' }]
    const { r } = await probe('script_message', () => ({ status: 200, events: echo }))
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
    expect(said(r)).toMatch(
      /^security probe failed: POST \/api\/v1\/conversation\/1\/stream .*→ the answer echoes active HTML in the stream \(its raw events\): .*<script>alert/,
    )
    expect(said(r, 'fr')).toMatch(/renvoie du HTML actif dans le flux \(ses événements bruts\)/)
  })

  test('a stream error that shows an SQL error: the sql_error finding', async () => {
    const leak: Ev[] = [{ error: 'psycopg2.errors.SyntaxError: syntax error at or near "DROP"' }]
    const { r } = await probe('sql_message', () => ({ status: 200, events: leak }))
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.sql_error'])
  })

  test('refused with 422 before streaming (the embedded reference): a refusal, as on the buffered route', async () => {
    const { r } = await probe('script_message', () => ({ status: 422, json: { detail: [{ msg: 'Pattern non autorisé' }] } }))
    expect(r.ok).toBe(true)
  })

  test('a streamed French answer without the message’s HTML: judged as a turn, and it passes', async () => {
    const { r } = await probe('script_message', () => ({ status: 200, events: ANSWER }))
    expect(r.ok, said(r)).toBe(true)
  })
})

describe('the path’s user on the stream route', () => {
  test('another user’s path answered with a stream: a critical bug naming the stream path; the buffered route is never asked', async () => {
    const { r, paths } = await probe('other_user_path', (path) =>
      path.startsWith('/api/v1/conversation/conversations/') ? OWN_LIST : { status: 200, events: ANSWER },
    )
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path'])
    expect(said(r)).toMatch(/^security probe failed: POST \/api\/v1\/conversation\/2\/stream \(token of user 1\) → HTTP 200 \(expected 403\)/)
    expect(paths).toEqual(['/api/v1/conversation/2/stream'])
  })

  test('a buffered run asks the buffered chat route, never the stream route', async () => {
    const { paths } = await probe('other_user_path', () => ({ status: 403, json: { detail: { error: 'refusé' } } }), false)
    expect(paths).toEqual(['/api/v1/conversation/2'])
  })
})

describe('the stream route’s existence on a streamed run', () => {
  const NOT_FOUND: Answer = { status: 404, json: { detail: 'Not Found' } }

  test('every route 404: not judged, the user’s own chat asked on the stream route, the note names the stream route', async () => {
    const { r, paths } = await probe('other_user_path', () => NOT_FOUND)
    expect(r.ok).toBeNull()
    expect(codes(r)).toEqual(['security.route_not_found'])
    expect(said(r)).toMatch(
      /→ HTTP 404, as is the user's own POST \/api\/v1\/conversation\/1\/stream: the stream route, which the questions \(VALIDATION_STREAM=true\) and the probes use, is not found; check that the service exposes its stream route$/,
    )
    expect(said(r, 'fr')).toMatch(
      /la route de streaming, par laquelle passent les questions \(VALIDATION_STREAM=true\) et les sondes, est introuvable/,
    )
    expect(paths).toEqual(['/api/v1/conversation/2/stream', '/api/v1/conversation/1/stream', '/api/v1/conversation/1/stream'])
  })

  test('the streamed questions answered (routeAnswered): a 404 on another user’s stream path is judged, the own chat never asked', async () => {
    const { client, paths } = await target(() => NOT_FOUND)
    const r = await byId('other_user_path').run({
      client,
      adapter: harenaV2Adapter,
      userId: 1,
      authorization: 'Bearer run-token',
      questionId: 'security.other_user_path',
      streamed: true,
      routeAnswered: (route) => route === 'chat',
    })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path_status'])
    expect(paths).toEqual(['/api/v1/conversation/2/stream'])
  })
})
