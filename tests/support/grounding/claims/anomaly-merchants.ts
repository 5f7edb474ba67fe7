// An unusual transaction the text describes at a merchant the answer's unusual-spending chart does not list, where
// that chart lists every one: invented (docs/grounding.md "Grounded figures").
import { fold } from '../../checks/text.ts'
import { carriedAnomalies, knownMerchant, namedAnomalyMerchants } from '../anomalies.ts'
import { OTHERS_LABEL } from '../breakdown.ts'
import { type Context, type StatedText, contradict } from '../context.ts'

/**
 * An unusual transaction at a merchant the answer's unusual-spending data does not carry, where that data lists every
 * one (a chart of "Merchant (date)" points titled as unusual spending, without an "Autres"): invented (review
 * 2026-12-05, round 3: « un achat Apple de 1 499,00 € » passed beside the 7 carried anomalies). The insights alone
 * (capped by the contract) never list every one; the ground truth does (ground-truth/check.ts).
 */
export function checkAnomalyMerchants(ctx: Context, { source }: StatedText): void {
  const { turn } = ctx
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
    contradict(ctx, source, 'check.grounding.anomaly_unknown', { merchant: name, basis: `chart "${chart.title}"`, carried: known.slice(0, 7) })
  }
}
