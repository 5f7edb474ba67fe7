// Plan T4.2, category 1 — simple search (q01–q03): intent transaction_search.simple, data, ≥ 3 KPI cards (total, count, average).
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.transaction_search_simple, () => {
  afterAll(closeClient)
  for (const question of planned('transaction_search_simple')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
