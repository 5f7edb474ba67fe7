// Reliability proof (review 2026-12-05, "false GO"), then the rule that replaced its first fix: VALIDATION_STREAM=true
// against a stream-only gateway — its buffered chat route POST …/conversation/{id} answers 404, its stream route
// works. The six chat probes used to call the buffered chat route only: they ended "not judged"
// (security.route_not_found) and the run read GO exit 0 with "C4 Critical bugs 0". The first fix made such a run
// CONDITIONAL (a probe that could not be judged passed nothing), with a reason saying the probes did not test the
// stream route. The rule now (docs/security-probes.md): the chat probes test the route the questions used — on a
// streamed run, the stream route — so this gateway's guards are judged where the questions went, and it is GO when
// they hold. The real suite runs as a child process behind a loopback proxy in front of the reference service
// (harena-v3, GO streamed when every route answers).
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { REFERENCE_NOW, v3ProbeRunEnv } from './target.ts'

const proxy = fileProxies()
afterAll(cleanupTemp)

/** The buffered chat route of harena-v3 (the stream route is …/{id}/stream). */
const BUFFERED_CHAT = /^\/api\/v3\/conversation\/-?\d+(\?|$)/
const CHAT_PROBES = ['no_token', 'other_user_path', 'user_id_zero', 'user_id_negative', 'script_message', 'sql_message']

describe('VALIDATION_STREAM=true against a stream-only gateway (the buffered chat route answers 404)', () => {
  test('GO: the six chat probes are judged on the stream route (all 12 probes refused); the buffered chat route is never asked', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, contract: 'harena-v3' })
    const posts: string[] = []
    try {
      const front = await proxy(ref.url, (r) => {
        if (r.method === 'POST') posts.push(r.path)
        return r.method === 'POST' && BUFFERED_CHAT.test(r.path)
          ? { kind: 'answer', status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } }
          : { kind: 'forward' }
      })
      const run = await runSuite({
        env: {
          ...v3ProbeRunEnv(front.url, true),
          VALIDATION_MIN_SUCCESS_RATE: '0.5',
          // Every plan question (no VALIDATION_QUESTIONS), as selftest/e2e/streamed-reference.test.ts runs them (GO on harena-v3 streamed).
        },
        hardTimeoutMs: 150_000,
      })
      const report = readReport(run.reportDir)
      // Every criterion passes (C3 is excluded for harena-v3 streamed), and every probe was judged: nothing keeps the
      // run from GO.
      expect(
        report.criteria.filter((c) => c.status !== 'pass' && c.outcome !== 'excluded').map((c) => c.id),
        describeRun(run),
      ).toEqual([])
      const security = report.security ?? []
      expect(
        security.map((p) => [p.id, p.ok]).filter(([, ok]) => ok !== true),
        describeRun(run),
      ).toEqual([])
      expect(security).toHaveLength(12)
      expect(report.summary.criticalBugs).toBe(0)
      expect(report.reasonCodes?.map((r) => r.code)).not.toContain('gate.probes_not_judged')
      expect(report.decision, describeRun(run)).toBe('GO')
      expect(run.exitCode, describeRun(run)).toBe(0)
      // The chat probes reached the stream route with another user's path, user 0 and user -1; nothing (no probe, no
      // check of the user's own route) asked the buffered chat route the questions never used.
      expect(posts).toEqual(
        expect.arrayContaining(['/api/v3/conversation/2/stream', '/api/v3/conversation/0/stream', '/api/v3/conversation/-1/stream']),
      )
      expect(posts.filter((p) => BUFFERED_CHAT.test(p))).toEqual([])
      expect(`${report.reasons.join('\n')}\n${run.stdout}`).not.toMatch(/HARENA_API_CONTRACT/)
      expect(security.map((p) => p.id)).toEqual(expect.arrayContaining(CHAT_PROBES))
    } finally {
      await ref.close()
    }
  }, 180_000)
})
