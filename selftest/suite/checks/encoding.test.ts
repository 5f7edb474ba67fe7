// Mojibake: a latin-1 body read as UTF-8 yields U+FFFD. The message (and any chart/insight text) carrying it
// fails with a reason that names the cause, even though the text still looks French to the word heuristic.
import { describe, expect, test } from 'vitest'
import { checkAttempt, checkEncoding } from '../../../tests/support/checks/index.ts'
import { kpi, parse, planKpis, richBody, turnOf } from '../adapter/bodies.ts'
import { question, english } from './helpers.ts'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'

const V2_OBSERVES = harenaV2Adapter.observes

/** What the client's UTF-8 decoding makes of a latin-1 body: each byte ≥ 0x80 becomes U+FFFD. */
const asLatin1ThenUtf8 = (text: string): string => Buffer.from(text, 'latin1').toString('utf8')

describe('U+FFFD', () => {
  const garbled = asLatin1ThenUtf8('Le mois dernier, vous avez dépensé 300,00 € en 3 transactions.')

  test('a latin-1 body decoded as UTF-8 really yields U+FFFD (the premise)', () => {
    expect(garbled).toContain('\uFFFD')
  })

  test('a garbled message fails with the cause named (é, é and € each became U+FFFD)', () => {
    const out = checkAttempt(question({ expectedIntent: 'transaction_search' }), parse(richBody({ message: garbled })), V2_OBSERVES)
    expect(out.ok).toBe(false)
    expect(out.critical).toBeNull()
    expect(english(out.failures)[0]).toMatch(
      /^message contains U\+FFFD replacement characters \(3\) in ".*d\uFFFDpens\uFFFD 300,00 \uFFFD.*": the body was not valid UTF-8 \(latin-1\?\)$/,
    )
  })

  test('chart titles and insight texts are checked too; clean texts give nothing', () => {
    const summary = {
      type: 'financial_summary',
      title: 'R\uFFFDsum\uFFFD',
      description: 'Débits: 10.00€',
      confidence: 1,
      data_support: {},
      actionable: false,
      priority: 0,
    }
    const turn = turnOf(richBody({ insights: [summary], visualizations: [...planKpis(300, 3), kpi('Total D\uFFFDpenses', 1)] }))
    expect(english(checkEncoding(turn))).toEqual([
      'insight 1 contains U+FFFD replacement characters (2) in "R\uFFFDsum\uFFFD Débits: 10.00€": the body was not valid UTF-8 (latin-1?)',
      'visualization 4 contains U+FFFD replacement characters (1) in "Total D\uFFFDpenses": the body was not valid UTF-8 (latin-1?)',
    ])
    expect(english(checkEncoding(turnOf(richBody())))).toEqual([])
  })

  // Review: `application/json; charset=iso-8859-1` and a latin-1 body read first "answer to another question", and no
  // line quoted the header.
  test('a charset declared other than UTF-8: one failure names it as the cause, with the first garbled field', () => {
    const turn = { ...turnOf(richBody({ message: garbled, insights: [] })), declaredCharset: 'iso-8859-1' }
    expect(english(checkEncoding(turn))).toEqual([
      'expected a UTF-8 body (JSON is UTF-8, RFC 8259), observed a body that is not UTF-8: Content-Type declares charset=iso-8859-1; ' +
        'read as UTF-8, message contains U+FFFD replacement characters (3) in "…mois dernier, vous avez d\uFFFDpens\uFFFD 300,00 \uFFFD en 3 tran…"',
    ])
    // Declared but nothing garbled (ASCII reads the same in both): nothing to say.
    expect(checkEncoding({ ...turnOf(richBody()), declaredCharset: 'iso-8859-1' })).toEqual([])
  })
})
