// The two amounts a sentence sets side by side — the compared one and its baseline ("3 348,06 € contre 2 514,24 €",
// "par rapport au mois dernier (2 514,24 €)") — and the amounts the message gives to the previous period; the
// grounding's checks and the ground truth (ground-truth/check.ts) read them the same way (docs/grounding.md).
import { WORD_START, wholeWords } from '../checks/calendar-words.ts'
import { answerRange } from '../checks/period-asked.ts'
import type { NormalizedTurn } from '../turn.ts'
import { foldKeep, MAX_READ_CHARS, type StatedFigure, statedFigures } from './figures.ts'
import { ownPeriodsOf } from './own-periods.ts'
import { COMPARES, scopeOf } from './scope.ts'
import { figureSide, previousStated, SIDE_BREAK, type SideContext } from './sides.ts'
import { statedMessage } from './table-rows.ts'

// SIDE_BREAK without its flags (a global expression keeps its lastIndex between calls), compiled once.
const SIDE_BREAK_ONCE = new RegExp(SIDE_BREAK.source)

const UNIT_WORD = wholeWords(['mois', 'periode', 'semaine', 'trimestre', 'annee', 'an'])
// The words that lead to the previous period's amount: "par rapport au mois dernier (2 514,24 €)", "à comparer à
// 2 514,24 €", "contre 2 514,24 €".
// Period words as whole words: "Le bilan précédent (…)" names no year.
const PREVIOUS_BEFORE = new RegExp(
  String.raw`(?:par rapport (?:a|au|aux)|compar\w* (?:a|au|avec)|contre|versus|\bvs\.?|${UNIT_WORD} (?:derniere?|precedente?|passee?)\s*[(:])[^€%\d.;]{0,40}$`,
  'u',
)

/**
 * A stated amount about the previous period: led to by a comparison word, or in a clause of another scope than the
 * answer's naming only the period before ("Le mois précédent, vous aviez dépensé 2 514,24 €").
 */
export function previousAmount(ctx: SideContext, figure: StatedFigure, folded: string): boolean {
  if (figure.kind !== 'amount' || figure.sign !== null || figure.perPeriod) return false
  if (PREVIOUS_BEFORE.test(folded.slice(Math.max(0, figure.index - 60), figure.index))) return true
  const rels = figure.sidePeriods.map((m) => (m.kind === 'relative' ? m.rel : 'date'))
  return scopeOf(ctx, figure) === 'other' && rels.length > 0 && rels.every((r) => r === 'last' || r === 'prev')
}

// "3 348,06 € contre 2 514,24 €": the amount after "contre" (versus, vs, à comparer à) is the baseline, the one before
// it the compared amount — whatever a comparison phrase before both ("par rapport au mois dernier : …") leads to;
// not when the one before is the previous period's own ("Le mois dernier : 2 514,24 € contre 3 348,06 € ce mois-ci").
const COUNTER_BEFORE = /(?:contre|versus|\bvs\.?|a comparer (?:a|au|avec))[^€%\d.;:,()]{0,20}$/
const PERIOD_LEAD = new RegExp(String.raw`${UNIT_WORD} (?:derniere?|precedente?|passee?)\s*[(:]\s*$`, 'u')
const CURRENT_AFTER = new RegExp(String.raw`^[^€%\d.;]{0,30}${WORD_START}(?:ce mois|cette (?:semaine|annee|periode)|aujourd|actuel)`, 'u')

/**
 * "X contre Y" whose sides' own words name the periods the other way round ("Le mois dernier à la même date, vous
 * aviez dépensé 2 514,24 €, contre 3 348,06 € ce mois-ci"): X's side names the period before (sideOf: "le mois
 * dernier", "le mois précédent", the month before, an earlier tense), Y's the answer's own period or none — X is the
 * baseline, Y the compared amount. The sentence must state just those two amounts; undefined when the sides do not
 * decide (no period words: today's reading, Y the baseline).
 */
function sidedPair(
  ctx: SideContext,
  folded: string,
  amounts: readonly StatedFigure[],
): { current: StatedFigure; previous: StatedFigure } | null | undefined {
  if (amounts.length !== 2) return undefined
  const [a, b] = amounts as [StatedFigure, StatedFigure]
  const between = folded.slice(a.index + a.text.length, b.index)
  if (!SIDE_BREAK_ONCE.test(between) || /[.;!?\n]/.test(between)) return undefined
  if (figureSide(ctx, a, false) !== 'previous') return undefined
  const other = figureSide(ctx, b, false)
  if (other !== 'current' && other !== null) return undefined
  return a.value > 0 ? { current: b, previous: a } : null
}

/** The amounts of the sentence starting at `start` that may be compared: plain amounts, no difference, rate, projection or average. */
export function comparableAmounts(figures: readonly StatedFigure[], start: number): StatedFigure[] {
  return figures.filter(
    (f) =>
      f.index - f.clauseAt === start &&
      f.kind === 'amount' &&
      f.sign === null &&
      !f.difference &&
      !f.perPeriod &&
      !f.hypothetical &&
      f.role !== 'average',
  )
}

/** The compared amount and its baseline in the sentence starting at `start`: exactly one of each, or null. */
export function sentencePair(
  ctx: SideContext,
  folded: string,
  figures: readonly StatedFigure[],
  start: number,
): { current: StatedFigure; previous: StatedFigure } | null {
  const amounts = comparableAmounts(figures, start).filter((f) => f.role !== 'income')
  const sided = sidedPair(ctx, folded, amounts)
  if (sided !== undefined) return sided
  const previous = baselinesOf(
    folded,
    amounts.filter((f) => previousAmount(ctx, f, folded)),
  )
  const current = amounts.filter((f) => !previous.includes(f))
  if (previous.length !== 1 || current.length !== 1) return null
  const [p, c] = [previous[0] as StatedFigure, current[0] as StatedFigure]
  return p.value > 0 ? { current: c, previous: p } : null
}

/**
 * Of several amounts led to the previous period, the baseline: the one after "contre" (versus, vs, à comparer à), when
 * it is the only such one, no current period follows it, and the others stand before it without a period label of
 * their own. Otherwise all of them stay, and the sentence states no pair.
 */
function baselinesOf(folded: string, previous: readonly StatedFigure[]): readonly StatedFigure[] {
  if (previous.length <= 1) return previous
  const countered = previous.filter((f) => COUNTER_BEFORE.test(folded.slice(Math.max(0, f.index - 40), f.index)))
  const [baseline] = countered
  const others = previous.filter((f) => f !== baseline)
  const decided =
    countered.length === 1 &&
    baseline !== undefined &&
    !CURRENT_AFTER.test(folded.slice(baseline.index + baseline.text.length)) &&
    others.every((f) => {
      const lead = folded.slice(Math.max(0, f.index - 40), f.index)
      return f.index < baseline.index && (!PERIOD_LEAD.test(lead) || /(?:par rapport|compar)/.test(lead))
    })
  return decided ? countered : previous
}

// "3 348,06 € contre 2 514,24 €", "3 348,06 € vs 2 514,24 €": the compared amount, then its baseline.
const VERSUS = /^\s*(?:contre|vs\.?|versus|au lieu de|face a)\s*$/

/** Two amounts of the sentence starting at `start` set against each other ("A contre B"): A the current, B the baseline. */
export function versusPair(
  ctx: SideContext,
  folded: string,
  figures: readonly StatedFigure[],
  start: number,
): { current: StatedFigure; previous: StatedFigure } | null {
  const amounts = comparableAmounts(figures, start)
  const sided = sidedPair(ctx, folded, amounts)
  if (sided !== undefined) return sided
  const pairs = amounts.flatMap((a, i) => {
    const b = amounts[i + 1]
    return b !== undefined && VERSUS.test(folded.slice(a.index + a.text.length, b.index)) && b.value > 0 ? [{ current: a, previous: b }] : []
  })
  return pairs.length === 1 ? (pairs[0] ?? null) : null
}

/**
 * The compared amount and its baseline of each sentence of the message that states exactly such a pair
 * (sentencePair): the ground truth holds the baseline against the previous period it knows.
 */
export function statedPairs(turn: NormalizedTurn, question: string): Array<{ current: StatedFigure; previous: StatedFigure }> {
  const ctx: SideContext = {
    ownPeriods: ownPeriodsOf(question, turn),
    range: answerRange(question, turn),
    compares: COMPARES.test(foldKeep(question)),
  }
  const message = statedMessage(turn)
  const folded = foldKeep(message.length > MAX_READ_CHARS ? message.slice(0, MAX_READ_CHARS) : message)
  const figures = statedFigures(message.slice(0, MAX_READ_CHARS), answerRange(question, turn))
  const pairs: Array<{ current: StatedFigure; previous: StatedFigure }> = []
  for (const start of new Set(figures.map((f) => f.index - f.clauseAt))) {
    const pair = sentencePair(ctx, folded, figures, start)
    if (pair !== null) pairs.push(pair)
  }
  return pairs
}

/** The message's amounts stated as the previous period's spending (previousStated): the ground truth holds them against previousTotal. */
export function statedPrevious(turn: NormalizedTurn, question: string): StatedFigure[] {
  const compares = COMPARES.test(foldKeep(question))
  const range = answerRange(question, turn)
  const ctx: SideContext = { ownPeriods: ownPeriodsOf(question, turn), range, compares }
  return statedFigures(statedMessage(turn).slice(0, MAX_READ_CHARS), range).filter((f) => previousStated(ctx, f))
}
