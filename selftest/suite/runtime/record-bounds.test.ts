// What a hostile or careless target can put into a record is bounded and secret-free: a multi-MB intent type,
// failure reasons quoting it, and a body that echoes a cut token. The outcome is a plain value as the client
// returns it; the adapter and the checks are the real ones.
import { describe, expect, test } from 'vitest'
import { adapterFor } from '../../../tests/support/adapters/index.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import type { ClientOutcome } from '../../../tests/support/client.ts'
import { loadQuestions } from '../../../core/questions.ts'
import { recordAttempt } from '../../../tests/support/record.ts'
import { ROOT } from '../../e2e/harness.ts'
import { richBody } from '../adapter/bodies.ts'
import { english } from '../checks/helpers.ts'
import { fixedToken } from '../../fixed-token.ts'

const q07 = loadQuestions(`${ROOT}/fixtures/questions.json`).find((q) => q.id === 'q07')!
// The same token in every run (its cut pieces are what the record is searched for): selftest/fixed-token.ts.
const token = fixedToken(1)

function outcomeOf(body: unknown, httpStatus = 200): ClientOutcome {
  const bodyText = JSON.stringify(body)
  return {
    kind: 'response',
    exchange: { httpStatus, headers: { 'content-type': 'application/json' }, bodyText },
    timing: { startedAt: '2026-12-05T09:00:00.000Z', ttfbMs: 1, totalMs: 2 },
    bytes: bodyText.length,
    truncated: false,
  }
}

const record = (outcome: ClientOutcome) =>
  recordAttempt(
    { question: q07, adapter: adapterFor('harena-v2'), check: checkAttempt, index: 0, warmup: false, secrets: [`Bearer ${token}`] },
    outcome,
  )

describe('record bounds', () => {
  test('a 2 MB intent type: the record stays small, the failure still says what was observed', () => {
    const huge = `x${'y'.repeat(2_000_000)}`
    const r = record(outcomeOf(richBody({ group: huge })))
    expect(r.ok).toBe(false)
    expect(JSON.stringify(r).length).toBeLessThan(20_000)
    expect(r.intent?.group.length).toBeLessThanOrEqual(101)
    expect(english(r.failures).join(' ')).toMatch(/intent/)
    for (const f of english(r.failures)) expect(f.length).toBeLessThanOrEqual(301)
  })

  test('a body that echoes a cut token: no 16-character fragment of its payload or signature in the record', () => {
    // The header is the same in every HS256 token: public (core/secret-forms.ts publicViews).
    const secretPart = token.slice(token.indexOf('.') + 1)
    for (const echoed of [token.slice(0, 100), token.slice(-25)]) {
      const r = record(outcomeOf({ detail: `jeton invalide: ${echoed} fin {oops}` }, 422))
      const text = JSON.stringify(r)
      for (let i = 0; i + 16 <= text.length; i++) expect(secretPart.includes(text.slice(i, i + 16)), text).toBe(false)
    }
  })
})
