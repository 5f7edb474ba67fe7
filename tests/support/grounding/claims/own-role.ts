// A figure of the answer's own scope with a role — its total, count, average, income — held to the carried figure of
// that role, never to "any carried figure" (docs/grounding.md "Grounded figures", "Rounded and bounded figures").
// A figure of no role must match some carried figure, or stays unverified.
import { type Context, type FigureRule, matchPool, type TextSource, contradict } from '../context.ts'
import type { Fact, Facts } from '../facts.ts'
import type { StatedFigure } from '../figures.ts'
import { agrees, fitOf } from '../fit.ts'
import { namedLabel } from '../labels.ts'

const SOURCE_OF_ROLE = {
  total: 'total',
  income: 'income',
  average: 'average',
  count: 'count',
  change: 'change',
} as const

function factFor(facts: Facts, role: keyof typeof SOURCE_OF_ROLE): Fact | null {
  return facts[SOURCE_OF_ROLE[role]]
}

/** The last rule (check.ts): a figure no other rule took is held to the carried figure of its role, else to any. */
export const ownRoleFigure: FigureRule = (ctx, { source }, figure) => {
  const role = figure.role
  // A share never comes here (shares.ts shareFigure takes every one).
  const fact = role === null || role === 'share' ? null : factFor(ctx.facts, role)
  if (fact !== null && role !== null) checkOwnRole(ctx, source, figure, role, fact)
  else matchPool(ctx, figure)
  return true
}

function checkOwnRole(ctx: Context, source: TextSource, figure: StatedFigure, role: string, fact: Fact): void {
  const fit = fitOf(figure, fact.value)
  if (fit === 'agrees') {
    ctx.checked++
    ctx.agreed.add(role)
    return
  }
  // A clause about one chart label (a category, a merchant) may state that part's own figure.
  const part = namedLabel(ctx.facts, figure.clause)
  if (part?.values.some((v) => agrees(figure, v))) {
    ctx.checked++
    return
  }
  // A computed average (total ÷ count) is derived, not carried: a mismatch is left unverified, not a contradiction.
  if (fact.source === 'computed') {
    matchPool(ctx, figure)
    return
  }
  if (fit === 'loose') {
    ctx.loose.push({ source, figure, role, fact })
    return
  }
  contradict(ctx, source, 'check.grounding.figure', { stated: figure.said, role, source: fact.source, sourceName: fact.name, carried: fact.value })
}

/**
 * A loose own-scope figure ("Vous avez dépensé plus de 100 €" beside a total of 2 661,93 €) is no lie, but an answer
 * that states nothing closer for that role never states its figure: it fails, quoting both. Beside a figure of that
 * role that agrees ("2 661,93 €, dont plus de 100 € …" read as a second total) it is only unverified.
 */
export function checkLoose(ctx: Context): void {
  for (const { source, figure, role, fact } of ctx.loose) {
    // A count's bound ("plus de 30 transactions" for 36) summarizes; the amounts are what an answer must state.
    if (ctx.agreed.has(role) || figure.kind === 'count') {
      ctx.unverified.push(figure.text)
      continue
    }
    contradict(ctx, source, 'check.grounding.loose', {
      stated: figure.said,
      bound: figure.bound,
      role,
      source: fact.source,
      sourceName: fact.name,
      carried: fact.value,
    })
  }
}
