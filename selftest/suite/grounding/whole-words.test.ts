// Calendar and period words are read as whole words (tests/support/checks/calendar-words.ts): a month's name inside a
// longer word ("cauchemars", "amai"), a day and a month glued to a word ("2 maisons"), or a unit inside another word
// ("par analyse", "bilan") named a period before. Each wrong reading below changed a verdict; the right readings
// beside them still hold.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { checkQuestionAsked, questionEntities } from '../../../tests/support/checks/question-asked.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { directionIn, statedFigures } from '../../../tests/support/grounding/figures.ts'
import { planKpis, richBody, turnOf } from '../adapter/bodies.ts'

const en = (reasons: Parameters<typeof say>[0][]) => reasons.map((r) => say(r, 'en'))

// The reference's trend insight (q11): a stable trend, +4,34 € a month on 2 513,36 €.
const stableTrend = {
  type: 'trend_analysis',
  title: 'Tendance des dépenses : stable',
  description: 'Vos dépenses mensuelles évoluent de +4,34 € par mois en moyenne sur 12 mois (moyenne : 2 513,36 € par mois).',
  confidence: 0.6,
  data_support: { method: 'linear_regression', months: 12, slope_per_month: 4.34, mean_per_month: 2513.36, direction: 'stable' },
  actionable: false,
  priority: 1,
}
const trendAnswer = (message: string) =>
  checkGrounding(
    turnOf(richBody({ total: 405, visualizations: planKpis(33508.39, 405), message, insights: [stableTrend] })),
    'Mes tendances de dépenses',
  )

describe('a month named inside another word names no month', () => {
  test('a change beside a stable trend is judged whatever word ends like a month ("cauchemars", "amai", "ramai")', () => {
    for (const message of [
      'Vos dépenses, un vrai cauchemars, sont en forte hausse, de 45 % sur l’année.',
      'Vos dépenses sont en forte hausse, de 45 % sur l’année : on s’était dit amai.',
      'Selon Ramai, vos dépenses sont en forte hausse, de 45 % sur l’année.',
    ])
      expect(en(trendAnswer(message).contradictions), message).toEqual([
        'ungrounded figure: the message states 45 % as the change, but the insight data trend_analysis (stable) shows +1.9 %',
      ])
    // A month named as a word still makes the change a month's, not the trend's.
    for (const message of [
      'Vos dépenses ont augmenté de 45 % entre mars et mai.',
      'Vos dépenses ont augmenté de 45 % entre Mars et Août.',
      'En mai, vos dépenses ont augmenté de 45 %.',
    ])
      expect(trendAnswer(message).contradictions, message).toEqual([])
  })

  test('a day before a word that starts like a month is no date of the question ("mes 2 maisons")', () => {
    expect(questionEntities('Combien me coûtent mes 2 maisons ce mois-ci ?').dates).toEqual([])
    expect(questionEntities('Combien ai-je dépensé le 12 marsupilamis ?').dates).toEqual([])
    expect(questionEntities('Mes dépenses du 2 mai').dates).toEqual(['2 mai'])
    expect(questionEntities('Mes dépenses du 1er mars 2026').dates).toEqual(['1 mars 2026'])
  })

  test('an answer mentions the day asked only by that day, not by a word starting like its month', () => {
    const asked = 'Mes dépenses du 2 mai'
    const missing = (message: string) =>
      en(checkQuestionAsked(asked, turnOf(richBody({ total: 3, message, visualizations: planKpis(300, 3) })))).filter((r) => r.includes('2 mai'))
    expect(missing('Vos 2 maisons vous ont coûté 300,00 € en 3 transactions.')).toHaveLength(1)
    expect(missing('Le 2 mai, vous avez dépensé 300,00 € en 3 transactions.')).toEqual([])
  })
})

describe('a unit of time inside another word names no period', () => {
  test('"par analyse" is no rate per year: the amount keeps its total’s role', () => {
    const [figure] = statedFigures('Total établi par analyse de vos relevés : 2 661,93 €.')
    expect(figure?.perPeriod).toBe(false)
    expect(figure?.role).toBe('total')
    const [rate] = statedFigures('Vous dépensez en moyenne par an : 31 943,16 €.')
    expect(rate?.perPeriod).toBe(true)
  })
})

// Direction words begin a word too: "abondant" held "bond" (a rise), "parachute" "chute" and "rabaisse" "baisse" (a
// fall), and a direction nobody said was held to the service's trend.
describe('direction words begin a word', () => {
  test('"abondant", "parachute", "rabaissé" say no direction; "bond", "chute", "baisse" as words still do', () => {
    for (const text of ['un mois abondant en sorties', "l'achat d'un parachute", 'un tarif rabaissé par le vendeur'])
      expect(directionIn(text), text).toBeNull()
    expect(directionIn('un bond de 12 % en un mois')?.direction).toBe('up')
    expect(directionIn('une chute de 12 % en un mois')?.direction).toBe('down')
    expect(directionIn('en baisse de 3 %')?.direction).toBe('down')
    expect(directionIn('Tendance : ↘')?.direction).toBe('down')
  })
})
