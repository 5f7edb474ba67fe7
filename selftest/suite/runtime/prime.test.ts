// The canned answer a worker judges before its first request (tests/support/prime.ts) must go down the whole path
// of a real answer — parsed as a turn by its contract's adapter, then every check — or it warms nothing.
import { describe, expect, test } from 'vitest'
import { CONTRACTS } from '../../../core/settings.ts'
import { loadQuestions } from '../../../core/questions.ts'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import { primingOutcome } from '../../../tests/support/prime.ts'
import { recordAttempt } from '../../../tests/support/record.ts'
import { ROOT } from '../../e2e/harness.ts'
import { prepareRedaction, redact, redactionPrepared } from '../../../core/secrets.ts'

const question = loadQuestions(`${ROOT}/fixtures/questions.json`)[0]!

describe('the priming answer', () => {
  for (const contract of CONTRACTS) {
    test(`${contract}: a turn of its own user, judged by the checks`, () => {
      const adapter = adapterFor(contract)
      const { outcome, userId } = primingOutcome(contract)
      if (outcome.kind !== 'response') throw new Error('expected a response')
      const result = adapter.parse(outcome.exchange)
      expect(result.kind).toBe('turn')
      let checked = 0
      const attempt = recordAttempt(
        {
          question,
          adapter,
          check: (...args) => {
            checked += 1
            return checkAttempt(...args)
          },
          observe: observeAttempt,
          index: 0,
          warmup: true,
          secrets: [],
          userId,
        },
        outcome,
      )
      expect(checked).toBe(1)
      expect(attempt.critical).toBeNull()
    })
  }
})

describe('the redaction tables of the run', () => {
  test('are built by prepareRedaction, before any text is redacted, and the same tables then redact', () => {
    // Secrets no other test prepares (the tables live as long as the worker): the same in every run, not a random one.
    const secrets = ['Bearer prime-k3v9q2x7w1z-token-value', 'prime-password-0123456789']
    expect(redactionPrepared(secrets)).toBe(false)
    prepareRedaction(secrets)
    expect(redactionPrepared(secrets)).toBe(true)
    expect(redact(`token ${secrets[0]?.slice(7)} and prime-password-0123456789`, secrets)).toBe('token *** and ***')
    prepareRedaction([]) // no secret: nothing to build, no error
  })
})
