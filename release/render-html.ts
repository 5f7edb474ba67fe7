// A single self-contained HTML file of the post-deployment report: the Markdown's facts plus a chart of P95 and
// error rate per window (inline SVG, no script, no external resource). Formatting only; every text escaped.
import { type Locale, say } from '../core/locale/index.ts'
import { fmtInt, fmtMs, fmtPct } from '../core/locale/format.ts'
import { labels, ruleName, statusLine, stepName } from './labels.ts'
import type { PostDeploymentReport } from './report.ts'
import type { WindowSummary } from './windows.ts'

const esc = (s: unknown): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

const W = 720
const H = 240
const PAD = { left: 56, right: 56, top: 16, bottom: 28 }

/** P95 as a line (left axis, ms), error rate as bars (right axis, %), the thresholds dashed. */
export function chartSvg(windows: readonly WindowSummary[], p95Threshold: number, rateThreshold: number, l: Locale): string {
  if (windows.length === 0) return ''
  const iw = W - PAD.left - PAD.right
  const ih = H - PAD.top - PAD.bottom
  const maxMs = Math.max(p95Threshold * 1.1, ...windows.map((w) => w.p95Ms ?? 0)) || 1
  const maxRate = Math.min(1, Math.max(rateThreshold * 1.5, ...windows.map((w) => w.errorRate ?? 0))) || 1
  const x = (i: number) => PAD.left + (iw * (i + 0.5)) / windows.length
  const yMs = (v: number) => PAD.top + ih - (ih * v) / maxMs
  const yRate = (v: number) => PAD.top + ih - (ih * v) / maxRate
  const bw = Math.max(1, (iw / windows.length) * 0.6)
  const bars = windows
    .map((w, i) => {
      const v = w.errorRate ?? 0
      return `<rect class="err" x="${(x(i) - bw / 2).toFixed(1)}" y="${yRate(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(PAD.top + ih - yRate(v)).toFixed(1)}"><title>${esc(`#${w.index} ${fmtPct(w.errorRate, l)}`)}</title></rect>`
    })
    .join('')
  const points = windows.map((w, i) => (w.p95Ms === null ? null : `${x(i).toFixed(1)},${yMs(w.p95Ms).toFixed(1)}`)).filter((p) => p !== null)
  const line = points.length > 0 ? `<polyline class="p95" points="${points.join(' ')}"/>` : ''
  const dots = windows
    .map((w, i) =>
      w.p95Ms === null
        ? ''
        : `<circle class="p95" cx="${x(i).toFixed(1)}" cy="${yMs(w.p95Ms).toFixed(1)}" r="3"><title>${esc(`#${w.index} P95 ${fmtMs(w.p95Ms, l)}`)}</title></circle>`,
    )
    .join('')
  const hline = (y: number, cls: string, label: string, anchorRight: boolean) =>
    `<line class="${cls}" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}"/><text x="${anchorRight ? W - PAD.right - 4 : PAD.left + 4}" y="${(y - 4).toFixed(1)}" text-anchor="${anchorRight ? 'end' : 'start'}">${esc(label)}</text>`
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels(l).chart)}" xmlns="http://www.w3.org/2000/svg">
<rect x="${PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}" class="frame"/>
${bars}${line}${dots}
${hline(yMs(p95Threshold), 'thr-ms', `P95 ${fmtMs(p95Threshold, l)}`, false)}
${hline(yRate(rateThreshold), 'thr-rate', `${fmtPct(rateThreshold, l)}`, true)}
<text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end">${esc(fmtMs(maxMs, l))}</text>
<text x="${W - PAD.right + 6}" y="${PAD.top + 10}">${esc(fmtPct(maxRate, l, 0))}</text>
<text x="${PAD.left}" y="${H - 8}">1</text><text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${windows.length}</text>
</svg>`
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde}
.status{padding:.75rem 1rem;border-radius:6px;font-weight:600}.stable{background:#e5f6ea}.bad{background:#fde8e8}.warn{background:#fff4d6}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #dde;padding:.25rem .5rem;text-align:left}td.n{text-align:right}
tr.fired td{background:#fde8e8}pre{background:#f5f6f8;padding:.75rem;overflow:auto;font-size:.8rem}
svg{width:100%;height:auto}svg text{font-size:11px;fill:#555}.frame{fill:none;stroke:#ccd}.err{fill:#f0a0a0}
polyline.p95{fill:none;stroke:#2a5bd7;stroke-width:2}circle.p95{fill:#2a5bd7}.thr-ms{stroke:#2a5bd7;stroke-dasharray:4 3}.thr-rate{stroke:#c33;stroke-dasharray:4 3}`

export function renderReportHtml(r: PostDeploymentReport): string {
  const l = r.locale
  const L = labels(l)
  const d = r.deployment
  const m = r.monitor
  const cls = r.status === 'stable' ? 'stable' : r.status === 'interrupted' || r.status === 'not_deployed' ? 'warn' : 'bad'
  const fired = m?.trigger?.evaluated ?? null
  const li = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
  const parts: string[] = [
    `<h1>${esc(d.versionDeployed ?? d.expectedVersion ?? d.versionAfter ?? '?')} — ${esc(L.title)}</h1>`,
    `<p class="status ${cls}">${esc(statusLine(r.status, l, r.monitor?.alerts.length ?? 0))}${r.reasons[0] ? ` — ${esc(r.reasons[0].text)}` : ''}</p>`,
    `<h2>${esc(L.deployment)}</h2>`,
    li([
      `${esc(L.date)} : ${esc(d.startedAt)}`,
      `${esc(L.version)} : ${esc(d.versionBefore ?? '?')} → ${esc(d.versionDeployed ?? '?')}${r.verifyAfterRollback ? ` ; ${esc(L.afterRollback)} : ${esc(d.versionAfter ?? '?')}` : ''}`,
      `${esc(L.deployer)} : ${esc(d.deployer ?? '—')}`,
      `${esc(L.target)} : ${esc(d.baseUrl)}`,
    ]),
  ]
  if (m) {
    const o = m.overall
    parts.push(
      `<h2>${esc(L.metrics)}</h2>`,
      li([
        `${esc(L.totalRequests)} : ${fmtInt(o.tally.requests, l)}`,
        `${esc(L.errorRate)} : ${esc(fmtPct(o.errorRate, l))} [${esc(fmtPct(o.errorInterval.lower, l))} – ${esc(fmtPct(o.errorInterval.upper, l))}]`,
        `${esc(L.latency)} : ${esc(fmtMs(o.p50Ms, l))} / ${esc(fmtMs(o.p95Ms, l))} / ${esc(fmtMs(o.p99Ms, l))}`,
        `${esc(L.visualizations)} : ${fmtInt(o.tally.visualizations, l)}`,
        `${esc(L.critical)} : ${fmtInt(o.tally.critical, l)}`,
      ]),
      `<h2>${esc(L.chart)}</h2>`,
      chartSvg(m.windows, r.thresholds.alertP95Ms, r.thresholds.rollbackErrorRate, l),
      `<h2>${esc(L.windows)}</h2>`,
      `<table><tr><th>${esc(L.window)}</th><th>${esc(L.start)}</th><th>${esc(L.requests)}</th><th>${esc(L.errorRate)}</th><th>P50</th><th>P95</th><th>P99</th></tr>${m.windows
        .map(
          (w) =>
            `<tr><td>${w.index}${w.partial ? ` (${esc(L.partial)})` : ''}</td><td>${esc(w.startedAt)}</td><td class="n">${w.tally.requests}</td><td class="n">${esc(fmtPct(w.errorRate, l))} [${esc(fmtPct(w.errorInterval.lower, l))} – ${esc(fmtPct(w.errorInterval.upper, l))}]</td><td class="n">${esc(fmtMs(w.p50Ms, l))}</td><td class="n">${esc(fmtMs(w.p95Ms, l))}</td><td class="n">${esc(fmtMs(w.p99Ms, l))}</td></tr>`,
        )
        .join('')}${
        fired
          ? `<tr class="fired"><td>${esc(L.fired)}</td><td>${esc(fired.startedAt)} → ${esc(fired.endedAt)}</td><td class="n">${fired.tally.requests}</td><td class="n">${esc(fmtPct(fired.errorRate, l))} [${esc(fmtPct(fired.errorInterval.lower, l))} – ${esc(fmtPct(fired.errorInterval.upper, l))}]</td><td class="n">${esc(fmtMs(fired.p50Ms, l))}</td><td class="n">${esc(fmtMs(fired.p95Ms, l))}</td><td class="n">${esc(fmtMs(fired.p99Ms, l))}</td></tr>`
          : ''
      }</table>`,
    )
  }
  const issues = [...r.reasons.map((x) => esc(x.text)), ...(m?.alerts ?? []).map((a) => `${esc(ruleName(a.rule.id, l))} : ${esc(say(a.first, l))}`)]
  parts.push(`<h2>${esc(L.issues)}</h2>`, li(issues.length > 0 ? issues : [esc(L.none)]))
  parts.push(
    `<h2>${esc(L.steps)}</h2>`,
    `<table>${r.steps.map((s) => `<tr><td>${esc(stepName(s.step, l))}</td><td>${esc(s.ok === null ? L.notRun : s.ok ? L.ok : L.failed)}</td><td class="n">${esc(s.durationMs === null ? '—' : fmtMs(s.durationMs, l))}</td></tr>`).join('')}</table>`,
  )
  for (const c of [r.deploy, r.rollback])
    if (c)
      parts.push(`<h2>${esc(stepName(c.label, l))} — ${esc(L.exitCode)} ${esc(c.exitCode ?? c.signal ?? '—')}</h2><pre>${esc(c.outputTail)}</pre>`)
  parts.push(`<h2>${esc(L.notObservable)}</h2>`, li(r.notObservable.map((n) => esc(n.text))))
  return `<!doctype html><html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(L.title)}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>\n`
}
