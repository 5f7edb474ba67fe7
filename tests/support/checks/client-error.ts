// A 4xx with a JSON body (docs/suite-rules.md §4): edge-case questions may get "a 4xx whose JSON body carries a readable
// message" — but only a 4xx that answers the question (the service judged the request: bad input, nothing
// there, a conflict). Auth refusals and rate limiting say nothing about the question; they mean the run is
// misconfigured or too aggressive, and must never count as a successful edge-case answer.
import { type Reason, reason } from '../../../core/reason.ts'
import { checkErrorMessage } from './message.ts'
import { excerpt } from './text.ts'

/** Statuses that answer the question itself: bad request, not found, conflict, gone, unprocessable. */
export const ANSWERING_4XX: ReadonlySet<number> = new Set([400, 404, 409, 410, 422])

/** Refusals, by what to check (core/locale/checks.ts words them); the status names no property of the question. */
const REFUSALS: Readonly<Record<number, 'credentials' | 'proxy' | 'rate_limited'>> = {
  401: 'credentials',
  403: 'credentials',
  407: 'proxy',
  429: 'rate_limited',
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

/** Reasons for a 4xx (empty: acceptable). `message` is the body's readable detail, null when none. */
export function checkClientError(edgeCase: boolean, httpStatus: number, message: string | null): Reason[] {
  const shown = message === null ? null : excerpt(message, 120)
  const refusal = REFUSALS[httpStatus]
  if (refusal !== undefined) return [reason('check.client_error.refused', { status: httpStatus, refusal, message: shown })]
  if (!edgeCase) return [reason('check.client_error.not_edge_case', { status: httpStatus, message: shown })]
  if (!ANSWERING_4XX.has(httpStatus)) return [reason('check.client_error.not_answering', { status: httpStatus, message: shown })]
  // The readable message must read like an answer: French, no leaked placeholder — the same rules as a 2xx text
  // (an English framework error such as "field required" means our own request was malformed, not an answer).
  if (message !== null && !isBareReasonPhrase(message)) return checkErrorMessage(message, httpStatus)
  if (message !== null) return [reason('check.client_error.bare_phrase', { status: httpStatus, message: shown })]
  return [reason('check.client_error.no_message', { status: httpStatus })]
}
