// The reference service's security guards and conversation routes (issue 10), and the fault knobs that remove each
// guard (`guardOff`) or make an answer wrong (`defect`): each knob changes exactly what it names.
import { afterAll, describe, expect, test } from 'vitest'
import type { FaultRule } from '../../../fixtures/reference/faults.ts'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { call, chat, login, start } from './helpers.ts'

const servers: ReferenceServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})
async function ref(faults: FaultRule[] = []): Promise<ReferenceServer> {
  const s = await start({ faults })
  servers.push(s)
  return s
}
const off = (guard: string): FaultRule => ({ fault: { kind: 'guardOff', guard } as FaultRule['fault'] })
const get = (r: ReferenceServer, token: string, path: string) => call(r, 'GET', path, { headers: { authorization: `Bearer ${token}` } })

describe('guards on (the default)', () => {
  test('conversation list: own 200, another user’s 403; turns: own 200, another user’s 404; unknown 404', async () => {
    const r = await ref()
    const t1 = await login(r, 1)
    const answer = (await chat(r, t1, 'Mes dépenses du mois dernier')).json as { conversation_id: number }
    const own = await get(r, t1, '/api/v1/conversation/conversations/1')
    expect(own.status).toBe(200)
    expect((own.json as { conversations: Array<{ id: number }> }).conversations.map((c) => c.id)).toEqual([answer.conversation_id])
    expect((await get(r, t1, '/api/v1/conversation/conversations/2')).status).toBe(403)
    const turns = await get(r, t1, `/api/v1/conversation/conversation/${answer.conversation_id}/turns`)
    expect(turns.status).toBe(200)
    expect((turns.json as { turns: Array<{ user_message: string }> }).turns[0]?.user_message).toBe('Mes dépenses du mois dernier')
    expect(await get(r, t1, '/api/v1/conversation/conversation/1/turns')).toMatchObject({ status: 404, json: { detail: 'Conversation non trouvée' } })
    expect((await get(r, t1, '/api/v1/conversation/conversation/999/turns')).status).toBe(404)
    expect((await call(r, 'GET', '/api/v1/conversation/conversations/1')).status).toBe(401)
  })
})

describe('each guardOff knob removes its guard, and only it', () => {
  test('auth: no token is served as user 1; other guards stay', async () => {
    const r = await ref([off('auth')])
    expect((await chat(r, null, 'Mes dépenses du mois dernier')).status).toBe(200)
    expect((await chat(r, await login(r, 1), 'Mes dépenses', { userId: 2 })).status).toBe(403)
  })

  test('wwwAuthenticate: the 401 comes without its challenge', async () => {
    const on = await chat(await ref(), null, 'Mes dépenses')
    expect(on.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const r = await chat(await ref([off('wwwAuthenticate')]), null, 'Mes dépenses')
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toBeNull()
  })

  test('pathUser: user 1’s token reads user 2’s answers', async () => {
    const r = await ref([off('pathUser')])
    const reply = await chat(r, await login(r, 1), 'Mes dépenses du mois dernier', { userId: 2 })
    expect(reply.status).toBe(200)
    expect((reply.json as { user_id: number }).user_id).toBe(2)
  })

  test('userIdRange: user 0 is no longer a 400 (the path check answers instead)', async () => {
    const on = await ref()
    expect((await chat(on, await login(on, 1), 'Mes dépenses', { userId: 0 })).status).toBe(400)
    const r = await ref([off('userIdRange')])
    expect((await chat(r, await login(r, 1), 'Mes dépenses', { userId: 0 })).status).toBe(403)
  })

  test('inputPatterns: <script> is echoed raw, SQL gives an SQL error; without the knob both are 422', async () => {
    const on = await ref()
    const t = await login(on, 1)
    expect((await chat(on, t, '<script>alert(1)</script> Mes dépenses')).status).toBe(422)
    const r = await ref([off('inputPatterns')])
    const t2 = await login(r, 1)
    const script = (await chat(r, t2, '<script>alert(1)</script> Mes dépenses')).json as { response: { message: string } }
    expect(script.response.message).toContain('<script>alert(1)</script>')
    const sql = (await chat(r, t2, 'SELECT * FROM transactions; DROP TABLE users')).json as { response: { message: string } }
    expect(sql.response.message).toMatch(/syntax error .*SQLSTATE/)
  })

  test('conversationOwnership: another user’s list and turns are served', async () => {
    const r = await ref([off('conversationOwnership')])
    const t1 = await login(r, 1)
    expect((await get(r, t1, '/api/v1/conversation/conversations/2')).status).toBe(200)
    const turns = await get(r, t1, '/api/v1/conversation/conversation/1/turns')
    expect(turns.status).toBe(200)
    expect(turns.text).toContain('Budget vacances')
  })
})

describe('defect knobs', () => {
  test('ungroundedTotal rewrites the text total only; leakUserId sets query.user_id and X-User-ID; unrelatedRefusal is a 422 about SQL', async () => {
    const r = await ref([
      { match: 'mois dernier', fault: { kind: 'defect', defect: 'ungroundedTotal' } as FaultRule['fault'] },
      { match: 'Carrefour', fault: { kind: 'defect', defect: 'leakUserId' } as FaultRule['fault'] },
      { match: 'trucs', fault: { kind: 'defect', defect: 'unrelatedRefusal' } as FaultRule['fault'] },
    ])
    const t = await login(r, 1)
    const total = (await chat(r, t, 'Mes dépenses du mois dernier')).json as {
      response: { message: string; visualizations: Array<{ value?: number }> }
    }
    expect(total.response.message).toContain('1 234,56 €')
    expect(total.response.visualizations[0]?.value).toBe(2661.93)
    const leak = await chat(r, t, 'Mes dépenses chez Carrefour')
    expect((leak.json as { user_id: number; query: { user_id: number } }).user_id).toBe(1)
    expect((leak.json as { query: { user_id: number } }).query.user_id).toBe(2)
    expect(leak.headers.get('x-user-id')).toBe('2')
    const refusal = await chat(r, t, 'Mes trucs')
    expect(refusal.status).toBe(422)
    expect(refusal.text).toContain('SELECT * FROM transactions')
  })
})
