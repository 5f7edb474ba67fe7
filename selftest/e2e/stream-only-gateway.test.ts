// Reliability proof (review 2026-12-05, "false GO"): VALIDATION_STREAM=true against a stream-only gateway — its
// buffered chat route POST …/conversation/{id} answers 404, its stream route works. Six security probes only ever
// call the buffered chat route: they ended "not judged" (security.route_not_found) and the run read GO exit 0,
// "C4 Critical bugs 0", the terminal silent about them, the Markdown advising "check HARENA_API_CONTRACT" although
// the contract was right. A probe that could not be judged passed nothing: the decision is now at best CONDITIONAL,
// with a reason naming the probes and the route, and saying the questions used the stream route, which the probes
// do not test (docs/verdict-rules.md, docs/security-probes.md). The real suite runs as a child process behind a
// loopback proxy in front of the reference service (harena-v3: GO streamed when every route answers).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { demoUserEnv, REFERENCE_NOW } from './target.ts'

const proxy = fileProxies()
afterAll(cleanupTemp)

/** The buffered chat route of harena-v3 (the stream route is …/{id}/stream). */
const BUFFERED_CHAT = /^\/api\/v3\/conversation\/-?\d+(\?|$)/
const CHAT_PROBES = ['no_token', 'other_user_path', 'user_id_zero', 'user_id_negative', 'script_message', 'sql_message']

describe('VALIDATION_STREAM=true against a stream-only gateway (the buffered chat route answers 404)', () => {
  test('CONDITIONAL, never GO: the reason names the unjudged probes, the buffered chat route and the stream route; no contract advice', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7, contract: 'harena-v3' })
    try {
      const front = await proxy(ref.url, (r) =>
        r.method === 'POST' && BUFFERED_CHAT.test(r.path)
          ? { kind: 'answer', status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } }
          : { kind: 'forward' },
      )
      const run = await runSuite({
        env: {
          ...demoUserEnv(front.url),
          HARENA_API_CONTRACT: 'harena-v3',
          HARENA_TIMEOUT_MS: '15000',
          REFERENCE_NOW: REFERENCE_NOW.toISOString(),
          VALIDATION_WARMUP: '0',
          VALIDATION_LOCALE: 'en',
          VALIDATION_SECURITY: 'true',
          VALIDATION_STREAM: 'true',
          // Latency is not what this proves: generous thresholds keep every criterion passing on a slow machine.
          VALIDATION_P95_GO_MS: '30000',
          VALIDATION_P95_NOGO_MS: '60000',
          VALIDATION_TTFC_GO_MS: '30000',
          VALIDATION_TTFC_NOGO_MS: '60000',
          VALIDATION_MIN_SUCCESS_RATE: '0.5',
          // The plan's questions, as selftest/e2e/streamed-reference.test.ts runs them (GO on harena-v3 streamed).
          VALIDATION_ITERATIONS: '1',
        },
        hardTimeoutMs: 150_000,
      })
      const report = readReport(run.reportDir)
      // Every criterion passes (C3 is excluded for harena-v3 streamed): only the unjudged probes keep the run from GO.
      expect(
        report.criteria.filter((c) => c.status !== 'pass' && c.outcome !== 'excluded').map((c) => c.id),
        describeRun(run),
      ).toEqual([])
      expect(report.summary.criticalBugs).toBe(0)
      expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
      expect(run.exitCode, describeRun(run)).toBe(0)
      const unjudged = (report.security ?? []).filter((p) => p.ok !== true).map((p) => p.id)
      expect(unjudged.sort()).toEqual([...CHAT_PROBES].sort())
      const reason = report.reasonCodes?.find((r) => r.code === 'gate.probes_not_judged')
      expect(reason, describeRun(run)).toMatchObject({
        params: { cause: 'route_not_found', route: 'chat', streamed: true, method: 'POST', path: 'api/v3/conversation/1' },
      })
      expect([...((reason?.params.probes as string[]) ?? [])].sort()).toEqual([...CHAT_PROBES].sort())
      const said = report.reasons.find((r) => r.startsWith('Security not judged'))
      expect(said, describeRun(run)).toMatch(
        /^Security not judged: 6 probe\(s\) \(.*\) could not be judged — the buffered chat route POST \/api\/v3\/conversation\/1 answers HTTP 404\. The questions used the stream route \(VALIDATION_STREAM=true\), which these probes do not test/,
      )
      // The terminal says it, and nothing advises checking a contract that is right.
      expect(run.stdout).toMatch(/• Security not judged: 6 probe\(s\)/)
      expect(run.stdout).toContain('CONDITIONAL (exit 0)')
      expect(`${report.reasons.join('\n')}\n${run.stdout}`).not.toMatch(/HARENA_API_CONTRACT/)
      for (const p of (report.security ?? []).filter((s) => s.ok !== true))
        expect(p.notes.join('\n'), p.id).toMatch(/the questions used the stream route \(VALIDATION_STREAM=true\), which the probes do not test$/)
      expect((report.security ?? []).flatMap((p) => p.notes).join('\n')).not.toMatch(/HARENA_API_CONTRACT/)
      const markdown = readFileSync(join(run.reportDir, 'validation-report.md'), 'utf8')
      expect(markdown).toMatch(/Security not judged: 6 probe\(s\)/)
      expect(markdown).not.toMatch(/HARENA\\?_API\\?_CONTRACT/)
    } finally {
      await ref.close()
    }
  }, 180_000)
})
