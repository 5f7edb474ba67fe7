// One run, one set of figures: a rate's Wilson bound reads the same in the trigger sentence, the tables and every
// document (a review read 20.3 % in a sentence and 20.2 % in the table), and the HTML post-deployment report says
// everything the Markdown says, section by section (a review found it showing less). Real `npm run monitor` runs
// against the reference service on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fmtRateInterval } from '../../core/locale/format.ts'
import { say } from '../../core/locale/index.ts'
import '../../core/locale/monitor.ts'
import { rateLimits, judgeWindowRules, latencyThresholds, rulesFrom } from '../../release/triggers.ts'
import { addAttempt, emptyTally, newHistogram, recordLatency, summarize } from '../../release/windows.ts'
import type { JudgedAttempt } from '../../release/probe.ts'
import type { PostDeploymentReport } from '../../release/report.ts'
import type { MonitorSettings } from '../../release/settings.ts'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { htmlSections, markdownSections, missingFromHtml } from './documents.ts'
import { type CliRun, FALLBACK_40, fallbackWatch, readReport, readText, removeTempDirs } from './harness.ts'
import { judgedAttempt, planMonitorSettings } from './monitor-fixtures.ts'

afterAll(removeTempDirs)
const target = fileTargets()

const PLAN: MonitorSettings = planMonitorSettings()

const attempt = (ok: boolean): JudgedAttempt => judgedAttempt({ ok, fallback: !ok, reasons: ok ? [] : ['fallback'] })

/** The intervals "[a – b]" a text writes. */
const intervalsIn = (text: string): string[] => [...text.matchAll(/\[[^\][]*? – [^\][]*?\]/g)].map((m) => m[0])

describe('one rounding for every rate of a watch', () => {
  it('9 errors of 25: the Wilson lower bound 20.248 % reads 20,2 % in the trigger sentence, as in the tables (never rounded twice to 20,3 %)', () => {
    const rules = rulesFrom(PLAN)
    const tally = emptyTally(latencyThresholds(rules))
    const h = newHistogram()
    for (let i = 0; i < 25; i++) {
      addAttempt(tally, attempt(i >= 9))
      recordLatency(h, 1200)
    }
    const w = summarize(0, 0, 300_000, false, tally, h, PLAN.confidence)
    expect(w.errorInterval.lower).toBeCloseTo(0.20248, 5)
    const fired = judgeWindowRules(rules, w, PLAN.confidence).find((v) => v.rule.id === 'rollback.error_rate')
    expect(fired?.state).toBe('fired')
    const limits = rateLimits(rules, 'error_rate')
    for (const l of ['fr', 'en'] as const) {
      const sentence = say(fired?.reason ?? { code: '', params: {} }, l)
      const table = fmtRateInterval(w.errorInterval.lower, w.errorInterval.upper, l, limits)
      expect(table.startsWith(l === 'fr' ? '[20,2 %' : '[20.2%')).toBe(true)
      expect(intervalsIn(sentence)).toEqual([table])
    }
  })
})

describe('a real watch that rolls back: its documents agree', () => {
  let report: PostDeploymentReport
  let md = ''
  let html = ''
  let events = ''
  let run: CliRun

  beforeAll(async () => {
    const watched = await fallbackWatch(tokenEnv(await target(FALLBACK_40)), 'report-documents-')
    run = watched.run
    const dir = watched.dir
    report = readReport(dir)
    md = readText(dir, 'monitor-report.md')
    html = readText(dir, 'monitor-report.html')
    events = readText(dir, 'monitor-events.ndjson')
  }, 90_000)

  it('ran: 40 % of the answers are pipeline fallbacks, the error-rate rollback fired (exit 5)', () => {
    expect(run.code, run.stderr).toBe(5)
    expect(report.monitor?.trigger?.rule.id).toBe('rollback.error_rate')
  })

  it('the fired bound is written one way in the trigger sentence, the "fired" line, the JSON text and the HTML', () => {
    const m = report.monitor
    const w = m?.trigger?.evaluated
    if (!m || !w) throw new Error('no fired window')
    const limits = rateLimits(m.rules, 'error_rate')
    const written = fmtRateInterval(w.errorInterval.lower, w.errorInterval.upper, 'en', limits)
    const sentence = report.reasons[0]?.text ?? ''
    expect(intervalsIn(sentence)).toEqual([written])
    const htmlText = htmlSections(html)
      .map((s) => `${s.heading} ${s.text}`)
      .join(' ')
    const mdText = markdownSections(md)
      .map((s) => `${s.heading} ${s.text}`)
      .join(' ')
    for (const doc of [mdText, htmlText]) {
      expect(doc).toContain(sentence)
      expect(doc).toMatch(new RegExp(`Fired : Window .*${written.replace(/[[\]().%]/g, '\\$&')}`))
    }
  })

  it('every interval of a rate any document writes is the one rule applied to an interval of the JSON (no second rounding)', () => {
    const m = report.monitor
    if (!m) throw new Error('no watch')
    const limits = rateLimits(m.rules, 'error_rate')
    const summaries = [m.overall, ...m.windows, ...(m.trigger?.evaluated ? [m.trigger.evaluated] : [])]
    const allowed = new Set(summaries.map((w) => fmtRateInterval(w.errorInterval.lower, w.errorInterval.upper, 'en', limits)))
    // Every interval a reason of the run states (triggers, alerts) from its own exact parameters.
    for (const r of [...report.reasons, ...m.alerts.map((a) => a.first), ...m.whole.map((v) => v.reason)])
      if (typeof r.params.lower === 'number' || typeof r.params.upper === 'number')
        allowed.add(fmtRateInterval(r.params.lower as number | null, r.params.upper as number | null, 'en', limits))
    // The success rate's interval is another figure (1 − the error bounds): left out.
    const lines = markdownSections(md).flatMap((s) => [s.heading, ...s.atoms.filter((a) => !a.startsWith('Success Rate'))])
    const htmlWords = htmlSections(html)
      .map((s) => s.text)
      .join('\n')
      .replace(/Success Rate : \S+ \[[^\]]*\]/, '')
    const written = [...lines.flatMap(intervalsIn), ...intervalsIn(htmlWords), ...report.reasons.flatMap((r) => intervalsIn(r.text))]
    expect(written.length).toBeGreaterThan(m.windows.length)
    expect(written.filter((x) => !allowed.has(x))).toEqual([])
    // The event stream carries the exact values the sentences were written from, never values rounded first.
    const trigger = events.split('\n').find((l) => l.includes('"type":"trigger"')) ?? ''
    expect(trigger).toContain(String(m.trigger?.evaluated?.errorInterval.lower))
  })

  it('the HTML says everything the Markdown says, section by section (every heading, item, cell and figure)', () => {
    expect(markdownSections(md).length).toBeGreaterThan(8)
    expect(missingFromHtml(md, html)).toEqual([])
    // And the chart on top: the HTML only adds.
    expect(html).toContain('<polyline class="p95"')
  })
})
