// The chat probes on a streamed run (tests/support/security/probes.ts; docs/security-probes.md): they test the route
// the questions used — the stream route — and read its answer as the questions' answers are read (the adapter's
// stream parse over a fresh consumer's capture). A hostile message refused INSIDE an HTTP 200 stream (the real v2's
// route error object, `{"error":"Message invalide","details":[…]}`) is a refusal, unless what the stream sent back
// echoes active HTML or shows an SQL error. What a stream shows is its decoded text (the chunks joined, every event's
// strings), whatever its end; a stream that delivered answer text carries data, whatever its end; a request without a
// token whose body carries an answer fails; a stream that timed out after HTTP 200 is judged on what arrived, else not
// judged. Over real HTTP on loopback with the real client and the real v2 and v3 adapters (review 2026-12-05).
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { say } from '../../../core/locale/index.ts'
import '../../../core/locale/grounding.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { HarenaClient } from '../../../tests/support/client.ts'
import { PROBES, type Probe, type ProbeResult } from '../../../tests/support/security/probes.ts'
import type { ContractAdapter } from '../../../tests/support/turn.ts'
import { v2Body } from '../adapter/bodies.ts'

const closers: Array<() => Promise<void> | void> = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

type Ev = Record<string, unknown>
/**
 * A stream answer: `data: <json>` frames under text/plain (docs/wire-contracts.md §1.7, §6.4), or `raw` frames as
 * written (a JSON-escaped `\u003c`), or a JSON body; `challenge`: a WWW-Authenticate header; `hold`: the events are
 * sent and the body is never ended (a stream slower than the client's timeout).
 */
type Answer = { status: number; events?: Ev[]; raw?: string; json?: unknown; challenge?: boolean; hold?: true }

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
async function target(route: (path: string) => Answer, timeoutMs = 5000) {
  const paths: string[] = []
  const server = createServer((req: IncomingMessage, res) => {
    req.resume()
    req.on('end', () => {
      const path = req.url ?? '/'
      paths.push(path)
      const a = route(path)
      const challenge: Record<string, string> = a.challenge === true ? { 'www-authenticate': 'Bearer realm="Harena API"' } : {}
      const text = a.raw ?? (a.events === undefined ? undefined : frames(a.events))
      if (text !== undefined && a.hold === true) res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8' }).write(text)
      else if (text !== undefined) res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8', ...challenge }).end(text)
      else res.writeHead(a.status, { 'content-type': 'application/json', ...challenge }).end(JSON.stringify(a.json ?? {}))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    // A held stream's connection is never ended by its handler.
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const client = new HarenaClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs, connections: 1 })
  closers.push(() => client.close())
  return { client, paths }
}

function byId(id: string): Probe {
  const found = PROBES.find((p) => p.id === id)
  if (found === undefined) throw new Error(`no probe ${id}`)
  return found
}

async function probe(
  id: string,
  route: (path: string) => Answer,
  streamed = true,
  adapter: ContractAdapter = harenaV2Adapter,
  timeoutMs = 5000,
): Promise<{ r: ProbeResult; paths: string[] }> {
  const { client, paths } = await target(route, timeoutMs)
  const r = await byId(id).run({
    client,
    adapter,
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
      /^security probe failed: POST \/api\/v1\/conversation\/1\/stream .*→ the answer echoes active HTML in the stream \(events\[0\]\.message\): .*<script>alert/,
    )
    expect(said(r, 'fr')).toMatch(/renvoie du HTML actif dans le flux \(events\[0\]\.message\)/)
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
      /la route de réponse en flux, par laquelle passent les questions \(VALIDATION_STREAM=true\) et les sondes, est introuvable/,
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

/**
 * Each generation's stream shapes (adapters/stream.ts): v2's error event carries `message`, v3's `error`; v2 ends with
 * a conversation id, v3 with metadata.
 */
const SHAPES = [
  {
    name: 'v2',
    adapter: harenaV2Adapter,
    error: (text: string): Ev => ({ type: 'error', message: text }),
    end: { type: 'response_end', conversation_id: 'stream_1_1' } as Ev,
  },
  {
    name: 'v3',
    adapter: harenaV3Adapter,
    error: (text: string): Ev => ({ type: 'error', error: text }),
    end: { type: 'response_end', metadata: { total_results: 3, processing_time_ms: 12 } } as Ev,
  },
] as const

const chunk = (content: string): Ev => ({ type: 'response_chunk', content })
const status = (message: string): Ev => ({ type: 'status', message })
const START: Ev = { type: 'response_start' }
/** The user's own list and chat (the second opinions' routes) answer: no route is "not found", no token expired. */
const ownOr = (other: Answer) => (path: string) => (path.includes('/conversations/') ? OWN_LIST : other)

describe.each(SHAPES)('what a $name stream shows is its decoded text, whatever its end', ({ adapter, error, end }) => {
  const hostile = (id: string, answer: Answer) => probe(id, () => answer, true, adapter)

  test('<script> split over two chunks, then an error event: the html_echo finding on the joined text', async () => {
    const events = [START, chunk('Vous avez écrit <scr'), chunk('ipt>alert("harena")</script> : voici vos dépenses.'), error('Erreur génération')]
    const { r } = await hostile('script_message', { status: 200, events })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
    expect(said(r)).toMatch(/echoes active HTML in the stream's text \(its chunks joined\): Vous avez écrit <script>alert/)
    expect(said(r, 'fr')).toMatch(/dans le texte du flux \(ses morceaux mis bout à bout\) : Vous avez écrit <script>/)
  })

  test('a JSON-escaped \\u003cscript> in a chunk, then an error event: the html_echo finding (the user read <script>)', async () => {
    const escaped = 'data: {"type":"response_chunk","content":"Vous avez \\u00e9crit \\u003cscript>alert(1)\\u003c/script>."}\n\n'
    const { r } = await hostile('script_message', { status: 200, raw: frames([START]) + escaped + frames([error('Erreur génération')]) })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
    expect(said(r)).toMatch(/Vous avez écrit <script>alert\(1\)/)
  })

  test('a clean French beginning, then the body ends (no response_end, no error): not judged, never "not French"', async () => {
    const { r } = await hostile('script_message', {
      status: 200,
      events: [status('Analyse du contexte...'), START, chunk('Voici vos dépenses du mois dernier')],
    })
    expect(r.ok, said(r)).toBeNull()
    expect(codes(r)).toEqual(['security.stream_unfinished'])
    expect(said(r)).toMatch(/→ HTTP 200, but the stream was cut off with neither response_end nor an error event \(1 chunk\(s\) received/)
    expect(said(r, 'fr')).toMatch(/le flux s'est interrompu sans response_end ni événement d'erreur \(1 morceau\(x\) reçu\(s\)/)
  })

  test('<script> split over two chunks, then the body ends: the html_echo finding, judged on what arrived', async () => {
    const { r } = await hostile('script_message', {
      status: 200,
      events: [START, chunk('Vous avez écrit <scr'), chunk('ipt>alert("harena")</script>')],
    })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
  })

  test('an SQL error split over two chunks, then an error event: the sql_error finding', async () => {
    const events = [START, chunk('Erreur : syntax '), chunk('error at or near "DROP"'), error('Erreur génération')]
    const { r } = await hostile('sql_message', { status: 200, events })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.sql_error'])
  })

  test('a completed stream whose status event echoes the <script>: the html_echo finding on that event', async () => {
    const events = [status('Analyse de votre question : <script>alert("harena")</script>'), START, chunk('Voici vos dépenses du mois dernier.'), end]
    const { r } = await hostile('script_message', { status: 200, events })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
    expect(said(r)).toMatch(/in the stream \(events\[0\]\.message\): Analyse de votre question : <script>/)
  })

  test('a completed stream whose status event shows an SQL error: the sql_error finding', async () => {
    const events = [status('psycopg2.errors.SyntaxError: syntax error at or near "DROP"'), START, chunk('Je ne peux pas traiter cette demande.'), end]
    const { r } = await hostile('sql_message', { status: 200, events })
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.sql_error'])
  })

  test('a route error object whose details echo the <script>: the html_echo finding on its details', async () => {
    const events = [{ error: 'Message invalide', details: [{ msg: 'Refusé : <script>alert("harena")</script>' }] }]
    const { r } = await hostile('script_message', { status: 200, events })
    expect(r.ok).toBe(false)
    expect(said(r)).toMatch(/in the stream \(events\[0\]\.details\[0\]\.msg\)/)
  })

  test('control: a clean refusal inside the stream, split words and all, passes', async () => {
    const events = [status('Analyse du contexte...'), START, chunk('Je ne peux pas '), chunk('traiter ce message.'), error('Message invalide')]
    const { r } = await hostile('script_message', { status: 200, events })
    expect(r.ok, said(r)).toBe(true)
  })
})

describe.each(SHAPES)('a $name stream that delivered answer text carries data, whatever its end', ({ adapter, error }) => {
  const OTHERS = [status('Analyse du contexte...'), START, chunk("Vos dépenses de l'utilisateur 2 : "), chunk('Loyer 1 250,00 €.')]

  test('another user’s answer streamed, then an error event, under HTTP 401: a leak, never a refusal', async () => {
    const { r } = await probe(
      'other_user_path',
      ownOr({ status: 401, challenge: true, events: [...OTHERS, error('Erreur génération')] }),
      true,
      adapter,
    )
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path'])
  })

  test('the same under HTTP 200: the data finding, not the status one', async () => {
    const { r } = await probe('other_user_path', ownOr({ status: 200, events: [...OTHERS, error('Erreur génération')] }), true, adapter)
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path'])
  })

  test('control: a 401 whose stream holds only status and error events carries no data: a refusal, noted', async () => {
    const { r } = await probe(
      'other_user_path',
      ownOr({ status: 401, challenge: true, events: [status('Analyse...'), error('Non autorisé')] }),
      true,
      adapter,
    )
    expect(r.ok).toBe(true)
    expect(codes(r)).toEqual(['security.refused_401'])
  })
})

describe('a request without a token whose body carries an answer', () => {
  test.each(SHAPES)(
    '$name stream: 401 with WWW-Authenticate, yet the body streams an answer → the no_token_answered leak',
    async ({ adapter, end }) => {
      const events = [status('Analyse...'), START, chunk('Vos dépenses du mois dernier : 1 250,00 €.'), end]
      const { r } = await probe('no_token', () => ({ status: 401, challenge: true, events }), true, adapter)
      expect(r.ok).toBe(false)
      expect(codes(r)).toEqual(['security.no_token_answered'])
      expect(said(r)).toMatch(/→ HTTP 401, and the body carries an answer: the service answers without credentials/)
      expect(said(r, 'fr')).toMatch(/→ HTTP 401, et le corps porte une réponse : le service répond sans identifiants/)
    },
  )

  test('buffered run: 401 with WWW-Authenticate whose JSON body is a full answer → the no_token_answered leak', async () => {
    const { r } = await probe('no_token', () => ({ status: 401, challenge: true, json: v2Body({ user_id: 1 }) }), false)
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.no_token_answered'])
  })

  test('buffered run: 401 with WWW-Authenticate whose body is a stream of answer text → the no_token_answered leak', async () => {
    const events = [status('Analyse...'), START, chunk('Vos dépenses du mois dernier : 1 250,00 €.'), SHAPES[0].end]
    const { r, paths } = await probe('no_token', () => ({ status: 401, challenge: true, events }), false)
    expect(paths).toEqual(['/api/v1/conversation/1'])
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.no_token_answered'])
  })

  test('control: 401 with WWW-Authenticate and an error body passes, streamed or buffered', async () => {
    for (const streamed of [true, false]) {
      const { r } = await probe('no_token', () => ({ status: 401, challenge: true, json: { detail: 'Authentification requise' } }), streamed)
      expect(r.ok, said(r)).toBe(true)
    }
  })
})

describe.each(SHAPES)('a $name stream that timed out after HTTP 200 is judged on what arrived, never passed', ({ adapter }) => {
  /** The client's timeout: the held stream never ends, so every probe below meets it (no timing is asserted). */
  const SHORT = 300
  const held = (id: string, events: Ev[]) => probe(id, ownOr({ status: 200, events, hold: true }), true, adapter, SHORT)

  test('<script> split over two chunks, then silence: the html_echo finding', async () => {
    const { r } = await held('script_message', [START, chunk('Vous avez écrit <scr'), chunk('ipt>alert("harena")</script>')])
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.html_echo'])
    expect(r.httpStatus).toBe(200)
  })

  test('another user’s answer text, then silence: the data finding', async () => {
    const { r } = await held('other_user_path', [status('Analyse...'), START, chunk("Vos dépenses de l'utilisateur 2 : loyer 1 250,00 €")])
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.other_user_path'])
  })

  test('no token, answer text, then silence: the no_token_answered leak', async () => {
    const { r } = await held('no_token', [START, chunk('Vos dépenses du mois dernier : 1 250,00 €')])
    expect(r.ok).toBe(false)
    expect(codes(r)).toEqual(['security.no_token_answered'])
  })

  test('a clean beginning, then silence: not judged (did not finish within HARENA_TIMEOUT_MS), never a critical bug', async () => {
    for (const [id, events] of [
      ['script_message', [status('Analyse du contexte...'), START, chunk('Voici vos dépenses du mois dernier')]],
      ['other_user_path', [status('Analyse du contexte...')]],
    ] as const) {
      const { r } = await held(id, [...events])
      expect(r.ok, said(r)).toBeNull()
      expect(codes(r)).toEqual(['security.stream_timeout'])
      expect(said(r)).toMatch(/→ HTTP 200, but the stream did not finish within HARENA_TIMEOUT_MS \(300 ms; \d chunk\(s\) received/)
      expect(said(r, 'fr')).toMatch(/ne s'est pas terminé dans HARENA_TIMEOUT_MS \(300 ms/)
    }
  })
})
