// Reliability proof (a false GO on a security bug): on a streamed run (VALIDATION_STREAM=true) the questions are
// asked on the stream route, yet the chat probes used to be sent to the buffered chat route only. A gateway whose
// STREAM route does not bind the path's user to the token — it serves the token's own user whatever user the path
// names — then passed the gate: GO. The rule now (docs/security-probes.md): the probes test the route the questions
// used. The real suite runs as a child process behind a loopback proxy in front of the reference service (harena-v3):
// streamed, the probe of another user's path is a critical bug naming the stream path; buffered, the same gateway
// is never reached on that route and the probe passes.
import { PROBES } from '../../tests/support/security/probes.ts'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { REFERENCE_NOW, v3ProbeRunEnv } from './target.ts'

const proxy = fileProxies()
afterAll(cleanupTemp)

/** The stream route of harena-v3, with the path's user. */
const STREAM = /^\/api\/v3\/conversation\/(-?\d+)\/stream(\?|$)/

/** The user a bearer token names (its `sub`), or null when the request carries none that reads. */
function tokenUser(authorization: string | undefined): number | null {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1]
  if (payload === undefined) return null
  const sub = Number((JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub)
  return Number.isInteger(sub) ? sub : null
}

type ProbeEntry = { id: string; ok: boolean | null; request: string; failures: string[] }

/** A streamed or buffered harena-v3 run of one plan question behind a gateway whose stream route ignores the path's user. */
async function runBehindGateway(stream: boolean) {
  const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, contract: 'harena-v3' })
  const streamPaths: string[] = []
  try {
    const front = await proxy(ref.url, (r) => {
      const m = r.method === 'POST' ? STREAM.exec(r.path) : null
      if (m === null) return { kind: 'forward' }
      streamPaths.push(r.path)
      const user = tokenUser(r.authorization)
      // The defect under test: the token's user is served, whatever user the path names.
      return user === null ? { kind: 'forward' } : { kind: 'forward', path: `/api/v3/conversation/${user}/stream` }
    })
    const run = await runSuite({
      env: {
        ...v3ProbeRunEnv(front.url, stream),
        VALIDATION_QUESTIONS: writeBank(pick('q01')),
      },
      hardTimeoutMs: 150_000,
    })
    const report = readReport(run.reportDir)
    const security = ((report as { security?: ProbeEntry[] }).security ?? []) as ProbeEntry[]
    return { run, report, security, streamPaths }
  } finally {
    await ref.close()
  }
}

describe('a stream route that does not bind the path’s user to the token', () => {
  test('streamed run: NO-GO, the probe of another user’s path fails on the stream path', async () => {
    const { run, report, security, streamPaths } = await runBehindGateway(true)
    const other = security.find((p) => p.id === 'other_user_path')
    expect(other?.ok, describeRun(run)).toBe(false)
    expect(other?.request).toBe('POST /api/v3/conversation/2/stream (token of user 1)')
    expect(other?.failures.join('\n')).toMatch(/^security probe failed: POST \/api\/v3\/conversation\/2\/stream \(token of user 1\) → HTTP 200/)
    // The invalid user ids are served the token's user too; every other probe is judged and passes.
    expect(
      security
        .filter((p) => p.ok === false)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['other_user_path', 'user_id_negative', 'user_id_zero'])
    expect(security.filter((p) => p.ok === null).map((p) => p.id)).toEqual([])
    expect(report.summary.criticalBugs).toBeGreaterThanOrEqual(3)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    // The probes reached the gateway's stream route with another user's path.
    expect(streamPaths).toContain('/api/v3/conversation/2/stream')
  }, 180_000)

  test('buffered run (VALIDATION_STREAM=false): the stream route is never asked, the probe passes', async () => {
    const { run, report, security, streamPaths } = await runBehindGateway(false)
    const other = security.find((p) => p.id === 'other_user_path')
    expect(other?.ok, describeRun(run)).toBe(true)
    expect(security.map((p) => p.ok)).toEqual(Array(PROBES.length).fill(true))
    expect(report.summary.criticalBugs).toBe(0)
    // A passed probe keeps no request in the report: the gateway's log says the stream route was never asked.
    expect(streamPaths).toEqual([])
  }, 180_000)
})
