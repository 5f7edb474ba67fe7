// Reliability proof (review 2026-12-05, after the wrong-contract fix): a probe answered 404 asked the user's own
// request on that route once per worker, cached the answer, and called the route "not found" when it was a 404.
// One transient 404 on that own request — the service hiding other users behind 404, a real finding — turned NO-GO
// with 3 critical bugs into GO exit 0, although the run's questions got 200 on that very route. Now a route on
// which the run has evidence of existence (a question or warm-up answered otherwise than 404: the attempt journal)
// is never "not found", only existence is cached, and a 404 on the user's own request must be confirmed by a second.
// On a streamed run the chat probes are sent on the stream route, the questions' own (docs/security-probes.md): the
// streamed questions' answers are then that route's evidence, as the buffered questions' are the chat route's.
// The real suite runs as a child process behind a loopback proxy in front of the reference service (harena-v2).
import { afterAll, describe, expect, test } from 'vitest'
import { DEFAULT_SECRET, verifyAuthorization } from '../../fixtures/reference/jwt.ts'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, probeRunEnv, REFERENCE_NOW } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

/** A chat path, buffered or streamed, of another user than 1 (the probes' other user, 0 and -1): hidden behind a 404. */
const OTHER_CHAT = /^\/api\/v1\/conversation\/(?!1(\/stream)?(\?|$))-?\d+(\/stream)?(\?|$)/
const OWN_CHAT = /^\/api\/v1\/conversation\/1(\/stream)?(\?|$)/
/** The probes' own-route question (tests/support/security/probes.ts QUESTION): no question of the bank below asks it. */
const PROBE_QUESTION = 'Mes dépenses du mois dernier'
const NOT_FOUND = { kind: 'answer' as const, status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } }
// The forged alg:none token names the other user and is sent on that user's path: hidden behind the same 404, not the
// 401 a forgery must get (docs/security-probes.md).
const HIDDEN = ['other_user_path', 'user_id_zero', 'user_id_negative', 'alg_none_token']

function messageOf(body: string): unknown {
  try {
    return (JSON.parse(body) as { message?: unknown }).message
  } catch {
    return undefined
  }
}

async function run(stream: boolean) {
  const ref = await target()
  let blips = 0
  const front = await proxy(ref.url, (r) => {
    if (r.method !== 'POST') return { kind: 'forward' }
    if (OTHER_CHAT.test(r.path)) return NOT_FOUND
    // The first authenticated request of the user's own on the chat route with the probes' question blips 404 once:
    // the run's own token (the reference's signature holds, at the reference's clock), not a token probe's forgery.
    const authentic = r.authorization !== undefined && verifyAuthorization(r.authorization, DEFAULT_SECRET, REFERENCE_NOW.getTime()).ok
    const own = OWN_CHAT.test(r.path) && authentic && messageOf(r.body) === PROBE_QUESTION
    if (own && blips === 0) {
      blips++
      return NOT_FOUND
    }
    return { kind: 'forward' }
  })
  const result = await runSuite({
    env: {
      ...probeRunEnv(front.url),
      VALIDATION_STREAM: stream ? 'true' : 'false',
      VALIDATION_QUESTIONS: writeBank(pick('q02', 'q07')),
    },
  })
  type Probe = { id: string; ok: boolean | null; failureCodes: string[]; noteCodes: string[] }
  const report = readReport(result.reportDir)
  const probes = (report as typeof report & { security?: Probe[] }).security ?? []
  return { result, report, probes, blips: () => blips }
}

function expectHiddenFound({ result, report, probes }: Awaited<ReturnType<typeof run>>): void {
  expect(result.exitCode, describeRun(result)).toBe(2)
  expect(report.decision).toBe('NO-GO')
  expect(report.summary.criticalBugs, JSON.stringify(probes)).toBe(HIDDEN.length)
  const failed = probes.filter((p) => p.ok === false)
  expect(failed.map((p) => p.id).sort()).toEqual(HIDDEN.sort())
  expect(probes.flatMap((p) => p.noteCodes)).not.toContain('security.route_not_found')
}

describe('a 404 hiding another user, and one transient 404 on the user’s own chat', () => {
  test('buffered: the questions answered on the chat route — never "not found": NO-GO with the 4 critical bugs', async () => {
    const run1 = await run(false)
    expectHiddenFound(run1)
    // The questions' 200s prove the route: no probe needed the user's own request, so nothing blipped.
    expect(run1.report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 200)).toBe(true)
  })

  // Before the chat probes followed the questions onto the stream route, a streamed run proved only a route the
  // probes did not use: the user's own chat was asked, blipped, and was asked again.
  test('streamed: the questions answered on the stream route, which the probes use — never "not found", nothing blipped', async () => {
    const run2 = await run(true)
    expectHiddenFound(run2)
    expect(run2.report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 200)).toBe(true)
    expect(run2.blips()).toBe(0)
  })
})
