// Reliability proofs, part 1: the suite is not fooled by a service that lies (HTTP 200 + a pipeline fallback),
// breaks (5xx, reset, malformed or contract-violating bodies), hangs, or is not there at all.
// Each test runs the REAL suite as a child process against the REAL reference service with fault rules, then
// reads the exit code and validation-report.json exactly as a CI job would.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, criterion, describeRun, pick, readReport, readSamples, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { chatRequests, closedPort, rawChat, fileTargets, tokenEnv, tokenFor, trafficViolations } from './target.ts'
import { createServer, type AddressInfo, type Socket } from 'node:net'

// The four fixed sentences of the real v2 pipeline (docs/wire-contracts.md §1.5), by failing stage. Copied on purpose: if the
// reference or the adapter ever drifted from the contract, these proofs must notice.
const FALLBACKS = {
  context: 'Je rencontre des difficultes e analyser le contexte de notre conversation.',
  intent: "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?",
  query: 'Je ne parviens pas e construire une requete appropriee pour vos donnees.',
  response: "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
} as const

const FAST = {
  HARENA_TIMEOUT_MS: '5000',
  VALIDATION_ITERATIONS: '1',
  VALIDATION_WARMUP: '0',
}

const target = fileTargets()
afterAll(cleanupTemp)

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
    const byStage = { context: q01!, intent: q04!, query: q07!, response: q10! } as const
    const ref = await target(
      (Object.keys(byStage) as Array<keyof typeof byStage>).map((stage) => ({ match: byStage[stage].message, fault: { kind: 'fallback', stage } })),
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
      expect(
        seen.every((r) => r.status === 200),
        stage,
      ).toBe(true)
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
    // What the suite rejected really were the contract's four sentences, each with HTTP 200 + status "error".
    for (const [stage, q] of Object.entries(byStage)) {
      const raw = await rawChat(ref, q.message)
      expect(raw.status, stage).toBe(200)
      const body = JSON.parse(raw.body) as { status?: unknown; response?: { message?: unknown } }
      expect(body.status, stage).toBe('error')
      expect(body.response?.message, stage).toBe(FALLBACKS[stage as keyof typeof FALLBACKS])
    }
  })
})

describe('broken answers', () => {
  test('5xx, connection reset, malformed JSON and a contract-violating body are critical bugs with raw evidence: NO-GO, exit 2', async () => {
    const [q01, q04, q07, q11, q02] = pick('q01', 'q04', 'q07', 'q11', 'q02')
    const ref = await target([
      { match: q01!.message, fault: { kind: 'http5xx' } },
      { match: q04!.message, fault: { kind: 'reset' } },
      { match: q07!.message, fault: { kind: 'malformedJson' } },
      { match: q11!.message, fault: { kind: 'contractViolation' } },
    ])
    const bank = writeBank([q01!, q04!, q07!, q11!, q02!])
    const run = await runSuite({ env: { ...tokenEnv(ref), ...FAST, VALIDATION_QUESTIONS: bank } })
    const report = readReport(run.reportDir)

    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(run.exitCode).toBe(2)
    expect(criterion(report, 'C4').status).toBe('fail')
    expect(report.summary.criticalBugs).toBe(4)
    expect(report.questions.find((q) => q.id === 'q02')?.success, 'control question').toBe(true)

    // Each broken attempt: failed, critical of the right kind, and its raw evidence in report.criticalBugs.
    const broken = (id: string, kind: string) => {
      const q = report.questions.find((x) => x.id === id)
      expect(q, id).toBeDefined()
      expect(q!.success, id).toBe(false)
      expect(q!.attempts).toHaveLength(1)
      const a = q!.attempts[0]!
      expect(a.ok, id).toBe(false)
      expect(a.critical, id).toBe(kind)
      const bugs = report.criticalBugs.filter((b) => b.questionId === id)
      expect(bugs, `criticalBugs entry for ${id}`).toHaveLength(1)
      expect(bugs[0]!.kind).toBe(kind)
      expect(bugs[0]!.httpStatus).toBe(a.httpStatus)
      expect(bugs[0]!.evidence, `evidence for ${id}`).not.toBe('')
      return { attempt: a, evidence: bugs[0]!.evidence }
    }
    const e5xx = broken(q01!.id, 'http_5xx')
    expect(e5xx.attempt.httpStatus).toBeGreaterThanOrEqual(500)
    expect(e5xx.attempt.httpStatus).toBeLessThan(600)
    // Status and the first bytes of the body that came with it (compared with what the server really sends), said in
    // the run's language (VALIDATION_LOCALE unset: French, "corps :").
    const raw5xx = await rawChat(ref, q01!.message)
    expect(e5xx.evidence).toContain(`corps : ${raw5xx.body.slice(0, 40)}`)

    const reset = broken(q04!.id, 'transport')
    expect(reset.attempt.httpStatus, 'a reset has no HTTP status').toBeNull()
    expect(reset.attempt.timedOut).toBe(false)
    expect(`${reset.evidence} ${reset.attempt.failures.join(' ')}`).toMatch(/reset|ECONNRESET|socket|closed|terminated/i)

    const malformed = broken(q07!.id, 'invalid_json')
    expect(malformed.attempt.httpStatus).toBe(200)
    const rawMalformed = await rawChat(ref, q07!.message)
    expect(() => JSON.parse(rawMalformed.body), 'the fault really sends a non-JSON body').toThrow()
    expect(malformed.evidence).toContain(`corps : ${rawMalformed.body.slice(0, 40)}`)

    const violation = broken(q11!.id, 'contract')
    expect(violation.attempt.httpStatus).toBe(200)
    // The zod issues (with their path) are named in the failure reasons or the evidence.
    expect(`${violation.evidence} ${violation.attempt.failures.join(' ')}`).toMatch(/expected|invalid|required|received/i)
    expect(violation.evidence).toMatch(/corps : \{/)

    // A broken body is one defect, counted once (C4): the visualization coverage counts the bodies it could not read
    // (q07, q11) neither with nor without a chart, and cannot pass on the one it read (docs/verdict-rules.md).
    expect(criterion(report, 'C3')).toMatchObject({ status: 'inconclusive', outcome: 'unreadable' })
    expect(report.summary).toMatchObject({ visualizationExpectedAttempts: 1, visualizationUnreadableAttempts: 2 })
    const c3 = report.reasons.filter((r) => r.startsWith('C3')).join(' ')
    expect(c3).toContain('ne respecte(nt) pas le contrat (q07, q11)')
    expect(c3).not.toMatch(/n'en porte\(nt\) aucune/)

    // The Markdown report lists the critical bugs with their evidence too.
    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    for (const id of ['q01', 'q04', 'q07', 'q11']) expect(md, `${id} in the Markdown anomalies`).toContain(id)

    // The same attempts in samples.ndjson (one line each, nothing dropped).
    const samples = readSamples(run.reportDir).filter((s) => !s.warmup)
    expect(samples.map((s) => s.questionId).sort()).toEqual(['q01', 'q02', 'q04', 'q07', 'q11'])
    expect(trafficViolations(ref.stats().requests, 1)).toEqual([])
  })
})

describe('a hanging service', () => {
  test('a request past HARENA_TIMEOUT_MS fails, keeps its latency censored at the timeout, and the run ends', async () => {
    const [q01, q04, q07] = pick('q01', 'q04', 'q07')
    const ref = await target([{ match: q04!.message, fault: { kind: 'hang' } }])
    const bank = writeBank([q01!, q04!, q07!])
    const timeoutMs = 1000
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
    expect(report.summary.latencyMs.censored).toBe(1)
    expect(report.summary.latencyMs.p95Censored).toBe(true)
    expect(report.summary.timeouts).toBe(1)
    expect(report.summary.latencyMs.p95).toBeGreaterThan(
      attemptsOf(report)
        .filter((x) => !x.timedOut)
        .reduce((m, x) => Math.max(m, x.latencyMs), 0),
    )
    const sample = readSamples(run.reportDir).find((s) => s.questionId === 'q04' && !s.warmup)
    expect(sample?.timedOut).toBe(true)
    expect(sample?.latencyMs).toBeGreaterThanOrEqual(timeoutMs)
  })
})

describe('a service that accepts connections and never answers (not even its health route)', () => {
  test('is hanging, not unreachable: every attempt times out, censored at the timeout; NO-GO, exit 2, bounded time', async () => {
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as AddressInfo).port
    try {
      const timeoutMs = 400
      const run = await runSuite({
        env: {
          HARENA_BASE_URL: `http://127.0.0.1:${port}`,
          HARENA_API_TOKEN: tokenFor(1),
          ...FAST,
          HARENA_TIMEOUT_MS: String(timeoutMs),
          VALIDATION_QUESTIONS: writeBank(pick('q01', 'q13')),
        },
        hardTimeoutMs: 60_000,
      })
      expect(run.killed).toBe(false)
      // VALIDATION_LOCALE unset: the note is French.
      expect(run.stderr, describeRun(run)).toMatch(
        /a accepté la connexion mais GET .* n'a pas répondu en 400 ms ; les questions sont posées quand même/,
      )
      const report = readReport(run.reportDir)
      expect(report.decision).toBe('NO-GO')
      expect(run.exitCode).toBe(2)
      expect(report.run.complete, 'every planned attempt was executed (and timed out)').toBe(true)
      const attempts = attemptsOf(report)
      expect(attempts).toHaveLength(2)
      for (const a of attempts) {
        expect(a.timedOut).toBe(true)
        expect(a.latencyMs).toBeGreaterThanOrEqual(timeoutMs)
      }
      expect(report.summary.latencyMs.n).toBe(2)
      expect(report.summary.timeouts).toBe(2)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => silent.close(() => r()))
    }
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
    expect(
      clear.some((r) => r.includes(String(port))),
      'the reason names the target',
    ).toBe(true)
    // One reason, not five copies of a stack trace: the console says it once and prints no stack.
    const out = run.stdout + run.stderr
    expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    // Every planned attempt is accounted for as failed (C1 over planned attempts).
    expect(report.summary.successRate ?? 0).toBe(0)
  })
})
