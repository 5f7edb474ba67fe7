// Every Phase 2 reason reads as a sentence in both languages (no raw code, no "undefined"), and the French one
// is French.
import { describe, expect, it } from 'vitest'
import { MONITOR_CATALOGUE } from '../../core/locale/monitor.ts'
import { say } from '../../core/locale/index.ts'
import { reason } from '../../core/reason.ts'
import { statusLine } from '../../release/labels.ts'
import { STATUS_SEVERITY } from '../../release/report.ts'

const SAMPLE = {
  window: 6,
  from: '06:26:09',
  to: '06:26:13',
  metric: 'error_rate',
  n: 132,
  count: 36,
  min: 20,
  rate: 0.273,
  lower: 0.204,
  upper: 0.354,
  threshold: 0.2,
  needed: 150,
  p95: 6200,
  question: 'q07',
  status: 200,
  last: 'ECONNREFUSED',
  first: 'chat q01: ECONNREFUSED',
  confirm: 'ECONNREFUSED',
  elapsedMs: 65_000,
  plannedMs: 1_800_000,
  windowMs: 300_000,
  requests: 130,
  errors: 29,
  nextMs: 12_000,
  inFlight: 1,
  health: 'ok',
  version: '3.2.7',
  path: 'api/v1/conversation/health',
  problem: 'HTTP 503',
  expected: '3.2.7',
  observed: '3.2.6',
  detail: 'expected a real answer',
  kind: 'http_5xx',
  decision: 'NO-GO',
  exitCode: 7,
  timedOut: false,
  after: 'deploy',
  files: 'reports/verify-report.md, reports/verify-report.json',
  url: 'http://127.0.0.1:8001',
  signal: 'SIGINT',
  ok: true,
}

describe('core/locale/monitor.ts', () => {
  for (const code of Object.keys(MONITOR_CATALOGUE)) {
    it(`${code} has a French and an English sentence`, () => {
      const fr = say(reason(code, SAMPLE), 'fr')
      const en = say(reason(code, SAMPLE), 'en')
      for (const text of [fr, en]) {
        expect(text).not.toContain(code)
        expect(text).not.toMatch(/undefined|NaN|\[object/)
        expect(text.length).toBeGreaterThan(10)
      }
      expect(fr).not.toBe(en)
    })
  }
  it('French figures use a decimal comma; English ones are written as the tables write them (27.3%, core/locale/format.ts)', () => {
    expect(say(reason('monitor.rate.above', SAMPLE), 'fr')).toContain('27,3 %')
    expect(say(reason('monitor.rate.above', SAMPLE), 'en')).toContain('27.3%')
  })
  it('a sliding window is named by its clock times only, as the report\'s "Fired" line and windows table name it (never its evaluation number)', () => {
    for (const code of ['monitor.rate.above', 'monitor.rate.unsure', 'monitor.p95.above', 'monitor.rate.within']) {
      expect(say(reason(code, SAMPLE), 'en')).toContain('window 06:26:09–06:26:13 UTC')
      expect(say(reason(code, SAMPLE), 'fr')).toContain('fenêtre 06:26:09–06:26:13 UTC')
      expect(say(reason(code, SAMPLE), 'en')).not.toMatch(/evaluation 6/)
      expect(say(reason(code, SAMPLE), 'fr')).not.toMatch(/évaluation 6/)
    }
  })
  // A review (2026-12-05): rounded up, a 21 ms wait read "waited 1 s" and a 5,024 ms one "waited 6 s (… 5 s)".
  it('readiness durations are written as they are: ms under a second, else seconds to one decimal, never longer than the limit', () => {
    const notReady = (waitedMs: number, timeoutMs: number, l: 'en' | 'fr') =>
      say(reason('verify.not_ready', { waitedMs, timeoutMs, problem: null }), l)
    expect(notReady(21, 1, 'en')).toContain('waited 21 ms after the command (RELEASE_READY_TIMEOUT 1 ms)')
    expect(notReady(5024, 5000, 'en')).toContain('waited 5 s after the command (RELEASE_READY_TIMEOUT 5 s)')
    expect(notReady(1460, 1500, 'en')).toContain('waited 1.5 s after the command (RELEASE_READY_TIMEOUT 1.5 s)')
    expect(notReady(1460, 1500, 'fr')).toContain('attendu 1,5 s après la commande (RELEASE_READY_TIMEOUT 1,5 s)')
    expect(notReady(60_000, 60_000, 'en')).toContain('waited 60 s')
    expect(say(reason('release.log.ready', { timeoutMs: 1 }), 'en')).toContain('at most 1 ms,')
    expect(say(reason('release.rollback.ready_stopped', { waitedMs: 6012 }), 'en')).toContain('after 6 s:')
  })
})

describe('the status line on the embedded reference service (no HARENA_BASE_URL)', () => {
  it('says, in both languages, what `npm run verify` says: the embedded reference service, not a deployment', async () => {
    const { statusLine } = await import('../../release/labels.ts')
    expect(statusLine('stable', 'fr', { embedded: true })).toBe('✅ Stable — service de référence embarqué, pas un déploiement')
    expect(statusLine('stable', 'en', { embedded: true })).toBe('✅ Stable — embedded reference service, not a deployment')
    expect(statusLine('stable', 'en', { alerts: 2, embedded: true })).toBe(
      '✅ Stable, 2 window alert(s) not confirmed over the watch — embedded reference service, not a deployment',
    )
    expect(statusLine('stable', 'fr', { embedded: true })).toContain(say(reason('release.reference_only'), 'fr'))
    // A deployment (HARENA_BASE_URL set) keeps its status.
    expect(statusLine('stable', 'fr')).toBe('✅ Stable en production')
    // A plain "Stable" (exit 0) never says "to investigate": its alerts held in some window, not confirmed over the watch.
    expect(statusLine('stable', 'en', { alerts: 1 })).toBe('✅ Stable in production, 1 window alert(s) not confirmed over the watch')
    expect(statusLine('stable_with_findings', 'en', { alerts: 1, confirmedAlerts: 1 })).toBe('⚠️ Stable — 1 alert(s): investigate')
    expect(statusLine('stable_with_findings', 'en', { objectivesMissed: 1, failingQuestions: 1 })).toBe(
      '⚠️ Stable — plan objectives missed, question(s) failing at every ask: investigate',
    )
    expect(statusLine('stable_with_findings', 'fr', { objectivesMissed: 1 })).toBe('⚠️ Stable — objectifs du plan manqués : enquêter')
    expect(statusLine('stable_with_findings', 'en', { slowQuestions: 1 })).toBe('⚠️ Stable — question(s) slow at most asks: investigate')
  })
})

// Review 2026-12-05: "⚠️ Stable — 1 critical answer(s) seen, below the rollback threshold: investigate — 1 critical
// answer(s) seen over 99 requests …" said the count twice; the status line now says the decision, the reason counts.
describe('the status line of a watch stable by every rule that saw what no rule acted on', () => {
  it('names the findings and the decision, never their counts (the first reason, printed after it, gives them)', async () => {
    const { statusLine } = await import('../../release/labels.ts')
    expect(statusLine('stable_with_critical', 'en', { critical: 7 })).toBe('⚠️ Stable — critical answers seen: investigate')
    expect(statusLine('stable_with_critical', 'fr', { critical: 7 })).toBe('⚠️ Stable — réponses critiques observées : enquêter')
    expect(statusLine('stable_with_health_failures', 'en', { healthFailed: 4 })).toBe('⚠️ Stable — failed health checks: investigate')
    expect(statusLine('stable_with_health_failures', 'fr', { healthFailed: 4 })).toBe('⚠️ Stable — contrôles de santé en échec : enquêter')
    expect(statusLine('stable_with_critical', 'en', { critical: 7, healthFailed: 4 })).toBe(
      '⚠️ Stable — critical answers seen, failed health checks: investigate',
    )
    // Alert episodes are not among the reasons: their count is said here, once, before the one decision.
    expect(statusLine('stable_with_critical', 'en', { critical: 7, alerts: 2 })).toBe('⚠️ Stable — critical answers seen, 2 alert(s): investigate')
    for (const status of ['stable_with_critical', 'stable_with_health_failures'] as const)
      expect(statusLine(status, 'en', { critical: 7, healthFailed: 4 })).not.toMatch(/[47]/)
  })
})

describe('a watch refused by a limiter: both causes said', () => {
  it('the monitor pace (lower MONITOR_RPS) and a backend in maintenance (503 + Retry-After on every request)', () => {
    // A review (2026-12-05): 503 + Retry-After on every chat, health OK, ended "lower MONITOR_RPS" only.
    for (const locale of ['en', 'fr'] as const) {
      const text = say(reason('monitor.rate_limited', { rateLimited: 40, answers: 40 }), locale)
      expect(text).toContain('MONITOR_RPS')
      expect(text).toContain('Retry-After')
      expect(text).toMatch(/maintenance/)
    }
  })
})

describe('a status reads as grave as it is, in every language', () => {
  // One source of severity (release/report.ts STATUS_SEVERITY): the HTML banner's colour reads it, and each status
  // label's mark must agree — a review found "⛔ Not deployed" in an amber banner.
  const MARKS = { ok: ['✅'], warn: ['⚠️'], stop: ['❌', '⛔'] } as const
  for (const locale of ['fr', 'en'] as const)
    it(`${locale}: each status label starts with its severity's mark`, () => {
      const statuses = Object.keys(STATUS_SEVERITY) as Array<keyof typeof STATUS_SEVERITY>
      expect(statuses.length).toBeGreaterThan(10)
      for (const status of statuses) {
        const line = statusLine(status, locale)
        expect(
          MARKS[STATUS_SEVERITY[status]].some((m) => line.startsWith(m)),
          `${status}: "${line}"`,
        ).toBe(true)
      }
    })
})

// A review, 2026-12-05 (monitor MONITOR_DOWN_GRACE): "— immediate rollback" after waiting 5 to 60 s; the grace wait
// said nowhere on the status line; commands stopped by a signal worded "exit code —"; an interrupted run said twice.
describe('Phase 2 wording after the grace and the signals', () => {
  it('"service down" says the rollback comes at once after the time without an answer, never "immediate"', () => {
    const down = reason('monitor.service_down', {
      first: 'chat q01: ECONNREFUSED',
      confirm: 'ECONNREFUSED',
      probes: 11,
      waitedMs: 5012,
      graceMs: 5000,
    })
    expect(say(down, 'en')).toMatch(/— rollback at once after 5 s of no answer$/)
    expect(say(down, 'fr')).toMatch(/— retour arrière aussitôt après 5 s sans réponse$/)
    expect(`${say(down, 'en')} ${say(down, 'fr')}`).not.toMatch(/immediate|immédiat/)
  })
  it('the status line says a "service down" confirmation is under way, and only then', () => {
    const params = { elapsedMs: 65_000, plannedMs: 1_800_000, windowMs: 5000, requests: 30, errors: 29, rate: 0.97, health: 'ok' }
    expect(say(reason('monitor.status', { ...params, downCheckMs: 2000, downGraceMs: 5000 }), 'en')).toMatch(
      /· "service down" being confirmed: 2 s of no answer of 5 s \(MONITOR_DOWN_GRACE\)$/,
    )
    expect(say(reason('monitor.status', { ...params, downCheckMs: 2000, downGraceMs: 5000 }), 'fr')).toContain('« service arrêté » en confirmation')
    expect(say(reason('monitor.status', params), 'en')).not.toContain('service down')
  })
  it('a backup, deployment or rollback stopped by a signal says the signal, not "exit code —"', () => {
    for (const code of ['release.backup.failed', 'release.deploy.failed', 'release.rollback.command_failed']) {
      const stopped = reason(code, { exitCode: null, signal: 'SIGKILL', timedOut: false })
      expect(say(stopped, 'en'), code).toContain('(stopped by SIGKILL)')
      expect(say(stopped, 'fr'), code).toContain('(commande arrêtée par SIGKILL)')
      expect(say(reason(code, { exitCode: 2, signal: null, timedOut: false }), 'en'), code).toContain('(exit code 2)')
    }
  })
  it('an interrupted run says which signal, not its status line again', () => {
    const note = say(reason('release.interrupted', { signal: 'SIGTERM' }), 'en')
    expect(note).toMatch(/^SIGTERM came before the end/)
    expect(note).not.toContain('a partial report, not a verdict')
    expect(statusLine('interrupted', 'en')).toContain('a partial report, not a verdict')
  })
})
