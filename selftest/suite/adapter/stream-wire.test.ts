// The real stream adapters (harena-v2, harena-v2-charts, harena-v3) on hand-made event sequences: the order the
// contract fixes (statuses, chunks, then one closing event; nothing after it), the time to the first chunk a user
// can read (a letter or a digit: invisible, blank or markup-only chunks do not start it), and the error text read
// from whichever field carries it.
import { describe, expect, test } from 'vitest'
import { harenaV2Adapter } from '../../../tests/support/adapters/harena-v2.ts'
import { harenaV2ChartsAdapter } from '../../../tests/support/adapters/harena-v2-charts.ts'
import { harenaV3Adapter } from '../../../tests/support/adapters/harena-v3.ts'
import { isVisibleText } from '../../../tests/support/adapters/sse.ts'
import { errorText, readEvent } from '../../../tests/support/adapters/stream.ts'
import type { StreamCapture } from '../../../tests/support/exchange.ts'
import type { AdapterResult, ContractAdapter } from '../../../tests/support/turn.ts'
import { checkAttempt } from '../../../tests/support/checks/index.ts'
import { say } from '../../../core/locale/index.ts'
import { english, question } from '../checks/helpers.ts'

type Ev = Record<string, unknown>
const status = (message: string): Ev => ({ type: 'status', message })
const chunk = (content: string): Ev => ({ type: 'response_chunk', content })
const END: Ev = { type: 'response_end', conversation_id: 'stream_1_1' }
const START: Ev = { type: 'response_start' }
const words = (text: string): Ev[] => text.split(/(?<= )/).map(chunk)

/** Feeds the events to the adapter's own consumer, one per ms (event i arrives at i + 1), then parses the capture. */
function streamed(adapter: ContractAdapter, events: readonly Ev[]): { capture: StreamCapture; result: AdapterResult } {
  const stream = adapter.stream
  if (stream === undefined) throw new Error(`${adapter.name} has no stream`)
  const consumer = stream.open()
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`)
  for (const [i, piece] of body.entries()) consumer.push(piece, i + 1)
  const capture = consumer.finish(events.length + 1)
  const result = stream.parse({ httpStatus: 200, headers: { 'content-type': 'text/plain' }, bodyText: body.join('') }, capture)
  return { capture, result }
}

const ADAPTERS = [harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter]
const MESSAGE = 'Vous avez dépensé 412,30 € chez Carrefour.'

describe('order: chunks, then one closing event — nothing after it', () => {
  const head = [status('Analyse du contexte...'), START]
  const cases: Array<[string, Ev[], RegExp]> = [
    [
      'response_end before every chunk',
      [...head, END, ...words(MESSAGE)],
      /^events\[3\]: a response_chunk after a response_end \(events\[2\]\) — text after the end of the answer/,
    ],
    ['one chunk after response_end', [...head, ...words(MESSAGE), END, chunk(' Autre chose.')], /a response_chunk after a response_end/],
    ['a second response_end', [...head, ...words(MESSAGE), END, END], /a response_end after a response_end .* a second closing event/],
    [
      'an error event after response_end',
      [...head, ...words(MESSAGE), END, { type: 'error', message: 'Erreur' }],
      /an error event after a response_end/,
    ],
    [
      'text after an error event',
      [...head, chunk('Vous '), { type: 'error', error: 'boom' }, chunk('avez')],
      /a response_chunk after an error event/,
    ],
    ['response_end after an error event', [...head, { type: 'error', error: 'boom' }, END], /a response_end after an error event/],
    [
      'a route error object after response_end',
      [...head, ...words(MESSAGE), END, { error: 'Erreur traitement' }],
      /an error event after a response_end/,
    ],
  ]
  for (const adapter of ADAPTERS) {
    test.each(cases)(`${adapter.name}: %s is a contract violation`, (_name, events, issue) => {
      const { result } = streamed(adapter, events)
      expect(result.kind).toBe('contract_violation')
      if (result.kind !== 'contract_violation') return
      expect(result.issues.join(' ')).toMatch(issue)
    })
  }

  test('the answer text is what came before the end (chunks after it are not part of it)', () => {
    const { capture } = streamed(harenaV2Adapter, [...head, chunk('Vous '), END, chunk('avez')])
    expect(capture.text).toBe('Vous ')
    expect(capture.contentChunks).toBe(1)
    expect(capture.completed).toBe(true)
    expect(capture.afterClose).toEqual({ index: 4, kind: 'content', closedAt: 3, closedBy: 'end' })
  })

  test.each(ADAPTERS.map((a) => [a.name, a] as const))('%s: ids, statuses and metadata after response_end stay legal', (_name, adapter) => {
    const { result, capture } = streamed(adapter, [...head, ...words(MESSAGE), END, { type: 'conversation_id', conversation_id: 42 }, status('fin')])
    expect(capture.afterClose).toBeUndefined()
    expect(result.kind).toBe('turn')
    if (result.kind === 'turn') expect(result.turn).toMatchObject({ status: 'completed', message: MESSAGE })
  })
})

describe('time to first chunk: the first chunk carrying a letter or a digit', () => {
  const invisible = [
    '',
    ' ',
    '\n\t',
    '\u00a0',
    '\u200b',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '**',
    '#',
    '## ',
    '- ',
    '> ',
    '* ',
    '**\u200b**',
    '`',
    '---',
    '…',
    '€',
    '|',
  ]
  test.each(invisible.map((t) => [JSON.stringify(t), t]))('%s shows nothing: it does not start the clock', (_name, first) => {
    expect(isVisibleText(first)).toBe(false)
    for (const adapter of ADAPTERS) {
      const { capture } = streamed(adapter, [status('a'), START, chunk(first), chunk(first), chunk('Voici'), END])
      expect(capture.firstContentMs).toBe(5) // the 5th event: "Voici"
      expect(capture.contentChunks).toBe(3)
    }
  })

  test.each(['V', 'é', '4', '**412', '# Résumé', '- 1', 'Ω', '日'])('%j can be read: it starts the clock', (first) => {
    expect(isVisibleText(first)).toBe(true)
    const { capture } = streamed(harenaV3Adapter, [status('a'), START, chunk(first), chunk(' suite'), END])
    expect(capture.firstContentMs).toBe(3)
  })

  test('a stream whose every chunk is invisible has no first chunk at all', () => {
    const { capture } = streamed(harenaV2Adapter, [status('a'), START, chunk('\u200b'), chunk('**'), END])
    expect(capture.firstContentMs).toBeNull()
  })
})

describe('error events: the text from whichever field carries it, never "undefined"', () => {
  // The message is the service's own text; how the stream said it failed is `origin`, worded by the reason.
  const cases: Array<[string, Ev, RegExp, 'error_event' | 'route_error_object']> = [
    ['v2 spelling on v3', { type: 'error', message: 'Erreur' }, /^Erreur$/, 'error_event'],
    ['v3 spelling on v2', { type: 'error', error: 'Erreur génération' }, /^Erreur génération$/, 'error_event'],
    ['a detail string', { type: 'error', detail: 'Service indisponible' }, /^Service indisponible$/, 'error_event'],
    ['a nested error object', { type: 'error', error: { code: 'E42', message: 'LLM timeout' } }, /^LLM timeout$/, 'error_event'],
    ['FastAPI detail list', { type: 'error', detail: [{ loc: ['body'], msg: 'field required' }] }, /^field required$/, 'error_event'],
    ['no text at all', { type: 'error' }, /^$/, 'error_event'],
    ['an unknown shape', { type: 'error', code: 500 }, /^\{"code":500\}$/, 'error_event'],
    ['a null message', { type: 'error', message: null }, /^$/, 'error_event'],
    ['route object with a nested error', { error: { message: 'Streaming non disponible' } }, /^Streaming non disponible$/, 'route_error_object'],
  ]
  test.each(cases)('%s', (_name, event, expected, origin) => {
    for (const dialect of ['v2', 'v3'] as const) {
      const read = readEvent(dialect, JSON.stringify(event))
      expect(read.kind).toBe('error')
      if (read.kind !== 'error') continue
      expect(read.message).toMatch(expected)
      expect(read.message).not.toMatch(/undefined/)
      expect(read.origin).toBe(origin)
    }
  })

  test("each dialect's own field first when both are there", () => {
    const both = { type: 'error', message: 'texte v2', error: 'texte v3' }
    expect(errorText(both, 'v2')).toBe('texte v2')
    expect(errorText(both, 'v3')).toBe('texte v3')
  })

  test.each(ADAPTERS.map((a) => [a.name, a] as const))('%s: the failed turn says what the stream said', (_name, adapter) => {
    const { result } = streamed(adapter, [status('a'), START, chunk('Vous '), { type: 'error', message: 'Erreur' }])
    expect(result.kind).toBe('turn')
    if (result.kind === 'turn') expect(result.turn).toMatchObject({ status: 'error', message: 'Erreur', streamFailure: 'error_event' })
    // The reason says what the stream did, in the run's language, around the service's own words.
    const out = checkAttempt(question(), result, adapter.stream?.observes ?? adapter.observes)
    expect(english(out.failures)[0]).toBe('expected a real answer, observed a stream error event (message "Erreur")')
    expect(out.failures[0] && say(out.failures[0], 'fr')).toBe(
      "une vraie réponse était attendue, observé un événement d'erreur du flux (message « Erreur »)",
    )
  })
})

// Review 2026-12-05: a v3 stream whose status said "• 0 transaction(s) trouvée(s)" and whose response_end stated
// total_results 12 was judged ok — the later count overwrote the earlier. Two carried counts of one answer that
// disagree are the grounding's carried mismatch, naming both events' fields.
describe('v3: the status count and response_end.metadata.total_results are two copies of one count', () => {
  const TEXT = 'Vous avez dépensé 245,30 € sur 12 transactions chez Carrefour.'
  const stream = (found: number, total: number): AdapterResult =>
    streamed(harenaV3Adapter, [
      status('• Analyse de votre question...'),
      status(`• ${found} transaction(s) trouvée(s), génération de la réponse...`),
      START,
      ...words(TEXT),
      { type: 'response_end', metadata: { total_results: total, response_length: [...TEXT].length, processing_time_ms: 40 } },
    ]).result
  const judgedOn = (result: AdapterResult) =>
    checkAttempt(question({ message: 'Mes dépenses chez Carrefour', expectedIntent: null }), result, harenaV3Adapter.observes)

  test('they disagree: a contradiction naming the status event and response_end', () => {
    const out = judgedOn(stream(0, 12))
    expect(out.ok).toBe(false)
    expect(out.failures.map((f) => f.code)).toContain('check.grounding.carried_mismatch')
    expect(english(out.failures).join(' ')).toMatch(
      /the stream's status\.message shows 0, but the stream's response_end\.metadata\.total_results shows 12/,
    )
  })

  test('they agree (control): no mismatch', () => {
    const out = judgedOn(stream(12, 12))
    expect(out.failures.map((f) => f.code)).not.toContain('check.grounding.carried_mismatch')
  })
})
