// Which other Harena generation an answer's charts are drawn in (docs/generations.md): the two v2 generations share
// their routes and envelope, so a wrong HARENA_API_CONTRACT between them is never a 404 — it reads as missing KPI
// cards or charts the generation "should" draw (review 2026-12-06), with nothing pointing at the setting. Said as a
// note on the answer; the verdict names the setting when the run fails (reporters/decide.ts).
import type { NormalizedViz } from './turn.ts'

/** Sprint 1.3's own visualization types (the reference service's harena-v2, tests/support/adapters/visualizations.ts). */
const SPRINT_TYPES = new Set(['kpi_card', 'pie_chart', 'bar_chart', 'line_chart'])

/**
 * The generation whose chart format this answer's visualizations are in, when it is not `contract`'s: main's
 * `{type:"chart", chart_type}` objects only (no KPI card) under harena-v2 → harena-v2-charts; a Sprint 1.3 type under
 * harena-v2-charts → harena-v2. null otherwise (no visualization says which, or the format is the contract's own).
 */
export function otherGenerationOf(contract: string, visualizations: readonly NormalizedViz[]): string | null {
  if (visualizations.length === 0) return null
  if (contract === 'harena-v2' && visualizations.every((v) => v.wireType.startsWith('chart/'))) return 'harena-v2-charts'
  if (contract === 'harena-v2-charts' && visualizations.some((v) => SPRINT_TYPES.has(v.wireType))) return 'harena-v2'
  return null
}
