// validation-report.json and samples.ndjson: the machine-readable outputs (docs/report-contract.md). Every reason
// keeps its code and parameters beside its sentence, so a machine never has to parse prose.
import { looserLine, looserThresholds } from './looser.ts'
import '../core/locale/report.ts'
import '../core/locale/verdict.ts'
import '../core/locale/checks.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { Reason } from '../core/reason.ts'
import '../core/locale/gate.ts'
import '../core/locale/health.ts'
import type { Aggregate, LatencyStats } from './aggregate.ts'
import { rateLimitedResult, type Verdict } from './decide.ts'
import { exploratoryLine, harnessLines } from './render-gate.ts'
import {
  type AttemptRecord,
  attemptNumber,
  type AuthRefusal,
  type QuestionRecord,
  questionExpectations,
  type RunAuth,
  type RunModel,
} from '../core/model.ts'
import { PERCENTILE_METHOD, type PercentileSet } from '../core/percentile.ts'
import type { ReportReason, ValidationReport } from './report-schema.ts'
import { JsonRows, type MadeRows, recordsJoined } from './json-chunks.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import { type EvidencePlan, evidencePlan } from './evidence.ts'
import type { Fragments } from '../core/fragments.ts'

import { attemptJson, FAILURE_LOCALE, round, sampleJson } from '../core/attempt-json.ts'

type ReportAttempt = ValidationReport['questions'][number]['attempts'][number]

export { FAILURE_LOCALE }

/** A criterion's or metric's interval as the JSON keeps it: full precision, upperAtLeast only when its bound fell on a timeout. */
function intervalJson(iv: NonNullable<Verdict['criteria'][number]['interval']>): {
  lower: number | null
  upper: number | null
  upperAtLeast?: number
  method: string
} {
  return { lower: iv.lower, upper: iv.upper, ...(iv.upperAtLeast !== undefined ? { upperAtLeast: iv.upperAtLeast } : {}), method: iv.method }
}

/** A reason as the report carries it: code, parameters, the sentence in the report's language, its details. */
export function reasonJson(r: Reason, locale: Locale): ReportReason {
  return {
    code: r.code,
    // Parameters are plain JSON values (core/reason.ts); the copy drops the readonly view of their arrays.
    params: structuredClone(r.params) as ReportReason['params'],
    text: say(r, locale),
    ...(r.details?.length ? { details: r.details.map((d) => reasonJson(d, locale)) } : {}),
  }
}

/** The decision in one line, as every output says it (an embedded run says it did not validate a release). */
export function verdictLine(model: RunModel, verdict: Verdict): string {
  const L = model.settings.locale
  if (model.scope === 'exploratory') return exploratoryLine(model)
  const limited = rateLimitedResult(verdict.criteria)
    ? ` — ${say({ code: 'gate.verdict.rate_limited', params: { incomplete: !verdict.complete } }, L)}`
    : ''
  const looser = looserLine(model)
  return `${verdict.decision}${limited}${model.target.embedded ? ` — ${say({ code: 'gate.reference_only', params: {} }, L)}` : ''}${looser ? ` — ${say(looser, L)}` : ''}`
}

/** run.auth as the report writes it: each refusal's attempt by its number (1-based), as every output shows it. */
function authJson(auth: RunAuth | null | undefined): ValidationReport['run']['auth'] {
  if (!auth) return null
  const numbered = <R extends AuthRefusal>(r: R): R => ({ ...r, attempt: attemptNumber(r.attempt) })
  return {
    relogins: auth.relogins.map(numbered),
    expired: auth.expired ? numbered(auth.expired) : null,
    ...(auth.expiries ? { expiries: auth.expiries.map(numbered) } : {}),
  }
}

type ReportQuestion = ValidationReport['questions'][number]
/** The report with each question's attempts as `A` (an array, or rows made while they are written). */
type ReportWith<A> = Omit<ValidationReport, 'questions'> & { questions: Array<Omit<ReportQuestion, 'attempts'> & { attempts: A }> }

/**
 * validation-report.json as a value, every attempt of every question built. `plan`: the run's evidence files
 * (reporters/evidence.ts), when the caller has it already (pipeline.ts computes it once for every document).
 */
export function buildReport(
  model: RunModel,
  agg: Aggregate,
  verdict: Verdict,
  generatedAt: string,
  plan: EvidencePlan = evidencePlan(model),
): ValidationReport {
  return reportWith(model, agg, verdict, generatedAt, plan, (measured, evidenceOf) =>
    measured.map((a) => attemptJson(a, FAILURE_LOCALE, evidenceOf(a))),
  )
}

/**
 * The same report as the writer streams it (json-chunks.ts): each attempt is built while it is written and
 * dropped at once, never all of them first. Same bytes as buildReport's value written by prettyJsonChunks.
 */
export function reportForWriting(
  model: RunModel,
  agg: Aggregate,
  verdict: Verdict,
  generatedAt: string,
  plan: EvidencePlan = evidencePlan(model),
  /** The rows the workers serialized at the source (core/fragments.ts), used where they match the model. */
  fragments?: Fragments,
): ReportWith<JsonRows<ReportAttempt>> {
  const withEvidence = new Set(plan.files.map((f) => f.question))
  return reportWith(
    model,
    agg,
    verdict,
    generatedAt,
    plan,
    (measured, evidenceOf, q) =>
      new JsonRows(
        measured.length,
        function* () {
          for (const a of measured) yield attemptJson(a, FAILURE_LOCALE, evidenceOf(a))
        },
        // attemptJson makes every record with `index` first.
        'index',
        fragments ? () => madeRows(fragments, q, measured, evidenceOf, withEvidence.has(q)) : undefined,
      ),
  )
}

/**
 * A fragment's rows (core/fragments.ts) as the JSON writes them: its bytes as they are when the worker joined
 * them as this writer does; a question with evidence files gets each failed attempt's file named in its row (the
 * reporter plans them, not the worker).
 */
function madeRows(
  fragments: Fragments,
  q: QuestionRecord,
  measured: readonly AttemptRecord[],
  evidenceOf: (a: AttemptRecord) => string | undefined,
  withEvidence: boolean,
): MadeRows | null {
  const rows = fragments.rowsOf(q)
  if (rows === null || rows.count !== measured.length) return null
  return {
    count: rows.count,
    joined(sep) {
      if (rows.sep !== sep) return null
      const text = withEvidence ? withEvidenceFiles(rows.bytes, sep, measured, evidenceOf) : rows.bytes
      if (text !== null) fragments.rowsCopied()
      return text
    },
  }
}

/** The rows with each evidence file's attempt made again, with its file: only those rows are cut out and replaced. */
function withEvidenceFiles(
  bytes: Uint8Array,
  sep: string,
  measured: readonly AttemptRecord[],
  evidenceOf: (a: AttemptRecord) => string | undefined,
): Uint8Array | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // A compact JSON record holds no raw line break, so the separator is found only between two records.
  const cut = Buffer.from(sep, 'utf8')
  const parts: Uint8Array[] = []
  let row = 0
  let start = 0 // where row `row` starts
  let copied = 0
  for (let i = 0; i < measured.length; i++) {
    const a = measured[i] as AttemptRecord
    const file = evidenceOf(a)
    if (file === undefined) continue
    for (; row < i; row++) {
      const at = text.indexOf(cut, start)
      if (at < 0) return null
      start = at + cut.length
    }
    const next = text.indexOf(cut, start)
    parts.push(text.subarray(copied, start), Buffer.from(JSON.stringify(attemptJson(a, FAILURE_LOCALE, file)), 'utf8'))
    copied = next < 0 ? text.length : next
  }
  parts.push(text.subarray(copied))
  return Buffer.concat(parts)
}

function reportWith<A>(
  model: RunModel,
  agg: Aggregate,
  verdict: Verdict,
  generatedAt: string,
  plan: EvidencePlan,
  /** The question's measured attempts, and the evidence file of each (reporters/evidence.ts), if any. */
  attemptsOf: (measured: AttemptRecord[], evidenceOf: (a: AttemptRecord) => string | undefined, q: QuestionRecord) => A,
): ReportWith<A> {
  const s = model.settings
  const lat = agg.latency
  // Each percentile with its censoring (aggregate.ts LatencyStats): the "≥" every document writes, as data.
  const pct = (p: PercentileSet & { p50Censored: boolean; p95Censored: boolean; p99Censored: boolean }) => ({
    p50: round(p.p50),
    p95: round(p.p95),
    p99: round(p.p99),
    p50Censored: p.p50Censored,
    p95Censored: p.p95Censored,
    p99Censored: p.p99Censored,
  })
  // The mean and the max with theirs: a timeout in the series makes both lower bounds, "≥" in every document.
  const spread = (p: Pick<LatencyStats, 'mean' | 'max' | 'meanCensored' | 'maxCensored'>) => ({
    mean: round(p.mean),
    max: round(p.max),
    meanCensored: p.meanCensored,
    maxCensored: p.maxCensored,
  })
  const byId = new Map(agg.perQuestion.map((q) => [q.id, q]))
  // Where each failed attempt's evidence file is (the Markdown links the same files: reporters/evidence.ts).
  const evidence = new Map(plan.files.map((f) => [f.attempt, f.path]))
  return {
    schemaVersion: 3,
    generatedAt,
    locale: s.locale,
    decision: model.scope === 'exploratory' ? null : verdict.decision,
    verdictLine: verdictLine(model, verdict),
    looserThresholds: looserThresholds(model),
    exitCode: verdict.exitCode,
    reasons: verdict.reasons.map((r) => say(r, s.locale)),
    reasonCodes: verdict.reasons.map((r) => reasonJson(r, s.locale)),
    target: {
      baseUrl: safeBaseUrl(model.target.baseUrl),
      contract: model.target.contract,
      embedded: model.target.embedded,
      version: model.target.version ?? null,
    },
    health: model.health ? { ...model.health, findings: model.health.findings.map((f) => reasonJson(f, s.locale)) } : null,
    run: {
      iterations: s.iterations,
      warmup: s.warmup,
      concurrency: s.concurrency,
      timeoutMs: s.timeoutMs,
      strict: s.strict,
      // What else a latency and a success rate depend on: a baseline comparison refuses a run that differs (docs/baseline.md).
      stream: s.stream,
      maxRps: s.maxRps,
      userId: s.userId,
      startedAt: model.startedAt,
      durationMs: Math.max(0, Math.round(model.durationMs)),
      complete: verdict.complete,
      interrupted: model.interrupted,
      // Sentences in the report's language (the codes are in reasonCodes and criteria[].reason.details).
      harnessErrors: harnessLines(model),
      preflightError: model.preflightError ? say(model.preflightError, s.locale) : null,
      runId: model.runId ?? null,
      state: model.interrupted ? 'interrupted' : 'finished',
      scope: model.scope ?? 'release',
      auth: authJson(model.auth),
      shards: model.shards ?? null,
    },
    criteria: verdict.criteria.map((c) => ({
      id: c.id,
      name: say(c.name, s.locale),
      metric: c.metric,
      unit: c.unit,
      threshold: c.threshold,
      // A 'bool' metric is reported as a boolean (schemaVersion 1 did so for the run-complete criterion).
      // The judged figures at full precision: a consumer re-checking observed against the threshold (or, strict, the
      // bound) must find what status says — 1/3 rounded to 0.333333 would fail success_rate>=0.3333333.
      observed: c.observed === null ? null : c.unit === 'bool' ? c.observed === 1 : c.observed,
      censored: c.censored,
      interval: c.interval ? intervalJson(c.interval) : null,
      status: c.status,
      outcome: c.outcome,
      judgedOn: c.judgedOn,
      samplesNeeded: c.samplesNeeded,
      note: c.notes.length ? c.notes.map((n) => say(n, s.locale)).join(' ') : null,
      notes: c.notes.map((n) => reasonJson(n, s.locale)),
      reason: c.reason ? reasonJson(c.reason, s.locale) : null,
    })),
    metrics: Object.fromEntries(
      Object.entries(agg.metrics).map(([name, m]) => [
        name,
        {
          value: m.value,
          interval: m.interval ? intervalJson(m.interval) : null,
          unit: m.unit,
          n: m.n,
          censored: m.censored,
          applicable: m.notApplicable === undefined,
        },
      ]),
    ),
    notes: verdict.notes.map((n) => reasonJson(n, s.locale)),
    summary: {
      questions: agg.questions,
      plannedAttempts: agg.planned,
      attempts: agg.executed,
      warmups: agg.warmups,
      successRate: round(agg.success.rate, 6),
      successInterval: { lower: round(agg.success.interval.lower, 6), upper: round(agg.success.interval.upper, 6) },
      visualizationCoverage: round(agg.vizCoverage.rate, 6),
      // The coverage's denominator under its historic name (schemaVersion 3 readers), and under the name that says
      // what it counts: DATA_PRESENTATION answers a visualization is expected of (the set, or the generation's rule).
      dataPresentationAttempts: agg.vizCoverage.n,
      visualizationExpectedAttempts: agg.vizCoverage.n,
      // Those a visualization was expected of whose body broke the contract: outside the ratio, among the critical bugs.
      visualizationUnreadableAttempts: agg.vizApplicability.unreadable.attempts,
      criticalBugs: agg.critical.count,
      criticalByKind: { ...agg.critical.byKind },
      timeouts: agg.timeouts,
      flakyQuestions: agg.flaky,
      notExecutedQuestions: agg.notExecuted,
      latencyMs: {
        ...pct(lat),
        ...spread(lat),
        n: lat.n,
        method: PERCENTILE_METHOD,
        censored: lat.censored,
        p95Interval: {
          lower: round(lat.p95Interval.lower),
          upper: round(lat.p95Interval.upper),
          ...(lat.p95Interval.upperAtLeast !== null ? { upperAtLeast: round(lat.p95Interval.upperAtLeast) as number } : {}),
        },
      },
      ttfbMs: { ...pct(agg.ttfb), n: agg.ttfb.n },
    },
    stages: Object.fromEntries(
      Object.entries(agg.stages).map(([name, st]) => [
        name,
        {
          ...pct(st),
          ...spread(st),
          n: st.n,
          of: st.of,
          timedOut: st.timedOut,
          weak: st.weak,
          budgetMs: st.budgetMs,
          reported: st.reported,
          status: st.status,
        },
      ]),
    ),
    stageFigures: { ...agg.stageFigures, dropped: agg.stageFigures.dropped.map((d) => ({ ...d })) },
    categories: agg.categories.map((c) => ({
      id: c.id,
      questions: c.questions,
      plannedAttempts: c.planned,
      successRate: round(c.success.rate, 6),
      successInterval: { lower: round(c.success.interval.lower, 6), upper: round(c.success.interval.upper, 6) },
      latencyMs: { ...pct(c.latency), ...spread(c.latency), n: c.latency.n },
    })),
    ...(agg.comparison ? { comparison: agg.comparison } : {}),
    intentConfusion: agg.confusion,
    criticalBugs: agg.critical.items.map((i) => ({ ...i })),
    criticalBugsByQuestion: agg.critical.byQuestion.map((q) => ({ ...q })),
    security: agg.security.map((p) => ({
      id: p.id,
      title: p.title,
      ok: p.outcome === 'refused' ? true : p.outcome === 'not_applicable' ? null : false,
      httpStatus: p.httpStatus,
      request: p.request,
      failures: p.failures.map((f) => say(f, FAILURE_LOCALE)),
      failureCodes: p.failures.map((f) => f.code),
      notes: p.notes.map((n) => say(n, FAILURE_LOCALE)),
      noteCodes: p.notes.map((n) => n.code),
      evidence: p.evidence,
    })),
    questions: model.questions
      .filter((q) => q.probe !== true)
      .map((q) => {
        const sum = byId.get(q.id)
        return {
          id: q.id,
          category: q.category,
          message: q.message,
          expectedIntent: q.expectedIntent,
          expectsData: q.expectsData,
          // What else it expected (a baseline comparison tells a changed expectation from a regression); absent: not recorded.
          ...questionExpectations(q),
          subtypeObservable: q.subtypeObservable,
          notObservable: sum?.notObservable ?? q.notObservable ?? [],
          plannedAttempts: sum?.planned ?? q.plannedAttempts,
          passRate: round(sum?.passRate ?? null, 6),
          success: sum?.success ?? false,
          flaky: sum?.flaky ?? false,
          attempts: attemptsOf(
            q.attempts.filter((a) => !a.warmup),
            (a) => evidence.get(a),
            q,
          ),
        }
      }),
  }
}

const SAMPLE_LINES_PER_CHUNK = 256

/**
 * samples.ndjson in chunks of whole lines: one line per request, each saying what it is (`kind`: attempt, warmup,
 * probe; docs/report-contract.md). A few hundred lines per chunk, not one: at 1,000,000 requests a chunk per line cost
 * a generator step and an encoder call each.
 */
export function* sampleLines(model: RunModel, fragments?: Fragments): Generator<string | Uint8Array> {
  let batch: Record<string, unknown>[] = []
  for (const q of model.questions) {
    // Serialized by the worker that asked it (core/fragments.ts), when its fragment matches.
    const made = fragments?.samplesOf(q) ?? null
    if (made !== null) {
      if (batch.length > 0) yield `${recordsJoined(batch, 'questionId', '\n')}\n`
      batch = []
      yield made
      continue
    }
    for (const list of [q.warmups, q.attempts])
      for (const a of list) {
        batch.push(sampleJson(q.id, q.category, a, q.probe === true))
        if (batch.length === SAMPLE_LINES_PER_CHUNK) {
          // sampleJson makes every line with `questionId` first.
          yield `${recordsJoined(batch, 'questionId', '\n')}\n`
          batch = []
        }
      }
  }
  if (batch.length > 0) yield `${recordsJoined(batch, 'questionId', '\n')}\n`
}

/** samples.ndjson as one string. */
export function renderSamples(model: RunModel, fragments?: Fragments): string {
  return [...sampleLines(model, fragments)].map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('')
}
