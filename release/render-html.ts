// A single self-contained HTML file of the post-deployment report, in the validation report's style (its
// stylesheet and strict CSP, reporters/render-html.ts) and escaped by construction with its html`` tag
// (reporters/html.ts): the Markdown's blocks (release/sections.ts: every section and figure, the same words) plus
// a chart of P95 and error rate per window (inline SVG, no script, nothing fetched). Formatting only.
import type { Locale } from '../core/locale/index.ts'
import { fmtLimit, fmtMs, fmtPct, fmtRate } from '../core/locale/format.ts'
import { escapeHtml, type Html, html, join, trustedConstant } from '../reporters/html.ts'
import { CSP, CSS } from '../reporters/render-html.ts'
import { labels } from './labels.ts'
import { type PostDeploymentReport, STATUS_SEVERITY } from './report.ts'
import { type Block, type Line, type Piece, reportSections } from './sections.ts'

const W = 1000
const H = 280
const PAD = { left: 64, right: 64, top: 16, bottom: 40 }
const px = (x: number): string => (Math.round(x * 10) / 10).toString()

// The window chart's own marks; everything else (axes, thresholds, tables, banner) is the validation report's.
const EXTRA_CSS = 'svg .err{fill:#cf222e;fill-opacity:.35}svg .p95{fill:none;stroke:#0969da;stroke-width:2}svg .p95dot{fill:#0969da}'

/** P95 per window as a line (left axis, ms), error rate as bars (right axis, %), both thresholds dashed. */
export function chartSvg(c: Extract<Block, { kind: 'chart' }>, l: Locale): Html {
  const { windows, p95Threshold, rateThreshold, title, limits } = c
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
    return html`<rect class="err" x="${px(x(i) - bw / 2)}" y="${px(yRate(v))}" width="${px(bw)}" height="${px(PAD.top + ih - yRate(v))}"><title>#${w.index} ${fmtRate(w.errorRate, l, limits)}</title></rect>`
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
${threshold(yMs(p95Threshold), 'go', `P95 ${fmtLimit(p95Threshold, 'ms', l)}`, false)}${threshold(yRate(rateThreshold), 'nogo', fmtLimit(rateThreshold, 'ratio', l), true)}</svg>`
}

/** The banner's colour class (reporters/render-html.ts styles) of each severity (release/report.ts STATUS_SEVERITY). */
const BANNER = { ok: 'go', warn: 'conditional', stop: 'nogo' } as const

/** A piece of a line, escaped by html``; text from outside cut where the Markdown cuts it (the same words in both). */
function piece(p: Piece): Html {
  if (typeof p === 'string') return html`${p}`
  if ('strong' in p) return html`<strong>${p.strong}</strong>`
  return html`${p.outside.length > p.max ? `${p.outside.slice(0, p.max - 1)}…` : p.outside}`
}
const line = (l: Line): Html => join(l.map(piece))

function block(b: Block, r: PostDeploymentReport): Html {
  const l = r.locale
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? html`<h1>${line(b.line)}</h1>` : b.level === 2 ? html`<h2>${line(b.line)}</h2>` : html`<h3>${line(b.line)}</h3>`
    case 'status': {
      // The decision in the banner's large type, the reason after it in the body's.
      const [decision, ...rest] = b.line
      return html`<section class="banner ${BANNER[STATUS_SEVERITY[r.status]]}" data-status="${r.status}"><div class="decision">${decision === undefined ? '' : piece(decision)}</div><div>${line(rest)}</div></section>`
    }
    case 'paragraph':
      return html`<p>${line(b.line)}</p>`
    case 'list':
      return html`<ul>${b.items.map((i) => html`<li>${line(i)}</li>`)}</ul>`
    case 'table': {
      const cls = (i: number) => (b.align?.[i] === 'r' ? 'num' : '')
      const head = html`<tr>${b.head.map((h, i) => html`<th class="${cls(i)}">${h}</th>`)}</tr>`
      return html`<div class="table-wrap"><table>${head}${b.rows.map((row) => html`<tr>${row.map((c, i) => html`<td class="${cls(i)}">${line(c)}</td>`)}</tr>`)}</table></div>`
    }
    case 'code':
      return html`<pre class="body">${b.text}</pre>`
    case 'chart':
      return chartSvg(b, l)
  }
}

export function renderReportHtml(r: PostDeploymentReport): string {
  const l = r.locale
  const L = labels(l)
  const parts = reportSections(r).map((b) => block(b, r))
  // The head is constants only (the style sheet cannot go through html``: nothing is escapable inside <style>).
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(L.title)}</title><style>${CSS}${EXTRA_CSS}</style>`
  return `<!doctype html><html lang="${l}"><head>${head}</head><body>${join(parts, trustedConstant('\n')).value}</body></html>\n`
}
