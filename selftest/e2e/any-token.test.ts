// Review 2026-12-06: a service that accepts ANY bearer token (it never checks the JWT signature: a forged `alg: none`
// token naming user 2 read user 2's data, "Bearer not-a-token-at-all" was served too) read GO with all 8 probes
// passed — no probe ever sent a token that is not the run's. The real suite against a loopback proxy that swaps any
// token it does not know for a valid one of the user the token claims (else of the path's user): NO-GO naming the four
// token probes, and nothing else; the same run against the reference itself is GO. The proxy also echoes the token it
// received at the head of its answer: no report, evidence file or terminal line shows the run's token or a forgery.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { forgeriesOf } from '../../core/forged-tokens.ts'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { leakIn } from '../leaks.ts'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies, type ProxiedRequest, type ProxyAction } from './proxy.ts'
import { REFERENCE_NOW, tokenEnv, tokenFor } from './target.ts'

afterAll(cleanupTemp)
const proxy = fileProxies()

const TOKEN_PROBES = ['garbage_token', 'bad_signature_token', 'alg_none_token', 'expired_token']
const RUN = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', VALIDATION_SECURITY: 'true' }

/** The user a token claims (`sub`), when it is one of the two demo users; else null. */
function claimed(token: string): number | null {
  try {
    const sub = Number((JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub)
    return sub === 1 || sub === 2 ? sub : null
  } catch {
    return null
  }
}

/**
 * The fake: the run's own token and requests without one go through untouched (so every other probe sees the
 * reference's guards); any other bearer token is taken without a check, as the user it claims, else the path's user.
 */
function anyToken(runAuthorization: string): (r: ProxiedRequest) => ProxyAction {
  return (r) => {
    if (r.authorization === undefined || r.authorization === runAuthorization) return { kind: 'forward' }
    const token = r.authorization.replace(/^Bearer\s+/i, '')
    const pathUser = Number(/\/conversation\/(\d+)/.exec(r.path)?.[1])
    const user = claimed(token) ?? (pathUser === 2 ? 2 : 1)
    return {
      kind: 'rewrite',
      authorization: `Bearer ${tokenFor(user)}`,
      // The token it received, first in the body: what a debugging gateway shows.
      rewrite: (status, body, headers) => ({
        status,
        body: body.startsWith('{') ? `{"debug_token":${JSON.stringify(token)},${body.slice(1)}` : body,
        headers,
      }),
    }
  }
}

/** Every file under `dir`, as text. */
function filesOf(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesOf(path) : [{ path, text: readFileSync(path, 'utf8') }]
  })
}

type Probe = { id: string; ok: boolean | null; failures: string[]; request: string }

describe('tokens the service must refuse, the real suite', () => {
  test('a service that accepts any token: NO-GO naming the four token probes, and no token shown anywhere', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    try {
      const env = tokenEnv(ref)
      const token = String(env.HARENA_API_TOKEN)
      const runAuthorization = `Bearer ${token}`
      const fake = await proxy(ref.url, anyToken(runAuthorization))
      const run = await runSuite({
        env: { ...env, ...RUN, HARENA_BASE_URL: fake.url, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07', 'q13')) },
        hardTimeoutMs: 150_000,
      })
      const report = readReport(run.reportDir)
      expect(report.decision, describeRun(run)).toBe('NO-GO')
      expect(run.exitCode).toBe(2)
      const probes = (report as typeof report & { security?: Probe[] }).security ?? []
      expect(probes.filter((p) => p.ok !== true).map((p) => p.id)).toEqual(TOKEN_PROBES)
      for (const p of probes.filter((x) => TOKEN_PROBES.includes(x.id)))
        expect(p.failures.join(' '), p.id).toMatch(/→ HTTP 200: the service accepted this token \(expected 401 with WWW-Authenticate and no data\)/)
      expect(probes.find((p) => p.id === 'alg_none_token')?.request).toBe(
        'POST /api/v1/conversation/2 (forged unsigned token, alg none, naming user 2)',
      )
      // The terminal (French, the default) names each probe with the critical bugs.
      for (const id of TOKEN_PROBES) expect(run.stdout, id).toContain(`security.${id}`)
      // The run's token and each forgery (its changed parts) are nowhere: terminal, reports, evidence files.
      const outputs = [{ path: 'stdout', text: run.stdout }, { path: 'stderr', text: run.stderr }, ...filesOf(run.reportDir)]
      const pieces = [token, ...forgeriesOf(token).flatMap((f) => f.split('.').slice(1))].filter((x) => x !== '')
      expect(pieces.length).toBeGreaterThanOrEqual(6)
      for (const { path, text } of outputs) for (const piece of pieces) expect(leakIn(text, piece, 16), `${path}: ${piece.slice(0, 12)}…`).toBeNull()
    } finally {
      await ref.close()
    }
  }, 180_000)

  test('the reference itself refuses every token: GO, the twelve probes refused', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW })
    try {
      const run = await runSuite({
        env: { ...tokenEnv(ref), ...RUN, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07', 'q13')) },
        hardTimeoutMs: 150_000,
      })
      const report = readReport(run.reportDir)
      expect(report.decision, describeRun(run)).toBe('GO')
      const probes = (report as typeof report & { security?: Probe[] }).security ?? []
      expect(probes).toHaveLength(12)
      expect(probes.filter((p) => p.ok !== true).map((p) => p.id)).toEqual([])
    } finally {
      await ref.close()
    }
  }, 180_000)
})
