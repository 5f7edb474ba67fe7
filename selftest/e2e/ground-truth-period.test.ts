// A dated ground truth, end to end (docs/grounding.md "Whose figures, and which days"): the REAL suite (child
// process) asks the REAL reference service (its today pinned to 2026-11-24) with a truth file made on another day.
// Review 2026-12: a truth made on 2026-10-15 failed 11 of 15 healthy answers ("expected total 305.75 €, the answer
// shows 184.43 €"), NO-GO, with nothing saying the file was the cause. Its answers searched other days than the
// truth's: still confronted (leaving them out let a wrong total through, a second review the same day), each failure
// beside a note naming the file's day and the days searched, and the run says the file looks stale — while a truth
// of the service's day fails a wrong figure, and an answer whose wire shows no days (a stream) is confronted on the
// file's word, said too.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { generateDataset, prepareDataset } from '../../fixtures/reference/domain/index.ts'
import { groundTruthOf } from '../../fixtures/reference/ground-truth.ts'
import { attemptsOf, cleanupTemp, describeRun, pick, readReport, REPORT_JSON, REPORT_MD, runSuite, tempDir, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

const FAST = { HARENA_TIMEOUT_MS: '15000', VALIDATION_ITERATIONS: '1', VALIDATION_WARMUP: '0', VALIDATION_LOCALE: 'en', VALIDATION_SECURITY: 'false' }
// "le mois dernier" (a whole month: any day after it), "cette semaine" and a 30-day window (the service's today
// exactly), and a day named with its year (the same on any day).
const BANK = pick('q01', 'q02', 'q05', 'q07', 'q13')

type Truth = { account?: Record<string, unknown>; questions: Record<string, Record<string, unknown>> }
interface JsonNote {
  code: string
  params: Record<string, unknown>
}

/** The reference's own truth of BANK as the generator writes it, on the day `now`. */
function truthOn(now: string): Truth {
  const dataset = generateDataset({ now: new Date(now) })
  prepareDataset(dataset)
  return groundTruthOf(dataset, 1, BANK) as Truth
}

function writeTruth(truth: Truth): string {
  const path = join(tempDir('truth'), 'truth.json')
  writeFileSync(path, JSON.stringify(truth))
  return path
}

/** The same truth in the older form: its day only, no question's own days. */
const withoutPeriods = (truth: Truth): Truth => ({
  ...truth,
  questions: Object.fromEntries(Object.entries(truth.questions).map(([id, { period: _days, ...figures }]) => [id, figures])),
})

async function runWith(truth: Truth, env: Record<string, string> = {}) {
  const ref = await target()
  const run = await runSuite({
    env: { ...tokenEnv(ref), ...FAST, VALIDATION_QUESTIONS: writeBank(BANK), VALIDATION_GROUND_TRUTH: writeTruth(truth), ...env },
    hardTimeoutMs: 150_000,
  })
  const json = JSON.parse(readFileSync(join(run.reportDir, REPORT_JSON), 'utf8')) as { notes: JsonNote[] }
  const truthFailures = attemptsOf(readReport(run.reportDir)).flatMap((a) =>
    a.failures.filter((f) => f.startsWith('ground truth')).map((f) => [a.questionId, f]),
  )
  return { run, report: readReport(run.reportDir), notes: json.notes, truthFailures }
}

describe('a truth made on another day than the service’s', () => {
  test.each([
    ['as the generator writes it (each question’s days)', (t: Truth) => t],
    ['in the older form (account.asOf only)', withoutPeriods],
  ])(
    '%s: confronted all the same — its differences fail, each beside a note naming the days, and the run says the file looks stale',
    async (_label, form) => {
      const { run, report, notes, truthFailures } = await runWith(form(truthOn('2026-10-15T12:00:00Z')))
      expect(truthFailures.length, describeRun(run)).toBeGreaterThan(0)
      expect(report.decision, describeRun(run)).toBe('NO-GO')
      const q01 = attemptsOf(report).find((a) => a.questionId === 'q01')!
      expect(q01.notes?.join(' ')).toMatch(
        /ground truth may not apply: this answer searched 2026-10-01\.\.2026-10-31, .*confronted with the truth all the same/,
      )
      // The day named with its year holds the same days: confronted, no note.
      expect(
        attemptsOf(report)
          .find((a) => a.questionId === 'q13')!
          .notes?.join(' ') ?? '',
      ).not.toMatch(/not applicable/)
      const stale = notes.find((n) => n.code === 'note.truth_stale')
      expect(stale?.params, describeRun(run)).toEqual({ count: 4, questions: ['q01', 'q02', 'q05', 'q07'], asOf: '2026-10-15' })
      expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain(
        '- ⚠️ the ground-truth file (VALIDATION\\_GROUND\\_TRUTH) looks stale, made for 2026-10-15: ',
      )
      expect(run.stdout + run.stderr).toMatch(/note: the ground-truth file \(VALIDATION_GROUND_TRUTH\) looks stale, made for 2026-10-15/)
    },
    180_000,
  )
})

describe('a truth made on the service’s day', () => {
  test('a wrong total fails; an answer that searched other days than the file gives for it is confronted, and noted', async () => {
    const truth = truthOn('2026-11-24T12:00:00Z')
    truth.questions.q01 = { ...truth.questions.q01, total: 1000 }
    truth.questions.q07 = { ...truth.questions.q07, total: 1, period: { from: '2026-09-01', to: '2026-09-30' } }
    const { run, report, notes, truthFailures } = await runWith(truth)
    expect(
      truthFailures.map(([id]) => id),
      describeRun(run),
    ).toEqual(['q01', 'q07'])
    expect(truthFailures[0]?.[1]).toMatch(/^ground truth: expected total 1000\.00 €, the answer shows 2661\.93 €/)
    expect(report.decision).toBe('NO-GO')
    expect(
      attemptsOf(report)
        .find((a) => a.questionId === 'q07')!
        .notes?.join(' '),
    ).toContain("ground truth may not apply: this answer searched 2026-10-26..2026-11-24, the truth's figures cover 2026-09-01..2026-09-30")
    // Other answers matched its days: another period for one answer, not a stale file.
    expect(notes.find((n) => n.code === 'note.truth_stale')).toBeUndefined()
    expect(notes.find((n) => n.code === 'note.truth_other_period')?.params).toEqual({ count: 1, questions: ['q07'], asOf: '2026-11-24' })
  }, 180_000)

  test('streamed (no searched days on the wire): confronted on the file’s word — a wrong total fails — and said', async () => {
    const truth = truthOn('2026-11-24T12:00:00Z')
    truth.questions.q01 = { ...truth.questions.q01, total: 1000 }
    const { run, notes, truthFailures } = await runWith(truth, { VALIDATION_STREAM: 'true' })
    expect(
      truthFailures.map(([id]) => id),
      describeRun(run),
    ).toEqual(['q01'])
    expect(notes.find((n) => n.code === 'note.truth_period_not_observable')?.params).toEqual({
      count: 5,
      questions: ['q01', 'q02', 'q05', 'q07', 'q13'],
      asOf: '2026-11-24',
    })
  }, 180_000)
})
