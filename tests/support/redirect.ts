// A redirect the client does not follow (it never does: a followed redirect would hide a wrong base URL and could
// carry the token to another host). Shared by the question recorder (record.ts) and the login (target.ts).
import { shownLocation } from '../../core/url-credentials.ts'
import type { RawExchange } from './turn.ts'

/** The statuses that send the client elsewhere; 304 Not Modified is an answer, not a redirect. */
const REDIRECTS = new Set([300, 301, 302, 303, 307, 308])

/** A header's first value; `name` lower-case. undici gives lower-case names: looked up directly first (per attempt). */
export function headerOf(headers: RawExchange['headers'], name: string): string | null {
  const direct = Object.hasOwn(headers, name) ? headers[name] : undefined
  if (direct !== undefined) return Array.isArray(direct) ? (direct[0] ?? null) : direct
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? (v[0] ?? null) : (v ?? null)
  return null
}

/**
 * Where a redirect pointed, as core/url-credentials.ts shownLocation shows it (no userinfo, no query or fragment: a
 * login's redirect carried the password or a fresh token there); null when not a redirect.
 */
export function redirectLocation(exchange: Pick<RawExchange, 'httpStatus' | 'headers'>): string | null {
  if (!REDIRECTS.has(exchange.httpStatus)) return null
  const location = headerOf(exchange.headers, 'location')
  return location === null || location === '' ? '(no Location header)' : shownLocation(location.slice(0, 2000))
}
