// The second line behind a stream's structural signals (tests/support/checks/doubled.ts): a text whose words or
// sentences come in identical pairs nearly throughout is garbled; French that repeats a word or a line now and then
// is not, nor is any answer of the reference service.
import { describe, expect, test } from 'vitest'
import { checkDoubled } from '../../../tests/support/checks/doubled.ts'
import { english } from './helpers.ts'
import { referenceAnswers } from '../reference-answers.ts'

const TEXT = "Vos dépenses Alimentation ce mois-ci s'élèvent à **360,00 €** sur 9 transactions (montant moyen : 40,00 €)."
const wordsTwice = (text: string): string => text.replace(/(\S+)(\s*)/gu, '$1 $1$2')

describe('a doubled text is garbled', () => {
  test('every word twice: "Vos Vos dépenses dépenses … **360,00 **360,00"', () => {
    const failures = checkDoubled(wordsTwice(TEXT))
    expect(failures.map((f) => f.code)).toEqual(['check.message.doubled'])
    expect(failures[0]?.params).toMatchObject({ unit: 'word', share: 100 })
    expect(english(failures)[0]).toMatch(
      /^expected a readable text, observed a garbled one where 100 % of the words come in identical pairs \(\d+ pairs, chunks repeated\?\): "Vos Vos dépenses dépenses/,
    )
  })

  test('every sentence twice (chunks that were sentences)', () => {
    const text =
      'Vous avez 9 transactions. Vous avez 9 transactions. Le total est de 360,00 €. Le total est de 360,00 €. Surtout chez Carrefour. Surtout chez Carrefour.'
    expect(checkDoubled(text)[0]?.params).toMatchObject({ unit: 'sentence', pairs: 3, share: 100 })
  })
})

describe('genuine repetition is prose', () => {
  test.each([
    'Vous avez très très peu dépensé ce mois-ci : 42,00 € au total.',
    'Vous vous êtes abonné à Netflix en mars, et vous vous êtes désabonné en juin.',
    'Vos paiements :\n- Netflix 15,99 €\n- Netflix 15,99 €\n- Spotify 9,99 €\nTotal : 41,97 €.',
    'Carrefour, Carrefour Market et Carrefour City : 3 enseignes, 12 achats.',
    'Non non, je ne trouve rien. Merci merci !',
    TEXT,
  ])('%s', (text) => {
    expect(checkDoubled(text)).toEqual([])
  })

  test('no answer of the reference service is doubled', () => {
    for (const { envelope } of referenceAnswers()) expect(checkDoubled(envelope.response.message), envelope.response.message).toEqual([])
  })
})
