// The two report languages (docs/suite-rules.md §2 VALIDATION_LOCALE). French follows the plan's template wording.
export type Locale = 'fr' | 'en'

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

export function pick<T>(locale: Locale, fr: T, en: T): T {
  return locale === 'fr' ? fr : en
}
