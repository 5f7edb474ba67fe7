// One request's outcome → one AttemptRecord (core/model.ts), the plain JSON the reporter aggregates.
// Classification (docs/suite-rules.md §4, classify.ts): a timeout is a failure (not critical) whose latency is censored at the
// timeout; a transport failure is critical; an HTTP answer goes through the contract adapter, then the question's
// checks. Failures are reasons (code + params, docs/reasons.md); their texts and the evidence are bounded and
// scrubbed of the secrets the suite holds.
import { otherGenerationOf } from './generation-hint.ts'
import type { AttemptRecord, StageReading, StreamRecord } from '../../core/model.ts'
import type { Observes } from '../../core/observes.ts'
import { RATE_LIMITED_FAILURE } from '../../core/measured.ts'
import type { ClientOutcome } from './client.ts'
import type { StreamCapture } from './exchange.ts'
import type { Question } from '../../core/questions.ts'
import type { AdapterResult, ContractAdapter, RawExchange } from './turn.ts'
import { rateLimitOf } from './rate-limit.ts'
import { observableQuestion, withoutOptionalVisualizations } from './observability.ts'
import { LOCALES, say } from '../../core/locale/index.ts'
import '../../core/locale/checks.ts'
import '../../core/locale/transport.ts'
import { type Reason, type ReasonParam, reason } from '../../core/reason.ts'
import { redact, redactValues } from '../../core/secrets.ts'
import { clean } from '../../core/scrub.ts'
import { judgedAsSaid } from './judged-as-said.ts'
import { redactQuote } from '../../core/secret-quotes.ts'
import { conflictingDuplicates, duplicateKeys, escapeHidden, jsonProblem, MAX_DUPLICATE_KEYS, parseJson } from './json-evidence.ts'
import { headerOf, redirectLocation } from './redirect.ts'
import type { CheckOutcome } from './checks/types.ts'
import { showsSomething } from './checks/text.ts'
import { kpiCardsAbsentNote } from './checks/kpi-cards.ts'
import { type ChartExpected, chartExpected, checkChartRule } from './checks/chart-rule.ts'
import { classify } from './classify.ts'

export const BODY_HEAD_CHARS = 512
const MAX_ISSUES = 20
const MAX_ISSUE_CHARS = 300
// A hostile target must not be able to blow the report up through the fields that are copied into it.
const MAX_INTENT_CHARS = 100
const MAX_VISUALIZATIONS = 200
const clip = (text: string): string => (text.length > MAX_INTENT_CHARS ? `${text.slice(0, MAX_INTENT_CHARS)}…` : text)

/** What tests/support/checks/ says about one adapter result. */
export type CheckFn = (question: Question, result: AdapterResult, observes: Observes) => CheckOutcome
/** What is observed without failing (grounding of the figures); null when there is nothing to observe. */
export type ObserveFn = (
  question: Question,
  result: AdapterResult,
) => { grounding: NonNullable<AttemptRecord['grounding']>; notes: Reason[]; truthPeriod?: AttemptRecord['truthPeriod'] } | null

function head(text: string, secrets: readonly string[]): string {
  // Redact before cutting, so that a secret straddling the cut cannot leave a recognisable prefix. Hidden
  // characters (a BOM, a NUL) are written out: evidence that looks fine but is not would mislead.
  const clean = escapeHidden(redact(text, secrets))
  return clean.length > BODY_HEAD_CHARS ? `${clean.slice(0, BODY_HEAD_CHARS)}…` : clean
}

/** A text from the target, scrubbed of the run's secrets, hidden characters written out, cut to length. */
export function boundedText(text: string, secrets: readonly string[]): string {
  const clean = escapeHidden(redact(text, secrets))
  return clean.length > MAX_ISSUE_CHARS ? `${clean.slice(0, MAX_ISSUE_CHARS)}…` : clean
}

function bounded(issues: readonly string[], secrets: readonly string[]): string[] {
  return issues.slice(0, MAX_ISSUES).map((i) => boundedText(i, secrets))
}

/**
 * A reason's texts scrubbed and cut like any observed text (its code and numbers are ours), then its longest
 * text shortened until the sentence, in every language, stays within MAX_ISSUE_CHARS: a hostile target must not
 * make one failure line fill a report.
 */
const IDENTIFIER = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/

export function boundedReason(r: Reason, secrets: readonly string[]): Reason {
  const params: Record<string, ReasonParam> = {}
  for (const [key, value] of Object.entries(r.params)) {
    if (typeof value === 'string') params[key] = boundedText(value, secrets)
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[key] = bounded(value as string[], secrets)
    else params[key] = value
  }
  const longest = (): number => Math.max(...LOCALES.map((l) => say({ code: r.code, params }, l).length))
  for (let excess = longest() - MAX_ISSUE_CHARS; excess > 0; excess = longest() - MAX_ISSUE_CHARS) {
    const key = Object.keys(params).reduce<string | null>((best, k) => {
      const v = params[k]
      // A code or an enum value (`why: 'list_paging'`, `via: 'token'`) is ours, never cut: the sentence says it.
      if (typeof v !== 'string' || IDENTIFIER.test(v)) return best
      const b = best === null ? '' : (params[best] as string)
      return v.length > b.length ? k : best
    }, null)
    const text = key === null ? '' : (params[key] as string)
    if (key === null || text.length <= 1) break
    params[key] = `${text.slice(0, Math.max(0, text.length - excess - 1))}…`
  }
  return { code: r.code, params }
}

/**
 * A stage reading with the target's names cut like any text it sent (the adapter bounded their number) and scrubbed
 * again: the headers were masked before the adapter read them (redactedHeaders), this keeps the record safe should a
 * later adapter read its stages from somewhere else.
 */
function cleanReading(r: StageReading, secrets: readonly string[]): StageReading {
  const name = (n: string) => clip(boundedText(n, secrets))
  return {
    ...(r.totalMs === undefined ? {} : { totalMs: r.totalMs }),
    ...(r.dropped === undefined ? {} : { dropped: r.dropped.map((d) => ({ ...d, name: name(d.name) })) }),
    ...(r.repeated === undefined ? {} : { repeated: [...r.repeated] }),
    ...(r.unmapped === undefined ? {} : { unmapped: r.unmapped.map(name) }),
  }
}

export interface AttemptContext {
  question: Question
  adapter: ContractAdapter
  check: CheckFn
  index: number
  warmup: boolean
  /** Values that must never appear in a record (the bearer token, the password). */
  secrets: readonly string[]
  /** The user the question was asked for (path user id); the adapter rejects an answer for another user. */
  userId?: number
  observe?: ObserveFn
}

/** Microsecond resolution is all a monotonic HTTP timing supports; it also keeps the records readable. */
const us = (ms: number): number => Math.round(ms * 1000) / 1000

const streamRecord = (c: StreamCapture): StreamRecord => ({
  firstEventMs: c.firstEventMs === null ? null : us(c.firstEventMs),
  firstContentMs: c.firstContentMs === null ? null : us(c.firstContentMs),
  endMs: us(c.endMs),
  events: c.events.length,
  contentChunks: c.contentChunks,
  completed: c.completed,
})

const blank = (ctx: AttemptContext, outcome: ClientOutcome, capture: StreamCapture | undefined): AttemptRecord => ({
  index: ctx.index,
  warmup: ctx.warmup,
  startedAt: outcome.timing.startedAt,
  ...(outcome.timing.sentAtMs === undefined ? {} : { sentAtMs: outcome.timing.sentAtMs }),
  latencyMs: us(outcome.timing.totalMs),
  ttfbMs: outcome.timing.ttfbMs === null ? null : us(outcome.timing.ttfbMs),
  timedOut: false,
  httpStatus: null,
  ok: false,
  critical: null,
  intent: null,
  fallback: false,
  dataPresentation: false,
  visualizations: [],
  stages: {},
  failures: [],
  ...(capture ? { stream: streamRecord(capture) } : {}),
  ...(outcome.clientRequestId === undefined ? {} : { clientRequestId: outcome.clientRequestId, requestId: outcome.clientRequestId }),
})

/** Why a timed-out attempt failed; a stream says how far it got (docs/generations.md). */
function timeoutReason(timeoutMs: number, httpStatus: number | null, capture: StreamCapture | undefined): Reason {
  return reason('attempt.timeout', {
    timeoutMs,
    status: httpStatus,
    streamChunks: capture?.contentChunks ?? 0,
    streamEvents: capture?.events.length ?? 0,
  })
}

/**
 * What one answer can be judged on: the contract's declaration, narrowed when this answer's wire has no
 * visualizations field and the contract carries them only optionally (real v2) — its chart and KPI expectations
 * are then taken out (not observable), never failed as if the service were wrong.
 */
function answerView(
  question: Question,
  result: AdapterResult,
  declared: Observes,
): { observes: Observes; question: Question; vizNotOnWire: boolean } {
  const optional = declared.visualizations === 'optional' || declared.kpiCards === 'optional'
  if (result.kind !== 'turn' || result.turn.visualizationsOnWire !== false || !optional) return { observes: declared, question, vizNotOnWire: false }
  const observes = withoutOptionalVisualizations(declared)
  return { observes, question: observableQuestion(question, observes).question, vizNotOnWire: true }
}

/**
 * The generation's own chart rule over the checks' verdict (checks/chart-rule.ts): judged on what the answer's wire
 * says (its group, its result count), whatever the question set expects; a question that already expects the rule's
 * chart kind has its own check say it is missing, once. A pipeline fallback is judged as one, not on its charts.
 */
function withChartRule(
  ctx: AttemptContext,
  question: Question,
  result: AdapterResult,
  observes: Observes,
  verdict: CheckOutcome,
): CheckOutcome & { chartExpected: ChartExpected | null } {
  if (result.kind !== 'turn' || verdict.fallback) return { ...verdict, chartExpected: null }
  const expected = chartExpected(ctx.adapter.chartRule, result.turn, observes)
  if (expected === null) return { ...verdict, chartExpected: null }
  const judged = question.expectations.some((e) => e.kind === expected.chart)
  const failures = judged ? [] : checkChartRule(ctx.adapter.chartRule, ctx.adapter.name, result.turn, observes)
  return { ...verdict, ok: verdict.ok && failures.length === 0, failures: [...verdict.failures, ...failures], chartExpected: expected }
}

/**
 * `capture`: the streamed answer, when the question was asked through the contract's stream route. A request the
 * client resent after a stale kept-alive connection is recorded as its resend, with a note saying so.
 */
export function recordAttempt(ctx: AttemptContext, outcome: ClientOutcome, capture?: StreamCapture): AttemptRecord {
  const record = withHeldOpenNote(recordOutcome(ctx, outcome, capture), outcome, capture)
  if (outcome.resent === undefined) return record
  const error = boundedText(`${outcome.resent.code}: ${outcome.resent.message}`, ctx.secrets)
  const note = boundedReason(reason('transport.stale_connection_resent', { error }), ctx.secrets)
  return { ...record, resent: { error }, notes: [...(record.notes ?? []), note] }
}

/** The trailers an answer carried after its body, as "name: value" lines (scrubbed, bounded), or null when none. */
function trailerLines(outcome: ClientOutcome, secrets: readonly string[]): string[] | null {
  const trailers = outcome.kind === 'response' ? outcome.exchange.trailers : undefined
  if (trailers === undefined) return null
  const fields = Object.entries(trailers).flatMap(([name, value]) => [value ?? []].flat().map((v) => [name, v] as const))
  // Values read in order too (core/secrets.ts redactValues): a secret cut over two trailers is masked in both.
  const values = redactValues(
    fields.map(([, v]) => v),
    secrets,
  )
  const lines = fields.map(([name], k) => `${name}: ${values[k]}`)
  return lines.length === 0 ? null : bounded(lines, secrets)
}

/**
 * A stream the server kept open after its closing event was judged as the answer it closed (client.ts stopped
 * reading; its latency is the closing event's arrival): said as a note, never a timeout.
 */
function withHeldOpenNote(record: AttemptRecord, outcome: ClientOutcome, capture: StreamCapture | undefined): AttemptRecord {
  if (outcome.kind !== 'response' || outcome.heldOpen === undefined) return record
  const note = reason('attempt.stream_held_open', {
    closedBy: capture?.completed === false ? 'error' : 'response_end',
    closedAtMs: Math.round(outcome.heldOpen.closedAtMs),
    keptReadingMs: Math.round(outcome.heldOpen.keptReadingMs),
  })
  return { ...record, notes: [...(record.notes ?? []), note] }
}

/**
 * Every header name and value with the secrets masked (names too: a gateway may echo a token as a header's name).
 * The values are read in order as well (core/secrets.ts redactValues): a secret echoed half in one header, half in
 * the next, is masked in both.
 */
function redactedHeaders(headers: RawExchange['headers'], secrets: readonly string[]): RawExchange['headers'] {
  if (secrets.length === 0) return headers
  const entries = Object.entries(headers)
  const values = redactValues(
    entries.map(([, value]) => joinedValue(value) ?? ''),
    secrets,
  )
  // Copied only when something was masked: nearly every answer's headers hold no secret (checked on every attempt).
  let out: RawExchange['headers'] | null = null
  entries.forEach(([name, value], k) => {
    const maskedName = redact(name, secrets)
    const masked = maskedValue(value, values[k] as string)
    if (out === null && maskedName === name && masked === value) return
    out ??= copyUntil(headers, name)
    out[maskedName] = masked
  })
  return out ?? headers
}

/**
 * A header sent several times is read joined (", "), as the adapters read it: a secret split over two of its lines
 * is whole there (element by element, 12 of a password's 15 characters got through).
 */
const joinedValue = (value: RawExchange['headers'][string]): string | undefined =>
  typeof value === 'string' || value === undefined ? value : value.join(', ')

/** The header's value as it came when `masked` (its joined value, redacted) masked nothing; else `masked`, as one value. */
function maskedValue(value: RawExchange['headers'][string], masked: string): RawExchange['headers'][string] {
  if (value === undefined || masked === joinedValue(value)) return value
  return typeof value === 'string' ? masked : [masked]
}

/** The headers before `stop`, in order (the entries a redaction left unchanged). */
function copyUntil(headers: RawExchange['headers'], stop: string): RawExchange['headers'] {
  const out: RawExchange['headers'] = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name === stop) break
    out[name] = value
  }
  return out
}

function recordOutcome(ctx: AttemptContext, outcome: ClientOutcome, capture?: StreamCapture): AttemptRecord {
  const record = recordAnswer(ctx, outcome, capture)
  // Trailers are evidence whatever the verdict: what came after the body is part of the answer (docs/wire-contracts.md §7).
  const trailers = trailerLines(outcome, ctx.secrets)
  return trailers === null ? record : { ...record, evidence: { ...record.evidence, trailers } }
}

function recordAnswer(ctx: AttemptContext, outcome: ClientOutcome, capture?: StreamCapture): AttemptRecord {
  const base = blank(ctx, outcome, capture)
  if (outcome.kind === 'timeout') {
    return {
      ...base,
      // Censored: the true latency is ≥ the timeout. It stays in the statistics (docs/suite-rules.md §4), never dropped.
      latencyMs: outcome.timeoutMs,
      timedOut: true,
      httpStatus: outcome.httpStatus,
      failures: [timeoutReason(outcome.timeoutMs, outcome.httpStatus, capture)],
    }
  }
  if (outcome.kind === 'transport') {
    const error = redact(`${outcome.code}: ${outcome.message}`, ctx.secrets)
    return {
      ...base,
      httpStatus: outcome.httpStatus,
      critical: classify(outcome),
      failures: [reason('attempt.transport', { error })],
      evidence: { error },
    }
  }
  // Judged on what the service said, written as it is shown (docs/report-contract.md "Judged as said, written
  // scrubbed"). The record is built from the answer scrubbed of the run's secrets, before anything reads it: every
  // text derived from it (failures, excerpts, intents) is cut to length later, and a cut secret is no longer
  // recognisable (a reason quoting the first 120 characters of a Content-Type showed 14 of a password's 15). When the
  // scrubbing masked something, the answer as it came is judged too, and that judgment decides (judged-as-said.ts): a
  // password made of words the answer uses (« du 1er au 31 octobre 2026 » for "Octobre2026!") failed healthy answers
  // for the suite's own mask. requestedUserId: the adapter checks the answer's user_id against the user asked for.
  const said: RawExchange = { ...outcome.exchange, requestedUserId: ctx.userId }
  const shownExchange = scrubbedExchange(said, ctx.secrets)
  const shown = recordExchange(ctx, outcome, shownExchange, capture, ctx.secrets)
  if (shownExchange === said && !shown.masked) return shown.record
  const asSaid = inMemory(() => recordExchange(ctx, outcome, said, capture, null), ctx.secrets)
  const judged = judgedAsSaid(asSaid.record, shown.record, head(shownExchange.bodyText, ctx.secrets), ctx.secrets)
  // Bounded again: the texts of one judgment and the numbers of the other may make a longer sentence than either.
  const bound = (reasons: readonly Reason[]): Reason[] => reasons.map((r) => boundedReason(r, ctx.secrets))
  return { ...judged, failures: bound(judged.failures), ...(judged.notes === undefined ? {} : { notes: bound(judged.notes) }) }
}

/**
 * `judge()`, whose error (a check that throws, its message quoting the answer as it came) is scrubbed before it goes
 * anywhere: Vitest prints and records a question's error.
 */
function inMemory<T>(judge: () => T, secrets: readonly string[]): T {
  try {
    return judge()
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown))
    const scrubbed = new Error(redactQuote(error.message, secrets))
    scrubbed.name = error.name
    scrubbed.stack = redactQuote(error.stack ?? `${error.name}: ${error.message}`, secrets)
    throw scrubbed
  }
}

/** The exchange with its body, headers and trailers scrubbed of `secrets`; the same object when nothing was masked. */
function scrubbedExchange(exchange: RawExchange, secrets: readonly string[]): RawExchange {
  const bodyText = redact(exchange.bodyText, secrets)
  const headers = redactedHeaders(exchange.headers, secrets)
  const trailers = exchange.trailers === undefined ? undefined : redactedHeaders(exchange.trailers, secrets)
  if (bodyText === exchange.bodyText && headers === exchange.headers && trailers === exchange.trailers) return exchange
  return { ...exchange, headers, bodyText, ...(trailers === undefined ? {} : { trailers }) }
}

/**
 * The record of one exchange as judged on `exchange`. `scrubWith`: the secrets a streamed answer's result is scrubbed
 * of once read (it is read from the events, not from `exchange`), null to judge it as it came. `masked`: that
 * scrubbing changed the result.
 */
function recordExchange(
  ctx: AttemptContext,
  outcome: ClientOutcome & { kind: 'response' },
  exchange: RawExchange,
  capture: StreamCapture | undefined,
  scrubWith: readonly string[] | null,
): { record: AttemptRecord; masked: boolean } {
  const base = blank(ctx, outcome, capture)
  const answeredId = headerOf(exchange.headers, 'x-request-id')
  if (answeredId !== null) base.requestId = boundedText(answeredId, ctx.secrets)
  if (outcome.truncated) {
    return {
      masked: false,
      record: {
        ...base,
        httpStatus: exchange.httpStatus,
        critical: classify({ kind: 'truncated', httpStatus: exchange.httpStatus }),
        failures: [reason('attempt.body_too_large', { status: exchange.httpStatus, bytes: outcome.bytes })],
        evidence: { bodyHead: head(exchange.bodyText, ctx.secrets) },
      },
    }
  }
  const limited = rateLimitOf(exchange)
  if (limited !== null) return { masked: false, record: rateLimitedRecord(ctx, base, limited, exchange.httpStatus, exchange.bodyText) }
  if (outcome.undecodable !== undefined) {
    // Named as what it is — an encoding the client could not undo — not as the service's invalid JSON.
    return {
      masked: false,
      record: {
        ...base,
        httpStatus: exchange.httpStatus,
        critical: 'contract',
        failures: [boundedReason(reason('transport.undecodable', { status: exchange.httpStatus, ...outcome.undecodable }), ctx.secrets)],
        evidence: { bodyHead: head(exchange.bodyText, ctx.secrets) },
      },
    }
  }
  const read = resultOf(ctx, exchange, capture, scrubWith)
  return { masked: read.masked, record: recordResult(ctx, base, exchange, capture, read.result) }
}

/** The record of an answer the adapter read (`result`), judged by the question's checks. */
function recordResult(
  ctx: AttemptContext,
  base: AttemptRecord,
  exchange: RawExchange,
  capture: StreamCapture | undefined,
  result: AdapterResult,
): AttemptRecord {
  const told = capture === undefined ? bodyFacts(exchange, ctx) : streamFacts(capture)
  // A streamed answer is judged on what a stream can carry (its adapter's stream declaration).
  const declared = capture !== undefined ? (ctx.adapter.stream?.observes ?? ctx.adapter.observes) : ctx.adapter.observes
  const { observes, question, vizNotOnWire } = answerView(ctx.question, result, declared)
  const verdict = withChartRule(ctx, question, result, observes, ctx.check(question, result, observes))
  const record: AttemptRecord = {
    ...base,
    httpStatus: exchange.httpStatus,
    ok: verdict.ok,
    critical: verdict.critical,
    fallback: verdict.fallback,
    failures: verdict.failures.slice(0, MAX_ISSUES).map((r) => boundedReason(r, ctx.secrets)),
  }
  if (told !== null) {
    if (told.requestId !== null) record.requestId = told.requestId
    if (told.duplicateKeys.length > 0) record.duplicateKeys = told.duplicateKeys
    // A key written twice with different values is ambiguous (parsers disagree on which wins): a contract
    // violation naming the key and both values; the same value twice stays the warning above.
    if (told.conflicts.length > 0) {
      record.ok = false
      record.critical ??= 'contract'
      for (const c of told.conflicts) record.failures.push(boundedReason(reason('transport.duplicate_key_conflict', { ...c }), ctx.secrets))
    }
    // The parser's own words and where: the evidence's first 512 characters may not reach the error.
    if (result.kind === 'invalid_json' && told.problem !== null)
      record.failures.push(boundedReason(reason('transport.json_error', { ...told.problem }), ctx.secrets))
  }
  const location = redirectLocation(exchange)
  if (location !== null) record.failures.push(boundedReason(reason('transport.redirect', { status: exchange.httpStatus, location }), ctx.secrets))
  if (result.kind === 'turn') {
    const { turn } = result
    record.intent =
      turn.intent === null ? null : { group: clip(turn.intent.group), subtype: turn.intent.subtype === null ? null : clip(turn.intent.subtype) }
    record.dataPresentation = turn.dataPresentation
    // What the answer shows: a KPI card without a figure draws nothing, so it is no visualization for the coverage
    // criterion; nor is a kind the contract does not define (a KPI card where its generation never sends one).
    record.visualizations = turn.visualizations
      .filter((v) => showsSomething(v) && (v.kind !== 'kpi' || observes.kpiCards !== 'absent'))
      .slice(0, MAX_VISUALIZATIONS)
      .map((v) => v.kind)
    record.stages = { ...turn.stages }
    if (turn.stageReading !== undefined) record.stageReading = cleanReading(turn.stageReading, ctx.secrets)
    if (vizNotOnWire) record.visualizationsNotOnWire = true
    if (verdict.chartExpected !== null) record.chartExpected = verdict.chartExpected
    if (!verdict.ok) record.evidence = { bodyHead: head(exchange.bodyText, ctx.secrets) }
    const observed = ctx.observe?.(ctx.question, result) ?? null
    if (observed !== null) record.grounding = observed.grounding
    if (observed?.truthPeriod !== undefined) record.truthPeriod = { ...observed.truthPeriod }
    // Said without failing: the grounding's notes, and a data answer without the KPI cards the plan wanted.
    const kpiNote = verdict.fallback ? null : kpiCardsAbsentNote(question, turn, observes)
    const other = otherGenerationOf(ctx.adapter.name, turn.visualizations)
    const generationNote = other === null ? null : reason('note.other_generation', { contract: ctx.adapter.name, looksLike: other })
    const notes = [...(kpiNote === null ? [] : [kpiNote]), ...(generationNote === null ? [] : [generationNote]), ...(observed?.notes ?? [])]
    if (notes.length > 0) record.notes = notes.slice(0, MAX_ISSUES).map((r) => boundedReason(r, ctx.secrets))
  } else if (result.kind === 'contract_violation') {
    record.evidence = { bodyHead: head(result.bodyHead, ctx.secrets), issues: bounded(result.issues, ctx.secrets) }
  } else if (result.kind === 'server_error' || result.kind === 'invalid_json') {
    record.evidence = { bodyHead: head(result.bodyHead, ctx.secrets) }
  } else if (!verdict.ok) {
    record.evidence = { bodyHead: head(exchange.bodyText, ctx.secrets) }
  }
  if (!record.ok && record.evidence === undefined) record.evidence = { bodyHead: head(exchange.bodyText, ctx.secrets) }
  return record
}

/**
 * What a buffered body says beyond the contract: the target's request id (body `request_id`, unless a header
 * already gave one), keys written twice, or why it is not JSON (the parser's message, position and excerpt).
 */
function bodyFacts(
  exchange: RawExchange,
  ctx: AttemptContext,
): {
  requestId: string | null
  duplicateKeys: string[]
  conflicts: ReturnType<typeof conflictingDuplicates>
  problem: ReturnType<typeof jsonProblem>
} {
  let value: unknown
  try {
    value = parseJson(exchange.bodyText) // the adapter's parse of this body, when it made one
  } catch {
    return { requestId: null, duplicateKeys: [], conflicts: [], problem: exchange.bodyText === '' ? null : jsonProblem(exchange.bodyText) }
  }
  const duplicated = duplicateKeys(exchange.bodyText)
  const body = value !== null && typeof value === 'object' ? (value as { request_id?: unknown; detail?: { request_id?: unknown } }) : {}
  const id = body.request_id ?? (typeof body.detail === 'object' && body.detail !== null ? body.detail.request_id : undefined)
  const fromBody = (typeof id === 'string' && id !== '') || typeof id === 'number' ? boundedText(String(id), ctx.secrets) : null
  return {
    requestId: headerOf(exchange.headers, 'x-request-id') === null ? fromBody : null,
    duplicateKeys: duplicated.paths.map((p) => clip(p)),
    // Compared value by value only when some key repeats (rare): every other answer pays the one-pass scan only.
    conflicts: duplicated.count > 0 ? conflictingDuplicates(exchange.bodyText) : [],
    problem: null,
  }
}

/**
 * What a stream's events said beyond their values: keys written twice, named `events[3].type`, and those written with
 * different values — the same warning / contract violation as in a buffered body (docs/verdict-rules.md).
 */
function streamFacts(capture: StreamCapture): ReturnType<typeof bodyFacts> {
  const duplicated: string[] = []
  const conflicts: ReturnType<typeof conflictingDuplicates> = []
  for (const [i, e] of capture.events.entries()) {
    for (const p of e.duplicateKeys ?? []) if (duplicated.length < MAX_DUPLICATE_KEYS) duplicated.push(clip(`events[${i}].${p}`))
    for (const c of e.conflicts ?? []) if (conflicts.length < MAX_DUPLICATE_KEYS) conflicts.push({ ...c, path: `events[${i}].${c.path}` })
  }
  return { requestId: null, duplicateKeys: duplicated, conflicts, problem: null }
}

/** A rate limiter's refusal (tests/support/rate-limit.ts): its own class, never a critical bug of the service. */
function rateLimitedRecord(
  ctx: AttemptContext,
  base: AttemptRecord,
  limit: NonNullable<ReturnType<typeof rateLimitOf>>,
  httpStatus: number,
  bodyText: string,
): AttemptRecord {
  return {
    ...base,
    httpStatus,
    rateLimited: true,
    failures: [boundedReason(reason(RATE_LIMITED_FAILURE, { status: httpStatus, ...limit }), ctx.secrets)],
    evidence: { bodyHead: head(bodyText, ctx.secrets) },
  }
}

/** The charset a Content-Type declares, lower case and bounded, when it is not UTF-8; else null. */
export function foreignCharset(headers: RawExchange['headers']): string | null {
  const charset = /;\s*charset\s*=\s*"?([^";,\s]+)/i.exec(headerOf(headers, 'content-type') ?? '')?.[1]?.toLowerCase()
  return charset === undefined || /^utf-?8$/.test(charset) ? null : charset.slice(0, 40)
}

/** What the adapter read from the exchange; `masked`: scrubbing a streamed answer's result (scrubWith) changed it. */
function resultOf(
  ctx: AttemptContext,
  exchange: RawExchange,
  capture: StreamCapture | undefined,
  scrubWith: readonly string[] | null,
): { result: AdapterResult; masked: boolean } {
  const { result, masked } = parsedResult(ctx, exchange, capture, scrubWith)
  // The declared charset goes with the answer: the encoding check names it as the cause of a garbled text.
  const charset = result.kind === 'turn' ? foreignCharset(exchange.headers) : null
  return { masked, result: charset === null || result.kind !== 'turn' ? result : { ...result, turn: { ...result.turn, declaredCharset: charset } } }
}

function parsedResult(
  ctx: AttemptContext,
  exchange: RawExchange,
  capture: StreamCapture | undefined,
  scrubWith: readonly string[] | null,
): { result: AdapterResult; masked: boolean } {
  if (capture === undefined) return { result: ctx.adapter.parse(exchange), masked: false }
  const stream = ctx.adapter.stream
  if (stream === undefined) throw new Error(`contract ${ctx.adapter.name} has no stream route`)
  // A streamed answer is read while it arrives, before the recorder can scrub it: its result is scrubbed as a whole
  // (a buffered body is scrubbed before parsing). Unchanged parts are shared (core/scrub.ts clean): a result that
  // held no secret is the same object, and the answer is judged once.
  const read = stream.parse(exchange, capture)
  if (scrubWith === null || scrubWith.length === 0) return { result: read, masked: false }
  const result = clean(read, (text) => redact(text, scrubWith)) as AdapterResult
  return { result, masked: result !== read }
}
