// The figures an answer carries must agree among themselves: total ≈ count × average, the count with the search's
// results, every copy of the total or count with the first, the KPI change with the comparison chart (docs/grounding.md).
import { reason } from '../../../../core/reason.ts'
import type { Context } from '../context.ts'
import type { Fact } from '../facts.ts'
import type { Direction } from '../figures.ts'

function directionOfValue(value: number): Direction {
  return value > 0.05 ? 'up' : value < -0.05 ? 'down' : 'stable'
}

/** Relations between the carried figures themselves. */
export function checkRelations(ctx: Context): void {
  checkKpiProduct(ctx)
  checkCountVsResults(ctx)
  checkTotalVsInsights(ctx)
  for (const role of ['total', 'count'] as const) checkCarriedCopies(ctx, role)
  checkChangeVsChart(ctx)
}

/** A KPI card's figure (the relations below compare the cards with each other and with the rest). */
const kpi = (f: Fact | null): Fact | null => (f !== null && f.source === 'kpi' ? f : null)

/** The KPI total ≈ the KPI count × the KPI average. */
function checkKpiProduct(ctx: Context): void {
  const total = kpi(ctx.facts.total)
  const count = kpi(ctx.facts.count)
  const average = kpi(ctx.facts.average)
  if (total === null || count === null || average === null) return
  ctx.checked++
  const product = count.value * average.value
  // Each of `count` items was rounded by at most half a cent in the average, plus the cent of the total itself.
  if (Math.abs(product - total.value) > count.value * 0.005 + 0.011) {
    ctx.contradictions.push(reason('check.grounding.kpi_product', { total: total.value, count: count.value, average: average.value, product }))
  }
}

/** The KPI count = the search's total results. */
function checkCountVsResults(ctx: Context): void {
  const count = kpi(ctx.facts.count)
  const totalResults = ctx.turn.totalResults
  if (count === null || totalResults === null) return
  ctx.checked++
  if (count.value !== totalResults) {
    ctx.contradictions.push(reason('check.grounding.count_vs_results', { kpi: count.name, count: count.value, totalResults }))
  }
}

/** The KPI total = each financial_summary insight's total_debit. */
function checkTotalVsInsights(ctx: Context): void {
  const total = kpi(ctx.facts.total)
  if (total === null) return
  for (const i of ctx.turn.insights) {
    const debit = i.dataSupport?.['total_debit']
    if (i.type !== 'financial_summary' || typeof debit !== 'number') continue
    ctx.checked++
    if (Math.abs(debit - total.value) > 0.011)
      ctx.contradictions.push(reason('check.grounding.total_vs_insight', { kpi: total.name, total: total.value, insight: i.title, carried: debit }))
  }
}

/** The KPI change = the comparison chart's, within 0,15 point and in the same direction. */
function checkChangeVsChart(ctx: Context): void {
  const { facts } = ctx
  const change = kpi(facts.change)
  if (change === null || facts.comparison === null || facts.comparison.change === null) return
  ctx.checked++
  const computed = facts.comparison.change
  if (Math.abs(computed - change.value) > 0.15 || directionOfValue(computed) !== directionOfValue(change.value)) {
    ctx.contradictions.push(
      reason('check.grounding.change_vs_chart', { kpi: change.name, change: change.value, chart: facts.comparison.name, computed }),
    )
  }
}

/** Pairs the KPI checks above already compare (with their own sentences). */
function comparedAbove(a: Fact, b: Fact): boolean {
  return a.source === 'kpi' && (b.source === 'search_summary' || (b.source === 'insight' && b.name === 'total_debit'))
}

/** Every carried copy of the answer's own total (or count) must agree with the first one: the service contradicts itself otherwise. */
function checkCarriedCopies(ctx: Context, role: 'total' | 'count'): void {
  const [first, ...others] = ctx.facts.carried[role]
  if (first === undefined) return
  const slack = role === 'total' ? 0.011 : 0
  for (const other of others) {
    if (comparedAbove(first, other)) continue
    if (Math.abs(first.value - other.value) <= slack) {
      // Two zeros of a search that found nothing ground no figure: the answer stays "not checkable".
      if (first.value !== 0) ctx.checked++
      continue
    }
    ctx.contradictions.push(
      reason('check.grounding.carried_mismatch', {
        role,
        source: first.source,
        sourceName: first.name,
        carried: first.value,
        otherSource: other.source,
        otherName: other.name,
        other: other.value,
      }),
    )
  }
}
