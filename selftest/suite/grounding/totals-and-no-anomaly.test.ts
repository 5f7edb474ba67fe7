// Two errors a last review found through the real suite (2026-12-05), asked over real HTTP (a loopback server, the
// real client, v2/v3 adapters, checkAttempt and the ground truth as the suite joins it):
// - without a carried change, a change's direction is checked against the two amounts of its own sentence, never a
//   total stated elsewhere ("Sur 13 mois, vous avez dépensé 33 508,39 €" is no baseline of a month-on-month fall);
// - a claim of no unusual spending in other words ("aucune anomalie", "rien d'inhabituel : aucune de vos 405
//   transactions ne sort de l'ordinaire") contradicts the unusual_transaction insights (v2) and, on any wire, a
//   ground truth that lists anomalies (v3 carries no list of its own);
// - a direction said in words (no change figure) is checked against the two amounts of its sentence too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GroundTruth } from '../../../core/ground-truth.ts'
import type { ContractAdapter } from '../../../tests/support/turn.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkAttempt, observeAttempt } from '../../../tests/support/checks/index.ts'
import { withGroundTruth } from '../../../tests/support/ground-truth/attempt.ts'
import { kpi, richBody } from '../adapter/bodies.ts'
import { english, question } from '../checks/helpers.ts'
import { askScripted, type ScriptedServer, startScriptedServer } from './scripted-server.ts'

const TRENDS = question({ id: 'q11', message: 'Mes tendances de dépenses', expectedIntent: null })
const COMPARE = question({ message: 'Comparaison avec le mois dernier', expectedIntent: null })
const UNUSUAL = question({ id: 'q10', message: 'Y a-t-il des transactions inhabituelles ?', expectedIntent: null })
type Asked = typeof TRENDS

/** A v3 answer (docs/wire-contracts.md §6.3): 405 transactions found, no change and no insight carried. */
function v3Body(q: Asked, message: string): string {
  return JSON.stringify({
    user_id: 1,
    message: q.message,
    status: 'completed',
    response: { message, structured_data: { total_results: 405, aggregations_summary: '405 transaction(s) trouvée(s)' } },
    search_summary: { found_results: true, total_results: 405 },
    metadata: { pipeline_time_ms: 2, intent: 'analytics', analytical: true, num_queries_executed: 1 },
    architecture: 'v3_langchain_agents',
  })
}

/** An unusual_transaction insight as the v2 wire carries it. */
const unusual = (id: number, merchant: string, date: string, amount: number) => ({
  type: 'unusual_transaction',
  title: 'Dépense inhabituelle détectée (Analytics)',
  description: `Dépense de ${amount} € chez ${merchant} le ${date}.`,
  confidence: 0.95,
  data_support: { transaction_id: id, amount, merchant_name: merchant, date, transaction_type: 'debit' },
  actionable: true,
  priority: 1,
})
const INSIGHTS = [unusual(11, 'Optic 2000', '2026-06-09', 689), unusual(12, 'Fnac', '2026-11-18', 1249)]

/** A v2 answer over 405 transactions (the count card), with or without the two unusual_transaction insights. */
const v2Unusual = (message: string, insights: typeof INSIGHTS): string =>
  JSON.stringify({
    ...richBody({ total: 405, visualizations: [kpi('Nombre de Transactions', 405)], message, insights }),
    message: UNUSUAL.message,
  })

const TRUTH: GroundTruth = {
  tolerance: 0.01,
  questions: {
    q10: {
      anomalies: [
        { id: 11, merchant: 'Optic 2000', date: '2026-06-09' },
        { id: 12, merchant: 'Fnac', date: '2026-11-18' },
      ],
    },
  },
}
const NO_ANOMALY: GroundTruth = { tolerance: 0.01, questions: { q10: { anomalies: [] } } }

let server: ScriptedServer

beforeAll(async () => {
  server = await startScriptedServer()
})
afterAll(async () => {
  await server.close()
})

/** The question asked once over HTTP against `body`, judged as the suite judges it (with `truth` when given). */
async function failures(q: Asked, body: string, adapter: ContractAdapter, truth?: GroundTruth): Promise<string[]> {
  const carriers = { contract: adapter.name, observes: adapter.observes, insightLimit: adapter.insightLimit }
  const check = withGroundTruth(checkAttempt, observeAttempt, truth, carriers).check
  // richBody answers for user 7
  const attempt = await askScripted(server, q, adapter, body, { check, userId: adapter === harenaV2Adapter ? 7 : 1 })
  return english(attempt.failures)
}

describe('a change against the two amounts of its own sentence (v3, no change carried)', () => {
  const trends = (message: string) => failures(TRENDS, v3Body(TRENDS, message), harenaV3Adapter)

  test('a month-on-month fall beside a 13-month total stated elsewhere passes', async () => {
    expect(
      await trends(
        'Vos dépenses de septembre 2026 (2 098,72 €) sont en baisse d’environ 32 % par rapport à août (3 105,92 €). Sur 13 mois, vous avez dépensé 33 508,39 € en 405 transactions.',
      ),
    ).toEqual([])
  })

  test('the same sentence with the wrong direction still fails, quoting its own two amounts', async () => {
    expect(
      await trends(
        'Vos dépenses de septembre 2026 (2 098,72 €) sont en hausse d’environ 32 % par rapport à août (3 105,92 €). Sur 13 mois, vous avez dépensé 33 508,39 € en 405 transactions.',
      ),
    ).toEqual([
      'opposite direction: the message states a rise ("32 %"), but the gap between the totals it states (2 098,72 € / 3 105,92 €) gives -32.4 %',
    ])
  })
})

describe('a direction said in words beside the two amounts of its sentence (v3)', () => {
  const compare = (message: string) => failures(COMPARE, v3Body(COMPARE, message), harenaV3Adapter)

  test('"en baisse" from 2 514,24 € to 3 348,06 € fails; "en hausse" passes', async () => {
    const found = await compare('Par rapport au mois dernier (2 514,24 €), vos dépenses sont en baisse : 3 348,06 € ce mois-ci.')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(
      /^opposite direction: the message states a fall \("Par rapport au mois dernier .*en baisse.*"\), but the gap between the totals it states \(3 348,06 € \/ 2 514,24 €\) gives \+33\.2 %$/,
    )
    expect(await compare('Par rapport au mois dernier (2 514,24 €), vos dépenses sont en hausse : 3 348,06 € ce mois-ci.')).toEqual([])
  })
})

describe('a claim of no unusual spending in other words', () => {
  const claims = [
    "Je n'ai relevé aucune anomalie dans vos dépenses des 13 derniers mois.",
    "Rien d'inhabituel : aucune de vos 405 transactions ne sort de l'ordinaire.",
    "Aucune transaction suspecte ou inhabituelle n'a été repérée sur vos 405 opérations.",
  ]

  test('v3: contradicts a ground truth that lists anomalies', async () => {
    for (const message of claims) {
      const found = await failures(UNUSUAL, v3Body(UNUSUAL, message), harenaV3Adapter, TRUTH)
      expect(found, message).toHaveLength(1)
      expect(found[0], message).toMatch(/^ground truth: the answer says nothing is unusual \(".+"\), but 2 anomalies are expected$/)
    }
  })

  test('v2: contradicts the unusual_transaction insights', async () => {
    for (const message of claims) {
      const found = await failures(UNUSUAL, v2Unusual(message, INSIGHTS), harenaV2Adapter)
      expect(found, message).toHaveLength(1)
      expect(found[0], message).toMatch(/says nothing was found \(".+"\), but the insight data unusual_transaction shows 2$/)
    }
  })

  test('beside no insight and a truth listing none, or about a subset, it passes', async () => {
    for (const message of ["Aucune anomalie n'a été détectée.", ...claims]) {
      expect(await failures(UNUSUAL, v3Body(UNUSUAL, message), harenaV3Adapter, NO_ANOMALY), message).toEqual([])
      expect(await failures(UNUSUAL, v2Unusual(message, []), harenaV2Adapter), message).toEqual([])
    }
    const subset = 'J’ai repéré 2 dépenses inhabituelles : 689 € chez Optic 2000 et 1 249 € chez Fnac ; aucune autre dépense inhabituelle.'
    expect(await failures(UNUSUAL, v2Unusual(subset, INSIGHTS), harenaV2Adapter)).toEqual([])
  })
})
