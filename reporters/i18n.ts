// Category titles as the plan's report template writes them, in both languages (docs/report-contract.md). Words
// of the documents belong in the locale catalogues (core/locale/), never here: no renderer holds a sentence.
import '../core/locale/report.ts'
import { type Locale, say } from '../core/locale/index.ts'
import { FALLBACK_CLASS, NO_ANSWER_CLASS, NO_EXPECTATION_CLASS } from './aggregate.ts'

export type { Locale }

/** The intent tables' classes that are not intents, and their words (core/locale/report.ts report.intent.*). */
const INTENT_CLASS_CODES: ReadonlyMap<string, string> = new Map([
  [FALLBACK_CLASS, 'report.intent.fallback'],
  [NO_ANSWER_CLASS, 'report.intent.no_answer'],
  [NO_EXPECTATION_CLASS, 'report.intent.no_expectation'],
])

/** An intent label as a document writes it: an intent as it is, a class that is not one in the reader's words. */
export function intentText(label: string, L: Locale): string {
  const code = INTENT_CLASS_CODES.get(label)
  return code === undefined ? label : say({ code, params: {} }, L)
}

export const CATEGORY_TITLES: Record<string, string> = {
  transaction_search_simple: 'Transaction Search Simple',
  by_category: 'By Category',
  by_merchant: 'By Merchant',
  analytics_insights: 'Analytics & Insights',
  edge_cases: 'Edge Cases',
}

export function categoryTitle(id: string): string {
  return (
    CATEGORY_TITLES[id] ??
    id
      .split('_')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ')
  )
}
