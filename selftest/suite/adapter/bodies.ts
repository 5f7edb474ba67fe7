// Hand-made Harena wire bodies for the adapter and checks self tests. Shapes follow the real bodies
// docs/wire-contracts.md quotes (§1.5/§2); the text and figures are our own. The fixed fallback
// sentences are contract strings (the exact texts the checks must recognise), not recorded prose.
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import type { AdapterResult, NormalizedTurn, RawExchange } from '../../../tests/support/turn.ts'

type Json = Record<string, unknown>

export function exchange(body: unknown, httpStatus = 200, headers: RawExchange['headers'] = {}): RawExchange {
  return { httpStatus, headers: { 'content-type': 'application/json', ...headers }, bodyText: typeof body === 'string' ? body : JSON.stringify(body) }
}

export function parse(body: unknown, httpStatus = 200, headers: RawExchange['headers'] = {}): AdapterResult {
  return harenaV2Adapter.parse(exchange(body, httpStatus, headers))
}

/** The normalized turn of a body that must be valid (throws with the adapter's verdict otherwise). */
export function turnOf(body: unknown, headers: RawExchange['headers'] = {}): NormalizedTurn {
  const result = parse(body, 200, headers)
  if (result.kind !== 'turn') throw new Error(`expected a turn, got ${JSON.stringify(result)}`)
  return result.turn
}

/** A complete real-v2-shaped body (7f4c2de6 era): no visualizations, no subtype, no conversation_id. */
export function v2Body(over: Partial<Json> & { response?: Json } = {}): Json {
  const { response, ...rest } = over
  // The query is the asked user's (a body for user 2 whose query says 7 would carry another user's id).
  const userId = typeof rest.user_id === 'number' ? rest.user_id : 7
  return {
    user_id: 7,
    message: 'Mes achats de plus de 80 euros',
    timestamp: '2026-03-02T09:15:04.118204+00:00',
    request_id: 'conv_1772442904118_7',
    processing_time_ms: 18342,
    status: 'completed',
    intent: {
      type: 'transaction_search',
      confidence: 0.93,
      supported: true,
      entities: [
        { name: 'amount', value: 80, confidence: 0.93, span: [19, 28], entity_type: 'amount' },
        { name: 'operator', value: 'gt', confidence: 0.9, span: [10, 18], entity_type: 'operator' },
      ],
    },
    query: {
      user_id: userId,
      filters: { transaction_type: 'debit', amount_abs: { gt: 80 } },
      sort: [{ date: { order: 'desc' } }],
      page_size: 50,
      aggregations: { transaction_count: { value_count: { field: 'transaction_id' } } },
    },
    response: {
      message:
        "Voici vos achats supérieurs à 80 € : j'ai relevé **4 transactions** pour un total de **412,30 €** sur la période.\n\n💡 Le plus important est un achat de 160,00 € chez Decathlon.",
      structured_data: [
        {
          type: 'financial_summary',
          title: 'Résumé financier : 4 transactions',
          description: 'Débits: 412.30€',
          confidence: 1.0,
          data_support: { transaction_count: 4, currency: 'EUR', total_debit: 412.3 },
          actionable: false,
          priority: 0,
        },
      ],
      ...response,
    },
    search_summary: { found_results: true, total_results: 4 },
    performance: { overall_success: true, pipeline_stages: 5 },
    architecture: 'v2.0',
    ...rest,
  }
}

/** HTTP 200 pipeline failure (docs/wire-contracts.md §1.5): status "error", no intent, the response-generation sentence. */
export function v2FallbackBody(): Json {
  return v2Body({
    status: 'error',
    intent: null,
    query: null,
    response: { message: "J'ai des difficultes e formuler une reponse. Veuillez reessayer.", structured_data: [] },
    search_summary: { found_results: false, total_results: 0 },
    performance: { overall_success: false, pipeline_stages: 5 },
  })
}

/** A search with no hit: a real LLM answer, empty insights, found_results false. */
export function v2ZeroResultsBody(): Json {
  return v2Body({
    message: 'Mes achats chez Zorglub',
    response: {
      message:
        "Je n'ai trouvé aucune transaction chez Zorglub dans votre historique. Le commerçant apparaît peut-être sous un autre nom sur vos relevés : voulez-vous que je cherche autrement ?",
      structured_data: [],
    },
    search_summary: { found_results: false, total_results: 0 },
  })
}

/** Legacy mode (orchestrator not initialised): structured_data null, architecture "legacy". */
export function v2LegacyBody(): Json {
  return v2Body({
    intent: null,
    query: null,
    response: { message: 'Service en mode legacy - fonctionnalites limitees', structured_data: null },
    search_summary: { found_results: false, total_results: 0 },
    architecture: 'legacy',
  })
}

/** FastAPI's 422 list (a guard rejected the message). */
export const V2_422_BODY = {
  detail: [
    {
      type: 'value_error',
      loc: ['body', 'message'],
      msg: 'Value error, Message trop répétitif pour être analysé',
      input: 'aaaaaaa',
      ctx: { error: {} },
    },
  ],
}

export function kpi(title: string, value: number | null, changePercent: number | null = null): Json {
  return {
    type: 'kpi_card',
    title,
    value,
    unit: '€',
    change_percent: changePercent,
    change_direction: null,
    comparison_text: null,
    icon: 'list',
    color: 'blue',
  }
}

export function sprintChart(
  type: 'pie_chart' | 'bar_chart' | 'line_chart',
  title: string,
  labels: string[],
  datasets: Array<{ label: string; data: Array<number | null> }>,
): Json {
  return {
    type,
    title,
    description: `${title} (test)`,
    data: {
      labels,
      datasets: datasets.map((d) => ({ ...d, backgroundColor: '#36A2EB', borderColor: '#FFFFFF', borderWidth: 2, fill: false, tension: 0 })),
    },
    options: { responsive: true, maintainAspectRatio: false, plugins: { tooltip: { callbacks: { label: 'function(c) { return c.raw; }' } } } },
    metadata: {},
  }
}

/**
 * The reference's comparison answer (q12): KPI cards of 3 348,06 € (+33,2 %), 32 transactions, 104,63 € on average,
 * and the bar chart of this period against the previous one (2 514,24 €) — by its six categories, or the same totals
 * folded into two.
 */
export function comparisonViz(categories: 'six' | 'two' = 'six'): Json[] {
  const [labels, current, previous] =
    categories === 'six'
      ? [
          ['Logement', 'Shopping', 'Alimentation', 'Transport', 'Restaurants', 'Autres'],
          [1150, 1270.4, 360, 234.88, 58.86, 273.92],
          [1150, 151.02, 297.01, 277.73, 407.77, 230.71],
        ]
      : [
          ['Logement', 'Shopping'],
          [1150, 2198.06],
          [1150, 1364.24],
        ]
  return [
    kpi('Total Dépenses', 3348.06, 33.2),
    kpi('Nombre de Transactions', 32),
    kpi('Montant Moyen', 104.63),
    sprintChart('bar_chart', 'Comparaison des Dépenses', labels as string[], [
      { label: 'Période Actuelle', data: current as number[] },
      { label: 'Période Précédente', data: previous as number[] },
    ]),
  ]
}

/** main's format (docs/wire-contracts.md §2.2): {type:"chart", chart_type, title, config:{type, data, options}}. */
export function mainChart(chartType: string, title: string, labels: string[], datasets: Array<{ label?: string; data: number[] }>): Json {
  return { type: 'chart', chart_type: chartType, title, config: { type: chartType, data: { labels, datasets }, options: { responsive: true } } }
}

/** The plan's three KPI cards with consistent figures. */
export function planKpis(total: number, count: number): Json[] {
  return [kpi('Total Dépenses', total), kpi('Nombre de Transactions', count), kpi('Montant Moyen', Math.round((total / count) * 100) / 100)]
}

/** A reference-style answer (subtype + Sprint 1.3 visualizations). */
export function richBody(
  opts: {
    subtype?: string | null
    group?: string
    visualizations?: Json[]
    insights?: Json[]
    message?: string
    found?: boolean
    total?: number
  } = {},
): Json {
  const found = opts.found ?? true
  return v2Body({
    intent: {
      type: opts.group ?? 'transaction_search',
      subtype: opts.subtype === undefined ? 'simple' : opts.subtype,
      confidence: 0.9,
      supported: true,
      entities: [],
    },
    response: {
      message: opts.message ?? 'Le mois dernier, vous avez dépensé 300,00 € en 3 transactions, soit 100,00 € en moyenne.',
      structured_data: opts.insights ?? [],
      visualizations: opts.visualizations ?? planKpis(300, 3),
    },
    search_summary: { found_results: found, total_results: opts.total ?? (found ? 3 : 0) },
  })
}

/** A v2 comparison answer to `asked` carrying +33,2 % overall (2 514,24 € → 3 348,06 €) and +741,2 % for Shopping. */
export const v2ComparisonBody = (asked: string, message: string): string =>
  JSON.stringify({ ...richBody({ total: 32, visualizations: comparisonViz(), message, insights: [] }), message: asked })

/** A v3 comparison answer to `asked` (docs/wire-contracts.md §6.3): the current total in structured_data, no change carried. */
export function v3ComparisonBody(asked: string, message: string): string {
  return JSON.stringify({
    user_id: 1,
    message: asked,
    status: 'completed',
    response: { message, structured_data: { total_results: 32, aggregations_summary: 'Total des dépenses : 3 348,06 € sur 32 transaction(s)' } },
    search_summary: { found_results: true, total_results: 32 },
    metadata: { pipeline_time_ms: 2, intent: 'comparative_analysis', analytical: true, num_queries_executed: 2, operations: ['period_comparison'] },
    architecture: 'v3_langchain_agents',
  })
}

/**
 * The real v3 stream route's frames, read by its adapter: statuses, response_start + conversation_id, one
 * response_chunk per `chunks` item, then a normal response_end whose response_length fits the text (and whose
 * total_results is `totalResults`).
 */
export function v3StreamOf(chunks: readonly string[], totalResults = 5): AdapterResult {
  const stream = harenaV3Adapter.stream
  if (stream === undefined) throw new Error('harena-v3 has no stream')
  const text = chunks.join('')
  const events = [
    { type: 'status', message: 'Analyse de votre question...' },
    { type: 'status', message: 'Recherche de vos transactions...' },
    { type: 'response_start' },
    { type: 'conversation_id', conversation_id: 42 },
    ...chunks.map((content) => ({ type: 'response_chunk', content })),
    { type: 'response_end', metadata: { total_results: totalResults, response_length: [...text].length, processing_time_ms: 1234 } },
  ]
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`)
  const consumer = stream.open()
  for (const [i, piece] of body.entries()) consumer.push(piece, i + 1)
  const capture = consumer.finish(body.length + 1)
  return stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bodyText: body.join('') }, capture)
}

/** The real v3 buffered body (docs/wire-contracts.md §6.3) with that text, status "completed", five results. */
export function v3BufferedOf(asked: string, message: string): AdapterResult {
  return harenaV3Adapter.parse(
    exchange({
      user_id: 1,
      message: asked,
      status: 'completed',
      response: { message, structured_data: { total_results: 5, aggregations_summary: 'Total des dépenses : 280,55 € sur 5 transaction(s)' } },
      search_summary: { found_results: true, total_results: 5 },
      metadata: { pipeline_time_ms: 5, intent: 'financial_query', requires_search: true, total_results: 5, response_length: [...message].length },
      architecture: 'v3_langchain_agents',
    }),
  )
}
