// The reference service keeps a flat memory on a long run: its request log holds the most recent requests only,
// while the /health totals still count every request of its life.
import { afterAll, describe, expect, test } from 'vitest'
import { RequestLog } from '../../../fixtures/reference/request-log.ts'
import type { ReferenceServer } from '../../../fixtures/reference/server.ts'
import { call, start } from './helpers.ts'

const started: ReferenceServer[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})

describe('bounded request log', () => {
  test('a ring buffer keeps the last `limit` entries, oldest first, and clears', () => {
    const log = new RequestLog<number>(3)
    for (let i = 1; i <= 7; i++) log.push(i)
    expect(log.toArray()).toEqual([5, 6, 7])
    log.clear()
    log.push(8)
    expect(log.toArray()).toEqual([8])
    expect(() => new RequestLog(0)).toThrow('limit must be a whole number ≥ 1')
  })

  test('the server logs its most recent requests only; /health still counts them all', async () => {
    const ref = await start({ requestLogLimit: 3 })
    started.push(ref)
    for (let i = 1; i <= 5; i++) expect((await call(ref, 'GET', `/health/live?n=${i}`)).status).toBe(200)
    expect(ref.stats().requests.map((r) => r.path)).toEqual(['/health/live?n=3', '/health/live?n=4', '/health/live?n=5'])
    const health = (await call(ref, 'GET', '/health')).json as { health_details: { total_requests: number } }
    expect(health.health_details.total_requests).toBe(6)
  })
})
