// An answer that says it found nothing — in its words ("Je n'ai trouvé aucune transaction", "aucune dépense
// inhabituelle", zero-claims.ts) or by its search flag (v3 `requires_search: false`) — beside results it carries
// contradicts itself (docs/grounding.md).
import { reason } from '../../../../core/reason.ts'
import { questionEntities } from '../../checks/question-asked.ts'
import { fold } from '../../checks/text.ts'
import type { NormalizedTurn } from '../../turn.ts'
import { type Context, questionValues, type StatedText, type TextSource, contradict } from '../context.ts'
import { type Facts, factsOf } from '../facts.ts'
import { foldKeep, periodMentions, statedFigures } from '../figures.ts'
import { ownPeriodsOf } from '../own-periods.ts'
import { scopeOf } from '../scope.ts'
import { anomalyZeroClaims, type ZeroClaim, zeroClaims } from '../zero-claims.ts'
import { statedMessage } from '../table-rows.ts'

/** What the answer carries that shows it found something: results, a total or count above zero, a chart with values. */
function foundEvidence(
  facts: Facts,
  turn: NormalizedTurn,
): { source: string; sourceName: string; carried: number; unit: 'count' | 'eur' | 'sum' } | null {
  if (turn.totalResults !== null && turn.totalResults > 0) {
    return { source: 'search_summary', sourceName: 'total_results', carried: turn.totalResults, unit: 'count' }
  }
  const summary = turn.structuredSummary
  if (summary !== undefined && summary.totalResults > 0) {
    return { source: 'structured_data', sourceName: 'total_results', carried: summary.totalResults, unit: 'count' }
  }
  const count = facts.carried.count.find((f) => f.value > 0)
  if (count !== undefined) return { source: count.source, sourceName: count.name, carried: count.value, unit: 'count' }
  const total = facts.carried.total.find((f) => f.value > 0) ?? (facts.total !== null && facts.total.value > 0 ? facts.total : null)
  if (total !== null) return { source: total.source, sourceName: total.name, carried: total.value, unit: 'eur' }
  for (const v of turn.visualizations) {
    if (v.kind === 'kpi' && v.value !== null && v.value > 0) return { source: 'kpi', sourceName: v.title, carried: v.value, unit: 'sum' }
    const shown = v.datasets.reduce((n, d) => n + d.data.reduce((a, x) => a + Math.abs(x), 0), 0)
    if (shown > 0) return { source: 'chart', sourceName: v.title, carried: shown, unit: 'sum' }
  }
  return null
}

const INCOME_QUESTION = /(revenu|credit|salaire|recu|recette|rentree|entree|virements? entrant|encaiss)/

/**
 * A claim of nothing about the answer's own scope: not another period, and naming no merchant, category or
 * amount the question did not ask about ("aucune transaction chez Lidl" beside an answer about Carrefour is a subset).
 */
function ownZeroClaim(ctx: Pick<Context, 'facts' | 'asked' | 'ownPeriods'>, claim: ZeroClaim, question: string): boolean {
  // A question naming no period is answered for the service's default one ("le mois dernier", "ce mois-ci").
  const defaultPeriod =
    periodMentions(foldKeep(question)).length === 0 && claim.periods.every((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'current'))
  if (!defaultPeriod && scopeOf(ctx, claim) === 'other') return false
  // "Vous avez reçu 3 258,23 €, sans aucune dépense": no spending is a subset of an answer about income.
  if (claim.spending && INCOME_QUESTION.test(fold(question))) return false
  const asked = questionEntities(question)
  const named = questionEntities(claim.part)
  const foldedQuestion = fold(question)
  if (named.merchants.some((m) => !foldedQuestion.includes(fold(m)))) return false
  if (named.categories.some((c) => !asked.categories.includes(c))) return false
  // "aucune de vos 405 transactions", "sur vos 405 opérations": the answer's own count names its whole, not a subset.
  const whole = [ctx.facts.count, ...ctx.facts.carried.count].flatMap((f) => (f === null ? [] : [f.value]))
  return statedFigures(claim.part).every(
    (f) => f.value === 0 || ctx.asked.some((v) => Math.abs(v - f.value) < 1e-9) || (f.kind === 'count' && whole.includes(f.value)),
  )
}

/**
 * The answer's own claim of no unusual spending ("Je n'ai relevé aucune anomalie"), read from its message: the ground
 * truth holds it against the anomalies it lists (ground-truth/check.ts), as checkNoUnusual does against the insights.
 */
export function ownNoUnusualClaim(turn: NormalizedTurn, question: string): ZeroClaim | undefined {
  const ctx = { facts: factsOf(turn), asked: questionValues(question), ownPeriods: ownPeriodsOf(question, turn) }
  return anomalyZeroClaims(statedMessage(turn)).find((c) => ownZeroClaim(ctx, c, question))
}

/** An answer that says it ran no search (v3 `metadata.requires_search: false`) cannot carry results. */
export function checkSearchSkipped(ctx: Context): void {
  const { turn } = ctx
  if (turn.searchSkipped !== true) return
  const found = foundEvidence(ctx.facts, turn)
  if (found === null) return
  ctx.contradictions.push(
    reason('check.grounding.search_skipped', { source: found.source, sourceName: found.sourceName, carried: found.carried, unit: found.unit }),
  )
}

/** "Je n'ai trouvé aucune transaction" beside results: the answer contradicts itself. */
export function checkZeroClaims(ctx: Context, { source }: StatedText): void {
  const { turn, question } = ctx
  const claims = zeroClaims(source.text)
  const found = claims.length === 0 ? null : foundEvidence(ctx.facts, turn)
  const claim = found === null ? undefined : claims.find((c) => ownZeroClaim(ctx, c, question))
  if (found !== null && claim !== undefined) {
    contradict(ctx, source, 'check.grounding.claims_nothing', { stated: claim.text, ...found })
    return
  }
  checkNoUnusual(ctx, source, turn, question)
}

/**
 * "Je n'ai détecté aucune dépense inhabituelle" beside the unusual_transaction insights the answer carries: no subset
 * of its results, the whole of what it found unusual (review 2026-12-08: one passed beside two insights, GO). Without
 * such insights (v3 carries none) nothing contradicts it.
 */
function checkNoUnusual(ctx: Context, source: TextSource, turn: NormalizedTurn, question: string): void {
  const unusual = turn.insights.filter((i) => i.type === 'unusual_transaction').length
  if (unusual === 0) return
  const claim = anomalyZeroClaims(source.text).find((c) => ownZeroClaim(ctx, c, question))
  if (claim === undefined) return
  const found = { source: 'insight', sourceName: 'unusual_transaction', carried: unusual, unit: 'count' }
  contradict(ctx, source, 'check.grounding.claims_nothing', { stated: claim.text, ...found })
}
