// Contract-independent helpers every adapter shares: bounded evidence, readable zod issues, header lookup and
// the readable message of an HTTP 4xx body (FastAPI's `detail` in its three shapes).
import type { z } from 'zod'
import type { RawExchange } from '../turn.ts'
import { CONTROL_CHARS, INVISIBLE_CHARS } from '../../../core/terminal-text.ts'

const UNSAFE_CHARS = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}]`, 'g')

export const BODY_HEAD_CHARS = 512

/**
 * The first 512 characters of a body, with control characters (and bidi overrides, which can disguise text in a
 * terminal) escaped as visible `\n`, `\u001b`… so evidence prints safely on one line.
 */
export function bodyHead(text: string): string {
  let cut = text.length > BODY_HEAD_CHARS ? text.slice(0, BODY_HEAD_CHARS) : text
  // Do not leave half of a surrogate pair at the cut.
  if (cut.length === BODY_HEAD_CHARS && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1)
  return cut.replace(UNSAFE_CHARS, (ch) => {
    if (ch === '\n') return '\\n'
    if (ch === '\r') return '\\r'
    if (ch === '\t') return '\\t'
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/**
 * Why an HTTP status is not an answer of the chat route, or null. The route answers 200 (201 tolerated), 4xx or 5xx. A
 * redirect or an informational status is not an answer; nor is another success: 202 (accepted, not done), 204/205
 * (no content), 206 (partial content, to a request that asked for no range), 203/207/208/226 (a proxy's or WebDAV's
 * rewrite) — a review got GO on a 206 (2026-12-04).
 */
export function notAnAnswerStatus(httpStatus: number): string | null {
  if (httpStatus === 200 || httpStatus === 201 || (httpStatus >= 400 && httpStatus < 600)) return null
  return `(http): HTTP ${httpStatus} is not an answer of the chat route (expected 200, 4xx or 5xx)`
}

/** The media types (type/subtype, lower case) of a Content-Type value: split on the commas outside quoted strings. */
function mediaTypesOf(value: string): string[] {
  const unquoted = value.replace(/"(?:[^"\\]|\\.)*"/g, '""')
  return unquoted.split(',').map((v) => (v.split(';')[0] ?? '').trim().toLowerCase())
}

/** What nearly every answer declares: accepted without parsing (checked on every attempt). */
const PLAIN_JSON = /^application\/json(?:\s*;\s*charset="?utf-8"?)?$/i

/**
 * Why a chat answer's declared media type is not JSON, or null. The chat routes answer JSON (FastAPI's JSONResponse:
 * `application/json`, docs/wire-contracts.md §1.5, §1.6, §6.3): a JSON body declared `text/html` or `text/plain` is not
 * what the contract sends, and a browser given it as HTML runs whatever the answer echoes. `application/json` with
 * parameters (`; charset=utf-8`) and a `+json` suffix (`application/problem+json`) are JSON; no Content-Type at all
 * lets the recipient examine the data (RFC 9110 §8.3) and is read as the body says. Two different types at once is
 * ambiguous; the same type sent twice (a proxy repeating the header) is not.
 * Not for a stream route's 2xx: its contract type is `text/plain` (§1.7, §6.4).
 */
export function notJsonMediaType(headers: RawExchange['headers']): string | null {
  const direct = headers['content-type']
  if (typeof direct === 'string' && PLAIN_JSON.test(direct)) return null
  const declared = headerValue(headers, 'content-type')
  // One type sent twice (a proxy repeating the header) is one type; a comma inside a quoted parameter
  // (`profile="a,b"`) separates nothing.
  const types = [...new Set(mediaTypesOf(declared ?? '').filter((t) => t !== ''))]
  if (types.length === 0) return null
  if (types.length === 1 && /^application\/(?:[\w.-]+\+)?json$/.test(types[0] ?? '')) return null
  const why = types.length > 1 ? 'declares more than one media type' : 'is not a JSON media type'
  return `(http): Content-Type "${(declared ?? '').slice(0, 120)}" ${why} (the chat route answers application/json)`
}

/** `response.structured_data[0].title`; the root is `(root)`. */
export function pathText(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`
  return out === '' ? '(root)' : out
}

/** zod issues as "path: message" lines; a missing field says so instead of zod's "received undefined". */
export function issueLines(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const where = pathText(issue.path, prefix)
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
    const message = missing
      ? `required field missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`
      : issue.message
    return `${where}: ${message}`
  })
}

/** A header's value whatever the case of its name; repeated headers are joined with ", ". */
export function headerValue(headers: RawExchange['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    return Array.isArray(value) ? value.join(', ') : (value as string)
  }
  return undefined
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/** "body.message" from FastAPI's loc ["body", "message"]. */
function locText(loc: unknown): string | null {
  if (!Array.isArray(loc) || loc.length === 0) return null
  return loc.map((p) => String(p)).join('.')
}

/** One readable line from a `{error, message}` object (v2: `{error}`; v3's 403: `{error: code, message}`). */
function fromErrorObject(detail: Record<string, unknown>): string | null {
  const error = text(detail['error'])
  const message = text(detail['message']) ?? text(detail['msg'])
  if (error !== null && message !== null && error !== message) return `${error}: ${message}`
  return error ?? message
}

/** FastAPI validation list: `[{loc, msg}]` → "body.message: Pattern non autorisé détecté…" (joined with "; "). */
function fromValidationList(detail: unknown[]): string | null {
  const lines: string[] = []
  for (const item of detail) {
    if (typeof item === 'string' && item.trim() !== '') lines.push(item.trim())
    if (!isRecord(item)) continue
    // Pydantic prefixes custom validator messages with "Value error, ": noise for a reader.
    const msg = text(item['msg'])?.replace(/^Value error,\s*/i, '') ?? null
    if (msg === null) continue
    const loc = locText(item['loc'])
    lines.push(loc === null ? msg : `${loc}: ${msg}`)
  }
  return lines.length > 0 ? lines.join('; ') : null
}

/**
 * The readable message of a 4xx JSON body, or null when there is none: `detail` as a string, an `{error}`
 * object or FastAPI's `[{msg}]` list; failing that a top-level `message`/`error` string (gateways).
 */
export function readableErrorMessage(body: unknown): string | null {
  if (!isRecord(body)) return null
  const detail = body['detail']
  const fromDetail =
    typeof detail === 'string' ? text(detail) : Array.isArray(detail) ? fromValidationList(detail) : isRecord(detail) ? fromErrorObject(detail) : null
  return fromDetail ?? fromErrorObject(body)
}

/** The texts a 4xx body says it refused (FastAPI's `detail[].input`): what the refusal is about. */
export function echoedInputs(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body['detail'])) return []
  return body['detail'].flatMap((item) => (isRecord(item) && typeof item['input'] === 'string' ? [item['input']] : []))
}

const USER_ID_KEY = /^user[_-]?id$/i
/** An object that is a user: `user: {id: 2}`, `owner: {id: 2}` (its `id` is a user id). */
const USER_OBJECT_KEY = /^(user|owner|account[_-]?owner|customer)$/i
const MAX_USER_ID_DEPTH = 12
const NUMERIC_ID = /^\s*-?\d+\s*$/

const isIdScalar = (v: unknown): v is number | string => typeof v === 'number' || (typeof v === 'string' && NUMERIC_ID.test(v))

/**
 * The ids a user-id field holds, whatever its shape: `2`, `"2"`, a terms list `[2, 3]`, an Elasticsearch
 * `{value: 2}` / `{terms: [2]}` — every numeric scalar below the key (bounded depth).
 */
function idsUnder(value: unknown, depth: number): Array<number | string> {
  if (depth > 3) return []
  if (isIdScalar(value)) return [value]
  if (Array.isArray(value)) return value.flatMap((v) => idsUnder(v, depth + 1))
  if (isRecord(value)) return Object.values(value).flatMap((v) => idsUnder(v, depth + 1))
  return []
}

/**
 * Every user id an answer carries that is not the requested user's — `user_id`, `query.user_id`, any nested
 * `user_id`/`userId` (a scalar, a terms list, an Elasticsearch `{value}`), a `user: {id}` object, and the
 * `X-User-ID` header — as "path: …" issue lines. Another user's id in an answer is another user's data (or a
 * routing bug): a critical bug, whatever field carries it.
 */
export function foreignUserIds(body: unknown, headers: RawExchange['headers'], requested: number): string[] {
  const issues: string[] = []
  const seen = new Set<string>() // one line per foreign id: a body wholly for user 2 is one leak, named once
  const report = (here: Array<string | number>, v: number | string, nested: boolean): void => {
    if (Number(v) === requested || seen.has(String(Number(v)))) return
    seen.add(String(Number(v)))
    issues.push(`${pathText(here)}: answer for user_id ${String(v).trim()}, asked for user ${requested}${nested ? " (another user's data)" : ''}`)
  }
  // One path, pushed and popped while walking (every answer is walked: no array per key); copied only to report.
  const path: Array<string | number> = []
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_USER_ID_DEPTH) return
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i)
        visit(value[i], depth + 1)
        path.pop()
      }
    } else if (isRecord(value)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue
        const v = value[key]
        const nested = path.length > 0
        path.push(key)
        if (USER_ID_KEY.test(key)) for (const id of idsUnder(v, 0)) report([...path], id, nested || !isIdScalar(v))
        if (USER_OBJECT_KEY.test(key) && isRecord(v) && isIdScalar(v['id'])) report([...path, 'id'], v['id'], true)
        visit(v, depth + 1)
        path.pop()
      }
    }
  }
  visit(body, 0)
  const header = headerValue(headers, 'x-user-id')
  if (header !== undefined && header.trim() !== '' && header.trim() !== String(requested)) {
    issues.push(`header X-User-ID: answer for user_id ${header.trim().slice(0, 40)}, asked for user ${requested} (another user's data)`)
  }
  return issues
}

/** `response_length` when it is a length (a whole number ≥ 0); anything else states nothing (never a schema break). */
export function lengthStated(value: unknown): { statedLength?: number } {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { statedLength: value } : {}
}
