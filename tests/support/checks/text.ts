// Small text helpers shared by the checks: accent/case folding, literal patterns and bounded, one-line quoting of observed text
// (reason parameters end up in reports and terminals: they must stay short and printable).
import type { NormalizedTurn, NormalizedViz } from '../turn.ts'

/** Lower case, accents removed ("Dépenses" → "depenses"), typographic apostrophes made plain. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
}

/** The text as a regular expression matching it literally (a label, a merchant's name inside a pattern). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** An observed text on one line, at most `max` characters (an ellipsis marks the cut); reasons quote it. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** `"text"`: an excerpt in plain double quotes (for catalogues that quote inside a parameter). */
export function quoted(text: string, max = 80): string {
  return `"${excerpt(text, max)}"`
}

/** The kinds of the answer's visualizations, in order: what a chart failure says it saw. */
export function vizKinds(turn: NormalizedTurn): string[] {
  return turn.visualizations.map((v) => v.kind)
}

export function ofKind(turn: NormalizedTurn, kind: NormalizedViz['kind']): NormalizedViz[] {
  return turn.visualizations.filter((v) => v.kind === kind)
}

/** Number of data points across a chart's datasets. */
export function pointCount(viz: NormalizedViz): number {
  return viz.datasets.reduce((n, d) => n + d.data.length, 0)
}

/**
 * The visualization shows something: a KPI card states a finite figure, a chart has a data point. Other kinds
 * (a table, an unknown type, a chart type no contract defines) cannot be read: nothing says they show anything, so
 * they never count as shown (an answer of `{type:"graph"}` alone covered no question). What visualization coverage
 * counts and chart checks accept.
 */
export function showsSomething(viz: NormalizedViz): boolean {
  if (viz.kind === 'kpi') return typeof viz.value === 'number' && Number.isFinite(viz.value)
  if (viz.kind === 'pie' || viz.kind === 'bar' || viz.kind === 'line') return pointCount(viz) > 0
  return false
}

/** Numbers in reasons: at most 2 decimals, no float noise (1234.5600000001 → 1234.56). */
export function num(n: number): number {
  return Math.round(n * 100) / 100
}
