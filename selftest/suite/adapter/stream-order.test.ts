// The contract's event order in a stream (docs/wire-contracts.md §1.7, §6.4; tests/support/adapters/stream-order.ts):
// statuses, ONE response_start, the chunks, ONE response_end. Orders that keep the text whole passed: a response_start
// after the first chunk, twice or after the close, text after a "done", chunks that step back in their own numbering.
// Each is now a contract violation naming the events, on every generation's stream. What the contract does not
// guarantee stays healthy: no response_start at all, a status or ping between chunks, v2's conversation_id after the
// end, a "done" after the end, OpenAI's choice `index` 0 on every chunk, a paragraph index, numbers that rise with gaps.
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../../tests/support/adapters/index.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { checkAnswer, english, question } from '../checks/helpers.ts'

type Ev = Record<string, unknown>
const ANY = question({ expectedIntent: null, expectsData: null })

/** The stream's frames, pushed one by one as they arrive, read by the generation's stream adapter. */
function streamed(adapter: ContractAdapter, events: readonly Ev[]): AdapterResult {
  const stream = adapter.stream
  if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
  const frames = events.map((e) => `data: ${JSON.stringify(e)}\n\n`)
  const consumer = stream.open()
  for (const [i, frame] of frames.entries()) consumer.push(frame, i + 1)
  return stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: frames.join('') }, consumer.finish(frames.length + 1))
}

const TEXT = ['Vous avez dépensé ', '280,55 € ', 'chez Carrefour ', 'en 5 transactions.']
const chunk = (content: string, extra: Ev = {}): Ev => ({ type: 'response_chunk', content, ...extra })
const CHUNKS = TEXT.map((t) => chunk(t))
const STATUS: Ev = { type: 'status', message: 'Generation de la reponse... (5 resultats trouves)' }
const START: Ev = { type: 'response_start' }

// Each generation's own order (v2: conversation_id after the end; v3: right after response_start, metadata on the end).
const GENERATIONS: Array<[string, ContractAdapter, Ev, Ev[]]> = [
  ['harena-v2', harenaV2Adapter, { type: 'response_end', conversation_id: 'stream_1_1' }, [{ type: 'conversation_id', conversation_id: 42 }]],
  ['harena-v2-charts', harenaV2ChartsAdapter, { type: 'response_end', conversation_id: 'stream_1_1' }, []],
  [
    'harena-v3',
    harenaV3Adapter,
    { type: 'response_end', metadata: { total_results: 5, response_length: [...TEXT.join('')].length, processing_time_ms: 1200 } },
    [],
  ],
]

describe.each(GENERATIONS)('%s: the event order the contract fixes', (_name, adapter, end, after) => {
  const judged = (events: readonly Ev[]) => {
    const out = checkAnswer(ANY, streamed(adapter, events), adapter.observes)
    return { ok: out.ok, critical: out.critical, failures: english(out.failures).join(' | ') }
  }

  test.each([
    [
      'response_start after the first chunk',
      [STATUS, CHUNKS[0], START, ...CHUNKS.slice(1)],
      /events\[2\]: a response_start after the answer's chunks began \(events\[1\]\)/,
    ],
    ['a second response_start before the chunks', [STATUS, START, START, ...CHUNKS], /events\[2\]: a second response_start \(events\[1\]\)/],
    [
      'a second response_start among the chunks',
      [STATUS, START, ...CHUNKS.slice(0, 2), START, ...CHUNKS.slice(2)],
      /events\[4\]: a response_start after the answer's chunks began/,
    ],
    [
      'response_start after the close',
      [STATUS, START, ...CHUNKS, 'END', START],
      /events\[7\]: a response_start after the answer closed \(events\[6\]\)/,
    ],
    [
      'a chunk after the close',
      [STATUS, START, ...CHUNKS.slice(0, 3), 'END', CHUNKS[3]],
      /events\[6\]: a response_chunk after a response_end \(events\[5\]\)/,
    ],
    [
      'text after "done"',
      [STATUS, START, ...CHUNKS.slice(0, 3), { type: 'done' }, CHUNKS[3]],
      /events\[6\]: a response_chunk after "done" \(events\[5\]\)/,
    ],
    [
      'seq numbers swapped',
      [
        STATUS,
        START,
        chunk(TEXT[0] ?? '', { seq: 1 }),
        chunk(TEXT[2] ?? '', { seq: 3 }),
        chunk(TEXT[1] ?? '', { seq: 2 }),
        chunk(TEXT[3] ?? '', { seq: 4 }),
      ],
      /events\[4\]: a response_chunk numbered seq 2 after seq 3 \(events\[3\]\)/,
    ],
    [
      'a sequence_number sent twice with another text',
      [STATUS, START, ...TEXT.map((t, i) => chunk(t, { sequence_number: i === 3 ? 2 : i }))],
      /events\[5\]: a response_chunk numbered sequence_number 2, as events\[4\] with another text/,
    ],
    [
      'index that tells chunks apart, swapped',
      [
        STATUS,
        START,
        chunk(TEXT[1] ?? '', { index: 1 }),
        chunk(TEXT[0] ?? '', { index: 0 }),
        chunk(TEXT[2] ?? '', { index: 2 }),
        chunk(TEXT[3] ?? '', { index: 3 }),
      ],
      /events\[3\]: a response_chunk numbered index 0 after index 1/,
    ],
  ] as Array<[string, Array<Ev | 'END' | undefined>, RegExp]>)('%s → contract violation naming the events', (_what, events, named) => {
    const out = judged(events.map((e) => (e === 'END' ? end : (e as Ev))).concat(events.includes('END') ? [] : [end]))
    expect(out).toMatchObject({ ok: false, critical: 'contract' })
    expect(out.failures).toMatch(named)
  })

  test.each([
    ['the contract order', [STATUS, START, ...CHUNKS]],
    ['no response_start at all', [STATUS, ...CHUNKS]],
    [
      'a status and a ping between chunks',
      [STATUS, START, CHUNKS[0], { type: 'status', message: 'Analyse...' }, { type: 'ping' }, ...CHUNKS.slice(1)],
    ],
    ['a conversation_id right after response_start', [STATUS, START, { type: 'conversation_id', conversation_id: 42 }, ...CHUNKS]],
    ["OpenAI's choice index 0 on every chunk", [STATUS, START, ...TEXT.map((t) => chunk(t, { index: 0 }))]],
    ['a paragraph index', [STATUS, START, ...TEXT.map((t, i) => chunk(t, { index: i < 2 ? 0 : 1 }))]],
    ['seq rising with a gap', [STATUS, START, ...TEXT.map((t, i) => chunk(t, { seq: i === 3 ? 7 : i + 1 }))]],
  ] as Array<[string, Ev[]]>)('%s passes', (_what, events) => {
    expect(judged([...events, end, ...after])).toMatchObject({ ok: true, critical: null })
  })

  test('a "done" after the close, with nothing after it, passes', () => {
    expect(judged([STATUS, START, ...CHUNKS, end, ...after, { type: 'done' }])).toMatchObject({ ok: true })
  })

  test('a chunk sent again under its own number is still named a replay, not an order break', () => {
    const out = checkAnswer(
      ANY,
      streamed(adapter, [STATUS, START, ...TEXT.map((t, i) => chunk(t, { seq: i })), chunk(TEXT[1] ?? '', { seq: 1 }), end]),
      adapter.observes,
    )
    expect(out.failures.map((f) => f.code)).toEqual(['check.contract.chunks_replayed'])
  })
})
