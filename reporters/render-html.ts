// validation-report.html: one self-contained page for the release meeting — verdict banner first, criteria with
// their intervals, latency charts (inline SVG, drawn here: charts.ts), per-question evidence with the redacted body
// of each failed attempt (collapsible), the intent confusion table, sample-size notes and, with a baseline, what
// changed since the last run. No script at all and a Content-Security-Policy that forbids any: the page reads the
// same with JavaScript off, fetches nothing, and a hostile body can only ever be text (html.ts). See
// docs/html-report.md.
import type { Aggregate, QuestionSummary } from './aggregate.ts'
import {
  ecdfChart,
  type EcdfSeries,
  MAX_MARKS,
  stackedChart,
  stripChart,
  timelineChart,
  type ChartText,
  type Threshold,
  type TimePoint,
} from './charts.ts'
import type { ChangeLabel, Comparison, Delta } from './compare.ts'
import type { CriterionResult, Status, Verdict } from './decide.ts'
import '../core/locale/report.ts'
import '../core/locale/verdict.ts'
import '../core/locale/checks.ts'
import { fmtInt, fmtMs, fmtPct, fmtUnit } from '../core/locale/format.ts'
import { say } from '../core/locale/index.ts'
import { html, trustedConstant, type Html } from './html.ts'
import { categoryTitle, pick, type Locale } from './i18n.ts'
import { STAGE_NAMES, type AttemptRecord, type QuestionRecord, type RunModel } from '../core/model.ts'
import { PERCENTILE_METHOD, WEAK_SUPPORT } from '../core/percentile.ts'
import { safeBaseUrl } from '../core/safe-url.ts'

export interface HtmlInput {
  model: RunModel
  agg: Aggregate
  verdict: Verdict
  generatedAt: string
  /** Present when VALIDATION_BASELINE was given: the comparison and the baseline's measured latencies. */
  baseline?: { comparison: Comparison; latencies: readonly number[] } | null
}

/**
 * Room for failed-attempt bodies: each is cut at `chars`, and the escaped bodies of the whole page share
 * `totalBytes` (split evenly between the questions that have failures), which keeps 15 questions × 100 failed
 * attempts with hostile bodies under 2 MB. Identical bodies are shown once.
 */
/** Failed attempts detailed on the page (split between failing questions); the JSON report keeps them all. */
const MAX_ATTEMPT_DETAILS = 2000

/** Distinct failure reasons listed per question (each failed attempt below still lists all of its own). */
const MAX_REASONS = 10

export const BODY_LIMITS = { chars: 4096, totalBytes: 600_000 } as const

const statusWord = (status: Status, L: Locale): string => say({ code: `report.status.${status}`, params: {} }, L)

const CHANGE_WORD: Record<Locale, Record<ChangeLabel, string>> = {
  fr: { regression: 'régression', improvement: 'amélioration', no_change: 'pas de changement détectable' },
  en: { regression: 'regression', improvement: 'improvement', no_change: 'no detectable change' },
}

// The stylesheet is a constant of this file (no input reaches it). Print-friendly, no web font, no image.
export const CSS = `
:root{--go:#1a7f37;--warn:#9a6700;--nogo:#cf222e;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:var(--muted);font-size:13px}
.banner{border-radius:8px;padding:14px 18px;margin:14px 0;color:#fff}.banner.go{background:var(--go)}.banner.conditional{background:var(--warn)}.banner.nogo{background:var(--nogo)}
.banner .decision{font-size:28px;font-weight:700;letter-spacing:.5px}.banner ul{margin:6px 0 0;padding-left:20px}.banner .tag{display:inline-block;background:rgba(255,255,255,.2);border-radius:4px;padding:1px 8px;margin-left:10px;font-size:13px;vertical-align:middle}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--bg)}td.num{text-align:right;white-space:nowrap}
.pass{color:var(--go)}.warn,.inconclusive,.not-applicable{color:var(--warn)}.fail{color:var(--nogo)}.st{font-weight:600}
.regression{color:var(--nogo);font-weight:600}.improvement{color:var(--go);font-weight:600}.no_change{color:var(--muted)}
details{margin:4px 0}summary{cursor:pointer}details.question{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:8px 0}details.question.failed{border-left:4px solid var(--nogo)}
pre.body{background:var(--bg);border:1px solid var(--line);padding:8px;white-space:pre-wrap;word-break:break-all;max-height:420px;overflow:auto;font-size:12px}
.notes li{margin:2px 0}.muted{color:var(--muted)}
svg.chart{max-width:100%;height:auto;display:block;margin:6px 0;font:11px system-ui,sans-serif}
svg .axis line{stroke:#8c959f}svg .axis text{fill:#57606a}svg .grid{stroke:#eaeef2}
svg .threshold line{stroke-width:1.5;stroke-dasharray:5 3}svg .threshold.go line{stroke:var(--warn)}svg .threshold.nogo line{stroke:var(--nogo)}svg .threshold.budget line{stroke:#6e7781}
svg .threshold.go text{fill:var(--warn)}svg .threshold.nogo text{fill:var(--nogo)}svg .threshold.budget text{fill:#6e7781}
svg .p95line line{stroke:#8c959f;stroke-dasharray:2 3}svg .p95line text{fill:#57606a}
svg path.ecdf{fill:none;stroke-width:2}svg path.ecdf.current,svg .legend.current line{stroke:#0969da;stroke-width:2}svg path.ecdf.baseline,svg .legend.baseline line{stroke:#8250df;stroke-dasharray:6 3;stroke-width:2}
svg .censored path{fill:var(--nogo)}svg .censored text{fill:var(--nogo)}
svg .dot{fill:#0969da;fill-opacity:.45}svg .dot.censored{fill:none;stroke:var(--nogo);stroke-width:1.5}svg .tick line{stroke-width:2.5}svg .tick.p50 line{stroke:#1f2328}svg .tick.p95 line{stroke:var(--nogo)}
svg .seg.s0{fill:#54aeff}svg .seg.s1{fill:#4ac26b}svg .seg.s2{fill:#d4a72c}svg .seg.s3{fill:#bf8700}svg .seg.s4{fill:#a475f9}
svg .pt.ok{fill:#1a7f37;fill-opacity:.7}svg .pt.ko{fill:var(--nogo);fill-opacity:.8}svg .pt.warmup{fill-opacity:.2;stroke:#57606a}
@media print{details{break-inside:avoid}details:not([open])>*:not(summary){display:block}}
`

/** Strict CSP: no script of any kind, no network of any kind; only this page's own inline style and SVG. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const decisionClass = (d: Verdict['decision']): string => (d === 'GO' ? 'go' : d === 'CONDITIONAL' ? 'conditional' : 'nogo')

function observedText(c: CriterionResult, L: Locale): string {
  return `${c.censored && c.observed !== null ? '≥ ' : ''}${fmtUnit(c.observed, c.unit, L)}`
}

function intervalText(c: CriterionResult, L: Locale): string {
  if (!c.interval || (c.interval.lower === null && c.interval.upper === null)) return '—'
  const f = (x: number | null) => (x === null ? (c.unit === 'ms' ? '∞' : '?') : fmtUnit(x, c.unit, L))
  return `[${f(c.interval.lower)} ; ${f(c.interval.upper)}] (${c.interval.method})`
}

function chartText(L: Locale, title: string): ChartText {
  return {
    title,
    xLabel: pick(L, 'latence', 'latency'),
    fmtMs: (v) => (v === 0 ? '0' : fmtMs(v, L)),
    fmtPct: (v) => fmtPct(v, L, 0),
    censoredLabel: (n, at) => pick(L, `${n} timeout(s), valeur réelle ≥ ${at}`, `${n} timeout(s), true value ≥ ${at}`),
  }
}

function thresholdsOf(model: RunModel, L: Locale): Threshold[] {
  const s = model.settings
  return [
    { value: s.p95GoMs, label: pick(L, `GO ≤ ${fmtMs(s.p95GoMs, L)}`, `GO ≤ ${fmtMs(s.p95GoMs, L)}`), kind: 'go' },
    { value: s.p95NoGoMs, label: pick(L, `NO-GO > ${fmtMs(s.p95NoGoMs, L)}`, `NO-GO > ${fmtMs(s.p95NoGoMs, L)}`), kind: 'nogo' },
  ]
}

/** Latency of a measured attempt as the statistics count it: a timeout at the timeout (censored). */
const countedLatency = (a: AttemptRecord, timeoutMs: number): number => (a.timedOut ? Math.max(a.latencyMs, timeoutMs) : a.latencyMs)

const measured = (q: QuestionRecord): AttemptRecord[] => q.attempts.filter((a) => !a.warmup)

/** Time to the first chunk of answer text of a streamed answer (core/model.ts StreamRecord); null otherwise. */
function ttfcOf(a: AttemptRecord): number | null {
  const v = a.stream?.firstContentMs
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function banner(input: HtmlInput): Html {
  const { model, verdict } = input
  const L = model.settings.locale
  const failing = verdict.criteria.filter((c) => c.status !== 'pass')
  const tags = [
    model.target.embedded ? pick(L, 'service de référence', 'reference service') : null,
    verdict.complete ? null : pick(L, 'exécution incomplète', 'incomplete run'),
    model.settings.strict ? pick(L, 'mode strict', 'strict mode') : null,
  ].filter((t): t is string => t !== null)
  return html`<section class="banner ${decisionClass(verdict.decision)}" id="verdict" data-decision="${verdict.decision}">
<div><span class="decision">${verdict.decision}</span>${tags.map((t) => html`<span class="tag">${t}</span>`)}<span class="tag">exit ${verdict.exitCode}</span></div>
${
  verdict.reasons.length
    ? html`<ul>${verdict.reasons.map((r) => html`<li data-code="${r.code}">${say(r, L)}</li>`)}</ul>`
    : html`<p>${pick(L, 'Tous les critères sont satisfaits.', 'Every criterion passes.')}</p>`
}
${failing.length && !verdict.reasons.length ? html`<ul>${failing.map((c) => html`<li>${c.id} ${say(c.name, L)}: ${statusWord(c.status, L)}</li>`)}</ul>` : ''}
</section>`
}

function criteriaTable(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const head = pick(
    L,
    ['Critère', 'Observé', 'IC 95 %', 'Seuil', 'Statut', 'Échantillons nécessaires', 'Note'],
    ['Criterion', 'Observed', '95 % CI', 'Threshold', 'Status', 'Samples needed', 'Note'],
  )
  return html`<table id="criteria"><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${input.verdict.criteria.map(
    (c) =>
      html`<tr class="criterion" data-id="${c.id}" data-status="${c.status}"><td>${c.id} ${say(c.name, L)}</td><td class="num">${observedText(c, L)}</td><td>${intervalText(c, L)}</td><td><code>${c.threshold.pass}</code>${c.threshold.warn ? html` / <code>${c.threshold.warn}</code>` : ''}${c.judgedOn === 'bound' ? pick(L, ' (borne)', ' (bound)') : ''}</td><td class="st ${c.status}">${statusWord(c.status, L)}</td><td class="num">${c.samplesNeeded === null ? '—' : fmtInt(c.samplesNeeded, L)}</td><td>${c.notes.map((n) => say(n, L)).join(' ')}</td></tr>`,
  )}</tbody></table>`
}

function deltaRow(name: string, d: Delta, L: Locale, fmt: (x: number | null) => string, fmtDelta: (x: number) => string): Html {
  const iv = d.interval ? `[${fmtDelta(d.interval.lower)} ; ${fmtDelta(d.interval.upper)}]` : '—'
  const rel = d.relative !== null ? ` (${d.relative >= 0 ? '+' : ''}${fmtPct(d.relative, L)})` : ''
  return html`<tr data-metric="${name}" data-label="${d.label}"><td>${name}</td><td class="num">${fmt(d.before)}</td><td class="num">${fmt(d.after)}</td><td class="num">${d.delta === null ? '—' : `${fmtDelta(d.delta)}${rel}`}</td><td class="num">${iv}</td><td class="${d.label}">${CHANGE_WORD[L][d.label]}</td></tr>`
}

function comparisonSection(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const b = input.baseline
  if (!b) return html``
  const c = b.comparison
  const signed = (x: number, f: (v: number) => string) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`
  const ms = (x: number | null) => fmtMs(x, L)
  const pct = (x: number | null) => fmtPct(x, L)
  const qList = (qs: Comparison['newlyFailing']) => html`<ul>${qs.map((q) => html`<li><code>${q.id}</code> ${q.message}</li>`)}</ul>`
  return html`<section id="comparison"><h2>${pick(L, 'Comparaison avec la référence (baseline)', 'Comparison with the baseline')}</h2>
<p class="meta">${pick(L, 'Référence', 'Baseline')} : ${c.baseline.generatedAt ?? '?'} — ${c.baseline.decision ?? '?'} — ${fmtInt(c.baseline.attempts, L)} ${pick(L, 'tentatives mesurées ; cette exécution', 'measured attempts; this run')} ${fmtInt(c.current.attempts, L)}.</p>
<table><thead><tr>${pick(L, ['Mesure', 'Référence', 'Maintenant', 'Différence', 'IC 95 % de la différence', 'Verdict'], ['Metric', 'Baseline', 'Now', 'Difference', '95 % CI of the difference', 'Verdict']).map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
${deltaRow(pick(L, 'Taux de succès', 'Success rate'), c.successRate, L, pct, (x) => signed(x, (v) => fmtPct(v, L)))}
${deltaRow('P50', c.p50, L, ms, (x) => signed(x, (v) => fmtMs(v, L)))}
${deltaRow('P95', c.p95, L, ms, (x) => signed(x, (v) => fmtMs(v, L)))}
</tbody></table>
<p>${pick(L, 'Questions passées de OK à échec', 'Questions that passed and now fail')} (${c.newlyFailing.length})${c.newlyFailing.length ? qList(c.newlyFailing) : ' : —'}</p>
<p>${pick(L, "Questions passées d'échec à OK", 'Questions that failed and now pass')} (${c.newlyPassing.length})${c.newlyPassing.length ? qList(c.newlyPassing) : ' : —'}</p>
<p class="muted">${c.method.latency}; ${c.method.rate}. ${pick(L, `Tolérance de régression de la P95 : ${fmtPct(c.maxRegression, L)} (VALIDATION_MAX_REGRESSION).`, `P95 regression allowance: ${fmtPct(c.maxRegression, L)} (VALIDATION_MAX_REGRESSION).`)}</p>
</section>`
}

function latencySection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const timeoutMs = model.settings.timeoutMs
  const values: number[] = []
  const ttfc: number[] = []
  let censored = 0
  for (const q of model.questions)
    for (const a of q.attempts) {
      if (a.warmup) continue
      values.push(countedLatency(a, timeoutMs))
      if (a.timedOut) censored++
      const t = ttfcOf(a)
      if (t !== null) ttfc.push(t)
    }
  const series: EcdfSeries[] = [
    { label: pick(L, 'cette exécution', 'this run'), values, censored, censoredAt: censored ? timeoutMs : null, kind: 'current' },
  ]
  if (input.baseline)
    series.push({ label: pick(L, 'référence', 'baseline'), values: input.baseline.latencies, censored: 0, censoredAt: null, kind: 'baseline' })
  const lat = agg.latency
  return html`<section id="latency"><h2>${pick(L, 'Latence de bout en bout', 'End-to-end latency')}</h2>
<p>P50 ${fmtMs(lat.p50, L)} · P95 ${lat.p95Censored ? '≥ ' : ''}${fmtMs(lat.p95, L)} · P99 ${fmtMs(lat.p99, L)} · max ${fmtMs(lat.max, L)} · n = ${fmtInt(lat.n, L)}${lat.censored ? pick(L, ` · ${lat.censored} timeout(s) comptés à ${fmtMs(timeoutMs, L)} (censurés)`, ` · ${lat.censored} timeout(s) counted at ${fmtMs(timeoutMs, L)} (censored)`) : ''}</p>
${
  values.length
    ? ecdfChart(
        series,
        thresholdsOf(model, L),
        chartText(
          L,
          pick(
            L,
            'Distribution cumulée des latences (toutes les tentatives mesurées, échecs compris)',
            'Cumulative distribution of latencies (all measured attempts, failures included)',
          ),
        ),
      )
    : html`<p class="muted">${pick(L, 'Aucune tentative mesurée.', 'No measured attempt.')}</p>`
}
${
  ttfc.length
    ? html`<h3>${pick(L, 'Temps jusqu’au premier fragment (streaming)', 'Time to first chunk (streaming)')}</h3><p>P50 ${fmtMs(percentile(ttfc, 0.5), L)} · P95 ${fmtMs(percentile(ttfc, 0.95), L)} · n = ${ttfc.length}</p>${ecdfChart(
        [{ label: 'TTFC', values: ttfc, censored: 0, censoredAt: null, kind: 'current' }],
        [],
        chartText(L, pick(L, 'Distribution cumulée du temps jusqu’au premier fragment', 'Cumulative distribution of the time to first chunk')),
      )}`
    : ''
}
</section>`
}

function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null
  const v = [...xs].sort((a, b) => a - b)
  const h = p * (v.length - 1)
  const lo = Math.floor(h)
  return (v[lo] as number) + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)] as number) - (v[lo] as number))
}

function categorySection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const timeoutMs = model.settings.timeoutMs
  const byCategory = new Map<string, { values: number[]; censored: number[] }>()
  for (const q of model.questions) {
    let entry = byCategory.get(q.category)
    if (!entry) byCategory.set(q.category, (entry = { values: [], censored: [] }))
    for (const a of q.attempts) {
      if (a.warmup) continue
      if (a.timedOut) entry.censored.push(countedLatency(a, timeoutMs))
      else entry.values.push(a.latencyMs)
    }
  }
  const rows = agg.categories.map((c) => ({
    label: categoryTitle(c.id),
    values: byCategory.get(c.id)?.values ?? [],
    censored: byCategory.get(c.id)?.censored ?? [],
    p50: c.latency.p50,
    p95: c.latency.p95,
  }))
  return html`<section id="categories"><h2>${pick(L, 'Par catégorie', 'Per category')}</h2>
${rows.some((r) => r.values.length + r.censored.length > 0) ? stripChart('categories', rows, thresholdsOf(model, L), chartText(L, pick(L, 'Latence par catégorie (points : tentatives ; traits : P50 et P95 ; cercles vides : timeouts)', 'Latency per category (dots: attempts; ticks: P50 and P95; hollow circles: timeouts)'))) : ''}
<table><thead><tr>${pick(L, ['Catégorie', 'Questions', 'Succès', 'IC 95 %', 'P50', 'P95', 'n'], ['Category', 'Questions', 'Success', '95 % CI', 'P50', 'P95', 'n']).map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${agg.categories.map(
    (c) =>
      html`<tr><td>${categoryTitle(c.id)}</td><td class="num">${c.questions}</td><td class="num">${fmtPct(c.success.rate, L)} (${c.success.successes}/${c.success.n})</td><td class="num">[${fmtPct(c.success.interval.lower, L)} ; ${fmtPct(c.success.interval.upper, L)}]</td><td class="num">${fmtMs(c.latency.p50, L)}</td><td class="num">${fmtMs(c.latency.p95, L)}</td><td class="num">${c.latency.n}</td></tr>`,
  )}</tbody></table></section>`
}

function stageSection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const reported = STAGE_NAMES.filter((s) => agg.stages[s].reported)
  /** Mean of each stage over the question's measured attempts (null: never reported), in one pass. */
  const means = (q: QuestionRecord): Array<number | null> => {
    const sum = STAGE_NAMES.map(() => 0)
    const n = STAGE_NAMES.map(() => 0)
    for (const a of q.attempts) {
      if (a.warmup) continue
      STAGE_NAMES.forEach((s, i) => {
        const v = a.stages[s]
        if (typeof v === 'number' && Number.isFinite(v)) {
          sum[i] = (sum[i] as number) + v
          n[i] = (n[i] as number) + 1
        }
      })
    }
    return sum.map((x, i) => ((n[i] as number) > 0 ? x / (n[i] as number) : null))
  }
  const rows = [
    { label: pick(L, 'budget du plan', 'plan budget'), values: STAGE_NAMES.map((s) => agg.stages[s].budgetMs) },
    { label: 'P50', values: STAGE_NAMES.map((s) => agg.stages[s].p50) },
    { label: 'P95', values: STAGE_NAMES.map((s) => agg.stages[s].p95) },
    ...model.questions.filter((q) => q.attempts.some((a) => !a.warmup)).map((q) => ({ label: q.id, values: means(q) })),
  ]
  const total: Threshold = {
    value: model.settings.p95GoMs,
    label: pick(L, `total ${fmtMs(model.settings.p95GoMs, L)}`, `total ${fmtMs(model.settings.p95GoMs, L)}`),
    kind: 'budget',
  }
  return html`<section id="stages"><h2>${pick(L, 'Par étape du pipeline', 'Per pipeline stage')}</h2>
${
  reported.length
    ? stackedChart(
        [...STAGE_NAMES],
        rows,
        [total],
        chartText(
          L,
          pick(
            L,
            'Étapes empilées : budget du plan, P50 et P95 par étape, puis moyenne par question',
            'Stacked stages: plan budget, P50 and P95 per stage, then the mean per question',
          ),
        ),
      )
    : html`<p class="muted">${pick(L, 'Le service ne rapporte pas ses étapes (pas d’en-tête Server-Timing).', 'The service reports no stage timings (no Server-Timing header).')}</p>`
}
<table><thead><tr>${pick(L, ['Étape', 'P50', 'P95', 'Budget', 'n'], ['Stage', 'P50', 'P95', 'Budget', 'n']).map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${STAGE_NAMES.map(
    (s) => {
      const st = agg.stages[s]
      const over = st.reported && st.p95 !== null && st.p95 > st.budgetMs
      return html`<tr><td>${s}</td><td class="num">${st.reported ? fmtMs(st.p50, L) : pick(L, 'non rapportée', 'not reported')}</td><td class="num ${over ? 'fail' : ''}">${fmtMs(st.p95, L)}</td><td class="num">${fmtMs(st.budgetMs, L)}</td><td class="num">${st.n}</td></tr>`
    },
  )}</tbody></table></section>`
}

function timelineSection(input: HtmlInput): Html {
  const { model } = input
  const L = model.settings.locale
  const t0 = Date.parse(model.startedAt)
  // Thinned while collecting (every k-th passed request, every j-th failed one): a 10⁶-attempt run builds only
  // the marks it draws.
  let okCount = 0
  let koCount = 0
  for (const q of model.questions) for (const a of [...q.warmups, ...q.attempts]) a.ok ? okCount++ : koCount++
  const okStep = Math.max(1, Math.ceil(okCount / (MAX_MARKS / 2)))
  const koStep = Math.max(1, Math.ceil(koCount / (MAX_MARKS / 2)))
  const points: TimePoint[] = []
  let order = 0
  let okSeen = 0
  let koSeen = 0
  for (const q of model.questions) {
    for (const a of [...q.warmups, ...q.attempts]) {
      order++
      if (a.ok ? okSeen++ % okStep !== 0 : koSeen++ % koStep !== 0) continue
      const t = Date.parse(a.startedAt) - t0
      points.push({
        t: Number.isFinite(t) && t >= 0 ? t : order,
        latency: countedLatency(a, model.settings.timeoutMs),
        ok: a.ok,
        timedOut: a.timedOut,
        warmup: a.warmup,
        label: `${q.id} #${a.index}${a.warmup ? pick(L, ' (échauffement)', ' (warm-up)') : ''}`,
      })
    }
  }
  if (points.length === 0) return html``
  return html`<section id="timeline"><h2>${pick(L, 'Tentatives dans le temps', 'Attempts over time')}</h2>${timelineChart(
    points,
    thresholdsOf(model, L),
    {
      ...chartText(
        L,
        pick(
          L,
          'Chaque requête à son heure de départ (vert : réussie, rouge : échouée, pâle : échauffement, triangle : timeout)',
          'Each request at its start time (green: passed, red: failed, faint: warm-up, triangle: timeout)',
        ),
      ),
      fmtTime: (ms) => `${fmtInt(Math.round(ms / 1000), L)} s`,
      timeLabel: pick(L, 'depuis le début', 'since start'),
    },
  )}</section>`
}

/** A body as readable as possible: JSON pretty-printed when it parses, the bounded text otherwise. */
function bodyText(raw: string): string {
  const cut = raw.length > BODY_LIMITS.chars ? `${raw.slice(0, BODY_LIMITS.chars)}…` : raw
  try {
    return JSON.stringify(JSON.parse(raw), null, 2).slice(0, BODY_LIMITS.chars)
  } catch {
    return cut
  }
}

function failedAttempts(q: QuestionRecord, L: Locale, budget: number, maxDetails: number): Html {
  const allFailed = measured(q).filter((a) => !a.ok)
  const failed = allFailed.slice(0, maxDetails)
  const shownBodies = new Map<string, number>()
  let spent = 0
  const items = failed.map((a) => {
    const body = a.evidence?.bodyHead
    const observed = a.intent
      ? `${a.intent.group}${a.intent.subtype ? `.${a.intent.subtype}` : ''}`
      : a.fallback
        ? 'fallback'
        : pick(L, 'pas d’intention', 'no intent')
    const head = html`#${a.index} — ${a.httpStatus === null ? pick(L, 'pas de réponse', 'no response') : `HTTP ${a.httpStatus}`} — ${fmtMs(a.latencyMs, L)}${a.timedOut ? ' (timeout)' : ''}${a.critical ? html` — <strong>${a.critical}</strong>` : ''} — ${observed.slice(0, 80)}`
    const reasons = html`<ul>${a.failures.map((f) => html`<li>${say(f, L)}</li>`)}</ul>${a.evidence?.issues?.length ? html`<ul>${a.evidence.issues.map((i) => html`<li><code>${i}</code></li>`)}</ul>` : ''}${a.evidence?.error ? html`<p><code>${a.evidence.error}</code></p>` : ''}`
    let bodyPart: Html = html`<p class="muted">${pick(L, 'Pas de corps conservé.', 'No body kept.')}</p>`
    if (body !== undefined) {
      const same = shownBodies.get(body)
      const pre = same === undefined ? html`<pre class="body">${bodyText(body)}</pre>` : null
      if (same !== undefined)
        bodyPart = html`<p class="muted">${pick(L, `Même corps que la tentative #${same}.`, `Same body as attempt #${same}.`)}</p>`
      else if (pre !== null && spent + pre.value.length > budget)
        bodyPart = html`<p class="muted">${pick(L, 'Corps omis (limite de taille du rapport).', 'Body left out (report size limit).')}</p>`
      else if (pre !== null) {
        shownBodies.set(body, a.index)
        spent += pre.value.length
        bodyPart = pre
      }
    }
    return html`<details class="attempt failed" data-attempt="${a.index}"><summary>${head}</summary>${reasons}${bodyPart}</details>`
  })
  const more = allFailed.length - failed.length
  return html`${items}${more > 0 ? html`<p class="muted">${pick(L, `… ${more} autre(s) tentative(s) en échec : voir validation-report.json.`, `… ${more} more failed attempt(s): see validation-report.json.`)}</p>` : ''}`
}

function expectedVsObserved(q: QuestionRecord, s: QuestionSummary, L: Locale): Html {
  const viz = new Set<string>()
  const data = new Set<string>()
  for (const a of q.attempts) {
    if (a.warmup || viz.size > 20) continue
    viz.add(a.visualizations.join(', ') || '—')
    data.add(a.dataPresentation ? 'DATA_PRESENTATION' : '—')
  }
  const expectedData =
    q.expectsData === null ? '—' : q.expectsData ? 'DATA_PRESENTATION' : pick(L, 'pas de DATA_PRESENTATION', 'not DATA_PRESENTATION')
  const observedData = [...data].join(', ')
  return html`<table class="evo"><thead><tr><th></th><th>${pick(L, 'Attendu', 'Expected')}</th><th>${pick(L, 'Observé', 'Observed')}</th></tr></thead><tbody>
<tr><th>Intent</th><td>${q.expectedIntent ?? '—'}${q.expectedIntent && !q.subtypeObservable ? pick(L, ' (groupe seulement : sous-type non observable)', ' (group only: subtype not observable)') : ''}</td><td>${s.observedIntents.map((i) => `${i.label} ×${i.count}`).join(', ') || '—'}</td></tr>
<tr><th>${pick(L, 'Présentation', 'Presentation')}</th><td>${expectedData}</td><td>${observedData || '—'}</td></tr>
<tr><th>${pick(L, 'Visualisations', 'Visualizations')}</th><td>—</td><td>${[...viz].join(' | ')}</td></tr>
</tbody></table>`
}

function questionSection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const byId = new Map(agg.perQuestion.map((q) => [q.id, q]))
  const failing = Math.max(1, agg.perQuestion.filter((q) => q.passed < q.executed).length)
  const bodyBudget = BODY_LIMITS.totalBytes / failing
  const detailsPerQuestion = Math.max(20, Math.floor(MAX_ATTEMPT_DETAILS / failing))
  const summaryRows = agg.perQuestion.map(
    (s) =>
      html`<tr><td><a href="#q-${s.id}">${s.id}</a></td><td>${categoryTitle(s.category)}</td><td>${s.message}</td><td class="num ${s.success ? 'pass' : 'fail'}">${s.passed}/${s.planned}${s.flaky ? pick(L, ' (instable)', ' (flaky)') : ''}</td><td class="num">${fmtMs(s.latency.p50, L)}</td><td>${s.failures[0]?.reason ?? ''}</td></tr>`,
  )
  const blocks = model.questions.map((q) => {
    const s = byId.get(q.id)
    if (!s) return html``
    return html`<details class="question ${s.success ? 'passed' : 'failed'}" id="q-${q.id}" data-question="${q.id}"${s.success ? '' : html` open`}><summary><strong>${q.id}</strong> — ${q.message} — <span class="${s.success ? 'pass' : 'fail'}">${s.passed}/${s.planned}</span></summary>
${expectedVsObserved(q, s, L)}
${s.failures.length ? html`<h3>${pick(L, 'Raisons d’échec', 'Failure reasons')}</h3><ul>${s.failures.slice(0, MAX_REASONS).map((f) => html`<li>${f.reason} <span class="muted">×${f.count}</span></li>`)}${s.failures.length > MAX_REASONS ? html`<li class="muted">${pick(L, `… ${s.failures.length - MAX_REASONS} autre(s) : voir chaque tentative ci-dessous`, `… ${s.failures.length - MAX_REASONS} more: see each attempt below`)}</li>` : ''}</ul>` : ''}
${s.executed < s.planned ? html`<p class="fail">${pick(L, `${s.planned - s.executed} tentative(s) prévue(s) non exécutée(s).`, `${s.planned - s.executed} planned attempt(s) not executed.`)}</p>` : ''}
${failedAttempts(q, L, bodyBudget, detailsPerQuestion)}
</details>`
  })
  return html`<section id="questions"><h2>${pick(L, 'Par question', 'Per question')}</h2>
<table><thead><tr>${pick(L, ['Question', 'Catégorie', 'Message', 'Succès', 'P50', 'Première raison d’échec'], ['Question', 'Category', 'Message', 'Success', 'P50', 'First failure reason']).map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${summaryRows}</tbody></table>
${blocks}</section>`
}

function confusionSection(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const c = input.agg.confusion
  if (c.expected.length === 0) return html``
  return html`<section id="confusion"><h2>${pick(L, 'Matrice de confusion des intentions', 'Intent confusion table')}</h2>
<table><thead><tr><th>${pick(L, 'attendu \\ observé', 'expected \\ observed')}</th>${c.observed.map((o) => html`<th>${o}</th>`)}</tr></thead><tbody>${c.expected.map(
    (e, i) =>
      html`<tr><th>${e}</th>${c.observed.map((o, j) => {
        const n = c.counts[i]?.[j] ?? 0
        const hit = e === o || e.split('.')[0] === o
        return html`<td class="num ${n > 0 && !hit && e !== '(none)' ? 'fail' : ''}">${n || ''}</td>`
      })}</tr>`,
  )}</tbody></table>${c.subtypeNotObservable ? html`<p class="muted">${pick(L, 'Sous-type non observable sur ce contrat : comparaison au niveau du groupe.', 'Subtype not observable on this contract: compared at group level.')}</p>` : ''}</section>`
}

function notesSection(input: HtmlInput): Html {
  const { agg, verdict, model } = input
  const L = model.settings.locale
  // Each criterion's own notes (samples needed, no upper bound yet) are in its row; here the run's observations.
  const notes: string[] = verdict.notes.map((n) => say(n, L))
  if (agg.latency.n > 0 && agg.latency.n < WEAK_SUPPORT.p95)
    notes.push(pick(L, `P95 sur ${agg.latency.n} échantillons : faiblement étayée.`, `P95 from ${agg.latency.n} samples: weakly supported.`))
  if (agg.latency.n > 0 && agg.latency.n < WEAK_SUPPORT.p99)
    notes.push(pick(L, `P99 sur ${agg.latency.n} échantillons : indicative seulement.`, `P99 from ${agg.latency.n} samples: indicative only.`))
  for (const c of verdict.criteria)
    if (c.samplesNeeded !== null && c.samplesNeeded > agg.executed)
      notes.push(
        pick(
          L,
          `${c.id} : ≈ ${fmtInt(c.samplesNeeded, L)} échantillons rendraient ce critère concluant (actuellement ${fmtInt(agg.executed, L)}).`,
          `${c.id}: ≈ ${fmtInt(c.samplesNeeded, L)} samples would make this criterion conclusive (now ${fmtInt(agg.executed, L)}).`,
        ),
      )
  return html`<section id="notes"><h2>${pick(L, 'Taille d’échantillon et méthode', 'Sample size and method')}</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}<li class="muted">${pick(L, 'Percentiles', 'Percentiles')} : ${PERCENTILE_METHOD}.</li></ul></section>`
}

function fmtDuration(ms: number, L: Locale): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${fmtInt(s, L)} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

export function renderHtml(input: HtmlInput): string {
  const { model, verdict } = input
  const L = model.settings.locale
  const title = pick(L, `Rapport de validation Harena — ${verdict.decision}`, `Harena validation report — ${verdict.decision}`)
  const target = model.target.embedded ? pick(L, 'service de référence embarqué', 'embedded reference service') : safeBaseUrl(model.target.baseUrl)
  const head = trustedConstant(
    `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><style>${CSS}</style>`,
  )
  const page = html`<!doctype html>
<html lang="${L}"><head>${head}<title>${title}</title></head>
<body>
<header><h1>${pick(L, 'Rapport de validation Harena', 'Harena validation report')}</h1>
<p class="meta">${input.generatedAt} · ${pick(L, 'cible', 'target')} : ${target} (${model.target.contract}) · ${fmtInt(input.agg.executed, L)}/${fmtInt(input.agg.planned, L)} ${pick(L, 'tentatives', 'attempts')} · ${pick(L, 'durée', 'duration')} ${fmtDuration(model.durationMs, L)}</p></header>
${banner(input)}
<section id="criteria-section"><h2>${pick(L, 'Critères', 'Criteria')}</h2>${criteriaTable(input)}</section>
${comparisonSection(input)}
${latencySection(input)}
${categorySection(input)}
${stageSection(input)}
${timelineSection(input)}
${questionSection(input)}
${confusionSection(input)}
${notesSection(input)}
<footer class="meta"><p>${pick(L, 'Page autonome : aucun script, aucune ressource externe.', 'Self-contained page: no script, no external resource.')}</p></footer>
</body></html>
`
  return page.value
}
