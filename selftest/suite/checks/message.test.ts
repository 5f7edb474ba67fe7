// The answer-text rules: French (a simple heuristic, tested on both sides), leaked placeholders, and robust
// recognition of the known fallback sentences without catching ordinary answers.
import { describe, expect, test } from 'vitest'
import {
  FALLBACK_SENTENCES,
  checkMessage,
  fallbackSentenceIn,
  isFallbackMessage,
  leakedPlaceholder,
  looksFrench,
} from '../../../tests/support/checks/index.ts'
import { english } from './helpers.ts'

describe('French text', () => {
  test('French answers, short and long, pass', () => {
    for (const text of [
      'Vous avez dépensé 42,10 € chez Lidl le mois dernier.',
      "Je n'ai trouvé aucune transaction pour cette période.",
      'Service en mode legacy - fonctionnalites limitees',
      'Bonjour ! Voici le résumé de vos dépenses : **3 transactions** pour 120,00 €.',
      'Voici vos dépenses Netflix (subscription plan "Standard with ads").',
    ])
      expect(looksFrench(text), text).toBe(true)
  })

  test('English-only, bare tokens and mostly-English text fail', () => {
    for (const text of [
      'Sorry, I cannot process your request.',
      'Here is the summary of your spending.',
      'OK',
      'Error 42',
      'The Banque de France is closed and the office too.',
    ]) {
      expect(looksFrench(text), text).toBe(false)
    }
  })

  test('short texts dominated by figures pass unless they show English', () => {
    for (const text of ['Total: 123,45 € (12 transactions).', 'Transactions : 3', 'Total : 1 234,56 €']) expect(looksFrench(text), text).toBe(true)
    for (const text of ['You spent 123.45 EUR in 12 transactions.', 'Total: 123.45 EUR in 12 transactions.', 'Error 500', 'Spent 12 €']) {
      expect(looksFrench(text), text).toBe(false)
    }
    expect(english(checkMessage('Total: 123,45 € (12 transactions).'))).toEqual([])
  })

  test('checkMessage: empty, placeholder and English failures are readable', () => {
    expect(english(checkMessage('   \n'))).toEqual(['expected a non-empty answer message, observed an empty message'])
    expect(english(checkMessage('Vous avez dépensé undefined € ce mois-ci.'))).toEqual([
      'expected a message without leaked placeholders, observed undefined in "Vous avez dépensé undefined € ce mois-ci."',
    ])
    expect(english(checkMessage('Your total is 12 €.'))).toEqual([
      'expected a French answer, observed text that does not look French (it reads as English): "Your total is 12 €."',
    ])
    expect(english(checkMessage('Vous avez dépensé 12,00 € chez Lidl.'))).toEqual([])
  })

  test('observed text is bounded in failures', () => {
    const long = `Total: ${'x'.repeat(5000)}`
    expect(english(checkMessage(long))[0]!.length).toBeLessThan(200)
  })
})

describe('leaked placeholders', () => {
  test.each([
    ['Vous avez dépensé {total} € au total.', 'template braces {…}'],
    ['Montant : {amount:.2f} €', 'template braces {…}'],
    ['Bonjour {{ user.name }}, voici vos dépenses.', 'template braces {{…}}'],
    ['Bonjour ${name}', 'template braces ${…}'],
    ['Catégorie : None', 'None'],
    ['Moyenne : NaN €', 'NaN'],
    ['Moyenne : nan €', 'NaN'],
    ['Le marchand est null.', 'null'],
    ['Détail : [object Object]', '[object Object]'],
    ['Résultat : {}', 'empty braces {}'],
  ])('%s → %s', (text, name) => {
    expect(leakedPlaceholder(text)?.name).toBe(name)
  })

  test('ordinary French text (nul, aucune, annulé, brackets, emphasis) is clean', () => {
    for (const text of [
      'Le solde est nul ce mois-ci.',
      'Aucune dépense annulée.',
      'Voir [le détail] ci-dessous (3 transactions).',
      '**Total** : 12,00 €',
      'Nonobstant vos achats, tout va bien.',
    ]) {
      expect(leakedPlaceholder(text), text).toBeNull()
    }
  })
})

describe('fallback sentences', () => {
  test('every known sentence matches itself', () => {
    expect(FALLBACK_SENTENCES).toHaveLength(10)
    for (const s of FALLBACK_SENTENCES) expect(fallbackSentenceIn(s)).toBe(s)
  })

  test('robust to case, whitespace, accents, typographic apostrophes and a fixed "à"', () => {
    expect(isFallbackMessage("  j'ai des difficultes e formuler une reponse.\n  Veuillez reessayer. ")).toBe(true)
    expect(isFallbackMessage('J’ai des difficultés à formuler une réponse. Veuillez réessayer.')).toBe(true)
    expect(isFallbackMessage('JE NE PARVIENS PAS E CONSTRUIRE UNE REQUETE APPROPRIEE POUR VOS DONNEES')).toBe(true)
    expect(isFallbackMessage('Service en mode legacy – fonctionnalités limitées')).toBe(true)
    expect(
      isFallbackMessage(
        'Désolé, je rencontre des difficultés pour traiter votre demande. Pouvez-vous reformuler votre question ou essayer une autre recherche ?',
      ),
    ).toBe(true)
  })

  test('ordinary answers that share words with a fallback are not fallbacks', () => {
    expect(isFallbackMessage('Pouvez-vous reformuler votre question en précisant la période ?')).toBe(false)
    expect(isFallbackMessage("Je n'arrive pas à trouver de dépense chez ce marchand.")).toBe(false)
    expect(isFallbackMessage('Voici une réponse détaillée à votre demande.')).toBe(false)
  })
})
