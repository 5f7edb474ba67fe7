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
  const { turn } = ctx
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
