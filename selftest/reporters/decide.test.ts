// Verdict rules (docs/verdict-rules.md) on hand-made run models: every case the brief lists, and the exit codes.
import { describe, expect, test } from 'vitest'
import { aggregate } from '../../reporters/aggregate.ts'
import { buildCriteria, parseThreshold, ThresholdSyntaxError } from '../../reporters/criteria.ts'
import { decide, exitCodeOf, finalExitCode, unjudgedProbes, verdictExitCode } from '../../reporters/decide.ts'
import type { RunModel } from '../../core/model.ts'
import { say } from '../../core/locale/index.ts'
import { CONTRACTS, STREAM_ROUTES } from '../../core/settings.ts'
import { adapterFor } from '../../tests/support/adapters/index.ts'
import { reason } from '../../core/reason.ts'
import { attempt, modelWith, question, withAttempt, failure } from './make-model.ts'

/** The verdict with its reasons said in the model's language (decide returns them as data). */
const run = (m: RunModel) => {
  const v = decide(m, aggregate(m))
  return { ...v, reasons: v.reasons.map((r) => say(r, m.settings.locale)) }
}
const status = (m: RunModel, id: string) => run(m).criteria.find((c) => c.id === id)?.status
const ones = (n: number, ms = 1000) => Array.from({ length: n }, () => ms)

describe('criteria as data', () => {
  test('thresholds are parsed once into {metric, op, value}', () => {
    expect(parseThreshold('p95_ms <= 4000')).toEqual({ metric: 'p95_ms', op: '<=', value: 4000, source: 'p95_ms<=4000' })
    expect(() => parseThreshold('p95_ms ≈ 4000')).toThrow(ThresholdSyntaxError)
    expect(() => parseThreshold('p42<=1')).toThrow(/unknown metric/)
    const c = buildCriteria({ minSuccessRate: 0.9, p95GoMs: 100, p95NoGoMs: 200 })
    expect(c.map((x) => x.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5'])
    expect(c[0]?.pass.value).toBe(0.9)
    expect(c[1]?.warn?.source).toBe('p95_ms<=200')
  })
})

describe('decision', () => {
  test('a run stopped by a signal says so first: the partial report explains the criteria below it', () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const m: RunModel = { ...modelWith(ones(15)), interrupted: true, signal }
      const v = run(m)
      expect(v.exitCode).toBe(code)
      expect(v.reasons[0]).toBe(`Exécution interrompue (${signal}) : rapport partiel, ce n'est pas un verdict sur le service.`)
    }
    expect(run({ ...modelWith(ones(15)), interrupted: true }).reasons[0] ?? '').not.toMatch(/^Exécution interrompue \(/) // --bail: no signal
  })

  test('15 clean questions → GO, exit 0', () => {
    const v = run(modelWith(ones(15)))
    expect(v.decision).toBe('GO')
    expect(v.exitCode).toBe(0)
    expect(v.reasons).toEqual([])
    expect(v.criteria.every((c) => c.status === 'pass')).toBe(true)
  })

  test('P95 exactly on the GO threshold passes', () => {
    // 20 samples: 18 × 1000 and 2 × 4000 → h = 18.05 between x[18]=4000 and x[19]=4000 → P95 = 4000 exactly.
    const m = modelWith([...ones(18), 4000, 4000])
    expect(aggregate(m).latency.p95).toBe(4000)
    expect(status(m, 'C2')).toBe('pass')
    expect(run(m).decision).toBe('GO')
  })

  test('4000 < P95 ≤ 5000 → CONDITIONAL, exit 0 (3 with failOnConditional)', () => {
    const m = modelWith([...ones(18), 4500, 4500])
    expect(aggregate(m).latency.p95).toBe(4500)
    const v = run(m)
    expect(v.decision).toBe('CONDITIONAL')
    expect(v.exitCode).toBe(0)
    expect(v.reasons).toHaveLength(1)
    expect(v.reasons[0]).toMatch(/^C2 : P95 4\s?500 ms entre 4\s?000 ms et 5\s?000 ms/)
    expect(run({ ...m, settings: { ...m.settings, failOnConditional: true } }).exitCode).toBe(3)
  })

  test('P95 > 5000 → NO-GO, exit 2', () => {
    const v = run(modelWith([...ones(18), 6000, 6000]))
    expect(v.decision).toBe('NO-GO')
    expect(v.exitCode).toBe(2)
  })

  test('14/15 successes → NO-GO with the failing question named', () => {
    const m = withAttempt(modelWith(ones(15)), 6, { ok: false, failures: [failure('intent transaction_search.by_merchant ≠ expected')] })
    const v = run(m)
    expect(v.criteria.find((c) => c.id === 'C1')).toMatchObject({ status: 'fail', observed: 14 / 15 })
    expect(v.decision).toBe('NO-GO')
    expect(v.exitCode).toBe(2)
    expect(v.reasons[0]).toContain('q07')
  })

  test('19/20 successes exactly at 95 % → GO (≥)', () => {
    const m = withAttempt(modelWith(ones(20)), 3, { ok: false, failures: [failure('x')] })
    expect(run(m).decision).toBe('GO')
  })

  test('a DATA_PRESENTATION answer without visualization → C3 fails → NO-GO', () => {
    const m = withAttempt(modelWith(ones(15)), 4, {
      visualizations: [],
      ok: false,
      failures: [failure('no visualization in a DATA_PRESENTATION answer')],
    })
    const v = run(m)
    expect(v.criteria.find((c) => c.id === 'C3')).toMatchObject({ status: 'fail', observed: 14 / 15 })
    expect(v.decision).toBe('NO-GO')
    expect(v.reasons.some((r) => r.startsWith('C3') && r.includes('q05'))).toBe(true)
  })

  // A contract-violating answer and the coverage: selftest/reporters/unreadable-coverage.test.ts.

  test('C3 counts only DATA_PRESENTATION attempts', () => {
    const m = withAttempt(modelWith(ones(15)), 12, { visualizations: [], dataPresentation: false })
    expect(aggregate(m).vizCoverage).toMatchObject({ successes: 14, n: 14 })
    expect(status(m, 'C3')).toBe('pass')
  })

  test('one 5xx → C4 fails → NO-GO, with evidence', () => {
    const m = withAttempt(modelWith(ones(30)), 6, {
      ok: false,
      httpStatus: 503,
      critical: 'http_5xx',
      intent: null,
      failures: [failure('HTTP 503')],
      evidence: { bodyHead: 'upstream overloaded' },
    })
    const agg = aggregate(m)
    expect(agg.critical.byKind.http_5xx).toBe(1)
    expect(agg.critical.items[0]).toMatchObject({ questionId: 'q07', kind: 'http_5xx', httpStatus: 503 })
    expect(agg.critical.items[0]?.evidence).toContain('upstream overloaded')
    const v = decide(m, agg)
    expect(v.criteria.find((c) => c.id === 'C4')?.status).toBe('fail')
    expect(v.decision).toBe('NO-GO')
  })

  test('zero samples → NO-GO, never GO (C5 fails, C2 inconclusive)', () => {
    const m = modelWith([])
    const v = run(m)
    expect(v.decision).toBe('NO-GO')
    expect(v.criteria.find((c) => c.id === 'C2')?.status).toBe('inconclusive')
    expect(v.criteria.find((c) => c.id === 'C5')?.status).toBe('fail')
    // Planned questions that never ran: zero samples, C1 = 0 %.
    const planned = { ...modelWith([]), questions: [question('q01', [], { plannedAttempts: 1 }), question('q02', [], { plannedAttempts: 1 })] }
    const v2 = run(planned)
    expect(v2.decision).toBe('NO-GO')
    expect(v2.criteria.find((c) => c.id === 'C1')).toMatchObject({ status: 'fail', observed: 0 })
  })

  test('interrupted run → NO-GO even when everything measured passed', () => {
    const m = { ...modelWith(ones(15)), interrupted: true }
    const v = run(m)
    expect(v.decision).toBe('NO-GO')
    expect(v.complete).toBe(false)
    expect(v.reasons.some((r) => r.startsWith('C5') && r.includes('interrompue'))).toBe(true)
  })

  test('a run stopped by SIGINT / SIGTERM reports the exit code the shell sees (130 / 143), never GO', () => {
    const m = modelWith(ones(15), { interrupted: true })
    expect(run({ ...m, signal: 'SIGINT' })).toMatchObject({ decision: 'NO-GO', exitCode: 130 })
    expect(run({ ...m, signal: 'SIGTERM' })).toMatchObject({ decision: 'NO-GO', exitCode: 143 })
    expect(run(m)).toMatchObject({ decision: 'NO-GO', exitCode: 2 })
  })

  test('a planned attempt that never ran counts as failed (C1) and makes the run incomplete (C5)', () => {
    const m = modelWith(ones(15))
    m.questions[14] = { ...m.questions[14]!, attempts: [] }
    const agg = aggregate(m)
    expect(agg.success).toMatchObject({ successes: 14, n: 15 })
    expect(agg.notExecuted).toEqual(['q15'])
    const v = decide(m, agg)
    expect(v.criteria.find((c) => c.id === 'C5')?.status).toBe('fail')
    expect(v.decision).toBe('NO-GO')
  })

  test('a harness error → NO-GO and exit 1; a preflight failure → NO-GO and exit 2 with the cause', () => {
    const h = run({ ...modelWith(ones(15)), harnessErrors: [reason('harness.collector', { error: 'boom' })] })
    expect(h.decision).toBe('NO-GO')
    expect(h.exitCode).toBe(1)
    const unusable: RunModel = {
      ...modelWith([]),
      questions: [question('q01', [], { plannedAttempts: 1 })],
      preflightError: reason('target.unreachable', { url: 'http://127.0.0.1:9', timeoutMs: null, error: 'ECONNREFUSED' }),
    }
    const p = run(unusable)
    expect(p.exitCode).toBe(2)
    expect(p.reasons.some((r) => r.includes('ECONNREFUSED') && r.includes('127.0.0.1:9'))).toBe(true)
    // The cause inside the sentence, in the run's language.
    expect(run({ ...unusable, settings: { ...unusable.settings, locale: 'en' } }).reasons[0]).toBe(
      'Target unusable: target http://127.0.0.1:9 unreachable (ECONNREFUSED) — no question was asked.',
    )
    expect(run({ ...unusable, settings: { ...unusable.settings, locale: 'fr' } }).reasons[0]).toBe(
      "Cible inutilisable : cible http://127.0.0.1:9 injoignable (ECONNREFUSED) — aucune question n'a été posée.",
    )
  })

  test("a configuration error is told by its field, not by its wording: first reason, in the run's language, exit 1", () => {
    const cause = reason('config.invalid', { variable: 'VALIDATION_ITERATIONS', value: '"0"', problem: 'config.problem.below', bound: 1 })
    const m = { ...modelWith([]), questions: [question('q01', [], { plannedAttempts: 1 })], configurationErrors: [cause] }
    const fr = run({ ...m, settings: { ...m.settings, locale: 'fr' } })
    expect(fr.exitCode).toBe(1)
    expect(fr.reasons[0]).toBe(
      'erreur de configuration : VALIDATION_ITERATIONS="0" est invalide (inférieur à 1) ; attendu : un nombre entier de 1 à 1000.',
    )
    const en = run({ ...m, settings: { ...m.settings, locale: 'en' } })
    expect(en.reasons[0]).toBe('configuration error: VALIDATION_ITERATIONS="0" is invalid (below 1); expected a whole number from 1 to 1000.')
    expect(decide(m, aggregate(m)).reasons[0]).toMatchObject({ code: 'verdict.configuration_error', params: { variable: 'VALIDATION_ITERATIONS' } })
    // A harness error worded like one is not a configuration error: no such reason, still exit 1.
    const worded = run({ ...modelWith(ones(15)), harnessErrors: [reason('harness.plan', { error: 'configuration error: x' })] })
    expect(worded.reasons.some((r) => r.startsWith('configuration error'))).toBe(false)
    expect(worded.exitCode).toBe(1)
  })

  test('a timeout enters the P95 censored at the timeout (never dropped)', () => {
    const m = withAttempt(modelWith(ones(20, 500)), 0, {
      timedOut: true,
      latencyMs: 3000,
      ok: false,
      httpStatus: null,
      failures: [failure('timed out')],
    })
    const settings = { ...m.settings, timeoutMs: 3000 }
    const agg = aggregate({ ...m, settings })
    // 19 × 500 and one 3000 → h = 18.05 → 500 + 0.05·2500 = 625
    expect(agg.latency.p95).toBeCloseTo(625, 9)
    expect(agg.latency.max).toBe(3000)
    expect(agg.latency.censored).toBe(1)
    expect(agg.latency.p95Censored).toBe(true)
    expect(agg.timeouts).toBe(1)
    // A censored P95 that would pass is not trusted: the true value is ≥ the figure.
    expect(decide({ ...m, settings }, agg).criteria.find((c) => c.id === 'C2')?.status).toBe('inconclusive')
    // A latency recorded below the timeout for a timed-out attempt is raised to the timeout.
    const low = withAttempt(modelWith(ones(3, 100)), 0, { timedOut: true, latencyMs: 10 })
    expect(aggregate(low).latency.max).toBe(60_000)
  })

  // Its true value may be beyond the NO-GO threshold: it is never said to lie in the zone (docs/verdict-rules.md step 4).
  test('a censored P95 in the conditional zone is inconclusive (it may be worse), with the censoring said', () => {
    // Same shape, thresholds lowered: P95 = 625 ms lies between 600 and 700.
    const m = withAttempt(modelWith(ones(20, 500), {}, { timeoutMs: 3000, p95GoMs: 600, p95NoGoMs: 700, locale: 'en' }), 0, {
      timedOut: true,
      latencyMs: 3000,
      ok: false,
      httpStatus: null,
      failures: [failure('timed out')],
    })
    const v = run(m)
    expect(v.criteria.find((c) => c.id === 'C2')).toMatchObject({ status: 'inconclusive', outcome: 'censored_warn' })
    expect(v.decision).toBe('CONDITIONAL')
    expect(v.reasons.find((r) => r.startsWith('C2'))).toMatch(
      /beyond 600 ms, the true value may exceed the NO-GO threshold 700 ms.*censored by timeouts/,
    )
    expect(v.reasons.find((r) => r.startsWith('C2'))).not.toMatch(/between|conditional zone/)
    // Above the NO-GO threshold it fails, censored or not.
    const high = withAttempt(modelWith(ones(20, 500), {}, { timeoutMs: 3000, p95GoMs: 550, p95NoGoMs: 600 }), 0, {
      timedOut: true,
      latencyMs: 3000,
      ok: false,
      httpStatus: null,
      failures: [failure('timed out')],
    })
    expect(run(high).criteria.find((c) => c.id === 'C2')?.status).toBe('fail')
  })

  test('when C2 does not pass, the stages over their budget are named in its reason', () => {
    const slow = modelWith(ones(20, 4500), {}, { locale: 'en' })
    const m = {
      ...slow,
      questions: slow.questions.map((q) => ({ ...q, attempts: q.attempts.map((a) => ({ ...a, stages: { ...a.stages, search: 3900 } })) })),
    }
    const reason = run(m).reasons.find((r) => r.startsWith('C2'))
    expect(reason).toMatch(/Stage\(s\) over budget: search P95 3[ ,.]?900 ms > 500 ms/)
    expect(reason).not.toMatch(/intent_classification|response_generation/)
  })

  test('warm-ups never enter the statistics', () => {
    const m = modelWith(ones(15))
    m.questions[0] = { ...m.questions[0]!, warmups: [attempt({ warmup: true, latencyMs: 99_000, ok: false })] }
    const agg = aggregate(m)
    expect(agg.latency.max).toBe(1000)
    expect(agg.warmups).toBe(1)
    expect(agg.executed).toBe(15)
  })
})

describe('strict mode', () => {
  test('15/15 passes on the point estimate but fails on the Wilson bound (79.6 % < 95 %) → NO-GO, reason says strict', () => {
    const m = modelWith(ones(15))
    expect(run(m).decision).toBe('GO')
    const v = run({ ...m, settings: { ...m.settings, strict: true, locale: 'en' } })
    const c1 = v.criteria.find((c) => c.id === 'C1')
    expect(c1).toMatchObject({ status: 'fail', judgedOn: 'bound', samplesNeeded: 73 })
    expect(v.decision).toBe('NO-GO')
    expect(v.reasons.find((r) => r.startsWith('C1'))).toMatch(/lower bound \(79[.,]6 ?%/)
    expect(v.reasons.find((r) => r.startsWith('C1'))).toMatch(/strict mode/)
  })
  test('C2 strict: a P95 under the GO threshold whose upper bound lies between the thresholds → warn (CONDITIONAL)', () => {
    // 200 samples: 192 at 1000 ms, 8 at 4500 ms → P95 (type 7, 0-based rank 0.95·199 = 189.05) = 1000 ms ≤ 4000,
    // but the order-statistic upper bound for the P95 (rank ≈ 196) falls on a 4500 ms sample (between 4000 and 5000).
    const lat = [...Array.from({ length: 192 }, () => 1000), ...Array.from({ length: 8 }, () => 4500)]
    const m = {
      ...modelWith([]),
      questions: [
        question(
          'q01',
          lat.map((latencyMs) => attempt({ latencyMs })),
        ),
      ],
    }
    const loose = run(m)
    expect(
      loose.criteria.find((c) => c.id === 'C2'),
      JSON.stringify(loose.criteria.find((c) => c.id === 'C2')),
    ).toMatchObject({ status: 'pass' })
    const v = run({ ...m, settings: { ...m.settings, strict: true } })
    const c2 = v.criteria.find((c) => c.id === 'C2')
    expect(c2?.interval?.upper).toBe(4500)
    expect(c2?.status).toBe('warn')
  })
  test('C2 with n < 59 has no upper bound → undecidable → warn', () => {
    const m = modelWith(ones(15))
    const c2 = run({ ...m, settings: { ...m.settings, strict: true } }).criteria.find((c) => c.id === 'C2')
    expect(c2).toMatchObject({ status: 'warn', samplesNeeded: 59 })
    expect(c2?.interval?.upper).toBeNull()
  })
  test('enough clean samples pass strictly', () => {
    const m = {
      ...modelWith([]),
      questions: [
        question(
          'q01',
          Array.from({ length: 200 }, () => attempt({ latencyMs: 1000 })),
        ),
      ],
    }
    const v = run({ ...m, settings: { ...m.settings, strict: true } })
    expect(v.decision).toBe('GO')
    expect(v.criteria.find((c) => c.id === 'C2')?.interval).toMatchObject({ lower: 1000, upper: 1000 })
  })
  test('strict never turns a failing point estimate into a pass', () => {
    const m = withAttempt(modelWith(ones(15)), 0, { ok: false, failures: [failure('x')] })
    expect(run({ ...m, settings: { ...m.settings, strict: true } }).decision).toBe('NO-GO')
  })
})

describe('exit codes', () => {
  test('verdict codes', () => {
    expect(verdictExitCode('GO', false, false)).toBe(0)
    expect(verdictExitCode('CONDITIONAL', false, false)).toBe(0)
    expect(verdictExitCode('CONDITIONAL', false, true)).toBe(3)
    expect(verdictExitCode('NO-GO', false, false)).toBe(2)
    expect(verdictExitCode('GO', true, false)).toBe(1)
  })
  test('only the validation suite failed: the verdict decides (tolerated failures do not fail the process)', () => {
    expect(finalExitCode(0, 1, false)).toBe(0)
    expect(finalExitCode(2, 1, false)).toBe(2)
  })
  test('failures outside the suite keep ≥ 1; the verdict may only raise', () => {
    expect(finalExitCode(0, 1, true)).toBe(1)
    expect(finalExitCode(0, undefined, true)).toBe(1)
    expect(finalExitCode(2, 1, true)).toBe(2)
    expect(finalExitCode(3, 1, true)).toBe(3)
    expect(finalExitCode(0, 7, true)).toBe(7)
  })
  test("the code the process exits with is decided once: an exploratory run keeps Vitest's own, a release run the verdict's", () => {
    const exploratory = { scope: 'exploratory' as const }
    expect(exitCodeOf({ ...exploratory, runner: { exitCode: 1, outsideFailure: false } }, 2)).toBe(1)
    expect(exitCodeOf({ ...exploratory, runner: { exitCode: null, outsideFailure: false } }, 2)).toBe(0)
    expect(exitCodeOf({ ...exploratory, runner: { exitCode: null, outsideFailure: true } }, 0)).toBe(1)
    expect(exitCodeOf({ ...exploratory, configurationErrors: [reason('config.cli.retry', { retries: 1 })] }, 1)).toBe(1)
    expect(exitCodeOf({ ...exploratory, signal: 'SIGTERM', runner: { exitCode: 1, outsideFailure: false } }, 2)).toBe(143)
    expect(exitCodeOf({ scope: 'release', runner: { exitCode: 1, outsideFailure: false } }, 2)).toBe(2)
    expect(exitCodeOf({ scope: 'release', runner: { exitCode: 1, outsideFailure: true } }, 0)).toBe(1)
    expect(exitCodeOf({ runner: null }, 3)).toBe(3)
  })
})

describe('evidence in the reasons', () => {
  test('C3 names every question with a DATA_PRESENTATION answer and no visualization, KPI-only questions included', () => {
    let m = withAttempt(modelWith(ones(15), {}, { locale: 'en' }), 0, {
      visualizations: [],
      ok: false,
      failures: [failure('expected ≥ 3 KPI cards covering total, count, average; observed none')],
    })
    m = withAttempt(m, 4, { visualizations: [], ok: false, failures: [failure('expected a pie chart')] })
    const v = run(m)
    expect(v.decision).toBe('NO-GO')
    const c3 = v.reasons.find((r) => r.startsWith('C3'))
    expect(c3).toMatch(/2 of 15/)
    expect(c3).toContain('q01')
    expect(c3).toContain('q05')
  })

  test('a critical bug on a warm-up request counts in C4 (a cold-start crash is not hidden), outside the statistics', () => {
    const m = modelWith(ones(15))
    const warm = attempt({ warmup: true, ok: false, critical: 'http_5xx', httpStatus: 500, latencyMs: 99_999, failures: [failure('HTTP 500')] })
    const withWarm = { ...m, questions: m.questions.map((q, i) => (i === 2 ? { ...q, warmups: [warm] } : q)) }
    const agg = aggregate(withWarm)
    expect(agg.latency.n).toBe(15)
    expect(agg.latency.max).toBe(1000)
    expect(agg.success.rate).toBe(1)
    expect(agg.critical).toMatchObject({ count: 1, byKind: { http_5xx: 1 } })
    expect(agg.critical.items[0]).toMatchObject({ questionId: 'q03', warmup: true, httpStatus: 500 })
    const v = decide(withWarm, agg)
    expect(v.criteria.find((c) => c.id === 'C4')?.status).toBe('fail')
    expect(v.decision).toBe('NO-GO')
  })
})

describe('every question answered 404', () => {
  const notFound = { ok: false, httpStatus: 404, failures: [failure('HTTP 404')] }
  const all404 = (m: RunModel): RunModel => m.questions.reduce((acc, _q, i) => withAttempt(acc, i, notFound), m)

  test('the chat route of the configured contract is not found: said first, naming HARENA_API_CONTRACT (its values) and HARENA_BASE_URL', () => {
    const m = all404(modelWith(ones(4)))
    const v = decide(m, aggregate(m))
    expect(v.decision).toBe('NO-GO')
    expect(v.reasons[0]).toMatchObject({
      code: 'gate.route_not_found',
      params: { attempts: 4, contracts: ['harena-v2', 'harena-v2-charts', 'harena-v3'] },
    })
    expect(say(v.reasons[0]!, 'en')).toMatch(
      /^Chat route not found: all 4 executed attempt\(s\) were answered HTTP 404 — the chat route of contract .* Check HARENA_API_CONTRACT \(harena-v2 \| harena-v2-charts \| harena-v3\) and HARENA_BASE_URL/,
    )
    expect(say(v.reasons[0]!, 'fr')).toMatch(
      /^Route de chat introuvable : .* Vérifiez HARENA_API_CONTRACT \(harena-v2 \| harena-v2-charts \| harena-v3\) et HARENA_BASE_URL/,
    )
  })

  test('one answer that is not a 404: the route exists, nothing said about it', () => {
    const m = withAttempt(withAttempt(withAttempt(modelWith(ones(4)), 0, notFound), 1, notFound), 2, notFound)
    expect(decide(m, aggregate(m)).reasons.map((r) => r.code)).not.toContain('gate.route_not_found')
  })
})

// Review 2026-12-05: VALIDATION_STREAM=true and only the stream route answering 404 (the chat route works) read "the
// chat route of contract … does not exist, check HARENA_API_CONTRACT". A streamed run names its stream route.
describe('every streamed question answered 404', () => {
  const notFound = { ok: false, httpStatus: 404, failures: [failure('HTTP 404')] }
  const all404 = (m: RunModel): RunModel => m.questions.reduce((acc, _q, i) => withAttempt(acc, i, notFound), m)

  test('the stream route is named (its path) with VALIDATION_STREAM, not the contract (fr and en)', () => {
    const m = all404(modelWith(ones(4), {}, { stream: true }))
    const v = decide(m, aggregate(m))
    expect(v.decision).toBe('NO-GO')
    expect(v.reasons[0]).toMatchObject({
      code: 'gate.route_not_found',
      params: { attempts: 4, route: 'stream', path: 'api/v1/conversation/{user_id}/stream' },
    })
    const en = say(v.reasons[0]!, 'en')
    expect(en).toMatch(
      /^Stream route not found: all 4 executed attempt\(s\) were answered HTTP 404 on the stream route POST \/api\/v1\/conversation\/\{user_id\}\/stream at http:\/\/127\.0\.0\.1:8001, which VALIDATION_STREAM=true asks every question through\. Check that the service exposes its stream route, or run with VALIDATION_STREAM=false/,
    )
    expect(en).not.toMatch(/HARENA_API_CONTRACT|chat route of contract/)
    const fr = say(v.reasons[0]!, 'fr')
    expect(fr).toMatch(/^Route de réponse en flux introuvable : .* POST \/api\/v1\/conversation\/\{user_id\}\/stream .*VALIDATION_STREAM=false/)
    expect(fr).not.toMatch(/HARENA_API_CONTRACT/)
  })

  test('a buffered run keeps naming the chat route of the contract', () => {
    const m = all404(modelWith(ones(2), {}, { stream: false }))
    expect(decide(m, aggregate(m)).reasons[0]).toMatchObject({ code: 'gate.route_not_found', params: { route: 'chat', path: null } })
  })

  test('STREAM_ROUTES says what each adapter sends', () => {
    for (const c of CONTRACTS) expect(`${STREAM_ROUTES[c].replace('{user_id}', '7')}`, c).toBe(adapterFor(c).paths.stream(7))
  })
})

// The chat probes are sent on the route the questions used (docs/security-probes.md): on a streamed run, the stream
// route. When that route is the one not found, the reason names it as the questions' and the probes' route, and
// advises the stream route, not the contract (before, it said the probes tested the buffered chat route).
describe('chat probes not judged on a streamed run: their route is the stream route', () => {
  const missing = reason('security.route_not_found', { route: 'chat', ownMethod: 'POST', ownPath: 'api/v3/conversation/1/stream' })
  const probe = (id: string) => ({
    id,
    title: id,
    outcome: 'not_applicable' as const,
    httpStatus: 404,
    request: '',
    failures: [],
    notes: [missing],
    evidence: '',
  })

  test('the reason names the stream route the questions and the probes use (en and fr), no HARENA_API_CONTRACT', () => {
    const [said] = unjudgedProbes([probe('other_user_path'), probe('no_token')], true)
    expect(said?.params).toMatchObject({ cause: 'route_not_found', route: 'chat', streamed: true, path: 'api/v3/conversation/1/stream' })
    const en = say(said!, 'en')
    expect(en).toMatch(
      /^Security not judged: 2 probe\(s\) \(.*\) could not be judged — the stream route POST \/api\/v3\/conversation\/1\/stream, which the questions \(VALIDATION_STREAM=true\) and these probes use, answers HTTP 404/,
    )
    expect(en).not.toMatch(/buffered|HARENA_API_CONTRACT/)
    expect(say(said!, 'fr')).toMatch(/la route de réponse en flux POST \/api\/v3\/conversation\/1\/stream, par laquelle passent les questions/)
  })

  test('a buffered run keeps the contract advice', () => {
    const [said] = unjudgedProbes([probe('other_user_path')], false)
    expect(say(said!, 'en')).toMatch(/Check HARENA_API_CONTRACT and HARENA_BASE_URL\.$/)
  })
})
