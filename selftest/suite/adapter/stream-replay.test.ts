// Chunks sent twice (tests/support/adapters/replay.ts): the real stream adapters on hand-made event sequences. The
// structural signals name a replay as a contract problem — a replayed SSE id or position number, a text the stated
// length shows doubled (v3), every chunk twice or the whole sequence twice (v2, no stated length) — and genuine
// repetition in French prose ("très très", a merchant named twice, a word streamed twice in a row) is not one.
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import type { StreamCapture } from '../../../tests/support/exchange.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { english, question } from '../checks/helpers.ts'
import { referenceAnswers } from '../reference-answers.ts'

type Ev = Record<string, unknown>
const chunk = (content: string, extra: Ev = {}): Ev => ({ type: 'response_chunk', content, ...extra })
const HEAD: Ev[] = [{ type: 'status', message: 'Analyse du contexte...' }, { type: 'response_start' }]
const END: Ev = { type: 'response_end', conversation_id: 'stream_1_1' }
const endStating = (text: string): Ev => ({
  type: 'response_end',
  metadata: { total_results: 3, response_length: text.length, processing_time_ms: 12 },
})
const words = (text: string): Ev[] => text.split(/(?<= )/).map((w) => chunk(w))
const twice = (events: readonly Ev[]): Ev[] => events.flatMap((e) => [e, e])

const TEXT = 'Vos dépenses alimentaires de novembre 2026 : **360,00 €** sur 12 transactions, surtout chez Carrefour.'

/** The frames of `events`, each with its SSE `id:` line when `ids` gives one. */
function frames(events: readonly Ev[], ids?: readonly (string | undefined)[]): string[] {
  return events.map((e, i) => `${ids?.[i] === undefined ? '' : `id: ${ids[i]}\n`}data: ${JSON.stringify(e)}\n\n`)
}

/** The adapter's own consumer fed frame by frame, then its parse. */
function streamed(adapter: ContractAdapter, body: readonly string[]): { capture: StreamCapture; result: AdapterResult } {
  const stream = adapter.stream
  if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
  const consumer = stream.open()
  for (const [i, piece] of body.entries()) consumer.push(piece, i + 1)
  const capture = consumer.finish(body.length + 1)
  return { capture, result: stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: body.join('') }, capture) }
}

const judged = (result: AdapterResult) =>
  checkAttempt(question({ message: 'Mes dépenses alimentaires', expectedIntent: null }), result, harenaV3Adapter.observes)
const replayOf = (result: AdapterResult) => (result.kind === 'contract_violation' ? result.replay : undefined)

describe('structural signals: chunks sent twice are a contract problem, named as such', () => {
  test.each([harenaV2Adapter, harenaV2ChartsAdapter])('$name (no stated length): every chunk twice in a row', (adapter) => {
    const { result } = streamed(adapter, frames([...HEAD, ...twice(words(TEXT)), END]))
    expect(replayOf(result)).toEqual({ signal: 'every_chunk_twice', chunks: 2 * words(TEXT).length })
    const verdict = judged(result)
    expect(verdict).toMatchObject({ ok: false, critical: 'contract' })
    expect(verdict.failures.map((f) => f.code)).toEqual(['check.contract.chunks_replayed'])
    expect(english(verdict.failures)[0]).toMatch(
      /^expected a stream that sends each chunk once, observed chunks sent twice: each of the \d+ chunks came twice in a row$/,
    )
  })

  test('v3: the evidence counts what the chunks assembled as the length is stated (code points, untrimmed)', () => {
    const sent = 'Bonjour le monde.\n\n'
    const events = [...HEAD, chunk('Bonjour '), chunk('Bonjour '), chunk('le monde.\n\n'), endStating(sent)]
    const { result } = streamed(harenaV3Adapter, frames(events))
    expect(replayOf(result)).toMatchObject({ signal: 'stated_length', stated: [...sent].length, received: [...`Bonjour ${sent}`].length })
  })

  test('v2: the whole sequence of chunks twice, in the same order', () => {
    const { result } = streamed(harenaV2Adapter, frames([...HEAD, ...words(TEXT), ...words(TEXT), END]))
    expect(replayOf(result)).toMatchObject({ signal: 'sequence_twice' })
  })

  // Review 2026-12-05: a v3 stream sent A B C … then A B C … again, its response_length stating ONE copy, was judged
  // ok — only back-to-back repeats were looked for where a length is stated.
  test('v3: the whole sequence twice (or three times) is a replay whatever length is stated', () => {
    for (const [stated, copies] of [
      [TEXT, 2],
      [TEXT, 3],
      [TEXT + TEXT, 2],
    ] as const) {
      const chunks = Array.from({ length: copies }, () => words(TEXT)).flat()
      const { result } = streamed(harenaV3Adapter, frames([...HEAD, ...chunks, endStating(stated)]))
      expect(replayOf(result), `${copies} copies, stated ${stated.length}`).toMatchObject({ signal: 'sequence_twice', copies })
      expect(judged(result)).toMatchObject({ ok: false, critical: 'contract' })
    }
    const twiceOver = streamed(harenaV3Adapter, frames([...HEAD, ...words(TEXT), ...words(TEXT), endStating(TEXT)])).result
    expect(english(judged(twiceOver).failures)[0]).toMatch(
      /the whole sequence of \d+ chunks came twice, in the same order; response_end states \d+ characters, those of one copy$/,
    )
  })

  test("v3: two short chunks sent twice over, the stated length being one copy's, is a replay; unstated, it is prose", () => {
    const pair = [chunk('Oui, '), chunk('merci.')]
    const stated = streamed(harenaV3Adapter, frames([...HEAD, ...pair, ...pair, endStating('Oui, merci.')])).result
    expect(replayOf(stated)).toMatchObject({ signal: 'sequence_twice', copies: 2, stated: 'Oui, merci.'.length })
    expect(streamed(harenaV2Adapter, frames([...HEAD, ...pair, ...pair, END])).result.kind).toBe('turn')
  })

  test('v3: the stated response_length shows the doubled text, every chunk or only one', () => {
    const all = streamed(harenaV3Adapter, frames([...HEAD, ...twice(words(TEXT)), endStating(TEXT)])).result
    // What the chunks assembled, counted as the length is stated: every code point, nothing trimmed.
    const doubled = twice(words(TEXT))
      .map((e) => e.content)
      .join('')
    expect(replayOf(all)).toMatchObject({ signal: 'stated_length', stated: TEXT.length, received: [...doubled].length, repeats: words(TEXT).length })
    expect(english(judged(all).failures)[0]).toMatch(/response_end states \d+ characters \(response_length\), the chunks assemble \d+/)
    // One chunk replayed ("alimentaires ", longer than the length slack: a replayed "de " is below what a length tells).
    const w = words(TEXT)
    const one = streamed(harenaV3Adapter, frames([...HEAD, ...w.slice(0, 3), ...w.slice(2), endStating(TEXT)])).result
    expect(replayOf(one)).toMatchObject({ signal: 'stated_length', repeats: 1 })
  })

  test('a chunk replayed under the SSE id it first came with; an id every frame shares names no replay', () => {
    const events = [...HEAD, chunk('Vos '), chunk('dépenses '), chunk('dépenses '), chunk('alimentaires.'), END]
    const replayed = streamed(harenaV2Adapter, frames(events, [undefined, undefined, '1', '2', '2', '3', '4'])).result
    expect(replayOf(replayed)).toEqual({ signal: 'sse_id', index: 4, first: 3, field: 'id', value: '2' })
    const constant = streamed(harenaV2Adapter, frames([...HEAD, ...words(TEXT), END], Array(20).fill('conv-1'))).result
    expect(constant.kind).toBe('turn')
  })

  // Review: a constant `id:` on every frame, or epoch-second ids (a burst of word-sized chunks under one id), read
  // "de " or "€ " streamed twice as a replay — 9 to 10 critical bugs on healthy streams, a v3 one whose stated length
  // matched the text exactly.
  const REPEATS = 'Vos dépenses de novembre : 360,00 € chez Carrefour et 120,00 € chez Monoprix, soit 480,00 € de courses.'
  const bySecond = (n: number, perSecond: number): string[] => Array.from({ length: n }, (_, i) => String(1_764_000_000 + Math.floor(i / perSecond)))

  test.each([
    ['a constant id on every frame', (n: number) => Array<string>(n).fill('x')],
    ['epoch-second ids, twenty frames a second', (n: number) => bySecond(n, 20)],
    ['a connection id on every frame', (n: number) => Array<string>(n).fill('conv-1')],
  ])('ids shared by distinct frames name no replay: %s (v2, and v3 with its exact stated length)', (_name, ids) => {
    const events = [...HEAD, ...words(REPEATS)]
    const v2 = streamed(harenaV2Adapter, frames([...events, END], ids(events.length + 1))).result
    expect(v2.kind, JSON.stringify(replayOf(v2))).toBe('turn')
    const v3 = streamed(harenaV3Adapter, frames([...events, endStating(REPEATS)], ids(events.length + 1))).result
    expect(v3.kind, JSON.stringify(replayOf(v3))).toBe('turn')
  })

  test('ids that rise and step back onto a frame already sent: the step back is the replay', () => {
    const w = words(REPEATS)
    // Four frames a second; after the fifth chunk the first two come again under their own (earlier) second.
    const ids = bySecond(HEAD.length + w.length, 4)
    const events = [...HEAD, ...w.slice(0, 5), w[0] as Ev, w[1] as Ev, ...w.slice(5)]
    const idsSent = [...ids.slice(0, HEAD.length + 5), ids[HEAD.length] as string, ids[HEAD.length + 1] as string, ...ids.slice(HEAD.length + 5)]
    const { result } = streamed(harenaV2Adapter, frames([...events, END], idsSent))
    expect(replayOf(result)).toEqual({ signal: 'sse_id', index: HEAD.length + 5, first: HEAD.length, field: 'id', value: ids[HEAD.length] })
    // A step back onto a frame never sent: the ids follow no order, so their repeats tell nothing.
    const shuffled = [...idsSent]
    ;[shuffled[HEAD.length + 2], shuffled[HEAD.length + 8]] = [shuffled[HEAD.length + 8] as string, shuffled[HEAD.length + 2] as string]
    const unordered = streamed(harenaV2Adapter, frames([...events, END], shuffled)).result
    expect(replayOf(unordered)?.signal).not.toBe('sse_id')
  })

  // A second review (2026-12-05): a stated length the text met exactly skipped the id signal, and a producer that
  // re-sends counts what it re-sent — a replay of four chunks under their own ids passed as GO on v3.
  test('v3: a stated length the text meets exactly does not outweigh a frame repeated under its own id', () => {
    const events = [chunk('Vous avez '), chunk('très '), chunk('très '), chunk('peu dépensé.')]
    const ids = [undefined, undefined, '1', '2', '2', '3']
    for (const stated of ['Vous avez très très peu dépensé.', 'Vous avez très peu dépensé.'])
      expect(replayOf(streamed(harenaV3Adapter, frames([...HEAD, ...events, endStating(stated)], ids)).result)).toMatchObject({
        signal: 'sse_id',
        value: '2',
      })
  })

  const RESUMED = 'Le mois dernier, vous avez dépensé 3 428,56 € au total, dont 412,00 € chez Carrefour.'
  /** RESUMED word by word, the `run` words before word `at` sent again right after it (a stream resumed earlier). */
  const resumed = (at: number, run: number): { events: Ev[]; text: string } => {
    const w = words(RESUMED)
    const events = [...w.slice(0, at), ...w.slice(at - run, at), ...w.slice(at)]
    return { events, text: events.map((e) => e.content).join('') }
  }

  test.each([
    ['v2, a constant id on every frame', harenaV2Adapter, (n: number) => Array<string>(n).fill('7'), false],
    ['v2, no ids', harenaV2Adapter, () => [], false],
    [
      'v3, ids 1..n, the stated length counting the re-sent text',
      harenaV3Adapter,
      (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)),
      true,
    ],
    ['v3, a connection id, the stated length counting the re-sent text', harenaV3Adapter, (n: number) => Array<string>(n).fill('conv-1'), true],
  ])('a run of chunks sent again right after itself is a replay whatever the ids: %s', (_name, adapter, ids, states) => {
    const { events, text } = resumed(6, 4)
    const end = states ? endStating(text) : END
    const { result } = streamed(adapter, frames([...HEAD, ...events, end], ids(HEAD.length + events.length + 1)))
    const replay = replayOf(result)
    expect(replay?.signal, JSON.stringify(replay)).toMatch(/^(run_twice|sse_id)$/)
    if (replay?.signal === 'run_twice') expect(replay).toEqual({ signal: 'run_twice', first: HEAD.length + 2, index: HEAD.length + 6, run: 4 })
    expect(judged(result)).toMatchObject({ ok: false, critical: 'contract' })
  })

  test('a run sent again is named in words; a table rule, a repeated word or two and repeated figures are not runs', () => {
    const { events } = resumed(6, 4)
    const { result } = streamed(harenaV2Adapter, frames([...HEAD, ...events, END], Array(40).fill('7')))
    expect(english(judged(result).failures)[0]).toMatch(/the 4 chunks from event 4 come again right after themselves, from event 8$/)
    const healthy = [
      // A Markdown table streamed token by token: "| --- |" runs carry no letters.
      '| Catégorie | Montant |\n| --- | --- | --- | --- |\n| Alimentation | 360,00 € |',
      // Prose repeats a word or two back to back, never three words with letters.
      'Vous avez très très peu dépensé, de plus en plus peu, chez Lidl et Lidl Express.',
      // Figures repeated in a row: no letters to speak of.
      'Montants : 12 € 12 € 12 € 12 € 12 € 12 €.',
      // Whole lines twice, word by word: two identical charges on one day, a table row twice.
      'Vos achats :\n- 12/11 Carrefour Market 12,00 €\n- 12/11 Carrefour Market 12,00 €\n- 13/11 Lidl 8,40 €',
      '| Date | Marchand |\n| 12/11 | Netflix Premium abonnement |\n| 12/11 | Netflix Premium abonnement |\n',
    ]
    for (const text of healthy) {
      const parts = text.split(/(?<= )/).map((w) => chunk(w))
      const { result: ok } = streamed(harenaV2Adapter, frames([...HEAD, ...parts, END], Array(parts.length + 3).fill('7')))
      expect(ok.kind, `${text}: ${JSON.stringify(replayOf(ok))}`).toBe('turn')
    }
  })

  test('a chunk whose position number (index) comes again with the same content', () => {
    const events = [
      ...HEAD,
      chunk('Vos ', { index: 0 }),
      chunk('dépenses ', { index: 1 }),
      chunk('dépenses ', { index: 1 }),
      chunk('ok.', { index: 2 }),
      END,
    ]
    expect(replayOf(streamed(harenaV3Adapter, frames(events)).result)).toMatchObject({
      signal: 'sequence',
      field: 'index',
      value: '1',
      index: 4,
      first: 3,
    })
  })
})

describe('genuine repetition is prose, not a replay', () => {
  const PROSE = [
    'Vous avez très très peu dépensé ce mois-ci : 42,00 € au total.',
    'Vous vous êtes abonné à Netflix en mars ; Netflix Netflix Premium coûte 17,99 €.',
    'Vos achats : Carrefour 45,00 €, Carrefour 45,00 €, Monoprix 12,30 €.',
  ]
  test.each(PROSE)('word by word, v2 and v3 (stated length): %s', (text) => {
    for (const [adapter, end] of [
      [harenaV2Adapter, END],
      [harenaV3Adapter, endStating(text)],
    ] as const) {
      const { result } = streamed(adapter, frames([...HEAD, ...words(text), end]))
      expect(result.kind).toBe('turn')
      expect(judged(result).failures.map((f) => f.code)).not.toContain('check.message.doubled')
    }
  })

  test('v3: a text that agrees with its stated length is taken as sent, even when every chunk came twice', () => {
    const events = twice(['Oui ', 'merci ', 'beaucoup '].map((w) => chunk(w)))
    const text = events.map((e) => e['content']).join('')
    expect(streamed(harenaV3Adapter, frames([...HEAD, ...events, endStating(text)])).result.kind).toBe('turn')
  })

  test("every reference answer streamed word by word is read as sent (both generations' stream adapters)", () => {
    for (const { envelope } of referenceAnswers()) {
      const text = envelope.response.message
      for (const [adapter, end] of [
        [harenaV2Adapter, END],
        [harenaV3Adapter, endStating(text)],
      ] as const) {
        const { result } = streamed(adapter, frames([...HEAD, ...words(text), end]))
        expect(result.kind, text).toBe('turn')
      }
    }
  })
})

// Why a v2 replay of one or two chunks is not flagged (docs/wire-contracts.md §1.7): v2 states no length and numbers
// no chunk, so the stream is all there is — and replaying one chunk, or two, back to back yields exactly the frames
// of another, legitimate answer. Byte for byte the same input cannot be judged two ways: any rule that named these
// replays would fail the legitimate answers too.
describe('a v2 replay of one or two chunks is, frame for frame, a legitimate answer', () => {
  const byWord = (text: string): string[] => text.split(/(?<= )/)
  const byLine = (text: string): string[] => text.split(/(?<=\n)/)
  const cases: Array<[string, (text: string) => string[], string, number, number, string]> = [
    // [what, the service's chunk grain, the answer as sent, first replayed chunk, how many, a legitimate answer]
    ['a word replayed', byWord, 'Vous avez très peu dépensé.', 2, 1, 'Vous avez très très peu dépensé.'],
    ['a digit group replayed', byWord, 'Total : 1 000 000 €.', 3, 1, 'Total : 1 000 000 000 €.'],
    [
      'two words replayed',
      byWord,
      'Vos abonnements : Netflix Premium, Spotify.',
      3,
      2,
      'Vos abonnements : Netflix Premium, Netflix Premium, Spotify.',
    ],
    [
      'a line replayed',
      byLine,
      'Vos achats :\n- 12/11 Carrefour 12,00 €\n- 13/11 Lidl 8,40 €',
      1,
      1,
      'Vos achats :\n- 12/11 Carrefour 12,00 €\n- 12/11 Carrefour 12,00 €\n- 13/11 Lidl 8,40 €',
    ],
    [
      'two lines replayed',
      byLine,
      'Mardi :\n- Café 1,20 €\n- Croissant 1,10 €\nTotal 4,60 €',
      1,
      2,
      'Mardi :\n- Café 1,20 €\n- Croissant 1,10 €\n- Café 1,20 €\n- Croissant 1,10 €\nTotal 4,60 €',
    ],
  ]
  test.each(cases)('%s', (_, grain, sent, at, count, legitimate) => {
    const once = grain(sent)
    const replayed = [...once.slice(0, at + count), ...once.slice(at, at + count), ...once.slice(at + count)]
    // The replay is, chunk for chunk, the legitimate answer streamed at the same grain: the very same frames.
    expect(replayed).toEqual(grain(legitimate))
    const body = frames([...HEAD, ...replayed.map((c) => chunk(c)), END])
    expect(body).toEqual(frames([...HEAD, ...grain(legitimate).map((c) => chunk(c)), END]))
    for (const adapter of [harenaV2Adapter, harenaV2ChartsAdapter]) {
      const { result } = streamed(adapter, body)
      expect(result.kind, adapter.name).toBe('turn') // read as sent, as the legitimate answer must be
      expect(judged(result).critical, adapter.name).toBeNull()
    }
  })
})
