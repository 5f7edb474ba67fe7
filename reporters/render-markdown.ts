// validation-report.md: the plan's T4.4 template (Résumé Exécutif, Résultats par Catégorie, Anomalies Détectées,
// Métriques Globales, Recommandations) in French or English, plus criteria, intervals and sample-size notes
// (docs/report-contract.md). Every word comes from core/locale/report.ts or verdict.ts; every figure of a criterion
// is written by its metric's unit; every value from the target or the question file goes through mdText().
import { streamParams } from './stream-stats.ts'
import '../core/locale/report.ts'
import { looserLine } from './looser.ts'
import { shardsLine } from './shard-provenance.ts'
import { appliedLoadLine } from './applied-load.ts'
import { exploratoryLine, harnessLines } from './render-gate.ts'
import '../core/locale/gate.ts'
import '../core/locale/verdict.ts'
import { fmtAgainst, fmtAtLeast, fmtInt, fmtUnit } from '../core/locale/format.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { ReasonParam } from '../core/reason.ts'
import type { Aggregate, QuestionSummary, StageStats } from './aggregate.ts'
import type { CriterionResult, Status, Verdict } from './decide.ts'
import { categoryTitle, intentText } from './i18n.ts'
import { STAGE_FIGURE_NOTES } from './stage-stats.ts'
import { mdCode, mdTable, mdText } from './markdown.ts'
import type { SummaryPlan } from './output.ts'
import { comparisonMarkdown } from './render-comparison.ts'
import { attemptNumber, type RunModel } from '../core/model.ts'
import { WEAK_SUPPORT } from '../core/percentile.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import { type EvidencePlan, evidencePlan } from './evidence.ts'
import { intervalFigure, limitsOf, observedFigure, samplesFigure } from './figures.ts'

const STATUS_ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', inconclusive: '❔', 'not-applicable': '➖' }
const MAX_ANOMALIES = 100

type Say = (code: string, params?: Record<string, ReasonParam>) => string
const sayer =
  (L: Locale): Say =>
  (code, params = {}) =>
    say({ code, params }, L)

function observedCell(c: CriterionResult, t: Say, L: Locale): string {
  return `${observedFigure(c, L)}${c.judgedOn === 'bound' ? t('report.md.criteria.bound_judged') : ''}`
}

function successCell(q: QuestionSummary, t: Say): string {
  if (q.executed === 0) return t('report.md.q.not_executed')
  const missing = q.planned - q.executed
  const tail = missing > 0 ? t('report.md.q.missing', { count: missing }) : ''
  if (q.planned === 1) return (q.success ? '✅' : '❌') + tail
  const icon = q.success ? '✅' : q.flaky ? '⚠️' : '❌'
  return `${icon} ${q.passed}/${q.planned}${q.flaky ? t('report.md.q.flaky') : ''}${tail}`
}

function intentCell(q: QuestionSummary, t: Say, L: Locale): string {
  const top = q.observedIntents[0]
  const expectedText = q.expectedIntent ? t('report.md.q.expected', { intent: mdText(q.expectedIntent) }) : ''
  if (!top) return q.expectedIntent ? expectedText : '—'
  const other = q.otherIntents ? [`${t('report.intents.other', { labels: q.otherIntents.labels })} ×${q.otherIntents.count}`] : []
  const listed = q.observedIntents.length > 1 || other.length > 0
  const shown = listed
    ? [...q.observedIntents.map((i) => `${mdText(intentText(i.label, L))} ×${i.count}`), ...other].join(', ')
    : mdText(intentText(top.label, L))
  if (!q.expectedIntent) return shown
  return q.intentAsExpected ? shown : `${shown} (${expectedText})`
}

/**
 * A question's latency: its P50 and its max, "≥" when censored (aggregate.ts LatencyStats). The max is written against
 * the P95 objective `goalMs`, as the excessive-latency anomaly writes it beside that objective: the same figure reads
 * the same in both ("1 000,1 ms", never "1 000 ms" here and "1 000,1 ms > 1 000 ms" there).
 */
function latencyCell(q: QuestionSummary, goalMs: number, L: Locale): string {
  if (q.latency.n === 0) return '—'
  const t = q.timeouts > 0 ? say({ code: 'report.md.category.timeouts', params: { count: q.timeouts } }, L) : ''
  const max = `${q.latency.maxCensored && q.latency.max !== null ? '≥ ' : ''}${fmtAgainst(q.latency.max, 'ms', L, [goalMs])}`
  if (q.latency.n === 1) return `${max}${t}`
  return `P50 ${fmtAtLeast(q.latency.p50, q.latency.p50Censored, L)}, max ${max} (n=${q.latency.n})${t}`
}

function vizCell(q: QuestionSummary): string {
  if (!q.vizCount) return '—'
  return q.vizCount.min === q.vizCount.max ? String(q.vizCount.min) : `${q.vizCount.min}–${q.vizCount.max}`
}

/**
 * The GitHub job summary's order when the report exceeds GitHub's limit (reporters/output.ts boundedSummary): the
 * verdict and criteria, the failed questions, the recommendation first; the note names the full report.
 */
export function stepSummaryPlan(L: Locale, reportPath: string): SummaryPlan {
  const t = sayer(L)
  const heading = (code: string) => t(code).replace(/^##\s+/, '')
  return {
    first: ['report.md.summary', 'report.md.anomalies', 'report.md.recommendations'].map(heading),
    cutNote: (leftOut) => t('report.md.step_summary_cut', { sections: leftOut.map((h) => mdText(h)).join(', '), path: mdCode(reportPath, 500) }),
  }
}

/** Per question, its evidence files as relative links (reporters/evidence.ts writes them beside this report). */
function evidenceLinks(plan: EvidencePlan, t: Say): Map<string, string> {
  const byQuestion = new Map<string, string[]>()
  for (const f of plan.files) {
    const label = t('report.md.anomaly.evidence_link', { attempt: attemptNumber(f.attempt.index), warmup: f.attempt.warmup })
    // The path is ours (safe characters only), the label our own words: nothing from the target in the link.
    byQuestion.set(f.question.id, [...(byQuestion.get(f.question.id) ?? []), `[${label}](${f.path})`])
  }
  return new Map([...byQuestion].map(([id, links]) => [id, links.join(', ')]))
}

function anomalies(model: RunModel, agg: Aggregate, t: Say, plan: EvidencePlan): string[] {
  const out: string[] = []
  const links = evidenceLinks(plan, t)
  if (model.preflightError)
    out.push(t('report.md.anomaly.target_unusable', { message: mdText(say(model.preflightError, model.settings.locale), 500) }))
  // The health route's findings (tests/support/health.ts): a description of the target, said first.
  for (const f of model.health?.findings ?? []) out.push(mdText(say(f, model.settings.locale), 500))
  for (const e of harnessLines(model)) out.push(t('report.md.anomaly.harness', { message: mdText(e, 500) }))
  if (model.interrupted) out.push(t('report.md.anomaly.interrupted'))
  for (const item of agg.critical.items)
    out.push(
      t('report.md.anomaly.critical', {
        question: mdText(item.questionId),
        kind: mdText(item.kind),
        // The same number as its evidence file's name and its samples.ndjson line (core/model.ts attemptNumber).
        attempt: item.attempt,
        warmup: item.warmup === true,
        httpStatus: item.httpStatus,
        evidence: mdText(item.evidence, 300),
      }),
    )
  if (agg.critical.count > agg.critical.items.length)
    out.push(t('report.md.anomaly.more_critical', { count: agg.critical.count - agg.critical.items.length }))
  for (const q of agg.perQuestion) {
    const question = mdText(q.id)
    if (q.executed < q.planned) out.push(t('report.md.anomaly.not_executed', { question, count: q.planned - q.executed }))
    for (const f of q.failures.slice(0, 5))
      out.push(t('report.md.anomaly.failure', { question, message: mdText(q.message, 80), reason: mdText(f.reason, 300), count: f.count }))
    if (q.failures.length > 5) out.push(t('report.md.anomaly.more_reasons', { question, count: q.failures.length - 5 }))
    if (q.excessiveLatency) out.push(t('report.md.anomaly.excessive_latency', { question, ...q.excessiveLatency }))
    if (q.flaky) out.push(t('report.md.anomaly.flaky', { question, passed: q.passed, executed: q.executed }))
    const evidence = links.get(q.id)
    if (evidence !== undefined) out.push(t('report.md.anomaly.evidence', { question, links: evidence }))
  }
  const leftOut = plan.leftOut
  if (leftOut > 0) out.push(t('report.md.anomaly.evidence_left_out', { count: leftOut }))
  return out
}

/** One row per security probe: its outcome, the status it got, and why (docs/security-probes.md). */
function securitySection(agg: Aggregate, t: Say, L: Locale): string[] {
  const out = [t('report.md.security')]
  if (agg.security.length === 0) return [...out, t('report.md.security.none'), '']
  const rows = agg.security.map((p) => [
    `${mdText(p.id)} — ${mdText(p.title)}`,
    t(`report.md.security.${p.outcome}`),
    p.httpStatus === null ? '—' : String(p.httpStatus),
    mdText([...p.failures, ...p.notes].map((r) => say(r, L)).join(' ; '), 400) || '—',
  ])
  const header = ['probe', 'outcome', 'http', 'detail'].map((h) => t(`report.md.security.${h}`))
  return [...out, '', mdTable(header, rows, ['l', 'l', 'r', 'l']), '']
}

/** Per question: how many attempts' figures were grounded, contradicted or not checkable, and what was only noted. */
function checkableSection(model: RunModel, agg: Aggregate, verdict: Verdict, t: Say, L: Locale): string[] {
  const read = agg.perQuestion.filter(
    (q) => q.grounding.grounded + q.grounding.contradicted + q.grounding.notCheckable > 0 || q.notes.length > 0 || q.notObservable.length > 0,
  )
  const out = [t('report.md.checkable')]
  // Beside the claim that figures meet the ground truth: the questions its file left out, the answers that searched
  // another period than its own or did not show theirs, a file that looks stale (reporters/aggregate.ts).
  for (const n of verdict.notes) if (n.code.startsWith('note.truth_')) out.push(`- ⚠️ ${mdText(say(n, L), 1000)}`)
  if (read.length === 0) return [...out, t('report.md.checkable.none'), '']
  const rows = read.map((q) => {
    const said = q.notes.slice(0, 4).map((n) => `${n.note}${n.count > 1 ? ` ×${n.count}` : ''}`)
    if (q.notObservable.length > 0)
      said.push(t('report.md.checkable.not_observable', { contract: model.target.contract, items: q.notObservable.join(', ') }))
    return [mdText(q.id), `${q.grounding.grounded} / ${q.grounding.contradicted} / ${q.grounding.notCheckable}`, mdText(said.join(' ; '), 600) || '—']
  })
  const header = ['question', 'figures', 'notes'].map((h) => t(`report.md.checkable.${h}`))
  return [...out, '', t('report.md.checkable.intro'), '', mdTable(header, rows, ['l', 'r', 'l']), '']
}

/** `plan`: the run's evidence files (reporters/evidence.ts), when the caller has it already (pipeline.ts). */
/**
 * The stage table: each stage's percentiles ("≥" when a lower bound), n of the measured attempts, its budget, and its
 * status as aggregate decided it (reporters/stage-stats.ts StageStatus), weakly supported ones said so.
 */
function stageSection(model: RunModel, agg: Aggregate, t: Say, L: Locale): string[] {
  const ms = (x: number | null) => fmtUnit(x, 'ms', L)
  // A percentile a timeout weighs in is a lower bound, in every table (aggregate.ts LatencyStats). The P95 beside the
  // budget it is judged against is written against it (format.ts fmtAgainst): 100.3 ms over a 100 ms budget reads
  // "100.3 ms", not "100 ms" next to "P95 over budget".
  const stagePcts = (st: StageStats) =>
    st.reported
      ? [
          fmtAtLeast(st.p50, st.p50Censored, L),
          `${st.p95Censored && st.p95 !== null ? '≥ ' : ''}${fmtAgainst(st.p95, 'ms', L, [st.budgetMs])}`,
          fmtAtLeast(st.p99, st.p99Censored, L),
        ]
      : ['—', '—', '—']
  const status = (st: StageStats) =>
    `${t(`report.stage.status.${st.status}`, { contract: mdText(model.target.contract) })}${st.weak ? t('report.stage.weak') : ''}`
  return [
    t('report.md.stages'),
    mdTable(
      [t('report.md.stages.stage'), 'P50', 'P95', 'P99', 'n', 'Budget', t('report.md.stages.status')],
      Object.entries(agg.stages).map(([name, st]) => [
        name,
        ...stagePcts(st),
        t('report.stage.n_of', { n: st.n, of: st.of }),
        ms(st.budgetMs),
        status(st),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  ]
}

export function renderMarkdown(
  model: RunModel,
  agg: Aggregate,
  verdict: Verdict,
  generatedAt: string,
  plan: EvidencePlan = evidencePlan(model),
): string {
  const L = model.settings.locale
  const t = sayer(L)
  const s = model.settings
  const exploratory = model.scope === 'exploratory'
  const out: string[] = []
  const lat = agg.latency
  const push = (...lines: string[]) => out.push(...lines)
  const reasonLines = verdict.reasons.map((r) => `  - ${mdText(say(r, L), 2000)}`)
  // Every judged figure is written against its criterion's thresholds, as the criteria table writes it (figures.ts).
  const rateLimits = limitsOf(verdict.criteria, 'success_rate')
  const p95Limits = limitsOf(verdict.criteria, 'p95_ms')

  push(t('report.md.title'), '')
  push(
    t('report.md.target', {
      url: mdText(safeBaseUrl(model.target.baseUrl)),
      contract: mdText(model.target.contract),
      embedded: model.target.embedded,
    }),
    t('report.md.generated', { at: mdText(generatedAt), startedAt: mdText(model.startedAt), durationMs: model.durationMs }),
    t('report.md.identity', { version: model.target.version == null ? null : mdCode(model.target.version), runId: mdCode(model.runId ?? '—') }),
  )
  const looser = looserLine(model)
  // A merge names its shards and when each ran (reporters/shard-provenance.ts).
  const merged = shardsLine(model)
  if (merged !== null) push(`> ${mdText(say(merged, L), 4000)}  `)
  push('')

  // --- Résumé Exécutif
  push(t('report.md.summary'))
  push(
    t('report.md.summary.tests', {
      questions: agg.questions,
      iterations: s.iterations,
      planned: agg.planned,
      executed: agg.executed,
      warmups: agg.warmups,
    }),
    // What load the latencies were measured under, beside the configured cap (reporters/applied-load.ts).
    `- ${mdText(say(appliedLoadLine(model), L), 500)}`,
    t('report.md.summary.success', {
      ...agg.success.interval,
      rate: agg.success.rate,
      successes: agg.success.successes,
      n: agg.success.n,
      limits: rateLimits,
    }),
    t('report.md.summary.latency', { mean: lat.mean, meanCensored: lat.meanCensored, p95: lat.p95, censored: lat.p95Censored, limits: p95Limits }),
    exploratory
      ? `- ${mdText(exploratoryLine(model), 500)}`
      : `${t('report.md.summary.decision', { decision: verdict.decision, harnessError: verdict.harnessError })}${model.target.embedded ? ` — ${t('gate.reference_only')}` : ''}${looser ? ` — ${mdText(say(looser, L), 1000)}` : ''}`,
    // An exploratory run is no release decision: the Markdown leaves its code (Vitest's own, reporters/decide.ts exitCodeOf) to the JSON.
    t('report.md.summary.run', { complete: verdict.complete, interrupted: model.interrupted, exitCode: exploratory ? null : verdict.exitCode }),
  )
  // A re-login mid-run (tests/support/auth-broker.ts): when, after which attempt.
  for (const n of verdict.notes) if (n.code === 'auth.relogin' || n.code === 'auth.relogin_more') push(`- ${mdText(say(n, L), 1000)}`)
  if (reasonLines.length) push(t('report.md.summary.reasons'), ...reasonLines)
  push('')
  push(
    mdTable(
      ['criterion', 'threshold', 'observed', 'interval', 'status', 'samples'].map((h) => t(`report.md.criteria.${h}`)),
      verdict.criteria.map((c) => [
        `${mdText(c.id)} ${mdText(say(c.name, L))}`,
        mdText(c.threshold.warn ? t('report.md.criteria.threshold_warn', c.threshold) : c.threshold.pass),
        observedCell(c, t, L),
        intervalFigure(c, L),
        `${STATUS_ICON[c.status]} ${t(`report.status.${c.status}`)}`,
        samplesFigure(c, L),
      ]),
      ['l', 'l', 'r', 'l', 'l', 'r'],
    ),
    '',
  )

  // --- Résultats par Catégorie
  push(t('report.md.categories'), '')
  for (const cat of agg.categories) {
    const qs = agg.perQuestion.filter((q) => q.category === cat.id)
    push(t('report.md.category.title', { title: mdText(categoryTitle(cat.id)), count: qs.length }))
    push(
      mdTable(
        ['question', 'intent', 'success', 'viz', 'latency'].map((h) => t(`report.md.category.${h}`)),
        qs.map((q) => [
          `${mdText(q.id)} « ${mdText(q.message)} »`,
          intentCell(q, t, L),
          successCell(q, t),
          vizCell(q),
          latencyCell(q, model.settings.p95GoMs, L),
        ]),
        ['l', 'l', 'l', 'r', 'r'],
      ),
      '',
    )
  }

  // --- Anomalies Détectées
  push(t('report.md.anomalies'))
  const found = anomalies(model, agg, t, plan)
  if (found.length === 0) push(t('report.md.anomaly.none'))
  for (const a of found.slice(0, MAX_ANOMALIES)) push(`- ${a}`)
  if (found.length > MAX_ANOMALIES) push(t('report.md.anomaly.more', { count: found.length - MAX_ANOMALIES }))
  push('')

  push(...securitySection(agg, t, L), ...checkableSection(model, agg, verdict, t, L))

  // --- Métriques Globales
  push(t('report.md.metrics'))
  const weak = (flag: boolean, min: number) => (flag ? t('report.md.metrics.weak', { n: lat.n, min }) : '')
  const kinds = Object.entries(agg.critical.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
  push(
    t('report.md.metrics.p50', { p50: lat.p50, censored: lat.p50Censored }),
    t('report.md.metrics.p95', {
      p95: lat.p95,
      censored: lat.p95Censored,
      lower: lat.p95Interval.lower,
      upper: lat.p95Interval.upper,
      upperAtLeast: lat.p95Interval.upperAtLeast,
      n: lat.n,
      limits: p95Limits,
    }) + weak(lat.weak.p95, WEAK_SUPPORT.p95),
    t('report.md.metrics.p99', { p99: lat.p99, censored: lat.p99Censored }) + weak(lat.weak.p99, WEAK_SUPPORT.p99),
    t('report.md.metrics.mean_max', {
      mean: lat.mean,
      max: lat.max,
      meanCensored: lat.meanCensored,
      maxCensored: lat.maxCensored,
      n: lat.n,
      censored: lat.censored,
      timeoutMs: s.timeoutMs,
    }),
    t('report.md.metrics.ttfb', { p50: agg.ttfb.p50, p95: agg.ttfb.p95, n: agg.ttfb.n, c50: agg.ttfb.p50Censored, c95: agg.ttfb.p95Censored }),
    ...(agg.stream ? [t('report.md.metrics.ttfc', { ...streamParams(agg.stream), limits: limitsOf(verdict.criteria, 'ttfc_p95_ms') })] : []),
    t('report.md.metrics.success', { rate: agg.success.rate, successes: agg.success.successes, n: agg.success.n, limits: rateLimits }),
    t('report.md.metrics.viz', {
      rate: agg.vizCoverage.rate,
      successes: agg.vizCoverage.successes,
      n: agg.vizCoverage.n,
      unreadable: agg.vizApplicability.unreadable.attempts,
      limits: limitsOf(verdict.criteria, 'viz_coverage'),
    }),
    t('report.md.metrics.critical', { count: agg.critical.count, kinds }),
    t('report.md.metrics.flaky', { ids: agg.flaky.map((x) => mdText(x)).join(', ') }),
    '',
  )
  push(
    ...stageSection(model, agg, t, L),
    t('report.md.stages.total', { p95: lat.p95, censored: lat.p95Censored, budget: s.p95GoMs, limits: p95Limits }),
  )
  // What the stage figures leave out and why (reporters/stage-stats.ts), said under the table they concern.
  for (const n of verdict.notes) if (STAGE_FIGURE_NOTES.has(n.code)) push(`- ${mdText(say(n, L), 1000)}`)
  push('')
  push(t('report.md.by_category'))
  push(
    mdTable(
      [t('report.md.by_category.category'), t('report.md.by_category.questions'), t('report.md.by_category.success'), 'P50', 'P95', 'P99', 'n'],
      agg.categories.map((c) => [
        mdText(categoryTitle(c.id)),
        String(c.questions),
        // A category's rate and P95 beside the same thresholds: with one category they are the run's own figures.
        `${fmtAgainst(c.success.rate, 'ratio', L, rateLimits)} (${c.success.successes}/${c.success.n})`,
        fmtAtLeast(c.latency.p50, c.latency.p50Censored, L),
        `${c.latency.p95Censored && c.latency.p95 !== null ? '≥ ' : ''}${fmtAgainst(c.latency.p95, 'ms', L, p95Limits)}`,
        fmtAtLeast(c.latency.p99, c.latency.p99Censored, L),
        fmtInt(c.latency.n, L),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  )
  push(t('report.md.confusion'))
  const cf = agg.confusion
  if (cf.expected.length === 0) push(t('report.md.confusion.none'))
  else
    push(
      mdTable(
        [
          t('report.md.confusion.corner'),
          ...cf.observed.map((o) => mdText(intentText(o, L))),
          ...(cf.other ? [t('report.intents.other', { labels: cf.other.labels })] : []),
        ],
        cf.expected.map((e, i) => [
          mdText(intentText(e, L)),
          ...[...(cf.counts[i] ?? []), ...(cf.other ? [cf.other.counts[i] ?? 0] : [])].map((n) => (n === 0 ? '·' : String(n))),
        ]),
      ),
    )
  push(t('report.md.confusion.legend', { subtypeNotObservable: cf.subtypeNotObservable }), '')

  if (agg.comparison) push(comparisonMarkdown(agg.comparison, L, '##', { rate: rateLimits, p95: p95Limits }))

  // --- Recommandations
  push(t('report.md.recommendations'))
  const box = (d: string) => (verdict.decision === d ? '[x]' : '[ ]')
  const thresholds = { minSuccessRate: s.minSuccessRate, p95GoMs: s.p95GoMs, p95NoGoMs: s.p95NoGoMs }
  // The GO line says what a GO rests on: the criteria this run judges; a criterion it cannot judge is named instead.
  const unjudged = verdict.criteria.filter((c) => c.status === 'not-applicable')
  const go = {
    ...thresholds,
    ttfcGoMs: s.ttfcGoMs,
    judged: verdict.criteria.filter((c) => c.status !== 'not-applicable').map((c) => c.metric),
    notJudged: unjudged.map((c) => `${mdText(c.id)} ${mdText(say(c.name, L))}`),
  }
  // An exploratory run recommends nothing: no box, ticked or not, reads as a release decision.
  if (exploratory) push(`- ${mdText(exploratoryLine(model), 500)}`, `- ${t('gate.exploratory.no_verdict')}`, '')
  else
    push(
      `- ${box('GO')} ${t('report.md.recommend.go', go)}`,
      `- ${box('CONDITIONAL')} ${t('report.md.recommend.conditional', thresholds)}`,
      `- ${box('NO-GO')} ${t('report.md.recommend.nogo')}`,
      ...reasonLines,
      '',
    )

  // --- Confidence notes
  push(t('report.md.confidence'), t('report.md.confidence.percentiles'), t('report.md.confidence.intervals'))
  if (lat.weak.p95) push(t('report.md.confidence.weak_p95', { n: lat.n, min: WEAK_SUPPORT.p95 }))
  if (lat.weak.p99) push(t('report.md.confidence.weak_p99', { n: lat.n, min: WEAK_SUPPORT.p99 }))
  for (const c of verdict.criteria)
    for (const n of c.notes) push(t('report.md.confidence.criterion_note', { criterion: mdText(c.id), note: mdText(say(n, L), 1000) }))
  if (cf.subtypeNotObservable)
    push(
      t('report.md.confidence.subtype', {
        contract: mdText(model.target.contract),
        carriage: model.target.observes?.subtype ?? null,
        stream: model.settings.stream === true,
      }),
    )
  // The aggregate's lists: what one answer's wire left out is not "not observable" when the run shows the field.
  const unseen = agg.perQuestion.filter((q) => q.notObservable.length > 0)
  if (unseen.length > 0)
    push(
      t('report.md.confidence.not_observable', {
        contract: mdText(model.target.contract),
        items: unseen.map((q) => `${mdText(q.id)} (${q.notObservable.map((x) => mdText(x)).join(', ')})`).join(' · '),
      }),
    )
  if (agg.cacheSuspected)
    push(
      t('report.md.confidence.cache', {
        questions: agg.cacheSuspected.questions,
        ratio: agg.cacheSuspected.medianRatio,
        warmupMs: agg.cacheSuspected.medianWarmupMs,
      }),
    )
  // How busy the measuring client was (core/locale/performance.ts): its latencies may be inflated. What the wire
  // showed without failing (core/locale/transport.ts: duplicate keys).
  for (const n of verdict.notes) if (n.code.startsWith('performance.') || n.code.startsWith('transport.')) push(`- ⚠️ ${mdText(say(n, L), 1000)}`)
  const byBound = verdict.criteria.filter((c) => c.judgedOn === 'bound').map((c) => mdText(c.id))
  if (byBound.length) push(t('report.md.confidence.strict', { ids: byBound.join(', ') }))
  push('')
  return out.join('\n')
}
