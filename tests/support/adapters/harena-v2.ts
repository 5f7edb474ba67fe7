// The harena-v2 wire contract (docs/wire-contracts.md §1.4–§1.6, §2.2): chat route, request body, and the HTTP-200 envelope
// ChatResponseV2 → NormalizedTurn. Required fields are exactly what the REAL v2 wire always carries; what only
// some versions carry (response.visualizations, intent.subtype, conversation_id, Server-Timing) is optional:
// its absence fails an expectation later, never the contract. An optional field written as null (FastAPI's
// unset Optional) is read exactly as the field absent. Extra fields are accepted (loose objects).
import { z } from 'zod'
import type { Observes } from '../../../core/observes.ts'
import type { ExchangeRequest } from '../exchange.ts'
import type {
  AdapterPaths,
  AdapterResult,
  ChatInput,
  ContractAdapter,
  NormalizedInsight,
  NormalizedTurn,
  RawExchange,
  SearchedFilters,
  StreamAdapter,
  Refusals,
} from '../turn.ts'
import { sseConsumer } from './sse.ts'
import { parseStreamCapture, readEvent, streamObserves } from './stream.ts'
import { readServerTiming } from './server-timing.ts'
import { normalizeVisualizations } from './visualizations.ts'
import { bodyHead, echoedInputs, foreignUserIds, headerValue, issueLines, notAnAnswerStatus, notJsonMediaType, readableErrorMessage } from './wire.ts'
import { parseJson } from '../json-evidence.ts'
import { failureSignals, isFailureWord, namesServiceFailure, signalLines, trailerSignals } from './failure-signals.ts'

/** The envelope's status: "completed" or "error" (docs/wire-contracts.md §1.5), or any failure word (§7). */
export const STATUS = z
  .string()
  .refine((s) => s === 'completed' || isFailureWord(s), { message: 'expected "completed" or "error" (or another failure word)' })

const Intent = z.looseObject({
  /** The intent group (docs/wire-contracts.md §3); v2 never sends the subtype. */
  type: z.string().min(1),
  confidence: z.number().min(0).max(1),
  supported: z.boolean(),
  entities: z.array(z.looseObject({})),
  subtype: z.string().nullable().optional(),
})

const Insight = z.looseObject({
  type: z.string().min(1),
  title: z.string(),
  description: z.string(),
  confidence: z.number(),
  data_support: z.looseObject({}),
  actionable: z.boolean(),
  priority: z.number(),
})

/**
 * One item of `structured_data`: an insight, or the service's record of a failed step classed as an error
 * (`{type:"error", message:"…"}`), accepted whatever its other fields so that the failure signal names it
 * (failure-signals.ts namesServiceFailure: a pipeline failure in HTTP 200, not a schema break).
 */
const InsightItem = z.unknown().superRefine((item, ctx) => {
  if (typeof item === 'object' && item !== null && namesServiceFailure((item as Record<string, unknown>)['type'])) return
  const checked = Insight.safeParse(item)
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue })
})

/** Wire types a service may use to state the response type explicitly (real v2 sends none, docs/wire-contracts.md §0.4). */
const ResponseType = z.string().nullish()

export const ChatResponseV2 = z.looseObject({
  user_id: z.number().int(),
  message: z.string(),
  timestamp: z.string().min(1),
  request_id: z.string().min(1),
  processing_time_ms: z.number().min(0),
  /**
   * "error" = the pipeline failed (still HTTP 200): a failure the checks must see. Another failure word ("ERROR",
   * "failed") says the same and is judged as such (failure-signals.ts, docs/wire-contracts.md §7), not as a schema break.
   */
  status: STATUS,
  intent: Intent.nullable(),
  query: z.looseObject({}).nullable(),
  response: z.looseObject({
    message: z.string(),
    /** Insights; null only in legacy mode. */
    structured_data: z.array(InsightItem).nullable(),
    /** main ≥ 89ab727b and the reference only; items are checked by visualizations.ts. */
    visualizations: z.array(z.unknown()).nullable().optional(),
    type: ResponseType,
    response_type: ResponseType,
  }),
  search_summary: z.looseObject({
    found_results: z.boolean(),
    total_results: z.number().int().min(0),
  }),
  performance: z.looseObject({
    overall_success: z.boolean(),
    pipeline_stages: z.number().int().min(0),
  }),
  architecture: z.string().min(1),
  conversation_id: z.number().int().nullable().optional(),
  response_type: ResponseType,
})
export type ChatResponseV2 = z.infer<typeof ChatResponseV2>

/** The harness body the project's own runs sent (docs/wire-contracts.md §1.4), with platform "api" (an allowed value). */
export function chatBody(message: string): Record<string, unknown> {
  return { message, message_type: 'text', priority: 'normal', client_info: { platform: 'api', version: '1.0.0' } }
}

/** Relative (no leading slash): the base URL may carry a path prefix (docs/suite-rules.md §2). */
export function chatPath(userId: number): string {
  return `api/v1/conversation/${userId}`
}

/** The v2 stream route (docs/wire-contracts.md §1.7). */
export function streamPathV2(userId: number): string {
  return `api/v1/conversation/${userId}/stream`
}

const paths: AdapterPaths = {
  chat: chatPath,
  stream: streamPathV2,
  login: 'api/v1/users/auth/login',
  health: 'api/v1/conversation/health',
  conversations: (userId) => `api/v1/conversation/conversations/${userId}`,
  turns: (conversationId) => `api/v1/conversation/conversation/${conversationId}/turns`,
}

/** v2 validates the path id before the token–path check: 400 for an id ≤ 0, 422 for a non-integer. */
export const V2_REFUSALS: Refusals = { invalidUserId: [400, 422] }
/** `response.structured_data` holds the insights, at most 3 (the response generator's cut). */
export const V2_INSIGHT_LIMIT = 3

/**
 * What the v2 wire carries: the intent group always, the subtype and the response type only on the reference
 * service (real v2 never sends them, docs/wire-contracts.md §0.4), stage timings only through an optional Server-Timing
 * header; insights (structured_data) always; visualizations are expected (the viz_coverage criterion), so an
 * answer without them fails its expectation rather than being "not observable".
 */
const observes: Observes = {
  subtype: 'optional',
  // The real v2 (7f4c2de6) drops its charts before the wire: its answers have no visualizations field at all, so
  // chart and KPI expectations are "not observable" on such an answer (tests/support/record.ts). An answer WITH the
  // field (the reference, a v2 that sends charts) is judged: the plan's Sprint 1.3 KPI cards must be there.
  visualizations: 'optional',
  stages: 'optional',
  insights: 'carried',
  responseType: 'optional',
  intent: 'carried',
  kpiCards: 'optional',
}

function chatRequest(input: ChatInput): ExchangeRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (input.authorization !== null) headers.authorization = input.authorization
  return { method: 'POST', path: chatPath(input.userId), headers, body: JSON.stringify(chatBody(input.message)) }
}

/** The same body on the stream route; the answer is `data: <json>` events under text/plain. */
export function streamRequestV2(input: ChatInput): ExchangeRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/plain, text/event-stream' }
  if (input.authorization !== null) headers.authorization = input.authorization
  return { method: 'POST', path: streamPathV2(input.userId), headers, body: JSON.stringify(chatBody(input.message)) }
}

/** The v2 stream for a buffered parser (v2 or v2-charts): its statuses carry the intent group (docs/wire-contracts.md §1.7). */
export function streamAdapterV2(buffered: (e: RawExchange) => AdapterResult): StreamAdapter {
  return {
    observes: streamObserves('carried'),
    request: streamRequestV2,
    open: () => sseConsumer((data, name) => readEvent('v2', data, name)),
    parse: (exchange, capture) => parseStreamCapture(exchange, capture, buffered, 'v2'),
  }
}

/** user_service's OAuth2PasswordRequestForm: form-encoded, JSON answer (docs/wire-contracts.md §1.3). */
function loginRequest(username: string, password: string): ExchangeRequest {
  return {
    method: 'POST',
    path: paths.login,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ username, password }).toString(),
  }
}

/** docs/suite-rules.md §3: the explicit response type when the wire states one, else search_summary.found_results. */
function dataPresentation(body: ChatResponseV2): boolean {
  const explicit = body.response_type ?? body.response.response_type ?? body.response.type
  if (explicit !== undefined && explicit !== null) return explicit.trim().toLowerCase() === 'data_presentation'
  return body.search_summary.found_results
}

/** The insights as the user sees them; a failure record's missing texts are empty (its signal fails the answer). */
function insights(body: ChatResponseV2): NormalizedInsight[] {
  return (body.response.structured_data ?? []).map((item) => {
    const i = item as Record<string, unknown>
    const text = (v: unknown): string => (typeof v === 'string' ? v : '')
    const support = i['data_support']
    return {
      type: text(i['type']),
      title: text(i['title']),
      description: text(i['description']),
      ...(typeof support === 'object' && support !== null && !Array.isArray(support) ? { dataSupport: support as Record<string, unknown> } : {}),
    }
  })
}

/**
 * `user_id` is the path id (docs: the v2 wire contract). Any other user id the answer carries — the envelope's, the
 * query's, a nested one, the X-User-ID header — is a cross-user leak (or a routing bug), never an answer to the
 * question asked: a contract violation naming both ids. Unchecked when the caller gave none.
 */
function userIssues(json: unknown, headers: RawExchange['headers'], requested: number | undefined): string[] {
  return requested === undefined ? [] : foreignUserIds(json, headers, requested)
}

export function parseV2(exchange: RawExchange): AdapterResult {
  const { httpStatus, bodyText } = exchange
  if (httpStatus >= 500) return { kind: 'server_error', httpStatus, bodyHead: bodyHead(bodyText) }
  const notAnswer = notAnAnswerStatus(httpStatus)
  if (notAnswer !== null) return { kind: 'contract_violation', httpStatus, issues: [notAnswer], bodyHead: bodyHead(bodyText) }
  // Declared as something else than JSON, a JSON body is still not what the contract sends (wire.ts).
  const media = notJsonMediaType(exchange.headers)
  if (media !== null) return { kind: 'contract_violation', httpStatus, issues: [media], bodyHead: bodyHead(bodyText) }
  let json: unknown
  try {
    json = parseJson(bodyText) // read again by the recorder (json-evidence.ts)
  } catch {
    return { kind: 'invalid_json', httpStatus, bodyHead: bodyHead(bodyText) }
  }
  if (httpStatus >= 400) {
    const inputs = echoedInputs(json)
    return { kind: 'client_error', httpStatus, message: readableErrorMessage(json), ...(inputs.length > 0 ? { inputs } : {}) }
  }

  const parsed = ChatResponseV2.safeParse(json)
  if (!parsed.success) return { kind: 'contract_violation', httpStatus, issues: issueLines(parsed.error), bodyHead: bodyHead(bodyText) }
  const body = parsed.data
  const viz = normalizeVisualizations(body.response.visualizations ?? [], 'response.visualizations')
  const issues = [...userIssues(json, exchange.headers, exchange.requestedUserId), ...viz.issues]
  if (issues.length > 0) return { kind: 'contract_violation', httpStatus, issues, bodyHead: bodyHead(bodyText) }

  const subtype = body.intent?.subtype
  // A failure said in the body or, once the body was out, in a trailer (docs/wire-contracts.md §7).
  const signals = signalLines([...failureSignals(json), ...trailerSignals(exchange.trailers)])
  const turn: NormalizedTurn = {
    httpStatus,
    status: body.status,
    intent:
      body.intent === null
        ? null
        : {
            group: body.intent.type,
            subtype: subtype === undefined || subtype === null || subtype.trim() === '' ? null : subtype,
            confidence: body.intent.confidence,
          },
    message: body.response.message,
    echoedQuestion: body.message,
    insights: insights(body),
    visualizations: viz.visualizations,
    // FastAPI writes an unset optional field as null: null is the field absent (not observable), never "zero charts".
    visualizationsOnWire: body.response.visualizations !== undefined && body.response.visualizations !== null,
    dataPresentation: dataPresentation(body),
    totalResults: body.search_summary.total_results,
    ...stageTimings(headerValue(exchange.headers, 'server-timing')),
    overallSuccess: body.performance.overall_success,
    ...searchedDates(body.query),
    ...searchedFilters(body.query),
    ...searchedType(body.query),
    ...(signals.length > 0 ? { failureSignals: signals } : {}),
  }
  return { kind: 'turn', turn }
}

/** The turn's stages and, when the header said more (a total, entries not used), its reading. */
function stageTimings(header: string | undefined): Pick<NormalizedTurn, 'stages' | 'stageReading'> {
  const { stages, reading } = readServerTiming(header)
  return reading === undefined ? { stages } : { stages, stageReading: reading }
}

/**
 * `filters.date` {gte, lte} of a search query (v2 `query`, v3 `metadata.elasticsearch_query`) as ISO days, when the
 * wire has both: the days the answer's data cover (checks/period-asked.ts judges them, and a range the text states
 * outside them names another period).
 */
export function searchedDates(query: unknown): { searchedDates?: { from: string; to: string } } {
  const filters = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['filters'] : undefined
  const date = typeof filters === 'object' && filters !== null ? (filters as Record<string, unknown>)['date'] : undefined
  if (typeof date !== 'object' || date === null) return {}
  const { gte, lte } = date as Record<string, unknown>
  const day = /^\d{4}-\d{2}-\d{2}/
  return typeof gte === 'string' && typeof lte === 'string' && day.test(gte) && day.test(lte) ? { searchedDates: { from: gte, to: lte } } : {}
}

/** A filter's values: a string, a list of strings, or an Elasticsearch-like {term|terms|eq|in: …} around them. */
function filterValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value]
  if (Array.isArray(value)) return value.flatMap(filterValues)
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>
    return ['eq', 'term', 'terms', 'in', 'value', 'match'].flatMap((k) => filterValues(v[k]))
  }
  return []
}

/**
 * `filters.transaction_type` of a search query when it names one type, "debit" or "credit" (any case, as a string, a
 * one-item list or an Elasticsearch-like {term|eq|…}); a list of both, or none, states no single type.
 */
export function searchedType(query: unknown): { searchedType?: 'debit' | 'credit' } {
  const filters = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['filters'] : undefined
  if (typeof filters !== 'object' || filters === null) return {}
  const types = [...new Set(filterValues((filters as Record<string, unknown>)['transaction_type']).map((t) => t.trim().toLowerCase()))]
  const only = types.length === 1 ? types[0] : undefined
  return only === 'debit' || only === 'credit' ? { searchedType: only } : {}
}

const CATEGORY_KEYS = ['category_name', 'category', 'categories', 'categorie']
const MERCHANT_KEYS = ['merchant_name', 'merchant', 'merchants', 'marchand']

/**
 * `filters.category_name` / `filters.merchant_name` of a search query (v2 `query`, v3 `metadata.elasticsearch_query`),
 * when it has any (checks/question-asked.ts: a filter the question did not ask for).
 */
export function searchedFilters(query: unknown): { searchedFilters?: SearchedFilters } {
  const filters = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['filters'] : undefined
  if (typeof filters !== 'object' || filters === null) return {}
  const f = filters as Record<string, unknown>
  const categories = CATEGORY_KEYS.flatMap((k) => filterValues(f[k]))
  const merchants = MERCHANT_KEYS.flatMap((k) => filterValues(f[k]))
  return categories.length + merchants.length === 0 ? {} : { searchedFilters: { categories, merchants } }
}

export const harenaV2Adapter: ContractAdapter = {
  name: 'harena-v2',
  refusals: V2_REFUSALS,
  insightLimit: V2_INSIGHT_LIMIT,
  paths,
  observes,
  chatRequest,
  loginRequest,
  parse: parseV2,
  stream: streamAdapterV2(parseV2),
}

export { paths as pathsV2, loginRequest as loginRequestV2, chatRequest as chatRequestV2 }
