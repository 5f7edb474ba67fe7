// junit.xml's root <testsuites> says the sums of its suites' counts (tests, failures, errors, skipped), whatever the
// run: an interrupted run's stand-in once said tests="20" skipped="15" while its suites held 21 and 17. Checked over
// many varied runs (interrupted part-way or not, failing or passing, CONDITIONAL or not), each suite's counts taken
// from its own elements, not from its attributes.
import { describe, expect, test } from 'vitest'
import type { RunModel } from '../../core/model.ts'
import { produce } from '../../reporters/pipeline.ts'
import { releaseCriteriaSuite, withSuite } from '../../reporters/release-junit.ts'
import { renderFallbackJunit } from '../../reporters/render-junit.ts'
import { variedModel } from './varied-model.ts'

type Counts = { tests: number; failures: number; errors: number; skipped: number }

/** Counts of one suite's body, from its <testcase> elements and what they hold. */
function counted(body: string): Counts {
  const cases = [...body.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => m[1] ?? '')
  return {
    tests: cases.length,
    failures: cases.filter((c) => /<failure\b/.test(c)).length,
    errors: cases.filter((c) => /<error\b/.test(c)).length,
    skipped: cases.filter((c) => /<skipped\b/.test(c)).length,
  }
}

const attr = (attrs: string, name: string): number => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attrs)?.[1] ?? Number.NaN)

/** The run stopped part-way: from question `from` on, only `kept` attempts of each ran. */
function interrupted(m: RunModel, from: number, kept: number): RunModel {
  return { ...m, interrupted: true, questions: m.questions.map((q, i) => (i < from ? q : { ...q, attempts: q.attempts.slice(0, kept) })) }
}

describe('junit.xml root totals', () => {
  const scenarios: Array<[string, RunModel]> = []
  for (let seed = 1; seed <= 12; seed++) {
    const m = variedModel(3 + (seed % 5), 1 + (seed % 3), seed)
    scenarios.push([`seed ${seed}`, m])
    scenarios.push([`seed ${seed}, interrupted`, interrupted(m, seed % m.questions.length, seed % 2)])
    scenarios.push([`seed ${seed}, nothing ran`, interrupted(m, 0, 0)])
  }
  test.each(scenarios)('%s: the root says the sums of its suites, each suite what it holds', (_, model) => {
    const p = produce(model)
    const xml = withSuite(renderFallbackJunit(p.model, p.aggregate, p.verdict), releaseCriteriaSuite(p.model, p.verdict, p.aggregate.success))
    const sum: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 }
    const suites = [...xml.matchAll(/<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g)]
    expect(suites).toHaveLength(2)
    for (const [, attrs, body] of suites) {
      const c = counted(body ?? '')
      for (const k of Object.keys(sum) as Array<keyof Counts>) {
        expect(attr(attrs ?? '', k), `suite ${k}`).toBe(c[k])
        sum[k] += c[k]
      }
    }
    const root = /<testsuites\b([^>]*)>/.exec(xml)?.[1] ?? ''
    for (const k of Object.keys(sum) as Array<keyof Counts>) expect(attr(root, k), `root ${k}`).toBe(sum[k])
  })

  test('a document from Vitest (root without skipped) gains the release suite: its root is recounted too', () => {
    const vitest = [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      '<testsuites name="vitest tests" tests="3" failures="1" errors="0" time="1.0">',
      '  <testsuite name="tests/a.spec.ts" tests="3" failures="1" errors="0" skipped="1" time="1.0">',
      '    <testcase name="a"/>',
      '    <testcase name="b"><failure message="x">x</failure></testcase>',
      '    <testcase name="c"><skipped/></testcase>',
      '  </testsuite>',
      '</testsuites>',
    ].join('\n')
    const added = {
      xml: '  <testsuite name="release-criteria" tests="2" failures="0" errors="0" skipped="1" time="0">\n    <testcase name="x"/>\n    <testcase name="y"><skipped message="w"/></testcase>\n  </testsuite>',
      tests: 2,
      failures: 0,
    }
    const root = /<testsuites\b([^>]*)>/.exec(withSuite(vitest, added))?.[1] ?? ''
    expect([attr(root, 'tests'), attr(root, 'failures'), attr(root, 'errors'), attr(root, 'skipped')]).toEqual([5, 1, 0, 2])
    expect(root).toContain('name="vitest tests"')
    expect(root).toContain('time="1.0"')
  })
})
