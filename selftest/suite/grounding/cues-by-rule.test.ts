// Correct answers a review found failed (2026-12-05), each read by RULE, with the wrong answer still caught:
// - an average's cue is read in the amount's own clause, both sides ("30,74 € par transaction en moyenne",
//   "En moyenne, chaque transaction s'élève à 30,74 €") and beats a generic total verb (grounding/figures.ts);
// - a coverage range outside the answer's own range names another period ("Du 1er au 24 octobre 2026, le total
//   était de …" in an answer about November) — checks/period-asked.ts answerRange;
// - French dates in any usual form ("01/01/1970", "1/1/1970", "premier", "1ᵉʳ", "janv.") are dates, never figures;
// - the ground truth reads a total the text states at the precision it was written, on every route.
import { describe, expect, test } from 'vitest'
import '../../../core/locale/grounding.ts'
import { say } from '../../../core/locale/index.ts'
import { checkPeriodAsked } from '../../../tests/support/checks/period-asked.ts'
import { checkGroundTruth } from '../../../tests/support/ground-truth/check.ts'
import { checkGrounding } from '../../../tests/support/grounding/check.ts'
import { foldKeep, periodMentions, statedFigures } from '../../../tests/support/grounding/figures.ts'
import { comparisonViz, kpi, richBody, turnOf } from '../adapter/bodies.ts'

const en = (r: { contradictions: Parameters<typeof say>[0][] }) => r.contradictions.map((c) => say(c, 'en'))
const roles = (text: string) => statedFigures(text).map((f) => [f.text, f.role])

describe('an average is read from its own clause, both sides', () => {
  const kpis = [kpi('Total Dépenses', 184.43), kpi('Nombre de Transactions', 6), kpi('Montant Moyen', 30.74)]
  const ground = (message: string) =>
    checkGrounding(turnOf(richBody({ total: 6, visualizations: kpis, message, insights: [] })), 'Transactions de cette semaine')

  test('a cue after the amount, or a per-unit cue before it, makes it the average — even beside "total" or "s’élève"', () => {
    expect(roles('184,43 € de dépenses au total (30,74 € par transaction en moyenne).')).toEqual([
      ['184,43 €', 'total'],
      ['30,74 €', 'average'],
    ])
    expect(roles('Vous avez dépensé 184,43 € au total, soit 30,74 € en moyenne par transaction.')[1]).toEqual(['30,74 €', 'average'])
    expect(roles("En moyenne, chaque transaction s'élève à 30,74 €.")).toEqual([['30,74 €', 'average']])
    expect(roles("Le montant moyen par transaction s'élève à 30,74 €.")).toEqual([['30,74 €', 'average']])
    expect(roles('**184,43 €** de dépenses au total (environ 31 € par transaction).')[1]).toEqual(['31 €', 'average'])
    expect(roles('Vos 6 achats totalisent 184,43 €, soit 30,74 € chacun.')[2]).toEqual(['30,74 €', 'average'])
    for (const message of [
      'Cette semaine, 184,43 € de dépenses au total (30,74 € par transaction en moyenne).',
      "En moyenne, chaque achat s'élève à 30,74 € ; le total de la semaine est de 184,43 €.",
      '**184,43 €** de dépenses au total (environ 31 € par transaction).',
    ]) {
      const r = ground(message)
      expect(en(r), message).toEqual([])
      expect(r.status, message).toBe('grounded')
    }
  })

  test('a norm ("supérieures à la moyenne") or a cue leading to the next figure is no average of the amount', () => {
    expect(roles("Vos dépenses, supérieures à la moyenne, s'élèvent à 184,43 €.")).toEqual([['184,43 €', 'total']])
    expect(roles('Vous avez dépensé 184,43 € au total, pour une moyenne de 30,74 €.')).toEqual([
      ['184,43 €', 'total'],
      ['30,74 €', 'average'],
    ])
    expect(roles('Votre panier moyen est stable : vous avez dépensé 184,43 €.')).toEqual([['184,43 €', 'total']])
  })

  test('a wrong total or a wrong average beside an average cue is still caught', () => {
    expect(en(ground('Vous avez dépensé 250,00 € au total (30,74 € par transaction en moyenne).'))).toEqual([
      'ungrounded figure: the message states 250,00 € as the total, but the KPI card "Total Dépenses" shows 184.43 €',
    ])
    expect(en(ground("184,43 € au total ; en moyenne, chaque transaction s'élève à 45,00 €."))).toEqual([
      'ungrounded figure: the message states 45,00 € as the average, but the KPI card "Montant Moyen" shows 30.74 €',
    ])
  })
})

describe('a coverage range outside the answer’s own range names another period', () => {
  const viz = comparisonViz()
  const head = 'Ce mois-ci (du 1er au 24 novembre 2026), vous avez dépensé **3 348,06 €** en 32 transactions (montant moyen : 104,63 €). '
  const compare = (tail: string) =>
    checkGrounding(turnOf(richBody({ total: 32, visualizations: viz, message: head + tail, insights: [] })), 'Comparaison avec le mois dernier')

  test('"Du 1er au 24 octobre 2026, le total était de 2 514,24 €" is the previous period’s total, "du … au …" or "entre … et …"', () => {
    for (const tail of [
      'Du 1er au 24 octobre 2026, le total était de 2 514,24 € : vos dépenses augmentent de 33,2 %.',
      'Entre le 1er et le 24 octobre 2026, vous aviez dépensé 2 514,24 €, soit +33,2 %.',
      'Du 01/10/2026 au 24/10/2026, le total était de 2 514,24 €.',
    ]) {
      const r = compare(tail)
      expect(en(r), tail).toEqual([])
      expect(r.status, tail).toBe('grounded')
    }
    const own = { from: '2026-11-01', to: '2026-11-24', comparison: true }
    expect(periodMentions(foldKeep('du 1er au 24 octobre 2026'), own)).toEqual([{ kind: 'relative', rel: 'prev', unit: 'periode' }])
    // Inside (or overlapping) the own range, a range is coverage and names no period.
    expect(periodMentions(foldKeep('du 1er au 24 novembre 2026'), own)).toEqual([])
    expect(periodMentions(foldKeep('du 26 octobre au 24 novembre 2026'), own)).toEqual([])
  })

  test('a wrong previous total is caught against the previous period; the own range’s wrong total against the total', () => {
    expect(en(compare('Du 1er au 24 octobre 2026, le total était de 2 900,00 €.'))).toEqual([
      'ungrounded figure: the message states 2 900,00 € for another period, but chart "Comparaison des Dépenses" shows 2514.24 € for that period',
    ])
    expect(en(compare('Du 1er au 24 novembre 2026, le total était de 2 514,24 €.'))).toEqual([
      'ungrounded figure: the message states 2 514,24 € as the total, but the KPI card "Total Dépenses" shows 3348.06 €',
    ])
  })
})

describe('French dates in their usual forms', () => {
  const asked = 'Mes transactions du 1er janvier 1970'
  const answer = (date: string) =>
    turnOf(
      richBody({
        total: 0,
        visualizations: [],
        insights: [],
        message: `Je n'ai trouvé aucune transaction ${date}. Votre historique couvre la période du 1er octobre 2025 au 24 novembre 2026 : essayez une date dans cet intervalle.`,
      }),
    )

  test('numeric, ordinal-word, superscript and abbreviated dates are read as the date asked', () => {
    for (const date of [
      'le 01/01/1970',
      'le 1/1/1970',
      'le premier janvier 1970',
      'le 1ᵉʳ janvier 1970',
      'le 1er janv. 1970',
      'le 1er janv 1970',
      'le 1-1-1970',
    ]) {
      expect(periodMentions(foldKeep(date)), date).toEqual([{ kind: 'date', day: 1, month: 1, year: 1970 }])
      expect(
        checkPeriodAsked(asked, answer(date)).map((r) => say(r, 'en')),
        date,
      ).toEqual([])
    }
  })

  // A second review (2026-12-05): « Vos données couvrent la période du … au … » failed q13 as another period, while
  // « Votre historique couvre … » passed. The extent of the user's data frames what is available, not the answer.
  test('the extent of the user’s data, in any wording, is not the period answered', () => {
    const extent = (sentence: string, heading = '') =>
      turnOf(richBody({ total: 0, visualizations: [], insights: [], message: `${heading}Aucune opération trouvée le 1er janvier 1970. ${sentence}` }))
    for (const sentence of [
      'Vos données couvrent la période du 1er octobre 2025 au 24 novembre 2026.',
      'Vos relevés remontent au 1er octobre 2025.',
      'Vos comptes bancaires couvrent du 1er octobre 2025 au 24 novembre 2026.',
      'Vos données commencent le 1er octobre 2025.',
      'Vos opérations sont enregistrées depuis l’ouverture de votre compte, le 1er octobre 2025.',
      'Données disponibles du 1er octobre 2025 au 24 novembre 2026.',
      'Votre historique remonte au 1er octobre 2025.',
    ]) {
      expect(
        checkPeriodAsked(asked, extent(sentence)).map((r) => say(r, 'en')),
        sentence,
      ).toEqual([])
      expect(
        checkPeriodAsked(asked, extent(sentence, '## Résultat\n\n')).map((r) => say(r, 'en')),
        sentence,
      ).toEqual([])
    }
    // The answer's own figures framed on another period still are: « ces données couvrent » is the answer's.
    expect(checkPeriodAsked(asked, extent('Ces données couvrent la période du 1er octobre 2025 au 24 novembre 2026.'))).toHaveLength(1)
  })

  test('another date, or only the history range, is still off-topic', () => {
    for (const date of ['le 01/02/1971', 'sur votre compte']) expect(checkPeriodAsked(asked, answer(date)), date).toHaveLength(1)
  })

  test('a numeric date is never a figure; an abbreviation alone is no month ("sept achats")', () => {
    expect(statedFigures('Le 24/11/2026 12,50 € et le 1/1/1970 : 45 % de hausse').map((f) => f.text)).toEqual(['12,50 €', '45 %'])
    expect(statedFigures('le 24/11/2026 €')).toEqual([])
    expect(periodMentions(foldKeep('de sept achats'))).toEqual([])
    expect(periodMentions(foldKeep('le 7 sept.'))).toEqual([{ kind: 'date', day: 7, month: 9, year: null }])
  })
})

describe('the ground truth reads a stated total at its written precision, on every route', () => {
  // No carried total (a stream's wire): the text's total is what the answer shows.
  const textOnly = (message: string) => turnOf(richBody({ total: 36, visualizations: [], insights: [], message }))
  const truth = { total: 2661.93 }

  test('"2 662 €" for 2 661,93 agrees, as it does where a card carries the total', () => {
    expect(checkGroundTruth(truth, 0.01, textOnly('Le mois dernier, vous avez dépensé 2 662 € en 36 transactions.')).failures).toEqual([])
    expect(checkGroundTruth(truth, 0.01, textOnly('Le mois dernier, vous avez dépensé 2,66 k€.')).failures).toEqual([])
  })

  test('a total written to the cent must be the cent; a wrong euro figure fails', () => {
    for (const message of ['Vous avez dépensé 2 662,00 € le mois dernier.', 'Vous avez dépensé 2 650 € le mois dernier.']) {
      expect(
        checkGroundTruth(truth, 0.01, textOnly(message)).failures.map((r) => r.code),
        message,
      ).toEqual(['truth.figure'])
    }
  })
})
