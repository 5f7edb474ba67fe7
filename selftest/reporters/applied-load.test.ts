// The load the run applied (reporters/applied-load.ts): three metrics of the run, a line beside the concurrency in
// every document, "not measured" (never 0) when no limiter measured it, and a warning — never a verdict change —
// when the latencies were measured under a lighter load than VALIDATION_CONCURRENCY.
import { describe, expect, test } from 'vitest'
import type { AppliedLoad, RunSettings } from '../../core/model.ts'
import { CAP_HELD_MIN_SHARE } from '../../reporters/applied-load.ts'
import { produce, type Produced } from '../../reporters/pipeline.ts'
import { renderTerminal } from '../../reporters/render-terminal.ts'
import { modelWith } from './make-model.ts'

const LOAD: AppliedLoad = { peak: 16, mean: 14.23, capHeldShare: 0.912, requests: 400, busyMs: 5000 }
/** Three questions, one attempt each (three planned), run with `settings` (concurrency 16 unless said). */
const run = (load: AppliedLoad | null, settings: Partial<RunSettings> = {}, interrupted = false): Produced =>
  produce(modelWith([1000, 1100, 1200], { appliedLoad: load, interrupted }, { concurrency: 16, ...settings }))
const atCap = (load: AppliedLoad | null, locale: 'fr' | 'en' = 'fr') => run(load, { locale })
const terminalOf = (p: Produced): string => renderTerminal(p.model, p.aggregate, p.verdict, { dir: 'reports', written: true })
/** Markdown escapes the underscores of a variable's name. */
const md = (line: string): string => line.replaceAll('_', '\\_')
const codes = (p: Produced) => p.verdict.notes.map((n) => n.code)
const causeOf = (p: Produced) => p.verdict.notes.find((n) => n.code === 'performance.light_load')?.params.cause

describe('applied load', () => {
  test('measured at the cap: the metrics hold the figures, every document shows them, no warning', () => {
    for (const [locale, line] of [
      ['fr', 'Charge appliquée : pic 16/16 en vol, moyenne 14,2, plafond tenu 91 % du temps (VALIDATION_CONCURRENCY=16)'],
      ['en', 'Applied load: peak 16/16 in flight, mean 14.2, cap held 91% of the time (VALIDATION_CONCURRENCY=16)'],
    ] as const) {
      const p = atCap(LOAD, locale)
      expect(p.aggregate.metrics.applied_concurrency_peak).toMatchObject({ value: 16, unit: 'count', n: 400 })
      expect(p.aggregate.metrics.applied_concurrency_mean).toMatchObject({ value: 14.23, n: 400 })
      expect(p.aggregate.metrics.cap_held_share).toMatchObject({ value: 0.912, unit: 'ratio', n: 400 })
      const json = JSON.parse(p.json) as { metrics: Record<string, { value: number | null }> }
      expect(json.metrics.applied_concurrency_peak?.value).toBe(16)
      expect(json.metrics.cap_held_share?.value).toBe(0.912)
      expect(p.markdown).toContain(`- ${md(line)}`)
      expect(p.html).toContain(line)
      expect(terminalOf(p)).toContain(line)
      expect(codes(p)).not.toContain('performance.light_load')
    }
  })

  test('peak under the cap: a warning in every document with the figures and the cause; the verdict is the same', () => {
    const base = atCap(LOAD)
    // Three attempts planned for a cap of 16: at most three were ever in flight.
    const light = atCap({ ...LOAD, peak: 3, mean: 2.5, capHeldShare: 0 })
    const note = light.verdict.notes.find((n) => n.code === 'performance.light_load')
    expect(note?.params).toMatchObject({ cap: 16, peak: 3, mean: 2.5, share: 0, minShare: CAP_HELD_MIN_SHARE, cause: 'few_attempts', planned: 3 })
    for (const text of [light.markdown, light.html, terminalOf(light), light.json]) {
      expect(text).toContain('Charge plus légère que configurée : pic 3/16 en vol, moyenne 2,5, plafond tenu 0 % du temps')
      expect(text).toContain('3 tentative(s) prévue(s) pour un plafond de 16')
    }
    expect(light.verdict.decision).toBe(base.verdict.decision)
    expect(light.verdict.reasons).toEqual(base.verdict.reasons)
    expect(light.verdict.exitCode).toBe(base.verdict.exitCode)
  })

  test('the cap reached but held under the threshold share: warned, the cause named (drain, pace, stop)', () => {
    // Three attempts at a cap of 2: enough attempts, so the cap's short tenure has another cause.
    const held = (share: number): AppliedLoad => ({ ...LOAD, peak: 2, capHeldShare: share })
    expect(causeOf(run(held(0.3), { concurrency: 2 }))).toBe('drain')
    expect(causeOf(run(held(0.3), { concurrency: 2, maxRps: 2 }))).toBe('paced')
    expect(causeOf(run(held(0.3), { concurrency: 2 }, true))).toBe('stopped')
    // At the threshold it is not a lighter load.
    expect(codes(run(held(CAP_HELD_MIN_SHARE), { concurrency: 2 }))).not.toContain('performance.light_load')
  })

  test('question files large enough for their drain not to matter: the client is named, in both languages', () => {
    // 60 single-attempt questions of one category: one file of 60 attempts; its drain at a cap of 2 is 1 attempt.
    const big = (locale: 'fr' | 'en') =>
      produce(
        modelWith(
          Array.from({ length: 60 }, () => 1000),
          { appliedLoad: { ...LOAD, peak: 2, capHeldShare: 0.2 } },
          { concurrency: 2, locale },
        ),
      )
    expect(causeOf(big('fr'))).toBe('client')
    expect(big('en').markdown).toContain('the target saw fewer requests in flight than the cap')
    expect(big('fr').markdown).toContain('la cible a vu moins de requêtes en vol que le plafond')
    // A run of the security probes alone planned no question: figures, but no warning (no latency was measured).
    const probesOnly = produce(modelWith([], { appliedLoad: { ...LOAD, peak: 1, capHeldShare: 0.1 } }, { concurrency: 8 }))
    expect(codes(probesOnly)).not.toContain('performance.light_load')
  })

  test('no limiter (the project’s own tests, a merge of shards): "not measured" in every document, null metrics, never 0', () => {
    for (const [locale, line] of [
      ['fr', 'Charge appliquée : non mesurée (VALIDATION_CONCURRENCY=16)'],
      ['en', 'Applied load: not measured (VALIDATION_CONCURRENCY=16)'],
    ] as const) {
      const p = atCap(null, locale)
      for (const name of ['applied_concurrency_peak', 'applied_concurrency_mean', 'cap_held_share'] as const)
        expect(p.aggregate.metrics[name], name).toMatchObject({ value: null, n: 0 })
      expect(p.markdown).toContain(md(line))
      expect(p.html).toContain(line)
      expect(terminalOf(p)).toContain(line)
      expect(codes(p)).not.toContain('performance.light_load')
    }
    const absent = produce(modelWith([1000]))
    expect(absent.aggregate.metrics.applied_concurrency_peak.value).toBeNull()
  })
})

// A request the client abandoned at its deadline is counted in flight only until it; the target may have kept working
// on it (a review: the target held 3 abandoned requests at once, every document said "peak 1/1"). The peak is then a
// lower bound and every document says why, with the count.
describe('applied load with requests abandoned at the deadline', () => {
  const ABANDONED: AppliedLoad = { peak: 1, mean: 1, capHeldShare: 1, requests: 15, busyMs: 9000, abandoned: 8 }
  test.each([
    [
      'en',
      'Applied load: peak ≥ 1/1 in flight',
      'Applied load possibly understated: 8 request(s) abandoned at the deadline (HARENA_TIMEOUT_MS=1000) may still have been running on the target',
    ],
    [
      'fr',
      'Charge appliquée : pic ≥ 1/1 en vol',
      'Charge appliquée peut-être sous-estimée : 8 requête(s) abandonnée(s) au délai (HARENA_TIMEOUT_MS=1000) ont pu continuer',
    ],
  ] as const)('%s: "peak ≥", the peak metric censored, and a warning with the count in every document', (locale, line, warning) => {
    const p = run(ABANDONED, { locale, concurrency: 1, timeoutMs: 1000 })
    expect(p.aggregate.metrics.applied_concurrency_peak).toMatchObject({ value: 1, censored: true })
    expect(p.verdict.notes.find((n) => n.code === 'performance.abandoned_in_flight')?.params).toMatchObject({ abandoned: 8, peak: 1, cap: 1 })
    for (const text of [p.markdown, p.html, terminalOf(p)]) {
      expect(text).toContain(text === p.markdown ? md(line) : line)
      expect(text).toContain(text === p.markdown ? md(warning) : warning)
    }
  })

  test('no request abandoned: an exact peak, no warning', () => {
    const p = run({ ...ABANDONED, abandoned: 0 }, { locale: 'en', concurrency: 1 })
    expect(p.aggregate.metrics.applied_concurrency_peak?.censored).toBe(false)
    expect(terminalOf(p)).toContain('Applied load: peak 1/1 in flight')
    expect(codes(p)).not.toContain('performance.abandoned_in_flight')
  })
})
