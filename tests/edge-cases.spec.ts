// Plan T4.2, category 5 — edge cases (q13–q15): no crash, a clear message, no fabricated data; clarification or graceful fallback.
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.edge_cases, () => {
  afterAll(closeClient)
  for (const question of planned('edge_cases')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
