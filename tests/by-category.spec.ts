// Plan T4.2, category 2 — by category (q04–q06): intent transaction_search.by_category, data, KPI cards + pie (top 5 + "Autres").
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.by_category, () => {
  afterAll(closeClient)
  for (const question of planned('by_category')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
