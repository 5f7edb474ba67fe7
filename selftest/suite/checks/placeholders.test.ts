// Leaked placeholders beyond the obvious ones (review findings): format fields of every common syntax, values
// glued to digits, JS serialization artefacts — while legitimate French percentages, parentheses and curly
// quotes stay clean.
import { describe, expect, test } from 'vitest'
import { checkMessage, leakedPlaceholder } from '../../../tests/support/checks/index.ts'
import { parse, richBody } from '../adapter/bodies.ts'
import { checkAnswer, english, question } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

describe('leaked placeholders, hardened', () => {
  test.each([
    ['Vous avez dépensé {0} € ce mois-ci.', 'template braces {…}'],
    ['Vos {dépenses} du mois dernier.', 'template braces {…}'],
    ['Le {montant total} est de 12 €.', 'template braces {…}'],
    ['Vous avez dépensé %(total)s € au total.', 'printf field %(…)s'],
    ['Vous avez dépensé %s € chez Lidl.', 'printf field %s/%d/%f'],
    ['Vous avez fait %d transactions.', 'printf field %s/%d/%f'],
    ['Montant moyen : %.2f €.', 'printf field %s/%d/%f'],
    ['Vous avez dépensé 12undefined € ce mois-ci.', 'undefined'],
    ['Variation : Infinity % par rapport au mois dernier.', 'Infinity'],
    ['Dernière opération le Invalid Date.', 'Invalid Date'],
    ['Le détail est [object Object].', '[object Object]'],
    ['Le marchand est null et la catégorie aussi.', 'null'],
  ])('%s → %s', (text, name) => {
    expect(leakedPlaceholder(text)?.name).toBe(name)
  })

  test('legitimate French with percentages, parentheses and curly quotes is clean', () => {
    for (const text of [
      'Vos dépenses ont augmenté de 25 % ce mois-ci.',
      'Variation : -12,5 % par rapport au mois dernier.',
      '100 % des dépenses concernent l’alimentation (3 transactions).',
      'Une hausse de 5 % d’une année sur l’autre.',
      'Le libellé “Carte Carrefour” apparaît deux fois, « Netflix » une fois.',
      'Le solde est nul ; l’opération a été annulée.',
    ]) {
      expect(leakedPlaceholder(text), text).toBeNull()
    }
  })

  test('checkMessage and checkAttempt report the leak with an excerpt', () => {
    expect(english(checkMessage('Vous avez dépensé %.2f € en 3 transactions.'))).toEqual([
      'expected a message without leaked placeholders, observed printf field %s/%d/%f in "Vous avez dépensé %.2f € en 3 transactions."',
    ])
    const out = checkAnswer(
      question({ expectedIntent: 'transaction_search' }),
      parse(richBody({ message: 'Vous avez dépensé {montant total} € en 3 transactions.' })),
      V2_OBSERVES,
    )
    expect(out.ok).toBe(false)
    expect(english(out.failures)).toEqual([
      'expected a message without leaked placeholders, observed template braces {…} in "Vous avez dépensé {montant total} € en 3 transactions."',
    ])
  })
})
