// An error or exception the service leaked into the text (checks/leaked-error.ts, docs/suite-rules.md §4). A review
// (2026-12-06) got GO on every generation with « KeyError: 'total_debit' », a Node stack or « Une erreur est survenue
// lors de la recherche. » appended after a correct answer; as the whole text, the same leaks failed only as "not
// French", "placeholder undefined" or "off-topic". Both directions are pinned: every family fails wherever it stands,
// and what a healthy French finance answer says (« aucune erreur », « exception faite de », « une erreur de 2 € »,
// every answer of the reference service, every wire fixture) does not.
import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { leakedErrorIn } from '../../../tests/support/checks/leaked-error.ts'
import type { AdapterResult } from '../../../tests/support/turn.ts'
import { exchange, v3BufferedOf, v3StreamOf } from '../adapter/bodies.ts'
import { referenceAnswers } from '../reference-answers.ts'
import { english, question } from './helpers.ts'

const ANSWER = 'Chez Carrefour, vous avez **5 transactions** pour un total de **280,55 €** en novembre 2026.'

// One of each family, as a service leaks it: [the leak, what the reason quotes].
const LEAKS: ReadonlyArray<readonly [string, string]> = [
  ["KeyError: 'total_debit'", "KeyError: 'total_debit'"],
  [
    'Error: connect ECONNREFUSED 127.0.0.1:9200\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    'Error: connect ECONNREFUSED 127.0.0.1:9200',
  ],
  ['    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)', 'at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'],
  ['Une erreur est survenue lors de la recherche.', 'Une erreur est survenue lors de la recherche.'],
  ['ConnectionRefusedError: [Errno 111] Connection refused', 'ConnectionRefusedError: [Errno 111] Connection refused'],
  ['Exception: search_service timeout', 'Exception: search_service timeout'],
  ["Erreur : délai d'attente dépassé (search_service)", "Erreur : délai d'attente dépassé (search_service)"],
  ['Erreur interne du serveur (500) : la recherche a échoué.', 'Erreur interne du serveur (500) : la recherche a échoué.'],
  [
    'java.lang.NullPointerException: Cannot invoke "String.length()"\n\tat com.harena.search.SearchService.query(SearchService.java:87)',
    'java.lang.NullPointerException: Cannot invoke "String.length()"',
  ],
  ['\tat com.harena.search.SearchService.query(SearchService.java:87)', 'at com.harena.search.SearchService.query(SearchService.java:87)'],
  ['  File "/app/agents/response_generator.py", line 212, in generate', 'File "/app/agents/response_generator.py", line 212, in generate'],
  ['openai.APITimeoutError: Request timed out.', 'openai.APITimeoutError: Request timed out.'],
  ["Une exception s'est produite dans le module de génération.", "Une exception s'est produite dans le module de génération."],
  ['An unexpected error occurred.', 'An unexpected error occurred.'],
  ['Le délai de réponse a été dépassé.', 'délai de réponse a été dépassé.'],
  ['503 Service Unavailable', '503 Service Unavailable'],
  ['(erreur HTTP 502)', 'erreur HTTP 502)'],
  ['getaddrinfo ENOTFOUND elasticsearch', 'ENOTFOUND elasticsearch'],
  ['**Erreur technique** : le moteur de recherche ne répond pas.', '**Erreur technique** : le moteur de recherche ne répond pas.'],
  ["KeyError('total_debit')", "KeyError('total_debit')"],
  ["'NoneType' object has no attribute 'get'", "'NoneType' object has no attribute 'get'"],
  ['search_phase_execution_exception: all shards failed', 'search_phase_execution_exception: all shards failed'],
  ['context deadline exceeded', 'context deadline exceeded'],
  ['La recherche de vos transactions a échoué.', 'La recherche de vos transactions a échoué.'],
  ['Échec de la génération de la réponse.', 'Échec de la génération de la réponse.'],
]

// What a correct French finance answer says that only looks like a leak.
const HEALTHY: readonly string[] = [
  'Aucune erreur détectée dans vos prélèvements ce mois-ci (412,30 €).',
  "En cas d'erreur de saisie, contactez votre conseiller.",
  "En cas d'erreur interne à votre banque, le virement est recrédité sous 48 h.",
  '3 transactions en erreur ont été rejetées par la banque ce mois-ci.',
  'Exception faite de votre loyer (850,00 €), vos dépenses sont stables.',
  'Il y a eu une erreur de 2 € sur votre facture Free du 4 novembre.',
  'Votre achat exceptionnel chez Apple (1 299,00 €) explique la hausse.',
  'Le délai de contestation de 13 mois est dépassé pour ce prélèvement.',
  'Le délai de rétractation est dépassé : la commande Fnac ne peut plus être annulée.',
  'Une erreur est survenue lors du prélèvement Free : 29,99 € rejetés le 3 novembre.',
  'Une erreur est survenue sur votre paiement chez Amazon le 4 mars (45,00 €).',
  'Erreur : paiement refusé chez Carrefour le 12 novembre (56,11 €).',
  'Erreur lors du paiement : votre carte a été refusée chez Carrefour le 12 novembre (56,11 €).',
  "Aucune erreur ne s'est produite sur vos comptes en novembre.",
  'Si une erreur est survenue sur un prélèvement, vous pouvez le contester.',
  "Le paiement Amazon a échoué en raison d'une erreur technique chez Amazon le 4 mars.",
  'Vous avez 512 transactions ce mois-ci, dont 503 chez des commerçants.',
  'Statut : 500 transactions analysées, aucune anomalie.',
  'Dépenses Error Store : 45,00 € ; Exception Café : 12,50 €.',
  'Une erreur interne à votre banque a doublé le débit Amazon de 23,99 € le 4 novembre.',
  'Une erreur est survenue lors de votre virement du 12 mars vers Lydia (150,00 €).',
  'Le chargement de votre carte prépayée a échoué le 3 novembre (50,00 €).',
  'Le traitement du remboursement Amazon a échoué : contactez le marchand.',
  'Votre prélèvement Free du 5 novembre a échoué (29,99 €).',
]

const asked = question({ message: 'Mes dépenses chez Carrefour', expectedIntent: null, expectsData: null })

const v3Buffered = (message: string): AdapterResult => v3BufferedOf(asked.message, message)

const codes = (result: AdapterResult): string[] => checkAttempt(asked, result, harenaV3Adapter.observes).failures.map((f) => f.code)

describe('a leaked error or exception after a correct answer fails it', () => {
  test.each(LEAKS)('%s', (leak, quoted) => {
    expect(leakedErrorIn(`${ANSWER}\n\n${leak}`)?.statement).toBe(quoted)
    // glued to the last token, as a streamed chunk may be
    expect(leakedErrorIn(`${ANSWER} ${leak.trim()}`)).not.toBeNull()
  })

  test('buffered and streamed alike, the reason says a leak and quotes it', () => {
    for (const [leak, quoted] of LEAKS) {
      const message = `${ANSWER}\n\n${leak}`
      const buffered = checkAttempt(asked, v3Buffered(message), harenaV3Adapter.observes)
      expect(buffered, leak).toMatchObject({ ok: false, fallback: true, critical: null })
      expect(english(buffered.failures), leak).toEqual([
        expect.stringContaining(`expected a real answer, observed an error or exception the service leaked into the text ("${quoted.slice(0, 159)}`),
      ])
      expect(codes(v3StreamOf([...ANSWER.split(/(?<= )/), `\n\n${leak}`])), leak).toEqual(['check.fallback.leaked_error'])
    }
  })

  test('on every reference answer, whatever it says before the leak', () => {
    for (const { envelope } of referenceAnswers().slice(0, 40)) {
      const message = `${envelope.response.message}\n\nKeyError: 'total_debit'`
      const result = harenaV2Adapter.parse(exchange({ ...envelope, response: { ...envelope.response, message } }))
      const out = checkAttempt(question({ message: envelope.message, expectedIntent: null, expectsData: null }), result, harenaV2Adapter.observes)
      expect(
        out.failures.map((f) => f.code),
        message,
      ).toEqual(['check.fallback.leaked_error'])
    }
  })
})

// The same leaks as the whole text: named as what they are, first, not as "not French" or "off-topic".
describe('a leak as the whole text is named first', () => {
  test.each([
    ["KeyError: 'total_debit'"],
    ["TypeError: Cannot read properties of undefined (reading 'amount')\n    at ResponseGenerator.build (/app/gen.js:42:13)"],
    ["Une exception s'est produite : KeyError: 'total_debit' dans le module de génération."],
    ['Error: connect ECONNREFUSED 127.0.0.1:9200\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'],
  ])('%s', (message) => {
    const failures = checkAttempt(asked, v3Buffered(message), harenaV3Adapter.observes).failures
    expect(failures.map((f) => f.code)).toEqual(['check.fallback.leaked_error'])
    expect(english(failures)[0]).toContain(`("${message.split('\n')[0]?.slice(0, 40)}`)
  })
})

describe('what a healthy answer says is no leak', () => {
  test.each(HEALTHY)('%s', (message) => {
    expect(leakedErrorIn(message)).toBeNull()
  })

  test('no reference-service answer holds one', () => {
    for (const { envelope } of referenceAnswers()) expect(leakedErrorIn(envelope.response.message), envelope.response.message).toBeNull()
  })

  test('no wire fixture text holds one', () => {
    const dir = new URL('../../../fixtures/wire/', import.meta.url)
    for (const file of fs.readdirSync(dir)) {
      const body = fs.readFileSync(new URL(file, dir), 'utf8')
      const texts = [...body.matchAll(/"(?:message|content)":\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string)
      for (const text of texts) expect(leakedErrorIn(text), `${file}: ${text}`).toBeNull()
    }
  })
})
