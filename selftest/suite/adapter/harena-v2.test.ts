// The harena-v2 adapter on hand-made bodies shaped like the recorded real ones: what parses into a turn, what
// is a contract violation (with readable paths), how 4xx/5xx/non-JSON are classified, and how both
// visualization formats normalize.
import { describe, expect, test } from 'vitest'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { BODY_HEAD_CHARS } from '../../../tests/support/adapters/wire.ts'
import {
  V2_422_BODY,
  exchange,
  kpi,
  mainChart,
  parse,
  richBody,
  sprintChart,
  turnOf,
  v2Body,
  v2FallbackBody,
  v2LegacyBody,
  v2ZeroResultsBody,
} from './bodies.ts'

function violation(body: unknown): string[] {
  const result = parse(body)
  if (result.kind !== 'contract_violation') throw new Error(`expected a contract violation, got ${result.kind}`)
  return result.issues
}

describe('request side', () => {
  test('chat path is relative (base URLs may carry a prefix) and the body is the harness body', () => {
    expect(harenaV2Adapter.paths.chat(34)).toBe('api/v1/conversation/34')
    const request = harenaV2Adapter.chatRequest({ message: 'Mes dépenses chez Carrefour', userId: 34, authorization: null })
    expect(request.path).toBe('api/v1/conversation/34')
    expect(JSON.parse(request.body ?? '')).toEqual({
      message: 'Mes dépenses chez Carrefour',
      message_type: 'text',
      priority: 'normal',
      client_info: { platform: 'api', version: '1.0.0' },
    })
  })

  test('the adapter builds the whole request: method, JSON headers, the bearer header only when given', () => {
    const bare = harenaV2Adapter.chatRequest({ message: 'x', userId: 1, authorization: null })
    expect(bare).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' } })
    expect(bare.headers).not.toHaveProperty('authorization')
    const authed = harenaV2Adapter.chatRequest({ message: 'x', userId: 1, authorization: 'Bearer abc' })
    expect(authed.headers?.authorization).toBe('Bearer abc')
  })

  test('routes and the login form are the v2 ones (contract: user_service login, public health route)', () => {
    expect(harenaV2Adapter.paths.login).toBe('api/v1/users/auth/login')
    expect(harenaV2Adapter.paths.health).toBe('api/v1/conversation/health')
    // The v2 stream route (docs/wire-contracts.md §1.7, docs/generations.md).
    expect(harenaV2Adapter.paths.stream(3)).toBe('api/v1/conversation/3/stream')
    expect(harenaV2Adapter.stream?.request({ message: 'm', userId: 3, authorization: null }).path).toBe('api/v1/conversation/3/stream')
    const login = harenaV2Adapter.loginRequest('demo@harena.test', 'p&ss word')
    expect(login).toMatchObject({ method: 'POST', path: 'api/v1/users/auth/login' })
    expect(login.headers?.['content-type']).toBe('application/x-www-form-urlencoded')
    expect(new URLSearchParams(login.body).get('password')).toBe('p&ss word')
  })

  test('what the v2 wire can carry: subtype, stages, response type, visualizations and KPI cards optional; insights carried', () => {
    expect(harenaV2Adapter.observes).toEqual({
      subtype: 'optional',
      visualizations: 'optional',
      stages: 'optional',
      insights: 'carried',
      responseType: 'optional',
      intent: 'carried',
      kpiCards: 'optional',
    })
  })

  test('an answer says whether its wire had a visualizations field (real v2 has none; an empty list is a field)', () => {
    const without = harenaV2Adapter.parse(exchange(v2Body()))
    const empty = harenaV2Adapter.parse(exchange(v2Body({ response: { visualizations: [] } })))
    expect(without.kind === 'turn' && without.turn.visualizationsOnWire).toBe(false)
    expect(empty.kind === 'turn' && empty.turn.visualizationsOnWire).toBe(true)
  })

  test('the registry returns the v2 adapter and refuses unknown names', () => {
    expect(adapterFor('harena-v2')).toBe(harenaV2Adapter)
    expect(() => adapterFor('harena-v9' as never)).toThrow(/unknown API contract "harena-v9"/)
  })
})

describe('real v2 bodies', () => {
  test('a full v2 body (no visualizations, no subtype, no conversation_id) is a valid turn', () => {
    const turn = turnOf(v2Body())
    expect(turn).toMatchObject({
      httpStatus: 200,
      status: 'completed',
      intent: { group: 'transaction_search', subtype: null, confidence: 0.93 },
      visualizations: [],
      dataPresentation: true,
      totalResults: 4,
      stages: {},
    })
    expect(turn.message).toMatch(/^Voici vos achats/)
    expect(turn.insights).toEqual([
      {
        type: 'financial_summary',
        title: 'Résumé financier : 4 transactions',
        description: 'Débits: 412.30€',
        dataSupport: { transaction_count: 4, currency: 'EUR', total_debit: 412.3 },
      },
    ])
  })

  test('the HTTP-200 pipeline failure parses as a turn with status "error" and no intent (the checks fail it)', () => {
    const turn = turnOf(v2FallbackBody())
    expect(turn.status).toBe('error')
    expect(turn.intent).toBeNull()
    expect(turn.dataPresentation).toBe(false)
    expect(turn.message).toContain('formuler une reponse')
  })

  test('a zero-result search is not DATA_PRESENTATION and has no insights', () => {
    const turn = turnOf(v2ZeroResultsBody())
    expect(turn.dataPresentation).toBe(false)
    expect(turn.totalResults).toBe(0)
    expect(turn.insights).toEqual([])
    expect(turn.intent?.group).toBe('transaction_search')
  })

  test('legacy mode (structured_data null) is within the contract', () => {
    const turn = turnOf(v2LegacyBody())
    expect(turn.insights).toEqual([])
    expect(turn.message).toMatch(/mode legacy/)
  })

  test('unknown extra fields anywhere are accepted; optional fields are read when present', () => {
    const body = v2Body({
      conversation_id: 12,
      shiny_new_field: { a: 1 },
      performance: { overall_success: true, pipeline_stages: 5, model_used: 'deepseek-chat', tokens_used: 812 },
    })
    ;(body['intent'] as Record<string, unknown>)['subtype'] = 'by_amount'
    ;(body['intent'] as Record<string, unknown>)['extra'] = true
    const turn = turnOf(body)
    expect(turn.intent).toEqual({ group: 'transaction_search', subtype: 'by_amount', confidence: 0.93 })
  })

  test('an empty subtype counts as no subtype', () => {
    expect(turnOf(richBody({ subtype: '' })).intent?.subtype).toBeNull()
    expect(turnOf(richBody({ subtype: null })).intent?.subtype).toBeNull()
  })
})

describe('contract violations are readable, with paths', () => {
  test('a missing required block names the field', () => {
    const body = v2Body()
    delete body['search_summary']
    expect(violation(body)).toEqual(['search_summary: required field missing (expected object)'])
  })

  test('wrong types deep inside name the exact path', () => {
    const body = v2Body()
    ;(body['intent'] as Record<string, unknown>)['confidence'] = 'haute'
    ;((body['response'] as Record<string, unknown>)['structured_data'] as Array<Record<string, unknown>>)[0]!['title'] = 42
    const issues = violation(body)
    expect(issues).toContain('intent.confidence: Invalid input: expected number, received string')
    expect(issues).toContain('response.structured_data[0].title: Invalid input: expected string, received number')
  })

  test('an unknown status, a missing intent key and a non-object body are violations', () => {
    expect(violation(v2Body({ status: 'ok' })).join('\n')).toMatch(/^status: /)
    const noIntent = v2Body()
    delete noIntent['intent']
    expect(violation(noIntent)).toEqual(['intent: required field missing (expected object)'])
    expect(violation([1, 2])).toEqual(['(root): Invalid input: expected object, received array'])
  })

  test('a known visualization type with a broken shape is a violation at its path', () => {
    const body = richBody({
      visualizations: [kpi('Total Dépenses', 10), sprintChart('pie_chart', 'Répartition', ['A', 'B'], [{ label: 'Montant', data: [1, 2] }])],
    })
    const viz = (body['response'] as Record<string, unknown>)['visualizations'] as Array<Record<string, unknown>>
    ;((viz[1]!['data'] as Record<string, unknown>)['datasets'] as Array<Record<string, unknown>>)[0]!['data'] = [1, 'deux']
    viz[0]!['value'] = '10 €'
    expect(violation(body)).toEqual([
      'response.visualizations[0].value: Invalid input: expected number, received string',
      'response.visualizations[1].data.datasets[0].data[1]: Invalid input: expected number, received string',
    ])
  })
})

describe('non-2xx and non-JSON exchanges', () => {
  test('5xx is a server error whatever its body; bodyHead is bounded', () => {
    const result = harenaV2Adapter.parse(exchange({ detail: { error: 'Erreur traitement conversation' } }, 500))
    expect(result).toMatchObject({ kind: 'server_error', httpStatus: 500 })
    if (result.kind === 'server_error') expect(result.bodyHead).toContain('Erreur traitement conversation')
    const big = harenaV2Adapter.parse(exchange('x'.repeat(5000), 503))
    expect(big.kind === 'server_error' && big.bodyHead.length).toBe(BODY_HEAD_CHARS)
  })

  test('a 200 that is not JSON is invalid_json, with control characters escaped in the head', () => {
    const result = harenaV2Adapter.parse(exchange('<html>\n\u001b[31mBad Gateway</html>', 200))
    expect(result).toEqual({ kind: 'invalid_json', httpStatus: 200, bodyHead: '<html>\\n\\u001b[31mBad Gateway</html>' })
    expect(harenaV2Adapter.parse(exchange('', 200)).kind).toBe('invalid_json')
    expect(harenaV2Adapter.parse(exchange('{"user_id": 1,', 200)).kind).toBe('invalid_json')
  })

  test("422 (FastAPI list) gives the validator's message with its location", () => {
    expect(parse(V2_422_BODY, 422)).toEqual({
      kind: 'client_error',
      httpStatus: 422,
      message: 'body.message: Message trop répétitif pour être analysé',
      inputs: ['aaaaaaa'],
    })
  })

  test('401 string detail, 403 {error} object, v3 {error, message}; no detail → null', () => {
    expect(parse({ detail: 'Token expiré', timestamp: 1 }, 401)).toEqual({ kind: 'client_error', httpStatus: 401, message: 'Token expiré' })
    expect(parse({ detail: { error: "user_id dans l'URL ne correspond pas au token", timestamp: 1 } }, 403)).toMatchObject({
      message: "user_id dans l'URL ne correspond pas au token",
    })
    expect(parse({ detail: { error: 'authorization_mismatch', message: 'Access denied: token mismatch' } }, 403)).toMatchObject({
      message: 'authorization_mismatch: Access denied: token mismatch',
    })
    expect(parse({ detail: '   ' }, 400)).toMatchObject({ kind: 'client_error', message: null })
    expect(parse({ code: 17 }, 404)).toMatchObject({ kind: 'client_error', message: null })
    expect(parse(null, 404)).toMatchObject({ kind: 'client_error', message: null })
  })

  test('a 4xx that is not JSON is invalid_json; a redirect is not an answer', () => {
    expect(harenaV2Adapter.parse(exchange('Not Found', 404)).kind).toBe('invalid_json')
    const redirect = harenaV2Adapter.parse(exchange('', 302, { location: '/login' }))
    expect(redirect).toMatchObject({ kind: 'contract_violation', httpStatus: 302 })
    if (redirect.kind === 'contract_violation') expect(redirect.issues[0]).toMatch(/HTTP 302 is not an answer/)
  })
})

describe('visualizations normalize to kinds', () => {
  test('Sprint 1.3 objects: kpi_card, pie_chart, bar_chart, line_chart', () => {
    const turn = turnOf(
      richBody({
        visualizations: [
          kpi('Total Dépenses', 812.4, -12.5),
          kpi('Nombre de Transactions', 21),
          sprintChart('pie_chart', 'Répartition par Catégorie', ['Alimentation', 'Autres'], [{ label: 'Montant', data: [500, 312.4] }]),
          sprintChart(
            'bar_chart',
            'Comparaison des Dépenses',
            ['Alimentation'],
            [
              { label: 'Période Actuelle', data: [500] },
              { label: 'Période Précédente', data: [420] },
            ],
          ),
          sprintChart('line_chart', 'Évolution Mensuelle', ['2026-01', '2026-02'], [{ label: 'Dépenses', data: [null, 210] }]),
        ],
      }),
    )
    expect(turn.visualizations.map((v) => v.kind)).toEqual(['kpi', 'kpi', 'pie', 'bar', 'line'])
    expect(turn.visualizations[0]).toEqual({
      kind: 'kpi',
      wireType: 'kpi_card',
      title: 'Total Dépenses',
      value: 812.4,
      changePercent: -12.5,
      // The card's unit is kept: its currency is judged against the service's (checks/chart-data.ts).
      unit: '€',
      labels: [],
      datasets: [],
    })
    expect(turn.visualizations[2]).toMatchObject({
      wireType: 'pie_chart',
      labels: ['Alimentation', 'Autres'],
      datasets: [{ label: 'Montant', data: [500, 312.4] }],
    })
    expect(turn.visualizations[3]!.datasets.map((d) => d.label)).toEqual(['Période Actuelle', 'Période Précédente'])
    // Chart.js gaps (null) carry no amount.
    expect(turn.visualizations[4]!.datasets[0]!.data).toEqual([0, 210])
  })

  test("main's {type:'chart', chart_type, config:{data}} format", () => {
    const turn = turnOf(
      richBody({
        visualizations: [
          mainChart(
            'line',
            'Evolution des transactions',
            ['2026-02-01', '2026-02-03'],
            [
              { label: 'Depenses', data: [12.5, 40] },
              { label: 'Revenus', data: [0, 2100] },
            ],
          ),
          mainChart('pie', 'Repartition des depenses par categorie', ['Courses', 'Transport', 'Autres'], [{ data: [30, 12.5, 10] }]),
          mainChart('bar', 'Top 10 marchands', ['Lidl', 'SNCF'], [{ label: 'Montant des depenses', data: [30, 22.5] }]),
          mainChart('doughnut', 'Beignet', ['a'], [{ data: [1] }]),
        ],
      }),
    )
    expect(turn.visualizations.map((v) => [v.kind, v.wireType])).toEqual([
      ['line', 'chart/line'],
      ['pie', 'chart/pie'],
      ['bar', 'chart/bar'],
      ['other', 'chart/doughnut'],
    ])
    expect(turn.visualizations[1]).toMatchObject({
      title: 'Repartition des depenses par categorie',
      labels: ['Courses', 'Transport', 'Autres'],
      datasets: [{ label: null, data: [30, 12.5, 10] }],
    })
    expect(turn.visualizations[0]!.datasets).toHaveLength(2)
  })

  test('tables and unknown types are kept as table/other, never a violation', () => {
    const turn = turnOf(richBody({ visualizations: [{ type: 'data_table', title: 'Détail', rows: [] }, { type: 'gauge' }] }))
    expect(turn.visualizations.map((v) => [v.kind, v.wireType, v.title])).toEqual([
      ['table', 'data_table', 'Détail'],
      ['other', 'gauge', ''],
    ])
  })

  test('visualizations: [] (main on error) and null are both "none"', () => {
    expect(turnOf(richBody({ visualizations: [] })).visualizations).toEqual([])
    expect(
      turnOf(v2Body({ response: { message: 'Voici le détail de vos achats.', structured_data: [], visualizations: null } })).visualizations,
    ).toEqual([])
  })
})

describe('data presentation and stages', () => {
  test('an explicit wire response type wins over found_results, case-insensitively', () => {
    expect(turnOf(v2Body({ response_type: 'DATA_PRESENTATION', search_summary: { found_results: false, total_results: 0 } })).dataPresentation).toBe(
      true,
    )
    expect(turnOf(v2Body({ response: { type: 'direct_answer' } })).dataPresentation).toBe(false)
    expect(
      turnOf(v2Body({ response: { response_type: 'Data_Presentation' }, search_summary: { found_results: false, total_results: 0 } }))
        .dataPresentation,
    ).toBe(true)
  })

  test('Server-Timing (any header case, repeated headers) feeds the stages; total is ignored', () => {
    const turn = turnOf(richBody(), {
      'Server-Timing': ['intent_classification;dur=11.5, search;dur=42', 'user_profile;dur=3, response_generation;dur=250.25, total;dur=310'],
    })
    expect(turn.stages).toEqual({ intent_classification: 11.5, search: 42, user_profile: 3, response_generation: 250.25 })
  })
})
