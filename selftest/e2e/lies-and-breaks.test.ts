// Reliability proofs, part 1: the suite is not fooled by a service that lies (HTTP 200 + a pipeline fallback),
// breaks (5xx, reset, malformed or contract-violating bodies), hangs, or is not there at all.
// Each test runs the REAL suite as a child process against the REAL reference service with fault rules, then
// reads the exit code and validation-report.json exactly as a CI job would.
import { afterAll, describe, expect, test } from 'vitest'
import {
  attemptsOf,
  cleanupTemp,
  criterion,
  describeRun,
  pick,
  readReport,
  readSamples,
  runSuite,
  writeBank,
} from './harness.ts'
import { chatRequests, closedPort, startTarget, tokenEnv, tokenFor, trafficViolations, type Reference } from './target.ts'

// The four fixed sentences of the real v2 pipeline (contract §1.5), by failing stage. Copied on purpose: if the
// reference or the adapter ever drifted from the contract, these proofs must notice.
const FALLBACKS = {
  context: "Je rencontre des difficultes e analyser le contexte de notre conversation.",
  intent: "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?",
  query: 'Je ne parviens pas e construire une requete appropriee pour vos donnees.',
  response: "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
} as const

const FAST = {
  HARENA_TIMEOUT_MS: '5000',
  VALIDATION_ITERATIONS: '1',
  VALIDATION_WARMUP: '0',
}

const servers: Reference[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  cleanupTemp()
})
async function target(...args: Parameters<typeof startTarget>): Promise<Reference> {
  const ref = await startTarget(...args)
  servers.push(ref)
  return ref
}

describe('a healthy service', () => {
  test('is GO with exit 0 (the control for every NO-GO below)', async () => {
    const ref = await target()
    const bank = writeBank(pick('q01', 'q04', 'q07', 'q11', 'q13'))
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_WARMUP: '1', VALIDATION_QUESTIONS: bank } })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('GO')
    expect(run.exitCode).toBe(0)
    expect(report.run.complete).toBe(true)
    expect(report.summary.criticalBugs).toBe(0)
    expect(report.questions.map((q) => q.success)).toEqual([true, true, true, true, true])
    expect(report.criteria.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
    expect(report.target.embedded).toBe(false)
    expect(report.target.baseUrl).toBe(ref.url)
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })
})

describe('lying 200s', () => {
  test('HTTP 200 + status "error" with each real fallback sentence is a failed attempt, never a success: NO-GO, exit 2', async () => {
    // One question per failing stage; a fifth, untouched question proves the failures are not a broken run.
    const [q01, q04, q07, q10, q11] = pick('q01', 'q04', 'q07', 'q10', 'q11')
    const byStage = { context: q01!, intent: q04!, query: q07!, response: q10! }
    const ref = await target(
      Object.entries(byStage).map(([stage, q]) => ({ match: q.message, fault: { kind: 'fallback', stage } }) as never),
    )
    const bank = writeBank([q01!, q04!, q07!, q10!, q11!])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_QUESTIONS: bank } })
    const report = readReport(run.reportDir)

    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(criterion(report, 'C1').status).toBe('fail')

    // The server really did answer 200 with the fallback sentences (the fault is live, not a transport error).
    const chats = chatRequests(ref.stats().requests)
    for (const [stage, q] of Object.entries(byStage)) {
      const seen = chats.filter((r) => r.message === q.message)
      expect(seen.length, stage).toBeGreaterThan(0)
      expect(seen.every((r) => r.status === 200), stage).toBe(true)
      const rq = report.questions.find((x) => x.id === q.id)!
      expect(rq.success, `${stage} fallback counted as success`).toBe(false)
      expect(rq.attempts.length).toBe(1)
      for (const a of rq.attempts) {
        expect(a.ok, stage).toBe(false)
        expect(a.httpStatus, stage).toBe(200)
        expect(a.failures.length, stage).toBeGreaterThan(0)
        // A fallback is a failure, not a critical bug (the exchange itself was well-formed).
        expect(a.critical ?? false, stage).toBeFalsy()
      }
      // The failure names what happened: the fallback (or its sentence) is visible in the reasons.
      const reasons = rq.attempts.flatMap((a) => a.failures).join(' | ')
      expect(reasons, stage).toMatch(/fallback|status.{0,8}error|repli/i)
    }
    expect(report.questions.find((x) => x.id === q11!.id)?.success, 'control question').toBe(true)
    expect(report.summary.successRate).toBeCloseTo(1 / 5, 5)
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
    // Sanity: the sentences the reference sent are the contract's (the only way they can be recognised on real v2).
    expect(Object.keys(FALLBACKS)).toHaveLength(4)
  })
})

describe('broken answers', () => {
  test('5xx, connection reset, malformed JSON and a contract-violating body are critical bugs with raw evidence: NO-GO, exit 2', async () => {
    const [q01, q04, q07, q11, q02] = pick('q01', 'q04', 'q07', 'q11', 'q02')
    const faults = {
      http5xx: q01!,
      reset: q04!,
      malformedJson: q07!,
      contractViolation: q11!,
    }
    const ref = await target(Object.entries(faults).map(([kind, q]) => ({ match: q.message, fault: { kind } }) as never))
    const bank = writeBank([q01!, q04!, q07!, q11!, q02!])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_QUESTIONS: bank } })
    const report = readReport(run.reportDir)

    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(criterion(report, 'C4').status).toBe('fail')
    expect(report.summary.criticalBugs).toBe(4)
    expect(report.questions.find((q) => q.id === 'q02')?.success, 'control question').toBe(true)

    const attempt = (id: string) => {
      const q = report.questions.find((x) => x.id === id)
      expect(q, id).toBeDefined()
      expect(q!.success, id).toBe(false)
      expect(q!.attempts).toHaveLength(1)
      const a = q!.attempts[0]! as (typeof q.attempts)[number] & { evidence?: { bodyHead?: string; issues?: string[]; error?: string } }
      expect(a.ok, id).toBe(false)
      expect(a.critical, id).toBeTruthy()
      return a
    }
    const e5xx = attempt(q01!.id)
    expect(e5xx.httpStatus).toBeGreaterThanOrEqual(500)
    expect(e5xx.httpStatus).toBeLessThan(600)
    expect(e5xx.evidence?.bodyHead ?? '', 'first bytes of the 5xx body').not.toBe('')

    const reset = attempt(q04!.id)
    expect(reset.httpStatus, 'a reset has no HTTP status').toBeNull()
    expect(reset.timedOut).toBe(false)
    expect(`${reset.evidence?.error ?? ''} ${reset.failures.join(' ')}`).toMatch(/reset|ECONNRESET|socket|closed|terminated/i)

    const malformed = attempt(q07!.id)
    expect(malformed.httpStatus).toBe(200)
    expect(malformed.evidence?.bodyHead ?? '', 'first bytes of the malformed body').not.toBe('')
    expect(() => JSON.parse(malformed.evidence!.bodyHead!)).toThrow()

    const violation = attempt(q11!.id)
    expect(violation.httpStatus).toBe(200)
    expect(violation.evidence?.issues?.length ?? 0, 'zod issues of the contract violation').toBeGreaterThan(0)
    expect(violation.evidence?.bodyHead ?? '').not.toBe('')

    // The same attempts in samples.ndjson (one line each, nothing dropped).
    const samples = readSamples(run.reportDir).filter((s) => !s.warmup)
    expect(samples.map((s) => s.questionId).sort()).toEqual(['q01', 'q02', 'q04', 'q07', 'q11'])
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })
})

describe('a hanging service', () => {
  test('a request past HARENA_TIMEOUT_MS fails, keeps its latency censored at the timeout, and the run ends', async () => {
    const [q01, q04, q07] = pick('q01', 'q04', 'q07')
    const ref = await target([{ match: q04!.message, fault: { kind: 'hang' } } as never])
    const bank = writeBank([q01!, q04!, q07!])
    const timeoutMs = 600
    const run = await runSuite({
      env: { ...tokenEnv(ref), ...FAST, HARENA_TIMEOUT_MS: String(timeoutMs), VALIDATION_QUESTIONS: bank },
      hardTimeoutMs: 60_000,
    })
    expect(run.killed, 'the run had to be killed: it did not end on its own').toBe(false)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(report.run.complete).toBe(true)

    const hung = report.questions.find((q) => q.id === 'q04')!
    expect(hung.success).toBe(false)
    const a = hung.attempts[0]!
    expect(a.timedOut).toBe(true)
    expect(a.ok).toBe(false)
    expect(a.critical ?? false, 'a timeout is a failure, not a critical bug').toBeFalsy()
    expect(a.latencyMs).toBeGreaterThanOrEqual(timeoutMs)
    expect(report.summary.criticalBugs).toBe(0)
    // Censored, never dropped: the timeout is one of the n latency samples and dominates the maximum.
    expect(report.summary.latencyMs.n).toBe(3)
    expect(report.summary.latencyMs.max).toBeGreaterThanOrEqual(timeoutMs)
    expect(report.summary.latencyMs.p95).toBeGreaterThan(attemptsOf(report).filter((x) => !x.timedOut).reduce((m, x) => Math.max(m, x.latencyMs), 0))
    const sample = readSamples(run.reportDir).find((s) => s.questionId === 'q04' && !s.warmup)
    expect(sample?.timedOut).toBe(true)
    expect(sample?.latencyMs).toBeGreaterThanOrEqual(timeoutMs)
  })
})

describe('an unreachable service', () => {
  test('a closed port gives one clear reason, NO-GO and exit 2', async () => {
    const port = await closedPort()
    const bank = writeBank(pick('q01', 'q04', 'q07', 'q10', 'q13'))
    const run = await runSuite({
      env: {
        HARENA_BASE_URL: `http://127.0.0.1:${port}`,
        HARENA_API_TOKEN: tokenFor(1),
        ...FAST,
        VALIDATION_QUESTIONS: bank,
      },
      hardTimeoutMs: 60_000,
    })
    expect(run.killed).toBe(false)
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    const clear = report.reasons.filter((r) => /unreachable|injoignable|refused|ECONNREFUSED|not reachable|connect/i.test(r))
    expect(clear.length, `reasons: ${JSON.stringify(report.reasons)}`).toBeGreaterThanOrEqual(1)
    expect(clear.some((r) => r.includes(String(port))), 'the reason names the target').toBe(true)
    // One reason, not five copies of a stack trace: the console says it once and prints no stack.
    const out = run.stdout + run.stderr
    expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    // Every planned attempt is accounted for as failed (C1 over planned attempts).
    expect(report.summary.successRate ?? 0).toBe(0)
  })
})
