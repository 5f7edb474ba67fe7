// A command line that selects no question file (a file filter matching none, `--dir`, `--typecheck.only`,
// `--passWithNoTests`): the review found it replaced the release report with a NO-GO about a service it never asked
// (exit 2). Such a run asks nothing, gives no verdict and leaves every file of the report directory as it was; it says
// so in one line and exits 1. Real suite as a child process, real reference server on loopback.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cleanupTemp, describeRun, JUNIT, planQuestions, REPORT_JSON, REPORT_MD, runSuite, SAMPLES, tempDir } from './harness.ts'
import { chatRequests, fileTargets, type Reference, tokenEnv } from './target.ts'

const target = fileTargets()
let ref: Reference
beforeAll(async () => {
  ref = await target()
})
afterAll(cleanupTemp)

const EARLIER_GO = `${JSON.stringify({ schemaVersion: 2, decision: 'GO', run: { state: 'finished', runId: 'earlier' } })}\n`

function dirWithEarlierGo(): string {
  const dir = tempDir('no-question-file')
  for (const name of [REPORT_JSON, REPORT_MD, SAMPLES, JUNIT, 'validation-report.html'])
    writeFileSync(join(dir, name), name === REPORT_JSON ? EARLIER_GO : `earlier run: GO (${name})`)
  return dir
}

/** Every file of the directory with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}

describe('a run that selects no question file', () => {
  test.each([[['nosuchfile']], [['--dir', 'tests']], [['--typecheck.only']], [['--passWithNoTests', 'nosuchfile']]])(
    'vitest run %j: no request, no verdict, the report directory untouched, one line, exit 1',
    async (args) => {
      ref.resetStats()
      const reportDir = dirWithEarlierGo()
      const before = snapshot(reportDir)
      const r = await runSuite({ env: { ...tokenEnv(ref), VALIDATION_LOCALE: 'en' }, reportDir, extraArgs: args, hardTimeoutMs: 60_000 })
      expect(r.exitCode, describeRun(r)).toBe(1)
      expect(snapshot(reportDir)).toEqual(before)
      expect(ref.stats().requests).toEqual([])
      const out = `${r.stdout}\n${r.stderr}`
      expect(out).toContain(`harena-validation: no question file was selected by this command line`)
      expect(out).toContain(`the release report in ${reportDir} was not touched`)
      expect(out).not.toMatch(/NO-GO|exit 2/)
    },
    90_000,
  )

  // A review (2026-12-05): `-t zzz` still sent the run's 2 warm-ups (a real Harena: LLM tokens, tens of seconds), its
  // cost line counted 15 questions, and its report listed the warm-ups' questions as not executed (exit 0, JSON 2).
  // The global setup matches -t as Vitest does (tests/support/titles.ts): nothing matches, nothing is asked.
  test('vitest run -t zzz (a name filter matching no question or probe): no request at all, no document, one line, exit 1', async () => {
    ref.resetStats()
    const reportDir = dirWithEarlierGo()
    const before = snapshot(reportDir)
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_LOCALE: 'en', VALIDATION_SECURITY: 'true' },
      reportDir,
      extraArgs: ['-t', 'zzz'],
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(1)
    expect(snapshot(reportDir)).toEqual(before)
    expect(ref.stats().requests).toEqual([])
    const out = `${r.stdout}\n${r.stderr}`
    expect(out).toContain(`harena-validation: no question or probe matches the name filter /zzz/: nothing was asked of the service`)
    expect(out).toContain(`the release report in ${reportDir} was not touched`)
    expect(out).not.toMatch(/this run sends|NO-GO|exit 2|not executed/)
  }, 90_000)

  test('-t matches the full name, describe title included, as Vitest does: the cost line and the warm-ups are those questions only', async () => {
    ref.resetStats()
    const byMerchant = planQuestions().filter((q) => q.category === 'by_merchant')
    const r = await runSuite({
      env: { ...tokenEnv(ref), VALIDATION_LOCALE: 'en', VALIDATION_WARMUP: '2' },
      extraArgs: ['-t', 'Par marchand'],
      hardTimeoutMs: 60_000,
    })
    expect(r.exitCode, describeRun(r)).toBe(0)
    expect(r.stdout).toContain(`this run sends ${byMerchant.length + 2} request(s): ${byMerchant.length} question(s) × 1 attempt(s) + 2 warm-up(s)`)
    const asked = chatRequests(ref.stats().requests).map((q) => q.message)
    expect(asked).toHaveLength(byMerchant.length + 2)
    expect(new Set(asked)).toEqual(new Set(byMerchant.map((q) => q.message)))
  }, 90_000)
})
