// What CI shows follows what fails the job: the GitHub annotation's level and the junit release-criteria suite.
// A CONDITIONAL under VALIDATION_FAIL_ON_CONDITIONAL exits 3: the annotation is an error and the criteria that made
// it fail their junit cases, saying why (a review found a red job with a ::warning and an all-passing suite). A GO
// that tolerated failed attempts says how many, in the annotation and on the success-rate case.
import { describe, expect, test } from 'vitest'
import { reason } from '../../core/reason.ts'
import { aggregate } from '../../reporters/aggregate.ts'
import { decide } from '../../reporters/decide.ts'
import { produce } from '../../reporters/pipeline.ts'
import { githubAnnotation } from '../../reporters/render-gate.ts'
import { releaseCriteriaSuite } from '../../reporters/release-junit.ts'
import { attempt, failure, modelWith, question } from './make-model.ts'

const GHA = { GITHUB_ACTIONS: 'true' }

/** Every answer between the GO and NO-GO latency thresholds (4000 / 5000 ms): a CONDITIONAL. */
function conditional(failOnConditional: boolean) {
  return produce(
    modelWith(
      Array.from({ length: 20 }, () => 4500),
      {},
      { locale: 'en', failOnConditional },
    ),
  )
}

/** 20 questions, one failed: 95 % meets the 95 % success rate, the rest is fast: a GO with 1 failure tolerated. */
function goWithOneFailure() {
  const m = modelWith(
    Array.from({ length: 19 }, () => 300),
    {},
    { locale: 'en' },
  )
  const failed = question('q20', [attempt({ ok: false, latencyMs: 300, failures: [failure('no visualization')] })])
  return produce({ ...m, questions: [...m.questions, failed] })
}

const cases = (xml: string) =>
  [...xml.matchAll(/<testcase [^>]*?\sname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({ name: m[1] ?? '', body: m[2] ?? '' }))

describe('CI outputs follow the exit code', () => {
  test('a CONDITIONAL that fails the job (exit 3): ::error, and the criteria that made it fail their junit cases', () => {
    const p = conditional(true)
    expect(p.verdict.decision).toBe('CONDITIONAL')
    expect(p.verdict.exitCode).toBe(3)
    const annotation = githubAnnotation(p.model, p.verdict, p.aggregate.success, GHA)
    expect(annotation).toMatch(/^::error title=Harena validation%3A CONDITIONAL/)
    expect(annotation).toContain('VALIDATION_FAIL_ON_CONDITIONAL=true: a CONDITIONAL fails the job (exit 3)')
    const suite = releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success)
    expect(suite.failures).toBeGreaterThan(0)
    const failed = cases(suite.xml).filter((c) => c.body.includes('<failure'))
    expect(failed.map((c) => c.name).join(' ')).toMatch(/latency/i)
    for (const c of failed) expect(c.body).toContain('VALIDATION_FAIL_ON_CONDITIONAL=true')
    expect(suite.xml).not.toContain('<skipped')
  })

  test('a CONDITIONAL that passes the job (exit 0): ::warning, its criteria skipped, none failed', () => {
    const p = conditional(false)
    expect(p.verdict.exitCode).toBe(0)
    expect(githubAnnotation(p.model, p.verdict, p.aggregate.success, GHA)).toMatch(/^::warning /)
    const suite = releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success)
    expect(suite.failures).toBe(0)
    expect(suite.xml).toContain('<skipped')
  })

  test.each([true, false])(
    'a CONDITIONAL made by a not-applicable criterion (C3 on a stream), failOnConditional=%s: its case fails at exit 3, else is skipped',
    (failOnConditional) => {
      const m = modelWith(
        Array.from({ length: 20 }, () => 300),
        {},
        { locale: 'en', failOnConditional },
      )
      const agg = aggregate(m)
      agg.metrics.viz_coverage.notApplicable = reason('not_applicable.visualizations', { contract: 'harena-v2', ids: ['q01'], stream: true })
      const v = decide(m, agg)
      expect(v.decision).toBe('CONDITIONAL')
      expect(v.exitCode).toBe(failOnConditional ? 3 : 0)
      const suite = releaseCriteriaSuite(m, v, agg.success)
      const coverage = cases(suite.xml).filter((c) => /visualization/i.test(c.name))
      expect(coverage).toHaveLength(1)
      expect(suite.failures).toBe(failOnConditional ? 1 : 0)
      expect(suite.xml).toContain(`skipped="${failOnConditional ? 0 : 1}"`)
      expect(coverage[0]?.body).toContain(failOnConditional ? '<failure' : '<skipped')
      if (failOnConditional) expect(coverage[0]?.body).toContain('VALIDATION_FAIL_ON_CONDITIONAL=true')
    },
  )

  test('a criterion the question set excludes (not applicable, not weighed) is not a skipped case: the GO stays all green', () => {
    const m = modelWith(
      Array.from({ length: 20 }, () => 300),
      {},
      { locale: 'en', failOnConditional: true },
    )
    const agg = aggregate(m)
    agg.metrics.viz_coverage.excluded = reason('excluded.visualizations', { contract: 'harena-v2', ids: ['q01'] })
    const v = decide(m, agg)
    expect(v.decision).toBe('GO')
    const suite = releaseCriteriaSuite(m, v, agg.success)
    expect(suite.failures).toBe(0)
    expect(suite.xml).not.toContain('<skipped')
  })

  test('a GO with a tolerated failure says so: the annotation body and the success-rate case', () => {
    const p = goWithOneFailure()
    expect(p.verdict.decision).toBe('GO')
    const annotation = githubAnnotation(p.model, p.verdict, p.aggregate.success, GHA)
    expect(annotation).toMatch(/^::notice title=Harena validation%3A GO/)
    expect(annotation).toContain('::GO — 19/20, 1 failure tolerated')
    const suite = releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success)
    expect(suite.failures).toBe(0)
    const rate = cases(suite.xml).find((c) => /success rate/i.test(c.name))
    expect(rate?.body).toContain('<system-out>GO — 19/20, 1 failure tolerated</system-out>')
  })

  test('a GO with no failure: the annotation body is GO, no case carries a note', () => {
    const p = produce(
      modelWith(
        Array.from({ length: 20 }, () => 300),
        {},
        { locale: 'en' },
      ),
    )
    expect(p.verdict.decision).toBe('GO')
    expect(githubAnnotation(p.model, p.verdict, p.aggregate.success, GHA)).toMatch(/::GO\n$/)
    expect(releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success).xml).not.toContain('<system-out>')
  })
})
