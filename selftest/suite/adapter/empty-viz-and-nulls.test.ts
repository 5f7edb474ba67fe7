// What counts as a visualization, and null read as absent (review findings "v2c-empty-chart", "v2-nullables"):
// a chart with no data point draws nothing — the adapters name it as an empty chart (a contract issue) in both
// wire formats and on every contract that carries charts; a KPI card without a figure shows nothing either, so
// neither counts for C3 nor satisfies a chart expectation. An optional field written as null (FastAPI's unset
// Optional) is the field absent: on harena-v2, `visualizations: null` is "not on the wire", never "zero charts".
import { describe, expect, test } from 'vitest'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkChartAny } from '../../../tests/support/checks/chart-any.ts'
import { showsSomething } from '../../../tests/support/checks/text.ts'
import type { NormalizedViz } from '../../../tests/support/turn.ts'
import { exchange, kpi, mainChart, richBody, sprintChart, v2Body } from './bodies.ts'
import { english } from '../checks/helpers.ts'

const withViz = (visualizations: unknown[]) => v2Body({ user_id: 7, response: { visualizations } })

const EMPTY_CHARTS: Array<[string, unknown]> = [
  ['main line, labels and datasets empty', mainChart('line', 'Evolution des transactions', [], [])],
  ['main pie, labels but no dataset', mainChart('pie', 'Répartition', ['A', 'B'], [])],
  [
    'main bar, every dataset empty',
    mainChart(
      'bar',
      'Marchands',
      ['A', 'B'],
      [
        { label: 'x', data: [] },
        { label: 'y', data: [] },
      ],
    ),
  ],
  [
    'main line, only gaps (null)',
    { ...mainChart('line', 'Evolution', ['a', 'b'], []), config: { data: { labels: ['a', 'b'], datasets: [{ data: [null, null] }] } } },
  ],
  ['main chart of an unknown chart_type, empty', mainChart('doughnut', 'Donut', [], [])],
  ['Sprint 1.3 pie, empty', sprintChart('pie_chart', 'Répartition', [], [])],
  ['Sprint 1.3 bar, labels but empty data', sprintChart('bar_chart', 'Marchands', ['Fnac'], [{ label: 'Montant', data: [] }])],
  ['Sprint 1.3 line, only gaps', sprintChart('line_chart', 'Evolution', ['a'], [{ label: 'Montant', data: [null] }])],
]

describe('an empty chart is a contract issue, never a visualization', () => {
  for (const adapter of [harenaV2Adapter, harenaV2ChartsAdapter]) {
    test.each(EMPTY_CHARTS)(`${adapter.name}: %s`, (_name, chart) => {
      const result = adapter.parse(exchange(withViz([chart])))
      expect(result.kind).toBe('contract_violation')
      if (result.kind !== 'contract_violation') return
      expect(result.issues).toEqual([
        expect.stringMatching(/^response\.visualizations\[0\]: an empty chart \(no data point: \d+ label\(s\), \d+ dataset\(s\)/),
      ])
    })
  }

  test('beside good charts it is named at its own index', () => {
    const pie = sprintChart('pie_chart', 'Répartition', ['A'], [{ label: 'Montant', data: [10] }])
    const result = harenaV2Adapter.parse(exchange(withViz([kpi('Total Dépenses', 10), pie, mainChart('line', 'Vide', [], [])])))
    expect(result.kind === 'contract_violation' && result.issues.join(' ')).toMatch(/^response\.visualizations\[2\]: an empty chart/)
  })

  test('a chart with a point — even a zero, even one among gaps — is a chart', () => {
    for (const data of [[0], [null, 5], [0, 0, 0]]) {
      const chart = { ...mainChart('line', 'Evolution', ['a', 'b', 'c'], []), config: { data: { labels: ['a', 'b', 'c'], datasets: [{ data }] } } }
      const result = harenaV2ChartsAdapter.parse(exchange(withViz([chart])))
      expect(result.kind, JSON.stringify(data)).toBe('turn')
    }
  })
})

describe('what shows something: C3 and chart expectations count only that', () => {
  const viz = (over: Partial<NormalizedViz>): NormalizedViz => ({
    kind: 'bar',
    wireType: 'chart/bar',
    title: 't',
    value: null,
    changePercent: null,
    labels: [],
    datasets: [],
    ...over,
  })
  test.each([
    ['a bar without a dataset', viz({}), false],
    ['a line whose datasets are empty', viz({ kind: 'line', datasets: [{ label: null, data: [] }] }), false],
    ['a pie with a slice', viz({ kind: 'pie', labels: ['A'], datasets: [{ label: null, data: [3] }] }), true],
    ['a KPI card without a figure', viz({ kind: 'kpi', value: null }), false],
    ['a KPI card with NaN', viz({ kind: 'kpi', value: Number.NaN }), false],
    ['a KPI card at 0', viz({ kind: 'kpi', value: 0 }), true],
    ['a table (cannot be read: it shows nothing the gate can count)', viz({ kind: 'table' }), false],
    ['an unknown type (`{type:"graph"}`)', viz({ kind: 'other' }), false],
  ] as const)('%s → %s', (_name, v, shows) => {
    expect(showsSomething(v)).toBe(shows)
  })

  test('chart_any is not satisfied by an empty chart of a wanted kind', () => {
    const turn = { visualizations: [viz({ kind: 'line', datasets: [{ label: null, data: [] }] })] } as never
    expect(english(checkChartAny({ kind: 'chart_any', of: ['bar', 'line'] }, turn))).toHaveLength(1)
    const drawn = { visualizations: [viz({ kind: 'line', datasets: [{ label: null, data: [1] }] })] } as never
    expect(checkChartAny({ kind: 'chart_any', of: ['bar', 'line'] }, drawn)).toEqual([])
  })
})

describe('an optional field written as null is the field absent', () => {
  test('harena-v2: visualizations null → not on the wire (like absent), never "on the wire, zero charts"', () => {
    const absent = harenaV2Adapter.parse(exchange(v2Body({ user_id: 7 })))
    const nulled = harenaV2Adapter.parse(exchange(v2Body({ user_id: 7, response: { visualizations: null } })))
    const empty = harenaV2Adapter.parse(exchange(v2Body({ user_id: 7, response: { visualizations: [] } })))
    expect(absent.kind === 'turn' && absent.turn.visualizationsOnWire).toBe(false)
    expect(nulled.kind === 'turn' && nulled.turn.visualizationsOnWire).toBe(false)
    expect(empty.kind === 'turn' && empty.turn.visualizationsOnWire).toBe(true)
    if (absent.kind === 'turn' && nulled.kind === 'turn') expect(nulled.turn).toEqual(absent.turn)
  })

  test('harena-v2: a null response type (top level or in response) reads as none: found_results decides', () => {
    for (const over of [{ response_type: null }, { response: { type: null } }, { response: { response_type: null } }]) {
      const body = v2Body({ user_id: 7, ...over } as never)
      const result = harenaV2Adapter.parse(exchange(body))
      expect(result.kind, JSON.stringify(over)).toBe('turn')
      if (result.kind === 'turn') expect(result.turn.dataPresentation).toBe(harenaV2Adapter.parse(exchange(v2Body({ user_id: 7 }))).kind === 'turn')
    }
  })

  test('harena-v2-charts: the array is required — null is refused exactly as absent is', () => {
    const body = richBody() as { response: Record<string, unknown> }
    const { visualizations: _, ...withoutField } = body.response
    const absent = harenaV2ChartsAdapter.parse(exchange({ ...body, response: withoutField }))
    const nulled = harenaV2ChartsAdapter.parse(exchange({ ...body, response: { ...body.response, visualizations: null } }))
    expect(absent.kind).toBe('contract_violation')
    expect(nulled.kind).toBe('contract_violation')
  })

  test('harena-v3: null metadata fields read as absent (a completed answer without intent is named the same way)', () => {
    const v3 = (metadata: Record<string, unknown>) => ({
      user_id: 7,
      message: 'q',
      status: 'completed',
      response: { message: 'Bonjour', structured_data: { total_results: 0, aggregations_summary: null } },
      search_summary: { found_results: false, total_results: 0 },
      metadata,
      architecture: 'v3_langchain_agents',
    })
    const ok = harenaV3Adapter.parse(
      exchange(v3({ intent: 'greeting', pipeline_time_ms: 12, confidence: null, error: null, requires_search: null, query_analysis: null })),
    )
    expect(ok.kind).toBe('turn')
    if (ok.kind === 'turn') expect(ok.turn.intent).toEqual({ group: 'greeting', subtype: null, confidence: null })
    const absent = harenaV3Adapter.parse(exchange(v3({ pipeline_time_ms: 12 })))
    const nulled = harenaV3Adapter.parse(exchange(v3({ intent: null, pipeline_time_ms: 12 })))
    const issues = (r: typeof absent) => (r.kind === 'contract_violation' ? r.issues : r.kind)
    expect(issues(nulled)).toEqual(issues(absent))
    expect(nulled.kind === 'contract_violation' && nulled.issues.join(' ')).toMatch(/metadata\.intent: required field missing/)
  })
})
