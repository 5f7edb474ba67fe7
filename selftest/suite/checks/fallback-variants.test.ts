// Shortened or reworded fallback sentences (review finding): matched on the distinctive phrases of the
// contract's sentences, accent/case/punctuation-insensitively, whatever `status` says. Since issue 10 a
// fallback fails edge cases too.
import { describe, expect, test } from 'vitest'
import { checkAttempt, fallbackSentenceIn, isFallbackMessage } from '../../../tests/support/checks/index.ts'
import { parse, v2Body } from '../adapter/bodies.ts'
import { edgeQuestion, question, english } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const plain = question({ expectedIntent: 'transaction_search', expectsData: null })
const answer = (message: string) =>
  parse(v2Body({ query: null, response: { message, structured_data: [] }, search_summary: { found_results: false, total_results: 0 } }))

describe('fallback variants', () => {
  test.each([
    [
      'Désolé, je rencontre des difficultés pour traiter votre demande.',
      'Je rencontre des difficultes e analyser le contexte de notre conversation.',
    ],
    ["J'ai des difficultés à formuler une réponse.", "J'ai des difficultes e formuler une reponse. Veuillez reessayer."],
    ['Une erreur est survenue, VEUILLEZ RÉESSAYER plus tard.', "J'ai des difficultes e formuler une reponse. Veuillez reessayer."],
    ['Je ne parviens pas à construire votre recherche.', 'Je ne parviens pas e construire une requete appropriee pour vos donnees.'],
    ["Je n'arrive pas à comprendre votre demande…", "Je n'arrive pas e bien comprendre votre demande. Pouvez-vous reformuler ?"],
    ['Mode legacy.', 'Service en mode legacy - fonctionnalites limitees'],
  ])('%s', (message, sentence) => {
    expect(fallbackSentenceIn(message)).toBe(sentence)
  })

  test('a variant with status "completed" fails a normal question as a fallback', () => {
    const out = checkAttempt(plain, answer("J'ai des difficultés à formuler une réponse."), V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, fallback: true, critical: null })
    expect(english(out.failures)).toEqual([
      `expected a real answer, observed a pipeline fallback (status "completed" with the fallback message "J'ai des difficultés à formuler une réponse.")`,
    ])
  })

  // Issue 10 reversed the old rule "an edge case may still fall back gracefully with a variant".
  test('an edge case answered with a fallback variant fails like any question', () => {
    expect(checkAttempt(edgeQuestion(), answer('Désolé, je rencontre des difficultés pour traiter votre demande.'), V2_OBSERVES)).toMatchObject({
      ok: false,
      critical: null,
      fallback: true,
    })
  })

  test('clarifications and ordinary answers sharing generic words are not fallbacks', () => {
    for (const text of [
      'Pouvez-vous reformuler votre question en précisant la période ?',
      'Je ne suis pas sûr de comprendre votre demande. Souhaitez-vous consulter vos dépenses du mois dernier ?',
      "Je n'arrive pas à trouver de dépense chez ce marchand.",
      'Vos difficultés de trésorerie viennent surtout du loyer (850,00 €).',
    ]) {
      expect(isFallbackMessage(text), text).toBe(false)
    }
  })
})
