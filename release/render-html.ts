// A single self-contained HTML file of the post-deployment report, in the validation report's style (its
// stylesheet and strict CSP, reporters/render-html.ts) and escaped by construction with its html`` tag
// (reporters/html.ts): the Markdown's facts plus a chart of P95 and error rate per window (inline SVG, no script,
// nothing fetched). Formatting only.
import { type Locale, say } from '../core/locale/index.ts'
import { fmtInt, fmtMs, fmtPct } from '../core/locale/format.ts'
import { escapeHtml, type Html, html, join, trustedConstant } from '../reporters/html.ts'
import { CSP, CSS } from '../reporters/render-html.ts'
import { labels, ruleName, statusLine, stepName } from './labels.ts'
import { headlineVersions, type PostDeploymentReport, type ReleaseStatus } from './report.ts'
import type { WindowSummary } from './windows.ts'

const W = 1000
const H = 280
const PAD = { left: 64, right: 64, top: 16, bottom: 40 }
const px = (x: number): string => (Math.round(x * 10) / 10).toString()

// The window chart's own marks; everything else (axes, thresholds, tables, banner) is the validation report's.
const EXTRA_CSS =
  'svg .err{fill:#cf222e;fill-opacity:.35}svg .p95{fill:none;stroke:#0969da;stroke-width:2}svg .p95dot{fill:#0969da}tr.fired td{background:#ffebe9}'

/** P95 per window as a line (left axis, ms), error rate as bars (right axis, %), both thresholds dashed. */
export function chartSvg(windows: readonly WindowSummary[], p95Threshold: number, rateThreshold: number, l: Locale, title: string): Html {
  if (windows.length === 0) return html``
  const iw = W - PAD.left - PAD.right
  const ih = H - PAD.top - PAD.bottom
  const maxMs = Math.max(p95Threshold * 1.1, ...windows.map((w) => w.p95Ms ?? 0)) || 1
  const maxRate = Math.min(1, Math.max(rateThreshold * 1.5, ...windows.map((w) => w.errorRate ?? 0))) || 1
  const x = (i: number) => PAD.left + (iw * (i + 0.5)) / windows.length
  const yMs = (v: number) => PAD.top + ih - (ih * v) / maxMs
  const yRate = (v: number) => PAD.top + ih - (ih * v) / maxRate
  const bw = Math.max(1, (iw / windows.length) * 0.6)
  const bars = windows.map((w, i) => {
    const v = w.errorRate ?? 0
    return html`<rect class="err" x="${px(x(i) - bw / 2)}" y="${px(yRate(v))}" width="${px(bw)}" height="${px(PAD.top + ih - yRate(v))}"><title>#${w.index} ${fmtPct(w.errorRate, l)}</title></rect>`
  })
  const points = windows.flatMap((w, i) => (w.p95Ms === null ? [] : [`${px(x(i))},${px(yMs(w.p95Ms))}`]))
  const dots = windows.map((w, i) =>
    w.p95Ms === null
      ? html``
      : html`<circle class="p95dot" cx="${px(x(i))}" cy="${px(yMs(w.p95Ms))}" r="3"><title>#${w.index} P95 ${fmtMs(w.p95Ms, l)}</title></circle>`,
  )
  const threshold = (y: number, kind: string, label: string, right: boolean) =>
    html`<g class="threshold ${kind}"><line x1="${px(PAD.left)}" y1="${px(y)}" x2="${px(W - PAD.right)}" y2="${px(y)}"/><text x="${px(right ? W - PAD.right - 3 : PAD.left + 3)}" y="${px(y - 3)}" text-anchor="${right ? 'end' : 'start'}">${label}</text></g>`
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg"><title>${title}</title>
<g class="axis"><line x1="${PAD.left}" y1="${PAD.top + ih}" x2="${W - PAD.right}" y2="${PAD.top + ih}"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + ih}"/><line x1="${W - PAD.right}" y1="${PAD.top}" x2="${W - PAD.right}" y2="${PAD.top + ih}"/>
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end">${fmtMs(maxMs, l)}</text><text x="${PAD.left - 6}" y="${PAD.top + ih}" text-anchor="end">0</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}">${fmtPct(maxRate, l, 0)}</text><text x="${W - PAD.right + 6}" y="${PAD.top + ih}">0</text>
<text x="${PAD.left}" y="${H - 12}">1</text><text x="${W - PAD.right}" y="${H - 12}" text-anchor="end">${windows.length}</text></g>
${bars}${points.length > 0 ? html`<polyline class="p95" points="${points.join(' ')}"/>` : html``}${dots}
${threshold(yMs(p95Threshold), 'go', `P95 ${fmtMs(p95Threshold, l)}`, false)}${threshold(yRate(rateThreshold), 'nogo', fmtPct(rateThreshold, l), true)}</svg>`
}

const BANNER: Record<ReleaseStatus, string> = {
  stable: 'go',
  investigate: 'conditional',
  inconclusive: 'conditional',
  not_monitored: 'conditional',
  version_changed: 'conditional',
  verified: 'go',
  rolled_back: 'nogo',
  rollback_failed: 'nogo',
  rollback_recommended: 'nogo',
  not_deployed: 'conditional',
  interrupted: 'conditional',
}

function windowRow(w: WindowSummary, l: Locale, first: Html, fired = false): Html {
  return html`<tr class="${fired ? 'fired' : ''}"><td>${first}</td><td>${w.startedAt}</td><td class="num">${w.tally.requests}</td><td class="num">${fmtPct(w.errorRate, l)} [${fmtPct(w.errorInterval.lower, l)} – ${fmtPct(w.errorInterval.upper, l)}]</td><td class="num">${fmtMs(w.p50Ms, l)}</td><td class="num">${fmtMs(w.p95Ms, l)}</td><td class="num">${fmtMs(w.p99Ms, l)}</td></tr>`
}

const list = (items: readonly (Html | string)[]): Html => html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`

export function renderReportHtml(r: PostDeploymentReport): string {
  const l = r.locale
  const L = labels(l)
  const d = r.deployment
  const m = r.monitor
  const fired = m?.trigger?.evaluated ?? null
  const status = statusLine(r.status, l, m?.alerts.length ?? 0, r.deployment.embedded)
  const parts: Html[] = [
    html`<h1>${headlineVersions(d).join(' → ')} — ${L.title}</h1>`,
    html`<section class="banner ${BANNER[r.status]}" data-status="${r.status}"><div class="decision">${status}</div>${r.reasons.length > 0 ? list(r.reasons.map((x) => x.text)) : html``}</section>`,
    html`<h2>${L.deployment}</h2>`,
    list([
      `${L.date} : ${d.startedAt}`,
      `${L.version} : ${d.versionBefore ?? '?'} → ${d.versionDeployed ?? '?'}${d.expectedVersion ? ` (${L.expected} ${d.expectedVersion})` : ''}${d.versionChanges.length > 0 ? ` ; ${L.changedDuringWatch} : ${d.versionChanges.map((c) => `${c.from} → ${c.to} (${c.at})`).join(', ')}` : ''}${r.verifyAfterRollback ? ` ; ${L.afterRollback} : ${d.versionAfter ?? '?'}` : ''}`,
      `${L.deployer} : ${d.deployer ?? '—'}`,
      `${L.target} : ${d.baseUrl}`,
    ]),
  ]
  if (m) {
    const o = m.overall
    parts.push(
      html`<h2>${L.metrics}</h2>`,
      list([
        `${L.totalRequests} : ${fmtInt(o.tally.requests, l)}`,
        `${L.errorRate} : ${fmtPct(o.errorRate, l)} [${fmtPct(o.errorInterval.lower, l)} – ${fmtPct(o.errorInterval.upper, l)}]`,
        `${L.latency} : ${fmtMs(o.p50Ms, l)} / ${fmtMs(o.p95Ms, l)} / ${fmtMs(o.p99Ms, l)}`,
        `${L.visualizations} : ${fmtInt(o.tally.visualizations, l)}`,
        `${L.critical} : ${fmtInt(o.tally.critical, l)}`,
      ]),
      html`<h2>${L.chart}</h2>`,
      chartSvg(m.windows, r.thresholds.alertP95Ms, r.thresholds.rollbackErrorRate, l, L.chart),
      html`<h2>${L.windows}</h2>`,
      html`<table><tr><th>${L.window}</th><th>${L.start}</th><th>${L.requests}</th><th>${L.errorRate}</th><th>P50</th><th>P95</th><th>P99</th></tr>${m.windows.map(
        (w) => windowRow(w, l, html`${w.index}${w.partial ? ` (${L.partial})` : ''}`),
      )}${fired ? windowRow(fired, l, html`${L.fired}`, true) : html``}</table>`,
    )
  }
  const issues = [...r.reasons.map((x) => x.text), ...(m?.alerts ?? []).map((a) => `${ruleName(a.rule.id, l)} : ${say(a.first, l)}`)]
  parts.push(html`<h2>${L.issues}</h2>`, list(issues.length > 0 ? issues : [L.none]))
  parts.push(
    html`<h2>${L.steps}</h2>`,
    html`<table>${r.steps.map((s) => html`<tr><td>${stepName(s.step, l)}</td><td>${s.interrupted === true ? L.stepInterrupted : s.ok === null ? L.notRun : s.ok ? L.ok : L.failed}</td><td class="num">${s.durationMs === null ? '—' : fmtMs(s.durationMs, l)}</td></tr>`)}</table>`,
  )
  for (const c of [r.deploy, r.rollback])
    if (c)
      parts.push(
        html`<h2>${stepName(c.label, l)} — ${L.exitCode} ${c.exitCode ?? c.signal ?? '—'}${c.timedOut ? ' (timeout)' : ''}${c.stopped ? ` (${L.interrupted})` : ''}</h2><pre class="body">${c.outputTail}</pre>`,
      )
  parts.push(html`<h2>${L.notObservable}</h2>`, list(r.notObservable.map((n) => n.text)))
  // The head is constants only (the style sheet cannot go through html``: nothing is escapable inside <style>).
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(L.title)}</title><style>${CSS}${EXTRA_CSS}</style>`
  return `<!doctype html><html lang="${l}"><head>${head}</head><body>${join(parts, trustedConstant('\n')).value}</body></html>\n`
}
