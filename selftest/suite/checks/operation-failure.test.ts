// « Votre paiement a échoué »: whose failure? (checks/operation-identified.ts, docs/suite-rules.md §4). Two reviews
// (2026-12-05) reproduced both mistakes through the real suite: a pipeline error dressed as a payment failure passed
// as an answer on its own numbers — « (503) », « (ID 8841) », « après 3 tentatives » — and real answers about a failed
// payment failed as fallbacks for naming no digit and no capitalised name — « Non, votre dernier paiement a échoué :
// solde insuffisant », « le prélèvement de votre loyer a échoué ». Shapes are generated, not listed: operation nouns
// × failure verbs × what the error says of itself, and × what places the operation in the user's banking life. Each
// is judged on the real check path (checkAttempt over a parsed v2 body).
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { exchange, v2Body } from '../adapter/bodies.ts'
import { question } from './helpers.ts'

/** The attempt's judgement of `message` answering `q`: is it a fallback, and the reasons' codes. */
function judge(q: string, message: string): { fallback: boolean; codes: string } {
  const turn = harenaV2Adapter.parse(exchange(v2Body({ message: q, response: { message } })))
  const out = checkAttempt(question({ message: q }), turn, harenaV2Adapter.observes)
  return { fallback: out.fallback === true, codes: JSON.stringify(out.failures) }
}

const NEUTRAL = 'Mes dépenses du mois dernier'
// Masculine singular operations, so every verb agrees.
const OPERATIONS = ['Votre paiement', 'Le prélèvement', 'Votre virement', 'Votre retrait', 'Le remboursement']
const VERBS = ['a échoué', 'est en échec', "n'a pas pu être effectué", "n'a pas abouti"]
// « Veuillez réessayer » alone is a known fallback sentence's phrase (checks/fallback.ts): not used here, so that
// only the rule under test decides.
const RETRIES = ['', ' Réessayez plus tard.', ' Merci de réessayer ultérieurement.', ' Merci de renouveler votre demande.']

/** Every sentence `operation [before] verb [after].` then the trailer. */
function shapes(detail: { before?: string; after?: string }, trailers: readonly string[]): string[] {
  return OPERATIONS.flatMap((op) => VERBS.flatMap((verb) => trailers.map((t) => `${op}${detail.before ?? ''} ${verb}${detail.after ?? ''}.${t}`)))
}

describe('a failure said of an operation with only the error’s own details is the service’s error', () => {
  test.each([
    {},
    { after: ' (503)' },
    { after: ' (erreur 503)' },
    { after: ' : HTTP 502' },
    { after: ' : Service Unavailable (503)' },
    { after: ' : Internal Server Error' },
    { after: ' (Bad Gateway)' },
    { after: " à cause d'une erreur interne (500)" },
    { after: ' (ID 8841)' },
    { after: ' (identifiant de requête : 8841-ab)' },
    { after: ' (réf. incident 4471)' },
    { after: ' (n° de ticket 12345)' },
    { after: ' (trace 9af3)' },
    { after: ' après 3 tentatives' },
    { after: ' (code E502)' },
    { after: ' : LLM_TIMEOUT' },
    { after: ' en 30000 ms' },
  ])('%o × every operation × every verb × with and without a retry invitation → a fallback', (detail) => {
    for (const message of shapes(detail, RETRIES)) expect(judge(NEUTRAL, message), message).toMatchObject({ fallback: true })
  })

  // Context places an operation only when the message does not speak for the service: with a retry invitation, an
  // error's code or the request named, « votre dernier paiement a échoué » is the request failing.
  test.each([
    { before: " d'hier" },
    { before: ' de votre loyer' },
    { before: ' vers votre livret A' },
    { before: " de la facture d'électricité" },
    { before: ' par carte' },
    { before: ' (réf. PRLV-2231)' },
  ])('%o with a retry invitation or an error code → a fallback', (detail) => {
    const messages = [...shapes(detail, RETRIES.slice(1)), ...shapes({ ...detail, after: ' (erreur 503)' }, [''])]
    for (const message of messages) expect(judge(NEUTRAL, message), message).toMatchObject({ fallback: true })
  })

  test.each(OPERATIONS)('"%s" with an ordinal and a retry invitation → a fallback', (op) => {
    const ordinal = op.replace(/^(\S+) (\S+)$/, '$1 dernier $2')
    for (const verb of VERBS)
      for (const retry of RETRIES.slice(1)) expect(judge(NEUTRAL, `${ordinal} ${verb}.${retry}`).fallback, `${ordinal} ${verb}.${retry}`).toBe(true)
  })
})

describe('a failure that places the operation in the user’s banking life is an answer', () => {
  // Firm: an amount, a calendar date, a merchant, a site, a banking cause — whatever else the message says.
  test.each([
    { before: ' de 42,00 €' },
    { before: ' du 3 novembre' },
    { before: ' chez Amazon' },
    { before: ' sur uber.com' },
    { after: ' : solde insuffisant' },
    { after: ', pour insuffisance de fonds' },
    { after: ' : votre carte a expiré' },
    { after: ' (plafond atteint)' },
    { after: ' : carte refusée par votre banque' },
  ])('%o × every operation × every verb, even with a retry invitation → an answer', (detail) => {
    for (const message of shapes(detail, RETRIES)) {
      const out = judge(NEUTRAL, message)
      expect(out.fallback, message).toBe(false)
      expect(out.codes, message).not.toMatch(/check\.fallback/)
    }
  })

  // Context: a relative time, an ordinal, an object of the user's banking life, a reference, a yes/no answer.
  test.each([
    { before: " d'hier" },
    { before: ' de cette semaine' },
    { before: ' du mois' },
    { before: ' de votre loyer' },
    { before: ' vers votre livret A' },
    { before: " de la facture d'électricité" },
    { before: ' par carte' },
    { before: ' (réf. PRLV-2231)' },
  ])('%o × every operation × every verb → an answer', (detail) => {
    for (const message of shapes(detail, [''])) expect(judge(NEUTRAL, message), message).toMatchObject({ fallback: false })
  })

  test.each(OPERATIONS)('"%s" with an ordinal, or a yes/no answer, → an answer', (op) => {
    const ordinal = op.replace(/^(\S+) (\S+)$/, '$1 dernier $2')
    for (const verb of VERBS) {
      expect(judge(NEUTRAL, `${ordinal} ${verb}.`).fallback, `${ordinal} ${verb}`).toBe(false)
      expect(judge(NEUTRAL, `Non, ${op.toLowerCase()} ${verb}.`).fallback, `Non, ${op} ${verb}`).toBe(false)
    }
  })

  test('asked about an operation, its failure is the answer; a retry invitation still makes it the request’s', () => {
    for (const q of ['Mon dernier paiement est-il passé ?', 'Mes virements de la semaine', 'Mes prélèvements refusés'])
      for (const op of OPERATIONS)
        for (const verb of VERBS) {
          expect(judge(q, `${op} ${verb}.`).fallback, `${q} → ${op} ${verb}`).toBe(false)
          expect(judge(q, `${op} ${verb}. Réessayez plus tard.`).fallback, `${q} → ${op} ${verb} + retry`).toBe(true)
        }
  })

  test('a pronoun stands for the operation the question asks about; asked about nothing of the kind, it names none', () => {
    for (const verb of VERBS) {
      expect(judge('Mon virement vers Lydia est-il parti ?', `Non, il ${verb}.`).fallback, verb).toBe(false)
      expect(judge('Mon virement vers Lydia est-il parti ?', `Non, il ${verb}. Réessayez plus tard.`).fallback, verb).toBe(true)
      expect(judge(NEUTRAL, `Il ${verb}.`).fallback, verb).toBe(true)
    }
  })

  // The reviews' own answers, as the service sent them.
  test.each([
    ['Transactions de cette semaine', 'Cette semaine, votre dernier paiement a échoué : solde insuffisant.'],
    ['Mon dernier paiement est-il passé ?', 'Non, votre dernier paiement a échoué : solde insuffisant.'],
    ['Mon prélèvement de loyer est-il passé ?', 'Non, le prélèvement de votre loyer a échoué.'],
    [NEUTRAL, "Votre paiement d'hier a échoué."],
    [NEUTRAL, 'Votre dernier virement a échoué.'],
    [NEUTRAL, 'Votre virement vers votre livret A a échoué.'],
    [NEUTRAL, 'Votre paiement par carte a échoué hier, pour insuffisance de fonds.'],
    [NEUTRAL, 'Votre paiement sur uber.com a échoué.'],
    [NEUTRAL, "Votre paiement de la facture d'électricité a échoué."],
  ])('%s → %s: an answer', (q, message) => {
    expect(judge(q, message).fallback).toBe(false)
  })
})
