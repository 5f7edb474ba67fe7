// validation-report.html: one self-contained page for the release meeting — verdict banner first, criteria with
// their intervals, latency charts (inline SVG, drawn here: charts.ts), per-question evidence with the redacted body
// of each failed attempt (collapsible), the intent confusion table, sample-size notes and, with a baseline, what
// changed since the last run. No script at all and a Content-Security-Policy that forbids any: the page reads the
// same with JavaScript off, fetches nothing, and a hostile body can only ever be text (html.ts). See
// docs/html-report.md.
import { type Aggregate, FALLBACK_CLASS, type QuestionSummary } from './aggregate.ts'
import {
  ecdfChart,
  type EcdfSeries,
  MAX_MARKS,
  stackedChart,
  thinnedAt,
  stripChart,
  timelineChart,
  type ChartText,
  type Threshold,
  type TimePoint,
} from './charts.ts'
import type { Comparison, Delta } from './compare.ts'
import { changeWord, comparisonHeaders, comparisonMethod, rateLimitedUnknown, unrecordedWarning } from './render-comparison.ts'
import type { CriterionResult, Status, Verdict } from './decide.ts'
import '../core/locale/report.ts'
import { looserLine } from './looser.ts'
import { shardsLine } from './shard-provenance.ts'
import { appliedLoadLine } from './applied-load.ts'
import { exploratoryLine } from './render-gate.ts'
import '../core/locale/verdict.ts'
import '../core/locale/checks.ts'
import '../core/locale/html.ts'
import '../core/locale/gate.ts'
import { fmtAgainst, fmtAtLeast, fmtInt, fmtMs, fmtPct } from '../core/locale/format.ts'
import { type Locale, say } from '../core/locale/index.ts'
import type { ReasonParam } from '../core/reason.ts'
import { html, trustedConstant, type Html } from './html.ts'
import { formatDuration } from '../core/duration.ts'
import { categoryTitle, intentText } from './i18n.ts'
import { STAGE_NAMES, type AttemptRecord, attemptNumber, type QuestionRecord, type RunModel, type StageName } from '../core/model.ts'
import { stageTrust } from '../core/stage-figures.ts'
import { safeBaseUrl } from '../core/safe-url.ts'
import { intervalFigure, limitsOf, observedFigure, samplesFigure } from './figures.ts'
import { measuredLatency, notMeasured } from '../core/measured.ts'

export interface HtmlInput {
  model: RunModel
  agg: Aggregate
  verdict: Verdict
  generatedAt: string
  /** Present when VALIDATION_BASELINE was given: the comparison and the baseline's measured latencies. */
  baseline?: { comparison: Comparison; latencies: readonly number[] } | null
}

/** Failed attempts detailed on the page (split between failing questions); the JSON report keeps them all. */
const MAX_ATTEMPT_DETAILS = 2000

/** Distinct failure reasons listed per question (each failed attempt below still lists all of its own). */
const MAX_REASONS = 10

/**
 * Room for failed-attempt bodies: each is cut at `chars`, and the escaped bodies of the whole page share
 * `totalBytes` (split evenly between the questions that have failures), which keeps 15 questions × 100 failed
 * attempts with hostile bodies under 2 MB. Identical bodies are shown once.
 */
export const BODY_LIMITS = { chars: 4096, totalBytes: 600_000 } as const

/** A word or sentence of the page, from the catalogue (core/locale/html.ts and report.ts) in the page's language. */
const word = (L: Locale, code: string, params: Record<string, ReasonParam> = {}): string => say({ code, params }, L)

const statusWord = (status: Status, L: Locale): string => word(L, `report.status.${status}`)

/** Table headers: a catalogue code (it has a dot), or a label both languages write alike (P50, n). */
const headers = (L: Locale, codes: readonly string[]): Html => html`${codes.map((c) => html`<th>${c.includes('.') ? word(L, c) : c}</th>`)}`

// The stylesheet is a constant of this file (no input reaches it). Print-friendly, no web font, no image.
export const CSS = `
:root{--go:#1a7f37;--warn:#9a6700;--nogo:#cf222e;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:var(--muted);font-size:13px}
.banner{border-radius:8px;padding:14px 18px;margin:14px 0;color:#fff}.banner.go{background:var(--go)}.banner.conditional{background:var(--warn)}.banner.nogo{background:var(--nogo)}.banner.exploratory{background:var(--muted)}.banner.running{background:#0969da}
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
.table-wrap{overflow-x:auto;max-width:100%;margin:6px 0 10px}.table-wrap>table{margin:0}
.banner .label{font-size:13px;font-weight:600;margin-right:8px;text-transform:uppercase;letter-spacing:.5px}
p,li,summary,h1,h2,h3{overflow-wrap:break-word}
@media print{
body{max-width:none;padding:0}
.banner{print-color-adjust:exact;-webkit-print-color-adjust:exact;border:2px solid #1f2328}
.table-wrap{overflow:visible}.table-wrap>table{width:100%;font-size:10px}th,td{padding:2px 4px;overflow-wrap:anywhere}td.num{white-space:normal}
pre.body{max-height:none;overflow:visible}
details{break-inside:avoid}details::details-content{content-visibility:visible;display:block}details:not([open])>*:not(summary){display:block}
}
`

/** Strict CSP: no script of any kind, no network of any kind; only this page's own inline style and SVG. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/** The page's <head> content but its title: charset, the CSP, viewport, no referrer, the style sheet (constants only). */
export const PAGE_HEAD = trustedConstant(
  `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><style>${CSS}</style>`,
)

const decisionClass = (d: Verdict['decision']): string => (d === 'GO' ? 'go' : d === 'CONDITIONAL' ? 'conditional' : 'nogo')

function intervalText(c: CriterionResult, L: Locale): string {
  const figure = intervalFigure(c, L)
  return !c.interval || figure === '—' ? figure : `${figure} (${word(L, 'report.html.interval_method', { method: c.interval.method })})`
}

/** A judged figure written against its criterion's thresholds, as the criteria table writes it (figures.ts limitsOf). */
function judged(verdict: Verdict, metric: string, unit: 'ratio' | 'ms', L: Locale): (x: number | null, censored?: boolean) => string {
  const limits = limitsOf(verdict.criteria, metric)
  return (x, censored = false) => `${censored && x !== null ? '≥ ' : ''}${fmtAgainst(x, unit, L, limits)}`
}

function chartText(L: Locale, title: string, verdict?: Verdict): ChartText {
  const p95 = verdict ? judged(verdict, 'p95_ms', 'ms', L) : null
  return {
    title,
    xLabel: word(L, 'report.html.chart.latency_axis'),
    fmtMs: (v) => (v === 0 ? '0' : fmtMs(v, L)),
    fmtPct: (v) => fmtPct(v, L, 0),
    ...(p95 ? { fmtP95: (v: number) => p95(v) } : {}),
    censoredLabel: (n, at) => word(L, 'report.html.chart.censored', { count: n, at }),
  }
}

function thresholdsOf(model: RunModel, L: Locale): Threshold[] {
  const s = model.settings
  return [
    { value: s.p95GoMs, label: word(L, 'report.html.chart.go', { limit: s.p95GoMs }), kind: 'go' },
    { value: s.p95NoGoMs, label: word(L, 'report.html.chart.nogo', { limit: s.p95NoGoMs }), kind: 'nogo' },
  ]
}

/** An exploratory run decides nothing (core/model.ts RunScope): its banner says so, as the terminal does. */
function exploratoryBanner(input: HtmlInput): Html {
  const { model, verdict } = input
  const L = model.settings.locale
  const tags = [
    model.target.embedded ? word(L, 'report.html.tag.reference') : null,
    verdict.complete ? null : word(L, 'report.html.tag.incomplete'),
  ].filter((t): t is string => t !== null)
  return html`<section class="banner exploratory" id="verdict" data-scope="exploratory">
<div><span class="decision">${word(L, 'report.html.banner.exploratory')}</span>${tags.map((t) => html`<span class="tag">${t}</span>`)}</div>
<p>${exploratoryLine(model)}</p>
<p>${say({ code: 'gate.exploratory.no_verdict', params: {} }, L)}</p>
</section>`
}

function banner(input: HtmlInput): Html {
  const { model, verdict } = input
  const L = model.settings.locale
  if (model.scope === 'exploratory') return exploratoryBanner(input)
  const failing = verdict.criteria.filter((c) => c.status !== 'pass')
  const tags = [
    model.target.embedded ? word(L, 'report.html.tag.reference') : null,
    verdict.complete ? null : word(L, 'report.html.tag.incomplete'),
    model.settings.strict ? word(L, 'report.html.tag.strict') : null,
  ].filter((t): t is string => t !== null)
  return html`<section class="banner ${decisionClass(verdict.decision)}" id="verdict" data-decision="${verdict.decision}">
<div><span class="label">${word(L, 'report.html.banner.label')}</span><span class="decision">${verdict.decision}</span>${tags.map((t) => html`<span class="tag">${t}</span>`)}<span class="tag">${word(L, 'report.html.tag.exit', { code: verdict.exitCode })}</span></div>
${looserParagraph(model)}
${
  verdict.reasons.length
    ? html`<ul>${verdict.reasons.map((r) => html`<li data-code="${r.code}">${say(r, L)}</li>`)}</ul>`
    : html`<p>${word(L, 'report.html.banner.all_pass')}</p>`
}
${failing.length && !verdict.reasons.length ? html`<ul>${failing.map((c) => html`<li>${word(L, 'report.html.banner.failing', { id: c.id, name: say(c.name, L), status: statusWord(c.status, L) })}</li>`)}</ul>` : ''}
</section>`
}

function criteriaTable(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const head = headers(
    L,
    ['criterion', 'observed', 'interval', 'threshold', 'status', 'samples_needed', 'note'].map((h) => `report.html.criteria.${h}`),
  )
  return html`<div class="table-wrap"><table id="criteria"><thead><tr>${head}</tr></thead><tbody>${input.verdict.criteria.map(
    (c) =>
      html`<tr class="criterion" data-id="${c.id}" data-status="${c.status}"><td>${c.id} ${say(c.name, L)}</td><td class="num">${observedFigure(c, L)}</td><td>${intervalText(c, L)}</td><td><code>${c.threshold.pass}</code>${c.threshold.warn ? html` / <code>${c.threshold.warn}</code>` : ''}${c.judgedOn === 'bound' ? word(L, 'report.term.bound') : ''}</td><td class="st ${c.status}">${statusWord(c.status, L)}</td><td class="num">${samplesFigure(c, L)}</td><td>${c.notes.map((n) => say(n, L)).join(' ')}</td></tr>`,
  )}</tbody></table></div>`
}

function deltaRow(name: string, d: Delta, L: Locale, fmt: (x: number | null) => string, fmtDelta: (x: number) => string): Html {
  const iv = d.interval ? `[${fmtDelta(d.interval.lower)} ; ${fmtDelta(d.interval.upper)}]` : '—'
  const rel = d.relative !== null ? ` (${d.relative >= 0 ? '+' : ''}${fmtPct(d.relative, L)})` : ''
  return html`<tr data-metric="${name}" data-label="${d.label}"><td>${name}</td><td class="num">${fmt(d.before)}</td><td class="num">${fmt(d.after)}</td><td class="num">${d.delta === null ? '—' : `${fmtDelta(d.delta)}${rel}`}</td><td class="num">${iv}</td><td class="${d.label}">${changeWord(d.label, L)}</td></tr>`
}

function comparisonSection(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const b = input.baseline
  if (!b) return html``
  const c = b.comparison
  const signed = (x: number, f: (v: number) => string) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`
  const ms = (x: number | null) => fmtMs(x, L)
  // This run's rate and P95 are the judged ones: written against their thresholds, as everywhere else.
  const pct = judged(input.verdict, 'success_rate', 'ratio', L)
  const p95 = judged(input.verdict, 'p95_ms', 'ms', L)
  const qList = (qs: Comparison['newlyFailing']) => html`<ul>${qs.map((q) => html`<li><code>${q.id}</code> ${q.message}</li>`)}</ul>`
  const meta = {
    generatedAt: c.baseline.generatedAt ?? '?',
    decision: c.baseline.decision ?? '?',
    before: c.baseline.attempts,
    after: c.current.attempts,
  }
  const none = word(L, 'report.html.comparison.none')
  // The baseline's figures may count attempts a rate limiter refused (core/baseline.ts): said, not hidden.
  const unknown = rateLimitedUnknown(c, L)
  // A baseline that does not record what its figures depend on: shown, not judged (docs/baseline.md).
  const unrecorded = unrecordedWarning(c, L)
  return html`<section id="comparison"><h2>${word(L, 'report.html.comparison.title')}</h2>
<p class="meta">${word(L, 'report.html.comparison.meta', meta)}</p>
${unrecorded === null ? '' : html`<p class="warn" id="baseline-unrecorded">${unrecorded}</p>`}
${unknown === null ? '' : html`<p class="warn" id="baseline-rate-limited-unknown">${unknown}</p>`}
<div class="table-wrap"><table><thead><tr>${comparisonHeaders(L).map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
${deltaRow(word(L, 'report.comparison.success_rate'), c.successRate, L, pct, (x) => signed(x, (v) => fmtPct(v, L)))}
${deltaRow('P50', c.p50, L, ms, (x) => signed(x, (v) => fmtMs(v, L)))}
${deltaRow(
  'P95',
  c.p95,
  L,
  (x) => p95(x),
  (x) => signed(x, (v) => fmtMs(v, L)),
)}
</tbody></table></div>
<p>${word(L, 'report.html.comparison.newly_failing', { count: c.newlyFailing.length })}${c.newlyFailing.length ? qList(c.newlyFailing) : none}</p>
<p>${word(L, 'report.html.comparison.newly_passing', { count: c.newlyPassing.length })}${c.newlyPassing.length ? qList(c.newlyPassing) : none}</p>
${c.expectationsChanged.length ? html`<p id="expectations-changed">${word(L, 'report.html.comparison.expectations_changed', { count: c.expectationsChanged.length })}${qList(c.expectationsChanged)}</p>` : ''}
<p class="muted">${comparisonMethod(c, L)} ${word(L, 'report.html.comparison.allowance', { ratio: c.maxRegression })}</p>
</section>`
}

/** The summary's TTFC figures (reporters/stream-stats.ts), a censored percentile written as a lower bound. */
function ttfcFigures(stream: Aggregate['stream'], verdict: Verdict, L: Locale): Html {
  if (stream === null || stream === undefined) return html``
  const t = stream.ttfc
  const at = (censored: boolean, value: number | null): string => `${censored ? '≥ ' : ''}${fmtMs(value, L)}`
  return html`<p>P50 ${at(t.p50Censored, t.p50)} · P95 ${judged(verdict, 'ttfc_p95_ms', 'ms', L)(t.p95, t.p95Censored)} · P99 ${at(t.p99Censored, t.p99)} · n = ${fmtInt(t.n, L)}</p>`
}

function latencySection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const timeoutMs = model.settings.timeoutMs
  // The population of the summary's percentiles printed above the chart, as aggregate counted and sorted it
  // (core/measured.ts: no probe, no warm-up, no attempt a rate limiter refused; a timeout at the timeout).
  const values = agg.latencySorted
  const censored = agg.latency.censored
  // The TTFC population of the summary, as reporters/stream-stats.ts counted and sorted it (a stream that timed out
  // before its first chunk is in it at its latency, a censored value).
  const ttfc = agg.stream?.ttfcSeries ?? null
  const series: EcdfSeries[] = [
    { label: word(L, 'report.html.latency.this_run'), values, sorted: true, censored, censoredAt: censored ? timeoutMs : null, kind: 'current' },
  ]
  if (input.baseline)
    series.push({ label: word(L, 'report.html.latency.baseline'), values: input.baseline.latencies, censored: 0, censoredAt: null, kind: 'baseline' })
  const lat = agg.latency
  return html`<section id="latency"><h2>${word(L, 'report.html.latency.title')}</h2>
<p>P50 ${fmtAtLeast(lat.p50, lat.p50Censored, L)} · P95 ${judged(input.verdict, 'p95_ms', 'ms', L)(lat.p95, lat.p95Censored)} · P99 ${fmtAtLeast(lat.p99, lat.p99Censored, L)} · max ${fmtAtLeast(lat.max, lat.maxCensored, L)} · n = ${fmtInt(lat.n, L)}${lat.censored ? word(L, 'report.html.latency.censored', { count: lat.censored, timeoutMs }) : ''}</p>
${
  values.length
    ? ecdfChart(series, thresholdsOf(model, L), chartText(L, word(L, 'report.html.latency.chart')))
    : html`<p class="muted">${word(L, 'report.html.latency.none')}</p>`
}
${
  ttfc !== null && ttfc.sorted.length > 0
    ? html`<h3>${word(L, 'report.html.latency.ttfc_title')}</h3>${ttfcFigures(agg.stream, input.verdict, L)}${ecdfChart(
        [
          {
            label: 'TTFC',
            values: ttfc.sorted,
            sorted: true,
            censored: ttfc.censored,
            censoredAt: ttfc.censored ? timeoutMs : null,
            kind: 'current',
          },
        ],
        [],
        chartText(L, word(L, 'report.html.latency.ttfc_chart')),
      )}`
    : ''
}
</section>`
}

/** A category's dots of one kind: how many, and the ones drawn (thin(): evenly by rank in plan order). */
interface Dots {
  count: number
  picked: number[]
  /** The position (in plan order) of the next dot drawn. */
  next: number
  seen: number
}

/**
 * Each category's dots, uncensored and censored (as each category's P50/P95 beside them: no probe, no warm-up, no
 * attempt a rate limiter refused), thinned as the strip chart draws them (charts.ts thinnedAt) while walking, from
 * how many there are as aggregate counted them (each question's measured attempts and timeouts): at 1,000,000
 * attempts the whole lists were 8 MB of arrays to draw 2,500 dots.
 */
function categoryDots(model: RunModel, agg: Aggregate): Map<string, { values: Dots; censored: Dots }> {
  const timeoutMs = model.settings.timeoutMs
  const byCategory = new Map<string, { values: Dots; censored: Dots }>()
  const dots = (): Dots => ({ count: 0, picked: [], next: 0, seen: 0 })
  for (const s of agg.perQuestion) {
    let entry = byCategory.get(s.category)
    if (!entry) byCategory.set(s.category, (entry = { values: dots(), censored: dots() }))
    entry.values.count += s.executed - s.timeouts
    entry.censored.count += s.timeouts
  }
  const perRow = MAX_MARKS / 4
  for (const q of model.questions) {
    const entry = byCategory.get(q.category)
    if (entry === undefined || q.probe === true) continue
    for (const a of q.attempts) {
      if (notMeasured(a, false) !== null) continue
      const d = a.timedOut ? entry.censored : entry.values
      if (d.seen++ !== thinnedAt(d.next, d.count, perRow)) continue
      d.picked.push(a.timedOut ? measuredLatency(a, timeoutMs) : a.latencyMs)
      d.next++
    }
  }
  return byCategory
}

function categorySection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const byCategory = categoryDots(model, agg)
  // A category's rate, bounds and P95 beside the run's thresholds: with one category they are the run's own figures.
  const rate = judged(input.verdict, 'success_rate', 'ratio', L)
  const p95 = judged(input.verdict, 'p95_ms', 'ms', L)
  const rows = agg.categories.map((c) => ({
    label: categoryTitle(c.id),
    values: byCategory.get(c.id)?.values.picked ?? [],
    censored: byCategory.get(c.id)?.censored.picked ?? [],
    // The largest of the category's latencies, censored ones at the timeout (as aggregate measured them).
    max: c.latency.max ?? 0,
    p50: c.latency.p50,
    p95: c.latency.p95,
    p50Censored: c.latency.p50Censored,
    p95Censored: c.latency.p95Censored,
  }))
  const head = headers(L, [
    'report.html.categories.category',
    'report.html.categories.questions',
    'report.html.categories.success',
    'report.html.criteria.interval',
    'P50',
    'P95',
    'n',
  ])
  return html`<section id="categories"><h2>${word(L, 'report.html.categories.title')}</h2>
${rows.some((r) => r.values.length + r.censored.length > 0) ? stripChart('categories', rows, thresholdsOf(model, L), chartText(L, word(L, 'report.html.categories.chart'), input.verdict)) : ''}
<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${agg.categories.map(
    (c) =>
      html`<tr><td>${categoryTitle(c.id)}</td><td class="num">${c.questions}</td><td class="num">${rate(c.success.rate)} (${c.success.successes}/${c.success.n})</td><td class="num">[${rate(c.success.interval.lower)} ; ${rate(c.success.interval.upper)}]</td><td class="num">${fmtAtLeast(c.latency.p50, c.latency.p50Censored, L)}</td><td class="num">${p95(c.latency.p95, c.latency.p95Censored)}</td><td class="num">${c.latency.n}</td></tr>`,
  )}</tbody></table></div></section>`
}

/**
 * What the page shows of one question's measured (not warm-up) attempts, gathered in one walk for the stage chart
 * (stageSection), its expected-vs-observed table and its failed attempts (questionSection): at 1,000,000 attempts
 * each walk of a run model is ~0.1 s, and these were three.
 */
interface QuestionWalk {
  /** Sum and count of each stage's finite values, in STAGE_NAMES order (the answers the stage figures use). */
  stageSums: number[]
  stageCounts: number[]
  /** The visualization kinds seen (joined), until more than 20; and the presentations seen. */
  viz: Set<string>
  data: Set<string>
  /** The first MAX_ATTEMPT_DETAILS failed attempts (the page details fewer: questionSection), and how many failed. */
  failed: AttemptRecord[]
  failedCount: number
}

function walkQuestion(q: QuestionRecord): QuestionWalk {
  const w: QuestionWalk = {
    stageSums: STAGE_NAMES.map(() => 0),
    stageCounts: STAGE_NAMES.map(() => 0),
    viz: new Set(),
    data: new Set(),
    failed: [],
    failedCount: 0,
  }
  // Consecutive attempts mostly show the same kinds: joined only when they differ from the last one's.
  let last: readonly string[] | null = null
  for (const a of q.attempts) {
    if (a.warmup) continue
    // A plain loop over the stages: a forEach here made a closure per attempt (~0.2 s of the page at 1,000,000 attempts).
    // Only the answers whose stage timings the stage figures use (core/stage-figures.ts): the chart agrees with the table.
    const stages = stageTrust(a) === 'used' ? a.stages : NO_STAGES
    for (let i = 0; i < STAGE_NAMES.length; i++) {
      const v = stages[STAGE_NAMES[i] as StageName]
      if (typeof v === 'number' && Number.isFinite(v)) {
        w.stageSums[i] = (w.stageSums[i] as number) + v
        w.stageCounts[i] = (w.stageCounts[i] as number) + 1
      }
    }
    if (w.viz.size <= 20) {
      const kinds = a.visualizations
      if (last === null || !sameKinds(last, kinds)) {
        w.viz.add(kinds.join(', ') || '—')
        last = kinds
      }
      w.data.add(a.dataPresentation ? 'DATA_PRESENTATION' : '—')
    }
    if (!a.ok && w.failedCount++ < MAX_ATTEMPT_DETAILS) w.failed.push(a)
  }
  return w
}

const NO_STAGES: AttemptRecord['stages'] = {}

/** Each question walked once per page (the sections of one renderHtml call share it). */
const walks = new WeakMap<HtmlInput, Map<QuestionRecord, QuestionWalk>>()
function walkOf(input: HtmlInput, q: QuestionRecord): QuestionWalk {
  let byQuestion = walks.get(input)
  if (byQuestion === undefined) walks.set(input, (byQuestion = new Map()))
  let w = byQuestion.get(q)
  if (w === undefined) byQuestion.set(q, (w = walkQuestion(q)))
  return w
}

function stageSection(input: HtmlInput): Html {
  const { model, agg } = input
  const L = model.settings.locale
  const reported = STAGE_NAMES.filter((s) => agg.stages[s].reported)
  /** Mean of each stage over the question's measured attempts (null: never reported). */
  const means = (q: QuestionRecord): Array<number | null> => {
    const { stageSums, stageCounts } = walkOf(input, q)
    return stageSums.map((x, i) => ((stageCounts[i] as number) > 0 ? x / (stageCounts[i] as number) : null))
  }
  const rows = [
    { label: word(L, 'report.html.stages.plan_budget'), values: STAGE_NAMES.map((s) => agg.stages[s].budgetMs) },
    { label: 'P50', values: STAGE_NAMES.map((s) => agg.stages[s].p50) },
    { label: 'P95', values: STAGE_NAMES.map((s) => agg.stages[s].p95) },
    ...model.questions.filter((q) => q.attempts.some((a) => !a.warmup)).map((q) => ({ label: q.id, values: means(q) })),
  ]
  const total: Threshold = {
    value: model.settings.p95GoMs,
    label: word(L, 'report.html.stages.total', { limit: model.settings.p95GoMs }),
    kind: 'budget',
  }
  // Nothing to draw: the wire cannot carry stage timings ("not observable on <contract>"), or no answer's could be used.
  const none = agg.stageFigures.observable
    ? word(L, 'report.html.stages.none')
    : word(L, 'report.stage.status.not_observable', { contract: model.target.contract })
  return html`<section id="stages"><h2>${word(L, 'report.html.stages.title')}</h2>
${reported.length ? stackedChart([...STAGE_NAMES], rows, [total], chartText(L, word(L, 'report.html.stages.chart'))) : html`<p class="muted">${none}</p>`}
<div class="table-wrap"><table><thead><tr>${headers(L, ['report.html.stages.stage', 'P50', 'P95', 'report.html.stages.budget', 'n', 'report.html.stages.status'])}</tr></thead><tbody>${STAGE_NAMES.map(
    (s) => {
      const st = agg.stages[s]
      // Over budget is aggregate's judgement (overBudget), shown here, not re-judged; the P95 is written against the
      // budget (format.ts fmtAgainst) so that 100.3 ms over 100 ms never reads "100 ms". The status and n of the
      // measured attempts are aggregate's too (reporters/stage-stats.ts).
      const status = `${word(L, `report.stage.status.${st.status}`, { contract: model.target.contract })}${st.weak ? word(L, 'report.stage.weak') : ''}`
      return html`<tr data-status="${st.status}"><td>${s}</td><td class="num">${st.reported ? fmtAtLeast(st.p50, st.p50Censored, L) : '—'}</td><td class="num ${st.overBudget ? 'fail' : ''}">${st.p95Censored && st.p95 !== null ? '≥ ' : ''}${fmtAgainst(st.p95, 'ms', L, [st.budgetMs])}</td><td class="num">${fmtMs(st.budgetMs, L)}</td><td class="num">${word(L, 'report.stage.n_of', { n: st.n, of: st.of })}</td><td>${status}</td></tr>`
    },
  )}</tbody></table></div></section>`
}

function timelineSection(input: HtmlInput): Html {
  const { model } = input
  const L = model.settings.locale
  const t0 = Date.parse(model.startedAt)
  // Thinned while collecting (every k-th passed request, every j-th failed one): a 10⁶-attempt run builds only
  // the marks it draws.
  let okCount = 0
  let koCount = 0
  for (const q of model.questions) for (const list of [q.warmups, q.attempts]) for (const a of list) a.ok ? okCount++ : koCount++
  const okStep = Math.max(1, Math.ceil(okCount / (MAX_MARKS / 2)))
  const koStep = Math.max(1, Math.ceil(koCount / (MAX_MARKS / 2)))
  const points: TimePoint[] = []
  let order = 0
  let okSeen = 0
  let koSeen = 0
  // Warm-ups, then attempts: each list walked in place (a generator over both cost a step per attempt).
  for (const q of model.questions)
    for (const list of [q.warmups, q.attempts])
      for (const a of list) {
        order++
        if (a.ok ? okSeen++ % okStep !== 0 : koSeen++ % koStep !== 0) continue
        const t = Date.parse(a.startedAt) - t0
        points.push({
          t: Number.isFinite(t) && t >= 0 ? t : order,
          latency: measuredLatency(a, model.settings.timeoutMs),
          ok: a.ok,
          timedOut: a.timedOut,
          warmup: a.warmup,
          label: `${q.id} #${attemptNumber(a.index)}${a.warmup ? word(L, 'report.html.timeline.warmup') : ''}`,
        })
      }
  if (points.length === 0) return html``
  return html`<section id="timeline"><h2>${word(L, 'report.html.timeline.title')}</h2>${timelineChart(points, thresholdsOf(model, L), {
    ...chartText(L, word(L, 'report.html.timeline.chart')),
    fmtTime: (ms) => `${fmtInt(Math.round(ms / 1000), L)} s`,
    timeLabel: word(L, 'report.html.timeline.since_start'),
    timedOutTag: word(L, 'report.html.attempt.timed_out'),
  })}</section>`
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

function failedAttempts(walk: QuestionWalk, L: Locale, budget: number, maxDetails: number): Html {
  // The first `maxDetails` failed measured attempts (maxDetails ≤ MAX_ATTEMPT_DETAILS), and how many failed in all.
  const failed = walk.failed.slice(0, maxDetails)
  const failedCount = walk.failedCount
  const shownBodies = new Map<string, number>()
  let spent = 0
  const items = failed.map((a) => {
    const body = a.evidence?.bodyHead
    const observed = a.intent
      ? `${a.intent.group}${a.intent.subtype ? `.${a.intent.subtype}` : ''}`
      : a.fallback
        ? intentText(FALLBACK_CLASS, L)
        : word(L, 'report.html.attempt.no_intent')
    const number = attemptNumber(a.index)
    const head = html`#${number} — ${a.httpStatus === null ? word(L, 'report.html.attempt.no_response') : `HTTP ${a.httpStatus}`} — ${fmtMs(a.latencyMs, L)}${a.timedOut ? word(L, 'report.html.attempt.timed_out') : ''}${a.critical ? html` — <strong>${a.critical}</strong>` : ''} — ${observed.slice(0, 80)}`
    const reasons = html`<ul>${a.failures.map((f) => html`<li>${say(f, L)}</li>`)}</ul>${a.evidence?.issues?.length ? html`<ul>${a.evidence.issues.map((i) => html`<li><code>${i}</code></li>`)}</ul>` : ''}${a.evidence?.error ? html`<p><code>${a.evidence.error}</code></p>` : ''}`
    let bodyPart: Html = html`<p class="muted">${word(L, 'report.html.attempt.no_body')}</p>`
    if (body !== undefined) {
      const same = shownBodies.get(body)
      const pre = same === undefined ? html`<pre class="body">${bodyText(body)}</pre>` : null
      if (same !== undefined) bodyPart = html`<p class="muted">${word(L, 'report.html.attempt.same_body', { index: same })}</p>`
      else if (pre !== null && spent + pre.value.length > budget)
        bodyPart = html`<p class="muted">${word(L, 'report.html.attempt.body_left_out')}</p>`
      else if (pre !== null) {
        shownBodies.set(body, number)
        spent += pre.value.length
        bodyPart = pre
      }
    }
    return html`<details class="attempt failed" data-attempt="${number}"><summary>${head}</summary>${reasons}${bodyPart}</details>`
  })
  const more = failedCount - failed.length
  return html`${items}${more > 0 ? html`<p class="muted">${word(L, 'report.html.attempt.more', { count: more })}</p>` : ''}`
}

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function expectedVsObserved(q: QuestionRecord, s: QuestionSummary, L: Locale, walk: QuestionWalk): Html {
  const { viz, data } = walk
  const expectedData = q.expectsData === null ? '—' : q.expectsData ? 'DATA_PRESENTATION' : word(L, 'report.html.expected.not_data')
  const observedData = [...data].join(', ')
  return html`<div class="table-wrap"><table class="evo"><thead><tr><th></th>${headers(L, ['report.html.expected.expected', 'report.html.expected.observed'])}</tr></thead><tbody>
<tr><th>${word(L, 'report.html.expected.intent')}</th><td>${q.expectedIntent ?? '—'}${q.expectedIntent && !q.subtypeObservable ? word(L, 'report.html.expected.group_only') : ''}</td><td>${[...s.observedIntents.map((i) => `${intentText(i.label, L)} ×${i.count}`), ...(s.otherIntents ? [`${word(L, 'report.intents.other', { labels: s.otherIntents.labels })} ×${s.otherIntents.count}`] : [])].join(', ') || '—'}</td></tr>
<tr><th>${word(L, 'report.html.expected.presentation')}</th><td>${expectedData}</td><td>${observedData || '—'}</td></tr>
<tr><th>${word(L, 'report.html.expected.visualizations')}</th><td>—</td><td>${[...viz].join(' | ')}</td></tr>
</tbody></table></div>`
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
      html`<tr><td><a href="#q-${s.id}">${s.id}</a></td><td>${categoryTitle(s.category)}</td><td>${s.message}</td><td class="num ${s.success ? 'pass' : 'fail'}">${s.passed}/${s.planned}${s.flaky ? word(L, 'report.html.questions.flaky') : ''}</td><td class="num">${fmtAtLeast(s.latency.p50, s.latency.p50Censored, L)}</td><td>${s.failures[0]?.reason ?? ''}</td></tr>`,
  )
  const blocks = model.questions.map((q) => {
    const s = byId.get(q.id)
    if (!s) return html``
    return html`<details class="question ${s.success ? 'passed' : 'failed'}" id="q-${q.id}" data-question="${q.id}"${s.success ? '' : html` open`}><summary><strong>${q.id}</strong> — ${q.message} — <span class="${s.success ? 'pass' : 'fail'}">${s.passed}/${s.planned}</span></summary>
${expectedVsObserved(q, s, L, walkOf(input, q))}
${s.failures.length ? html`<h3>${word(L, 'report.html.questions.reasons')}</h3><ul>${s.failures.slice(0, MAX_REASONS).map((f) => html`<li>${f.reason} <span class="muted">×${f.count}</span></li>`)}${s.failures.length > MAX_REASONS ? html`<li class="muted">${word(L, 'report.html.questions.more_reasons', { count: s.failures.length - MAX_REASONS })}</li>` : ''}</ul>` : ''}
${s.executed < s.planned ? html`<p class="fail">${word(L, 'report.html.questions.not_executed', { count: s.planned - s.executed })}</p>` : ''}
${failedAttempts(walkOf(input, q), L, bodyBudget, detailsPerQuestion)}
</details>`
  })
  const head = headers(L, [
    'report.html.questions.question',
    'report.html.categories.category',
    'report.html.questions.message',
    'report.html.categories.success',
    'P50',
    'report.html.questions.first_reason',
  ])
  return html`<section id="questions"><h2>${word(L, 'report.html.questions.title')}</h2>
<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${summaryRows}</tbody></table></div>
${blocks}</section>`
}

function confusionSection(input: HtmlInput): Html {
  const L = input.model.settings.locale
  const c = input.agg.confusion
  if (c.expected.length === 0) return html``
  return html`<section id="confusion"><h2>${word(L, 'report.html.confusion.title')}</h2>
<div class="table-wrap"><table><thead><tr><th>${word(L, 'report.html.confusion.corner')}</th>${c.observed.map((o) => html`<th>${intentText(o, L)}</th>`)}${c.other ? html`<th>${word(L, 'report.intents.other', { labels: c.other.labels })}</th>` : ''}</tr></thead><tbody>${c.expected.map(
    (e, i) =>
      html`<tr><th>${intentText(e, L)}</th>${c.observed.map((_, j) => {
        const n = c.counts[i]?.[j] ?? 0
        return html`<td class="num ${c.misses[i]?.[j] ? 'fail' : ''}">${n || ''}</td>`
      })}${c.other ? html`<td class="num ${c.other.misses[i] ? 'fail' : ''}">${c.other.counts[i] || ''}</td>` : ''}</tr>`,
  )}</tbody></table></div>${c.subtypeNotObservable ? html`<p class="muted">${word(L, 'report.html.confusion.group_level')}</p>` : ''}</section>`
}

function notesSection(input: HtmlInput): Html {
  const { agg, verdict, model } = input
  const L = model.settings.locale
  // The run's observations as the verdict says them (a weakly supported P95 among them), the P99's support as
  // aggregate judged it, and each criterion's samples-needed note as decide wrote it (also in its row): nothing is
  // re-judged here.
  const notes: string[] = verdict.notes.map((n) => say(n, L))
  if (agg.latency.weak.p99) notes.push(word(L, 'report.html.notes.weak_p99', { n: agg.latency.n }))
  for (const c of verdict.criteria)
    for (const n of c.notes) if (n.code === 'note.samples_needed') notes.push(word(L, 'report.html.notes.criterion', { id: c.id, note: say(n, L) }))
  return html`<section id="notes"><h2>${word(L, 'report.html.notes.title')}</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}<li class="muted">${word(L, 'report.html.notes.percentiles')}</li></ul></section>`
}

/** Release thresholds set looser than the plan's, under the decision (reporters/looser.ts); nothing otherwise. */
function looserParagraph(model: HtmlInput['model']) {
  const line = looserLine(model)
  return line === null ? '' : html`<p id="looser-thresholds"><strong>${say(line, model.settings.locale)}</strong></p>`
}

/** A merge's shards and when each ran (reporters/shard-provenance.ts); nothing outside a merge. */
function mergedShards(model: HtmlInput['model']) {
  const line = shardsLine(model)
  return line === null ? '' : html`<p class="meta" id="merged-shards">${say(line, model.settings.locale)}</p>`
}

export function renderHtml(input: HtmlInput): string {
  const { model, verdict } = input
  const L = model.settings.locale
  const title =
    model.scope === 'exploratory'
      ? word(L, 'report.html.title.exploratory', { filter: model.filter ?? '' })
      : word(L, 'report.html.title', { decision: verdict.decision })
  const target = model.target.embedded ? word(L, 'report.html.embedded_target') : safeBaseUrl(model.target.baseUrl)
  const meta = {
    generatedAt: input.generatedAt,
    target,
    contract: model.target.contract,
    executed: input.agg.executed,
    planned: input.agg.planned,
    duration: formatDuration(model.durationMs, { form: 'exact' }),
    version: model.target.version ?? word(L, 'report.version.unknown'),
    runId: model.runId ?? '—',
  }
  const page = html`<!doctype html>
<html lang="${L}"><head>${PAGE_HEAD}<title>${title}</title></head>
<body>
<header><h1>${word(L, 'report.html.heading')}</h1>
<p class="meta">${word(L, 'report.html.meta', meta)}</p>
<p class="meta" id="applied-load">${say(appliedLoadLine(model), L)}</p>${mergedShards(model)}</header>
${banner(input)}
<section id="criteria-section"><h2>${word(L, 'report.html.criteria.title')}</h2>${criteriaTable(input)}</section>
${comparisonSection(input)}
${latencySection(input)}
${categorySection(input)}
${stageSection(input)}
${timelineSection(input)}
${questionSection(input)}
${confusionSection(input)}
${notesSection(input)}
<footer class="meta"><p>${word(L, 'report.html.footer')}</p></footer>
</body></html>
`
  return page.value
}
