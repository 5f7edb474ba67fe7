// A stated figure's ROLE and SCOPE decide what it is compared with (tests/support/grounding/check.ts,
// docs/grounding.md): an own-scope total or count must equal the carried total or count (never "any carried
// figure"); a sentence about another period or a part is compared with that period's or part's carried figure, else
// left unverified; every carried copy of the total and the count must agree. Bodies: ./netflix-shapes.ts.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { parseV3 } from '../../../tests/support/adapters/harena-v3.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { periodMentions, foldKeep, statedFigures } from '../../../tests/support/grounding/figures.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { comparisonViz, exchange, kpi, richBody, sprintChart, turnOf } from '../adapter/bodies.ts'
import { netflixV2, netflixV3, type NetflixVariant, type V3Variant } from './netflix-shapes.ts'

const QUESTION = 'Mes dépenses Netflix ?'
const sentences = (r: ReturnType<typeof checkGrounding>) => r.contradictions.map((c) => say(c, 'en'))
const notes = (r: ReturnType<typeof checkGrounding>) => r.notes.map((c) => say(c, 'en')).join(' ')

function asTurn(result: ReturnType<typeof parseV3>): NormalizedTurn {
  if (result.kind !== 'turn') throw new Error(`expected a turn, got ${JSON.stringify(result)}`)
  return result.turn
}
const v2 = (variant: NetflixVariant) => checkGrounding(turnOf(netflixV2(variant)), QUESTION)
const v2charts = (variant: NetflixVariant) => checkGrounding(asTurn(harenaV2ChartsAdapter.parse(exchange(netflixV2(variant, 1, true)))), QUESTION)
const v3 = (variant: V3Variant) => checkGrounding(asTurn(parseV3(exchange(netflixV3(variant)))), QUESTION)

describe('periods a sentence names', () => {
  const mentions = (text: string) => periodMentions(foldKeep(text))
  test('coverage ranges are not mentions; months, dates and relative periods are', () => {
    expect(mentions('Vous avez effectué 80 transactions depuis 2020')).toEqual([])
    expect(mentions('sur les 30 derniers jours (du 26 octobre au 24 novembre 2026)')).toEqual([])
    expect(mentions('En mai 2025, vous avez dépensé')).toEqual([{ kind: 'date', day: null, month: 5, year: 2025 }])
    expect(mentions('Le mois précédent, le total')).toEqual([{ kind: 'relative', rel: 'prev', unit: 'mois' }])
    expect(mentions('Le mois dernier (du 1er au 31 octobre 2026)')).toEqual([{ kind: 'relative', rel: 'last', unit: 'mois' }])
    expect(mentions("Aujourd'hui")).toEqual([{ kind: 'relative', rel: 'current', unit: 'jour' }])
    expect(mentions('comme en décembre 2024 avec deux transactions le 4 décembre')).toEqual([
      { kind: 'date', day: null, month: 12, year: 2024 },
      { kind: 'date', day: 4, month: 12, year: null },
    ])
    // "mai" alone is a month only after en/de/du or with a day or a year.
    expect(mentions('il mai')).toEqual([])
  })

  test('a currency written before the amount is an amount ("EUR 1 234,56", "€ 12,50")', () => {
    expect(statedFigures('pour un total de **EUR 1 234,56**').map((f) => [f.value, f.role])).toEqual([[1234.56, 'total']])
    expect(statedFigures('EUR 12,50 et € 3').map((f) => f.value)).toEqual([12.5, 3])
    expect(statedFigures('Europe 12 et euro-zone 2025')).toEqual([])
  })

  test('a rate named before the amount ("revenu mensuel moyen (…)") is no average of the answer', () => {
    const [income] = statedFigures('Vos dépenses (900,00 €) dépassent votre revenu mensuel moyen (2 100,00 €).').slice(1)
    expect(income).toMatchObject({ value: 2100, role: null, perPeriod: true })
  })
})

describe('own scope: the total and the count must be THE carried ones', () => {
  test('healthy recorded shapes stay grounded', () => {
    for (const variant of ['healthy', 'long', 'long_3_insights'] as const) {
      const r = v2(variant)
      expect(r.contradictions, variant).toEqual([])
      expect(r.status, variant).toBe('grounded')
    }
    expect(v2charts('healthy').contradictions).toEqual([])
    expect(v3('healthy')).toMatchObject({ status: 'grounded', contradictions: [] })
  })

  test('a total equal to another carried figure (an insight amount) is no longer accepted', () => {
    expect(sentences(v2('total_is_insight_amount'))).toEqual([
      'ungrounded figure: the message states 7,99 € as the total, but the insight data total_debit shows 1050.20 €',
    ])
  })

  test('a count equal to another carried count (the number of insights) is no longer accepted, in digits or words', () => {
    expect(sentences(v2('count_2'))).toEqual([
      'ungrounded figure: the message states 2 transactions as the number of transactions, but the insight data transaction_count shows 80',
    ])
    expect(sentences(v2('count_words'))[0]).toMatch(/states deux transactions as the number of transactions, but .* shows 80/)
  })

  test('a currency before the amount is read: "EUR 1 234,56" contradicts the total', () => {
    expect(sentences(v2('currency_first_wrong'))).toEqual([
      'ungrounded figure: the message states EUR 1 234,56 as the total, but the insight data total_debit shows 1050.20 €',
    ])
  })

  test('a clause about one chart label may state that part; any other figure fails against the total', () => {
    const pie = sprintChart('pie_chart', 'Répartition', ['Shopping', 'Logement'], [{ label: 'Montant', data: [1511.93, 1150] }])
    const viz = [kpi('Total Dépenses', 2661.93), kpi('Nombre de Transactions', 36), kpi('Montant Moyen', 73.94), pie]
    const ground = (message: string) => checkGrounding(turnOf(richBody({ total: 36, visualizations: viz, message })), 'Mes dépenses du mois dernier')
    expect(ground('Vos dépenses Shopping s’élèvent à 1 511,93 €.').contradictions).toEqual([])
    expect(sentences(ground('Vos dépenses Shopping s’élèvent à 999,00 €.'))[0]).toMatch(
      /states 999,00 € as the total, but the KPI card "Total Dépenses"/,
    )
  })
})

describe('another scope: a sentence about another period is about that period', () => {
  test('"le mois précédent" and "en mai 2025" beside a healthy answer are unverified, never a contradiction of the total', () => {
    for (const variant of ['previous_month_total', 'month_spent'] as const) {
      const r = v2(variant)
      expect(r.contradictions, variant).toEqual([])
      expect(r.status, variant).toBe('grounded')
    }
    expect(notes(v2('previous_month_total'))).toContain('980,00 €')
  })

  test('a count qualified by a subset or another period ("le même jour", "dupliquées") is not the answer’s count', () => {
    for (const extra of [
      'Certains paiements sont doublés (avec deux transactions le même jour).',
      'J’ai repéré 2 transactions dupliquées.',
      'Chaque mois compte 1 seule transaction.',
    ]) {
      const body = netflixV2('healthy') as { response: { message: string } }
      body.response.message += `\n\n${extra}`
      expect(checkGrounding(turnOf(body), QUESTION).contradictions, extra).toEqual([])
    }
    // "vous avez payé" claims the total like "vous avez dépensé".
    const paid = netflixV2('healthy') as { response: { message: string } }
    paid.response.message = 'Vous avez payé 7,99 € à Netflix depuis 2020.'
    expect(sentences(checkGrounding(turnOf(paid), QUESTION))[0]).toMatch(/states 7,99 € as the total/)
  })

  // A second review (2026-12-05, q10): « 7 dépenses qui sortent de l'ordinaire », « 7 transactions atypiques ont été
  // repérées » were read as the answer's count (405); only « inhabituelles » was a subset. Any qualifier right after
  // the noun — the unusual-spending words, a relative clause singling them out, a threshold — counts a part.
  test('a count whose noun is qualified (unusual-spending words, "qui dépassent", "de plus de X €") is a subset', () => {
    for (const extra of [
      "J'ai détecté 7 dépenses qui sortent de l'ordinaire sur les 13 derniers mois.",
      'Sur la période, 7 transactions atypiques ont été repérées.',
      'Vous avez 3 opérations marquantes et 2 paiements exceptionnels.',
      'J’ai relevé 4 achats anormaux et 2 prélèvements suspects.',
      'On compte 4 achats qui dépassent 500 €.',
      'Vous avez fait 5 paiements de plus de 100 € ce mois-ci.',
      'Il y a 6 transactions supérieures à 50 €.',
    ]) {
      const body = netflixV2('healthy') as { response: { message: string } }
      body.response.message += `\n\n${extra}`
      expect(checkGrounding(turnOf(body), QUESTION).contradictions, extra).toEqual([])
      const counts = statedFigures(extra).filter((f) => f.kind === 'count')
      expect(counts.length, extra).toBeGreaterThan(0)
      for (const f of counts) expect([f.subset, f.role], extra).toEqual([true, null])
    }
    // A relative clause that only describes them keeps the whole: the count is the answer's.
    for (const whole of [
      'Vous avez effectué 36 transactions qui totalisent 2 661,93 €.',
      'Sur 405 transactions, dont 7 sortent de l’ordinaire, rien à signaler.',
    ]) {
      const first = statedFigures(whole).find((f) => f.kind === 'count')
      expect([first?.subset, first?.role], whole).toEqual([false, 'count'])
    }
  })

  test('the recorded observation "deux transactions le 4 décembre" is not the answer’s count, whatever the insights count', () => {
    const r = v2('long_3_insights')
    expect(r.contradictions).toEqual([])
    expect(r.status).toBe('grounded')
    const body = netflixV2('long_3_insights') as { response: { message: string } }
    body.response.message = 'Des paiements sont doublés le même mois (comme en décembre 2024 avec deux transactions le 4 décembre).'
    const alone = checkGrounding(turnOf(body), QUESTION)
    expect(alone.contradictions).toEqual([])
    expect(notes(alone)).toContain('deux transactions')
  })

  test('a period the answer carries a figure for is compared with it: a chart point, the comparison’s previous period', () => {
    // The v2-charts line chart carries May 2025 (13,49 €): "En mai 2025 … 13,49 €" agrees, "… 99,00 €" does not.
    expect(v2charts('month_spent').contradictions).toEqual([])
    const wrongMay = netflixV2('healthy', 1, true) as { response: { message: string } }
    wrongMay.response.message += '\n\nEn mai 2025, vous avez dépensé 99,00 € chez Netflix.'
    const r = checkGrounding(asTurn(harenaV2ChartsAdapter.parse(exchange(wrongMay))), QUESTION)
    expect(sentences(r)).toEqual([
      'ungrounded figure: the message states 99,00 € for another period, but chart "Evolution des transactions" shows 13.49 € for that period',
    ])
    const comparison = comparisonViz('two')
    const compare = (message: string) =>
      checkGrounding(turnOf(richBody({ total: 32, visualizations: comparison, message })), 'Comparaison avec le mois dernier')
    const head = 'Ce mois-ci, vous avez dépensé **3 348,06 €** en 32 transactions.'
    expect(compare(`${head} Le mois dernier, vous aviez dépensé 2 514,24 €.`).contradictions).toEqual([])
    expect(sentences(compare(`${head} Le mois dernier, vous aviez dépensé 2 000,00 €.`))[0]).toMatch(
      /states 2 000,00 € for another period, but chart "Comparaison des Dépenses" shows 2514.24 €/,
    )
    // The current period stays the answer's own: a wrong headline total still fails.
    expect(sentences(compare('Ce mois-ci, vous avez dépensé 1 234,56 €.'))[0]).toMatch(/states 1 234,56 € as the total/)
  })

  test('the question’s own period is the answer’s scope: "le mois dernier" answers "Mes dépenses du mois dernier"', () => {
    const viz = [kpi('Total Dépenses', 2661.93), kpi('Nombre de Transactions', 36), kpi('Montant Moyen', 73.94)]
    const r = checkGrounding(
      turnOf(richBody({ total: 36, visualizations: viz, message: 'Le mois dernier (du 1er au 31 octobre 2026), vous avez dépensé 1 234,56 €.' })),
      'Mes dépenses du mois dernier',
    )
    expect(sentences(r)[0]).toMatch(/states 1 234,56 € as the total/)
  })
})

describe('carried figures must agree with each other, whichever the text quotes', () => {
  test('v2: search_summary.total_results against the financial summary’s transaction_count', () => {
    expect(sentences(v2('search_summary_mismatch'))).toEqual([
      'inconsistent figures: for the number of transactions, the insight data transaction_count shows 80, but search_summary.total_results shows 3',
    ])
  })

  test('v3: structured_data.total_results against search_summary; the text against aggregations_summary', () => {
    expect(sentences(v3('structured_mismatch'))).toEqual([
      'inconsistent figures: for the number of transactions, search_summary.total_results shows 80, but response.structured_data.total_results shows 3',
    ])
    expect(sentences(v3('wrong_total'))).toEqual([
      'ungrounded figure: the message states 1 234,56 € as the total, but response.structured_data.aggregations_summary shows 1050.20 €',
    ])
  })

  // The search path's metadata states the search total again (docs/wire-contracts.md §6.3): a third copy of the count.
  test('v3: metadata.total_results against search_summary; the answer fails naming both', () => {
    const r = v3('metadata_mismatch')
    expect(r.status).toBe('contradicted')
    expect(sentences(r)).toEqual([
      'inconsistent figures: for the number of transactions, search_summary.total_results shows 80, but metadata.total_results shows 560',
    ])
  })

  // The conversational path skips the search and carries found_results:false, total_results:0: results beside a
  // requires_search:false say two things at once.
  test('v3: requires_search false beside results is a contradiction naming both fields', () => {
    const r = v3('search_not_required')
    expect(r.status).toBe('contradicted')
    expect(sentences(r)).toEqual(['inconsistent figures: metadata.requires_search is false (no search), but search_summary.total_results shows 80'])
  })
})
