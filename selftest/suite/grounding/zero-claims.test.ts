// A claim of nothing beside results (grounding/zero-claims.ts, grounding/claims/claims-nothing.ts): "Je n'ai trouvé aucune
// transaction…" while the same answer carries results, a total or charts is a contradiction that fails the attempt,
// whatever the wording, the contract (v2, v2-charts, v3) or where the results are carried. Claims about a subset
// (anomaly answers: "aucune transaction suspecte"), another merchant, category, amount or period are not, and an
// answer that found nothing may say so.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { zeroClaims } from '../../../tests/support/grounding/zero-claims.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { referenceAnswers } from '../reference-answers.ts'
import { kpi, mainChart, planKpis, richBody, turnOf, v2ZeroResultsBody } from '../adapter/bodies.ts'

const QUESTION = 'Mes dépenses du mois dernier'
const summary = (count: number, total: number) => ({
  type: 'financial_summary',
  title: `Résumé financier : ${count} transactions`,
  description: `Débits: ${total.toFixed(2)}€`,
  confidence: 1,
  data_support: { transaction_count: count, currency: 'EUR', total_debit: total },
  actionable: false,
  priority: 0,
})

/** Ways a French answer says it found nothing (all about the answer's own scope). */
const NOTHING = [
  "Je n'ai trouvé aucune transaction correspondant à votre demande sur la période.",
  "Je n'ai trouvé aucune dépense le mois dernier.",
  'Aucun résultat pour votre recherche.',
  "Aucune opération n'a été enregistrée sur votre compte.",
  'Il n’y a aucune transaction sur cette période.',
  "Il n'y a pas de transaction à afficher.",
  "Je n'ai rien trouvé.",
  "Désolé, nous n'avons rien trouvé pour cette recherche.",
  "Je n'ai pas trouvé de dépense correspondant à votre demande.",
  "Vous n'avez effectué aucun achat le mois dernier.",
  "Vous n'avez rien dépensé le mois dernier.",
  'Vous n’avez pas dépensé d’argent ce mois-là.',
  'Votre recherche n’a donné aucun résultat.',
  'Bonjour ! Malheureusement, aucune de vos transactions ne correspond à cette demande.',
  'Pas de dépense enregistrée le mois dernier.',
  'Zéro transaction trouvée.',
  "Il n'y a rien à afficher pour cette période.",
]

/** Claims of nothing about a subset: an anomaly answer, another merchant, category, amount or period. */
const SUBSETS = [
  'Vous avez dépensé 412,30 € en 4 transactions. Aucune transaction suspecte détectée.',
  'Aucune transaction inhabituelle ce mois-ci.',
  'Aucune autre transaction ne ressort.',
  "Je n'ai trouvé aucune autre dépense chez ce marchand.",
  'Aucune dépense anormale : vos achats sont réguliers.',
  "Aucune transaction n'est inhabituelle.",
  "Aucune dépense n'a été signalée comme suspecte.",
  'Aucun paiement en double.',
  'Pas de transaction dupliquée.',
  'Aucune dépense récurrente nouvelle.',
  'En dehors de ces achats, aucune transaction.',
  'Aucune dépense chez Lidl ce mois-ci.',
  'Aucune dépense de plus de 500 € sur la période.',
  'Aucune dépense alimentaire enregistrée.',
  'En mai 2025, aucune transaction.',
  'Le mois précédent, vous n’aviez fait aucun achat.',
  'Aucune dépense importante à signaler.',
]

const found4 = (message: string) => turnOf(richBody({ message, total: 4, visualizations: planKpis(412.3, 4), insights: [summary(4, 412.3)] }))
const codes = (turn: NormalizedTurn, question = QUESTION) => checkGrounding(turn, question).contradictions.map((c) => c.code)

describe('what counts as a claim of nothing', () => {
  test.each(NOTHING)('claims nothing: %s', (text) => {
    expect(zeroClaims(text).length, text).toBeGreaterThan(0)
  })

  test('ordinary answers claim nothing', () => {
    for (const text of [
      'Vous avez dépensé 412,30 € en 4 transactions le mois dernier.',
      'Voici vos dépenses : Carrefour 56,11 €, Lidl 42,30 €.',
      "Aucun souci : vos dépenses sont stables par rapport au mois précédent, n'hésitez pas à me demander le détail.",
      'Il y a 4 transactions ce mois-ci.',
      'Pas mal de dépenses en Shopping ce mois-ci : 1 270,40 €.',
    ])
      expect(zeroClaims(text), text).toEqual([])
  })

  test.each(SUBSETS)('a subset, not the answer: %s', (text) => {
    expect(codes(found4(text))).not.toContain('check.grounding.claims_nothing')
  })
})

describe('a claim of nothing beside results is a contradiction', () => {
  test.each(NOTHING)('v2 with KPI cards, results and a financial summary: %s', (message) => {
    const r = checkGrounding(found4(message), QUESTION)
    expect(r.status, message).toBe('contradicted')
    expect(r.contradictions.map((c) => c.code)).toContain('check.grounding.claims_nothing')
  })

  test('the reason quotes the claim and the carried evidence, in both locales', () => {
    const message = "Je n'ai trouvé aucune transaction correspondant à votre demande sur la période."
    const [c] = checkGrounding(found4(message), QUESTION).contradictions
    expect(say(c!, 'en')).toBe(
      'contradiction: the message says nothing was found ("aucune transaction correspondant à votre demande sur la période"), but search_summary.total_results shows 4',
    )
    expect(say(c!, 'fr')).toBe(
      "Contradiction : le message dit n'avoir rien trouvé (« aucune transaction correspondant à votre demande sur la période »), mais search_summary.total_results indique 4",
    )
  })

  test('whichever part of the answer carries the results: only a financial summary, only KPI cards, only a chart', () => {
    const message = "Je n'ai trouvé aucune transaction sur la période."
    // The search summary says 0, yet the answer carries the rest.
    const insightOnly = turnOf(richBody({ message, found: false, total: 0, visualizations: [], insights: [summary(4, 412.3)] }))
    expect(codes(insightOnly)).toContain('check.grounding.claims_nothing')
    const kpiOnly = turnOf(richBody({ message, found: false, total: 0, visualizations: [kpi('Total Dépenses', 412.3)], insights: [] }))
    expect(codes(kpiOnly)).toContain('check.grounding.claims_nothing')
    const chart = mainChart('bar', 'Dépenses par marchand', ['Decathlon', 'Fnac'], [{ label: 'Montant', data: [300, 112.3] }])
    const chartOnly = v2ChartsTurn(message, [chart], 0)
    expect(codes(chartOnly)).toContain('check.grounding.claims_nothing')
    expect(say(checkGrounding(chartOnly, QUESTION).contradictions.find((c) => c.code === 'check.grounding.claims_nothing')!, 'en')).toContain(
      'but chart "Dépenses par marchand" shows values (412.3 in all)',
    )
  })

  test('v2-charts and v3 answers are judged the same way', () => {
    const message = "Je n'ai trouvé aucune transaction correspondant à votre demande sur la période."
    const line = mainChart('line', 'Evolution des transactions', ['2026-10-01', '2026-10-02'], [{ label: 'Montant', data: [200, 212.3] }])
    expect(codes(v2ChartsTurn(message, [line], 4))).toContain('check.grounding.claims_nothing')
    const v3 = v3Turn(message, 4, 'Total: 412.30 EUR sur 4 transactions')
    const r = checkGrounding(v3, QUESTION)
    expect(r.contradictions.map((c) => c.code)).toContain('check.grounding.claims_nothing')
    expect(r.status).toBe('contradicted')
  })

  test('an insight that claims nothing beside results is caught too', () => {
    const body = richBody({
      message: 'Vous avez dépensé 412,30 € en 4 transactions.',
      total: 4,
      visualizations: planKpis(412.3, 4),
      insights: [summary(4, 412.3), { ...summary(4, 412.3), type: 'spending_pattern', title: 'Aucune transaction trouvée', data_support: {} }],
    })
    const [c] = checkGrounding(turnOf(body), QUESTION).contradictions
    expect(c?.code).toBe('check.grounding.claims_nothing')
    expect(c?.params.where).toBe('insight')
  })

  test('the question’s own merchant, category, amount and period are the answer’s scope', () => {
    const asked = (message: string, question: string) => codes(found4(message), question)
    expect(asked("Je n'ai trouvé aucune dépense chez Decathlon le mois dernier.", 'Mes dépenses chez Decathlon le mois dernier')).toContain(
      'check.grounding.claims_nothing',
    )
    expect(asked('Aucune dépense alimentaire enregistrée.', 'Mes dépenses alimentaires du mois dernier')).toContain('check.grounding.claims_nothing')
    expect(asked('Aucune dépense de plus de 100 euros.', 'Mes dépenses de plus de 100 euros')).toContain('check.grounding.claims_nothing')
    expect(asked('En mai 2025, aucune transaction.', 'Mes dépenses de mai 2025')).toContain('check.grounding.claims_nothing')
    // A question naming no period is answered for the service's default one, which the claim may name.
    expect(asked("Je n'ai trouvé aucune dépense chez Decathlon le mois dernier.", 'Mes dépenses chez Decathlon')).toContain(
      'check.grounding.claims_nothing',
    )
    expect(asked('Aucune transaction ce mois-ci.', 'Mes transactions')).toContain('check.grounding.claims_nothing')
    // No spending is a subset of an answer about income; no income is not a claim about spending.
    expect(asked('Vous avez reçu 2 465,32 € en 1 transaction, sans aucune dépense.', 'Mes revenus du mois dernier')).not.toContain(
      'check.grounding.claims_nothing',
    )
    expect(asked("Vous n'avez rien dépensé le mois dernier.", 'Mes crédits du mois dernier')).not.toContain('check.grounding.claims_nothing')
    expect(asked('Aucun résultat pour le mois dernier.', 'Mes revenus du mois dernier')).toContain('check.grounding.claims_nothing')
    // …but not a named month or the period before.
    expect(asked('En mai 2025, aucune dépense chez Decathlon.', 'Mes dépenses chez Decathlon')).not.toContain('check.grounding.claims_nothing')
    expect(asked('Aucune transaction le mois précédent.', 'Mes transactions')).not.toContain('check.grounding.claims_nothing')
  })
})

describe('answers that found nothing may say so', () => {
  test('no answer of the reference service contradicts itself this way (anomalies, comparisons, empty searches included)', () => {
    const answers = referenceAnswers()
    expect(answers.length).toBeGreaterThan(100)
    // The healthy side is exercised: some answers really do claim nothing (empty searches) or say "aucune".
    expect(answers.filter((a) => zeroClaims(a.envelope.response.message).length > 0).length).toBeGreaterThan(0)
    const contradicted = answers.filter((a) => codes(turnOf(a.envelope), a.question).includes('check.grounding.claims_nothing'))
    expect(contradicted.map((a) => `${a.question}: ${a.envelope.response.message}`)).toEqual([])
  })

  test('the recorded zero-results shape and a reference-style empty answer stay free of this contradiction', () => {
    expect(codes(turnOf(v2ZeroResultsBody()), 'Mes achats Tesla')).toEqual([])
    for (const message of NOTHING) {
      const empty = turnOf(richBody({ message, found: false, total: 0, visualizations: [], insights: [] }))
      expect(codes(empty), message).toEqual([])
    }
    const zeros = turnOf(
      richBody({ message: NOTHING[0], found: false, total: 0, visualizations: [kpi('Total Dépenses', 0), kpi('Nombre de Transactions', 0)] }),
    )
    expect(codes(zeros)).toEqual([])
  })

  test('a v3 answer that found nothing', () => {
    expect(codes(v3Turn("Je n'ai trouvé aucune transaction.", 0, null))).toEqual([])
  })
})

const WIRE = fileURLToPath(new URL('../../../fixtures/wire/', import.meta.url))
const wire = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`${WIRE}${name}`, 'utf8')) as Record<string, unknown>

/** A v3.2.9 (harena-v2-charts) answer with main's charts, no insight, and the given total_results. */
function v2ChartsTurn(message: string, visualizations: unknown[], total: number): NormalizedTurn {
  const b = wire('harena-v2-charts-search.json')
  const body = {
    ...b,
    response: { message, structured_data: [], visualizations },
    search_summary: { found_results: total > 0, total_results: total },
  }
  const r = harenaV2ChartsAdapter.parse({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(body) })
  if (r.kind !== 'turn') throw new Error(JSON.stringify(r))
  return r.turn
}

function v3Turn(message: string, total: number, aggregations: string | null): NormalizedTurn {
  const b = wire('harena-v3-search.json')
  const body = {
    ...b,
    response: { message, structured_data: { total_results: total, aggregations_summary: aggregations } },
    search_summary: { found_results: total > 0, total_results: total },
    metadata: { ...(b.metadata as object), total_results: total },
  }
  const r = harenaV3Adapter.parse({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(body) })
  if (r.kind !== 'turn') throw new Error(JSON.stringify(r))
  return r.turn
}
