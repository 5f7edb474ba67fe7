// tests/support/checks/echo.ts: the question the service says it answered (v2 and v3 echo the request's message)
// must be the one asked, sanitising aside (characters removed, never added). Pure functions over adapted bodies.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { checkEchoedQuestion } from '../../../tests/support/checks/echo.ts'
import type { NormalizedTurn } from '../../../tests/support/turn.ts'
import { v2Body } from '../adapter/bodies.ts'
import { english, question } from './helpers.ts'

const turn = (echoedQuestion: string | undefined) => ({ message: 'x', ...(echoedQuestion === undefined ? {} : { echoedQuestion }) }) as NormalizedTurn
const ASKED = 'Mes dépenses du mois dernier'

describe('the echoed question', () => {
  test.each([
    ['the same text', ASKED],
    ['stripped and with its spaces collapsed', '  Mes  dépenses du mois dernier '],
    ['another case, accents dropped', 'MES DEPENSES DU MOIS DERNIER'],
  ])('%s: the answer to the question asked', (_what, echoed) => {
    expect(checkEchoedQuestion(ASKED, turn(echoed))).toEqual([])
  })

  // Review: a body sent in latin-1 read "answer to another question: the service echoes "Mes d\uFFFDpenses…"" — the
  // question was the one asked, its encoding was the problem (checks/encoding.ts names it).
  test('an echo garbled by the encoding (U+FFFD for each byte not UTF-8) that the question fits: the question asked', () => {
    const latin1 = (t: string) => Buffer.from(t, 'latin1').toString('utf8')
    expect(latin1(ASKED)).toBe('Mes d\uFFFDpenses du mois dernier')
    expect(checkEchoedQuestion(ASKED, turn(latin1(ASKED)))).toEqual([])
    expect(checkEchoedQuestion("Combien j'ai payé à Netflix ce mois ?", turn(latin1("Combien j'ai payé à Netflix ce mois ?")))).toEqual([])
    // Garbled AND another question: still another question (a replacement stands for a character, not a word).
    expect(checkEchoedQuestion(ASKED, turn('Mes d\uFFFDpenses du mois'))).toHaveLength(1)
    expect(checkEchoedQuestion(ASKED, turn('Mes d\uFFFDpenses du mois \uFFFDernier'))).toEqual([])
    expect(checkEchoedQuestion(ASKED, turn('Mes d\uFFFDpenses de la semaine'))).toHaveLength(1)
  })

  test('markup removed by the sanitiser: still the question asked', () => {
    expect(checkEchoedQuestion('Mes achats <b>Amazon</b> du mois dernier', turn('Mes achats Amazon du mois dernier'))).toEqual([])
  })

  test('HTML-escaped characters add no letters', () => {
    expect(checkEchoedQuestion('Mes achats <b>Amazon</b> & Fnac', turn('Mes achats &lt;b&gt;Amazon&lt;/b&gt; &amp; Fnac'))).toEqual([])
  })

  test('no echo on the wire (a stream, another generation): nothing to compare', () => {
    expect(checkEchoedQuestion(ASKED, turn(undefined))).toEqual([])
  })

  test.each([
    ['another period', 'Mes dépenses ce mois-ci'],
    ['another merchant', 'Mes dépenses chez Carrefour'],
    ['a word added', 'Mes dépenses du mois dernier en euros'],
    ['a word dropped', 'Mes dépenses du mois'],
  ])('%s: an answer to another question, both named', (_what, echoed) => {
    const reasons = checkEchoedQuestion(ASKED, turn(echoed))
    expect(english(reasons)).toEqual([`answer to another question: the service echoes "${echoed}", the question asked was "${ASKED}"`])
  })

  test('through the v2 and v3 adapters: the body echoing another question fails the attempt; its own passes', () => {
    const asked = question({ message: 'Mes achats de plus de 80 euros', expectedIntent: null, expectsData: null })
    const own = harenaV2Adapter.parse({ httpStatus: 200, headers: {}, bodyText: JSON.stringify(v2Body()) })
    expect(english(checkAttempt(asked, own, harenaV2Adapter.observes).failures).filter((f) => /another question/.test(f))).toEqual([])
    const other = harenaV2Adapter.parse({
      httpStatus: 200,
      headers: {},
      bodyText: JSON.stringify(v2Body({ message: 'Mes achats de plus de 800 euros' })),
    })
    expect(english(checkAttempt(asked, other, harenaV2Adapter.observes).failures)).toContain(
      'answer to another question: the service echoes "Mes achats de plus de 800 euros", the question asked was "Mes achats de plus de 80 euros"',
    )
    const v3 = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/wire/harena-v3-search.json', import.meta.url)), 'utf8')) as Record<
      string,
      unknown
    >
    const v3Asked = question({ message: String(v3.message), expectedIntent: null, expectsData: null })
    const v3Other = harenaV3Adapter.parse({ httpStatus: 200, headers: {}, bodyText: JSON.stringify({ ...v3, message: 'Mes revenus de 2019' }) })
    expect(english(checkAttempt(v3Asked, v3Other, harenaV3Adapter.observes).failures).some((f) => f.startsWith('answer to another question'))).toBe(
      true,
    )
  })
})
