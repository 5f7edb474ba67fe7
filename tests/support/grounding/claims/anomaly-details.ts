// An unusual transaction the text describes — its amount, merchant, day or month — must be one the answer carries
// (anomalies.ts; docs/grounding.md "Grounded figures"). The clause words of unusual spending are figures.ts's
// ANOMALY_CONTEXT, which also reads a count qualified by them as a subset.
import { type Reason, reason } from '../../../../core/reason.ts'
import { escapeRegExp, fold } from '../../checks/text.ts'
import { carriedAnomalies, type CarriedAnomaly } from '../anomalies.ts'
import { type Context, place, type StatedText, type TextSource } from '../context.ts'
import { dayMatches, monthMatches, statedDay, statedMonth } from '../dates.ts'
import { ANOMALY_CONTEXT, type StatedFigure } from '../figures.ts'
import { agrees } from '../fit.ts'

const MERCHANT_AFTER = /^\s*(?:chez|aupres de)\s+([^,.;:()!?\n€]{1,50})/
const MERCHANT_BEFORE = /(?:^|[^a-z0-9])([a-z0-9][a-z0-9 '&.-]{0,40}?)\s*(?:\(|:)\s*$/

/**
 * An unusual transaction described in the text must be one the answer carries (review 2026-12-05): an amount stated
 * with a carried merchant ("986,00 € chez Optic 2000", "Optic 2000 (986 €)") must be that merchant's; a carried
 * amount stated with another merchant ("689,00 € chez Fnac") is that insight's, not Fnac's; a date stated for it
 * ("le 9 juin 2025") must be its date. Read in a clause about unusual spending, or when amount and date name one
 * carried transaction; other purchases at the same merchant are not judged.
 */
export function checkAnomalyDetails(ctx: Context, { source, folded, figures }: StatedText): void {
  const carried = carriedAnomalies(ctx.turn)
  if (carried.length === 0) return
  const known = [...new Set(carried.map((a) => fold(a.merchant).trim()))].filter((k) => k.length >= 2)
  for (const figure of figures) {
    if (figure.kind !== 'amount' || figure.sign !== null || figure.perPeriod) continue
    if (figure.role !== null && figure.role !== 'share') continue
    const end = figure.index + figure.text.length
    const after = folded.slice(end, end + 80)
    const afterName = MERCHANT_AFTER.exec(after)
    const merchant = merchantNamed(known, afterName, folded.slice(Math.max(0, figure.index - 50), figure.index))
    const described = describedOf(figure, after, carried)
    if (merchant !== null) checkCarriedMerchant(ctx, source, described, merchant, carried)
    else if (described.byAmount.length > 0) {
      // A name after "chez", capitalised as written ("chez Fnac", not "chez votre opticien").
      const named = afterName !== null && /^\s*(?:chez|aupr[eè]s de)\s+\p{Lu}/u.test(source.text.slice(end, end + 80))
      checkOtherMerchant(ctx, source, described, named)
    }
  }
}

/** What the text says of an amount that may describe an unusual transaction. */
interface Described {
  figure: StatedFigure
  /** The carried anomalies of that amount. */
  byAmount: CarriedAnomaly[]
  /** The day, else the month, stated right after it. */
  date: { day: number; month: number; year: number | null } | null
  month: { month: number; year: number | null } | null
  /** Its clause is about unusual spending (figures.ts ANOMALY_CONTEXT). */
  context: boolean
}

function describedOf(figure: StatedFigure, after: string, carried: CarriedAnomaly[]): Described {
  const clause = after.split(/[;!?\n]|\.(?!\d)|\s[-–—]\s/)[0] ?? ''
  const date = statedDay(clause)
  // A month without a day ("689 €, en mars 2026") is held to the transaction's month (review 2026-12-05, round 3).
  const month = date === null ? statedMonth(clause) : null
  return { figure, byAmount: carried.filter((a) => fitsAmount(figure, a)), date, month, context: ANOMALY_CONTEXT.test(figure.clause) }
}

const fitsAmount = (f: StatedFigure, a: CarriedAnomaly): boolean => a.amount !== null && agrees(f, a.amount)
const sameDay = (d: Described, a: CarriedAnomaly): boolean => d.date !== null && a.date !== null && dayMatches(d.date, a.date)
const sameMonth = (d: Described, a: CarriedAnomaly): boolean => d.month === null || a.date === null || monthMatches(d.month, a.date)

/** The carried merchant named with the amount: the first one after "chez" right after it, else the last one before "(" or ":". */
function merchantNamed(known: readonly string[], afterName: RegExpExecArray | null, before: string): string | null {
  if (afterName?.[1] !== undefined) return carriedMerchantIn(known, afterName[1], false)
  const beforeName = MERCHANT_BEFORE.exec(before)
  return beforeName?.[1] !== undefined ? carriedMerchantIn(known, beforeName[1], true) : null
}

/** The first (or `last`) of the carried merchants `known` (folded) that the text names. */
function carriedMerchantIn(known: readonly string[], text: string, last: boolean): string | null {
  let best: { key: string; at: number } | null = null
  for (const k of known) {
    for (const m of text.matchAll(new RegExp(`(^|[^a-z0-9])${escapeRegExp(k)}(?=[^a-z0-9]|$)`, 'g'))) {
      const at = (m.index ?? 0) + (m[1] ?? '').length
      if (best === null || (last ? at > best.at : at < best.at)) best = { key: k, at }
    }
  }
  return best?.key ?? null
}

/** An amount stated with a carried merchant must be one of that merchant's, on its day or month when one is stated. */
function checkCarriedMerchant(ctx: Context, source: TextSource, d: Described, merchant: string, carried: CarriedAnomaly[]): void {
  const mine = carried.filter((a) => fold(a.merchant).trim() === merchant)
  const mineByAmount = mine.filter((a) => fitsAmount(d.figure, a))
  const name = mine[0]?.merchant ?? merchant
  if (mineByAmount.length === 0) {
    if (mine.every((a) => a.amount === null)) return
    if (!d.context && !d.byAmount.some((a) => sameDay(d, a))) return
    ctx.contradictions.push(anomalyReason(source, d.figure, 'amount', name, mine))
    return
  }
  ctx.checked++
  if (d.month !== null && d.context && !mineByAmount.some((a) => sameMonth(d, a)))
    ctx.contradictions.push(anomalyReason(source, d.figure, 'date', name, mineByAmount))
  if (d.date !== null && !mineByAmount.some((a) => a.date === null || sameDay(d, a)))
    ctx.contradictions.push(anomalyReason(source, d.figure, 'date', name, mineByAmount))
}

/** A carried amount stated with no carried merchant: not with another capitalised one, and on its day or month. */
function checkOtherMerchant(ctx: Context, source: TextSource, d: Described, named: boolean): void {
  const merchant = d.byAmount[0]?.merchant ?? ''
  if (named) {
    // "689,00 € chez Fnac" where 689,00 € is Optic 2000's and Fnac is no carried merchant of that amount.
    if (d.context || d.byAmount.some((a) => sameDay(d, a))) ctx.contradictions.push(anomalyReason(source, d.figure, 'merchant', merchant, d.byAmount))
    return
  }
  if (d.month !== null && d.context && !d.byAmount.some((a) => sameMonth(d, a)))
    ctx.contradictions.push(anomalyReason(source, d.figure, 'date', merchant, d.byAmount))
  if (d.date !== null && d.context && !d.byAmount.some((a) => a.date === null || sameDay(d, a)))
    ctx.contradictions.push(anomalyReason(source, d.figure, 'date', merchant, d.byAmount))
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
