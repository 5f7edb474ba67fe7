// A part of the breakdown written "Part amount" in a list of parts ("Shopping 1 270,40 €, Logement 1 150,00 €, …")
// is held to its slice, as "Part : amount" is (docs/grounding.md "Grounded figures").
import { fold } from '../../checks/text.ts'
import { listItem, NAME_LIST_BEFORE, partsListed } from '../breakdown.ts'
import { type Context, type FigureRule, type TextSource, contradict } from '../context.ts'
import type { StatedFigure } from '../figures.ts'
import { fitOf } from '../fit.ts'

/** An amount of no role written as a listed part's (checkListedPart). */
export const listedPartFigure: FigureRule = (ctx, { source }, figure) =>
  figure.role === null && figure.kind === 'amount' && checkListedPart(ctx, source, figure)

/**
 * "Shopping 1 270,40 €, Logement 1 150,00 €, …" — a part of the pie named right before its amount in a list of parts
 * written the same way is that part's value (review 2026-12-05, round 3: a wrong listed amount passed, the list form
 * was only read for labels the pie does not carry). "Autres" is not held here: an answer may lump several parts in
 * it; the list's sum is (checkPartsSum).
 */
function checkListedPart(ctx: Context, source: TextSource, figure: StatedFigure): boolean {
  const breakdown = ctx.breakdown
  if (breakdown === null || figure.sign !== null || figure.perPeriod || figure.kind !== 'amount') return false
  const before = source.text.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const end = figure.index + figure.text.length
  const after = source.text.slice(end, end + 60).replace(/[*_`]/g, ' ')
  if (!listItem(before, after) || !partsListed(breakdown, figure.clause)) return false
  const name = NAME_LIST_BEFORE.exec(before)?.[1]
  const part = name === undefined ? undefined : breakdown.parts.get(fold(name).trim())
  if (part === undefined) return false
  const fit = fitOf(figure, part.value)
  if (fit === 'agrees') ctx.checked++
  else if (fit === 'loose') ctx.unverified.push(figure.text)
  else contradict(ctx, source, 'check.grounding.label', { stated: figure.said, label: part.label, chart: breakdown.chart, carried: [part.value] })
  return true
}
