// `-t` in the run plan (tests/support/run-plan.ts questionsNamed, probesNamed) is matched against the names Vitest
// matches it against: the titles the spec files give, masked of the configured credentials (tests/support/titles.ts).
// The plan once matched the unmasked titles: with the password « Carrefour! », `-t Carrefour` planned q07 while
// Vitest, whose title reads « q07 · Mes dépenses chez *** », ran nothing — and the run counted q07 not executed.
import { describe, expect, test } from 'vitest'
import { loadQuestions } from '../../../core/questions.ts'
import { probesNamed, questionsNamed } from '../../../tests/support/run-plan.ts'
import { PROBES } from '../../../tests/support/security/probes.ts'
import { probeTitleOf, titleOf } from '../../../tests/support/titles.ts'

const ROOT = new URL('../../..', import.meta.url).pathname
const PLAN = loadQuestions(`${ROOT}/fixtures/questions.json`)
const ids = (xs: ReadonlyArray<{ id: string }>): string[] => xs.map((x) => x.id)
const password = (p: string) => ({ apiToken: null, password: p })

describe('-t in the run plan matches the titles Vitest matches', () => {
  test('a pattern naming a word of the password keeps no question: the title Vitest matches has it masked', () => {
    const configured = password('Carrefour!')
    expect(titleOf(PLAN.find((q) => q.id === 'q07') as (typeof PLAN)[number], configured)).toBe('q07 · Mes dépenses chez ***')
    expect(ids(questionsNamed(PLAN, /Carrefour/, configured))).toEqual([])
    expect(ids(questionsNamed(PLAN, /carrefour/i, configured))).toEqual([])
  })

  test('the masked title is what is kept: a pattern matching it keeps the question, as Vitest runs it', () => {
    expect(ids(questionsNamed(PLAN, /chez \*\*\*/, password('Carrefour!')))).toEqual(['q07'])
    expect(ids(questionsNamed(PLAN, /^Catégorie 3 .* q07 · Mes dépenses chez \*\*\*$/, password('Carrefour!')))).toEqual(['q07'])
  })

  test('healthy look-alikes: other questions, another password, no password — the titles as written', () => {
    expect(ids(questionsNamed(PLAN, /Netflix|SNCF/, password('Carrefour!')))).toEqual(['q08', 'q09'])
    expect(ids(questionsNamed(PLAN, /Carrefour/, password('Xk7QmZp2Lr9vTq')))).toEqual(['q07'])
    expect(ids(questionsNamed(PLAN, /Carrefour/, { apiToken: null, password: null }))).toEqual(['q07'])
    expect(ids(questionsNamed(PLAN, /Carrefour/, null))).toEqual(['q07'])
    expect(ids(questionsNamed(PLAN, null, password('Carrefour!')))).toEqual(ids(PLAN))
  })

  test('the security probes too: a password word of their titles keeps none of those, the others stay', () => {
    const configured = password('Utilisateur!')
    const named = PROBES.filter((p) => /utilisateur/i.test(p.title))
    expect(named.length).toBeGreaterThan(0)
    for (const p of named) expect(probeTitleOf(p, configured)).not.toMatch(/utilisateur/i)
    expect(ids(probesNamed(PROBES, /utilisateur/i, configured))).toEqual([])
    expect(ids(probesNamed(PROBES, /Identifiant/, configured))).toEqual(ids(PROBES.filter((p) => /Identifiant/.test(p.title))))
    expect(ids(probesNamed(PROBES, /utilisateur/i, null))).toEqual(ids(named))
  })
})
