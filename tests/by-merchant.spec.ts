// Plan T4.2, category 3 — by merchant (q07–q09): intent transaction_search.by_merchant, data, KPI cards + bar chart.
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.by_merchant, () => {
  afterAll(closeClient)
  for (const question of planned('by_merchant')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
