// The real v3's LLM failure mid-stream, end to end (docs/wire-contracts.md §6.4): the REAL suite (child process) asks
// through the stream route of the REAL reference behind a rewriting proxy that does what conversation_service_v3 does
// when the LLM fails (response_generator_agent.py generate_response_stream): the text streamed so far, then
// `Erreur lors de la génération de la réponse: Connection error.` as one more response_chunk, a normal response_end
// whose response_length counts it, no error event. A review (2026-12-05) got GO with every search answer cut so.
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { cleanupTemp, describeRun, readReport, runSuite } from './harness.ts'
import { generationEnv, writeGenerationBank } from './generations-helpers.ts'
import { fileProxies } from './proxy.ts'
import { REFERENCE_NOW } from './target.ts'

const proxy = fileProxies()
afterAll(cleanupTemp)

// SELFTEST_LOOPBACK_PORT: fixed loopback ports (a shared machine's range: it and the next one), else any free ones.
const base = Number(process.env.SELFTEST_LOOPBACK_PORT ?? 0)
const portAt = (offset: number): number => (base === 0 ? 0 : base + offset)

const FAILED = 'Erreur lors de la génération de la réponse: Connection error.'

/** The SSE body with its last 3 chunks replaced by the service's error chunk, response_length counting it (Python len). */
function failMidStream(body: string): string {
  type Event = { type?: string; content?: string; metadata?: Record<string, unknown> }
  const frames = body.split('\n\n').map((frame) => {
    const line = frame.split('\n').find((l) => l.startsWith('data: '))
    return { frame, event: line === undefined ? null : (JSON.parse(line.slice(6)) as Event) }
  })
  const total = frames.filter((f) => f.event?.type === 'response_chunk').length
  const keep = Math.max(1, total - 3)
  let seen = 0
  let text = ''
  const out = frames.flatMap(({ frame, event }) => {
    if (event?.type === 'response_chunk') {
      seen++
      if (seen <= keep) {
        text += event.content ?? ''
        return [frame]
      }
      if (seen < total) return []
      text += FAILED
      return [`data: ${JSON.stringify({ type: 'response_chunk', content: FAILED })}`]
    }
    if (event?.type === 'response_end')
      return [`data: ${JSON.stringify({ ...event, metadata: { ...event.metadata, response_length: [...text].length } })}`]
    return [frame]
  })
  return out.join('\n\n')
}

describe('an LLM failure streamed as an ordinary chunk (harena-v3)', () => {
  test('every answer cut so fails with the service’s words; the run is NO-GO', async () => {
    const ref = await startReferenceServer({ port: portAt(0), now: REFERENCE_NOW, contract: 'harena-v3', streamChunkMs: 0 })
    afterAll(() => ref.close())
    const px = await proxy(
      ref.url,
      (r) =>
        r.method === 'POST' && r.path.endsWith('/stream')
          ? { kind: 'rewrite', rewrite: (status, body) => ({ status, body: failMidStream(body) }) }
          : { kind: 'forward' },
      portAt(1),
    )
    const env = generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q02', 'q07'), { HARENA_BASE_URL: px.url, VALIDATION_STREAM: 'true' })
    const run = await runSuite({ env })
    const report = readReport(run.reportDir)
    for (const id of ['q01', 'q02', 'q07']) {
      const failures = report.questions.find((q) => q.id === id)!.attempts.flatMap((a) => a.failures)
      expect(failures.join('\n'), describeRun(run)).toContain(`generation error in the text ("${FAILED}"`)
    }
    expect(report.summary.successRate, describeRun(run)).toBe(0)
    expect(report.decision).toBe('NO-GO')
  })
})
