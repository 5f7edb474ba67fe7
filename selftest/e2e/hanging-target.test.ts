// Reliability proof: a hanging target ends fast (issue 9). After K consecutive timeouts with no answer at all
// (VALIDATION_STOP_AFTER_TIMEOUTS, default 3) the run stops asking: the rest are "not executed (target not
// answering)", NO-GO. The proof counts what the target received — K requests, not one per planned attempt — so
// with a 60 s timeout the verdict comes after ≈ K × 60 s, not 30 × 60 s. No wall-clock assertion.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { englishIn, everythingRead } from './english.ts'
import { cleanupTemp, describeRun, pick, REPORT_MD, readReport, runSuite, writeBank } from './harness.ts'
import { chatRequests, fileTargets, tokenEnv } from './target.ts'

const target = fileTargets()
afterAll(cleanupTemp)

describe('a hanging target', () => {
  test('K = 3 silent timeouts → 3 requests sent of 7 planned, the rest not executed with the cause, NO-GO', async () => {
    const ref = await target([{ fault: { kind: 'hang' } }])
    // 5 questions × 1 measured + 2 warm-ups for the run = 7 requests planned; at concurrency 1 each would wait the timeout.
    const bank = writeBank(pick('q01', 'q04', 'q07', 'q10', 'q13'))
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '1500', VALIDATION_QUESTIONS: bank, VALIDATION_LOCALE: 'en' },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    // The duration bound, by construction: only K requests ever waited for the timeout.
    expect(chatRequests(ref.stats().requests)).toHaveLength(3)
    expect(run.stdout).toMatch(
      /this run sends 7 request\(s\): 5 question\(s\) × 1 attempt\(s\) \+ 2 warm-up\(s\) for the whole run, .* at concurrency 1/,
    )
    expect(run.stderr).toMatch(/target not answering: 3 consecutive timeouts with no answer at all/)
    const report = readReport(run.reportDir)
    expect(report.decision).toBe('NO-GO')
    expect(report.reasons[0]).toMatch(/Run stopped — target not answering/)
    expect(report.run.complete).toBe(false)
    expect(report.summary.attempts).toBeLessThan(report.summary.plannedAttempts)
    // The detector of the French run below sees the English of this one (it can fail).
    expect(englishIn(everythingRead(run)).length, 'English run').toBeGreaterThan(5)
  })

  test('a French run (VALIDATION_LOCALE unset) says all of it in French: terminal, reasons, Markdown, HTML, junit, evidence', async () => {
    const ref = await target([{ fault: { kind: 'hang' } }])
    const bank = writeBank(pick('q01', 'q04', 'q07', 'q10', 'q13'))
    const run = await runSuite({ env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '1500', VALIDATION_QUESTIONS: bank }, hardTimeoutMs: 60_000 })
    expect(run.exitCode, describeRun(run)).toBe(2)
    expect(run.stderr).toMatch(
      /harena-validation: cible muette : 3 délais dépassés consécutifs sans aucune réponse \(après 3 requête\(s\)\) : la campagne cesse d'interroger la cible/,
    )
    const report = readReport(run.reportDir)
    expect(report.reasons[0]).toBe(
      'Exécution arrêtée — cible muette : 3 délais dépassés consécutifs sans aucune réponse (après 3 requête(s)) ; les tentatives restantes ne sont pas exécutées.',
    )
    expect(report.reasonCodes[0]).toMatchObject({ code: 'gate.stopped', params: { cause: 'run.stop.silent', timeouts: 3, requests: 3 } })
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toContain(report.reasons[0])
    // No English sentence of any catalogue in anything a person reads (the JSON's failures are English by design).
    expect(englishIn(everythingRead(run)), describeRun(run)).toEqual([])
  })

  // Review 2026-12-04: the questions of a file start together and the first one took every slot, so a dead target had
  // to time out all its attempts before a second question (which the stop rule's streak must span) sent one: 21
  // timeouts for K = 2. The slots now go round the questions (tests/support/ask.ts).
  test('many attempts per question and no warm-up: still K requests, the streak spans two questions at once', async () => {
    const ref = await target([{ fault: { kind: 'hang' } }])
    const bank = writeBank(pick('q07', 'q08'))
    const run = await runSuite({
      env: {
        ...tokenEnv(ref),
        HARENA_TIMEOUT_MS: '300',
        VALIDATION_QUESTIONS: bank,
        VALIDATION_ITERATIONS: '20',
        VALIDATION_WARMUP: '0',
        VALIDATION_STOP_AFTER_TIMEOUTS: '2',
        VALIDATION_LOCALE: 'en',
      },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    // The stop rule wants the streak to span two questions: two requests and a stop mean each question sent one.
    expect(chatRequests(ref.stats().requests)).toHaveLength(2)
    expect(run.stderr).toMatch(/2 consecutive timeouts with no answer at all \(after 2 request\(s\)\)/)
  })

  test('VALIDATION_STOP_AFTER_TIMEOUTS=0 never stops: every planned request is sent', async () => {
    const ref = await target([{ fault: { kind: 'hang' } }])
    const bank = writeBank(pick('q01', 'q04'))
    const run = await runSuite({
      env: { ...tokenEnv(ref), HARENA_TIMEOUT_MS: '800', VALIDATION_QUESTIONS: bank, VALIDATION_STOP_AFTER_TIMEOUTS: '0' },
      hardTimeoutMs: 60_000,
    })
    expect(run.exitCode, describeRun(run)).toBe(2)
    expect(chatRequests(ref.stats().requests)).toHaveLength(4)
  })
})
