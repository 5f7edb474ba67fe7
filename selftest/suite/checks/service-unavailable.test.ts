// The service saying in French that it is unavailable, after a correct answer (checks/service-unavailable.ts, via
// leaked-error.ts; docs/suite-rules.md §4): « … 280,55 €. Le service est temporairement indisponible. » passed as an
// answer — its figures made it one for the error-statement rule, and HTTP_5XX knew only "Service Unavailable". The rule
// is by structure: the subject of « indisponible » (« hors ligne », « en maintenance », « n'est pas disponible pour le
// moment ») is the service — its server, system, assistant, a feature, its search — or the assistant speaking. Data
// that is unavailable (« ce marchand », « solde … pour ce compte », « ces fonds »), another party's or the user's
// service, a complement, a condition or a denial is not one. Buffered and streamed, v2 and v3 alike.
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { leakedErrorIn } from '../../../tests/support/checks/leaked-error.ts'
import type { AdapterResult } from '../../../tests/support/turn.ts'
import { exchange, v2Body, v3BufferedOf, v3StreamOf } from '../adapter/bodies.ts'
import { english, question } from './helpers.ts'

const ANSWER = 'Chez Carrefour, vous avez **5 transactions** pour un total de **280,55 €** en novembre 2026.'
const asked = question({ message: 'Mes dépenses chez Carrefour', expectedIntent: null, expectsData: null })

// [the statement appended, what the reason quotes]
const UNAVAILABLE: ReadonlyArray<readonly [string, string]> = [
  ['Service indisponible', 'Service indisponible'],
  ['Le service est temporairement indisponible.', 'Le service est temporairement indisponible.'],
  ['Service momentanément indisponible, merci de réessayer.', 'Service momentanément indisponible, merci de réessayer.'],
  ['Désolé, le service est momentanément indisponible.', 'le service est momentanément indisponible.'],
  ["L'assistant est indisponible pour le moment.", "L'assistant est indisponible pour le moment."],
  ['Cette fonctionnalité est indisponible pour le moment.', 'Cette fonctionnalité est indisponible pour le moment.'],
  ["Cette fonctionnalité n'est pas disponible pour le moment.", "Cette fonctionnalité n'est pas disponible pour le moment."],
  ["Le service n'est actuellement pas disponible.", "Le service n'est actuellement pas disponible."],
  ['Je suis momentanément indisponible.', 'Je suis momentanément indisponible.'],
  ['Nos serveurs sont temporairement inaccessibles.', 'Nos serveurs sont temporairement inaccessibles.'],
  ["L'analyse de vos dépenses est momentanément indisponible.", "L'analyse de vos dépenses est momentanément indisponible."],
  ['Le service de catégorisation est temporairement indisponible.', 'Le service de catégorisation est temporairement indisponible.'],
  ['Notre service de recherche Elasticsearch est hors ligne.', 'Notre service de recherche Elasticsearch est hors ligne.'],
  ['Le service Harena est en maintenance.', 'Le service Harena est en maintenance.'],
  ["L'API est momentanément indisponible.", "L'API est momentanément indisponible."],
  ['La base de données est indisponible pour le moment.', 'La base de données est indisponible pour le moment.'],
]

// Data that is unavailable, another party's or the user's service, a complement, a condition, a denial, a capability.
const HEALTHY: readonly string[] = [
  'Ce marchand est indisponible.',
  'Solde indisponible pour ce compte.',
  "Ces fonds sont indisponibles jusqu'au 5 mars, le temps de l'encaissement du chèque.",
  'Le distributeur est hors service depuis le 3 novembre.',
  'Le produit commandé chez Fnac est indisponible.',
  'Le virement instantané est indisponible pour ce bénéficiaire.',
  'Votre abonnement au service Netflix est indisponible dans votre pays.',
  'Le service client de votre banque est indisponible le dimanche.',
  'Le service de paiement sans contact est temporairement indisponible sur votre carte.',
  'Le service Netflix est indisponible depuis votre résiliation.',
  'Votre service de streaming est indisponible.',
  'Si le service est indisponible, réessayez plus tard.',
  "Lorsque l'application est indisponible, vos paiements par carte restent possibles.",
  "Cette fonctionnalité n'est pas disponible dans votre offre.",
  "Le service n'est pas indisponible.",
  'Aucun service indisponible ce mois-ci.',
]

const v3Buffered = (message: string): AdapterResult => v3BufferedOf(asked.message, message)
const v2Buffered = (message: string): AdapterResult => {
  const body = v2Body({
    message: asked.message,
    response: { message, structured_data: [] },
    search_summary: { found_results: true, total_results: 5 },
  })
  return harenaV2Adapter.parse(exchange(body))
}
const codes = (result: AdapterResult, observes = harenaV3Adapter.observes): string[] =>
  checkAttempt(asked, result, observes).failures.map((f) => f.code)

describe('the service unavailable, said after a correct answer, fails it', () => {
  test.each(UNAVAILABLE)('%s', (statement, quoted) => {
    expect(leakedErrorIn(`${ANSWER}\n\n${statement}`)?.statement).toBe(quoted)
    expect(leakedErrorIn(`${ANSWER} ${statement}`)?.kind).toBe('words')
  })

  test('buffered v3 and v2, streamed v3: a fallback quoting the statement', () => {
    for (const [statement, quoted] of UNAVAILABLE) {
      const message = `${ANSWER}\n\n${statement}`
      const out = checkAttempt(asked, v3Buffered(message), harenaV3Adapter.observes)
      expect(out, statement).toMatchObject({ ok: false, fallback: true, critical: null })
      expect(english(out.failures), statement).toEqual([
        expect.stringContaining(`observed an error or exception the service leaked into the text ("${quoted}`),
      ])
      expect(codes(v2Buffered(message), harenaV2Adapter.observes), statement).toEqual(['check.fallback.leaked_error'])
      expect(codes(v3StreamOf([...ANSWER.split(/(?<= )/), `\n\n${statement}`])), statement).toEqual(['check.fallback.leaked_error'])
    }
  })

  test('as the whole text, it keeps the error-statement reason', () => {
    expect(codes(v3Buffered('Le service est temporairement indisponible.'))).toEqual(['check.fallback.error_statement'])
  })
})

describe('data that is unavailable, and what only looks alike, is no leak', () => {
  test.each(HEALTHY)('%s', (statement) => {
    expect(leakedErrorIn(`${ANSWER} ${statement}`)).toBeNull()
    expect(codes(v3Buffered(`${ANSWER} ${statement}`))).not.toContain('check.fallback.leaked_error')
  })
})
