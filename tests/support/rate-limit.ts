// Rate limits of the real deployment (docs/generations.md): v3 sits behind nginx at 10 r/s per IP, burst 10,
// and nginx answers 503 (or 429 when configured so) beyond that. Two things live here so that every part of the
// suite uses the same rule:
//  - pacing: the suite never starts requests faster than VALIDATION_MAX_RPS (the limiter spaces its permits);
//  - classification: a 503/429 that comes from a rate limiter is "rate limited by the target/proxy" — its own
//    class, not a crash of the service, and the run is inconclusive rather than a verdict on the service (the rate_limited criterion;
//    the verdict's first reason says so). A 503 is a limiter's only when something in it names a limiter
//    (isRateLimited); any other 5xx — the service's JSON, a platform's HTML "Application Error" page, an empty
//    body, a load balancer's maintenance page — stays a 5xx critical bug of the service.
//  A `Retry-After` is no limiter's mark by itself: RFC 9110 §10.2.3 has a 503 send it for the expected length of
//  an outage (maintenance, overload). Alone it counts only when short (≤ LIMITER_RETRY_AFTER_MAX_S) on a body that
//  names no outage, and even then the refusal is "unnamed": a limiter or the service unavailable, said both ways
//  (docs/wire-contracts.md §6.2). The health route does not take that benefit of the doubt (limiterNamed).
/** Spaces events at least 1000/rps ms apart (rps 0: no pacing). Used by the cross-worker limiter. */
export class PaceGate {
  private readonly intervalMs: number
  private last = -Infinity

  constructor(rps: number) {
    if (!Number.isFinite(rps) || rps < 0) throw new Error(`pace: requests per second must be ≥ 0, got ${rps}`)
    this.intervalMs = rps === 0 ? 0 : 1000 / rps
  }

  /** ms to wait before the next event may pass (0: now). */
  waitMs(now: number = performance.now()): number {
    return Math.max(0, this.last + this.intervalMs - now)
  }

  /** Records that an event passed now. */
  pass(now: number = performance.now()): void {
    this.last = now
  }
}

export interface RateLimitEvidence {
  httpStatus: number
  headers: Record<string, string | string[] | undefined>
  bodyText: string
}

const header = (headers: RateLimitEvidence['headers'], name: string): string => {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(', ') : (v ?? '')
  return ''
}

/** The body is a JSON document: the service (or its framework) answered, not a proxy's page. */
function isJsonBody(text: string): boolean {
  const t = text.trim()
  if (!t.startsWith('{') && !t.startsWith('[')) return false
  try {
    JSON.parse(t)
    return true
  } catch {
    return false
  }
}

/**
 * Words that name a rate limit, in English or French, matched on the body with accents removed: "rate limit(ed)",
 * "too many requests", "limit exceeded", nginx's `limit_req`/`limit_conn`, "trop de requêtes", "limite de débit",
 * "limite … dépassée", "quota … dépassé". "Service Unavailable", "Application Error" name no limiter.
 */
const LIMIT_WORDS = [
  /rate[\s_-]?limit/,
  /too many (requests|connections|calls)/,
  // "limit exceeded", "quota exceeded", but not a memory/time/size limit a crashing platform may report
  /(?<!\b(memory|time|size|disk|storage|payload|body|length|timeout|cpu)[\s_-]?)\b(limit|quota)s? (has been |have been |was |is )?(exceeded|reached)/,
  /exceeded (the |your )?(request |rate |call )?(limit|quota)/,
  /\blimit_(req|conn)\b/,
  /\bthrottl(ed|ing)\b/,
  /trop de (requetes|demandes|appels|connexions)/,
  /limit(e|ation) de (debit|requetes|frequence)/,
  /\b(limite|quota) (de |d')?(requetes |appels |debit |frequence |connexions )?(a ete |est )?(depasse|atteint)e?\b/,
]

/** The body names a rate limit (title, text or JSON message), in English or French. */
function namesALimit(bodyText: string): boolean {
  const body = bodyText.slice(0, 4096).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return LIMIT_WORDS.some((w) => w.test(body))
}

/**
 * nginx's own generated error page (`<hr><center>nginx</center>`, or `nginx/1.25.3`): nginx writes it for the
 * limit_req/limit_conn refusals the v3 contract names (docs/wire-contracts.md §6.2); an upstream's page that nginx
 * passes through is the upstream's, whatever the Server header says.
 */
const isNginxPage = (body: string): boolean => /<hr>\s*<center>\s*nginx(\/[\d.]+)?\s*<\/center>/i.test(body.slice(0, 4096))

/**
 * The longest `Retry-After` (seconds, or an HTTP-date that far ahead) a limiter's refusal announces when nothing
 * else in it names a limiter. Limiters count in seconds (a per-second or per-minute window); a wait of minutes or
 * hours is what a maintenance page or an outage announces (RFC 9110 §10.2.3), never a pace to lower.
 */
export const LIMITER_RETRY_AFTER_MAX_S = 60

/**
 * Words that name an outage rather than a limit, accents removed: "maintenance", "(temporarily) unavailable",
 * "indisponible", "outage", "down for", "hors service", "no healthy upstream", "no server is available"… nginx's own
 * limit page says "503 Service Temporarily Unavailable" too; it is recognised before these words are read.
 */
const OUTAGE_WORDS = [
  /maintenance/,
  /unavailable|indisponible/,
  /\boutage\b|\bpanne\b/,
  /\b(is|are|went|currently) down\b|\bdown for\b|\boffline\b|hors (service|ligne)/,
  /no (healthy |live )?(upstream|server|backend)s?\b/,
]

function namesAnOutage(bodyText: string): boolean {
  const body = bodyText.slice(0, 4096).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return OUTAGE_WORDS.some((w) => w.test(body))
}

/** `Retry-After` in seconds from the answer (delay-seconds, or an HTTP-date against its `Date`), null when unreadable. */
function retryAfterSeconds(headers: RateLimitEvidence['headers']): number | null {
  const value = header(headers, 'retry-after').trim()
  if (/^\d+$/.test(value)) return Number(value)
  const at = Date.parse(value)
  if (value === '' || Number.isNaN(at)) return null
  const sent = Date.parse(header(headers, 'date'))
  return Math.max(0, (at - (Number.isNaN(sent) ? Date.now() : sent)) / 1000)
}

/**
 * A `Retry-After` as the answer gave it and the time it names (ms since the epoch): an HTTP-date as written, a delay in
 * seconds counted from `receivedAt` (RFC 9110 §10.2.3). Null when there is none or it cannot be read. The monitor names
 * a 503's with it: the service declared itself unavailable until then (release/probe.ts).
 */
export function retryAfterOf(headers: RateLimitEvidence['headers'], receivedAt: number): { value: string; until: number } | null {
  const value = header(headers, 'retry-after').trim()
  if (value === '') return null
  const until = /^\d+$/.test(value) ? receivedAt + Number(value) * 1000 : Date.parse(value)
  // A date beyond what a Date holds (Retry-After: 10^20) is no time at all.
  return Number.isNaN(new Date(until).getTime()) ? null : { value, until }
}

/**
 * What says an answer is a limiter's refusal: `status` (a 429), `words` (the body names a rate limit), `nginx`
 * (nginx's own page, or its empty answer — the limiter the v3 contract names), `retry_after` (only a short
 * Retry-After on a body that is not the service's JSON and names no outage: a limiter or the service unavailable,
 * nothing tells which). Null: not a limiter — the service (or whatever stands in front of it) failing.
 */
export type LimiterSign = 'status' | 'words' | 'nginx' | 'retry_after'

/**
 * Which sign identifies a rate limiter refusing the request, or null when the answer is not one: any 429; a 503 only
 * when something identifies a limiter — its body names a rate limit (en/fr: "too many requests", "rate limit", "limit
 * exceeded", "trop de requêtes", …), or it is nginx's own error page, or an empty answer from nginx (the proxy the
 * v3 contract names as the limiter), or — unnamed — a short Retry-After (≤ LIMITER_RETRY_AFTER_MAX_S) on a body
 * that is not the service's JSON and names no outage. Nothing else: a 503 that is the service's JSON (v2's
 * `{"detail":{"error":"Service temporairement indisponible"…}}`, even behind nginx, which stamps its `Server` header
 * on what it passes through), an HTML page that names no limiter (a platform's "Application Error" when the app
 * crashed), a load balancer's "503 Service Temporarily Unavailable" with `Retry-After: 3600` (an outage announcing
 * its length), is the service failing: a 5xx critical bug.
 */
export function limiterSign(e: RateLimitEvidence): LimiterSign | null {
  if (e.httpStatus === 429) return 'status'
  if (e.httpStatus !== 503) return null
  if (namesALimit(e.bodyText)) return 'words'
  if (isJsonBody(e.bodyText)) return null
  if (isNginxPage(e.bodyText)) return 'nginx'
  if (/^nginx\b/i.test(header(e.headers, 'server')) && e.bodyText.trim() === '') return 'nginx'
  const wait = retryAfterSeconds(e.headers)
  if (wait !== null && wait <= LIMITER_RETRY_AFTER_MAX_S && !namesAnOutage(e.bodyText)) return 'retry_after'
  return null
}

/** True when the answer is a rate limiter refusing the request, not the service failing (limiterSign). */
export const isRateLimited = (e: RateLimitEvidence): boolean => limiterSign(e) !== null

/**
 * True when something in the answer names a limiter — a 429, its words, nginx's page —, not a Retry-After alone:
 * the health route's rule, where a 503 that may be the service unavailable is a failed health check.
 */
export const limiterNamed = (e: RateLimitEvidence): boolean => {
  const sign = limiterSign(e)
  return sign !== null && sign !== 'retry_after'
}

const isPage = (e: RateLimitEvidence): boolean =>
  /text\/html/i.test(header(e.headers, 'content-type')) || /^\s*<(!doctype|html)/i.test(e.bodyText.slice(0, 256))

/**
 * What says this answer is a rate limit (for the attempt's failure reason), or null when it is not one; `unnamed`:
 * only a short Retry-After said so — a limiter or the service unavailable (limiterSign).
 */
export function rateLimitOf(e: RateLimitEvidence): { page: boolean; server: string | null; retryAfter: string | null; unnamed: boolean } | null {
  const sign = limiterSign(e)
  if (sign === null) return null
  const retry = header(e.headers, 'retry-after').slice(0, 80)
  const server = header(e.headers, 'server')
    .slice(0, 80)
    .replace(/[^\w./ -]/g, '')
  return { page: isPage(e), server: server || null, retryAfter: retry || null, unnamed: sign === 'retry_after' }
}
