// One run, one text per judged figure (docs/verdict-rules.md, "Figures beside a threshold"): a success rate just
// under VALIDATION_MIN_SUCCESS_RATE once read "66,7 %" in the Markdown summary and metrics lines and in the category
// tables while the criteria table and the reason said "66,667 %" — a NO-GO whose summary read as if the rate met its
// 66,67 % threshold. The real suite runs as a child process against the reference service on loopback; every
// document it leaves (Markdown, HTML, JSON, junit.xml, evidence files) and its terminal output are read back.
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { allFiles, cleanupTemp, criterion, describeRun, pick, readReport, runSuite, writeBank } from './harness.ts'
import { REFERENCE_NOW, type Reference, tokenEnv } from './target.ts'

afterAll(cleanupTemp)
const started: Reference[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})

/** 2 of 3 = 66.6667 %: 0.0033 points under this threshold, so one decimal ("66.7 %") would read as meeting it. */
const THRESHOLD = 0.6667

/** A percentage as the documents write one, French or English ("66,667 %", "66.667%"), with what precedes it. */
const PERCENT = /(\d{1,3}(?:[.,]\d+)?)\s?%/g

interface Occurrence {
  text: string
  value: number
  before: string
  where: string
}

function percentages(where: string, text: string): Occurrence[] {
  return [...text.matchAll(PERCENT)].map((m) => ({
    text: m[1] as string,
    value: Number((m[1] as string).replace(',', '.')),
    before: text.slice(Math.max(0, (m.index ?? 0) - 12), m.index),
    where,
  }))
}

/** A threshold is written after a comparison ("< 66,67 %", "succès ≥ 66,67 %"): that is the threshold, not the rate. */
const AFTER_COMPARISON = /(<|>|≤|≥|&lt;|&gt;)\s*$/

/** Every written figure that reads as `x` (a percentage, 0..100) to within one-decimal rounding, thresholds apart. */
function occurrencesOf(all: Occurrence[], x: number, thresholdText: string): Occurrence[] {
  return all.filter((o) => Math.abs(o.value - x) <= 0.05 + 1e-9 && !(o.text === thresholdText && AFTER_COMPARISON.test(o.before)))
}

const distinct = (os: Occurrence[]): string[] => [...new Set(os.map((o) => o.text))]

describe('a success rate just under its threshold reads the same in every document of the run', () => {
  test.each([
    ['fr', '66,67'],
    ['en', '66.67'],
  ] as const)(
    '%s',
    async (locale, thresholdText) => {
      const [q01, q02, q03] = pick('q01', 'q02', 'q03') // one category: its rate is the run's rate
      // Any free port (a fixed one collided with another test's ephemeral port under load: EADDRINUSE).
      const ref = await startReferenceServer({
        port: 0,
        now: REFERENCE_NOW,
        faults: [{ match: q03!.message, fault: { kind: 'fallback' } }],
        faultSeed: 7,
      })
      started.push(ref)
      const run = await runSuite({
        env: {
          ...tokenEnv(ref),
          HARENA_TIMEOUT_MS: '5000',
          VALIDATION_QUESTIONS: writeBank([q01!, q02!, q03!]),
          VALIDATION_MIN_SUCCESS_RATE: String(THRESHOLD),
          VALIDATION_WARMUP: '0',
          VALIDATION_LOCALE: locale,
        },
      })
      expect(run.exitCode, describeRun(run)).toBe(2)
      const report = readReport(run.reportDir)
      const c1 = criterion(report, 'C1')
      const rate = c1.observed as number
      const { lower, upper } = c1.interval as { lower: number; upper: number }
      // The case this proof is about: under the threshold by less than 0.05 points, judged a failure.
      expect(rate).toBeLessThan(THRESHOLD)
      expect(THRESHOLD - rate).toBeLessThan(0.0005)
      expect(c1.status).toBe('fail')

      // Read as UTF-8 (allFiles keeps bytes as latin1): the comparison signs before a threshold must read as themselves.
      const files = allFiles(run.reportDir).map(([path]): [string, string] => [path, readFileSync(path, 'utf8')])
      const documents: Array<[string, string]> = [...files, ['stdout', run.stdout], ['stderr', run.stderr]]
      const all = documents.flatMap(([where, text]) => percentages(where, text))
      const rates = occurrencesOf(all, rate * 100, thresholdText)
      const where = (os: Occurrence[]) => os.map((o) => `${o.where}: …${o.before}${o.text}`).join('\n')
      // One text for the rate everywhere, never the threshold's own figure, and it reads as under the threshold.
      expect(distinct(rates), where(rates)).toHaveLength(1)
      expect(rates[0]?.text).not.toBe(thresholdText)
      expect(rates[0]!.value).toBeLessThan(THRESHOLD * 100)
      // It was found where the documents write it: summary, metrics, criteria, category and reason in the Markdown,
      // the criteria and category tables of the HTML, the terminal, junit.xml and the JSON's reasons.
      for (const file of ['validation-report.md', 'validation-report.html', 'validation-report.json', 'junit.xml', 'stdout'])
        expect(
          rates.some((o) => o.where.endsWith(file)),
          `${file}\n${where(rates)}`,
        ).toBe(true)
      expect(rates.filter((o) => o.where.endsWith('validation-report.md')).length, where(rates)).toBeGreaterThanOrEqual(5)
      expect(rates.filter((o) => o.where.endsWith('validation-report.html')).length, where(rates)).toBeGreaterThanOrEqual(3)
      // Each Wilson bound: one text wherever the run writes it (summary line, criteria and category tables).
      for (const bound of [lower, upper]) {
        const found = occurrencesOf(all, bound * 100, thresholdText)
        expect(found.length, where(found)).toBeGreaterThanOrEqual(4)
        expect(distinct(found), where(found)).toHaveLength(1)
      }
    },
    120_000,
  )
})
