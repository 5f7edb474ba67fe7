// The rollback of `npm run monitor` as it runs: a service answering only HTTP 500 fires the rollback trigger at
// once, RELEASE_ROLLBACK_COMMAND runs (a real shell in its own process group) and the release is signalled while
// it runs — by the command itself (`kill -TERM $PPID`: its parent is the release), so the signal comes exactly then.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTargets, tokenEnv } from '../e2e/target.ts'
import { faultProxy } from './fault-proxy.ts'
import { alive, FAST_MONITOR, readReport, readText, removeTempDirs, runCli, serviceReasonCodes, signalWhen, tempDir } from './harness.ts'

afterAll(removeTempDirs)

const target = fileTargets()

async function failingService(dir: string): Promise<Record<string, string>> {
  const ref = await target([{ rate: 1, fault: { kind: 'http5xx', status: 500 } }])
  return { ...tokenEnv(ref), VALIDATION_REPORT_DIR: dir, VALIDATION_LOCALE: 'en', ...FAST_MONITOR, MONITOR_DURATION: '1m' }
}

describe('rollback under signals', () => {
  it('one SIGTERM while the rollback runs: it finishes, its check fails → "Rollback FAILED" (exit 4), the signal noted', async () => {
    const dir = tempDir('rollback-sigterm-')
    const run = await runCli('monitor', {
      ...(await failingService(dir)),
      RELEASE_ROLLBACK_COMMAND: `kill -TERM $PPID; sleep 1; touch "${join(dir, 'rolled')}"; echo rollback-done`,
    })
    expect(run.code, run.stderr).toBe(4)
    const report = readReport(dir)
    expect(report.status).toBe('rollback_failed')
    expect(report.decision).toBe('ROLLBACK')
    expect(report.rollback).toMatchObject({ exitCode: 0, stopped: false, ok: true })
    expect(report.verifyAfterRollback?.ok).toBe(false)
    expect(report.reasons.map((r) => r.code)).toContain('release.signal.let_finish')
    expect(run.stdout).toMatch(/Rollback FAILED/)
    expect(readText(dir, 'monitor-report.md')).toContain('SIGTERM came during the rollback')
  }, 60_000)

  it('a second SIGTERM while the rollback runs stops its whole group (TERM ignored → KILL): interrupted, the report says a rollback was stopped', async () => {
    const dir = tempDir('rollback-stopped-')
    const pid = join(dir, 'sleep.pid')
    const run = await runCli('monitor', {
      ...(await failingService(dir)),
      RELEASE_ROLLBACK_COMMAND: `trap '' TERM; sleep 30 & echo $! > "${pid}"; kill -TERM $PPID; sleep 1; kill -TERM $PPID; wait; touch "${join(dir, 'rolled')}"`,
    })
    expect(run.code, run.stderr).toBe(143)
    const report = readReport(dir)
    expect(report.status).toBe('interrupted')
    expect(report.rollback).toMatchObject({ stopped: true, ok: false })
    // Requests still in flight at the trigger are a note whose presence depends on the machine's load: not compared.
    // Every answer is a 500: the error-rate rule and the repeated-critical-bug rule both hold, and which one the
    // watch reaches first depends on the pace of the rotation under load — either is the trigger.
    const codes = serviceReasonCodes(report.reasons)
    expect(codes).toHaveLength(3)
    expect(codes[0]).toBe('release.interrupted')
    expect(['monitor.rate.above', 'monitor.critical_repeat']).toContain(codes[1])
    expect(codes[2]).toBe('release.command.stopped')
    expect(readText(dir, 'monitor-report.md')).toContain('the rollback was running and was stopped')
    // Nothing of the command outlives the release that reported it stopped.
    expect(alive(Number(readFileSync(pid, 'utf8')))).toBe(false)
    expect(readText(dir, 'rolled')).toBe('')
    const events = readText(dir, 'monitor-events.ndjson')
    expect(events).toMatch(/"type":"command_started".*"command":"rollback"/)
    expect(events).toMatch(/"type":"command_ended".*"stopped":true/)
  }, 60_000)

  it('SIGINT after the trigger fired, before the rollback started (answers in flight drain): "rollback due, not run — roll back by hand" first, decision ROLLBACK, exit 130', async () => {
    const ref = await target()
    // Every chat a 500, every 4th one never answered: after the trigger the release waits (up to 2 s) for those in
    // flight before the rollback — the signal comes then, as soon as the trigger is in monitor-events.ndjson.
    let chats = 0
    const proxy = await faultProxy(ref.url, (s) => (s.chat ? (++chats % 4 === 0 ? 'hang' : { status: 500 }) : 'forward'))
    const dir = tempDir('rollback-due-')
    const events = join(dir, 'monitor-events.ndjson')
    const signal = signalWhen(() => existsSync(events) && readFileSync(events, 'utf8').includes('"type":"trigger"'), 'SIGINT', 0, 10)
    try {
      const run = await runCli(
        'monitor',
        {
          ...tokenEnv(ref),
          HARENA_BASE_URL: proxy.url,
          VALIDATION_REPORT_DIR: dir,
          VALIDATION_LOCALE: 'en',
          ...FAST_MONITOR,
          MONITOR_DURATION: '1m',
          RELEASE_ROLLBACK_COMMAND: `touch "${join(dir, 'rolled')}"`,
        },
        undefined,
        signal.onSpawn,
      )
      expect(signal.sent).toBe(true)
      expect(run.code, run.stderr).toBe(130)
      const report = readReport(dir)
      // Before the fix: "Interrupted — a partial report, not a verdict", decision INTERRUPTED, nothing saying a rollback was due.
      expect(report).toMatchObject({ status: 'interrupted', decision: 'ROLLBACK', exitCode: 130 })
      expect(report.monitor?.trigger).not.toBeNull()
      const codes = serviceReasonCodes(report.reasons)
      expect(['monitor.rate.above', 'monitor.critical_repeat']).toContain(codes[0])
      expect(codes[1]).toBe('release.rollback.due_not_run')
      expect(codes).not.toContain('release.interrupted')
      const md = readText(dir, 'monitor-report.md')
      expect(md).toMatch(/^\*\*Status: ❌ Rollback due, not run \(interrupted before it\) — roll back by hand\*\*/m)
      expect(md).toContain(
        'rollback DUE, NOT RUN: SIGINT came after the trigger, before the rollback started (RELEASE\\_ROLLBACK\\_COMMAND not run) — roll back by hand',
      )
      expect(run.stdout).toContain('Rollback due, not run')
      expect(existsSync(join(dir, 'rolled'))).toBe(false)
    } finally {
      signal.stop()
      await proxy.close()
    }
  }, 60_000)

  it('credentials written in the rollback command never reach the terminal or a report, though `set -x` prints the command', async () => {
    const dir = tempDir('rollback-secret-')
    const run = await runCli('monitor', {
      ...(await failingService(dir)),
      RELEASE_ROLLBACK_COMMAND:
        'set -x; curl -s -H "Authorization: Bearer gh_tok_S3cr3tRollbackTokenXYZ" -u ops:Hunter2Pass http://deploy:UrlPassw0rd@127.0.0.1:1/rollback; exit 7',
    })
    expect(run.code, run.stderr).toBe(4)
    const report = readReport(dir)
    expect(report.rollback?.outputTail).toContain('+ curl')
    // Masked whole, not by fragments: the token's "Rollback" leaves the report's own words alone.
    expect(report).toMatchObject({ status: 'rollback_failed', decision: 'ROLLBACK' })
    expect(readText(dir, 'monitor-report.md')).toContain('Rollback FAILED')
    for (const text of [
      run.stdout,
      run.stderr,
      ...['md', 'json', 'html'].map((x) => readText(dir, `monitor-report.${x}`)),
      readText(dir, 'monitor-events.ndjson'),
    ])
      for (const secret of ['S3cr3tRollbackToken', 'Hunter2Pass', 'UrlPassw0rd']) expect(text).not.toContain(secret)
  }, 60_000)

  // A review (2026-12-06): the rollback command was a script path; its `set -x` printed the database password and
  // the deploy token it read from the environment, verbatim on the terminal and in monitor-report.*.
  it('credentials a rollback SCRIPT prints (from the environment, by structure) never reach the terminal or a report', async () => {
    const dir = tempDir('rollback-script-secret-')
    mkdirSync(dir, { recursive: true })
    const script = join(dir, 'rb.sh')
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        'set -x',
        'true "postgresql://harena:${DB_PASSWORD}@db.internal/harena"',
        'true -H "Authorization: Bearer $DEPLOY_TOKEN"',
        'echo "aws key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnr/K7MDENG+bPxRfiCYEXAMPLEKEY; PGPASSWORD=Pr1nted-Pw-77"',
        'exit 0',
        '',
      ].join('\n'),
      { mode: 0o755 },
    )
    const run = await runCli('monitor', {
      ...(await failingService(dir)),
      DB_PASSWORD: 'Zq8-envsecret-42',
      DEPLOY_TOKEN: 'dtok_9f8e7d6c5b4a3f2e1d0c',
      RELEASE_ROLLBACK_COMMAND: script,
    })
    expect(run.code, run.stderr).toBe(4)
    const report = readReport(dir)
    expect(report.rollback?.outputTail).toContain('postgresql://harena:***@db.internal/harena')
    for (const text of [
      run.stdout,
      run.stderr,
      ...['md', 'json', 'html'].map((x) => readText(dir, `monitor-report.${x}`)),
      readText(dir, 'monitor-events.ndjson'),
    ])
      for (const secret of ['Zq8-envsecret-42', 'dtok_9f8e7d6c5b4a3f2e1d0c', 'wJalrXUtnr', 'Pr1nted-Pw-77']) expect(text).not.toContain(secret)
  }, 60_000)

  // A review (2026-12-05): an earlier release's "FAILED" verify-report.md stayed beside a new watch, and the new
  // rollback report pointed to it ("that one stays in verify-report.md").
  it('npm run monitor removes an earlier verify-report.*; its rollback report points to no deployment verify', async () => {
    const dir = tempDir('rollback-stale-verify-')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'verify-report.md'), '# Deployment verification — FAILED\n')
    writeFileSync(join(dir, 'verify-report.json'), '{"check":"deployment","ok":false}\n')
    const run = await runCli('monitor', { ...(await failingService(dir)), RELEASE_ROLLBACK_COMMAND: 'echo rollback-noop' })
    expect(run.code, run.stderr).toBe(4)
    expect(existsSync(join(dir, 'verify-report.md'))).toBe(false)
    expect(existsSync(join(dir, 'verify-report.json'))).toBe(false)
    const md = readText(dir, 'rollback-verify-report.md')
    expect(md).toContain('this run verified no deployment (no verify-report.md)')
    expect(md).not.toContain('stays in verify-report.md')
  }, 60_000)
})
