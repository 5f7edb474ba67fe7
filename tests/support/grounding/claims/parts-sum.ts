// The parts an answer gives for its own total add up to it, and the shares it gives to named parts to no more than
// 100 % (docs/grounding.md "Grounded figures"), within the rounding of their written digits.
import { NAME } from '../breakdown.ts'
import { type Context, type StatedText, type TextSource, contradict } from '../context.ts'
import type { StatedFigure } from '../figures.ts'
import { agrees } from '../fit.ts'
import { SENTENCE } from '../sentences.ts'

/** Where a list that starts at `start` ends: the end of its sentence, or a blank line not followed by another item. */
function listEnd(folded: string, start: number): number {
  const tail = folded.slice(start)
  const first = tail.search(/\S/)
  if (first === -1) return folded.length
  const stop = tail.slice(first).search(/[.!?](?!\d)(?:\s|$)|\n\s*\n(?!\s*(?:[-*•|]|\d{1,2}[.)]))/)
  return stop === -1 ? folded.length : start + first + stop
}

/** The parts of a list between `start` and `end`: the first amount of each item (a comma, a semicolon, a line, "et", "+"). */
function listedParts(folded: string, amounts: readonly StatedFigure[], start: number, end: number): { parts: StatedFigure[]; rest: boolean } {
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
export function checkPartsSum(ctx: Context, { source, folded, figures }: StatedText): void {
  const amounts = figures.filter((f) => f.kind === 'amount' && f.sign === null && !f.perPeriod && !f.difference && !f.hypothetical)
  const listed = checkPartsAfterTotals(ctx, source, folded, amounts)
  checkRestLists(ctx, source, folded, amounts, listed)
  checkSharesSum(ctx, source, folded, figures)
}

/** A total stated exactly: of the total's role, or equal to the carried total. */
function isTotal(ctx: Context, f: StatedFigure): boolean {
  return f.bound === 'exact' && (f.role === 'total' || (ctx.facts.total !== null && agrees(f, ctx.facts.total.value)))
}

/** Parts never exceed their whole, and make it when the list is complete: a part for the rest, or one per transaction. */
function judgeParts(ctx: Context, source: TextSource, whole: StatedFigure | number, parts: StatedFigure[], rest: boolean): void {
  const value = typeof whole === 'number' ? whole : whole.value
  const sum = parts.reduce((a, p) => a + p.value, 0)
  const slack = parts.reduce((a, p) => a + p.halfUnit, 0) + (typeof whole === 'number' ? 0.005 : whole.halfUnit) + 0.011
  const count = ctx.facts.count?.value
  const complete = rest || (count !== undefined && count === parts.length)
  ctx.checked++
  if (sum > value + slack || (complete && sum < value - slack)) {
    const stated = typeof whole === 'number' ? `${value.toFixed(2)} €` : whole.said
    contradict(ctx, source, 'check.grounding.parts_sum', { unit: 'amount', stated, parts: parts.map((p) => p.said), sum })
  }
}

/**
 * The parts listed after a total and a colon ("un total de 133,98 € : 88,50 € le 6 octobre et 45,48 € le 19 octobre");
 * returns where they stand, so that a list of the rest does not read them again.
 */
function checkPartsAfterTotals(ctx: Context, source: TextSource, folded: string, amounts: readonly StatedFigure[]): Set<number> {
  const listed = new Set<number>()
  for (const whole of amounts) {
    if (!isTotal(ctx, whole)) continue
    const end = whole.index + whole.text.length
    const lead = /^[^.!?\n:;€]{0,50}:/.exec(folded.slice(end, end + 60))
    if (lead === null) continue
    const start = end + lead[0].length
    const { parts, rest } = listedParts(folded, amounts, start, listEnd(folded, start))
    for (const p of parts) listed.add(p.index)
    if (parts.length >= 2) judgeParts(ctx, source, whole, parts, rest)
  }
  return listed
}

/**
 * A sentence that lists parts with one for the rest ("Shopping 1 270,40 €, …, Autres 282,11 €") gives the whole
 * breakdown of the answer's total: its own stated total, else the carried one.
 */
function checkRestLists(ctx: Context, source: TextSource, folded: string, amounts: readonly StatedFigure[], listed: Set<number>): void {
  const whole = amounts.find((f) => isTotal(ctx, f)) ?? ctx.facts.total?.value
  if (whole !== undefined) {
    for (const m of folded.matchAll(SENTENCE)) {
      const start = m.index ?? 0
      const { parts, rest } = listedParts(folded, amounts, start, start + m[0].length)
      if (!rest || parts.length < 3 || parts.some((p) => listed.has(p.index) || p === whole)) continue
      judgeParts(ctx, source, whole, parts, rest)
    }
  }
}

/** Shares bound to named parts ("Shopping : 36 %", "Logement (53 %)"): never more than the whole. */
function checkSharesSum(ctx: Context, source: TextSource, folded: string, figures: readonly StatedFigure[]): void {
  const shares = figures.filter((f) => shareOfNamedPart(f, source, folded))
  if (shares.length >= 2) {
    const sum = shares.reduce((a, f) => a + f.value, 0)
    const slack = shares.reduce((a, f) => a + f.halfUnit, 0) + 0.1
    if (sum > 100 + slack)
      contradict(ctx, source, 'check.grounding.parts_sum', { unit: 'percent', stated: '100 %', parts: shares.map((f) => f.said), sum })
  }
}

/** A percentage bound to a named part, not to a total, nor a share of another whole ("36 % de votre poste"). */
function shareOfNamedPart(f: StatedFigure, source: TextSource, folded: string): boolean {
  return (
    f.kind === 'percent' &&
    f.sign === null &&
    (f.role === null || f.role === 'share') &&
    new RegExp(String.raw`(?:^|[,;:\n•(]|\bet)\s*(?:[-*]\s*)?${NAME}\s*(?:[(:]\s*|[(:]\s*[\d\s.,  ]+\s*€\s*[(,]\s*(?:soit\s+)?)$`, 'u').test(
      source.text.slice(Math.max(0, f.index - 60), f.index).replace(/[*_`]/g, ' '),
    ) &&
    !/^\s*(?:de|du|des|d')\s/.test(folded.slice(f.index + f.text.length, f.index + f.text.length + 10)) &&
    !/(?:total|totale)\s*[(:]\s*$/.test(folded.slice(Math.max(0, f.index - 20), f.index))
  )
}
