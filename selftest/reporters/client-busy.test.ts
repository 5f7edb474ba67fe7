// How busy the measuring client was (event-loop delay P99 of its workers): a metric of the run, and above
// CLIENT_BUSY_P99_MS a note in every document that the latencies may be inflated by the client, with the figure.
import { describe, expect, test } from 'vitest'
import { CLIENT_BUSY_P99_MS } from '../../reporters/aggregate.ts'
import { produce } from '../../reporters/pipeline.ts'
import { modelWith } from './make-model.ts'

describe('client busy', () => {
  test('a busy client: the metric holds the figure and every document warns, in the report language', () => {
    for (const [locale, phrase, figure] of [
      ['fr', 'Client de mesure chargé', 'atteint 35 ms'],
      ['en', 'Busy measuring client', 'reached 35 ms'],
    ] as const) {
      const p = produce({ ...modelWith([1000, 1100, 1200], {}, { locale }), clientLoopDelayP99Ms: 34.56 })
      expect(p.aggregate.metrics.client_loop_delay_p99_ms).toMatchObject({ value: 34.56, unit: 'ms', n: 1 })
      expect(p.verdict.notes).toContainEqual({ code: 'performance.client_busy', params: { p99Ms: 34.6, thresholdMs: CLIENT_BUSY_P99_MS } })
      expect(p.markdown).toContain(phrase)
      expect(p.markdown).toContain(figure)
      const json = JSON.parse(p.json) as { metrics: Record<string, { value: number | null }>; notes: Array<{ code: string; text: string }> }
      expect(json.metrics.client_loop_delay_p99_ms?.value).toBe(34.56)
      expect(json.notes.find((n) => n.code === 'performance.client_busy')?.text).toContain(phrase)
    }
  })

  test('a quiet client or no figure: the metric is there, no warning', () => {
    const quiet = produce({ ...modelWith([1000, 1100]), clientLoopDelayP99Ms: CLIENT_BUSY_P99_MS })
    expect(quiet.aggregate.metrics.client_loop_delay_p99_ms.value).toBe(CLIENT_BUSY_P99_MS)
    expect(quiet.verdict.notes.map((n) => n.code)).not.toContain('performance.client_busy')
    const unknown = produce(modelWith([1000, 1100]))
    expect(unknown.aggregate.metrics.client_loop_delay_p99_ms).toMatchObject({ value: null, n: 0 })
    expect(unknown.verdict.notes.map((n) => n.code)).not.toContain('performance.client_busy')
  })
})
