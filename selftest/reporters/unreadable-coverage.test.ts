// An answer whose body breaks the contract, where a visualization was expected (docs/verdict-rules.md, "Which
// answers the visualization coverage counts"): one defect, counted once — a critical bug (C4) — and neither covered
// nor uncovered in the coverage (C3), which says how many answers it could not read. It once counted as an answer
// without a visualization: C3 failed with "carried none" beside C4, two failures for one broken body, the reason
// pointing at charts. Nor may it raise the coverage: the answers read alone cannot make C3 pass.
import { describe, expect, test } from 'vitest'
import { say } from '../../core/locale/index.ts'
import type { AttemptRecord, RunModel } from '../../core/model.ts'
import { aggregate } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { produce } from '../../reporters/pipeline.ts'
import { failure, modelWith } from './make-model.ts'

/** A body that breaks the contract (the visualizations renamed): the adapter read no turn of it. */
const BROKEN: Partial<AttemptRecord> = {
  ok: false,
  critical: 'contract',
  dataPresentation: false,
  visualizations: [],
  failures: [failure('contract')],
}
/** A body with a key written twice with two values: read (last key wins), charts included, but a contract violation. */
const READ_DESPITE: Partial<AttemptRecord> = { ok: false, critical: 'contract', failures: [failure('duplicate key')] }
const WITHOUT_VIZ: Partial<AttemptRecord> = { ok: false, visualizations: [], failures: [failure('no visualization')] }

/** n questions expecting a visualization, one attempt each; `over[i]` changes question i's attempt. */
function run(n: number, over: Record<number, Partial<AttemptRecord>>, locale: 'fr' | 'en' = 'en'): RunModel {
  const m = modelWith(
    Array.from({ length: n }, () => 1000),
    {},
    { locale },
  )
  return {
    ...m,
    questions: m.questions.map((q, i) => ({ ...q, visualizationExpected: true, attempts: q.attempts.map((a) => ({ ...a, ...over[i] })) })),
  }
}

function criteria(m: RunModel) {
  const v = decide(m, aggregate(m))
  const c = (id: string) => v.criteria.find((x) => x.id === id)
  const reasonOf = (id: string) => {
    const r = c(id)?.reason
    return r ? say(r, m.settings.locale) : null // with its details
  }
  return { v, c, reasonOf }
}

describe('an answer whose body breaks the contract, where a visualization was expected', () => {
  test('counted once, under the critical bugs; C3 neither fails nor passes on it: inconclusive, its reason naming the contract', () => {
    const m = run(8, { 4: BROKEN })
    const agg = aggregate(m)
    expect(agg.vizCoverage).toMatchObject({ successes: 7, n: 7 })
    expect(agg.vizApplicability.unreadable).toEqual({ attempts: 1, questions: ['q05'] })
    expect(agg.critical.byKind.contract).toBe(1)
    const { v, c, reasonOf } = criteria(m)
    expect(c('C4')).toMatchObject({ status: 'fail' })
    // Not a pass on the 7 answers read: the broken one may have carried none.
    expect(c('C3')).toMatchObject({ status: 'inconclusive', outcome: 'unreadable', observed: 1, n: 7 })
    expect(v.decision).toBe('NO-GO')
    const c3 = reasonOf('C3')
    expect(c3).toBe(
      'C3: visualization coverage 100.0% (7/7) over the answers that could be read, 1 more unreadable: neither established nor refuted; inconclusive. ' +
        '1 answer(s) expecting a visualization broke the contract (q05): no visualization can be read in them — counted once, among the critical bugs (contract), neither with nor without a visualization here.',
    )
    expect(c3).not.toMatch(/carried none/)
  })

  test('French: the same reason in French', () => {
    const c3 = criteria(run(8, { 4: BROKEN }, 'fr')).reasonOf('C3')
    expect(c3).toMatch(
      /^C3 : couverture des visualisations 100,0\s?% \(7\/7\) sur les réponses lisibles, 1 autre\(s\) illisible\(s\) : ni établi ni infirmé ; non concluant\. /,
    )
    expect(c3).toContain('ne respecte(nt) pas le contrat (q05)')
    expect(c3).not.toMatch(/n'en porte\(nt\) aucune/)
  })

  test('every answer broken: no coverage to read — inconclusive, never "excluded" or not applicable, never a failure of charts', () => {
    const m = run(8, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i, BROKEN])))
    expect(aggregate(m).vizCoverage).toMatchObject({ successes: 0, n: 0 })
    const { c, reasonOf } = criteria(m)
    expect(c('C3')).toMatchObject({ status: 'inconclusive', outcome: 'unreadable', observed: null })
    expect(reasonOf('C3')).toMatch(
      /^C3: visualization coverage undetermined, none of the 8 answer\(s\) concerned could be read; inconclusive\. 8 answer\(s\)/,
    )
    expect(c('C4')).toMatchObject({ status: 'fail', observed: 8 })
    // Some questions expecting none on this contract do not turn it into "excluded" either.
    const someExempt = { ...m, questions: m.questions.map((q, i) => (i < 2 ? { ...q, visualizationExpected: false } : q)) }
    expect(criteria(someExempt).c('C3')).toMatchObject({ status: 'inconclusive', outcome: 'unreadable' })
  })

  test('a body read despite the violation, charts and all, is no evidence of coverage either', () => {
    const m = run(8, { 2: READ_DESPITE })
    expect(aggregate(m).vizCoverage).toMatchObject({ successes: 7, n: 7 })
    expect(criteria(m).c('C3')).toMatchObject({ status: 'inconclusive', outcome: 'unreadable' })
  })

  test('an answer read without a visualization still fails C3, naming only that one; the broken one is said apart', () => {
    const m = run(8, { 1: WITHOUT_VIZ, 4: BROKEN })
    const { c, reasonOf } = criteria(m)
    expect(c('C3')).toMatchObject({ status: 'fail', observed: 6 / 7, n: 7 })
    const c3 = reasonOf('C3') ?? ''
    expect(c3).toContain('1 of 7 answer(s) expecting a visualization carried none (q02)')
    expect(c3).toContain('1 answer(s) expecting a visualization broke the contract (q05)')
  })

  test('where no visualization is expected, or no data, the broken answer stays out of the coverage altogether', () => {
    const m = run(8, { 4: BROKEN })
    const exempt = { ...m, questions: m.questions.map((q, i) => (i === 4 ? { ...q, visualizationExpected: false } : q)) }
    expect(aggregate(exempt).vizApplicability.unreadable.attempts).toBe(0)
    expect(criteria(exempt).c('C3')).toMatchObject({ status: 'pass' })
    const noData = { ...m, questions: m.questions.map((q, i) => (i === 4 ? { ...q, expectsData: false } : q)) }
    expect(aggregate(noData).vizApplicability.unreadable.attempts).toBe(0)
  })

  test('healthy look-alikes: a clean run passes C3 with nothing said of the contract; a 5xx is no contract violation', () => {
    const clean = criteria(run(8, {}))
    expect(clean.c('C3')).toMatchObject({ status: 'pass', reason: null })
    const http5xx = run(8, {
      4: { ok: false, critical: 'http_5xx', httpStatus: 500, dataPresentation: false, visualizations: [], failures: [failure('HTTP 500')] },
    })
    expect(aggregate(http5xx).vizApplicability.unreadable.attempts).toBe(0)
    expect(criteria(http5xx).c('C3')).toMatchObject({ status: 'pass', n: 7 })
  })

  test('the documents say it beside the denominator: Markdown metrics line, JSON summary', () => {
    const { markdown, json } = produce(run(8, { 4: BROKEN }))
    expect(markdown).toContain(
      '- Visualization Coverage: 100.0% (7/7 DATA_PRESENTATION answers expecting a visualization; 1 more left out: a body that broke the contract, no visualization readable, counted among the critical bugs)',
    )
    const summary = (JSON.parse(json) as { summary: Record<string, unknown> }).summary
    expect(summary).toMatchObject({ visualizationCoverage: 1, visualizationExpectedAttempts: 7, visualizationUnreadableAttempts: 1 })
    const clean = produce(run(8, {}))
    expect(clean.markdown).not.toContain('left out')
    expect((JSON.parse(clean.json) as { summary: Record<string, unknown> }).summary.visualizationUnreadableAttempts).toBe(0)
  })
})
