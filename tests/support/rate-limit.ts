// Rate limits of the real deployment (docs/generations.md): v3 sits behind nginx at 10 r/s per IP, burst 10,
// and nginx answers 503 (or 429 when configured so) beyond that. Two things live here so that every part of the
// suite uses the same rule:
//  - pacing: the suite never starts requests faster than VALIDATION_MAX_RPS (the limiter spaces its permits);
//  - classification: a 503/429 that comes from a rate limiter is "rate limited by the target/proxy" — its own
//    class, not a crash of the service, and the run is inconclusive rather than a verdict on the service (the rate_limited criterion;
//    the verdict's first reason says so). A proxy's HTML 503 page is a limit; the service's own JSON 503 stays a
//    5xx critical bug.

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
 * True when the answer is a rate limiter refusing the request, not the service failing: any 429, or a 503 that
 * says so — "rate limit"/"too many requests" in its body, or a proxy's own page (not JSON) with `Retry-After` or
 * from an nginx/gateway server. A 503 whose body is the service's JSON (v2's `{"detail":{"error":"Service
 * temporairement indisponible"…}}`) is the service failing, even behind nginx: nginx passes the upstream's 503
 * through and may stamp its own `Server` header on it (docs/generations.md).
 */
export function isRateLimited(e: RateLimitEvidence): boolean {
  if (e.httpStatus === 429) return true
  if (e.httpStatus !== 503) return false
  const body = e.bodyText.slice(0, 4096).toLowerCase()
  if (/too many requests|rate.?limit|limit_req/.test(body)) return true
  if (isJsonBody(e.bodyText)) return false
  if (header(e.headers, 'retry-after') !== '') return true
  const server = header(e.headers, 'server').toLowerCase()
  if (/nginx|envoy|haproxy|cloudflare|traefik/.test(server) || /<center>nginx<\/center>/.test(body)) return true
  // Any proxy's HTML page (nginx limit_req answers HTML): the service's own 503 is JSON, a crash it reports itself.
  return isPage(e)
}

const isPage = (e: RateLimitEvidence): boolean =>
  /text\/html/i.test(header(e.headers, 'content-type')) || /^\s*<(!doctype|html)/i.test(e.bodyText.slice(0, 256))

/** What says this answer is a rate limit (for the attempt's failure reason), or null when it is not one. */
export function rateLimitOf(e: RateLimitEvidence): { page: boolean; server: string | null; retryAfter: string | null } | null {
  if (!isRateLimited(e)) return null
  const retry = header(e.headers, 'retry-after').slice(0, 80)
  const server = header(e.headers, 'server')
    .slice(0, 80)
    .replace(/[^\w./ -]/g, '')
  return { page: isPage(e), server: server || null, retryAfter: retry || null }
}

/** The one-line advice printed and reported with a rate-limited run. */
export function rateLimitAdvice(maxRps: number): string {
  const now = maxRps === 0 ? 'unpaced (VALIDATION_MAX_RPS=0)' : `paced at ${maxRps} r/s`
  return `the suite was ${now}; lower VALIDATION_MAX_RPS (and VALIDATION_CONCURRENCY), or raise the proxy's limit for the validation client, then run again`
}
