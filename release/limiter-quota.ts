// Whose pace a limiter's refusal is (docs/release.md "Rate limiting"). A limiter refusing the monitor is the monitor's
// own doing only when the monitor asks faster than the service DECLARES it may: a `Retry-After` on the refusal
// (RFC 9110 §10.2.3: wait that long before asking again) or a quota policy (`RateLimit-Policy` / `RateLimit-Limit`
// with a window, draft-ietf-httpapi-ratelimit-headers: `q=100;w=60`, or `100;w=60`). Otherwise — a monitor under
// every declared quota, or a refusal that declares none — the service refused a client that asked within its terms,
// and the refusal counts against its availability (an error). Before, every refusal was "not executed": a service
// refusing 40 % of chats at 1 r/s read "✅ Stable", exit 0 (a review, 2026-12-06).
import { retryAfterOf } from '../tests/support/rate-limit.ts'

/** What a refusal declares of the pace the service accepts: requests per second, and the header that says so. */
export interface DeclaredQuota {
  /** The fastest pace the refusal allows (requests per second); per request on the route for `retry_after`. */
  rps: number
  kind: 'retry_after' | 'policy'
  /** The header as it came (bounded): the evidence the report quotes. */
  said: string
}

type Headers = Record<string, string | string[] | undefined>

const header = (headers: Headers, name: string): string => {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(', ') : (v ?? '')
  return ''
}

/** A quota policy's requests per second: the first `q=N` (or a leading N) with its `w=W` window in seconds; null without a window. */
function policyRps(value: string): number | null {
  let best: number | null = null
  // One policy per comma-separated item ("10, 10;w=1, 1000;w=3600" or `"default";q=100;w=60`).
  for (const item of value.split(',')) {
    const window = /(?:^|;)\s*w\s*=\s*(\d+(?:\.\d+)?)/.exec(item)
    const quota = /(?:^|;)\s*q\s*=\s*(\d+)/.exec(item) ?? /^\s*(\d+)\s*(?:;|$)/.exec(item)
    if (window === null || quota === null || Number(window[1]) <= 0) continue
    const rps = Number(quota[1]) / Number(window[1])
    best = best === null ? rps : Math.min(best, rps)
  }
  return best
}

const POLICY_HEADERS = ['ratelimit-policy', 'ratelimit-limit', 'x-ratelimit-policy', 'x-ratelimit-limit'] as const

/**
 * The strictest pace a refusal declares, or null when it declares none (a bare 429, nginx's page). `receivedAt`: when
 * it came (an HTTP-date Retry-After is counted from it). A Retry-After of 0 allows any pace.
 */
export function declaredQuota(headers: Headers, receivedAt: number): DeclaredQuota | null {
  const found: DeclaredQuota[] = []
  const retry = retryAfterOf(headers, receivedAt)
  const waitS = retry === null ? 0 : (retry.until - receivedAt) / 1000
  if (retry !== null && waitS > 0) found.push({ rps: 1 / waitS, kind: 'retry_after', said: `Retry-After: ${retry.value}`.slice(0, 80) })
  for (const name of POLICY_HEADERS) {
    const value = header(headers, name)
    const rps = value === '' ? null : policyRps(value)
    if (rps !== null) found.push({ rps, kind: 'policy', said: `${name}: ${value}`.slice(0, 80) })
  }
  return found.reduce<DeclaredQuota | null>((strictest, q) => (strictest === null || q.rps < strictest.rps ? q : strictest), null)
}

/**
 * Whether the monitor asked faster than the quota declared: a Retry-After against its chat pace (the wait between two
 * chats, 1/`rps`, shorter than asked: `rps` × wait > 1), a policy against everything it sends (the chats and a
 * health check every `healthEveryMs`: a limiter per client counts them all). No quota declared: never.
 */
export function fasterThanDeclared(quota: DeclaredQuota | null, rps: number, healthEveryMs: number): boolean {
  if (quota === null) return false
  const pace = quota.kind === 'retry_after' ? rps : rps + 1000 / healthEveryMs
  // Compared as products of the declared figures, so that 1 r/s against "Retry-After: 1" is within it, exactly.
  return pace > quota.rps * (1 + 1e-9)
}
