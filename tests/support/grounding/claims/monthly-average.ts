// An average per month the text states, held to the one the answer carries (a trend_analysis insight) or, when it
// carries none, bounded by the total and the months the text itself states (docs/grounding.md "Grounded figures").
import { reason } from '../../../../core/reason.ts'
import { questionEntities } from '../../checks/question-asked.ts'
import { type Context, place, type StatedText } from '../context.ts'
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
  const { turn } = ctx
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
