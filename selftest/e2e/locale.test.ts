// A French run (VALIDATION_LOCALE unset) of a failing service says everything in French: a 5xx, a fallback and a
// security probe whose guard is off, with their evidence (the Markdown's critical bugs, the evidence files, the
// probe's failure message in the terminal and junit). English-only fragments are found from the catalogues
// (selftest/e2e/english.ts); the JSON keeps its English failures, notes and probe requests by design (docs/reasons.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { englishIn, everythingRead } from './english.ts'
import { cleanupTemp, describeRun, JUNIT, pick, REPORT_MD, readReport, runSuite, writeBank } from './harness.ts'
import { fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('a French run of a failing service', () => {
  test('a 5xx, a fallback and a probe that gets another user’s data: French everywhere a person reads', async () => {
    const [q01, q07, q10] = pick('q01', 'q07', 'q10')
    const ref = await target([
      { match: q07!.message, fault: { kind: 'http5xx' } },
      { match: q10!.message, fault: { kind: 'fallback', stage: 'response' } },
      { fault: { kind: 'guardOff', guard: 'pathUser' } },
    ] as never)
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '10000', VALIDATION_QUESTIONS: writeBank([q01!, q07!, q10!]), VALIDATION_SECURITY: 'true' },
      hardTimeoutMs: 90_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    const report = readReport(run.reportDir)
    expect(report.security?.find((p) => p.id === 'other_user_path')?.ok, describeRun(run)).toBe(false)
    // The probe's request, in French where people read it; in English in the JSON, beside its English failure.
    expect(readFileSync(join(run.reportDir, JUNIT), 'utf8')).toContain(
      'Sonde de sécurité échouée : POST /api/v1/conversation/2 (jeton de l&apos;utilisateur 1)',
    )
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toMatch(
      /security\.other\\_user\\_path : bug critique security \(tentative 1, HTTP 200\) — POST \/api\/v1\/conversation\/2 \(jeton de l'utilisateur 1\) — corps : /,
    )
    expect(report.security?.find((p) => p.id === 'other_user_path')?.request).toBe('POST /api/v1/conversation/2 (token of user 1)')
    expect(englishIn(everythingRead(run)), describeRun(run)).toEqual([])
  })
})
