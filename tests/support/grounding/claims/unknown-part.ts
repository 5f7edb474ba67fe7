// A part the answer's breakdown does not carry, bound to an amount ("Éducation (1 150,00 €)", "512,30 € en
// Éducation"): invented when the pie names every part or the amount exceeds its "Autres" slice (docs/grounding.md
// "Grounded figures").
import { questionEntities } from '../../checks/question-asked.ts'
import { escapeRegExp, fold } from '../../checks/text.ts'
import { type Breakdown, listItem, NAME_AFTER, NAME_BEFORE, NAME_LIST_BEFORE, NOT_A_PART, partsListed } from '../breakdown.ts'
import { type Context, type FigureRule, type StatedText, contradict } from '../context.ts'
import { statedDay } from '../dates.ts'
import type { StatedFigure } from '../figures.ts'

/** An amount of no role bound to a name the breakdown does not carry (checkUnknownLabel). */
export const unknownPartFigure: FigureRule = (ctx, text, figure) =>
  figure.role === null && figure.kind === 'amount' && checkUnknownLabel(ctx, text, figure)

/**
 * "Éducation (1 150,00 €)" or "512,30 € en Éducation" beside a pie that does not carry Éducation: a part it does not
 * name is at most its "Autres" slice, and does not exist when the pie names every part — an invented figure. The
 * name is read as a part of the breakdown only when it is a known category or the text binds another amount to a
 * part of the pie the same way (a list of parts); a merchant ("chez …") is never a category's part.
 */
function checkUnknownLabel(ctx: Context, { source, folded }: StatedText, figure: StatedFigure): boolean {
  const breakdown = ctx.breakdown
  if (breakdown === null || figure.sign !== null) return false
  const name = unknownPartName(breakdown, source.text, folded, figure)
  if (name === null) return false
  const others = breakdown.others
  if (others !== null && figure.value - figure.halfUnit <= others + 0.005) {
    ctx.unverified.push(figure.text)
    return true
  }
  contradict(ctx, source, 'check.grounding.label_unknown', {
    stated: figure.said,
    label: name,
    chart: breakdown.chart,
    others: others ?? 0,
    complete: others === null,
  })
  return true
}

/** The name bound to the amount as a part's, when it is a part of the breakdown the pie does not carry. */
function unknownPartName(breakdown: Breakdown, text: string, folded: string, figure: StatedFigure): string | null {
  const before = text.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const end = figure.index + figure.text.length
  const after = text.slice(end, end + 60).replace(/[*_`]/g, ' ')
  // "Shopping 1 270,40 €, …, Éducation 450,00 €, …": a name right before its amount in a list of parts bound the same way.
  const inList = listItem(before, after) && partsListed(breakdown, figure.clause)
  const nameBefore = NAME_BEFORE.exec(before) ?? (inList ? NAME_LIST_BEFORE.exec(before) : null)
  const name = (nameBefore?.[1] ?? NAME_AFTER.exec(after)?.[1] ?? '').trim()
  const key = fold(name).trim()
  if (key.length < 3 || NOT_A_PART.test(key) || breakdown.parts.has(key)) return null
  if (detailOrPurchase(before, after, nameBefore)) return null
  return anotherPart(breakdown, name, key, folded, inList) ? name : null
}

/**
 * A detail of the part before it ("Abonnements (45 €) : Netflix (13,49 €)", "… 45 € dont Netflix (13,49 €)") or a
 * purchase ("… le 3 novembre") is no part of the breakdown.
 */
function detailOrPurchase(before: string, after: string, nameBefore: RegExpExecArray | null): boolean {
  if (nameBefore !== null) {
    const lead = before.slice(0, nameBefore.index + nameBefore[0].indexOf(nameBefore[1] ?? ''))
    if (lead.includes('€') && /(?:dont|notamment|comme|chez|par exemple|[:(])/i.test(lead.slice(lead.lastIndexOf('€') + 1))) return true
  }
  return statedDay(fold(after).split(/[;!?\n]|\.(?!\d)/)[0] ?? '') !== null
}

/**
 * The name is a part of the breakdown other than the pie's: none of them by a longer name ("Shopping en ligne") or by
 * another word ("Loyer" for Logement), and a known category or one of a list of parts the text binds the same way.
 */
function anotherPart(breakdown: Breakdown, name: string, key: string, folded: string, inList: boolean): boolean {
  for (const part of breakdown.parts.keys()) if (key.startsWith(part) || part.startsWith(key)) return false
  const categories = questionEntities(name).categories
  if (categories.some((c) => breakdown.parts.has(fold(c).trim()))) return false
  const listed =
    inList || [...breakdown.parts.keys()].some((part) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(part)}\\s*[(:]\\s*[+\\-\\u2212]?\\d`).test(folded))
  return listed || categories.length > 0
}
