// A dot inside a number ("1.270,40 €", "1499.00 €", the forms docs/grounding.md says are read) does not end its
// sentence: the readings that go sentence by sentence — a ranking of a subset ("hors loyer, …", grounding/sentences.ts
// sentenceBefore), the merchant of an unusual transaction (anomalies.ts namedAnomalyMerchants), a list of parts with
// one for the rest (claims/parts-sum.ts) — read the whole sentence whatever the writer's digit separators, in the
// grounding and in the ground truth. Before, "1.499,00 €" cut "un achat inhabituel Apple de 1.499,00 €" in two (the
// invented Apple passed), and a sentence with such an amount took the previous sentence's "hors loyer" as its own.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { type AnomalyCarriers, checkGroundTruth } from '../../../tests/support/ground-truth/check.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { exchange, planKpis, richBody, sprintChart, turnOf, v3ComparisonBody } from '../adapter/bodies.ts'

const pie = sprintChart(
  'pie_chart',
  'Répartition par Catégorie',
  ['Shopping', 'Logement', 'Alimentation', 'Transport', 'Restaurants', 'Autres'],
  [{ label: 'Montant', data: [1270.4, 1150, 426.49, 234.88, 131.87, 282.11] }],
)
const unusualChart = sprintChart(
  'bar_chart',
  'Dépenses Inhabituelles',
  ['Optic 2000 (2026-06-09)', 'Fnac (2026-11-18)', 'Steam (2026-01-31)'],
  [{ label: 'Montant', data: [689, 1249, 389.99] }],
)
/** The grounding of a v2 answer to `question` carrying its total, its count and `chart`. */
const grounded = (question: string, total: number, count: number, chart: ReturnType<typeof sprintChart>) => (message: string) =>
  checkGrounding(turnOf(richBody({ total: count, visualizations: [...planKpis(total, count), chart], message, insights: [] })), question)
const breakdown = grounded('Répartition de mes dépenses par catégorie sur les 30 derniers jours', 3495.75, 38, pie)
const unusual = grounded('Quelles sont mes dépenses inhabituelles ?', 33508.39, 405, unusualChart)
const codes = (r: ReturnType<typeof checkGrounding>) => r.contradictions.map((c) => c.code)
const en = (r: ReturnType<typeof checkGrounding>) => r.contradictions.map((c) => say(c, 'en'))

// The same amounts written three ways: spaced thousands, dotted thousands, a decimal dot.
const written = (spaced: string): string[] => [
  spaced,
  spaced.replace(/(\d) (\d{3},\d\d)/g, '$1.$2'),
  spaced.replace(/(\d) (\d{3}),(\d\d)/g, '$1$2.$3').replace(/(\d),(\d\d) €/g, '$1.$2 €'),
]

describe('a dot inside a number does not end its sentence', () => {
  test('a ranking is of a subset only by its own sentence’s words', () => {
    for (const message of written(
      'Hors loyer, rien à signaler. Sur 3 495,75 € de dépenses, votre premier poste est le Logement, devant le Shopping.',
    ))
      expect(en(breakdown(message)), message).toEqual([
        'ungrounded figure: the message ranks Logement first, but chart "Répartition par Catégorie" ranks Shopping first (1270.40 € against 1150.00 €)',
      ])
    // Its own "hors …" still makes it a subset's ranking, whatever the digits.
    for (const message of written('Hors Shopping, sur 3 495,75 € de dépenses, votre premier poste est le Logement.'))
      expect(breakdown(message).contradictions, message).toEqual([])
  })

  test('a list of parts with one for the rest makes the total', () => {
    for (const message of written('Répartition : Shopping 1 270,40 €, Logement 1 150,00 €, Alimentation 426,49 €, Autres 282,11 €.'))
      expect(codes(breakdown(message)), message).toEqual(['check.grounding.parts_sum'])
    for (const message of written(
      'Répartition : Shopping 1 270,40 €, Logement 1 150,00 €, Alimentation 426,49 €, Transport 234,88 €, Restaurants 131,87 €, Autres 282,11 €.',
    ))
      expect(breakdown(message).contradictions, message).toEqual([])
  })

  test('an unusual transaction at a merchant the answer does not carry is invented', () => {
    for (const message of written('Vos dépenses inhabituelles incluent un achat Apple de 1 499,00 € le 3 mai 2026.'))
      expect(en(unusual(message)), message).toEqual([
        'invented figure: the message describes an unusual transaction at Apple, which chart "Dépenses Inhabituelles" does not carry (Optic 2000, Fnac, Steam)',
      ])
    for (const message of written('Vos dépenses inhabituelles incluent un achat chez Fnac de 1 249,00 € le 18 novembre 2026.'))
      expect(unusual(message).contradictions, message).toEqual([])
  })

  // A v3 answer: no chart, no insight — the truth judges what its text states.
  const v3: AnomalyCarriers = { contract: 'harena-v3', observes: harenaV3Adapter.observes, insightLimit: harenaV3Adapter.insightLimit }
  const turn = (message: string) => {
    const parsed = harenaV3Adapter.parse(exchange(JSON.parse(v3ComparisonBody('Mes dépenses', message))))
    if (parsed.kind !== 'turn') throw new Error(`expected a turn, got ${JSON.stringify(parsed)}`)
    return parsed.turn
  }
  const failures = (truth: Parameters<typeof checkGroundTruth>[0], message: string) =>
    checkGroundTruth(truth, 0.01, turn(message), v3).failures.map((f) => f.code)

  test('the ground truth reads the same sentences: the part ranked first', () => {
    for (const message of written('Hors loyer, rien à signaler. Sur 3 495,75 € de dépenses, votre premier poste est le Logement.'))
      expect(failures({ topCategory: 'Shopping' }, message), message).toEqual(['truth.top_stated'])
  })

  test('the ground truth reads the same sentences: an unusual transaction at a merchant it does not list', () => {
    const anomalies = { anomalies: [{ id: 1000445, merchant: 'Fnac', date: '2026-11-18' }] }
    for (const message of written('Vos dépenses inhabituelles incluent un achat Apple de 1 499,00 € le 3 mai 2026.'))
      expect(failures(anomalies, message), message).toContain('truth.anomaly_unknown')
  })
})
