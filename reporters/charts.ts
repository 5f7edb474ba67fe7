// Charts of the HTML report as inline SVG, drawn here at report time: no script, no library to inline, nothing
// fetched, readable from file:// and in a browser with JavaScript off (docs/html-report.md says why).
// Each function takes plain numbers and labels (already localised by the caller) and returns an <svg> fragment;
// every text goes through html``, so a hostile label stays text.
import { html, type Html } from './html.ts'

export interface Threshold {
  value: number
  label: string
  /** CSS class of the line: 'go', 'nogo', 'budget'. */
  kind: string
}

const W = 1000
const PAD = { left: 64, right: 24, top: 16, bottom: 40 }

/** Most marks a chart draws: beyond this a series is thinned (evenly, by rank), so 10⁶ attempts stay a small page. */
export const MAX_MARKS = 2000

/** At most `max` items, evenly spaced through the list (first and last kept). */
export function thin<T>(xs: readonly T[], max = MAX_MARKS): T[] {
  if (xs.length <= max) return [...xs]
  const out: T[] = []
  for (let i = 0; i < max; i++) out.push(xs[thinnedAt(i, xs.length, max)] as T)
  return out
}

/**
 * The position in a list of `length` of the i-th item thin() keeps (increasing in i: a walk can pick them as it
 * goes, without the list).
 */
export function thinnedAt(i: number, length: number, max = MAX_MARKS): number {
  return length <= max ? i : Math.round((i * (length - 1)) / (max - 1))
}

/** One decimal is plenty for pixel coordinates and keeps the file small. */
const px = (x: number): string => (Math.round(x * 10) / 10).toString()

/** Round tick steps (1, 2, 5 × 10^k) covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0]
  const raw = max / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  const out: number[] = []
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6)
  return out
}

interface Frame {
  width: number
  height: number
  x: (v: number) => number
  y: (v: number) => number
  xMax: number
}

function frame(xMax: number, yMax: number, height: number): Frame {
  const iw = W - PAD.left - PAD.right
  const ih = height - PAD.top - PAD.bottom
  return {
    width: W,
    height,
    xMax,
    x: (v) => PAD.left + (xMax > 0 ? (Math.min(v, xMax) / xMax) * iw : 0),
    y: (v) => PAD.top + ih - (yMax > 0 ? (v / yMax) * ih : 0),
  }
}

function xAxis(f: Frame, fmt: (v: number) => string, label: string): Html {
  const base = f.height - PAD.bottom
  return html`<g class="axis"><line x1="${px(PAD.left)}" y1="${px(base)}" x2="${px(f.width - PAD.right)}" y2="${px(base)}"/>${niceTicks(f.xMax).map(
    (t) =>
      // The origin's label starts at the axis: centred, it would reach under the y axis' lowest label.
      html`<line x1="${px(f.x(t))}" y1="${px(base)}" x2="${px(f.x(t))}" y2="${px(base + 4)}"/><text x="${px(f.x(t))}" y="${px(base + 16)}" text-anchor="${t === 0 ? 'start' : 'middle'}">${fmt(t)}</text>`,
  )}<text x="${px(f.width - PAD.right)}" y="${px(f.height - 4)}" text-anchor="end">${label}</text></g>`
}

function yAxis(f: Frame, ticks: number[], fmt: (v: number) => string): Html {
  return html`<g class="axis"><line x1="${px(PAD.left)}" y1="${px(PAD.top)}" x2="${px(PAD.left)}" y2="${px(f.height - PAD.bottom)}"/>${ticks.map(
    (t) =>
      html`<line class="grid" x1="${px(PAD.left)}" y1="${px(f.y(t))}" x2="${px(f.width - PAD.right)}" y2="${px(f.y(t))}"/><text x="${px(PAD.left - 6)}" y="${px(f.y(t) + 4)}" text-anchor="end">${fmt(t)}</text>`,
  )}</g>`
}

// --- Label layout. Labels are placed, not just drawn at their mark: two thresholds close together (4,000 and
// 5,000 ms on a 60 s axis), a timeout at the left edge, must never put one text over another or outside the
// viewBox. A label's box is estimated from its characters at the charts' 11px font, on the wide side (DejaVu Sans,
// the usual fallback of system-ui: digits 7px); selftest/browser/chart-labels.test.ts measures the real boxes.

/** A text's box in the SVG's coordinates. */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** A placed label: where its text goes and the box it takes. */
export interface Placed {
  x: number
  y: number
  anchor: 'start' | 'end'
  box: Box
}

const LINE_H = 13
const WIDE = new Set('mwMWG@%—'.split(''))
const NARROW = new Set("il.,:;|!' ()fjrt".split(''))

/** The estimated width of a text at 11px, rounded up. */
export function labelWidth(text: string): number {
  let w = 0
  for (const c of text) w += WIDE.has(c) ? 10 : NARROW.has(c) ? 4.5 : c >= 'A' && c <= 'Z' ? 8 : 7
  return Math.ceil(w)
}

/** A label whose text is anchored at (x, y): its box (baseline y, ascent 10, descent 3). */
function at(x: number, y: number, anchor: 'start' | 'end', width: number): Placed {
  const x0 = anchor === 'start' ? x : x - width
  return { x, y, anchor, box: { x0, y0: y - 10, x1: x0 + width, y1: y + 3 } }
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 + 2 && b.x0 < a.x1 + 2 && a.y0 < b.y1 && b.y0 < a.y1
const inside = (a: Box, b: Box): boolean => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1

/**
 * The first candidate inside `bounds` that overlaps nothing `taken`; the chosen box is added to `taken`. When none
 * fits (a label wider than the chart), the first candidate slid back inside the bounds.
 */
export function place(candidates: readonly Placed[], taken: Box[], bounds: Box): Placed {
  const free = candidates.find((c) => inside(c.box, bounds) && !taken.some((t) => overlaps(c.box, t)))
  const first = candidates[0] as Placed
  const chosen = free ?? slideInside(first, bounds)
  taken.push(chosen.box)
  return chosen
}

function slideInside(p: Placed, bounds: Box): Placed {
  const width = p.box.x1 - p.box.x0
  const x0 = Math.max(bounds.x0, Math.min(p.box.x0, bounds.x1 - width))
  return at(x0, p.y, 'start', width)
}

/**
 * A label beside a vertical mark at x: right of it, else left of it, on the first row from `top` down where it
 * fits; as many rows as there are labels already placed (each row can hold one label at least).
 */
export function besideVertical(x: number, text: string, top: number, taken: Box[], bounds: Box): Placed {
  const width = labelWidth(text)
  const rows = taken.length + 1
  const candidates: Placed[] = []
  for (let r = 0; r <= rows; r++) {
    const y = top + r * LINE_H
    candidates.push(at(x + 3, y, 'start', width), at(x - 3, y, 'end', width))
  }
  return place(candidates, taken, bounds)
}

const textAt = (p: Placed, label: string, cls = ''): Html =>
  html`<text${cls ? html` class="${cls}"` : ''} x="${px(p.x)}" y="${px(p.y)}" text-anchor="${p.anchor}">${label}</text>`

/**
 * A label on a horizontal line at y: at its right end above it, else below it, else further left (one label's
 * width at a time): two thresholds a few pixels apart never share a place. Inside the plot, above the x axis.
 */
function besideHorizontal(f: Frame, y: number, text: string, taken: Box[]): Placed {
  const width = labelWidth(text)
  const right = f.width - PAD.right - 3
  const candidates: Placed[] = []
  for (let k = 0; k === 0 || right - k * (width + 8) - width >= PAD.left; k++) {
    const x = right - k * (width + 8)
    candidates.push(at(x, y - 3, 'end', width), at(x, y + 12, 'end', width))
  }
  return place(candidates, taken, { x0: PAD.left, y0: 1, x1: f.width - 1, y1: f.height - PAD.bottom })
}

/** The whole SVG, less a pixel: what no label may leave. */
const viewBounds = (f: Frame): Box => ({ x0: 1, y0: 1, x1: f.width - 1, y1: f.height - 1 })

function thresholdLines(f: Frame, thresholds: readonly Threshold[], taken: Box[] = []): Html {
  // Labels beside their line, in the plot's width (never over the y axis' labels), placed one after the other.
  const bounds = { ...viewBounds(f), x0: f.x(0) }
  return html`${thresholds
    .filter((t) => t.value <= f.xMax)
    .map((t) => {
      const p = besideVertical(f.x(t.value), t.label, PAD.top + 10, taken, bounds)
      return html`<g class="threshold ${t.kind}"><line x1="${px(f.x(t.value))}" y1="${px(PAD.top)}" x2="${px(f.x(t.value))}" y2="${px(f.height - PAD.bottom)}"/>${textAt(p, t.label)}</g>`
    })}`
}

function svg(f: Frame, name: string, title: string, body: Html): Html {
  return html`<svg class="chart" data-chart="${name}" role="img" aria-label="${title}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" xmlns="http://www.w3.org/2000/svg"><title>${title}</title>${body}</svg>`
}

/** The latency scale: the data, the thresholds, a little headroom. */
export function latencyMax(values: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, thresholds: readonly Threshold[]): number {
  let m = 0
  const lists = values.length > 0 && typeof values[0] !== 'number' ? (values as ReadonlyArray<ArrayLike<number>>) : [values as ArrayLike<number>]
  for (const list of lists) for (let i = 0; i < list.length; i++) if ((list[i] as number) > m) m = list[i] as number
  for (const t of thresholds) if (t.value > m) m = t.value
  return m > 0 ? m * 1.05 : 1000
}

export interface EcdfSeries {
  label: string
  /** Latencies in ms; a censored value (timeout) is included at its censoring point. */
  values: ArrayLike<number>
  /** `values` is already ascending (aggregate's sorted population): drawn as it is, not copied and sorted again. */
  sorted?: boolean
  /** How many of the values are censored (timeouts: the truth is ≥ the value). */
  censored: number
  censoredAt: number | null
  /** CSS class: 'current', 'baseline'. */
  kind: string
}

export interface ChartText {
  title: string
  xLabel: string
  fmtMs: (v: number) => string
  fmtPct: (v: number) => string
  /** A P95 tick's figure, written against the P95's thresholds as the tables write it; else fmtMs. */
  fmtP95?: (v: number) => string
  /** "3 timeouts ≥ 60 s" */
  censoredLabel: (count: number, at: string) => string
}

/**
 * Empirical cumulative distribution of latencies: reading the P95 is reading where the curve crosses 95 %.
 * Censored values (timeouts) sit at the timeout as a vertical jump with a "≥" marker: they are not dropped.
 */
export function ecdfChart(series: readonly EcdfSeries[], thresholds: readonly Threshold[], text: ChartText): Html {
  const f = frame(
    latencyMax(
      series.map((s) => s.values),
      thresholds,
    ),
    1,
    280,
  )
  // The fixed texts first (P95 line label, legend), then the thresholds' and timeouts' labels around them.
  const p95Label = at(PAD.left + 4, f.y(0.95) - 3, 'start', labelWidth('P95'))
  const legendY = (i: number) => PAD.top + 28 + i * 16
  const taken: Box[] = [p95Label.box]
  if (series.length > 1)
    for (const [i, s] of series.entries())
      taken.push({ x0: PAD.left + 12, y0: legendY(i) - 6, x1: PAD.left + 36 + labelWidth(s.label), y1: legendY(i) + 7 })
  const lines = thresholdLines(f, thresholds, taken)
  const plotBounds = { ...viewBounds(f), x0: f.x(0) }
  const paths = series.map((s) => {
    const v = s.sorted === true ? s.values : Float64Array.from(s.values).sort()
    const n = v.length
    if (n === 0) return html``
    // Steps at (at most MAX_MARKS) evenly spaced ranks: exact for small runs, a faithful outline for huge ones.
    const marks = Math.min(n, MAX_MARKS)
    let d = `M${px(f.x(0))},${px(f.y(0))}`
    for (let k = 0; k < marks; k++) {
      const i = marks === n ? k : Math.round((k * (n - 1)) / (marks - 1))
      d += `H${px(f.x(v[i] as number))}V${px(f.y((i + 1) / n))}`
    }
    d += `H${px(f.x(f.xMax))}`
    const label = s.censored > 0 && s.censoredAt !== null ? text.censoredLabel(s.censored, text.fmtMs(s.censoredAt)) : ''
    const marker =
      s.censoredAt !== null && label !== ''
        ? html`<g class="censored"><path d="M${px(f.x(s.censoredAt))},${px(f.y(1) - 2)}l-6,-8h12z"/>${textAt(besideVertical(f.x(s.censoredAt), label, PAD.top + 10, taken, plotBounds), label)}</g>`
        : html``
    return html`<path class="ecdf ${s.kind}" d="${d}"><title>${s.label} (n = ${n})</title></path>${marker}`
  })
  const p95 = html`<g class="p95line"><line x1="${px(PAD.left)}" y1="${px(f.y(0.95))}" x2="${px(f.width - PAD.right)}" y2="${px(f.y(0.95))}"/>${textAt(p95Label, 'P95')}</g>`
  // Top left is empty on an ECDF (short latencies, high cumulative share): the legend goes there.
  const legend = series.map((s, i) => {
    const y = legendY(i)
    return html`<g class="legend ${s.kind}"><line x1="${px(PAD.left + 12)}" y1="${px(y)}" x2="${px(PAD.left + 32)}" y2="${px(y)}"/><text x="${px(PAD.left + 36)}" y="${px(y + 4)}">${s.label}</text></g>`
  })
  return svg(
    f,
    'ecdf',
    text.title,
    html`${yAxis(f, [0, 0.25, 0.5, 0.75, 1], text.fmtPct)}${xAxis(f, text.fmtMs, text.xLabel)}${p95}${lines}${paths}${series.length > 1 ? legend : ''}`,
  )
}

export interface StripRow {
  label: string
  /** Uncensored latencies and censored ones (drawn hollow, at the censoring point); thinned here if more. */
  values: readonly number[]
  censored: readonly number[]
  /** The largest of the row's latencies, when `values` and `censored` are already thinned (thinnedAt). */
  max?: number
  p50: number | null
  p95: number | null
  /** The percentile is a lower bound (a timeout weighs in it): its tick says "≥". */
  p50Censored?: boolean
  p95Censored?: boolean
}

/** One row per group (category): every attempt as a dot, P50 and P95 as ticks, thresholds as lines. */
export function stripChart(name: string, rows: readonly StripRow[], thresholds: readonly Threshold[], text: ChartText): Html {
  const rowH = 34
  const height = PAD.top + PAD.bottom + rowH * Math.max(1, rows.length)
  const left = 190
  const xMax = latencyMax(
    [...rows.map((r) => r.values), ...rows.map((r) => r.censored), ...rows.map((r) => (r.max === undefined ? [] : [r.max]))],
    thresholds,
  )
  const base = frame(xMax, 1, height)
  const iw = W - left - PAD.right
  const f: Frame = { ...base, x: (v) => left + (Math.min(v, xMax) / xMax) * iw }
  const body = rows.map((r, i) => {
    const cy = PAD.top + rowH * i + rowH / 2
    const values = thin(r.values, MAX_MARKS / 4)
    const censored = thin(r.censored, MAX_MARKS / 4)
    // Deterministic jitter (no randomness in a report): spread the dots over the row by their rank.
    const jitter = (k: number) => ((k * 7) % 11) - 5
    const tick = (v: number | null, cls: string, tag: string, censored = false) =>
      v === null
        ? html``
        : html`<g class="${cls}"><line x1="${px(f.x(v))}" y1="${px(cy - 12)}" x2="${px(f.x(v))}" y2="${px(cy + 12)}"/><title>${tag} ${censored ? '≥ ' : ''}${tag === 'P95' && text.fmtP95 ? text.fmtP95(v) : text.fmtMs(v)}</title></g>`
    return html`<g class="row"><text class="rowlabel" x="${px(left - 8)}" y="${px(cy + 4)}" text-anchor="end">${r.label}</text>${values.map(
      (v, k) => html`<circle class="dot" cx="${px(f.x(v))}" cy="${px(cy + jitter(k))}" r="2.5"/>`,
    )}${censored.map(
      (v, k) => html`<circle class="dot censored" cx="${px(f.x(v))}" cy="${px(cy + jitter(k))}" r="3.5"><title>≥ ${text.fmtMs(v)}</title></circle>`,
    )}${tick(r.p50, 'tick p50', 'P50', r.p50Censored)}${tick(r.p95, 'tick p95', 'P95', r.p95Censored)}</g>`
  })
  return svg(f, name, text.title, html`${xAxis(f, text.fmtMs, text.xLabel)}${thresholdLines(f, thresholds)}${body}`)
}

export interface StackRow {
  label: string
  /** One value per stage, in stage order; null = not reported. */
  values: ReadonlyArray<number | null>
}

/** Horizontal stacked bars (one segment per pipeline stage), with the end-to-end budget as a line. */
export function stackedChart(stages: readonly string[], rows: readonly StackRow[], thresholds: readonly Threshold[], text: ChartText): Html {
  const rowH = 24
  const legendH = 22
  const height = PAD.top + PAD.bottom + legendH + rowH * Math.max(1, rows.length)
  const left = 190
  const axisBase = height - PAD.bottom - legendH
  const totals = rows.map((r) => r.values.reduce<number>((s, v) => s + (v ?? 0), 0))
  const xMax = latencyMax(totals, thresholds)
  // The frame ends above the legend row (the legend sits under the axis, clear of the threshold label).
  const base = frame(xMax, 1, height - legendH)
  const iw = W - left - PAD.right
  const f: Frame = { ...base, x: (v) => left + (Math.min(v, xMax) / xMax) * iw }
  const top = PAD.top
  const legend = stages.map(
    (s, i) =>
      html`<g class="legend"><rect class="seg s${i}" x="${px(left + i * 180)}" y="${px(axisBase + PAD.bottom + 4)}" width="12" height="12"/><text x="${px(left + i * 180 + 16)}" y="${px(axisBase + PAD.bottom + 14)}">${s}</text></g>`,
  )
  const bars = rows.map((r, i) => {
    const y = top + rowH * i + 4
    let acc = 0
    const segs = r.values.map((v, k) => {
      if (v === null || v <= 0) return html``
      const x0 = f.x(acc)
      acc += v
      return html`<rect class="seg s${k}" x="${px(x0)}" y="${px(y)}" width="${px(Math.max(0.5, f.x(acc) - x0))}" height="${rowH - 8}"><title>${stages[k] ?? ''} ${text.fmtMs(v)}</title></rect>`
    })
    return html`<g class="row"><text class="rowlabel" x="${px(left - 8)}" y="${px(y + rowH / 2)}" text-anchor="end">${r.label}</text>${segs}</g>`
  })
  return svg({ ...f, height }, 'stages', text.title, html`${xAxis(f, text.fmtMs, text.xLabel)}${thresholdLines(f, thresholds)}${legend}${bars}`)
}

export interface TimePoint {
  /** ms since the run started. */
  t: number
  latency: number
  ok: boolean
  timedOut: boolean
  warmup: boolean
  label: string
}

/**
 * Every request in time order: warm-up effects, drift and stalls show as shapes. The caller thins huge runs
 * (passed and failed requests each keep their share of MAX_MARKS).
 */
export function timelineChart(
  points: readonly TimePoint[],
  thresholds: readonly Threshold[],
  /** `timedOutTag`: what follows the latency of a timed-out request in its tooltip (" (timeout)"). */
  text: ChartText & { fmtTime: (ms: number) => string; timeLabel: string; timedOutTag: string },
): Html {
  const height = 280
  let tMax = 1
  for (const p of points) if (p.t > tMax) tMax = p.t
  tMax *= 1.02
  const yMax = latencyMax(
    points.map((p) => p.latency),
    thresholds,
  )
  const f = frame(tMax, yMax, height)
  const taken: Box[] = []
  const lines = thresholds
    .filter((t) => t.value <= yMax)
    .map(
      (t) =>
        html`<g class="threshold ${t.kind}"><line x1="${px(PAD.left)}" y1="${px(f.y(t.value))}" x2="${px(f.width - PAD.right)}" y2="${px(f.y(t.value))}"/>${textAt(besideHorizontal(f, f.y(t.value), t.label, taken), t.label)}</g>`,
    )
  const dots = points.map((p) => {
    const cls = `pt ${p.ok ? 'ok' : 'ko'}${p.warmup ? ' warmup' : ''}`
    const tip = html`<title>${p.label} — ${text.fmtMs(p.latency)}${p.timedOut ? text.timedOutTag : ''}</title>`
    return p.timedOut
      ? html`<path class="${cls} timeout" d="M${px(f.x(p.t))},${px(f.y(p.latency) - 5)}l-4,8h8z">${tip}</path>`
      : html`<circle class="${cls}" cx="${px(f.x(p.t))}" cy="${px(f.y(p.latency))}" r="3">${tip}</circle>`
  })
  return svg(f, 'timeline', text.title, html`${yAxis(f, niceTicks(yMax), text.fmtMs)}${xAxis(f, text.fmtTime, text.timeLabel)}${lines}${dots}`)
}
