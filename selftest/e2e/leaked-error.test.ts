// An error or exception leaked into the answer's text, end to end (docs/suite-rules.md §4, docs/wire-contracts.md §6.4,
// checks/leaked-error.ts): the REAL suite (child process) asks the REAL reference through a rewriting proxy that leaks
// what a failing service leaks. A review (2026-12-06) got GO with « KeyError: 'total_debit' », a Node stack or
// « Une erreur est survenue lors de la recherche. » after every correct answer, buffered and streamed; the same leak as
// the whole text failed only as "not French" or "off-topic". Here each attempt fails naming the leak, and the run is
// NO-GO.
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'
import { generationEnv, generationTargets, writeGenerationBank } from './generations-helpers.ts'
import { fileProxies } from './proxy.ts'

const proxy = fileProxies()
const target = generationTargets()
afterAll(cleanupTemp)

const LEAKED = 'expected a real answer, observed an error or exception the service leaked into the text'

/** The question's text in a chat request's JSON body. */
const asked = (body: string): string => (JSON.parse(body) as { message?: string }).message ?? ''

describe('a leaked error or exception fails the answer on every route', () => {
  test('buffered (harena-v2): appended after the answer or as its whole text, each attempt names the leak', async () => {
    // q01: a Python exception after the text; q02: a Node stack as the whole text; q07: the service's French sentence.
    const leaks: Record<string, { text: (answer: string) => string; quoted: string }> = {
      'Mes dépenses du mois dernier': { text: (a) => `${a}\n\nKeyError: 'total_debit'`, quoted: "KeyError: 'total_debit'" },
      'Transactions de cette semaine': {
        text: () => 'Error: connect ECONNREFUSED 127.0.0.1:9200\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
        quoted: 'Error: connect ECONNREFUSED 127.0.0.1:9200',
      },
      'Mes dépenses chez Carrefour': {
        text: (a) => `${a}\n\nUne erreur est survenue lors de la recherche.`,
        quoted: 'Une erreur est survenue lors de la recherche.',
      },
    }
    const ref = await target('harena-v2')
    const px = await proxy(ref.url, (r) => {
      const leak = r.chatIndex === null ? undefined : leaks[asked(r.body)]
      if (leak === undefined) return { kind: 'forward' }
      return {
        kind: 'rewrite',
        rewrite: (status, body) => {
          const json = JSON.parse(body) as { response: { message: string } }
          json.response.message = leak.text(json.response.message)
          return { status, body: JSON.stringify(json) }
        },
      }
    })
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2', writeGenerationBank('q01', 'q02', 'q07'), { HARENA_BASE_URL: px.url }) })
    const report = readReport(run.reportDir)
    for (const [id, message] of [
      ['q01', 'Mes dépenses du mois dernier'],
      ['q02', 'Transactions de cette semaine'],
      ['q07', 'Mes dépenses chez Carrefour'],
    ] as const) {
      const attempts = report.questions.find((q) => q.id === id)?.attempts ?? []
      expect(attempts.length, describeRun(run)).toBe(1)
      // the first (and only) reason: the leak, quoted — not "not French" nor "off-topic"
      expect(attempts[0]?.failures[0], describeRun(run)).toContain(`${LEAKED} ("${leaks[message]?.quoted}`)
    }
    expect(report.summary.successRate, describeRun(run)).toBe(0)
    expect(report.decision).toBe('NO-GO')
  })

  test('streamed (harena-v3): the exception as one more response_chunk before a normal response_end', async () => {
    const LEAK = '\n\nConnectionRefusedError: [Errno 111] Connection refused'
    const ref = await target('harena-v3', [], 0)
    const px = await proxy(ref.url, (r) =>
      r.method === 'POST' && r.path.endsWith('/stream')
        ? { kind: 'rewrite', rewrite: (status, body) => ({ status, body: leakChunk(body, LEAK) }) }
        : { kind: 'forward' },
    )
    const env = generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q02', 'q07'), { HARENA_BASE_URL: px.url, VALIDATION_STREAM: 'true' })
    const run = await runSuite({ env })
    const report = readReport(run.reportDir)
    for (const id of ['q01', 'q02', 'q07']) {
      const failures = report.questions.find((q) => q.id === id)?.attempts.flatMap((a) => a.failures) ?? []
      expect(failures[0], describeRun(run)).toContain(`${LEAKED} ("ConnectionRefusedError: [Errno 111] Connection refused"`)
    }
    expect(report.summary.successRate, describeRun(run)).toBe(0)
    expect(report.decision).toBe('NO-GO')
  })
})

/** The SSE body with `leak` as one more response_chunk before response_end, response_length counting it. */
function leakChunk(body: string, leak: string): string {
  type Event = { type?: string; content?: string; metadata?: Record<string, unknown> }
  let text = ''
  const frames = body.split('\n\n').flatMap((frame) => {
    const line = frame.split('\n').find((l) => l.startsWith('data: '))
    const event = line === undefined ? null : (JSON.parse(line.slice(6)) as Event)
    if (event?.type === 'response_chunk') text += event.content ?? ''
    if (event?.type !== 'response_end') return [frame]
    text += leak
    const end = { ...event, metadata: { ...event.metadata, response_length: [...text].length } }
    return [`data: ${JSON.stringify({ type: 'response_chunk', content: leak })}`, `data: ${JSON.stringify(end)}`]
  })
  return frames.join('\n\n')
}
