// The analysis a question's kind asks must be in the answer (review: on harena-v3 the reference's answers cut to
// their search summary — q10 without an anomaly, q11 without a trend, q12 without the comparison, q07 without its
// total — got GO, buffered and streamed). The kind comes from the question's plan intent, not its id; the reference
// service's answers on every generation and answers in the recorded shapes (netflix-shapes.ts) still pass, and on v2
// what the answer carries (insights, charts, KPI cards) may hold the analysis beside a short text
// (tests/support/checks/analysis-stated.ts).
import { describe, expect, test } from 'vitest'
import { loadQuestionsFor, type ResolvedQuestion } from '../../../core/questions.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { analysisKind, checkAnalysisStated } from '../../../tests/support/checks/analysis-stated.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { exchange, turnOf } from '../adapter/bodies.ts'
import { netflixV2, netflixV3 } from '../grounding/netflix-shapes.ts'
import { referenceTurn } from '../reference-turns.ts'
import { english, question } from './helpers.ts'

const PLAN = 'fixtures/questions.json'
const plan = { v2: loadQuestionsFor(PLAN, 'harena-v2'), v3: loadQuestionsFor(PLAN, 'harena-v3') }
const asked = (wire: 'v2' | 'v3', message: string): ResolvedQuestion => {
  const q = plan[wire].find((x) => x.message === message)
  if (q === undefined) throw new Error(message)
  return q
}
const ANOMALIES = 'Quelles sont mes dépenses inhabituelles ?'
const TREND = 'Mes tendances de dépenses'
const COMPARISON = 'Comparaison avec le mois dernier'
const CARREFOUR = 'Mes dépenses chez Carrefour'

// The review's cuts (its fake rewrote the reference's text): the first sentence only, the comparison's sentence
// dropped, the bold total dropped.
const firstSentence = (t: string): string => t.replace(/^([^.]*?\)\.|[^.]*?\.)(\s.*)$/s, '$1')
const dropCompare = (t: string): string => t.replace(/ C'est à comparer[^.]*\./, '')
const dropTotal = (t: string): string => t.replace(/\*\*[^*]+\*\*\s?/, '')
const CUTS: ReadonlyArray<[string, (t: string) => string, string]> = [
  [ANOMALIES, firstSentence, 'its unusual spending'],
  [TREND, firstSentence, 'a trend'],
  [COMPARISON, dropCompare, 'a comparison'],
  [CARREFOUR, dropTotal, 'a total'],
]

/** A turn whose text is `message`, its stated length (v3 response_length) recomputed as the service computes it. */
const saying = (turn: NormalizedTurn, message: string): NormalizedTurn => ({
  ...turn,
  message,
  ...(turn.statedLength !== undefined ? { statedLength: [...message].length } : {}),
})
const missing = (q: ResolvedQuestion, turn: NormalizedTurn): string[] => english(checkAnalysisStated(q, turn))

describe('the kind of analysis comes from the question’s intent, on every contract', () => {
  test('the plan’s questions', () => {
    for (const wire of ['v2', 'v3'] as const) {
      const kinds = Object.fromEntries(plan[wire].map((q) => [q.id, analysisKind(q)]))
      expect(kinds, wire).toEqual({
        ...Object.fromEntries(['q01', 'q02', 'q03', 'q04', 'q05', 'q06', 'q07', 'q08', 'q09'].map((id) => [id, 'total'])),
        q10: 'anomalies',
        q11: 'trend',
        q12: 'comparison',
        q13: null,
        q14: null,
        q15: null,
      })
    }
  })

  test('another question file: the intent decides, never the id', () => {
    const q = question({ id: 'q99', message: 'Y a-t-il des achats bizarres ?', expectedIntent: 'analytics.anomalies' })
    expect(analysisKind(q)).toBe('anomalies')
    expect(analysisKind({ ...q, expectedIntent: 'financial_analysis|financial_query', planIntent: 'analytics.trend' })).toBe('trend')
    expect(analysisKind({ ...q, expectedIntent: 'comparative_analysis' })).toBe('comparison')
    expect(analysisKind(question({ id: 'q10', message: ANOMALIES, expectedIntent: 'CONVERSATIONAL' }))).toBeNull()
  })
})

describe('harena-v3: the reference’s answers cut to their summary fail, naming the analysis missing', () => {
  test.each(CUTS)('%s', (message, cut, analysis) => {
    const q = asked('v3', message)
    const turn = referenceTurn(message, 'v3')
    const cutTurn = saying(turn, cut(turn.message))
    expect(cutTurn.message).not.toBe(turn.message)
    const failures = missing(q, cutTurn)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toContain(`off-topic answer: the question asks for ${analysis}`)
    // Through the whole judgement of an attempt: a note of the answer, not a failure (tests/support/checks/index.ts
    // observeAttempt: its word lists failed healthy phrasings, review 2026-12-06).
    const outcome = checkAttempt(q, { kind: 'turn', turn: cutTurn }, harenaV3Adapter.observes)
    expect(english(outcome.failures)).toEqual([])
    expect(english(observeAttempt(q, { kind: 'turn', turn: cutTurn })?.notes ?? [])).toEqual(failures)
    // The same question from another file, under another id: the same failure.
    expect(missing({ ...q, id: 'custom-1' }, cutTurn)).toEqual(failures)
  })

  test('on a stream too (no stated length, the text alone)', () => {
    const q = asked('v3', ANOMALIES)
    const { statedLength: _length, ...turn } = referenceTurn(ANOMALIES, 'v3')
    expect(missing(q, { ...turn, message: firstSentence(turn.message) })).toHaveLength(1)
  })
})

describe('answers that state the analysis pass', () => {
  test('every reference answer to the plan, on v2 and v3', () => {
    for (const wire of ['v2', 'v3'] as const)
      for (const q of plan[wire]) {
        const turn = referenceTurn(q.message, wire)
        expect(missing(q, turn), `${wire} ${q.id}`).toEqual([])
        expect(checkAttempt(q, { kind: 'turn', turn }, (wire === 'v2' ? harenaV2Adapter : harenaV3Adapter).observes).ok, `${wire} ${q.id}`).toBe(true)
      }
  })

  test.each([
    [ANOMALIES, 'Sur les 13 derniers mois, vous avez dépensé 33 508,39 €. Je n’ai détecté aucune anomalie.'],
    [ANOMALIES, 'Sur 405 transactions, rien d’inhabituel : vos dépenses restent dans vos habitudes.'],
    [ANOMALIES, 'Sur 405 transactions, aucune dépense ne sort de l’ordinaire.'],
    [ANOMALIES, 'Une dépense se démarque : 689,00 € chez Optic 2000 le 9 juin 2026.'],
    [ANOMALIES, 'J’ai repéré un achat inhabituel de 689,00 € le 9 juin 2026, chez votre opticien.'],
    [ANOMALIES, '**Dépenses inhabituelles**\n\n- 689,00 € chez votre opticien\n- 412,00 € de billets d’avion'],
    [ANOMALIES, 'Voici ce qui sort de l’ordinaire :\n- le 9 juin 2026, une grosse facture d’optique'],
    [TREND, 'Sur 13 mois, 33 508,39 € au total ; vos dépenses mensuelles sont stables.'],
    [TREND, 'Sur 13 mois, 33 508,39 € au total : vos dépenses sont en hausse depuis l’été.'],
    [TREND, 'Le mois le plus dépensier est août 2026 (3 105,92 €), le plus calme septembre 2026 (2 098,72 €).'],
    [TREND, 'Vos dépenses sont passées de 2 098,72 € en septembre à 3 348,06 € en novembre.'],
    [COMPARISON, 'Ce mois-ci, 3 348,06 €, contre 2 514,24 € à la même date le mois dernier.'],
    [COMPARISON, 'Ce mois-ci, vous avez dépensé 3 348,06 €, soit 833,82 € de plus que le mois dernier.'],
    [COMPARISON, 'Vos dépenses sont en hausse de 33,2 % par rapport au mois dernier (3 348,06 €).'],
    [COMPARISON, 'Ce mois-ci, 3 348,06 € : autant que le mois dernier à la même date.'],
    [CARREFOUR, 'Chez Carrefour, 1 transaction sur les 30 derniers jours : 56,11 €.'],
    [CARREFOUR, 'Chez Carrefour, sur les 30 derniers jours, vous n’avez rien dépensé en 0 transaction.'],
  ])('%s → %s', (message, text) => {
    const q = asked('v3', message)
    expect(missing(q, saying(referenceTurn(message, 'v3'), text))).toEqual([])
  })

  test('answers in the recorded shapes (v2 with its insights, v3) for a total question', () => {
    const q = question({ message: 'Mes dépenses Netflix ?', expectedIntent: 'transaction_search.by_merchant' })
    for (const variant of ['healthy', 'long'] as const) expect(missing(q, turnOf(netflixV2(variant))), variant).toEqual([])
    const v3 = harenaV3Adapter.parse(exchange(netflixV3('healthy')))
    if (v3.kind !== 'turn') throw new Error(v3.kind)
    expect(missing({ ...q, planIntent: q.expectedIntent, expectedIntent: 'financial_query' }, v3.turn)).toEqual([])
  })
})

describe('on v2, what the answer carries may hold the analysis beside a short text', () => {
  test.each(CUTS)('%s', (message, cut) => {
    const v2 = referenceTurn(message, 'v2')
    expect(missing(asked('v2', message), saying(v2, cut(v2.message))), 'v2 carries it').toEqual([])
    // The same text without what v2 carries (v3's wire): the text must say it.
    expect(missing(asked('v2', message), { ...saying(v2, cut(v2.message)), insights: [], visualizations: [] })).toHaveLength(1)
  })

  test('the recorded v2 shape: a short anomaly text beside its unusual_transaction insight', () => {
    const q = question({ message: ANOMALIES, expectedIntent: 'analytics.anomalies' })
    const body = netflixV2('healthy')
    const turn = harenaV2Adapter.parse(exchange(body))
    if (turn.kind !== 'turn') throw new Error(turn.kind)
    const short = { ...turn.turn, message: 'Vous avez effectué 80 transactions Netflix pour 1 050,20 €.' }
    expect(missing(q, short)).toEqual([])
    expect(missing(q, { ...short, insights: [] })).toHaveLength(1)
  })
})

test.each([
  'Sur les 13 derniers mois, vous avez dépensé 33 508,39 € en 405 transactions. Je n’ai pas pu analyser vos dépenses inhabituelles.',
  'Vous avez dépensé 33 508,39 € en 405 transactions (montant moyen : 82,74 €).',
])('an anomaly answer that names none and says none fails: %s', (text) => {
  const q = asked('v3', ANOMALIES)
  expect(missing(q, saying(referenceTurn(ANOMALIES, 'v3'), text))).toHaveLength(1)
})

describe('named once: other rules already name an answer with no figure or no amount', () => {
  test('no figure at all, or no amount to a "how much": not this rule', () => {
    const q = asked('v3', CARREFOUR)
    expect(missing(q, saying(referenceTurn(CARREFOUR, 'v3'), 'Voici vos dépenses chez Carrefour.'))).toEqual([])
    const howMuch = asked('v3', "Combien j'ai dépensé en transport ?")
    expect(missing(howMuch, saying(referenceTurn(howMuch.message, 'v3'), 'Transport : 5 transactions.'))).toEqual([])
  })
})
