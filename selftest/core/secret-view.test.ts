// The view secrets are matched on (core/secret-view.ts): a group of JSON string values is cut from the whole text's
// view instead of decoded again (viewOfSpans). That is only right if every span decodes in the whole text exactly as
// on its own; these texts put every escape the view knows right against the quotes, where that could break.
import { describe, expect, test } from 'vitest'
import { groupedStrings, type View, viewLengthBound, viewOf, viewOfSpans, viewText } from '../../core/secret-view.ts'

function seeded(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}

// Escapes complete, cut short or chained, entities, surrogates, invisibles and quotes, as a value's start or end.
const PIECES = [
  '%41',
  '%4',
  '%',
  '%2541',
  '%25',
  '%c3%9c',
  '%c3',
  '\\u0041',
  '\\u00',
  '\\x41',
  '\\',
  '\\\\',
  '\\"',
  '\\n',
  '&#65;',
  '&#x41',
  '&amp;',
  '&',
  '&quot',
  '😀',
  '\ud83d',
  // Characters read as several letters (ﬁ → fi, ㎏ → kg; ﷺ as 15 letters: the view's arrays must grow).
  'ﬁ',
  '㎏',
  'ﷺ',
  '\\ufb01',
  '&#x1F16A;',
  '\u00ad',
  'é',
  'A',
  'z',
  '9',
  ' ',
  ':',
  ',',
]

function randomJson(rng: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
  const value = (): string => Array.from({ length: Math.floor(rng() * 6) }, () => pick(PIECES)).join('')
  const keys = ['content', 'message', 'k', 'part1', 'part2']
  const entries = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => {
    const key = pick(keys)
    return rng() < 0.3 ? `"${key}":["${value()}","${value()}"]` : `"${key}": "${value()}"`
  })
  return `${pick(['', '%', '\\', '&'])}{${entries.join(rng() < 0.5 ? ',' : ', ')}}${pick(['', '%4', '\\'])}`
}

const plain = (v: View) => ({
  codes: [...v.codes.subarray(0, v.length)],
  from: [...v.from.subarray(0, v.length)],
  breaks: v.breaks === undefined ? [] : [...v.breaks],
})

describe('viewOfSpans', () => {
  test('a group cut from the whole view equals the group decoded on its own, on 3,000 hostile texts', () => {
    const rng = seeded(0x71e4)
    const mismatches: string[] = []
    let groups = 0
    for (let round = 0; round < 3000; round++) {
      const text = randomJson(rng)
      const whole = viewOf(text, undefined, true)
      for (const spans of groupedStrings(text)) {
        groups++
        const expected = plain(viewOf(text, spans))
        const cut = plain(viewOfSpans(text, whole, spans))
        if (JSON.stringify(cut) !== JSON.stringify(expected)) mismatches.push(JSON.stringify(text))
        // Spans out of text order (no caller makes them, but the cut must not depend on it).
        const reversed = [...spans].reverse()
        if (JSON.stringify(plain(viewOfSpans(text, whole, reversed))) !== JSON.stringify(plain(viewOf(text, reversed))))
          mismatches.push(`reversed: ${JSON.stringify(text)}`)
      }
    }
    expect(groups).toBeGreaterThan(1000)
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  test('a span that is not a JSON string between raw quotes is decoded on its own', () => {
    const text = 'a%41b "x" %c3%9cd'
    const spans: Array<[number, number]> = [
      [1, 4],
      [12, 17],
    ]
    expect(plain(viewOfSpans(text, viewOf(text, undefined, true), spans))).toEqual(plain(viewOf(text, spans)))
  })
})

// Review 2026-12-05: an answer echoing the token in fullwidth letters showed it whole in every output.
describe('the view reads compatibility forms as the letters they are (NFKC)', () => {
  test('fullwidth, mathematical (astral, escaped or not), circled and superscript characters fold to ASCII; emoji are dropped', () => {
    expect(viewText('ｈＴ９ｘ－Ｑ２')).toBe('ht9xq2')
    expect(viewText('𝐡𝐓𝟗 𝘩𝘛𝟵 𝚑𝚃𝟿')).toBe('ht9ht9ht9')
    expect(viewText('\\uff48%F0%9D%90%93&#x1D7D7;')).toBe('ht9')
    expect(viewText('①²ſＫ')).toBe('12sk')
    expect(viewText('a💰b')).toBe('ab')
    expect(viewText('Carrefour dépensé 1 234,56 €')).toBe('carrefourdépensé123456')
  })
})

// Review 2026-12-06: a password spelled with ligatures (ﬁ, ㎏) leaked: the view folded one character to one at most.
describe('a character read as several letters (NFKC ﬁ → fi, ㎏ → kg) is all of them in the view', () => {
  test('ligatures, squared units, digraphs, roman numerals, enclosed forms — raw, escaped or astral — give every letter', () => {
    expect(viewText('oﬃce ㎏ ǆ Ⅻ ℡')).toBe('officekgdžxiitel')
    expect(viewText('\\ufb01&#xFB01;%EF%AC%81&#x1F16A;')).toBe('fififimc')
    expect(viewText('ﷺ')).toHaveLength(15)
  })

  test('each letter starts where the character is spelled, so a match masks the whole character', () => {
    const view = viewOf('aﬁ%EF%AC%81b')
    expect(plain(view)).toEqual({ codes: [...'afifib'].map((c) => c.charCodeAt(0)), from: [0, 1, 1, 2, 2, 11], breaks: [] })
    expect(view.extra).toBe(2)
  })

  test('a text of many such characters: the arrays grow, a reused (scratch) view too', () => {
    const text = `"${'ﷺ'.repeat(300)}","ﬁ"`
    const whole = viewOf(text, undefined, true)
    expect(whole.length).toBe(15 * 300 + 2)
    expect(
      plain(
        viewOfSpans(text, whole, [
          [1, 301],
          [304, 305],
        ]),
      ),
    ).toEqual(
      plain(
        viewOf(text, [
          [1, 301],
          [304, 305],
        ]),
      ),
    )
  })
})

describe('viewLengthBound: never below the view’s length (a text shorter than every window is skipped by it)', () => {
  test('on 3,000 hostile texts, and on texts made of characters of several letters, raw or escaped', () => {
    const rng = seeded(0xb0d)
    const short: string[] = []
    for (let round = 0; round < 3000; round++) {
      const text = randomJson(rng)
      if (viewLengthBound(text) < viewOf(text).length) short.push(text)
    }
    for (const text of ['oﬃce42', 'ﷺ', '&#xFDFA;', '\\ufdfa', '%EF%B7%BA', '🅪🅪', '㎏㎏㎏'])
      if (viewLengthBound(text) < viewOf(text).length) short.push(text)
    expect(short).toEqual([])
  })
})
