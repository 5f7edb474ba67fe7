// The whole gate on streams that break the v2 stream contract's order or game the time to first chunk (review
// findings "v2-stream-end-first", "v2-stream-zwsp-ttfc", "v2-stream-md-ttfc"). A small loopback server speaks the
// v2 stream route (docs/wire-contracts.md §1.7); the real suite runs against it as a child process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, readReport, readSamples, runSuite, writeBank } from './harness.ts'
import { criterionOf } from './generations-helpers.ts'
import { tokenFor } from './target.ts'

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))))
  cleanupTemp()
})

type Ev = Record<string, unknown>
/** The frames of `events`; `id(i)`: the SSE `id:` line of the i-th frame of this write, when it gives one. */
const sse = (events: readonly Ev[], id?: (i: number) => string): string =>
  events.map((e, i) => `${id === undefined ? '' : `id: ${id(i)}\n`}data: ${JSON.stringify(e)}\n\n`).join('')
const HEAD: Ev[] = [
  { type: 'status', message: 'Analyse du contexte...', conversation_id: 'stream_1_1' },
  { type: 'status', message: 'Construction de la requete...', intent: 'transaction_search' },
  { type: 'status', message: 'Generation de la reponse... (4 resultats trouves)' },
  { type: 'response_start' },
]
const TEXT = "J'ai relevé 4 transactions pour un total de 412,30 € sur la période."
const chunks = (text: string): Ev[] => text.split(/(?<= )/).map((content) => ({ type: 'response_chunk', content }))
const END: Ev = { type: 'response_end', conversation_id: 'stream_1_1' }

/** Answers health with 200 and the stream route with `first` at once, then `rest` after `gapMs`. */
async function v2Stream(first: Ev[], rest: Ev[] = [], gapMs = 0, id?: (i: number) => string): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ status: 'healthy', service: 'conversation_service', version: '2.0' }))
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.write(sse(first, id))
      setTimeout(() => res.end(sse(rest, id === undefined ? undefined : (i) => id(first.length + i))), gapMs)
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const env = (url: string, extra: Record<string, string> = {}) => ({
  HARENA_BASE_URL: url,
  HARENA_API_TOKEN: tokenFor(1),
  HARENA_USER_ID: '1',
  HARENA_API_CONTRACT: 'harena-v2',
  HARENA_TIMEOUT_MS: '8000',
  VALIDATION_STREAM: 'true',
  VALIDATION_ITERATIONS: '2',
  VALIDATION_WARMUP: '0',
  VALIDATION_LOCALE: 'en',
  VALIDATION_QUESTIONS: writeBank([
    { id: 's01', category: 'transaction_search_simple', message: 'Mes achats du mois', expectedIntent: 'transaction_search', expectsData: true },
  ]),
  ...extra,
})

describe('harena-v2 stream order', () => {
  test.each([
    ['response_end before the chunks', [...HEAD, END, ...chunks(TEXT)], /a response_chunk after a response_end/],
    ['a chunk after response_end', [...HEAD, ...chunks(TEXT), END, ...chunks(' Désolé, une erreur.')], /a response_chunk after a response_end/],
    ['two response_end', [...HEAD, ...chunks(TEXT), END, END], /a response_end after a response_end/],
  ])('%s → a contract violation on every attempt, NO-GO', async (_name, events, issue) => {
    const run = await runSuite({ env: env(await v2Stream(events)) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(attemptsOf(report)).toHaveLength(2)
    for (const a of attemptsOf(report)) {
      expect(a.ok).toBe(false)
      expect(a.critical).toBe('contract')
      expect(JSON.stringify(a)).toMatch(issue)
    }
  })
})

describe('harena-v2 stream time to first chunk', () => {
  // Statuses and an invisible first chunk at once, the readable text 1.5 s later: TTFC is the 1.5 s.
  test.each([
    ['a zero-width space', '\u200b'],
    ['markdown bold markers', '**'],
    ['a no-break space and a heading mark', '\u00a0# '],
  ])('a first chunk of %s does not start the clock → C6 fails', async (_name, invisible) => {
    const url = await v2Stream([...HEAD, { type: 'response_chunk', content: invisible }], [...chunks(TEXT), END], 1500)
    const run = await runSuite({ env: env(url, { VALIDATION_TTFC_GO_MS: '300', VALIDATION_TTFC_NOGO_MS: '1000' }) })
    const report = readReport(run.reportDir)
    expect(criterionOf(report, 'C6').status, describeRun(run)).toBe('fail')
    expect(report.decision).toBe('NO-GO')
    const samples = readSamples(run.reportDir) as Array<Record<string, unknown>>
    expect(samples).toHaveLength(2)
    for (const s of samples) expect(s['ttfcMs'] as number).toBeGreaterThanOrEqual(1400)
  })
})

describe('harena-v2 stream SSE ids', () => {
  // Review: a constant `id:` on every frame read "de " streamed twice as a replayed chunk — NO-GO, 9 critical bugs on
  // a healthy stream (docs/wire-contracts.md §1.7: an id every frame shares is no replay).
  const REPEATS = "J'ai relevé 4 transactions de 103,00 € pour un total de 412,30 € sur la période."
  const replayed = (run: Awaited<ReturnType<typeof runSuite>>) =>
    attemptsOf(readReport(run.reportDir)).filter((a) => JSON.stringify(a).includes('check.contract.chunks_replayed'))

  test('the same id on every frame, words repeated in the text → no replay, no contract failure', async () => {
    const run = await runSuite({ env: env(await v2Stream([...HEAD, ...chunks(REPEATS), END], [], 0, () => 'x')) })
    const report = readReport(run.reportDir)
    expect(attemptsOf(report), describeRun(run)).toHaveLength(2)
    expect(replayed(run)).toEqual([])
    for (const a of attemptsOf(report)) expect(a.critical, JSON.stringify(a)).not.toBe('contract')
  })

  test('ids that name frames, one chunk sent again under its id → chunks replayed, NO-GO', async () => {
    const body = chunks(REPEATS)
    const events = [...HEAD, ...body.slice(0, 3), body[2] as Ev, ...body.slice(3), END]
    // Frame i carries id i, except the chunk sent again: it keeps its first id.
    const replay = HEAD.length + 3
    const id = (i: number) => String(i < replay ? i : i === replay ? replay - 1 : i - 1)
    const run = await runSuite({ env: env(await v2Stream(events, [], 0, id)) })
    expect(readReport(run.reportDir).decision, describeRun(run)).toBe('NO-GO')
    expect(replayed(run)).toHaveLength(2)
  })
})
