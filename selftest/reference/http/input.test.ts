// Request guards (docs/wire-contracts.md §1.4 → 422 in FastAPI's shape), unknown routes, the never-destructive admin routes,
// the public health routes and conversation ids. No body ever carries a stack trace.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FORBIDDEN_PATTERNS } from '../../../fixtures/reference/request.ts'
import { issueToken, type ReferenceServer } from '../../../fixtures/reference/server.ts'
import { call, chat, login, start, STACK_LIKE, type WireBody } from './helpers.ts'

let ref: ReferenceServer
let token: string
beforeAll(async () => {
  ref = await start()
  token = await login(ref, 1)
})
afterAll(() => ref.close())

interface Item {
  type: string
  loc: Array<string | number>
  msg: string
  input: unknown
}
const detail = (json: unknown) => (json as { detail: Item[] }).detail

async function rawChat(body: string): Promise<{ status: number; json: unknown; text: string }> {
  return call(ref, 'POST', '/api/v1/conversation/1', { headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })
}

describe('422: the message validator (docs/wire-contracts.md §1.4)', () => {
  const sentence = 'Mes dépenses du mois dernier'
  const cases: Array<[string, string, string]> = [
    ['empty', '', 'Le message ne peut pas être vide'],
    ['whitespace only', '   \n\t ', 'Le message ne peut pas être vide'],
    [
      '1001 characters',
      'Combien ai-je dépensé chez Carrefour, Lidl, Monoprix ? '.repeat(19).slice(0, 1001),
      'Le message ne peut pas dépasser 1000 caractères',
    ],
    ['a NUL character', `${sentence}\u0000`, 'Caractères de contrôle non autorisés dans le message'],
    ['an ANSI escape', `\u001b[31m${sentence}`, 'Caractères de contrôle non autorisés dans le message'],
    ['a bell', `${sentence}\u0007`, 'Caractères de contrôle non autorisés dans le message'],
    ['excessive repetition', 'aaaaaaaaaaaaaaaaaaaa', 'Message avec répétition excessive de caractères'],
    ['three URLs', 'voir http://a.example https://b.example http://c.example merci', "Trop d'URLs dans le message"],
    ['three @', 'écrire à a@b.fr, c@d.fr et e@f.fr pour mes dépenses', 'Trop de caractères @ dans le message'],
  ]
  test.each(cases)('%s', async (_name, message, msg) => {
    const r = await chat(ref, token, message)
    expect(r.status).toBe(422)
    expect(r.json).toEqual({
      detail: [{ type: 'value_error', loc: ['body', 'message'], msg: `Value error, ${msg}`, input: message, ctx: { error: {} } }],
    })
  })

  test.each(FORBIDDEN_PATTERNS.map((p) => [p]))('forbidden pattern %s, in any case, inside an ordinary sentence', async (pattern) => {
    for (const variant of [pattern, pattern.toLowerCase()]) {
      const message = `Mes dépenses ${variant} du mois dernier`
      const r = await chat(ref, token, message)
      expect(r.status, variant).toBe(422)
      expect(detail(r.json)[0]!.msg).toBe('Value error, Pattern non autorisé détecté: contenu potentiellement malveillant')
    }
  })

  test('tab and newline are ordinary text; accents, apostrophes and a question mark too', async () => {
    const r = await chat(ref, token, "\tCombien j'ai dépensé\naujourd'hui ?  ")
    expect(r.status).toBe(200)
    expect((r.json as WireBody).message).toBe("Combien j'ai dépensé\naujourd'hui ?") // the stripped echo
  })

  test('exactly 1000 characters is accepted when varied enough (≥ 1000/20 distinct characters, the real rule)', async () => {
    const varied = 'Combien ai-je dépensé chez Carrefour, Lidl, Monoprix ou Fnac en 2026 ? ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 éèàçùâêîôû. '
    const message = varied.repeat(10).slice(0, 1000)
    expect(message.length).toBe(1000)
    expect((await chat(ref, token, message)).status).toBe(200)
    // The same length with fewer than 50 distinct characters trips the repetition check.
    const plain = 'Combien ai-je dépensé chez Carrefour ? '.repeat(30).slice(0, 1000)
    expect(new Set(plain.replace(/\s/g, '')).size).toBeLessThan(50)
    expect(detail((await chat(ref, token, plain)).json)[0]!.msg).toBe('Value error, Message avec répétition excessive de caractères')
  })
})

describe('422: the rest of the body', () => {
  test('malformed JSON', async () => {
    const r = await rawChat('{"message": "Mes trucs"')
    expect(r.status).toBe(422)
    expect(detail(r.json)).toEqual([expect.objectContaining({ type: 'json_invalid', msg: 'JSON decode error' })])
  })
  test('no body at all', async () => {
    const r = await rawChat('')
    expect(r.status).toBe(422)
    expect(detail(r.json)).toEqual([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }])
  })
  test('a JSON array instead of an object', async () => {
    const r = await rawChat('["Mes trucs"]')
    expect(r.status).toBe(422)
    expect(detail(r.json)[0]!.type).toBe('model_attributes_type')
  })
  test('no message field, or a message that is not a string', async () => {
    const missing = await rawChat('{"priority":"normal"}')
    expect(detail(missing.json)).toEqual([{ type: 'missing', loc: ['body', 'message'], msg: 'Field required', input: { priority: 'normal' } }])
    const numeric = await rawChat('{"message":42}')
    expect(detail(numeric.json)).toEqual([{ type: 'string_type', loc: ['body', 'message'], msg: 'Input should be a valid string', input: 42 }])
  })
  test('every bad field is listed at once', async () => {
    const r = await rawChat(
      JSON.stringify({
        message: '',
        message_type: 'audio',
        priority: 'asap',
        client_info: { platform: 'web', os: 'linux' },
        debug_mode: 'yes',
        conversation_id: 'abc',
      }),
    )
    expect(r.status).toBe(422)
    expect(detail(r.json).map((d) => d.loc.join('.'))).toEqual([
      'body.message',
      'body.conversation_id',
      'body.message_type',
      'body.priority',
      'body.client_info',
      'body.debug_mode',
    ])
    expect(detail(r.json)[2]!.msg).toBe("Input should be 'text', 'voice_to_text' or 'structured'")
  })
  test('the harness body with client_info is accepted; an unknown platform is not', async () => {
    expect((await chat(ref, token, 'Mes trucs')).status).toBe(200)
    const r = await chat(ref, token, 'Mes trucs', { extra: { client_info: { platform: 'toaster' } } })
    expect(r.status).toBe(422)
    expect(detail(r.json)[0]!.msg).toBe('Value error, Plateforme non supportée: toaster')
  })
  test('a body over 1 MiB is refused with 413 before any parsing', async () => {
    const r = await rawChat(JSON.stringify({ message: 'x'.repeat(1024 * 1024) }))
    expect(r.status).toBe(413)
    expect(r.json).toEqual({ detail: expect.stringContaining('trop volumineux') })
  })
})

describe('routes', () => {
  test('unknown routes are 404 JSON, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/api/v1/conversation/chat/extra'],
      ['POST', '/api/v1/conversation/chat/x'],
      ['GET', '/api/v2/monitoring/x'],
      ['DELETE', '/nope'],
    ]) {
      const r = await call(ref, method!, path!)
      expect(r.status, `${method} ${path}`).toBe(404)
      expect(r.json).toEqual({ detail: 'Not Found' })
    }
  })
  test('a wrong method on a known route is 405 JSON with Allow', async () => {
    const r = await call(ref, 'GET', '/api/v1/conversation/1', { headers: { authorization: `Bearer ${token}` } })
    expect(r.status).toBe(405)
    expect(r.headers.get('allow')).toBe('POST')
    expect(r.json).toEqual({ detail: 'Method Not Allowed' })
    expect((await call(ref, 'POST', '/health')).status).toBe(405)
  })
  test('the admin routes are refused (never destructive) and still logged, with their user', async () => {
    const local = await start()
    try {
      const t = await login(local, 1)
      const auth = { headers: { authorization: `Bearer ${t}` } }
      const count = await call(local, 'GET', '/api/v1/conversation/admin/conversations/count', auth)
      const clear = await call(local, 'DELETE', '/api/v1/conversation/admin/conversations/clear', auth)
      const anonymous = await call(local, 'DELETE', '/api/v1/conversation/admin/conversations/clear')
      expect([count.status, clear.status, anonymous.status]).toEqual([403, 403, 401])
      expect(clear.json).toEqual({ detail: expect.stringContaining('administration') })
      const admin = local.stats().requests.filter((r) => r.path.includes('/admin/'))
      expect(admin.map((r) => [r.method, r.path, r.status, r.userId])).toEqual([
        ['GET', '/api/v1/conversation/admin/conversations/count', 403, 1],
        ['DELETE', '/api/v1/conversation/admin/conversations/clear', 403, 1],
        ['DELETE', '/api/v1/conversation/admin/conversations/clear', 401, null],
      ])
    } finally {
      await local.close()
    }
  })
  test('GET /health and GET /api/v1/conversation/health are public, in the contract’s shapes', async () => {
    const h = await call(ref, 'GET', '/health')
    expect(h.status).toBe(200)
    expect(h.json).toMatchObject({
      status: 'healthy',
      service: 'conversation_service',
      version: '2.0.0',
      jwt_compatible: true,
      health_details: { total_requests: expect.any(Number), error_rate_percent: expect.any(Number), avg_latency_ms: expect.any(Number) },
      components: expect.any(Object),
      features: expect.any(Array),
    })
    const c = await call(ref, 'GET', '/api/v1/conversation/health')
    expect(c.status).toBe(200)
    expect(c.json).toMatchObject({
      service: 'conversation_service',
      version: '2.0',
      architecture: 'complete',
      status: 'healthy',
    })
    // The contract's body exactly: all nine flags true, no key of the reference's own.
    const flags = ['intent_classification', 'entity_extraction', 'context_management', 'query_building', 'search_execution']
    flags.push('response_generation', 'streaming', 'websocket', 'monitoring')
    expect((c.json as { features: unknown }).features).toEqual(Object.fromEntries(flags.map((f) => [f, true])))
    expect(Object.keys(c.json as object).sort()).toEqual(['architecture', 'components', 'features', 'service', 'status', 'timestamp', 'version'])
    expect((await call(ref, 'GET', '/health/live')).json).toMatchObject({ status: 'alive' })
    expect((await call(ref, 'GET', '/api/v1/conversation/status')).json).toMatchObject({ ready: true, version: '2.0' })
  })
  test('the query string is kept in the log path but ignored for routing', async () => {
    const local = await start()
    try {
      expect((await call(local, 'GET', '/health?probe=1')).status).toBe(200)
      expect(local.stats().requests.map((r) => r.path)).toEqual(['/health?probe=1'])
    } finally {
      await local.close()
    }
  })
})

describe('conversation ids', () => {
  test('a new id per new conversation; a known id of the same user is kept; another user’s id is not', async () => {
    const first = (await chat(ref, token, 'Mes trucs')).json as WireBody
    const second = (await chat(ref, token, 'Mes trucs')).json as WireBody
    expect(second.conversation_id).not.toBe(first.conversation_id)
    const same = (await chat(ref, token, 'Mes trucs', { extra: { conversation_id: first.conversation_id } })).json as WireBody
    expect(same.conversation_id).toBe(first.conversation_id)
    const t2 = await login(ref, 2)
    const foreign = (await chat(ref, t2, 'Mes trucs', { userId: 2, extra: { conversation_id: first.conversation_id } })).json as WireBody
    expect(foreign.conversation_id).not.toBe(first.conversation_id)
  })
})

test('no error body anywhere carries a stack trace or an exception text', async () => {
  const bodies = await Promise.all([
    rawChat('{'),
    rawChat('null'),
    rawChat('{"message":{"nested":true}}'),
    rawChat(JSON.stringify({ message: 'x'.repeat(2000) })),
    call(ref, 'POST', '/api/v1/conversation/%E0%A4%A', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"message":"Mes trucs"}',
    }),
    call(ref, 'POST', '/api/v1/conversation/1', { headers: { authorization: 'Bearer \u00e9\u00e9' } }).catch(() => ({ status: 0, text: '' })),
    call(ref, 'GET', '/api/v1/users/me', { headers: { authorization: `Bearer ${token.slice(0, -3)}abc` } }),
    call(ref, 'POST', '/api/v1/users/auth/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '%%%' }),
  ])
  for (const b of bodies) {
    expect(b.text).not.toMatch(STACK_LIKE)
    if (b.status !== 0) expect(b.status).toBeGreaterThanOrEqual(400)
  }
})

test('seeded fuzz: 300 odd messages for users 1, 2 and one without data never give a 5xx or a placeholder', async () => {
  const words = [
    'Mes',
    'dépenses',
    'chez',
    'Carrefour',
    'du',
    'mois',
    'dernier',
    'semaine',
    '1er',
    'janvier',
    '1970',
    'catégorie',
    'transport',
    'inhabituelles',
    'tendances',
    'comparaison',
    '😀',
    '∑',
    '?',
    "l'an",
    'hier',
    'depuis',
    'mars',
    'entre',
    '€',
    '100',
    'revenus',
    'Netflix',
    'SNCF',
    'XYZ',
    '31',
    'février',
    '29',
    'trimestre',
    'année',
    'week-end',
    '…',
    '"',
    '\\',
    '{}',
    '%s',
    '${x}',
    '0',
    '-1',
    '999999999999',
    'Noël',
  ]
  let seed = 12345
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff
  const statuses = new Map<number, number>()
  for (const uid of [1, 2, 77]) {
    const t = issueToken(uid)
    for (let i = 0; i < 100; i++) {
      const message = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => words[Math.floor(rnd() * words.length)]).join(' ')
      const r = await chat(ref, t, message, { userId: uid })
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
      expect([200, 422], message).toContain(r.status)
      if (r.status === 200) {
        const body = r.json as WireBody
        expect(body.response!.message, message).not.toMatch(/undefined|NaN|\[object /)
        expect(body.user_id).toBe(uid)
      }
    }
  }
  expect(statuses.get(200)).toBeGreaterThan(200) // most are ordinary text, not refused
})
