// A share the text gives to a part of the breakdown — "Logement : 53 %", "1 270,40 €, soit 53 % du total", "le
// Shopping pèse pour plus de la moitié" — held to that part's slice of the whole (docs/grounding.md "Grounded
// figures"); any other percentage of no role must match some carried percentage.
import { escapeRegExp } from '../../checks/text.ts'
import { type Breakdown, SUBSET_RANKING } from '../breakdown.ts'
import { type Context, type FigureRule, matchPool, type StatedText, contradict } from '../context.ts'
import type { StatedFigure } from '../figures.ts'
import { fitOf } from '../fit.ts'
import { sentenceBefore } from '../sentences.ts'

/** A percentage of no role or of a share's, given to a part or right after an amount (checkPartShare). */
export const partShareFigure: FigureRule = (ctx, text, figure) =>
  (figure.role === 'share' || figure.role === null) && figure.kind === 'percent' && checkPartShare(ctx, text, figure)

/** Any other share, or percentage of no role: a carried percentage confirms it, else it stays unverified. */
export const shareFigure: FigureRule = (ctx, _text, figure) => {
  if (figure.role !== 'share' && !(figure.role === null && figure.kind === 'percent')) return false
  matchPool(ctx, figure)
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
function checkPartShare(ctx: Context, { source, folded, figures }: StatedText, figure: StatedFigure): boolean {
  if (figure.sign !== null || figure.difference || figure.hypothetical || figure.bound === 'range') return false
  const end = figure.index + figure.text.length
  const after = folded.slice(end, end + 50)
  if (SHARE_OF.test(after) && !SHARE_OF_TOTAL.test(after)) return false
  const before = folded.slice(Math.max(0, figure.index - 80), figure.index).replace(/[*_`]/g, ' ')
  const wholes = shareWholes(ctx, figures)
  if (wholes.length === 0) return false
  const basis = partBasis(ctx.breakdown, before, wholes) ?? amountBasis(folded, figures, figure, wholes)
  if (basis === null) return false
  const { label, shares } = basis
  // The nearest share each whole allows: an amount written rounded ("131 €" for 131,45 €) allows a span of shares.
  const fits = shares.map(({ low, high }) => fitOf(figure, Math.min(Math.max(figure.value, low), high)))
  if (fits.includes('agrees')) ctx.checked++
  else if (fits.includes('loose')) ctx.unverified.push(figure.text)
  else contradict(ctx, source, 'check.grounding.part_share', { stated: figure.said, label, basis: basis.basis, carried: shares[0]?.value ?? 0 })
  return true
}

/** A part's share of one whole: its value, and the span the part's written rounding allows (low = high for a slice). */
interface Share {
  value: number
  low: number
  high: number
}

/** What a share is held to: the part or amount it is given to, its share of each whole, and how that was computed. */
interface ShareBasis {
  label: string
  shares: Share[]
  basis: string
}

/** `part` ÷ `whole` in percent, the part allowed ± `halfUnit` (its written rounding). */
function shareOf(part: number, halfUnit: number, whole: number): Share {
  return { value: (part / whole) * 100, low: ((part - halfUnit) / whole) * 100, high: ((part + halfUnit) / whole) * 100 }
}

/** The wholes a share may be of: the pie's, the carried total(s), a total the text states exactly. */
function shareWholes(ctx: Context, figures: readonly StatedFigure[]): number[] {
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
  return wholes
}

/** A part of the pie named right before the share ("Logement : 53 %", "Logement : 1 150 € (53 %)", "le Logement représente 53 %"). */
function partBasis(breakdown: Breakdown | null, before: string, wholes: number[]): ShareBasis | null {
  if (breakdown === null) return null
  for (const [key, part] of breakdown.parts) {
    const k = escapeRegExp(key)
    const bound = new RegExp(
      String.raw`(^|[^a-z0-9])${k}\s*(?:[(:]\s*|[(:]\s*[\d\s.,]+\s*(?:€|eur(?:os?)?)\s*(?:[(,]\s*|\s)(?:soit\s+|environ\s+|pres de\s+)*|\s+${SHARE_VERB})$`,
    )
    if (!bound.test(before)) continue
    return { label: part.label, shares: wholes.map((w) => shareOf(part.value, 0, w)), basis: `chart "${breakdown.chart}"` }
  }
  return null
}

/** An amount right before the share ("1 270,40 €, soit 53 % du total"): that amount ÷ each whole it is a part of. */
function amountBasis(folded: string, figures: readonly StatedFigure[], figure: StatedFigure, wholes: number[]): ShareBasis | null {
  const amount = [...figures].reverse().find((f) => f.index < figure.index && f.kind === 'amount' && f.index + f.text.length >= figure.index - 25)
  if (amount === undefined || amount.sign !== null || amount.difference || amount.perPeriod || amount.bound !== 'exact') return null
  if (!AMOUNT_BEFORE_SHARE.test(folded.slice(Math.max(0, amount.index), figure.index))) return null
  // The whole itself ("3 495,75 € (100 %)") or an amount larger than every whole is no part of it.
  if (wholes.every((w) => amount.value > w + 0.005)) return null
  return {
    label: amount.said,
    shares: wholes.filter((w) => amount.value <= w + 0.005).map((w) => shareOf(amount.value, amount.halfUnit, w)),
    basis: `${amount.said} ÷ ${wholes.map((w) => w.toFixed(2)).join(' | ')} €`,
  }
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
export function checkFractionShares(ctx: Context, { source, folded }: StatedText): void {
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
    ctx.checked++
    if (!fractionHolds(share, FRACTIONS[m[3] ?? ''] ?? 0, (m[2] ?? '').trim()))
      contradict(ctx, source, 'check.grounding.part_share', {
        stated: `${m[2] ?? ''}${m[3] ?? ''}`,
        label: part.label,
        basis: `chart "${breakdown.chart}"`,
        carried: share,
      })
  }
}

/** "plus de" / "moins de" a fraction in their direction, "près de", "environ", "presque" within five points, a bare one within three. */
function fractionHolds(share: number, target: number, how: string): boolean {
  return how.startsWith('plus')
    ? share > target - 0.5
    : how.startsWith('moins')
      ? share < target + 0.5
      : how === 'presque' || how === 'quasiment'
        ? share <= target + 0.5 && share >= target - 5
        : Math.abs(share - target) <= (how === '' ? 3 : 5)
}
