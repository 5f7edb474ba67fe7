// A direction said with an arrow, a word or both ("Tendance : ↘ baisse", "▼ 33,2 %", "📉") is held to what the
// answer carries, whatever its spelling: the change of a comparison answer (its KPI card), else the trend of a trend
// answer (its trend_analysis insight, whose direction the reference writes "hausse" / "baisse": fixtures/reference/
// domain/generate.ts). A wrong direction fails; the right one, in every spelling, passes.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { comparisonViz, planKpis, richBody, turnOf } from '../adapter/bodies.ts'

const en = (reasons: Parameters<typeof say>[0][]) => reasons.map((r) => say(r, 'en'))

/** The reference's comparison answer: 3 348,06 € against 2 514,24 €, +33,2 % on its KPI card. */
const comparison = (message: string) =>
  checkGrounding(
    turnOf(richBody({ total: 32, visualizations: comparisonViz(), message, insights: [] })),
    'Compare mes dépenses de ce mois avec le mois dernier',
  )

/** A trend answer whose trend_analysis insight says `direction` (+ or −60 € a month on 2 513,36 €, over 12 months). */
const trendAnswer = (direction: string, message: string) => {
  const slope = direction === 'baisse' || direction === 'down' ? -60 : 60
  const insight = {
    type: 'trend_analysis',
    title: `Tendance des dépenses : en ${direction}`,
    description: `Vos dépenses mensuelles évoluent de ${slope} € par mois en moyenne sur 12 mois.`,
    confidence: 0.8,
    data_support: { method: 'linear_regression', months: 12, slope_per_month: slope, mean_per_month: 2513.36, direction },
    actionable: true,
    priority: 1,
  }
  return checkGrounding(
    turnOf(richBody({ total: 405, visualizations: planKpis(33508.39, 405), message, insights: [insight] })),
    'Mes tendances de dépenses',
  )
}

const FALLS = ['Tendance : ↘ baisse', 'Tendance : ↘', 'Tendance : baisse', '**Évolution** : 📉 en baisse', '- Variation : ⬇️', 'Tendance générale : ▼']
const RISES = ['Tendance : ↗ hausse', 'Tendance : ↗', 'Tendance : hausse', '**Évolution** : 📈 en hausse', '- Variation : ⬆️', 'Tendance générale : ▲']

describe('a comparison answer: the direction of a trend line is the carried change’s', () => {
  test('a fall said with an arrow, a word or both beside a carried rise fails', () => {
    for (const line of FALLS) {
      const message = `Ce mois-ci, vous avez dépensé 3 348,06 €.\n${line}`
      expect(en(comparison(message).contradictions), message).toEqual([
        `opposite direction: the message states a fall ("${line}"), but the KPI card "Total Dépenses" gives +33.2 %`,
      ])
    }
  })

  test('an arrow before an unsigned percentage gives its direction: "▼ 33,2 %" fails, "▲ 33,2 %" passes', () => {
    for (const message of ['Ce mois-ci : 3 348,06 € (↘ 33,2 %).', 'Ce mois-ci : 3 348,06 € ▼ 33,2 % par rapport au mois dernier.'])
      expect(en(comparison(message).contradictions), message).toEqual([
        'opposite direction: the message states a fall ("33,2 %"), but the KPI card "Total Dépenses" gives +33.2 %',
      ])
    for (const message of ['Ce mois-ci : 3 348,06 € (↗ 33,2 %).', 'Ce mois-ci : 3 348,06 € ▲ 33,2 % par rapport au mois dernier.'])
      expect(comparison(message).contradictions, message).toEqual([])
  })

  test('the carried rise said in every spelling passes; "2 514 € → 3 348 €" says no direction of its own', () => {
    for (const line of [...RISES, 'De 2 514,24 € → 3 348,06 €'])
      expect(comparison(`Ce mois-ci, vous avez dépensé 3 348,06 €.\n${line}`).contradictions, line).toEqual([])
  })
})

describe('a trend answer: the direction of the whole is the carried trend’s, in the contract’s words or the reference’s', () => {
  test.each(['hausse', 'up'])('beside a rising trend ("%s"), a fall in words or arrows fails, a rise passes', (direction) => {
    for (const message of [...FALLS, 'Sur 12 mois complets, vos dépenses mensuelles sont en baisse.']) {
      const reasons = en(trendAnswer(direction, message).contradictions)
      expect(reasons, message).toHaveLength(1)
      expect(reasons[0], message).toMatch(
        /^opposite direction: the message states a fall .* but the insight data trend_analysis \(up\) gives \+26\.3 %$/,
      )
    }
    expect(en(trendAnswer(direction, 'Tendance : ▼ 25 %').contradictions)).toEqual([
      'ungrounded figure: the message states 25 % as the change, but the insight data trend_analysis (up) shows +26.3 %',
    ])
    for (const message of [...RISES, 'Sur 12 mois complets, vos dépenses mensuelles sont en hausse.', 'Tendance : ▲ 25 %'])
      expect(trendAnswer(direction, message).contradictions, message).toEqual([])
  })

  test.each(['baisse', 'down'])('beside a falling trend ("%s"), a rise fails, a fall passes', (direction) => {
    for (const message of [...RISES, 'Sur 12 mois complets, vos dépenses mensuelles sont en hausse.'])
      expect(en(trendAnswer(direction, message).contradictions)[0], message).toMatch(/^opposite direction: the message states a rise/)
    for (const message of [...FALLS, 'Sur 12 mois complets, vos dépenses mensuelles sont en baisse.'])
      expect(trendAnswer(direction, message).contradictions, message).toEqual([])
  })

  test('a month’s own move is not the trend’s: "ce mois-ci, vos dépenses baissent" beside a rising trend passes', () => {
    for (const message of [
      'Ce mois-ci, vos dépenses baissent par rapport au mois dernier.',
      'En septembre, vos dépenses ont baissé.',
      'Vos dépenses ont baissé entre août et septembre, mais la tendance de fond reste à la hausse.',
    ])
      expect(trendAnswer('hausse', message).contradictions, message).toEqual([])
  })
})
