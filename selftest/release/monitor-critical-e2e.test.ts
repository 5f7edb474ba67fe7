// `npm run monitor` and the plan's "critical bug detected" trigger (T4.7), against the reference service on loopback.
// Review 2026-12-05 (traceability): a watch of 99 requests with one HTTP 500 ended "✅ Stable en production", exit 0;
// and a question answering HTTP 500 every time it was asked never rolled back (its 1/15 rate is not proven above 5 %).
import { afterAll, describe, expect, it } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { fileTargets, REFERENCE_NOW, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { readReport, readText, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const QUICK = { MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', MONITOR_RPS: '20' }

describe('npm run monitor: critical answers', () => {
  it('one HTTP 500 among ≈ 100 answers reaches no rollback rule, yet never reads a plain "Stable": every document names it, exit 6', async () => {
    const ref = await target()
    let chats = 0
    const proxy = await faultProxy(ref.url, (s) => (s.chat && ++chats === 5 ? { status: 500, rewrite: () => ({ detail: 'boom' }) } : 'forward'))
    const dir = tempDir('monitor-critical-one-')
    try {
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: proxy.url,
        ...QUICK,
        MONITOR_DURATION: '5s',
        MONITOR_WINDOW: '5s',
        VALIDATION_REPORT_DIR: dir,
      })
      const report = readReport(dir)
      expect(report.monitor?.trigger, run.stdout).toBeNull()
      expect(report.monitor?.overall.tally.critical).toBe(1)
      expect(report).toMatchObject({ status: 'stable_with_critical', decision: 'INVESTIGATE', exitCode: 6 })
      expect(run.code, run.stderr).toBe(6)
      // The evidence: the count, the kind, the question, its HTTP status — first among the reasons.
      expect(report.reasons[0]).toMatchObject({ code: 'monitor.critical_observed', params: { count: 1, kinds: ['http_5xx × 1'] } })
      expect(report.reasons[0]?.text).toMatch(
        /^1 réponse\(s\) critique\(s\) observée\(s\) sur \d+ requêtes \(http_5xx × 1\) : q\d\d http_5xx HTTP 500 /,
      )
      // The status line says the decision, the first reason the evidence: the count once (it was said twice).
      const status = '⚠️ Stable — réponses critiques observées : enquêter'
      const evidence = report.reasons[0]?.text ?? ''
      expect(run.stdout).toContain(`harena-release: ${status} — ${evidence}`)
      const md = readText(dir, 'monitor-report.md')
      expect(md).toContain(`**Statut : ${status}** — 1 réponse(s) critique(s) observée(s) sur`)
      expect(md).not.toContain('Stable en production')
      const html = readText(dir, 'monitor-report.html')
      expect(html).toContain('data-status="stable_with_critical"')
      expect(html).toContain(`<strong>Statut : ${status}</strong></div><div> — 1 réponse(s) critique(s) observée(s) sur`)
      expect(html).not.toContain('Stable en production')
      for (const doc of [run.stdout, md, html]) {
        const line = doc.split('\n').find((l) => l.includes(status)) ?? ''
        expect(line.match(/réponse\(s\) critique\(s\)/g), line).toHaveLength(1)
      }
    } finally {
      await proxy.close()
    }
  }, 60_000)

  it('the same question answered HTTP 500 N times in a row is a recurring critical bug: rollback (exit 5), though its rate proves nothing; N is said', async () => {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, faults: [{ match: 'Carrefour', fault: { kind: 'http5xx' } }] })
    const dir = tempDir('monitor-critical-repeat-')
    try {
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        ...QUICK,
        MONITOR_DURATION: '8s',
        MONITOR_WINDOW: '8s',
        VALIDATION_REPORT_DIR: dir,
        VALIDATION_LOCALE: 'en',
      })
      const report = readReport(dir)
      expect(report.monitor?.trigger?.rule.id, run.stdout).toBe('rollback.critical_repeat')
      // 8 s at 20 asks/s plans 160 asks: N = 4 keeps a chance rollback at the tolerated 5 % under 1 % (release/triggers.ts).
      expect(report.monitor?.trigger?.reason.params).toMatchObject({ question: 'q07', kind: 'http_5xx', count: 4, threshold: 4 })
      expect(report.status).toBe('rollback_recommended')
      expect(run.code, run.stderr).toBe(5)
      expect(run.stdout).toContain('monitor: rollback when one question gets the same critical bug 4 times in a row (derived from 160 planned asks')
      expect(run.stdout).toContain('recurring critical bug: q07 got 4 critical answers (http_5xx) in a row')
      expect(readText(dir, 'monitor-report.md')).toContain('the same critical bug 4 times in a row (derived from 160 planned asks')
      // Before the fourth, q07's 500s were judged by the rate rule, which could not prove them (1 question in 15).
      expect(report.monitor?.overall.tally.critical).toBe(4)
    } finally {
      await ref.close()
    }
  }, 60_000)
})

// Review 2026-12-05 ("crit7"): 5 % HTTP 500 read "Stable — critical answers seen" (exit 6), 7 % "Inconclusive — the
// watch could not judge the service" (exit 1, the configuration error's code) over 275 judged answers.
describe('npm run monitor: a critical-bug rate above the rollback threshold that the watch cannot prove', () => {
  it('every 14th chat an HTTP 500 (7 %, 5 % tolerated): investigate with the figures, exit 6 — never "Inconclusive", exit 1', async () => {
    const ref = await target()
    let chats = 0
    const proxy = await faultProxy(ref.url, (s) => (s.chat && ++chats % 14 === 0 ? { status: 500, rewrite: () => ({ detail: 'boom' }) } : 'forward'))
    const dir = tempDir('monitor-critical-seven-')
    try {
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: proxy.url,
        ...QUICK,
        MONITOR_RPS: '10',
        MONITOR_DURATION: '20s',
        MONITOR_WINDOW: '5s',
        MONITOR_STEP: '1s',
        VALIDATION_LOCALE: 'en',
        VALIDATION_REPORT_DIR: dir,
      })
      const report = readReport(dir)
      expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
      expect(report.monitor?.overall.tally.critical).toBeGreaterThan(0)
      expect(report).toMatchObject({ status: 'investigate', exitCode: 6 })
      expect(run.code, run.stdout).toBe(6)
      // The unproven rollback estimate first (its figures), then the critical answers' evidence.
      expect(report.reasons.slice(0, 2).map((r) => r.code)).toEqual(['monitor.rate.unsure', 'monitor.critical_observed'])
      expect(report.reasons[0]?.params.id).toBe('rollback.critical_rate')
      expect(run.stdout).not.toMatch(/Inconclusive|could not judge/)
    } finally {
      await proxy.close()
    }
  }, 60_000)
})
