// `npm run monitor` when the service starts refusing the monitor's own credentials DURING the watch (a revoked token,
// a changed password, a user refused): the real monitor CLI as a child process against a loopback Harena that
// switches to 401/403 after a healthy start (credentials-switch.ts). What an operator needs from it: never "Stable"
// (the service is not seen any more), never a rollback (a credentials problem, not the deployment's), the reason in
// the terminal and the report, no token or password anywhere, and a watch that ends there instead of sending the
// refusing service a 401 per tick to its planned end (docs/release.md "Refused credentials").
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceServer } from '../../fixtures/reference/server.ts'
import { DEMO, REFERENCE_NOW, type Reference, tokenFor } from '../e2e/target.ts'
import { type CredentialsSwitch, credentialsSwitch, type SwitchOptions } from './credentials-switch.ts'
import { type CliRun, readReport, removeTempDirs, runCli, tempDir } from './harness.ts'

// This file's loopback ports: each server takes the first free one of 49750-49799 — the range lies in the ephemeral
// one, where another process's connection may hold any port for a while.
const PORTS = Array.from({ length: 50 }, (_, i) => 49750 + i)

async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (const port of PORTS) {
    try {
      return await start(port)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    }
  }
  throw new Error(`no free loopback port in ${PORTS[0]}-${PORTS.at(-1)}`)
}
const IN_FLIGHT = 4
const ROLLBACK = { RELEASE_ROLLBACK_COMMAND: 'echo ROLLBACK-EXECUTED' }
const PACE = {
  VALIDATION_LOCALE: 'en',
  MONITOR_WINDOW: '4s',
  MONITOR_STEP: '500ms',
  MONITOR_RPS: '20',
  MONITOR_MAX_IN_FLIGHT: String(IN_FLIGHT),
  MONITOR_STATUS_EVERY: '1s',
  MONITOR_HEALTH_EVERY: '500ms',
}
const LOGIN = { HARENA_USERNAME: DEMO.user1.username, HARENA_PASSWORD: DEMO.user1.password }

let reference: Reference
const switches: CredentialsSwitch[] = []
beforeAll(async () => {
  reference = await onFreePort((port) => startReferenceServer({ port, now: REFERENCE_NOW, faultSeed: 7 }))
})
afterAll(async () => {
  await Promise.all(switches.map((s) => s.close()))
  await reference.close()
  removeTempDirs()
})

async function watch(options: Omit<SwitchOptions, 'port'>, env: Record<string, string>) {
  const sw = await onFreePort((port) => credentialsSwitch(reference.url, { ...options, port }))
  switches.push(sw)
  const dir = tempDir('monitor-credentials-')
  const run = await runCli('monitor', { HARENA_BASE_URL: sw.url, HARENA_USER_ID: '1', ...PACE, ...env, VALIDATION_REPORT_DIR: dir })
  // The switch happened: the watch was healthy, then refused.
  expect(sw.counts.chatBefore, run.stderr).toBe(options.acceptChats)
  expect(sw.counts.chatAfter, run.stderr).toBeGreaterThan(0)
  return { sw, dir, run, report: readReport(dir) }
}

/** No token the service saw, nor the password, in the terminal or in any file of the report directory. */
function expectNoSecret(sw: CredentialsSwitch, run: CliRun, dir: string): void {
  const files = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'))
  expect(files.length).toBeGreaterThanOrEqual(4)
  expect(sw.credentials.size).toBeGreaterThan(0)
  for (const secret of sw.credentials)
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ...files.map((f, i) => [`file ${i}`, f])])
      expect(text?.includes(secret), `${where} holds a credential`).toBe(false)
}

/** Inconclusive (exit 1), never "Stable", never a rollback: the first reason says the credentials were lost. */
function expectLost(w: Awaited<ReturnType<typeof watch>>, cause: RegExp): void {
  const { run, report, dir } = w
  expect(run.code, run.stderr + run.stdout).toBe(1)
  expect(report).toMatchObject({ status: 'inconclusive', decision: 'INCONCLUSIVE' })
  expect(report.monitor?.trigger).toBeNull()
  expect(run.stdout).toContain('Inconclusive')
  expect(run.stdout).not.toMatch(/Stable|Rollback recommended|ROLLBACK-EXECUTED/)
  expect(report.reasons[0]?.code).toBe('monitor.credentials_lost')
  expect(report.reasons[0]?.text).toMatch(cause)
  // The terminal's status line gives that reason; the Markdown report says it too.
  expect(run.stdout).toContain(`Inconclusive — the watch could not judge the service, a person decides — ${report.reasons[0]?.text}`)
  expect(readFileSync(join(dir, 'monitor-report.md'), 'utf8')).toContain('could not be renewed')
  // What was judged before the switch stays judged: every accepted answer, none of the refusals.
  expect(report.monitor?.overall.tally).toMatchObject({ requests: w.sw.counts.chatBefore, ok: w.sw.counts.chatBefore })
  expect(report.monitor?.overall.tally.credentialsRefused).toBeGreaterThan(0)
  // The watch stopped when the credentials were lost, long before its planned end: every request it sent reached
  // the service, and the last ones are the few already on their way.
  expect(report.monitor?.credentialsLost).not.toBeNull()
  expect(report.monitor?.durationMs).toBeLessThan(report.monitor?.plannedMs ?? 0)
  expect(report.monitor?.sent).toBe(w.sw.counts.chatBefore + w.sw.counts.chatAfter)
  expectNoSecret(w.sw, run, dir)
}

describe('npm run monitor: the credentials refused during the watch', () => {
  // Review: a token revoked for the last part of a watch read "✅ Stable in production", exit 0 (the service unseen
  // since), and the watch asked on with it to its planned end — a 401 per tick.
  it('HARENA_API_TOKEN revoked mid-watch: inconclusive, exit 1, the watch stops at once — never "Stable", never a rollback', async () => {
    // 120 accepted asks take 6 s of the 20 s planned: a loaded machine that falls behind its pace (a CI run sent 114
    // in 11 s) still reaches the switch long before the planned end.
    const w = await watch({ acceptChats: 120, refuse: 'everything' }, { HARENA_API_TOKEN: tokenFor(1), MONITOR_DURATION: '20s', ...ROLLBACK })
    expectLost(w, /HTTP 401 to the token, and HARENA_API_TOKEN alone cannot log in again/)
    // Nothing can renew a bare token: the first refusal ends the watch; only the requests already in flight follow it.
    expect(w.sw.counts.chatAfter).toBeLessThanOrEqual(IN_FLIGHT)
  }, 60_000)

  // Review: with a login configured, every 401 started a new login — 128 refused passwords in 5 s at 20 r/s, the
  // pattern an account lockout or an intrusion alarm waits for.
  it('a login configured, then the service refuses the token AND the login: one new login, refused, and the watch stops', async () => {
    const w = await watch({ acceptChats: 40, refuse: 'everything' }, { ...LOGIN, MONITOR_DURATION: '20s', ...ROLLBACK })
    expectLost(w, /HTTP 401, then logging in again failed: login .*refused \(HTTP 401\)/)
    expect(w.sw.counts).toMatchObject({ loginBefore: 1, loginAfter: 1 })
    // Chats keep their pace while the one login is answered, then nothing: once the refused login is answered, only
    // the requests already on their way. Counted from the login's answer, not as "about a second of pace": how long a
    // login takes is the machine's (on a loaded one, the monitor's login and its answer can take more than a second).
    expect(w.sw.counts.chatAfterLoginAnswered).toBeLessThanOrEqual(IN_FLIGHT)
  }, 60_000)

  it('a 403 mid-watch (the service refuses this user): no new login — it would be the same user — and the watch stops', async () => {
    const w = await watch({ acceptChats: 40, refuse: 'everything', status: 403 }, { ...LOGIN, MONITOR_DURATION: '20s', ...ROLLBACK })
    expectLost(w, /HTTP 403: the service refuses this user/)
    expect(w.sw.counts).toMatchObject({ loginBefore: 1, loginAfter: 0 })
    expect(w.sw.counts.chatAfter).toBeLessThanOrEqual(IN_FLIGHT)
  }, 60_000)

  // Review: a service refusing every token, its login working, was sent a new login per refused chat.
  it('a service that refuses every token, even the one a new login just gave: one new login, then the watch stops', async () => {
    const w = await watch({ acceptChats: 40, refuse: 'every token' }, { ...LOGIN, MONITOR_DURATION: '20s', ...ROLLBACK })
    expectLost(w, /HTTP 401 to a login's token before any answer got past authentication with it/)
    expect(w.sw.counts).toMatchObject({ loginBefore: 1, loginAfter: 1 })
    expect(w.sw.counts.chatAfterLoginAnswered).toBeLessThanOrEqual(IN_FLIGHT)
  }, 60_000)

  it('a token that expires mid-watch with a login configured: one new login renews it, the watch goes on to its end', async () => {
    // A looser pace than the others: a send skipped for a full in-flight cap on a busy machine reads inconclusive.
    const pace = { MONITOR_DURATION: '8s', MONITOR_RPS: '10', MONITOR_MAX_IN_FLIGHT: '16' }
    const w = await watch({ acceptChats: 30, refuse: 'old tokens' }, { ...LOGIN, ...pace })
    const m = w.report.monitor
    expect(w.sw.counts).toMatchObject({ loginBefore: 1, loginAfter: 1 })
    expect(m?.credentialsLost).toBeNull()
    // The new token answers: requests judged after the expiry, the refusals counted apart and said.
    expect(m?.overall.tally.requests).toBeGreaterThan(w.sw.counts.chatBefore)
    expect(m?.overall.tally.credentialsRefused).toBeGreaterThan(0)
    expect(m?.overall.errors).toBe(0)
    expect(w.report.reasons.map((r) => r.code)).toContain('monitor.credentials_refused')
    expect(w.run.code, w.run.stderr + w.run.stdout).toBe(0)
    expect(w.report.status).toBe('stable')
    expectNoSecret(w.sw, w.run, w.dir)
  }, 60_000)
})
