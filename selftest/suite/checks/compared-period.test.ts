// A comparison answered against another baseline (review: « Comparaison avec le mois dernier » answered year over year
// or week over week got GO, no ground-truth file): the reference service's own answers to the other comparisons,
// given for q12 on v2 (text, insight periods, range searched) and v3 (text only), must fail naming both baselines;
// the reference's answer to q12 itself and the healthy wordings of a month comparison must pass
// (tests/support/checks/compared-period.ts).
import { describe, expect, test } from 'vitest'
import { baselineAsked, checkComparedPeriod } from '../../../tests/support/checks/compared-period.ts'
import { checkQuestionAsked } from '../../../tests/support/checks/question-asked.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { referenceTurn } from '../reference-turns.ts'
import { english } from './helpers.ts'

const Q12 = 'Comparaison avec le mois dernier'
const compared = (q: string, turn: NormalizedTurn): string[] =>
  english(checkQuestionAsked(q, turn).filter((r) => r.code === 'check.asked.compared_period'))
/** The text alone: no insight, no range searched (a stream, or v3's analytical path). */
const textOnly = (turn: NormalizedTurn, message = turn.message): NormalizedTurn => {
  const { searchedDates: _dates, ...rest } = turn
  return { ...rest, insights: [], message }
}

describe('the baseline a comparison question names', () => {
  test.each([
    [Q12, 'mois'],
    ['Comparaison avec la semaine dernière', 'semaine'],
    ["Comparaison avec l'année dernière", 'an'],
    ["Mes dépenses par rapport à l'an dernier", 'an'],
    ['Mes dépenses ce mois-ci comparées au mois précédent', 'mois'],
    ['Comparaison avec le trimestre dernier', 'trimestre'],
    ["Mes dépenses d'aujourd'hui par rapport à hier", 'jour'],
  ])('%s → %s', (q, unit) => expect(baselineAsked(q)).toBe(unit))

  test.each([
    'Mes dépenses du mois dernier',
    'Mes tendances de dépenses',
    'Comparaison de mes catégories',
    'Mes dépenses en octobre 2026 par rapport à 2025',
  ])('none: %s', (q) => expect(baselineAsked(q)).toBeNull())
})

describe('q12 answered with another comparison fails, naming both baselines', () => {
  test.each([
    ["Comparaison avec l'année dernière", '"last year"', '"2026-01-01..2026-11-24 / 2025-01-01..2025-11-24"'],
    ['Comparaison avec la semaine dernière', '"last week"', '"2026-11-23..2026-11-24 / 2026-11-16..2026-11-17"'],
  ])('%s', (other, word, sides) => {
    for (const wire of ['v2', 'v3'] as const) {
      const turn = referenceTurn(other, wire, Q12)
      const failures = compared(Q12, turn)
      expect(failures.length, wire).toBeGreaterThanOrEqual(1)
      expect(failures[0], wire).toContain('the question compares with "last month", the answer compares other periods (')
      expect(failures[0], wire).toContain(word)
      expect(failures[0], wire).toContain(sides)
      // A stream or v3's analytical path: the text alone says it.
      expect(compared(Q12, textOnly(turn)), wire).toEqual([failures[0]])
    }
    // v2 carries the comparison's two periods and the range it searched: its data answers another question too.
    const data = compared(Q12, referenceTurn(other, 'v2', Q12))
    expect(data).toHaveLength(2)
    expect(data[1]).toContain(`the service's data compare other periods (${sides}`)
  })

  test('day over day (the reference’s answer to « Comparaison avec hier »), on v2 and v3', () => {
    for (const wire of ['v2', 'v3'] as const) {
      const failures = compared(Q12, referenceTurn('Comparaison avec hier', wire, Q12))
      expect(failures[0], wire).toBe(
        'off-topic answer: the question compares with "last month", the answer compares other periods ("today", "last day")',
      )
    }
  })

  test('the data alone (a short text naming no period) still fails on v2', () => {
    const turn = referenceTurn('Comparaison avec la semaine dernière', 'v2', Q12)
    expect(compared(Q12, { ...turn, message: 'Vous avez dépensé 184,43 €, soit +1 876,7 %.' })).toEqual([
      'off-topic answer: the question compares with "last month", the service\'s data compare other periods ("2026-11-23..2026-11-24 / 2026-11-16..2026-11-17", "2026-11-23..2026-11-24")',
    ])
  })

  test.each([
    'Cette semaine, vous avez dépensé 184,43 €, contre 9,33 € la semaine dernière.',
    'Du 23 au 24 novembre 2026 : 184,43 €, contre 9,33 € du 16 au 17 novembre 2026.',
    'En novembre 2026, vous avez dépensé 3 348,06 €, contre 2 900,00 € en novembre 2025.',
    "Cette année, vous avez dépensé 28 169,30 €, soit +501 % par rapport à l'an dernier.",
    // Day over day: the answer's own period a day (the reference's answer to « Comparaison avec hier »).
    "Aujourd'hui (le 24 novembre 2026), vous avez dépensé 171,00 €. C'est à comparer à 13,43 € hier (le 23 novembre 2026), soit +1 173,3 %.",
  ])('text: %s', (message) => {
    expect(compared(Q12, textOnly(referenceTurn(Q12, 'v3'), message))).toHaveLength(1)
  })
})

describe('a month comparison stays healthy', () => {
  test.each(['v2', 'v3'] as const)('the reference service’s answer to q12 (%s)', (wire) => {
    const turn = referenceTurn(Q12, wire)
    expect(compared(Q12, turn)).toEqual([])
    expect(compared(Q12, textOnly(turn))).toEqual([])
  })

  test.each([
    'Novembre 2026 (jusqu’au 24) comparé à octobre 2026 : 3 348,06 € contre 2 514,24 €, soit +33,2 %.',
    'Vous avez dépensé 3 348,06 €, soit 833,82 € de plus que le mois précédent.',
    'Le mois dernier à la même date, vous aviez dépensé 2 514,24 € ; aujourd’hui vous en êtes à 3 348,06 €.',
    'Ce mois-ci : 3 348,06 €. Du 1er au 24 octobre 2026 : 2 514,24 €. Cette semaine, 184,43 € déjà, dont 171,00 € aujourd’hui.',
    'Sur les 30 derniers jours (du 26 octobre au 24 novembre 2026) : 3 495,75 €, contre 2 700,00 € du 26 septembre au 25 octobre 2026.',
    'Vos dépenses sont en hausse de 33,2 % (3 348,06 € contre 2 514,24 €). Hier, un achat Fnac de 120,00 €.',
    // Review 2026-12-06: the month before said otherwise, and a week or a year named in passing.
    "En novembre 2026 (jusqu'au 24), vous avez dépensé 3 348,06 €, contre 2 514,24 € à la même date en octobre, soit +33,2 %. L'essentiel de la hausse vient de la semaine dernière.",
    'Par rapport à octobre (même période) : 3 348,06 € contre 2 514,24 €. La semaine dernière a été la plus chargée.',
    "D'un mois sur l'autre, à date égale : 3 348,06 € contre 2 514,24 €. La semaine dernière a pesé lourd.",
    'Au 24 novembre : 3 348,06 €, contre 2 514,24 € au 24 octobre. La semaine dernière a pesé lourd.',
    "Par rapport à octobre : 3 348,06 € contre 2 514,24 €. L'an dernier à la même époque, vous dépensiez moins.",
  ])('%s', (message) => {
    const turn = referenceTurn(Q12, 'v2')
    expect(compared(Q12, { ...turn, message })).toEqual([])
    expect(compared(Q12, textOnly(turn, message))).toEqual([])
  })

  test('each other comparison, answered by the reference for its own question, passes', () => {
    for (const q of ["Comparaison avec l'année dernière", 'Comparaison avec la semaine dernière'])
      for (const wire of ['v2', 'v3'] as const) expect(compared(q, referenceTurn(q, wire)), `${q} ${wire}`).toEqual([])
  })

  test('a question naming its own period: that period is no other baseline, its range is period-asked.ts’s', () => {
    const q = "Mes dépenses du mois dernier par rapport à l'an dernier"
    const turn = {
      ...referenceTurn('Mes dépenses du mois dernier', 'v2'),
      message: 'Le mois dernier, 2 661,93 €, soit 10 % de plus qu’un an plus tôt.',
    }
    expect(checkComparedPeriod(q, turn)).toEqual([])
    const both = 'En octobre 2025, vous aviez dépensé 1 100,00 €, et en octobre 2026, 1 234,56 €.'
    expect(checkComparedPeriod("Mes dépenses en octobre 2026 par rapport à l'année dernière", { ...turn, message: both })).toEqual([])
  })
})
