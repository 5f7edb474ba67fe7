// Tokens the security probes forge from the run's own credential (tests/support/security/token-probes.ts,
// docs/security-probes.md "Tokens the service must refuse"). Pure and deterministic: the same credential gives the
// same forgeries in every process, so the redaction (core/secrets.ts) derives them from the token it already knows
// and masks them wherever they stand — a forged token is the run's token with one part changed, and echoed by a
// service it would show the rest of it.

/** The forgeries a JWT credential gives: its signature changed, its header `alg: none`, its `exp` in the past. */
export type JwtForgery = 'bad_signature' | 'alg_none' | 'expired'

/**
 * A token no Harena issues: no dots (not a JWT), not the configured token. 64 characters, above the real
 * middleware's minimum length (50, fixtures/reference/jwt.ts MIN_TOKEN_LENGTH), so a length check alone does not
 * refuse it: it reaches the token's verification. A constant of this repository, no secret.
 */
export const GARBAGE_TOKEN = 'harena-validation-not-a-token-0123456789abcdefghijklmnopqrstuvwx'

/**
 * The `exp` an expired forgery carries: 2000-01-01T00:00:00Z, long past for any run, fixed so that the forgery
 * never depends on the wall clock.
 */
export const EXPIRED_AT = 946_684_800

export interface JwtParts {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  /** The three segments as given. */
  segments: [string, string, string]
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

function objectOf(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * The credential as a JWT (with or without "Bearer "): three segments whose first two are JSON objects, the header
 * naming an `alg`. Null: an opaque token (a gateway's), which has no signature, algorithm or claim to forge.
 */
export function jwtParts(credential: string): JwtParts | null {
  const token = credential.replace(/^Bearer\s+/i, '').trim()
  const segments = token.split('.')
  if (segments.length !== 3) return null
  const [h, p, s] = segments as [string, string, string]
  const header = objectOf(h)
  const claims = objectOf(p)
  if (header === null || claims === null || !('alg' in header)) return null
  return { header, claims, segments: [h, p, s] }
}

/** The signature with every byte inverted: as long as the real one, and never equal to it. */
function invertedSignature(signature: string): string {
  const bytes = Buffer.from(signature, 'base64url')
  if (bytes.length === 0) return 'AAAA'
  return Buffer.from(bytes.map((b) => b ^ 0xff)).toString('base64url')
}

/**
 * The claims naming `user` instead: `sub`, and `user_id` when the token carries it (the real middleware reads `sub`,
 * else `user_id`: fixtures/reference/jwt.ts); a token with neither gets a `sub`.
 */
function claimsOf(claims: Record<string, unknown>, user: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...claims }
  if ('user_id' in claims) out.user_id = typeof claims.user_id === 'number' ? user : String(user)
  if ('sub' in claims || !('user_id' in claims)) out.sub = String(user)
  return out
}

/**
 * One forgery of a JWT credential, as a bare token (no "Bearer "):
 * - `bad_signature`: the same header and claims, the signature's bytes inverted;
 * - `alg_none`: header `{"alg":"none","typ":"JWT"}`, the claims naming `otherUser`, no signature — the classic forgery
 *   a service that trusts the header's algorithm accepts;
 * - `expired`: the same header, the claims with `exp` at EXPIRED_AT, the original signature (which no longer matches:
 *   the key is not ours, so an expired token can only be forged badly signed — its refusal proves the signature or
 *   the expiry is checked, not which).
 */
export function forgeJwt(parts: JwtParts, kind: JwtForgery, otherUser: number): string {
  const [h, p, s] = parts.segments
  if (kind === 'bad_signature') return `${h}.${p}.${invertedSignature(s)}`
  if (kind === 'alg_none') return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claimsOf(parts.claims, otherUser))}.`
  return `${h}.${b64url({ ...parts.claims, exp: EXPIRED_AT })}.${s}`
}

/** The user the claims name (`sub`, else `user_id`) as an integer, or null. */
function userOf(claims: Record<string, unknown>): number | null {
  const raw = claims.sub ?? claims.user_id
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : ''
  return /^-?\d{1,15}$/.test(text) ? Number(text) : null
}

/**
 * Every forgery the probes may send derived from `credential`, for the redaction (core/secrets.ts): the `alg_none`
 * one names the next user after the token's own (tests/support/security/probes.ts otherUserOf: the probes' other
 * user). [] for an opaque credential, whose only probe sends GARBAGE_TOKEN, a constant.
 */
export function forgeriesOf(credential: string): string[] {
  const parts = jwtParts(credential)
  if (parts === null) return []
  const user = userOf(parts.claims)
  const kinds: JwtForgery[] = user === null ? ['bad_signature', 'expired'] : ['bad_signature', 'alg_none', 'expired']
  return kinds.map((k) => forgeJwt(parts, k, (user ?? 0) + 1))
}
