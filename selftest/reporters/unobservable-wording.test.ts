// What the report claims about a run that could not judge everything: the GO line of the Recommendations names the
// criteria the run judged and the ones it could not (never "100 % of the answers expecting a visualization carry one" on a
// contract that carries none), and the "not observable" notes name the run's actual contract and carrier (the
// stream route, the contract, or the answers), from the model — French and English, buffered and streamed.
import { describe, expect, test } from 'vitest'
import type { Observes } from '../../core/observes.ts'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { harenaV2Adapter, harenaV2ChartsAdapter, harenaV3Adapter } from '../../tests/support/adapters/index.ts'
import { attempt, modelWith, question } from './make-model.ts'

const STREAM = { firstEventMs: 20, firstContentMs: 300, endMs: 900, events: 5, contentChunks: 4, completed: true }

/** 20 fast, clean answers of a contract; `carriesViz`: whether its answers carry a visualization at all. */
function run(contract: string, observes: Observes, opts: { locale: 'fr' | 'en'; stream: boolean; vizExpected: boolean; subtype: boolean }): RunModel {
  const questions = Array.from({ length: 20 }, (_, i) =>
    question(
      `q${String(i + 1).padStart(2, '0')}`,
      [
        attempt({
          latencyMs: 500,
          visualizations: opts.vizExpected ? ['kpi'] : [],
          intent: { group: 'transaction_search', subtype: opts.subtype ? 'simple' : null },
          ...(opts.stream ? { stream: STREAM } : {}),
        }),
      ],
      { visualizationExpected: opts.vizExpected, visualizationObservable: observes.visualizations !== 'absent', subtypeObservable: opts.subtype },
    ),
  )
  return modelWith(
    [],
    { target: { baseUrl: 'http://127.0.0.1:1', contract, embedded: true, observes }, questions },
    { locale: opts.locale, stream: opts.stream },
  )
}

const goLine = (markdown: string): string => markdown.split('\n').find((l) => /^- \[[x ]\] GO (pour|for) production/.test(l)) ?? ''

describe('the GO line is built from the criteria the run judged', () => {
  test.each([
    ['fr', false],
    ['en', false],
    ['fr', true],
    ['en', true],
  ] as const)('harena-v3 (%s, streamed %s): a GO that names the visualization criterion as not judged, never claims it', (locale, stream) => {
    const observes = stream ? (harenaV3Adapter.stream?.observes as Observes) : harenaV3Adapter.observes
    const p = produce(run('harena-v3', observes, { locale, stream, vizExpected: false, subtype: false }))
    expect(p.verdict.decision).toBe('GO')
    const line = goLine(p.markdown)
    expect(line).toMatch(/^- \[x\] GO/)
    expect(line).not.toMatch(/DATA_PRESENTATION/)
    expect(line).toMatch(locale === 'fr' ? /non évalué sur cette exécution : C3 / : /not judged on this run: C3 /)
    expect(line).toContain(locale === 'fr' ? 'aucun bug critique' : 'no critical bug')
    // A streamed run judges its time to first chunk: the line says so.
    if (stream) expect(line).toContain('TTFC P95 ≤')
    else expect(line).not.toContain('TTFC')
  })

  test('a contract that carries visualizations: the line claims the coverage it judged, and nothing is "not judged"', () => {
    const p = produce(run('harena-v2', harenaV2Adapter.observes, { locale: 'en', stream: false, vizExpected: true, subtype: true }))
    expect(p.verdict.decision).toBe('GO')
    expect(goLine(p.markdown)).toBe(
      '- [x] GO for production (success ≥ 95.0%, P95 ≤ 4,000 ms, 100 % of the answers expecting a visualization carry one, no critical bug, complete run)',
    )
  })
})

describe('"not observable" names the run\'s contract and what carried nothing', () => {
  const subtypeNote = (markdown: string): string =>
    markdown.split('\n').find((l) => /^- (Intent subtype not observable|Sous-type d'intention non observable)/.test(l)) ?? ''

  test.each([
    ['harena-v3', harenaV3Adapter.observes, 'the harena-v3 contract carries none'],
    ['harena-v2-charts', harenaV2ChartsAdapter.observes, 'the harena-v2-charts contract carries none'],
    ['harena-v2', harenaV2Adapter.observes, 'no answer of the target, harena-v2 contract, carried one'],
  ] as const)('%s: the subtype note names it', (contract, observes, cause) => {
    const p = produce(run(contract, observes, { locale: 'en', stream: false, vizExpected: true, subtype: false }))
    expect(subtypeNote(p.markdown)).toBe(`- Intent subtype not observable (${cause}): only the group is compared.`)
    expect(p.markdown).not.toContain('(v2 contract)')
  })

  test('a v2 streamed run: the stream carries the visualizations of no answer, not the harena-v2 contract', () => {
    const streamed = produce(
      run('harena-v2', harenaV2Adapter.stream?.observes as Observes, { locale: 'fr', stream: true, vizExpected: true, subtype: false }),
    )
    const reasons = streamed.verdict.reasons.map((r) => JSON.stringify(r)).join(' ')
    expect(streamed.markdown).toContain('Le flux de réponse de harena-v2 ne transporte aucune visualisation : non observable pour q01')
    expect(streamed.markdown).not.toContain('Le contrat harena-v2 ne transporte aucune visualisation')
    expect(reasons).toContain('not_applicable.visualizations')
    expect(subtypeNote(streamed.markdown)).toBe(
      "- Sous-type d'intention non observable (le flux de harena-v2 n'en transporte pas) : seul le groupe est comparé.",
    )
  })
})
