// docs/wire-contracts.md §7: an answer that says it failed ANYWHERE the service could put it is a failed attempt, on
// every generation and on streams — a status/state failure word (any case) at the top or in response/data/result/
// metadata/performance, a non-empty error/errors, a success flag false, a stream event whose type or SSE name is
// a failure word — named by where it was, even when a text is present. Null/empty/false error fields, a text about
// errors and a "completed"/"success"/"ok" status are not signals. Pure functions: no network.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { failureSignals, isFailureWord, signalLines } from '../../../tests/support/adapters/failure-signals.ts'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { checkAnswer, english, question } from '../checks/helpers.ts'
import { v2Body } from './bodies.ts'

type Json = Record<string, unknown>
const WIRE = fileURLToPath(new URL('../../../fixtures/wire/', import.meta.url))
const fixture = (name: string): Json => JSON.parse(readFileSync(`${WIRE}${name}`, 'utf8')) as Json
const exchange = (json: unknown) => ({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(json) })
const frames = (...events: unknown[]): string => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')

function parseStream(adapter: ContractAdapter, text: string): AdapterResult {
  const stream = adapter.stream
  if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
  const consumer = stream.open()
  consumer.push(text, 1)
  return stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: text }, consumer.finish(2))
}

/** Merges `over` into a copy of `base`, one level deep for objects (response, metadata…). */
function withFields(base: Json, over: Json): Json {
  const out: Json = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const before = out[k]
    out[k] = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof before === 'object' && before !== null ? { ...before, ...v } : v
  }
  return out
}

const v2 = (over: Json): Json => withFields(v2Body({ user_id: 7 }), over)
const v2c = (over: Json): Json => withFields(fixture('harena-v2-charts-search.json'), over)
const v3 = (over: Json): Json => withFields(fixture('harena-v3-search.json'), over)

const GENERATIONS: Array<[string, ContractAdapter, (over: Json) => Json]> = [
  ['harena-v2', harenaV2Adapter, v2],
  ['harena-v2-charts', harenaV2ChartsAdapter, v2c],
  ['harena-v3', harenaV3Adapter, v3],
]

const ANY = question({ expectedIntent: null, expectsData: null })

/** The judged outcome of a body: ok, fallback, and the English failures. */
function judged(adapter: ContractAdapter, result: AdapterResult) {
  const out = checkAnswer(ANY, result, adapter.observes)
  return { ok: out.ok, fallback: out.fallback, critical: out.critical, failures: english(out.failures).join(' | ') }
}

/** Signals hidden in an otherwise complete, successful-looking answer (its text is a real answer). */
const SIGNALS: Array<[string, Json, RegExp]> = [
  ['response.status "error"', { response: { status: 'error' } }, /response\.status = "error"/],
  [
    'response.status "FAILED" + response.error',
    { response: { status: 'FAILED', error: 'LLM timeout' } },
    /response\.status = "FAILED"; response\.error = "LLM timeout"/,
  ],
  [
    'metadata.error string',
    { metadata: { error: 'Elasticsearch query failed: index_not_found_exception' } },
    /metadata\.error = "Elasticsearch query failed/,
  ],
  ['metadata.error object', { metadata: { error: { code: 500, message: 'boom' } } }, /metadata\.error = \{"code":500,"message":"boom"\}/],
  ['data.errors list', { data: { errors: [{ stage: 'search', message: 'timeout' }] } }, /data\.errors = \[\{"stage":"search"/],
  ['result.state "Failure"', { result: { state: 'Failure' } }, /result\.state = "Failure"/],
  ['top-level success false', { success: false }, /success = false/],
  ['top-level error object', { error: { type: 'PipelineError' } }, /error = \{"type":"PipelineError"\}/],
  ['top-level state "échec"', { state: 'échec' }, /state = "échec"/],
  ['metadata.overall_success false', { metadata: { overall_success: false } }, /metadata\.overall_success = false/],
  ['top-level errors true', { errors: true }, /errors = true/],
  // Review 2026-12-04: other names of an error field, and a stage's own verdict under performance.
  ['error_code', { error_code: 'LLM_TIMEOUT' }, /error_code = "LLM_TIMEOUT"/],
  ['metadata.error_type', { metadata: { error_type: 'RateLimitError' } }, /metadata\.error_type = "RateLimitError"/],
  ['exception', { exception: 'openai.APITimeoutError: Request timed out.' }, /exception = "openai\.APITimeoutError/],
  [
    'performance.stages.llm.status "failed"',
    { performance: { stages: { search: { status: 'ok', ms: 12 }, llm: { status: 'failed', ms: 30001 } } } },
    /performance\.stages\.llm\.status = "failed"/,
  ],
  [
    'metadata.pipeline[1].error',
    {
      metadata: {
        pipeline: [
          { name: 'intent', error: null },
          { name: 'search', error: 'index gone' },
        ],
      },
    },
    /metadata\.pipeline\[1\]\.error = "index gone"/,
  ],
  ['status "completed_with_errors"', { status: 'completed_with_errors' }, /status = "completed_with_errors"/],
  // A second review (2026-12-04): a status under another name, the service's own fallback flag and its reason.
  ['pipeline_status "failed"', { pipeline_status: 'failed' }, /pipeline_status = "failed"/],
  ['metadata.llm_status "failed"', { metadata: { llm_status: 'failed' } }, /metadata\.llm_status = "failed"/],
  ['metadata.fallback true + fallback_reason', { metadata: { fallback: true, fallback_reason: 'llm_timeout' } }, /metadata\.fallback = true/],
  // Review 2026-12-05: Harena's response generator says "fallback" in performance.model_used (v3.2.8) and nowhere else;
  // the same under the other names of the model field, and "none"/a failure word.
  ['performance.model_used "fallback"', { performance: { model_used: 'fallback' } }, /performance\.model_used = "fallback"/],
  ['metadata.llm_model "none"', { metadata: { llm_model: 'none' } }, /metadata\.llm_model = "none"/],
  ['top-level generator "keyword_fallback"', { generator: 'keyword_fallback' }, /generator = "keyword_fallback"/],
  ['metadata.model "error"', { metadata: { model: 'error' } }, /metadata\.model = "error"/],
  // Review 2026-12-05: error fields under names that end in error/errors/failure/exception, at any depth of metadata
  // and performance.
  ['metadata.search_error', { metadata: { search_error: 'Elasticsearch timeout' } }, /metadata\.search_error = "Elasticsearch timeout"/],
  ['performance.pipeline_errors', { performance: { pipeline_errors: { search: 1 } } }, /performance\.pipeline_errors = \{"search":1\}/],
  [
    'metadata.timings.search.last_failure (deep)',
    { metadata: { timings: { search: { last_failure: 'ConnectionResetError' } } } },
    /metadata\.timings\.search\.last_failure = "ConnectionResetError"/,
  ],
  ['performance.llmException', { performance: { llmException: 'APITimeoutError' } }, /performance\.llmException = "APITimeoutError"/],
]

describe.each(GENERATIONS)('%s: a failure signal anywhere the service could put it is a failed attempt', (_name, adapter, body) => {
  test('the plain answer passes (control)', () => {
    expect(judged(adapter, adapter.parse(exchange(body({}))))).toMatchObject({ ok: true, fallback: false })
  })

  test.each(SIGNALS)('%s → fallback, named', (_what, over, named) => {
    const result = adapter.parse(exchange(body(over)))
    expect(result.kind).toBe('turn')
    const out = judged(adapter, result)
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures).toMatch(/^expected a real answer, observed an answer that signals a failure \(/)
    expect(out.failures).toMatch(named)
  })

  test.each(['ERROR', 'Error', 'failed', 'failure'])('a top-level status "%s" is a failed attempt, not a schema break', (status) => {
    const out = judged(adapter, adapter.parse(exchange(body({ status }))))
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures).toContain(`status = "${status}"`)
  })

  const NOT_SIGNALS: Array<[string, Json]> = [
    ['error null', { error: null, errors: [] }],
    ['response.error empty, false, "none"', { response: { error: '', errors: false, error_message: 'none' } }],
    ['metadata.error null and {}', { metadata: { error: null, errors: {} } }],
    ['data.status "success", result.state "ok"', { data: { status: 'success' }, result: { state: 'ok', error: { code: null, message: '' } } }],
    ['success true', { success: true }],
    ['a failed transaction in the query filters is data, not a verdict', { query: { filters: { status: 'failed' } } }],
    ['error_code null, exception "", stages all ok', { error_code: null, exception: '', performance: { stages: { llm: { status: 'ok' } } } }],
    ['a status that negates the failure word', { response: { status: 'no_error' } }],
    ['fallback false, an empty fallback_reason, a pipeline_status "ok"', { fallback: false, fallback_reason: '', pipeline_status: 'ok' }],
    ['model_used "deepseek-chat", model "streaming"', { performance: { model_used: 'deepseek-chat' }, metadata: { model: 'streaming' } }],
    [
      'empty error-named fields at depth: error_count 0, pipeline_errors {} and {search: 0}, search_error null',
      { performance: { error_count: 0, pipeline_errors: { search: 0 } }, metadata: { search_error: null, stages: { llm: { errors: {} } } } },
    ],
    ['a statistic named error: standard_error 0.12', { metadata: { trend: { standard_error: 0.12, mean_absolute_error: 3.4 } } }],
  ]
  test.each(NOT_SIGNALS)('%s is not a signal', (_what, over) => {
    const result = adapter.parse(exchange(body(over)))
    expect(result.kind).toBe('turn')
    expect(judged(adapter, result)).toMatchObject({ ok: true, fallback: false })
  })
})

describe('an answer about errors is not a failure', () => {
  test('a real answer whose text talks about failed payments passes', () => {
    const text = "J'ai relevé 4 transactions en échec (error de paiement) pour un total de 412,30 € ; le statut « failed » concerne la banque."
    const out = judged(harenaV2Adapter, harenaV2Adapter.parse(exchange(v2({ response: { message: text } }))))
    expect(out.failures).not.toMatch(/signals a failure/)
    expect(out.fallback).toBe(false)
  })
})

const V2_HEAD = [
  { type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' },
  { type: 'status', message: 'Construction de la requete...', intent: 'transaction_search' },
  { type: 'response_start' },
  { type: 'response_chunk', content: 'Voici ' },
  { type: 'response_chunk', content: 'vos achats.' },
]
const END = { type: 'response_end', conversation_id: 'stream_1_1', metadata: { total_results: 4, error: null } }

describe.each([
  ['harena-v2', harenaV2Adapter],
  ['harena-v2-charts', harenaV2ChartsAdapter],
  ['harena-v3', harenaV3Adapter],
])('%s stream: an event that signals a failure fails the answer, naming the event and the field', (_name, adapter) => {
  const STREAMS: Array<[string, string, RegExp]> = [
    ['type "ERROR"', frames(...V2_HEAD, { type: 'ERROR', message: 'Erreur génération' }, END), /events\[5\]\.type = "ERROR"/],
    ['type "Failure"', frames(...V2_HEAD, { type: 'Failure' }, END), /events\[5\]\.type = "Failure"/],
    [
      'a status event with status "error"',
      frames(...V2_HEAD, { type: 'status', status: 'error', message: 'Erreur lors de la génération' }, END),
      /events\[5\]\.status = "error"/,
    ],
    [
      'a route error object whose error is an object, then response_end',
      frames(...V2_HEAD, { error: { code: 500, message: 'boom' } }, END),
      /events\[5\]\.error = \{"code":500/,
    ],
    ['response_end with status "error"', frames(...V2_HEAD, { ...END, status: 'error' }), /events\[5\]\.status = "error"/],
    [
      'response_end with metadata.error',
      frames(...V2_HEAD, { ...END, metadata: { total_results: 4, error: 'LLM failed' } }),
      /events\[5\]\.metadata\.error = "LLM failed"/,
    ],
    ['an error after response_end', frames(...V2_HEAD, END, { type: 'status', state: 'FAILED' }), /events\[6\]\.state = "FAILED"/],
    [
      'success false on a chunk',
      frames(...V2_HEAD.slice(0, 3), { type: 'response_chunk', content: 'x', success: false }, END),
      /events\[3\]\.success = false/,
    ],
    ['an SSE `event: error` frame', `${frames(...V2_HEAD)}event: error\ndata: {"message":"boom"}\n\n${frames(END)}`, /events\[5\]\.event = "error"/],
    // Review 2026-12-04: a failure word as one word of the type, then the chunks go on (or the text stops).
    [
      'type "stream_error" mid-stream',
      frames(...V2_HEAD, { type: 'stream_error', message: 'LLM timeout' }, END),
      /events\[5\]\.type = "stream_error"/,
    ],
    ['type "response_error"', frames(...V2_HEAD.slice(0, 4), { type: 'response_error' }, V2_HEAD[4], END), /events\[4\]\.type = "response_error"/],
    ['type "StreamFailed"', frames(...V2_HEAD, { type: 'StreamFailed' }, END), /events\[5\]\.type = "StreamFailed"/],
    [
      'an SSE `event: llm.error` frame',
      `${frames(...V2_HEAD)}event: llm.error\ndata: {"message":"boom"}\n\n${frames(END)}`,
      /events\[5\]\.event = "llm\.error"/,
    ],
    // Review 2026-12-05: an event type that says the answer was cut short (not one of the first failure words), a
    // message or reason that says so on an event outside the contract, a level that says error.
    [
      'type "timeout" before response_start',
      frames(...V2_HEAD.slice(0, 2), { type: 'timeout', message: 'Délai de génération LLM dépassé, réponse incomplète' }, ...V2_HEAD.slice(2), END),
      /events\[2\]\.type = "timeout"/,
    ],
    [
      'type "aborted" mid-answer, the rest dropped',
      frames(...V2_HEAD.slice(0, 4), { type: 'aborted', reason: 'LLM stream interrupted (timeout)' }, END),
      /events\[4\]\.type = "aborted"/,
    ],
    ['type "cancelled"', frames(...V2_HEAD, { type: 'cancelled' }, END), /events\[5\]\.type = "cancelled"/],
    [
      'an unknown event whose reason says it was interrupted',
      frames(...V2_HEAD, { type: 'notice', reason: 'generation interrupted' }, END),
      /events\[5\]\.reason = "generation interrupted"/,
    ],
    [
      'a status event with level "error"',
      frames(
        ...V2_HEAD.slice(0, 2),
        { type: 'status', level: 'error', message: '• Échec de la recherche, réponse générée sans données' },
        ...V2_HEAD.slice(2),
        END,
      ),
      /events\[2\]\.level = "error"/,
    ],
    ['an event with severity "critical"', frames(...V2_HEAD, { type: 'log', severity: 'CRITICAL' }, END), /events\[5\]\.severity = "CRITICAL"/],
  ]
  test.each(STREAMS)('%s', (_what, text, named) => {
    const result = parseStream(adapter, text)
    expect(result.kind).toBe('turn')
    const out = judged(adapter, result)
    expect(out).toMatchObject({ ok: false, fallback: true })
    expect(out.failures).toMatch(named)
  })

  test('a healthy stream with null/empty error fields and status "ok" events passes (control)', () => {
    const text = frames(...V2_HEAD.slice(0, 3), { type: 'status', status: 'ok', error: null }, ...V2_HEAD.slice(3), END)
    const result = parseStream(adapter, text)
    expect(result.kind === 'turn' ? result.turn.status : result.kind).toBe('completed')
    expect(result.kind === 'turn' ? result.turn.failureSignals : null).toBeUndefined()
  })
})

describe.each([harenaV2Adapter, harenaV3Adapter])('$name stream: benign events are no failure (control)', (adapter) => {
  // The wider vocabulary must not turn a healthy stream into a NO-GO: unknown keep-alive or metadata events, a level
  // that is not an error, and a status message that names failed or cancelled things the question is about.
  const BENIGN: Array<[string, unknown]> = [
    ['a ping', { type: 'ping' }],
    ['a heartbeat with a timestamp', { type: 'heartbeat', ts: 1764930000, timeout_ms: 30000 }],
    ['a metadata event', { type: 'metadata', message: 'modèle gpt-4o-mini, 412 tokens', level: 'info' }],
    ['a notice that no error occurred', { type: 'notice', message: 'aucune erreur' }],
    ['a status about cancelled subscriptions', { type: 'status', message: 'Recherche des abonnements annulés et paiements échoués...' }],
  ]
  test.each(BENIGN)('%s', (_what, event) => {
    const result = parseStream(adapter, frames(...V2_HEAD.slice(0, 3), event, ...V2_HEAD.slice(3), END))
    expect(result.kind === 'turn' ? result.turn.status : result.kind).toBe('completed')
    expect(result.kind === 'turn' ? result.turn.failureSignals : null).toBeUndefined()
  })
})

describe('the rule itself (tests/support/adapters/failure-signals.ts)', () => {
  test('failure words, any case and accent; not "completed", "errorless", "success"', () => {
    for (const w of ['error', 'ERROR', 'Errored', 'failed', 'FAILURE', 'fail', 'erreur', 'Échec', 'error: timeout'])
      expect(isFailureWord(w)).toBe(true)
    for (const w of ['completed', 'success', 'ok', 'errorless', 'failover', 'partial', '', 'healthy']) expect(isFailureWord(w)).toBe(false)
    for (const w of ['stream_error', 'response-error', 'llm.failed', 'StreamError', 'stage_failure', 'completed_with_errors'])
      expect(isFailureWord(w), w).toBe(true)
    for (const w of ['no_error', 'without_errors', 'response_chunk', 'response_end', 'errorless_mode', 'failover_done'])
      expect(isFailureWord(w), w).toBe(false)
    // The words of an answer cut short (review 2026-12-05).
    for (const w of ['timeout', 'Timed out', 'llm_timed_out', 'aborted', 'Cancelled', 'canceled', 'interrupted', 'Incomplète', 'échoué', 'annulé'])
      expect(isFailureWord(w), w).toBe(true)
    for (const w of ['no_timeout', 'heartbeat', 'ping', 'metadata']) expect(isFailureWord(w), w).toBe(false)
  })

  test('only the answer and its verdict containers are read for statuses, never deeper data', () => {
    // A status deeper down is data (a query filter, an insight's subject); error fields below the first level are read
    // only in the metadata/performance/structured_data areas (the next tests).
    const body = {
      insights: [{ status: 'error', error: 'x' }],
      query: { status: 'failed', filters: { error: 'x' } },
      response: { structured_data: [{ status: 'failed' }] },
    }
    expect(failureSignals(body)).toEqual([])
    expect(signalLines(failureSignals({ RESPONSE: { Status: 'Error' }, Metadata: { Error_Message: 'x' } }))).toEqual([
      'RESPONSE.Status = "Error"',
      'Metadata.Error_Message = "x"',
    ])
  })
})

// Review 2026-12-04: a 206 Partial Content (to a request that asked for no range) was judged a complete answer: GO.
describe.each(GENERATIONS)('%s: a 2xx other than 200/201 is not an answer of the chat route', (_name, adapter, body) => {
  test.each([202, 203, 204, 206, 207])('HTTP %i → contract violation naming the status', (status) => {
    const result = adapter.parse({ httpStatus: status, headers: {}, bodyText: JSON.stringify(body({})) })
    expect(result.kind).toBe('contract_violation')
    expect(result.kind === 'contract_violation' ? result.issues.join(' ') : '').toContain(`HTTP ${status} is not an answer of the chat route`)
  })

  test('HTTP 200 and 201 are (control)', () => {
    for (const status of [200, 201]) expect(adapter.parse({ httpStatus: status, headers: {}, bodyText: JSON.stringify(body({})) }).kind).toBe('turn')
  })

  test('a stream answered with 206 is not an answer either', () => {
    const stream = adapter.stream
    if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
    const text = frames(...V2_HEAD, END)
    const consumer = stream.open()
    consumer.push(text, 1)
    const result = stream.parse({ httpStatus: 206, headers: { 'content-type': 'text/event-stream' }, bodyText: text }, consumer.finish(2))
    expect(result.kind).toBe('contract_violation')
  })
})

// The real conversation_service_v3 (agent_orchestrator.py _compute_analytical_insights) catches a failed analytics
// operation as metadata.insights.results.<step> = {"error": str(e)} and answers "completed" (review 2026-12-05: GO
// with every operation failed). A step's error field is a signal named with the step; its results are not.
// Review 2026-12-05: an insight that records a failed step (`{type:"error", data_support:{error:"timeout"}}`) among the
// structured data gave GO. Error fields anywhere in response.structured_data are read; v3's is an object.
describe('an error recorded among the structured data', () => {
  const insight = {
    type: 'error',
    title: 'Analyse',
    description: '',
    confidence: 0,
    data_support: { error: 'timeout' },
    actionable: false,
    priority: 3,
  }
  test.each([
    [
      'harena-v2',
      harenaV2Adapter,
      v2({ response: { structured_data: [insight] } }),
      /response\.structured_data\[0\]\.data_support\.error = "timeout"/,
    ],
    [
      'harena-v2-charts',
      harenaV2ChartsAdapter,
      v2c({ response: { structured_data: [insight] } }),
      /response\.structured_data\[0\]\.data_support\.error = "timeout"/,
    ],
    [
      'harena-v3',
      harenaV3Adapter,
      v3({
        response: {
          structured_data: { ...((fixture('harena-v3-search.json')['response'] as Json)['structured_data'] as Json), analysis: { error: 'timeout' } },
        },
      }),
      /response\.structured_data\.analysis\.error = "timeout"/,
    ],
  ])('%s → fallback, named', (_name, adapter, body, named) => {
    const out = judged(adapter, adapter.parse(exchange(body)))
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(out.failures).toMatch(named)
  })
})

describe('harena-v3: an analytics step recorded as failed', () => {
  const analytical = fixture('harena-v3-analytical.json')
  const withResults = (results: Json, performed: string[] = []): Json =>
    withFields(analytical, { metadata: { ...(analytical['metadata'] as Json), insights: { operations_performed: performed, results } } })

  test('each failed step is named, the answer is a failed one although "completed"', () => {
    const body = withResults({
      compare_periods: { error: "'NoneType' object is not subscriptable" },
      calculate_trend: { error: 'list index out of range' },
    })
    const out = judged(harenaV3Adapter, harenaV3Adapter.parse(exchange(body)))
    expect(out).toMatchObject({ ok: false, fallback: true })
    expect(out.failures).toMatch(
      /metadata\.insights\.results\.compare_periods\.error = "'NoneType' object is not subscriptable"; metadata\.insights\.results\.calculate_trend\.error = "list index out of range"/,
    )
  })

  test('one step failed beside one that worked (the analytics service\'s own {"error", "score": 0}) still fails', () => {
    const body = withResults({ comparison: { change_percent: 12.4 }, budget_health_score: { error: 'division by zero', score: 0 } }, [
      'compare_periods',
    ])
    expect(judged(harenaV3Adapter, harenaV3Adapter.parse(exchange(body))).failures).toMatch(
      /metadata\.insights\.results\.budget_health_score\.error = "division by zero"/,
    )
  })

  test('healthy results pass: the recorded analytical body, a trend, an empty error, a status of the budget', () => {
    for (const body of [
      analytical,
      withResults({ trend: { trend: 'increasing', slope: 12.5, r_squared: 0.81 } }, ['detect_trend']),
      withResults({ forecast: { next_period: 1890.2, error: null, errors: [] } }, ['forecast_next_period']),
      withResults({ budget_health_score: { score: 72, status: 'over_budget' } }, ['calculate_budget_health_score']),
    ])
      expect(judged(harenaV3Adapter, harenaV3Adapter.parse(exchange(body))), JSON.stringify(body['metadata'])).toMatchObject({
        ok: true,
        fallback: false,
      })
  })
})
