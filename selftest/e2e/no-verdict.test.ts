// The whole gate (child process, loopback reference server): a run whose reporter cannot produce its verdict leaves
// no "running" behind and no earlier GO: every document says NO-GO and why, the run exits 1, and the error's text —
// which here quotes the run's token — is scrubbed in the documents and on stderr (reporters/in-progress.ts).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, JUNIT, pick, REPORT_JSON, REPORT_MD, runSuite, tempDir, writeBank } from './harness.ts'
import { fileTargets, type Reference, tokenEnv } from './target.ts'

const target = fileTargets()
let ref: Reference
let bank: string
beforeAll(async () => {
  ref = await target()
  bank = writeBank(pick('q01'))
})
afterAll(cleanupTemp)

describe('the verdict cannot be produced', () => {
  test.each(['fr', 'en'])('VALIDATION_LOCALE=%s: NO-GO on disk and exit 1, no "running", no earlier GO, no token', async (locale) => {
    const reportDir = tempDir('no-verdict')
    writeFileSync(
      join(reportDir, REPORT_JSON),
      `${JSON.stringify({ schemaVersion: 3, decision: 'GO', run: { state: 'finished', runId: 'earlier' } })}\n`,
    )
    const env = { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank, VALIDATION_LOCALE: locale }
    const token = tokenEnv(ref).HARENA_API_TOKEN as string
    const r = await runSuite({ env, reportDir, extraArgs: ['--config', 'selftest/e2e/broken-reporter.config.ts'], hardTimeoutMs: 90_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    expect(r.stderr).toContain('injected defect')
    // Not a verdict's report (no criterion, no figure): read as plain JSON.
    const report = JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8')) as Record<string, unknown>
    expect(report.decision).toBe('NO-GO')
    expect(report.exitCode).toBe(1)
    const run = report.run as { state?: string; runId?: string; complete?: boolean }
    expect(run.state).toBe('finished')
    expect(run.runId).not.toBe('earlier')
    expect(run.complete).toBe(false)
    expect(String(report.verdictLine)).toMatch(
      locale === 'fr' ? /impossible de produire le verdict : .*injected defect/ : /could not produce the verdict: .*injected defect/,
    )
    const md = readFileSync(join(reportDir, REPORT_MD), 'utf8')
    expect(md).toMatch(/^# Harena validation — NO-GO: /)
    const html = readFileSync(join(reportDir, 'validation-report.html'), 'utf8')
    expect(html).toContain('data-decision="NO-GO"')
    expect(html).not.toContain('data-state="running"')
    const junit = readFileSync(join(reportDir, JUNIT), 'utf8')
    expect(junit).toMatch(/<property name="decision" value="NO-GO"\/>/)
    expect(junit).toMatch(/<failure message="[^"]*injected defect/)
    // The token the error quoted: masked everywhere a person or a tool reads.
    for (const text of [r.stdout, r.stderr, JSON.stringify(report), md, html, junit]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(token.split('.')[2] as string)
    }
    expect(r.stderr).toContain('(Authorization: ***)')
  })

  test('the documents cannot be written part-way: NO-GO on disk where it can be, exit 1, the last line says so', async () => {
    const reportDir = tempDir('unwritten')
    const env = { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank, VALIDATION_LOCALE: 'en' }
    const r = await runSuite({ env, reportDir, extraArgs: ['--config', 'selftest/e2e/broken-writer.config.ts'], hardTimeoutMs: 90_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lastLine = r.stdout.trim().split('\n').pop() ?? ''
    expect(lastLine).toMatch(
      /^══ NO-GO — could not produce the verdict: cannot write validation-report.html to .*injected defect: ENOSPC.*\(exit 1\) ══$/,
    )
    const report = JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8')) as Record<string, unknown>
    expect(report).toMatchObject({ decision: 'NO-GO', exitCode: 1, run: { state: 'finished', complete: false } })
    expect(readFileSync(join(reportDir, REPORT_MD), 'utf8')).toMatch(/^# Harena validation — NO-GO: could not produce the verdict/)
    const html = readFileSync(join(reportDir, 'validation-report.html'), 'utf8')
    expect(html).toContain('data-decision="NO-GO"')
    expect(html).not.toContain('data-state="running"')
    const junit = readFileSync(join(reportDir, JUNIT), 'utf8')
    expect(junit).toMatch(/<property name="decision" value="NO-GO"\/>/)
    expect(junit).not.toMatch(/value="GO"/)
  })

  test('junit.xml cannot be written after the other documents were: the line names it, exit 1, no document says exit 0', async () => {
    // A full disk once left JSON "GO, exit 0" beside the start's "running" junit.xml, under a printed "GO (exit 0)", an
    // exit 1 and Vitest's "Unhandled Error" (review 2026-12-05).
    const reportDir = tempDir('junit-unwritten')
    const env = { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_WARMUP: '0', VALIDATION_QUESTIONS: bank, VALIDATION_LOCALE: 'en' }
    const r = await runSuite({ env, reportDir, extraArgs: ['--config', 'selftest/e2e/broken-junit-writer.config.ts'], hardTimeoutMs: 90_000 })
    expect(r.exitCode, describeRun(r)).toBe(1)
    const lastLine = r.stdout.trim().split('\n').pop() ?? ''
    expect(lastLine).toMatch(/^══ NO-GO — could not produce the verdict: cannot write junit\.xml to .*injected defect: ENOSPC.*\(exit 1\) ══$/)
    expect(r.stdout).not.toMatch(/══ Harena validation: GO\b/)
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/Unhandled Error/)
    const report = JSON.parse(readFileSync(join(reportDir, REPORT_JSON), 'utf8')) as Record<string, unknown>
    expect(report).toMatchObject({ decision: 'NO-GO', exitCode: 1, run: { state: 'finished', complete: false } })
    expect(readFileSync(join(reportDir, REPORT_MD), 'utf8')).toMatch(
      /^# Harena validation — NO-GO: could not produce the verdict: cannot write junit\.xml/,
    )
    expect(readFileSync(join(reportDir, 'validation-report.html'), 'utf8')).toContain('data-decision="NO-GO"')
    const junit = readFileSync(join(reportDir, JUNIT), 'utf8')
    expect(junit).toMatch(/<property name="decision" value="NO-GO"\/>/)
    expect(junit).not.toMatch(/<property name="state" value="running"\/>/)
  })
})
