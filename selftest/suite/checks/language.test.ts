// The French rule against its likely impostors (docs/suite-rules.md §4): Spanish, Italian, Portuguese, Catalan and
// English answers share "de", "la", "en", "se" with French and must still be rejected, naming the language; no
// French answer may be rejected — every answer and insight the reference service gives is checked, plus short and
// name-laden French answers written the ways a real service writes them.
import { describe, expect, test } from 'vitest'
import { checkMessage, looksFrench } from '../../../tests/support/checks/index.ts'
import { readFrench } from '../../../tests/support/checks/message.ts'
import { say } from '../../../core/locale/index.ts'
import { referenceAnswers } from '../reference-answers.ts'
import { english } from './helpers.ts'

/** Every text the reference service answers with: the message, each insight's title and description. */
function referenceTexts(): string[] {
  const texts = new Set<string>()
  for (const { envelope } of referenceAnswers()) {
    texts.add(envelope.response.message)
    for (const i of envelope.response.structured_data) texts.add(`${i.title}. ${i.description}`)
  }
  return [...texts]
}

/** French answers a real service writes: short, without accents, with English, Spanish or Italian names, "il y a". */
const FRENCH = [
  "Je n'ai trouvé aucune transaction correspondant à votre demande sur la période.",
  'Vous avez dépensé 412,30 € en 4 transactions.',
  'Total : 412,30 € sur 4 transactions.',
  'Il y a 4 transactions ce mois-ci.',
  'Il y a 3 achats.',
  "Il n'y a aucune dépense chez Decathlon.",
  'Aucune dépense trouvée.',
  'Pas de dépense ce mois-ci.',
  'Votre abonnement Netflix coûte 17,99 € par mois.',
  'Vos abonnements Netflix et Amazon Prime : 26,98 € le mois dernier.',
  'Voici vos dépenses Netflix (subscription plan "Standard with ads").',
  'Vous avez dépensé 45,00 € chez El Corte Inglés et 12,00 € chez Casa del Libro.',
  'Dépense de 38,50 € chez Pizza Della Mamma le 3 mars.',
  'La plus grosse dépense est chez Da Vinci Ristorante : 120,00 €.',
  'Vos achats chez The Kooples et Urban Outfitters se montent à 240,00 €.',
  'Service en mode legacy - fonctionnalites limitees',
  "J'ai des difficultes e formuler une reponse. Veuillez reessayer.",
  'Vous avez depense 412,30 euros en 4 transactions le mois dernier.',
  'En octobre, 36 transactions pour 2 661,93 €.',
  'Oui, 3 paiements Spotify.',
  'Le total de la période est de 412,30 €.',
  'Montant moyen : 103,08 €.',
  'Dépenses : 412,30 € (4 transactions).',
  'Bonjour ! Voici le résumé de vos dépenses : **3 transactions** pour 120,00 €.',
  "Aujourd'hui, vous n'avez rien dépensé.",
  'Vous avez effectué 2 achats chez Lidl et 1 chez Auchan pour un total de 87,40 €.',
  'Vos dépenses ont augmenté de 12 % par rapport au mois précédent.',
  'Principales catégories : Alimentation (360,00 €), Transport (234,88 €) et Loisirs (90,00 €).',
  'Uber : 57,35 € en 2 transactions.',
  'Dépense inhabituelle : 342,50 € chez Big Mamma.',
  'Total : 57,00 €. El Corte Inglés arrive en tête.',
  'Il Gusto Italiano : 38,50 € le 3 mars.',
  'Voici le détail : Netflix 17,99 €, Spotify 10,99 €, Amazon Prime 6,99 €.',
  'Dépenses par catégorie : Shopping 45 %, Alimentation 30 %, Transport 25 %.',
  'Paiement de 19,99 € à Disney+ le 2 novembre.',
  "Résultat : aucune opération n'a été réalisée sur la période.",
]

/** The same answers in the languages a French check must not confuse with French. */
const IMPOSTORS: ReadonlyArray<[language: string, text: string]> = [
  ['es', 'He encontrado 4 transacciones de la tienda Decathlon y otras, con un total de 412,30 € en el periodo.'],
  ['es', 'Has gastado 412,30 € en 4 transacciones el mes pasado.'],
  ['es', 'No he encontrado ninguna transacción que corresponda a su solicitud en el periodo.'],
  ['es', 'Sus gastos de la semana: 412,30 € en 4 compras.'],
  ['es', '¿Quiere ver el detalle de sus gastos?'],
  ['es', 'La suma de tus gastos es 412,30 €.'],
  ['es', 'Gastos: 412,30 €'],
  ['es', 'Usted ha gastado 45,00 € en Netflix y Amazon Prime.'],
  ['it', 'Ho trovato 4 transazioni per un totale di 412,30 € nel periodo: la spesa più alta è da Decathlon.'],
  ['it', 'Hai speso 412,30 € in 4 transazioni il mese scorso.'],
  ['it', 'Non ho trovato nessuna transazione corrispondente alla tua richiesta.'],
  ['it', 'Le tue spese della settimana: 412,30 € su 4 acquisti.'],
  ['it', 'Spese: 412,30 €'],
  ['it', 'La spesa media è di 103,08 € per transazione.'],
  ['pt', 'Você gastou 412,30 € em 4 transações no mês passado.'],
  ['pt', 'Não encontrei nenhuma transação correspondente ao seu pedido.'],
  ['pt', 'Suas despesas da semana: 412,30 € em 4 compras.'],
  ['ca', 'Heu gastat 412,30 € en 4 transaccions el mes passat.'],
  ['ca', 'Les teves despeses del mes passat són 412,30 € amb 4 transaccions.'],
  ['en', 'You spent 412.30 € in 4 transactions last month.'],
  ['en', 'No transaction was found for your request.'],
  ['en', 'Total spending: 412,30 € over 4 transactions.'],
  ['en', 'Here is the summary of your expenses.'],
]

describe('French against its impostors', () => {
  test('every answer and insight of the reference service reads as French', () => {
    const texts = referenceTexts()
    expect(texts.length).toBeGreaterThan(60)
    expect(texts.filter((t) => !looksFrench(t))).toEqual([])
  })

  test('short French answers, answers without accents and answers full of foreign names pass', () => {
    expect(FRENCH.filter((t) => !looksFrench(t))).toEqual([])
    for (const text of FRENCH) expect(english(checkMessage(text)), text).toEqual([])
  })

  test.each(IMPOSTORS)('%s is not French: %s', (language, text) => {
    expect(readFrench(text)).toEqual({ french: false, looksLike: language })
  })

  test('the failure names the language the answer reads as, in both locales', () => {
    const spanish = 'He encontrado 4 transacciones de la tienda Decathlon y otras, con un total de 412,30 € en el periodo.'
    const [failure] = checkMessage(spanish)
    expect(failure?.params.looksLike).toBe('es')
    expect(english([failure!])[0]).toMatch(
      /^expected a French answer, observed text that does not look French \(it reads as Spanish\): "He encontrado/,
    )
    expect(english(checkMessage('Hai speso 412,30 € in 4 transazioni il mese scorso.'))[0]).toContain('(it reads as Italian)')
    expect(say(failure!, 'fr')).toMatch(/ne ressemble pas à du français \(on dirait de l'espagnol\) : « He encontrado/)
  })

  test('a bare token names no language', () => {
    expect(readFrench('OK')).toEqual({ french: false, looksLike: null })
    expect(english(checkMessage('OK'))).toEqual(['expected a French answer, observed text that does not look French: "OK"'])
  })
})
