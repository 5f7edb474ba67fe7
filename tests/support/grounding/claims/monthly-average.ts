// An average per month the text states, held to the one the answer carries (a trend_analysis insight) or, when it
// carries none, bounded by the total and the months the text itself states (docs/grounding.md "Grounded figures").
import { questionEntities } from '../../checks/question-asked.ts'
import { type Context, type StatedText, type TextSource, contradict } from '../context.ts'
import { directionIn, type StatedFigure } from '../figures.ts'
import { allowed, fitOf } from '../fit.ts'

const PER_MONTH_AFTER = /^\s*(?:par|\/)\s*mois\b|^\s*mensuel/
const AVERAGE_LEAD = /(?:moyen|\bsoit\s+(?:environ |pres de |autour de |approximativement |a peu pres )?$)/

/**
 * An average per month the text states (« soit en moyenne 3 513,36 € par mois », « soit environ 1 500 € par mois »)
 * held to the one the answer carries (a trend_analysis insight's mean_per_month); the carried total over the trend's
 * months, or over one more, is as good a mean. A signed or moving amount per month (a slope: « +4,34 € par mois »,
 * « évoluent de 4,34 € par mois »), a projection, or a month's own figure is not an average.
 */
export function checkMonthlyAverage(ctx: Context, { source, folded, figures }: StatedText): void {
  const means = carriedMeans(ctx)
  const own = means.length === 0 && source.where === 'message' ? ownMeanBounds(folded, figures) : null
  if (means.length === 0 && own === null) return
  for (const f of figures) {
    if (!wholeMonthlyAverage(f, source, folded)) continue
    ctx.checked++
    if (own !== null) checkOwnMean(ctx, source, f, own)
    else checkCarriedMeans(ctx, source, f, means)
  }
}

/** The mean per month the answer carries (a trend_analysis insight), and its carried total over those months or one more. */
function carriedMeans(ctx: Context): number[] {
  const trend = ctx.turn.insights.find((i) => i.type === 'trend_analysis')?.dataSupport ?? {}
  const mean = trend['mean_per_month']
  const months = trend['months']
  const carried = typeof mean === 'number' && mean > 0
  const means = carried ? [mean] : []
  if (carried && ctx.facts.total !== null && typeof months === 'number' && months > 0)
    means.push(ctx.facts.total.value / months, ctx.facts.total.value / (months + 1))
  return means
}

interface OwnMean {
  low: number
  high: number
  total: StatedFigure
}

/**
 * Nothing carried (a v3 answer): the answer's own total over the months it names (« Sur 13 mois, vous avez dépensé
 * 33 508,39 € ») bounds its average, loosely — a mean over the complete months only (2 513,36 € beside 33 508,39 € / 13
 * = 2 577,57 €) is as right: more than 15 % off both is a figure its own words contradict.
 */
function ownMeanBounds(folded: string, figures: readonly StatedFigure[]): OwnMean | null {
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
  return n >= 2 && total !== undefined ? { low: (total.value / n) * 0.85, high: (total.value / (n - 1)) * 1.15, total } : null
}

/** The figure is an average per month of the whole spending: not a slope, a projection, a month's or a part's own. */
function wholeMonthlyAverage(f: StatedFigure, source: TextSource, folded: string): boolean {
  if (f.kind !== 'amount' || f.sign !== null || f.difference || f.hypothetical || !f.perPeriod) return false
  if (!PER_MONTH_AFTER.test(folded.slice(f.index + f.text.length, f.index + f.text.length + 20))) return false
  const lead = f.clause.slice(0, f.clauseAt)
  if (!AVERAGE_LEAD.test(lead.slice(-40)) && !/moyen/.test(f.clause)) return false
  if (directionIn(lead) !== null || /(?:pente|evolu|variation|ecart|progress|rythme)/.test(f.clause) || f.periods.some((m) => m.kind === 'date'))
    return false
  // A part's average (« l'Alimentation vous coûte en moyenne 360 € par mois », « chez Carrefour ») is not the whole's.
  const named = questionEntities(source.text.slice(f.index - f.clauseAt, f.index - f.clauseAt + f.clause.length))
  return !(named.categories.length > 0 || named.merchants.length > 0 || /\bchez\b/.test(f.clause))
}

function checkOwnMean(ctx: Context, source: TextSource, f: StatedFigure, own: OwnMean): void {
  const [lo, hi] = allowed(f)
  if (hi >= own.low && lo <= own.high) return
  contradict(ctx, source, 'check.grounding.figure', {
    stated: f.said,
    role: 'average',
    source: 'stated_totals',
    sourceName: own.total.text,
    carried: (own.low / 0.85 + own.high / 1.15) / 2,
  })
}

function checkCarriedMeans(ctx: Context, source: TextSource, f: StatedFigure, means: number[]): void {
  if (!means.every((m) => fitOf(f, m) === 'contradicts')) return
  contradict(ctx, source, 'check.grounding.figure', {
    stated: f.said,
    role: 'average',
    source: 'insight',
    sourceName: 'trend_analysis mean_per_month',
    carried: means[0] ?? 0,
  })
}
