// What every grounding check shares: the answer being graded (its carried facts, the question's own figures, its own
// periods and days) with what the checks found so far, the texts it states, and the shapes of the checks themselves
// (check.ts lists them; claims/ holds one module per kind of claim). See docs/grounding.md.
import { type Reason, type ReasonParam, reason } from '../../../core/reason.ts'
import { answerRange } from '../checks/period-asked.ts'
import { questionEntities } from '../checks/question-asked.ts'
import { escapeRegExp, fold } from '../checks/text.ts'
import type { NormalizedTurn } from '../turn.ts'
import type { Breakdown } from './breakdown.ts'
import { breakdownOf } from './breakdown.ts'
import type { Fact, Facts } from './facts.ts'
import { factsOf } from './facts.ts'
import {
  type Direction,
  foldKeep,
  MAX_READ_CHARS,
  type OwnRange,
  parseDigits,
  type PeriodMention,
  type StatedFigure,
  statedFigures,
} from './figures.ts'
import { agrees } from './fit.ts'
import { ownPeriodsOf } from './own-periods.ts'
import { COMPARES } from './scope.ts'
import { statedMessage, tableRowsAsStatements } from './table-rows.ts'

/** A text the answer states: its message, or one insight (its title quoted in reasons). */
export interface TextSource {
  where: 'message' | 'insight'
  title: string
  text: string
}

export function sourcesOf(turn: NormalizedTurn): TextSource[] {
  const read = (text: string): string => (text.length > MAX_READ_CHARS ? text.slice(0, MAX_READ_CHARS) : text)
  return [
    { where: 'message', title: '', text: read(statedMessage(turn)) },
    ...turn.insights.map(
      (i): TextSource => ({ where: 'insight', title: i.title.slice(0, 200), text: read(tableRowsAsStatements(`${i.title}. ${i.description}`)) }),
    ),
  ]
}

/** Values the question itself states ("plus de 100 euros", "mes 5 dernières transactions"): restating them is no claim. */
export function questionValues(question: string): readonly number[] {
  // A question is asked many times (every iteration): its values are read once per process.
  let values = valuesOfQuestion.get(question)
  if (values === undefined) {
    const read = statedFigures(question).map((f) => f.value)
    for (const m of question.matchAll(/\d+(?:[.,]\d+)?/g)) {
      const parsed = parseDigits(m[0])
      if (parsed !== null) read.push(parsed.value)
    }
    values = read
    if (valuesOfQuestion.size >= 1024) valuesOfQuestion.clear()
    valuesOfQuestion.set(question, values)
  }
  return values
}
const valuesOfQuestion = new Map<string, readonly number[]>()

export function poolFor(facts: Facts, figure: StatedFigure): number[] {
  if (figure.kind === 'count') return facts.counts
  if (figure.kind === 'percent') return facts.percents
  return facts.amounts
}

export interface Context {
  /** The answer graded and the question it answers. */
  turn: NormalizedTurn
  question: string
  facts: Facts
  asked: readonly number[]
  /** The periods that are the answer's own scope (the question's, else its headline's relative period). */
  ownPeriods: readonly PeriodMention[]
  /** The days the answer covers (checks/period-asked.ts answerRange), and whether its question compares periods. */
  range: OwnRange | null
  compares: boolean
  contradictions: Reason[]
  unverified: string[]
  checked: number
  /** Another check already fails figures invented on a no-data question (checks/fabricated.ts): say it once. */
  inventedChecked: boolean
  /** Own-scope roles for which the answer states a figure that agrees with the carried one. */
  agreed: Set<string>
  /** Own-scope figures true as written but too far to state their role's figure (fitOf: loose), judged once all are read. */
  loose: Array<{ source: TextSource; figure: StatedFigure; role: string; fact: Fact }>
  /** The breakdown the answer carries (its pie), for labels it does not carry and its first part. */
  breakdown: Breakdown | null
  /** The trend the answer carries (trend_analysis), for a change of the whole when no change is carried. */
  trend: { direction: Direction; change: number | null } | null
  /** The merchants and categories the question names (folded): a count said of another one counts a part. */
  askedNames?: Set<string>
}

/** A text the answer states, read once for every check: its source, its folded words, the figures it states. */
export interface StatedText {
  source: TextSource
  folded: string
  figures: readonly StatedFigure[]
}

/** A rule for one stated figure: true when it judged the figure, which no later rule then sees. */
export type FigureRule = (ctx: Context, text: StatedText, figure: StatedFigure) => boolean
/** A check of one stated text (the message, an insight). */
export type TextCheck = (ctx: Context, text: StatedText) => void
/** A check of the answer as a whole, before its texts are read or once all are. */
export type AnswerCheck = (ctx: Context) => void

/** The answer to grade, before any check: what it carries, what its question asks, nothing found yet. */
export function contextOf(turn: NormalizedTurn, question: string, inventedChecked: boolean): Context {
  return {
    turn,
    question,
    facts: factsOf(turn),
    asked: questionValues(question),
    ownPeriods: ownPeriodsOf(question, turn),
    range: answerRange(question, turn),
    compares: COMPARES.test(foldKeep(question)),
    contradictions: [],
    unverified: [],
    checked: 0,
    inventedChecked,
    agreed: new Set(),
    loose: [],
    breakdown: breakdownOf(turn),
    trend: trendOf(turn),
    askedNames: askedNamesOf(question),
  }
}

/** Where a reason's figure was stated: the message, or the insight of that title. */
export function place(source: TextSource): Record<string, string> {
  return { where: source.where, whereTitle: source.title }
}

/** A contradiction stated in `source`: the reason `code`, placed (the message, or the insight of that title) before its own parameters. */
export function contradict(ctx: Context, source: TextSource, code: string, params: Record<string, ReasonParam>): void {
  ctx.contradictions.push(reason(code, { ...place(source), ...params }))
}

/** A stated text quoted in a reason: at most 80 characters, an ellipsis marking the cut. */
export function clipped(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

/** A figure without a carried figure of its role: any carried figure of its kind confirms it, else it stays unverified. */
export function matchPool(ctx: Context, figure: StatedFigure): void {
  if (poolFor(ctx.facts, figure).some((v) => agrees(figure, v))) ctx.checked++
  else ctx.unverified.push(figure.text)
}

/** The trend the answer carries: a trend_analysis insight's direction and the change its slope implies over its months. */
function trendOf(turn: NormalizedTurn): Context['trend'] {
  for (const i of turn.insights) {
    if (i.type !== 'trend_analysis') continue
    const d = i.dataSupport ?? {}
    const direction = trendDirection(d['direction'])
    if (direction === null) continue
    const { slope_per_month: slope, mean_per_month: mean, months } = d
    const change =
      typeof slope === 'number' && typeof mean === 'number' && typeof months === 'number' && mean > 0 && months > 1
        ? ((slope * (months - 1)) / mean) * 100
        : null
    return { direction, change }
  }
  return null
}

// The words a trend's direction is carried in: the contract's "up" / "down" / "stable", and the French the reference
// service writes ("hausse", "baisse": fixtures/reference/domain/generate.ts), with or without "en".
const TREND_UP = /^(?:up|en hausse|hausse|increasing|rising)$/
const TREND_DOWN = /^(?:down|en baisse|baisse|decreasing|falling)$/
const TREND_STABLE = /^(?:stable|flat)$/

/** A carried trend direction, whatever its spelling; null when it is none of them. */
function trendDirection(value: unknown): Direction | null {
  if (typeof value !== 'string') return null
  const word = fold(value).trim()
  return TREND_UP.test(word) ? 'up' : TREND_DOWN.test(word) ? 'down' : TREND_STABLE.test(word) ? 'stable' : null
}

/** The merchants and categories a question names, folded. */
export function askedNamesOf(question: string): Set<string> {
  const named = questionEntities(question)
  return new Set([...named.merchants, ...named.categories].map((n) => fold(n).trim()))
}

/** A name the answer uses is one the question names (or contains it: "Carrefour 3" read across a comma is Carrefour). */
export function askedName(names: ReadonlySet<string>, name: string): boolean {
  const key = fold(name).trim()
  return [...names].some((a) => a === key || new RegExp(`(^|[^a-z0-9])${escapeRegExp(a)}([^a-z0-9]|$)`).test(key))
}
