// An identical reading of an answer is judged once (tests/support/judged-once.ts): what changes on every answer of
// a deterministic service (request id, timestamp, processing time, Server-Timing) does not make it judged again, and
// anything a check reads does — a changed figure in the text, another question — with the real checks' verdicts.
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import { judgedOnce } from '../../../tests/support/judged-once.ts'
import type { CheckFn, ObserveFn } from '../../../tests/support/record.ts'
import { parse, v2Body } from '../adapter/bodies.ts'
import { question } from './helpers.ts'

function counted(): { check: CheckFn; observe: ObserveFn; calls: { check: number; observe: number } } {
  const calls = { check: 0, observe: 0 }
  return {
    calls,
    check: (q, r, o) => {
      calls.check++
      return checkAttempt(q, r, o)
    },
    observe: (q, r) => {
      calls.observe++
      return observeAttempt(q, r)
    },
  }
}

const asked = question({ message: 'Mes achats de plus de 80 euros', expectedIntent: 'transaction_search', category: 'other' })
const observes = harenaV2Adapter.observes
const answer = (over: Record<string, unknown>, timing: string) =>
  parse(v2Body(over), 200, { 'server-timing': `intent_classification;dur=${timing}, search;dur=${timing}` })

describe('judgedOnce', () => {
  test('the same reading with another request id, timestamp and timings is judged once, with the same verdict', () => {
    const inner = counted()
    const judge = judgedOnce(inner)
    const first = answer({ request_id: 'conv_1_7', timestamp: '2026-03-02T09:15:04+00:00', processing_time_ms: 12 }, '12.5')
    const second = answer({ request_id: 'conv_2_7', timestamp: '2026-03-02T09:15:05+00:00', processing_time_ms: 19 }, '19.1')
    expect(first.kind === 'turn' && second.kind === 'turn' && Object.keys(first.turn.stages).length > 0).toBe(true)
    expect(first.kind === 'turn' && second.kind === 'turn' ? second.turn.stages : null).not.toEqual(first.kind === 'turn' ? first.turn.stages : null)
    const verdicts = [judge.check(asked, first, observes), judge.check(asked, second, observes)]
    const observations = [judge.observe(asked, first), judge.observe(asked, second)]
    expect(inner.calls).toEqual({ check: 1, observe: 1 })
    expect(verdicts[1]).toEqual(checkAttempt(asked, second, observes))
    expect(observations[1]).toEqual(observeAttempt(asked, second))
    expect(verdicts[0]?.ok).toBe(true)
  })

  test('a changed figure in the text is judged again, and fails when the real checks fail it', () => {
    const inner = counted()
    const judge = judgedOnce(inner)
    const right = answer({}, '10')
    const wrong = answer(
      {
        response: {
          message: "Voici vos achats supérieurs à 80 € : j'ai relevé **4 transactions** pour un total de **998,30 €** sur la période.",
          structured_data: [
            {
              type: 'financial_summary',
              title: 'Résumé financier : 4 transactions',
              description: 'Débits: 412.30€',
              confidence: 1.0,
              data_support: { transaction_count: 4, currency: 'EUR', total_debit: 412.3 },
              actionable: false,
              priority: 0,
            },
          ],
        },
      },
      '10',
    )
    const good = judge.check(asked, right, observes)
    const bad = judge.check(asked, wrong, observes)
    expect(inner.calls.check).toBe(2)
    expect(good.ok).toBe(true)
    expect(bad).toEqual(checkAttempt(asked, wrong, observes))
    expect(bad.ok).toBe(false)
  })

  test('another question, or another declaration of what the wire carries, is judged again', () => {
    const inner = counted()
    const judge = judgedOnce(inner)
    const result = answer({}, '10')
    judge.check(asked, result, observes)
    judge.check(
      question({ id: 'qy', message: 'Mes achats chez Decathlon', expectedIntent: 'transaction_search', category: 'other' }),
      result,
      observes,
    )
    judge.check(asked, result, { ...observes, insights: 'absent' })
    expect(inner.calls.check).toBe(3)
  })

  test('an observation of nothing (null) is remembered as such', () => {
    const inner = counted()
    const judge = judgedOnce(inner)
    const refused = parse({ detail: 'Not authenticated' }, 401)
    expect(judge.observe(asked, refused)).toBeNull()
    expect(judge.observe(asked, parse({ detail: 'Not authenticated' }, 401))).toBeNull()
    expect(inner.calls.observe).toBe(1)
  })
})
