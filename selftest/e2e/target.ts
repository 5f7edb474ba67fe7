// The target side of the reliability proofs: a real reference server in this test process, with fault rules,
// and checks on what the suite sent it (its request log). Loopback only.
import { createServer } from 'node:net'
import { afterAll } from 'vitest'
import { issueToken } from '../../fixtures/reference/jwt.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import type { FaultRule } from '../../fixtures/reference/faults.ts'

export type { FaultRule }
export type Reference = Awaited<ReturnType<typeof startReferenceServer>>
export type RequestLogEntry = ReturnType<Reference['stats']>['requests'][number]

/** A pinned "now" so that the seeded data (and thus the answers) are the same in every run. */
export const REFERENCE_NOW = new Date('2026-11-24T12:00:00Z')

export const DEMO = {
  user1: { username: 'demo@harena.test', password: 'harena-demo', userId: 1 },
  user2: { username: 'other@harena.test', password: 'harena-demo', userId: 2 },
} as const

/** The settings that aim the suite at `url` as the demo user 1: username, password and HARENA_USER_ID=1. */
export function demoUserEnv(url: string): Record<string, string> {
  return { HARENA_BASE_URL: url, HARENA_USERNAME: DEMO.user1.username, HARENA_PASSWORD: DEMO.user1.password, HARENA_USER_ID: '1' }
}

/**
 * A run of the security probes against `url` as the demo user: its credentials, a 5 s deadline, the reference's
 * pinned clock, one warm-up, English reports, the probes on. Each proof adds its questions and what it varies.
 */
export function probeRunEnv(url: string): Record<string, string> {
  return {
    ...demoUserEnv(url),
    HARENA_TIMEOUT_MS: '5000',
    REFERENCE_NOW: REFERENCE_NOW.toISOString(),
    VALIDATION_WARMUP: '1',
    VALIDATION_LOCALE: 'en',
    VALIDATION_SECURITY: 'true',
  }
}

/**
 * A harena-v3 run of the plan's questions with the security probes, streamed or not, behind a gateway at `url`:
 * latency is not what such proofs are about, so generous thresholds keep every latency criterion passing on a slow
 * machine (selftest/e2e/stream-only-gateway.test.ts, stream-route-guard.test.ts).
 */
export function v3ProbeRunEnv(url: string, stream: boolean): Record<string, string> {
  return {
    ...demoUserEnv(url),
    HARENA_API_CONTRACT: 'harena-v3',
    HARENA_TIMEOUT_MS: '15000',
    REFERENCE_NOW: REFERENCE_NOW.toISOString(),
    VALIDATION_WARMUP: '0',
    VALIDATION_LOCALE: 'en',
    VALIDATION_SECURITY: 'true',
    VALIDATION_STREAM: String(stream),
    VALIDATION_P95_GO_MS: '30000',
    VALIDATION_P95_NOGO_MS: '60000',
    VALIDATION_TTFC_GO_MS: '30000',
    VALIDATION_TTFC_NOGO_MS: '60000',
    VALIDATION_ITERATIONS: '1',
  }
}

export async function startTarget(faults: FaultRule[] = []): Promise<Reference> {
  return startReferenceServer({ port: 0, now: REFERENCE_NOW, faults, faultSeed: 7 })
}

/** The reference service's login route. */
export const LOGIN_ROUTE = '/api/v1/users/auth/login'

/**
 * The servers of one test file that fronts the reference's login: `reference(n)` starts the reference service whose
 * tokens each open the door n times (without n, for good); `closers` takes whatever else the file starts. All are
 * closed by `closeAll` (the file's afterAll).
 */
export function loginServers(): {
  reference: (tokenMaxUses?: number) => Promise<Reference>
  closers: Array<() => Promise<void>>
  closeAll: () => Promise<void>
} {
  const closers: Array<() => Promise<void>> = []
  const reference = async (tokenMaxUses?: number): Promise<Reference> => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, ...(tokenMaxUses ? { tokenMaxUses } : {}) })
    closers.push(() => ref.close())
    return ref
  }
  return { reference, closers, closeAll: async () => void (await Promise.all(closers.map((c) => c()))) }
}

/** startTarget for one test file: every server it starts is closed after the file's tests. */
export function fileTargets(): (faults?: FaultRule[]) => Promise<Reference> {
  const started: Reference[] = []
  afterAll(async () => {
    await Promise.all(started.map((s) => s.close()))
  })
  return async (faults = []) => {
    const ref = await startTarget(faults)
    started.push(ref)
    return ref
  }
}

/** A bearer token the reference accepts for userId. */
export function tokenFor(userId: number): string {
  return issueToken(userId)
}

/** Env for a run against `ref` with a bearer token (the common case). */
export function tokenEnv(ref: Reference, userId = 1): Record<string, string> {
  return { HARENA_BASE_URL: ref.url, HARENA_API_TOKEN: tokenFor(userId), HARENA_USER_ID: String(userId) }
}

/** A loopback port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  await new Promise<void>((r) => server.close(() => r()))
  return address.port
}

const CHAT = /^\/api\/v1\/conversation\/(\d+)$/
const LOGIN = '/api/v1/users/auth/login'
const HEALTH = new Set(['/health', '/api/v1/conversation/health'])

/** The chat requests of a log (POST /api/v1/conversation/{id}). */
export function chatRequests(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.method === 'POST' && CHAT.test(pathOnly(r.path)))
}

function pathOnly(p: string): string {
  const q = p.indexOf('?')
  return q === -1 ? p : p.slice(0, q)
}

/**
 * Every request the suite may send (docs/suite-rules.md §1, §8; docs/wire-contracts.md §1.2): POST chat for HARENA_USER_ID, POST login,
 * GET health. Returns the offending requests as readable lines (empty = well-behaved).
 */
export function trafficViolations(log: readonly RequestLogEntry[], userId: number): string[] {
  const bad: string[] = []
  for (const r of log) {
    const path = pathOnly(r.path)
    const chat = CHAT.exec(path)
    const ok =
      (r.method === 'POST' && chat !== null && Number(chat[1]) === userId) ||
      (r.method === 'POST' && path === LOGIN) ||
      (r.method === 'GET' && HEALTH.has(path))
    if (!ok) bad.push(`${r.method} ${r.path}`)
    if (chat !== null && r.userId !== null && r.userId !== undefined && r.userId !== userId) bad.push(`${r.method} ${r.path} as user ${r.userId}`)
    if (/admin/i.test(path)) bad.push(`admin endpoint: ${r.method} ${r.path}`)
  }
  return bad
}

/** One chat request straight to the reference (outside the suite), to see exactly what a fault sends. */
export async function rawChat(ref: Reference, message: string, userId = 1): Promise<{ status: number; body: string }> {
  const res = await fetch(`${ref.url}/api/v1/conversation/${userId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(userId)}` },
    body: JSON.stringify({ message, message_type: 'text', priority: 'normal' }),
  })
  return { status: res.status, body: await res.text() }
}
