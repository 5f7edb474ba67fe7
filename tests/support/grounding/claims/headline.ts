// The headline amount of a question that asks the total: the amount a "how much" answer states first, of no other
// role, must be the total the answer carries (docs/grounding.md "Grounded figures": the headline).
import { reason } from '../../../../core/reason.ts'
import { answerRange } from '../../checks/period-asked.ts'
import { categoriesSpoken, questionEntities } from '../../checks/question-asked.ts'
import { fold } from '../../checks/text.ts'
import type { NormalizedTurn } from '../../turn.ts'
import { askedName, askedNamesOf, type Context, questionValues } from '../context.ts'
import { type Facts, factsOf } from '../facts.ts'
import { foldKeep, MAX_READ_CHARS, type StatedFigure, statedFigures } from '../figures.ts'
import { agrees, fitOf } from '../fit.ts'
import { afterOf, boundLabel, namedLabel, onePurchase, statistic } from '../labels.ts'
import { ownPeriodsOf } from '../own-periods.ts'
import { COMPARES, EARLIER, scopeIn } from '../scope.ts'
import { previousStated, type SideContext } from '../sides.ts'
import { statedMessage } from '../table-rows.ts'

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
  const stated = statedMessage(turn)
  const message = stated.length > MAX_READ_CHARS ? stated.slice(0, MAX_READ_CHARS) : stated
  const folded = foldKeep(message)
  const figures = statedFigures(message, answerRange(question, turn))
  const own = ownPeriodsOf(question, turn)
  const ownAmounts = figures.filter((f) => f.kind === 'amount' && !f.hypothetical && scopeIn(own, f) === 'own')
  if (ownAmounts.some((f) => f.role === 'total')) return null
  // Any amount of the message that holds the total, whatever period its sentence names ("En novembre 2026, … 13,49 €"
  // asked "ce mois"): the answer states its total, another amount is another claim.
  if (figures.some((f) => f.kind === 'amount' && !f.hypothetical && totals.some((t) => fitOf(f, t) !== 'contradicts'))) return null
  const reading: HeadlineReading = {
    facts,
    message,
    folded,
    asked: questionValues(question),
    askedNames: askedNamesOf(question),
    sides: { ownPeriods: own, range: answerRange(question, turn), compares: false },
  }
  return ownAmounts.find((f) => headlineCandidate(reading, f)) ?? null
}

/** What tells the headline among a message's amounts. */
interface HeadlineReading {
  facts: Facts
  message: string
  folded: string
  /** The question's own figures, and the merchants and categories it names (folded). */
  asked: readonly number[]
  askedNames: Set<string>
  sides: SideContext
}

/** An amount of no role, not the question's own, not in an earlier tense nor the previous period's, and no part. */
function headlineCandidate(r: HeadlineReading, f: StatedFigure): boolean {
  if (f.role !== null || f.sign !== null || f.difference || f.perPeriod) return false
  if (r.asked.some((v) => Math.abs(v - f.value) < 1e-9) || EARLIER.test(f.clause) || previousStated(r.sides, f)) return false
  return !partAmount(r, f)
}

/** The amount is a part or an extreme of the whole, or a statistic: matched, enumerated, bound to a label, one purchase… */
function partAmount(r: HeadlineReading, f: StatedFigure): boolean {
  // One carried amount confirms it (a chart point, a part): matched, not unverified. One of an enumeration of
  // amounts ("2 trajets SNCF : 88,50 € et 45,48 €") is a part.
  if (r.facts.amounts.some((v) => agrees(f, v)) || enumerated(r.folded, f)) return true
  if (boundLabel(r.facts, f, r.folded) !== null || onePurchase(f, afterOf(f, r.folded))) return true
  const lead = f.clause.slice(0, f.clauseAt)
  // A clause with a share ("21,4 % de vos dépenses de ce mois-ci (3 348,06 €)") states a part or another whole.
  if (statistic(lead) || PART_LEAD.test(lead) || /%|pour ?cent/.test(f.clause)) return true
  const clause = r.message.slice(f.index - f.clauseAt, f.index - f.clauseAt + f.clause.length)
  const others = [...questionEntities(clause).merchants, ...categoriesSpoken(clause)].filter((n) => !askedName(r.askedNames, n))
  if (others.length > 0) return true
  // A chart label the clause names, other than the question's own subject, makes it a part's clause.
  const label = namedLabel(r.facts, f.clause)
  return label !== null && !r.askedNames.has(fold(label.label).trim())
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
export function checkHeadline(ctx: Context): void {
  const { turn, question } = ctx
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
