// "Not observable" is decided in one place, from what the contract's adapter declares (core/observes.ts), and
// the checks read the same declaration: a part the wire may omit is never failed for being absent, a part the
// wire always carries is, and a question nobody could ask is not said to be "not observable".
import { describe, expect, test } from 'vitest'
import { emptyQuestionRecord } from '../../core/model.ts'
import { type Observes, observation, subtypeObservable } from '../../core/observes.ts'
import { harenaV2Adapter } from '../../tests/support/adapters/harena-v2.ts'
import { checkIntent } from '../../tests/support/checks/intent.ts'
import { attempt } from '../reporters/make-model.ts'
import { richBody, turnOf, v2Body } from '../suite/adapter/bodies.ts'
import { question, english } from '../suite/checks/helpers.ts'

const withSubtype = (subtype: Observes['subtype']): Observes => ({ ...harenaV2Adapter.observes, subtype })
const grouped = attempt({ intent: { group: 'transaction_search', subtype: null } })
const detailed = attempt({ intent: { group: 'transaction_search', subtype: 'simple' } })
const noIntent = attempt({ intent: null, ok: false, httpStatus: 500 })

describe('subtypeObservable', () => {
  test('an optional subtype is observable iff an answer carried one; answers without an intent claim nothing', () => {
    const optional = withSubtype('optional')
    expect(subtypeObservable(optional, [grouped, grouped])).toBe(false)
    expect(subtypeObservable(optional, [grouped, detailed])).toBe(true)
    expect(subtypeObservable(optional, [noIntent])).toBe(true)
    expect(subtypeObservable(optional, [])).toBe(true)
  })

  test('a wire that cannot carry it: never observable; one that always does: always; an unknown contract: no claim', () => {
    expect(subtypeObservable(withSubtype('absent'), [detailed])).toBe(false)
    expect(subtypeObservable(withSubtype('absent'), [])).toBe(false)
    expect(subtypeObservable(withSubtype('carried'), [grouped])).toBe(true)
    expect(subtypeObservable(null, [grouped])).toBe(true)
    expect(subtypeObservable(undefined, [])).toBe(true)
  })

  test('a question that was never asked (preflight failed) is not recorded as "subtype not observable"', () => {
    expect(emptyQuestionRecord(question(), 3).subtypeObservable).toBe(true)
  })

  test('one answer: present → observed; absent → missing where the wire always carries it, else not observable', () => {
    expect(observation('optional', true)).toBe('observed')
    expect(observation('optional', false)).toBe('not_observable')
    expect(observation('absent', false)).toBe('not_observable')
    expect(observation('carried', false)).toBe('missing')
  })
})

describe('the intent check reads the same declaration', () => {
  const q = question({ expectedIntent: 'transaction_search.by_merchant' })
  test('a missing subtype fails only on a wire that always carries it', () => {
    expect(english(checkIntent(q, turnOf(v2Body()), withSubtype('optional')))).toEqual([])
    expect(english(checkIntent(q, turnOf(v2Body()), withSubtype('absent')))).toEqual([])
    expect(english(checkIntent(q, turnOf(v2Body()), withSubtype('carried')))).toEqual([
      'expected intent transaction_search.by_merchant, observed transaction_search (subtype not observable)',
    ])
  })
  test('a subtype that is there is compared whatever the declaration', () => {
    for (const carriage of ['optional', 'absent', 'carried'] as const)
      expect(english(checkIntent(q, turnOf(richBody({ subtype: 'simple' })), withSubtype(carriage)))).toHaveLength(1)
  })
})
