// Visualization objects → NormalizedViz. Two wire formats exist (docs/wire-contracts.md §2):
//  - Sprint 1.3 (feature branch, and the reference service): kpi_card, pie_chart, bar_chart, line_chart with
//    `data: {labels, datasets}`;
//  - main ≥ 89ab727b: `{type: "chart", chart_type: "pie"|"bar"|"line", title, config: {data: {labels, datasets}}}`.
// A known type with a broken shape is a contract violation (its figures cannot be trusted), and so is a chart
// with no data point (labels and datasets empty, or every dataset's data empty or all null): it draws nothing,
// so it is no visualization (visualization coverage never counts it) and the answer names it as an empty chart. An unknown type is
// kept as 'other' ('table' when it says so), so a new kind of visualization never breaks the contract.
import { z } from 'zod'
import type { VizKind } from '../../../core/model.ts'
import type { NormalizedViz, VizCaption } from '../turn.ts'
import { issueLines } from './wire.ts'

// Chart.js renders null as a gap; as a figure a gap carries no amount, so it normalizes to 0.
const Dataset = z.looseObject({
  label: z.string().nullable().optional(),
  data: z.array(z.number().nullable()),
})
const ChartData = z.looseObject({
  labels: z.array(z.union([z.string(), z.number()])),
  datasets: z.array(Dataset),
})
const KpiCard = z.looseObject({
  type: z.literal('kpi_card'),
  title: z.string(),
  value: z.number().nullable(),
  change_percent: z.number().nullable().optional(),
  // Kept when text: a card in another currency than the service's contradicts its data (checks/chart-data.ts).
  unit: z.unknown().optional(),
})
const Sprint13Chart = z.looseObject({
  type: z.enum(['pie_chart', 'bar_chart', 'line_chart']),
  title: z.string(),
  data: ChartData,
})
const MainChart = z.looseObject({
  type: z.literal('chart'),
  chart_type: z.string(),
  title: z.string(),
  config: z.looseObject({ data: ChartData }),
})
const AnyViz = z.looseObject({ type: z.string().min(1), title: z.string().nullable().optional() })

const SPRINT13_KIND: Record<z.infer<typeof Sprint13Chart>['type'], VizKind> = { pie_chart: 'pie', bar_chart: 'bar', line_chart: 'line' }
const MAIN_KIND: Readonly<Record<string, VizKind>> = { pie: 'pie', bar: 'bar', line: 'line' }

type ChartDataT = z.infer<typeof ChartData>

function chart(kind: VizKind, wireType: string, title: string, data: ChartDataT): NormalizedViz {
  return {
    kind,
    wireType,
    title,
    value: null,
    changePercent: null,
    labels: data.labels.map(String),
    datasets: data.datasets.map((d) => ({ label: d.label ?? null, data: d.data.map((v) => v ?? 0) })),
  }
}

/** A data point Chart.js can draw: a number (null is a gap). */
const hasDataPoint = (data: ChartDataT): boolean => data.datasets.some((d) => d.data.some((v) => v !== null))

/** The issue naming a chart with nothing to draw. */
function emptyChartIssue(path: string, data: ChartDataT): string {
  const sets = data.datasets.length
  return `${path}: an empty chart (no data point: ${data.labels.length} label(s), ${sets} dataset(s)${sets > 0 ? ' whose data hold no number' : ''}): it shows nothing and is not a visualization`
}

/** A chart of a known type: normalized, or the issue when it has no data point. */
function knownChart(kind: VizKind, wireType: string, title: string, data: ChartDataT, path: string): { viz: NormalizedViz | null; issues: string[] } {
  if (!hasDataPoint(data)) return { viz: null, issues: [emptyChartIssue(path, data)] }
  return { viz: chart(kind, wireType, title, data), issues: [] }
}

function plain(kind: VizKind, wireType: string, title: string): NormalizedViz {
  return { kind, wireType, title, value: null, changePercent: null, labels: [], datasets: [] }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
/** A shown text: a string, or Chart.js's list of lines (joined); null when empty or anything else. */
function shownText(value: unknown): string | null {
  const text = typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(' ') : null
  return text === null || text.trim() === '' ? null : text
}
const child = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined)

/**
 * What a visualization shows besides its title, labels and legends (docs/wire-contracts.md §2): the Sprint 1.3 chart's
 * `description`, a `subtitle`, a KPI card's `comparison_text`, and Chart.js's own heading, subtitle and axis titles
 * under `options` (Sprint 1.3) or `config.options` (main). Tooltip and tick callbacks are code, never read.
 */
function captionsOf(item: unknown): VizCaption[] {
  const out: VizCaption[] = []
  const add = (part: VizCaption['part'], value: unknown): void => {
    const text = shownText(value)
    if (text !== null) out.push({ part, text })
  }
  add('description', child(item, 'description'))
  add('subtitle', child(item, 'subtitle'))
  add('comparison text', child(item, 'comparison_text'))
  for (const options of [child(item, 'options'), child(child(item, 'config'), 'options')]) {
    const plugins = child(options, 'plugins')
    add('heading', child(child(plugins, 'title'), 'text'))
    add('subtitle', child(child(plugins, 'subtitle'), 'text'))
    const scales = child(options, 'scales')
    if (isRecord(scales)) for (const axis of Object.values(scales)) add('axis title', child(child(axis, 'title'), 'text'))
  }
  return out
}

/** The normalized visualization with what else it shows (captionsOf), when it shows anything. */
function withCaptions(out: { viz: NormalizedViz | null; issues: string[] }, item: unknown): { viz: NormalizedViz | null; issues: string[] } {
  const captions = out.viz === null ? [] : captionsOf(item)
  return captions.length === 0 || out.viz === null ? out : { viz: { ...out.viz, captions }, issues: out.issues }
}

/** Normalizes one wire visualization; `issues` (with paths under `path`) when a known type is malformed. */
function normalizeOne(item: unknown, path: string): { viz: NormalizedViz | null; issues: string[] } {
  return withCaptions(normalizeShape(item, path), item)
}

/** The visualization's kind, title, figures and labels by its wire type. */
function normalizeShape(item: unknown, path: string): { viz: NormalizedViz | null; issues: string[] } {
  const base = AnyViz.safeParse(item)
  if (!base.success) return { viz: null, issues: issueLines(base.error, path) }
  const type = base.data.type
  const check = <T>(schema: z.ZodType<T>): { ok: true; data: T } | { ok: false; issues: string[] } => {
    const r = schema.safeParse(item)
    return r.success ? { ok: true, data: r.data } : { ok: false, issues: issueLines(r.error, path) }
  }
  if (type === 'kpi_card') {
    const r = check(KpiCard)
    if (!r.ok) return { viz: null, issues: r.issues }
    const viz: NormalizedViz = { ...plain('kpi', type, r.data.title), value: r.data.value, changePercent: r.data.change_percent ?? null }
    if (typeof r.data.unit === 'string') viz.unit = r.data.unit
    return { viz, issues: [] }
  }
  if (type === 'pie_chart' || type === 'bar_chart' || type === 'line_chart') {
    const r = check(Sprint13Chart)
    if (!r.ok) return { viz: null, issues: r.issues }
    return knownChart(SPRINT13_KIND[r.data.type], type, r.data.title, r.data.data, path)
  }
  if (type === 'chart') {
    const r = check(MainChart)
    if (!r.ok) return { viz: null, issues: r.issues }
    const kind = MAIN_KIND[r.data.chart_type.toLowerCase()] ?? 'other'
    return knownChart(kind, `chart/${r.data.chart_type}`, r.data.title, r.data.config.data, path)
  }
  const title = base.data.title ?? ''
  return { viz: plain(/table/i.test(type) ? 'table' : 'other', type, title), issues: [] }
}

/** All visualizations of an answer, in answer order; any issue makes the body a contract violation. */
export function normalizeVisualizations(items: readonly unknown[], path: string): { visualizations: NormalizedViz[]; issues: string[] } {
  const visualizations: NormalizedViz[] = []
  const issues: string[] = []
  items.forEach((item, i) => {
    const out = normalizeOne(item, `${path}[${i}]`)
    if (out.viz !== null) visualizations.push(out.viz)
    issues.push(...out.issues)
  })
  return { visualizations, issues }
}
