// Where a Harena answer can say "I failed" (docs/wire-contracts.md §7): the one rule every adapter applies, buffered or
// streamed. The service answers pipeline failures with HTTP 200 (docs/wire-contracts.md §1.5), so a gate that read
// only the documented `status:"error"` was fooled by every variant — `response.status:"error"`, v3's
// `metadata.error` under `status:"completed"`, a stream event `{"type":"ERROR"}`. An answer that signals a failure
// at any of these places is a failed attempt, even when it carries a text. A field that is null, empty or false is
// not a signal, nor is a text that talks about errors, nor a status "completed"/"success"/"ok".

/** The containers the service puts its own verdict in: the answer itself (or a stream event) and these children. */
export const SIGNAL_SCOPES: readonly string[] = ['response', 'data', 'result', 'metadata', 'performance']

/**
 * A failure word as a status/state/type value or an SSE event name: "error", "FAILED", "failure: timeout", "échec" —
 * and the words of an answer cut short (review 2026-12-05: `{"type":"timeout"}`, `{"type":"aborted"}` were ignored):
 * timeout/timed out, abort(ed), cancel(l)ed/annulé, interrupt(ed)/interrompu, incomplete/incomplet, échoué.
 */
const FAILURE_WORD =
  /^(error|errors|errored|erreur|fail|failed|failure|echec|echoue|echouee|exception|timeout|timed[ _-]?out|abort|aborted|cancel|canceled|cancelled|annule|annulee|interrupt|interrupted|interrompu|interrompue|incomplete|incomplet)(?![a-z])/

/**
 * The same words as one word of an identifier (a stream event's type, a status): "stream_error", "response-error",
 * "llm.failed", "StreamError", "stage_failure" (review 2026-12-04: `{"type":"stream_error"}` mid-stream gave GO). A
 * word that negates it ("no_error", "non_failed", "without_errors") makes it none.
 */
const FAILURE_TOKENS = new Set([
  'error',
  'errors',
  'errored',
  'erreur',
  'erreurs',
  'fail',
  'failed',
  'failure',
  'echec',
  'echoue',
  'echouee',
  'exception',
  'timeout',
  'abort',
  'aborted',
  'cancel',
  'canceled',
  'cancelled',
  'annule',
  'annulee',
  'interrupt',
  'interrupted',
  'interrompu',
  'interrompue',
  'incomplete',
  'incomplet',
])
const NEGATION_TOKENS = new Set(['no', 'non', 'not', 'without', 'sans', 'pas', 'aucun', 'aucune'])
/** "timed out" is two words: one failure word once joined. */
const failureTokenAt = (words: readonly string[], i: number): boolean =>
  FAILURE_TOKENS.has(words[i] ?? '') || (words[i] === 'timed' && words[i + 1] === 'out')
const identifierWords = (value: string): string[] =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')

/** Key families, compared without case, "_" or "-": status/state, error/errors, success flags. */
const STATUS_KEYS = new Set(['status', 'state'])
// Error fields: what the service fills when a stage failed, under any of the names seen in the wild (review
// 2026-12-04: `error_code:"LLM_TIMEOUT"`, `exception:"openai.APITimeoutError…"` on an otherwise complete answer gave GO).
const ERROR_KEYS = new Set([
  'error',
  'errors',
  'errormessage',
  'errormsg',
  'errorcode',
  'errortype',
  'errordetail',
  'errordetails',
  'exception',
  'exceptions',
])
/**
 * An error field by its name's last word (review 2026-12-05: `metadata.search_error`, `performance.pipeline_errors`
 * gave GO): any key that is or ends in error/errors/failure/failures/exception/exceptions, besides the names above.
 */
const ERROR_ENDING = /(?:error|errors|failure|failures|exception|exceptions)$/
/**
 * A measured error, not a failure: a statistic an analytics step may report (`standard_error: 0.12`,
 * `mean_absolute_error`, `margin_of_error`). Only its number is spared; a text or an object under such a name counts.
 */
const STATISTIC_ERROR =
  /(?:standard|std|mean|squared|absolute|relative|margin|marginof|percentage|forecast|prediction|estimation|sampling|rounding|approximation|measurement|tracking)errors?$/
const isErrorKey = (form: string, value: unknown): boolean =>
  (ERROR_KEYS.has(form) || ERROR_ENDING.test(form)) && !(typeof value === 'number' && STATISTIC_ERROR.test(form))
/**
 * What produced the answer's text: `performance.model_used` (v3.2.8, docs/wire-contracts.md §1.5), `model`,
 * `llm_model`, `generator`. Harena's response generator writes "fallback" there only in its fallback answer (with
 * success false); elsewhere the LLM's name or "streaming".
 */
const MODEL_KEYS = new Set([
  'model',
  'modelused',
  'modelname',
  'llm',
  'llmmodel',
  'llmused',
  'generator',
  'generatorused',
  'generatedby',
  'responsegenerator',
])
/** A model value that says no model answered: "fallback" (or a word of it: "keyword_fallback"), "none", a failure word. */
const NO_MODEL = new Set(['none', 'null', 'nil', 'nomodel'])
const isNoModel = (value: unknown): boolean =>
  typeof value === 'string' && (NO_MODEL.has(folded(value)) || identifierWords(value).includes('fallback') || isFailureWord(value))
/**
 * A status of something: `status`, `state`, and any key that ends with them (`pipeline_status`, `llm_status`,
 * `generationState`): a second review got GO with `pipeline_status:"failed"` and `metadata.llm_status:"failed"`.
 */
const isStatusKey = (form: string): boolean => STATUS_KEYS.has(form) || form.endsWith('status') || form.endsWith('state')
/** The service saying it answered with its fallback: `fallback: true`, and why (`fallback_reason: "llm_timeout"`). */
const FALLBACK_FLAGS = new Set(['fallback', 'isfallback', 'fallbackused', 'usedfallback', 'degraded'])
const FALLBACK_REASONS = new Set(['fallbackreason', 'degradedreason', 'failurereason', 'errorreason'])

/** Children of a verdict container that hold one entry per pipeline stage, each with its own status. */
const STAGE_KEYS = new Set(['stages', 'steps', 'pipeline', 'agents'])
const SUCCESS_KEYS = new Set(['success', 'overallsuccess', 'successful', 'ok'])

/** Strings that say "no error" in an error field. */
const EMPTY_WORDS = new Set(['', 'none', 'null', 'nil', 'no', 'false', '0', 'ok', 'n/a', '-'])

const MAX_DEPTH = 4
const MAX_VALUE_CHARS = 80

export interface FailureSignal {
  /** "response.status", "metadata.error", "type", "event" (an SSE event name). */
  path: string
  /** The value, as JSON, cut to 80 characters. */
  value: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const keyForm = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '')
const folded = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()

/** "error", "FAILED", "Failure: LLM timeout", "Échec", "stream_error", "StageFailed" — not "completed", "errorless", "no_error" or "ok". */
export function isFailureWord(value: unknown): value is string {
  if (typeof value !== 'string') return false
  if (FAILURE_WORD.test(folded(value))) return true
  const words = identifierWords(value)
  return words.some((_, i) => failureTokenAt(words, i)) && !words.some((w) => NEGATION_TOKENS.has(w))
}

/**
 * A sentence that says the answer failed: a failure word not negated by the word just before it ("Délai de
 * génération LLM dépassé, réponse incomplète", "LLM stream interrupted (timeout)" — not "aucune erreur").
 */
export function saysFailure(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const words = identifierWords(value)
  return words.some((_, i) => failureTokenAt(words, i) && !NEGATION_TOKENS.has(words[i - 1] ?? ''))
}

/** Whether an error field holds something: a text, true, a non-zero number, a list or object with content. */
function hasContent(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined || value === false) return false
  if (value === true) return true
  if (typeof value === 'number') return value !== 0 && Number.isFinite(value)
  if (typeof value === 'string') return !EMPTY_WORDS.has(folded(value))
  if (depth >= MAX_DEPTH) return true
  if (Array.isArray(value)) return value.some((v) => hasContent(v, depth + 1))
  if (isRecord(value)) return Object.values(value).some((v) => hasContent(v, depth + 1))
  return false
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text
}

/** The signals among one object's own fields (not below them). */
function signalsIn(scope: Record<string, unknown>, prefix: string): FailureSignal[] {
  const out: FailureSignal[] = []
  for (const key in scope) {
    if (!Object.hasOwn(scope, key)) continue
    const value = scope[key]
    const form = keyForm(key)
    const signal =
      (isStatusKey(form) && isFailureWord(value)) ||
      (isErrorKey(form, value) && hasContent(value)) ||
      (MODEL_KEYS.has(form) && isNoModel(value)) ||
      (SUCCESS_KEYS.has(form) && (value === false || (typeof value === 'string' && folded(value) === 'false'))) ||
      (FALLBACK_FLAGS.has(form) && (value === true || (typeof value === 'string' && folded(value) === 'true'))) ||
      (FALLBACK_REASONS.has(form) && hasContent(value))
    if (signal) out.push({ path: `${prefix}${key}`, value: shown(value) })
  }
  return out
}

/**
 * Every place an answer body (or one stream event) says it failed: a status/state that is a failure word, a
 * non-empty error/errors field, a success flag that is false — on the object itself and in its `response`, `data`,
 * `result`, `metadata` and `performance` objects. Nothing deeper: a query filter `{status:"failed"}` or a
 * transaction's state is data, not the service's verdict.
 */
export function failureSignals(body: unknown): FailureSignal[] {
  if (!isRecord(body)) return []
  const out = [...signalsIn(body, ''), ...stageSignals(body, '')]
  for (const key in body) {
    if (!Object.hasOwn(body, key) || !SIGNAL_SCOPES.includes(key.toLowerCase())) continue
    const child = body[key]
    if (isRecord(child)) out.push(...signalsIn(child, `${key}.`), ...stageSignals(child, `${key}.`))
  }
  return withoutRepeats([...out, ...areaErrorSignals(body), ...insightClassSignals(body)])
}

/**
 * The keys an insight classifies itself by. An insight is the service's own statement beside the text, so one it
 * classifies as an error is the pipeline recording a failed step (review: `{type:"error", title:"Analyse", …}` with
 * no error field among v2's structured_data gave GO): a failure signal, named `response.structured_data[0].type`.
 */
const INSIGHT_CLASS_KEYS = new Set(['type', 'kind', 'severity', 'level', 'insighttype', 'insightkind'])
/** The lists (or objects) the service puts its insights in: v2 `response.structured_data`, `insights` (v3 `metadata.insights`). */
const INSIGHT_AREAS = new Set(['structureddata', 'insights'])
/**
 * Words that make a failure word the user's banking, not the service's: an insight about failed payments, cancelled
 * subscriptions or a failed login (`failed_payment`, `subscription_cancelled`, `payment_failure`) reports the data.
 */
const BANKING_WORDS = new Set(
  (
    'payment payments paiement paiements prelevement prelevements virement virements transfer transfers transaction transactions ' +
    'card cards carte cartes subscription subscriptions abonnement abonnements debit debits credit credits refund refunds ' +
    'remboursement remboursements charge charges chargeback order orders commande commandes purchase purchases achat achats ' +
    'withdrawal withdrawals retrait retraits cheque cheques check checks mandate mandat bill bills facture factures invoice ' +
    'invoices direct deposit deposits depot depots loan pret budget budgets goal goals objectif objectifs login logins ' +
    'connexion authentication authentification booking reservation delivery livraison'
  ).split(' '),
)
/** Levels a budget or an anomaly insight may legitimately carry are not failures: only these name one. */
const ERROR_LEVELS = new Set(['err', 'fatal'])

/** An insight's class that names a failure of the service: "error", "ERROR", "analytics_failed", "llm_timeout" — not "failed_payment". */
export function namesServiceFailure(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const words = identifierWords(value)
  if (words.some((w) => BANKING_WORDS.has(w) || NEGATION_TOKENS.has(w))) return false
  return words.some((_, i) => failureTokenAt(words, i)) || (words.length === 1 && ERROR_LEVELS.has(words[0] ?? ''))
}

/** One insight's own class fields that name a failure (nothing below them: its data_support is its figures). */
function classSignals(entry: unknown, path: string): FailureSignal[] {
  if (!isRecord(entry)) return []
  const out: FailureSignal[] = []
  for (const [key, value] of Object.entries(entry))
    if (INSIGHT_CLASS_KEYS.has(keyForm(key)) && namesServiceFailure(value)) out.push({ path: `${path}.${key}`, value: shown(value) })
  return out
}

/**
 * The insights of an area: the items of a list (v2 `structured_data[i]`), an object that is one insight itself, and
 * the steps of its `results` (v3 `metadata.insights.results.<step>`, the analytics operations it ran).
 */
function insightEntries(area: unknown, path: string): Array<[unknown, string]> {
  if (Array.isArray(area)) return area.map((v, i) => [v, `${path}[${i}]`])
  if (!isRecord(area)) return []
  const out: Array<[unknown, string]> = [[area, path]]
  for (const [key, child] of Object.entries(area)) {
    if (keyForm(key) !== 'results') continue
    if (Array.isArray(child)) out.push(...child.map((v, i): [unknown, string] => [v, `${path}.${key}[${i}]`]))
    else if (isRecord(child)) out.push(...Object.entries(child).map(([step, v]): [unknown, string] => [v, `${path}.${key}.${step}`]))
  }
  return out
}

/** Insights classed as an error (type, kind, severity, level), at the top or in a verdict container (docs/wire-contracts.md §7). */
function insightClassSignals(body: Record<string, unknown>): FailureSignal[] {
  const out: FailureSignal[] = []
  const visit = (scope: Record<string, unknown>, prefix: string): void => {
    for (const [key, child] of Object.entries(scope)) {
      if (INSIGHT_AREAS.has(keyForm(key)))
        for (const [entry, path] of insightEntries(child, `${prefix}${key}`)) out.push(...classSignals(entry, path))
      else if (prefix === '' && SIGNAL_SCOPES.includes(key.toLowerCase()) && isRecord(child)) visit(child, `${key}.`)
    }
  }
  visit(body, '')
  return out
}

/**
 * The areas where the service reports on itself below the first level (docs/wire-contracts.md §7): `metadata`,
 * `performance` and `structured_data` (the insights; v2's response generator can record a failed step as an insight
 * `{type:"error", data_support:{error:"timeout"}}`), at the top or in a verdict container.
 */
const DEEP_AREAS = new Set(['metadata', 'performance', 'structureddata'])
const MAX_AREA_DEPTH = 6

function areaErrorSignals(body: Record<string, unknown>): FailureSignal[] {
  const out: FailureSignal[] = []
  const visit = (scope: Record<string, unknown>, prefix: string): void => {
    for (const key in scope) {
      if (!Object.hasOwn(scope, key)) continue
      const child = scope[key]
      if (DEEP_AREAS.has(keyForm(key))) out.push(...errorFieldsBelow(child, `${prefix}${key}`, 0))
      else if (prefix === '' && SIGNAL_SCOPES.includes(key.toLowerCase()) && isRecord(child)) visit(child, `${key}.`)
    }
  }
  visit(body, '')
  return out
}

/**
 * Every error-named field (`isErrorKey`) with content at any depth of an area: `metadata.search_error`,
 * `performance.pipeline_errors`, `response.structured_data[0].data_support.error`. Only error fields: a status or a
 * flag deeper than the first level may be the user's data (a query filter, a budget's state).
 */
function errorFieldsBelow(value: unknown, path: string, depth: number): FailureSignal[] {
  if (depth > MAX_AREA_DEPTH) return []
  if (Array.isArray(value)) return value.flatMap((v, i) => errorFieldsBelow(v, `${path}[${i}]`, depth + 1))
  if (!isRecord(value)) return []
  const out: FailureSignal[] = []
  for (const [key, child] of Object.entries(value)) {
    if (isErrorKey(keyForm(key), child) && hasContent(child)) out.push({ path: `${path}.${key}`, value: shown(child) })
    else out.push(...errorFieldsBelow(child, `${path}.${key}`, depth + 1))
  }
  return out
}

/** One signal per path: the first-level rules and the area walk may name the same field. */
function withoutRepeats(signals: readonly FailureSignal[]): FailureSignal[] {
  const seen = new Set<string>()
  return signals.filter((s) => !seen.has(s.path) && seen.add(s.path) !== undefined)
}

/**
 * The service's per-stage verdicts: `performance.stages.llm.status:"failed"`, `pipeline[2].error` — each entry of a
 * stages/steps/pipeline/agents child of a verdict container (one level: an entry's own fields, nothing deeper).
 */
function stageSignals(scope: Record<string, unknown>, prefix: string): FailureSignal[] {
  const out: FailureSignal[] = []
  for (const key in scope) {
    if (!Object.hasOwn(scope, key) || !STAGE_KEYS.has(keyForm(key))) continue
    const stages = scope[key]
    const entries: Array<[string, unknown]> = Array.isArray(stages)
      ? stages.map((v, i) => [`[${i}]`, v])
      : isRecord(stages)
        ? Object.entries(stages).map(([name, v]) => [`.${name}`, v])
        : []
    for (const [at, entry] of entries) if (isRecord(entry)) out.push(...signalsIn(entry, `${prefix}${key}${at}.`))
  }
  return out
}

/** The event types the contracts define besides `error` (docs/wire-contracts.md §1.7, §6.4): their text is the service's prose. */
const CONTRACT_EVENT_TYPES = new Set(['status', 'response_start', 'response_chunk', 'response_end', 'conversation_id'])
/** Where an event outside the contract says why it came: read for failure words (`saysFailure`). */
const PROSE_KEYS = ['message', 'reason', 'detail', 'description', 'msg'] as const
/** How loud an event says it is: these values mark a failure, whatever its type (`{"type":"status","level":"error"}`). */
const LEVEL_KEYS = new Set(['level', 'severity', 'loglevel'])
const FAILURE_LEVELS = new Set(['error', 'err', 'critical', 'crit', 'fatal', 'emergency', 'alert'])

/**
 * One stream event's signals: those of `failureSignals`, a `type` that is a failure word, an SSE `event:` name, a
 * `level`/`severity` of error/critical/fatal, and — on an event outside the contract's types only — a
 * message/reason/detail that says it failed. A status event's message is not read for words: it names what is
 * searched ("Recherche des paiements échoués…"), so a question about cancelled subscriptions would fail; nor is a
 * benign unknown event (`ping`, `heartbeat`, `metadata`) without failure words a signal.
 */
export function eventFailureSignals(event: Record<string, unknown>, sseName?: string): FailureSignal[] {
  const out = failureSignals(event)
  const type = event['type']
  if (isFailureWord(type)) out.unshift({ path: 'type', value: shown(type) })
  if (sseName !== undefined && isFailureWord(sseName)) out.unshift({ path: 'event', value: shown(sseName) })
  for (const key in event) {
    const value = event[key]
    if (Object.hasOwn(event, key) && LEVEL_KEYS.has(keyForm(key)) && typeof value === 'string' && FAILURE_LEVELS.has(folded(value)))
      out.push({ path: key, value: shown(value) })
  }
  if (typeof type === 'string' && CONTRACT_EVENT_TYPES.has(type)) return out
  for (const key of PROSE_KEYS) if (saysFailure(event[key])) out.push({ path: key, value: shown(event[key]) })
  return out
}

/** `response.status = "error"` — one readable line per signal, a field found by two rules once. */
export function signalLines(signals: readonly FailureSignal[], prefix = ''): string[] {
  return withoutRepeats(signals).map((s) => `${prefix}${s.path} = ${s.value}`)
}

/** A gRPC-style status: "0" is OK, any other code a failure. */
const GRPC_STATUS = 'grpcstatus'
/** An HTTP status written as a trailer's value ("500", "503 Service Unavailable"). */
const HTTP_FAILURE_STATUS = /^\s*[45]\d\d(?!\d)/

/** The last entry of a comma-separated list of values, as a one-value list (none when every entry is empty). */
function finalOf(values: readonly string[]): string[] {
  const last = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .at(-1)
  return last === undefined ? [] : [last]
}

/**
 * What HTTP trailers — fields sent after a chunked body (docs/wire-contracts.md §7) — say of the answer. Harena sends
 * none; a proxy or another server in front may, and a status or an error known only once the body was out comes
 * there: `grpc-status` other than 0, a status/state field (`status`, `x-status`, `x-pipeline-status`) that is a
 * failure word or a 4xx/5xx code, a non-empty error field (`x-error`, `error-message`, `grpc-message`, any name ending
 * in "error"/"exception"), `x-success: false`, a fallback flag. Names compared without case, `x-`, `_` or `-`; a name
 * sent twice is read value by value, except a status: a list of statuses is judged by its last (the final outcome).
 * Named `trailers.<name>`.
 */
export function trailerSignals(trailers: Record<string, string | string[] | undefined> | undefined): FailureSignal[] {
  const out: FailureSignal[] = []
  for (const [name, raw] of Object.entries(trailers ?? {})) {
    const form = keyForm(name.replace(/^x-/i, ''))
    const values = [raw].flat().filter((v): v is string => v !== undefined)
    // A list-valued status (`x-upstream-status: 499, 200`, or the name sent twice) lists the attempts in order: the
    // last is the final outcome (a client's abandoned first try, then a 200).
    for (const value of form !== GRPC_STATUS && isStatusKey(form) ? finalOf(values) : values) {
      const failed =
        (form === GRPC_STATUS && value.trim() !== '' && value.trim() !== '0') ||
        (form !== GRPC_STATUS && isStatusKey(form) && (isFailureWord(value) || HTTP_FAILURE_STATUS.test(value))) ||
        ((ERROR_KEYS.has(form) || form === 'grpcmessage' || /(?:error|errors|exception)$/.test(form)) && hasContent(value)) ||
        (SUCCESS_KEYS.has(form) && folded(value) === 'false') ||
        (FALLBACK_FLAGS.has(form) && folded(value) === 'true') ||
        (MODEL_KEYS.has(form) && isNoModel(value)) ||
        (FALLBACK_REASONS.has(form) && hasContent(value))
      if (failed) out.push({ path: `trailers.${name}`, value: shown(value) })
    }
  }
  return out
}

/**
 * The analytics steps v3 records as failed (docs/wire-contracts.md §6.3, §7): conversation_service_v3 catches an
 * analytics operation's exception as `metadata.insights.results.<step> = {"error": "…"}` (its analytics service returns
 * `{"error": str(e), …}` too) and answers `completed` all the same. Each step whose own error field holds something is a
 * signal named with the step (`metadata.insights.results.compare_periods.error`). Only error fields: a step's other
 * values (a trend, a score, a status of the user's budget) are its results, never the service's verdict.
 */
export function insightStepSignals(body: unknown): FailureSignal[] {
  const metadata = isRecord(body) ? body['metadata'] : undefined
  const insights = isRecord(metadata) ? metadata['insights'] : undefined
  const results = isRecord(insights) ? insights['results'] : undefined
  if (!isRecord(results)) return []
  const out: FailureSignal[] = []
  for (const [step, result] of Object.entries(results)) {
    if (!isRecord(result)) continue
    for (const [key, value] of Object.entries(result))
      if (isErrorKey(keyForm(key), value) && hasContent(value)) out.push({ path: `metadata.insights.results.${step}.${key}`, value: shown(value) })
  }
  return out
}
