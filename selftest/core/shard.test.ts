// What the merge of a sharded run accepts (core/shard.ts; docs/sharding.md): shards agree on the split, the target,
// every run setting and the question set; one blob per shard; the missing ones are named. What the health route
// said and what happened to each shard's credentials are carried, scrubbed, and combined.
import { describe, expect, test } from 'vitest'
import {
  distinctShards,
  furthestAuth,
  mergedAuth,
  mergedHealth,
  mergedPreflightError,
  missingShards,
  partialShards,
  type ShardRecord,
  type ShardRun,
  shardAuth,
  shardDisagreement,
  shardHealth,
  shardPreflightError,
  shardTruth,
  campaignOf,
  otherCampaign,
  shardSpans,
} from '../../core/shard.ts'
import type { AuthExpiry, AuthRefusal, HealthRecord, RunAuth } from '../../core/model.ts'
import { say } from '../../core/locale/index.ts'
import { produce } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { modelWith } from '../reporters/make-model.ts'
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

/** The merge's refusal as the English line says it (the reason itself: core/locale/config.ts). */
const disagree = (records: Parameters<typeof shardDisagreement>[0]): string | null => {
  const why = shardDisagreement(records)
  return why === null ? null : say(why, 'en')
}

describe('shardDisagreement', () => {
  test('shards run alike merge; an embedded service on another port per shard is the same target', () => {
    expect(disagree([base(1), base(2), base(3)])).toBeNull()
    const embedded = (i: number, port: number) =>
      base(i, 2, { target: { baseUrl: `http://127.0.0.1:${port}`, contract: 'harena-v3', embedded: true } })
    expect(disagree([embedded(1, 40001), embedded(2, 40002)])).toBeNull()
  })

  test('another target, contract, setting, question set or split is named with both values, in one line', () => {
    const other = { ...base(2).target, baseUrl: 'https://other.example' }
    expect(disagree([base(1), base(2, 3, { target: other })])).toMatch(
      /^the shards were not run alike: the target is https:\/\/gw\.example\/harena \(harena-v2\) in shard 1\/3 but https:\/\/other\.example \(harena-v2\) in shard 2\/3; /,
    )
    expect(disagree([base(1), base(2, 3, { target: { ...base(2).target, contract: 'harena-v3' } })])).toMatch(/\(harena-v3\) in shard 2\/3/)
    const slower = { ...base(3).settings, p95GoMs: 9000 }
    expect(disagree([base(1), base(3, 3, { settings: slower })])).toMatch(/VALIDATION_P95_GO_MS is 4000 in shard 1\/3 but 9000 in shard 3\/3/)
    // The baseline's regression threshold is the shards' too (a review, 2026-12-04: the merge used its own).
    const lenient = { ...base(2).settings, maxRegression: 100 }
    expect(disagree([base(1), base(2, 3, { settings: lenient })])).toMatch(/VALIDATION_MAX_REGRESSION is 0\.2 in shard 1\/3 but 100 in shard 2\/3/)
    expect(disagree([base(1), base(2, 3, { questions: [] })])).toMatch(/the question set \(VALIDATION_QUESTIONS\) of shard 1\/3 differs/)
    expect(disagree([base(1, 2), base(2, 3)])).toMatch(/different splits \(--shard=…\/2 and …\/3\)/)
    for (const r of [disagree([base(1), base(2, 3, { target: other })])]) expect(r?.includes('\n')).toBe(false)
  })

  test("the refusal is a configuration error said in the run's language: French has no English sentence", () => {
    const other = { ...base(2).target, baseUrl: 'https://other.example' }
    const refusal = shardDisagreement([base(1), base(2, 3, { target: other })])
    expect(refusal?.code).toBe('config.merge.unlike')
    expect(refusal === null ? '' : say(refusal, 'fr')).toBe(
      "les tranches n'ont pas été exécutées de la même façon : la cible est https://gw.example/harena (harena-v2) dans la tranche 1/3 mais https://other.example (harena-v2) dans la tranche 2/3 ; exécutez chaque tranche avec la même cible, les mêmes réglages et le même jeu de questions",
    )
  })

  test('the same questions judged by other definitions (expectations, edge cases, contracts: the digest) are refused', () => {
    // Two commits of the question file that differ only in what the id, message and intent leave out (a review,
    // 2026-12-05: q07's expectations dropped in one, merged GO while both whole runs were NO-GO).
    expect(disagree([base(1, 2, { questionsDigest: 'a'.repeat(64) }), base(2, 2, { questionsDigest: 'a'.repeat(64) })])).toBeNull()
    expect(disagree([base(1, 2, { questionsDigest: 'a'.repeat(64) }), base(2, 2, { questionsDigest: 'b'.repeat(64) })])).toMatch(
      /the question set \(VALIDATION_QUESTIONS\) of shard 1\/2 differs from shard 2\/2's/,
    )
    // A blob of an older version (no digest) beside a new one: not known to be alike.
    expect(disagree([base(1, 2, { questionsDigest: 'a'.repeat(64) }), base(2, 2)])).toMatch(/question set/)
  })

  test('the ground truth each shard checked figures against: a file by its content, the embedded service by itself', () => {
    const file = (content: unknown, name = 'truth.json') => shardTruth(content, name)
    const same = { questions: { q10: { total: 12 } } }
    expect(disagree([base(1, 2, { groundTruth: file(same) }), base(2, 2, { groundTruth: file(same, 'copy.json') })])).toBeNull()
    expect(disagree([base(1, 2, { groundTruth: file({ questions: {} }, 'empty.json') }), base(2, 2, { groundTruth: file(same) })])).toMatch(
      /VALIDATION_GROUND_TRUTH is empty\.json \(sha256 [0-9a-f]{12}\) in shard 1\/2 but truth\.json \(sha256 [0-9a-f]{12}\) in shard 2\/2/,
    )
    // A truth file in one shard, the embedded service's own in the other (a review, 2026-12-05: merged GO).
    const own = (digest: string) => ({ source: 'target', digest, embedded: true as const })
    expect(disagree([base(1, 2, { groundTruth: file({ questions: {} }, 'empty.json') }), base(2, 2, { groundTruth: own('c'.repeat(64)) })])).toMatch(
      /VALIDATION_GROUND_TRUTH is empty\.json \(sha256 [0-9a-f]{12}\) in shard 1\/2 but unset in shard 2\/2/,
    )
    // Each shard's embedded service generates its data at its start: its own truth differs, and is the same setting.
    expect(disagree([base(1, 2, { groundTruth: own('c'.repeat(64)) }), base(2, 2, { groundTruth: own('d'.repeat(64)) })])).toBeNull()
    expect(disagree([base(1, 2, { groundTruth: null }), base(2, 2, { groundTruth: file(same) })])).toMatch(/VALIDATION_GROUND_TRUTH/)
    // A truth file named "target" is a file, never the embedded service's own (a review, 2026-12-05: merged GO).
    expect(shardTruth(same, null)).toMatchObject({ embedded: true })
    expect(disagree([base(1, 2, { groundTruth: file({ questions: {} }, 'target') }), base(2, 2, { groundTruth: shardTruth(same, null) })])).toMatch(
      /VALIDATION_GROUND_TRUTH is target \(sha256 [0-9a-f]{12}\) in shard 1\/2 but unset in shard 2\/2/,
    )
    expect(disagree([base(1, 2, { groundTruth: file({ questions: {} }, 'target') }), base(2, 2, { groundTruth: file(same, 'target') })])).toMatch(
      /VALIDATION_GROUND_TRUTH/,
    )
    // A shard that could not use the target checked nothing: named as unusable, not as another truth.
    const down = base(1, 2, { groundTruth: null, preflightError: reason('target.hanging', {}) })
    expect(disagree([down, base(2, 2, { groundTruth: file(same) })])).toBeNull()
  })

  test('two blobs of one shard from different runs are refused (their attempts would count twice)', () => {
    expect(disagree([base(1), base(2), base(2, 3, { startedAt: '2026-12-01T09:00:00.000Z' })])).toMatch(
      /two blobs of shard 2\/3 come from different runs/,
    )
  })
})

describe('what else shards must share (their run)', () => {
  const run: ShardRun = { specFiles: ['by-merchant.spec.ts', 'security.spec.ts'], namePattern: null, security: true, userId: 1, stopAfterTimeouts: 3 }
  const withRun = (i: number, over: Partial<ShardRun> = {}, version: string | null = '2.0.0'): ShardRecord =>
    base(i, 2, { run: { ...run, ...over }, target: { ...base(i).target, version } })

  test('another build of the target (a blob of an earlier run, a deployment in between) is refused with both versions', () => {
    expect(disagree([withRun(1), withRun(2)])).toBeNull()
    expect(disagree([withRun(1), withRun(2, {}, '1.0.0')])).toMatch(/the target reported version 2\.0\.0 in shard 1\/2 but 1\.0\.0 in shard 2\/2/)
    // A shard whose health route said no version cannot be compared: not a refusal.
    expect(disagree([withRun(1), withRun(2, {}, null)])).toBeNull()
  })

  test('the security probes, the user asked for, the timeout stop and the spec files are part of the agreement', () => {
    expect(disagree([withRun(1), withRun(2, { security: false })])).toMatch(/VALIDATION_SECURITY is true in shard 1\/2 but false in shard 2\/2/)
    expect(disagree([withRun(1), withRun(2, { userId: 2 })])).toMatch(/HARENA_USER_ID is 1 in shard 1\/2 but 2 in shard 2\/2/)
    expect(disagree([withRun(1), withRun(2, { stopAfterTimeouts: 0 })])).toMatch(/VALIDATION_STOP_AFTER_TIMEOUTS is 3/)
    expect(disagree([withRun(1), withRun(2, { specFiles: ['by-merchant.spec.ts'] })])).toMatch(/spec files/)
  })

  test('alike but partial: a shard filtered by name, or spec files no shard ran, make no release verdict', () => {
    const both = ['by-merchant.spec.ts', 'security.spec.ts']
    expect(partialShards([withRun(1), withRun(2)], both)).toBeNull()
    const filtered = partialShards([withRun(1), withRun(2, { namePattern: '/q[0-9]/' })], both)
    expect(filtered?.code).toBe('config.merge.filtered')
    expect(filtered === null ? '' : say(filtered, 'en')).toMatch(/shard 2\/2 was filtered by name \(-t \/q\[0-9\]\/\)/)
    const excluded = partialShards([withRun(1), withRun(2)], ['by-merchant.spec.ts'])
    expect(excluded?.code).toBe('config.merge.files')
    expect(excluded === null ? '' : say(excluded, 'fr')).toMatch(/^aucune tranche n'a exécuté security\.spec\.ts/)
    // Blobs of an older version carry no run: nothing to compare, as before.
    expect(partialShards([base(1), base(2)], [])).toBeNull()
  })
})

describe('a shard that could not use the target', () => {
  test("its reason reaches the merge, scrubbed of the shard's secrets; the first such shard in order speaks for the run", () => {
    const token = 'Bearer preflight-secret-token-0123456789'
    const why = shardPreflightError(reason('target.unreachable', { url: 'http://127.0.0.1:9', error: `refused ${token.slice(7)}` }), [token])
    expect(JSON.stringify(why)).not.toContain('preflight-secret-token')
    const merged = mergedPreflightError([base(1), base(2, 3, { preflightError: why }), base(3, 3, { preflightError: reason('target.hanging', {}) })])
    // Named with its shard: the other shards may have asked their questions (a review, 2026-12-05).
    expect(merged).toEqual(reason('shard.preflight', { ...why?.params, cause: 'target.unreachable', shard: '2/3' }))
    expect(merged === null ? '' : say(merged, 'en')).toMatch(/^in shard 2\/3: /)
    // The blob of a run that was not sharded: its reason as a single run says it.
    expect(mergedPreflightError([base(1, 1, { shard: null, preflightError: why })])).toEqual(why)
    expect(mergedPreflightError([base(1), base(2, 3, { preflightError: null })])).toBeNull()
    expect(shardPreflightError(null, [token])).toBeNull()
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

describe('credentials across shards', () => {
  const refusal = (questionId: string, at: string, afterAttempts = 3): AuthRefusal => ({ at, afterAttempts, questionId, attempt: 0, warmup: false })
  const expiry = (questionId: string, at: string, cause: AuthExpiry['cause'], detail: string | null = null): AuthExpiry => ({
    ...refusal(questionId, at, 5),
    cause,
    detail,
  })
  const relogged: RunAuth = { relogins: [refusal('q04', '2026-12-02T10:02:30.000Z')], expired: null }
  const stopped: RunAuth = { relogins: [], expired: expiry('q07', '2026-12-02T10:03:10.000Z', 'no_credentials') }

  test("every shard's re-login, tagged with its shard, in shard order; every expiry; `expired` the earliest", () => {
    const late = expiry('q10', '2026-12-02T10:09:00.000Z', 'login_failed', 'HTTP 503')
    const early = expiry('q13', '2026-12-02T10:01:00.000Z', 'refused_after_relogin')
    const merged = mergedAuth([
      base(3, 3, { auth: { relogins: [refusal('q13', '2026-12-02T10:00:30.000Z')], expired: early } }),
      base(1, 3, { auth: { relogins: [refusal('q01', '2026-12-02T10:05:00.000Z')], expired: late } }),
      base(2, 3, { auth: null }),
    ])
    expect(merged?.relogins.map((r) => [r.questionId, r.shard])).toEqual([
      ['q01', { index: 1, count: 3 }],
      ['q13', { index: 3, count: 3 }],
    ])
    expect(merged?.expiries?.map((e) => [e.questionId, e.cause, e.detail, e.shard?.index])).toEqual([
      ['q10', 'login_failed', 'HTTP 503', 1],
      ['q13', 'refused_after_relogin', null, 3],
    ])
    expect(merged?.expired).toEqual({ ...early, shard: { index: 3, count: 3 } })
  })

  test('one shard re-logged in, none expired: its re-login alone, no expiry', () => {
    expect(mergedAuth([base(1, 2), base(2, 2, { auth: relogged })])).toEqual({
      relogins: [{ ...relogged.relogins[0], shard: { index: 2, count: 2 } }],
      expired: null,
      expiries: [],
    })
  })

  test("the spec files of one shard carry different stages of its history: the furthest is the shard's, and they are one run", () => {
    const both: RunAuth = { relogins: relogged.relogins, expired: expiry('q07', '2026-12-02T10:04:00.000Z', 'refused_after_relogin') }
    const files = [base(2, 2, { auth: null }), base(2, 2, { auth: both }), base(2, 2, { auth: relogged }), base(1, 2)]
    expect(shardDisagreement(distinctShards(files))).toBeNull()
    expect(distinctShards(files).map((r) => r.shard?.index)).toEqual([1, 2])
    const merged = mergedAuth(files)
    expect(merged?.relogins).toHaveLength(1)
    expect(merged?.expired).toMatchObject({ questionId: 'q07', cause: 'refused_after_relogin', shard: { index: 2, count: 2 } })
    expect(furthestAuth(relogged, null)).toBe(relogged)
    expect(furthestAuth(relogged, both)).toBe(both)
    expect(furthestAuth(both, relogged)).toBe(both)
    expect(furthestAuth(undefined, undefined)).toBeNull()
    // Two runs of one shard are still told apart by what is not the history.
    expect(disagree(distinctShards([base(1, 2), base(1, 2, { startedAt: '2026-12-01T09:00:00.000Z', auth: relogged })]))).toMatch(
      /two blobs of shard 1\/2 come from different runs/,
    )
  })

  test('blobs of an older version (no auth) or shards where nothing happened: null, as before', () => {
    expect(mergedAuth([base(1, 2), base(2, 2)])).toBeNull()
    expect(mergedAuth([base(1, 2, { auth: null }), base(2, 2, { auth: { relogins: [], expired: null } })])).toBeNull()
    expect(mergedAuth([])).toBeNull()
  })

  test('many re-logins over the shards: the notes tell the first two and how many more, the last with its shard', () => {
    const three = (i: number): RunAuth => ({
      relogins: [1, 2, 3].map((n) => refusal(`q0${n}`, `2026-12-02T10:0${i}:0${n}.000Z`, n * 10 + i)),
      expired: null,
    })
    const auth = mergedAuth([base(1, 2, { auth: three(1) }), base(2, 2, { auth: three(2) })])
    expect(auth?.relogins.map((r) => `${r.shard?.index}:${r.questionId}`)).toEqual(['1:q01', '1:q02', '1:q03', '2:q01', '2:q02', '2:q03'])
    const p = produce(modelWith([1000], { auth }, { locale: 'en' }))
    const notes = p.verdict.notes.filter((n) => n.code.startsWith('auth.')).map((n) => say(n, 'en'))
    expect(notes).toHaveLength(3)
    expect(notes[0]).toMatch(/^Re-login at 2026-12-02T10:01:01.000Z in shard 1\/2: /)
    expect(notes[1]).toMatch(/^Re-login at 2026-12-02T10:01:02.000Z in shard 1\/2: /)
    expect(notes[2]).toBe(
      'And 4 more re-logins (6 in all, each token having worked before it expired), the last at 2026-12-02T10:02:03.000Z in shard 2/2 after attempt 32; each refused attempt was asked again with the new token (run.auth in the JSON report lists them all).',
    )
  })

  test('an unsharded blob merged: its history as a single run has it, no shard tag', () => {
    expect(mergedAuth([{ ...base(1), shard: null, auth: stopped }])?.expired).toEqual(stopped.expired)
  })

  test("what a failed login wrote is scrubbed of the shard's secrets before it goes into the blob; nothing happened: null", () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.s1gn4tur3-value'
    const leaky: RunAuth = {
      relogins: [],
      expired: expiry('q01', '2026-12-02T10:00:00.000Z', 'login_failed', `login answered ${token} / hunter2-password`),
    }
    const blob = JSON.stringify(shardAuth(leaky, [`Bearer ${token}`, 'hunter2-password']))
    expect(blob).not.toContain('s1gn4tur3')
    expect(blob).not.toContain('hunter2-password')
    expect(blob).toContain('login answered')
    expect(shardAuth({ relogins: [], expired: null }, [token])).toBeNull()
    expect(shardAuth(null, [token])).toBeNull()
  })

  test("the merged reasons: each shard's expiry as a single run says it, with its cause and its shard, in both languages", () => {
    const other = expiry('q10', '2026-12-02T10:09:00.000Z', 'login_failed', 'HTTP 503')
    const auth = mergedAuth([base(1, 3, { auth: relogged }), base(2, 3, { auth: stopped }), base(3, 3, { auth: { relogins: [], expired: other } })])
    const en = produce(modelWith([1000, 1100], { auth }, { locale: 'en' }))
    const reasons = en.verdict.reasons.map((r) => say(r, 'en'))
    expect(reasons.slice(0, 2)).toEqual([
      'Run stopped — credentials expired in shard 2/3 after attempt 5: the target answered HTTP 401 (q07, attempt 1) and HARENA_API_TOKEN alone cannot log in again (set HARENA_USERNAME + HARENA_PASSWORD, or use a token that outlives the run); the remaining attempts of that shard are not executed, the run is incomplete.',
      'Run stopped — credentials expired in shard 3/3 after attempt 5: the target answered HTTP 401 (q10, attempt 1) and logging in again failed (HTTP 503); the remaining attempts of that shard are not executed, the run is incomplete.',
    ])
    expect(en.verdict.decision).toBe('NO-GO')
    const relogin =
      "Re-login at 2026-12-02T10:02:30.000Z in shard 1/3: the target refused the run's token after attempt 3 (HTTP 401, q04, attempt 1); the suite logged in again and asked that attempt again with the new token (the 401 is not counted)."
    expect(en.markdown).toContain(relogin)
    expect(en.markdown).toContain('credentials expired in shard 2/3 after attempt 5')
    expect(en.markdown).toContain('credentials expired in shard 3/3 after attempt 5')
    const terminal = renderTerminal(en.model, en.aggregate, en.verdict, { dir: 'reports', written: true })
    expect(terminal).toContain('credentials expired in shard 2/3 after attempt 5')
    expect(terminal).toContain('Re-login at 2026-12-02T10:02:30.000Z in shard 1/3')
    const json = JSON.parse(en.json) as { run: { auth: RunAuth } }
    expect(json.run.auth.expired).toMatchObject({ questionId: 'q07', shard: { index: 2, count: 3 } })
    expect(json.run.auth.expiries).toHaveLength(2)
    const fr = produce(modelWith([1000, 1100], { auth }, { locale: 'fr' }))
    expect(say(fr.verdict.reasons[0]!, 'fr')).toMatch(
      /^Exécution arrêtée — identifiants expirés dans la tranche 2\/3 après la tentative 5 : .* les tentatives restantes de cette tranche ne sont pas exécutées/,
    )
    expect(fr.markdown).toContain('Reconnexion à 2026-12-02T10:02:30.000Z dans la tranche 1/3 : ')
    // A single run says it as before: no shard.
    const single = produce(modelWith([1000], { auth: stopped }, { locale: 'en' }))
    expect(say(single.verdict.reasons[0]!, 'en')).toMatch(
      /^Run stopped — credentials expired after attempt 5: .*; the remaining attempts are not executed/,
    )
  })
})

describe('one campaign (a blob of an earlier run kept under another name)', () => {
  const at = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString()
  const T = '2026-12-05T10:00:00.000Z'
  const files = (...runs: Array<[number, string, number]>) =>
    runs.map(([index, start, minutes]) => ({
      record: base(index, 3, { startedAt: start }),
      startTime: Date.parse(start),
      durationMs: minutes * 60_000,
    }))

  test("each shard's span: its start to its last spec file's end, in shard order", () => {
    const spans = shardSpans([
      ...files([2, at(T, 1), 3], [1, T, 2]),
      { record: base(1, 3, { startedAt: T }), startTime: Date.parse(at(T, 1)), durationMs: 120_000 },
    ])
    expect(spans).toEqual([
      { shard: '1/3', startedAt: T, endedAt: at(T, 3) },
      { shard: '2/3', startedAt: at(T, 1), endedAt: at(T, 4) },
    ])
  })

  test('shards run together, or one after the other, are one campaign', () => {
    const together = files([1, T, 5], [2, at(T, 1), 5], [3, at(T, 2), 5])
    const serial = files([1, T, 5], [2, at(T, 6), 5], [3, at(T, 12), 5])
    for (const f of [together, serial])
      expect(
        otherCampaign(
          f.map((x) => x.record),
          shardSpans(f),
        ),
      ).toBeNull()
  })

  test('a shard started long after the others ended (an earlier run’s blob) is refused, naming the shards and their starts', () => {
    const f = files([2, at(T, -24 * 60), 5], [1, T, 5], [3, T, 5])
    const why = otherCampaign(
      f.map((x) => x.record),
      shardSpans(f),
    )
    expect(why?.code).toBe('config.merge.apart')
    expect(say(why!, 'en')).toContain(`2/3 ${at(T, -24 * 60)}, 1/3 ${T}, 3/3 ${T}`)
    // The bound follows the shards' own durations: a 40-minute gap between two-hour shards is one campaign.
    const long = files([1, T, 120], [2, at(T, 160), 120])
    expect(
      otherCampaign(
        long.map((x) => x.record),
        shardSpans(long),
      ),
    ).toBeNull()
    const short = files([1, T, 2], [2, at(T, 40), 2])
    expect(
      otherCampaign(
        short.map((x) => x.record),
        shardSpans(short),
      )?.code,
    ).toBe('config.merge.apart')
  })

  test('the CI run every shard carries: two different ids are refused, whatever the times', () => {
    const records = [base(1, 2, { campaign: 'GITHUB_RUN_ID=42' }), base(2, 2, { campaign: 'GITHUB_RUN_ID=41' })]
    const why = otherCampaign(records, [])
    expect(say(why!, 'en')).toContain('the blobs come from different campaigns (1/2 (GITHUB_RUN_ID=42), 2/2 (GITHUB_RUN_ID=41))')
    expect(otherCampaign([base(1, 2, { campaign: 'GITHUB_RUN_ID=42' }), base(2, 2, { campaign: 'GITHUB_RUN_ID=42' })], [])).toBeNull()
    // A shard re-run 16 min after the others ended ("Re-run failed jobs", the same run id), or a machine's clock 20 min
    // ahead: one campaign — the time rule is for blobs without an id.
    const rerun = files([1, T, 2], [3, T, 2], [2, at(T, 18), 2]).map((x) => ({ ...x, record: { ...x.record, campaign: 'GITHUB_RUN_ID=77' } }))
    expect(
      otherCampaign(
        rerun.map((x) => x.record),
        shardSpans(rerun),
      ),
    ).toBeNull()
    const idless = files([1, T, 2], [3, T, 2], [2, at(T, 18), 2])
    expect(
      otherCampaign(
        idless.map((x) => x.record),
        shardSpans(idless),
      )?.code,
    ).toBe('config.merge.apart')
    expect(campaignOf({ GITHUB_RUN_ID: '42' })).toBe('GITHUB_RUN_ID=42')
    expect(campaignOf({})).toBeNull()
  })
})
