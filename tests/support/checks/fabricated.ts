// "expects data: no" (docs/suite-rules.md §3, q13/q14): nothing exists to report, so a text that states a non-zero amount
// ("245,30 €", "245.30 EUR", "1 234 €") or a non-zero transaction count ("en 3 transactions") invented it.
// Figures in words count too ("trois achats", "deux cent quarante-cinq euros"; tests/support/grounding/figures.ts).
// Zero figures ("0 €", "0 transaction") and words ("aucune transaction") are how a correct answer says "none";
// dates ("le 1er janvier 1970", "24 novembre 2026") and durations ("30 derniers jours") are not figures.
import { statedFigures as readFigures } from '../grounding/figures.ts'
import type { NormalizedTurn } from '../turn.ts'
import { type Reason, reason } from '../../../core/reason.ts'
import { excerpt, fold } from './text.ts'

// A number: "1 234,56" / "1.234,56" / "1\u202f234" (grouped thousands) or "245,30" / "245.30" / "12".
const NUMBER = String.raw`(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)`
// Amount: number then € / EUR / euro(s), or € then number. Not preceded by a digit or separator (no mid-number start).
const AMOUNT = new RegExp(String.raw`(?<![\d.,])${NUMBER}[ \u00a0\u202f]*(?:€|eur(?:os?)?(?![a-z]))|€[ \u00a0\u202f]*${NUMBER}`, 'gi')
// Count: number then a noun for transactions, on folded text (accents gone: "opérations" → "operations").
const COUNT = new RegExp(
  String.raw`(?<![\d.,])${NUMBER}[ \u00a0\u202f]+(?:transactions?|operations?|achats?|depenses?|paiements?|prelevements?|virements?)(?![a-z])`,
  'g',
)

const nonZero = (figure: string): boolean => /[1-9]/.test(figure)

/** The non-zero amounts (as written) and transaction counts (folded) a text states: amounts first. */
export function statedFigures(text: string): string[] {
  // Amounts are matched on the text as written (case-insensitive: "EUR", "Euros"); counts on the folded text so
  // that accents do not matter.
  const amounts = [...text.matchAll(AMOUNT)].map((m) => m[0])
  const counts = [...fold(text).matchAll(COUNT)].map((m) => m[0])
  // Figures written in words ("trois achats", "deux cent quarante-cinq euros") invent data just as well.
  const inWords = readFigures(text)
    .filter((f) => f.kind !== 'percent' && f.value !== 0 && !/\d/.test(f.text))
    .map((f) => f.text)
  return [...[...amounts, ...counts].filter(nonZero), ...inWords]
}

/** Reasons for a no-data question whose text (message, then insights) states figures. */
export function checkNoFabricatedFigures(turn: NormalizedTurn): Reason[] {
  const texts: Array<['message' | 'insight', string | null, string]> = [
    ['message', null, turn.message],
    ...turn.insights.map((i): ['insight', string, string] => ['insight', excerpt(i.title, 40), `${i.title} ${i.description}`]),
  ]
  const failures: Reason[] = []
  for (const [where, title, text] of texts) {
    const figures = statedFigures(text)
    if (figures.length === 0) continue
    const shown = figures.slice(0, 3).map((f) => excerpt(f, 30))
    failures.push(reason('check.fabricated', { where, title, figures: shown, total: figures.length }))
  }
  return failures
}
