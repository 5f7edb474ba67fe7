// aggregate(): RunModel → every figure the verdict and the documents need. Plain data in, plain data out.
// Latency statistics use ALL measured attempts (failures included; a timeout enters censored at the timeout);
// warm-ups never count. Rates are over PLANNED attempts: an attempt that never ran is a failed attempt (success_rate).
// Built to take 10⁶ attempts: one pass to fill typed arrays, one numeric sort per series.
import '../core/locale/performance.ts'
import { abandonedLoadObservation, lightLoadObservation } from './applied-load.ts'
import { type StreamFigures, streamFigures } from './stream-stats.ts'
import { reason, type Reason } from '../core/reason.ts'
import { type Locale, say } from '../core/locale/index.ts'
import '../core/locale/checks.ts'
import '../core/locale/report.ts'
import '../core/locale/grounding.ts'
import { quantileBounds, wilson, type Interval, type QuantileBounds } from './intervals.ts'
import { WEAK_SUPPORT, type PercentileSet } from '../core/percentile.ts'
import { type LatencyStats, Series } from './series.ts'
import { type StageFigures, type StageOverBudget, type StageStats, StageTally, stageObservations, stagesOverBudget } from './stage-stats.ts'
import { wireCannotCarry } from '../core/observes.ts'

export type { LatencyStats } from './series.ts'
export type { StageFigures, StageStats, StageStatus } from './stage-stats.ts'
import { type AttemptRecord, attemptNumber, type CriticalKind, type QuestionRecord, type RunModel, type StageName } from '../core/model.ts'
import { type Comparison, compareRuns, snapshotOf } from './compare.ts'
import { measuredLatency, notMeasured, RATE_LIMITED_FAILURE } from '../core/measured.ts'
import { buildMetrics, type Metric, type MetricName } from './metrics.ts'
import { authReason } from './decide.ts'
import '../core/locale/auth.ts'
import '../core/locale/health.ts'

export interface RateStat {
  successes: number
  n: number
  rate: number | null
  interval: Interval
}

/** One question's (or security probe's) critical bugs, warm-ups included, counted over all its attempts. */
export interface CriticalByQuestion {
  questionId: string
  count: number
}

export interface CriticalItem {
  questionId: string
  /** The attempt's (or warm-up's) number, 1-based as every output shows it (core/model.ts attemptNumber). */
  attempt: number
  kind: CriticalKind
  httpStatus: number | null
  evidence: string
  /** Seen on a warm-up request: not in the statistics, but a crash is a bug whenever it happens. */
  warmup?: boolean
}

export interface QuestionSummary {
  id: string
  category: string
  message: string
  expectedIntent: string | null
  planned: number
  executed: number
  passed: number
  /** passed / planned; null when nothing was planned. */
  passRate: number | null
  /** All planned attempts executed and passed. */
  success: boolean
  /**
   * What a test report says of the question: `not_executed` when attempts are missing and none that ran failed (a
   * cut-short run: junit's "skipped"), `failed` when one failed, else `passed`. Decided once (renderers only read it).
   */
  outcome: 'passed' | 'failed' | 'not_executed'
  /** Some but not all executed attempts passed. */
  flaky: boolean
  latency: LatencyStats
  vizCount: { min: number; max: number } | null
  /**
   * Observed intent labels, most frequent first (fallback and "no answer" as their own classes): at most
   * MAX_INTENTS_PER_QUESTION, the rest in otherIntents — a target that names a new intent on every answer (a
   * free-text classifier) must not grow a report by a label per attempt.
   */
  observedIntents: Array<{ label: string; count: number }>
  /** The labels left out of observedIntents: how many distinct labels, how many attempts; null when none was. */
  otherIntents: { labels: number; count: number } | null
  /** Every executed attempt showed the expected intent (at group level when the subtype is not observable). */
  intentAsExpected: boolean
  /** Distinct failure reasons, most frequent first. */
  failures: Array<{ reason: string; count: number }>
  timeouts: number
  critical: number
  /** Some DATA_PRESENTATION attempt of this question came without any visualization (viz_coverage). */
  dataWithoutViz: boolean
  subtypeObservable: boolean
  /**
   * Its slowest attempt exceeds the end-to-end P95 objective (an anomaly worth naming, not a criterion). maxCensored:
   * a timeout is that max (or may exceed it) — the figure is a lower bound, written "≥" as in the question table.
   */
  excessiveLatency: { maxMs: number; maxCensored: boolean; goalMs: number } | null
  /** How far its answers' figures could be checked: attempts per grounding status (docs/grounding.md). */
  grounding: { grounded: number; contradicted: number; notCheckable: number }
  /** What was said without failing (not checkable, not observable, measured), in the report's locale, most frequent first. */
  notes: Array<{ note: string; count: number }>
  /** Expectations its contract's wire cannot carry ("not observable on <contract>"). */
  notObservable: string[]
}

/** How a security probe ended (docs/security-probes.md); decided here once, every document shows it. */
export type ProbeOutcome = 'refused' | 'failed' | 'not_applicable' | 'not_probed'

export interface ProbeSummary {
  id: string
  title: string
  outcome: ProbeOutcome
  httpStatus: number | null
  request: string
  /** Why it failed (a never-run probe says so). */
  failures: Reason[]
  /** Why it was not applicable. */
  notes: Reason[]
  evidence: string
}

/**
 * Notes a refused probe may carry and stay refused (tests/support/security/probes.ts): a 401 where the contract
 * gives another status is a refusal, noted for its status. Any other note says why the probe was not applicable.
 */
const NOTES_ON_A_REFUSAL: ReadonlySet<string> = new Set(['security.refused_401', 'security.forged_refused_note'])

/** refused: the guard held; failed: a critical bug; not_applicable: said, not passed; not_probed: it never ran. */
export function probeOutcome(a: AttemptRecord | undefined): ProbeOutcome {
  if (a === undefined) return 'not_probed'
  if (a.critical !== null || !a.ok) return 'failed'
  return (a.notes ?? []).some((n) => !NOTES_ON_A_REFUSAL.has(n.code)) ? 'not_applicable' : 'refused'
}

/**
 * The request a failed probe sent, in English as validation-report.json keeps it beside its English failures (the
 * evidence shows it in the run's language): from its failure's params (core/locale/grounding.ts `security.request`).
 */
function englishRequest(a: AttemptRecord | undefined): string {
  const params = a?.failures[0]?.params
  return params !== undefined && typeof params.method === 'string' ? say(reason('security.request', params), 'en') : (a?.evidence?.error ?? '')
}

function probeSummary(q: QuestionRecord): ProbeSummary {
  const a = q.attempts[0]
  const outcome = probeOutcome(a)
  return {
    id: q.id.replace(/^security\./, ''),
    title: q.message,
    outcome,
    httpStatus: a?.httpStatus ?? null,
    request: englishRequest(a),
    failures: outcome === 'not_probed' ? [reason('probe.not_probed')] : [...(a?.failures ?? [])],
    notes: [...(a?.notes ?? [])],
    evidence: a?.evidence?.bodyHead ?? '',
  }
}

export interface CategorySummary {
  id: string
  questions: number
  planned: number
  success: RateStat
  latency: LatencyStats
}

export const FALLBACK_CLASS = 'fallback'
export const NO_ANSWER_CLASS = 'no answer'
export const NO_EXPECTATION_CLASS = '(none)'

export interface ConfusionTable {
  expected: string[]
  observed: string[]
  /** counts[i][j] = attempts expected expected[i] observed observed[j]. */
  counts: number[][]
  /**
   * misses[i][j]: that cell holds attempts that did not show their question's expected intent (a row that expects
   * one, a column of another label — fallback and no answer included). Decided here, once, so every document marks
   * the same cells (the HTML once judged a group-level label a hit the summaries called a miss).
   */
  misses: boolean[][]
  /** Some question's intent subtype could not be observed on the wire: compared at group level. */
  subtypeNotObservable: boolean
  /**
   * The observed labels left out of `observed` (MAX_CONFUSION_COLUMNS): how many distinct labels, and per expected
   * row how many attempts showed one of them; null when every label has its column.
   */
  other: { labels: number; counts: number[]; misses: boolean[] } | null
}

/** Observed labels a question's summary names; the rest are counted together (QuestionSummary.otherIntents). */
export const MAX_INTENTS_PER_QUESTION = 5
/**
 * Observed labels the confusion table gives a column besides the expected ones (always kept: the diagonal stays
 * readable) and the fallback / no-answer classes: the most frequent, the rest in one "other" column.
 */
export const MAX_CONFUSION_COLUMNS = 12

export interface Aggregate {
  questions: number
  planned: number
  executed: number
  /**
   * Executed measured attempts the target answered HTTP 404. All of them: the chat route of the configured contract
   * is not found there (HARENA_API_CONTRACT or HARENA_BASE_URL is wrong) — the verdict says so (decide.ts).
   */
  notFound: number
  /** Executed attempts whose charts are in another v2 generation's format (tests/support/generation-hint.ts), and which. */
  otherGeneration: { attempts: number; looksLike: string } | null
  warmups: number
  success: RateStat
  latency: LatencyStats & {
    /** Measured attempts that timed out (their latency is censored at the timeout). */
    censored: number
    /** Too few samples for the percentile to mean much (docs/verdict-rules.md: P95 < 20, P99 < 100). */
    weak: { p95: boolean; p99: boolean }
    /** Its upper bound is null, upperAtLeast set, when its rank falls on a timeout (reporters/intervals.ts quantileBounds). */
    p95Interval: QuantileBounds
  }
  /**
   * The latencies `latency` counts (core/measured.ts: timeouts at the timeout), ascending: the HTML report's
   * distribution chart draws exactly this population, without a walk and a sort of its own over every attempt.
   */
  latencySorted: Float64Array
  /**
   * Time to the first response bytes. An attempt that timed out before any byte enters at the timeout (censored: the
   * truth is ≥), as its latency does, never dropped (a TTFB P95 over the answers that came would look better the more
   * of them never came); a transport error without a response has no TTFB.
   */
  ttfb: PercentileSet & { n: number; censored: number; p50Censored: boolean; p95Censored: boolean; p99Censored: boolean }
  stages: Record<StageName, StageStats>
  /** Stages whose P95 exceeds the plan's budget, in pipeline order, with the support behind each (reporters/stage-stats.ts). */
  stagesOverBudget: StageOverBudget[]
  /** Which measured attempts the stage figures come from, and what the answers said that they do not use. */
  stageFigures: StageFigures
  categories: CategorySummary[]
  vizCoverage: RateStat
  /**
   * Why the viz_coverage criterion may not judge: questions whose wire cannot carry visualizations, or that the
   * question set exempts; and the answers a visualization was expected of whose body broke the contract (`unreadable`:
   * left out of vizCoverage, counted once among the critical bugs; docs/verdict-rules.md).
   */
  vizApplicability: {
    notObservable: string[]
    notObservableAttempts: number
    notExpected: string[]
    unreadable: { attempts: number; questions: string[] }
  }
  /** Requests a rate limiter refused: question attempts and security probes (excluded from every statistic). */
  rateLimited: number
  /**
   * Question attempts a rate limiter refused: planned but not executed (docs/verdict-rules.md) — they measured
   * nothing of the release, so the run is incomplete and the success rate counts them over the planned attempts.
   * unnamed: those only a short Retry-After marked — a limiter or the service unavailable (tests/support/rate-limit.ts).
   */
  rateLimitedAttempts: { count: number; questions: string[]; unnamed: number }
  /** Stream figures (VALIDATION_STREAM=true), null when no attempt streamed. */
  stream: StreamFigures | null
  /**
   * items: the first MAX_CRITICAL_ITEMS critical bugs with their evidence; byQuestion: every question (or security
   * probe) with at least one critical bug and its count, warm-ups included, in plan order — counted over all
   * attempts, never over the capped items (the critical_bugs evidence and the JSON's criticalBugsByQuestion read it).
   */
  critical: { count: number; byKind: Record<CriticalKind, number>; items: CriticalItem[]; byQuestion: CriticalByQuestion[] }
  timeouts: number
  perQuestion: QuestionSummary[]
  flaky: string[]
  /**
   * Measured answers much faster than the first ask (the warm-up) of the same questions: the target may serve
   * repeats from a cache (the real service has Redis), so the latency figures may be optimistic. null: no sign.
   */
  cacheSuspected: { medianRatio: number; questions: number; medianWarmupMs: number } | null
  notExecuted: string[]
  confusion: ConfusionTable
  /** The security probes of the run, in plan order (empty when VALIDATION_SECURITY=false). */
  security: ProbeSummary[]
  /** This run against VALIDATION_BASELINE (compare.ts); absent without a baseline. */
  comparison?: Comparison
  /** Every figure a criterion can judge, by name (metrics.ts). */
  metrics: Record<MetricName, Metric>
  /**
   * Things worth a line whatever the verdict (a stage over budget, a likely cache, a weakly supported P95), as
   * reasons; one that concerns a metric names it (params.metric), so the verdict can drop it when a criterion's
   * reason already says it.
   */
  observations: Reason[]
}

const CRITICAL_KINDS: readonly CriticalKind[] = ['http_5xx', 'transport', 'invalid_json', 'contract', 'security']
/** Evidence kept per critical bug in the report; the full list stays in samples/JSON attempts. */
const MAX_CRITICAL_ITEMS = 50

function rate(successes: number, n: number): RateStat {
  return { successes, n, rate: n > 0 ? successes / n : null, interval: wilson(successes, n) }
}

// Labels are interned: building "group.subtype" once per distinct pair keeps 10⁶ attempts from allocating
// 10⁶ strings (measured: garbage collection dominated the aggregate time before).
const labelCache = new Map<string, Map<string, string>>()
export function intentLabel(attempt: Pick<AttemptRecord, 'fallback' | 'intent'>, groupOnly: boolean): string {
  if (attempt.fallback) return FALLBACK_CLASS
  if (!attempt.intent) return NO_ANSWER_CLASS
  const { group, subtype } = attempt.intent
  if (groupOnly || !subtype) return group
  let bySub = labelCache.get(group)
  if (!bySub) labelCache.set(group, (bySub = new Map()))
  let label = bySub.get(subtype)
  if (label === undefined) {
    if (bySub.size > 1000) bySub.clear() // bounded: hostile targets may send endless distinct subtypes
    bySub.set(subtype, (label = `${group}.${subtype}`))
  }
  return label
}

/**
 * An answer whose wire had the visualizations field (a contract that carries it only optionally, real v2, marks the
 * others `visualizationsNotOnWire`): one such answer in a run shows the build can send it. Its absence from another
 * answer is then the service leaving it out, and counts against the coverage (review 2026-12-06: eight answers with
 * charts and four without read "100 % (8/8)", the four "not observable", GO).
 */
function carriedVizField(a: AttemptRecord): boolean {
  return a.visualizationsNotOnWire !== true && a.critical === null && (a.dataPresentation || a.visualizations.length > 0)
}

/**
 * A contract-violating answer (its body unreadable as the contract's, charts included) to a question that expects a
 * visualization (not excluded, and expecting data or answered as DATA_PRESENTATION), or to whose data the generation
 * draws one: whether it carried a chart is not known — a body read despite the violation (a key written twice with
 * two values) is no evidence either. One defect, counted once as a critical bug: the coverage counts it neither
 * covered nor uncovered, and says how many it could not read (metrics.ts).
 */
function unreadableWhereChartExpected(q: QuestionRecord, a: AttemptRecord): boolean {
  if (a.critical !== 'contract' && a.critical !== 'invalid_json') return false
  const expected = q.visualizationExpected !== false && (q.expectsData === true || a.dataPresentation)
  return (expected || a.chartExpected !== undefined) && a.visualizationsNotOnWire !== true
}

function expectedLabel(q: QuestionRecord): string {
  if (!q.expectedIntent) return NO_EXPECTATION_CLASS
  return q.subtypeObservable ? q.expectedIntent : (q.expectedIntent.split('.')[0] as string)
}

function criticalEvidence(a: AttemptRecord, locale: Locale): string {
  const parts: string[] = []
  if (a.evidence?.error) parts.push(a.evidence.error)
  if (a.evidence?.issues?.length) parts.push(a.evidence.issues.slice(0, 3).join('; '))
  if (a.evidence?.bodyHead) parts.push(say(reason('report.critical.body', { body: a.evidence.bodyHead.slice(0, 200) }), locale))
  const first = a.failures[0]
  if (parts.length === 0 && first !== undefined) parts.push(say(first, locale))
  return parts.join(' — ')
}

function ranked(counts: Map<string, number>): Array<{ label: string; count: number }> {
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
}

/** A question's most frequent labels, the rest counted together (QuestionSummary.otherIntents). */
function keptIntents(intents: Map<string, number>): Pick<QuestionSummary, 'observedIntents' | 'otherIntents'> {
  const all = ranked(intents)
  const rest = all.slice(MAX_INTENTS_PER_QUESTION)
  return {
    observedIntents: all.slice(0, MAX_INTENTS_PER_QUESTION),
    otherIntents: rest.length === 0 ? null : { labels: rest.length, count: rest.reduce((sum, i) => sum + i.count, 0) },
  }
}

/** A question's outcome for test reports (QuestionSummary.outcome). */
function questionOutcome(planned: number, executed: number, passed: number): QuestionSummary['outcome'] {
  if (executed < planned && passed === executed) return 'not_executed'
  return planned > 0 && passed === planned ? 'passed' : 'failed'
}

/** The confusion table as the documents show it: counts per cell, and which cells hold attempts that missed. */
function confusionTable(
  confusion: Map<string, Map<string, number>>,
  expectedLabels: string[],
  observedLabels: string[],
  otherLabels: string[],
  subtypeNotObservable: boolean,
): ConfusionTable {
  const counts = expectedLabels.map((e) => observedLabels.map((o) => confusion.get(e)?.get(o) ?? 0))
  // A row without an expected intent misses nothing; a label of another column is the expected one of no row.
  const missed = (e: string, o: string | null, n: number): boolean => n > 0 && e !== NO_EXPECTATION_CLASS && o !== e
  const otherCounts = expectedLabels.map((e) => otherLabels.reduce((sum, o) => sum + (confusion.get(e)?.get(o) ?? 0), 0))
  return {
    expected: expectedLabels,
    observed: observedLabels,
    counts,
    misses: expectedLabels.map((e, i) => observedLabels.map((o, j) => missed(e, o, counts[i]?.[j] ?? 0))),
    subtypeNotObservable,
    other:
      otherLabels.length === 0
        ? null
        : { labels: otherLabels.length, counts: otherCounts, misses: expectedLabels.map((e, i) => missed(e, null, otherCounts[i] ?? 0)) },
  }
}

/**
 * The confusion table's columns: every expected label that was observed, the MAX_CONFUSION_COLUMNS most frequent
 * other labels (alphabetical, as before), then fallback and no answer; otherLabels are the ones left out.
 */
function confusionColumns(
  confusion: Map<string, Map<string, number>>,
  expectedLabels: readonly string[],
  observedClasses: ReadonlySet<string>,
): { observedLabels: string[]; otherLabels: string[] } {
  const specials = [FALLBACK_CLASS, NO_ANSWER_CLASS]
  const totals = new Map<string, number>()
  for (const row of confusion.values()) for (const [o, n] of row) if (!specials.includes(o)) totals.set(o, (totals.get(o) ?? 0) + n)
  const kept = new Set(expectedLabels.filter((e) => totals.has(e)))
  const otherLabels: string[] = []
  let columns = 0
  for (const { label } of ranked(totals)) {
    if (kept.has(label)) continue
    if (columns < MAX_CONFUSION_COLUMNS) {
      kept.add(label)
      columns++
    } else otherLabels.push(label)
  }
  const observedLabels = [...kept].sort()
  for (const s of specials) if (observedClasses.has(s)) observedLabels.push(s)
  return { observedLabels, otherLabels }
}

export function aggregate(run: RunModel): Aggregate {
  // Security probes are not questions: out of every statistic, but a failed one is a critical bug (below).
  const probes = run.questions.filter((q) => q.probe === true)
  const model: RunModel = probes.length === 0 ? run : { ...run, questions: run.questions.filter((q) => q.probe !== true) }
  const timeoutMs = model.settings.timeoutMs
  let totalAttempts = 0
  for (const q of model.questions) totalAttempts += q.attempts.length
  const all = new Series(totalAttempts)
  const ttfb = new Series(totalAttempts)
  // By position in STAGE_NAMES: read by index in the loop (a lookup by stage name per attempt and stage was ~0.1 s).
  const stageTally = new StageTally(totalAttempts)
  const perCategory = new Map<string, number>()
  for (const q of model.questions) perCategory.set(q.category, (perCategory.get(q.category) ?? 0) + q.attempts.length)
  const catSeries = new Map<string, { series: Series; questions: number; planned: number; passed: number }>()
  let planned = 0
  let executed = 0
  let notFound = 0
  let otherGenerationAttempts = 0
  let looksLike = ''
  let passed = 0
  let warmups = 0
  let censored = 0
  let dp = 0
  let dpWithViz = 0
  /** DATA_PRESENTATION attempts whose wire cannot carry a visualization, and the questions they belong to. */
  let dpVizNotObservable = 0
  const vizNotObservable: string[] = []
  /** Questions the question set says carry no visualization on this contract. */
  const vizNotExpected: string[] = []
  /** Answers a visualization was expected of whose body broke the contract, and their questions. */
  let vizUnreadable = 0
  const vizUnreadableQuestions: string[] = []
  let rateLimited = 0
  let limitedAttempts = 0
  let limitedUnnamed = 0
  const limitedQuestions: string[] = []
  let timeouts = 0
  const byKind: Record<CriticalKind, number> = { http_5xx: 0, transport: 0, invalid_json: 0, contract: 0, security: 0 }
  const items: CriticalItem[] = []
  // Every question with a critical bug, in plan order (a Map keeps insertion order), whatever the items' cap.
  const criticalByQuestion = new Map<string, number>()
  const countCritical = (questionId: string, a: AttemptRecord, kind: CriticalKind, warmup = false): void => {
    byKind[kind]++
    criticalByQuestion.set(questionId, (criticalByQuestion.get(questionId) ?? 0) + 1)
    if (items.length < MAX_CRITICAL_ITEMS)
      items.push({
        questionId,
        attempt: attemptNumber(a.index),
        kind,
        httpStatus: a.httpStatus,
        evidence: criticalEvidence(a, model.settings.locale),
        ...(warmup ? { warmup } : {}),
      })
  }
  const perQuestion: QuestionSummary[] = []
  const confusion = new Map<string, Map<string, number>>()
  const observedClasses = new Set<string>()
  let subtypeNotObservable = false
  // One question's latencies at a time, in one buffer for the run (one per question was 8 bytes per attempt more).
  let longest = 0
  let vizFieldSeen = false
  for (const q of model.questions) {
    longest = Math.max(longest, q.attempts.length)
    if (!vizFieldSeen) vizFieldSeen = q.attempts.some(carriedVizField)
  }
  const qSeries = new Series(longest)

  for (const q of model.questions) {
    const qPlanned = Math.max(q.plannedAttempts, q.attempts.length)
    planned += qPlanned
    warmups += q.warmups.length
    let cat = catSeries.get(q.category)
    if (!cat) catSeries.set(q.category, (cat = { series: new Series(perCategory.get(q.category)), questions: 0, planned: 0, passed: 0 }))
    cat.questions++
    cat.planned += qPlanned
    qSeries.clear()
    const intents = new Map<string, number>()
    const reasons = new Map<string, number>()
    const notes = new Map<string, number>()
    const grounding = { grounded: 0, contradicted: 0, notCheckable: 0 }
    let qPassed = 0
    let qExecuted = 0
    let qTimeouts = 0
    let qCritical = 0
    let qDataWithoutViz = false
    let vizMin = Infinity
    let vizMax = -Infinity
    const exp = expectedLabel(q)
    if (q.expectedIntent && !q.subtypeObservable) subtypeNotObservable = true
    let row = confusion.get(exp)
    if (!row) confusion.set(exp, (row = new Map()))

    // A chart is expected of an answer when the question set says so for the question, or when the generation draws
    // one from this answer's own data (AttemptRecord.chartExpected: v3.2.9's line above 2 results), whatever the set says.
    const vizObservable = q.visualizationObservable !== false
    if (q.visualizationExpected === false) vizNotExpected.push(q.id)
    for (const a of q.attempts) {
      // The one rule of what the latency statistics count (core/measured.ts); probes were set aside above.
      const excluded = notMeasured(a, false)
      if (excluded === 'warmup') continue // defensive: warm-ups belong in q.warmups
      if (excluded === 'rate_limited') {
        // Refused by a rate limiter before the service saw it: not executed, like an attempt that never ran — it
        // stays planned (a failed attempt of the success rate) and leaves the run incomplete, so the verdict cannot
        // be GO on what was not measured; no statistic of the service sees it (docs/verdict-rules.md).
        rateLimited++
        limitedAttempts++
        if (a.failures.some((f) => f.code === RATE_LIMITED_FAILURE && f.params?.unnamed === true)) limitedUnnamed++
        if (!limitedQuestions.includes(q.id)) limitedQuestions.push(q.id)
        continue
      }
      executed++
      qExecuted++
      if (a.httpStatus === 404) notFound++
      const hint = a.notes?.find((n) => n.code === 'note.other_generation')
      if (hint !== undefined) {
        otherGenerationAttempts++
        looksLike = String(hint.params.looksLike)
      }
      const latency = measuredLatency(a, timeoutMs)
      if (a.timedOut) {
        censored++
        timeouts++
        qTimeouts++
      }
      all.push(latency, a.timedOut)
      qSeries.push(latency, a.timedOut)
      cat.series.push(latency, a.timedOut)
      if (a.ttfbMs !== null) ttfb.push(a.ttfbMs)
      else if (a.timedOut) ttfb.push(latency, true)
      stageTally.add(a)
      if (a.ok) {
        passed++
        qPassed++
        cat.passed++
      }
      for (const f of a.failures) {
        const text = say(f, model.settings.locale)
        reasons.set(text, (reasons.get(text) ?? 0) + 1)
      }
      for (const n of a.notes ?? []) {
        const text = say(n, model.settings.locale)
        notes.set(text, (notes.get(text) ?? 0) + 1)
      }
      if (a.grounding === 'grounded') grounding.grounded++
      else if (a.grounding === 'contradicted') grounding.contradicted++
      else if (a.grounding === 'not_checkable') grounding.notCheckable++
      const vizExpected = q.visualizationExpected !== false || a.chartExpected !== undefined
      if (unreadableWhereChartExpected(q, a) && vizObservable) {
        // A body that breaks the contract is no evidence about charts either way: not in the ratio, counted apart so
        // the coverage can neither pass on the answers it could read alone nor blame charts for the contract's defect
        // (a critical bug), and never a reason to call the criterion non applicable (docs/verdict-rules.md).
        vizUnreadable++
        if (!vizUnreadableQuestions.includes(q.id)) vizUnreadableQuestions.push(q.id)
      } else if (a.dataPresentation && vizExpected && vizObservable && a.visualizationsNotOnWire !== true) {
        dp++
        if (a.visualizations.length > 0) dpWithViz++
        else qDataWithoutViz = true
      } else if (a.dataPresentation && vizExpected && vizObservable && vizFieldSeen) {
        // Left out of this answer while other answers of the run carried the field: the service can send it, so an
        // answer without it shows no chart — uncovered, never "not observable" (see carriedVizField).
        dp++
        qDataWithoutViz = true
      } else if (a.dataPresentation && vizExpected) {
        dpVizNotObservable++
        if (!vizNotObservable.includes(q.id)) vizNotObservable.push(q.id)
      }
      vizMin = Math.min(vizMin, a.visualizations.length)
      vizMax = Math.max(vizMax, a.visualizations.length)
      if (a.critical) {
        countCritical(q.id, a, a.critical)
        qCritical++
      }
      const obs = intentLabel(a, !q.subtypeObservable)
      intents.set(obs, (intents.get(obs) ?? 0) + 1)
    }
    // The question's intents into its expected label's row of the confusion table (counted once per label, not per attempt).
    for (const [obs, count] of intents) {
      row.set(obs, (row.get(obs) ?? 0) + count)
      observedClasses.add(obs)
    }
    // A critical bug on a warm-up counts too (critical_bugs): warm-ups leave the statistics, never the bug list — a
    // cold-start crash is exactly what a release gate must not hide.
    for (const w of q.warmups) {
      if (!w.critical) continue
      countCritical(q.id, w, w.critical, true)
      qCritical++
    }
    const executedHere = qExecuted
    const qLatency = qSeries.stats()
    const goalMs = model.settings.p95GoMs
    perQuestion.push({
      id: q.id,
      category: q.category,
      message: q.message,
      expectedIntent: q.expectedIntent,
      planned: qPlanned,
      executed: executedHere,
      passed: qPassed,
      passRate: qPlanned > 0 ? qPassed / qPlanned : null,
      success: qPlanned > 0 && qPassed === qPlanned,
      outcome: questionOutcome(qPlanned, executedHere, qPassed),
      flaky: qPassed > 0 && qPassed < executedHere,
      latency: qLatency,
      vizCount: executedHere > 0 ? { min: vizMin, max: vizMax } : null,
      ...keptIntents(intents),
      intentAsExpected: intents.size === 1 && intents.has(exp),
      failures: ranked(reasons).map(({ label, count }) => ({ reason: label, count })),
      timeouts: qTimeouts,
      critical: qCritical,
      dataWithoutViz: qDataWithoutViz,
      subtypeObservable: q.subtypeObservable,
      excessiveLatency: qLatency.max !== null && qLatency.max > goalMs ? { maxMs: qLatency.max, maxCensored: qLatency.maxCensored, goalMs } : null,
      grounding,
      notes: ranked(notes).map(({ label, count }) => ({ note: label, count })),
      notObservable: vizFieldSeen
        ? (q.notObservable ?? []).filter((k) => !(q.notObservableWithoutVizField ?? []).includes(k))
        : [...(q.notObservable ?? [])],
    })
  }

  for (const p of probes)
    for (const a of p.attempts) {
      if (a.critical) countCritical(p.id, a, a.critical)
      if (a.rateLimited) rateLimited++ // a probe a rate limiter refused tested nothing: the run is inconclusive
    }

  // Sorting happens inside stats(); `all` is sorted afterwards, so the P95 interval can index it.
  const latency = all.stats(true)
  const sortedAll = all.data.subarray(0, all.length)

  const { stages, figures: stageFigures } = stageTally.result(!wireCannotCarry(model.target.observes, 'stages'))

  const ttfbStats = ttfb.stats()
  const expectedLabels = [...confusion.keys()].filter((k) => (confusion.get(k)?.size ?? 0) > 0)
  const { observedLabels, otherLabels } = confusionColumns(confusion, expectedLabels, observedClasses)

  const figures: Omit<Aggregate, 'metrics' | 'observations'> = {
    questions: model.questions.length,
    planned,
    executed,
    notFound,
    otherGeneration: otherGenerationAttempts > 0 ? { attempts: otherGenerationAttempts, looksLike } : null,
    warmups,
    success: rate(passed, planned),
    latency: {
      ...latency,
      censored,
      weak: { p95: latency.n > 0 && latency.n < WEAK_SUPPORT.p95, p99: latency.n > 0 && latency.n < WEAK_SUPPORT.p99 },
      p95Interval: quantileBounds(sortedAll, all.censored, 0.95, 0.95),
    },
    latencySorted: sortedAll,
    ttfb: {
      p50: ttfbStats.p50,
      p95: ttfbStats.p95,
      p99: ttfbStats.p99,
      n: ttfbStats.n,
      censored: ttfb.censored.length,
      p50Censored: ttfbStats.p50Censored,
      p95Censored: ttfbStats.p95Censored,
      p99Censored: ttfbStats.p99Censored,
    },
    stages,
    stagesOverBudget: stagesOverBudget(stages),
    stageFigures,
    categories: [...catSeries].map(([id, c]) => ({
      id,
      questions: c.questions,
      planned: c.planned,
      success: rate(c.passed, c.planned),
      latency: c.series.stats(),
    })),
    vizCoverage: rate(dpWithViz, dp),
    vizApplicability: {
      notObservable: vizNotObservable,
      notObservableAttempts: dpVizNotObservable,
      notExpected: vizNotExpected,
      unreadable: { attempts: vizUnreadable, questions: vizUnreadableQuestions },
    },
    rateLimited,
    rateLimitedAttempts: { count: limitedAttempts, questions: limitedQuestions, unnamed: limitedUnnamed },
    stream: streamFigures(model),
    critical: {
      count: CRITICAL_KINDS.reduce((s, k) => s + byKind[k], 0),
      byKind,
      items,
      byQuestion: [...criticalByQuestion].map(([questionId, count]) => ({ questionId, count })),
    },
    timeouts,
    perQuestion,
    security: probes.map(probeSummary),
    flaky: perQuestion.filter((q) => q.flaky).map((q) => q.id),
    cacheSuspected: cacheSuspicion(model),
    notExecuted: perQuestion.filter((q) => q.executed < q.planned).map((q) => q.id),
    confusion: confusionTable(confusion, expectedLabels, observedLabels, otherLabels, subtypeNotObservable),
  }
  // With a baseline, the comparison (compare.ts) is one more figure: the `no regression` metric reads it.
  if (model.baseline) figures.comparison = compareRuns(snapshotOf(model, figures), model.baseline.run, model.baseline.maxRegression)
  return { ...figures, metrics: buildMetrics(model, figures), observations: observationsOf(figures, model) }
}

/**
 * Above this event-loop delay P99 the measuring client was busy enough to inflate the latencies it reports
 * (timestamps are taken on that loop): the report says so, with the figure (core/locale/performance.ts).
 */
export const CLIENT_BUSY_P99_MS = 20

/** Re-logins told one by one in the notes; past this, the first ones and one line for the rest. */
export const MAX_RELOGIN_NOTES = 3

function observationsOf(agg: Omit<Aggregate, 'metrics' | 'observations'>, model: RunModel): Reason[] {
  const out: Reason[] = stageObservations(agg.stages, agg.stageFigures)
  if (agg.cacheSuspected) out.push(reason('note.cache_suspected', { ratio: agg.cacheSuspected.medianRatio }))
  if (agg.latency.weak.p95) out.push(reason('note.weak_p95', { n: agg.latency.n }))
  // A truth file silent on some questions: what it did not check is said, never taken as checked (core/ground-truth.ts).
  if (model.unconfronted !== undefined && model.unconfronted.length > 0)
    out.push(reason('note.truth_unconfronted', { questions: model.unconfronted, count: model.unconfronted.length }))
  // A dated truth file whose period some answers did not search, or could not show (tests/support/ground-truth/period.ts).
  out.push(...truthPeriodObservations(model))
  // What the health route said before the first question (tests/support/health.ts): in every document.
  for (const f of model.health?.findings ?? []) out.push(f)
  // A re-login mid-run is worth a line in every document (tests/support/auth-broker.ts), whatever the verdict. A long
  // run renews many tokens: the first ones are told, then how many more and the last (run.auth lists them all).
  const relogins = model.auth?.relogins ?? []
  const told = relogins.length > MAX_RELOGIN_NOTES ? relogins.slice(0, MAX_RELOGIN_NOTES - 1) : relogins
  for (const r of told) out.push(authReason('auth.relogin', r))
  const last = relogins.at(-1)
  if (last !== undefined && relogins.length > told.length)
    out.push(
      reason('auth.relogin_more', {
        count: relogins.length - told.length,
        total: relogins.length,
        at: last.at,
        afterAttempts: last.afterAttempts,
        // A merged sharded run: the last listed is the last shard's last (core/shard.ts mergedAuth).
        ...(last.shard ? { shard: `${last.shard.index}/${last.shard.count}` } : {}),
      }),
    )
  const duplicated = duplicateKeysObservation(model)
  if (duplicated !== null) out.push(duplicated)
  const resent = resentObservation(model)
  if (resent !== null) out.push(resent)
  const loop = model.clientLoopDelayP99Ms
  if (typeof loop === 'number' && loop > CLIENT_BUSY_P99_MS)
    out.push(reason('performance.client_busy', { p99Ms: Math.round(loop * 10) / 10, thresholdMs: CLIENT_BUSY_P99_MS }))
  // Latencies measured under a lighter load than VALIDATION_CONCURRENCY (reporters/applied-load.ts).
  const light = lightLoadObservation(model, agg.planned)
  if (light !== null) out.push(light)
  // Requests abandoned at the deadline may have kept the target busy after it: the peak is a lower bound.
  const abandoned = abandonedLoadObservation(model)
  if (abandoned !== null) out.push(abandoned)
  return out
}

/** Answers whose JSON wrote a key twice (tests/support/json-evidence.ts): a warning with the keys and questions. */
function duplicateKeysObservation(model: RunModel): Reason | null {
  const keys = new Set<string>()
  const questions = new Set<string>()
  let answers = 0
  // Each list walked in place, not copied into one (1,000,000 attempts are a large copy).
  for (const q of model.questions)
    for (const list of [q.warmups, q.attempts])
      for (const a of list) {
        if (!a.duplicateKeys?.length) continue
        answers++
        questions.add(q.id)
        for (const k of a.duplicateKeys) keys.add(k)
      }
  if (answers === 0) return null
  return reason('transport.duplicate_keys', { answers, keys: [...keys].slice(0, 5), questions: [...questions].slice(0, 10) })
}

/** Requests the client resent after a stale kept-alive connection (tests/support/client.ts): counted, never silent. */
/**
 * A dated ground truth against the days the measured answers searched: how many searched another period (confronted
 * with it all the same) — and when none of the answers whose days say which day the service's today was matched it,
 * that the file looks stale —, and how many did not show their days (confronted on the file's word).
 */
function truthPeriodObservations(model: RunModel): Reason[] {
  const other = new Set<string>()
  const unseen = new Set<string>()
  const count = { other: 0, unseen: 0, todayOther: 0, todayApplies: 0 }
  let asOf: string | null = null
  for (const q of model.questions)
    for (const a of q.attempts) {
      const p = a.truthPeriod
      if (p === undefined) continue
      asOf ??= p.asOf
      if (p.fit === 'other_period') {
        count.other++
        other.add(q.id)
        if (p.anchor === 'today') count.todayOther++
      } else if (p.fit === 'not_observable') {
        count.unseen++
        unseen.add(q.id)
      } else if (p.anchor === 'today') count.todayApplies++
    }
  const out: Reason[] = []
  const stale = count.todayOther > 0 && count.todayApplies === 0
  if (count.other > 0) out.push(reason(stale ? 'note.truth_stale' : 'note.truth_other_period', { count: count.other, questions: [...other], asOf }))
  if (count.unseen > 0) out.push(reason('note.truth_period_not_observable', { count: count.unseen, questions: [...unseen], asOf }))
  return out
}

function resentObservation(model: RunModel): Reason | null {
  const questions = new Set<string>()
  let count = 0
  for (const q of model.questions)
    for (const list of [q.warmups, q.attempts])
      for (const a of list) {
        if (a.resent === undefined) continue
        count++
        questions.add(q.id)
      }
  if (count === 0) return null
  return reason('transport.stale_connections', { count, questions: [...questions].slice(0, 10) })
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2
}

/** Thresholds of the cache heuristic: a clear, repeated effect on latencies large enough to be pipeline work. */
export const CACHE_HEURISTIC = { maxRatio: 0.25, minQuestions: 3, minWarmupMs: 200 } as const

/**
 * Per question: median measured latency / latency of the first answered warm-up. When most questions answer
 * their repeats several times faster than their first ask, say so: cached repeats make latency look better than it is (docs/verdict-rules.md, notes).
 */
export function cacheSuspicion(model: RunModel): Aggregate['cacheSuspected'] {
  const ratios: number[] = []
  const warmups: number[] = []
  for (const q of model.questions) {
    const first = q.warmups.find((w) => !w.timedOut && w.httpStatus !== null && w.httpStatus < 500)
    // Without a usable first ask there is nothing to compare: its attempts are not gathered (a run without
    // warm-ups gathered all of them for nothing, ~0.1 s at 1,000,000 attempts).
    if (!first || first.latencyMs <= 0) continue
    const measured = q.attempts.filter((a) => !a.timedOut && a.httpStatus !== null && a.httpStatus < 500).map((a) => a.latencyMs)
    if (measured.length === 0) continue
    ratios.push(median(measured) / first.latencyMs)
    warmups.push(first.latencyMs)
  }
  if (ratios.length < CACHE_HEURISTIC.minQuestions) return null
  const medianRatio = median(ratios)
  const medianWarmupMs = median(warmups)
  if (medianRatio >= CACHE_HEURISTIC.maxRatio || medianWarmupMs < CACHE_HEURISTIC.minWarmupMs) return null
  return { medianRatio, questions: ratios.length, medianWarmupMs }
}
