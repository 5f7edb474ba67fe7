// One answer of the target, normalized by a contract adapter (one module per contract in adapters/), and the
// adapter interface itself. Expectation checks and the recorder only read this shape, never a raw wire body.
import type { StageName, StageReading, VizKind } from '../../core/model.ts'
import type { Observes } from '../../core/observes.ts'
import type { ContractName } from '../../core/settings.ts'
import type { ChunkReplay } from './adapters/replay.ts'
import type { ExchangeRequest, StreamCapture, StreamConsumer, StreamFailure } from './exchange.ts'

export interface NormalizedViz {
  kind: VizKind
  /** The wire's own type name (kpi_card, pie_chart, chart/bar…), for the report. */
  wireType: string
  title: string
  /** KPI value. */
  value: number | null
  /** KPI change vs the previous period, when the wire carries it. */
  changePercent: number | null
  /** A KPI card's `unit` ("€", "USD"…) when the wire carries one as text: its currency must be the service's. */
  unit?: string
  labels: string[]
  datasets: Array<{ label: string | null; data: number[] }>
  /**
   * The other texts the chart or card shows, when the wire carries them (adapters/visualizations.ts captionsOf): its
   * description, subtitle, Chart.js heading (`options.plugins.title.text`) and axis titles, a KPI card's comparison
   * text. Read like every shown text (checks/shown-text.ts). Absent when none.
   */
  captions?: VizCaption[]
}

/** One shown text of a visualization besides its title, labels and legends, and which part of it shows that text. */
export interface VizCaption {
  part: 'description' | 'subtitle' | 'heading' | 'axis title' | 'comparison text'
  text: string
}

export interface NormalizedInsight {
  type: string
  title: string
  description: string
  /** The figures behind the insight (v2 `data_support`), when the wire carries them: grounding compares text with them. */
  dataSupport?: Record<string, unknown>
}

/** The entity filters of a search, as the wire names them (each list non-empty when present). */
export interface SearchedFilters {
  categories: string[]
  merchants: string[]
}

/** A 2xx answer that satisfied the adapter's schema. */
export interface NormalizedTurn {
  httpStatus: number
  /** Wire `status` ("completed" | "error" | …). */
  status: string
  /** null when the wire carries no intent (pipeline failure). subtype null when the wire has none (real v2). */
  intent: { group: string; subtype: string | null; confidence: number | null } | null
  message: string
  /**
   * The request's message as the service echoed it (v2 and v3 top-level `message`); absent when the wire has none.
   * An echo of another question is another question's answer (checks/echo.ts).
   */
  echoedQuestion?: string
  insights: NormalizedInsight[]
  visualizations: NormalizedViz[]
  /** docs/suite-rules.md §3: the wire's explicit response type if it has one, else search_summary.found_results. */
  dataPresentation: boolean
  totalResults: number | null
  /**
   * What the service computed beside the text, outside insights and charts (v3 `response.structured_data`:
   * `total_results` and the `aggregations_summary` sentence, e.g. "Total: 1050.20 EUR sur 80 transactions").
   * Grounding compares the text with it. Absent when the wire has none.
   */
  structuredSummary?: { totalResults: number; aggregations: string | null }
  /**
   * The result count the pipeline's metadata states beside search_summary (v3 `metadata.total_results`, search path):
   * another carried copy of the count, compared with the others by grounding. Absent when the wire states none.
   */
  metadataTotal?: number
  /**
   * A v3 stream's two copies of the result count: its status event's ("• N transaction(s) trouvée(s)") and its
   * response_end's `metadata.total_results` (docs/wire-contracts.md §6.4), when both state one. Grounding compares
   * them (carried copies); `totalResults` is the end's. Absent when the stream states fewer than two.
   */
  streamCounts?: { status: number; end: number }
  /**
   * The pipeline says it ran no search (v3 `metadata.requires_search: false`, the conversational path, whose answer
   * carries `found_results:false, total_results:0`): results beside it contradict it. Absent when not stated false.
   */
  searchSkipped?: true
  /**
   * The answer's length as the wire states it beside the text (v3 `metadata.response_length`, a stream's
   * `response_end.metadata.response_length`) in Unicode code points — v3 counts with Python's `len` — absent when the
   * wire states none. A text shorter than it was cut (checks/truncated.ts).
   */
  statedLength?: number
  /**
   * The charset the answer's Content-Type declares when it is not UTF-8 (`application/json; charset=iso-8859-1`),
   * lower case; absent otherwise. JSON is UTF-8 (RFC 8259 §8.1) and the client reads every body as UTF-8: a body
   * sent in that charset reads with U+FFFD, and the header is the cause to name (checks/encoding.ts).
   */
  declaredCharset?: string
  /**
   * The date range the service searched (v2 `query.filters.date`, v3 `metadata.elasticsearch_query.filters.date`
   * {gte, lte}, ISO days); absent when the wire has none. The period asked must agree with it (checks/period-asked.ts).
   */
  searchedDates?: { from: string; to: string }
  /**
   * The category and merchant filters the service searched with (v2 `query.filters.category_name` /
   * `merchant_name`, v3 `metadata.elasticsearch_query.filters`); absent when the wire has none. A filter the
   * question did not ask for answers another question (checks/question-asked.ts).
   */
  searchedFilters?: SearchedFilters
  /**
   * The one transaction type the service searched (v2 `query.filters.transaction_type`, v3 the same filter of
   * `metadata.elasticsearch_query`): "debit" or "credit"; absent when the wire states none or both. A search of one
   * type has nothing of the other to draw (checks/chart-data.ts).
   */
  searchedType?: 'debit' | 'credit'
  /** From Server-Timing or body fields the adapter knows; absent keys: not reported. */
  stages: Partial<Record<StageName, number>>
  /** What the stage timing source said besides the stages: its total, the entries not used (core/model.ts). */
  stageReading?: StageReading
  /**
   * The service's own success flag (v2 `performance.overall_success`); absent/null when the wire has none.
   * Optional so that adapters without such a field need not set it. false = the pipeline says it failed.
   */
  overallSuccess?: boolean | null
  /** A streamed answer that failed: how the stream said so (its message is then the service's own text). */
  streamFailure?: StreamFailure
  /**
   * A stream that ended with neither response_end nor an error event: cut off, the answer incomplete — said as
   * such (check.fallback.stream_unfinished), never as a fallback of the pipeline; `chunks`: the answer's chunks read.
   */
  streamUnfinished?: { chunks: number }
  /**
   * Where the answer says it failed beyond its top-level status (adapters/failure-signals.ts, docs/wire-contracts.md
   * §7): `response.status = "error"`, `metadata.error = "…"`, `events[12].type = "ERROR"`. Non-empty: a failed attempt.
   */
  failureSignals?: string[]
  /**
   * false: this answer's wire has no visualizations field at all (the real v2 drops its charts before the wire,
   * docs/wire-contracts.md §0). With `optional` carriage its chart and KPI expectations are then not observable.
   */
  visualizationsOnWire?: boolean
}

/** What the HTTP client hands to an adapter. */
export interface RawExchange {
  httpStatus: number
  headers: Record<string, string | string[] | undefined>
  bodyText: string
  /**
   * HTTP trailers: header fields sent after a chunked body, absent when there were none. Harena sends none (uvicorn
   * cannot, nginx drops an upstream's); one that says the answer failed (`grpc-status: 13`, `x-error: …`) makes the
   * answer a failed one (adapters/failure-signals.ts trailerSignals), and the recorder keeps them as evidence.
   */
  trailers?: Record<string, string | string[] | undefined>
  /**
   * The user the question was asked for (the chat path's user id), set by the recorder. An answer for another
   * user is a contract violation (a cross-user leak). Optional: absent = not checked (callers that only parse).
   */
  requestedUserId?: number
}

/** An adapter's verdict on one exchange. */
export type AdapterResult =
  | { kind: 'turn'; turn: NormalizedTurn }
  /** 4xx with a JSON body: `message` is the readable detail, null when none could be found. */
  | { kind: 'client_error'; httpStatus: number; message: string | null; inputs?: string[] }
  /** 5xx (critical). */
  | { kind: 'server_error'; httpStatus: number; bodyHead: string }
  /** Not JSON at all (critical). */
  | { kind: 'invalid_json'; httpStatus: number; bodyHead: string }
  /**
   * JSON that violates the contract schema (critical); `issues` are readable zod messages with paths. `replay`: a
   * stream whose chunks came twice, and what showed it (adapters/replay.ts); the check names it as such.
   */
  | { kind: 'contract_violation'; httpStatus: number; issues: string[]; bodyHead: string; replay?: ChunkReplay }

/** Where a contract's routes are, relative to the service root (no leading slash: the root may carry a prefix). */
export interface AdapterPaths {
  chat(userId: number): string
  /** The streamed chat route; null when the contract has none. */
  stream(userId: number): string | null
  /** The login route (user_service), answered with {access_token}. */
  login: string
  /** A public route any live service answers (the preflight only needs an HTTP answer, whatever its status). */
  health: string
  /** A user's conversation list (security probes, read-only GET); absent when the contract has none. */
  conversations?(userId: number): string
  /** A conversation's turns (security probes, read-only GET); absent when the contract has none. */
  turns?(conversationId: number): string
}

export interface ChatInput {
  message: string
  userId: number
  /** Full Authorization header value, or null (no credentials configured). */
  authorization: string | null
}

/** A streamed answer's reader and interpreter (absent when the contract has no stream route). */
export interface StreamAdapter {
  /** What this contract's stream can carry (a stream carries the text and totals, never a chart). */
  observes: Observes
  /** The request for a streamed answer. */
  request(input: ChatInput): ExchangeRequest
  /** A fresh consumer for one answer: the client pushes the body into it as it arrives. */
  open(): StreamConsumer
  /** The whole stream → the same result a buffered answer gives (its text through every content check). */
  parse(exchange: RawExchange, capture: StreamCapture): AdapterResult
}

/** The HTTP statuses by which a generation refuses a request, per probe kind, as its contract documents them. */
export interface Refusals {
  /** A chat on user id 0 or -1 with a valid token. */
  invalidUserId: readonly number[]
}

/**
 * A chart a generation draws from the data alone, whatever the question (docs/generations.md): v3.2.9 draws a line
 * whenever the intent group is transaction_search with more than 2 results (docs/wire-contracts.md §2.2). An answer
 * whose own wire says so, and that carries the visualizations field, must carry that chart (checks/chart-rule.ts), and
 * counts in the visualization coverage (a chart is expected of it) whatever the question set says.
 */
export interface ChartRule {
  chart: VizKind
  group: string
  /** The chart is drawn above this many results (search_summary.total_results). */
  aboveResults: number
}

/**
 * A wire contract (docs/adapters.md): where its routes are, how to ask, how to read the answer, and what its
 * wire can carry. The client executes exchanges; the adapter owns them.
 */
export interface ContractAdapter {
  name: ContractName
  paths: AdapterPaths
  /** What this wire can carry (core/observes.ts): "not observable" is decided from this alone. */
  observes: Observes
  /** How this generation refuses what the security probes send (docs/security-probes.md). */
  refusals: Refusals
  /** The longest insight list an answer carries (v2: 3, docs/wire-contracts.md §1.5), or null when none is documented. */
  insightLimit: number | null
  /** The buffered chat request for a question. */
  chatRequest(input: ChatInput): ExchangeRequest
  /** The login request (form, JSON…) for a user name and password. */
  loginRequest(username: string, password: string): ExchangeRequest
  /** A buffered answer → a result. */
  parse(exchange: RawExchange): AdapterResult
  stream?: StreamAdapter
  /** The chart this generation draws from the data alone; absent when it draws none that way. */
  chartRule?: ChartRule
}
