// The unusual transactions: the ones an answer carries (insights, a chart of "Merchant (date)" points) and the
// merchants its text names for one; the grounding's anomaly checks and the ground truth (ground-truth/check.ts) read
// them the same way.
import { questionEntities } from '../checks/question-asked.ts'
import { fold } from '../checks/text.ts'
import type { NormalizedTurn } from '../turn.ts'
import { NOT_A_PART } from './breakdown.ts'
import { MONTH_NAMES, statedDay } from './dates.ts'
import { ANOMALY_CONTEXT, foldKeep, MAX_READ_CHARS } from './figures.ts'
import { SENTENCE } from './sentences.ts'

export interface CarriedAnomaly {
  merchant: string
  amount: number | null
  date: string | null
}

/** The data_support of each unusual_transaction insight the answer carries (the ground truth reads its ids). */
export function unusualTransactionData(turn: NormalizedTurn): Record<string, unknown>[] {
  return turn.insights.filter((i) => i.type === 'unusual_transaction').map((i) => i.dataSupport ?? {})
}

/** The unusual transactions an answer carries: its unusual_transaction insights and its chart of unusual spending ("Fnac (2026-11-18)"). */
export function carriedAnomalies(turn: NormalizedTurn): CarriedAnomaly[] {
  const out: CarriedAnomaly[] = []
  for (const d of unusualTransactionData(turn)) {
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
  for (const s of message.slice(0, MAX_READ_CHARS).matchAll(SENTENCE)) {
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
