import { describe, expect, test } from 'vitest'
import { mergeQuestions } from '../../reporters/validation-reporter.ts'
import { attempt, question } from './make-model.ts'

describe('mergeQuestions (plan + recorded)', () => {
  const plan = ['q01', 'q02', 'q03'].map((id) => question(id, [], { plannedAttempts: 2 }))

  test('plan order; a question whose test never ran stays with zero attempts and its planned count', () => {
    const out = mergeQuestions(plan, [question('q02', [attempt(), attempt()], { plannedAttempts: 2 })])
    expect(out.map((q) => [q.id, q.attempts.length, q.plannedAttempts])).toEqual([
      ['q01', 0, 2],
      ['q02', 2, 2],
      ['q03', 0, 2],
    ])
  })

  test('records of one question split over several tests are merged; their planned counts add up', () => {
    const out = mergeQuestions(plan, [
      question('q01', [attempt()], { plannedAttempts: 1 }),
      question('q01', [attempt({ ok: false })], { plannedAttempts: 1, subtypeObservable: false }),
    ])
    expect(out[0]).toMatchObject({ plannedAttempts: 2, subtypeObservable: false })
    expect(out[0]?.attempts.map((a) => a.ok)).toEqual([true, false])
  })

  test('scrubbed at the source only when every record of the question was, for the same secrets', () => {
    const marked = (scrubbedFor: string | undefined) => question('q01', [attempt()], { plannedAttempts: 1, ...(scrubbedFor ? { scrubbedFor } : {}) })
    expect(mergeQuestions(plan, [marked('k')])[0]?.scrubbedFor).toBe('k')
    expect(mergeQuestions(plan, [marked('k'), marked('k')])[0]?.scrubbedFor).toBe('k')
    expect(mergeQuestions(plan, [marked('k'), marked('other')])[0]).not.toHaveProperty('scrubbedFor')
    expect(mergeQuestions(plan, [marked('k'), marked(undefined)])[0]).not.toHaveProperty('scrubbedFor')
    expect(mergeQuestions(plan, [])[0]).not.toHaveProperty('scrubbedFor')
  })

  test('a recorded question absent from the plan is kept (appended), never dropped', () => {
    const out = mergeQuestions(plan, [question('x99', [attempt()])])
    expect(out.map((q) => q.id)).toEqual(['q01', 'q02', 'q03', 'x99'])
    expect(out[3]?.attempts).toHaveLength(1)
  })
})
