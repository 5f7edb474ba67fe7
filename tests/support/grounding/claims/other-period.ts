// A figure whose sentence names another period than the answer's ("en mai 2025", "le mois précédent", a date) is
// about that period (scope.ts): held to what the answer carries for it — a chart point, the comparison's previous
// period — else to any carried figure, never to the answer's own total (docs/grounding.md "Grounded figures").
import { type Context, type FigureRule, poolFor, type StatedText, type TextSource, contradict } from '../context.ts'
import { MONTH_NAMES, WORD_END, WORD_START } from '../../checks/calendar-words.ts'
import type { Facts } from '../facts.ts'
import type { StatedFigure } from '../figures.ts'
import { agrees } from '../fit.ts'
import { sentencePair, versusPair } from '../pairs.ts'
import { scopeOf } from '../scope.ts'

export const otherPeriodFigure: FigureRule = (ctx, text, figure) => {
  if (scopeOf(ctx, figure) !== 'other') return false
  checkOtherPeriod(ctx, text, figure)
  return true
}

/**
 * The amount its sentence sets against the answer's total as the other period's ("2 661,93 €, contre 320 € en
 * septembre", "3 348,06 € ce mois-ci (320 € le mois dernier)": pairs.ts): that period's spending, held like a total. A
 * part's pair ("Le Shopping atteint 1 270,40 € contre 151,02 €") is held to that part's value (stated-totals.ts).
 */
function setAgainstTotal(ctx: Context, { folded, figures }: StatedText, figure: StatedFigure): boolean {
  const start = figure.index - figure.clauseAt
  const pair = sentencePair(ctx, folded, figures, start) ?? versusPair(ctx, folded, figures, start)
  if (pair === null || pair.previous !== figure) return false
  const total = ctx.facts.total
  return pair.current.role === 'total' || (total !== null && agrees(pair.current, total.value))
}

/** What the answer carries for the period a sentence names: a dated chart point (or a month's points), the comparison's previous period. */
function periodValues(facts: Facts, figure: StatedFigure): { values: number[]; name: string } {
  const values: number[] = []
  const names: string[] = []
  for (const m of figure.sidePeriods) {
    if (m.kind === 'relative') {
      if ((m.rel === 'last' || m.rel === 'prev') && facts.comparison !== null) {
        values.push(facts.comparison.previous)
        names.push(facts.comparison.name)
      }
      continue
    }
    if (m.month === null) continue
    const inPeriod = facts.dated.filter((p) => p.month === m.month && (m.year === null || p.year === m.year) && (m.day === null || p.day === m.day))
    if (inPeriod.length === 0) continue
    const whole = inPeriod.find((p) => p.day === null)
    values.push(whole !== undefined ? whole.value : inPeriod.reduce((a, p) => a + p.value, 0))
    names.push(inPeriod[0]?.chart ?? '')
  }
  return { values, name: names[0] ?? '' }
}

function checkOtherPeriod(ctx: Context, text: StatedText, figure: StatedFigure): void {
  const { source } = text
  if (swappedMonth(ctx, source, figure)) return
  const period = figure.kind === 'amount' ? periodValues(ctx.facts, figure) : { values: [], name: '' }
  if (period.values.some((v) => agrees(figure, v)) || poolFor(ctx.facts, figure).some((v) => agrees(figure, v))) {
    ctx.checked++
    return
  }
  if ((figure.role === 'total' || setAgainstTotal(ctx, text, figure)) && period.values.length > 0) {
    contradict(ctx, source, 'check.grounding.period', {
      stated: figure.said,
      chart: period.name,
      carried: period.values.slice(0, 3),
      ...(period.name === ctx.facts.comparison?.name && ctx.facts.comparison.insight === true ? { source: 'insight' } : {}),
    })
    return
  }
  ctx.unverified.push(figure.text)
}

// The last month its clause names before the figure ("Août 2026 a été le mois le plus élevé (environ 3 100 €)").
// A whole word: "cauchemars" names no March.
const MONTH_BEFORE = new RegExp(String.raw`${WORD_START}(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?${WORD_END}`, 'gu')

/**
 * A sentence naming several months gives each amount to the month written last before it, with no other figure
 * between: "septembre 2026 le plus dépensier (3 105,92 €) et août 2026 le plus calme (2 098,72 €)" beside a chart
 * whose September is 2 098,72 € swaps them. Only a swap is failed here — the amount is another month's point and
 * not its own month's — so a purchase stated in a month ("En septembre, votre plus gros achat : 689 €") is not.
 */
function swappedMonth(ctx: Context, source: TextSource, figure: StatedFigure): boolean {
  if (figure.kind !== 'amount' || figure.sign !== null || figure.perPeriod || figure.role === 'average' || figure.role === 'income') return false
  const head = figure.clause.slice(0, figure.clauseAt)
  const mentions = [...head.matchAll(MONTH_BEFORE)]
  const last = mentions[mentions.length - 1]
  if (last === undefined) return false
  const at = last.index ?? 0
  // No figure between the month and the amount; a day before it ("le 9 juin") makes it a day's.
  if (/\d/.test(head.slice(at + last[0].length)) || /\d\s*(?:er)?\s*$/.test(head.slice(0, at))) return false
  const month = MONTH_NAMES.indexOf(last[1] ?? '') + 1
  const year = last[2] === undefined ? null : Number(last[2])
  const monthly = ctx.facts.dated.filter((p) => p.day === null)
  const own = monthly.filter((p) => p.month === month && (year === null || p.year === year))
  if (own.length === 0 || own.some((p) => agrees(figure, p.value))) return false
  if (!monthly.some((p) => !own.includes(p) && agrees(figure, p.value))) return false
  const label = year === null ? (last[1] ?? '') : `${last[1] ?? ''} ${year}`
  contradict(ctx, source, 'check.grounding.label', {
    stated: figure.said,
    label,
    chart: own[0]?.chart ?? '',
    carried: own.map((p) => p.value).slice(0, 3),
  })
  return true
}
