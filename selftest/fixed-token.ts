// A JWT that is the same in every run, for the tests that judge text holding a token (redaction, records) and never
// send it to a reference server. issueToken() alone signs with the reference's default key, random per process
// (fixtures/reference/jwt.ts DEFAULT_SECRET), and stamps iat/exp from the clock: its signature and payload, hence
// what a redactor or a recorder does with them, changed with every run. CI failed once on such a token (one run in
// sixteen: its last character continued the next header's value, selftest/core/secrets.test.ts).
import { issueToken } from '../fixtures/reference/jwt.ts'

/** The issue time of the fixed tokens (2026-12-05 00:00 UTC, seconds). */
export const FIXED_IAT = 1_796_400_000
/** iat and exp (24 h later) for any token a test issues: a token of the clock's time changes with every run. */
export const FIXED_CLAIMS = { iat: FIXED_IAT, exp: FIXED_IAT + 24 * 3600 } as const
/**
 * A signing key written here on purpose: it signs test input only, no server accepts it. Its text is the one the
 * secrets tests were first made deterministic with, so that their tokens stayed the inputs they were checked on.
 */
export const FIXED_SIGNING_KEY = 'selftest/core/secrets.test.ts: a fixed signing key'

/** userId's token, signed with FIXED_SIGNING_KEY at FIXED_CLAIMS' times: the same string in every process. */
export function fixedToken(userId: number): string {
  return issueToken(userId, { secret: FIXED_SIGNING_KEY, claims: FIXED_CLAIMS })
}
