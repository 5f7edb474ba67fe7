// harena-v3: conversation_service_v3 (docs/wire-contracts.md §6.3, docs/generations.md). `POST /api/v3/conversation/{uid}`;
// the intent is `metadata.intent` (a lower-case category string), `structured_data` is an object
// `{total_results, aggregations_summary}`, there is no insights list and no visualization at all. A completed
// answer must carry `metadata.intent` and `metadata.pipeline_time_ms`; a failed one (`status:"error"`) carries
// `metadata.error` instead. Unknown extra fields are accepted everywhere (loose objects).
import { z } from 'zod'
import type { Observes } from '../../../core/observes.ts'
import type { ExchangeRequest } from '../exchange.ts'
import type { AdapterPaths, AdapterResult, ChatInput, ContractAdapter, NormalizedTurn, RawExchange, Refusals } from '../turn.ts'
import { failureSignals, insightStepSignals, signalLines, trailerSignals } from './failure-signals.ts'
import { loginRequestV2, searchedDates, searchedFilters, searchedType, STATUS } from './harena-v2.ts'
import { sseConsumer } from './sse.ts'
import { parseStreamCapture, readEvent, streamObserves } from './stream.ts'
import { bodyHead, foreignUserIds, issueLines, lengthStated, notAnAnswerStatus, notJsonMediaType, readableErrorMessage } from './wire.ts'
import { parseJson } from '../json-evidence.ts'

// Optional fields accept null (FastAPI's unset Optional), read exactly as the field absent.
const Metadata = z.looseObject({
  pipeline_time_ms: z.number().min(0).nullish(),
  intent: z.string().min(1).nullish(),
  requires_search: z.boolean().nullish(),
  // The search path's count (docs/wire-contracts.md §6.3): the same search total as search_summary.total_results.
  total_results: z.number().int().min(0).nullish(),
  confidence: z.number().min(0).max(1).nullish(),
  /** A failure's reason (a string on the real v3); any shape is judged by failure-signals.ts (null/empty: none). */
  error: z.unknown().optional(),
  query_analysis: z.looseObject({ confidence: z.number().nullish() }).nullish(),
})

export const ChatResponseV3 = z
  .looseObject({
    user_id: z.number().int(),
    message: z.string(),
    status: STATUS,
    response: z.looseObject({
      message: z.string(),
      structured_data: z.looseObject({
        total_results: z.number().int().min(0),
        aggregations_summary: z.string().nullable(),
      }),
    }),
    search_summary: z.looseObject({ found_results: z.boolean(), total_results: z.number().int().min(0) }),
    metadata: Metadata,
    architecture: z.string().min(1),
    conversation_id: z.number().int().nullable().optional(),
  })
  .superRefine((body, ctx) => {
    // The orchestrator always sets these on success (docs/wire-contracts.md §6.3); only a failure replaces them by `error`.
    if (body.status !== 'completed') return
    if (body.metadata.intent === undefined || body.metadata.intent === null)
      ctx.addIssue({ code: 'custom', path: ['metadata', 'intent'], message: 'required field missing (a completed answer states its intent)' })
    if (body.metadata.pipeline_time_ms === undefined || body.metadata.pipeline_time_ms === null)
      ctx.addIssue({
        code: 'custom',
        path: ['metadata', 'pipeline_time_ms'],
        message: 'required field missing (a completed answer states its pipeline time)',
      })
  })
export type ChatResponseV3 = z.infer<typeof ChatResponseV3>

const paths: AdapterPaths = {
  chat: (userId) => `api/v3/conversation/${userId}`,
  stream: (userId) => `api/v3/conversation/${userId}/stream`,
  // user_service is the same for every generation (docs/wire-contracts.md §1.3).
  login: 'api/v1/users/auth/login',
  health: 'api/v3/conversation/health',
  // Read-only routes the security probes try (docs/wire-contracts.md §6.2): the real v3 answers a foreign list with
  // 500 instead of 403, and serves any conversation's turns (no ownership check) — both are what the probes catch.
  conversations: (userId) => `api/v3/conversation/conversations/${userId}`,
  turns: (conversationId) => `api/v3/conversation/conversation/${conversationId}/turns`,
}

/** The body the project's Bruno collection sends (docs/wire-contracts.md §5): v3 has no client_info guard. */
export function chatBodyV3(message: string): Record<string, unknown> {
  return { message, message_type: 'text', priority: 'normal', conversation_id: null }
}

function request(path: string, accept: string, input: ChatInput): ExchangeRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept }
  if (input.authorization !== null) headers.authorization = input.authorization
  return { method: 'POST', path, headers, body: JSON.stringify(chatBodyV3(input.message)) }
}

export function parseV3(exchange: RawExchange): AdapterResult {
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
  if (httpStatus >= 400) return { kind: 'client_error', httpStatus, message: readableErrorMessage(json) }
  const parsed = ChatResponseV3.safeParse(json)
  if (!parsed.success) return { kind: 'contract_violation', httpStatus, issues: issueLines(parsed.error), bodyHead: bodyHead(bodyText) }
  const body = parsed.data
  // Any user id the answer carries (envelope, metadata.elasticsearch_query filters, X-User-ID — the v3 middleware
  // mirrors v2's, docs/wire-contracts.md §6.2) other than the one asked for is another user's data.
  const leaks = exchange.requestedUserId === undefined ? [] : foreignUserIds(json, exchange.headers, exchange.requestedUserId)
  if (leaks.length > 0) return { kind: 'contract_violation', httpStatus, issues: leaks, bodyHead: bodyHead(bodyText) }
  const meta = body.metadata
  // v3 puts a failure's reason in metadata.error, even under status "completed" (docs/wire-contracts.md §6.3, §7).
  // A failure said in the body or, once the body was out, in a trailer (docs/wire-contracts.md §7).
  // An analytics step that failed is recorded under metadata.insights.results.<step>.error (insightStepSignals).
  const signals = signalLines([...failureSignals(json), ...insightStepSignals(json), ...trailerSignals(exchange.trailers)])
  const turn: NormalizedTurn = {
    httpStatus,
    status: body.status,
    intent:
      meta.intent === undefined || meta.intent === null
        ? null
        : { group: meta.intent, subtype: null, confidence: meta.confidence ?? meta.query_analysis?.confidence ?? null },
    message: body.response.message,
    echoedQuestion: body.message,
    insights: [],
    visualizations: [],
    dataPresentation: body.search_summary.found_results,
    totalResults: body.search_summary.total_results,
    structuredSummary: {
      totalResults: body.response.structured_data.total_results,
      aggregations: body.response.structured_data.aggregations_summary,
    },
    stages: {},
    ...(typeof meta.total_results === 'number' ? { metadataTotal: meta.total_results } : {}),
    ...(meta.requires_search === false ? { searchSkipped: true as const } : {}),
    ...lengthStated(meta.response_length),
    // v2's `query` moved to metadata.elasticsearch_query (docs/wire-contracts.md §6.3): its entity filters, and the
    // days it searched — the data's own range, which a made-up range the text states must not replace.
    ...searchedDates(meta['elasticsearch_query']),
    ...searchedFilters(meta['elasticsearch_query']),
    ...searchedType(meta['elasticsearch_query']),
    ...(signals.length > 0 ? { failureSignals: signals } : {}),
  }
  return { kind: 'turn', turn }
}

/**
 * v3 has no range check on the path id: an id ≤ 0 is refused by the token–path check with 403
 * (docs/wire-contracts.md §6.2). 400/422 stay accepted should v3 gain v2's check.
 */
const refusals: Refusals = { invalidUserId: [403, 400, 422] }

/** No KPI card, no chart, no insights list, no subtype on the v3 wire (docs/wire-contracts.md §6.3); the intent is a category. */
const observes: Observes = {
  subtype: 'absent',
  visualizations: 'absent',
  stages: 'absent',
  insights: 'absent',
  responseType: 'absent',
  intent: 'carried',
  kpiCards: 'absent',
}

export const harenaV3Adapter: ContractAdapter = {
  name: 'harena-v3',
  refusals,
  insightLimit: null, // no insight list on the v3 wire
  paths,
  observes,
  chatRequest: (input) => request(paths.chat(input.userId), 'application/json', input),
  loginRequest: loginRequestV2,
  parse: parseV3,
  stream: {
    // The v3 stream states no intent (docs/wire-contracts.md §6.4).
    observes: streamObserves('absent'),
    request: (input) => request(`api/v3/conversation/${input.userId}/stream`, 'text/plain, text/event-stream', input),
    open: () => sseConsumer((data, name) => readEvent('v3', data, name)),
    parse: (exchange, capture) => parseStreamCapture(exchange, capture, parseV3, 'v3'),
  },
}
