// Stage figures from Server-Timing through the whole chain (docs/suite-rules.md §5 "Stage figures"): the REAL suite as
// a child process, the REAL reference service (its generation stage slowed by 400 ms, so an answer takes that long),
// and a loopback proxy that rewrites each answer's Server-Timing header the way the review found services write it:
// as sent (milliseconds), in seconds (every dur / 1000), with a stage longer than the whole exchange, and with entries
// the figures cannot use (negative, with a unit, no number, parts of a timed stage, a name of no plan stage).
// The report must use only the plausible answers, and say how many it left out and why.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, pick, readReport, REPORT_MD, runSuite, writeBank } from './harness.ts'
import { fileProxies } from './proxy.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
const proxy = fileProxies()
afterAll(cleanupTemp)

const ENV = {
  HARENA_TIMEOUT_MS: '8000',
  VALIDATION_ITERATIONS: '4',
  VALIDATION_WARMUP: '0',
  VALIDATION_LOCALE: 'en',
  VALIDATION_SECURITY: 'false',
}

/** `name;dur=x` entries of a Server-Timing value, each dur passed through `f`. */
function eachDur(header: string, f: (name: string, dur: number) => string): string {
  return header
    .split(',')
    .map((entry) => {
      const [name = '', dur = ''] = entry.trim().split(';dur=')
      return f(name, Number(dur))
    })
    .join(', ')
}

/** The four ways the review saw services write Server-Timing, one per chat request in turn. */
const REWRITES: ReadonlyArray<(header: string) => string> = [
  (h) => h,
  // A Python service timing with time.perf_counter(): seconds, its total included.
  (h) => eachDur(h, (name, dur) => `${name};dur=${(dur / 1000).toFixed(4)}`),
  // A stage longer than the whole exchange (a wrong clock or unit on one stage).
  (h) => eachDur(h, (name, dur) => `${name};dur=${name === 'search' ? 90000 : dur}`),
  // Entries the figures cannot use, beside a usable generation stage and total.
  (h) =>
    eachDur(h, (name, dur) => {
      if (name === 'intent_classification') return `${name};dur=-3`
      if (name === 'search') return `${name};dur=250ms`
      if (name === 'user_profile') return `${name};dur=abc`
      return `${name};dur=${dur}`
    }) + ', llm;dur=5, insights;dur=7, db;dur=2',
]

describe('stage figures: only plausible answers, every other one said', () => {
  test('seconds, a stage beyond the exchange and invalid entries are left out, counted and named; the rest is used', async () => {
    const ref = await target([{ fault: { kind: 'latency', stage: 'response_generation', ms: 400 } }])
    const front = await proxy(ref.url, (r) =>
      r.chatIndex === null
        ? { kind: 'forward' }
        : {
            kind: 'rewrite',
            rewrite: (status, body, headers) => {
              const sent = headers['server-timing']
              expect(typeof sent).toBe('string') // the reference times its stages on this route
              const rewrite = REWRITES[(r.chatIndex ?? 0) % REWRITES.length] as (h: string) => string
              return { status, body, headers: { ...headers, 'server-timing': rewrite(String(sent)) } }
            },
          },
    )
    const run = await runSuite({ env: { ...tokenEnv(ref), ...ENV, HARENA_BASE_URL: front.url, VALIDATION_QUESTIONS: writeBank(pick('q01', 'q07')) } })
    const report = readReport(run.reportDir)
    expect(front.chats(), describeRun(run)).toBe(8)

    expect(report.stageFigures).toMatchObject({ of: 8, used: 4, timedOut: 0, withoutTiming: 0, exceedsLatency: 2, secondsSuspected: 2 })
    expect(report.stageFigures?.dropped).toEqual([
      { why: 'negative', entries: 2, answers: 2, names: ['intent_classification'] },
      { why: 'unit', entries: 2, answers: 2, names: ['search'] },
      { why: 'not_a_number', entries: 2, answers: 2, names: ['user_profile'] },
      { why: 'inside_stage', entries: 4, answers: 2, names: ['llm', 'insights'] },
    ])
    expect(report.stageFigures?.unmapped).toEqual({ answers: 2, names: ['db'], distinct: 1 })

    // The search stage comes from the two answers as sent only: never 90,000 ms, never the seconds' 0.0x ms.
    const search = report.stages['search']
    expect(search).toMatchObject({ n: 2, of: 8, weak: true, status: 'within' })
    expect(search?.max ?? Number.NaN).toBeLessThan(500)
    // The generation stage (400 ms and more, as the service really spent) from the answers as sent and the fourth kind.
    expect(report.stages['response_generation']).toMatchObject({ n: 4, of: 8 })
    expect(report.stages['response_generation']?.p50 ?? 0).toBeGreaterThanOrEqual(400)

    const md = readFileSync(join(run.reportDir, REPORT_MD), 'utf8')
    expect(md).not.toContain('90,000')
    expect(md).toMatch(/^\| search \| [^|]+ \| [^|]+ \| [^|]+ \| 2 of 8 \| 500 ms \| ✅ P95 within budget — weakly supported \|$/m)
    expect(md).toContain('- stage figures of 2 of 8 answer(s) exceed their measured latency')
    expect(md).toContain('- stage figures of 2 of 8 answer(s) not used: their Server-Timing total × 1000 is their measured latency')
    // (Markdown escapes the underscores of names.)
    expect(md).toContain('- Server-Timing: 2 entries with a negative dur, in 2 answer(s) (intent\\_classification): not used')
    expect(md).toContain('- Server-Timing: 2 entries with a unit in dur')
    expect(md).toContain('- Server-Timing: 4 entries naming a part of a stage in answers that also timed the whole stage')
    expect(md).toContain('- Server-Timing: names that are no plan stage, in 2 answer(s): db — not in the stage figures')
    // Every document carries the same notes (the JSON's, in English whatever the locale).
    const notes = report.notes.map((n) => n.code)
    for (const code of ['note.stage_exceeds_latency', 'note.stage_seconds_suspected', 'note.stage_entries_dropped', 'note.stage_unmapped'])
      expect(notes).toContain(code)
  })
})
