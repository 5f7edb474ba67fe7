// A 4xx with a JSON body (spec §4): edge-case questions may get "a 4xx whose JSON body carries a readable
// message" — but only a 4xx that answers the question (the service judged the request: bad input, nothing
// there, a conflict). Auth refusals and rate limiting say nothing about the question; they mean the run is
// misconfigured or too aggressive, and must never count as a successful edge-case answer.
import { checkErrorMessage } from './message.ts'
import { quoted } from './text.ts'

/** Statuses that answer the question itself: bad request, not found, conflict, gone, unprocessable. */
export const ANSWERING_4XX: ReadonlySet<number> = new Set([400, 404, 409, 410, 422])

/** Refusals with what to check; the status names no property of the question. */
const REFUSALS: Readonly<Record<number, string>> = {
  401: 'request refused (check HARENA_API_TOKEN / credentials)',
  403: 'request refused (check HARENA_API_TOKEN / credentials)',
  407: 'request refused by a proxy (proxy authentication required)',
  429: 'rate limited (lower VALIDATION_CONCURRENCY or ask for a higher limit)',
}

/**
 * HTTP reason phrases as frameworks send them by default (FastAPI's `{"detail":"Not Found"}` for an unknown
 * route): they say the request missed, not what the service understood of the question.
 */
const BARE_REASON_PHRASES = new Set([
  'bad request',
  'not found',
  'conflict',
  'gone',
  'unprocessable entity',
  'unprocessable content',
  'method not allowed',
  'error',
])
export function isBareReasonPhrase(message: string): boolean {
  return BARE_REASON_PHRASES.has(
    message
      .trim()
      .replace(/[.!]+$/, '')
      .toLowerCase(),
  )
}

/** Failures for a 4xx (empty: acceptable). `message` is the body's readable detail, null when none. */
export function checkClientError(edgeCase: boolean, httpStatus: number, message: string | null): string[] {
  const said = message === null ? 'with no readable message' : quoted(message, 120)
  const refusal = REFUSALS[httpStatus]
  if (refusal !== undefined) return [`expected an answer to the question, observed HTTP ${httpStatus}: ${refusal}; body ${said}`]
  if (!edgeCase) return [`expected a 2xx answer, observed HTTP ${httpStatus} ${said}`]
  if (!ANSWERING_4XX.has(httpStatus)) {
    return [`expected a 2xx answer or (edge case) HTTP 400, 404, 409, 410 or 422 with a readable message, observed HTTP ${httpStatus} ${said}`]
  }
  // The readable message must read like an answer: French, no leaked placeholder — the same rules as a 2xx text
  // (an English framework error such as "field required" means our own request was malformed, not an answer).
  if (message !== null && !isBareReasonPhrase(message)) return checkErrorMessage(message).map((f) => `HTTP ${httpStatus}: ${f}`)
  if (message !== null)
    return [
      `expected a message about the question with HTTP ${httpStatus} (acceptable for an edge case), observed the bare reason phrase ${said} (an unknown route or a framework default, not an answer)`,
    ]
  return [`expected a readable error message with HTTP ${httpStatus} (acceptable for an edge case), observed a JSON body ${said}`]
}
