// "expects data: no" (q13/q14): the text must not state non-zero amounts or transaction counts. The reference
// service's own answers to q13/q14 (quoted from a run of fixtures/reference) must keep passing.
import { describe, expect, test } from 'vitest'
import { statedFigures } from '../../../tests/support/checks/index.ts'
import { parse, richBody, v2ZeroResultsBody } from '../adapter/bodies.ts'
import { checkAnswer, edgeQuestion, english, question } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const noData = (message: string, insights: Array<Record<string, unknown>> = []) =>
  parse(richBody({ message, insights, found: false, visualizations: [] }))

describe('statedFigures', () => {
  test.each([
    ['Vous avez dépensé 245,30 € ce jour-là.', ['245,30 €']],
    ['Total : 245.30 EUR.', ['245.30 EUR']],
    ['Vous avez dépensé 1 234 € au total.', ['1 234 €']],
    ['Montant : € 12,50.', ['€ 12,50']],
    ['Chez ce marchand : 80 euros en 3 transactions.', ['80 euros', '3 transactions']],
    ['Vous avez effectué 2 opérations.', ['2 operations']],
  ])('%s → %j', (text, figures) => {
    expect(statedFigures(text)).toEqual(figures)
  })

  test('zero figures, "aucune", dates and durations are not figures', () => {
    for (const text of [
      "Je n'ai trouvé aucune transaction : 0 € dépensé, 0 transaction.",
      'Total : 0,00 € sur 0 transactions.',
      "Je n'ai trouvé aucune transaction le 1er janvier 1970. Votre historique couvre la période du 1er octobre 2025 au 24 novembre 2026 : essayez une date dans cet intervalle.",
      "Je n'ai trouvé aucune dépense chez XYZ_MERCHANT_INEXISTANT sur les 30 derniers jours (du 26 octobre au 24 novembre 2026). Vérifiez l'orthographe du marchand ou essayez une période plus large.",
    ]) {
      expect(statedFigures(text), text).toEqual([])
    }
  })
})

describe('no-data questions', () => {
  test('a text inventing an amount and a count fails', () => {
    const out = checkAnswer(edgeQuestion(), noData('Le 1er janvier 1970, vous avez dépensé 245,30 € en 3 transactions.'), V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, critical: null, fallback: false })
    expect(english(out.failures)).toEqual([
      'expected no amounts or transaction counts (nothing to find), observed fabricated figures on a no-data question: the message states "245,30 €", "3 transactions"',
    ])
  })

  test('an insight stating figures is fabricated data too', () => {
    const summary = {
      type: 'financial_summary',
      title: 'Résumé financier : 4 transactions',
      description: 'Débits: 412.30€',
      confidence: 1,
      data_support: {},
      actionable: false,
      priority: 0,
    }
    const out = checkAnswer(edgeQuestion(), noData("Je n'ai trouvé aucune transaction pour cette date.", [summary]), V2_OBSERVES)
    expect(english(out.failures)).toEqual([
      'expected no amounts or transaction counts (nothing to find), observed fabricated figures on a no-data question: insight "Résumé financier : 4 transactions" states "412.30€", "4 transactions"',
    ])
  })

  test('the reference answers to q13 and q14, and a zero-result answer, pass', () => {
    const q13 =
      "Je n'ai trouvé aucune transaction le 1er janvier 1970. Votre historique couvre la période du 1er octobre 2025 au 24 novembre 2026 : essayez une date dans cet intervalle."
    const q14 =
      "Je n'ai trouvé aucune dépense chez XYZ_MERCHANT_INEXISTANT sur les 30 derniers jours (du 26 octobre au 24 novembre 2026). Vérifiez l'orthographe du marchand ou essayez une période plus large."
    expect(checkAnswer(edgeQuestion(), noData(q13), V2_OBSERVES)).toEqual({ ok: true, failures: [], critical: null, fallback: false })
    expect(checkAnswer(edgeQuestion({ message: 'Dépenses chez XYZ_MERCHANT_INEXISTANT' }), noData(q14), V2_OBSERVES).ok).toBe(true)
    // The zero-result body is about Zorglub: it answers a question about Zorglub (issue 10: a "nothing found"
    // about another merchant does not answer q13).
    expect(checkAnswer(edgeQuestion({ message: 'Mes achats chez Zorglub' }), parse(v2ZeroResultsBody()), V2_OBSERVES).ok).toBe(true)
    expect(checkAnswer(edgeQuestion(), parse(v2ZeroResultsBody()), V2_OBSERVES).ok).toBe(false)
  })

  test('questions that expect data (or either) may state figures', () => {
    expect(checkAnswer(question(), parse(richBody()), V2_OBSERVES).ok).toBe(true)
    // Issue 10: figures the answer's own search summary contradicts (0 results) fail any question, grounded or not.
    expect(
      english(
        checkAnswer(
          edgeQuestion({ expectsData: null, message: 'Mes dépenses' }),
          noData('Vous avez dépensé 245,30 € en 3 transactions.'),
          V2_OBSERVES,
        ).failures,
      ),
    ).toEqual([
      'invented figure: the message states an amount (245,30 €) although the search found nothing (search_summary.total_results = 0)',
      'invented figure: the message states a transaction count (3 transactions) although the search found nothing (search_summary.total_results = 0)',
    ])
  })
})
