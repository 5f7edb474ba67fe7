// What the merge of a sharded run accepts (core/shard.ts; docs/sharding.md): shards agree on the split, the target,
// every run setting and the question set; one blob per shard; the missing ones are named.
import { describe, expect, test } from 'vitest'
import { mergedHealth, missingShards, type ShardRecord, shardDisagreement, shardHealth } from '../../core/shard.ts'
import type { HealthRecord } from '../../core/model.ts'
import { reason } from '../../core/reason.ts'
import { loadSettings, runSettingsOf } from '../../core/settings.ts'

const base = (index: number, count = 3, over: Partial<ShardRecord> = {}): ShardRecord => ({
  shard: { index, count },
  target: { baseUrl: 'https://gw.example/harena', contract: 'harena-v2', embedded: false },
  settings: runSettingsOf(loadSettings({})),
  questions: [
    {
      id: 'q01',
      category: 'by_merchant',
      message: 'Mes dépenses chez Carrefour',
      expectedIntent: null,
      expectsData: true,
      visualizationExpected: true,
    },
  ],
  startedAt: `2026-12-02T10:0${index}:00.000Z`,
  ...over,
})

describe('shardDisagreement', () => {
  test('shards run alike merge; an embedded service on another port per shard is the same target', () => {
    expect(shardDisagreement([base(1), base(2), base(3)])).toBeNull()
    const embedded = (i: number, port: number) =>
      base(i, 2, { target: { baseUrl: `http://127.0.0.1:${port}`, contract: 'harena-v3', embedded: true } })
    expect(shardDisagreement([embedded(1, 40001), embedded(2, 40002)])).toBeNull()
  })

  test('another target, contract, setting, question set or split is named with both values, in one line', () => {
    const other = { ...base(2).target, baseUrl: 'https://other.example' }
    expect(shardDisagreement([base(1), base(2, 3, { target: other })])).toMatch(
      /^the shards were not run alike: the target is https:\/\/gw\.example\/harena \(harena-v2\) in shard 1\/3 but https:\/\/other\.example \(harena-v2\) in shard 2\/3; /,
    )
    expect(shardDisagreement([base(1), base(2, 3, { target: { ...base(2).target, contract: 'harena-v3' } })])).toMatch(/\(harena-v3\) in shard 2\/3/)
    const slower = { ...base(3).settings, p95GoMs: 9000 }
    expect(shardDisagreement([base(1), base(3, 3, { settings: slower })])).toMatch(
      /VALIDATION_P95_GO_MS is 4000 in shard 1\/3 but 9000 in shard 3\/3/,
    )
    expect(shardDisagreement([base(1), base(2, 3, { questions: [] })])).toMatch(/the question set \(VALIDATION_QUESTIONS\) of shard 1\/3 differs/)
    expect(shardDisagreement([base(1, 2), base(2, 3)])).toMatch(/different splits \(--shard=…\/2 and …\/3\)/)
    for (const r of [shardDisagreement([base(1), base(2, 3, { target: other })])]) expect(r?.includes('\n')).toBe(false)
  })

  test('two blobs of one shard from different runs are refused (their attempts would count twice)', () => {
    expect(shardDisagreement([base(1), base(2), base(2, 3, { startedAt: '2026-12-01T09:00:00.000Z' })])).toMatch(
      /two blobs of shard 2\/3 come from different runs/,
    )
  })
})

describe('missingShards', () => {
  test('the shards of the split without a blob, 1-based; an unsharded blob is a split of one', () => {
    expect(missingShards([base(2)])).toEqual({ missing: [1, 3], count: 3 })
    expect(missingShards([base(1), base(2), base(3)])).toEqual({ missing: [], count: 3 })
    expect(missingShards([{ ...base(1), shard: null }])).toEqual({ missing: [], count: 1 })
  })
})

describe('health across shards', () => {
  const route = 'GET /api/v1/conversation/health'
  const health = (over: Partial<HealthRecord> = {}): HealthRecord => ({
    path: 'api/v1/conversation/health',
    httpStatus: 200,
    status: 'healthy',
    version: '2.4.1',
    findings: [],
    ...over,
  })

  test("every shard's findings, each once, in shard order; the first shard that asked stands for status and version", () => {
    const down = reason('health.not_up', { route, status: 503, reported: 'unhealthy' })
    const slow = reason('health.timeout', { route, timeoutMs: 5000 })
    const merged = mergedHealth([
      base(1, 3, { health: null }),
      base(2, 3, { health: health({ httpStatus: 503, status: 'unhealthy', findings: [down] }) }),
      base(3, 3, { health: health({ findings: [slow, down] }) }),
    ])
    expect(merged).toEqual({ ...health({ httpStatus: 503, status: 'unhealthy' }), findings: [down, slow] })
  })

  test('no shard asked (unreachable target, blobs of an older version): null, never an empty "healthy" record', () => {
    expect(mergedHealth([base(1, 2, { health: null }), base(2)])).toBeNull()
    expect(mergedHealth([])).toBeNull()
  })

  test('health is not part of the agreement: shards asked it at their own moment', () => {
    expect(shardDisagreement([base(1, 2, { health: health() }), base(2, 2, { health: health({ status: 'degraded' }) })])).toBeNull()
  })

  test("what the target wrote is scrubbed of the shard's secrets before it goes into the blob", () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.s1gn4tur3-value'
    const leaky = health({
      status: `down ${token}`,
      version: `v-${token}`,
      findings: [reason('health.not_up', { route, status: 200, reported: `down ${token}`, list: [`x ${token}`, 'y'] })],
    })
    const blob = JSON.stringify(shardHealth(leaky, [`Bearer ${token}`]))
    expect(blob).not.toContain(token)
    expect(blob).not.toContain('s1gn4tur3')
    expect(shardHealth(leaky, [`Bearer ${token}`])?.findings[0]?.params.list).toHaveLength(2)
    expect(shardHealth(null, [token])).toBeNull()
  })
})
