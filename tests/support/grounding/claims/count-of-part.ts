// A count said of another merchant or category than the question's counts a part, not the answer's transactions
// (docs/grounding.md "Grounded figures"): noted unverified, never held to the answer's count.
import { categoriesSpoken, questionEntities } from '../../checks/question-asked.ts'
import { askedName, type Context, type FigureRule, type TextSource } from '../context.ts'
import type { StatedFigure } from '../figures.ts'
import { agrees } from '../fit.ts'

export const countOfPartFigure: FigureRule = (ctx, { source }, figure) => {
  if (!countOfPart(ctx, source, figure)) return false
  ctx.unverified.push(figure.text)
  return true
}

/**
 * A count said of another merchant or category than the question's ("Chez SNCF, 2 trajets pour 133,98 €", "3
 * passages chez Carrefour" in an answer about all spending) counts a part, not the answer's transactions: unverified,
 * not failed, when it does not agree with the carried count. Read in the count's own comma-delimited part, with a
 * fronted "Chez SNCF," before it: "40 transactions, surtout chez Carrefour" is still the answer's count.
 */
function countOfPart(ctx: Context, source: TextSource, figure: StatedFigure): boolean {
  const fact = ctx.facts.count
  if (figure.kind !== 'count' || figure.role !== 'count' || fact === null || agrees(figure, fact.value)) return false
  const start = figure.index - figure.clauseAt
  const clause = source.text.slice(start, start + figure.clause.length)
  const parts = clause.split(/,(?!\d)/)
  let at = 0
  let k = 0
  while (k < parts.length - 1 && at + (parts[k]?.length ?? 0) < figure.clauseAt) at += (parts[k++]?.length ?? 0) + 1
  const previous = k > 0 ? (parts[k - 1] ?? '') : ''
  const fronted = /^\s*(?:chez|aupres d|pour|en|dans)\b/i.test(previous) && !/\d/.test(previous)
  const own = `${fronted ? `${previous}, ` : ''}${parts[k] ?? ''}`
  const names = ctx.askedNames ?? new Set<string>()
  return [...questionEntities(own).merchants, ...categoriesSpoken(own)].some((n) => !askedName(names, n))
}
