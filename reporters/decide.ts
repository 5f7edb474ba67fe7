// decide(): the criteria table (data) + the metric table → one status per criterion, GO / CONDITIONAL / NO-GO,
// the reasons as data (core/reason.ts; sentences in core/locale/verdict.ts) and the exit code. Plain functions;
// no Vitest, no I/O, no prose. The rules are in docs/verdict-rules.md.
import '../core/locale/verdict.ts'
import '../core/locale/gate.ts'
import '../core/locale/auth.ts'
import '../core/locale/config.ts'
import type { Unit } from '../core/locale/format.ts'
import { hasPhrase } from '../core/locale/index.ts'
import { reason, type Reason } from '../core/reason.ts'
import { CONTRACTS, type ContractName, STREAM_ROUTES } from '../core/settings.ts'
import type { Aggregate, ProbeSummary } from './aggregate.ts'
import { buildCriteria, type Criterion } from './criteria.ts'
import { type Evaluation, evaluate, STATUS_RANK, type Outcome, type Status } from './evaluate.ts'
import type { Metric } from './metrics.ts'
import { attemptNumber, type AuthRefusal, expiriesOf, MAX_ITERATIONS, type RunModel } from '../core/model.ts'

export type { Status }
export type Decision = 'GO' | 'CONDITIONAL' | 'NO-GO'

export interface CriterionResult {
  id: string
  /** The criterion's name (core/locale/verdict.ts `criterion.<id>`, or the metric and threshold when it has none). */
  name: Reason
  /** The metric it read, and that metric's unit: renderers format every figure of this row by it. */
  metric: string
  unit: Unit
  /** Threshold expressions, k6 style ("p95_ms<=4000"); warn present for three-state criteria. */
  threshold: { pass: string; warn: string | null }
  /** The thresholds' values (pass, then warn): a figure written beside them is written against them (core/locale/format.ts fmtAgainst). */
  limits: number[]
  /** The metric's value (a 'bool' metric: 1 or 0). */
  observed: number | null
  /** The value is a lower bound (the true value is ≥). */
  censored: boolean
  /** 95 % interval of the observed value; null bounds = unknown. */
  interval: { lower: number | null; upper: number | null; upperAtLeast?: number; method: string } | null
  status: Status
  outcome: Outcome
  /** 'bound' when VALIDATION_STRICT judged the confidence bound. */
  judgedOn: 'point' | 'bound'
  /** Samples behind the observed value (the metric's n: planned attempts for the success rate, latencies for a percentile…). */
  n: number
  /**
   * Total samples, counted as `n` is, that would make this criterion conclusive (`n` itself when it already is); null
   * when not computable or not applicable.
   */
  samplesNeeded: number | null
  /** Caveats and sample-size notes about the figure, and how many more samples would settle it. */
  notes: Reason[]
  /** Why it does not pass (with its evidence as details); null when it passes. */
  reason: Reason | null
}

export interface Verdict {
  decision: Decision
  /** The cause first (unusable target, configuration error), then one reason per criterion that does not pass. */
  reasons: Reason[]
  criteria: CriterionResult[]
  complete: boolean
  /** The run could not validate the target (setup/preflight/collector/unhandled errors): exit 1. */
  harnessError: boolean
  /**
   * The code the process exits with, decided here once (exitCodeOf) and only written by every document:
   * docs/verdict-rules.md for a release run, Vitest's own for an exploratory one; 130/143 when a signal stopped
   * the run (what the shell sees, so the report says it too).
   */
  exitCode: number
  /** Observations no reason carries (e.g. a stage over budget while the latency criterion passes). */
  notes: Reason[]
}

function criterionName(row: Criterion): Reason {
  const code = `criterion.${row.id}`
  return hasPhrase(code) ? reason(code) : reason('criterion.unnamed', { metric: row.metric, pass: row.pass.source })
}

function criterionReason(row: Criterion, m: Metric, e: Evaluation): Reason | null {
  const { outcome, bound, boundAtLeast, samplesNeeded } = e
  if (outcome === 'pass' || outcome === 'excluded') return null
  const params = {
    criterion: row.id,
    metric: row.metric,
    unit: m.unit,
    value: m.value,
    // A lower bound (a timeout weighs in it): the sentence writes it "≥", as every table does.
    censored: m.censored,
    successes: m.successes ?? null,
    n: m.n,
    // Samples left out of n because they could not be read (evaluate.ts unreadable).
    ...(m.unread ? { unread: m.unread } : {}),
    op: row.pass.op,
    pass: row.pass.value,
    warn: row.warn?.value ?? null,
    bound,
    // No bound: its rank fell on a timed-out request, known only to be ≥ this (evaluate.ts).
    boundAtLeast,
    samplesNeeded,
  }
  const details = outcome === 'not_applicable' ? (m.notApplicable ? [m.notApplicable] : []) : [...m.caveats, ...m.evidence]
  const code = row.reasonCode && outcome !== 'no_value' && outcome !== 'not_applicable' ? row.reasonCode : `verdict.${outcome}`
  return { code, params, ...(details.length ? { details } : {}) }
}

function judgeRow(row: Criterion, metrics: Aggregate['metrics'], strict: boolean, questions: number): CriterionResult {
  const m = metrics[row.metric]
  if (!m) throw new Error(`criterion ${row.id} reads metric ${row.metric}, which the metric table does not hold`)
  const e = evaluate(row, m, strict)
  const notes = [...m.caveats, ...m.notes]
  // Needed and now in the metric's own unit (its n): the success rate counts planned attempts, executed or not, so a
  // run stopped after 3 of 15 with a conclusive 0/15 needs nothing more — compared with the 3 executed, it read
  // "≈ 15 would make it conclusive (now 3)".
  if (e.samplesNeeded !== null && e.samplesNeeded > m.n)
    // `reachable`: the most attempts VALIDATION_ITERATIONS can plan with these questions — the note's advice stops there.
    notes.push(reason('note.samples_needed', { criterion: row.id, needed: e.samplesNeeded, now: m.n, reachable: questions * MAX_ITERATIONS }))
  return {
    id: row.id,
    name: criterionName(row),
    metric: row.metric,
    unit: m.unit,
    threshold: { pass: row.pass.source, warn: row.warn?.source ?? null },
    limits: row.warn ? [row.pass.value, row.warn.value] : [row.pass.value],
    observed: m.value,
    censored: m.censored,
    interval: m.interval,
    n: m.n,
    status: e.status,
    outcome: e.outcome,
    judgedOn: e.judgedOn,
    samplesNeeded: e.samplesNeeded,
    notes,
    reason: criterionReason(row, m, e),
  }
}

/** The rate_limited criterion did not pass: a rate limiter refused requests, so the run measured the limit, not the release. */
export function rateLimitedResult(criteria: readonly CriterionResult[]): CriterionResult | undefined {
  return criteria.find((c) => c.metric === 'rate_limited' && c.status !== 'pass')
}

/** How much a criterion weighs in the decision: its status's rank; a criterion the question set excludes for this contract is shown, not weighed (0). */
function weightOf(r: Pick<CriterionResult, 'status' | 'outcome'>): number {
  return r.outcome === 'excluded' ? STATUS_RANK.pass : STATUS_RANK[r.status]
}

/**
 * The criterion caps the decision at CONDITIONAL (warn, inconclusive, or not applicable and weighed): what renderers
 * ask to say which criteria made a CONDITIONAL, rather than re-deriving it from the statuses.
 */
export function makesConditional(r: Pick<CriterionResult, 'status' | 'outcome'>): boolean {
  const w = weightOf(r)
  return w > STATUS_RANK.pass && w < STATUS_RANK.fail
}

/** The worst status decides: fail → NO-GO; warn, inconclusive or not applicable → CONDITIONAL; else GO. */
function decisionOf(results: CriterionResult[]): Decision {
  const worst = Math.max(0, ...results.map(weightOf))
  return worst >= STATUS_RANK.fail ? 'NO-GO' : worst > STATUS_RANK.pass ? 'CONDITIONAL' : 'GO'
}

export function decide(
  model: RunModel,
  agg: Aggregate,
  criteria: readonly Criterion[] = buildCriteria(model.settings, { rateLimited: agg.rateLimited > 0, baseline: Boolean(model.baseline) }),
): Verdict {
  const s = model.settings
  const results = criteria.map((row) => judgeRow(row, agg.metrics, s.strict, agg.questions))
  const complete = agg.metrics.complete.value === 1
  // The cause comes first when there is one: an unusable target or a configuration error explains every
  // criterion below it.
  const reasons: Reason[] = []
  // A run stopped by a signal is a partial report: that is what explains its failed criteria (a success rate of 0 of
  // the planned attempts, an incomplete run), so it is said first.
  if (model.signal === 'SIGINT' || model.signal === 'SIGTERM') reasons.push(reason('verdict.interrupted', { signal: model.signal }))
  // One shard of a merged run that could not use the target is named: the other shards asked their questions.
  if (model.preflightError?.code === 'shard.preflight') reasons.push(reason('verdict.shard_target_unusable', model.preflightError.params))
  else if (model.preflightError) reasons.push(reason('verdict.target_unusable', { ...model.preflightError.params, cause: model.preflightError.code }))
  if (model.stopReason) reasons.push(reason('gate.stopped', { ...model.stopReason.params, cause: model.stopReason.code }))
  // Every expiry: in a merged sharded run, each shard's stopped that shard's remaining attempts, with its own cause.
  for (const expired of expiriesOf(model.auth)) reasons.push(authReason('auth.expired', expired, { cause: expired.cause, detail: expired.detail }))
  // The rate_limited criterion explains the failed attempts below it: its cause leads, its advice is in its own reason.
  const limited = rateLimitedResult(results)
  if (limited)
    reasons.push(
      reason('gate.rate_limited', {
        count: agg.metrics.rate_limited?.value ?? 0,
        total: agg.metrics.rate_limited?.n ?? 0,
        notExecuted: agg.rateLimitedAttempts.count,
        unnamed: agg.rateLimitedAttempts.unnamed,
      }),
    )
  // Every question answered 404: the route the questions were asked on is not found at this target. Said as the
  // cause of the failed criteria below, with the settings to check (the login's 404 says the same of its own route).
  // `route`: the chat route of the configured contract, or — the run streamed (VALIDATION_STREAM=true) — its stream
  // route, named by `path`: then the contract is not in question (the probes, on the chat route, say whether it
  // exists), the service's stream route and VALIDATION_STREAM are.
  if (agg.executed > 0 && agg.notFound === agg.executed) {
    const streamed = model.settings.stream === true
    reasons.push(
      reason('gate.route_not_found', {
        attempts: agg.executed,
        route: streamed ? 'stream' : 'chat',
        path: streamed ? (STREAM_ROUTES[model.target.contract as ContractName] ?? null) : null,
        contract: model.target.contract,
        contracts: [...CONTRACTS],
        url: model.target.baseUrl,
      }),
    )
  }
  // The two v2 generations share routes: a wrong HARENA_API_CONTRACT between them is no 404 but failed charts and KPI
  // cards (review 2026-12-06). When a criterion failed and answers were drawn in the other one's format, say so first.
  if (agg.otherGeneration !== null && results.some((r) => r.status === 'fail'))
    reasons.push(
      reason('gate.other_generation', {
        attempts: agg.otherGeneration.attempts,
        executed: agg.executed,
        contract: model.target.contract,
        looksLike: agg.otherGeneration.looksLike,
      }),
    )
  // A configuration error is told by its field (core/configuration-error.ts), never by the wording of a sentence.
  for (const cause of model.configurationErrors ?? []) reasons.push(configurationReason(cause))
  for (const r of results) if (r.reason) reasons.push(r.reason)
  // A security probe that could not be judged passed nothing (docs/security-probes.md): the run is at best CONDITIONAL.
  const unjudged = unjudgedProbes(agg.security, s.stream === true)
  reasons.push(...unjudged)
  // Belt and braces: an empty or incomplete run is never GO, whatever the table says.
  const judged = !complete || agg.executed === 0 ? 'NO-GO' : decisionOf(results)
  // Never weakens a NO-GO: only a GO becomes CONDITIONAL.
  const decision: Decision = judged === 'GO' && unjudged.length > 0 ? 'CONDITIONAL' : judged
  const harnessError = model.harnessErrors.length > 0 || (model.configurationErrors?.length ?? 0) > 0
  const exitCode = exitCodeOf(model, verdictExitCode(decision, harnessError, s.failOnConditional))
  // What the metrics observed about a figure whose criterion passed is still worth a line; when the criterion did
  // not pass, its reason already says it.
  const unsaid = new Set(results.filter((r) => r.status !== 'pass').map((r) => r.metric))
  const notes = agg.observations.filter((o) => typeof o.params.metric !== 'string' || !unsaid.has(o.params.metric))
  return { decision, reasons, criteria: results, complete, harnessError, exitCode, notes }
}

/**
 * The security probes that could not be judged — their route not found at the target (`security.route_not_found`),
 * never probed, or not applicable for any other reason their note gives (`cause: not_judged`) — as reasons (`gate.probes_not_judged`, core/locale/gate.ts), one per route: the probes' ids, the
 * user's own request that answered 404 (`method`, `path`), and `streamed` when the run asked its questions on the
 * stream route and the missing route is that chat route (the chat probes are sent on it too). None passed: a run with
 * one is never GO (docs/verdict-rules.md).
 */
export function unjudgedProbes(probes: readonly ProbeSummary[], streamed: boolean): Reason[] {
  const groups = new Map<string, { probes: string[]; params: Record<string, string | boolean | null> }>()
  const add = (key: string, id: string, params: Record<string, string | boolean | null>) => {
    const group = groups.get(key) ?? { probes: [], params }
    group.probes.push(id)
    groups.set(key, group)
  }
  for (const p of probes) {
    if (p.outcome === 'not_probed') {
      add('not_probed', p.id, { cause: 'not_probed', route: null, method: null, path: null, streamed: false })
      continue
    }
    if (p.outcome !== 'not_applicable') continue
    const missing = p.notes.find((n) => n.code === 'security.route_not_found')
    if (missing === undefined) {
      // Any other reason the check did not happen (the user's own list unreadable for the turns probe, the token
      // refused before a hostile message reached its guard, no credentials, no conversation to probe…): not passed
      // either (review 2026-12-05: a 5xx on the user's own list left other_user_turns unjudged under a GO). A probe
      // refused by a rate limiter is the rate-limit criterion's (reporters/criteria.ts), which already keeps the run
      // from GO.
      // A forgery of a JWT when the credential is opaque (`not_jwt`) is no missing check: there is nothing of a JWT
      // to forge, and the invalid-token probe tests that such a credential is checked (docs/security-probes.md).
      if (!p.notes.some((n) => n.code === 'security.rate_limited' || (n.code === 'security.not_applicable' && n.params.why === 'not_jwt'))) {
        add('not_judged', p.id, { cause: 'not_judged', route: null, method: null, path: null, streamed: false })
      }
      continue
    }
    const route = typeof missing.params.route === 'string' ? missing.params.route : null
    const method = typeof missing.params.ownMethod === 'string' ? missing.params.ownMethod : null
    const path = typeof missing.params.ownPath === 'string' ? missing.params.ownPath : null
    add(`route ${route} ${method} ${path}`, p.id, { cause: 'route_not_found', route, method, path, streamed: streamed && route === 'chat' })
  }
  return [...groups.values()].map((g) => reason('gate.probes_not_judged', { ...g.params, probes: g.probes, count: g.probes.length }))
}

/**
 * A configuration error in the verdict's reasons: "configuration error: <the line>", the same sentence as the
 * terminal's (core/configuration-error.ts configurationErrorText); `cause` and its params (`variable`…) for tools.
 */
export function configurationReason(cause: Reason): Reason {
  return reason('verdict.configuration_error', { ...cause.params, cause: cause.code })
}

/**
 * A credentials event as a reason (core/locale/auth.ts): the attempt 1-based, as people count; `shard` ("2/3") only
 * in a merged sharded run, where the attempts counted are that shard's.
 */
export function authReason(code: 'auth.expired' | 'auth.relogin', e: AuthRefusal, extra: Record<string, string | null> = {}): Reason {
  return reason(code, {
    at: e.at,
    afterAttempts: e.afterAttempts,
    questionId: e.questionId,
    attempt: attemptNumber(e.attempt),
    warmup: e.warmup,
    ...(e.shard ? { shard: `${e.shard.index}/${e.shard.count}` } : {}),
    ...extra,
  })
}

/** docs/verdict-rules.md: GO 0 · CONDITIONAL 0 (3 with failOnConditional) · NO-GO 2 · harness/configuration error 1. */
/** The codes a release verdict exits with (README, exit codes); signals and exploratory runs: exitCodeOf. */
export const VERDICT_EXIT = { pass: 0, harnessError: 1, noGo: 2, conditionalFailsJob: 3 } as const

export function verdictExitCode(decision: Decision, harnessError: boolean, failOnConditional: boolean): 0 | 1 | 2 | 3 {
  if (harnessError) return VERDICT_EXIT.harnessError
  if (decision === 'NO-GO') return VERDICT_EXIT.noGo
  if (decision === 'CONDITIONAL') return failOnConditional ? VERDICT_EXIT.conditionalFailsJob : VERDICT_EXIT.pass
  return VERDICT_EXIT.pass
}

/** A CONDITIONAL that fails the job (VALIDATION_FAIL_ON_CONDITIONAL): CI must show it as a failure. */
export const conditionalFailsJob = (verdict: Pick<Verdict, 'decision' | 'exitCode'>): boolean =>
  verdict.decision === 'CONDITIONAL' && verdict.exitCode === VERDICT_EXIT.conditionalFailsJob

/**
 * The code the process exits with, the one source of it (the reporter sets `process.exitCode` to it; the terminal,
 * Markdown, HTML, JSON and junit.xml only write it):
 * - a signal: 130 (SIGINT) or 143 (SIGTERM);
 * - an exploratory run (-t, a file filter, a lone shard, a re-run) makes no release decision: Vitest's own code
 *   (1 when a test failed, else 0), 1 for a configuration error (the run stopped before asking);
 * - a release run: the verdict's code (docs/verdict-rules.md), raised by failures outside the suite (finalExitCode).
 */
export function exitCodeOf(model: Pick<RunModel, 'signal' | 'scope' | 'runner' | 'configurationErrors'>, verdictCode: number): number {
  if (model.signal === 'SIGINT') return 130
  if (model.signal === 'SIGTERM') return 143
  const runner = model.runner ?? null
  if (model.scope === 'exploratory') {
    if ((model.configurationErrors?.length ?? 0) > 0) return 1
    const vitest = runner?.exitCode ?? 0
    return runner?.outsideFailure === true && vitest === 0 ? 1 : vitest
  }
  return runner === null ? verdictCode : finalExitCode(verdictCode, runner.exitCode ?? undefined, runner.outsideFailure)
}

/**
 * The process exit code once the verdict is known. Failures Vitest found OUTSIDE the validation suite (other
 * projects' failed tests, unhandled errors) keep the code ≥ 1 and the verdict may only raise it. Otherwise the
 * verdict decides alone: validation-test failures the verdict tolerates do not fail the process.
 */
export function finalExitCode(verdictCode: number, current: number | undefined, outsideFailure: boolean): number {
  if (outsideFailure) return Math.max(current && current > 0 ? current : 1, verdictCode)
  return verdictCode
}
