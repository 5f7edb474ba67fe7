// Plan T4.2, category 4 — analytics (q10–q12): anomalies (unusual_transaction insight + bar/line), trend (line), comparison (bar, 2 datasets).
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.analytics_insights, () => {
  afterAll(closeClient)
  for (const question of planned('analytics_insights')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
