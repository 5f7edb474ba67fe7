// `npm run monitor` at the edges of a watch, against the reference service behind a loopback proxy: failures in
// the last step, answers that arrive after the planned end, a chat that stops answering, one route's dropped
// connection. Review 2026-12-04 (rev7): each of these read "Stable" or rolled back a healthy service.
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { fileTargets, REFERENCE_NOW, tokenEnv } from '../e2e/target.ts'
import type { WindowSummary } from '../../release/windows.ts'
import { type Action, faultProxy, type Seen } from './fault-proxy.ts'
import { readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

afterAll(removeTempDirs)
const target = fileTargets()
const QUICK = { MONITOR_STATUS_EVERY: '500ms', MONITOR_HEALTH_EVERY: '500ms', VALIDATION_LOCALE: 'en' }

async function watch(decide: (seen: Seen) => Action, env: Record<string, string>, onSpawn?: (child: ChildProcess, dir: string) => void) {
  const ref = await target()
  const proxy = await faultProxy(ref.url, decide)
  const dir = tempDir('monitor-end-')
  try {
    const run = await runCli(
      'monitor',
      { ...tokenEnv(ref), HARENA_BASE_URL: proxy.url, ...QUICK, VALIDATION_REPORT_DIR: dir, ...env },
      undefined,
      (c) => onSpawn?.(c, dir),
    )
    return { run, report: readReport(dir), counts: proxy.counts, events: readEvents(dir) }
  } finally {
    await proxy.close()
  }
}

const http500: Action = { status: 500, rewrite: () => ({ detail: 'boom' }) }

type WindowEvent = { type: 'window'; placed: string; window: WindowSummary; verdicts: Array<{ rule: string; state: string }> }
function readEvents(dir: string): Array<{ type: string } & Record<string, unknown>> {
  const path = join(dir, 'monitor-events.ndjson')
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : []
}
const windowEvents = (events: Array<{ type: string }>) => events.filter((e): e is WindowEvent => e.type === 'window')
const spanMs = (w: WindowSummary) => Date.parse(w.endedAt) - Date.parse(w.startedAt)

describe('npm run monitor: the end of a watch is judged like the rest', () => {
  it('failures in the last step (after the last scheduled evaluation) fire the rollback rule of the final window', async () => {
    // Steps every 2 s over 8 s; chat answers fail only from 6.6 s after the first chat on: the 6 s step saw none of
    // them, the whole watch is far from proving anything, the final window (2 s, ≈ 1 s of it failing) clearly fails.
    // The onset leaves ≈ 1 s of failures whatever the delay before the first chat: with 0.4 s (a 1 s step, onset at
    // 7.6 s) a loaded machine sent too few requests in it for the final window to prove anything.
    const { run, report } = await watch((s) => (s.chat && s.elapsedMs >= 6600 ? http500 : 'forward'), {
      MONITOR_DURATION: '8s',
      MONITOR_WINDOW: '2s',
      MONITOR_STEP: '2s',
      MONITOR_RPS: '20',
    })
    expect(report.monitor?.trigger?.rule.on, JSON.stringify(report.monitor?.trigger)).toBe('window')
    expect(report.monitor?.trigger?.reason.params.scope).toBe('window')
    expect(report.monitor?.evaluations).toBeGreaterThanOrEqual(4)
    expect(run.code, run.stderr).toBe(5)
    expect(run.stdout).not.toContain('Stable')
  }, 60_000)

  it("slow failures answered after the planned end: the re-check judges the requests SENT in the last window, never the wait's slow answers alone (no false rollback)", async () => {
    // Every 8th chat (12.5 %) answers a pipeline fallback 6 s late, the others at once. After the planned end only the
    // slow failures are still in flight: the re-check once judged the last 1.5 s of arrivals plus the whole 6 s wait
    // (≈ 40 % errors, its bound above 20 %: "Rollback recommended", exit 5). Judged on the requests sent in the last
    // 2 s, each with its answer, it reads ≈ 12 %, like every window before it.
    let chats = 0
    const slowFallback: Action = {
      delayMs: 6000,
      rewrite: (b) => ({ ...b, status: 'error', response: { message: 'Veuillez reessayer.', structured_data: [] } }),
    }
    const { run, report, events } = await watch((s) => (s.chat && ++chats % 8 === 0 ? slowFallback : 'forward'), {
      MONITOR_DURATION: '8s',
      MONITOR_WINDOW: '2s',
      MONITOR_STEP: '500ms',
      MONITOR_RPS: '20',
      MONITOR_MAX_IN_FLIGHT: '64',
    })
    expect(report.monitor?.trigger ?? null, run.stdout).toBeNull()
    expect(run.code, run.stdout).not.toBe(5)
    const recheck = windowEvents(events).filter((e) => e.placed === 'sent')
    expect(recheck).toHaveLength(1)
    const w = recheck[0]?.window as WindowSummary
    expect(spanMs(w)).toBeGreaterThanOrEqual(1750)
    expect(spanMs(w)).toBeLessThanOrEqual(2250)
    expect(w.errorRate ?? 1).toBeLessThan(0.2)
    // The table: every full window spans MONITOR_WINDOW; the answers of the wait are a partial window of their own.
    const table = report.monitor?.windows ?? []
    for (const t of table.filter((t) => !t.partial)) expect(spanMs(t)).toBe(2000)
    expect(table.at(-1)).toMatchObject({ partial: true })
    expect(Date.parse(table.at(-1)?.startedAt ?? '')).toBe(Date.parse(report.monitor?.startedAt ?? '') + 8000)
  }, 60_000)

  it('a monitor stopped (SIGSTOP) for 3 s mid-watch is never "Stable": the asks it missed and the stretch are named, windows over it partial (exit 1)', async () => {
    let stalled = false
    const stall = (child: ChildProcess, dir: string): void => {
      // Once the watch runs (its first window event), stop the monitor for 3 s, as a VM pause or a laptop's sleep.
      const events = join(dir, 'monitor-events.ndjson')
      const poll = setInterval(() => {
        if (stalled || !existsSync(events) || !readFileSync(events, 'utf8').includes('"type":"window"')) return
        stalled = true
        clearInterval(poll)
        child.kill('SIGSTOP')
        setTimeout(() => child.kill('SIGCONT'), 3000)
      }, 50)
    }
    const { run, report, events } = await watch(
      () => 'forward',
      { MONITOR_DURATION: '8s', MONITOR_WINDOW: '2s', MONITOR_STEP: '500ms', MONITOR_RPS: '20' },
      stall,
    )
    expect(stalled).toBe(true)
    expect(report.monitor?.paused.stalls, run.stdout).toBeGreaterThanOrEqual(1)
    expect(report.monitor?.paused.missed).toBeGreaterThan(20)
    // The stall is the first reason; a loaded machine may add that the monitor also fell behind its pace
    // (monitor.behind), which is not what this checks (a clean-clone CI run got both).
    expect(report.status).toBe('inconclusive')
    expect(report.reasons[0]?.code).toBe('monitor.paused')
    expect(run.code, run.stdout).toBe(1)
    expect(run.stdout).not.toContain('Stable')
    // No window over the stall is judged on its own, and the steps it slept through are not judged back to back.
    const stall0 = Date.parse(report.monitor?.paused.longest?.from ?? '')
    const stall1 = Date.parse(report.monitor?.paused.longest?.to ?? '')
    const over = windowEvents(events).filter((e) => Date.parse(e.window.endedAt) > stall0 && Date.parse(e.window.startedAt) < stall1)
    expect(over.length).toBeGreaterThan(0)
    for (const e of over) expect(e.window.partial).toBe(true)
    const burst = windowEvents(events).filter((e) => e.placed === 'arrived' && Math.abs(Date.parse(e.window.endedAt) - stall1) < 400)
    expect(burst.length).toBeLessThanOrEqual(2)
  }, 60_000)

  it('a monitor held up for less than a stall (SIGSTOP 0.9 s) says the planned asks it did not send; the watch is still judged', async () => {
    // A second review (2026-12-05): an interval drifting under load sent 274 of 400 planned asks, said nowhere.
    let held = false
    const hold = (child: ChildProcess, dir: string): void => {
      const events = join(dir, 'monitor-events.ndjson')
      const poll = setInterval(() => {
        if (held || !existsSync(events) || !readFileSync(events, 'utf8').includes('"type":"window"')) return
        held = true
        clearInterval(poll)
        child.kill('SIGSTOP')
        setTimeout(() => child.kill('SIGCONT'), 900)
      }, 50)
    }
    const { run, report } = await watch(
      () => 'forward',
      { MONITOR_DURATION: '6s', MONITOR_WINDOW: '2s', MONITOR_STEP: '500ms', MONITOR_RPS: '20' },
      hold,
    )
    expect(held).toBe(true)
    const behind = report.monitor?.behind ?? 0
    const stalled = report.monitor?.paused.missed ?? 0
    // Counted once, as fallen behind or (on a machine slow enough to make it a stall) as a stall's missed asks.
    expect(behind + stalled, run.stdout).toBeGreaterThanOrEqual(10)
    if (stalled === 0) expect(report.reasons.map((r) => r.code)).toContain('monitor.behind')
    expect(run.stdout).not.toContain('never "stable"')
  }, 60_000)

  it('a cross-user leak answered during the end-of-watch drain is a rollback, like one answered before', async () => {
    // Requests sent in the last 0.5 s are answered 1 s late, carrying user 2's id: they arrive after the planned end.
    const leak: Action = { delayMs: 1000, rewrite: (b) => ({ ...b, user_id: 2 }) }
    const { run, report } = await watch((s) => (s.chat && s.elapsedMs >= 2500 ? leak : 'forward'), {
      MONITOR_DURATION: '3s',
      MONITOR_WINDOW: '3s',
      MONITOR_RPS: '10',
    })
    expect(report.monitor?.trigger?.rule.id, run.stdout).toBe('rollback.leak')
    expect(run.code, run.stderr).toBe(5)
  }, 60_000)

  it('a chat that stops answering (health green) is never "Stable": its requests are judged at their deadline, the skipped sends said', async () => {
    // After the planned end the requests in flight are awaited to their own deadline (HARENA_TIMEOUT_MS): the hung
    // ones end as timeouts, judged like any, none left unanswered; the sends skipped for the full cap are named.
    const { run, report } = await watch((s) => (s.chat && s.elapsedMs >= 2000 ? 'hang' : 'forward'), {
      MONITOR_DURATION: '4s',
      MONITOR_WINDOW: '2s',
      MONITOR_RPS: '20',
      HARENA_TIMEOUT_MS: '3000',
    })
    expect(report.monitor?.overall.tally.requests).toBeGreaterThanOrEqual(20)
    expect(report.monitor?.unfinished.count, run.stdout).toBe(0)
    expect(report.monitor?.overall.tally.timeouts).toBeGreaterThan(0)
    expect(report.status).not.toMatch(/^stable/)
    expect(run.code, run.stderr).not.toBe(0)
    expect(report.reasons.map((r) => r.code)).toContain('monitor.skipped')
    expect(run.stdout).not.toContain('Stable')
  }, 60_000)

  it('health connections dropped while every chat answers: no "service down" (the chat route confirms the service is up), the failed checks named (exit 6)', async () => {
    const { run, report, counts } = await watch((s) => (s.health && s.elapsedMs >= 1000 ? 'drop' : 'forward'), {
      MONITOR_DURATION: '3s',
      MONITOR_WINDOW: '3s',
      MONITOR_RPS: '10',
      MONITOR_HEALTH_EVERY: '1s',
      MONITOR_ROLLBACK_CONSECUTIVE_FAILURES: '10',
      // 30 requests planned: on a loaded machine the watch has executed as few as 19 in its 3 s (below the default
      // 20 it would be "inconclusive", what another test proves); this test is about the health checks.
      MONITOR_MIN_SAMPLES: '10',
    })
    expect(report.monitor?.health.failed, run.stdout).toBeGreaterThan(0)
    expect(report.monitor?.trigger ?? null).toBeNull()
    // No rollback rule reached (the streak is 10 here), but a person looks: never a plain "Stable" (docs/release.md).
    expect(report).toMatchObject({ status: 'stable_with_health_failures', reasons: [{ code: 'monitor.health_failed' }] })
    expect(run.code, run.stderr).toBe(6)
    expect(counts.chat).toBeGreaterThan(report.monitor?.sent ?? 0) // the confirming chat requests
  }, 60_000)
})

describe('npm run monitor: after its rollback, the version it judged bad', () => {
  // Every chat fails until the rollback command has run (it leaves a file); then the service answers well again,
  // whatever version it reports: the command "rolled back" without changing the build.
  async function rolledBackInPlace(version: string | undefined) {
    const ref = await startReferenceServer({ port: 0, now: REFERENCE_NOW, ...(version ? { version } : {}) })
    const dir = tempDir('monitor-rollback-version-')
    const flag = join(dir, 'rolled')
    const proxy = await faultProxy(ref.url, (s) => (s.chat && !existsSync(flag) ? http500 : 'forward'))
    try {
      const run = await runCli('monitor', {
        ...tokenEnv(ref),
        HARENA_BASE_URL: proxy.url,
        ...QUICK,
        VALIDATION_REPORT_DIR: dir,
        MONITOR_DURATION: '30s',
        MONITOR_WINDOW: '2s',
        MONITOR_RPS: '20',
        RELEASE_ROLLBACK_COMMAND: `touch "${flag}"`,
      })
      return { run, report: readReport(dir) }
    } finally {
      await proxy.close()
      await ref.close()
    }
  }

  it('still reporting the version the watch judged bad: "Rollback FAILED" (exit 4), never verified', async () => {
    const { run, report } = await rolledBackInPlace('3.2.7')
    expect(report.monitor?.health.firstVersion).toBe('3.2.7')
    expect(report.verifyAfterRollback?.reasons.map((r) => r.code)).toEqual(['verify.version.still_running'])
    expect(report.status).toBe('rollback_failed')
    expect(run.code, run.stdout).toBe(4)
    expect(run.stdout).toContain('still reports 3.2.7')
  }, 60_000)

  it('a version that names no build ("2.0" on every v2 build): rolled back and verified, the version check said it cannot judge', async () => {
    const { run, report } = await rolledBackInPlace(undefined)
    expect(report.monitor?.health.firstVersion).toBe('2.0')
    expect(report.verifyAfterRollback).toMatchObject({ ok: true, warnings: [{ code: 'verify.version.unidentifiable' }] })
    expect(report.reasons.map((r) => r.code)).toContain('verify.version.unidentifiable')
    expect(run.code, run.stdout).toBe(3)
  }, 60_000)
})
