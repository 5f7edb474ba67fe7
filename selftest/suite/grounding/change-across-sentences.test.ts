// A change stated in another sentence than the totals it compares passed whatever it said (a known false GO): « En
// octobre vous avez dépensé 2 514,24 €. En septembre, 3 348,06 €. C'est une hausse de 33,2 %. » — the totals give a
// fall of 24,9 %. Without a carried change (the v3 analytical shape, fixtures/wire/harena-v3-analytical.json, here
// without its period_comparison result), a change's direction and its size are checked against the answer's own
// comparison: the sentence holding a compared amount and its baseline, else its two totals of two periods
// (tests/support/grounding/change-referent.ts, check.ts checkStatedTotals). A change about something else — a
// category, a merchant, a count, an average, another span — is left alone. Asked over real HTTP through the real
// client, v3 adapter and checks (a loopback server answering in the wire's shape).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { english, question } from '../checks/helpers.ts'
import { askScripted, type ScriptedServer, startScriptedServer } from './scripted-server.ts'

const FIXTURE = JSON.parse(readFileSync(new URL('../../../fixtures/wire/harena-v3-analytical.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, unknown>
>
const COMPARE = question({ message: 'Compare mes dépenses d’octobre avec septembre', expectedIntent: null })
const LAST_MONTH = question({ message: 'Comparaison avec le mois dernier', expectedIntent: null })
type Asked = typeof COMPARE

/**
 * The analytical answer with `message`, for user 1, carrying no change of its own (no period_comparison result) and
 * no total (the fixture's aggregations_summary states October's): only the count of 71 results.
 */
function analytical(q: Asked, message: string): string {
  const { insights: _carriedChange, ...metadata } = FIXTURE.metadata as Record<string, unknown>
  const response = { message, structured_data: { total_results: 71, aggregations_summary: '71 transaction(s) trouvée(s)' } }
  return JSON.stringify({ ...FIXTURE, user_id: 1, message: q.message, response, metadata })
}

let server: ScriptedServer
beforeAll(async () => {
  server = await startScriptedServer()
})
afterAll(async () => {
  await server.close()
})

/** The failures of `message` asked once over HTTP (the grounding's and every other check's). */
async function failures(message: string, q: Asked = COMPARE): Promise<string[]> {
  const attempt = await askScripted(server, q, harenaV3Adapter, analytical(q, message))
  return english(attempt.failures)
}

const OCT_SEP = 'En octobre vous avez dépensé 2 514,24 €. En septembre, 3 348,06 €.'
const GAP = 'the gap between the totals it states (2 514,24 € / 3 348,06 €)'

describe('a change in a sentence of its own is checked against the answer’s two totals', () => {
  test.each([
    // The review's case, and the same lie in other shapes: the totals in either order, the earlier one in the past,
    // a direction in words, a sign, the previous month named, the pair in one sentence and the change in the next.
    [`${OCT_SEP} C’est une hausse de 33,2 %.`, `opposite direction: the message states a rise ("33,2 %"), but ${GAP} gives -24.9 %`],
    [
      'En septembre, vous aviez dépensé 3 348,06 €. En octobre, 2 514,24 €. Soit une hausse de 33,2 %.',
      `opposite direction: the message states a rise ("33,2 %"), but ${GAP} gives -24.9 %`,
    ],
    [
      `${OCT_SEP} Vos dépenses sont donc en hausse.`,
      `opposite direction: the message states a rise ("Vos dépenses sont donc en hausse"), but ${GAP} gives -24.9 %`,
    ],
    [
      `${OCT_SEP} C’est une hausse de 33,2 % par rapport au mois dernier.`,
      `opposite direction: the message states a rise ("33,2 %"), but ${GAP} gives -24.9 %`,
    ],
    [`${OCT_SEP}\n\n📈 +33,2 %`, `opposite direction: the message states a rise ("+33,2 %"), but ${GAP} gives -24.9 %`],
    [
      'En octobre vous avez dépensé 2 514,24 €, contre 3 348,06 € en septembre. C’est une hausse de 33,2 %.',
      `opposite direction: the message states a rise ("33,2 %"), but ${GAP} gives -24.9 %`,
    ],
    [
      `${OCT_SEP} La plus grosse dépense : 450,00 € chez Fnac. C’est une hausse de 33,2 %.`,
      `opposite direction: the message states a rise ("33,2 %"), but ${GAP} gives -24.9 %`,
    ],
    // The right direction with the wrong size: the gap over the wrong base.
    [`${OCT_SEP} C’est une baisse de 33,2 %.`, `ungrounded figure: the message states 33,2 % as the change, but ${GAP} shows -24.9 %`],
  ])('%s → fails', async (message, failure) => {
    expect(await failures(message)).toEqual([failure])
  })

  test('relative periods: this month against last month', async () => {
    const head = 'Ce mois-ci, vous avez dépensé 3 348,06 €. Le mois dernier, vous aviez dépensé 2 514,24 €.'
    expect(await failures(`${head} C’est une baisse de 33,2 %.`, LAST_MONTH)).toEqual([
      'opposite direction: the message states a fall ("33,2 %"), but the gap between the totals it states (3 348,06 € / 2 514,24 €) gives +33.2 %',
    ])
    expect(await failures(`${head} C’est une hausse de 33,2 %.`, LAST_MONTH)).toEqual([])
  })
})

describe('a true change, or a change about something else, passes', () => {
  test.each([
    `${OCT_SEP} C’est une baisse de 24,9 %.`,
    `${OCT_SEP} C’est une baisse d’environ 25 %.`,
    `${OCT_SEP} Vos dépenses sont donc en baisse.`,
    `${OCT_SEP} C’est une baisse de 24,9 % par rapport au mois dernier.`,
    `${OCT_SEP} C’est une baisse de 24,9 %, principalement à cause du shopping.`,
    `${OCT_SEP} Soit 833,82 € de moins, une baisse de 24,9 %.`,
    'En octobre vous avez dépensé 2 514,24 €, contre 3 348,06 € en septembre. C’est une baisse de 24,9 %.',
    'Octobre : 2 514,24 €\nSeptembre : 3 348,06 €\nÉvolution : baisse de 24,9 %',
    // Another subject: a category, a merchant, a count, an average.
    `${OCT_SEP} Vos dépenses Shopping sont en hausse de 12 %.`,
    `${OCT_SEP} Vos dépenses alimentaires sont en hausse de 12 %.`,
    `${OCT_SEP} Vos dépenses chez Amazon augmentent de 40 %.`,
    `${OCT_SEP} Votre panier moyen est en hausse de 5 %.`,
    'En octobre vous avez dépensé 2 514,24 € en 71 transactions. En septembre, 3 348,06 €. Le nombre de transactions est en hausse de 20 %.',
    'En octobre vous avez dépensé 2 514,24 € en 71 transactions. En septembre, 3 348,06 €. Les transactions sont en hausse de 20 %.',
    // Another span than the two months.
    `${OCT_SEP} Depuis janvier, vos dépenses augmentent de 12 %.`,
    `${OCT_SEP} Sur l’année, vos dépenses sont en hausse de 8 %.`,
  ])('%s → passes', async (message) => {
    expect(await failures(message)).toEqual([])
  })

  test('months across a new year: décembre is before janvier', async () => {
    const q = question({ message: 'Compare mes dépenses de janvier avec décembre', expectedIntent: null })
    const head = 'En janvier, vous avez dépensé 2 100,00 €. En décembre, 2 500,00 €.'
    expect(await failures(`${head} Soit une baisse de 16 %.`, q)).toEqual([])
    expect(await failures(`${head} Soit une hausse de 19 %.`, q)).toEqual([
      'opposite direction: the message states a rise ("19 %"), but the gap between the totals it states (2 100,00 € / 2 500,00 €) gives -16 %',
    ])
  })
})
