// Which 4xx may answer an edge case (docs/suite-rules.md §4): only those about the question (400, 404, 409, 410, 422). Auth
// refusals and rate limiting (401, 403, 407, 429) never count, whatever message the body carries.
import { describe, expect, test } from 'vitest'
import { ANSWERING_4XX, checkAttempt } from '../../../tests/support/checks/index.ts'
import { V2_422_BODY, parse } from '../adapter/bodies.ts'
import { edgeQuestion, question, english } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

const refused401 = { detail: 'Token expiré', timestamp: '2026-03-02T09:15:04+00:00', error_code: 'TOKEN_EXPIRED' }
const refused403 = { detail: { error: "user_id dans l'URL ne correspond pas au token", timestamp: '2026-03-02T09:15:04+00:00' } }

describe('4xx for edge cases', () => {
  test('the answering statuses with a readable message pass', () => {
    expect([...ANSWERING_4XX]).toEqual([400, 404, 409, 410, 422])
    for (const status of ANSWERING_4XX) {
      expect(checkAttempt(edgeQuestion(), parse({ detail: 'Aucune transaction pour cette date' }, status), V2_OBSERVES), String(status)).toEqual({
        ok: true,
        failures: [],
        critical: null,
        fallback: false,
      })
    }
    // Issue 10: V2_422_BODY refuses "aaaaaaa", not q13's text — it no longer answers q13; the same refusal of the
    // question's own text does.
    expect(checkAttempt(edgeQuestion(), parse(V2_422_BODY, 422), V2_OBSERVES).ok).toBe(false)
    const own = { detail: [{ ...V2_422_BODY.detail[0], input: edgeQuestion().message }] }
    expect(checkAttempt(edgeQuestion(), parse(own, 422), V2_OBSERVES).ok).toBe(true)
  })

  test('401 and 403 are refusals naming the credentials, even with a readable message', () => {
    const out = checkAttempt(edgeQuestion(), parse(refused401, 401), V2_OBSERVES)
    expect(out).toMatchObject({ ok: false, critical: null, fallback: false })
    expect(english(out.failures)).toEqual([
      'expected an answer to the question, observed HTTP 401: request refused (check HARENA_API_TOKEN / credentials); body "Token expiré"',
    ])
    expect(english(checkAttempt(edgeQuestion(), parse(refused403, 403), V2_OBSERVES).failures)).toEqual([
      `expected an answer to the question, observed HTTP 403: request refused (check HARENA_API_TOKEN / credentials); body "user_id dans l'URL ne correspond pas au token"`,
    ])
  })

  test('407 and 429 are refusals too; a normal question gets the same hint', () => {
    expect(english(checkAttempt(edgeQuestion(), parse({ detail: 'Trop de requêtes' }, 429), V2_OBSERVES).failures)[0]).toBe(
      'expected an answer to the question, observed HTTP 429: rate limited (lower VALIDATION_CONCURRENCY or ask for a higher limit); body "Trop de requêtes"',
    )
    expect(checkAttempt(edgeQuestion(), parse({ message: 'Proxy Authentication Required' }, 407), V2_OBSERVES).ok).toBe(false)
    expect(english(checkAttempt(question(), parse(refused401, 401), V2_OBSERVES).failures)[0]).toMatch(
      /^expected an answer to the question, observed HTTP 401: request refused \(check HARENA_API_TOKEN/,
    )
  })

  test('other 4xx (405, 413) do not answer an edge case', () => {
    expect(english(checkAttempt(edgeQuestion(), parse({ detail: 'Method Not Allowed' }, 405), V2_OBSERVES).failures)).toEqual([
      'expected a 2xx answer or (edge case) HTTP 400, 404, 409, 410 or 422 with a readable message, observed HTTP 405 "Method Not Allowed"',
    ])
    expect(checkAttempt(edgeQuestion(), parse({ detail: 'Payload Too Large' }, 413), V2_OBSERVES).ok).toBe(false)
  })
})

describe('bare reason phrases', () => {
  test('a framework-default {"detail":"Not Found"} (an unknown route) does not answer an edge case', () => {
    for (const [status, detail] of [
      [404, 'Not Found'],
      [400, 'Bad Request'],
      [422, 'Unprocessable Entity.'],
    ] as const) {
      const out = checkAttempt(edgeQuestion(), parse({ detail }, status), V2_OBSERVES)
      expect(out.ok, `${status} ${detail}`).toBe(false)
      expect(english(out.failures)[0]).toMatch(/bare reason phrase .*not an answer/)
    }
  })

  test('a French message about the question still passes', () => {
    expect(checkAttempt(edgeQuestion(), parse({ detail: 'Marchand XYZ_MERCHANT_INEXISTANT introuvable' }, 404), V2_OBSERVES).ok).toBe(true)
    expect(checkAttempt(edgeQuestion(), parse({ detail: 'Aucune transaction trouvée pour le 1er janvier 1970' }, 404), V2_OBSERVES).ok).toBe(true)
  })
})

describe('the 4xx message itself', () => {
  test('English, placeholder or framework-validation messages do not answer an edge case', () => {
    for (const [status, body] of [
      [404, { detail: 'Route /api/v1/conversation/1 not found' }],
      [404, { detail: 'undefined' }],
      [404, { detail: 'None' }],
      [400, { detail: '{error_message}' }],
      [422, { detail: [{ loc: ['body', 'message'], msg: 'field required', type: 'value_error.missing' }] }],
    ] as const) {
      const out = checkAttempt(edgeQuestion(), parse(body, status), V2_OBSERVES)
      expect(out.ok, JSON.stringify(body)).toBe(false)
      expect(english(out.failures)[0], JSON.stringify(body)).toMatch(
        new RegExp(`^HTTP ${status}: expected a (French message|message without leaked placeholders)`),
      )
    }
  })
})

describe('a 4xx message in another Romance language does not answer an edge case either', () => {
  test.each([
    [404, 'Comerciante XYZ no encontrado', 'Spanish'],
    [404, 'No se ha encontrado ninguna transacción para este periodo', 'Spanish'],
    [400, 'Periodo non valido: nessuna transazione trovata', 'Italian'],
    [404, 'Commerciante non trovato nel database', 'Italian'],
    [400, 'Nenhuma transação encontrada para este período', 'Portuguese'],
    [422, 'No hi ha cap transacció per aquest període', 'Catalan'],
  ] as const)('HTTP %i "%s" reads as %s', (status, detail, language) => {
    const out = checkAttempt(edgeQuestion(), parse({ detail }, status), V2_OBSERVES)
    expect(out.ok, detail).toBe(false)
    expect(english(out.failures)[0]).toMatch(
      new RegExp(`^HTTP ${status}: expected a French message, observed text that does not look French \\(it reads as ${language}\\)`),
    )
  })
  test.each([
    [404, 'Marchand XYZ introuvable'],
    [404, 'Aucune transaction trouvée pour cette période'],
    [400, 'Requête invalide : le message est vide'],
    [422, 'Période non valide'],
    [404, 'Le marchand « El Corte Inglés » est introuvable'],
    [400, 'Question hors sujet'],
    // Identifiers a service echoes are no words ("per" is Italian, "con" Spanish, "da" Italian): still French.
    [400, 'Paramètre « per_page » invalide'],
    [400, 'Valeur invalide pour per_page : 500'],
    [400, 'page et per_page invalides'],
    [422, 'Champ « con_id » manquant'],
    [404, 'Conversation introuvable : conv_da12'],
    // A name's particle between two capitalised words is part of the name.
    [404, 'Marchand introuvable : Pizzeria da Michele'],
  ] as const)('HTTP %i "%s": French (or no language at all) still answers', (status, detail) => {
    const out = checkAttempt(edgeQuestion(), parse({ detail }, status), V2_OBSERVES)
    expect(
      english(out.failures).filter((f) => /French message/.test(f)),
      detail,
    ).toEqual([])
  })
})
