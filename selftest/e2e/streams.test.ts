// Proofs for VALIDATION_STREAM=true (docs/generations.md): the REAL suite as a child process asks through the
// stream route of the REAL reference (v2 and v3), measures time to first chunk per attempt, reports TTFC
// P50/P95/P99 in every document, grades a slow first chunk (CONDITIONAL / NO-GO through C6), and fails a stream
// that stalls, errors or ends without response_end — naming which.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { attemptsOf, cleanupTemp, describeRun, readReport, readSamples, REPORT_MD, runSuite } from './harness.ts'
import { criterionOf, generationEnv, generationTargets, pathsSeen, writeGenerationBank } from './generations-helpers.ts'

const target = generationTargets()
afterAll(cleanupTemp)

const STREAM = { VALIDATION_STREAM: 'true' }

describe('VALIDATION_STREAM=true on harena-v3', () => {
  test('a slow first chunk is CONDITIONAL through C6, with TTFC P50/P95/P99 in the terminal, Markdown, JSON and samples', async () => {
    // Every first chunk comes ≥ 300 ms after the statuses: above a 100 ms GO threshold, far below the NO-GO one.
    const ref = await target('harena-v3', [{ fault: { kind: 'slowFirstChunk', ms: 300 } }])
    const env = generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q11', 'q15'), {
      ...STREAM,
      VALIDATION_TTFC_GO_MS: '100',
      VALIDATION_TTFC_NOGO_MS: '30000',
    })
    const run = await runSuite({ env })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    const c6 = criterionOf(report, 'C6')
    expect(c6.status).toBe('warn')
    expect(c6.threshold).toEqual({ pass: 'ttfc_p95_ms<=100', warn: 'ttfc_p95_ms<=30000' })
    expect(report.reasons.join(' ')).toMatch(/C6 : TTFC P95 .* entre 100 ms et 30.000 ms \(zone conditionnelle\)/)
    expect(pathsSeen(ref).filter((p) => p.endsWith('/stream'))).toEqual(Array(3).fill('/api/v3/conversation/1/stream'))
    // Every document carries the TTFC percentiles.
    const metrics = (report as unknown as { metrics: Record<string, { value: number | null }> }).metrics
    for (const m of ['ttfc_p50_ms', 'ttfc_p95_ms', 'ttfc_p99_ms']) expect(metrics[m]?.value).toBeGreaterThanOrEqual(299)
    expect(run.stdout).toMatch(/TTFC P50 [\d\s ,]+ms · P95 [\d\s ,]+ms · P99 [\d\s ,]+ms \(n = 3, en flux\)/)
    expect(readFileSync(join(run.reportDir, REPORT_MD), 'utf8')).toMatch(/TTFC \(premier fragment\) P50 \/ P95 \/ P99 : /)
    const samples = readSamples(run.reportDir) as Array<Record<string, unknown>>
    expect(samples).toHaveLength(3)
    for (const s of samples) {
      expect(s['ttfcMs'] as number).toBeGreaterThanOrEqual(299)
      expect(s['firstEventMs'] as number).toBeLessThanOrEqual(s['ttfcMs'] as number)
      expect(s['chunks'] as number).toBeGreaterThan(1)
    }
    // The assembled text went through the content checks (q15 asks back: a clarification), and the v3 stream's
    // missing intent is said, not failed — beside q01's KPI cards, which the set's v3 entry takes out (named too).
    expect(report.questions.every((q) => q.success)).toBe(true)
    expect((report.questions[0] as { notObservable?: string[] }).notObservable).toEqual(['kpi_cards', 'intent'])
  })

  test('a first chunk beyond the NO-GO threshold, an error event and a stream without response_end → NO-GO, each named', async () => {
    const ref = await target('harena-v3', [
      { match: 'tendances', fault: { kind: 'streamError' } },
      { match: 'Comparaison', fault: { kind: 'streamNoEnd' } },
      { fault: { kind: 'slowFirstChunk', ms: 300 } },
    ])
    const env = generationEnv(ref, 'harena-v3', writeGenerationBank('q01', 'q06', 'q11', 'q12'), {
      ...STREAM,
      VALIDATION_TTFC_GO_MS: '50',
      VALIDATION_TTFC_NOGO_MS: '100',
    })
    const run = await runSuite({ env })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    expect(criterionOf(report, 'C6').status).toBe('fail')
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q11')?.failures.join(' ')).toMatch(/observed a stream error event \(message "Failed to generate response: reference fault"\)/)
    // Cut off, said as such: an incomplete answer, not "a pipeline fallback" (a review, 2026-12-05).
    expect(byId.get('q12')?.failures.join(' ')).toMatch(
      /observed a stream cut off: neither response_end nor an error event, after \d+ answer chunk\(s\)/,
    )
    expect(byId.get('q12')?.failures.join(' ')).not.toMatch(/pipeline fallback/)
    expect(byId.get('q01')?.ok).toBe(true)
  })
})

describe('VALIDATION_STREAM=true on harena-v2', () => {
  test('a healthy v2 stream: TTFC reported, intent judged from the status event; C3 not applicable (no chart on a stream) → CONDITIONAL', async () => {
    const ref = await target('harena-v2')
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2', writeGenerationBank('q01', 'q07'), STREAM) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('CONDITIONAL')
    expect(criterionOf(report, 'C6').status).toBe('pass')
    expect(criterionOf(report, 'C3').status).toBe('not-applicable')
    expect(report.reasons.join(' ')).toMatch(/C3 .*non applicable/)
    expect(attemptsOf(report).map((a) => (a.intent as { group: string } | null)?.group)).toEqual(['transaction_search', 'transaction_search'])
    expect((report.questions[0] as { notObservable?: string[] }).notObservable).toEqual(['kpi_cards'])
    expect(run.stdout).toMatch(/TTFC P50 .* \(n = 2, en flux\)/)
  })

  test('a stream that stalls after its first chunk times out (reason says so); a route error object fails the attempt', async () => {
    const ref = await target('harena-v2', [
      { match: 'Carrefour', fault: { kind: 'streamStall' } },
      { match: 'mois dernier', fault: { kind: 'streamError', form: 'route' } },
    ])
    const run = await runSuite({ env: generationEnv(ref, 'harena-v2', writeGenerationBank('q01', 'q07'), { ...STREAM, HARENA_TIMEOUT_MS: '2000' }) })
    const report = readReport(run.reportDir)
    expect(report.decision, describeRun(run)).toBe('NO-GO')
    const byId = new Map(attemptsOf(report).map((a) => [a.questionId, a]))
    expect(byId.get('q07')).toMatchObject({ timedOut: true, ok: false })
    expect(byId.get('q07')?.failures[0]).toMatch(/^timed out after 2000 ms \(stream stalled after 1 chunk\(s\), no response_end\)$/)
    expect(byId.get('q01')?.failures.join(' ')).toMatch(/observed the stream route's error object \(message "Erreur traitement conversation"\)/)
    // The stalled attempt's TTFC is real (its first chunk came); the run's TTFC figures exist.
    const samples = readSamples(run.reportDir) as Array<Record<string, unknown>>
    expect(samples.find((s) => s['questionId'] === 'q07')?.['chunks']).toBe(1)
  })
})
