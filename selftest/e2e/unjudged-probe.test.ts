// Reliability proof (review 2026-12-05, "false GO"): a probe left unjudged for a reason other than a missing route.
// The turns probe reads another user's conversation with user 1's token, then needs user 1's own conversation list
// to tell whether the data it got back is user 1's own. The service answered HTTP 500 to that list: the probe ended
// "not judged" (security.turns_not_judged) and the run read GO exit 0 with no reason at all. Any probe that could
// not be judged passed nothing (docs/verdict-rules.md): the decision is at best CONDITIONAL, with a reason naming it.
// The real suite runs as a child process behind a loopback proxy in front of the reference service.
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { demoUserEnv, REFERENCE_NOW } from './target.ts'

const proxy = fileProxies()
afterAll(cleanupTemp)

/** User 1's own conversation list (harena-v2), the page the turns probe reads to know which conversations are its. */
const OWN_LIST = /^\/api\/v1\/conversation\/conversations\/1(\?|$)/
/** A conversation's turns (harena-v2): answered with data whatever the conversation, so the probe always needs the list. */
const TURNS = /^\/api\/v1\/conversation\/conversation\/\d+\/turns(\?|$)/
const TURNS_BODY = JSON.stringify({ turns: [{ user_message: 'Mes dépenses', assistant_response: 'Vous avez dépensé 120 €.' }] })

describe("a probe that cannot be judged because the user's own list answers 5xx", () => {
  test('CONDITIONAL, never GO: the reason names the probe; the probe says why', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faultSeed: 7 })
    try {
      const json = { 'content-type': 'application/json' }
      const front = await proxy(ref.url, (r) => {
        if (r.method === 'GET' && OWN_LIST.test(r.path))
          return { kind: 'answer', status: 500, body: '{"detail":"Internal Server Error"}', headers: json }
        // Whichever conversation the probe picks answers with data (the reference's own answer depends on which
        // conversations the questions running alongside have created): only the user's list can tell, and it fails.
        if (r.method === 'GET' && TURNS.test(r.path)) return { kind: 'answer', status: 200, body: TURNS_BODY, headers: json }
        return { kind: 'forward' }
      })
      const run = await runSuite({
        env: {
          ...demoUserEnv(front.url),
          HARENA_TIMEOUT_MS: '15000',
          REFERENCE_NOW: REFERENCE_NOW.toISOString(),
          VALIDATION_WARMUP: '0',
          VALIDATION_LOCALE: 'en',
          VALIDATION_SECURITY: 'true',
          VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')),
          // Latency is not what this proves: generous thresholds keep the latency criteria passing on a slow machine.
          VALIDATION_P95_GO_MS: '30000',
          VALIDATION_P95_NOGO_MS: '60000',
        },
        hardTimeoutMs: 150_000,
      })
      const report = readReport(run.reportDir)
      const turns = (report.security ?? []).find((p) => p.id === 'other_user_turns')
      expect(turns?.ok, describeRun(run)).toBeNull()
      expect(report.summary.criticalBugs).toBe(0)
      expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
      expect(run.exitCode).toBe(0)
      const reason = report.reasonCodes?.find((r) => r.code === 'gate.probes_not_judged' && r.params.cause === 'not_judged')
      expect(reason, describeRun(run)).toBeDefined()
      expect(reason?.params.probes).toContain('other_user_turns')
      expect(run.stdout).toMatch(/• Security not judged: \d probe\(s\) \([^)]*other_user_turns[^)]*\) could not be judged/)
    } finally {
      await ref.close()
    }
  }, 180_000)
})
