// Reliability proof (review 2026-12-05): VALIDATION_STREAM=true against a service whose stream route answers 404
// while its chat route works. The verdict led with "the chat route of contract … does not exist — check
// HARENA_API_CONTRACT", pointing at a setting that was right. A streamed run now names its stream route (its path)
// and VALIDATION_STREAM; the security probes, on the chat route, are judged as usual (no finding on a healthy one).
// The real suite runs as a child process behind a loopback proxy in front of the reference service (harena-v2).
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, probeRunEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

describe('VALIDATION_STREAM=true and only the stream route answering 404', () => {
  test('NO-GO exit 2 led by "stream route not found", naming its path and VALIDATION_STREAM, never HARENA_API_CONTRACT', async () => {
    const ref = await target()
    const front = await proxy(ref.url, (r) =>
      /\/stream(\?|$)/.test(r.path)
        ? { kind: 'answer', status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } }
        : { kind: 'forward' },
    )
    const run = await runSuite({
      env: {
        ...probeRunEnv(front.url),
        VALIDATION_STREAM: 'true',
        VALIDATION_QUESTIONS: writeBank(pick('q02', 'q07')),
      },
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.questions.flatMap((q) => q.attempts).every((a) => a.httpStatus === 404)).toBe(true)
    expect(report.reasonCodes?.[0]).toMatchObject({ code: 'gate.route_not_found', params: { route: 'stream' } })
    expect(report.reasons[0]).toMatch(
      /^Stream route not found: all 2 executed attempt\(s\) were answered HTTP 404 on the stream route POST \/api\/v1\/conversation\/\{user_id\}\/stream at .*VALIDATION_STREAM=true .*VALIDATION_STREAM=false/,
    )
    expect(run.stdout).toMatch(/• Stream route not found: .*VALIDATION_STREAM/)
    expect(`${report.reasons.join('\n')}\n${run.stdout}`).not.toMatch(/HARENA_API_CONTRACT|chat route of contract/)
    // The chat route works: the probes are judged on it, and a healthy reference refuses them all.
    expect(report.summary.criticalBugs).toBe(0)
  })
})
