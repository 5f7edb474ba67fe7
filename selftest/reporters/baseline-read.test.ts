// A baseline is read back exactly as its report measured it (core/baseline.ts, core/measured.ts): samples.ndjson
// holds one line per request, warm-ups and security probes included, but the comparison must see the population of
// the baseline report's own summary — its measured question attempts — or its P95 and attempt count disagree with
// the report it comes from (a run of 15 attempts read back as 23, P95 28.8 ms read as 21 ms).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { readBaseline, SAMPLES_FILE } from '../../core/baseline.ts'
import type { RunModel } from '../../core/model.ts'
import { RATE_LIMITED_FAILURE } from '../../core/measured.ts'
import { reason } from '../../core/reason.ts'
import { quantileSorted7, sortedFloat64 } from '../../core/percentile.ts'
import { produce } from '../../reporters/pipeline.ts'
import { snapshotOf } from '../../reporters/compare.ts'
import { comparisonTerminal } from '../../reporters/render-comparison.ts'
import { aggregate } from '../../reporters/aggregate.ts'
import type { ValidationReport } from '../../reporters/report-schema.ts'
import { attempt, modelWith, question } from './make-model.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** 15 question attempts (one timed out), 2 warm-ups, 8 fast security probes: the shape of a default run. */
function runWithProbes(): RunModel {
  const latencies = Array.from({ length: 15 }, (_, i) => 10 + i * 1.25)
  const m = modelWith(latencies, {}, { warmup: 1, timeoutMs: 30 })
  m.questions[14] = { ...m.questions[14]!, attempts: [attempt({ latencyMs: 29.7, timedOut: true, ok: false, httpStatus: null })] }
  m.questions[0] = { ...m.questions[0]!, warmups: [attempt({ warmup: true, latencyMs: 400 })] }
  m.questions[1] = { ...m.questions[1]!, warmups: [attempt({ warmup: true, latencyMs: 350 })] }
  for (let i = 0; i < 8; i++)
    m.questions.push(
      question(`security.probe_${i}`, [attempt({ latencyMs: 2 + i * 0.1, intent: null, dataPresentation: false, visualizations: [] })], {
        category: 'security',
        probe: true,
        plannedAttempts: 0,
        expectedIntent: null,
        expectsData: null,
      }),
    )
  return m
}

function written(
  m: RunModel,
  withSamples: boolean,
): { path: string; summary: { attempts: number; latencyMs: { n: number; p50: number | null; p95: number | null } } } {
  const p = produce(m, '2026-11-20T10:00:00.000Z')
  const dir = mkdtempSync(join(tmpdir(), 'baseline-read-'))
  dirs.push(dir)
  const path = join(dir, 'validation-report.json')
  writeFileSync(path, p.json)
  if (withSamples) writeFileSync(join(dir, SAMPLES_FILE), p.samples)
  return { path, summary: p.report.summary }
}

describe('a baseline read back from its files', () => {
  test('samples.ndjson with probe and warm-up lines: the attempt count and P95 of the report’s own summary', () => {
    const m = runWithProbes()
    const { path, summary } = written(m, true)
    const samples = produce(m).samples.trim().split('\n')
    expect(samples.filter((l) => l.includes('"category":"security"'))).toHaveLength(8) // the file does hold the probes
    expect(samples).toHaveLength(25)
    const run = readBaseline(path)
    expect(summary.attempts).toBe(15)
    expect(run.latencies).toHaveLength(summary.latencyMs.n)
    expect(run.latencies).toHaveLength(15)
    expect(run.timeouts).toBe(1)
    const sorted = sortedFloat64(run.latencies)
    expect(quantileSorted7(sorted, 0.95)).toBeCloseTo(summary.latencyMs.p95 ?? Number.NaN, 3)
    expect(quantileSorted7(sorted, 0.5)).toBeCloseTo(summary.latencyMs.p50 ?? Number.NaN, 3)
  })

  test('the baseline read back is the same snapshot the run compared itself with (one rule, both sides)', () => {
    const m = runWithProbes()
    const { path } = written(m, true)
    const agg = aggregate(m)
    expect(readBaseline(path).latencies).toEqual(snapshotOf(m, agg).latencies)
    // The comparison's "N attempts measured" of the baseline: 15, as its report says, not 25 lines nor 23 requests.
    const again = runWithProbes()
    again.baseline = { run: readBaseline(path), maxRegression: 0.2 }
    expect(produce(again).report.comparison?.baseline.attempts).toBe(15)
  })

  test('without samples.ndjson the report’s attempts give the same population', () => {
    const m = runWithProbes()
    const { path, summary } = written(m, false)
    const run = readBaseline(path)
    expect(run.latencies).toHaveLength(summary.latencyMs.n)
    expect(quantileSorted7(sortedFloat64(run.latencies), 0.95)).toBeCloseTo(summary.latencyMs.p95 ?? Number.NaN, 3)
  })
})

describe("a samples.ndjson that is not the baseline report's", () => {
  // Left beside a report copied alone: another run's, an empty file, one holding only warm-ups. None may stand for
  // the baseline's latencies (they once replaced them silently; an empty one made C8 pass against nothing).
  const lines = (m: RunModel) => produce(m).samples.trim().split('\n')
  test.each([
    [
      'another run (other latencies)',
      (m: RunModel) =>
        lines(m)
          .map((l) => JSON.stringify({ ...JSON.parse(l), latencyMs: 3000 }))
          .join('\n'),
    ],
    ['empty', () => ''],
    [
      'warm-ups only',
      (m: RunModel) =>
        lines(m)
          .filter((l) => l.includes('"warmup":true'))
          .join('\n'),
    ],
    [
      'probes only',
      (m: RunModel) =>
        lines(m)
          .filter((l) => l.includes('"category":"security"'))
          .join('\n'),
    ],
    ['a part of its own lines', (m: RunModel) => lines(m).slice(0, 10).join('\n')],
  ])('%s: refused in one line naming both files', (_, samplesOf) => {
    const m = runWithProbes()
    const { path } = written(m, false)
    writeFileSync(join(path, '..', SAMPLES_FILE), `${samplesOf(m)}\n`)
    expect(() => readBaseline(path)).toThrow(/is not from the same run/)
  })

  test('its own samples, in another order: accepted', () => {
    const m = runWithProbes()
    const { path } = written(m, false)
    writeFileSync(join(path, '..', SAMPLES_FILE), `${lines(m).reverse().join('\n')}\n`)
    expect(readBaseline(path).latencies).toHaveLength(15)
  })
})

/** 12 measured attempts, and 6 a rate limiter refused (fast 429s and a proxy's 503 page): not executed, never measured. */
function runRateLimited(): RunModel {
  const m = modelWith(
    Array.from({ length: 12 }, (_, i) => 900 + i * 10),
    {},
    { timeoutMs: 5000 },
  )
  for (let i = 0; i < 6; i++) {
    const status = i % 3 === 2 ? 503 : 429
    m.questions[i]!.plannedAttempts = 2
    m.questions[i]!.attempts.push(
      attempt({
        index: 1,
        latencyMs: 3 + i,
        httpStatus: status,
        ok: false,
        rateLimited: true,
        intent: null,
        dataPresentation: false,
        visualizations: [],
        stages: {},
        failures: [reason(RATE_LIMITED_FAILURE, { status, page: status === 503, server: null, retryAfter: null })],
      }),
    )
  }
  return m
}

/**
 * The report at `path` rewritten as an older version wrote it: without each row's `rateLimited` mark (and codes),
 * and complete — before a rate limiter's refusals made a run incomplete, they were failed attempts like any other.
 */
function older(path: string, drop: ReadonlyArray<'rateLimited' | 'failureCodes'>): void {
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    schemaVersion: number
    run: { complete: boolean }
    questions: Array<{ attempts: Array<Record<string, unknown>> }>
  }
  report.schemaVersion = 2
  report.run.complete = true
  for (const q of report.questions) for (const a of q.attempts) for (const key of drop) delete a[key]
  writeFileSync(path, JSON.stringify(report))
}

describe('a baseline with rate-limited attempts and no samples.ndjson', () => {
  test('a run a rate limiter refused attempts of is incomplete: refused in one line, with or without its samples', () => {
    const m = runRateLimited()
    const { path } = written(m, false)
    expect(
      produce(m)
        .report.questions.flatMap((q) => q.attempts)
        .filter((a) => a.rateLimited === true),
    ).toHaveLength(6)
    const refusal =
      /is refused: the baseline run is incomplete \(NO-GO: 12 of 18 planned attempts measured\); expected the report of a complete release run/
    expect(() => readBaseline(path)).toThrow(refusal)
    expect(() => readBaseline(written(m, true).path)).toThrow(refusal)
  })

  test('an older report: its rows exclude the refused attempts, as samples.ndjson and this run’s side do', () => {
    const m = runRateLimited()
    const { path } = written(m, false)
    older(path, [])
    const run = readBaseline(path)
    expect(run.latencies).toHaveLength(12)
    expect(Math.min(...run.latencies)).toBe(900) // no 3-8 ms refusal among them
    expect(run.latencies).toEqual(snapshotOf(m, aggregate(m)).latencies)
    expect(run.rateLimitedUnknown).toBe(0)
  })

  test('a report from before the mark: its failure codes still tell the refused attempts apart', () => {
    const m = runRateLimited()
    const { path } = written(m, false)
    older(path, ['rateLimited'])
    const run = readBaseline(path)
    expect(run.latencies).toHaveLength(12)
    expect(run.rateLimitedUnknown).toBe(0)
  })

  test('a report that cannot tell: counted, and every comparison says its figures could not exclude them', () => {
    const m = runRateLimited()
    const { path } = written(m, false)
    older(path, ['rateLimited', 'failureCodes'])
    const run = readBaseline(path)
    expect(run.latencies).toHaveLength(18)
    expect(run.rateLimitedUnknown).toBe(6)
    const words = {
      en: "The baseline's figures could not exclude attempts refused by a rate limiter",
      fr: "Les chiffres de la référence n'ont pas pu exclure les tentatives refusées par un limiteur de débit",
    }
    for (const locale of ['fr', 'en'] as const) {
      const now = modelWith(
        Array.from({ length: 12 }, () => 1000),
        {},
        { locale },
      )
      now.baseline = { run, maxRegression: 0.2 }
      const p = produce(now)
      expect(p.report.comparison?.baseline).toMatchObject({ attempts: 18, rateLimitedUnknown: 6 })
      expect(p.markdown).toContain(words[locale])
      expect(p.markdown).toMatch(/\b6\b[^\n]*(429\/503)/)
      expect(p.html.replace(/&#39;/g, "'")).toContain(words[locale])
      expect(comparisonTerminal(p.aggregate.comparison!, locale).join('\n')).toContain(words[locale])
    }
  })
})

/** A report of 15 questions (one timed out) written and edited (`edit` changes the parsed JSON), at its path. */
function edited(edit: (report: ValidationReport) => void, model: RunModel = runWithProbes()): string {
  const { path } = written(model, false)
  const report = JSON.parse(readFileSync(path, 'utf8')) as ValidationReport
  edit(report)
  writeFileSync(path, JSON.stringify(report))
  return path
}

// A review accepted, and got GO from, files whose parts disagree: a regression hidden behind success flags, a
// "success rate 1,000 %" from a planned count of 3 over 30 rows. Every figure the comparison reads that the file's own
// rows recompute must agree with them, or the file is refused, naming the field.
describe('a baseline whose parts disagree is refused, naming the field', () => {
  test.each<[string, (r: ValidationReport) => void, RegExp]>([
    [
      'a question failed over rows all ok',
      (r) => (r.questions[3]!.success = false),
      /questions\[3\]\.success says false, its own attempts give true/,
    ],
    [
      'a question passed over a failed row',
      (r) => (r.questions[14]!.success = true),
      /questions\[14\]\.success says true, its own attempts give false/,
    ],
    ['a pass rate', (r) => (r.questions[2]!.passRate = 0), /questions\[2\]\.passRate says 0, its own attempts give 1/],
    ['planned attempts', (r) => (r.summary.plannedAttempts = 3), /summary\.plannedAttempts says 3, its own attempts give 15/],
    ['the success rate', (r) => (r.summary.successRate = 1), /summary\.successRate says 1, its own attempts give 0\.9333/],
    ['the question count', (r) => (r.summary.questions = 99), /summary\.questions says 99, its own attempts give 15/],
    ['the attempt count', (r) => (r.summary.attempts = 40), /summary\.attempts says 40, its own attempts give 15/],
    ['the timeouts', (r) => (r.summary.timeouts = 0), /summary\.timeouts says 0, its own attempts give 1/],
    [
      'the P95',
      (r) => (r.summary.latencyMs.p95 = (r.summary.latencyMs.p95 ?? 0) / 2),
      /summary\.latencyMs\.p95 says [\d.]+, its own attempts give 27\.375/,
    ],
    ['the measured count', (r) => (r.summary.latencyMs.n = 30), /summary\.latencyMs\.n says 30, its own attempts give 15/],
    [
      'complete with attempts missing',
      (r) => {
        const q = r.questions[5]!
        q.attempts = []
        q.success = false
        q.passRate = 0
        r.summary.attempts = 14
      },
      /questions\[5\]\.success|summary\.|run\.complete says true, its own attempts give "false \(questions\[5\] has fewer attempts than planned\)"/,
    ],
  ])('%s', (_, edit, field) => {
    const path = edited(edit)
    expect(() => readBaseline(path)).toThrow(/^VALIDATION_BASELINE=.* is refused: its parts disagree — /)
    expect(() => readBaseline(path)).toThrow(field)
  })

  test('the file as written is accepted (the same checks pass on what the reporter writes)', () => {
    expect(readBaseline(edited(() => {})).latencies).toHaveLength(15)
  })
})

describe('a baseline of a version or vocabulary this code does not know is refused', () => {
  test.each<[string, (r: ValidationReport) => void, RegExp]>([
    [
      'schemaVersion 99',
      (r) => Object.assign(r, { schemaVersion: 99 }),
      /is refused: schemaVersion 99 is unknown to this version, which reads versions 1 to 3/,
    ],
    ['schemaVersion "3"', (r) => Object.assign(r, { schemaVersion: '3' }), /is refused: schemaVersion "3" is unknown/],
    ['decision "MAYBE"', (r) => Object.assign(r, { decision: 'MAYBE' }), /is not a validation-report\.json \(\.decision: /],
    ['run.scope "sometimes"', (r) => Object.assign(r.run, { scope: 'sometimes' }), /is not a validation-report\.json \(\.run\.scope: /],
    ['no run.concurrency', (r) => Reflect.deleteProperty(r.run, 'concurrency'), /is not a validation-report\.json \(\.run\.concurrency: /],
  ])('%s', (_, edit, line) => {
    expect(() => readBaseline(edited(edit))).toThrow(line)
  })
})

// A baseline from a run that measured nothing (its target unreachable: 0 attempts, NO-GO) passed "no regression"
// against nothing: every comparison with it read "no detectable change" or "+100 pts improvement".
describe('a baseline that is no complete release run is refused in one line', () => {
  test.each<[string, (m: RunModel) => void, RegExp]>([
    [
      'a run whose target was unreachable',
      (m) => {
        m.preflightError = reason('target.unreachable', { url: 'http://127.0.0.1:9', error: 'ECONNREFUSED' })
        for (const q of m.questions) q.attempts = []
      },
      /the baseline run is incomplete \(NO-GO: 0 of 15 planned attempts measured\); expected the report of a complete release run/,
    ],
    ['an interrupted run', (m) => (m.interrupted = true), /the baseline run was interrupted/],
    ['an exploratory run', (m) => (m.scope = 'exploratory'), /the baseline is an exploratory run \(filtered, no release decision\)/],
  ])('%s', (_, edit, line) => {
    const m = runWithProbes()
    edit(m)
    const { path } = written(m, true)
    expect(() => readBaseline(path)).toThrow(line)
  })

  test('the report of a run still in progress', () => {
    expect(() => readBaseline(edited((r) => (r.run.state = 'running')))).toThrow(/the baseline is the report of a run still in progress/)
  })
})
