// Category titles as the plan's report template writes them, in both languages (docs/report-contract.md). Words
// of the documents belong in the locale catalogues (core/locale/), never here: no renderer holds a sentence.
import type { Locale } from '../core/locale/index.ts'

export type { Locale }

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
