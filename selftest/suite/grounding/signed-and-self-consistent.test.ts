// Review 2026-12-06 (false GOs, runnable repros in the review's negative-amounts and stream-text-inconsistent):
// 1. a wrong figure written with a minus sign (« vous avez dépensé -2 999,99 € » beside a card of 2 661,93 €) was
//    never checked: every signed amount was read as a difference. A minus makes a change only when the words make
//    one (figures.ts signedChange); otherwise a debit written negative is the amount itself, compared in absolute value;
// 2. figures of one text that contradict each other passed when nothing carries them (streams): total ≈ count ×
//    average, a fall announced as a rise, a part larger than the whole (claims/text-facts.ts, claims/stated-change.ts);
// 3. an aside restating an amount in another unit (« 133,98 € (soit 1,34 k€) ») must be the same amount.
// Each rule is asked on the generations its shape applies to — v2 and v3 buffered, v2 and v3 streamed — with the
// healthy look-alikes beside it.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkGroundTruth } from '../../../tests/support/ground-truth/check.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { statedFigures } from '../../../tests/support/grounding/figures.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { comparisonViz, exchange, planKpis, richBody, turnOf, v3StreamOf } from '../adapter/bodies.ts'

const en = (reasons: Parameters<typeof say>[0][]) => reasons.map((r) => say(r, 'en'))
const countIn = (message: string): number => Number(/(\d+) transactions?/.exec(message)?.[1] ?? 1)

/** v2 buffered: the reference's three KPI cards. */
const v2 = (message: string, total: number, count = countIn(message)): NormalizedTurn =>
  turnOf(richBody({ message, visualizations: planKpis(total, count), total: count }))
/** v3 buffered: the total in structured_data's aggregations sentence, the count in total_results. */
function v3(message: string, total: number, count = countIn(message)): NormalizedTurn {
  const agg = `Total des dépenses : ${total.toFixed(2).replace('.', ',')} € sur ${count} transaction(s)`
  const body = {
    user_id: 1,
    message: 'q',
    status: 'completed',
    response: { message, structured_data: { total_results: count, aggregations_summary: agg } },
    search_summary: { found_results: true, total_results: count },
    metadata: { pipeline_time_ms: 2, intent: 'financial_query', requires_search: true, total_results: count },
    architecture: 'v3_langchain_agents',
  }
  const r = harenaV3Adapter.parse(exchange(body))
  if (r.kind !== 'turn') throw new Error(JSON.stringify(r))
  return r.turn
}
/** v3 streamed: the text and the count of its events only. */
function v3Stream(message: string, count = countIn(message)): NormalizedTurn {
  const r = v3StreamOf([message.slice(0, 40), message.slice(40)], count)
  if (r.kind !== 'turn') throw new Error(JSON.stringify(r))
  return r.turn
}
/** v2 streamed: statuses, the text in chunks, response_end (docs/wire-contracts.md §1.7). */
function v2Stream(message: string): NormalizedTurn {
  const stream = harenaV2Adapter.stream
  if (stream === undefined) throw new Error('harena-v2 has no stream')
  const events = [
    { type: 'status', message: 'Analyse de votre demande...' },
    { type: 'response_start' },
    { type: 'response_chunk', content: message.slice(0, 30) },
    { type: 'response_chunk', content: message.slice(30) },
    { type: 'response_end' },
  ]
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`)
  const consumer = stream.open()
  for (const [i, piece] of body.entries()) consumer.push(piece, i + 1)
  const r = stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: body.join('') }, consumer.finish(body.length + 1))
  if (r.kind !== 'turn') throw new Error(JSON.stringify(r))
  return r.turn
}
const STREAMS = [
  ['harena-v3 stream', v3Stream],
  ['harena-v2 stream', v2Stream],
] as const
const grounded = (turn: NormalizedTurn, question: string): string[] => en(checkGrounding(turn, question).contradictions)

describe('a minus sign: a change only when the words make one, else a debit written negative', () => {
  const read = (text: string) => statedFigures(text).map((f) => ({ text: f.text, role: f.role, sign: f.sign, debit: f.debit }))

  test.each([
    ['vous avez dépensé -2 999,99 € en 36 transactions', 'total'],
    ["Aujourd'hui, vous avez dépensé −117,00 € en 5 transactions", 'total'],
    ["Vos dépenses Alimentation s'élèvent à -630,00 € sur 9 transactions", 'total'],
    ['Total : -2 661,93 €', 'total'],
    ['(montant moyen : -64,98 €)', 'average'],
    ['Chez Carrefour, vous avez dépensé **-65,11 €** en 1 transaction', 'total'],
  ])('%s: the amount itself, of its words’ role', (text, role) => {
    expect(read(text)[0]).toEqual({ text: expect.stringMatching(/^[-−]/), role, sign: null, debit: true })
  })

  test('a purchase line written negative is an amount of no role, not a difference', () => {
    expect(read('Dernières opérations :\n- Carrefour : -56,11 €\n- Netflix : -13,49 €')).toEqual([
      { text: '-56,11 €', role: null, sign: null, debit: true },
      { text: '-13,49 €', role: null, sign: null, debit: true },
    ])
  })

  test.each([
    'Ce mois-ci, -833,82 € par rapport au mois dernier.',
    'Vos dépenses sont en baisse de -833,82 €.',
    'Plus forte variation : Shopping (-1 119,38 €).',
    'Vous avez dépensé 3 348,06 € (-833,82 €).',
    'Un écart de -833,82 € avec le mois dernier.',
    'Vos dépenses mensuelles évoluent de -4,34 € par mois.',
    '| Catégorie | Montant | Évolution |\n|---|---|---|\n| Shopping | 1 270,40 € | -56,11 € |',
    'Shopping +1 119,38 €, Transport -56,11 €.',
  ])('%s: a change (signed, never a debit)', (text) => {
    const signed = statedFigures(text).filter((f) => f.text.startsWith('-'))
    expect(signed.map((f) => [f.sign, f.debit])).toEqual([[-1, false]])
  })
})

describe('a wrong figure written negative fails as the same figure unsigned; a right one passes', () => {
  // The review's six rewrites of the reference's answers (q01, q03, q04, q05, q07, q08).
  const cases = [
    ['Mes dépenses du mois dernier', 'Le mois dernier, vous avez dépensé -2 999,99 € en 36 transactions.', 2661.93, 'total'],
    ["Combien j'ai dépensé aujourd'hui ?", "Aujourd'hui, vous avez dépensé −117,00 € en 5 transactions.", 171, 'total'],
    ['Mes dépenses alimentaires ce mois-ci', "Vos dépenses Alimentation ce mois-ci s'élèvent à -630,00 € sur 9 transactions.", 360, 'total'],
    ['Mes dépenses chez Carrefour', 'Chez Carrefour, vous avez dépensé **-65,11 €** en 1 transaction.', 56.11, 'total'],
    ['Mes dépenses Netflix ce mois-ci', 'Chez Netflix, ce mois-ci, vous avez dépensé -31,49 € en 1 transaction.', 13.49, 'total'],
  ] as const

  test.each(cases)('v2 and v3 buffered — %s', (question, message, total, role) => {
    for (const build of [v2, v3]) {
      const wrong = grounded(build(message, total), question)
      expect(wrong.join(' | ')).toMatch(new RegExp(`states ${message.match(/[-−][\d ,]+€/)?.[0]} as the ${role}`))
      // The same figure unsigned fails alike; the right figure written negative passes.
      expect(grounded(build(message.replace(/[-−](\d)/, '$1'), total), question).length).toBeGreaterThan(0)
      const right = message.replace(/[-−][\d ,]+€/, `-${total.toFixed(2).replace('.', ',')} €`)
      expect(grounded(build(right, total), question)).toEqual([])
    }
  })

  test('v2 buffered: a negative average beside the average card', () => {
    const message = "Vos dépenses Transport s'élèvent à **234,88 €** sur 5 transactions (montant moyen : -64,98 €)."
    expect(grounded(v2(message, 234.88), 'Combien j’ai dépensé en transport ?')).toEqual([
      'ungrounded figure: the message states -64,98 € as the average, but the KPI card "Montant Moyen" shows 46.98 €',
    ])
    expect(grounded(v2(message.replace('-64,98', '-46,98'), 234.88), 'Combien j’ai dépensé en transport ?')).toEqual([])
  })

  test.each(STREAMS)('%s: the ground truth holds a negative total in absolute value', (_, build) => {
    const truth = { total: 2661.93, count: 36 }
    const wrong = checkGroundTruth(
      truth,
      0.01,
      build('Le mois dernier, vous avez dépensé -2 999,99 € en 36 transactions.'),
      undefined,
      'Mes dépenses du mois dernier',
    )
    expect(en(wrong.failures).join(' ')).toMatch(/total.*2661\.93.*2999\.99|2999\.99.*2661\.93/)
    const right = checkGroundTruth(
      truth,
      0.01,
      build('Le mois dernier, vous avez dépensé -2 661,93 € en 36 transactions.'),
      undefined,
      'Mes dépenses du mois dernier',
    )
    expect(right.failures).toEqual([])
  })

  test('a real difference written negative is still a difference: judged as a change, never as the total', () => {
    const compare = 'Comparaison avec le mois dernier'
    const turn = (message: string) =>
      turnOf(JSON.parse(JSON.stringify({ ...richBody({ total: 32, visualizations: comparisonViz(), message, insights: [] }) })))
    // The comparison chart carries 2 514,24 € → 3 348,06 € (+833,82 €).
    expect(grounded(turn('Ce mois-ci, vous avez dépensé 3 348,06 € (+833,82 € par rapport au mois dernier).'), compare)).toEqual([])
    const fall = grounded(turn('Ce mois-ci, vous avez dépensé 3 348,06 € (-833,82 € par rapport au mois dernier).'), compare)
    expect(fall.join(' ')).not.toMatch(/as the total/)
    expect(statedFigures('-833,82 € par rapport au mois dernier')[0]).toMatchObject({ sign: -1, debit: false, role: null })
  })
})

describe('figures of one text that contradict each other fail where nothing carries them', () => {
  const food = 'Mes dépenses alimentaires ce mois-ci'
  const split = 'Répartition de mes dépenses par catégorie'
  const compare = 'Comparaison avec le mois dernier'

  test.each(STREAMS)('%s: total ≈ count × average, within the rounding of each', (_, build) => {
    const wrong = "Vos dépenses Alimentation ce mois-ci s'élèvent à **40,00 €** sur 9 transactions (montant moyen : 360,00 €)."
    expect(grounded(build(wrong), food)).toEqual([
      expect.stringMatching(
        /^inconsistent figures: the message gives a total of 40,00 €, but count 9( transactions)? × average 360,00 € = 3240\.00 €$/,
      ),
    ])
    expect(grounded(build(wrong.replace('40,00 €**', '360,00 €**').replace('360,00 €)', '40,00 €)')), food)).toEqual([])
    // Rounded figures within their writing: 32 × 104,63 € is 3 348,16 €, 3 348,06 € stated; "environ 105 €" holds too.
    const rounded = 'Ce mois-ci, vous avez dépensé 3 348,06 € en 32 transactions (montant moyen : 104,63 €), soit environ 105 € par achat.'
    expect(grounded(build(rounded), 'Mes dépenses ce mois-ci')).toEqual([])
    expect(
      grounded(build('Ce mois-ci, vous avez dépensé environ 3 350 € en 32 transactions (montant moyen : 105 €).'), 'Mes dépenses ce mois-ci'),
    ).toEqual([])
  })

  test('a wrong debit written negative fails there too (v3 stream): the sign no longer hides it', () => {
    const message = 'Le mois dernier, vous avez dépensé -2 999,99 € en 36 transactions (montant moyen : 73,94 €).'
    expect(grounded(v3Stream(message), 'Mes dépenses du mois dernier').join(' ')).toMatch(/total of -2 999,99 €, but count 36/)
    expect(grounded(v3Stream(message.replace('2 999,99', '2 661,93')), 'Mes dépenses du mois dernier')).toEqual([])
  })

  test.each(STREAMS)('%s: a fall announced as a rise, and a wrong size, against the total and the baseline of another sentence', (_, build) => {
    const said = (total: string, baseline: string, change: string) =>
      `Ce mois-ci (du 1er au 24 novembre 2026), vous avez dépensé **${total}**. C'est à comparer à ${baseline} sur la même période du mois dernier (du 1er au 24 octobre 2026), soit ${change}.`
    expect(grounded(build(said('2 514,24 €', '3 348,06 €', '+33,2 %')), compare).join(' ')).toMatch(/states a rise \("\+33,2 %"\)/)
    expect(grounded(build(said('3 348,06 €', '2 514,24 €', '+13,2 %')), compare).join(' ')).toMatch(/states \+13,2 % as the change/)
    expect(grounded(build(said('3 348,06 €', '2 514,24 €', '+33,2 %')), compare)).toEqual([])
    expect(grounded(build(said('3 348,06 €', '2 514,24 €', 'une hausse d’environ 33 %')), compare)).toEqual([])
  })

  test.each(STREAMS)('%s: a part larger than the whole', (_, build) => {
    const listed = (total: string, food: string) =>
      `Sur les 30 derniers jours, vous avez dépensé **${total}** en 38 transactions. Principaux postes : Shopping (1 270,40 €), Logement (1 150,00 €), Alimentation (${food}).`
    expect(grounded(build(listed('3 495,75 €', '3 495,75 €').replace('Shopping (1 270,40 €), Logement (1 150,00 €), ', '')), split)).toEqual([])
    expect(grounded(build(listed('426,49 €', '3 495,75 €')), split)).toEqual([
      'inconsistent figures: the message gives 1 270,40 € for Shopping, more than the total 426,49 €',
      'inconsistent figures: the message gives 1 150,00 € for Logement, more than the total 426,49 €',
      'inconsistent figures: the message gives 3 495,75 € for Alimentation, more than the total 426,49 €',
    ])
    expect(grounded(build(listed('3 495,75 €', '426,49 €')), split)).toEqual([])
    // Not a part of the whole asked: another category beside a category's total, a budget, the previous period's.
    expect(
      grounded(build("Vos dépenses Alimentation s'élèvent à 360,00 € sur 9 transactions, bien moins que le Logement (1 150,00 €)."), food),
    ).toEqual([])
    expect(
      grounded(build('Ce mois-ci, vous avez dépensé 426,49 € en 5 transactions ; votre budget Shopping : 1 500 €.'), 'Mes dépenses ce mois-ci'),
    ).toEqual([])
  })

  test.each(STREAMS)('%s: healthy look-alikes — a subset’s average, a part over a span of its own, income beside debits', (_, build) => {
    const month = 'Mes dépenses du mois dernier'
    for (const message of [
      'Le mois dernier, vous avez dépensé 2 661,93 € en 36 transactions. Vos 3 dépenses inhabituelles ont un montant moyen de 500 €.',
      'Le mois dernier, vous avez dépensé 2 661,93 € en 36 transactions ; chez Carrefour, le panier moyen est de 30 €.',
      "Le mois dernier, vous avez dépensé 426,49 € en 36 transactions. Sur l'année, le Logement : 13 800 €.",
      'Le mois dernier : revenus +2 465,32 €, dépenses -2 661,93 € en 36 transactions (montant moyen : 73,94 €).',
    ])
      expect(grounded(build(message), month), message).toEqual([])
  })

  test('on the buffered routes the same contradictions still fail (cards carry the figures)', () => {
    const wrong = "Vos dépenses Alimentation ce mois-ci s'élèvent à **40,00 €** sur 9 transactions (montant moyen : 360,00 €)."
    expect(grounded(v2(wrong, 360), food).length).toBeGreaterThan(0)
    expect(grounded(v3(wrong, 360), food).join(' ')).toMatch(/40,00 €/)
  })
})

describe('an aside that restates an amount must be the same amount', () => {
  const transport = 'Combien j’ai dépensé en transport ?'
  const builds = [['harena-v2', (m: string) => v2(m, 133.98)], ['harena-v3', (m: string) => v3(m, 133.98)], ...STREAMS] as const

  test.each(builds)('%s', (_, build) => {
    const said = (aside: string) => `Vos dépenses Transport s'élèvent à 133,98 € ${aside} sur 2 transactions.`
    expect(grounded(build(said('(soit 1,34 k€)')), transport)).toEqual([
      'self-contradicting figures: the message restates 133,98 € as "1,34 k€", which is not the same amount',
    ])
    expect(grounded(build(said('(c’est-à-dire 13,40 €)')), transport).join(' ')).toMatch(/restates 133,98 € as "13,40 €"/)
    for (const healthy of [
      '(soit environ 0,13 k€)',
      '(soit 0,134 k€)',
      '(environ 134 €)',
      '(≈ 134 €)',
      '(soit 67 € par trajet)',
      ': 2 trajets à 66,99 €, soit 133,98 €,',
      // Review 2026-12-06: a unit price in words, and sums of several amounts, then "soit" and their sum.
      ': deux billets de 66,99 €, soit 133,98 €,',
      ': un aller à 66,99 € et un retour à 66,99 €, soit 133,98 €,',
      ': 66,99 € + 66,99 €, soit 133,98 €,',
      '(66,99 € et 66,99 €, soit 133,98 €)',
    ]) {
      expect(grounded(build(said(healthy)), transport), healthy).toEqual([])
    }
  })

  test('"soit" that says something else is no restatement', () => {
    const turn = v3Stream('Ce mois-ci, vous avez dépensé 2 661,93 €, soit 1 270,40 € pour le Shopping et le reste ailleurs.')
    expect(grounded(turn, 'Mes dépenses ce mois-ci')).toEqual([])
    expect(grounded(v3Stream('Vous avez dépensé 2 661,93 € (soit environ 2,7 k€) ce mois-ci.'), 'Mes dépenses ce mois-ci')).toEqual([])
  })
})
