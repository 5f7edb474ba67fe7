// An insight the service classes as an error is the pipeline recording a failed step, in HTTP 200 (docs/wire-contracts.md
// §7, tests/support/adapters/failure-signals.ts namesServiceFailure): `{type:"error", title:"Analyse", …}` among v2's
// structured_data, with no error field, gave GO beside a correct text — the error-field rule only reads fields named
// error. Its type, kind, severity or level naming a failure now fails the answer as a pipeline fallback, named by its
// path, on every generation where the wire carries insights (v2 and v2-charts `response.structured_data`, v3
// `metadata.insights.results.<step>`, an `insights` list in a verdict container, a stream event carrying one). Insights
// about the user's banking that only look alike — failed payments, cancelled subscriptions, a critical budget alert —
// stay healthy.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { failureSignals, namesServiceFailure } from '../../../tests/support/adapters/failure-signals.ts'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { checkAnswer, english, question } from '../checks/helpers.ts'
import { v2Body } from './bodies.ts'

type Json = Record<string, unknown>
const WIRE = fileURLToPath(new URL('../../../fixtures/wire/', import.meta.url))
const fixture = (name: string): Json => JSON.parse(readFileSync(`${WIRE}${name}`, 'utf8')) as Json
const exchange = (json: unknown) => ({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(json) })
const ANY = question({ expectedIntent: null, expectsData: null })

function judged(adapter: ContractAdapter, result: AdapterResult) {
  const out = checkAnswer(ANY, result, adapter.observes)
  return { ok: out.ok, fallback: out.fallback, critical: out.critical, failures: english(out.failures).join(' | ') }
}

/** A whole v2 insight (every field the contract requires, no figure of its own) with `over` merged in. */
const insight = (over: Json): Json => ({
  type: 'spending_pattern',
  title: 'Vos habitudes de dépenses',
  description: 'Vos dépenses sont régulières.',
  confidence: 0.8,
  data_support: {},
  actionable: false,
  priority: 2,
  ...over,
})

/** v2 / v2-charts: the recorded body, its own summary insight first, then these; the text stays the correct answer. */
const withInsights = (base: Json, items: unknown[]): Json => {
  const response = base['response'] as Json
  return { ...base, response: { ...response, structured_data: [...(response['structured_data'] as unknown[]), ...items] } }
}
const v2 = (items: unknown[]): Json => withInsights(v2Body({ user_id: 7 }), items)
const v2c = (items: unknown[]): Json => withInsights(fixture('harena-v2-charts-search.json'), items)
/** v3: the recorded analytical body with these step results. */
const v3 = (results: Json): Json => {
  const body = fixture('harena-v3-analytical.json')
  const metadata = body['metadata'] as Json
  return { ...body, metadata: { ...metadata, insights: { operations_performed: Object.keys(results), results } } }
}

const V2_LIKE: Array<[string, ContractAdapter, (items: unknown[]) => Json]> = [
  ['harena-v2', harenaV2Adapter, v2],
  ['harena-v2-charts', harenaV2ChartsAdapter, v2c],
]

// Each with no error field: the class alone says the step failed.
const FAILED: Array<[Json, RegExp]> = [
  [insight({ type: 'error', title: 'Analyse indisponible', description: '', data_support: {} }), /response\.structured_data\[1\]\.type = "error"/],
  [insight({ type: 'ERROR' }), /response\.structured_data\[1\]\.type = "ERROR"/],
  [insight({ type: 'analytics_failed' }), /response\.structured_data\[1\]\.type = "analytics_failed"/],
  [insight({ type: 'insight_error' }), /response\.structured_data\[1\]\.type = "insight_error"/],
  [insight({ type: 'llm_timeout' }), /response\.structured_data\[1\]\.type = "llm_timeout"/],
  [insight({ kind: 'failure' }), /response\.structured_data\[1\]\.kind = "failure"/],
  [insight({ severity: 'error' }), /response\.structured_data\[1\]\.severity = "error"/],
  [insight({ level: 'fatal' }), /response\.structured_data\[1\]\.level = "fatal"/],
  // A bare failure record, without the insight fields: named as the failure it is, not as a schema break.
  [{ type: 'error', message: "Le calcul des insights n'a pas abouti" }, /response\.structured_data\[1\]\.type = "error"/],
]

// What a healthy insight may say of the user's banking, or of its own importance.
const HEALTHY: readonly Json[] = [
  insight({}),
  insight({ type: 'unusual_transaction', title: 'Dépense inhabituelle détectée (Analytics)' }),
  insight({ type: 'budget_alert', severity: 'critical', title: 'Budget Restaurants dépassé' }),
  insight({ type: 'budget_alert', severity: 'high', level: 'alert' }),
  insight({ type: 'failed_payment', title: 'Prélèvement Free rejeté le 3 novembre' }),
  insight({ type: 'payment_failure', title: 'Paiement refusé chez Carrefour' }),
  insight({ type: 'subscription_cancelled', title: 'Abonnement Netflix résilié' }),
  insight({ type: 'cancelled_subscriptions' }),
  insight({ type: 'spending_pattern', kind: 'warning' }),
  insight({ type: 'no_error' }),
  insight({ type: 'trend_analysis', data_support: { type: 'debit', direction: 'hausse' } }),
]

describe.each(V2_LIKE)('%s: an insight classed as an error fails the answer as a pipeline failure', (_name, adapter, body) => {
  test.each(FAILED)('%j', (failed, named) => {
    const out = judged(adapter, adapter.parse(exchange(body([failed]))))
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures).toMatch(/^expected a real answer, observed an answer that signals a failure/)
    expect(out.failures).toMatch(named)
  })

  test('healthy insights about the user’s banking, or of any importance, pass', () => {
    for (const healthy of HEALTHY)
      expect(judged(adapter, adapter.parse(exchange(body([healthy])))), JSON.stringify(healthy)).toMatchObject({ ok: true })
  })
})

describe('harena-v3: an analytics step classed as an error, with no error field', () => {
  test.each([
    [{ period_comparison: { type: 'error', message: 'comparison unavailable' } }, /metadata\.insights\.results\.period_comparison\.type = "error"/],
    [{ detect_trend: { status: 'done', severity: 'error' } }, /metadata\.insights\.results\.detect_trend\.severity = "error"/],
    [{ forecast: { kind: 'timeout' } }, /metadata\.insights\.results\.forecast\.kind = "timeout"/],
  ])('%j → fallback, named', (results, named) => {
    const out = judged(harenaV3Adapter, harenaV3Adapter.parse(exchange(v3(results))))
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures).toMatch(named)
  })

  test('healthy steps pass: a change, a trend typed by its data, a critical budget score', () => {
    for (const results of [
      { period_comparison: { change_percent: 12.4 } },
      { detect_trend: { type: 'increasing', slope: 12.5 } },
      { budget_health_score: { score: 31, severity: 'critical', status: 'over_budget' } },
      { detect_anomalies: { type: 'failed_payments', count: 2 } },
    ])
      expect(judged(harenaV3Adapter, harenaV3Adapter.parse(exchange(v3(results)))), JSON.stringify(results)).toMatchObject({ ok: true })
  })
})

describe('wherever the service keeps insights', () => {
  test('an `insights` list at the top or in data/result, one insight object: named by its path', () => {
    expect(failureSignals({ insights: [{ type: 'spending_pattern' }, { type: 'error' }] })).toEqual([{ path: 'insights[1].type', value: '"error"' }])
    expect(failureSignals({ data: { insights: [{ kind: 'failure', title: 'x' }] } })).toEqual([{ path: 'data.insights[0].kind', value: '"failure"' }])
    expect(failureSignals({ result: { insights: { type: 'ERROR', detail: 'x' } } })).toEqual([{ path: 'result.insights.type', value: '"ERROR"' }])
  })

  test('a stream event that carries an error-classed insight fails the streamed answer', () => {
    const stream = harenaV2Adapter.stream
    if (stream === undefined) throw new Error('harena-v2 has no stream')
    const events = [
      { type: 'status', message: 'Analyse du contexte...' },
      { type: 'response_start' },
      { type: 'response_chunk', content: 'Vous avez dépensé 412,30 € en 4 transactions.' },
      { type: 'response_end', conversation_id: 'stream_7_1', data: { insights: [{ type: 'error' }] } },
    ]
    const text = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')
    const consumer = stream.open()
    consumer.push(text, 1)
    const result = stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: text }, consumer.finish(2))
    const out = judged(harenaV2Adapter, result)
    expect(out).toMatchObject({ ok: false, fallback: true })
    expect(out.failures).toMatch(/events\[3\]\.data\.insights\[0\]\.type = "error"/)
  })

  test('the class words: a failure of the service, never the user’s banking', () => {
    for (const w of ['error', 'Erreur', 'FAILED', 'insight_error', 'AnalyticsFailure', 'timed_out', 'fatal', 'exception'])
      expect(namesServiceFailure(w), w).toBe(true)
    for (const w of ['failed_payment', 'payment_failure', 'subscription_cancelled', 'critical', 'alert', 'warning', 'no_error', 'budget_failed', ''])
      expect(namesServiceFailure(w), w).toBe(false)
  })
})
