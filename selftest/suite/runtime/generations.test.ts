// The suite's side of the generations: per-contract question resolution, what each wire can observe, rate-limit
// classification, and the pacing of the cross-worker limiter (VALIDATION_MAX_RPS).
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { loadQuestionsFor, resolveQuestion, type Question } from '../../../core/questions.ts'
import '../../../core/locale/checks.ts'
import '../../../core/locale/gate.ts'
import '../../../core/locale/generations.ts'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { reason } from '../../../core/reason.ts'
import { loadSettings } from '../../../core/settings.ts'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import { acquirePermit, startLimiter } from '../../../tests/support/limiter.ts'
import { observableQuestion } from '../../../tests/support/observability.ts'
import { isRateLimited, LIMITER_RETRY_AFTER_MAX_S, limiterNamed, PaceGate, rateLimitOf } from '../../../tests/support/rate-limit.ts'

const PLAN = fileURLToPath(new URL('../../../fixtures/questions.json', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

describe('question sets per contract (fixtures/questions.json `contracts`)', () => {
  test('harena-v2 keeps the plan (its analytics intents widened, below); harena-v3 gets its intents, no expectation and no visualization; v2-charts its pie', () => {
    const v2 = loadQuestionsFor(PLAN, 'harena-v2')
    const v3 = loadQuestionsFor(PLAN, 'harena-v3')
    const charts = loadQuestionsFor(PLAN, 'harena-v2-charts')
    expect(v2.find((q) => q.id === 'q06')).toMatchObject({ expectedIntent: 'transaction_search.by_category', visualizationExpected: true })
    expect(v3.map((q) => q.expectedIntent)).toEqual([
      ...Array(9).fill('financial_query'),
      'financial_analysis|financial_query',
      'trend_analysis',
      'comparative_analysis',
      null,
      null,
      null,
    ])
    expect(v3.every((q) => q.visualizationExpected === false)).toBe(true)
    expect(v3.find((q) => q.id === 'q15')?.expectations).toEqual([{ kind: 'clarification_or_fallback' }])
    expect(v3.filter((q) => q.id !== 'q15').every((q) => q.expectations.length === 0)).toBe(true)
    expect(charts.find((q) => q.id === 'q06')?.expectations).toEqual([{ kind: 'pie', maxSlices: 9, othersLabel: 'Autres', sumsToTotal: true }])
    expect(charts.find((q) => q.id === 'q08')).toMatchObject({ expectedIntent: 'transaction_search', visualizationExpected: false, expectations: [] })
    for (const q of [...v2, ...v3, ...charts]) expect(q).not.toHaveProperty('contracts')
  })

  // Review finding "v2-real-taxonomy": the real v2 classifier never emits `analytics` (docs/wire-contracts.md §3), so
  // q10–q12 expecting analytics.<subtype> alone failed a healthy v3.2.7 (transaction_search, no subtype) → NO-GO.
  test('harena-v2: every intent a question expects can come from the real v2 classifier (four groups, never analytics)', () => {
    const V2_GROUPS = ['transaction_search', 'financial_query', 'account_management', 'CONVERSATIONAL']
    const v2 = loadQuestionsFor(PLAN, 'harena-v2')
    for (const q of v2) {
      if (q.expectedIntent === null) continue
      const groups = q.expectedIntent.split('|').map((a) => a.split('.')[0])
      expect(
        groups.some((g) => V2_GROUPS.includes(g as string)),
        `${q.id} expects ${q.expectedIntent}`,
      ).toBe(true)
    }
    // The analytics questions keep the plan's intent (the reference's shape, with its subtype) beside the real group.
    expect(v2.filter((q) => q.category === 'analytics_insights').map((q) => q.expectedIntent)).toEqual([
      'analytics.anomalies|transaction_search',
      'analytics.trend|transaction_search',
      'analytics.comparison|transaction_search',
    ])
  })

  test("a question's own entry wins over the set's defaults, field by field", () => {
    const q = {
      id: 'x',
      category: 'c',
      message: 'm',
      expectedIntent: 'a.b',
      expectsData: true,
      edgeCase: false,
      expectations: [{ kind: 'line' }],
      visualizationExpected: true,
      contracts: { 'harena-v3': { expectedIntent: 'trend_analysis' } },
    } as Question
    expect(resolveQuestion(q, 'harena-v3', { expectations: [], visualizationExpected: false })).toMatchObject({
      expectedIntent: 'trend_analysis',
      expectations: [],
      visualizationExpected: false,
      expectsData: true,
    })
    expect(resolveQuestion(q, 'harena-v2')).toMatchObject({ expectedIntent: 'a.b', expectations: [{ kind: 'line' }], visualizationExpected: true })
  })
})

describe('observability: what each wire can carry', () => {
  const plan = loadQuestionsFor(PLAN, 'harena-v2')
  const q10 = plan.find((q) => q.id === 'q10') as Question
  const q04 = plan.find((q) => q.id === 'q04') as Question

  test('the plan on harena-v3: KPI cards, charts and insights are not observable (named), the intent is', () => {
    expect(observableQuestion(q04, harenaV3Adapter.observes)).toMatchObject({ notObservable: ['kpi_cards', 'pie'], question: { expectations: [] } })
    expect(observableQuestion(q10, harenaV3Adapter.observes).notObservable).toEqual(['insight', 'chart_any'])
  })

  test('v3.2.9 carries charts and insights but no KPI card; v2 carries everything', () => {
    expect(observableQuestion(q04, harenaV2ChartsAdapter.observes)).toMatchObject({
      notObservable: ['kpi_cards'],
      question: { expectations: [{ kind: 'pie' }] },
    })
    expect(observableQuestion(q04, harenaV2Adapter.observes).notObservable).toEqual([])
  })

  // The spec (§9): an expectation the wire cannot carry is "not observable", never silently dropped — also when the
  // question set's `contracts` entry is what took it out (v3's `expectations: []`, v3.2.9's per-question entries).
  test('the question set as each contract resolves it: every plan expectation is checked or named, none vanishes', () => {
    const plan = new Map(loadQuestionsFor(PLAN, 'harena-v2').map((q) => [q.id, q]))
    for (const [contract, adapter] of [
      ['harena-v2', harenaV2Adapter],
      ['harena-v2-charts', harenaV2ChartsAdapter],
      ['harena-v3', harenaV3Adapter],
    ] as const)
      for (const observes of [adapter.observes, adapter.stream?.observes ?? adapter.observes])
        for (const q of loadQuestionsFor(PLAN, contract)) {
          const seen = observableQuestion(q, observes)
          const accounted = [...seen.question.expectations.map((e) => e.kind), ...seen.notObservable]
          for (const e of plan.get(q.id)?.expectations ?? []) expect(accounted, `${contract} ${q.id} ${e.kind}`).toContain(e.kind)
        }
  })

  test('named per question: v3 takes out KPI cards, charts and insights; v3.2.9 KPI cards and the charts it never draws', () => {
    const notObservable = (contract: 'harena-v2-charts' | 'harena-v3', id: string) => {
      const q = loadQuestionsFor(PLAN, contract).find((x) => x.id === id) as Question
      const adapter = contract === 'harena-v3' ? harenaV3Adapter : harenaV2ChartsAdapter
      return observableQuestion(q, adapter.observes).notObservable
    }
    expect(notObservable('harena-v3', 'q01')).toEqual(['kpi_cards'])
    expect(notObservable('harena-v3', 'q04')).toEqual(['kpi_cards', 'pie'])
    expect(notObservable('harena-v3', 'q10')).toEqual(['insight', 'chart_any'])
    expect(notObservable('harena-v3', 'q12')).toEqual(['bar'])
    expect(notObservable('harena-v3', 'q15')).toEqual([])
    expect(notObservable('harena-v2-charts', 'q01')).toEqual(['kpi_cards'])
    expect(notObservable('harena-v2-charts', 'q04')).toEqual(['kpi_cards', 'pie'])
    expect(notObservable('harena-v2-charts', 'q06')).toEqual(['kpi_cards']) // its pie is adapted (9 slices), still checked
    expect(notObservable('harena-v2-charts', 'q10')).toEqual([])
    expect(notObservable('harena-v2-charts', 'q12')).toEqual(['bar'])
    // The plan itself (harena-v2) takes nothing out.
    expect(loadQuestionsFor(PLAN, 'harena-v2').every((q) => (q as { withdrawn?: unknown }).withdrawn === undefined)).toBe(true)
  })

  test('a v3 stream states no intent: the intent expectation is not observable there, never failed', () => {
    const out = observableQuestion(q04, harenaV3Adapter.stream?.observes ?? harenaV3Adapter.observes)
    expect(out.notObservable).toContain('intent')
    expect(out.question.expectedIntent).toBeNull()
  })
})

describe('rate limits (tests/support/rate-limit.ts)', () => {
  const nginx503 =
    '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

  test("429, and a 503 from nginx or carrying Retry-After, are a rate limiter; the service's own 503 is not", () => {
    expect(isRateLimited({ httpStatus: 429, headers: {}, bodyText: '' })).toBe(true)
    expect(isRateLimited({ httpStatus: 503, headers: { server: 'nginx/1.25.3' }, bodyText: nginx503 })).toBe(true)
    expect(isRateLimited({ httpStatus: 503, headers: {}, bodyText: nginx503 })).toBe(true)
    expect(isRateLimited({ httpStatus: 503, headers: { 'Retry-After': '1' }, bodyText: '' })).toBe(true)
    const v2Unavailable = JSON.stringify({ detail: { error: 'Service temporairement indisponible', request_id: 'r', timestamp: 't' } })
    expect(isRateLimited({ httpStatus: 503, headers: { 'content-type': 'application/json' }, bodyText: v2Unavailable })).toBe(false)
    expect(isRateLimited({ httpStatus: 500, headers: { server: 'nginx' }, bodyText: nginx503 })).toBe(false)
    // The service's own 503 passed through nginx (which stamps its Server header) is the service failing.
    const behindNginx = { server: 'nginx/1.25.3', 'content-type': 'application/json' }
    expect(isRateLimited({ httpStatus: 503, headers: behindNginx, bodyText: v2Unavailable })).toBe(false)
    expect(isRateLimited({ httpStatus: 503, headers: { ...behindNginx, 'retry-after': '30' }, bodyText: v2Unavailable })).toBe(false)
    expect(isRateLimited({ httpStatus: 503, headers: behindNginx, bodyText: JSON.stringify({ error: 'rate limit exceeded' }) })).toBe(true)
  })

  // Review finding "503html": a platform's own HTML 503 when the app crashed (Heroku's "Application Error", an
  // envoy/traefik/ELB "no upstream" page, an empty body) names no limiter: it is the service failing, a 5xx.
  const heroku =
    '<!DOCTYPE html><html><head><title>Application Error</title></head><body>An error occurred in the application and your page could not be served.</body></html>'
  const html = { 'content-type': 'text/html; charset=utf-8' }
  test.each([
    ['Heroku "Application Error" page', html, heroku],
    ['the same page from the Cowboy router', { ...html, server: 'Cowboy', via: '1.1 vegur' }, heroku],
    ['the same page with no content-type', {}, heroku],
    ['envoy "no healthy upstream"', { server: 'envoy', 'content-type': 'text/plain' }, 'no healthy upstream'],
    ['traefik "Service Unavailable"', { 'content-type': 'text/plain; charset=utf-8' }, 'Service Unavailable'],
    [
      'an ELB page',
      { ...html, server: 'awselb/2.0' },
      '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
    ],
    ['an upstream HTML page passed through nginx', { ...html, server: 'nginx/1.25.3' }, heroku],
    ['a platform out of memory', html, '<html><title>Error R14 (Memory quota exceeded)</title><body>Memory limit exceeded</body></html>'],
    ['an empty 503 from no named proxy', {}, ''],
    ['a French platform page', html, '<html><head><title>Erreur</title></head><body>Le service est momentanément indisponible.</body></html>'],
  ])('a 503 that names no limiter is the service failing: %s', (_name, headers, bodyText) => {
    expect(isRateLimited({ httpStatus: 503, headers, bodyText })).toBe(false)
    expect(rateLimitOf({ httpStatus: 503, headers, bodyText })).toBeNull()
  })

  test.each([
    ['nginx page with its version', {}, nginx503.replace('<center>nginx</center>', '<center>nginx/1.25.3</center>')],
    ['an empty 503 from nginx', { server: 'nginx' }, ''],
    ['Retry-After on an HTML page', { ...html, 'retry-after': '5' }, heroku],
    ['an HTML title "Too Many Requests"', html, '<html><head><title>Too Many Requests</title></head><body>slow down</body></html>'],
    ['"Rate limit exceeded" in plain text', { 'content-type': 'text/plain' }, 'Rate limit exceeded, try again later'],
    ['"limit exceeded" in a JSON error', { 'content-type': 'application/json' }, '{"error":"Request limit exceeded"}'],
    ['"You have exceeded your request quota"', html, '<p>You have exceeded your request quota.</p>'],
    ['French: "Trop de requêtes"', html, '<html><head><title>Trop de requêtes</title></head></html>'],
    ['French: "Limite de requêtes dépassée"', html, '<h1>Limite de requêtes dépassée</h1>'],
    ['French without accents: "limite de debit atteinte"', { 'content-type': 'text/plain' }, 'limite de debit atteinte'],
    ['French JSON: "Quota dépassé"', { 'content-type': 'application/json' }, '{"detail":"Quota de requêtes dépassé"}'],
  ])('a 503 that identifies a limiter is rate limiting: %s', (_name, headers, bodyText) => {
    expect(isRateLimited({ httpStatus: 503, headers, bodyText })).toBe(true)
  })

  // Review finding "outage-503": a load balancer's maintenance page (awselb, "503 Service Temporarily Unavailable",
  // Retry-After: 3600) read as a limiter — Phase 1 advised a lower pace, the monitor never rolled back. RFC 9110
  // §10.2.3: a Retry-After on a 503 is how long an outage is expected to last; alone it is no limiter's mark.
  const elbPage =
    '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>'
  const elb = { ...html, server: 'awselb/2.0' }
  const sent = 'Tue, 01 Dec 2026 10:00:00 GMT'
  test.each([
    ['an ELB maintenance page, Retry-After: 3600', { ...elb, 'retry-after': '3600' }, elbPage],
    ['the same page, Retry-After: 5 (it names the outage)', { ...elb, 'retry-after': '5' }, elbPage],
    ['a maintenance page, Retry-After: 30', { ...html, 'retry-after': '30' }, '<h1>Down for maintenance</h1><p>Back soon.</p>'],
    ['a French maintenance page', { ...html, 'retry-after': '10' }, '<h1>Service en maintenance</h1>'],
    ['an empty body, Retry-After: 3600', { 'retry-after': '3600' }, ''],
    ['an empty body, Retry-After an hour after its Date', { 'retry-after': 'Tue, 01 Dec 2026 11:00:00 GMT', date: sent }, ''],
    ['an empty body, Retry-After unreadable', { 'retry-after': 'later' }, ''],
    [`an empty body, Retry-After: ${LIMITER_RETRY_AFTER_MAX_S + 1}`, { 'retry-after': String(LIMITER_RETRY_AFTER_MAX_S + 1) }, ''],
    ['envoy "no healthy upstream", Retry-After: 1', { server: 'envoy', 'content-type': 'text/plain', 'retry-after': '1' }, 'no healthy upstream'],
  ])('a 503 whose Retry-After announces an outage is the service failing, not a limiter: %s', (_name, headers, bodyText) => {
    expect(isRateLimited({ httpStatus: 503, headers, bodyText })).toBe(false)
    expect(rateLimitOf({ httpStatus: 503, headers, bodyText })).toBeNull()
  })

  test('a short Retry-After alone is a limiter "unnamed" (both readings said); one that names a limiter is named', () => {
    const unnamed = [
      { httpStatus: 503, headers: { 'retry-after': '1' }, bodyText: '' },
      { httpStatus: 503, headers: { 'retry-after': String(LIMITER_RETRY_AFTER_MAX_S) }, bodyText: '' },
      { httpStatus: 503, headers: { 'retry-after': 'Tue, 01 Dec 2026 10:00:05 GMT', date: sent }, bodyText: '' },
      { httpStatus: 503, headers: { ...html, 'retry-after': '5' }, bodyText: heroku },
    ]
    for (const e of unnamed) {
      expect(rateLimitOf(e)).toMatchObject({ unnamed: true })
      expect(limiterNamed(e)).toBe(false) // the health route's rule: a failed check
    }
    const named = [
      { httpStatus: 429, headers: { 'retry-after': '3600' }, bodyText: '' },
      { httpStatus: 503, headers: { server: 'nginx' }, bodyText: nginx503 },
      { httpStatus: 503, headers: { server: 'nginx' }, bodyText: '' },
      { httpStatus: 503, headers: { ...elb, 'retry-after': '3600' }, bodyText: '<html><title>Too Many Requests</title></html>' },
    ]
    for (const e of named) {
      expect(rateLimitOf(e)).toMatchObject({ unnamed: false })
      expect(limiterNamed(e)).toBe(true)
    }
  })

  test('an unnamed refusal is said both ways, in both languages: never "not a failure of the service"', () => {
    const limit = rateLimitOf({ httpStatus: 503, headers: { 'retry-after': '2' }, bodyText: '' })
    const described = { method: 'POST', path: 'api/v1/conversation/1', user: 1, message: null, conversation: null, via: 'token' }
    const reasons = [
      reason('attempt.rate_limited', { status: 503, ...limit }),
      reason('gate.rate_limited', { count: 2, total: 2, notExecuted: 2, unnamed: 2 }),
      reason('evidence.rate_limited', { count: 2, maxRps: 0, unnamed: 2 }),
      reason('security.rate_limited', { ...described, status: 503, unnamed: true }),
    ]
    for (const r of reasons) {
      expect(say(r, 'en'), r.code).toMatch(/service unavailable/)
      expect(say(r, 'en'), r.code).not.toMatch(/not a failure of the service|before reaching the service/)
      expect(say(r, 'fr'), r.code).toMatch(/service indisponible/)
      expect(say(r, 'fr'), r.code).not.toMatch(/pas une (panne|défaillance|échec)|pas un échec|avant d'atteindre le service/)
    }
    // A named limiter keeps saying it is no failure of the service.
    expect(say(reason('gate.rate_limited', { count: 2, total: 2, notExecuted: 2, unnamed: 0 }), 'en')).toMatch(/not a failure of the service/)
  })

  test('only 503 and 429 can be a limiter: another 5xx saying "too many requests" is the service failing', () => {
    for (const status of [500, 502, 504]) {
      expect(isRateLimited({ httpStatus: status, headers: { 'retry-after': '1', server: 'nginx' }, bodyText: 'Too Many Requests' })).toBe(false)
    }
  })

  test('the pace gate spaces events 1/rps apart (0: no pacing)', () => {
    const gate = new PaceGate(4)
    expect(gate.waitMs(1000)).toBe(0)
    gate.pass(1000)
    expect(gate.waitMs(1100)).toBe(150)
    expect(gate.waitMs(1250)).toBe(0)
    const free = new PaceGate(0)
    free.pass(1000)
    expect(free.waitMs(1000)).toBe(0)
    expect(() => new PaceGate(-1)).toThrow(/≥ 0/)
  })

  test('the limiter grants no faster than maxRps, even with free permits (a lower bound: never flaky)', async () => {
    const limiter = await startLimiter(8, 20)
    try {
      const t0 = performance.now()
      const permits = await Promise.all(Array.from({ length: 5 }, () => acquirePermit(limiter.url)))
      // 5 grants 50 ms apart cannot all be granted before 4 × 50 ms.
      expect(performance.now() - t0).toBeGreaterThanOrEqual(4 * 50 - 5)
      for (const p of permits) p.release()
    } finally {
      await limiter.close()
    }
  })

  test('VALIDATION_MAX_RPS: default 8 on harena-v3 (nginx 10 r/s), unpaced on v2; a bad value is one line naming it', () => {
    expect(loadSettings({ HARENA_API_CONTRACT: 'harena-v3' }, ROOT).maxRps).toBe(8)
    expect(loadSettings({}, ROOT).maxRps).toBe(0)
    expect(loadSettings({ VALIDATION_MAX_RPS: '2.5' }, ROOT).maxRps).toBe(2.5)
    expect(() => loadSettings({ VALIDATION_MAX_RPS: 'fast' }, ROOT)).toThrow(
      /^VALIDATION_MAX_RPS="fast" is invalid \(not a number\); expected a number of requests per second/,
    )
    // A negative number is a number: the reason says what is wrong with it.
    expect(() => loadSettings({ VALIDATION_MAX_RPS: '-1' }, ROOT)).toThrow(/^VALIDATION_MAX_RPS="-1" is invalid \(below 0\); expected/)
    expect(() => loadSettings({ VALIDATION_TTFC_GO_MS: '5000' }, ROOT)).toThrow(
      /VALIDATION_TTFC_GO_MS=5000 is invalid \(greater than VALIDATION_TTFC_NOGO_MS=4000\)/,
    )
    expect(loadSettings({ VALIDATION_STREAM: 'yes' }, ROOT)).toMatchObject({ stream: true, ttfcGoMs: 2000, ttfcNoGoMs: 4000 })
  })
})
