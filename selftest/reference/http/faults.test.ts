// Fault knobs over real HTTP: each kind does exactly what it claims on the wire, rules match case- and
// accent-insensitively, rates are deterministic under a seed, latency shows in Server-Timing, and stats() counts
// requests in flight. Rule parsing is checked directly (parseFaults / FaultPlan are not request handlers).
import { afterEach, describe, expect, test } from 'vitest'
import { FaultPlan, parseFaults, type FaultRule } from '../../../fixtures/reference/faults.ts'
import { FALLBACK_MESSAGES } from '../../../fixtures/reference/envelope.ts'
import { ChatResponseV2 } from '../../../tests/support/adapters/harena-v2.ts'
import type { ReferenceServer, ReferenceServerOptions } from '../../../fixtures/reference/server.ts'
import { call, chat, login, start, timings, type WireBody } from './helpers.ts'

const CARREFOUR = 'Mes dépenses chez Carrefour'
const TREND = 'Mes tendances de dépenses'
const TODAY = "Combien j'ai dépensé aujourd'hui ?"

const servers: ReferenceServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function faulty(faults: FaultRule[], options: ReferenceServerOptions = {}): Promise<{ ref: ReferenceServer; token: string }> {
  const ref = await start({ faults, ...options })
  servers.push(ref)
  return { ref, token: await login(ref, 1) }
}

describe('parseFaults', () => {
  test('accepts every kind and returns the rules', () => {
    const json = JSON.stringify([
      { match: 'Carrefour', rate: 0.5, fault: { kind: 'latency', stage: 'search', ms: 10 } },
      { fault: { kind: 'latency', lognormal: { medianMs: 100, sigma: 0.5 } } },
      { fault: { kind: 'http5xx', status: 503 } },
      { fault: { kind: 'fallback', stage: 'query_building' } },
      { fault: { kind: 'fallback', stage: 'response' } },
      { fault: { kind: 'dropVisualizations' } },
      { fault: { kind: 'malformedJson' } },
      { fault: { kind: 'contractViolation' } },
      { fault: { kind: 'hang' } },
      { fault: { kind: 'reset' } },
      { fault: { kind: 'hostile', payload: 'huge', sizeBytes: 2_000_000 } },
    ])
    const rules = parseFaults(json)
    expect(rules).toHaveLength(11)
    expect(rules[0]).toEqual({ match: 'Carrefour', rate: 0.5, fault: { kind: 'latency', stage: 'search', ms: 10 } })
  })

  test.each([
    ['not JSON', '[{', /^faults: not valid JSON/],
    ['an unknown kind', '[{"fault":{"kind":"explode"}}]', /faults\[0\]\.fault\.kind/],
    ['a negative latency', '[{"fault":{"kind":"latency","ms":-5}}]', /faults\[0\]\.fault\.ms/],
    ['a latency without ms or lognormal', '[{"fault":{"kind":"latency"}}]', /faults\[0\]\.fault: a latency fault needs/],
    ['an unknown stage', '[{"fault":{"kind":"latency","stage":"db","ms":5}}]', /faults\[0\]\.fault\.stage/],
    ['a rate above 1', '[{"rate":1.5,"fault":{"kind":"hang"}}]', /faults\[0\]\.rate/],
    ['a misspelt key', '[{"fault":{"kind":"fallback","stge":"context"}}]', /faults\[0\]\.fault.*stge/],
    ['a 4xx as http5xx', '[{"fault":{"kind":"http5xx","status":404}}]', /faults\[0\]\.fault\.status/],
    ['an object instead of a list', '{"fault":{"kind":"hang"}}', /^faults: /],
    [
      'an unknown hostile payload',
      '[{},{"fault":{"kind":"hostile","payload":"emoji"}}]',
      /faults\[0\]\.fault.*faults\[1\]\.fault\.payload|faults\[1\]\.fault\.payload/,
    ],
  ])('refuses %s with a message naming the field', (_name, json, message) => {
    expect(() => parseFaults(json)).toThrow(message)
  })

  test('startReferenceServer and setFaults refuse bad rules too (the old rules stay)', async () => {
    await expect(start({ faults: [{ fault: { kind: 'nope' } }] as never })).rejects.toThrow(/faults\[0\]\.fault\.kind/)
    const { ref, token } = await faulty([{ match: 'Carrefour', fault: { kind: 'http5xx' } }])
    expect(() => ref.setFaults([{ rate: 2, fault: { kind: 'hang' } }])).toThrow(/faults\[0\]\.rate/)
    expect((await chat(ref, token, CARREFOUR)).status).toBe(500)
  })
})

describe('FaultPlan draws (deterministic under a seed)', () => {
  const lognormal: FaultRule[] = [{ fault: { kind: 'latency', lognormal: { medianMs: 100, sigma: 0.8 } } }]
  const draws = (seed: number, rules: FaultRule[]) => {
    const plan = new FaultPlan(rules, seed)
    return Array.from({ length: 200 }, () => plan.decide('x').latency.response_generation ?? 0)
  }
  test('same seed, same lognormal latencies; another seed, other latencies; the median is near medianMs', () => {
    const a = draws(7, lognormal)
    expect(draws(7, lognormal)).toEqual(a)
    expect(draws(8, lognormal)).not.toEqual(a)
    const sorted = [...a].sort((x, y) => x - y)
    const median = (sorted[99]! + sorted[100]!) / 2
    expect(median).toBeGreaterThan(70)
    expect(median).toBeLessThan(140)
    expect(new Set(a).size).toBe(200)
  })
  test('sigma 0 is exactly the median; ms and lognormal add up', () => {
    expect(new Set(draws(1, [{ fault: { kind: 'latency', ms: 5, lognormal: { medianMs: 20, sigma: 0 } } }]))).toEqual(new Set([25]))
  })
})

describe('latency', () => {
  test('adds to its stage in Server-Timing (default response_generation); rules on one stage add up', async () => {
    const rules: FaultRule[] = [
      { match: 'carrefour', fault: { kind: 'latency', stage: 'search', ms: 40 } },
      { match: 'CARREFOUR', fault: { kind: 'latency', stage: 'search', ms: 25 } },
      { match: 'tendances', fault: { kind: 'latency', ms: 30 } },
    ]
    const { ref, token } = await faulty(rules)
    const a = await chat(ref, token, CARREFOUR)
    expect(a.status).toBe(200)
    const ta = timings(a.headers)
    expect(ta['search']).toBeGreaterThanOrEqual(64) // 40 + 25, really waited (a timer may fire ~1 ms early)
    expect(ta['total']).toBeGreaterThanOrEqual(ta['search']!)
    expect((a.json as WireBody).processing_time_ms).toBeGreaterThanOrEqual(64)
    const b = timings((await chat(ref, token, TREND)).headers)
    expect(b['response_generation']).toBeGreaterThanOrEqual(29)
    // Untouched stage: no injected latency. Read from the plan's decision (what the server adds), not from a
    // measured time, which a loaded machine can stretch (a 36 ms search beside a 71 ms faulted one was seen).
    const plan = new FaultPlan(rules, 1)
    expect(plan.decide(TREND).latency).toEqual({ response_generation: 30 })
    expect(plan.decide(CARREFOUR).latency).toEqual({ search: 65 })
  })

  test('combines with an outcome fault: a slow 500 shows its latency', async () => {
    const { ref, token } = await faulty([{ fault: { kind: 'latency', stage: 'intent_classification', ms: 30 } }, { fault: { kind: 'http5xx' } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(500)
    expect(timings(r.headers)['intent_classification']).toBeGreaterThanOrEqual(29)
  })
})

describe('http5xx', () => {
  test('500 by default with the real route body; matched case- and accent-insensitively; other messages unaffected', async () => {
    const { ref, token } = await faulty([{ match: 'DEPENSES CHEZ carrefour', fault: { kind: 'http5xx' } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(500)
    expect(r.json).toEqual({
      detail: { error: 'Erreur traitement conversation', request_id: expect.stringMatching(/^conv_\d{13}_1$/), timestamp: expect.any(String) },
    })
    expect((await chat(ref, token, TREND)).status).toBe(200)
    // Faults apply to chat requests only: login and health keep working.
    expect((await call(ref, 'GET', '/health')).status).toBe(200)
  })
  test('503 with the real 503 body; another 5xx status as asked', async () => {
    const { ref, token } = await faulty([
      { match: 'carrefour', fault: { kind: 'http5xx', status: 503 } },
      { match: 'tendances', fault: { kind: 'http5xx', status: 502 } },
    ])
    const a = await chat(ref, token, CARREFOUR)
    expect(a.status).toBe(503)
    expect(a.json).toMatchObject({ detail: { error: 'Service temporairement indisponible' } })
    expect((await chat(ref, token, TREND)).status).toBe(502)
  })
  test('a rule without match hits every chat request but never the login route', async () => {
    const { ref, token } = await faulty([{ fault: { kind: 'http5xx' } }])
    expect((await chat(ref, token, TODAY)).status).toBe(500)
    expect(await login(ref, 2)).toEqual(expect.any(String))
  })
})

describe('fallback: HTTP 200, status "error", the real sentence of the failing stage', () => {
  const cases = [
    ['context', 'context', []],
    ['intent_classification', 'intent_classification', ['intent_classification']],
    ['intent', 'intent_classification', ['intent_classification']],
    ['query_building', 'query_building', ['intent_classification']],
    ['query', 'query_building', ['intent_classification']],
    ['response_generation', 'response_generation', ['intent_classification', 'search', 'user_profile', 'response_generation']],
    ['response', 'response_generation', ['intent_classification', 'search', 'user_profile', 'response_generation']],
  ] as const
  test.each(cases)('stage %s', async (stage, canonical, ran) => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'fallback', stage } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(200)
    const body = r.json as WireBody
    expect(body).toMatchObject({
      user_id: 1,
      message: CARREFOUR,
      status: 'error',
      intent: null,
      query: null,
      response: { message: FALLBACK_MESSAGES[canonical], structured_data: [], visualizations: [] },
      search_summary: { found_results: false, total_results: 0 },
      performance: { overall_success: false, pipeline_stages: 5 },
      architecture: 'v2.0',
    })
    // Still a valid v2 body: only the checks after the contract must catch it.
    expect(ChatResponseV2.safeParse(body).success).toBe(true)
    // Only the stages that ran are timed.
    expect(Object.keys(timings(r.headers))).toEqual([...ran, 'total'])
  })
  test('the sentences are the contract’s, byte for byte', () => {
    expect(FALLBACK_MESSAGES).toEqual({
      context: 'Je rencontre des difficultes e analyser le contexte de notre conversation.',
      intent_classification: "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?",
      query_building: 'Je ne parviens pas e construire une requete appropriee pour vos donnees.',
      response_generation: "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
    })
  })
})

describe('broken bodies', () => {
  test('dropVisualizations: a data answer without visualizations', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'dropVisualizations' } }])
    const body = (await chat(ref, token, CARREFOUR)).json as WireBody
    expect(body.status).toBe('completed')
    expect(body.search_summary.found_results).toBe(true)
    expect(body.response!.visualizations).toEqual([])
    expect(body.response!.structured_data.length).toBeGreaterThan(0)
  })
  test('malformedJson: HTTP 200, application/json, a truncated body that does not parse', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'malformedJson' } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json')
    expect(r.text.startsWith('{"user_id":1,')).toBe(true)
    expect(r.json).toBeUndefined()
    expect(() => JSON.parse(r.text)).toThrow()
  })
  test('contractViolation: valid JSON without `response` and with a numeric intent.type', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'contractViolation' } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(200)
    const body = r.json as Record<string, unknown>
    expect(body).not.toHaveProperty('response')
    expect((body['intent'] as { type: unknown }).type).toBe(42)
    const parsed = ChatResponseV2.safeParse(body)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['intent.type', 'response'])
  })
})

describe('transport faults', () => {
  test('hang: never answers; the client gives up; the request leaves the in-flight count', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'hang' } }])
    await expect(chat(ref, token, CARREFOUR, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i)
    await expect.poll(() => ref.stats().inFlight).toBe(0)
    const entry = ref.stats().requests.find((r) => r.message === CARREFOUR)
    expect(entry).toMatchObject({ method: 'POST', status: 0, userId: 1 })
    expect((await chat(ref, token, TREND)).status).toBe(200) // the server is fine otherwise
  })
  test('hang: close() ends hanging requests too, and resolves', async () => {
    const ref = await start({ faults: [{ fault: { kind: 'hang' } }] })
    const token = await login(ref, 1)
    const pending = chat(ref, token, CARREFOUR).then(
      () => 'answered',
      () => 'failed',
    )
    await expect.poll(() => ref.stats().inFlight).toBe(1)
    await ref.close()
    expect(await pending).toBe('failed')
  })
  test('reset: the socket is destroyed mid-request, no HTTP status', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'reset' } }])
    const error = await chat(ref, token, CARREFOUR).then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string; message?: string } },
    )
    expect(error).not.toBeNull()
    expect(`${error!.message} ${error!.cause?.code ?? ''} ${error!.cause?.message ?? ''}`).toMatch(/ECONNRESET|other side closed|socket|terminated/i)
    expect(ref.stats().requests.find((r) => r.message === CARREFOUR)?.status).toBe(0)
    expect((await chat(ref, token, TREND)).status).toBe(200)
  })
})

describe('hostile answers: the normal answer followed by the payload', () => {
  test('script, markdown and control payloads', async () => {
    const { ref, token } = await faulty([
      { match: 'carrefour', fault: { kind: 'hostile', payload: 'script' } },
      { match: 'tendances', fault: { kind: 'hostile', payload: 'markdown' } },
      { match: "aujourd'hui", fault: { kind: 'hostile', payload: 'control' } },
    ])
    const script = (await chat(ref, token, CARREFOUR)).json as WireBody
    expect(script.response!.message).toMatch(/^Chez Carrefour/)
    expect(script.response!.message).toMatch(/<script>alert\(/)
    expect(script.response!.message).toContain('onerror=')
    expect(script.response!.visualizations.length).toBeGreaterThan(0)

    const md = ((await chat(ref, token, TREND)).json as WireBody).response!.message
    expect(md).toContain('](javascript:')
    expect(md).toContain('<img src=x onerror=')
    expect(md).toMatch(/\n\|---\|---\|\n/)
    expect(md).toContain('```')

    const ctl = ((await chat(ref, token, TODAY)).json as WireBody).response!.message
    for (let c = 0; c < 32; c++) expect(ctl, `U+${c.toString(16)}`).toContain(String.fromCharCode(c))
    expect(ctl).toContain('\u001b[31m')
    expect(ctl).toContain('\u001b]0;')
    expect(ctl).toContain('\u202e')
  })
  test('huge: a valid JSON body of at least sizeBytes', async () => {
    const size = 3 * 1024 * 1024
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'hostile', payload: 'huge', sizeBytes: size } }])
    const r = await chat(ref, token, CARREFOUR)
    expect(r.status).toBe(200)
    expect(r.text.length).toBeGreaterThanOrEqual(size)
    expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(r.text))
    expect((r.json as WireBody).response!.message.length).toBeGreaterThan(size)
  })
})

describe('rules: rates, order, runtime changes', () => {
  const pattern = async (ref: ReferenceServer, token: string, n: number): Promise<string> => {
    let out = ''
    for (let i = 0; i < n; i++) out += (await chat(ref, token, TODAY)).status === 500 ? 'x' : '.'
    return out
  }
  test('rate 0.5: the same seed gives the same pattern; another seed another; setFaults restarts the stream', async () => {
    const rules: FaultRule[] = [{ rate: 0.5, fault: { kind: 'http5xx' } }]
    const a = await faulty(rules, { faultSeed: 7 })
    const b = await faulty(rules, { faultSeed: 7 })
    const c = await faulty(rules, { faultSeed: 8 })
    const pa = await pattern(a.ref, a.token, 40)
    expect(await pattern(b.ref, b.token, 40)).toBe(pa)
    expect(await pattern(c.ref, c.token, 40)).not.toBe(pa)
    const fired = pa.split('').filter((ch) => ch === 'x').length
    expect(fired).toBeGreaterThan(8)
    expect(fired).toBeLessThan(32)
    a.ref.setFaults(rules)
    expect(await pattern(a.ref, a.token, 40)).toBe(pa)
  })
  test('rate 0 never fires; a rule’s stream does not depend on other rules’ traffic', async () => {
    const rules: FaultRule[] = [
      { rate: 0, fault: { kind: 'http5xx' } },
      { match: 'carrefour', rate: 0.5, fault: { kind: 'latency', ms: 1 } },
      { match: "aujourd'hui", rate: 0.5, fault: { kind: 'http5xx' } },
    ]
    const a = await faulty(rules, { faultSeed: 3 })
    const b = await faulty(rules, { faultSeed: 3 })
    // b sees extra traffic matched by rule 1 only; rule 2's decisions stay the same.
    for (let i = 0; i < 5; i++) await chat(b.ref, b.token, CARREFOUR)
    expect(await pattern(b.ref, b.token, 30)).toBe(await pattern(a.ref, a.token, 30))
  })
  test('the first matching outcome rule wins; later ones only where it does not match', async () => {
    const { ref, token } = await faulty([
      { match: 'carrefour', fault: { kind: 'http5xx', status: 503 } },
      { fault: { kind: 'fallback', stage: 'context' } },
    ])
    expect((await chat(ref, token, CARREFOUR)).status).toBe(503)
    const other = (await chat(ref, token, TREND)).json as WireBody
    expect(other.status).toBe('error')
  })
  test('setFaults switches faults on and off at runtime', async () => {
    const { ref, token } = await faulty([])
    expect((await chat(ref, token, CARREFOUR)).status).toBe(200)
    ref.setFaults([{ match: 'Carrefour', fault: { kind: 'http5xx' } }])
    expect((await chat(ref, token, CARREFOUR)).status).toBe(500)
    ref.setFaults([])
    expect((await chat(ref, token, CARREFOUR)).status).toBe(200)
  })
})

describe('stats()', () => {
  test('counts requests in flight and their peak; resetStats forgets the log and restarts the peak', async () => {
    const { ref, token } = await faulty([{ match: 'carrefour', fault: { kind: 'hang' } }])
    const controllers = Array.from({ length: 4 }, () => new AbortController())
    const pending = controllers.map((c) => chat(ref, token, CARREFOUR, { signal: c.signal }).catch(() => 'aborted'))
    await expect.poll(() => ref.stats().inFlight).toBe(4)
    expect(ref.stats().peakInFlight).toBe(4)
    // A snapshot: the objects returned do not change afterwards.
    const snapshot = ref.stats()
    for (const c of controllers) c.abort()
    expect(await Promise.all(pending)).toEqual(['aborted', 'aborted', 'aborted', 'aborted'])
    await expect.poll(() => ref.stats().inFlight).toBe(0)
    expect(snapshot.inFlight).toBe(4)
    expect(ref.stats().peakInFlight).toBe(4)
    const chats = ref.stats().requests.filter((r) => r.path === '/api/v1/conversation/1')
    expect(chats).toHaveLength(4)
    expect(chats.every((r) => r.message === CARREFOUR && r.userId === 1 && r.status === 0)).toBe(true)
    ref.resetStats()
    expect(ref.stats()).toEqual({ inFlight: 0, peakInFlight: 0, requests: [] })
    await chat(ref, token, TREND)
    expect(ref.stats().requests.map((r) => [r.method, r.path, r.status, r.userId, r.message])).toEqual([
      ['POST', '/api/v1/conversation/1', 200, 1, TREND],
    ])
    expect(ref.stats().peakInFlight).toBe(1)
  })
})
