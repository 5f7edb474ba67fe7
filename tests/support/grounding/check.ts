// Grounding (issue 10): the figures an answer STATES (message, insight titles and descriptions) are compared with
// the figures the same answer CARRIES (KPI cards, insight data, search summary, charts), and the carried figures
// with each other (total ≈ count × average, count = total results). A contradiction is a failure quoting both
// figures; an answer with nothing to compare is "not checkable" — said, never passed silently.
// Rules, not cases: a stated figure has a ROLE (total, count, average, change…) and a SCOPE, both read from its
// sentence. A figure of the answer's own scope with a role must agree with the carried figure of that role — never
// with "any carried figure". A figure whose sentence names another period ("en mai 2025", "le mois précédent", a
// date) is about that period: compared with what the answer carries for it (a chart point, the comparison's
// previous period), else with any carried figure, else unverified (noted) — never with the main total. A figure of
// no role must match SOME carried figure or stays unverified (a lone amount in a list of recent purchases is not a
// claim about the whole). Restating the question's own figures is not a claim. See docs/grounding.md.
import { reason, type Reason } from '../../../core/reason.ts'
import { fold } from '../checks/text.ts'
import type { NormalizedTurn } from '../turn.ts'
import { categoriesSpoken, questionEntities } from '../checks/question-asked.ts'
import { answerRange } from '../checks/period-asked.ts'
import { partsData } from '../checks/chart-data.ts'
import { factsOf, type Fact, type Facts } from './facts.ts'
import {
  ANOMALY_CONTEXT,
  directionIn,
  foldKeep,
  MAX_READ_CHARS,
  parseDigits,
  periodMentions,
  statedDayRanges,
  statedDirections,
  statedFigures,
  type Direction,
  type OwnRange,
  type PeriodMention,
  type StatedFigure,
} from './figures.ts'
import { anomalyZeroClaims, zeroClaims, type ZeroClaim } from './zero-claims.ts'
import { type ChangeClaim, spendingChangeClaims, statedExtremes, statedMoves } from './figures.ts'

export type GroundingStatus = 'grounded' | 'contradicted' | 'not_checkable'

export interface GroundingResult {
  status: GroundingStatus
  /** Contradictions (failures), each quoting the stated and the carried figure. */
  contradictions: Reason[]
  /** Figures compared with a carried figure, plus relations between carried figures that were checked. */
  checked: number
  /** Why nothing could be compared (status not_checkable), or figures left unverified. */
  notes: Reason[]
}

/** Rounding the carried side may have: cents for amounts, a tenth for percentages (KPI changes are 1 dp). */
const FACT_SLACK = { amount: 0.005, count: 0, percent: 0.05 } as const
/**
 * How far from the value a rounded or bounded figure may take its reader: a tenth of it. "environ 3 000 €" rounds
 * 2 661,93 € at its written thousands, yet says 13 % more: too coarse to state the figure (docs/grounding.md).
 */
const ROUNDED_REACH = 0.1

/**
 * How a stated figure fits a carried value:
 * - agrees: within the rounding of its written digits ("2 662 €" ± 0,50); an approximation or a bound read at the step
 *   the writer rounded to (figures.ts roundingStep) — "environ 2 700 €" is 2 661,93 rounded at the hundreds, "plus de
 *   2 600 €" is 2 661,93 cut there — and within a tenth of the value;
 * - loose: true as written but too far to state the figure — a bound far from it ("plus de 100 €" for 2 661,93 €),
 *   a coarse rounding ("environ 3 000 €");
 * - contradicts: false as written ("2 900 €", "environ 2 900 €", "plus de 3 000 €" for 2 661,93 €).
 */
export type Fit = 'agrees' | 'loose' | 'contradicts'

export function fitOf(figure: StatedFigure, carried: number): Fit {
  const slack = figure.halfUnit + FACT_SLACK[figure.kind] + 1e-9
  const target = figure.kind === 'percent' || figure.sign !== null ? Math.abs(carried) : carried
  const gap = figure.value - target
  if (figure.bound === 'exact') return Math.abs(gap) <= slack ? 'agrees' : 'contradicts'
  if (figure.bound === 'range') return rangeFit(figure, target, slack)
  const step = figure.step + FACT_SLACK[figure.kind] + 1e-9
  // holds: true in its direction; rounded: the value rounded (approx) or cut (a bound) at the writer's step.
  // An approximation holds when its writer rounded ("environ 2 700 €" for 2 661,93: half a step either way) or cut
  // ("environ 133 €" for 133,98 €, "environ 2 600 €": up to a step below); "environ 40 %" for 33,2 % is neither.
  const holds = figure.bound === 'approx' ? gap <= step / 2 && gap >= -step : figure.bound === 'atLeast' ? gap <= slack : gap >= -slack
  if (!holds) return 'contradicts'
  const rounded = figure.bound === 'approx' || (figure.bound === 'atLeast' ? -gap < step : gap < step)
  // Never held tighter than the same digits written without "environ" ("environ 3 €" for 2,60 €).
  const near = Math.abs(gap) <= Math.max(ROUNDED_REACH * Math.abs(target), slack)
  return rounded && near ? 'agrees' : 'loose'
}

/**
 * A range ("une hausse de 25 à 30 %", figures.ts rangeLow) holds the value when it lies between its ends, each within
 * the rounding of its written digits; it states the value when both ends stay within a tenth of it, else it is loose.
 */
function rangeFit(figure: StatedFigure, target: number, slack: number): Fit {
  const low = figure.low ?? figure.value
  if (target < low - slack || target > figure.value + slack) return 'contradicts'
  const near = Math.max(target - low, figure.value - target) <= Math.max(ROUNDED_REACH * Math.abs(target), slack)
  return near ? 'agrees' : 'loose'
}

/** The stated figure agrees with a carried value (fitOf). */
export function agrees(figure: StatedFigure, carried: number): boolean {
  return fitOf(figure, carried) === 'agrees'
}

interface TextSource {
  where: 'message' | 'insight'
  title: string
  text: string
}

function sourcesOf(turn: NormalizedTurn): TextSource[] {
  const read = (text: string): string => (text.length > MAX_READ_CHARS ? text.slice(0, MAX_READ_CHARS) : text)
  return [
    { where: 'message', title: '', text: read(turn.message) },
    ...turn.insights.map((i): TextSource => ({ where: 'insight', title: i.title.slice(0, 200), text: read(`${i.title}. ${i.description}`) })),
  ]
}

/** Values the question itself states ("plus de 100 euros", "mes 5 dernières transactions"): restating them is no claim. */
function questionValues(question: string): readonly number[] {
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

function poolFor(facts: Facts, figure: StatedFigure): number[] {
  if (figure.kind === 'count') return facts.counts
  if (figure.kind === 'percent') return facts.percents
  return facts.amounts
}

function directionOfValue(value: number): Direction {
  return value > 0.05 ? 'up' : value < -0.05 ? 'down' : 'stable'
}

/** up vs a decrease, down vs an increase, stable vs a move of more than 5 %. */
export function directionsClash(stated: Direction, carried: number): boolean {
  if (stated === 'up') return carried < -0.05
  if (stated === 'down') return carried > 0.05
  return Math.abs(carried) > 5
}

/**
 * The comparison label (a category) a change at `at` in the clause is about, if any: its own change is the one to
 * compare with. Read by position: the label is the change's subject when it precedes it ("Vos dépenses Shopping sont
 * en hausse de 741 %", "Le Shopping augmente de…") or qualifies the change right after it ("hausse de 741 % du
 * Shopping"); a label named as its cause ("…, principalement à cause du shopping", "tirée par le shopping", "avec le
 * Shopping en tête") is not its subject — the change stays the whole's (review 2026-12-05).
 */
function labelChange(facts: Facts, clause: string, at: number): { label: string; change: number | null; delta: number } | null {
  if (facts.comparison === null) return null
  for (const [key, entry] of facts.comparison.byLabel) {
    if (key.length < 3) continue
    const named = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}(?=[^a-z0-9]|$)`, 'g')
    for (const m of clause.matchAll(named)) {
      if (!subjectAt(clause, (m.index ?? 0) + (m[1] ?? '').length, at)) continue
      const delta = entry.current - entry.previous
      return { label: entry.label, change: entry.previous > 0 ? (delta / entry.previous) * 100 : null, delta }
    }
  }
  return null
}

// The words that name a cause of the change, not its subject.
const CAUSE =
  /(?:a cause d|en raison d|du fait d|grace a|dus? a|dues? a|tire(?:e|s|es)? par|porte(?:e|s|es)? par|principalement|surtout|notamment|avec|essentiellement|en particulier|lie(?:e|s|es)? a)/
/**
 * A label at `labelAt` is the subject of the change at `at`: no cause word leads to it from the start of its own
 * comma-delimited part, and, when it follows the change, nothing separates them (no comma, no cause word).
 */
function subjectAt(clause: string, labelAt: number, at: number): boolean {
  const parts = clause.slice(0, labelAt).split(COMMA)
  if (CAUSE.test(parts[parts.length - 1] ?? '')) return false
  if (labelAt < at) return true
  return !COMMA.test(clause.slice(at, labelAt)) && !clause.slice(at, labelAt).includes('(')
}
// A comma that separates words, not the decimal one of "33,2 %".
const COMMA = /,(?!\d)/

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The chart label bound to the amount: written just before it ("Shopping (1 270,40 €)", "Logement : 850 €") or
 * just after it ("1 150,00 € en Logement", "412 € chez Carrefour"); or a month whose chart point the amount gives
 * ("septembre 2026 (2 098,72 €)", "août : 3 105,92 €") — that month's point, never any point of the sentence.
 */
function boundLabel(facts: Facts, figure: StatedFigure, folded: string): { label: string; chart: string; values: number[] } | null {
  const before = folded.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const after = afterOf(figure, folded)
  // A rate ("Logement : 1 150 € par mois" over 13 months) is not the label's value over the chart's period.
  if (figure.perPeriod) return null
  const purchase = onePurchase(figure, after)
  for (const [key, entry] of facts.labels) {
    if (key.length < 3) continue
    const named = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}\\s*(\\(|:|=|→|->)\\s*$`).exec(before)
    if (named !== null && !purchase && !statistic(before.slice(0, named.index + (named[1] ?? '').length))) return entry
    if (!purchase && !statistic(before) && new RegExp(`${LABEL_AFTER}${escapeRegExp(key)}(?=[^a-z0-9]|$)`).test(after)) return entry
  }
  return boundMonth(facts, before)
}

// "un achat de 1 249 €", "une dépense de 689 €", "un paiement unique de…", "réglé 59,90 €": one purchase.
const ONE_PURCHASE =
  /(?:\b(?:un|une|d'un|d'une|seul|seule|unique)\s+(?:seule?\s+|unique\s+|gros\s+|grosse\s+|important\s+|importante\s+)?(?:achat|depense|paiement|transaction|operation|debit|prelevement|reglement|commande|facture|ticket)\b|\b(?:reglee?|payee?)\b)[^,;:()]*$/
// What the label's value over the chart's period is not: its median, mean, usual or typical amount, a ceiling, a budget.
const STATISTIC =
  /(?:mediane|moyen(?:ne)?s?\b|panier|habituel(?:le)?s?\b|habituellement|typique|plafond|budget|seuil|norme|par mois|par transaction|par achat|par operation)[^,;:()]*$/

/** The words of the amount's own clause before it: since the last clause mark, parenthesis or figure. */
function ownLead(before: string): string {
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('), before.lastIndexOf(')'))
  const lead = cut === -1 ? before : before.slice(cut + 1)
  const digit = lead.search(/\d(?!.*\d)/)
  return digit === -1 ? lead : lead.slice(digit + 1)
}

/**
 * The amount is one purchase, not the merchant's or the category's value over the chart: a day named after it
 * ("12,50 € chez Carrefour le 3 novembre") or before it in its sentence ("Le 18 novembre 2026, un achat de 1 249 €
 * chez Fnac"), or its own words make it one ("un achat de", "une dépense de", "un paiement de", "réglé").
 */
function onePurchase(figure: StatedFigure, after: string): boolean {
  if (statedDay(after.split(/[;!?\n]|\.(?!\d)/)[0] ?? '') !== null) return true
  const head = figure.clause.slice(0, figure.clauseAt).replace(/[*_`]/g, ' ')
  if (periodMentions(head).some((m) => m.kind === 'date' && m.day !== null && m.month !== null)) return true
  // Its own words, since the clause mark before them ("…, soit 20 fois la médiane" is another clause).
  const lead = head.slice(Math.max(0, head.length - 60))
  return ONE_PURCHASE.test(lead) && !/(?:total|cumul|en tout)/.test(lead.slice(lead.search(ONE_PURCHASE)))
}

/**
 * The words just before the label (or, for a label after the amount, before the amount) qualify the amount as a
 * statistic of the label: "la médiane de la catégorie Santé (27,04 €)", "votre budget Alimentation : 400 €", "la
 * moyenne est de 63,60 € en Shopping" — not the label's value (review 2026-12-05).
 */
function statistic(lead: string): boolean {
  return STATISTIC.test(ownLead(lead))
}

// "1 150,00 € en Logement", "412 € chez Carrefour", "dans la catégorie Shopping": a label right after the amount.
const LABEL_AFTER = String.raw`^\s*(?:en|chez|pour|dans)\s+(?:(?:la categorie|le poste|la rubrique)\s+)?(?:l'|le |la |les )?`

function afterOf(figure: StatedFigure, folded: string): string {
  const end = figure.index + figure.text.length
  return folded.slice(end, end + 60).replace(/[*_`]/g, ' ')
}

const MONTH_NAMES = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre']
// A month (not a day's: "le 9 juin (…)") written just before the amount, as a label is: "septembre 2026 (2 098,72 €)".
const MONTH_BOUND = new RegExp(String.raw`(^|[^a-z0-9])(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?\s*(?:\(|:|=|→|->|,?\s+avec)\s*$`)

function boundMonth(facts: Facts, before: string): { label: string; chart: string; values: number[] } | null {
  const m = MONTH_BOUND.exec(before)
  if (m === null) return null
  if (/\d\s*(?:er)?\s*$/.test(before.slice(0, (m.index ?? 0) + (m[1] ?? '').length))) return null
  const month = MONTH_NAMES.indexOf(m[2] ?? '') + 1
  const year = m[3] === undefined ? null : Number(m[3])
  // Only a chart of months ("2026-09") carries a month's figure; a day's amount may be a purchase.
  const points = facts.dated.filter((p) => p.day === null && p.month === month && (year === null || p.year === year))
  if (points.length === 0) return null
  const label = year === null ? (m[2] ?? '') : `${m[2] ?? ''} ${year}`
  return { label, chart: points[0]?.chart ?? '', values: points.map((p) => p.value) }
}

interface Context {
  facts: Facts
  asked: readonly number[]
  /** The periods that are the answer's own scope (the question's, else its headline's relative period). */
  ownPeriods: PeriodMention[]
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

function place(source: TextSource): Record<string, string> {
  return { where: source.where, whereTitle: source.title }
}

function checkFigure(ctx: Context, source: TextSource, folded: string, figure: StatedFigure, figures: StatedFigure[]): void {
  const { facts } = ctx
  if (ctx.asked.some((v) => Math.abs(v - figure.value) < 1e-9)) return // the question's own figure, restated
  // A projection ("À ce rythme, cela représenterait environ 32 000 €") is no figure the answer states: noted only.
  if (figure.hypothetical) {
    ctx.unverified.push(figure.text)
    return
  }
  if (facts.nothingFound) {
    if (figure.value === 0 || ctx.inventedChecked) ctx.checked++
    else {
      ctx.contradictions.push(reason('check.grounding.nothing_found', { ...place(source), stated: figure.text, kind: figure.kind }))
    }
    return
  }
  if (figure.role === 'change') {
    checkChange(ctx, source, figure)
    return
  }
  if (figure.difference) {
    checkDifference(ctx, source, folded, figure, figures)
    return
  }
  if ((figure.role === 'share' || figure.role === null) && figure.kind === 'percent' && checkPartShare(ctx, source, folded, figure, figures)) return
  if (figure.role === 'share' || (figure.role === null && figure.kind === 'percent')) {
    if (poolFor(facts, figure).some((v) => agrees(figure, v))) ctx.checked++
    else ctx.unverified.push(figure.text)
    return
  }
  if (figure.role === null && figure.kind === 'amount') {
    const label = boundLabel(facts, figure, folded)
    if (label !== null) {
      const values = figure.sign !== null ? labelDeltas(facts, label.label) : label.values
      // A signed amount is a difference: its sign must be the carried one's too.
      const fits = (v: number): Fit => (figure.sign === null || v === 0 || Math.sign(v) === figure.sign ? fitOf(figure, v) : 'contradicts')
      // A bound far from the label's value ("Shopping (plus de 100 €)") says nothing false: unverified, not failed.
      if (values.some((v) => fits(v) === 'loose') && !values.some((v) => fits(v) === 'agrees')) {
        ctx.unverified.push(figure.text)
        return
      }
      if (values.length > 0 && !values.some((v) => fits(v) === 'agrees')) {
        ctx.contradictions.push(
          reason('check.grounding.label', {
            ...place(source),
            stated: figure.said,
            label: label.label,
            chart: label.chart,
            carried: values.slice(0, 3),
          }),
        )
        return
      }
      ctx.checked++
      return
    }
    if (checkListedPart(ctx, source, figure)) return
    if (checkUnknownLabel(ctx, source, folded, figure)) return
  }
  if (previousStated(ctx, figure)) {
    checkPreviousSide(ctx, source, figure)
    return
  }
  if (scopeOf(ctx, figure) === 'other') {
    checkOtherPeriod(ctx, source, figure)
    return
  }
  if (countOfPart(ctx, source, figure)) {
    ctx.unverified.push(figure.text)
    return
  }
  const role = figure.role
  const fact = role === null ? null : factFor(facts, role)
  if (fact !== null && role !== null) {
    const fit = fitOf(figure, fact.value)
    if (fit === 'agrees') {
      ctx.checked++
      ctx.agreed.add(role)
      return
    }
    // A clause about one chart label (a category, a merchant) may state that part's own figure.
    const part = namedLabel(facts, figure.clause)
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
    ctx.contradictions.push(
      reason('check.grounding.figure', {
        ...place(source),
        stated: figure.said,
        role,
        source: fact.source,
        sourceName: fact.name,
        carried: fact.value,
      }),
    )
    return
  }
  matchPool(ctx, figure)
}

/** A figure without a carried figure of its role: any carried figure of its kind confirms it, else it stays unverified. */
function matchPool(ctx: Context, figure: StatedFigure): void {
  if (poolFor(ctx.facts, figure).some((v) => agrees(figure, v))) ctx.checked++
  else ctx.unverified.push(figure.text)
}

/** Two mentions name the same period: same relative period, or the same calendar date at the same precision. */
export function samePeriod(a: PeriodMention, b: PeriodMention): boolean {
  if (a.kind === 'relative' && b.kind === 'relative') return a.rel === b.rel && a.unit === b.unit
  if (a.kind === 'relative' || b.kind === 'relative') return false
  const sameGrain = (a.day === null) === (b.day === null) && (a.month === null) === (b.month === null)
  const eq = (x: number | null, y: number | null): boolean => x === null || y === null || x === y
  return sameGrain && eq(a.day, b.day) && eq(a.month, b.month) && eq(a.year, b.year)
}

/**
 * The answer's own scope, or another one: a sentence naming no period, or the answer's own period, is about the
 * answer; "ce mois-ci"/"aujourd'hui" are the answer's own when the question names no other period; any other period
 * named (a month, a date, "le mois précédent") makes the sentence about that period.
 */
function scopeOf(ctx: { ownPeriods: readonly PeriodMention[] }, figure: { periods: readonly PeriodMention[] }): 'own' | 'other' {
  return scopeIn(ctx.ownPeriods, figure)
}

/** scopeOf against the answer's own periods (ownPeriodsOf): the ground truth reads a figure's scope the same way. */
export function scopeIn(ownPeriods: readonly PeriodMention[], figure: { periods: readonly PeriodMention[] }): 'own' | 'other' {
  const named = figure.periods
  if (named.length === 0) return 'own'
  if (named.some((m) => ownPeriods.some((o) => samePeriod(o, m)))) return 'own'
  if (ownPeriods.length === 0 && named.every((m) => m.kind === 'relative' && m.rel === 'current')) return 'own'
  return 'other'
}

// A clause in an earlier tense naming only the period before ("Le mois dernier vous aviez dépensé 2 514,24 €") is, in
// answer to a comparison question, the baseline's: never the headline that names the answer's own period (review
// 2026-12-05: « Comparaison avec le mois dernier » answered "… ; ce mois-ci 3 348,06 €" read 2 514,24 € as the total).
const EARLIER = /\b(?:aviez|avais|avait|avions|avaient|etait|etaient)\b/
export const COMPARES = /(?:compar|par rapport|versus|\bvs\b)/
// Its periods may include the baseline's own dates ("Sur la même période du mois dernier (du 1er au 24 octobre), vous
// aviez dépensé …"): any period but the current one.
const baselineClause = (f: StatedFigure): boolean =>
  EARLIER.test(f.clause) &&
  f.periods.some((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'prev')) &&
  !f.periods.some((m) => m.kind === 'relative' && m.rel === 'current')

/** The question's periods, a comparison's baseline ("Comparaison avec le mois dernier") excepted. */
export function ownPeriodsOf(question: string, turn: NormalizedTurn): PeriodMention[] {
  const folded = foldKeep(question)
  const asked = periodMentions(folded.replace(/(?:compar|par rapport|versus|\bvs\b).*$/, ''))
  if (asked.length > 0) return asked
  // A question naming no period is answered for the service's default one, which its headline names ("Le mois dernier…").
  const compares = COMPARES.test(folded)
  // Not the baseline's own amount ("Le mois dernier à la même date, vous aviez dépensé 2 514,24 €, contre 3 348,06 € ce
  // mois-ci"): its side of the comparison is the period before (sideOf).
  const sides: SideContext = { ownPeriods: [], range: compares ? answerRange(question, turn) : null, compares }
  const headline = statedFigures(turn.message).find(
    (f) => (f.role === 'total' || f.role === 'count') && !(compares && (baselineClause(f) || figureSide(sides, f) === 'previous')),
  )
  return (headline?.periods ?? []).filter((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'current'))
}

// ── The side of a comparison an amount's own words attach it to ───────────────────────────────────────────────────
// Words that set two amounts of one clause against each other ("X contre Y", "X vs Y", "X → Y", "X alors que Y"): the
// period words and the tense of each side are that side's own.
const SIDE_BREAK = /\b(?:contre|versus|vs\b\.?|au lieu de|face a|alors que|tandis que)|→|->/g
// A period named as what a side is compared with ("par rapport au mois dernier", "que le mois dernier", "comparé à
// octobre", "supérieures à celles du mois dernier"): the other side's name, never this side's (blanked).
const COMPARED_WITH =
  /(?:par rapport (?:a|au|aux)|compar[a-z]*(?: (?:a|au|aux|avec))?|(?:plus|moins|autant|davantage|superieure?s?|inferieure?s?) (?:que|qu'|a|au|aux)|\bque (?:le|la|l'|les|sur|pour|lors|durant|pendant|en)\b|\bqu'(?:a|au|aux|en)\b)[^,;:()€\d]*/g
// A whole month ("sur tout le mois d'octobre", "octobre entier") beside a partial own period is not the comparison's
// same days: another period.
const WHOLE_MONTH =
  /(?:tout le mois|mois (?:entier|complet)|l'ensemble du mois|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre) (?:entier|complet))/

// The same days of another period: "même période", "à date égale", "à la même date".
const SAME_DAYS = /(?:meme periode|date egale|meme date|memes jours|a date|au \d{1,2}\b)/

export interface SideContext {
  /** The answer's own periods: "le mois dernier" asked is the answer's own, never the period before it. */
  ownPeriods: readonly PeriodMention[]
  /** The days the answer covers: a month named is its own month, the month before it (a comparison), or another. */
  range: OwnRange | null
  /** The question compares periods: only then does an earlier tense alone ("vous aviez dépensé") name the period before. */
  compares: boolean
}

type Side = 'previous' | 'current' | 'other' | 'mixed' | null

const isoMonth = (iso: string): { year: number; month: number; day: number } => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return { year, month, day }
}

/**
 * The side of a comparison a part of a clause names: the period before the answer's ("le mois dernier", "le mois
 * précédent", "l'an dernier", the month before a compared month, the same days of that month), the answer's own ("ce
 * mois-ci", "aujourd'hui", "cette année", its own month, its asked period), another period, both (mixed), or none.
 * Without a period word, an earlier tense ("vous aviez dépensé", "c'était") in answer to a comparison is the period before.
 * A month that cannot be placed (no days known for the answer) is another period when `strict` (a lone baseline),
 * else left to the tense (a side set against the answer's own: "En octobre, vos dépenses étaient de X contre Y ce mois-ci").
 */
function sideOf(ctx: SideContext, segment: string, strict = true): Side {
  const text = segment.replace(COMPARED_WITH, (m) => ' '.repeat(m.length))
  let previous = false
  let current = false
  let other = false
  const range = ctx.range
  const own = range === null ? null : { from: isoMonth(range.from), to: isoMonth(range.to) }
  const partial = own !== null && (own.from.day !== 1 || own.to.day !== new Date(Date.UTC(own.to.year, own.to.month, 0)).getUTCDate())
  for (const m of periodMentions(text, range)) {
    if (ctx.ownPeriods.some((o) => samePeriod(o, m))) current = true
    else if (m.kind === 'relative') {
      if (m.rel === 'current') current = true
      else if (m.rel === 'last' || m.rel === 'prev') previous = true
    } else if (m.month !== null && m.day === null && own !== null) {
      const sameYear = (y: number): boolean => m.year === null || m.year === y
      const before = own.from.month === 1 ? { month: 12, year: own.from.year - 1 } : { month: own.from.month - 1, year: own.from.year }
      if (own.from.month === own.to.month && own.from.year === own.to.year && m.month === own.to.month && sameYear(own.to.year)) current = true
      // Beside a partial own period, the month before is the baseline only as its same days ("en octobre (même
      // période)", "à date égale"); "Octobre : 2 661,93 €" alone may be the whole month — another period for a lone amount.
      else if (ctx.compares && m.month === before.month && sameYear(before.year) && (!partial || !strict || SAME_DAYS.test(text))) previous = true
      else other = true
    } else if (m.month !== null && m.day === null && strict) other = true
  }
  if (partial && WHOLE_MONTH.test(text)) other = true
  // A range inside the answer's own days ("Du 1er au 24 novembre 2026, le total était de …") names its own period.
  if (range !== null && statedDayRanges(text).some((r) => !(r.to < range.from || r.from > range.to))) current = true
  if (other) return 'other'
  if (previous && current) return 'mixed'
  if (previous) return 'previous'
  if (current) return 'current'
  return ctx.compares && EARLIER.test(text) ? 'previous' : null
}

/**
 * The part of a clause a figure's side spans: between the versus words around it (SIDE_BREAK), else the whole clause.
 * Only versus words that follow an amount set sides apart: in "Novembre 2026 vs octobre 2026 : 3 348,06 € vs
 * 2 514,24 €" the first "vs" joins two labels, and the first amount's side names both months (mixed, undecided).
 */
function segmentOf(clause: string, at: number, end: number): string {
  let from = 0
  let to = clause.length
  for (const m of clause.matchAll(SIDE_BREAK)) {
    const i = m.index ?? 0
    if (!AMOUNT_SAID.test(clause.slice(from, i))) continue
    if (i + m[0].length <= at) from = i
    else if (i >= end && to === clause.length) to = i
  }
  return clause.slice(from, to)
}
const AMOUNT_SAID = /€|\beur(?:os?)?\b/

/** The side of a comparison a stated figure's own words attach it to (sideOf its segment). */
export function figureSide(ctx: SideContext, figure: StatedFigure, strict = true): Side {
  return sideOf(ctx, segmentOf(figure.clause, figure.clauseAt, figure.clauseAt + figure.text.length), strict)
}

// The previous period named as the label of the amount ("Le mois précédent : 2 514,24 €", "Octobre (1er–24) : 2 514,24 €",
// "Même période du mois dernier : 2 514,24 €").
const PERIOD_LABEL_BEFORE =
  /(?:mois|periode|semaine|trimestre|annee|an|date|egale|precedente?|derniere?|passee?|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|\d{4}|\))\s*[:=]\s*$/

/**
 * A stated amount the answer gives as the previous period's spending — the baseline — by its own words, wherever it
 * stands: its side of the comparison is the period before (figureSide), and it is a spending figure (a total's words,
 * "Le mois dernier à la même date, vous n'aviez dépensé que 2 154,24 €") or the value of that period's label ("Le mois
 * précédent : 2 154,24 €"). Not a part's ("le Shopping", "chez Fnac", a purchase), nor a difference, a rate or a projection.
 */
export function previousStated(ctx: SideContext, figure: StatedFigure): boolean {
  if (!ctx.compares || figure.kind !== 'amount' || figure.sign !== null || figure.difference || figure.perPeriod || figure.hypothetical) return false
  if (figure.role !== 'total' && figure.role !== null) return false
  const segment = segmentOf(figure.clause, figure.clauseAt, figure.clauseAt + figure.text.length)
  if (sideOf(ctx, segment) !== 'previous') return false
  const lead = figure.clause.slice(Math.max(0, figure.clauseAt - 40), figure.clauseAt)
  if (figure.role === null && !PERIOD_LABEL_BEFORE.test(lead)) return false
  const named = questionEntities(segment)
  if (named.categories.length > 0 || named.merchants.length > 0) return false
  return !/(?:achat|transaction|paiement|operation|facture|prelevement|abonnement|depense la plus|plus grosse)/.test(segment)
}

/**
 * A baseline stated by its own words (previousStated) against the previous period the answer carries: the
 * comparison chart's previous sum (v2), the comparison insight's previous_total (v2-charts); else any carried amount
 * confirms it, else it stays unverified (v3 carries none: the ground truth's previousTotal judges it). Never the
 * answer's total.
 */
function checkPreviousSide(ctx: Context, source: TextSource, figure: StatedFigure): void {
  const comparison = ctx.facts.comparison
  if (comparison !== null && agrees(figure, comparison.previous)) {
    ctx.checked++
    return
  }
  if (comparison === null || fitOf(figure, comparison.previous) !== 'contradicts') {
    matchPool(ctx, figure)
    return
  }
  ctx.contradictions.push(
    reason('check.grounding.period', {
      ...place(source),
      stated: figure.said,
      chart: comparison.name,
      carried: [comparison.previous],
      ...(comparison.insight === true ? { source: 'insight' } : {}),
    }),
  )
}

/** The message's amounts stated as the previous period's spending (previousStated): the ground truth holds them against previousTotal. */
export function statedPrevious(turn: NormalizedTurn, question: string): StatedFigure[] {
  const compares = COMPARES.test(foldKeep(question))
  const range = answerRange(question, turn)
  const ctx: SideContext = { ownPeriods: ownPeriodsOf(question, turn), range, compares }
  return statedFigures(turn.message.slice(0, MAX_READ_CHARS), range).filter((f) => previousStated(ctx, f))
}

/** What the answer carries for the period a sentence names: a dated chart point (or a month's points), the comparison's previous period. */
function periodValues(facts: Facts, figure: StatedFigure): { values: number[]; name: string } {
  const values: number[] = []
  const names: string[] = []
  for (const m of figure.periods) {
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

function checkOtherPeriod(ctx: Context, source: TextSource, figure: StatedFigure): void {
  if (swappedMonth(ctx, source, figure)) return
  const period = figure.kind === 'amount' ? periodValues(ctx.facts, figure) : { values: [], name: '' }
  if (period.values.some((v) => agrees(figure, v)) || poolFor(ctx.facts, figure).some((v) => agrees(figure, v))) {
    ctx.checked++
    return
  }
  if (figure.role === 'total' && period.values.length > 0) {
    ctx.contradictions.push(
      reason('check.grounding.period', {
        ...place(source),
        stated: figure.said,
        chart: period.name,
        carried: period.values.slice(0, 3),
        ...(period.name === ctx.facts.comparison?.name && ctx.facts.comparison.insight === true ? { source: 'insight' } : {}),
      }),
    )
    return
  }
  ctx.unverified.push(figure.text)
}

// The last month its clause names before the figure ("Août 2026 a été le mois le plus élevé (environ 3 100 €)").
const MONTH_BEFORE = new RegExp(String.raw`(^|[^a-z0-9])(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?(?![a-z0-9])`, 'g')

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
  const at = (last.index ?? 0) + (last[1] ?? '').length
  // No figure between the month and the amount; a day before it ("le 9 juin") makes it a day's.
  if (/\d/.test(head.slice(at + (last[0].length - (last[1] ?? '').length))) || /\d\s*(?:er)?\s*$/.test(head.slice(0, at))) return false
  const month = MONTH_NAMES.indexOf(last[2] ?? '') + 1
  const year = last[3] === undefined ? null : Number(last[3])
  const monthly = ctx.facts.dated.filter((p) => p.day === null)
  const own = monthly.filter((p) => p.month === month && (year === null || p.year === year))
  if (own.length === 0 || own.some((p) => agrees(figure, p.value))) return false
  if (!monthly.some((p) => !own.includes(p) && agrees(figure, p.value))) return false
  const label = year === null ? (last[2] ?? '') : `${last[2] ?? ''} ${year}`
  ctx.contradictions.push(
    reason('check.grounding.label', {
      ...place(source),
      stated: figure.said,
      label,
      chart: own[0]?.chart ?? '',
      carried: own.map((p) => p.value).slice(0, 3),
    }),
  )
  return true
}

/** The chart label (a category, a merchant) the clause names, if any. */
function namedLabel(facts: Facts, clause: string): { label: string; values: number[] } | null {
  for (const [key, entry] of facts.labels) {
    if (key.length < 3 || !new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}([^a-z0-9]|$)`).test(clause)) continue
    return entry
  }
  return null
}

function labelDeltas(facts: Facts, label: string): number[] {
  const entry = facts.comparison?.byLabel.get(fold(label).trim())
  return entry === undefined ? [] : [entry.current - entry.previous]
}

function checkChange(ctx: Context, source: TextSource, figure: StatedFigure): void {
  const subject = labelChange(ctx.facts, figure.clause, figure.clauseAt)
  const carried = subject !== null ? subject.change : (ctx.facts.change?.value ?? null)
  if (carried === null) {
    if (subject === null && checkTrend(ctx, source, figure)) return
    ctx.unverified.push(figure.text)
    return
  }
  const sourceName = subject !== null ? subject.label : (ctx.facts.change?.name ?? '')
  const sourceKind = subject !== null ? 'chart_change' : (ctx.facts.change?.source ?? 'computed')
  ctx.checked++
  const direction = figure.direction
  if (direction !== null && directionsClash(direction, carried)) {
    ctx.contradictions.push(
      reason('check.grounding.direction', { ...place(source), stated: figure.text, direction, source: sourceKind, sourceName, carried }),
    )
    return
  }
  const fit = fitOf(figure, carried)
  // A bound far from the change ("plus de 5 %" for +33,2 %) says nothing false, nor states the change.
  if (fit === 'loose') ctx.unverified.push(figure.text)
  if (fit === 'contradicts') {
    ctx.contradictions.push(
      reason('check.grounding.figure', { ...place(source), stated: figure.said, role: 'change', source: sourceKind, sourceName, carried }),
    )
  }
}

/** A size of change a "stable" trend cannot hold: its regression says the months barely move. */
const STABLE_REACH = 10

/**
 * Without a carried change, the trend the answer carries (a trend_analysis insight: its direction, and the change its
 * slope implies over its months) judges a change of the whole its text states for no named period: "en forte hausse,
 * de 45 % sur l'année" beside a trend "stable" (+4,34 € par mois on 2 513,36 €) is false. A change named for a
 * month or a period ("+26 % ce mois-ci", "entre novembre 2025 et novembre 2026") is not the trend's.
 */
function checkTrend(ctx: Context, source: TextSource, figure: StatedFigure): boolean {
  const trend = ctx.trend
  if (trend === null || figure.kind !== 'percent' || figure.direction === null || figure.periods.length > 0) return false
  if (/(?:[a-z]+\s+)?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b/.test(figure.clause)) return false
  ctx.checked++
  const clash =
    (trend.direction === 'stable' && figure.direction !== 'stable' && figure.value >= STABLE_REACH) ||
    (trend.direction === 'up' && figure.direction === 'down') ||
    (trend.direction === 'down' && figure.direction === 'up')
  if (!clash) return true
  ctx.contradictions.push(
    reason('check.grounding.figure', {
      ...place(source),
      stated: figure.said,
      role: 'change',
      source: 'insight',
      sourceName: `trend_analysis (${trend.direction})`,
      carried: trend.change ?? 0,
    }),
  )
  return true
}

/** The trend the answer carries: a trend_analysis insight's direction and the change its slope implies over its months. */
function trendOf(turn: NormalizedTurn): Context['trend'] {
  for (const i of turn.insights) {
    if (i.type !== 'trend_analysis') continue
    const d = i.dataSupport ?? {}
    const direction = d['direction']
    if (direction !== 'up' && direction !== 'down' && direction !== 'stable') continue
    const { slope_per_month: slope, mean_per_month: mean, months } = d
    const change =
      typeof slope === 'number' && typeof mean === 'number' && typeof months === 'number' && mean > 0 && months > 1
        ? ((slope * (months - 1)) / mean) * 100
        : null
    return { direction, change }
  }
  return null
}

function checkDirections(ctx: Context, source: TextSource): void {
  for (const claim of statedDirections(source.text)) {
    const subject = labelChange(ctx.facts, claim.clause, claim.at)
    const carried = subject !== null ? subject.change : (ctx.facts.change?.value ?? null)
    if (carried === null) continue
    ctx.checked++
    if (!directionsClash(claim.direction, carried)) continue
    ctx.contradictions.push(
      reason('check.grounding.direction', {
        ...place(source),
        stated: claim.text.length > 80 ? `${claim.text.slice(0, 79)}…` : claim.text,
        direction: claim.direction,
        source: subject !== null ? 'chart_change' : (ctx.facts.change?.source ?? 'computed'),
        sourceName: subject !== null ? subject.label : (ctx.facts.change?.name ?? ''),
        carried,
      }),
    )
  }
}

/**
 * The rises and falls of the whole spending a comparison answer's message says in words, wherever they stand
 * (figures.ts spendingChangeClaims): « Vos dépenses baissent ce mois-ci », « Vous dépensez donc moins qu'avant »,
 * « vous avez économisé 833,82 € », « multipliées par deux ». A clause naming a category or a merchant may speak of a
 * part: left out. The ground truth reads the same claims (ground-truth/check.ts).
 */
export function wholeChangeClaims(message: string): ChangeClaim[] {
  return spendingChangeClaims(message).filter((claim) => {
    if (/\bchez\b/.test(claim.clause)) return false
    const named = questionEntities(claim.text)
    return named.categories.length === 0 && named.merchants.length === 0
  })
}

/** A ratio current ÷ previous said in words ("multipliées par deux") that the change (a percentage) does not allow: more than 20 % off. */
export function ratioClash(ratio: number, percent: number): boolean {
  const actual = 1 + percent / 100
  if (actual <= 0 || ratio <= 0) return false
  return Math.abs(Math.log(actual / ratio)) > Math.log(1.2)
}

/**
 * A comparison answer's rise or fall of the whole (wholeChangeClaims), with or without the previous period named in
 * its sentence, held to the change it carries (the KPI card, the comparison chart, the comparison insight): its
 * direction, and its size when its words state a ratio ("multipliées par deux" for ×1,33). A clause checkDirections
 * already judged is not judged twice for its direction.
 */
function checkSpendingChanges(ctx: Context, source: TextSource): void {
  const change = ctx.facts.change
  if (!ctx.compares || source.where !== 'message' || change === null) return
  const judged = new Set(statedDirections(source.text).map((c) => c.clause))
  for (const claim of wholeChangeClaims(source.text)) {
    ctx.checked++
    const stated = claim.text.length > 80 ? `${claim.text.slice(0, 79)}…` : claim.text
    if (directionsClash(claim.direction, change.value)) {
      if (judged.has(claim.clause)) continue
      ctx.contradictions.push(
        reason('check.grounding.direction', {
          ...place(source),
          stated,
          direction: claim.direction,
          source: change.source,
          sourceName: change.name,
          carried: change.value,
        }),
      )
      continue
    }
    if (claim.ratio !== null && ratioClash(claim.ratio, change.value))
      ctx.contradictions.push(
        reason('check.grounding.figure', {
          ...place(source),
          stated,
          role: 'change',
          source: change.source,
          sourceName: change.name,
          carried: change.value,
        }),
      )
  }
}

/**
 * A move the text states between two of its own amounts with a direction (« en forte hausse : de 3 105,92 € en
 * août à 2 098,72 € en septembre »): the words must go the way the amounts go, on any wire (figures.ts statedMoves).
 */
function checkMoves(ctx: Context, source: TextSource): void {
  for (const move of statedMoves(source.text)) {
    const computed = ((move.to.value - move.from.value) / move.from.value) * 100
    ctx.checked++
    if (!directionsClash(move.direction, computed)) continue
    ctx.contradictions.push(
      reason('check.grounding.direction', {
        ...place(source),
        stated: move.text.length > 80 ? `${move.text.slice(0, 79)}…` : move.text,
        direction: move.direction,
        source: 'stated_totals',
        sourceName: `${move.from.text} → ${move.to.text}`,
        carried: computed,
      }),
    )
  }
}

/**
 * The highest and the lowest of one kind the text states with their amounts (« le mois le plus dépensier … (2 098,72 €)
 * et le plus calme … (3 105,92 €) »): the highest's amount may not be below the lowest's, as written (their rounding
 * and bounds allowed), on any wire (figures.ts statedExtremes).
 */
function checkExtremes(ctx: Context, source: TextSource): void {
  const extremes = statedExtremes(source.text)
  for (const noun of new Set(extremes.map((e) => e.noun))) {
    const high = extremes.find((e) => e.noun === noun && e.side === 'high')
    const low = extremes.find((e) => e.noun === noun && e.side === 'low')
    if (high === undefined || low === undefined || high.figure === low.figure) continue
    ctx.checked++
    if (allowed(high.figure)[1] >= allowed(low.figure)[0]) continue
    ctx.contradictions.push(reason('check.grounding.extremes', { ...place(source), noun, high: high.figure.said, low: low.figure.said }))
  }
}

const PER_MONTH_AFTER = /^\s*(?:par|\/)\s*mois\b|^\s*mensuel/
const AVERAGE_LEAD = /(?:moyen|\bsoit\s+(?:environ |pres de |autour de |approximativement |a peu pres )?$)/

/**
 * An average per month the text states (« soit en moyenne 3 513,36 € par mois », « soit environ 1 500 € par mois »)
 * held to the one the answer carries (a trend_analysis insight's mean_per_month); the carried total over the trend's
 * months, or over one more, is as good a mean. A signed or moving amount per month (a slope: « +4,34 € par mois »,
 * « évoluent de 4,34 € par mois »), a projection, or a month's own figure is not an average.
 */
function checkMonthlyAverage(ctx: Context, source: TextSource, folded: string, figures: StatedFigure[], turn: NormalizedTurn): void {
  const trend = turn.insights.find((i) => i.type === 'trend_analysis')?.dataSupport ?? {}
  const mean = trend['mean_per_month']
  const months = trend['months']
  const carried = typeof mean === 'number' && mean > 0
  const means = carried ? [mean] : []
  if (carried && ctx.facts.total !== null && typeof months === 'number' && months > 0)
    means.push(ctx.facts.total.value / months, ctx.facts.total.value / (months + 1))
  // Nothing carried (a v3 answer): the answer's own total over the months it names (« Sur 13 mois, vous avez dépensé
  // 33 508,39 € ») bounds its average, loosely — a mean over the complete months only (2 513,36 € beside 33 508,39 € / 13
  // = 2 577,57 €) is as right: more than 15 % off both is a figure its own words contradict.
  let own: { low: number; high: number; total: StatedFigure } | null = null
  if (!carried && source.where === 'message') {
    const span = /\b(?:sur|depuis|pendant|durant|au cours des|en)\s+(?:les\s+|vos\s+|ces\s+)?(\d{1,2})\s+(?:derniers\s+)?mois\b/.exec(folded)
    const n = span === null ? 0 : Number(span[1])
    const at = span?.index ?? -1
    const total = figures.find(
      (f) =>
        f.kind === 'amount' &&
        f.sign === null &&
        !f.perPeriod &&
        !f.hypothetical &&
        !f.difference &&
        f.role !== 'average' &&
        (f.role === 'total' || (at >= f.index - f.clauseAt && at < f.index - f.clauseAt + f.clause.length)),
    )
    if (n >= 2 && total !== undefined) own = { low: (total.value / n) * 0.85, high: (total.value / (n - 1)) * 1.15, total }
  }
  if (means.length === 0 && own === null) return
  for (const f of figures) {
    if (f.kind !== 'amount' || f.sign !== null || f.difference || f.hypothetical || !f.perPeriod) continue
    if (!PER_MONTH_AFTER.test(folded.slice(f.index + f.text.length, f.index + f.text.length + 20))) continue
    const lead = f.clause.slice(0, f.clauseAt)
    if (!AVERAGE_LEAD.test(lead.slice(-40)) && !/moyen/.test(f.clause)) continue
    if (directionIn(lead) !== null || /(?:pente|evolu|variation|ecart|progress|rythme)/.test(f.clause) || f.periods.some((m) => m.kind === 'date'))
      continue
    // A part's average (« l'Alimentation vous coûte en moyenne 360 € par mois », « chez Carrefour ») is not the whole's.
    const named = questionEntities(source.text.slice(f.index - f.clauseAt, f.index - f.clauseAt + f.clause.length))
    if (named.categories.length > 0 || named.merchants.length > 0 || /\bchez\b/.test(f.clause)) continue
    ctx.checked++
    if (own !== null) {
      const [lo, hi] = allowed(f)
      if (hi >= own.low && lo <= own.high) continue
      ctx.contradictions.push(
        reason('check.grounding.figure', {
          ...place(source),
          stated: f.said,
          role: 'average',
          source: 'stated_totals',
          sourceName: own.total.text,
          carried: (own.low / 0.85 + own.high / 1.15) / 2,
        }),
      )
      continue
    }
    if (!means.every((m) => fitOf(f, m) === 'contradicts')) continue
    ctx.contradictions.push(
      reason('check.grounding.figure', {
        ...place(source),
        stated: f.said,
        role: 'average',
        source: 'insight',
        sourceName: 'trend_analysis mean_per_month',
        carried: means[0] ?? 0,
      }),
    )
  }
}

// The words that lead to the previous period's amount: "par rapport au mois dernier (2 514,24 €)", "à comparer à
// 2 514,24 €", "contre 2 514,24 €".
const PREVIOUS_BEFORE =
  /(?:par rapport (?:a|au|aux)|compar\w* (?:a|au|avec)|contre|versus|\bvs\.?|(?:mois|periode|semaine|trimestre|annee|an) (?:derniere?|precedente?|passee?)\s*[(:])[^€%\d.;]{0,40}$/

/**
 * A stated amount about the previous period: led to by a comparison word, or in a clause of another scope than the
 * answer's naming only the period before ("Le mois précédent, vous aviez dépensé 2 514,24 €").
 */
function previousAmount(ctx: SideContext, figure: StatedFigure, folded: string): boolean {
  if (figure.kind !== 'amount' || figure.sign !== null || figure.perPeriod) return false
  if (PREVIOUS_BEFORE.test(folded.slice(Math.max(0, figure.index - 60), figure.index))) return true
  const rels = figure.periods.map((m) => (m.kind === 'relative' ? m.rel : 'date'))
  return scopeOf(ctx, figure) === 'other' && rels.length > 0 && rels.every((r) => r === 'last' || r === 'prev')
}

/**
 * A sentence that states two amounts — the compared one and its baseline ("3 348,06 €, contre 2 514,24 € sur la même
 * période du mois dernier", "par rapport au mois dernier (2 514,24 €)") — must hold together with what it says:
 * - the baseline of the answer's whole comparison (the compared amount is the comparison chart's current sum or the
 *   answer's total) must agree with the comparison's previous period ("contre 2 154,24 €" beside a chart giving
 *   2 514,24 € fails, check.grounding.period); a chart label's pair ("Shopping : 1 270,40 € contre 151,02 €") with that
 *   label's previous value;
 * - without a carried change (a v3 answer carries none; a carried one judges the change itself, checkChange), a
 *   change's direction and size must agree with the gap between the two amounts, within the rounding the writer
 *   used for each of the three figures: "3 348,06 €, soit une baisse de 33,2 % par rapport au mois dernier
 *   (2 514,24 €)" and "3 348,06 € contre 2 514,24 €, soit une hausse de 13,2 %" contradict themselves. A sentence
 *   that names a category or a merchant may compare a part: its size is not checked.
 * The baseline is the one amount led to by a comparison word or in a previous-period clause (previousAmount), the
 * compared amount the one other; a total stated in another sentence ("Sur 13 mois, vous avez dépensé 33 508,39 €")
 * is not one of the two (final review 2026-12-05), and a sentence without exactly that pair is not checked.
 */
function checkStatedTotals(ctx: Context, source: TextSource, folded: string, figures: StatedFigure[]): void {
  const starts = new Set(figures.map((f) => f.index - f.clauseAt))
  for (const start of starts) {
    const pair = sentencePair(ctx, folded, figures, start)
    if (pair !== null) checkBaseline(ctx, source, pair)
  }
  // With a carried change, the words are held to it (checkChange, checkDirections) and the two amounts to the
  // comparison (checkBaseline); the words must still agree with the two amounts their own sentence sets side by side
  // (« en hausse : 2 514,24 € ce mois-ci contre 3 348,06 € le mois dernier », review judge3): the direction only.
  const carriedChange = ctx.facts.change !== null
  const claims: Array<{ start: number; direction: Direction; stated: string; figure: StatedFigure | null }> = []
  for (const figure of figures) {
    if (figure.role === 'change' && figure.direction !== null)
      claims.push({ start: figure.index - figure.clauseAt, direction: figure.direction, stated: figure.text, figure })
  }
  // A direction said in words beside the two amounts ("Par rapport au mois dernier (2 514,24 €), vos dépenses sont en
  // baisse : 3 348,06 € ce mois-ci"): the sentence has no change figure to carry it (final review 2026-12-05).
  for (const figure of figures) {
    const start = figure.index - figure.clauseAt
    if (claims.some((c) => c.start === start) || /%|pour ?cent/.test(figure.clause) || !SPENDING_CLAUSE.test(figure.clause)) continue
    const said = directionIn(figure.clause)
    if (said !== null) claims.push({ start, direction: said.direction, stated: sentenceText(source.text, start, figure.clause.length), figure: null })
  }
  for (const claim of claims) {
    const pair = sentencePair(ctx, folded, figures, claim.start)
    if (pair === null) continue
    const { current, previous } = pair
    const computed = ((current.value - previous.value) / previous.value) * 100
    ctx.checked++
    if (directionsClash(claim.direction, computed)) {
      if (carriedChange && ctx.contradictions.some((r) => r.code === 'check.grounding.direction' && r.params['stated'] === claim.stated)) continue
      ctx.contradictions.push(
        reason('check.grounding.direction', {
          ...place(source),
          stated: claim.stated,
          direction: claim.direction,
          source: 'stated_totals',
          sourceName: `${current.text} / ${previous.text}`,
          carried: computed,
        }),
      )
      continue
    }
    if (claim.figure !== null && !carriedChange) checkStatedSize(ctx, source, claim.figure, pair, claim.start)
  }
}

const SPENDING_CLAUSE = /(depens|achat|paiement|budget|sorties)/

/** The values a stated figure allows, as its writer wrote it: its rounding, its approximation or bound (fitOf). */
function allowed(figure: StatedFigure): [number, number] {
  const v = figure.value
  switch (figure.bound) {
    case 'approx':
      return [v - figure.step / 2, v + figure.step]
    case 'atLeast':
      return [v, v + figure.step]
    case 'atMost':
      return [v - figure.step, v]
    case 'range':
      return [figure.low ?? v, v]
    default:
      return [v - figure.halfUnit, v + figure.halfUnit]
  }
}

/**
 * The size of a change stated beside the two amounts of its sentence: a percentage against their relative gap,
 * computed over every value the two amounts allow as written ("3 348 € contre 2 514 €" allows 33,1 % to 33,2 %), so a
 * writer who rounded is never failed; a percentage that no such value fits ("une hausse de 13,2 %" for 3 348,06 €
 * contre 2 514,24 €) contradicts (check.grounding.figure). A loose one ("plus de 5 %") says nothing false.
 */
function checkStatedSize(
  ctx: Context,
  source: TextSource,
  figure: StatedFigure,
  pair: { current: StatedFigure; previous: StatedFigure },
  start: number,
): void {
  if (figure.kind !== 'percent') return
  const sentence = source.text.slice(start, start + figure.clause.length)
  const named = questionEntities(sentence)
  if (named.categories.length > 0 || named.merchants.length > 0) return
  const [curLo, curHi] = allowed(pair.current)
  const [prevLo, prevHi] = allowed(pair.previous)
  if (prevLo <= 0) return
  const [lo, hi] = [((curLo - prevHi) / prevHi) * 100, ((curHi - prevLo) / prevLo) * 100]
  // The size is unsigned (the direction is checked above): the magnitudes those values allow.
  const [min, max] = lo >= 0 ? [lo, hi] : hi <= 0 ? [-hi, -lo] : [0, Math.max(-lo, hi)]
  const nearest = Math.min(Math.max(figure.value, min), max)
  if (fitOf(figure, nearest) !== 'contradicts') return
  ctx.contradictions.push(
    reason('check.grounding.figure', {
      ...place(source),
      stated: figure.said,
      role: 'change',
      source: 'stated_totals',
      sourceName: `${pair.current.text} / ${pair.previous.text}`,
      carried: ((pair.current.value - pair.previous.value) / pair.previous.value) * 100,
    }),
  )
}

/**
 * The baseline of a sentence's pair against what the answer carries for the previous period: the comparison's
 * previous sum when the compared amount is its current sum (or the answer's total), a chart label's previous value
 * when the compared amount is that label's current one. Another pair (a part the answer does not carry) is left to
 * the figures' own checks.
 */
function checkBaseline(ctx: Context, source: TextSource, pair: { current: StatedFigure; previous: StatedFigure }): void {
  const comparison = ctx.facts.comparison
  if (comparison === null) return
  const { current, previous } = pair
  let expected: number | null = null
  if (agrees(current, comparison.current) || (ctx.facts.total !== null && agrees(current, ctx.facts.total.value))) expected = comparison.previous
  else {
    const parts = [...comparison.byLabel.values()].filter((e) => agrees(current, e.current))
    if (parts.length === 1) expected = parts[0]?.previous ?? null
  }
  if (expected === null || fitOf(previous, expected) !== 'contradicts') return
  // Already failed as another period's total (checkOtherPeriod): said once.
  if (ctx.contradictions.some((r) => r.params['stated'] === previous.said)) return
  ctx.contradictions.push(
    reason('check.grounding.period', {
      ...place(source),
      stated: previous.said,
      chart: comparison.name,
      carried: [expected],
      ...(comparison.insight === true ? { source: 'insight' } : {}),
    }),
  )
}

/** The sentence as written, bounded for a reason. */
function sentenceText(text: string, start: number, length: number): string {
  const said = text
    .slice(start, start + length)
    .replace(/\s+/g, ' ')
    .trim()
  return said.length > 80 ? `${said.slice(0, 79)}…` : said
}

// "3 348,06 € contre 2 514,24 €": the amount after "contre" (versus, vs, à comparer à) is the baseline, the one before
// it the compared amount — whatever a comparison phrase before both ("par rapport au mois dernier : …") leads to;
// not when the one before is the previous period's own ("Le mois dernier : 2 514,24 € contre 3 348,06 € ce mois-ci").
const COUNTER_BEFORE = /(?:contre|versus|\bvs\.?|a comparer (?:a|au|avec))[^€%\d.;:,()]{0,20}$/
const PERIOD_LEAD = /(?:mois|periode|semaine|trimestre|annee|an) (?:derniere?|precedente?|passee?)\s*[(:]\s*$/
const CURRENT_AFTER = /^[^€%\d.;]{0,30}(?:ce mois|cette (?:semaine|annee|periode)|aujourd|actuel)/

/**
 * "X contre Y" whose sides' own words name the periods the other way round ("Le mois dernier à la même date, vous
 * aviez dépensé 2 514,24 €, contre 3 348,06 € ce mois-ci"): X's side names the period before (sideOf: "le mois
 * dernier", "le mois précédent", the month before, an earlier tense), Y's the answer's own period or none — X is the
 * baseline, Y the compared amount. The sentence must state just those two amounts; undefined when the sides do not
 * decide (no period words: today's reading, Y the baseline).
 */
function sidedPair(ctx: SideContext, folded: string, amounts: StatedFigure[]): { current: StatedFigure; previous: StatedFigure } | null | undefined {
  if (amounts.length !== 2) return undefined
  const [a, b] = amounts as [StatedFigure, StatedFigure]
  const between = folded.slice(a.index + a.text.length, b.index)
  if (!new RegExp(SIDE_BREAK.source).test(between) || /[.;!?\n]/.test(between)) return undefined
  if (figureSide(ctx, a, false) !== 'previous') return undefined
  const other = figureSide(ctx, b, false)
  if (other !== 'current' && other !== null) return undefined
  return a.value > 0 ? { current: b, previous: a } : null
}

/** The amounts of the sentence starting at `start` that may be compared: plain amounts, no difference, rate, projection or average. */
function comparableAmounts(figures: StatedFigure[], start: number): StatedFigure[] {
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
function sentencePair(
  ctx: SideContext,
  folded: string,
  figures: StatedFigure[],
  start: number,
): { current: StatedFigure; previous: StatedFigure } | null {
  const amounts = comparableAmounts(figures, start).filter((f) => f.role !== 'income')
  const sided = sidedPair(ctx, folded, amounts)
  if (sided !== undefined) return sided
  let previous = amounts.filter((f) => previousAmount(ctx, f, folded))
  if (previous.length > 1) {
    const countered = previous.filter((f) => COUNTER_BEFORE.test(folded.slice(Math.max(0, f.index - 40), f.index)))
    const [baseline] = countered
    const others = previous.filter((f) => f !== baseline)
    if (
      countered.length === 1 &&
      baseline !== undefined &&
      !CURRENT_AFTER.test(folded.slice(baseline.index + baseline.text.length)) &&
      others.every((f) => {
        const lead = folded.slice(Math.max(0, f.index - 40), f.index)
        return f.index < baseline.index && (!PERIOD_LEAD.test(lead) || /(?:par rapport|compar)/.test(lead))
      })
    )
      previous = countered
  }
  const current = amounts.filter((f) => !previous.includes(f))
  if (previous.length !== 1 || current.length !== 1) return null
  const [p, c] = [previous[0] as StatedFigure, current[0] as StatedFigure]
  return p.value > 0 ? { current: c, previous: p } : null
}

/**
 * A difference said in words ("833,82 € de plus que sur la même période du mois dernier (3 348,06 € contre
 * 2 514,24 €)", "un écart de 833,82 €") is no total: it is held against the gap between the two totals its sentence
 * states, else — when its sentence names the period before ("le mois dernier") — the gap the answer carries (the
 * comparison chart; a category that is the change's subject, its own gap). Its words' direction ("de plus", "de
 * moins") must be the gap's, its size the gap's within its written rounding. Any other difference ("50 € de plus que
 * votre budget") is confirmed by a carried amount or noted unverified.
 */
function checkDifference(ctx: Context, source: TextSource, folded: string, figure: StatedFigure, figures: StatedFigure[]): void {
  const { facts } = ctx
  const start = figure.index - figure.clauseAt
  const pair = sentencePair(ctx, folded, figures, start) ?? versusPair(ctx, folded, figures, start)
  let gap: { delta: number; previous: number; source: string; sourceName: string } | null = null
  if (pair !== null) {
    gap = {
      delta: pair.current.value - pair.previous.value,
      previous: pair.previous.value,
      source: 'stated_totals',
      sourceName: `${pair.current.text} / ${pair.previous.text}`,
    }
  } else if (facts.comparison !== null && figure.periods.some((m) => m.kind === 'relative' && (m.rel === 'last' || m.rel === 'prev'))) {
    const subject = labelChange(facts, figure.clause, figure.clauseAt)
    const entry = subject === null ? facts.comparison : facts.comparison.byLabel.get(fold(subject.label).trim())
    if (entry !== undefined) {
      gap = {
        delta: entry.current - entry.previous,
        previous: entry.previous,
        source: 'chart_change',
        sourceName: subject?.label ?? facts.comparison.name,
      }
    }
  }
  if (gap === null) {
    matchPool(ctx, figure)
    return
  }
  ctx.checked++
  const carried = gap.previous > 0 ? (gap.delta / gap.previous) * 100 : gap.delta
  if (figure.direction !== null && directionsClash(figure.direction, carried)) {
    ctx.contradictions.push(
      reason('check.grounding.direction', {
        ...place(source),
        stated: figure.said,
        direction: figure.direction,
        source: gap.source,
        sourceName: gap.sourceName,
        carried,
      }),
    )
    return
  }
  const fit = fitOf(figure, Math.abs(gap.delta))
  if (fit === 'loose') ctx.unverified.push(figure.text)
  if (fit === 'contradicts') {
    ctx.contradictions.push(
      reason('check.grounding.figure', {
        ...place(source),
        stated: figure.said,
        role: 'difference',
        source: gap.source,
        sourceName: gap.sourceName,
        carried: Math.abs(gap.delta),
      }),
    )
  }
}

// "3 348,06 € contre 2 514,24 €", "3 348,06 € vs 2 514,24 €": the compared amount, then its baseline.
const VERSUS = /^\s*(?:contre|vs\.?|versus|au lieu de|face a)\s*$/

/** Two amounts of the sentence starting at `start` set against each other ("A contre B"): A the current, B the baseline. */
function versusPair(
  ctx: SideContext,
  folded: string,
  figures: StatedFigure[],
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
  const folded = foldKeep(turn.message.length > MAX_READ_CHARS ? turn.message.slice(0, MAX_READ_CHARS) : turn.message)
  const figures = statedFigures(turn.message.slice(0, MAX_READ_CHARS), answerRange(question, turn))
  const pairs: Array<{ current: StatedFigure; previous: StatedFigure }> = []
  for (const start of new Set(figures.map((f) => f.index - f.clauseAt))) {
    const pair = sentencePair(ctx, folded, figures, start)
    if (pair !== null) pairs.push(pair)
  }
  return pairs
}

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
  return anomalyZeroClaims(turn.message).find((c) => ownZeroClaim(ctx, c, question))
}

/** An answer that says it ran no search (v3 `metadata.requires_search: false`) cannot carry results. */
function checkSearchSkipped(ctx: Context, turn: NormalizedTurn): void {
  if (turn.searchSkipped !== true) return
  const found = foundEvidence(ctx.facts, turn)
  if (found === null) return
  ctx.contradictions.push(
    reason('check.grounding.search_skipped', { source: found.source, sourceName: found.sourceName, carried: found.carried, unit: found.unit }),
  )
}

/** "Je n'ai trouvé aucune transaction" beside results: the answer contradicts itself. */
function checkZeroClaims(ctx: Context, source: TextSource, turn: NormalizedTurn, question: string): void {
  const claims = zeroClaims(source.text)
  const found = claims.length === 0 ? null : foundEvidence(ctx.facts, turn)
  const claim = found === null ? undefined : claims.find((c) => ownZeroClaim(ctx, c, question))
  if (found !== null && claim !== undefined) {
    ctx.contradictions.push(reason('check.grounding.claims_nothing', { ...place(source), stated: claim.text, ...found }))
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
  ctx.contradictions.push(reason('check.grounding.claims_nothing', { ...place(source), stated: claim.text, ...found }))
}

/**
 * A loose own-scope figure ("Vous avez dépensé plus de 100 €" beside a total of 2 661,93 €) is no lie, but an answer
 * that states nothing closer for that role never states its figure: it fails, quoting both. Beside a figure of that
 * role that agrees ("2 661,93 €, dont plus de 100 € …" read as a second total) it is only unverified.
 */
function checkLoose(ctx: Context): void {
  for (const { source, figure, role, fact } of ctx.loose) {
    // A count's bound ("plus de 30 transactions" for 36) summarizes; the amounts are what an answer must state.
    if (ctx.agreed.has(role) || figure.kind === 'count') {
      ctx.unverified.push(figure.text)
      continue
    }
    ctx.contradictions.push(
      reason('check.grounding.loose', {
        ...place(source),
        stated: figure.said,
        bound: figure.bound,
        role,
        source: fact.source,
        sourceName: fact.name,
        carried: fact.value,
      }),
    )
  }
}

interface Breakdown {
  chart: string
  /** Folded label → label and value, "Autres" excepted. */
  parts: Map<string, { label: string; value: number }>
  /** The value of its "Autres" slice: any label it does not name is at most that; null when it names every part. */
  others: number | null
}

const OTHERS_LABEL = /^(?:autres?|other|others|divers)$/

/** The answer's breakdown: its pie (one dataset of parts of one whole). */
function breakdownOf(turn: NormalizedTurn): Breakdown | null {
  const pie = turn.visualizations.find((v) => v.kind === 'pie' && v.datasets.length > 0 && v.labels.length > 0)
  if (pie === undefined) return null
  const data = partsData(pie)
  const parts = new Map<string, { label: string; value: number }>()
  let others: number | null = null
  pie.labels.forEach((label, i) => {
    const key = fold(label).trim()
    const value = data[i] ?? 0
    if (OTHERS_LABEL.test(key)) others = (others ?? 0) + value
    else if (key !== '') parts.set(key, { label, value })
  })
  return parts.size === 0 ? null : { chart: pie.title, parts, others }
}

// A name written as a label: capitalised words ("Éducation", "Boulangerie Dupont").
const NAME = String.raw`\p{Lu}[\p{L}'’&-]*(?:[ -]\p{Lu}[\p{L}'’&-]*)*`
const NAME_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}\p{N}])(${NAME})\s*(?:\(|:)\s*$`, 'u')
const NAME_AFTER = new RegExp(String.raw`^\s*(?:en|dans)\s+(?:(?:la catégorie|le poste|la rubrique)\s+)?(${NAME})`, 'u')
// A name opening a list item right before its amount, without ":" or "(": "…, Éducation 450,00 €".
const NAME_LIST_BEFORE = new RegExp(String.raw`(?:^|[,;:\n•]|^\s*[-*]|\bet)\s*(${NAME})\s+$`, 'u')

/** The amount ends a list item: a comma, a semicolon, a full stop, a line break, "et" or the end follows it. */
function listItem(before: string, after: string): boolean {
  return /^\s*(?:[,;\n]|\.(?!\d)|et\s|$)/.test(after) && /\p{Lu}[\p{L}'’&-]*\s+$/u.test(before)
}

/** Two parts of the pie or more are written as "Part amount" in the clause: "Shopping 1 270,40 €, Logement 1 150,00 €". */
function partsListed(breakdown: Breakdown, clause: string): boolean {
  let n = 0
  for (const part of breakdown.parts.keys()) if (new RegExp(`(?:^|[,;:\\n]|\\bet)\\s*${escapeRegExp(part)}\\s+\\d`).test(clause)) n++
  return n >= 2
}

// Capitalised words that head a figure without naming a part of the breakdown.
const NOT_A_PART =
  /^(?:total|totale|debits?|credits?|depenses?|revenus?|montant|moyenne|solde|budget|bilan|resume|synthese|detail|details|note|attention|exemple|periode|principaux postes|postes|categories?|repartition|autres?|divers|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)$/

/**
 * "Éducation (1 150,00 €)" or "512,30 € en Éducation" beside a pie that does not carry Éducation: a part it does not
 * name is at most its "Autres" slice, and does not exist when the pie names every part — an invented figure. The
 * name is read as a part of the breakdown only when it is a known category or the text binds another amount to a
 * part of the pie the same way (a list of parts); a merchant ("chez …") is never a category's part.
 */
function checkUnknownLabel(ctx: Context, source: TextSource, folded: string, figure: StatedFigure): boolean {
  const breakdown = ctx.breakdown
  if (breakdown === null || figure.sign !== null) return false
  const before = source.text.slice(Math.max(0, figure.index - 60), figure.index).replace(/[*_`]/g, ' ')
  const end = figure.index + figure.text.length
  const after = source.text.slice(end, end + 60).replace(/[*_`]/g, ' ')
  // "Shopping 1 270,40 €, …, Éducation 450,00 €, …": a name right before its amount in a list of parts bound the same way.
  const inList = listItem(before, after) && partsListed(breakdown, figure.clause)
  const nameBefore = NAME_BEFORE.exec(before) ?? (inList ? NAME_LIST_BEFORE.exec(before) : null)
  const name = (nameBefore?.[1] ?? NAME_AFTER.exec(after)?.[1] ?? '').trim()
  const key = fold(name).trim()
  if (key.length < 3 || NOT_A_PART.test(key) || breakdown.parts.has(key)) return false
  // A detail of the part before it ("Abonnements (45 €) : Netflix (13,49 €)", "… 45 € dont Netflix (13,49 €)") or
  // a purchase ("… le 3 novembre") is no part of the breakdown.
  if (nameBefore !== null) {
    const lead = before.slice(0, nameBefore.index + nameBefore[0].indexOf(nameBefore[1] ?? ''))
    if (lead.includes('€') && /(?:dont|notamment|comme|chez|par exemple|[:(])/i.test(lead.slice(lead.lastIndexOf('€') + 1))) return false
  }
  if (statedDay(fold(after).split(/[;!?\n]|\.(?!\d)/)[0] ?? '') !== null) return false
  // A name that starts with or is started by a part ("Shopping en ligne") is no other part.
  for (const part of breakdown.parts.keys()) if (key.startsWith(part) || part.startsWith(key)) return false
  // Another word for a part it carries ("Loyer" for Logement) is that part.
  const categories = questionEntities(name).categories
  if (categories.some((c) => breakdown.parts.has(fold(c).trim()))) return false
  const listed =
    inList || [...breakdown.parts.keys()].some((part) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(part)}\\s*[(:]\\s*[+\\-\\u2212]?\\d`).test(folded))
  if (!listed && categories.length === 0) return false
  const others = breakdown.others
  if (others !== null && figure.value - figure.halfUnit <= others + 0.005) {
    ctx.unverified.push(figure.text)
    return true
  }
  ctx.contradictions.push(
    reason('check.grounding.label_unknown', {
      ...place(source),
      stated: figure.said,
      label: name,
      chart: breakdown.chart,
      others: others ?? 0,
      complete: others === null,
    }),
  )
  return true
}

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
  else
    ctx.contradictions.push(
      reason('check.grounding.label', { ...place(source), stated: figure.said, label: part.label, chart: breakdown.chart, carried: [part.value] }),
    )
  return true
}

// The share's whole, when words follow it: the answer's total ("du total", "de vos dépenses"), not a part's ("98 %
// de votre poste Shopping") nor another figure ("33 % de plus", "8 % de vos revenus").
const SHARE_OF = /^\s*(?:de|du|des|d')\s*/
const SHARE_OF_TOTAL =
  /^\s*(?:de|du|des|d')\s*(?:l'|la |le |les |vos |votre |ce |ces )?(?:total|ensemble|totalite|depenses?|sorties|budget total|montant total|debits?|\d)/
const AMOUNT_BEFORE_SHARE = /\d\s*(?:€|eur(?:os?)?)\s*(?:[(,]\s*|\s)(?:soit\s+|ou\s+|c'est\s+|environ\s+|pres de\s+)*$/
const SHARE_VERB = String.raw`(?:a (?:lui|elle) seule?\s+|a eux seuls\s+)?(?:represente|pese|compte pour|constitue|absorbe|correspond a)\s*(?:a (?:lui|elle) seule?\s+)?(?:environ\s+|pres de\s+|quelque\s+)?`

/**
 * A share given for a part must be that part's share of the whole (review 2026-12-05, round 3: « Shopping : 36 %,
 * Logement : 53 % » and « le Shopping représente 56 % » passed beside a pie where Logement is 32,9 % and Shopping
 * 36,3 %): a part of the pie named with it ("Logement : 53 %", "Logement (53 %)", "Logement : 1 150 € (53 %)", "le
 * Logement représente 53 %") is held to its slice ÷ the pie's whole (or the carried total); an amount right before it
 * ("1 270,40 €, soit 53 % du total") to that amount ÷ the answer's total (stated or carried). A share of another whole
 * ("98 % de votre poste Shopping") is not judged. Returns true when the share was judged.
 */
function checkPartShare(ctx: Context, source: TextSource, folded: string, figure: StatedFigure, figures: StatedFigure[]): boolean {
  if (figure.sign !== null || figure.difference || figure.hypothetical || figure.bound === 'range') return false
  const end = figure.index + figure.text.length
  const after = folded.slice(end, end + 50)
  if (SHARE_OF.test(after) && !SHARE_OF_TOTAL.test(after)) return false
  const before = folded.slice(Math.max(0, figure.index - 80), figure.index).replace(/[*_`]/g, ' ')
  const wholes: number[] = []
  const add = (v: number | undefined): void => {
    if (v !== undefined && v > 0 && !wholes.some((w) => Math.abs(w - v) < 0.005)) wholes.push(v)
  }
  const breakdown = ctx.breakdown
  let pieTotal: number | undefined
  if (breakdown !== null) pieTotal = [...breakdown.parts.values()].reduce((a, p) => a + p.value, 0) + (breakdown.others ?? 0)
  add(pieTotal)
  add(ctx.facts.total?.value)
  for (const t of ctx.facts.carried.total) add(t.value)
  for (const f of figures) if (f.kind === 'amount' && f.role === 'total' && f.sign === null && f.bound === 'exact' && !f.perPeriod) add(f.value)
  if (wholes.length === 0) return false
  let label: string | null = null
  let shares: number[] = []
  let basis = ''
  if (breakdown !== null) {
    for (const [key, part] of breakdown.parts) {
      const k = escapeRegExp(key)
      const bound = new RegExp(
        String.raw`(^|[^a-z0-9])${k}\s*(?:[(:]\s*|[(:]\s*[\d\s.,]+\s*(?:€|eur(?:os?)?)\s*(?:[(,]\s*|\s)(?:soit\s+|environ\s+|pres de\s+)*|\s+${SHARE_VERB})$`,
      )
      if (!bound.test(before)) continue
      label = part.label
      shares = wholes.map((w) => (part.value / w) * 100)
      basis = `chart "${breakdown.chart}"`
      break
    }
  }
  if (label === null) {
    const amount = [...figures].reverse().find((f) => f.index < figure.index && f.kind === 'amount' && f.index + f.text.length >= figure.index - 25)
    if (amount === undefined || amount.sign !== null || amount.difference || amount.perPeriod || amount.bound !== 'exact') return false
    if (!AMOUNT_BEFORE_SHARE.test(folded.slice(Math.max(0, amount.index), figure.index))) return false
    // The whole itself ("3 495,75 € (100 %)") or an amount larger than every whole is no part of it.
    if (wholes.every((w) => amount.value > w + 0.005)) return false
    label = amount.said
    shares = wholes.filter((w) => amount.value <= w + 0.005).map((w) => (amount.value / w) * 100)
    basis = `${amount.said} ÷ ${wholes.map((w) => w.toFixed(2)).join(' | ')} €`
  }
  const fits = shares.map((v) => fitOf(figure, v))
  if (fits.includes('agrees')) ctx.checked++
  else if (fits.includes('loose')) ctx.unverified.push(figure.text)
  else ctx.contradictions.push(reason('check.grounding.part_share', { ...place(source), stated: figure.said, label, basis, carried: shares[0] ?? 0 }))
  return true
}

/** Where a list that starts at `start` ends: the end of its sentence, or a blank line not followed by another item. */
function listEnd(folded: string, start: number): number {
  const tail = folded.slice(start)
  const first = tail.search(/\S/)
  if (first === -1) return folded.length
  const stop = tail.slice(first).search(/[.!?](?!\d)(?:\s|$)|\n\s*\n(?!\s*(?:[-*•|]|\d{1,2}[.)]))/)
  return stop === -1 ? folded.length : start + first + stop
}

/** The parts of a list between `start` and `end`: the first amount of each item (a comma, a semicolon, a line, "et", "+"). */
function listedParts(folded: string, amounts: StatedFigure[], start: number, end: number): { parts: StatedFigure[]; rest: boolean } {
  const parts: StatedFigure[] = []
  let rest = false
  let from = start
  for (const item of folded.slice(start, end).split(/,(?!\d)|[;\n+]|\bet\b/)) {
    const to = from + item.length
    const first = amounts.find((f) => f.index >= from && f.index < to)
    const lead = first === undefined ? '' : folded.slice(from, first.index)
    from = to + 1
    // A total, an average, a detail or a comparison is no part of the list.
    if (first === undefined || /(?:total|moyen|median|dont|contre|soit|hors|plus|moins)/.test(lead)) continue
    if (REST_PART.test(lead)) rest = true
    parts.push(first)
  }
  return { parts, rest }
}

const FRACTIONS: Readonly<Record<string, number>> = {
  'la moitie': 50,
  'un tiers': 100 / 3,
  'un quart': 25,
  'les deux tiers': 200 / 3,
  'les trois quarts': 75,
}
const FRACTION_VERB = String.raw`\s+(?:a (?:lui|elle) seule?\s+)?(?:represente|pese(?: pour)?|compte pour|constitue|absorbe)\s+(?:a (?:lui|elle) seule?\s+)?(plus d[e']\s*|moins d[e']\s*|pres d[e']\s*|environ\s+|presque\s+|quasiment\s+)?(${Object.keys(FRACTIONS).join('|')})(?![a-z])`

/**
 * A part's share said in words ("le Shopping pèse pour plus de la moitié de vos dépenses", "le Logement représente un
 * tiers") is held to its slice of the pie (review 2026-12-05, round 3): "plus de" / "moins de" in their direction,
 * "près de", "environ", "presque" within five points, a bare fraction within three. A share of another whole ("la
 * moitié de votre poste Shopping") is not judged.
 */
function checkFractionShares(ctx: Context, source: TextSource, folded: string): void {
  const breakdown = ctx.breakdown
  if (breakdown === null) return
  const whole = [...breakdown.parts.values()].reduce((a, p) => a + p.value, 0) + (breakdown.others ?? 0)
  if (whole <= 0) return
  for (const [key, part] of breakdown.parts) {
    const m = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}${FRACTION_VERB}`).exec(folded)
    if (m === null) continue
    const end = (m.index ?? 0) + m[0].length
    const after = folded.slice(end, end + 50)
    // A share of another whole ("la moitié de votre poste"), or of a subset ("hors loyer, …"), is not judged.
    if ((SHARE_OF.test(after) && !SHARE_OF_TOTAL.test(after)) || SUBSET_RANKING.test(sentenceBefore(folded, m.index))) continue
    const share = (part.value / whole) * 100
    const target = FRACTIONS[m[3] ?? ''] ?? 0
    const how = (m[2] ?? '').trim()
    const holds = how.startsWith('plus')
      ? share > target - 0.5
      : how.startsWith('moins')
        ? share < target + 0.5
        : how === 'presque' || how === 'quasiment'
          ? share <= target + 0.5 && share >= target - 5
          : Math.abs(share - target) <= (how === '' ? 3 : 5)
    ctx.checked++
    if (!holds)
      ctx.contradictions.push(
        reason('check.grounding.part_share', {
          ...place(source),
          stated: `${m[2] ?? ''}${m[3] ?? ''}`,
          label: part.label,
          basis: `chart "${breakdown.chart}"`,
          carried: share,
        }),
      )
  }
}

// A part that stands for the rest: a list that has one gives the whole breakdown.
const REST_PART = /(?:^|[^a-z])(?:autres?|divers|le reste|reste)(?:\s+(?:postes?|categories?|depenses?))?\s*(?:\([^)]*\)\s*)?[:(]?\s*$/

/**
 * The parts an answer gives for its own total must add up to it (review 2026-12-05, round 3: « un total de 133,98 € :
 * 88,50 € le 6 octobre et 65,48 € le 19 octobre » and « 3 495,75 € : Shopping 1 270,40 €, …, Autres 582,11 € »
 * passed). Read after a total followed by a colon, up to the end of the sentence (a list may run over lines): the
 * first amount of each item is a part. Parts of a whole never exceed it; when the list is the whole breakdown — it has
 * a part for the rest ("Autres") or as many parts as the answer's transactions — they make it, within the rounding of
 * their written digits. Shares given to named parts never exceed 100 % beyond their rounding.
 */
function checkPartsSum(ctx: Context, source: TextSource, folded: string, figures: StatedFigure[]): void {
  const amounts = figures.filter((f) => f.kind === 'amount' && f.sign === null && !f.perPeriod && !f.difference && !f.hypothetical)
  const isTotal = (f: StatedFigure): boolean =>
    f.bound === 'exact' && (f.role === 'total' || (ctx.facts.total !== null && agrees(f, ctx.facts.total.value)))
  const judge = (whole: StatedFigure | number, parts: StatedFigure[], rest: boolean): void => {
    const value = typeof whole === 'number' ? whole : whole.value
    const sum = parts.reduce((a, p) => a + p.value, 0)
    const slack = parts.reduce((a, p) => a + p.halfUnit, 0) + (typeof whole === 'number' ? 0.005 : whole.halfUnit) + 0.011
    const count = ctx.facts.count?.value
    const complete = rest || (count !== undefined && count === parts.length)
    ctx.checked++
    if (sum > value + slack || (complete && sum < value - slack)) {
      const stated = typeof whole === 'number' ? `${value.toFixed(2)} €` : whole.said
      ctx.contradictions.push(reason('check.grounding.parts_sum', { ...place(source), unit: 'amount', stated, parts: parts.map((p) => p.said), sum }))
    }
  }
  const listed = new Set<number>()
  // After a total and a colon: "un total de 133,98 € : 88,50 € le 6 octobre et 45,48 € le 19 octobre".
  for (const whole of amounts) {
    if (!isTotal(whole)) continue
    const end = whole.index + whole.text.length
    const lead = /^[^.!?\n:;€]{0,50}:/.exec(folded.slice(end, end + 60))
    if (lead === null) continue
    const start = end + lead[0].length
    const { parts, rest } = listedParts(folded, amounts, start, listEnd(folded, start))
    for (const p of parts) listed.add(p.index)
    if (parts.length >= 2) judge(whole, parts, rest)
  }
  // A sentence that lists parts with one for the rest ("Shopping 1 270,40 €, …, Autres 282,11 €") gives the whole
  // breakdown of the answer's total: its own stated total, else the carried one.
  const whole = amounts.find(isTotal) ?? ctx.facts.total?.value
  if (whole !== undefined) {
    for (const m of folded.matchAll(/[^.!?\n]+(?:[.!?](?!\d)|\n|$)/g)) {
      const start = m.index ?? 0
      const { parts, rest } = listedParts(folded, amounts, start, start + m[0].length)
      if (!rest || parts.length < 3 || parts.some((p) => listed.has(p.index) || p === whole)) continue
      judge(whole, parts, rest)
    }
  }
  // Shares bound to named parts ("Shopping : 36 %", "Logement (53 %)"): never more than the whole.
  const shares = figures.filter(
    (f) =>
      f.kind === 'percent' &&
      f.sign === null &&
      (f.role === null || f.role === 'share') &&
      new RegExp(String.raw`(?:^|[,;:\n•(]|\bet)\s*(?:[-*]\s*)?${NAME}\s*(?:[(:]\s*|[(:]\s*[\d\s.,  ]+\s*€\s*[(,]\s*(?:soit\s+)?)$`, 'u').test(
        source.text.slice(Math.max(0, f.index - 60), f.index).replace(/[*_`]/g, ' '),
      ) &&
      !/^\s*(?:de|du|des|d')\s/.test(folded.slice(f.index + f.text.length, f.index + f.text.length + 10)) &&
      !/(?:total|totale)\s*[(:]\s*$/.test(folded.slice(Math.max(0, f.index - 20), f.index)),
  )
  if (shares.length >= 2) {
    const sum = shares.reduce((a, f) => a + f.value, 0)
    const slack = shares.reduce((a, f) => a + f.halfUnit, 0) + 0.1
    if (sum > 100 + slack)
      ctx.contradictions.push(
        reason('check.grounding.parts_sum', { ...place(source), unit: 'percent', stated: '100 %', parts: shares.map((f) => f.said), sum }),
      )
  }
}

// "Votre premier poste est le Logement", "Le Logement arrive en tête", "catégorie principale : Logement".
const TOP_AFTER =
  /(?:(?:premier|principal|plus gros|plus important|1er) poste(?: de depenses?)?|categorie (?:principale|dominante|la plus importante)|poste (?:principal|dominant|le plus important))\s*(?:est|reste|demeure|:|,)?\s*(?:celui (?:du|de la|des)\s+|(?:le|la|les|l')\s*)?([^.;!?\n]{0,60})/g
const TOP_BEFORE =
  /([^.;!?\n,:]{0,60}?)\s+(?:arrivent|arrive|est|sont|se placent|se place|se trouvent|se trouve|viennent|vient|figurent|figure|restent|reste)\s+(?:largement\s+|nettement\s+)?en tete/g
// Other words for the first part (review 2026-12-05, round 3): "le poste le plus lourd est le Logement", "la plus
// grosse part revient au Logement", "c'est le Logement qui pèse le plus", "le Logement est votre plus gros poste".
const HEAVIEST = String.raw`(?:lourde?s?|importante?s?|gros|grosse|eleve|elevee|couteuse?|consequente?)`
const TOP_HEAVY_AFTER = new RegExp(
  String.raw`(?:(?:postes?|categories?|rubriques?|depenses?) (?:de depenses? )?(?:le|la) plus ${HEAVIEST}|(?:postes?|categories?|rubriques?) qui (?:pese|coute|compte) le plus)\s*(?:est|reste|demeure|:|,)?\s*(?:celui (?:du|de la|des)\s+|celle (?:du|de la|des)\s+|(?:le|la|les|l')\s*)?([^.;!?\n]{0,60})`,
  'g',
)
const TOP_HEAVY_SHARE =
  /(?:la plus (?:grosse|grande|large) part|la part la plus (?:importante|grosse|grande|elevee))(?: de (?:vos|votre|ces) [a-z]+)?\s*(?:revient|va|est pour|est celle)\s*(?:a la |a l'|au |aux |a |du |de la |des |pour (?:le |la |les |l'))?\s*([^.;!?\n]{0,60})/g
const TOP_HEAVY_BEFORE =
  /([^.;!?\n,:]{0,60}?)\s+(?:(?:qui\s+)?(?:pese|pesent|coute|coutent|compte|comptent)\s+le plus\b|(?:est|reste|demeure)\s+(?:de loin\s+|nettement\s+|largement\s+)?(?:votre|le|la)\s+(?:premier|principal|plus gros|plus lourd|plus important)\s+poste\b(?!\s+(?:fixe|variable|courant|recurrent|du quotidien|hors))|(?:est|reste|demeure)\s+(?:de loin\s+|nettement\s+|largement\s+)?(?:votre|le) poste (?:principal|le plus (?:lourd|important|gros))\b|(?:represente|absorbe|prend|occupe)\s+la plus (?:grosse|grande) part\b)/g
/** Where the named top part ends: "le Logement, devant le Shopping" names the Logement. */
const TOP_CUT = /[,(]|\s(?:devant|suivi|suivie|avec|loin|puis|et|qui|pour|represente|a\s)/

/** The parts a text names as the first of its breakdown, each as written (folded, cut at its end). */
export function statedTopParts(folded: string): string[] {
  const out: string[] = []
  for (const m of folded.matchAll(TOP_AFTER)) {
    const said = m[1] ?? ''
    const cut = TOP_CUT.exec(said)
    const at = m.index ?? 0
    const named = cut === null ? said : said.slice(0, cut.index)
    if (!SUBSET_RANKING.test(`${sentenceBefore(folded, at)} ${m[0].slice(0, m[0].length - said.length)} ${named}`)) out.push(named.trim())
  }
  for (const re of [TOP_HEAVY_AFTER, TOP_HEAVY_SHARE]) {
    for (const m of folded.matchAll(re)) {
      const said = m[1] ?? ''
      const cut = TOP_CUT.exec(said)
      const named = cut === null ? said : said.slice(0, cut.index)
      if (!SUBSET_RANKING.test(`${sentenceBefore(folded, m.index ?? 0)} ${m[0].slice(0, m[0].length - said.length)} ${named}`)) out.push(named.trim())
    }
  }
  for (const m of folded.matchAll(TOP_HEAVY_BEFORE)) {
    const at = m.index ?? 0
    const end = at + m[0].length
    const rest = folded.slice(end, end + 80).split(/[.;!?\n,]/)[0] ?? ''
    if (!SUBSET_RANKING.test(`${sentenceBefore(folded, at)} ${m[0]} ${rest}`)) out.push((m[1] ?? '').trim())
  }
  for (const m of folded.matchAll(TOP_BEFORE)) {
    const at = m.index ?? 0
    const end = at + m[0].length
    const rest = folded.slice(end, end + 80).split(/[.;!?\n,]/)[0] ?? ''
    if (!SUBSET_RANKING.test(`${sentenceBefore(folded, at)} ${m[0]} ${rest}`)) out.push((m[1] ?? '').trim())
  }
  return out.filter((p) => p !== '')
}

/**
 * A ranking of a subset, not of the whole breakdown: "hors loyer, votre premier poste est les Restaurants", "sauf
 * le Logement", "parmi les dépenses variables", "après le loyer", "en dehors du loyer", "côté dépenses courantes"
 * (review 2026-12-05). Not "côté dépenses," or "côté catégories," (the whole, by another name), nor "après analyse".
 */
const SUBSET_RANKING = new RegExp(
  [
    String.raw`\bhors\b`,
    String.raw`\bsauf\b`,
    String.raw`en dehors d`,
    String.raw`\bmise? a part\b`,
    String.raw`\ba part (?:le|la|les|l'|votre|vos)\b`,
    String.raw`\bexcept(?:e|es|ion faite)\b`,
    String.raw`a l'exception d`,
    String.raw`sans (?:compter|le|la|les|l'|votre|vos)\b`,
    String.raw`\ben (?:excluant|retirant|enlevant|ecartant)\b`,
    String.raw`si (?:l'on|on) (?:exclut|met de cote|enleve|retire|ecarte)`,
    String.raw`\b(?:apres|derriere) (?:le|la|les|l'|votre|vos|ce|cette|ces)\s*(?!analyse|examen|verification)[a-z]`,
    String.raw`\bdepenses? (?:variables|courantes|du quotidien|quotidiennes|discretionnaires|de loisirs?|fixes|non fixes|ponctuelles)\b`,
    String.raw`\bpostes? (?:variables|courants|du quotidien|discretionnaires|fixes|non fixes|ponctuels)\b`,
    String.raw`\bcote (?!(?:categories?|repartition|postes?|depenses?|budget|chiffres?|montants?|totaux|total)\s*[,:])[a-z]`,
  ].join('|'),
)

/** The sentence's words before `at` (from the last . ; ! ? or line break). */
function sentenceBefore(folded: string, at: number): string {
  const head = folded.slice(Math.max(0, at - 200), at)
  const cut = Math.max(head.lastIndexOf(';'), head.lastIndexOf('!'), head.lastIndexOf('?'), head.lastIndexOf('\n'), head.search(/\.(?!\d)[^.]*$/))
  return cut === -1 ? head : head.slice(cut + 1)
}

/** The breakdown's first part named as such must be its largest ("premier poste" beside a pie led by another). */
function checkTopLabel(ctx: Context, source: TextSource, folded: string): void {
  const breakdown = ctx.breakdown
  if (breakdown === null) return
  const parts = [...breakdown.parts.entries()]
  const max = Math.max(...parts.map(([, p]) => p.value))
  for (const said of statedTopParts(folded)) {
    const named = parts.filter(([key]) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}([^a-z0-9]|$)`).test(said))
    if (named.length !== 1) continue
    const [, part] = named[0] as [string, { label: string; value: number }]
    ctx.checked++
    if (part.value >= max - 0.005) continue
    const top = parts.find(([, p]) => p.value >= max - 0.005)?.[1]
    ctx.contradictions.push(
      reason('check.grounding.top_label', {
        ...place(source),
        stated: part.label,
        chart: breakdown.chart,
        top: top?.label ?? '',
        carried: part.value,
        max,
      }),
    )
  }
}

interface CarriedAnomaly {
  merchant: string
  amount: number | null
  date: string | null
}

/** The unusual transactions an answer carries: its unusual_transaction insights and its chart of unusual spending ("Fnac (2026-11-18)"). */
function carriedAnomalies(turn: NormalizedTurn): CarriedAnomaly[] {
  const out: CarriedAnomaly[] = []
  for (const i of turn.insights) {
    if (i.type !== 'unusual_transaction') continue
    const d = i.dataSupport ?? {}
    const merchant = d['merchant_name']
    if (typeof merchant !== 'string' || merchant.trim() === '') continue
    out.push({
      merchant,
      amount: typeof d['amount'] === 'number' ? Math.abs(d['amount']) : null,
      date: typeof d['date'] === 'string' ? d['date'].slice(0, 10) : null,
    })
  }
  for (const v of turn.visualizations) {
    v.labels.forEach((label, i) => {
      const m = /^(.*?)\s*\((\d{4}-\d{2}-\d{2})\)\s*$/.exec(label)
      const value = v.datasets[0]?.data[i]
      const merchant = (m?.[1] ?? '').trim()
      if (m === null || value === undefined || out.some((a) => a.date === m[2] && fold(a.merchant) === fold(merchant))) return
      out.push({ merchant, amount: Math.abs(value), date: m[2] ?? null })
    })
  }
  return out
}

// A clause about unusual spending: its amounts describe the transactions the insights carry (the vocabulary is
// figures.ts's, which also reads a count qualified by it as a subset).
export { ANOMALY_CONTEXT }
const MERCHANT_AFTER = /^\s*(?:chez|aupres de)\s+([^,.;:()!?\n€]{1,50})/
const MERCHANT_BEFORE = /(?:^|[^a-z0-9])([a-z0-9][a-z0-9 '&.-]{0,40}?)\s*(?:\(|:)\s*$/

/**
 * An unusual transaction described in the text must be one the answer carries (review 2026-12-05): an amount stated
 * with a carried merchant ("986,00 € chez Optic 2000", "Optic 2000 (986 €)") must be that merchant's; a carried
 * amount stated with another merchant ("689,00 € chez Fnac") is that insight's, not Fnac's; a date stated for it
 * ("le 9 juin 2025") must be its date. Read in a clause about unusual spending, or when amount and date name one
 * carried transaction; other purchases at the same merchant are not judged.
 */
function checkAnomalyDetails(ctx: Context, source: TextSource, folded: string, figures: StatedFigure[], turn: NormalizedTurn): void {
  const carried = carriedAnomalies(turn)
  if (carried.length === 0) return
  const known = [...new Set(carried.map((a) => fold(a.merchant).trim()))].filter((k) => k.length >= 2)
  // The carried merchant the name text gives: the first one after "chez", the last one before "(" or ":".
  const merchantIn = (text: string, last: boolean): string | null => {
    let best: { key: string; at: number } | null = null
    for (const k of known) {
      for (const m of text.matchAll(new RegExp(`(^|[^a-z0-9])${escapeRegExp(k)}(?=[^a-z0-9]|$)`, 'g'))) {
        const at = (m.index ?? 0) + (m[1] ?? '').length
        if (best === null || (last ? at > best.at : at < best.at)) best = { key: k, at }
      }
    }
    return best?.key ?? null
  }
  const fitsAmount = (f: StatedFigure, a: CarriedAnomaly): boolean => a.amount !== null && agrees(f, a.amount)
  for (const figure of figures) {
    if (figure.kind !== 'amount' || figure.sign !== null || figure.perPeriod) continue
    if (figure.role !== null && figure.role !== 'share') continue
    const end = figure.index + figure.text.length
    const after = folded.slice(end, end + 80)
    const before = folded.slice(Math.max(0, figure.index - 50), figure.index)
    const afterName = MERCHANT_AFTER.exec(after)
    const beforeName = MERCHANT_BEFORE.exec(before)
    const merchant =
      afterName?.[1] !== undefined ? merchantIn(afterName[1], false) : beforeName?.[1] !== undefined ? merchantIn(beforeName[1], true) : null
    const date = statedDay(after.split(/[;!?\n]|\.(?!\d)|\s[-–—]\s/)[0] ?? '')
    // A month without a day ("689 €, en mars 2026") is held to the transaction's month (review 2026-12-05, round 3).
    const month = date === null ? statedMonth(after.split(/[;!?\n]|\.(?!\d)|\s[-–—]\s/)[0] ?? '') : null
    const sameMonth = (a: CarriedAnomaly): boolean => month === null || a.date === null || monthMatches(month, a.date)
    const context = ANOMALY_CONTEXT.test(figure.clause)
    const byAmount = carried.filter((a) => fitsAmount(figure, a))
    const sameDay = (a: CarriedAnomaly): boolean => date !== null && a.date !== null && dayMatches(date, a.date)
    if (merchant !== null) {
      const mine = carried.filter((a) => fold(a.merchant).trim() === merchant)
      const mineByAmount = mine.filter((a) => fitsAmount(figure, a))
      if (mineByAmount.length === 0) {
        if (mine.every((a) => a.amount === null)) continue
        if (!context && !byAmount.some(sameDay)) continue
        ctx.contradictions.push(anomalyReason(source, figure, 'amount', mine[0]?.merchant ?? merchant, mine))
        continue
      }
      ctx.checked++
      if (month !== null && context && !mineByAmount.some(sameMonth))
        ctx.contradictions.push(anomalyReason(source, figure, 'date', mine[0]?.merchant ?? merchant, mineByAmount))
      if (date !== null && !mineByAmount.some((a) => a.date === null || sameDay(a)))
        ctx.contradictions.push(anomalyReason(source, figure, 'date', mine[0]?.merchant ?? merchant, mineByAmount))
      continue
    }
    if (byAmount.length === 0) continue
    // A name after "chez", capitalised as written ("chez Fnac", not "chez votre opticien").
    const named = afterName !== null && /^\s*(?:chez|aupr[eè]s de)\s+\p{Lu}/u.test(source.text.slice(end, end + 80))
    if (named) {
      // "689,00 € chez Fnac" where 689,00 € is Optic 2000's and Fnac is no carried merchant of that amount.
      if (context || byAmount.some(sameDay)) ctx.contradictions.push(anomalyReason(source, figure, 'merchant', byAmount[0]?.merchant ?? '', byAmount))
      continue
    }
    if (month !== null && context && !byAmount.some(sameMonth))
      ctx.contradictions.push(anomalyReason(source, figure, 'date', byAmount[0]?.merchant ?? '', byAmount))
    if (date !== null && context && !byAmount.some((a) => a.date === null || sameDay(a)))
      ctx.contradictions.push(anomalyReason(source, figure, 'date', byAmount[0]?.merchant ?? '', byAmount))
  }
}

/** The first day named after the amount in its clause ("le 9 juin 2026", "(2026-06-09)", "le 09/06/2026"). */
export function statedDay(after: string): { day: number; month: number; year: number | null } | null {
  const cut = after.search(/\d[\d\s.,]*(?:€|eur)/)
  const text = cut === -1 ? after : after.slice(0, cut)
  for (const m of periodMentions(text))
    if (m.kind === 'date' && m.day !== null && m.month !== null) return { day: m.day, month: m.month, year: m.year }
  return null
}

export function dayMatches(stated: { day: number; month: number; year: number | null }, iso: string): boolean {
  const [y, mo, d] = iso.split('-').map(Number)
  return stated.day === d && stated.month === mo && (stated.year === null || stated.year === y)
}

const MONTH_OF = new RegExp(
  String.raw`(?:^|[\s,(])(?:en|courant|au mois d[e']|durant|pendant|\()\s*(${MONTH_NAMES.join('|')})(?:\s+(\d{4}))?(?![a-z0-9])`,
)

/**
 * A month said for a transaction right after it, without a day ("689 €, en mars 2026", "chez Fnac (novembre)"): read
 * up to the next amount, never past words that make it another date ("depuis mars", "la médiane de juin"), nor
 * when a day is named.
 */
export function statedMonth(after: string): { month: number; year: number | null } | null {
  const cut = after.search(/\d[\d\s.,]*(?:€|eur)/)
  const text = cut === -1 ? after : after.slice(0, cut)
  if (statedDay(text) !== null) return null
  const m = MONTH_OF.exec(text)
  if (m === null) return null
  if (/(?:depuis|avant|apres|jusqu|entre|qu'|que|median|moyen|habituel|\d\s*(?:er)?\s*$)/.test(text.slice(0, m.index + m[0].indexOf(m[1] ?? ''))))
    return null
  return { month: MONTH_NAMES.indexOf(m[1] ?? '') + 1, year: m[2] === undefined ? null : Number(m[2]) }
}

export function monthMatches(stated: { month: number; year: number | null }, iso: string): boolean {
  const [y, mo] = iso.split('-').map(Number)
  return stated.month === mo && (stated.year === null || stated.year === y)
}

const ANOMALY_NAME = String.raw`\p{Lu}[\p{L}\p{N}'’&.-]*(?:[ -](?:\p{Lu}[\p{L}\p{N}'’&.-]*|\d+))*`
const ANOMALY_NAMED = new RegExp(
  String.raw`(?:\bchez\s+|\bauprès d[e']\s*|\b(?:un|une|l'|cet|cette|d'un|d'une|votre)\s+(?:achat|dépense|depense|paiement|transaction|opération|operation|débit|prélèvement)(?:\s+(?:inhabituel(?:le)?|atypique|important(?:e)?|exceptionnel(?:le)?|isolée?))?\s+(?:chez\s+)?)(${ANOMALY_NAME})`,
  'gu',
)

/**
 * The merchants a text names for an unusual transaction: in a sentence about unusual spending that states an amount or
 * a day, the capitalised name after "chez", "auprès de", or "un achat / une dépense / un paiement …" ("un achat Apple
 * de 1 499 €", "chez Apple le 3 mai"). A lower-case name ("chez votre opticien") is none.
 */
export function namedAnomalyMerchants(message: string): string[] {
  const out: string[] = []
  for (const s of message.slice(0, MAX_READ_CHARS).matchAll(/[^.!?\n]+(?:[.!?](?!\d)|\n|$)/g)) {
    const sentence = s[0]
    const folded = foldKeep(sentence)
    if (!ANOMALY_CONTEXT.test(folded) || !(/\d\s*(?:€|eur)/.test(folded) || statedDay(folded) !== null)) continue
    for (const m of sentence.matchAll(ANOMALY_NAMED)) {
      const name = (m[1] ?? '').trim()
      const key = fold(name).trim()
      // The name of the transaction itself: an amount or a day right around it ("un achat Apple de 1 499 €", "1 499 €
      // chez Apple", "chez Apple le 3 mai"), not a merchant given as the usual or a comparison ("vous dépensez
      // d'habitude 27 € chez Pharmacie Lafayette").
      const at = (m.index ?? 0) + m[0].length - (m[1] ?? '').length
      const near = foldKeep(sentence.slice(Math.max(0, at - 35), at + name.length + 40))
      if (!/\d\s*(?:€|eur)/.test(near) && statedDay(near) === null) continue
      if (
        /(?<![a-z])(?:habitude|habituel|habituellement|usuel|median|moyen|d'ordinaire|compar|contre|alors que|tandis que|par rapport)/.test(
          foldKeep(sentence.slice(0, at)),
        )
      )
        continue
      if (key.length < 2 || NOT_A_PART.test(key) || MONTH_NAMES.includes(key) || questionEntities(name).categories.length > 0) continue
      if (!out.includes(name)) out.push(name)
    }
  }
  return out
}

/** The name is one of `known` (folded), or starts or is started by one ("SNCF Connect", "Carrefour Market"). */
export function knownMerchant(name: string, known: readonly string[]): boolean {
  const key = fold(name).replace(/[^a-z0-9]/g, '')
  return known.some((k) => {
    const c = fold(k).replace(/[^a-z0-9]/g, '')
    return c !== '' && (key.startsWith(c) || c.startsWith(key))
  })
}

/**
 * An unusual transaction at a merchant the answer's unusual-spending data does not carry, where that data lists every
 * one (a chart of "Merchant (date)" points titled as unusual spending, without an "Autres"): invented (review
 * 2026-12-05, round 3: « un achat Apple de 1 499,00 € » passed beside the 7 carried anomalies). The insights alone
 * (capped by the contract) never list every one; the ground truth does (ground-truth/check.ts).
 */
function checkAnomalyMerchants(ctx: Context, source: TextSource, turn: NormalizedTurn): void {
  const chart = turn.visualizations.find(
    (v) =>
      /(inhabituel|anomal|unusual|suspect)/.test(fold(v.title)) &&
      v.labels.length > 0 &&
      v.labels.every(
        (l) =>
          /^(.*?)\s*\((\d{4}-\d{2}-\d{2})\)\s*$/.test(l) &&
          !OTHERS_LABEL.test(
            fold(l)
              .replace(/\s*\(.*$/, '')
              .trim(),
          ),
      ),
  )
  if (chart === undefined) return
  const known = carriedAnomalies(turn).map((a) => a.merchant)
  for (const name of namedAnomalyMerchants(source.text)) {
    if (knownMerchant(name, known) || (ctx.breakdown?.parts.has(fold(name).trim()) ?? false)) continue
    ctx.contradictions.push(
      reason('check.grounding.anomaly_unknown', { ...place(source), merchant: name, basis: `chart "${chart.title}"`, carried: known.slice(0, 7) }),
    )
  }
}

function anomalyReason(
  source: TextSource,
  figure: StatedFigure,
  field: 'amount' | 'merchant' | 'date',
  merchant: string,
  carried: CarriedAnomaly[],
): Reason {
  const shown = carried
    .slice(0, 3)
    .map((a) => `${a.merchant}${a.amount === null ? '' : ` ${a.amount.toFixed(2)} €`}${a.date === null ? '' : ` ${a.date}`}`)
  return reason('check.grounding.anomaly', { ...place(source), stated: figure.said, field, merchant, carried: shown })
}

/** Relations between the carried figures themselves. */
function checkRelations(ctx: Context, turn: NormalizedTurn): void {
  const { facts } = ctx
  const kpi = (f: Fact | null): Fact | null => (f !== null && f.source === 'kpi' ? f : null)
  const total = kpi(facts.total)
  const count = kpi(facts.count)
  const average = kpi(facts.average)
  if (total !== null && count !== null && average !== null) {
    ctx.checked++
    const product = count.value * average.value
    // Each of `count` items was rounded by at most half a cent in the average, plus the cent of the total itself.
    if (Math.abs(product - total.value) > count.value * 0.005 + 0.011) {
      ctx.contradictions.push(reason('check.grounding.kpi_product', { total: total.value, count: count.value, average: average.value, product }))
    }
  }
  if (count !== null && turn.totalResults !== null) {
    ctx.checked++
    if (count.value !== turn.totalResults) {
      ctx.contradictions.push(reason('check.grounding.count_vs_results', { kpi: count.name, count: count.value, totalResults: turn.totalResults }))
    }
  }
  if (total !== null) {
    for (const i of turn.insights) {
      const debit = i.dataSupport?.['total_debit']
      if (i.type !== 'financial_summary' || typeof debit !== 'number') continue
      ctx.checked++
      if (Math.abs(debit - total.value) > 0.011)
        ctx.contradictions.push(reason('check.grounding.total_vs_insight', { kpi: total.name, total: total.value, insight: i.title, carried: debit }))
    }
  }
  for (const role of ['total', 'count'] as const) checkCarriedCopies(ctx, role)
  const change = kpi(facts.change)
  if (change !== null && facts.comparison !== null && facts.comparison.change !== null) {
    ctx.checked++
    const computed = facts.comparison.change
    if (Math.abs(computed - change.value) > 0.15 || directionOfValue(computed) !== directionOfValue(change.value)) {
      ctx.contradictions.push(
        reason('check.grounding.change_vs_chart', { kpi: change.name, change: change.value, chart: facts.comparison.name, computed }),
      )
    }
  }
}

/**
 * The grading of each answer, kept with its turn: an attempt's checks (checks/index.ts, judge) and its observation
 * (observeAttempt) grade the same parsed turn — a turn is never modified after parsing — with the same question, so
 * the second asks for what the first computed (the grading was the largest part of an attempt's CPU).
 */
const graded = new WeakMap<NormalizedTurn, { question: string; inventedChecked: boolean; result: GroundingResult }>()

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

/** Grounding of one answer: contradictions, how much was checked, and notes when nothing could be. */
export function checkGrounding(turn: NormalizedTurn, question: string, options: { inventedChecked?: boolean } = {}): GroundingResult {
  const inventedChecked = options.inventedChecked ?? false
  const known = graded.get(turn)
  if (known !== undefined && known.question === question && known.inventedChecked === inventedChecked) return known.result
  const result = grade(turn, question, inventedChecked)
  graded.set(turn, { question, inventedChecked, result })
  return result
}

function grade(turn: NormalizedTurn, question: string, inventedChecked: boolean): GroundingResult {
  const ctx: Context = {
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
  checkRelations(ctx, turn)
  checkSearchSkipped(ctx, turn)
  let stated = 0
  // The days the answer covers (checks/period-asked.ts): a range stated outside them names another period.
  const own = ctx.range
  for (const source of sourcesOf(turn)) {
    const folded = foldKeep(source.text)
    const figures = statedFigures(source.text, own)
    stated += figures.length
    for (const figure of figures) checkFigure(ctx, source, folded, figure, figures)
    checkStatedTotals(ctx, source, folded, figures)
    if (source.where === 'message') checkPartsSum(ctx, source, folded, figures)
    checkDirections(ctx, source)
    checkSpendingChanges(ctx, source)
    checkMoves(ctx, source)
    checkExtremes(ctx, source)
    checkMonthlyAverage(ctx, source, folded, figures, turn)
    checkZeroClaims(ctx, source, turn, question)
    if (source.where === 'message') {
      checkTopLabel(ctx, source, folded)
      checkFractionShares(ctx, source, folded)
      checkAnomalyDetails(ctx, source, folded, figures, turn)
      checkAnomalyMerchants(ctx, source, turn)
    }
  }
  checkLoose(ctx)
  checkHeadline(ctx, turn, question)
  const notes: Reason[] = []
  if (ctx.checked === 0 && ctx.contradictions.length === 0) {
    notes.push(reason('check.grounding.not_checkable', { stated, unverified: ctx.unverified.slice(0, 5) }))
  } else if (ctx.unverified.length > 0) {
    notes.push(reason('check.grounding.unverified', { unverified: ctx.unverified.slice(0, 5), count: ctx.unverified.length }))
  }
  const status: GroundingStatus = ctx.contradictions.length > 0 ? 'contradicted' : ctx.checked > 0 ? 'grounded' : 'not_checkable'
  return { status, contradictions: ctx.contradictions, checked: ctx.checked, notes }
}

// ── The headline amount of a question that asks the total ────────────────────────────────────────────────────────
// A question about the spending of a period, a merchant or a category ("Mes dépenses du mois dernier", "Combien j'ai
// dépensé aujourd'hui ?", "Transactions SNCF du dernier mois", "Répartition de mes dépenses") asks its total. Not a
// comparison, anomalies, a trend, income, a budget, a list of the last or the largest purchases.
const NOT_TOTAL_ASKED =
  /(?:inhabituel|anormal|anomal|atypique|suspect|tendance|evolution|revenu|salaire|recu|rentree|credit|epargne|budget|abonnements? (?:actifs|en cours)|plus gros|plus grosse|plus grande|plus importante|plus cher|dernier(?:e)?s? (?:transaction|achat|operation|depense|paiement)|\d+ dernier(?:e)?s)/
const SPENDING_ASKED = /(?:depens|transaction|achat|paye|paie|paiement|cout|combien|operation|prelev)/

/** The question asks the total of its spending (module comment above). */
export function asksSpendingTotal(question: string): boolean {
  const q = foldKeep(question)
  return SPENDING_ASKED.test(q) && !NOT_TOTAL_ASKED.test(q) && !COMPARES.test(q)
}

// Words before an amount in its clause that make it a part or an extreme, not the whole: "dont 300 €", "parmi",
// "notamment", "votre plus gros achat : 689 €", "le premier poste"; or another quantity: a balance, what remains, a
// saving, a refund.
const PART_LEAD =
  /(?:\bdont\b|\bparmi\b|notamment|en tete|plus gros|plus grosse|plus grand|plus importante?|plus eleve|plus elevee|plus cher|plus chere|plus petit|plus petite|plus faible|\brecord\b|maximum|minimum|\bmax\b|\bmin\b|\bposte\b|\bpar exemple\b|\bsolde\b|\breste\b|restant|disponible|econom|rembours)[^.;!?\n]*$/

/**
 * The amount the answer's message states as its headline where the question asks the total (asksSpendingTotal) and
 * no stated amount of its own period holds it: a wrong total whose verb no list of total words knows ("vos dépenses
 * se chiffrent à 2 961,93 €", "Netflix vous a prélevé 15,49 €", "5 achats pour un montant de 117 €") otherwise got no
 * role and was only noted unverified (third review, 2026-12-05). Returns null when any amount of the answer's own
 * period agrees with one of `totals` (fitOf not contradicts: "environ 2 700 €", "2,66 k€", "plus de 2 000 €" are read
 * by their own rules), when a figure of the total's role is stated (its role's rule judges it), or when no amount is a
 * candidate. A candidate is an amount of no role — not a count, an average, a rate, a difference, a signed amount, a
 * projection, the previous period's, another period's — that is no part: not bound to a chart label, not in a clause
 * naming a merchant or a category the question does not name, not one purchase ("un achat de 689 €", a dated one),
 * not a statistic ("panier", "médiane"), not led by a part's or an extreme's words ("dont", "votre plus gros achat").
 * The first candidate is the headline. An answer that states only parts states no headline: not judged here.
 */
export function unheldHeadline(turn: NormalizedTurn, question: string, totals: readonly number[]): StatedFigure | null {
  if (totals.length === 0 || !asksSpendingTotal(question) || (turn.totalResults ?? 1) === 0) return null
  const facts = factsOf(turn)
  if (facts.nothingFound) return null
  const message = turn.message.length > MAX_READ_CHARS ? turn.message.slice(0, MAX_READ_CHARS) : turn.message
  const folded = foldKeep(message)
  const figures = statedFigures(message, answerRange(question, turn))
  const own = ownPeriodsOf(question, turn)
  const ownAmounts = figures.filter((f) => f.kind === 'amount' && !f.hypothetical && scopeIn(own, f) === 'own')
  if (ownAmounts.some((f) => f.role === 'total')) return null
  // Any amount of the message that holds the total, whatever period its sentence names ("En novembre 2026, … 13,49 €"
  // asked "ce mois"): the answer states its total, another amount is another claim.
  if (figures.some((f) => f.kind === 'amount' && !f.hypothetical && totals.some((t) => fitOf(f, t) !== 'contradicts'))) return null
  const asked = questionValues(question)
  const named = questionEntities(question)
  const askedNames = new Set([...named.merchants, ...named.categories].map((n) => fold(n).trim()))
  const sides: SideContext = { ownPeriods: own, range: answerRange(question, turn), compares: false }
  for (const f of ownAmounts) {
    if (f.role !== null || f.sign !== null || f.difference || f.perPeriod) continue
    if (asked.some((v) => Math.abs(v - f.value) < 1e-9) || EARLIER.test(f.clause) || previousStated(sides, f)) continue
    // One carried amount confirms it (a chart point, a part): matched, not unverified. One of an enumeration of
    // amounts ("2 trajets SNCF : 88,50 € et 45,48 €") is a part.
    if (facts.amounts.some((v) => agrees(f, v)) || enumerated(folded, f)) continue
    if (boundLabel(facts, f, folded) !== null || onePurchase(f, afterOf(f, folded))) continue
    const lead = f.clause.slice(0, f.clauseAt)
    // A clause with a share ("21,4 % de vos dépenses de ce mois-ci (3 348,06 €)") states a part or another whole.
    if (statistic(lead) || PART_LEAD.test(lead) || /%|pour ?cent/.test(f.clause)) continue
    const clause = message.slice(f.index - f.clauseAt, f.index - f.clauseAt + f.clause.length)
    const others = [...questionEntities(clause).merchants, ...categoriesSpoken(clause)].filter((n) => !askedName(askedNames, n))
    if (others.length > 0) continue
    // A chart label the clause names, other than the question's own subject, makes it a part's clause.
    const label = namedLabel(facts, f.clause)
    if (label !== null && !askedNames.has(fold(label.label).trim())) continue
    return f
  }
  return null
}

// Amounts listed one after the other: "88,50 € et 45,48 €", "88,50 €, 45,48 €", "88,50 € + 45,48 €".
const NEXT_AMOUNT = /^\s*(?:,|;|\bet\b|\+|\/|\bpuis\b)\s*(?:de\s+|d'|un autre de\s+)?[+\-\u2212]?\d[\d \u00a0\u202f.,]*(?:k\s*)?(?:€|eur)/
const PREVIOUS_AMOUNT = /(?:€|\beuros?)\s*(?:,|;|\bet\b|\+|\/|\bpuis\b)\s*(?:de\s+|d')?$/

/** The amount is one of an enumeration of amounts, the one before or after it joined by a comma, "et", "+". */
function enumerated(folded: string, f: StatedFigure): boolean {
  const end = f.index + f.text.length
  return NEXT_AMOUNT.test(folded.slice(end, end + 40)) || PREVIOUS_AMOUNT.test(folded.slice(Math.max(0, f.index - 30), f.index))
}

/**
 * The headline amount of a "how much" answer held to the total the answer carries (unheldHeadline): a wrong one fails
 * (check.grounding.headline), quoting the carried total. Only where the answer carries its total (a KPI card, an
 * insight's total_debit, v3 structured data, a stream's summary): elsewhere the ground truth judges it.
 */
function checkHeadline(ctx: Context, turn: NormalizedTurn, question: string): void {
  const facts = ctx.facts
  const carried =
    facts.carried.total.length > 0 ? facts.carried.total : facts.total !== null && facts.total.source !== 'computed' ? [facts.total] : []
  const fact = carried[0]
  if (fact === undefined) return
  const headline = unheldHeadline(
    turn,
    question,
    carried.map((c) => c.value),
  )
  if (headline === null) return
  ctx.contradictions.push(
    reason('check.grounding.headline', {
      where: 'message',
      whereTitle: '',
      stated: headline.said,
      source: fact.source,
      sourceName: fact.name,
      carried: fact.value,
    }),
  )
}

/** The merchants and categories a question names, folded. */
function askedNamesOf(question: string): Set<string> {
  const named = questionEntities(question)
  return new Set([...named.merchants, ...named.categories].map((n) => fold(n).trim()))
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

/** A name the answer uses is one the question names (or contains it: "Carrefour 3" read across a comma is Carrefour). */
function askedName(names: ReadonlySet<string>, name: string): boolean {
  const key = fold(name).trim()
  return [...names].some((a) => a === key || new RegExp(`(^|[^a-z0-9])${escapeRegExp(a)}([^a-z0-9]|$)`).test(key))
}
