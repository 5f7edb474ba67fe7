// Catch-all: questions of a bank whose category is none of the plan's five. Included by validation.config.ts only when such questions exist, so no question is ever silently dropped.
import { afterAll, describe, test } from 'vitest'
import { closeClient, planned, titleOf, validateQuestion } from './support/validate.ts'
import { DESCRIBE_TITLES } from './support/titles.ts'

describe(DESCRIBE_TITLES.other, () => {
  afterAll(closeClient)
  for (const question of planned('other')) {
    test(titleOf(question), (ctx) => validateQuestion(question, ctx))
  }
})
