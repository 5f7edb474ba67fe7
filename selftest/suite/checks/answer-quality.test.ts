// Issue 10 beyond the figures: the question asked (entities, refusals about another text), everything the
// answer shows (placeholders and mojibake outside the message), another user's id anywhere in the answer.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { checkQuestionAsked, checkRefusalConcernsQuestion, questionEntities } from '../../../tests/support/checks/question-asked.ts'
import { checkShownText } from '../../../tests/support/checks/shown-text.ts'
import { exchange, kpi, planKpis, richBody, sprintChart, turnOf, v2Body, v2ZeroResultsBody } from '../adapter/bodies.ts'
import { edgeQuestion, question } from './helpers.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const en = (reasons: ReturnType<typeof checkShownText>) => reasons.map((r) => say(r, 'en'))

describe('the entities a question names', () => {
  test('merchants (after "chez", capitalised, all caps, with an underscore), categories, dates', () => {
    expect(questionEntities('Mes dépenses chez Carrefour').merchants).toEqual(['Carrefour'])
    expect(questionEntities("Combien j'ai payé à Netflix ce mois ?").merchants).toEqual(['Netflix'])
    expect(questionEntities('Transactions SNCF du dernier mois').merchants).toEqual(['SNCF'])
    expect(questionEntities('Dépenses chez XYZ_MERCHANT_INEXISTANT').merchants).toEqual(['XYZ_MERCHANT_INEXISTANT'])
    expect(questionEntities('Mes dépenses chez Big Mamma en mars').merchants).toEqual(['Big Mamma'])
    expect(questionEntities('Mes dépenses chez lafayette').merchants).toEqual(['lafayette'])
    expect(questionEntities('Mes dépenses Optic 2000')).toEqual({
      merchants: ['Optic 2000'],
      categories: [],
      dates: [],
      breakdown: null,
      amount: false,
    })
    expect(questionEntities('Mes dépenses alimentaires ce mois-ci').categories).toEqual(['Alimentation'])
    expect(questionEntities("Combien j'ai dépensé en transport ?").categories).toEqual(['Transport'])
    expect(questionEntities('Mes transactions du 1er janvier 1970').dates).toEqual(['1 janvier 1970'])
    for (const q of ['Mes dépenses du mois dernier', 'Mes trucs', 'Répartition de mes dépenses par catégorie', 'Mes dépenses à Noël']) {
      expect(questionEntities(q), q).toMatchObject({ merchants: [], categories: [], dates: [] })
    }
  })
})

describe('the question asked', () => {
  const zero = (message: string) => turnOf({ ...v2ZeroResultsBody(), response: { message, structured_data: [] } })

  test('an answer naming the entity, or a "nothing found" that names no other merchant, addresses the question', () => {
    expect(checkQuestionAsked('Dépenses chez XYZ_MERCHANT_INEXISTANT', zero("Je n'ai trouvé aucune dépense chez XYZ_MERCHANT_INEXISTANT."))).toEqual(
      [],
    )
    expect(checkQuestionAsked('Dépenses chez XYZ_MERCHANT_INEXISTANT', zero("Je n'ai trouvé aucune dépense chez ce marchand."))).toEqual([])
    expect(checkQuestionAsked('Mes transactions du 1er janvier 1970', zero("Je n'ai trouvé aucune transaction le 1er janvier 1970."))).toEqual([])
    const carrefour = turnOf(
      richBody({
        subtype: 'by_merchant',
        message: 'Vous avez dépensé 300,00 € en 3 transactions.',
        visualizations: [
          ...planKpis(300, 3),
          sprintChart('bar_chart', 'Dépenses chez Carrefour', ['2026-11-01'], [{ label: 'Montant', data: [300] }]),
        ],
      }),
    )
    expect(checkQuestionAsked('Mes dépenses chez Carrefour', carrefour)).toEqual([]) // named by the chart title
    // The answer that repeats the question word for word names the merchant too (review 2026-12-04: blanking the
    // echo failed "Mes dépenses chez Carrefour sur les 30 derniers jours : 154,73 €").
    const echoing = turnOf(
      richBody({ subtype: 'by_merchant', message: 'Mes dépenses chez Carrefour sur les 30 derniers jours : 154,73 € en 3 transactions.' }),
    )
    expect(checkQuestionAsked('Mes dépenses chez Carrefour', echoing)).toEqual([])
    const named = turnOf(richBody({ subtype: 'by_merchant', message: 'Chez Carrefour, vous avez dépensé 300,00 € en 3 transactions.' }))
    expect(checkQuestionAsked('Mes dépenses chez Carrefour', named)).toEqual([])
    const food = turnOf(richBody({ message: 'Vos dépenses Alimentation s’élèvent à 300,00 €.' }))
    expect(checkQuestionAsked('Mes dépenses alimentaires ce mois-ci', food)).toEqual([])
  })

  test('a "nothing found" about another merchant, a data answer about another one, a missing category fail', () => {
    expect(en(checkQuestionAsked('Dépenses chez XYZ_MERCHANT_INEXISTANT', zero("Je n'ai trouvé aucun achat Tesla dans votre historique.")))).toEqual([
      'off-topic answer: the question names merchant "XYZ_MERCHANT_INEXISTANT", which the answer never mentions; the answer finds nothing for Tesla',
    ])
    const lidl = turnOf(richBody({ message: 'Chez Lidl, vous avez dépensé 300,00 € en 3 transactions.' }))
    expect(en(checkQuestionAsked('Mes dépenses chez Carrefour', lidl))).toEqual([
      'off-topic answer: the question names merchant "Carrefour", which the answer never mentions; the answer speaks of Lidl',
    ])
    const transport = turnOf(richBody({ message: 'Vos dépenses Transport s’élèvent à 300,00 €.' }))
    expect(say(checkQuestionAsked('Mes dépenses alimentaires ce mois-ci', transport)[0] ?? { code: '', params: {} }, 'fr')).toBe(
      'Réponse hors sujet : la question porte sur la catégorie « Alimentation », que la réponse ne mentionne pas',
    )
  })

  test('a 4xx on an edge case must concern that question', () => {
    const sql = checkRefusalConcernsQuestion('Mes trucs', 'body.message: Pattern non autorisé détecté', ['SELECT * FROM transactions'])
    expect(en(sql)).toEqual([
      'refusal about another text: the error concerns "SELECT * FROM transactions", not the question asked (body.message: Pattern non autorisé détecté)',
    ])
    expect(en(checkRefusalConcernsQuestion('Mes trucs', 'Pattern non autorisé détecté: contenu potentiellement malveillant', []))).toEqual([
      'unrelated refusal: "Pattern non autorisé détecté: contenu potentiellement malveillant" refuses malicious content the question does not contain',
    ])
    expect(
      checkRefusalConcernsQuestion('SELECT * FROM transactions', 'Pattern non autorisé détecté: contenu potentiellement malveillant', [
        'SELECT * FROM transactions',
      ]),
    ).toEqual([])
    expect(checkRefusalConcernsQuestion('Mes trucs', 'Marchand introuvable', [])).toEqual([])
    const body = {
      detail: [
        { type: 'value_error', loc: ['body', 'message'], msg: 'Value error, Pattern non autorisé détecté', input: 'SELECT * FROM transactions' },
      ],
    }
    expect(checkAttempt(edgeQuestion({ message: 'Mes trucs', expectsData: null }), harenaV2Adapter.parse(exchange(body, 422)), V2_OBSERVES).ok).toBe(
      false,
    )
  })
})

describe('everything the answer shows', () => {
  const insight = (title: string, description: string) => ({
    type: 'spending_pattern',
    title,
    description,
    confidence: 0.8,
    data_support: {},
    actionable: false,
    priority: 1,
  })

  test('placeholders in insights, chart titles, labels and descriptions, KPI titles', () => {
    const turn = turnOf(
      richBody({
        insights: [insight('Dépenses chez {merchant_name}', 'Vous avez dépensé None € ce mois-ci, soit nan€ par jour.')],
        visualizations: [
          kpi('Total {label}', 300),
          kpi('Nombre de Transactions', 3),
          kpi('Montant Moyen', 100),
          sprintChart('pie_chart', 'Répartition undefined', ['Alimentation', 'NaN'], [{ label: 'Montant', data: [200, 100] }]),
        ],
      }),
    )
    expect(en(checkShownText(turn))).toEqual([
      'expected no leaked placeholder in insight 1 title, observed template braces {…} in "Dépenses chez {merchant_name}"',
      'expected no leaked placeholder in insight 1 description, observed None in "Vous avez dépensé None € ce mois-ci, soit nan€ par j…"',
      'expected no leaked placeholder in KPI card 1 title, observed template braces {…} in "Total {label}"',
      'expected no leaked placeholder in visualization 4 title, observed undefined in "Répartition undefined"',
      'expected no leaked placeholder in visualization 4 label, observed NaN in "NaN"',
      // The chart's description shows the title again (bodies.ts sprintChart): every shown text is read.
      'expected no leaked placeholder in visualization 4 description, observed undefined in "Répartition undefined (test)"',
    ])
    expect(say(checkShownText(turn)[0] ?? { code: '', params: {} }, 'fr')).toBe(
      'Marqueur non remplacé template braces {…} dans le titre de l\'insight 1 : "Dépenses chez {merchant_name}"',
    )
  })

  test('mojibake (UTF-8 read as latin-1) in the message or any shown text; clean French stays clean', () => {
    const turn = turnOf(richBody({ message: 'Vos dÃ©penses du mois : 300,00 â‚¬.', insights: [insight('RÃ©sumÃ©', 'ok')] }))
    expect(checkShownText(turn).map((r) => [r.code, r.params.field])).toEqual([
      ['check.shown.mojibake', 'message'],
      ['check.shown.mojibake', 'insight 1 title'],
    ])
    expect(checkShownText(turn.message === '' ? turn : turnOf(richBody({ message: 'Âgé, déçu, où, à côté, 12 €, « guillemets »' })))).toEqual([])
  })
})

describe('another user’s data is a critical bug', () => {
  test('query.user_id, nested user ids and the X-User-ID header are checked against the user asked for', () => {
    const body = v2Body({ user_id: 1 })
    const leaked = { ...body, query: { ...(body.query as object), user_id: 2 } }
    const out = harenaV2Adapter.parse({ ...exchange(leaked, 200, { 'x-user-id': '2' }), requestedUserId: 1 })
    expect(out).toMatchObject({
      kind: 'contract_violation',
      issues: [
        "query.user_id: answer for user_id 2, asked for user 1 (another user's data)",
        "header X-User-ID: answer for user_id 2, asked for user 1 (another user's data)",
      ],
    })
    const nested = {
      ...body,
      response: {
        ...(body.response as object),
        structured_data: [
          { type: 'x', title: 't', description: 'd', confidence: 1, data_support: { owner: { userId: '3' } }, actionable: false, priority: 0 },
        ],
      },
    }
    expect(harenaV2Adapter.parse({ ...exchange(nested), requestedUserId: 1 })).toMatchObject({
      kind: 'contract_violation',
      issues: ["response.structured_data[0].data_support.owner.userId: answer for user_id 3, asked for user 1 (another user's data)"],
    })
    expect(checkAttempt(question(), harenaV2Adapter.parse({ ...exchange(leaked), requestedUserId: 1 }), V2_OBSERVES)).toMatchObject({
      ok: false,
      critical: 'contract',
    })
    expect(harenaV2Adapter.parse({ ...exchange(body, 200, { 'x-user-id': '1' }), requestedUserId: 1 }).kind).toBe('turn')
  })
})
